#!/usr/bin/env python3
"""The US packs write amounts in dollars and cents.

United States money is expressed in dollars and cents (31 U.S.C. 5101:
"dollars or units, dimes or tenths, cents or hundredths"), and every
US withholding or unemployment publication the packs transcribe
(IRS Pub 15 and 15-T, each state's withholding and contribution
instructions) works and prints its amounts to the cent.  So in every
pack under rules/us:

  - `currency:` is {code: USD, places: 2} (money outputs are written to
    its places);
  - an `info` output with `places` (wages taxable for a state, a
    supplemental amount, an annualized wage...) is an amount in dollars
    and is written to the cent: places 2.

An output written to three places ("1234.560") or a currency of one
place is a pack typo no amount check sees (the value is the same
decimal): this check sees it.  An info output that is not an amount in
dollars (a rate, a count of hours) would be listed below, with why;
there is none today, and an entry naming no such output fails.

Second, the day each dated value takes effect.  The US withholding
tables, wage bases and contribution rates take effect for wages paid on
or after the first day of a month (1 January for a year's tables and
calendar-year wage bases; 1 July for a mid-year law), so every `from:`
date in a US pack (a parameter's, a scale's or table's value, a
`covers:` range) is the first of a month, except the days a publication
gives otherwise, listed in MID_MONTH with the publication and each
checked to be there.  A date typed a day late (2026-01-02 for
2026-01-01) moves the day a value starts, which a case sees only when
its pay date falls on that day: this check sees it whatever the dates
of the cases.

Third, the year and the certificate fields.  US payroll years are
calendar years (Form W-2 reports the wages paid in the calendar year;
the state wage bases are per calendar year), so a `year_start:` is
"01-01".  A certificate's amounts and counts (allowances, exemptions,
additional withholding) are never negative and may be 0, and a line
left blank claims nothing: every money, integer or decimal input has
`min: 0` and, when it has a default, `default: 0`, except the fields
listed in INPUT_BOUNDS with the reason the pack gives.

Fourth, a scale covers every amount: the publications' tables begin at
$0 ("$0 to $74", "over $0"), so the first row of every value of every
scale (marginal or band) starts at 0; a first bound typed 1 leaves the
wages below it with no row, which only a case paying less than a dollar
would see.
"""
import datetime
import glob
import os
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("t_us_pack_shape")


def ok(cond, what):
    t.ok(cond, what)


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# pack-relative path and output name -> (places, why): none so far
NOT_DOLLARS = {}

# (pack, date) -> how many dated values start that day, and the
# publication that says so (the pack's source string names it too)
MID_MONTH = {
    ("rules/us/ga/withholding.yaml", "2026-05-11"): (2,
        "HB 463 (2026); Georgia Employer's Withholding Tax Guide 2026 "
        "(REVISED: June 2026), pp. 48-49: rate 4.99% and Tables E and F"),
    ("rules/us/id/withholding.yaml", "2026-07-23"): (4,
        "Idaho EPB00744 (07-23-2026): rate 5.3%, Single 16,100, Married "
        "32,200 a year, the allowance amount"),
    ("rules/us/va/withholding.yaml", "2025-07-02"): (1,
        "Virginia Withholding Guide for Employers Rev. 05/25 p. 21: "
        "standard deduction 8,750 for wages paid after July 1, 2025"),
}

# (pack, input) -> (min, default, why)
INPUT_BOUNDS = {
    ("rules/us/de/withholding.yaml", "de_w4nr_total_days"): (1, None,
        "Form W-4NR: the total days worked in the period, the denominator "
        "of the Delaware share (at least one)"),
    ("rules/us/md/withholding.yaml", "md_mw507_exemptions"): (0, 1,
        "Form MW507 line 1 total exemptions; an employee with no MW507 on "
        "file is allowed one exemption (the pack's description; the Maryland "
        "guide's own words were not read for this check)"),
    ("rules/us/mi/detroit.yaml", "mi_detroit_nonresident_share"): (0, 1,
        "Form 5469 step 1: the share of a nonresident's compensation "
        "earned in Detroit; without one, all of it"),
}



