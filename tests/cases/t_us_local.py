"""Boundary cases of the US local income tax packs (issue 11, items 3 and
4): every tests/cases/local-<xx>.yaml runs with rules/us/federal, the
state's pack rules/us/<xx> (its local.yaml included) and the test earnings
pack, plus a case's own packs.  The working of each expected figure is
shown by hand beside it, from the locality's publication (or, for the
Pennsylvania PSD fixture, from the Act 32 rules applied to the fixture's
test rates), never from running this code.

A case is as in t_us_state_cases.py: id, period, frequency, pay_date,
employee, ytd (ytd_date), packs, and expect or reject (a message the
employee's rejection must contain).
"""
import glob
import os
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SSN = "123-45-6789"


def main():
    t = vlib.Tally("us local cases")
    files = sorted(glob.glob(os.path.join(HERE, "local-*.yaml")))
    if not files:
        print("no tests/cases/local-*.yaml")
        sys.exit(1)
    for path in files:
        name = os.path.basename(path)
        pk = ["rules/us/federal", "rules/us/" + name[6:-5],
              "tests/vectors/packs/us_earnings.yaml"]
        with open(path, encoding="utf-8") as f:
            cases = yaml.safe_load(f) or []
        for c in cases:
            cid = "%s:%s" % (name, c["id"])
            e = {"employee_id": "E1", "national_id": SSN}
            e.update({k: str(v) for k, v in c["employee"].items()})
            ytd = None
            if c.get("ytd"):
                y = {"employee_id": "E1",
                     "last_pay_date": str(c.get("ytd_date", "2026-01-01"))}
                y.update({k: str(v) for k, v in c["ytd"].items()})
                ytd = [y]
            try:
                out, rej, err = vlib.calc(
                    pk + c.get("packs", []), [e],
                    str(c.get("period", "2026-06-01")),
                    frequency=c.get("frequency", "weekly"),
                    pay_date=str(c["pay_date"]) if c.get("pay_date") else None,
                    ytd=ytd)
            except RuntimeError as x:
                t.check(cid, "run", "0", None)
                print("  %s: %s" % (cid, x))
                continue
            r = out.get("E1")
            if "reject" in c:
                msg = "; ".join(j.get("message", "") for j in rej)
                good = r is None and c["reject"] in msg
                t.check_str(cid, "reject", True, good)
                if not good:
                    print("  %s: wanted a reject with %r, got %s" %
                          (cid, c["reject"], msg or "a result"))
                continue
            if r is None:
                print("  %s: rejected: %s" % (cid, "; ".join(
                    j.get("message", "") for j in rej) or err.strip()))
            for col, want in c["expect"].items():
                t.check(cid, col, str(want), r.get(col) if r else None)
    sys.exit(0 if t.done() else 1)


if __name__ == "__main__":
    main()
