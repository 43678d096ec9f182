#!/usr/bin/env python3
"""Every line of the Lohnsteuer-Anmeldung (authority-report -F de-lsta,
rules/formats/de-lsta) for one employee of June 2026, from the full
results and from results that lack columns: a sum the results do not have
takes the lines pack's default, 0 (a default of 1 went unseen).

The employee is BMF vector DE-2026-BMFAPI-013 (tests/vectors/
de_lohnsteuer.csv: monthly RE4 1,000,000 cent, class I, KVZ 0; official
LSTLZZ 268,275 and SOLZLZZ 11,744 cent), here also a church member in
Berlin: with no child allowances the PAP's JBMG is LSTJAHR, so BK =
UPANTEIL(JBMG) = LSTLZZ = 2,682.75, and the church tax 9 % of it,
241.4475, fractions of a cent dropped: 241.44.
  line 86 employees 1; 42 Lohnsteuer 2,682.75; 49 Solidaritaetszuschlag
  117.44; 47 Kirchensteuer 241.44; 83 total 3,041.63.
Without the kirchensteuer column line 47 is 0.00 and the total 2,800.19;
without any of the three, lines 42, 47, 49 and 83 are 0.00.
"""
import csv
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
t = vlib.Tally("de lsta", places=True)
FULL = {"86": "1", "42": "2682.75", "49": "117.44", "47": "241.44",
        "83": "3041.63"}
NO_KIST = dict(FULL, **{"47": "0.00", "83": "2800.19"})
NONE = {"86": "1", "42": "0.00", "49": "0.00", "47": "0.00", "83": "0.00"}

with tempfile.TemporaryDirectory() as d:
    emp = os.path.join(d, "e.csv")
    with open(emp, "w") as f:
        f.write("employee_id,vector_re4,bundesland,kvz,steuerklasse,"
                "kirchenmitglied,finanzamt\n"
                "B1,10000.00,BE,0,1,true,FA1\n")
    res = os.path.join(d, "r.csv")
    subprocess.run([os.path.join(ROOT, "bin", "payroll-calc"), "-q",
                    "-r", os.path.join(ROOT, "rules", "de", "sv"),
                    "-r", os.path.join(ROOT, "rules", "de", "lohnsteuer"),
                    "-r", os.path.join(ROOT, "tests", "vectors", "packs",
                                       "de_re4.yaml"),
                    "-p", "2026-06", "-f", "monthly", "-o", res, emp],
                   capture_output=True, text=True)
    with open(res, newline="") as f:
        rows = list(csv.DictReader(f))
    for case, drop, want in (
            ("full", (), FULL), ("no church tax", ("kirchensteuer",), NO_KIST),
            ("no taxes", ("lohnsteuer", "solidaritaetszuschlag",
                          "kirchensteuer"), NONE)):
        for c in drop:
            t.check_str(case, "column present", True, c in rows[0])
        report, err = vlib.report_without(rows, drop, "de-lsta", d)
        got = {}
        for r in report or []:
            t.check_str(case, "finanzamt", "FA1", r["finanzamt"])
            got[r["line"]] = r["amount"]
        if report is None:
            print("  %s: no report: %s" % (case, err.strip()[-300:]))
        t.check(case, "lines", len(want), len(got))
        for line, amount in sorted(want.items()):
            t.check(case, "line_" + line, amount, got.get(line))

sys.exit(0 if t.done() else 1)
