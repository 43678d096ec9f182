"""Missouri rows: 2026 Missouri Withholding Tax Formula (rules/us/mo).
state_w4 gives filing_status (the MO W-4 line 1 status)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import pick  # noqa: E402

STATUS = {"single": "single", "married_spouse_works": "married_spouse_works",
          "married_separate": "married_separate",
          "married_spouse_does_not_work": "married_spouse_not_working",
          "married_spouse_not_working": "married_spouse_not_working",
          "head_household": "head_of_household",
          "head_of_household": "head_of_household"}


def plan(row, w4, other):
    e = {"work_state": "MO", "wages": row["gross_wages_period"]}
    fs = (row["filing_status"] or "").lower()
    guess = ("head_household" if "head" in fs else
             "married_spouse_does_not_work" if "not work" in fs else
             "married_separate" if "separate" in fs else
             "married_spouse_works" if "married" in fs else "single")
    st = w4.get("filing_status", guess)
    if st not in STATUS:
        return "unknown MO W-4 filing status '%s'" % st
    e["mo_w4_filing_status"] = STATUS[st]
    # An example stated on annual wages but run on a period's gross (the
    # 2026 formula's $35,000 example paid monthly: $2,916.67 x 12 =
    # $35,000.04) prints annual figures the period gross does not give to
    # the cent; its withholding is the same, and that is what is checked.
    annual_example = "stated as annual wages" in (row["other_inputs"] or "")
    if w4.get("additional"):
        e["mo_w4_extra"] = w4["additional"]
    return {"employee": e, "column": "mo_withholding",
            "intermediates": {} if annual_example else
            pick(row, {"annual_wages": "mo_annual_wages",
                       "taxable": "mo_taxable"})}
