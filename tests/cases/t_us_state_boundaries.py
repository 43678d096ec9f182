#!/usr/bin/env python3
"""Boundary cases of the US state withholding packs: tests/cases/state-*.yaml
files that hold a `cases:` list (one file a state; tests/cases/us-*.yaml
are t_us_state_cases.py's, in its own format).  Each case is a pay
date on a `from:` date, a rounding tie, a supplemental payment, a bad
certificate field..., with the value worked by hand from the state's
publication (the working is a comment beside it in the YAML file; none
comes from running this code).

A case:
    id:         a name
    frequency:  payroll-calc -f (default weekly)
    period:     payroll-calc -p (default: the pay date's week/month)
    pay_date:   payroll-calc -d
    employee:   the record's fields (work_state, wages, certificate fields)
    packs:      optional extra packs (tests/vectors/packs/...)
    expect:     {result column: value, ...}
    reject:     instead of expect: a text hr-validate's reject message
                for the record must contain (a bad certificate field)
    calc_reject: instead of expect: a text payroll-calc's reject message
                for the record must contain (a case the state's method
                does not cover)

The packs are rules/us/federal, the state's own (state-xx.yaml: rules/us/xx),
the test earnings pack and the case's packs: not every state pack, as
some cover 2026 only and a 2025 pay date would be refused by them."""
import csv
import glob
import os
import subprocess
import sys
import tempfile
from decimal import Decimal, InvalidOperation

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SSN = "123-45-6789"


def validate(packs, e, period, freq, pay_date):
    """hr-validate on one record; returns its reject messages."""
    with tempfile.TemporaryDirectory() as d:
        emp = os.path.join(d, "employees.csv")
        vlib.write_csv(emp, list(e), [e])
        rp = os.path.join(d, "rejects.csv")
        args = [os.path.join(vlib.ROOT, "bin", "hr-validate")]
        for p in packs:
            args += ["-r", os.path.join(vlib.ROOT, p)]
        args += ["-p", period, "-f", freq, "-d", pay_date, "-R", rp, "-q",
                 emp]
        subprocess.run(args, capture_output=True, text=True)
        if not os.path.exists(rp):
            return []
        with open(rp, newline="") as f:
            return [r["message"] for r in csv.DictReader(f)]


def default_period(freq, pay_date):
    if freq in ("monthly", "quarterly", "semiannual", "annual"):
        return pay_date[:7]
    return pay_date


def main():
    t = vlib.Tally("us state boundaries")
    notes = []
    for path in sorted(glob.glob(os.path.join(HERE, "state-*.yaml"))):
        with open(path) as f:
            doc = yaml.safe_load(f)
        if not isinstance(doc, dict) or "cases" not in doc:
            continue
        name = os.path.basename(path)
        st = name[6:-5]
        packs = ["rules/us/federal", "rules/us/" + st,
                 "tests/vectors/packs/us_earnings.yaml"]
        for c in doc["cases"]:
            cid = "%s:%s" % (name, c["id"])
            freq = c.get("frequency", "weekly")
            pay_date = str(c["pay_date"])
            e = {"employee_id": "E1", "national_id": SSN}
            e.update({k: str(v) for k, v in c["employee"].items()})
            period = str(c.get("period", default_period(freq, pay_date)))
            if "reject" in c:
                msgs = validate(packs + c.get("packs", []), e, period, freq,
                                pay_date)
                ok = any(c["reject"] in m for m in msgs)
                t.check(cid, "reject", "1", "1" if ok else "0")
                if not ok:
                    notes.append("  %s: expected a reject with %r, got %r" %
                                 (cid, c["reject"], msgs))
                continue
            try:
                res, rej, err = vlib.calc(
                    packs + c.get("packs", []), [e],
                    period=period,
                    frequency=freq, pay_date=pay_date)
            except RuntimeError as x:
                t.check(cid, "run", "0", None)
                notes.append("  %s: %s" % (cid, x))
                continue
            r = res.get("E1")
            if "calc_reject" in c:
                msgs = [j.get("message", "") for j in rej]
                ok = r is None and any(c["calc_reject"] in m for m in msgs)
                t.check(cid, "calc_reject", "1", "1" if ok else "0")
                if not ok:
                    notes.append("  %s: expected a reject with %r, got %r" %
                                 (cid, c["calc_reject"], msgs or r))
                continue
            if not c.get("expect"):
                t.check(cid, "expect", "some expected value", None)
                continue
            if r is None:
                notes.append("  %s: rejected: %s" % (cid, "; ".join(
                    j.get("message", "") for j in rej) or err.strip()))
            for col, want in sorted(c["expect"].items()):
                try:
                    Decimal(str(want))
                except InvalidOperation:
                    t.check_str(cid, col, str(want), r.get(col) if r else None)
                    continue
                t.check(cid, col, str(want), r.get(col) if r else None)
    for n in notes:
        print(n)
    t.done()


if __name__ == "__main__":
    main()
