#!/bin/sh
# SYNTHETIC sample: three monthly UK pay runs of 2025-26 (April, May and
# June 2025) for samples/uk/employees.csv with the UK packs (PAYE, NICs,
# Student Loans) and the example company pack, then the RTI FPS of the
# June pay run and the EPS of tax month 3.
#   samples/uk/run.sh OUTDIR
# Writes OUTDIR/results-N.csv, ytd-N.csv, rejects-N.csv, fps.xml, eps.xml.
set -u
cd "$(dirname "$0")/../.." || exit 2
O=${1:?usage: run.sh OUTDIR}
B=bin
S=samples/uk
R="-r $S/company.yaml -r rules/uk/paye -r rules/uk/nic -r rules/uk/student-loans"
mkdir -p "$O" || exit 4
prev=
for n in 1 2 3; do
	case $n in
	1) p=2025-04-06 d=2025-04-30 ;;
	2) p=2025-05-06 d=2025-05-30 ;;
	3) p=2025-06-06 d=2025-06-30 ;;
	esac
	set --
	[ -n "$prev" ] && set -- "$@" -y "$O/ytd-$prev.csv"
	[ $n = 3 ] && set -- "$@" -i $S/items-2025-06.csv
	$B/payroll-calc -q $R -p $p -f monthly -d $d "$@" \
	    -Y "$O/ytd-$n.csv" -R "$O/rejects-$n.csv" -o "$O/results-$n.csv" \
	    $S/employees.csv || exit $?
	prev=$n
done
$B/authority-report -F uk-fps -c samples/employer.yaml \
    -H "$O/results-1.csv" -H "$O/results-2.csv" -o "$O/fps.xml" \
    "$O/results-3.csv" || exit $?
$B/authority-report -F uk-eps -c samples/employer.yaml \
    --value apprenticeship_levy=1 --value levy_allowance=500 \
    --value small_employer=1 \
    -H "$O/results-1.csv" -H "$O/results-2.csv" -o "$O/eps.xml" \
    "$O/results-3.csv"
