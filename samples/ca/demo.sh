#!/bin/sh
# make demo-ca: a year of biweekly pay (2026) for the SYNTHETIC Canadian
# sample (samples/ca: invented people, SINs in the 9xx range that pass the
# check digit, invented bank accounts), one or more employees in every
# province and territory but Quebec; writes out/demo-ca/ and prints the
# run summary of the last pay run.
set -u
umask 077
cd "$(dirname "$0")/../.." || exit 2
O=out/demo-ca
B=bin
S=samples/ca
RULES="-r rules/ca/cpp-ei -r rules/ca/tax -r $S/company.yaml"
rm -rf "$O"
mkdir -p "$O/year"

fail() {
	echo "demo-ca: $*" >&2
	exit 1
}

# 1. Validation (the sample is canonical CSV already).
$B/hr-validate $RULES -p 2026-01-09 -f biweekly --rejects "$O/rejects.csv" \
	-o "$O/valid.csv" "$S/employees-synthetic.csv" 2>"$O/validate.log" ||
	{ cat "$O/validate.log" >&2; fail "hr-validate failed"; }
# 2. 26 biweekly pay runs, Friday pay dates from 9 January 2026; each
#    run's YTD balances carried into the next; the bonuses of items.csv
#    paid with the 12th pay (12 June).
ytd=
n=0
d=2026-01-09
while [ $n -lt 26 ]; do
	n=$((n + 1))
	start=$(date -u -d "$d - 13 days" +%F)
	items=
	[ $n -eq 12 ] && items="-i $S/items-synthetic.csv"
	$B/payroll-calc -q $RULES -p "$start" -f biweekly -d "$d" $ytd $items \
	    -R "$O/year/rejects-$d.csv" -s "$O/year/summary-$d.csv" \
	    -Y "$O/year/ytd-$d.csv" -o "$O/year/results-$d.csv" \
	    "$O/valid.csv" 2>>"$O/calc.log" ||
		{ cat "$O/calc.log" >&2; fail "payroll-calc $d failed"; }
	ytd="-y $O/year/ytd-$d.csv"
	last=$d
	d=$(date -u -d "$d + 14 days" +%F)
done
cp "$O/year/results-$last.csv" "$O/results.csv"
cp "$O/year/ytd-$last.csv" "$O/ytd.csv"
# 3. The last run's register and the year's T4 slips and Summary (XML).
$B/payroll-export --format register $RULES -o "$O/register.csv" \
	"$O/results.csv" || fail "register failed"
$B/authority-report --form ca-t4 $RULES --employer "$S/employer.yaml" \
	--year 2026 -o "$O/t4.xml" "$O/year"/results-*.csv || fail "T4 failed"
# 4. The summary: employees paid per province, the year's totals.
echo "demo-ca: SYNTHETIC sample, 26 biweekly pay runs of 2026, results in $O/"
python3 - "$O" <<'PY'
import csv, glob, sys
from decimal import Decimal
o = sys.argv[1]
tot = {}
prov = {}
for f in sorted(glob.glob(o + "/year/results-*.csv")):
    for r in csv.DictReader(open(f)):
        prov.setdefault(r["ca_province"], set()).add(r["employee_id"])
        for k in ("gross_pay", "ca_cpp", "ca_cpp2", "ca_ei", "ca_federal_tax",
                  "ca_provincial_tax", "net_pay"):
            tot[k] = tot.get(k, Decimal(0)) + Decimal(r[k])
print("  employees by province: " + ", ".join(
    "%s %d" % (p, len(prov[p])) for p in sorted(prov)))
for k, v in tot.items():
    print("  %-20s %14s" % (k, v))
PY
