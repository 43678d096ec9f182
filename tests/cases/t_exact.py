"""Issue 13, 1: exact arithmetic between roundings, through payroll-calc.

Every expected value is worked by hand below (exact fractions); none was
taken from running this code.  Before the change, a quotient kept 24
places, and a product of it could land a hair below a tie: 375.22 for
375.225, 0 for 0.5, 1 for 1.5; and 10000000000.00 / (1/3) reported an
overflow."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
COMPANY = "rules/company/example"
EXACT = os.path.relpath(os.path.join(HERE, "exact.yaml"), vlib.ROOT)
t = vlib.Tally("exact")

# 1. The company pack: a salaried employee at 40,024.00 a year (40 hours a
#    week, 52 weeks: 2,080 hours) with 13 overtime hours at 1.5 times:
#    overtime_pay = round(13 * 40024.00 / 2080 * 1.5, 2, half_up)
#                 = round(780468 / 2080, 2, half_up) = round(375.225, 2)
#                 = 375.23 (an exact tie, half up).
#    Regular pay: 40024.00 / 12 = 3335.333..., half up: 3335.33.
emp = {"employee_id": "E1", "pay_type": "salaried", "employment_type":
       "full_time", "hire_date": "2020-01-01", "annual_salary": "40024.00"}
out, rej, err = vlib.calc([COMPANY], [emp], "2026-11",
                          items=[{"employee_id": "E1", "wage_type":
                                  "overtime_hours", "amount": "13"}])
r = out.get("E1", {})
t.check("1", "overtime 40024.00 / 2080 * 1.5 * 13 = 375.225 -> 375.23",
        "375.23", r.get("overtime_pay"))
t.check("1", "regular 40024.00 / 12 = 3335.333... -> 3335.33", "3335.33",
        r.get("regular_pay"))
t.check("1", "gross 3335.33 + 375.23", "3710.56", r.get("gross_pay"))

# Other half-cent ties of that formula (13 h * 1.5 / 2080 = 3/320),
# worked by hand:
#   40024.00 * 3 / 320 = 375.225   -> 375.23
#   40152.00 * 3 / 320 = 376.425   -> 376.43
#   39896.00 * 3 / 320 = 374.025   -> 374.03
for sal, want in (("40152.00", "376.43"), ("39896.00", "374.03")):
    e = dict(emp, annual_salary=sal)
    out, _, _ = vlib.calc([COMPANY], [e], "2026-11",
                          items=[{"employee_id": "E1", "wage_type":
                                  "overtime_hours", "amount": "13"}])
    t.check("1", "overtime %s * 3 / 320 (a half-cent tie)" % sal, want,
            out.get("E1", {}).get("overtime_pay"))

# 2. x * (2 / 37): 9.25 * 2 / 37 = 18.5 / 37 = 0.5 exactly;
#    27.75 * 2 / 37 = 55.5 / 37 = 1.5 exactly.
#    half_up: 1 and 2; half_even: 0 and 2; half_down: 0 and 1.
rows = [{"employee_id": "E1", "x": "9.25"}, {"employee_id": "E2", "x": "27.75"},
        {"employee_id": "E3", "x": "10000000000.00", "y": "1"},
        {"employee_id": "E4", "x": "700.5"}]
out, rej, err = vlib.calc([EXACT], rows, "2026-11")
t.check("2", "round(9.25 * (2/37), 0, half_up) = round(0.5) = 1", "1",
        out.get("E1", {}).get("tie_half_up"))
t.check("2", "round(27.75 * (2/37), 0, half_up) = round(1.5) = 2", "2",
        out.get("E2", {}).get("tie_half_up"))
t.check("2", "0.5 half_even = 0", "0", out.get("E1", {}).get("tie_half_even"))
t.check("2", "1.5 half_even = 2", "2", out.get("E2", {}).get("tie_half_even"))
t.check("2", "0.5 half_down = 0", "0", out.get("E1", {}).get("tie_half_down"))
t.check("2", "1.5 half_down = 1", "1", out.get("E2", {}).get("tie_half_down"))

# 3. 10000000000.00 / (1 / 3) = 30000000000.00 (it reported an overflow).
t.check("3", "10000000000.00 / (1/3)", "30000000000.00",
        out.get("E3", {}).get("by_third"))

# 4. Exact values everywhere: x / 3 * 3 = x; x / 3 == 2x / 6;
#    min(x/3, x/7) * 21 = 3x; mod(x/3, 1) * 3 = the remainder of x by 3;
#    floor/ceil/round_unit of x/3.
#    x = 9.25:  x/3 = 3.08333...; 3x = 27.75; mod: 0.08333... * 3 = 0.25;
#               floor 3.08, ceil 3.09; to 0.05 half up: 3.10 (3.0833 is
#               past 3.075, the midpoint of 3.05 and 3.10).
#    x = 27.75: x/3 = 9.25 exactly; 3x = 83.25; mod 0.25 * 3 = 0.75;
#               floor = ceil = 9.25; to 0.05: 9.25.
for eid, x, back, mn, md, fl, ce, un in (
        ("E1", "9.25", "9.25", "27.75", "0.25", "3.08", "3.09", "3.10"),
        ("E2", "27.75", "27.75", "83.25", "0.75", "9.25", "9.25", "9.25")):
    r = out.get(eid, {})
    t.check("4", "%s / 3 * 3" % x, back, r.get("back"))
    t.check("4", "%s / 3 == 2x / 6" % x, "1", r.get("third_is_third"))
    t.check("4", "min(x/3, x/7) * 21 for x = %s" % x, mn, r.get("min_third"))
    t.check("4", "mod(x/3, 1) * 3 for x = %s" % x, md, r.get("mod_third"))
    t.check("4", "floor(x/3, 2) for x = %s" % x, fl, r.get("floor_third"))
    t.check("4", "ceil(x/3, 2) for x = %s" % x, ce, r.get("ceil_third"))
    t.check("4", "round_unit(x/3, 0.05, half_up) for x = %s" % x, un,
            r.get("unit_third"))

# 5. A scale on a quotient: 700.5 / 7 = 100.0714285714... is in the 21%
#    bracket: 100 * 10% + (700.5/7 - 100) * 21% = 10 + (0.5/7) * 0.21
#    = 10 + 0.015 = 10.015 exactly; half up: 10.02.
t.check("5", "round(scale(s21, 700.5 / 7), 2, half_up) = round(10.015)",
        "10.02", out.get("E4", {}).get("scale_seventh"))

sys.exit(0 if t.done() else 1)
