"""Issue 4's cases, each a small input with the right value (the value is
the one the issue states; none comes from running this code)."""
import csv
import io
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
COMPANY = "rules/company/example"
FED = "rules/us/federal"
t = vlib.Tally("cases", places=True)


def case(p):
    return os.path.relpath(os.path.join(HERE, p), vlib.ROOT)


def emp(**kw):
    e = {"employee_id": "E1", "pay_type": "salaried", "employment_type":
         "full_time", "hire_date": "2020-01-01", "work_state": "TX"}
    e.update(kw)
    return e


def one(packs, employees, period, **kw):
    out, rej, err = vlib.calc(packs, employees, period, **kw)
    return out, rej, err


# 1. Brackets: 200.00 -> 30.00, and on each bound.
for income, want in (("200.00", "30.00"), ("100.00", "10.00"),
                     ("0.00", "0.00"), ("99.99", "10.00"),
                     ("199.99", "30.00")):
    out, _, _ = one([case("brackets.yaml")],
                    [{"employee_id": "E1", "income": income}], "2026-01")
    want_exact = {"99.99": "10.00", "199.99": "30.00"}
    # 99.99 * 10% = 9.999 -> 10.00; 10 + 99.99 * 20% = 29.998 -> 30.00
    t.check("1:" + income, "brackets", want, out.get("E1", {}).get("tax"))

# 2. 3,100.00 a month, hired 17 Aug, calendar days: 3,100 x 15/31.
out, _, _ = one([COMPANY], [emp(annual_salary="37200", hire_date="2026-08-17")],
                "2026-08")
t.check("2", "proration calendar", "1500.00", out.get("E1", {}).get("regular_pay"))

# 3. Period 1-31 Jan, hired 20 Jan: 12 days; a leaver on 2 Jul: 2 days.
out, _, _ = one([COMPANY], [emp(annual_salary="12000", hire_date="2026-01-20")],
                "2026-01")
t.check("3a", "payment days", "12", out.get("E1", {}).get("paid_days"))
out, _, _ = one([COMPANY], [emp(annual_salary="12000", hire_date="2020-01-01",
                                termination_date="2026-07-02")], "2026-07")
t.check("3b", "payment days", "2", out.get("E1", {}).get("paid_days"))
# Left before the period: not paid at all (no row of zeros), counted.
out, _, err = one([COMPANY], [emp(annual_salary="12000", hire_date="2020-01-01",
                                  termination_date="2026-05-02")], "2026-07")
t.check("3c", "left before the period: no results row", "0",
        str(len(out)))

# 4. 3,000.00 a month, hired 15 Feb 2026 (not a leap year).
out, _, _ = one([COMPANY], [emp(annual_salary="36000", hire_date="2026-02-15")],
                "2026-02")
t.check("4a", "proration calendar", "1500.00", out.get("E1", {}).get("regular_pay"))
out, _, _ = one([COMPANY, case("thirty.yaml")],
                [emp(annual_salary="36000", hire_date="2026-02-15")], "2026-02")
t.check("4b", "proration 30-day", "1600.00", out.get("E1", {}).get("regular_pay"))

# 5. 100 a month until 15 Jul, 200 from 16 Jul: 100 x 15/31 + 200 x 16/31.
out, _, _ = one([COMPANY], [
    emp(effective_date="2020-01-01", annual_salary="1200"),
    emp(effective_date="2026-07-16", annual_salary="2400")], "2026-07")
t.check("5", "segments", "151.61", out.get("E1", {}).get("regular_pay"))
t.check("5", "segments: days paid are the period's (15 + 16)", "31",
        out.get("E1", {}).get("paid_days"))

# 6. v1 from 2022-04-01, v2 from 2023-04-01; a March 2023 run uses v1.
out, _, _ = one([case("dated.yaml")], [{"employee_id": "E1"}], "2023-03")
t.check("6", "dated parameter", "1", out.get("E1", {}).get("allowance_used"))

# 7. A leaver whose last day is the first day of the period; unpaid leave
#    for the whole period.  No division by zero, no negative withholding.
packs = [FED, COMPANY]
out, rej, err = one(packs, [
    emp(employee_id="E1", annual_salary="31000", national_id="123-45-6789",
        termination_date="2026-07-01"),
    emp(employee_id="E2", annual_salary="31000", national_id="123-45-6788")],
    "2026-07", items=[{"employee_id": "E2", "wage_type": "unpaid_leave_days",
                       "amount": "23"}])
