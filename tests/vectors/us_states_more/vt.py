"""VT row: GB-1210-2026 percentage-method example, $1,800 weekly, married,
2 allowances."""


def plan(row, w4, other):
    e = {"work_state": "VT", "wages": row["gross_wages_period"],
         "vt_filing_status": w4.get("filing_status", "single"),
         "vt_allowances": w4.get("allowances", "0")}
    return {"employee": e, "column": "vt_withholding",
            "intermediates": {"allowances_total": "vt_allowance_amount",
                              "taxable": "vt_taxable"}}
