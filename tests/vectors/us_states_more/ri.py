"""RI row: 2026 Employer's Income Tax Withholding Tables example, $2,195
weekly, 1 exemption."""


def plan(row, w4, other):
    e = {"work_state": "RI", "wages": row["gross_wages_period"],
         "ri_allowances": w4.get("allowances", "0")}
    return {"employee": e, "column": "ri_withholding",
            "intermediates": {"exemption_per_allowance_weekly": "ri_exemption_amount",
                              "taxable": "ri_taxable"}}
