#!/usr/bin/env python3
"""New York State Method III (rules/us/ny, NYS-50-T-NYS): for every payroll
period and filing status, the first net wage at which Method III replaces
Method II, and the cent below it.

NYS-50-T-NYS (1/26), p. 22: Method III applies when the annualized net wage
(net wage x pay periods) is 1,077,550 or more (single) or 2,155,350 or more
(married); the Method II tables' last lines (pp. 17 and 19) hand off to it at
the period amounts below (annual / periods to the dollar, half up: 1,077,550
/ 52 = 20,722.1 -> 20,722).  Both figures as braedonsaunders/openbooks
engine/src/payroll/us/states/ny.ts transcribes them (the PDF itself not read
here); the pack carries them back to 2025 (its source says why) and that is
checked as the pack states it (single only: a married 2025 employee is
refused, see t_us_state_cases).

So Method III starts at the lower of the period line and the first cent
whose annualized amount reaches the annual start: semimonthly single
1,077,550 / 24 = 44,897.9166 -> 44,897.92 (x 24 = 1,077,550.08) comes before
the period line 44,898; weekly single 20,722 (x 52 = 1,077,544) comes before
1,077,550 / 52 = 20,722.12.  Each start is paid at that cent (Method III)
and one cent below (Method II), so both the annualized row and each period
row are probed wherever they decide: a figure typed lower moves Method III
onto the cent below, one typed higher moves Method II onto the start (a
period row above its annualized start is never reached: typed higher it
changes nothing, an equivalent mutant).

Below, Method III's own band lines are checked on both sides of each
bound, each year on its first and last day.

Method III (p. 22): annual tax = annualized net x 10.45% (to 5,000,000),
rounded to the cent; the period's tax = that / periods, rounded to the cent
half up.  Method II at the cent below: the top line of the period's table,
base + rate x (net - over), read from the pack's own text (t_scale_sums.py
and the vectors check those lines against the publication; here only which
method applies is checked).  The net wage is the wage less Table A, 0
exemptions (NYS-50-T-NYS (1/26) p. 14, as openbooks transcribes it; the
wage paid is net + that allowance).
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_CEILING

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/us/federal", "rules/us/ny",
         "tests/vectors/packs/us_earnings.yaml"]
SSN = "123-45-6789"
CENT = D("0.01")
PERIODS = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12,
           "daily": 260, "annual": 1}
# p. 22: Method III at annualized net wages of ... and over
ANNUAL_START = {"single": D(1077550), "married": D(2155350)}
# pp. 17, 19: the Method II tables' last line, annual / periods to the dollar
PERIOD_START = {
    "single": {"weekly": 20722,    # 1,077,550 / 52 = 20,722.12
               "biweekly": 41444,  # / 26 = 41,444.23
               "semimonthly": 44898,  # / 24 = 44,897.92
               "monthly": 89796,   # / 12 = 89,795.83
               "daily": 4144,      # / 260 = 4,144.42
               "annual": 1077550},
    "married": {"weekly": 41449,   # 2,155,350 / 52 = 41,449.04
                "biweekly": 82898,  # / 26 = 82,898.08
                "semimonthly": 89806,  # / 24 = 89,806.25
                "monthly": 179613,  # / 12 = 179,612.50
                "daily": 8290,      # / 260 = 8,289.81
                "annual": 2155350},
}
# Table A, 0 exemptions (p. 14)
TABLE_A0 = {
    "single": {"weekly": D("142.30"), "biweekly": D("284.60"),
               "semimonthly": D("308.35"), "monthly": D("616.70"),
               "daily": D("28.45"), "annual": D("7400")},
    "married": {"weekly": D("152.90"), "biweekly": D("305.80"),
                "semimonthly": D("331.25"), "monthly": D("662.50"),
                "daily": D("30.60"), "annual": D("7950")},
}
RATE3 = D("0.1045")


def r2(x):
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def top_line(y, scale, date):
    vals = [v for v in y["scales"][scale]["values"] if v["from"] <= date]
    a, r, base = max(vals, key=lambda v: v["from"])["brackets"][-1]
    return D(a), D(r.rstrip("%")) / 100, D(base)


TABLES = yaml.load(open(os.path.join(vlib.ROOT, "rules/us/ny/tables.yaml"),
                        encoding="utf-8"), Loader=yaml.BaseLoader)

t = vlib.Tally("us NY Method III start")
for year, statuses in (("2025", ("single",)), ("2026", ("single", "married"))):
    date = year + "-06-01"
    for freq, p in PERIODS.items():
        emps, want = [], {}
        for st in statuses:
            by_annual = (ANNUAL_START[st] / p).quantize(CENT,
                                                        rounding=ROUND_CEILING)
            start = min(D(PERIOD_START[st][freq]), by_annual)
            a, r, base = top_line(TABLES, "nys_%s_%s" % (freq, st), date)
            for net, method in ((start, 3), (start - CENT, 2)):
                if method == 3:
                    tax = r2(r2(net * p * RATE3) / p)
                else:
                    assert net > a, (freq, st, net, a)
                    tax = r2(base + r * (net - a))
                eid = "E%d" % len(emps)
                emps.append({"employee_id": eid, "national_id": SSN,
                             "work_state": "NY", "ny_filing_status": st,
                             "wages": "%.2f" % (net + TABLE_A0[st][freq])})
                want[eid] = ("%s %s %s net %s (Method %s)"
                             % (year, freq, st, net, "I" * method), tax)
        out, rej, err = vlib.calc(PACKS, emps, date, frequency=freq,
                                  pay_date=date)
        for x in rej:
            print("  unexpected reject: %s" % x.get("message"))
        for eid, (what, tax) in want.items():
            t.check(what, "ny_withholding", tax,
                    out.get(eid, {}).get("ny_withholding"))

# Method III's own lines (p. 22, as ny.ts transcribes them; 2025 as the
# pack's source quotes the (1/23) edition): one rate on the whole
# annualized net wage, 10.45% to 5,000,000, 11.10% to 25,000,000, 11.70%
# above, single and married alike.  Annual payroll, 1,000 of net wage
# below and above each bound (the rate of the band it falls in, on the
# whole: 4,999,000 x 10.45% = 522,395.50; 5,001,000 x 11.10% =
# 555,111.00; ...), on each year's first and last day (2025: single only,
# as above).
BANDS = ((D(5000000), D("0.1045"), D("0.111")),
         (D(25000000), D("0.111"), D("0.117")))
for year, statuses in (("2025", ("single",)), ("2026", ("single", "married"))):
    emps, want = [], {}
    for st in statuses:
        for bound, below, above in BANDS:
            for net, rate in ((bound - 1000, below), (bound + 1000, above)):
                eid = "B%d" % len(emps)
                emps.append({"employee_id": eid, "national_id": SSN,
                             "work_state": "NY", "ny_filing_status": st,
                             "wages": "%.2f" % (net + TABLE_A0[st]["annual"])})
                want[eid] = ("%s annual %s net %s: Method III %s of the whole"
                             % (year, st, net, rate), r2(net * rate))
    for date in (year + "-01-01", year + "-12-31"):
        out, rej, err = vlib.calc(PACKS, emps, date, frequency="annual",
                                  pay_date=date)
        for x in rej:
            print("  unexpected reject: %s" % x.get("message"))
        for eid, (what, tax) in want.items():
            t.check("%s %s" % (date, what), "ny_withholding", tax,
                    out.get(eid, {}).get("ny_withholding"))
sys.exit(0 if t.done() else 1)
