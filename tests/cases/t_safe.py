"""Issue 13, section 2: the defects of safety and of trusted input, each
with the input that showed it.  Expected values are worked by hand in the
comments; none comes from running this code."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = vlib.ROOT
BIN = os.path.join(ROOT, "bin")
COMPANY = os.path.join(ROOT, "rules", "company", "example")
t = vlib.Tally("safe")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def crashed(p):
    """Whether a run died of a signal or a memory checker spoke."""
    return (p.returncode < 0 or p.returncode >= 124 or
            any(w in p.stderr for w in ("AddressSanitizer", "runtime error:",
                                        "free():", "corrupted", "double free",
                                        "Invalid read", "Invalid write",
                                        "ERROR SUMMARY: 1")))


# --- 2.1: thirty effective-dated records in one period -------------------
# One employee, 30 records in July 2026: from 2020-01-01 (in force on
# 1 July), then one from each of 2 to 30 July.  Record k (k = 0..29) has
# annual_salary 37,200 + 372k, that is 3,100 + 31k a month, and with the
# company pack's calendar-day proration (docs/payroll-runs.md: base pay x
# days / 31 in July) 100 + k a day.  Records 0..28 are in force one day
# each, record 29 two days (30 and 31 July):
#   sum(100 + k, k = 0..28) + 2 x 129 = 2,900 + 406 + 258 = 3,564.00,
# rounded once (already whole cents).  Before the fix the evaluation log
# (one slot per formula) was not emptied between segments: the fourth
# segment wrote past it.
with tempfile.TemporaryDirectory() as d:
    ep = os.path.join(d, "seg.csv")
    rows = []
    for k in range(30):
        rows.append({"employee_id": "E1", "pay_type": "salaried",
                     "employment_type": "full_time",
                     "hire_date": "2020-01-01", "work_state": "TX",
                     "effective_date": "2020-01-01" if k == 0 else
                     "2026-07-%02d" % (k + 1),
                     "annual_salary": str(37200 + 372 * k)})
    vlib.write_csv(ep, list(rows[0].keys()), rows)
    args = [os.path.join(BIN, "payroll-calc"), "-q", "-r", COMPANY, "-p",
            "2026-07", "-x", "E1", ep]
    p = run(args)
    res = list(csv.DictReader(io.StringIO(p.stdout)))
    t.check_str("2.1", "30 segments: status 0, no crash", "0 False",
                "%d %s" % (p.returncode, crashed(p)))
    t.check("2.1", "30 segments: regular_pay", "3564.00",
            res[0].get("regular_pay") if len(res) == 1 else None)
    with open(os.path.join(BIN, "payroll-calc"), "rb") as f:
        sanitized = b"__asan_init" in f.read()
    if sanitized:
        # make SANITIZE=address: the sanitizer checked the run above.
        t.check_str("2.1", "30 segments under AddressSanitizer: clean",
                    "False", str("AddressSanitizer" in p.stderr))
    elif shutil.which("valgrind"):
        p = run(["valgrind", "-q", "--error-exitcode=99"] + args)
        t.check_str("2.1", "30 segments under valgrind: clean", "0 False",
                    "%d %s" % (p.returncode, crashed(p)))
    else:
        t.skip("2.1 valgrind", "valgrind is not installed")

sys.exit(0 if t.done() else 1)
