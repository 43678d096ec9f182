#!/usr/bin/env python3
"""Yonkers nonresident earnings tax (rules/us/ny, NYS-50-T-Y Method VII):
every band of every payroll period at both of its edges.

Method VII: the tax is 0.50% of the period's wages less the exclusion of
the band they fall in; wages under the first band owe nothing.  The bands
and exclusions per payroll period, NYS-50-T-Y (1/26) p. 24, as
braedonsaunders/openbooks@b47e6ec engine/src/payroll/us/states/ny.ts
YONKERS_NONRESIDENT_BANDS transcribes them (the PDF itself not read
here): each line "at least A but less than B: exclusion E".  The
expected tax is worked here from those lines, independently of the
pack: round((wages - E) x 0.50%, 2, half up).  The pack carries the
(1/26) bands back to 2025 (its source says why); 2025 is checked as the
pack states it.

Each band is paid at its first cent (A) and its last (B - 0.01), so a
bound or an exclusion typed wrong in any band of any period fails.
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/us/federal", "rules/us/ny",
         "tests/vectors/packs/us_earnings.yaml"]
SSN = "123-45-6789"
RATE = D("0.005")  # NYS-50-T-Y (1/26) Method VII: 0.50%
# period: [(at least, exclusion)], the last band without an upper bound
BANDS = {
    "weekly": [(0, None), (77, 58), (192, 38), (385, 19), (577, 0)],
    "biweekly": [(0, None), (154, 115), (385, 77), (769, 38), (1154, 0)],
    "semimonthly": [(0, None), (167, 125), (417, 83), (833, 42), (1250, 0)],
    "monthly": [(0, None), (333, 250), (833, 167), (1667, 83), (2500, 0)],
    "daily": [(0, None), (15, 12), (38, 8), (77, 4), (115, 0)],
}

t = vlib.Tally("us NY Yonkers nonresident")
for year in ("2025", "2026"):
    for freq, bands in BANDS.items():
        emps, want = [], {}
        for i, (low, excl) in enumerate(bands):
            edges = [D(low)]
            if i + 1 < len(bands):
                edges.append(D(bands[i + 1][0]) - D("0.01"))
            else:
                edges.append(D(low) + D("1000.00"))
            for w in edges:
                if w <= 0:
                    continue
                eid = "E%02d" % len(emps)
                emps.append({"employee_id": eid, "national_id": SSN,
                             "work_state": "NY", "wages": "%.2f" % w,
                             "ny_yonkers_nonresident": "true"})
                tax = D(0) if excl is None else ((w - excl) * RATE).quantize(
                    D("0.01"), rounding=ROUND_HALF_UP)
                want[eid] = (w, tax)
        out, rej, err = vlib.calc(PACKS, emps, year + "-06-01",
                                  frequency=freq, pay_date=year + "-06-01")
        for r in rej:
            print("  unexpected reject: %s" % r.get("message"))
        for eid, (w, tax) in want.items():
            t.check("%s %s wages %s" % (year, freq, w), "yonkers tax",
                    tax, out.get(eid, {}).get("yonkers_withholding"))
sys.exit(0 if t.done() else 1)
