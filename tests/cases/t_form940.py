"""authority-report --form us-940 against the examples of IRS's own
instructions, worked by hand here (the figures below are the working, not
our program's output):

Line 5 ("Following Our Example", Instructions for Form 940 (2022), line 5;
the same figures in the 2016 edition's example; the 2025 edition was not
at hand): three employees paid $44,000, $8,000 and $16,000, with $2,000,
$500 and $2,000 of payments exempt from FUTA tax.
    line 3 = 44,000 + 8,000 + 16,000            = 68,000.00
    line 4 = 2,000 + 500 + 2,000                 =  4,500.00
    line 5 = (44,000 - 2,000 - 7,000) = 35,000
           + ( 8,000 -   500 - 7,000) =    500
           + (16,000 - 2,000 - 7,000) =  7,000   = 42,500.00
    line 6 = 4,500 + 42,500                      = 47,000.00
    line 7 = 68,000 - 47,000                     = 21,000.00
    line 8 = 21,000 x 0.006                      =    126.00
Here the payments are split over the year so that Part 5 has figures:
    A: 22,000 (1,000 exempt) on 31 March, 22,000 (1,000 exempt) on 30 June
       -> first 7,000 of net pay in Q1
    B:  8,000 (500 exempt) on 30 September -> 7,000 in Q3
    C:  8,000 (1,000 exempt) on 31 March -> 7,000 in Q1; 8,000 (1,000) on
       31 December -> 0
    16a = 14,000 x 0.006 = 84.00; 16b = 0; 16c = 7,000 x 0.006 = 42.00;
    16d = 126.00 - 126.00 = 0.00; line 17 = 126.00 = line 12.

Schedule A (Instructions for Schedule A (Form 940) (2019), Example 1, as
far as it was read: "You paid $20,000 in wages to each of three employees
in State A. State A is subject to credit reduction at a rate of 0.027"):
    FUTA taxable wages in State A = 3 x 7,000    = 21,000.00
    credit reduction = 21,000 x 0.027            =    567.00  (line 11)
    line 8 = 21,000 x 0.006 = 126.00; line 12 = 126.00 + 567.00 = 693.00
    paid on 30 June: 16b = 126.00; 16d = the credit reduction = 567.00.
"State A" is written CA here, with its rate given by --value (the
example's rate, not any year's real one).
"""
import csv
import io
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("t_form940")


def ok(cond, what):
    t.ok(cond, what)


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AR = os.path.join(ROOT, "bin", "authority-report")
PACK = os.path.join(ROOT, "tests", "cases", "packs", "futa940")
HEAD = ["employee_id", "work_state", "period_start", "period_end",
        "pay_date", "salary", "gross_pay", "exempt_benefit", "net_pay"]


def results(rows, path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEAD)
        for eid, st, date, gross, ex in rows:
            w.writerow([eid, st, date[:8] + "01", date, date, gross, gross,
                        ex, str(Decimal(gross) - Decimal(ex))])


def form940(path, *extra):
    p = subprocess.run([AR, "-F", "us-940", "-r", PACK, "-p", "2026"] +
                       list(extra) + [path], capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr
    return {r["line"]: r["amount"] for r in
            csv.DictReader(io.StringIO(p.stdout))}, p.stderr


LINE5 = [("A", "IL", "2026-03-31", "22000.00", "1000.00"),
         ("A", "IL", "2026-06-30", "22000.00", "1000.00"),
         ("B", "IL", "2026-09-30", "8000.00", "500.00"),
         ("C", "IL", "2026-03-31", "8000.00", "1000.00"),
         ("C", "IL", "2026-12-31", "8000.00", "1000.00")]
SCHA = [("D", "CA", "2026-06-30", "20000.00", "0"),
        ("E", "CA", "2026-06-30", "20000.00", "0"),
        ("F", "CA", "2026-06-30", "20000.00", "0")]

with tempfile.TemporaryDirectory() as tmp:
    one = os.path.join(tmp, "line5.csv")
    results(LINE5, one)
    f, err = form940(one)
    ok(f is not None, "line 5 example: written (%s)" % err.strip()[-200:])
    if f is not None:
        want = {"1a": "IL", "1b": "0", "2": "0", "3": "68000.00",
                "4": "4500.00", "5": "42500.00", "6": "47000.00",
                "7": "21000.00", "8": "126.00", "11": "0.00",
                "12": "126.00", "16a": "84.00", "16b": "0.00",
                "16c": "42.00", "16d": "0.00", "17": "126.00",
                "13": "0.00", "14": "126.00", "15": "0.00"}
        for k, v in want.items():
            ok(f.get(k) == v, "line 5 example: line %s = %s (got %s)"
               % (k, v, f.get(k)))
        ok("provisional" in err, "the layout says it is provisional")
    f, err = form940(one, "--value", "deposits=130.00")
    ok(f is not None and f["13"] == "130.00" and f["14"] == "0.00" and
       f["15"] == "4.00", "deposits 130.00: line 15 overpayment 4.00")
    two = os.path.join(tmp, "scha.csv")
    results(SCHA, two)
    f, err = form940(two, "--value", "futa_credit_reduction_CA=0.027")
    ok(f is not None, "Schedule A example: written (%s)" % err.strip()[-200:])
    if f is not None:
        want = {"1a": "CA", "1b": "0", "2": "1", "3": "60000.00",
                "5": "39000.00", "7": "21000.00", "8": "126.00",
                "A_CA_wages": "21000.00", "A_CA_rate": "0.027",
                "A_CA_credit_reduction": "567.00", "A_total": "567.00",
                "11": "567.00", "12": "693.00", "16b": "126.00",
                "16d": "567.00", "17": "693.00"}
        for k, v in want.items():
            ok(f.get(k) == v, "Schedule A example: line %s = %s (got %s)"
               % (k, v, f.get(k)))
    both = os.path.join(tmp, "both.csv")
    results(sorted(LINE5 + SCHA), both)
    f, err = form940(both, "--value", "futa_credit_reduction_CA=0.027")
    ok(f is not None and f["1a"] == "" and f["1b"] == "1" and
       f["11"] == "567.00" and f["7"] == "42000.00" and
       f["A_IL_credit_reduction"] == "0.00" and f["12"] == "819.00",
       "both examples: multi-state (1b), line 7 42,000.00, line 12 "
       "126 + 126 + 567 = 819.00")
    # A row of another year is refused, not dropped.
    bad3 = os.path.join(tmp, "bad.csv")
    results(LINE5 + [("G", "IL", "2025-12-31", "100.00", "0")], bad3)
    f, err = form940(bad3)
    ok(f is None and "outside 2026" in err,
       "a 2025 row in a 2026 Form 940 is an error")

sys.exit(0 if t.done() else 1)
