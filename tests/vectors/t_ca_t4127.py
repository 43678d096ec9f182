#!/usr/bin/env python3
"""Official vectors for the Canadian packs (ca_t4127.csv): CRA T4127
Payroll Deductions Formulas worked examples (120th, 121st, 122nd editions)
and results of CRA's Payroll Deductions Online Calculator (PDOC).

Every row goes through bin/payroll-calc with rules/ca/cpp-ei (and
rules/ca/tax where the row checks tax) and a test pack turning the row's
pay into earnings and deductions (tests/vectors/packs/ca_earnings.yaml).
Balances to date (D, D2, D1, PIYTD, B1, F5BYTD, ...) go in through a YTD
file, as a payroll run carries them.  Every expected value of a row is
compared with the matching result column.

Row kinds, by their inputs:
  - T4127 Appendix 1 (CPP2 scenarios): C, C2, F5 of one pay period.
    PIYTD is not printed per row: it is the pensionable pay of the
    contributory periods before this one (PI x periods since the first
    pay in the month after the employee's 18th birthday; scenario 3 has
    PM = 9, so contributions start with period 7, as the guide's own
    example, PIYTD $63,000 at period 22, shows).
  - T4127 Table 6.1: the basic exemption for each number of periods.
  - T4127 bonus examples (regular and year-to-date methods).
  - T4127 Option 2 projection example: the guide says its tax amounts are
    fictitious; the projected income is computed, and the given annual tax
    is supplied through a test pack to check the proportional arithmetic.
  - T4127 ch. 7 EI example (a move between provinces): two runs, the
    second with the first one's balances.
  - PDOC results: the source (beanflowai/Beanflow-Payroll PDOC fixtures)
    states a tolerance of $0.05 per amount, which is used for those rows;
    official examples allow none.
"""
import csv
import datetime
import os
import sys
from decimal import Decimal, ROUND_HALF_UP

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vlib  # noqa: E402

VECTORS = "ca_t4127.csv"
CPP = ["rules/ca/cpp-ei", "tests/vectors/packs/ca_earnings.yaml"]
TAX = ["rules/ca/cpp-ei", "rules/ca/tax", "tests/vectors/packs/ca_earnings.yaml"]
OPT2_GIVEN = "tests/vectors/packs/ca_opt2_given_tax.yaml"
FREQ = {"biweekly": "biweekly", "weekly": "weekly", "monthly": "monthly",
        "semimonthly": "semimonthly", "semi-monthly": "semimonthly"}
DAYS = {"weekly": 7, "biweekly": 14}



