#!/usr/bin/env python3
"""The per-period value of one withholding allowance (exemption), every
row of each state's table, 2025 and 2026, each year paid on its first and
its last day: New Jersey, Oklahoma, Rhode Island, Vermont, West Virginia.

The publications print the value of one allowance for each pay period
(the annual amount divided by the periods, to the cent, except where
printed otherwise).  With one allowance, wages of that value + 10.00 must
leave exactly 10.00 taxable (the taxable output of the pack), and wages
of the value - 1.00 nothing (taxable 0.00: the amount is not below zero,
the "max(0, wages - allowances)" of each formula).  Figures, per source:

  NJ  NJ-WT (September 2025) p. 24, the allowance value table as printed
      (transcribed in braedonsaunders/openbooks@b47e6ec74d0b nj.ts):
      weekly 19.20, biweekly 38.40, semimonthly 41.60, monthly 83.30,
      quarterly 250, semiannual 500, annual 1,000, daily 2.70; both years.
  OK  Packet OW-2: $1,000 a year per allowance (2025: unverified, the
      2025 packet not read), / 52, 26, 24, 12, 4, 2, 1, 260.
  RI  Employer's Income Tax Withholding Tables: $1,000 a year per
      exemption (2025 unverified), the same divisors; none when the
      period's wages exceed $283,250 (2025) / $290,800 (2026) a year /
      the periods, to the cent.
  VT  GB-1210: $5,300 a year (2025; weekly 101.92, biweekly 203.85,
      semimonthly 220.83 as the 2025 tables print) and $5,400 (2026),
      the same divisors (no semiannual table).
  WV  IT-100.2A (March 2026): $2,000 a year, the period values as printed
      (openbooks@0a57d3f32a78 wv.ts): weekly 38.46, biweekly 76.92,
      semimonthly 83.33, monthly 166.67, annual 2,000, daily 7.66 (the
      print's, not 2,000 / 260); the 2025 tables not read, same figures.
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us allowance rows")
N = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12,
     "quarterly": 4, "semiannual": 2, "annual": 1, "daily": 260}
ALL = ("weekly", "biweekly", "semimonthly", "monthly", "quarterly",
       "semiannual", "annual", "daily")
CENT = D("0.01")


def per(annual, freq):
    return (D(annual) / N[freq]).quantize(CENT, rounding=ROUND_HALF_UP)


NJ = {"weekly": "19.20", "biweekly": "38.40", "semimonthly": "41.60",
      "monthly": "83.30", "quarterly": "250", "semiannual": "500",
      "annual": "1000", "daily": "2.70"}
WV = {"weekly": "38.46", "biweekly": "76.92", "semimonthly": "83.33",
      "monthly": "166.67", "annual": "2000", "daily": "7.66"}
# state -> (pack, allowances field, taxable output, {year: {freq: value}})
STATES = {
    "NJ": ("rules/us/nj", "nj_allowances", "nj_taxable",
           {y: {f: D(v) for f, v in NJ.items()} for y in ("2025", "2026")}),
    "OK": ("rules/us/ok", "ok_allowances", "ok_taxable",
           {y: {f: per(1000, f) for f in ALL} for y in ("2025", "2026")}),
    "RI": ("rules/us/ri", "ri_allowances", "ri_taxable",
           {y: {f: per(1000, f) for f in ALL} for y in ("2025", "2026")}),
    "VT": ("rules/us/vt", "vt_allowances", "vt_taxable",
           {"2025": {f: per(5300, f) for f in ALL if f != "semiannual"},
            "2026": {f: per(5400, f) for f in ALL if f != "semiannual"}}),
    "WV": ("rules/us/wv", "wv_exemptions", "wv_taxable",
           {y: {f: D(v) for f, v in WV.items()} for y in ("2025", "2026")}),
}
RI_PHASEOUT = {"2025": 283250, "2026": 290800}
DATES = {"2025": ("2025-01-01", "2025-12-31"),
         "2026": ("2026-01-01", "2026-12-31")}


def period_for(freq, date):
    """The period paid on date: the one starting that day in January, the
    one ending on 31 December."""
    if date.endswith("-01-01"):
        return date[:7] if freq == "monthly" else date
    y = date[:4]
    return {"monthly": y + "-12", "semimonthly": y + "-12-16",
            "quarterly": y + "-10-01", "semiannual": y + "-07-01",
            "annual": y + "-01-01"}.get(freq, date)


# One run per year, frequency and date, every state's employees together.
PACKS = ["rules/us/federal"] + [STATES[s][0] for s in sorted(STATES)] + [
    "tests/vectors/packs/us_earnings.yaml"]
for year in sorted(DATES):
    for freq in ALL:
        emps, checks = [], []

        def case(st, wages, want, why):
            field, taxable = STATES[st][1], STATES[st][2]
            e = {"employee_id": "%s%02d" % (st, len(emps)),
                 "national_id": "123-45-6789", "work_state": st,
                 "wages": str(wages), field: "1"}
            emps.append(e)
            checks.append((e["employee_id"], taxable, want, "%s %s %s: %s" % (
                st, year, freq, why)))

        for st, (pack, field, taxable, years) in sorted(STATES.items()):
            amount = years[year].get(freq)
            if amount is None:
                continue   # no table for this frequency
            case(st, amount + 10, D("10.00"),
                 "wages %s + 10.00, one allowance of %s" % (amount, amount))
            case(st, amount - 1, D("0.00"),
                 "wages %s - 1.00: nothing taxable" % amount)
            if st == "RI":
                po = per(RI_PHASEOUT[year], freq)
                case(st, po, po - amount, "wages at the phase-out %s: "
                     "the exemption still applies" % po)
                case(st, po + CENT, po + CENT, "a cent over the phase-out "
                     "%s: no exemption" % po)
        for date in DATES[year]:
            out, rej, err = vlib.calc(PACKS, emps, period_for(freq, date),
                                      frequency=freq, pay_date=date)
            for r in rej:
                t.ok(False, "%s %s: unexpected reject %s: %s" % (
                    date, freq, r.get("employee_id"), r.get("message")))
            for eid, col, want, why in checks:
                t.check("%s %s" % (date, why), col, str(want),
                        out.get(eid, {}).get(col))
sys.exit(0 if t.done() else 1)
