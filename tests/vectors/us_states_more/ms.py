"""Mississippi rows: Pub. 89-700 (Rev. 07/25) wage-bracket cells, checked
through the computer payroll formula (rules/us/ms).

Pub. 89-700 prints Tables A-C for manual payrolls and the Computer
Payroll Accounting flowchart for automated ones.  The cells transcribed
(weekly, "at least $500 but less than $510", $0 exemption) are the
flowchart on the bracket's lower wage ($500 x 52 = $26,000: the rows'
formula_check intermediates), so the row runs the formula on $500.00
(gross_wages_period) and checks the printed cell."""

STATUS = {"single": "single", "married_one_income": "married_spouse_not_employed",
          "married_one": "married_spouse_not_employed",
          "married_both": "married_both_employed",
          "married_both_employed": "married_both_employed",
          "head_of_family": "head_of_family"}


def plan(row, w4, other):
    fs = (row["filing_status"] or "").lower()
    guess = ("head_of_family" if "head" in fs else "married_one_income"
             if "not employed" in fs else "married_both"
             if "married" in fs else "single")
    st = w4.get("filing_status", guess)
    if st not in STATUS:
        return "unknown 89-350 status '%s'" % st
    e = {"work_state": "MS", "wages": row["gross_wages_period"],
         "ms_89350_status": STATUS[st],
         "ms_89350_exemption": w4.get("exemption_claimed_dollars", "0")}
    if w4.get("additional"):
        e["ms_89350_extra"] = w4["additional"]
    return {"employee": e, "column": "ms_withholding"}
