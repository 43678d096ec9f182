"""Arizona rows: Form A-4 line 1 percentage of gross taxable wages."""


def plan(row, w4, other):
    e = {"work_state": "AZ", "wages": row["gross_wages_period"]}
    pct = w4.get("withholding_percent")
    if pct:
        e["az_a4_percent"] = pct
    for k in ("additional_per_period", "extra", "additional"):
        if w4.get(k):
            e["az_a4_extra"] = w4[k]
    if w4.get("zero_percent", "").lower() in ("yes", "true", "1"):
        e["az_a4_zero"] = "true"
        e.pop("az_a4_percent", None)
    return {"employee": e, "column": "az_withholding"}
