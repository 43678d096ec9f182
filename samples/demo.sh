#!/bin/sh
# make demo: the main job, a monthly payroll end to end on the public
# employer's extract (Windows-1252, CRLF), November 2026, pay date
# 2026-11-30.  Writes out/demo/ and prints a run summary.
set -u
# Every file here holds personal data: readable by the owner only.
umask 077
cd "$(dirname "$0")/.." || exit 2
O=out/demo
B=bin
SRC=samples/public-employer/employees-windows1252-crlf.csv
RULES="-r rules/us/federal -r rules/us/il -r rules/company/example"
PERIOD="-p 2026-11 -f monthly -d 2026-11-30"
rm -rf "$O"
mkdir -p "$O"

fail() {
	echo "demo: $*" >&2
	exit 1
}

start=$(date +%s.%N)
# 1. Personnel records: the HR export to canonical CSV, plus the sample's
#    synthetic fields (SSNs, W-4s, bank accounts; see samples/public-employer/SOURCES.md).
$B/hr-import --map samples/public-employer/map.yaml -e windows-1252 "$SRC" |
	samples/synth >"$O/employees.csv" || fail "hr-import failed"
# 2. Validation: valid records on, the rest to rejects.csv (exit 1 expected).
$B/hr-validate $RULES $PERIOD --rejects "$O/rejects.csv" \
	-o "$O/valid.csv" "$O/employees.csv" 2>"$O/validate.log"
[ $? -le 1 ] || { cat "$O/validate.log" >&2; fail "hr-validate failed"; }
# 3. Gross to net.  January to October first, each month's YTD balances
#    carried into the next, so that November is taxed as the eleventh
#    pay of the year (wage bases such as FUTA's 7,000 are reached by
#    then); their results stay in out/demo/year/.
mkdir -p "$O/year"
ytd=
for m in 01 02 03 04 05 06 07 08 09 10; do
	$B/payroll-calc -q $RULES -p 2026-$m -f monthly $ytd \
	    -Y "$O/year/ytd-2026-$m.csv" -o "$O/year/results-2026-$m.csv" \
	    "$O/valid.csv" 2>>"$O/year/calc.log"
	[ $? -le 1 ] || { cat "$O/year/calc.log" >&2; fail "payroll-calc 2026-$m failed"; }
	ytd="-y $O/year/ytd-2026-$m.csv"
done
$B/payroll-calc -v $RULES $PERIOD $ytd -R "$O/calc-rejects.csv" \
	-s "$O/summary.csv" -Y "$O/ytd.csv" -o "$O/results.csv" \
	"$O/valid.csv" 2>"$O/calc.log"
[ $? -le 1 ] || { cat "$O/calc.log" >&2; fail "payroll-calc failed"; }
# 4. Register and bank file.
$B/payroll-export --format register $RULES -s "$O/register-summary.csv" \
	-o "$O/register.csv" \
	"$O/results.csv" || fail "register failed"
# Exit 1: some employees are not in the bank file (nothing to pay, no
# account: a cheque); they are listed in nacha.log.
$B/payroll-export --format nacha $RULES --company samples/company.yaml \
	--expect-summary "$O/summary.csv" \
	-o "$O/payments.ach" "$O/results.csv" 2>"$O/nacha.log"
[ $? -le 1 ] && [ -s "$O/payments.ach" ] || { cat "$O/nacha.log" >&2; fail "nacha failed"; }
# 5. The quarter's Form 941 figures so far (October and November).
$B/authority-report --form us-941 $RULES --employer samples/employer.yaml \
	--quarter 2026Q4 -o "$O/form941.csv" "$O/year/results-2026-10.csv" \
	"$O/results.csv" || fail "authority-report failed"
# 6. The W-2 file for the SSA (EFW2: the year so far) and the Illinois UI
#    wage report for the fourth quarter (October and November).
$B/authority-report --form us-w2-efw2 $RULES --employer samples/employer.yaml \
	--year 2026 -o "$O/w2.efw2" "$O/year"/results-2026-*.csv \
	"$O/results.csv" || fail "W-2 failed"
