#!/usr/bin/env python3
"""The EPS figures pack (rules/formats/uk-eps/figures.yaml, effective:
period_end) on the first day of the 2025-26 tax year and the day before:
results whose last period ends on 6 April 2025 (the first day of tax
year 2025-26, ITEPA 2003 s. 4: a tax year begins on 6 April) give an
EPS for 2025-26 (RelatedTaxYear 25-26, HMRC's EPS 2025-26 schema), and
a period ending on 5 April 2025 belongs to 2024-25, for which there is
no EPS layout (refused, status 3).  The rows are written here; no
figure comes from running this code."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("uk eps first day")
AR = os.path.join(vlib.ROOT, "bin", "authority-report")
HEAD = "employee_id,period_start,period_end,pay_date,uk_ni_earnings,ni_employer\n"

for end, status, year in (("2025-04-06", 0, "25-26"), ("2025-04-05", 3, None)):
    with tempfile.TemporaryDirectory() as d:
        res, hist = os.path.join(d, "results.csv"), os.path.join(d, "hist.csv")
        with open(res, "w") as f:
            f.write(HEAD + "A1,2025-03-30,%s,%s,1000.00,100.00\n" % (end, end))
        with open(hist, "w") as f:
            f.write(HEAD)
        p = subprocess.run([AR, "-F", "uk-eps", "-c",
                            os.path.join(vlib.ROOT, "samples", "employer.yaml"),
                            "-H", hist, res], capture_output=True, text=True)
        t.check(end, "status", str(status), str(p.returncode))
        if status != 0:
            t.ok(p.stdout == "", "%s: no EPS written" % end, "no output")
        else:
            t.ok("<RelatedTaxYear>%s</RelatedTaxYear>" % year in p.stdout,
                 "%s: RelatedTaxYear %s: %s" % (end, year, p.stderr.strip()),
                 "related tax year")

sys.exit(0 if t.done() else 1)
