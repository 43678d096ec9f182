#!/usr/bin/env python3
"""Every money output of the US packs is written to the cent.

The figures the US packs output (withholding, wages subject to a tax, and
the information outputs beside them: a period's standard deduction, an
annualized tax, a taxable wage) are dollar amounts, and every publication
they come from (Pub 15-T, the states' withholding guides, the W-2 and the
state reports they feed) states them in dollars and cents.  An output
declared with `places: 3` is written 2104.210 where the figure is
2104.21, in the results and in every file built from them; the vector
and boundary runners compare numbers, not text, and do not see it.

Here the federal pack and every pack under rules/us are run together (as
make demo-multistate does) on employees of a few states, and every column
of the results is checked to be written with exactly two decimals, except
the columns listed in NOT_MONEY (inputs, dates, codes, counts and rates),
each with the form it must have.  An entry of NOT_MONEY that names no
column fails, and so does a run with fewer columns than the packs had
when this was written (a run that loaded nothing cannot pass).
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us output places")
MONEY = re.compile(r"-?\d+\.\d\d")
# Columns that are not dollar amounts, with the form each must have.
NOT_MONEY = {
    "employee_id": r"E\d",
    "national_id": r"\d{3}-\d\d-\d{4}",
    "work_state": r"[A-Z]{2}",
    "period_start": r"\d{4}-\d\d-\d\d",
    "period_end": r"\d{4}-\d\d-\d\d",
    "pay_date": r"\d{4}-\d\d-\d\d",
    # a rate (FUTA credit reduction, Pub 15-T / Form 940 Schedule A)
    "futa_credit_reduction_rate": r"\d+(\.\d+)?",
    # TPG-211 Table E: the credit as a decimal of the tax (0.75 ...)
    "ct_credit": r"\d+(\.\d+)?",
    # NJ-WT rate table letter A-E
    "nj_table": r"[A-E]",
    # OR-W-4 allowances: a count
    "or_allowances_used": r"\d+",
    # PA local earned income tax rate
    "pa_eit_rate": r"\d+(\.\d+)?",
}
MIN_COLUMNS = 450   # 458 columns when this was written

packs = ["rules/us/federal"] + [
    d.rstrip("/") for d in sorted(glob.glob(os.path.join(vlib.ROOT, "rules/us/*/")))
    if not d.rstrip("/").endswith("/federal")]
packs = [os.path.relpath(p, vlib.ROOT) for p in packs]
packs.append("tests/vectors/packs/us_earnings.yaml")

SSN = "123-45-6789"
EMPS = [{"employee_id": "E%d" % i, "national_id": SSN, "work_state": st,
         "wages": w} for i, (st, w) in enumerate(
             [("NC", "1234.57"), ("NY", "2345.67"), ("CA", "987.65"),
              ("OR", "1500.03")], 1)]

for date in ("2025-06-02", "2026-06-01"):
    out, rej, err = vlib.calc(packs, EMPS, date, frequency="weekly",
                              pay_date=date)
    t.ok(not rej, "%s: unexpected rejects %s" % (date, rej))
    t.ok(len(out) == len(EMPS), "%s: %d results for %d employees" % (
        date, len(out), len(EMPS)))
    cols = list(next(iter(out.values())).keys()) if out else []
    t.ok(len(cols) >= MIN_COLUMNS, "%s: only %d columns" % (date, len(cols)))
    for c in NOT_MONEY:
        t.ok(c in cols, "%s: NOT_MONEY names %s, no column of the run" % (
            date, c))
    for eid, row in sorted(out.items()):
        for c in cols:
            v = row[c]
            pat = NOT_MONEY.get(c)
            if pat is None:
                t.ok(MONEY.fullmatch(v) is not None,
                     "%s %s %s = %r: not written to the cent" % (
                         date, eid, c, v), "money columns")
            else:
                t.ok(re.fullmatch(pat, v) is not None,
                     "%s %s %s = %r: not of the form %s" % (
                         date, eid, c, v, pat), "other columns")
sys.exit(0 if t.done() else 1)
