"""German miners' pension insurance (knappschaftliche Rentenversicherung,
rules/de/sv input rv_knappschaft): cases worked by hand.  No figure comes
from running this code.

Rate 24.7 %: the employee pays what an employee of the general pension
insurance pays, 9.3 % (§ 168 Abs. 3 SGB VI), the employer the rest,
15.4 % (DRV Knappschaft-Bahn-See).  The shares are unequal, so each is
computed on the base and rounded half up to the cent on its own (§ 2
Abs. 1 BVV).  Ceilings (monthly): Knappschaft 9,900 (2025), 10,400
(2026); unemployment insurance keeps the general 8,050 (2025) / 8,450
(2026).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/de/sv", "rules/de/lohnsteuer", "tests/vectors/packs/de_re4.yaml"]
t = vlib.Tally("de knappschaft cases", places=True)


def run(cid, month, want, **emp):
    e = {"employee_id": cid, "steuerklasse": "1", "bundesland": "BE", "kvz": "2.5"}
    e.update(emp)
    out, rej, err = vlib.calc(PACKS, [e], month, frequency="monthly")
    r = out.get(cid)
    if want is None:          # the run must be refused with a message
        t.check(cid, "refused", True, r is None and bool(rej or err.strip()))
        t.check(cid, "message", True, "knappschaft" in (str(rej) + err).lower())
        return
    if r is None:
        print("  %s: no result: %s %s" % (cid, rej, err.strip()))
    for k, v in want.items():
        t.check(cid, k, v, r and r.get(k))


# 1. A normal month, 2025, 6,000.00 (below both ceilings):
#    employee 6,000 x 9.3 % = 558.00; employer 6,000 x 15.4 % = 924.00;
#    together 1,482.00 (= 24.7 % x 6,000).  AV 1.3 % = 78.00 each.
run("KN-2025", "2025-06", {
    "rv_employee": "558.00", "rv_employer": "924.00", "knrv_beitrag": "1482.00",
    "av_employee": "78.00", "av_employer": "78.00"}, rv_knappschaft="true",
    vector_re4="6000.00")
# 2. Haufe SGB Office's example (Knappschaftsversicherung, 2025): 9,000.00
#    a month, below the 9,900 ceiling: 9.3 % = 837.00, 15.4 % = 1,386.00.
#    In the general insurance the base would be capped at 8,050
#    (8,050 x 9.3 % = 748.65 each).
run("KN-HAUFE", "2025-06", {"rv_employee": "837.00", "rv_employer": "1386.00"},
    rv_knappschaft="true", vector_re4="9000.00")
run("GEN-HAUFE", "2025-06", {"rv_employee": "748.65", "rv_employer": "748.65",
                             "knrv_beitrag": "0.00"}, vector_re4="9000.00")
# 3. Above the ceiling, 2025, 11,000.00: base 9,900.00;
#    employee 9,900 x 9.3 % = 920.70; employer 9,900 x 15.4 % = 1,524.60.
#    AV on the general ceiling 8,050: 8,050 x 1.3 % = 104.65 each.
run("KN-BBG-2025", "2025-12", {
    "rv_employee": "920.70", "rv_employer": "1524.60", "knrv_beitrag": "2445.30",
    "av_employee": "104.65", "av_employer": "104.65"}, rv_knappschaft="true",
    vector_re4="11000.00")
# 4. The same wage in January 2026: base 10,400.00;
#    employee 10,400 x 9.3 % = 967.20; employer 10,400 x 15.4 % = 1,601.60.
#    AV on 8,450: 8,450 x 1.3 % = 109.85 each.
run("KN-BBG-2026", "2026-01", {
    "rv_employee": "967.20", "rv_employer": "1601.60", "knrv_beitrag": "2568.80",
    "av_employee": "109.85", "av_employer": "109.85"}, rv_knappschaft="true",
    vector_re4="11000.00")
# 5. Rounding of unequal shares, 2026, 4,321.87:
#    employee 4,321.87 x 9.3 % = 401.93391 -> 401.93;
#    employer 4,321.87 x 15.4 % = 665.56798 -> 665.57.
run("KN-ROUND", "2026-06", {"rv_employee": "401.93", "rv_employer": "665.57"},
    rv_knappschaft="true", vector_re4="4321.87")
# 6. Not covered, refused with a message: a Minijob and a Midijob in the
#    Knappschaft.
run("KN-MINI", "2025-06", None, rv_knappschaft="true", minijob="true",
    vector_re4="500.00")
run("KN-MIDI", "2025-06", None, rv_knappschaft="true", vector_re4="1200.00")
sys.exit(0 if t.done() else 1)
