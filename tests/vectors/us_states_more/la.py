"""Louisiana rows: R-1306 (1/26) withholding formula (rules/us/la).
state_w4 gives l4_block_a (L-4 Block A: 0, 1 or 2)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import pick  # noqa: E402


def plan(row, w4, other):
    e = {"work_state": "LA", "wages": row["gross_wages_period"]}
    m = re.search(r"Block A\s*=\s*([012])", row["filing_status"] or "")
    if "l4_block_a" in w4:
        e["la_l4_block_a"] = w4["l4_block_a"]
    elif m:
        e["la_l4_block_a"] = m.group(1)
    else:
        return "row gives no L-4 Block A (l4_block_a)"
    if w4.get("additional"):
        e["la_l4_extra"] = w4["additional"]
    return {"employee": e, "column": "la_withholding",
            "intermediates": pick(row, {"taxable": "la_taxable"})}
