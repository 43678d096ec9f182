#!/usr/bin/env python3
"""Every state pack's resident withholding rule (the `xx_resident_withholding`
parameter of rules/us/<xx>/withholding.yaml): a resident of the state who
works in Texas (no wage tax, so nothing to credit) is withheld the state's
full tax where its law requires resident withholding, and nothing where it
does not.

Each state is paid twice in one run, 1,000.00 weekly on 2026-09-04: E1
works in the state (the state's own withholding), E2 works in Texas and
lives in the state.  Where the rule requires withholding, E2's withholding
equals E1's (the other state withholds 0, so the credit is 0) and is not
zero; where it does not, E2's is 0.  So a flag typed the other way, or a
gate that tests the work state instead of the residence, fails.

The expected rule of each state is the one its cited source states (the
`source:` of the parameter names it; most rest on
braedonsaunders/openbooks' REGION declarations or on general knowledge,
and say so).  Read here: Maine, openbooks@0a2c5c7 me.ts ME_REGION,
`residentWithholding: "required"` (36 M.R.S. 5250: Maine taxes residents
on all income wherever earned; the credit is on the return).  Maine's
figure is also worked from its booklet (Withholding Tables for Individual
Income Tax, Revised December 2025, percentage method, as me.ts
transcribes it): 1,000 x 52 = 52,000; standard deduction 12,450 (wages
under the 102,250 phase-out start); taxable 39,550; tax 1,589 + 6.75% x
(39,550 - 27,400) = 2,409.125 -> 2,409 (nearest dollar); / 52 = 46.33 ->
46.00 (nearest dollar).
"""
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

SSN = "123-45-6789"
DATE = "2026-09-04"
# 1: resident withholding required (full tax when the work state withholds
# nothing); 0: not required (or not established: nothing withheld).
REQUIRED = {
    "AL": 1,  # Ala. Admin. Code r. 810-3-71-.02 (excess over the other state's)
    "AR": 1,  # DFA instructions (01/01/2026) via openbooks AR_REGION
    "AZ": 0,  # Form A-4V: voluntary
    "CO": 1,  # tax.colorado.gov via openbooks CO_REGION
    "CT": 1,  # IP 2026(1) pp. 7-8
    "DC": 1,  # D.C. Code 47-1812.08(b)(1)
    "DE": 1,  # 30 Del. C. 1151
    "GA": 1,  # Employer's Withholding Tax Guide (excess over the other state's)
    "HI": 0,  # not established (openbooks hi.ts: unknown)
    "IA": 1,  # IAC 701-307.6
    "ID": 0,  # IDAPA 35.01.01.871: not required
    "IL": 1,  # IL-700 (R-12/25), "Who must withhold"
    "IN": 0,  # not required
    "KS": 0,  # not established (openbooks ks.ts: unknown)
    "KY": 0,  # 42A003 (10-2025): permitted, not required
    "LA": 0,  # not established (openbooks la.ts: unknown)
    "MA": 1,  # 830 CMR 62B.2.1
    "MD": 1,  # Employer Withholding Guide p. 4
    "ME": 1,  # 36 M.R.S. 5250 (me.ts ME_REGION read: "required")
    "MI": 0,  # not established (Form 446 not read)
    "MN": 1,  # wh-inst-26 p. 5
    "MO": 1,  # 12 CSR 10-2.015(10): without MO W-4C, withheld wherever performed
    "MS": 1,  # 35 Miss. Admin. Code R. 3-11-09-100
    "MT": 1,  # Montana guide (2026), MW-4 instructions
    "NC": 1,  # NC-30 section 5
    "ND": 0,  # not established
    "NE": 1,  # 316 NAC 21-005
    "NJ": 1,  # NJ-WT (September 2025) p. 8
    "NM": 1,  # FYI-104 (Rev. 11/2025)
    "OH": 1,  # R.C. 5747.06
    "OK": 1,  # OTC WTH instructions
    "OR": 1,  # ORS 316.167, OAR 150-316-0255
    "PA": 1,  # REV-415 (01-23)
    "RI": 0,  # permitted, not required
    "SC": 0,  # not established (openbooks sc.ts: unknown)
    "UT": 1,  # Pub 14 (Rev. 4/26) p. 2
    "VA": 1,  # Withholding Guide Rev. 05/25 p. 11
    "VT": 0,  # not established (openbooks vt.ts: unknown)
    "WI": 1,  # general knowledge (W-166 not read)
    "WV": 0,  # not established
}
ME_WEEKLY_1000 = D("46.00")  # worked in the docstring
# fields a state needs on every record; ND's zero bracket takes all of
# 1,000 a week (52,000 a year), so ND is paid 2,000
EXTRA = {"IN": {"in_wh4_county_residence": "NA", "in_wh4_county_work": "NA"},
         "MD": {"md_county": "03"},  # 03 Baltimore County
         "ND": {"wages": "2000.00"}}

t = vlib.Tally("us resident withholding flags")
for st, req in sorted(REQUIRED.items()):
    col = st.lower() + "_withholding"
    emps = [{"employee_id": "E1", "national_id": SSN, "work_state": st,
             "wages": "1000.00"},
            {"employee_id": "E2", "national_id": SSN, "work_state": "TX",
             "resident_state": st, "wages": "1000.00"}]
    for e in emps:
        e.update(EXTRA.get(st, {}))
    out, rej, err = vlib.calc(["rules/us/federal", "rules/us/" + st.lower(),
                               "tests/vectors/packs/us_earnings.yaml"],
                              emps, DATE, frequency="weekly", pay_date=DATE)
    for x in rej:
        print("  %s: unexpected reject: %s" % (st, x.get("message")))
    own = out.get("E1", {}).get(col)
    res = out.get("E2", {}).get(col)
    t.check(st + " works there", "withheld (1: more than 0)", "1",
            "1" if own not in (None, "") and D(own) > 0 else "0")
    if st == "ME":
        t.check("ME works there", col, ME_WEEKLY_1000, own)
    t.check("%s resident working in TX (required: %d)" % (st, req), col,
            own if req else "0.00", res)
sys.exit(0 if t.done() else 1)
