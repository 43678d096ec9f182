#!/usr/bin/env python3
"""Official vectors for the state packs beyond CA, IL, NY and PA
(us_states_more.csv: 2026 worked examples and table cells of 35 state and
local withholding publications, as transcribed with page references in an
independent implementation's tests; each row's notes say which).

Every row goes through the real path: a canonical employee record (the
state's certificate fields, work_state and the row's wages) into
bin/payroll-calc with rules/us/federal and every state pack under rules/us
loaded (so the gating of each pack by work and resident state is
exercised too) and the test earnings pack.  The state's withholding column
is compared with expected_withholding_period, and each named intermediate
the state's module maps with its result column.

How a row becomes an employee is the state's own knowledge (its
certificate's fields), so it lives in tests/vectors/us_states_more/<st>.py
(st: the state column lower-cased, '-' as '_': mi_detroit.py).  Each module
has plan(row, w4, other) returning a dict:

    employee      the fields beside employee_id and national_id (wages,
                  work_state, certificate fields)
    column        the result column holding the state's tax
    frequency     payroll-calc -f (default: the row's pay_frequency)
    period, pay_date   optional (default: June of the tax year)
    packs         extra packs (test packs under tests/vectors/packs)
    ytd, items    optional, as vlib.calc takes them
    intermediates optional {name in expected_intermediates: result column}
    expected      optional (value, reason): where the printed figure is
                  provably wrong, the figure checked instead, and why,
                  with the publication's page (printed with the result)

or a string saying why the row cannot run, which fails it.  A row whose
state has no module yet is skipped with that reason (and a skip never
counts as a pass).  Rows whose expected figure is not numeric (an example
that prints rules but no amount) are checked through their intermediates
only, and must name some.
"""
import functools
import importlib.util
import os
import re
import sys
from decimal import Decimal, InvalidOperation

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vlib  # noqa: E402
import yaml  # noqa: E402

VECTORS = "us_states_more.csv"
HERE = os.path.dirname(os.path.abspath(__file__))
SSN = "123-45-6789"



def number(s):
    try:
        return Decimal((s or "").replace(",", "").strip())
    except InvalidOperation:
        return None


def printed_number(s):
    """A printed intermediate: a number, or a number followed by a
    parenthesised remark ('5250 (2026 single phase-out step ...')."""
    n = number(s)
    if n is None:
        m = re.match(r"^\s*(-?[\d,]*\.?\d+)\s+\(", s or "")
        if m:
            n = number(m.group(1))
    return n


@functools.lru_cache(maxsize=None)
def covers(d):
    """The covers: dates of a pack folder (from, to as text), or None: the
    dates every file's covers: allows (a folder's files each check their
    own, e.g. programs.yaml 2025-2026 beside a 2026-only withholding.yaml).
    Read once per folder: parsing every pack for every row took most of
    this test's time."""
    got = None
    for f in sorted(os.listdir(d)):
        if f.endswith(".yaml"):
            with open(os.path.join(d, f)) as fh:
                doc = yaml.safe_load(fh)
            if isinstance(doc, dict) and "covers" in doc:
                c = doc["covers"]
                fr = str(c.get("from", "0000-01-01"))
                to = str(c.get("to", "9999-12-31"))
                got = (fr, to) if got is None else (max(got[0], fr),
                                                    min(got[1], to))
    return got


def state_packs(date):
    """rules/us/federal and every state pack that has figures for the
    date (a pack that covers only 2026 would refuse a 2025 row's run)."""
    base = os.path.join(vlib.ROOT, "rules", "us")
    packs = ["rules/us/federal"]
    for d in sorted(os.listdir(base)):
        path = os.path.join(base, d)
        if d != "federal" and os.path.isdir(path):
            c = covers(path)
            if c is None or c[0] <= date <= c[1]:
                packs.append("rules/us/" + d)
    return packs + ["tests/vectors/packs/us_earnings.yaml"]


def module(state):
    name = state.lower().replace("-", "_")
    path = os.path.join(HERE, "us_states_more", name + ".py")
    if not os.path.exists(path):
        return None
    spec = importlib.util.spec_from_file_location("st_" + name, path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def main():
    rows = vlib.read_vectors(VECTORS)
    t = vlib.Tally(VECTORS)
    notes = []
    for row in rows:
        cid, st = row["case_id"], row["state"]
        m = module(st)
        if m is None:
            t.skip(cid, "no pack for %s yet (tests/vectors/us_states_more/"
                   "%s.py)" % (st, st.lower().replace("-", "_")))
            continue
        p = m.plan(row, vlib.kv(row["state_w4"]), vlib.kv(row["other_inputs"]))
        if isinstance(p, str):
            t.check(cid, st + ":plan", "0", None)
            notes.append("  %s: cannot run: %s" % (cid, p))
            continue
        e = {"employee_id": cid, "national_id": SSN}
        e.update(p["employee"])
        year = row["tax_year"]
        freq = p.get("frequency", row["pay_frequency"])
        period = p.get("period", "%s-06" % year if freq == "monthly"
                       else "%s-06-01" % year)
        date = p.get("pay_date") or (period + "-01")[:10]
        packs = state_packs(date)
        if "rules/us/" + st.split("-")[0].lower() not in packs:
            t.check(cid, st + ":covers", "a pack covering " + date, None)
            notes.append("  %s: no %s pack covers %s" % (cid, st, date))
            continue
        try:
            res, rej, err = vlib.calc(packs + p.get("packs", []), [e],
                                      period=period, frequency=freq,
                                      pay_date=p.get("pay_date"),
                                      ytd=p.get("ytd"), items=p.get("items"))
        except RuntimeError as x:
            t.check(cid, st + ":run", "0", None)
            notes.append("  %s: %s" % (cid, x))
            continue
        r = res.get(cid)
        if r is None:
            why = "; ".join(j.get("message", "") for j in rej) or err.strip()
            notes.append("  %s: rejected: %s" % (cid, why))
        expected = number(row["expected_withholding_period"])
        if "expected" in p:
            value, reason = p["expected"]
            notes.append("  %s: printed %s, checked %s: %s" %
                         (cid, row["expected_withholding_period"], value,
                          reason))
            expected = Decimal(value)
        inter = p.get("intermediates", {})
        if expected is None and not inter:
            t.check(cid, st + ":plan", "a number or intermediates", None)
            notes.append("  %s: no numeric figure and no intermediate" % cid)
            continue
        if expected is not None:
            t.check(cid, st + ":" + p["column"], str(expected),
                    r.get(p["column"]) if r else None)
        exp_inter = vlib.kv(row["expected_intermediates"])
        for name, col in sorted(inter.items()):
            if name not in exp_inter or printed_number(exp_inter[name]) is None:
                t.check(cid, st + ":" + name, "printed in the row", None)
                continue
            t.check(cid, st + ":" + col, str(printed_number(exp_inter[name])),
                    r.get(col) if r else None)
    for n in notes:
        print(n)
    t.done()


if __name__ == "__main__":
    main()
