"""Alabama rows: the ALDOR formula, Form A-4.  The row gives the federal
income tax withheld for the period (formula line 2B); it goes in through
the pack's documented input al_federal_tax_period, as a payroll whose
federal tax comes from elsewhere would give it."""


def plan(row, w4, other):
    code = w4.get("exemption", "0")
    if code not in ("0", "S", "MS", "M", "H"):
        return "A-4 exemption %r not known" % code
    fit = other.get("federal_income_tax_withheld_period")
    if fit is None:
        return "the row gives no federal income tax withheld"
    e = {"work_state": "AL", "wages": row["gross_wages_period"],
         "al_a4_exemption": code,
         "al_a4_dependents": w4.get("dependents", "0"),
         "al_federal_tax_period": fit}
    # federal_tax_annual_printed (1,830.00) is the booklet's rounding of
    # 35.19 x 52 = 1,829.88 (the row's note); the tax is 29.59 either way,
    # so the exact annualized figure is not compared with the printed one.
    names = {"annual_gross": "al_gi",
             "standard_deduction": "al_standard_deduction_amount",
             "personal_exemption": "al_personal",
             "dependent_exemption": "al_dependents_amount"}
    inter = {}
    for part in row["expected_intermediates"].split(";"):
        k = part.split("=")[0].strip()
        if k in names:
            inter[k] = names[k]
    return {"employee": e, "column": "al_withholding", "intermediates": inter}
