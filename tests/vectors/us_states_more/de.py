"""Delaware rows: the Employer's Guide annualized method (Section 17) and
the W-4NR day share (Section 16)."""

STATUS = {"single": "single", "married_joint": "married_joint",
          "married_separate": "married_separate"}


def plan(row, w4, other):
    fs = w4.get("filing_status", "single")
    if fs not in STATUS:
        return "filing status %r not known" % fs
    e = {"work_state": "DE", "wages": row["gross_wages_period"],
         "de_w4_status": STATUS[fs],
         "de_w4_allowances": w4.get("allowances", "0")}
    if "delaware_work_days" in other:
        e["resident_state"] = "PA"
        e["de_w4nr_delaware_days"] = other["delaware_work_days"]
        e["de_w4nr_total_days"] = other["total_work_days"]
    names = {"standard_deduction": "de_standard_deduction",
             "taxable": "de_taxable", "tax": "de_annual_tax",
             "personal_credit": "de_personal_credit",
             "tax_on_total_wages": "de_period_tax"}
    inter = {}
    for part in row["expected_intermediates"].split(";"):
        k, _, v = part.partition("=")
        k = k.strip()
        # Only plain figures: 'tax=741.00+91.00(...)=832' prints working.
        if k in names and v.replace(".", "").isdigit():
            inter[k] = names[k]
    p = {"employee": e, "column": "de_withholding", "intermediates": inter}
    if row["pay_frequency"] == "annual":
        # An annual payroll paid in the row's tax year (the runner's
        # default period, June, would end the year in the next one).
        p["period"] = row["tax_year"] + "-01-01"
        p["pay_date"] = row["tax_year"] + "-12-31"
    return p
