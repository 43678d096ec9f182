#!/usr/bin/env python3
"""Every state program's contribution (rules/us/<xx>/programs.yaml) at a
half-cent tie: the share is the period's wages times the published rate,
"rounded to the cent half up" (docs/packs-us.md, state programs: "Each
share is rounded to the cent half up on the period's wages").

For each employee and employer share below, the rate is the program's 2026
rate as docs/packs-us.md's table and the programs' sources give it (the
share of a split rate multiplied out: WA PFML 1.13% x 71.43% employee,
x 28.57% employer; MA 0.18% family (employee 100%) + 0.70% medical
(employee 40%) = 0.46% employee, 0.42% employer; and so on, worked in
the table).  The wages are found here: the smallest pay, in cents, whose
exact product with the rate ends in a half cent after an even cent, so
that half up and half even (and rounding down) give different cents.  The
expected share is that product rounded half up.  A program rounding
another way, or at another rate, fails.  Default employer settings (no
small employer, no private plan); 2026-06 weekly pay, far below every cap.
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_HALF_EVEN

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

SSN = "123-45-6789"
CENT = D("0.01")
P = D("0.01")  # a percentage point
# (state, output, 2026 rate as a fraction, working)
SHARES = [
    ("CA", "ca_sdi_employee", D("1.3") * P, "SDI 1.3%"),
    ("CO", "co_famli_employee", D("0.88") * P * D("0.5"), "FAMLI 0.88% x 1/2"),
    ("CO", "co_famli_employer", D("0.88") * P * D("0.5"), "FAMLI 0.88% x 1/2"),
    ("CT", "ct_pfml_employee", D("0.5") * P, "Paid Leave 0.5%"),
    ("DC", "dc_pfl_employer", D("0.75") * P, "PFL tax 0.75%"),
    ("DE", "de_pfml_employee", D("0.8") * P * D("0.5"), "0.8% x 1/2"),
    ("DE", "de_pfml_employer", D("0.8") * P * D("0.5"), "0.8% x 1/2"),
    ("MA", "ma_pfml_employee", (D("0.18") + D("0.70") * D("0.4")) * P,
     "0.18% family + 40% of 0.70% medical = 0.46%"),
    ("MA", "ma_pfml_employer", D("0.70") * D("0.6") * P,
     "60% of 0.70% medical = 0.42%"),
    ("ME", "me_pfml_employee", D("1") * P * D("0.5"), "1% x 1/2"),
    ("ME", "me_pfml_employer", D("1") * P * D("0.5"), "1% x 1/2"),
    ("MN", "mn_pfml_employee", D("0.44") * P, "employee at most 0.44%"),
    ("MN", "mn_pfml_employer", (D("0.88") - D("0.44")) * P,
     "0.88% less the employee's 0.44%"),
    ("NJ", "nj_tdi_employee", D("0.19") * P, "TDI 0.19%"),
    ("NJ", "nj_fli_employee", D("0.23") * P, "FLI 0.23%"),
    ("NY", "ny_pfl_employee", D("0.432") * P, "PFL 0.432%"),
    ("NY", "ny_dbl_employee", D("0.5") * P, "DBL 0.5% (under $0.60 a week)"),
    ("OR", "or_pfml_employee", D("1") * P * D("0.6"), "1% x 60%"),
    ("OR", "or_pfml_employer", D("1") * P * D("0.4"), "1% x 40%"),
    ("OR", "or_stt_employee", D("0.1") * P, "statewide transit 0.1%"),
    ("RI", "ri_tdi_employee", D("1.1") * P, "TDI 1.1%"),
    ("VT", "vt_ccc_employee", D("0.11") * P, "CCC employee 0.11%"),
    ("VT", "vt_ccc_employer", D("0.33") * P, "CCC employer 0.33%"),
    # WA PFML (1.13% x 71.43% = 0.807159%, x 28.57% = 0.322841%): the
    # product of a pay in cents with an 8-digit rate prime to 10 ends in a
    # half cent only for pays of tens of thousands of dollars; not tested.
    ("WA", "wa_cares_employee", D("0.58") * P, "WA Cares 0.58%"),
]


def tie_wages(rate, lo=D("1.00"), hi=D("5000.00")):
    """The first wages from lo (by the cent) whose exact product with rate
    rounds differently half up and half even (a half cent after an even
    cent; rounding down then differs too)."""
    w = lo
    while w <= hi:
        x = w * rate
        if (x.quantize(CENT, rounding=ROUND_HALF_UP)
                != x.quantize(CENT, rounding=ROUND_HALF_EVEN)):
            return w
        w += CENT
    raise RuntimeError("no tie below %s for rate %s" % (hi, rate))


t = vlib.Tally("us program ties")
by_state = {}
for st, out, rate, why in SHARES:
    by_state.setdefault(st, []).append((out, rate, why))
for st, shares in sorted(by_state.items()):
    emps, want = [], {}
    for out, rate, why in shares:
        w = tie_wages(rate)
        eid = "E%d" % len(emps)
        emps.append({"employee_id": eid, "national_id": SSN,
                     "work_state": st, "wages": str(w)})
        exact = w * rate
        want[eid] = (out, "%s: %s x %s = %s" % (out, w, why, exact),
                     exact.quantize(CENT, rounding=ROUND_HALF_UP))
    out_rows, rej, err = vlib.calc(
        ["rules/us/federal", "rules/us/%s/programs.yaml" % st.lower(),
         "tests/vectors/packs/us_earnings.yaml"],
        emps, "2026-06-01", frequency="weekly", pay_date="2026-06-05")
    for x in rej:
        print("  %s: unexpected reject: %s" % (st, x.get("message")))
    for eid, (col, what, exp) in want.items():
        t.check(what, col, exp, out_rows.get(eid, {}).get(col))
sys.exit(0 if t.done() else 1)
