"""Iowa rows: the four-step withholding formula, IA W-4 (2024 or later:
filing status and dollar allowances; 2023 or earlier: marital status and
allowances at $40)."""

STATUS = {"other": "other", "head_household": "head_of_household",
          "married_joint": "married_joint",
          "qualifying_surviving_spouse": "qualifying_surviving_spouse"}


def plan(row, w4, other):
    e = {"work_state": "IA", "wages": row["gross_wages_period"]}
    if w4.get("pre_2024_form") == "yes":
        e["ia_w4_pre2024"] = "true"
        e["ia_w4_pre2024_marital"] = w4["marital"]
        e["ia_w4_pre2024_allowances"] = w4.get("allowances", "0")
    else:
        fs = w4.get("filing_status")
        if fs not in STATUS:
            return "IA W-4 filing status %r not known" % fs
        e["ia_w4_filing_status"] = STATUS[fs]
        e["ia_w4_spouse_earned_income"] = (
            "true" if w4.get("spouse_earned_income") == "yes" else "false")
        e["ia_w4_total_allowances"] = w4.get("total_allowance_dollars", "0")
    for k in ("additional_per_period", "additional", "extra"):
        if w4.get(k):
            e["ia_w4_extra"] = w4[k]
    if w4.get("exempt", "").lower() in ("yes", "true", "1"):
        e["ia_w4_exempt"] = "true"
    inter = {}
    names = {"deduction": "ia_deduction_period", "T1": "ia_t1", "T2": "ia_t2",
             "T3": "ia_t3", "T4": "ia_withholding"}
    for part in row["expected_intermediates"].split(";"):
        k, _, v = part.partition("=")
        k = k.strip()
        # T2=1600.00x3.80%=60.80 prints the working: only plain figures.
        if k in names and v.replace(".", "").isdigit():
            inter[k] = names[k]
    return {"employee": e, "column": "ia_withholding", "intermediates": inter}
