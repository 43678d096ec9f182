"""Kansas rows: KW-100 percentage method (rules/us/ks).  state_w4 gives
filing_status (single / married = K-4 joint rate) and allowances."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import pick, single_or_married  # noqa: E402

RATE = {"single": "single", "married": "joint", "joint": "joint"}


def plan(row, w4, other):
    st = single_or_married(row, w4)
    if st not in RATE:
        return "unknown K-4 rate '%s'" % st
    e = {"work_state": "KS", "wages": row["gross_wages_period"],
         "ks_k4_rate": RATE[st], "ks_k4_allowances": w4.get("allowances", "0")}
    if w4.get("additional"):
        e["ks_k4_extra"] = w4["additional"]
    # KW-100's tables ("wages paid on and after July 1, 2024") are the
    # figures rules/us/ks holds for 2025 and 2026 alike.  The row is the
    # 2025 edition's example; it runs on a 2026 pay date because this
    # harness loads every state pack at once and some (rules/us/ca) hold
    # 2026 figures only.  tests/cases/us-ks.yaml runs it on a 2025 date.
    return {"employee": e, "column": "ks_withholding",
            "period": "2026-06-01",
            "intermediates": pick(row, {"taxable": "ks_taxable"})}
