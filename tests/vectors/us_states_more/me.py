"""Maine rows: 2026 Withholding Tables for Individual Income Tax,
percentage method (rules/us/me).  state_w4 gives filing_status and
allowances."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import pick, single_or_married  # noqa: E402

STATUS = {"single": "single", "married": "married"}


def plan(row, w4, other):
    st = single_or_married(row, w4)
    if st not in STATUS:
        return "unknown W-4ME status '%s'" % st
    e = {"work_state": "ME", "wages": row["gross_wages_period"],
         "me_w4me_status": STATUS[st],
         "me_w4me_allowances": w4.get("allowances", "0")}
    if w4.get("additional"):
        e["me_w4me_extra"] = w4["additional"]
    return {"employee": e, "column": "me_withholding",
            "intermediates": pick(row, {
                "annual_wages": "me_annual_wages",
                "allowances": "me_allowances",
                "standard_deduction": "me_standard_deduction",
                "taxable": "me_taxable"})}