def dates(node, found):
    """every from: date under a YAML node"""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "from" and isinstance(v, datetime.date):
                found.append(v)
            else:
                dates(v, found)
    elif isinstance(node, list):
        for v in node:
            dates(v, found)




packs = sorted(glob.glob(os.path.join(ROOT, "rules", "us", "*", "*.yaml")))
ok(len(packs) > 100, "rules/us/*/*.yaml: only %d files found" % len(packs))
seen = set()
currencies = outputs = ndates = ninputs = nscales = 0
mid = {}
for path in packs:
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        continue
    found = []
    dates(doc, found)
    ndates += len(found)
    for d in found:
        if d.day != 1:
            mid[(rel, d.isoformat())] = mid.get((rel, d.isoformat()), 0) + 1
    ok(doc.get("year_start", "01-01") == "01-01",
       "%s: year_start %r, not the calendar year's 01-01"
       % (rel, doc.get("year_start")))
    for name, inp in (doc.get("inputs") or {}).items():
        if not isinstance(inp, dict) or \
                inp.get("type") not in ("money", "integer", "decimal"):
            continue
        ninputs += 1
        want = (0, 0, None)
        if (rel, name) in INPUT_BOUNDS:
            seen.add((rel, name))
            want = INPUT_BOUNDS[(rel, name)]
        ok(inp.get("min") == want[0], "%s: input %s has min %r, not %r"
           % (rel, name, inp.get("min"), want[0]))
        ok(inp.get("default", want[1]) == want[1],
           "%s: input %s has default %r, not %r (a blank line claims "
           "nothing)" % (rel, name, inp.get("default"), want[1]))
    for name, sc in (doc.get("scales") or {}).items():
        for v in (sc or {}).get("values") or []:
            rows = v.get("brackets") or v.get("rows")
            nscales += 1
            ok(isinstance(rows, list) and rows and isinstance(rows[0], list)
               and rows[0][0] == 0, "%s: scale %s from %s does not start "
               "at 0 (%r)" % (rel, name, v.get("from"),
                              rows[0] if rows else rows))
    cur = doc.get("currency")
    if cur is not None:
        currencies += 1
        ok(cur == {"code": "USD", "places": 2},
           "%s: currency is %r, not {code: USD, places: 2}" % (rel, cur))
    for name, out in (doc.get("outputs") or {}).items():
        if not isinstance(out, dict) or "places" not in out:
            continue
        outputs += 1
        want = 2
        if (rel, name) in NOT_DOLLARS:
            seen.add((rel, name))
            want = NOT_DOLLARS[(rel, name)][0]
        ok(out.get("kind") == "info",
           "%s: output %s has places but is not an info output" % (rel, name))
        ok(out["places"] == want,
           "%s: output %s is written to %r places, not %d (an amount in "
           "dollars and cents)" % (rel, name, out["places"], want))
for key, n in sorted(mid.items()):
    ok(key in MID_MONTH, "%s: %d value(s) from %s, not the first of a month "
       "and not in MID_MONTH (a date typed a day late?)" % (key[0], n, key[1]))
for key, (n, why) in MID_MONTH.items():
    ok(mid.get(key, 0) == n, "%s: MID_MONTH gives %d value(s) from %s (%s), "
       "the pack has %d" % (key[0], n, key[1], why, mid.get(key, 0)))
for key in NOT_DOLLARS:
    ok(key in seen, "NOT_DOLLARS names %s %s, which has no places" % key)
for key in INPUT_BOUNDS:
    ok(key in seen, "INPUT_BOUNDS names %s %s, which is no number input" % key)
ok(ninputs >= 90, "only %d number inputs found" % ninputs)
ok(nscales >= 300, "only %d scale values found" % nscales)
print("scale values checked: %d" % nscales)
print("number inputs checked: %d" % ninputs)
# the packs have both (43 currencies and 297 outputs with places when
# this was written): a check that found none would check nothing
ok(currencies >= 40, "only %d currency: keys found" % currencies)
ok(outputs >= 250, "only %d info outputs with places found" % outputs)
ok(ndates >= 1000, "only %d from: dates found" % ndates)
print("from: dates checked: %d" % ndates)
print("currencies checked: %d, info outputs with places: %d"
      % (currencies, outputs))
sys.exit(0 if t.done() else 1)
