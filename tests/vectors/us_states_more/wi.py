"""WI rows: Publication W-166 (January 2026) pp. 25-26, Examples 1-3."""

# The example steps the rows print, as the pack's columns (the rows name
# step (a) either "(a)annual_gross" or "(a)").
STEPS = {"(a)annual_gross": "wi_annual_gross", "(a)": "wi_annual_gross",
         "annual_net": "wi_annual_net"}


def plan(row, w4, other):
    e = {"work_state": "WI", "wages": row["gross_wages_period"],
         "wi_marital_status": w4.get("marital_status", "single"),
         "wi_exemptions": w4.get("exemptions", "0")}
    printed = [p.split("=", 1)[0].strip()
               for p in row["expected_intermediates"].split(";") if "=" in p]
    return {"employee": e, "column": "wi_withholding",
            "intermediates": {k: v for k, v in STEPS.items() if k in printed}}
