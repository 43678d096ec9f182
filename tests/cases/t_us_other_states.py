#!/usr/bin/env python3
"""No state taxes, or reports wages for, an employee who neither works nor
lives there.

Every state pack computes its wages (W-2 box 16, the state reports), its
withholding and its programs' and unemployment contributions only for an
employee it taxes: working in the state, or (where its law says so)
resident there; for anyone else each is 0 ("0 where XX does not tax", the
packs' own descriptions, and each publication's scope).  A guard typed
the other way ("if(not xx_works_here, 1, ...") reports a dollar of
state wages, or withholds, for every employee of every other state; no
runner pays one state's employee with every pack loaded.

The federal pack and every pack under rules/us are run together on two
employees, 1,000.00 weekly: one working and living in Texas, one working
in Florida and living in New Hampshire (no wage tax in any of the three).
Every wages, withholding, employee and employer column of a state or
locality must be 0.00, except the work state's own unemployment
insurance (tx_sui_*, fl_sui_*: the employer pays it there).  The federal
columns (ss_, medicare_, fit_, futa_) are not state columns.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us other states")
FEDERAL = ("ss_", "medicare_", "additional_medicare", "fit_", "futa_")
STATE_COL = re.compile(r"^[a-z]+_\w*(wages|withholding|employee|employer)$")
packs = ["rules/us/federal"] + sorted(
    os.path.relpath(d.rstrip("/"), vlib.ROOT)
    for d in glob.glob(os.path.join(vlib.ROOT, "rules/us/*/"))
    if not d.rstrip("/").endswith("/federal"))
packs.append("tests/vectors/packs/us_earnings.yaml")
EMPS = [{"employee_id": "TX", "national_id": "123-45-6789",
         "work_state": "TX", "resident_state": "TX", "wages": "1000.00"},
        {"employee_id": "FL", "national_id": "123-45-6789",
         "work_state": "FL", "resident_state": "NH", "wages": "1000.00"}]
for date in ("2025-06-02", "2026-06-01"):
    out, rej, err = vlib.calc(packs, EMPS, date, frequency="weekly",
                              pay_date=date)
    t.ok(not rej, "%s: unexpected rejects %s" % (date, rej))
    for eid, row in sorted(out.items()):
        own = eid.lower() + "_sui_"
        cols = [c for c in row if STATE_COL.match(c)
                and not c.startswith(FEDERAL) and not c.startswith(own)
                and c not in ("wages",)]
        t.ok(len(cols) > 100, "%s %s: only %d state columns" % (
            date, eid, len(cols)))
        for c in cols:
            t.check("%s %s (works in %s)" % (date, c, eid), "state columns",
                    "0.00", row[c])
        t.check("%s %s own UI wages" % (date, eid), "work state's UI",
                "1000.00", row.get(own + "wages"))
sys.exit(0 if t.done() else 1)
