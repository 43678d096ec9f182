#!/usr/bin/env python3
"""Arizona (rules/us/az): every percentage Form A-4 line 1 offers, 2025
and 2026, each year paid on its first and its last day.

Form A-4 (2025 and 2026, line 1): the employee elects 0.5%, 1.0%, 1.5%,
2.0%, 2.5%, 3.0% or 3.5% of gross taxable wages (2025: unverified, the
form as Bloomberg Tax and a 2025 copy describe it, unchanged from 2024).
Biweekly wages of 1,000.00: the election x 1,000.00, exact to the cent
(5.00 ... 35.00); an election the form does not offer (4.0%) is refused.
"""
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us az rates")
PACKS = ["rules/us/federal", "rules/us/az",
         "tests/vectors/packs/us_earnings.yaml"]
ELECTIONS = ("0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5")
for date in ("2025-01-01", "2025-12-31", "2026-01-01", "2026-12-31"):
    emps = [{"employee_id": "E%d" % i, "national_id": "123-45-6789",
             "work_state": "AZ", "wages": "1000.00", "az_a4_percent": p}
            for i, p in enumerate(ELECTIONS)]
    emps.append({"employee_id": "E9", "national_id": "123-45-6789",
                 "work_state": "AZ", "wages": "1000.00",
                 "az_a4_percent": "4.0"})
    out, rej, err = vlib.calc(PACKS, emps, date, frequency="biweekly",
                              pay_date=date)
    for i, p in enumerate(ELECTIONS):
        want = D(p) / 100 * 1000        # e.g. 2.5% x 1,000.00 = 25.00
        t.check("%s A-4 %s%%" % (date, p), "az_withholding", str(want),
                out.get("E%d" % i, {}).get("az_withholding"))
        t.check("%s A-4 %s%%" % (date, p), "az_rate", str(D(p) / 100),
                out.get("E%d" % i, {}).get("az_rate"))
    t.ok("E9" not in out and [r["employee_id"] for r in rej] == ["E9"],
         "%s: A-4 4.0%% refused, and only it (rejects %s)" % (
             date, [r["employee_id"] for r in rej]), "refusals")
sys.exit(0 if t.done() else 1)
