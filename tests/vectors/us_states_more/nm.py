"""NM rows: FYI-104 (Rev. 11/2025) worked example (married, $1,000 weekly,
$20 additional) and a Table 1(a) weekly single line."""


def plan(row, w4, other):
    e = {"work_state": "NM", "wages": row["gross_wages_period"],
         "nm_filing_status": w4.get("filing_status", "single"),
         "nm_additional": w4.get("additional_withholding", "0")}
    inter = {}
    if "table_tax" in row["expected_intermediates"]:
        inter["table_tax"] = "nm_table_tax"
    return {"employee": e, "column": "nm_withholding", "intermediates": inter}
