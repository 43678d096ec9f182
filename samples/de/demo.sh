#!/bin/sh
# make demo-de: the SYNTHETIC German sample (samples/de) end to end: the
# June 2025 payroll (two Midijobs, two Minijobs), the Lohnsteuer-Anmeldung
# per tax office and the Beitragsnachweis per health insurance fund.
# Writes out/demo-de/ and prints a summary.
set -u
umask 077
cd "$(dirname "$0")/../.." || exit 2
O=out/demo-de
rm -rf "$O"
mkdir -p "$O"
sh samples/de/run.sh "$O" || { echo "demo-de: the payroll or the reports failed" >&2; exit 1; }
python3 - "$O" <<'PY'
import csv, sys
from decimal import Decimal
o = sys.argv[1]
rows = list(csv.DictReader(open(o + "/results.csv", encoding="utf-8")))
t = lambda c: sum((Decimal(r.get(c) or 0) for r in rows), Decimal(0))
mini = sum(1 for r in rows if r.get("minijob") == "true")
midi = sum(1 for r in rows if Decimal(r.get("midijob_be") or 0) != 0)
print("demo-de: SYNTHETIC sample, June 2025, %d employees (%d Midijobs, %d Minijobs)" % (len(rows), midi, mini))
for c in ("gross_pay", "lohnsteuer", "solidaritaetszuschlag", "kirchensteuer",
          "rv_employee", "kv_employee", "pv_employee", "av_employee",
          "pauschsteuer_minijob", "net_pay"):
    print("  %-22s %12s" % (c, t(c)))
print("  written: %s/ (results.csv, lohnsteuer-anmeldung.csv, beitragsnachweis.csv)" % o)
PY
