#!/bin/sh
# SYNTHETIC sample: a monthly German payroll (June 2025) for
# samples/de/employees.csv with rules/de/sv, rules/de/lohnsteuer and the
# example company pack (two Midijobs, two Minijobs), then the
# Lohnsteuer-Anmeldung per tax office and the Beitragsnachweis per health
# insurance fund.
#   samples/de/run.sh OUTDIR
set -u
cd "$(dirname "$0")/../.." || exit 2
O=${1:?usage: run.sh OUTDIR}
B=bin
S=samples/de
R="-r rules/de/sv -r rules/de/lohnsteuer -r $S/company.yaml"
mkdir -p "$O" || exit 4
$B/payroll-calc -q $R -p 2025-06 -f monthly -R "$O/rejects.csv" \
    -o "$O/results.csv" $S/employees.csv || exit $?
$B/authority-report -F de-lsta -o "$O/lohnsteuer-anmeldung.csv" \
    "$O/results.csv" || exit $?
$B/authority-report -F de-beitragsnachweis -o "$O/beitragsnachweis.csv" \
    "$O/results.csv"
