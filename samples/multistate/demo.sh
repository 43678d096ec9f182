#!/bin/sh
# make demo-multistate: the whole pipeline on the multistate sample (701
# synthetic employees, 10 in each state and DC: residents, nonresidents
# under reciprocity and without, exempt certificates, bonuses; and 191 in
# priced and unpriced local tax jurisdictions), a
# biweekly pay run paid on 2026-11-20, with rules/us/federal, every state
# pack under rules/us, the example company pack and the fictional
# employer's assigned UI rates (rates.yaml).  Writes
# out/demo-multistate/ and prints the totals per state and locality.
set -u
umask 077
cd "$(dirname "$0")/../.." || exit 2
O=out/demo-multistate
B=bin
S=samples/multistate
PERIOD="-p 2026-11-02 -f biweekly -d 2026-11-20"
RULES=$(sh "$S/rules.sh")
rm -rf "$O"
mkdir -p "$O"

fail() {
	echo "demo-multistate: $*" >&2
	exit 1
}

awk -f "$S/gen.awk" -v dir="$O" || fail "the generator failed"
cmp -s "$O/export.csv" "$S/export.csv" && cmp -s "$O/items.csv" "$S/items.csv" ||
	fail "samples/multistate/export.csv or items.csv differ from gen.awk's"
$B/hr-import -q --map "$S/map.yaml" "$S/export.csv" >"$O/employees.csv" ||
	fail "hr-import failed"
$B/hr-validate -q $RULES $PERIOD -R "$O/rejects.csv" -o "$O/valid.csv" \
	"$O/employees.csv" 2>"$O/validate.log"
[ $? -le 1 ] || { cat "$O/validate.log" >&2; fail "hr-validate failed"; }
$B/payroll-calc -q $RULES $PERIOD -i "$S/items.csv" -R "$O/calc-rejects.csv" \
	-s "$O/summary.csv" -Y "$O/ytd.csv" -o "$O/results.csv" "$O/valid.csv" \
	2>"$O/calc.log"
[ $? -le 1 ] || { cat "$O/calc.log" >&2; fail "payroll-calc failed"; }
$B/payroll-export -F register $RULES -o "$O/register.csv" "$O/results.csv" ||
	fail "register failed"
$B/payroll-export -F nacha $RULES -c samples/company.yaml \
	-S "$O/summary.csv" -o "$O/payments.ach" "$O/results.csv" 2>"$O/nacha.log" ||
	{ cat "$O/nacha.log" >&2; fail "nacha failed"; }
$B/authority-report -F us-state-wh $RULES -c "$S/employer.yaml" -p 2026Q4 \
	-o "$O/state-wh.csv" "$O/results.csv" 2>"$O/state-wh.log" ||
	{ cat "$O/state-wh.log" >&2; fail "state withholding report failed"; }
# Local income taxes per locality (PA, OH, MI, KY, NY, IN): the figures
# of the local returns (provisional: no local file layout was read).
$B/authority-report -F us-local $RULES -c "$S/employer.yaml" -p 2026Q4 \
	-o "$O/local.csv" "$O/results.csv" 2>"$O/local.log" ||
	{ cat "$O/local.log" >&2; fail "local tax report failed"; }
$B/authority-report -F us-w2-efw2 $RULES -c "$S/employer.yaml" -p 2026 \
	-o "$O/w2.efw2" "$O/results.csv" 2>"$O/w2.log" ||
	{ cat "$O/w2.log" >&2; fail "W-2 failed"; }
# The quarter's UI wage report of every state in which the employer has a
# UI account (all 50 and DC): authority-report -F us-sui -j XX
# (the state's own layout where it has one, else EFW2 RS).
mkdir -p "$O/sui"
for st in $(sed -n 's/^  \([A-Z][A-Z]\): .*sui_account.*/\1/p' "$S/employer.yaml"); do
	$B/authority-report -F us-sui -j "$st" $RULES -c "$S/employer.yaml" \
	    -p 2026Q4 -o "$O/sui/$st.txt" "$O/results.csv" 2>"$O/sui/$st.log" ||
	    { cat "$O/sui/$st.log" >&2; fail "the $st UI wage report failed"; }
done

read_n=$(($(wc -l <"$O/employees.csv") - 1))
valid=$(($(wc -l <"$O/valid.csv") - 1))
paid=$(($(wc -l <"$O/results.csv") - 1))
rej=$(($(wc -l <"$O/rejects.csv") - 1))
crej=$(($(wc -l <"$O/calc-rejects.csv") - 1))
echo "multistate pay run 2026-11-02..2026-11-15 (biweekly), paid 2026-11-20"
echo "  employees $read_n, valid $valid, rejected by hr-validate $rej, paid $paid, rejected by payroll-calc $crej"
[ "$rej" -eq 0 ] || sed 's/^/  reject: /' "$O/rejects.csv" | sed -n '2,20p'
[ "$crej" -eq 0 ] || sed 's/^/  reject: /' "$O/calc-rejects.csv" | sed -n '2,20p'
echo "  state withholding for the pay run, per state (authority-report -F us-state-wh):"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { printf "    %s  wages %12s  withheld %10s\n", $c["state"],
	$c["state_wages"], $c["state_withholding"]
      w += $c["state_wages"] * 100; t += $c["state_withholding"] * 100; n++ }
    END { printf "  %d states with wages or tax; total withheld %.2f\n", n, t / 100 }' \
	"$O/state-wh.csv"
echo "  local income taxes for the pay run, per locality (authority-report -F us-local):"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { printf "    %s  %-24s %-40s wages %10s  withheld %8s\n", $c["state"],
	$c["locality"], $c["tax"], $c["local_wages"], $c["local_withholding"] }' \
	"$O/local.csv"
echo "  W-2 RS records: $(grep -a '^RS' "$O/w2.efw2" | cut -c308 | grep -c ' ') state, $(grep -a '^RS' "$O/w2.efw2" | cut -c308 | grep -c '[CDEF]') local (boxes 18-20)"
echo "  UI wage reports (authority-report -F us-sui): $(ls "$O/sui"/*.txt | wc -l) states, $(cat "$O/sui"/*.txt | grep -c '^RS') RS records"
echo "  outputs in $O/"
