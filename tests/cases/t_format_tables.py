#!/usr/bin/env python3
"""Code tables of the filing and bank-file layouts (rules/formats/),
checked entry by entry against the publication's own list or rule, so
that a mistyped code or date in any row fails here even when no filing
test happens to use that row.

1. The numeric state codes of the EFW2-style layouts (us-w2-efw2,
   us-sui-efw2, us-il-sui): SSA EFW2 Appendix F gives each state's
   numeric code, which is its FIPS state code (FIPS PUB 5-2 / ANSI INCITS
   38).  The list below is the FIPS list as printed in
   drewgifford/ltelections@9e0364acb34d:server/utils/States.ts (50 states
   and DC), and the codes the packs' own readers already check (CA 06, MD
   24, MT 30, OR 41, PA 42, SC 45, TN 47: shared/reference/formats.md
   section on the RS record) agree with it.
2. The Federal Reserve holidays of the NACHA banking-day calendar
   (nacha-2026.yaml), worked out from 5 U.S.C. 6103(a) for each year the
   calendar covers: New Year's Day 1 Jan, Martin Luther King Jr. the
   third Monday of January, Washington's Birthday the third Monday of
   February, Memorial Day the last Monday of May, Juneteenth 19 June,
   Independence Day 4 July, Labor Day the first Monday of September,
   Columbus Day the second Monday of October, Veterans Day 11 November,
   Thanksgiving the fourth Thursday of November, Christmas 25 December;
   a holiday on a Sunday is observed on the Monday (6103(b)), one on a
   Saturday gives no Reserve Bank holiday (the Reserve Banks open on the
   Friday before: the pack's own note).
"""
import datetime
import os
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = vlib.ROOT
t = vlib.Tally("format tables")

FIPS = {
    "AL": "01", "AK": "02", "AZ": "04", "AR": "05", "CA": "06", "CO": "08",
    "CT": "09", "DE": "10", "DC": "11", "FL": "12", "GA": "13", "HI": "15",
    "ID": "16", "IL": "17", "IN": "18", "IA": "19", "KS": "20", "KY": "21",
    "LA": "22", "ME": "23", "MD": "24", "MA": "25", "MI": "26", "MN": "27",
    "MS": "28", "MO": "29", "MT": "30", "NE": "31", "NV": "32", "NH": "33",
    "NJ": "34", "NM": "35", "NY": "36", "NC": "37", "ND": "38", "OH": "39",
    "OK": "40", "OR": "41", "PA": "42", "RI": "44", "SC": "45", "SD": "46",
    "TN": "47", "TX": "48", "UT": "49", "VT": "50", "VA": "51", "WA": "53",
    "WV": "54", "WI": "55", "WY": "56",
}


def load(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return yaml.safe_load(f)


for form in ("us-w2-efw2", "us-sui-efw2", "us-il-sui"):
    rel = "rules/formats/%s/2025.yaml" % form
    states = load(rel).get("states") or {}
    t.check_str(rel, "states listed", sorted(FIPS), sorted(states))
    for st, code in sorted(FIPS.items()):
        got = states.get(st)
        got = None if not isinstance(got, dict) else got.get("fips")
        t.check_str("%s %s" % (form, st), "fips", code,
                    None if got is None else str(got))


def nth(year, month, weekday, n):
    """The n-th weekday (0 Monday) of a month; n = -1 the last."""
    if n > 0:
        d = datetime.date(year, month, 1)
        d += datetime.timedelta(days=(weekday - d.weekday()) % 7)
        return d + datetime.timedelta(weeks=n - 1)
    d = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    return d - datetime.timedelta(days=(d.weekday() - weekday) % 7)


def holidays(year):
    out = {}
    fixed = [((1, 1), "New Year's Day"),
             ((6, 19), "Juneteenth National Independence Day"),
             ((7, 4), "Independence Day"), ((11, 11), "Veterans Day"),
             ((12, 25), "Christmas Day")]
    for (m, d), name in fixed:
        day = datetime.date(year, m, d)
        if day.weekday() == 6:          # Sunday: the Monday
            out[day + datetime.timedelta(days=1)] = name
        elif day.weekday() != 5:        # Saturday: none
            out[day] = name
    out[nth(year, 1, 0, 3)] = "Birthday of Martin Luther King, Jr."
    out[nth(year, 2, 0, 3)] = "Washington's Birthday"
    out[nth(year, 5, 0, -1)] = "Memorial Day"
    out[nth(year, 9, 0, 1)] = "Labor Day"
    out[nth(year, 10, 0, 2)] = "Columbus Day"
    out[nth(year, 11, 3, 4)] = "Thanksgiving Day"
    return out


cal = load("rules/formats/nacha-2026.yaml")["banking_days"]
cov = cal["covers"]
pack = {}
for k, v in cal["holidays"].items():
    if not isinstance(k, datetime.date):
        k = datetime.date.fromisoformat(str(k))
    pack[k] = v
want = {}
for y in range(cov["from"].year, cov["to"].year + 1):
    want.update(holidays(y))
for day in sorted(set(want) | set(pack)):
    exp = want.get(day)
    got = pack.get(day)
    # the pack may say "(observed)" of a holiday moved to the Monday
    if exp and got and got.replace(" (observed)", "") == exp:
        got = exp
    t.check_str(day.isoformat(), "nacha holiday", exp, got)

sys.exit(0 if t.done() else 1)
