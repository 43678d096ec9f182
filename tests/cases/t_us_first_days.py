#!/usr/bin/env python3
"""Every dated value of rules/us/{ca,ny,nm,nj,in} applies from its first
day: the pack's figures on the first day of the year equal those of the
middle of the same year, at every pay frequency and for every table
column, in 2025 and in 2026.

Each of these packs dates its tables and rates from 1 January (EDD
Method B, NYS-50-T-NYS / -NYC / -Y, FYI-104, NJ-WT, DN #1 and the
unemployment and program rates: each effective for wages paid on or after
1 January of its year, none changing mid-year).  So an employee paid on
1 January must be withheld exactly as one paid the same wages on 1 July
of that year; a table whose `from:` date slipped to 2 January (or a 2025
entry that no longer starts on the pack's first day) breaks that, on the
first day only, where no vector pays.  The values themselves are checked
against the publications by the vectors and the case files; here only
the dates are.  So that the check is not empty, the test also requires
that the 2026 figures differ from the 2025 ones for the columns whose
publication changed (the 2026 tables of EDD, FYI-104 and NYS-50-T-NYS
(1/26), NJ TDI/FLI and the Indiana rate 3.00% -> 2.95%): were the two
years' values the same, a date a day late would go unseen.

Every output these packs declare is an amount of money, printed to the
cent (each pack's currency: USD, places 2; the publications' amounts are
dollars and cents): checked on every row, so an output whose places slip
(1,000.000) fails too.

The wages are high (an annual 1,500,000 over the periods), so that every
bracket of the period's table, and each program's rate, counts.
"""
import glob
import os
import re
import sys
from decimal import Decimal as D

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

FED = "rules/us/federal"
EARN = "tests/vectors/packs/us_earnings.yaml"
SSN = "123-45-6789"
FREQS = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12,
         "quarterly": 4, "semiannual": 2, "annual": 1, "daily": 260}
ANNUAL = D("1500000")

# pack -> (state, employee variants: one per table column the pack has)
PACKS = {
    "ca": ("CA", [{"ca_filing_status": s, "ca_allowances": a}
                  for s in ("single", "married", "hoh") for a in ("0", "3")]),
    "ny": ("NY", [{"ny_filing_status": s, "ny_nyc_resident": nyc,
                   "ny_yonkers_resident": yr, "ny_yonkers_nonresident": yn,
                   "ny_allowances": "2", "nyc_allowances": "2"}
                  for s in ("single", "married")
                  for nyc, yr, yn in (("false", "false", "false"),
                                      ("true", "false", "false"),
                                      ("false", "true", "false"),
                                      ("false", "false", "true"))]),
    "nm": ("NM", [{"nm_filing_status": s}
                  for s in ("single", "married", "head_of_household")]),
    "nj": ("NJ", [{"nj_filing_status": s, "nj_rate_table": r,
                   "nj_allowances": "1"}
                  for s, r in (("single", "A"), ("married_joint", "B"),
                               ("married_separate", "C"),
                               ("head_of_household", "D"),
                               ("surviving_spouse", "E"),
                               ("married_joint", ""))]),
    "in": ("IN", [{"in_wh4_county_residence": "NA",
                   "in_wh4_county_work": "NA", "in_wh4_personal_exemptions": x}
                  for x in ("0", "2")]),
}

t = vlib.Tally("us first days")
OUTPUTS = set()
for pack in PACKS:
    for f in glob.glob(os.path.join(vlib.ROOT, "rules", "us", pack, "*.yaml")):
        y = yaml.safe_load(open(f, encoding="utf-8")) or {}
        OUTPUTS.update(k for k, v in (y.get("outputs") or {}).items()
                       if (v or {}).get("type") != "string")  # nj_table: A-E
CENTS = re.compile(r"-?[0-9]+\.[0-9][0-9]$")
cents_seen = set()


