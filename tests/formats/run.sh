#!/bin/sh
# Format validation of payroll-export's outputs (TAP: "ok N - ...").
#
# Results come from bin/payroll-calc and the test pack here (fictional
# rates).  Each output is checked by something other than the exporter:
# xmllint against the ISO and EPC schemas, an npm NACHA parser (pinned in
# tests/package.json), python3-stdnum for IBAN, BIC and routing numbers,
# and check.py, which compares every amount with the results file.
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
BIN=$ROOT/bin
T=$ROOT/tests/formats
PY=/usr/bin/python3
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1796025600	# 2026-11-30 08:00 UTC: reproducible
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
# check DESC CMD...: ok when CMD exits 0; its output is shown otherwise.
check() {
	desc=$1
	shift
	if "$@" >"$W/log" 2>&1; then ok "$desc"; else
		notok "$desc"
		sed 's/^/# /' "$W/log"
	fi
}
# status WANT DESC CMD...: ok when CMD exits with status WANT.
status() {
	want=$1 desc=$2
	shift 2
	"$@" >"$W/out" 2>"$W/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$desc"; else
		notok "$desc (exit $got, want $want)"
		sed 's/^/# /' "$W/err"
	fi
}
has() { grep -q -- "$2" "$1"; }

if [ ! -x "$BIN/payroll-export" ] || [ ! -x "$BIN/payroll-calc" ]; then
	echo "not ok 1 - bin/payroll-export and bin/payroll-calc are built"
	exit 1
fi

# The independent NACHA parser, installed from the lock file when missing.
if [ ! -d "$ROOT/tests/node_modules/@midlandsbank/node-nacha" ]; then
	(cd "$ROOT/tests" && npm ci --ignore-scripts --no-audit --no-fund \
	    >"$W/npm.log" 2>&1) || sed 's/^/# npm: /' "$W/npm.log"
fi

pack=$T/pack.yaml
co=$ROOT/samples/company.yaml
sco=$ROOT/samples/sepa/company.yaml
calc() { "$BIN/payroll-calc" -q -r "$pack" "$@"; }
calc -p 2026-11 -Y "$W/ytd.csv" -o "$W/nov.csv" "$T/employees.csv"
calc -p 2026-12 -d 2026-12-31 -o "$W/dec.csv" "$T/employees-dec.csv"
calc -p 2026-11 -o "$W/edge.csv" "$T/employees-edge.csv"
calc -p 2026-11 -o "$W/bad-calc.csv" "$T/employees-bad.csv" 2>/dev/null
# payroll-calc refuses B002's negative net pay itself; the exporter must
# refuse it too in results made or edited elsewhere: B002's row as the
# rules give it (gross 1000.00, tax 11% 110.00, levy 2.5% 25.00, union
# fee 1500.00, employer levy 7.65% 76.50, net -635.00) goes back in.
{ sed -n 1,2p "$W/bad-calc.csv"
  echo 'B002,Owing,Olga,Ops,Clerk,2015-01-01,,021000021,33334444,checking,,DE12500105170648489890,,12000,0,0,0,1500,2026-11-01,2026-11-30,2026-11-30,1000.00,0.00,1000.00,0.00,110.00,25.00,1500.00,76.50,0.00,-635.00'
  sed -n '3,$p' "$W/bad-calc.csv"; } >"$W/bad.csv"
calc -p 2026-11 -o "$W/snov.csv" "$ROOT/samples/sepa/employees.csv"
calc -p 2026-12 -o "$W/sdec.csv" "$ROOT/samples/sepa/employees.csv"
check "test inputs: routing numbers pass python-stdnum" \
    $PY "$T/check.py" routing 021000021 011000015 091000019 121000358
EX() { "$BIN/payroll-export" "$@"; }

# ---- register
status 0 "register: exit 0" EX -F register -r "$pack" -c "$co" \
    -s "$W/reg-summary.csv" -o "$W/reg.csv" "$W/nov.csv" "$W/dec.csv"
check "register: every figure equals the results; the summary's totals are their sums" \
    $PY "$T/check.py" register "$W/reg.csv" "$pack" "$W/nov.csv" \
    "$W/dec.csv"
printf 'outputs:\n  x: [\n' >"$W/broken.yaml"
status 3 "register: a broken rule pack is a rules error" \
    EX -F register -r "$W/broken.yaml" "$W/nov.csv"
status 2 "register: without --rules is a usage error" \
    EX -F register "$W/nov.csv"

# ---- NACHA
status 0 "nacha: two pay dates, exit 0" EX -F nacha --unchecked -c "$co" \
    -o "$W/pay.ach" "$W/nov.csv" "$W/dec.csv"
