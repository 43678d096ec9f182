#!/usr/bin/env python3
"""A certificate line left blank counts as zero, and zero is accepted:
every integer and money input of rules/us/{ca,ny,nm,nj,in} (the W-4
style certificates: DE 4, IT-2104, the W-4 copy for New Mexico, NJ-W4,
WH-4), for an employee paid 2026 wages in the state.

For each input, one employee gives it as 0 and one leaves it out (the
form's line blank: no allowances, no additional amount); the two are
withheld alike, and equal to the employee who gives none of these inputs.
A default or a minimum typed wrong (a blank line read as one allowance,
a zero refused) fails here.  Each input's largest value allowed (99
allowances) is accepted and the next refused.
"""
import os
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

SSN = "123-45-6789"
STATE = {"ca": "CA", "ny": "NY", "nm": "NM", "nj": "NJ", "in": "IN"}
BASE = {"in": {"in_wh4_county_residence": "49"}}
t = vlib.Tally("us blank inputs")
for pack, state in STATE.items():
    inputs = {}
    for f in sorted(os.listdir(os.path.join(vlib.ROOT, "rules", "us", pack))):
        y = yaml.safe_load(open(os.path.join(vlib.ROOT, "rules", "us", pack,
                                             f), encoding="utf-8")) or {}
        for k, v in (y.get("inputs") or {}).items():
            if v.get("type") in ("integer", "money"):
                inputs[k] = v
    emps = [dict({"employee_id": "blank", "national_id": SSN,
                  "work_state": state, "wages": "3000.00"}, **BASE.get(pack, {}))]
    for k, v in inputs.items():
        emps.append(dict(emps[0], employee_id="zero-" + k, **{k: "0"}))
        if v.get("max") is not None:
            emps.append(dict(emps[0], employee_id="max-" + k,
                             **{k: str(v["max"])}))
            emps.append(dict(emps[0], employee_id="over-" + k,
                             **{k: str(v["max"] + 1)}))
    out, rej, err = vlib.calc(["rules/us/federal", "rules/us/" + pack,
                               "tests/vectors/packs/us_earnings.yaml"],
                              emps, "2026-07", frequency="monthly",
                              pay_date="2026-07-31")
    rejected = {r.get("employee_id") for r in rej}
    blank = out.get("blank")
    t.check_str(pack, "blank accepted", True, blank is not None)
    t.check_str(pack, "inputs found", True, len(inputs) >= 1)
    for k, v in inputs.items():
        z = out.get("zero-" + k)
        same = z is not None and blank is not None and all(
            z.get(c) == blank.get(c) for c in blank if c not in (k, "employee_id"))
        if not same:
            print("  %s: %s given 0 is withheld otherwise than left blank"
                  % (pack, k))
        t.check_str("%s %s" % (pack, k), "0 = blank", True, same)
        if v.get("max") is not None:
            t.check_str("%s %s" % (pack, k), "max accepted", True,
                        "max-" + k in out)
            t.check_str("%s %s" % (pack, k), "max + 1 refused", True,
                        "over-" + k in rejected and "over-" + k not in out)
sys.exit(0 if t.done() else 1)
