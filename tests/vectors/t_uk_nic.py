#!/usr/bin/env python3
"""Official vectors for the UK Class 1 NICs pack (uk_nic.csv).

Every row goes through the real path: a canonical employee record (category
letter, director fields and the row's pay, made an earning by the test
pack tests/vectors/packs/uk_earnings.yaml) and, for directors, a YTD file,
into bin/payroll-calc with rules/uk/nic.  Rows are grouped into one run per
tax year, pay frequency and period; the pay date is the last day of the
pay period counted from 6 April (weekly, 2-weekly, 4-weekly), of the tax
month (the 5th), or of the tax year (annual).

Directors' balances before the period come from the row itself: earnings
to date = gross_pay_ytd - gross_pay_this_period, contributions paid =
expected *_ytd - expected this period.  The RTI bands are compared as
year-to-date figures (the vector's *_ytd columns) through payroll-calc's
YTD output; their balance before the period is the previous period's row
of the same case (none is needed in period 1).  A director's appointment
week is HMRC's case name ("..._from_week_5").

Compared, for every row: ni_employee, ni_employer, their total, the
contributions to date and the three RTI bands.  A row whose expected total
is not its employee plus employer figure contradicts itself; its employer
figures are reported as skipped, with the reason and our figure.  Expected values come only
from the vector file.  A row allows a difference only where its note says
so (HMRC's "no more than 0.01"); these rows' notes state none.
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

VECTORS = "uk_nic.csv"
PACKS = ["rules/uk/nic", "tests/vectors/packs/uk_earnings.yaml"]
# vector pay_frequency -> payroll-calc -f, weeks per period (0: monthly,
# None: the whole tax year)
FREQ = {"weekly": ("weekly", 1), "fortnightly": ("biweekly", 2),
        "fourweekly": ("fourweekly", 4), "monthly": ("monthly", 0),
        "annually": ("annual", None)}
METHOD = {"AlternativeMethod": "alternative",
          "StandardAnnualisedEarningsMethod": "annual", "": "annual"}
BANDS = [("at_lel", "ni_earnings_at_lel"),
         ("lel_to_pt", "ni_earnings_lel_to_pt"),
         ("pt_to_uel", "ni_earnings_pt_to_uel")]


def tolerance(row):
    """The difference the row's source allows (HMRC's "no more than
    0.01"), none otherwise."""
    m = re.search(r"no more than £?([0-9]+\.[0-9]+)", row.get("note", ""))
    return m.group(1) if m else "0"


def year_start(tax_year):
    m = re.match(r"^(\d{4})-\d{2}$", tax_year)
    return datetime.date(int(m.group(1)), 4, 6) if m else None


def period_of(ys, freq, n):
    cf, weeks = FREQ[freq]
    if weeks is None:
        return cf, ys, datetime.date(ys.year + 1, ys.month, ys.day) - \
            datetime.timedelta(days=1)
    if weeks:
        start = ys + datetime.timedelta(days=7 * weeks * (n - 1))
        return cf, start, start + datetime.timedelta(days=7 * weeks - 1)
    y, m = ys.year, ys.month + n - 1
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    start = datetime.date(y, m, ys.day)
    y2, m2 = (y, m + 1) if m < 12 else (y + 1, 1)
    return cf, start, datetime.date(y2, m2, ys.day) - \
        datetime.timedelta(days=1)


def split_id(case_id):
    """'UKNI-2526-DIR-1_Dir_CatA_GBP1000pw-7' -> (prefix, 7)."""
    m = re.match(r"^(.*)-(\d+)$", case_id)
    return (m.group(1), int(m.group(2))) if m else (case_id, None)


def d(s):
    return Decimal(s) if s not in (None, "") else Decimal(0)


