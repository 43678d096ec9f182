"""Nebraska rows: 2026 Circular EN (rules/us/ne).

Circular EN builds the non-shaded cells of its wage-bracket tables from
the mid-point of the wage bracket, run through the annual percentage
method (Table 7) -- the rows' own intermediates say so ("midpoint=505;
annual=26260").  A wage-bracket row therefore runs the formula on the
bracket's mid-point (lower + upper) / 2, given by table_wage_range, and
checks the printed cell; a row without a bracket runs on its gross."""
import os
import re
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import single_or_married  # noqa: E402

STATUS = {"single": "single", "married": "married"}


def plan(row, w4, other):
    st = single_or_married(row, w4)
    if st not in STATUS:
        return "unknown W-4N status '%s'" % st
    wages = row["gross_wages_period"]
    m = re.search(r"at least ([\d,.]+) but less than ([\d,.]+)",
                  other.get("table_wage_range", ""))
    if m:
        lo, hi = (Decimal(x.replace(",", "")) for x in m.groups())
        wages = str((lo + hi) / 2)
    e = {"work_state": "NE", "wages": wages, "ne_w4n_status": STATUS[st],
         "ne_w4n_allowances": w4.get("allowances", "0")}
    return {"employee": e, "column": "ne_withholding"}
