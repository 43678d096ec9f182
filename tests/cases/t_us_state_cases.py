"""Boundary cases of the US state withholding packs: every
tests/cases/us-<xx>.yaml (one file per state; the working of each expected
figure is shown by hand in a comment beside it, from the state's
publication, never from running this code).

A file is a list of cases:

    - id: ky-2026-from            # unique name
      period: 2026-01-01          # payroll-calc -p (default 2026-06-01)
      frequency: weekly           # payroll-calc -f (default weekly)
      pay_date: 2026-01-01        # optional payroll-calc -d
      employee: {work_state: KY, wages: "1000.00", ...}
      ytd: {ky_wages: "100"}      # optional balances before the period
      packs: [tests/cases/packs/x.yaml]   # optional extra (company) packs
      expect: {ky_withholding: "33.10", ...}   # result columns
      reject: "text"              # instead of expect: the employee is
                                  # rejected with a message containing it

Each file runs with rules/us/federal, the state's own pack
(us-ky.yaml: rules/us/ky) and the test earnings pack
(tests/vectors/packs/us_earnings.yaml: wages, supplemental_wages); the
vector harness (t_us_states_more.py) loads every pack at once, so clashes
are caught there, while here a 2025 date is not refused because another
state's pack covers 2026 only.
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


def packs(state):
    return ["rules/us/federal", "rules/us/" + state,
            "tests/vectors/packs/us_earnings.yaml"]


def main():
    t = vlib.Tally("us state cases")
    for path in sorted(glob.glob(os.path.join(HERE, "us-*.yaml"))):
        name = os.path.basename(path)
        pk = packs(name[3:-5])
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
                    pk + c.get("packs", []), [e], str(c.get("period", "2026-06-01")),
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
                t.check_str(cid, "reject", True,
                            r is None and c["reject"] in msg)
                if r is not None or c["reject"] not in msg:
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
