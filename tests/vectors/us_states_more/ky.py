"""Kentucky rows: 42A003 Kentucky Withholding Tax Formula (rules/us/ky).

The formula has no allowances: a row is the period's wages in KY.  The
2026 bi-weekly example is the one printed figure the harness checks in
corrected form (see BIWEEKLY_TYPO)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import pick  # noqa: E402

# 42A003 (TCF)(10-2025), 2026 Kentucky Withholding Tax Formula, page 1,
# bi-weekly example ($1,500 every two weeks): it prints step 3 as
# "$35,730 x 3.5% = $1,247.40" and the withholding as "$47".  Its own
# steps give $1,500 x 26 = $39,000; $39,000 - $3,360 = $35,640 (so "35,730"
# is a typo: $35,640 x 3.5% = $1,247.40, the figure it prints); and
# $1,247.40 / 26 = $47.9769..., $47.98 to the cent.  "$47" is neither the
# cent figure nor a rounding the formula states (to the nearest dollar it
# would be $48), and the monthly example on the same page keeps cents
# ($104.65).  So the check is $47.98, worked from the page's own figures.
BIWEEKLY_TYPO = (
    "47.98",
    "42A003 (TCF)(10-2025) p.1 bi-weekly example prints $47 (and '$35,730' "
    "for $35,640); its own $1,247.40 / 26 = $47.98 to the cent, as the "
    "monthly example on the same page keeps cents")


def plan(row, w4, other):
    e = {"work_state": "KY", "wages": row["gross_wages_period"]}
    if w4.get("exempt") in ("1", "yes", "true"):
        e["ky_k4_exempt"] = "y"
    if w4.get("additional"):
        e["ky_k4_extra"] = w4["additional"]
    p = {"employee": e, "column": "ky_withholding",
         "intermediates": pick(row, {"annual_wages": "ky_annual_wages"})}
    if row["case_id"] == "KY-OB-2026-BIWEEKLY":
        p["expected"] = BIWEEKLY_TYPO
    return p
