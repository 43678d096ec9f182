"""NC rows: NC-30 (Web 11-25) 2026, p.18 percentage method and p.19
annualized method worked examples ($450 weekly, single, 2 allowances)."""


def plan(row, w4, other):
    e = {"work_state": "NC", "wages": row["gross_wages_period"],
         "nc_filing_status": w4.get("filing_status", "single"),
         "nc_allowances": w4.get("allowances", "0")}
    if row["case_id"].endswith("-ANN"):
        e["nc_method"] = "annualized"
        inter = {"annualized": "nc_annual_wages", "taxable": "nc_annual_taxable"}
    else:
        e["nc_method"] = "percentage"
        inter = {"std_deduction_weekly": "nc_std_deduction_period",
                 "net": "nc_net_wages"}
    return {"employee": e, "column": "nc_withholding", "intermediates": inter}
