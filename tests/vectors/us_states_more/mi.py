"""Michigan rows: Form 446, 4.25% after the MI-W4 exemptions (rules/us/mi).
state_w4 gives exemptions."""


def plan(row, w4, other):
    e = {"work_state": "MI", "wages": row["gross_wages_period"],
         "mi_w4_exemptions": w4.get("exemptions", "0")}
    if w4.get("additional"):
        e["mi_w4_extra"] = w4["additional"]
    return {"employee": e, "column": "mi_withholding"}
