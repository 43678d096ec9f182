"""UK Class 1A NICs on benefits in kind (rules/uk/nic input
class1a_benefits; authority-report --form uk-p11db): HMRC's worked
example NIM15030 run through the whole pipeline, and cases worked by hand.
No expected figure comes from running this code.

NIM15030 (HMRC National Insurance Manual, "Calculating the total amount
of Class 1A NICs due in a tax year: Example"), 2025 to 2026 edition: the
employer provides
    10 employees with cars,            cash equivalent 6,000 each = 60,000
   250 employees with medical care,    cash equivalent   300 each = 75,000
    25 employees with vans,            cash equivalent   500 each = 12,500
     3 employees with interest-free loans, cash equivalent 3,000 each = 9,000
                                                           total 156,500
   Class 1A NICs due: 15% of 156,500 = 23,475.
The 2019-20 edition of the same example (gov.uk) has 13.8% of 156,500 =
21,597; 13.8% is also the 2024-25 rate, so case 2 runs the same benefits
in 2024-25.
"""
import csv
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = vlib.ROOT
CALC = os.path.join(ROOT, "bin", "payroll-calc")
AR = os.path.join(ROOT, "bin", "authority-report")
PACKS = ["samples/uk/company.yaml", "rules/uk/paye", "rules/uk/nic"]
t = vlib.Tally("uk class 1A (P11D(b)) cases", places=True)

NIM15030 = [(10, "6000"), (250, "300"), (25, "500"), (3, "3000")]


def employees(groups):
    rows, n = [], 0
    for count, ce in groups:
        for _ in range(count):
            n += 1
            rows.append({"employee_id": "E%03d" % n, "annual_salary": "30000",
                         "tax_code": "1257L", "ni_category": "A",
                         "class1a_benefits": ce})
    return rows


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def report(d, results, hist, *values):
    args = [AR, "-F", "uk-p11db", "-c", os.path.join(ROOT, "samples/employer.yaml"),
            "-H", hist]
    for v in values:
        args += ["--value", v]
    args.append(results)
    p = subprocess.run(args, capture_output=True, text=True)
    lines = {}
    for row in csv.reader(p.stdout.splitlines()):
        if len(row) >= 3 and row[0] != "line":
            lines[row[0]] = row[-1]
    return p, lines


def pipeline(cid, groups, start, pay, want, *values):
    with tempfile.TemporaryDirectory() as d:
        emp = os.path.join(d, "employees.csv")
        rows = employees(groups)
        write(emp, list(rows[0].keys()), rows)
        res = os.path.join(d, "results.csv")
        args = [CALC, "-q"]
        for p in PACKS:
            args += ["-r", os.path.join(ROOT, p)]
        args += ["-p", start, "-f", "monthly", "-d", pay, "-o", res,
                 "-R", os.path.join(d, "rejects.csv"), emp]
        p = subprocess.run(args, capture_output=True, text=True)
        t.check(cid, "payroll-calc status", 0, p.returncode)
        if p.returncode != 0:
            print("  %s: %s" % (cid, p.stderr.strip()))
            return
        with open(res) as f:
            header = f.readline()
        hist = os.path.join(d, "hist.csv")
        with open(hist, "w") as f:
            f.write(header)
        p, lines = report(d, res, hist, *values)
        t.check(cid, "authority-report status", 0, p.returncode)
        if p.returncode != 0:
            print("  %s: %s" % (cid, p.stderr.strip()))
        t.check(cid, "provisional warning", True, "provisional" in p.stderr)
        for k, v in want.items():
            t.check(cid, k, v, lines.get(k))


# 1. NIM15030 (2025-26 edition) through payroll-calc: 288 employees paid
#    in March 2026 (tax month 12) with their P11D cash equivalents.
pipeline("NIM15030-2025", NIM15030, "2026-03-06", "2026-03-31",
         {"employees": "288", "benefits": "156500.00", "rate": "15.0",
          "class1a": "23475.00"})
# 2. The same benefits given as a value outside the payroll in 2025-26,
#    one employee with 0: 15% x 156,500 = 23,475.00.
pipeline("NIM15030-OTHER", [(1, "0")], "2026-03-06", "2026-03-31",
         {"benefits": "156500.00", "class1a": "23475.00"},
         "class1a_benefits_other=156500")
# 3. Rounding, 2025-26: 3 employees with 1,234.56, 789.01 and 0.02:
#    total 2,023.59; 15% = 303.5385 -> 303.54 (half up to the penny).
pipeline("ROUND", [(1, "1234.56"), (1, "789.01"), (1, "0.02")],
         "2026-03-06", "2026-03-31",
         {"benefits": "2023.59", "class1a": "303.54"})
# 4. 2026-27: the same 15%: 20 employees x 450.50 = 9,010.00; 15% =
#    1,351.50.
pipeline("Y2026", [(20, "450.50")], "2027-03-06", "2027-03-31",
         {"benefits": "9010.00", "rate": "15.0", "class1a": "1351.50"})


# 5. 2024-25 (13.8%): the packs start in 2025-26, so the results are a
#    file written here: the 2019-20 edition of NIM15030 (13.8% of
#    156,500 = 21,597.00) with the benefits split over two results rows
#    (100,000.00 and 56,500.00) paid on 31 March 2025.
def handmade(cid, rows, want):
    with tempfile.TemporaryDirectory() as d:
        header = ["employee_id", "period_start", "period_end", "pay_date",
                  "uk_class1a_benefits"]
        res = os.path.join(d, "results.csv")
        write(res, header, [dict(zip(header, r)) for r in rows])
        hist = os.path.join(d, "hist.csv")
        write(hist, header, [])
        p, lines = report(d, res, hist)
        t.check(cid, "authority-report status", 0, p.returncode)
        if p.returncode != 0:
            print("  %s: %s" % (cid, p.stderr.strip()))
        for k, v in want.items():
            t.check(cid, k, v, lines.get(k))


handmade("NIM15030-2019-RATE", [
    ("A1", "2025-03-06", "2025-04-05", "2025-03-31", "100000.00"),
    ("A2", "2025-03-06", "2025-04-05", "2025-03-31", "56500.00")],
    {"benefits": "156500.00", "rate": "13.8", "class1a": "21597.00"})
# 6. A tax year before 2024-25 is refused (no layout).
with tempfile.TemporaryDirectory() as d:
    header = ["employee_id", "period_start", "period_end", "pay_date",
              "uk_class1a_benefits"]
    res = os.path.join(d, "results.csv")
    write(res, header, [dict(zip(header, ("A1", "2024-03-01", "2024-03-31",
                                          "2024-03-29", "1000.00")))])
    p, _ = report(d, res, res)
    t.check("2023-24", "refused", 3, p.returncode)
sys.exit(0 if t.done() else 1)
