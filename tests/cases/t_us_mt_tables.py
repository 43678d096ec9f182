#!/usr/bin/env python3
"""Montana (rules/us/mt): every line of every withholding table, each pay
frequency and MW-4 schedule, 2025 and 2026, on both sides of its bounds,
each year paid on its first and its last day.

The guide's formula W = A + B x (G - C), three lines per table: below C1
nothing; from C1, 4.7% of the excess over C1; from C2, A2 plus the top
rate of the excess over C2; W rounded to the nearest dollar (no MW-4 line
3 here, so the final round up changes nothing).

2026: Montana Employer and Information Agent Guide with Montana
Withholding Tax Tables - 2026 (V4 November 2025), as transcribed in
braedonsaunders/openbooks@0a2c5c71ac85 engine/src/payroll/us/states/mt.ts
(MT_RATES_2026; top rate 5.65%), figures written below.
2025: the 2025 guide was not read.  The annual lines are those the
Dynamics GP 2025 update and the NFC bulletin NFC-25-1742489685 (20 March
2025) print: 4.7% from 15,000 / 30,000 / 22,500 and 5.9% from 36,100 /
72,200 / 54,200 with A2 992 / 1,983 / 1,490 (single / joint / head of
household); the period lines are derived here as ARM 42.17.105(3) builds
the tables: the annual amount divided by 52, 26, 24, 12 and 365 (daily),
C to the nearest dollar, A rounded up to the dollar.

For each table, G (the period's wages) is paid at C1 - 0.01 (nothing),
C1 + 100 (4.7% x 100 = 4.70 -> 5; where C2 - C1 is under 200, as in
the daily tables, C1 + half of it), C2 - 0.01 (4.7% of C2 - 0.01 - C1,
to the dollar) and C2 + 100 (A2 + 5.65 -> A2 + 6 in 2026, A2 + 5.90 -> A2
+ 6 in 2025), the expected amounts worked below from those figures.
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_CEILING

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us mt tables")
PACKS = ["rules/us/federal", "rules/us/mt",
         "tests/vectors/packs/us_earnings.yaml"]
FREQS = ("weekly", "biweekly", "semimonthly", "monthly", "daily", "annual")

# 2026: (C1, C2, A2) per schedule and frequency, as printed.
T2026 = {
    "single": {"monthly": (1342, 5300, 187), "semimonthly": (671, 2650, 94),
               "biweekly": (619, 2446, 86), "weekly": (310, 1223, 43),
               "daily": (62, 245, 9), "annual": (16100, 63600, 2233)},
    "married_joint": {"monthly": (2683, 10600, 372),
                      "semimonthly": (1342, 5300, 187),
                      "biweekly": (1238, 4892, 172), "weekly": (619, 2446, 86),
                      "daily": (124, 489, 18),
                      "annual": (32200, 127200, 4465)},
    "head_of_household": {"monthly": (2013, 7950, 280),
                          "semimonthly": (1006, 3975, 140),
                          "biweekly": (929, 3669, 129),
                          "weekly": (464, 1835, 65), "daily": (93, 367, 13),
                          "annual": (24150, 95400, 3349)},
}
# 2025 annual lines (GP / NFC), periods derived by ARM 42.17.105(3).
A2025 = {"single": (15000, 36100, 992), "married_joint": (30000, 72200, 1983),
         "head_of_household": (22500, 54200, 1490)}
DIV = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12,
       "daily": 365}


def derived(annual, freq):
    c1, c2, a2 = annual
    if freq == "annual":
        return annual
    n = D(DIV[freq])
    return (int((D(c1) / n).quantize(D(1), rounding=ROUND_HALF_UP)),
            int((D(c2) / n).quantize(D(1), rounding=ROUND_HALF_UP)),
            int((D(a2) / n).quantize(D(1), rounding=ROUND_CEILING)))


YEARS = {
    "2025": (("2025-01-01", "2025-12-31"), D("0.059"),
             {s: {f: derived(A2025[s], f) for f in FREQS} for s in A2025}),
    "2026": (("2026-01-01", "2026-12-31"), D("0.0565"), T2026),
}
B1 = D("0.047")


def dollars(x):
    return x.quantize(D(1), rounding=ROUND_HALF_UP)


for year, (dates, b2, tables) in sorted(YEARS.items()):
    for freq in FREQS:
        emps, checks = [], []
        for status, rows in sorted(tables.items()):
            c1, c2, a2 = (D(x) for x in rows[freq])
            k = min(D(100), ((c2 - c1) / 2).to_integral_value())
            for g, want, why in (
                    (c1 - D("0.01"), D(0), "below C1: nothing"),
                    (c1 + k, dollars(B1 * k), "C1 + %s: 4.7%% x %s" % (k, k)),
                    (c2 - D("0.01"), dollars(B1 * (c2 - D("0.01") - c1)),
                     "C2 - 0.01: 4.7% x (G - C1)"),
                    (c2 + 100, dollars(a2 + b2 * 100),
                     "C2 + 100: A2 + %s x 100" % b2)):
                e = {"employee_id": "E%03d" % len(emps),
                     "national_id": "123-45-6789", "work_state": "MT",
                     "wages": str(g), "mt_mw4_filing_status": status}
                emps.append(e)
                checks.append((e["employee_id"], want, "%s %s %s G %s: %s" % (
                    year, status, freq, g, why)))
        for date in dates:
            period = date
            if freq == "semimonthly" and date.endswith("-31"):
                period = date[:8] + "16"    # the second half of December
            elif freq == "monthly":
                period = date[:7]
            out, rej, err = vlib.calc(PACKS, emps, period, frequency=freq,
                                      pay_date=date)
            for r in rej:
                t.ok(False, "%s %s: unexpected reject %s: %s" % (
                    date, freq, r.get("employee_id"), r.get("message")))
            for eid, want, why in checks:
                t.check("%s %s" % (date, why), "mt_withholding", str(want),
                        out.get(eid, {}).get("mt_withholding"))
sys.exit(0 if t.done() else 1)
