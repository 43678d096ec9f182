#!/usr/bin/env python3
"""Every line of the Beitragsnachweis (authority-report -F
de-beitragsnachweis, rules/formats/de-beitragsnachweis) for one employee of
January 2026, from the full results and from results that lack columns:
a sum the results do not have takes the lines pack's default, 0 (a
default of 1 went unseen: every test made its results with all columns).

One employee, current wage 3,000.00, Berlin, Zusatzbeitrag 2.5 %, fund
AOK; worked by hand from the 2026 rates (shared/reference/statutory.md
4.3; § 2 Abs. 1 BVV: each half on its own, rounded to the cent):
  KV 3,000 x (7.3 % + 1.25 %) = 256.50 each side  -> 513.00
  RV 3,000 x 9.3 % = 279.00 each side              -> 558.00
  AV 3,000 x 1.3 % = 39.00 each side               ->  78.00
  PV 3,000 x 1.8 % = 54.00 each side               -> 108.00
  Insolvenzgeldumlage 3,000 x 0.15 % (employer)    ->   4.50
  no Minijob, Knappschaft, U1/U2 or flat tax        ->   0.00
  total 513 + 558 + 78 + 108 + 4.50                = 1,261.50
Without the levy and Minijob/Knappschaft columns the levy line is 0.00
and the total 1,257.00; without any contribution column every line is
0.00.
"""
import csv
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
t = vlib.Tally("de beitragsnachweis", places=True)
FULL = {"employees": "1", "kv": "513.00", "rv": "558.00",
        "rv_knappschaft": "0.00", "av": "78.00", "pv": "108.00",
        "kv_minijob": "0.00", "rv_minijob": "0.00", "u1": "0.00",
        "u2": "0.00", "insolvenzgeld": "4.50", "pauschsteuer": "0.00",
        "total": "1261.50"}
LEVIES = ("pauschsteuer_minijob", "umlage_u1", "umlage_u2",
          "insolvenzgeldumlage", "minijob_kv_beitrag", "minijob_rv_beitrag",
          "knrv_beitrag")
BRANCHES = tuple("%s_%s" % (b, s) for b in ("kv", "rv", "av", "pv")
                 for s in ("employee", "employer"))
NO_LEVIES = dict(FULL, insolvenzgeld="0.00", total="1257.00")
NONE = {k: ("1" if k == "employees" else "0.00") for k in FULL}

with tempfile.TemporaryDirectory() as d:
    emp = os.path.join(d, "e.csv")
    with open(emp, "w") as f:
        f.write("employee_id,vector_re4,bundesland,kvz,krankenkasse\n"
                "B1,3000.00,BE,2.5,AOK\n")
    res = os.path.join(d, "r.csv")
    subprocess.run([os.path.join(ROOT, "bin", "payroll-calc"), "-q",
                    "-r", os.path.join(ROOT, "rules", "de", "sv"),
                    "-r", os.path.join(ROOT, "tests", "vectors", "packs",
                                       "de_re4.yaml"),
                    "-p", "2026-01", "-f", "monthly", "-o", res, emp],
                   capture_output=True, text=True)
    with open(res, newline="") as f:
        rows = list(csv.DictReader(f))
    for case, drop, want in (("full", (), FULL),
                             ("no levies", LEVIES, NO_LEVIES),
                             ("no contributions", LEVIES + BRANCHES, NONE)):
        for c in drop:
            t.check_str(case, "column present", True, c in rows[0])
        report, err = vlib.report_without(rows, drop,
                                          "de-beitragsnachweis", d)
        got = {}
        for r in report or []:
            t.check_str(case, "krankenkasse", "AOK", r["krankenkasse"])
            got[r["line"]] = r["amount"]
        if report is None:
            print("  %s: no report: %s" % (case, err.strip()[-300:]))
        t.check(case, "lines", len(want), len(got))
        for line, amount in sorted(want.items()):
            t.check(case, line, amount, got.get(line))

sys.exit(0 if t.done() else 1)