def r2(x):
    return str(Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def add(*xs):
    return str(sum(Decimal(x or "0") for x in xs))


def period_args(freq, pay_date):
    d = datetime.date.fromisoformat(pay_date)
    if freq == "monthly":
        start = d.replace(day=1)
    elif freq == "semimonthly":
        start = d.replace(day=1 if d.day <= 15 else 16)
    else:
        start = d - datetime.timedelta(days=DAYS[freq] - 1)
    return start.isoformat(), pay_date


def run(packs, emps, freq, pay_date, ytd=None, extra=()):
    start, pay = period_args(freq, pay_date)
    last = (datetime.date.fromisoformat(start) -
            datetime.timedelta(days=1)).isoformat()
    if last[:4] != pay[:4]:
        last = pay[:4] + "-01-01"
    ytd = [dict(y, last_pay_date=last) for y in (ytd or [])]
    try:
        res, rej, err = vlib.calc(packs, sorted(emps, key=lambda e: e["employee_id"]),
                                  start, frequency=freq, pay_date=pay,
                                  ytd=ytd or None, extra_args=list(extra))
    except RuntimeError as x:
        print("  %s" % x)
        return {}
    why = {r.get("employee_id", ""): r.get("message", "") for r in rej}
    for e in emps:
        if e["employee_id"] not in res:
            print("  %s rejected: %s" % (e["employee_id"],
                                         why.get(e["employee_id"], err.strip())))
    return res


def app1(t, rows):
    """T4127 Appendix 1, CPP2 scenarios (semi-monthly)."""
    for row in rows:
        i = vlib.kv(row["inputs"])
        exp = vlib.kv(row["expected"])
        n, P, PM = int(i["pay_period"]), int(i["P"]), int(i["PM"])
        first = (12 - PM) * P // 12 + 1
        piytd = Decimal(i["PI"]) * max(0, n - first)
        year = row["tax_year"][:4]
        month = (n + 1) // 2
        day = 15 if n % 2 else 28
        pay = "%s-%02d-%02d" % (year, month, day)
        e = {"employee_id": row["case_id"], "ca_province": i["province"],
             "ca_cpp_months": str(PM), "ca_periods": str(P),
             "ca_test_salary": i["PI"]}
        y = {"employee_id": row["case_id"], "ca_cpp": i["D_ytd_before"],
             "ca_qpp": i["DQ_ytd_before"], "ca_cpp2": i["D2_ytd_before"],
             "ca_qpp2": i["D2Q_ytd_before"], "ca_pensionable": str(piytd)}
        out = run(CPP, [e], "semimonthly", pay, [y]).get(row["case_id"])
        got = lambda *k: None if out is None else add(*(out[x] for x in k))
        t.check(row["case_id"], "C", exp["C"], got("ca_cpp", "ca_qpp"))
        t.check(row["case_id"], "C2", exp["C2"], got("ca_cpp2", "ca_qpp2"))
        t.check(row["case_id"], "F5", exp["F5"], got("ca_f5"))


TABLE61 = {"annually": 1, "semi_annually": 2, "quarterly": 4, "monthly": 12,
           "semi_monthly": 24, "biweekly_26": 26, "biweekly_27": 27,
           "weekly_52": 52, "weekly_53": 53, "pp22": 22, "pp13": 13,
           "pp10": 10, "daily_240": 240, "hourly_2000": 2000}


def table61(t, row):
    exp = vlib.kv(row["expected"])
    emps = []
    for k in exp:
        if k not in TABLE61:
            t.check(row["case_id"], "Table 6.1 " + k, exp[k], None)
            continue
        emps.append({"employee_id": k, "ca_province": "ON",
                     "ca_periods": str(TABLE61[k]), "ca_test_salary": "10000"})
    res = run(CPP, emps, "monthly", row["tax_year"][:4] + "-01-31")
    for k in exp:
        if k in TABLE61:
            out = res.get(k)
            t.check(row["case_id"], "Table 6.1 " + k, exp[k],
                    out and out["ca_cpp_exemption"])


def edition_date(row, pay):
    """The example's own edition decides the figures: its pay date is
    moved into the edition's period where the example's week falls outside
    it (the regular bonus method does not depend on the week)."""
    src = row["source"]
    if "120th" in src and pay >= "2025-07-01":
        return "2025-06-25"
    if "121st" in src and pay < "2025-07-01":
        return "2025-07-02"
    return pay


def bonus_regular(t, row):
    """T4127 ch. 4 step 3, example for the regular bonus method (federal)."""
    i, exp = vlib.kv(row["inputs"]), vlib.kv(row["expected"])
    passed = int(i["periods_passed"])
    year = int(row["tax_year"][:4])
    pay = edition_date(row, (datetime.date(year, 1, 1) +
                             datetime.timedelta(days=7 * passed)).isoformat())
    cid = row["case_id"]
    e = {"employee_id": cid, "ca_province": "ON", "ca_periods": i["P"],
         "ca_test_salary": i["I"], "ca_test_bonus": i["B"]}
    y = {"employee_id": cid, "ca_b": i["B1"], "ca_f5b": i["F5BYTD"],
         "ca_i": str(Decimal(i["IYTD_incl_prior_bonus"]) - Decimal(i["B1"]))}
    out = run(TAX, [e], "weekly", pay, [y],
              extra=["-e", cid]) if False else run(TAX, [e], "weekly", pay, [y])
    out = out.get(cid)
    cols = {"C": "ca_cpp", "F5": "ca_f5", "F5A": "ca_f5a", "F5B": "ca_f5b",
            "A_with_bonus": "ca_a_with_b", "K1": "ca_k1",
            "K2_with_bonus": "ca_k2_with_b", "K4": "ca_k4",
            "T1_with_bonus": "ca_t1_with_b", "A_without_bonus": "ca_a_without_b",
            "K2_without_bonus": "ca_k2_without_b",
            "T1_without_bonus": "ca_t1_without_b",
            "TB_federal_tax_on_bonus": "ca_federal_tax_nonperiodic"}
    for k, v in exp.items():
        g = None if out is None or cols.get(k) not in out else r2(out[cols[k]])
        t.check(cid, k, v, g)


def bonus_ytd(t, row):
    """T4127 ch. 4 step 3, example for the year-to-date method."""
    i, exp = vlib.kv(row["inputs"]), vlib.kv(row["expected"])
    P, PR = int(i["P"]), int(i["PR"])
    year = int(row["tax_year"][:4])
    # period.number = P - PR + 1: the weekly pay date of that week
    pay = (datetime.date(year, 1, 1) + datetime.timedelta(days=7 * (P - PR))).isoformat()
    cid = row["case_id"]
    e = {"employee_id": cid, "ca_province": "ON", "ca_periods": i["P"],
         "ca_bonus_method": "ytd", "ca_test_salary": i["I"],
         "ca_test_bonus": i["B"], "ca_test_rrsp": i["F"],
         "ca_test_union": i["U1"], "ca_test_rrsp_bonus": i["F3_rrsp_from_bonus"]}
    y = {"employee_id": cid, "ca_i": i["IYTD"], "ca_f": i["FYTD"],
         "ca_u1": i["U1YTD"], "ca_f5a": i["F5AYTD"], "ca_f5b": i["F5BYTD"],
         "ca_b": i["B1"]}
    out = run(TAX, [e], "weekly", pay, [y]).get(cid)
    cols = {"C": "ca_cpp", "F5": "ca_f5", "F5A": "ca_f5a", "F5B": "ca_f5b",
            "A_with_payment": "ca_a_with_b", "A_without_payment": "ca_a_without_b"}
    for k, v in exp.items():
        g = None if out is None or cols.get(k) not in out else r2(out[cols[k]])
        t.check(cid, k, v, g)


def opt2(t, row):
    """T4127 ch. 5, the Option 2 projection example (26 pay periods)."""
    i, exp = vlib.kv(row["inputs"]), vlib.kv(row["expected"])
    cid = row["case_id"]
    n = int(i["current_period"])
    year = int(row["tax_year"][:4])
    pay = (datetime.date(year, 1, 1) + datetime.timedelta(days=14 * (n - 1))).isoformat()
    given = i["annual_tax_on_projection"].split("(")[0]
    e = {"employee_id": cid, "ca_province": "ON", "ca_tax_option": "option2",
         "ca_cpp_exempt": "y", "ca_ei_exempt": "y",
         "ca_test_salary": i["current_income"],
         "ca_test_given_annual_tax": given}
    y = {"employee_id": cid, "ca_i": i["ytd_income_prior_20_periods"],
         "ca_federal_tax_periodic": i["tax_deducted_ytd"]}
    out = run(TAX + [OPT2_GIVEN], [e], "biweekly", pay, [y]).get(cid)
    cols = {"projected_annual_income": "ca_a",
            "proportional_ytd_tax": "ca_opt2_tax_to_date",
            "tax_this_period": "ca_federal_tax"}
    print("  NOTE %s: the annual tax %s is the guide's fictitious figure, "
          "supplied by %s" % (cid, given, OPT2_GIVEN))
    for k, v in exp.items():
        g = None if out is None or cols.get(k) not in out else r2(out[cols[k]])
        t.check(cid, k, v, g)


def ei_move(t, row):
    """T4127 ch. 7 note: a move from Ontario to Quebec in the year."""
    i, exp = vlib.kv(row["inputs"]), vlib.kv(row["expected"])
    cid = row["case_id"]
    year = row["tax_year"][:4]
    e1 = {"employee_id": cid, "ca_province": "ON", "ca_test_salary": i["insurable_ON"]}
    o1 = run(CPP, [e1], "monthly", year + "-06-30").get(cid)
    t.check(cid, "premium_ON", exp["premium_ON"], o1 and o1["ca_ei"])
    if o1 is None:
        return
    e2 = {"employee_id": cid, "ca_province": "QC",
          "ca_test_salary": i["insurable_QC_after_move"]}
    y = {"employee_id": cid, "ca_ei": o1["ca_ei"],
         "ca_ei_insurable": o1["ca_ei_insurable"]}
    o2 = run(CPP, [e2], "monthly", year + "-12-31", [y]).get(cid)
    # (the guide prints whole dollars, $35,700; ca_ei_insurable is an
    # info output with 2 places: the same figure to the cent)
    t.check(cid, "insurable_QC_counted",
            "%.2f" % Decimal(exp["insurable_QC_counted"]),
            o2 and o2["ca_ei_insurable"])
    t.check(cid, "premium_QC", exp["premium_QC"], o2 and o2["ca_ei_qc"])
    t.check(cid, "max_premium_total", exp["max_premium_total"],
            o2 and add(o1["ca_ei"], o2["ca_ei_qc"]))


# Printed figures that are provably wrong, with the page: the corrected
# figure is checked instead, and the run says so.
DEFECTS = {
    ("CA-2025-T4127-APP1-S3-P20", "C"): (
        "44.42", "T4127 120th ed. p. 47, Appendix 1 Table 3, period 20 prints "
        "$44.41, but $4,034.10 x 9/12 - $2,981.16 = $44.415 rounds to $44.42 "
        "by ch. 1 (third digit 5: up), and the same table's D for period 21 "
        "and its total are $3,025.58 = $2,981.16 + $44.42"),
    ("CA-2025-T4127-APP1-S3-P20", "F5"): (
        "108.47", "T4127 120th ed. p. 47, Appendix 1 Table 3, period 20: F5 "
        "follows from C = $44.42: $44.42 x 0.01/0.0595 = $7.47, + C2 $101.00"),
    # Not in the shipped rows; kept for the rows held aside.
    ("CA-2026-T4127-APP1-S2-P18", "C"): (
        "137.34", "T4127 122nd ed. p. 46, Appendix 1 Table 2, period 18 (QC) "
        "prints $208.44, but the guide's own formula for a transfer to Quebec "
        "(ch. 6, p. 28: $4,479.30 x PM/12 - [(D x 0.0630/0.0595) + DQ]) gives "
        "$4,479.30 - ($3,064.91 + $1,277.05) = $137.34, and with $208.44 the "
        "table's totals exceed the maximum ($3,064.91 + $1,485.49 = "
        "$4,550.40 > $4,479.30); the 120th edition's same example (p. 45, "
        "period 18, $145.89) follows the formula"),
    ("CA-2026-T4127-APP1-S2-P18", "F5"): (
        "61.80", "T4127 122nd ed. p. 46, Appendix 1 Table 2, period 18: F5Q "
        "follows from C = $137.34: $137.34 x 0.01/0.0630 = $21.80, + C2 $40.00"),
}


class Checker(vlib.Tally):
    def check(self, case_id, component, expected, got, tolerance="0"):
        fix = DEFECTS.get((case_id, component))
        if fix is not None:
            print("  NOTE %s %s: source defect, printed %s, checked %s: %s" %
                  (case_id, component, expected, fix[0], fix[1]))
            expected = fix[0]
        return vlib.Tally.check(self, case_id, component, expected, got,
                                tolerance)


PDOC_COLS = {
    "cpp_total": ("ca_cpp",), "cpp_enhancement_f2": ("ca_f5",),
    "cpp2": ("ca_cpp2",), "ei": ("ca_ei",),
    "federal_tax": ("ca_federal_tax",), "provincial_tax": ("ca_provincial_tax",),
    "taxable_income_per_period": None, "pensionable_earnings": ("ca_pensionable",),
    "insurable_earnings": ("ca_ei_insurable",),
    "income_federal_tax": ("ca_federal_tax_periodic",),
    "income_provincial_tax": ("ca_provincial_tax_periodic",),
    "income_total_tax": ("ca_federal_tax_periodic", "ca_provincial_tax_periodic"),
    "bonus_federal_tax": ("ca_federal_tax_nonperiodic",),
    "bonus_provincial_tax": ("ca_provincial_tax_nonperiodic",),
    "bonus_total_tax": ("ca_federal_tax_nonperiodic", "ca_provincial_tax_nonperiodic"),
    "cpp_deductions": ("ca_cpp",), "cpp2_deductions": ("ca_cpp2",),
    "cpp_additional_deductions": ("ca_f5",), "ei_deductions": ("ca_ei",),
    "net_pay": ("net_pay",), "net_amount": ("net_pay",),
}


def pdoc_plan(row):
    i = vlib.kv(row["inputs"])
    cid = row["case_id"]
    yes = lambda k: i.get(k, "").lower() in ("true", "1", "yes", "y")
    e = {"employee_id": cid, "ca_province": i["province"],
         "ca_td1_claim": i["federal_claim"],
         "ca_td1_prov_claim": i["provincial_claim"],
         "ca_test_salary": i.get("gross_pay", i.get("salary_per_period", "0")),
         "ca_test_bonus": i.get("bonus_amount", "0"),
         "ca_test_benefits": i.get("taxable_benefits", "0"),
         "ca_test_rrsp": i.get("rrsp", "0"),
         "ca_test_union": i.get("union_dues", "0"),
         "ca_cpp_months": i.get("pensionable_months", "12"),
         "ca_cpp_exempt": "y" if yes("cpp_exempt") else "n",
         "ca_cpp2_exempt": "y" if yes("cpp2_exempt") else "n",
         "ca_ei_exempt": "y" if yes("ei_exempt") else "n"}
    y = {"employee_id": cid,
         "ca_i": i.get("ytd_gross", "0"),
         "ca_pensionable": i.get("ytd_pensionable_earnings", "0"),
         "ca_ei_insurable": i.get("ytd_insurable_earnings", "0"),
         "ca_insurable": i.get("ytd_insurable_earnings", "0"),
         "ca_cpp": i.get("ytd_cpp_base", "0"),
         "ca_cpp2": i.get("ytd_cpp_additional", "0"),
         "ca_ei": i.get("ytd_ei", "0")}
    if all(Decimal(v) == 0 for k, v in y.items() if k != "employee_id"):
        y = None
    return e, y, FREQ[i["pay_frequency"]], i["pay_date"]


def edition_start(pay):
    """The first day of the T4127 edition in force on a pay date: the
    120th edition applies to payments made on or after January 1, 2025,
    the 121st (the federal rate of 14 %) to payments on or after July 1,
    2025, the 122nd to payments on or after January 1, 2026 (each
    edition's title page: "effective ...")."""
    if pay[:4] == "2025" and pay >= "2025-07-01":
        return "2025-07-01"
    return pay[:4] + "-01-01"


def pdoc(t, rows, at_start=False):
    """The PDOC rows on their own pay dates; with at_start, each row
    without balances to date again on the first day of the edition its
    pay date falls in, where the same edition (so the same figures)
    applies: a dated parameter's from: must be that day."""
    groups = {}
    for row in rows:
        e, y, freq, pay = pdoc_plan(row)
        if at_start:
            if y is not None:
                continue
            pay = edition_start(pay)
            e = dict(e, employee_id=e["employee_id"] + "@" + pay)
        groups.setdefault((freq, pay), []).append((row, e, y))
    for (freq, pay), grp in sorted(groups.items()):
        res = run(TAX, [g[1] for g in grp], freq, pay, [g[2] for g in grp if g[2]])
        for row, e, y in grp:
            cid = e["employee_id"]
            out = res.get(cid)
            for k, v in vlib.kv(row["expected"]).items():
                if k == "total_deductions":
                    g = out and str(Decimal(out["gross_pay"]) - Decimal(out["net_pay"]))
                elif k == "taxable_income_per_period":
                    # PDOC's "taxable income": gross less F5 (both parts)
                    g = out and str(Decimal(out["gross_pay"]) - Decimal(out["ca_f5"])
                                    - Decimal(out["ca_test_rrsp"]) - Decimal(out["ca_test_union"]))
                elif k in PDOC_COLS and PDOC_COLS[k]:
                    g = out and add(*(out[c] for c in PDOC_COLS[k]))
                else:
                    g = None
                    print("  %s: no result column for %s" % (cid, k))
                t.check(cid, k, v, g, tolerance="0.05")


def main():
    rows = vlib.read_vectors(VECTORS)
    t = Checker(VECTORS, places=True)
    app, pd = [], []
    for row in rows:
        i = vlib.kv(row["inputs"])
        if "scenario" in i and "D_ytd_before" in i:
            app.append(row)
        elif "annual_basic_exemption" in i:
            table61(t, row)
        elif "periods_passed" in i and "B" in i:
            bonus_regular(t, row)
        elif "PR" in i and "B" in i:
            bonus_ytd(t, row)
        elif "current_period" in i:
            opt2(t, row)
        elif "insurable_QC_after_move" in i:
            ei_move(t, row)
        elif "province" in i and "federal_claim" in i:
            pd.append(row)
        else:
            t.check(row["case_id"], "row kind", "known", None)
    app1(t, app)
    pdoc(t, pd)
    pdoc(t, pd, at_start=True)
    return 0 if t.done() else 1


if __name__ == "__main__":
    sys.exit(main())