def main():
    rows = vlib.read_vectors(VECTORS)
    by_id = {r["case_id"]: r for r in rows}
    t = vlib.Tally(VECTORS)
    groups = {}
    for r in rows:
        ys = year_start(r["tax_year"])
        if ys is None or r["pay_frequency"] not in FREQ:
            t.skip(r["case_id"], "tax year %r or pay frequency %r not "
                   "understood" % (r["tax_year"], r["pay_frequency"]))
            continue
        if r["director_method"] not in METHOD:
            t.skip(r["case_id"], "director method %r not understood"
                   % r["director_method"])
            continue
        n = int(r["period"])
        if FREQ[r["pay_frequency"]][1] is None:
            n = 1
        if n < 1 and r["director"] != "Y":
            # HMRC's single-period employee rows are period 1; two give
            # period 0.  An employee's NICs do not depend on the period.
            n = 1
        groups.setdefault((r["tax_year"], r["pay_frequency"], n),
                          []).append(r)
    for (tax_year, freq, n), grp in sorted(groups.items()):
        ys = year_start(tax_year)
        cf, start, end = period_of(ys, freq, n)
        emps, ytd, band_before = [], [], {}
        for r in grp:
            cid = r["case_id"]
            director = r["director"] == "Y"
            e = {"employee_id": cid, "ni_category": r["ni_category"],
                 "director": "true" if director else "false",
                 "director_method": METHOD[r["director_method"]],
                 "uk_test_pay": r["gross_pay_this_period"]}
            w = re.search(r"from_week_(\d+)", cid)
            if director and w:
                e["director_since"] = (ys + datetime.timedelta(
                    days=7 * (int(w.group(1)) - 1))).isoformat()
            emps.append(e)
            # The RTI bands to date before this period: none in period 1,
            # else the previous period's row of the same case.
            prefix, p = split_id(cid)
            prev = by_id.get("%s-%d" % (prefix, p - 1)) if p else None
            if not director or p == 1:
                band_before[cid] = {b: Decimal(0) for b, _ in BANDS}
            elif prev is not None:
                band_before[cid] = {b: d(prev["expected_earnings_%s_ytd"
                                              % b]) for b, _ in BANDS}
            if director:
                earn = d(r["gross_pay_ytd"]) - d(r["gross_pay_this_period"])
                ee = d(r["expected_employee_ni_ytd"]) - \
                    d(r["expected_employee_ni"])
                er = d(r["expected_employer_ni_ytd"]) - \
                    d(r["expected_employer_ni"])
                y = {"employee_id": cid,
                     "last_pay_date": (start - datetime.timedelta(
                         days=1)).isoformat(),
                     "uk_ni_dir_earnings": str(earn),
                     "uk_ni_dir_employee": str(ee),
                     "uk_ni_dir_employer": str(er),
                     "ni_employee": str(ee), "ni_employer": str(er)}
                for b, col in BANDS:
                    if cid in band_before:
                        y[col] = str(band_before[cid][b])
                ytd.append(y)
        emps.sort(key=lambda x: x["employee_id"])
        with tempfile.TemporaryDirectory() as tmp:
            yout = os.path.join(tmp, "ytd-out.csv")
            res, rej, err = vlib.calc(PACKS, emps, start.isoformat(),
                                      frequency=cf,
                                      pay_date=end.isoformat(),
                                      ytd=ytd or None,
                                      extra_args=["-Y", yout])
            bal = {}
            if os.path.exists(yout):
                with open(yout, newline="") as f:
                    bal = {b["employee_id"]: b for b in csv.DictReader(f)}
        why = {x.get("employee_id", ""): x.get("message", "") for x in rej}
        for r in grp:
            cid, tol = r["case_id"], tolerance(r)
            out, b = res.get(cid), bal.get(cid)
            if out is None:
                print("  no result for %s: %s" % (cid, why.get(cid, err)))
            ee = out and out.get("ni_employee")
            er = out and out.get("ni_employer")
            t.check(cid, "employee_ni", r["expected_employee_ni"], ee, tol)
            t.check(cid, "employee_ni_ytd", r["expected_employee_ni_ytd"],
                    b and b.get("ni_employee"), tol)
            # A row whose own total is not employee + employer contradicts
            # itself: its employer figures cannot serve as expected values.
            if d(r["expected_employee_ni"]) + d(r["expected_employer_ni"]) \
                    != d(r["expected_total_ni"]):
                t.skip(cid, "employer NICs: the source row contradicts "
                       "itself (total %s is not employee %s + employer %s)"
                       "; employer, total and employer to date not "
                       "compared (got employer %s)" % (
                           r["expected_total_ni"], r["expected_employee_ni"],
                           r["expected_employer_ni"], er))
            else:
                t.check(cid, "employer_ni", r["expected_employer_ni"], er,
                        tol)
                total = None
                if ee and er:
                    total = str(Decimal(ee) + Decimal(er))
                t.check(cid, "total_ni", r["expected_total_ni"], total, tol)
                t.check(cid, "employer_ni_ytd",
                        r["expected_employer_ni_ytd"],
                        b and b.get("ni_employer"), tol)
            if cid not in band_before:
                t.skip(cid, "RTI bands to date: the source has no row for "
                       "the previous period, so the bands before this "
                       "period are not known (contributions compared)")
                continue
            for band, col in BANDS:
                t.check(cid, "earnings_%s_ytd" % band,
                        r["expected_earnings_%s_ytd" % band],
                        b and b.get(col), tol)
    return 0 if t.done() else 1


if __name__ == "__main__":
    sys.exit(main())
