"""OK row: Packet OW-2 (Revised 11-2025) percentage-method sample, $1,825
semimonthly, married, 2 allowances."""


def plan(row, w4, other):
    e = {"work_state": "OK", "wages": row["gross_wages_period"],
         "ok_filing_status": w4.get("filing_status", "single"),
         "ok_allowances": w4.get("allowances", "0")}
    return {"employee": e, "column": "ok_withholding",
            "intermediates": {"taxable": "ok_taxable"}}
