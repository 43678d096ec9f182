#!/bin/sh
# The documentation's command blocks, run as printed (TAP).  Issue 14.2:
# a user copies them, so they must work.
#
# - README.md: the set-up commands are the ones CI runs (.ci/run runs the
#   test command; tests/demo runs make demo; tests/multistate runs make
#   demo-multistate): checked to be the same text.  The block under
#   "A pipeline" is run as printed from the top of the tree, after make
#   demo (which it needs, as the README says).
# - docs/scale.md: the GNU parallel block, in a scratch folder holding
#   the input it names (valid.csv) and the rules folder it names.
# - docs/cron.md: nightly.sh, as printed, with PAYROLL_HOME a scratch
#   folder laid out as the page says, and date, mail and logger stand-ins
#   on $PATH (today's month must be one the packs cover; mail records
#   the message instead of sending it).  The crontab block is a crontab
#   file, not commands.
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
T=$ROOT/tests/out/readme
rm -rf "$T" out/pipeline
mkdir -p "$T"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
# The indented block after a heading (up to the next non-indented line).
block() {
	awk -v h="$2" '$0 == h { f = 1; next }
	    f && /^    / { sub(/^    /, ""); print; got = 1; next }
	    f && got && !/^$/ { exit }' "$1"
}
# A fenced block whose info string is $2, the first one.
fenced() {
	awk -v t="$2" '!f && $0 == "```" t { f = 1; next } f && /^```/ { exit } f' "$1"
}

setup=$(sed -n '/^## Set up and run/,/^## /p' README.md | grep '^    ' | sed 's/^    //')
echo "$setup" | grep -qx 'sh .ci/deps.sh && make demo' &&
    echo "$setup" | grep -qx 'sh .ci/deps.sh --test && make check-all' &&
    echo "$setup" | grep -qx 'make demo-multistate' &&
    grep -qx 'sh .ci/deps.sh --test' .ci/run && grep -qx 'make check-all' .ci/run &&
    grep -q '"samples", "demo.sh"' tests/demo/run.py && grep -q 'samples/multistate/demo.sh' tests/multistate/run.sh
ok $? "README's set-up commands are the ones CI and the demo tests run"

[ -f out/demo/year/ytd-2026-10.csv ] || sh samples/demo.sh >"$T/demo.log" 2>&1
block README.md '## A pipeline' >"$T/pipeline.sh"
[ -s "$T/pipeline.sh" ] && sh "$T/pipeline.sh" >"$T/pipeline.out" 2>"$T/pipeline.err"
st=$?
P=out/pipeline
[ $st -eq 0 ] && [ -s $P/valid.csv ] && [ -s $P/results.csv ] &&
    [ -s $P/payments.ach ] && [ -s $P/form941.csv ] && [ -s $P/ytd-nov.csv ] &&
    [ "$(sed -n 2p $P/rejects.csv)" != "" ] &&
    ! grep -q -e 'usage:' -e 'No such file' -e 'invalid option' "$T/pipeline.err" &&
    grep -q '^explain PE000042' "$T/pipeline.err" &&
    [ "$(wc -l <"$T/pipeline.out")" -eq 3 ]
ok $? "README's pipeline runs as printed (status $st; bank file, Form 941, YTD, rejects, explain, NDJSON)"
# Every record is valid or rejected, and every valid one paid (the
# public extract: 31,133 records plus the four synthetic bad ones).
v=$(($(wc -l <$P/valid.csv) - 1)); r=$(($(wc -l <$P/rejects.csv) - 1))
p=$(($(wc -l <$P/results.csv) - 1))
[ $((v + r)) -ge 31137 ] && [ "$p" -eq "$v" ]
ok $? "the pipeline's counts reconcile (valid $v, rejected $r, paid $p)"

# docs/scale.md
W=$T/scale
mkdir -p "$W"
ln -s "$ROOT/rules" "$W/rules"
head -n 2001 $P/valid.csv >"$W/valid.csv"
block docs/scale.md '## On one machine: GNU parallel' >"$T/scale.sh"
if command -v parallel >/dev/null 2>&1; then
	(cd "$W" && PATH=$ROOT/bin:$PATH sh "$T/scale.sh") >"$T/scale.out" 2>&1
	st=$?
	[ $st -eq 0 ] && [ "$(wc -l <"$W/results.csv")" -eq 2001 ] &&
	    ls "$W"/summary-*.csv >/dev/null 2>&1
	ok $? "docs/scale.md's GNU parallel block runs as printed (status $st)"
else
	echo "ok $((n += 1)) - docs/scale.md # SKIP GNU parallel is not installed"
fi

# docs/cron.md
H=$T/home
mkdir -p "$H/maps" "$H/inbox" "$H/calendars" "$H/ytd" "$H/rules" "$T/stub"
sed -e "s/pay_frequency: {value: biweekly}/pay_frequency: {value: monthly}/" -e "s/pay_group: {value: MULTISTATE-BIWEEKLY}/pay_group: {value: CITY-MONTHLY}/" \
    samples/multistate/map.yaml >"$H/maps/hris.yaml"
cp samples/multistate/export.csv "$H/inbox/hris-export.csv"
cp samples/calendars/city-monthly.yaml "$H/calendars/monthly.yaml"
cp -r rules/company/example "$H/rules/company"
echo "employee_id,last_pay_date" >"$H/ytd/last.csv"
printf '#!/bin/sh\necho 2026-11\n' >"$T/stub/date"
printf '#!/bin/sh\necho "mail $*" >>"%s/mail.log"; cat >>"%s/mail.log"\n' "$T" "$T" >"$T/stub/mail"
printf '#!/bin/sh\necho "logger $*" >>"%s/logger.log"\n' "$T" >"$T/stub/logger"
chmod +x "$T/stub/date" "$T/stub/mail" "$T/stub/logger"
fenced docs/cron.md sh >"$T/nightly.sh"
PAYROLL_HOME=$H PATH=$T/stub:$ROOT/bin:$PATH sh "$T/nightly.sh" \
    >"$T/nightly.out" 2>"$T/nightly.err"
st=$?
[ $st -eq 0 ] && [ -s "$H/runs/2026-11/results.csv" ] &&
    [ -s "$H/runs/2026-11/ytd.csv" ] && [ -s "$H/runs/2026-11/summary.csv" ] &&
    [ ! -s "$T/nightly.out" ] && [ ! -s "$T/nightly.err" ] &&
    [ ! -f "$T/logger.log" ] && [ ! -f "$T/mail.log" ]
ok $? "docs/cron.md's nightly.sh runs as printed (status $st; results, YTD and summary written; a good run prints nothing, mails nothing)"
# The same night with a broken export: the failure says what and where,
# and the script stops with the tool's status.
printf 'Emp No,Surname\nMS9999,"BROKEN\n' >"$H/inbox/hris-export.csv"
PAYROLL_HOME=$H PATH=$T/stub:$ROOT/bin:$PATH sh "$T/nightly.sh" \
    >"$T/nightly-bad.out" 2>"$T/nightly-bad.err"
st=$?
[ $st -ne 0 ] && grep -q 'hris-export.csv:[0-9]' "$T/nightly-bad.err"
ok $? "a night with a broken export stops (status $st) and says where: $(head -n 1 "$T/nightly-bad.err")"
echo "1..$n"