def cents(row, cid):
    for k in sorted(OUTPUTS & set(row)):
        cents_seen.add(k)
        if not CENTS.match(row[k]):
            t.check_str(cid, "printed to the cent", "cents", row[k])
            print("  %s: %s = %r is not to the cent" % (cid, k, row[k]))
        else:
            t.check_str(cid, "printed to the cent", True, True)


NOT_PRINTED = {"ny": ("quarterly", "semiannual")}  # NYS-50-T-NYS: none


def run(freq, date):
    """All five packs at once: one employee per (pack, variant)."""
    emps = []
    for pack, (state, variants) in PACKS.items():
        if freq in NOT_PRINTED.get(pack, ()):
            continue
        for i, v in enumerate(variants):
            e = {"employee_id": "%s%02d" % (pack, i), "national_id": SSN,
                 "work_state": state,
                 "wages": str((ANNUAL / FREQS[freq]).quantize(D("0.01")))}
            e.update(v)
            emps.append(e)
    out, rej, err = vlib.calc([FED] + ["rules/us/" + p for p in PACKS] +
                              [EARN], emps, date, frequency=freq,
                              pay_date=date)
    msgs = {}
    for r in rej:
        msgs.setdefault(r.get("employee_id"), []).append(
            r.get("message", "").replace(date, "DATE"))
    return out, msgs


def numeric(row):
    res = {}
    for k, v in row.items():
        try:
            res[k] = D(v)
        except Exception:
            continue
    return res


changed = {}
for freq in FREQS:
    years = {}
    for year in ("2025", "2026"):
        try:
            first, m1 = run(freq, year + "-01-01")
        except RuntimeError as x:
            print("  %s %s-01-01: %s" % (freq, year, x))
            first, m1 = {}, {}
        mid, m2 = run(freq, year + "-07-01")
        years[year] = mid
        for pack, (state, variants) in PACKS.items():
            if freq in NOT_PRINTED.get(pack, ()):
                continue
            for i in range(len(variants)):
                eid = "%s%02d" % (pack, i)
                cid = "%s %s %s %s" % (pack, freq, year, variants[i])
                a = numeric(first.get(eid, {}))
                b = numeric(mid.get(eid, {}))
                if eid in m2:
                    # rejected in July: only where the pack has no table
                    # (a married New York employee in 2025: NYS-50-T-NYS
                    # (1/23) married Table A not sourced; a Yonkers
                    # nonresident paid annually: Method VII prints no
                    # annual line), and then the same way on 1 January
                    v = variants[i]
                    why = ("married allowance (Table A)"
                           if pack == "ny" and year == "2025" and
                           v.get("ny_filing_status") == "married" else
                           "prints no annual table"
                           if pack == "ny" and freq == "annual" and
                           v.get("ny_yonkers_nonresident") == "true"
                           else None)
                    good = (not a and m1.get(eid) == m2[eid] and
                            why is not None and
                            all(why in x for x in m2[eid]))
                else:
                    good = bool(a) and a == b
                if not good:
                    diff = sorted(k for k in set(a) | set(b)
                                  if a.get(k) != b.get(k))
                    print("  %s: 1 January and 1 July differ in %s %s" % (
                        cid, diff[:6], m1.get(eid, "")))
                t.check_str(cid, "1 January = 1 July", True, good)
                cents(first.get(eid, {}), cid + " 1 January")
                cents(mid.get(eid, {}), cid + " 1 July")
    for eid, row in years["2026"].items():
        old = numeric(years["2025"].get(eid, {}))
        new = numeric(row)
        pack = eid[:2]
        changed[pack] = changed.get(pack, 0) + sum(
            1 for k in new if k.startswith(pack + "_") and
            k in old and old[k] != new[k])
t.check_str("outputs", "every output seen", sorted(OUTPUTS),
            sorted(cents_seen))
for pack in PACKS:
    t.check_str(pack, "2026 differs from 2025", True, changed.get(pack, 0) > 0)

sys.exit(0 if t.done() else 1)