t.check("7a", "leaver on day 1", "1", out.get("E1", {}).get("paid_days"))
t.check("7a", "leaver on day 1: pay", "83.33", out.get("E1", {}).get("regular_pay"))
t.check("7b", "whole period unpaid: gross", "0.00", out.get("E2", {}).get("gross_pay"))
t.check("7b", "whole period unpaid: withholding", "0.00",
        out.get("E2", {}).get("fit_withholding"))
t.check("7b", "whole period unpaid: net", "0.00", out.get("E2", {}).get("net_pay"))

# 8. 38.25 h x 17.51 = 669.76; overtime 10.75 h x 17.51 x 2 = 376.47;
#    gross 1,046.23, the sum of the lines shown.
out, _, _ = one([COMPANY, case("double-ot.yaml")],
                [emp(pay_type="hourly", hourly_rate="17.51")], "2026-11-02",
                frequency="weekly",
                items=[{"employee_id": "E1", "wage_type": "hours", "amount": "38.25"},
                       {"employee_id": "E1", "wage_type": "overtime_hours",
                        "amount": "10.75"}])
r8 = out.get("E1", {})
t.check("8", "hours x rate", "669.76", r8.get("regular_pay"))
t.check("8", "overtime", "376.47", r8.get("overtime_pay"))
t.check("8", "gross", "1046.23", r8.get("gross_pay"))

# 8b. Hours and pay without reported hours (rules/company/example
#    10-earnings.yaml: the contractual hours, standard_hours x
#    annual_hours (52) / periods per year x the share employed).
#    Hourly 20.00, 40 hours a week, hired 17 August 2026, monthly: share
#    15/31 (calendar days, as case 2).  Hours 40 x 52 / 12 x 15/31 =
#    31,200 / 372 = 83.870967.. -> 83.8710 (4 places, half up; an info
#    output without places is written without trailing zeros: 83.871); pay
#    20.00 x 2,080 / 12 x 15/31 = 52,000 / 31 = 1,677.419.. -> 1,677.42.
#    A salaried employee (E2, 60,000 a year) shows 0 hours and rate 0;
#    the same hourly employee employed the whole month (E3): 40 x 52 /
#    12 = 173.333.. -> 173.3333 hours, 20 x 2,080 / 12 = 3,466.666.. ->
#    3,466.67.
out, _, _ = one([COMPANY], [
    emp(pay_type="hourly", hourly_rate="20.00", hire_date="2026-08-17"),
    emp(employee_id="E2", annual_salary="60000"),
    emp(employee_id="E3", pay_type="hourly", hourly_rate="20.00")], "2026-08")
r = out.get("E1", {})
t.check("8b", "contractual hours, part period", "83.871", r.get("regular_hours"))
t.check("8b", "contractual pay, part period", "1677.42", r.get("regular_pay"))
r = out.get("E3", {})
t.check("8b", "contractual hours, whole period", "173.3333", r.get("regular_hours"))
t.check("8b", "contractual pay, whole period", "3466.67", r.get("regular_pay"))
r = out.get("E2", {})
t.check("8b", "salaried: no hours", "0", r.get("regular_hours"))
t.check("8b", "salaried: no rate", "0", r.get("regular_rate"))

# Off-cycle: a bonus-only run pays the bonus and no salary; federal
# withholding on supplemental wages at the 22% flat rate (IRS Pub 15
# (2026), section 7).
out, _, _ = one([FED, COMPANY], [emp(annual_salary="60000",
                                     national_id="123-45-6789")],
                "2026-12", pay_date="2026-12-18", extra_args=["-O"],
                items=[{"employee_id": "E1", "wage_type": "bonus",
                        "amount": "1000.00"}])
r = out.get("E1", {})
t.check("off-cycle", "no salary in an off-cycle run", "0.00", r.get("regular_pay"))
t.check("off-cycle", "bonus paid", "1000.00", r.get("gross_pay"))
t.check("off-cycle", "supplemental withholding 22%", "220.00", r.get("fit_supplemental"))