if [ -d "$ROOT/tests/node_modules/@midlandsbank/node-nacha" ]; then
	check "nacha: parsed by @midlandsbank/node-nacha, formats back byte \
for byte" sh -c "node '$T/nacha_parse.js' '$W/pay.ach' >'$W/pay.json'"
	check "nacha: records, entries, hashes, totals, blocks recomputed \
from the parsed file match; amounts equal net_pay" \
	    $PY "$T/check.py" nacha "$W/pay.ach" "$W/pay.json" "$W/nov.csv" \
	    "$W/dec.csv"
	[ "$(grep -c '^5' "$W/pay.ach")" -eq 2 ] && ok "nacha: one batch \
per pay date" || notok "nacha: one batch per pay date"
	status 1 "nacha: no account and a new account: exit 1" \
	    EX -F nacha --unchecked -c "$co" -o "$W/edge.ach" "$W/edge.csv"
	has "$W/err" "'E011' (Cheque, Carl) has no bank account" &&
	    has "$W/err" "'E010': new account, prenote sent" &&
	    ok "nacha: the employees to pay by cheque are listed on stderr" ||
	    notok "nacha: the employees to pay by cheque are listed on stderr"
	check "nacha: prenote (code 33, zero) for the new account, the \
employee without an account left out" sh -c "node '$T/nacha_parse.js' \
'$W/edge.ach' >'$W/edge.json' && $PY '$T/check.py' nacha '$W/edge.ach' \
'$W/edge.json' --skip=E011 '$W/edge.csv'"
else
	for d in parse recompute batches edge-status edge-stderr edge-file; do
		notok "nacha: $d (the npm parser could not be installed)"
	done
fi
echo keep >"$W/old.ach"
status 1 "nacha: bad check digit, negative net pay, a name the format \
cannot carry: exit 1" EX -F nacha --unchecked -c "$co" -o "$W/old.ach" "$W/bad.csv"
has "$W/err" "bad.csv:2: field 'bank_routing': '[*][*][*][*]0022' is not a routing" &&
    has "$W/err" "bad.csv:3: field 'net_pay': -635.00: a payment must be" &&
    has "$W/err" "bad.csv:4: field 'last_name': character '王' (U+738B)" &&
    ok "nacha: each error says what, where (file:line: field) and why" ||
    notok "nacha: each error says what, where (file:line: field) and why"
[ "$(cat "$W/old.ach")" = keep ] && [ -z "$(ls "$W"/.old.ach.* 2>/dev/null)" ] &&
    ok "nacha: on error the old output is untouched, no temporary left" ||
    notok "nacha: on error the old output is untouched, no temporary left"
sed 's/pos: 30, len: 10, name: Amount/pos: 31, len: 10, name: Amount/' \
    "$ROOT/rules/formats/nacha-2026.yaml" >"$W/nacha-gap.yaml"
status 3 "nacha: a layout with a gap is a rules error" \
    EX -F nacha --unchecked -c "$co" -L "$W/nacha-gap.yaml" "$W/nov.csv"
has "$W/err" "nacha-gap.yaml:[0-9]*:[0-9]*: field 'Amount' starts at 31" &&
    ok "nacha: the layout error names file:line:column" ||
    notok "nacha: the layout error names file:line:column"
sed '2s/,5333.25$/,5333.26/' "$W/nov.csv" >"$W/edited.csv"
status 1 "results whose net pay does not add up are refused" \
    EX -F nacha -r "$pack" -c "$co" "$W/edited.csv"
has "$W/err" "edited.csv:2: field 'net_pay': 5333.26 is not gross_pay" &&
    ok "the edited net pay is named" || notok "the edited net pay is named"
status 4 "nacha: a full disk is a system error" \
    EX -F nacha --unchecked -c "$co" -o /dev/full "$W/nov.csv"

# ---- SEPA
status 0 "sepa: pain.001.001.09, two pay dates, exit 0" \
    EX -F sepa --unchecked -c "$sco" -o "$W/sct09.xml" "$W/snov.csv" "$W/sdec.csv"
check "sepa 09: valid against the ISO 20022 schema (xmllint)" \
    xmllint --noout --schema "$T/schemas/pain.001.001.09.xsd" "$W/sct09.xml"
check "sepa 09: valid against the EPC132-08 2025 schema (xmllint)" \
    xmllint --noout --schema \
    "$T/schemas/EPC132-08_2025_V1.0_pain.001.001.09.xsd" "$W/sct09.xml"
check "sepa 09: amounts equal net_pay, counts and sums recomputed, IBAN \
and BIC pass python-stdnum, SALA" \
    $PY "$T/check.py" sepa "$W/sct09.xml" 09 "$W/snov.csv" "$W/sdec.csv"
status 0 "sepa: pain.001.001.03 with --pain-version 03" \
    EX -F sepa --unchecked -P 03 -c "$sco" -o "$W/sct03.xml" "$W/snov.csv"
check "sepa 03: valid against the ISO 20022 V03 schema (xmllint)" \
    xmllint --noout --schema "$T/schemas/pain.001.001.03.xsd" "$W/sct03.xml"
check "sepa 03: amounts, counts, sums, IBAN and BIC" \
    $PY "$T/check.py" sepa "$W/sct03.xml" 03 "$W/snov.csv"
has "$W/sct09.xml" "<Nm>Juergen Mueller</Nm>" &&
    has "$W/sct09.xml" "<Nm>Frederic Dupont + Fils</Nm>" &&
    has "$W/sct09.xml" "<Nm>Zuzana Novakova</Nm>" &&
    ok "sepa: names transliterated to the SEPA set (ü ue, é e, & +)" ||
    notok "sepa: names transliterated to the SEPA set (ü ue, é e, & +)"