$B/authority-report --form us-il-sui $RULES --employer samples/employer.yaml \
	--quarter 2026Q4 -H "$O/year/results-2026-01.csv" \
	-H "$O/year/results-2026-02.csv" -H "$O/year/results-2026-03.csv" \
	-H "$O/year/results-2026-04.csv" -H "$O/year/results-2026-05.csv" \
	-H "$O/year/results-2026-06.csv" -H "$O/year/results-2026-07.csv" \
	-H "$O/year/results-2026-08.csv" -H "$O/year/results-2026-09.csv" \
	-o "$O/il-sui.txt" "$O/year/results-2026-10.csv" "$O/results.csv" ||
	fail "SUI failed"
# 7. The general-ledger journal, a payslip per employee and the HR report.
$B/payroll-export --format journal $RULES --company samples/company.yaml \
	-o "$O/journal.csv" "$O/results.csv" || fail "journal failed"
mkdir -p "$O/payslips"
$B/payroll-export --format payslip-html $RULES --company samples/company.yaml \
	--ytd "$O/ytd.csv" -o "$O/payslips/" "$O/results.csv" ||
	fail "payslips failed"
$B/payroll-export --format hr-report-html $RULES --company samples/company.yaml \
	--rejects "$O/rejects.csv" -o "$O/hr-report.html" "$O/results.csv" ||
	fail "HR report failed"
# 8. A SEPA credit transfer: a small German sample with IBANs, under the
#    German wage tax and social insurance packs (samples/sepa/).
DE="-r rules/de/sv -r rules/de/lohnsteuer -r rules/company/example"
$B/payroll-calc -q $DE $PERIOD -o "$O/results-de.csv" \
	samples/sepa/staff-de.csv || fail "payroll-calc (DE) failed"
$B/payroll-export --format sepa $DE --company samples/sepa/company.yaml \
	-o "$O/payments-sepa.xml" "$O/results-de.csv" || fail "SEPA failed"
end=$(date +%s.%N)

# The run summary, from the files themselves.
awk -F, 'NR > 1 { n++; if ($1 !~ /^PE/ || NR > 31134) s++ }
    END { printf "records read:      %d (31,133 public, %d synthetic bad ones)\n", n, n - 31133 }' \
	"$O/employees.csv"
grep -E '^(read|paid|rejected),' "$O/summary.csv" >/dev/null || fail "no summary"
validated=$(($(wc -l <"$O/valid.csv") - 1))
rejected=$(cut -d, -f2 "$O/rejects.csv" | sed 1d | sort -u | wc -l)
paid=$(sed -n 's/^paid,//p' "$O/summary.csv")
printf 'records valid:     %d\n' "$validated"
printf 'records rejected:  %d (see %s)\n' "$rejected" "$O/rejects.csv"
printf 'employees paid:    %d (November, after January to October)\n' "$paid"
nopay=$(grep -c 'nothing to pay' "$O/nacha.log")
# The bank file's total, from its entry records (amount in cents at
# positions 30-39), beside the net pay of the run.
awk -v nopay="$nopay" '/^6/ { n++; c += substr($0, 30, 10) + 0 }
    END {
	w = sprintf("%d", int(c / 100))
	g = ""
	while (length(w) > 3) {
		g = "," substr(w, length(w) - 2) g
		w = substr(w, 1, length(w) - 3)
	}
	printf "bank file:         %d credits, USD %s%s.%02d; %d with nothing to pay left out (nacha.log)\n", n, w, g, c % 100, nopay
    }' "$O/payments.ach"
# payroll-calc's own totals, labelled by the packs (-v above).
sed -n '/: totals/,$ s/^payroll-calc: //p' "$O/calc.log"
awk -v s="$start" -v e="$end" -v o="$O" 'BEGIN { printf "outputs in %s/; time %.2f s\n", o, e - s }'
