#!/usr/bin/env python3
"""Boundary cases of the US state programs (issue 11 item 2: disability,
paid family and medical leave, long-term care, transit and child care
contributions): every tests/cases/programs-<xx>.yaml, one file a state.
The expected figures are worked by hand from the program's published rate,
cap and rounding (the working is a comment beside each case), never from
running this code.

A file is a list of cases:

    - id: 2026-cap                # unique name
      frequency: weekly           # payroll-calc -f (default weekly)
      period: 2026-06-01          # payroll-calc -p (default 2026-06-01)
      pay_date: 2026-06-05        # optional payroll-calc -d
      employee: {work_state: WA, wages: "1000.00", ...}
      ytd: {wa_pfml_wages: "184000.00"}   # optional balances before
      ytd_date: 2026-05-29        # their last pay date (default 2026-01-01)
      employer: {wa_pfml_small_employer: 1}   # optional employer settings,
                                  # written to a company pack that
                                  # overrides them (override: true)
      expect: {wa_pfml_employee: "4.04", ...}

Each file runs with rules/us/federal, the state's programs.yaml alone
(programs-wa.yaml: rules/us/wa/programs.yaml: the file is self-contained,
and the withholding packs beside it may cover 2026 only),
tests/vectors/packs/us_earnings.yaml (wages, supplemental_wages) and
tests/cases/packs/programs_pretax.yaml (s125_deduction, k401_deduction).
tests/multistate loads every folder under rules/us at once.
"""
import glob
import os
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SSN = "123-45-6789"


def employer_pack(d, settings):
    """A company pack overriding the programs' employer settings."""
    p = os.path.join(d, "employer.yaml")
    with open(p, "w") as f:
        f.write("pack: tests/programs_employer\nparameters:\n")
        for k, v in settings.items():
            val = '"%s"' % v if isinstance(v, str) else str(v)
            f.write("  %s:\n    override: true\n    source: \"test case\"\n"
                    "    value: %s\n" % (k, val))
    return p


def main():
    t = vlib.Tally("us state programs")
    files = sorted(glob.glob(os.path.join(HERE, "programs-*.yaml")))
    if not files:
        t.check("programs", "files", "1", None)
    for path in files:
        name = os.path.basename(path)
        st = name[len("programs-"):-5]
        with open(path, encoding="utf-8") as f:
            cases = yaml.safe_load(f) or []
        for c in cases:
            cid = "%s:%s" % (name, c["id"])
            packs = ["rules/us/federal", "rules/us/%s/programs.yaml" % st,
                     "tests/vectors/packs/us_earnings.yaml",
                     "tests/cases/packs/programs_pretax.yaml"]
            e = {"employee_id": "E1", "national_id": SSN}
            e.update({k: str(v) for k, v in c["employee"].items()})
            ytd = None
            if c.get("ytd"):
                y = {"employee_id": "E1",
                     "last_pay_date": str(c.get("ytd_date", "2026-01-01"))}
                y.update({k: str(v) for k, v in c["ytd"].items()})
                ytd = [y]
            if not c.get("expect"):
                t.check(cid, "expect", "some expected value", None)
                continue
            with tempfile.TemporaryDirectory() as d:
                if c.get("employer"):
                    packs = packs + [employer_pack(d, c["employer"])]
                try:
                    out, rej, err = vlib.calc(
                        packs, [e], str(c.get("period", "2026-06-01")),
                        frequency=c.get("frequency", "weekly"),
                        pay_date=str(c["pay_date"]) if c.get("pay_date")
                        else None, ytd=ytd)
                except RuntimeError as x:
                    t.check(cid, "run", "0", None)
                    print("  %s: %s" % (cid, x))
                    continue
            r = out.get("E1")
            if r is None:
                print("  %s: rejected: %s" % (cid, "; ".join(
                    j.get("message", "") for j in rej) or err.strip()))
            for col, want in c["expect"].items():
                t.check(cid, col, str(want), r.get(col) if r else None)
    sys.exit(0 if t.done() else 1)


if __name__ == "__main__":
    main()
