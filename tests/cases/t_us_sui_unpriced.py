#!/usr/bin/env python3
"""Every state unemployment insurance pack: an employer without a rate.

docs/packs-us.md, "State unemployment insurance": a state with no
default contribution rate (the "default rate" column says "none") has
no rate until the company pack sets <xx>_sui_rate from the employer's
rate notice; the federal pack's sui_reject_unpriced (an employer
setting, 0 by default) says what then happens:
  - 0: the state's UI is 0.00 for the employee and the rest of the pay is
    computed (a run for income tax withholding only);
  - 1: the employee is rejected, the message naming what is missing
    ("<State> unemployment insurance: no default contribution rate; the
    company pack must set <xx>_sui_rate ...", docs/packs-us.md).
A state with a default rate computes with it whatever the setting; and
a company that sets the rate to -1 (the packs' "no rate") is unpriced in
every state, default or not.

One employee, weekly, paid Friday 5 June 2026, wages 1,000.00, working
in the state only, no YTD; every base of the docs table is above 1,000,
so the taxable part is 1,000.00 wherever a rate is known.  Michigan (a
second, qualified-employer base) and the states whose 2026 base is not
read are left out, as in t_us_sui_each.py.
"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

PAY = "2026-06-05"
SKIP = {"mi"}
PACKS = {"ca": "rules/us/ca", "ny": "rules/us/ny", "il": "rules/us/il"}
t = vlib.Tally("us sui unpriced")


def docs_rows():
    """state -> (2026 base, default rate) as the docs table writes them."""
    rows, inside = {}, False
    with open(os.path.join(vlib.ROOT, "docs", "packs-us.md")) as f:
        for line in f:
            if line.startswith("#"):
                inside = line.strip() == "## State unemployment insurance"
                continue
            c = [x.strip() for x in line.strip().strip("|").split("|")]
            if inside and len(c) >= 4 and re.fullmatch(r"[A-Z]{2}", c[0]):
                rows[c[0].lower()] = (c[2], c[3])
    return rows


def run(st, settings, tmp):
    """The employee's result row (None when rejected) and the messages."""
    pack = "rules/us/%s/unemployment.yaml" % st
    packs = ["rules/us/federal", PACKS.get(st, pack),
             "tests/vectors/packs/us_earnings.yaml"]
    if settings:
        rp = os.path.join(tmp, "co_%s.yaml" % st)
        with open(rp, "w") as f:
            f.write("pack: tests/sui_unpriced_%s\nparameters:\n" % st)
            for k, v in settings.items():
                f.write("  %s: {override: true, source: \"test employer "
                        "(fictional)\", value: %s}\n" % (k, v))
        packs.append(rp)
    res, rej, err = vlib.calc(packs, [{"employee_id": "E1",
                                       "national_id": "123-45-6789",
                                       "work_state": st.upper(),
                                       "wages": "1000.00"}],
                              period=PAY, frequency="weekly", pay_date=PAY)
    return res.get("E1"), [j.get("message", "") for j in rej] + [err]


rows = docs_rows()
with tempfile.TemporaryDirectory() as tmp:
    for st in sorted(rows):
        base, default = rows[st]
        if st in SKIP or not os.path.exists(os.path.join(
                vlib.ROOT, "rules", "us", st, "unemployment.yaml")):
            continue
        if base.startswith("not") or not re.match(r"[\d,]+", base):
            continue
        col = "%s_sui_employer" % st
        unpriced = "%s_sui_rate" % st
        # "2.4% in 2025; none in 2026" (HI): the year of the pay date
        has_default = not (default.startswith("none") or
                           "none in 2026" in default)
        # the setting 0 (the federal pack's default)
        r, msgs = run(st, {}, tmp)
        if has_default:
            t.ok(r is not None and r.get(col) not in (None, "", "0.00"),
                 "%s: default rate %s, setting 0: a contribution (got %s; %s)"
                 % (st, default, r and r.get(col), msgs))
        else:
            t.ok(r is not None and r.get(col) == "0.00",
                 "%s: no default rate, setting 0: paid, UI 0.00 (got %s; %s)"
                 % (st, r and r.get(col), msgs))
        # the setting 1
        r, msgs = run(st, {"sui_reject_unpriced": 1}, tmp)
        if has_default:
            t.ok(r is not None and r.get(col) not in (None, "", "0.00"),
                 "%s: default rate, setting 1: still paid (%s)" % (st, msgs))
        else:
            t.ok(r is None and any("no default contribution rate" in m and
                                   unpriced in m for m in msgs),
                 "%s: no default rate, setting 1: rejected naming %s (got "
                 "%s; %s)" % (st, unpriced, r and r.get(col), msgs))
        # a rate of -1 set by the company, setting 1: rejected; setting 0:
        # UI 0.00
        r, msgs = run(st, {"sui_reject_unpriced": 1, unpriced: -1}, tmp)
        t.ok(r is None and any(unpriced in m for m in msgs),
             "%s: rate -1, setting 1: rejected naming %s (got %s; %s)"
             % (st, unpriced, r and r.get(col), msgs))
        r, msgs = run(st, {unpriced: -1}, tmp)
        t.ok(r is not None and r.get(col) == "0.00",
             "%s: rate -1, setting 0: paid, UI 0.00 (got %s; %s)"
             % (st, r and r.get(col), msgs))
        # a rate set: 1,000.00 x 1.0% = 10.00, with either setting
        r, msgs = run(st, {"sui_reject_unpriced": 1, unpriced: "1.0%"}, tmp)
        t.ok(r is not None and r.get(col) == "10.00",
             "%s: rate 1.0%%, setting 1: 10.00 (got %s; %s)"
             % (st, r and r.get(col), msgs))

sys.exit(0 if t.done() else 1)
