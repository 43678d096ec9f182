#!/usr/bin/env python3
"""Maryland (rules/us/md), 2026: every county's local rate, and every line
of the graduated Anne Arundel and Frederick tables on both sides of its
bound, paid on 1 January and 31 December 2026.

Source: 2026 Maryland Employer Withholding Guide (Rev. December 2025) and
Withholding Tax Facts January-December 2026 (COM/RAD-098 Rev. 12/25), as
transcribed in braedonsaunders/openbooks@23cc321 engine/src/payroll/us/
states/md.ts (MD_RATES_2026, MD_COUNTIES_2026): standard deduction
3,400, exemption 3,200; state withholding bands (single) 4.75% to
100,000, 5.00% to 125,000, 5.25% to 150,000, 5.50% to 250,000, 5.75% to 500,000
(joint) 4.75% to 150,000, 5.00% to 175,000, 5.25% to 225,000, 5.50% to
300,000, 5.75% to 600,000; the county table rates below; Anne Arundel marginal 2.70% to
50,000 (joint 75,000), 2.94% to 400,000 (joint 480,000), 3.20% above;
Frederick one rate on the whole taxable amount by its band: 2.25% to
25,000, 2.75% to 50,000 (joint 100,000), 2.96% to 150,000 (joint
250,000), 3.20% above.

Annual payroll, MW507 with no exemption, a Maryland resident: taxable T
= wages - 3,400; the annual tax (md_annual_tax) = state(T) + local(T),
to the cent, worked below from those figures.  Last, the Guide's
minimum gross wages of each pay period on both sides.
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us md local")
PACKS = ["rules/us/federal", "rules/us/md",
         "tests/vectors/packs/us_earnings.yaml"]
STD = D(3400)
STATE = {"single": [(D(100000), D("0.0475")), (D(125000), D("0.05")),
                    (D(150000), D("0.0525")), (D(250000), D("0.055")),
                    (D(500000), D("0.0575")), (D(1000000), D("0.0625")),
                    (None, D("0.065"))],
         "joint": [(D(150000), D("0.0475")), (D(175000), D("0.05")),
                   (D(225000), D("0.0525")), (D(300000), D("0.055")),
                   (D(600000), D("0.0575")), (D(1200000), D("0.0625")),
                   (None, D("0.065"))]}
COUNTY = {"01": "3.20", "03": "3.20", "04": "3.20", "05": "3.20",
          "06": "3.20", "07": "3.05", "08": "2.75", "09": "3.05",
          "10": "3.30", "12": "2.65", "13": "3.10", "14": "3.20",
          "15": "3.30", "16": "3.20", "17": "3.20", "18": "3.20",
          "19": "3.20", "20": "3.20", "21": "2.40", "22": "3.00",
          "23": "3.20", "24": "2.25"}
ANNE = {"single": [(D(50000), D("0.027")), (D(400000), D("0.0294")),
                   (None, D("0.032"))],
        "joint": [(D(75000), D("0.027")), (D(480000), D("0.0294")),
                  (None, D("0.032"))]}
FRED = {"single": [(D(25000), D("0.0225")), (D(50000), D("0.0275")),
                   (D(150000), D("0.0296")), (None, D("0.032"))],
        "joint": [(D(25000), D("0.0225")), (D(100000), D("0.0275")),
                  (D(250000), D("0.0296")), (None, D("0.032"))]}


def marginal(bands, x):
    tax, low = D(0), D(0)
    for upto, rate in bands:
        top = x if upto is None else min(x, upto)
        if top > low:
            tax += (top - low) * rate
        if upto is None or x <= upto:
            return tax
        low = upto
    raise AssertionError("over the last band")


def band_rate(bands, x):
    for upto, rate in bands:
        if upto is None or x <= upto:
            return rate


emps, checks = [], []


def case(county, status, T, local, why):
    e = {"employee_id": "E%03d" % len(emps), "national_id": "123-45-6789",
         "work_state": "MD", "resident_state": "MD", "md_county": county,
         "md_mw507_status": status, "md_mw507_exemptions": "0",
         "wages": str(T + STD)}
    emps.append(e)
    want = (marginal(STATE[status], T) + local).quantize(
        D("0.01"), rounding=ROUND_HALF_UP)
    checks.append((e["employee_id"], want, "county %s %s T %s: %s" % (
        county, status, T, why)))


for county, pct in sorted(COUNTY.items()):
    T = D(50000)
    case(county, "single", T, T * D(pct) / 100,
         "(4.75%% + %s%%) x 50,000" % pct)
for status, bands in sorted(ANNE.items()):
    for x in [b[0] for b in bands if b[0] is not None]:
        for T in (x - 10000, x + 10000):
            case("02", status, T, marginal(bands, T),
                 "Anne Arundel marginal, 10,000 from the bound %s" % x)
for status, bands in sorted(FRED.items()):
    for x in [b[0] for b in bands if b[0] is not None]:
        for T in (x, x + D("0.01")):
            r = band_rate(bands, T)
            case("11", status, T, T * r,
                 "Frederick %s of the whole (bound %s)" % (r, x))

for date in ("2026-01-01", "2026-12-31"):
    out, rej, err = vlib.calc(PACKS, emps, "2026-01-01", frequency="annual",
                              pay_date=date)
    for r in rej:
        t.ok(False, "%s: unexpected reject %s: %s" % (
            date, r.get("employee_id"), r.get("message")))
    for eid, want, why in checks:
        t.check("%s %s" % (date, why), "md_annual_tax", str(want),
                out.get(eid, {}).get("md_annual_tax"))

# "Do not withhold on gross wages less than" (the Guide's formula box, per
# period, md.ts MD_RATES_2026.periods): a cent below, nothing; on it, the
# combined tax of Baltimore County (03, 3.20% + 4.75% = 7.95%):
# (wages x periods - 3,400) x 7.95%, to the cent, / periods, to the cent
# (weekly 96.00: 4,992 - 3,400 = 1,592 x 7.95% = 126.564 -> 126.56 / 52
# = 2.4338 -> 2.43).
MINIMUM = {"weekly": ("96.00", 52), "biweekly": ("192.00", 26),
           "semimonthly": ("208.00", 24), "monthly": ("417.00", 12),
           "quarterly": ("1250.00", 4), "annual": ("5000.00", 1),
           "daily": ("13.70", 260)}
PERIOD = {"monthly": "2026-12", "semimonthly": "2026-12-16",
          "quarterly": "2026-10-01", "annual": "2026-01-01"}
for freq, (gross, p) in sorted(MINIMUM.items()):
    g = D(gross)
    on = ((((g * p - STD) * D("0.0795")).quantize(D("0.01"),
          rounding=ROUND_HALF_UP)) / p).quantize(D("0.01"),
                                                 rounding=ROUND_HALF_UP)
    emps = [{"employee_id": "M%d" % i, "national_id": "123-45-6789",
             "work_state": "MD", "resident_state": "MD", "md_county": "03",
             "md_mw507_exemptions": "0", "wages": str(w)}
            for i, w in enumerate((g - D("0.01"), g))]
    date = "2026-12-31"
    out, rej, err = vlib.calc(PACKS, emps, PERIOD.get(freq, date),
                              frequency=freq, pay_date=date)
    for r in rej:
        t.ok(False, "%s: unexpected reject %s: %s" % (
            freq, r.get("employee_id"), r.get("message")))
    for eid, w, want in (("M0", g - D("0.01"), D("0.00")), ("M1", g, on)):
        t.check("%s wages %s (minimum %s)" % (freq, w, gross),
                "md_withholding", str(want),
                out.get(eid, {}).get("md_withholding"))
sys.exit(0 if t.done() else 1)
