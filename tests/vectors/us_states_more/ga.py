"""Georgia rows: percentage method, Form G-4.  The pay date picks the
guide's edition (before or from 11 May 2026)."""

# Form G-4 line 3 letters by the row's filing status.
STATUS = {"single": "A", "married filing joint, both": "B",
          "married filing joint, one": "C", "married filing separate": "D",
          "head of household": "E"}


def plan(row, w4, other):
    fs = row["filing_status"].lower()
    letter = None
    for k, v in STATUS.items():
        if k in fs:
            letter = v
    if letter is None:
        ms = (w4.get("marital_status") or "")[:1]
        letter = ms if ms in "ABCDE" and ms else None
    if letter is None:
        return "filing status %r not mapped to a G-4 letter" % row["filing_status"]
    if "pay_date_before" in other:
        pay_date = "2026-05-01"
    elif "pay_date_on_or_after" in other:
        pay_date = other["pay_date_on_or_after"]
    elif "June 2026" in row["source"]:
        pay_date = "2026-05-11"      # the June 2026 edition's first pay date
    elif "December 2025" in row["source"]:
        pay_date = "2026-05-01"      # a pay date the December 2025 edition governs
    else:
        return "the row does not say which edition (pay date) applies"
    e = {"work_state": "GA", "wages": row["gross_wages_period"],
         "ga_g4_marital_status": letter,
         "ga_g4_dependent_allowances":
             w4.get("dependent_allowances", w4.get("allowances", "0"))}
    for k in ("additional_allowances", "adjustment_allowances"):
        if w4.get(k):
            e["ga_g4_additional_allowances"] = w4[k]
    for k in ("additional_per_period", "extra", "additional_withholding"):
        if w4.get(k):
            e["ga_g4_extra"] = w4[k]
    inter = {}
    names = {"standard_deduction": "ga_standard_deduction",
             "dependent_allowance": "ga_allowance_amount",
             "dependent_allowances": "ga_allowance_amount",
             "taxable": "ga_taxable"}
    for k in row["expected_intermediates"].split(";"):
        k = k.split("=")[0].strip()
        if k in names:
            inter[k] = names[k]
    return {"employee": e, "column": "ga_withholding", "pay_date": pay_date,
            "period": pay_date[:7] if row["pay_frequency"] == "monthly" else pay_date,
            "intermediates": inter}
