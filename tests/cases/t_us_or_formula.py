#!/usr/bin/env python3
"""Oregon (rules/us/or): every row of the 150-206-436 computer formula's
tables on both sides of its bound, 2025 and 2026.

Source of the figures written below (not the pack's text):
  2026: Oregon Withholding Tax Formulas 150-206-436 (Rev. 12-31-25), as
    transcribed in braedonsaunders/openbooks@0a2c5c71ac85
    engine/src/payroll/us/states/or.ts (OR_RATES_2026): the [S] and [M]
    PHASE OUT steps ("at least" the step's wages: cap), the low tables
    (annual wages up to $50,000) and high tables ($50,000 or higher),
    standard deductions 2,910 / 5,820, exemption credit 263, allowance
    cut-offs "greater than" 100,000 (single) / 200,000 (married).
  2025: the 2025 edition was not read; the figures are those of the
    Microsoft Dynamics GP U.S. 2025 Payroll Tax Update (Oregon, January
    Round 2) as the pack's sources quote them: cap 8,500 with steps of
    1,700 "over 124,999" ... "over 144,999" (single) and "over 249,999"
    ... "over 289,999" (married); S2 256 + 4.75% to 4,400, 465 + 6.75%
    over 4,400 to 11,100, 917 + 8.75% over 11,100; MS3 8,800 / 674 /
    22,200 / 1,579; high S2 661 + 8.75% over 11,100 to 125,000, 10,627 +
    9.9% over 125,000; MS3 1,323 over 22,200 to 250,000, 21,256 + 9.9%
    over 250,000; deductions 2,835 / 5,670; credit 256.  The 2025 married
    steps between the first and the last are not printed by that source
    and are not tested.

Each year's cases are paid on its first and its last day.  The runs are annual (one pay period a year, so the period's wages are the
annual wages the tables are keyed on).  The phase-out is read on
or_federal_cap at the last cent below each step and on the step.  The
brackets are read on or_annual_tax with the employee's federal W-4
exempt (no federal tax withheld, so BASE = wages - standard deduction):
100 dollars of BASE below and above every band's bound, and in the top
band, worked here as addend + (BASE - subtract) x rate rounded to the
dollar half up (Example 1) - credit x allowances.
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us or formula")
PACKS = ["rules/us/federal", "rules/us/or",
         "tests/vectors/packs/us_earnings.yaml"]

YEARS = {
    "2026": {
        "dates": ("2026-01-01", "2026-12-31"),
        "credit": D(263), "std": {"single": D(2910), "married": D(5820)},
        # (first wages of the step, cap); the cap below the first step
        "phase": {"single": [(D(0), D(8750)), (D(125000), D(7000)),
                             (D(130000), D(5250)), (D(135000), D(3500)),
                             (D(140000), D(1750)), (D(145000), D(0))],
                  "married": [(D(0), D(8750)), (D(250000), D(7000)),
                              (D(260000), D(5250)), (D(270000), D(3500)),
                              (D(280000), D(1750)), (D(290000), D(0))]},
        # low tables: (but not over BASE, addend, subtract, rate)
        "low": {"single": [(D(4550), D(263), D(0), D("0.0475")),
                           (D(11400), D(479), D(4550), D("0.0675")),
                           (None, D(941), D(11400), D("0.0875"))],
                "married": [(D(9100), D(263), D(0), D("0.0475")),
                            (D(22800), D(695), D(9100), D("0.0675")),
                            (None, D(1620), D(22800), D("0.0875"))]},
        "high": {"single": [(D(125000), D(678), D(11400), D("0.0875")),
                            (None, D(10618), D(125000), D("0.099"))],
                 "married": [(D(250000), D(1357), D(22800), D("0.0875")),
                             (None, D(21237), D(250000), D("0.099"))]},
        "below": D("0.01"),   # "at least" the step: a cent below is the step before
    },
    "2025": {
        "dates": ("2025-01-01", "2025-12-31"),
        "credit": D(256), "std": {"single": D(2835), "married": D(5670)},
        "phase": {"single": [(D(0), D(8500)), (D(125000), D(6800)),
                             (D(130000), D(5100)), (D(135000), D(3400)),
                             (D(140000), D(1700)), (D(145000), D(0))],
                  "married": [(D(0), D(8500)), (D(250000), D(6800)),
                              (D(290000), D(0), "prev not printed")]},
        "low": {"single": [(D(4400), D(256), D(0), D("0.0475")),
                           (D(11100), D(465), D(4400), D("0.0675")),
                           (None, D(917), D(11100), D("0.0875"))],
                "married": [(D(8800), D(256), D(0), D("0.0475")),
                            (D(22200), D(674), D(8800), D("0.0675")),
                            (None, D(1579), D(22200), D("0.0875"))]},
        "high": {"single": [(D(125000), D(661), D(11100), D("0.0875")),
                            (None, D(10627), D(125000), D("0.099"))],
                 "married": [(D(250000), D(1323), D(22200), D("0.0875")),
                             (None, D(21256), D(250000), D("0.099"))]},
        # "over 124,999": whole dollars; 124,999.00 is the step before
        "below": D("1.00"),
    },
}
HIGH_WAGE = D(50000)   # both years: the high tables from $50,000


def dollars(x):
    return x.quantize(D(1), rounding=ROUND_HALF_UP)


def from_rates(table, base):
    for upto, add, sub, rate in table:
        if upto is None or base <= upto:
            return add + dollars(max(D(0), base - sub) * rate)
    raise AssertionError("no band")


cases = {}   # year -> list of (employee, [(output, expected, why)])


def add(year, fields, checks):
    lst = cases.setdefault(year, [])
    e = {"employee_id": "E%03d" % len(lst), "national_id": "123-45-6789",
         "work_state": "OR", "or_w4": "true"}
    e.update(fields)
    lst.append((e, checks))


for year, y in YEARS.items():
    # Phase-out of the federal subtraction: a step's wages and just below.
    for status, steps in y["phase"].items():
        statuses = [status] + (["married_higher_single"]
                               if status == "single" else [])
        for st in statuses:
            for i, step in enumerate(steps):
                if i == 0:
                    continue
                start, cap = step[:2]
                sides = [(start, cap)]
                if len(step) == 2:   # the step before it is printed too
                    sides.insert(0, (start - y["below"], steps[i - 1][1]))
                for w, want in sides:
                    add(year, {"wages": str(w), "or_marital_status": st},
                        [("or_federal_cap", want, "%s %s wages %s: cap %s"
                          % (year, st, w, want))])
    # Brackets: federal exempt, 0 allowances, BASE = wages - deduction.
    for kind, lo, hi in (("low", D(0), HIGH_WAGE), ("high", HIGH_WAGE, None)):
        for status in ("single", "married"):
            table = y[kind][status]
            std = y["std"][status]
            bases = []
            for i, (upto, a, sub, rate) in enumerate(table):
                if upto is not None:
                    # a bound typed with two digits swapped moves it by 45
                    # (4,550 -> 4,505) or more: one of these falls between
                    bases += [upto + d for d in (-1000, -100, -30, 30, 100, 1000)]
                else:
                    start = table[i - 1][0] if i else D(0)
                    bases.append(start + 1000)
            for base in bases:
                w = base + std
                if w < lo or (hi is not None and w >= hi):
                    continue   # this BASE is not reached by this table's wages
                want = from_rates(table, base)
                add(year, {"wages": str(w), "or_marital_status": status,
                           "w4_exempt": "true"},
                    [("or_annual_tax", want, "%s %s %s BASE %s" % (
                        year, kind, status, base)),
                     ("or_withholding", want, "annual: the period is the year")])
    # The $50,000 switch: a cent below uses the low table, 50,000 the high.
    for status in ("single", "married"):
        std = y["std"][status]
        for w, kind in ((HIGH_WAGE - D("0.01"), "low"), (HIGH_WAGE, "high")):
            want = from_rates(y[kind][status], w - std)
            add(year, {"wages": str(w), "or_marital_status": status,
                       "w4_exempt": "true"},
                [("or_annual_tax", want, "%s %s wages %s: %s table" % (
                    year, status, w, kind))])
    # Allowances: none above the cut-off ("greater than"); 2 allowances
    # single, 3 married (married table either way).
    for st, cut, n in (("single", D(100000), "2"),
                       ("married_higher_single", D(100000), "2"),
                       ("married", D(200000), "3")):
        for w, used in ((cut, n), (cut + D("0.01"), "0")):
            add(year, {"wages": str(w), "or_marital_status": st,
                       "or_allowances": n},
                [("or_allowances_used", D(used), "%s %s wages %s" % (
                    year, st, w))])
    # The exemption credit, one allowance, low single table:
    # BASE 10,000 -> addend + rate x excess - credit.
    base = D(10000)
    want = from_rates(y["low"]["single"], base) - y["credit"]
    add(year, {"wages": str(base + y["std"]["single"]), "w4_exempt": "true",
               "or_allowances": "1"},
        [("or_annual_tax", want, "%s one allowance: credit %s" % (
            year, y["credit"]))])

# Each year's cases on its first and its last day (every dated value on
# its first day; the 2026 values not yet on the day before).
for year, lst in sorted(cases.items()):
    for date in YEARS[year]["dates"]:
        out, rej, err = vlib.calc(PACKS, [e for e, _ in lst], date,
                                  frequency="annual", pay_date=date)
        for r in rej:
            t.ok(False, "unexpected reject %s: %s" % (r.get("employee_id"),
                                                      r.get("message")))
        for e, checks in lst:
            r = out.get(e["employee_id"], {})
            for col, want, why in checks:
                t.check("%s %s wages %s (%s)" % (date, e["employee_id"],
                                                  e["wages"], why),
                        col, str(want), r.get(col))

# The dated change on its first day: 125,000 single pays the 2025 step
# (6,800) on 31 December 2025 and the 2026 one (7,000) on 1 January 2026.
for date, want in (("2025-12-31", "6800"), ("2026-01-01", "7000")):
    out, rej, err = vlib.calc(PACKS, [{
        "employee_id": "E1", "national_id": "123-45-6789", "work_state": "OR",
        "or_w4": "true", "wages": "125000"}], date, frequency="annual",
        pay_date=date)
    t.check("pay date %s" % date, "or_federal_cap", want,
            out.get("E1", {}).get("or_federal_cap"))
sys.exit(0 if t.done() else 1)
