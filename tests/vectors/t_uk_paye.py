#!/usr/bin/env python3
"""Official vectors for the UK PAYE pack (uk_paye_income_tax.csv).

Every row goes through the real path: a canonical employee record (tax
code, basis and the row's pay, made an earning by the test pack
tests/vectors/packs/uk_earnings.yaml) and, where the row has pay or tax
to date before this period, a YTD file (uk_taxable_pay = taxable pay to
date - this period's pay, paye_tax = tax paid to date before), into
bin/payroll-calc with rules/uk/paye.  Rows are grouped into one run per
tax year, pay frequency and tax period; the pay date is the last day of
the tax week (weekly), of the 2- or 4-week pay period, or of the tax month
(the 5th), so that it falls in the row's tax period.

Compared, for every row: paye_tax with expected_tax_this_period, and the
paye_tax balance that payroll-calc writes to its YTD output with
expected_tax_to_date.  Expected values come only from the vector file.
HMRC allows a difference of 0.01 (each row's note says so); a row whose
note states no tolerance allows none.
"""
import csv
import datetime
import os
import re
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vlib  # noqa: E402

VECTORS = "uk_paye_income_tax.csv"
PACKS = ["rules/uk/paye", "tests/vectors/packs/uk_earnings.yaml"]
# vector pay_frequency -> payroll-calc -f, weeks per period (0: monthly)
FREQ = {"weekly": ("weekly", 1), "fortnightly": ("biweekly", 2),
        "fourweekly": ("fourweekly", 4), "monthly": ("monthly", 0)}


def tolerance(row):
    """The difference the row's source allows: HMRC's "may differ by no
    more than 0.01"; none otherwise."""
    m = re.search(r"no more than £?([0-9]+\.[0-9]+)", row.get("note", ""))
    return m.group(1) if m else "0"


def year_start(tax_year):
    """'2025-26' -> 6 April 2025."""
    m = re.match(r"^(\d{4})-\d{2}$", tax_year)
    if not m:
        return None
    return datetime.date(int(m.group(1)), 4, 6)


def period_of(ys, freq, n):
    """First and last day of pay period n of the tax year: weeks from 6
    April, or tax months (6th to 5th)."""
    cf, weeks = FREQ[freq]
    if weeks:
        start = ys + datetime.timedelta(days=7 * weeks * (n - 1))
        return cf, start, start + datetime.timedelta(days=7 * weeks - 1)
    y, m = ys.year, ys.month + n - 1
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    start = datetime.date(y, m, ys.day)
    y2, m2 = (y, m + 1) if m < 12 else (y + 1, 1)
    return cf, start, datetime.date(y2, m2, ys.day) - datetime.timedelta(days=1)


def main():
    rows = vlib.read_vectors(VECTORS)
    t = vlib.Tally(VECTORS, places=True)
    groups = {}
    for r in rows:
        ys = year_start(r["tax_year"])
        if ys is None:
            t.skip(r["case_id"], "tax_year %r is not of the form 2025-26"
                   % r["tax_year"])
            continue
        if r["pay_frequency"] not in FREQ:
            t.skip(r["case_id"], "pay frequency %r has no payroll-calc "
                   "equivalent" % r["pay_frequency"])
            continue
        key = (r["tax_year"], r["pay_frequency"], int(r["period"]))
        groups.setdefault(key, []).append(r)
    for (tax_year, freq, n), grp in sorted(groups.items()):
        ys = year_start(tax_year)
        cf, start, end = period_of(ys, freq, n)
        emps, ytd = [], []
        for r in grp:
            emps.append({"employee_id": r["case_id"],
                         "tax_code": r["tax_code"],
                         "tax_basis": r["basis"] or "cumulative",
                         "uk_test_pay": r["gross_pay_this_period"]})
            before = (Decimal(r["taxable_pay_to_date"])
                      - Decimal(r["gross_pay_this_period"]))
            paid = Decimal(r["tax_paid_to_date_before"] or "0")
            if before or paid:
                ytd.append({"employee_id": r["case_id"],
                            "last_pay_date": (start - datetime.timedelta(
                                days=1)).isoformat(),
                            "uk_taxable_pay": str(before),
                            "paye_tax": str(paid)})
        with tempfile.TemporaryDirectory() as d:
            yout = os.path.join(d, "ytd-out.csv")
            emps.sort(key=lambda e: e["employee_id"])
            res, rej, err = vlib.calc(PACKS, emps, start.isoformat(),
                                      frequency=cf,
                                      pay_date=end.isoformat(),
                                      ytd=ytd or None,
                                      extra_args=["-Y", yout])
            balances = {}
            if os.path.exists(yout):
                with open(yout, newline="") as f:
                    balances = {b["employee_id"]: b
                                for b in csv.DictReader(f)}
        why = {x.get("employee_id", ""): x.get("message", "")
               for x in rej}
        for r in grp:
            cid, tol = r["case_id"], tolerance(r)
            out = res.get(cid)
            if out is None:
                print("  no result for %s: %s" % (cid, why.get(cid, err)))
            t.check(cid, "tax_this_period", r["expected_tax_this_period"],
                    out and out.get("paye_tax"), tol)
            b = balances.get(cid)
            t.check(cid, "tax_to_date", r["expected_tax_to_date"],
                    b and b.get("paye_tax"), tol)
    return 0 if t.done() else 1


if __name__ == "__main__":
    sys.exit(main())