# 10. Social Security 2024, base 168,600, 15,000 a month: 15,000 taxable in
#     months 1-11, 3,600 in month 12; a second employer starts its own base.
with tempfile.TemporaryDirectory() as d:
    ytd = None
    got = []
    for m in range(1, 13):
        args = [vlib.CALC, "-q", "-r", os.path.join(vlib.ROOT, FED), "-r",
                os.path.join(vlib.ROOT, COMPANY), "-p", "2024-%02d" % m,
                "-Y", os.path.join(d, "ytd%d.csv" % m)]
        if ytd:
            args += ["-y", ytd]
        ep = os.path.join(d, "e.csv")
        vlib.write_csv(ep, list(emp(annual_salary="180000",
                                    national_id="123-45-6789").keys()),
                       [emp(annual_salary="180000", national_id="123-45-6789")])
        p = subprocess.run(args + [ep], capture_output=True, text=True)
        rows = list(csv.DictReader(io.StringIO(p.stdout)))
        got.append(rows[0]["ss_wages"] if rows else None)
        ytd = os.path.join(d, "ytd%d.csv" % m)
    for m in range(11):
        t.check("10:m%d" % (m + 1), "wage base", "15000.00", got[m])
    t.check("10:m12", "wage base", "3600.00", got[11])
    # The second employer: its own YTD file, so its own base.
    out, _, _ = one([FED, COMPANY], [emp(annual_salary="180000",
                                         national_id="123-45-6789")], "2024-12")
    t.check("10:employer2", "wage base", "15000.00", out.get("E1", {}).get("ss_wages"))

# 11. A false condition gives 0 to dependants; an empty formula is refused.
out, rej, _ = one([case("zero.yaml")], [{"employee_id": "E1", "has_child": "false",
                                         "children": "0", "amount": "10"}], "2026-01")
t.check("11a", "zero component", "0.00", out.get("E1", {}).get("doubled"))
p = subprocess.run([vlib.CALC, "-r", os.path.join(HERE, "empty.yaml"), "-p",
                    "2026-01", "/dev/null"], capture_output=True, text=True)
t.check("11b", "empty formula refused (exit 3)", "3", str(p.returncode))
t.check("11b", "empty formula: file:line:column", "1",
        "1" if "empty.yaml:4:" in p.stderr and "empty" in p.stderr else "0")

# 12. Records entered ahead of the period: the run says how many records
#     were in force, and pays nobody zero silently.
with tempfile.TemporaryDirectory() as d:
    ep = os.path.join(d, "e.csv")
    rows = [emp(employee_id="E1", effective_date="2026-12-15", annual_salary="12000"),
            emp(employee_id="E2", effective_date="2026-01-01", annual_salary="12000")]
    vlib.write_csv(ep, list(rows[0].keys()), rows)
    p = subprocess.run([vlib.CALC, "-r", os.path.join(vlib.ROOT, COMPANY), "-p",
                        "2026-12", "-s", os.path.join(d, "s.csv"), ep],
                       capture_output=True, text=True)
    res = list(csv.DictReader(io.StringIO(p.stdout)))
    summ = dict(csv.reader(open(os.path.join(d, "s.csv"))))
    t.check("12", "paid (both in force in Dec 2026)", "2", summ.get("paid"))
    p = subprocess.run([vlib.CALC, "-r", os.path.join(vlib.ROOT, COMPANY), "-p",
                        "2026-11", "-v", "-s", os.path.join(d, "s.csv"), ep],
                       capture_output=True, text=True)
    summ = dict(csv.reader(open(os.path.join(d, "s.csv"))))
    res = list(csv.DictReader(io.StringIO(p.stdout)))
    t.check("12", "not yet in force, reported", "1", summ.get("not_yet_in_force"))
    t.check("12", "no zero row for it", "1", str(len(res)))
    t.check("12", "stderr names it", "1",
            "1" if "not yet in force" in p.stderr else "0")
    # ... and the day after which it takes effect: the period's last
    # day, 30 November 2026 (November has 30 days), not its first.
    t.check("12", "stderr names the period's end", "1",
            "1" if "1 records not yet in force (effective after "
            "2026-11-30)" in p.stderr else "0")

# 13. 53 weekly pay dates: the 53rd period still counts 52 a year.
with tempfile.TemporaryDirectory() as d:
    ep = os.path.join(d, "e.csv")
    vlib.write_csv(ep, ["employee_id", "pay_group"],
                   [{"employee_id": "E1", "pay_group": "WEEKLY-THU"}])
    p = subprocess.run([vlib.CALC, "-q", "-r", os.path.join(HERE, "per-period.yaml"),
                        "-C", os.path.join(HERE, "weekly-53.yaml"), "-p", "#53", ep],
                       capture_output=True, text=True)
    res = list(csv.DictReader(io.StringIO(p.stdout)))
    r = res[0] if res else {}
    t.check_str("13", "pay date of period 53", "2026-12-31", r.get("pay_date"))
    t.check("13", "periods per year in period 53", "52", r.get("ppy"))
    t.check("13", "period number", "53", r.get("number"))

sys.exit(0 if t.done() else 1)