status 1 "sepa: bad IBAN, negative net, bad BIC, untransliterable name" \
    EX -F sepa --unchecked -c "$sco" -o "$W/bad.xml" "$W/bad.csv"
has "$W/err" "bad.csv:2: field 'iban': '[*][*][*][*]3002' is not an IBAN" &&
    has "$W/err" "bad.csv:4: field 'bic': 'BADBIC' is not a BIC" &&
    has "$W/err" "4 errors in the results: nothing written" &&
    [ ! -e "$W/bad.xml" ] &&
    ok "sepa: errors named, no file written" ||
    notok "sepa: errors named, no file written"
status 3 "sepa: a USD company cannot send SEPA transfers" \
    EX -F sepa --unchecked -c "$co" "$W/snov.csv"

# ---- journal
status 0 "journal: exit 0" EX -F journal -r "$pack" -c "$co" \
    -o "$W/journal.csv" "$W/nov.csv" "$W/dec.csv"
check "journal: balanced per run and cost centre; totals equal the \
register's and the results'" $PY "$T/check.py" journal "$W/journal.csv" \
    "$W/reg.csv" "$pack" "$W/nov.csv" "$W/dec.csv"
grep -v 'employer: {debit' "$co" >"$W/co-noemp.yaml"
status 3 "journal: an output with no account is a config error" \
    EX -F journal -r "$pack" -c "$W/co-noemp.yaml" "$W/nov.csv"
has "$W/err" "no account for 'employer_levy' (kind employer)" &&
    ok "journal: the unmapped output is named" ||
    notok "journal: the unmapped output is named"

# ---- payslips
status 0 "payslip: text with YTD, exit 0" EX -F payslip -r "$pack" \
    -c "$co" -y "$W/ytd.csv" -o "$W/slips.txt" "$W/nov.csv"
check "payslip: each employee's figures and YTD equal the results and \
the YTD file; account masked" $PY "$T/check.py" payslip "$W/slips.txt" \
    "$W/ytd.csv" "$pack" "$W/nov.csv"
mkdir "$W/slips"
status 0 "payslip-html -o DIR: exit 0" EX -F payslip-html -r "$pack" \
    -c "$co" -y "$W/ytd.csv" -o "$W/slips" "$W/nov.csv"
[ "$(ls "$W/slips" | wc -l)" -eq 4 ] && [ -f "$W/slips/E001_2026-11-30.html" ] &&
    ok "payslip-html: one file per employee" ||
    notok "payslip-html: one file per employee"
check "payslip-html: well-formed HTML (xmllint --html)" \
    sh -c "for f in '$W'/slips/*.html; do xmllint --html --noout \"\$f\" || exit 1; done"
! grep -qi '<script\|src=\|href=' "$W"/slips/*.html &&
    ok "payslip-html: self-contained (no script, no links)" ||
    notok "payslip-html: self-contained (no script, no links)"
mkdir "$W/slips2"
status 1 "payslip: a YTD file of another run is refused" \
    EX -F payslip -r "$pack" -y "$W/ytd.csv" -o "$W/slips2" "$W/dec.csv"
[ -z "$(ls -A "$W/slips2")" ] && ok "payslip: nothing written on error" ||
    notok "payslip: nothing written on error"

# ---- HR report
printf 'file,line,employee_id,field,rule,message\na.csv,2,E9,iban,check,bad\na.csv,3,E8,hire_date,date,bad\na.csv,4,E7,iban,check,bad\n' >"$W/rej.csv"
status 0 "hr-report: exit 0" EX -F hr-report -r "$pack" -I "$W/rej.csv" \
    -o "$W/hr.csv" "$W/nov.csv" "$W/dec.csv"
check "hr-report: headcount, hires, leavers, cost and overtime equal the \
results" $PY "$T/check.py" hr "$W/hr.csv" "$pack" "$W/nov.csv" "$W/dec.csv"
has "$W/hr.csv" "^rejects,,,check,2$" && has "$W/hr.csv" "^rejects,,,date,1$" &&
    ok "hr-report: rejects counted by rule" ||
    notok "hr-report: rejects counted by rule"
status 0 "hr-report-html: exit 0" EX -F hr-report-html -r "$pack" -c "$co" \
    -I "$W/rej.csv" -o "$W/hr.html" "$W/nov.csv" "$W/dec.csv"
check "hr-report-html: well-formed (xmllint --html)" \
    xmllint --html --noout "$W/hr.html"
[ "$(grep -c '<svg' "$W/hr.html")" -ge 4 ] &&
    ! grep -qi '<script\|src=\|href=' "$W/hr.html" &&
    ! sed 's#xmlns="http://www.w3.org/2000/svg"##g' "$W/hr.html" |
    grep -q '://' &&
    ok "hr-report-html: inline SVG charts, no script, no network" ||
    notok "hr-report-html: inline SVG charts, no script, no network"

echo "1..$n"
