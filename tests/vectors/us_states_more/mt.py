"""Montana rows: the 2026 Montana Employer and Information Agent Guide
formula W = A + B x (G - C) (rules/us/mt).  state_w4 gives filing_status
in the source's keys (single_or_both = MW-4 line 1a or line 2)."""

STATUS = {"single_or_both": "single", "single": "single",
          "married_joint": "married_joint",
          "head_household": "head_of_household",
          "head_of_household": "head_of_household"}


def plan(row, w4, other):
    fs = (row["filing_status"] or "").lower()
    guess = ("head_household" if "head" in fs else "married_joint"
             if "jointly" in fs or "line 1b" in fs else "single_or_both")
    st = w4.get("filing_status", guess)
    if st not in STATUS:
        return "unknown MW-4 filing status '%s'" % st
    e = {"work_state": "MT", "wages": row["gross_wages_period"],
         "mt_mw4_filing_status": STATUS[st]}
    if w4.get("additional"):
        e["mt_mw4_extra"] = w4["additional"]
    return {"employee": e, "column": "mt_withholding"}
