#!/usr/bin/env python3
"""Every state unemployment insurance pack, the same five employees.

Each state UI pack (rules/us/<xx>/unemployment.yaml) writes the rule of
tests/cases/sui.yaml's header: the taxable part is min(wages, base -
YTD UI wages of the state - while the transfer rule is 1, the UI wages
of other states earlier in the year), never below 0, for an employee
working in the state only; tax = taxable x rate, rounded to the cent
half up.  sui.yaml has worked cases for some states; this runs the same
five employees through every state pack whose base the docs table has,
so that a typo in one state's formula (a 0 typed 1, a comparison
turned) is seen whichever state it is in.

The base B of each year is the figure of the table under "State
unemployment insurance" in docs/packs-us.md (the publications named
there; t_us_sui.py checks the packs' bases against it); the rate is the
test employer's, 1.0%, written as a company pack with override: true as
a rate notice gives it.  Pay dates Friday 6 June 2025 and Friday 5 June
2026, weekly, worked by hand:

  E1  works in the state, wages 1,000.50, no YTD: taxable 1,000.50
      (every base is above it); 1,000.50 x 1.0% = 10.005 -> 10.01 (the
      cent half up; half even or truncation would give 10.00)
  E2  YTD B - 300 in the state (and in all states): taxable
      min(1,000.00, 300.00) = 300.00; tax 3.00
  E3  YTD B: nothing left, taxable 0.00, tax 0.00
  E4  works in another state (TX, or FL for Texas): 0.00 and 0.00
  E5  YTD 0 in the state, B - 200.00 of other states' UI wages: while
      the pack's transfer rule is 1, taxable 200.00, tax 2.00; while it
      is 0, all 1,000.00, tax 10.00 (the rule's value is the pack's; its
      source is there)

Michigan's pack has a second (qualified employer) base and is left to
its cases in sui.yaml.  A state whose base for the year is "not read"
(-1 in the pack) is rejected by its pack and is not run here.
"""
import datetime
import os
import sys
import tempfile
from decimal import Decimal

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "vectors"))
sys.path.insert(0, HERE)
import vlib  # noqa: E402
import t_us_sui  # noqa: E402  (docs_table, num, in_force)

SSN = "123-45-6789"
SKIP = {"federal": "the FUTA pack, no state base",
        "mi": "a second, qualified-employer base: its cases are in sui.yaml"}
# the packs whose UI file uses names or tags of their folder's others
packs = {"ca": "rules/us/ca", "ny": "rules/us/ny", "il": "rules/us/il"}
DATES = {2025: "2025-06-06", 2026: "2026-06-05"}
C = Decimal("0.01")


def expected(base, transfer):
    b = Decimal(base)
    e5 = Decimal(200) if transfer == 1 else Decimal(1000)
    return {
        "E1": (Decimal("1000.50"), Decimal("10.01")),
        "E2": (Decimal(300), Decimal(3)),
        "E3": (Decimal(0), Decimal(0)),
        "E4": (Decimal(0), Decimal(0)),
        "E5": (e5, (e5 / 100).quantize(C)),
    }, {
        "E1": ("0", "0"),
        "E2": (b - 300, b - 300),
        "E3": (b, b),
        "E4": ("0", "0"),
        "E5": ("0", b - 200),
    }


def main():
    t = vlib.Tally("us sui, every state")
    notes = []
    table = t_us_sui.docs_table()
    states = sorted(d for d in os.listdir(os.path.join(vlib.ROOT, "rules",
                                                         "us"))
                    if os.path.exists(os.path.join(vlib.ROOT, "rules", "us",
                                                   d, "unemployment.yaml")))
    run = 0
    with tempfile.TemporaryDirectory() as tmp:
        for st in states:
            if st in SKIP:
                continue
            pack = "rules/us/%s/unemployment.yaml" % st
            with open(os.path.join(vlib.ROOT, pack)) as f:
                doc = yaml.safe_load(f)
            params = doc.get("parameters") or {}
            rp = os.path.join(tmp, "rate_%s.yaml" % st)
            with open(rp, "w") as f:
                f.write("pack: tests/sui_each_%s\nparameters:\n"
                        "  %s_sui_rate: {override: true, source: \"test "
                        "employer's rate notice (fictional)\", value: 1.0%%}\n"
                        % (st, st))
            row = table.get(st.upper())
            if row is None:
                t.check("%s" % st, "docs row", "a row", None)
                continue
            for year, col in ((2025, 0), (2026, 1)):
                cid = "%s-%d" % (st, year)
                base = t_us_sui.num(row[col])
                if base is None or row[col].startswith("not"):
                    notes.append("  %s: base %r in the docs table, not run"
                                 % (cid, row[col]))
                    continue
                pay = DATES[year]

                tr = t_us_sui.in_force(params["%s_sui_transfer" % st],
                                       datetime.date.fromisoformat(pay))
                want, ytdv = expected(base, tr)
                emps, ytd = [], []
                for eid in sorted(want):
                    ws = st.upper()
                    if eid == "E4":
                        ws = "FL" if st == "tx" else "TX"
                    wages = "1000.50" if eid == "E1" else "1000.00"
                    emps.append({"employee_id": eid, "national_id": SSN,
                                 "work_state": ws, "wages": wages})
                    ytd.append({"employee_id": eid,
                                "%s_sui_wages" % st: str(ytdv[eid][0]),
                                "sui_wages_all": str(ytdv[eid][1]),
                                "last_pay_date": str(
                                    datetime.date.fromisoformat(pay) -
                                    datetime.timedelta(days=7))})
                try:
                    res, rej, err = vlib.calc(
                        ["rules/us/federal", packs.get(st, pack),
                         "tests/vectors/packs/us_earnings.yaml", rp],
                        emps, period=pay, frequency="weekly", pay_date=pay,
                        ytd=ytd)
                except RuntimeError as x:
                    t.check(cid, "run", "0", None)
                    notes.append("  %s: %s" % (cid, x))
                    continue
                run += 1
                for eid, (w, tax) in sorted(want.items()):
                    r = res.get(eid)
                    if r is None:
                        notes.append("  %s %s: rejected: %s" % (cid, eid, "; ".join(
                            j.get("message", "") for j in rej) or err.strip()))
                    t.check("%s:%s" % (cid, eid), "%s_sui_wages" % st,
                            str(w), r.get("%s_sui_wages" % st) if r else None)
                    t.check("%s:%s" % (cid, eid), "%s_sui_employer" % st,
                            str(tax),
                            r.get("%s_sui_employer" % st) if r else None)
    # most states have both years' bases in the table: a run of few would
    # check little
    t.check("runs", "state-years run", "1", "1" if run >= 60 else "0")
    if run < 60:
        notes.append("  only %d state-years run" % run)
    for n in notes:
        print(n)
    sys.exit(0 if t.done() else 1)


if __name__ == "__main__":
    main()
