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
"""
import glob
import os
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# pack-relative path and output name -> (places, why): none so far
NOT_DOLLARS = {}

passed = failed = 0


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)


packs = sorted(glob.glob(os.path.join(ROOT, "rules", "us", "*", "*.yaml")))
ok(len(packs) > 100, "rules/us/*/*.yaml: only %d files found" % len(packs))
seen = set()
currencies = outputs = 0
for path in packs:
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        continue
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
for key in NOT_DOLLARS:
    ok(key in seen, "NOT_DOLLARS names %s %s, which has no places" % key)
# the packs have both (43 currencies and 297 outputs with places when
# this was written): a check that found none would check nothing
ok(currencies >= 40, "only %d currency: keys found" % currencies)
ok(outputs >= 250, "only %d info outputs with places found" % outputs)
print("currencies checked: %d, info outputs with places: %d"
      % (currencies, outputs))
print("t_us_pack_shape: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
