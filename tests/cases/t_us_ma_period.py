#!/usr/bin/env python3
"""Massachusetts (rules/us/ma): every figure of Circular M's period table,
for every pay frequency it prints: the exemption factor (per exemption and
base), the head of household and blindness amounts, and the floor below
which an employee claiming exemptions is not withheld.

Circular M (Rev. 12/25), as braedonsaunders/openbooks@b47e6ec
engine/src/payroll/us/states/ma.ts transcribes it (read here, the PDF
itself not): exemption factor per exemption n: weekly 19n + 66, biweekly
38n + 131, semimonthly 42n + 141, monthly 83n + 284, daily 3n + 9, annual
1,000n + 3,400; head of household 2.31 / 4.62 / 5.00 / 10.00 / 0.33 /
120.00; blindness 2.12 / 4.23 / 4.58 / 9.17 / 0.30 / 110.00; no
withholding below 154 / 308 / 333 / 667 / 22 / 8,000 when one or more
exemptions are claimed.

The steps (same source): 1. wages less Social Security and Medicare (here
round(W x 6.2%) + round(W x 1.45%), the federal pack's figures), at most
2,000 a year; 2. less the exemption factor; 3. x the pay periods; 4. x 5%
(below the 1,107,750 surtax threshold), to the cent; 5. / the pay periods,
to the cent; 6-7. less head of household and blindness.  Each frequency is
paid once each with 1 and 2 exemptions (so per and base are each
determined), with head of household, with blindness, and at the floor and
a cent below it.  2026-06 pay dates (the table is dated 2025-01-01 and is
the same for 2026).
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/us/federal", "rules/us/ma",
         "tests/vectors/packs/us_earnings.yaml"]
SSN = "123-45-6789"
CENT = D("0.01")
# frequency: periods, per, base, hoh, blind, floor, wages paid
TABLE = {
    "weekly": (52, 19, 66, "2.31", "2.12", 154, "1000.00"),
    "biweekly": (26, 38, 131, "4.62", "4.23", 308, "2000.00"),
    "semimonthly": (24, 42, 141, "5.00", "4.58", 333, "2000.00"),
    "monthly": (12, 83, 284, "10.00", "9.17", 667, "4000.00"),
    "daily": (260, 3, 9, "0.33", "0.30", 22, "200.00"),
    "annual": (1, 1000, 3400, "120.00", "110.00", 8000, "60000.00"),
}


def r2(x):
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def tax(w, p, factor, less=D(0)):
    fica = min(r2(w * D("0.062")) + r2(w * D("0.0145")), D(2000))
    net = max(D(0), w - fica - factor)
    return max(D(0), r2(r2(net * p * D("0.05")) / p) - less)


t = vlib.Tally("us MA period table")
for freq, (p, per, base, hoh, blind, floor, wages) in TABLE.items():
    w, hoh, blind, floor = D(wages), D(hoh), D(blind), D(floor)
    f1, f2 = D(per + base), D(2 * per + base)
    cases = [  # (id, fields, wages, factor, expected withholding)
        ("1 exemption", {"ma_m4_exemptions": "1"}, w, f1, tax(w, p, f1)),
        ("2 exemptions", {"ma_m4_exemptions": "2"}, w, f2, tax(w, p, f2)),
        ("head of household", {"ma_m4_exemptions": "1", "ma_m4_hoh": "true"},
         w, f1, tax(w, p, f1, hoh)),
        ("blind", {"ma_m4_exemptions": "1", "ma_m4_blind": "1"},
         w, f1, tax(w, p, f1, blind)),
        ("at the floor", {"ma_m4_exemptions": "1"}, floor, f1,
         tax(floor, p, f1)),
        ("a cent below the floor", {"ma_m4_exemptions": "1"}, floor - CENT,
         f1, D(0)),
    ]
    emps = []
    for i, (cid, fields, cw, _, _) in enumerate(cases):
        e = {"employee_id": "E%d" % i, "national_id": SSN, "work_state": "MA",
             "wages": str(cw)}
        e.update(fields)
        emps.append(e)
    date, period = {"monthly": ("2026-06-30", "2026-06"),
                    "annual": ("2026-06-30", "2026-06"),
                    "semimonthly": ("2026-06-15", "2026-06-01")}.get(
                        freq, ("2026-06-05", "2026-06-05"))
    out, rej, err = vlib.calc(PACKS, emps, period, frequency=freq,
                              pay_date=date)
    for x in rej:
        print("  %s: unexpected reject: %s" % (freq, x.get("message")))
    for i, (cid, fields, cw, factor, want) in enumerate(cases):
        r = out.get("E%d" % i, {})
        what = "%s %s wages %s" % (freq, cid, cw)
        if cid.endswith("exemptions") or cid == "1 exemption":
            t.check(what, "ma_exemption_factor", factor,
                    r.get("ma_exemption_factor"))
        t.check(what, "ma_withholding", want, r.get("ma_withholding"))
        if cid == "at the floor":
            t.check(what, "withheld (1: more than 0)", "1",
                    "1" if want > 0 else "0")
sys.exit(0 if t.done() else 1)
