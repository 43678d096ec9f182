"""Arizona rows: Form A-4 line 1 percentage of gross taxable wages."""


def plan(row, w4, other):
    e = {"work_state": "AZ", "wages": row["gross_wages_period"]}
    pct = w4.get("withholding_percent")
    if pct:
        e["az_a4_percent"] = pct
    return {"employee": e, "column": "az_withholding"}
