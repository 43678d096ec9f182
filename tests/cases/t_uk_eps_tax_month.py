#!/usr/bin/env python3
"""The EPS's TaxMonth (HMRC's EPS 2025-26 schema, RecoverableAmountsYTD
and ApprenticeshipLevy) on the first and the last day of every tax month
of 2025-26: tax month 1 runs from 6 April to 5 May, month n from the 6th
of the (n - 1)th month after April to the 5th of the month after that,
month 12 from 6 March to 5 April (HMRC, "Tax months", RTI guidance; the
tax year begins on 6 April, ITEPA 2003 s. 4).  Results are written here
with one period ending on the day (and paid that day) and statutory
maternity pay, so that RecoverableAmountsYTD, with its TaxMonth, is
written.  Months 10 to 12 are two digits: a month read as anything but a
decimal number is seen there.  No figure comes from running this code."""
import datetime
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("uk eps tax month")
AR = os.path.join(vlib.ROOT, "bin", "authority-report")
EMPLOYER = os.path.join(vlib.ROOT, "samples", "employer.yaml")
HEAD = ("employee_id,period_start,period_end,pay_date,uk_ni_earnings,"
        "ni_employer,smp\n")

def month_start(n):
    """The 6th of the (n - 1)th month after April 2025."""
    k = 3 + n          # April is month 4: month n starts in month 3 + n
    y = 2025 + (k - 1) // 12
    return datetime.date(y, (k - 1) % 12 + 1, 6)

for n in range(1, 13):
    first = month_start(n)
    last = (month_start(n + 1) if n < 12 else datetime.date(2026, 4, 6)) \
        - datetime.timedelta(days=1)
    for day in (first, last):
        with tempfile.TemporaryDirectory() as d:
            res, hist = os.path.join(d, "r.csv"), os.path.join(d, "h.csv")
            with open(res, "w") as f:
                f.write(HEAD + "A1,%s,%s,%s,1000.00,100.00,200.00\n"
                        % (day, day, day))
            with open(hist, "w") as f:
                f.write(HEAD)
            p = subprocess.run([AR, "-F", "uk-eps", "-c", EMPLOYER, "-H",
                                hist, res], capture_output=True, text=True)
            got = re.findall(r"<TaxMonth>([^<]*)</TaxMonth>", p.stdout)
            t.check("%s (tax month %d)" % (day, n), "TaxMonth",
                    str(n), got[0] if len(got) == 1 and p.returncode == 0
                    else "status %d, %r: %s" % (p.returncode, got,
                                                  p.stderr.strip()))

sys.exit(0 if t.done() else 1)
