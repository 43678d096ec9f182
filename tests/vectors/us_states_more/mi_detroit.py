"""City of Detroit rows: Form 5469 (Michigan Treasury), in rules/us/mi
(names mi_detroit_*).  state_w4 gives exemptions; other_inputs
resident_of_detroit=yes|no."""
import re


def plan(row, w4, other):
    m = re.match(r"\s*(\d+)", w4.get("exemptions", "0"))
    if not m:
        return "no Detroit exemption count in state_w4"
    e = {"work_state": "MI", "wages": row["gross_wages_period"],
         "mi_detroit_exemptions": m.group(1)}
    res = other.get("resident_of_detroit", "").lower()
    if res in ("yes", "y", "true", "1"):
        e["mi_detroit_resident"] = "y"
    elif res in ("no", "n", "false", "0"):
        e["mi_detroit_works_in"] = "y"
    else:
        return "row does not say whether the employee lives in Detroit"
    return {"employee": e, "column": "mi_detroit_withholding"}
