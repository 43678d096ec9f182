"""WV row: IT-100.2A (March 2026) Table 1 weekly two-earner line, $800
weekly, no exemptions (the line is printed; the arithmetic on it is the
transcribing repo's)."""


def plan(row, w4, other):
    e = {"work_state": "WV", "wages": row["gross_wages_period"],
         "wv_exemptions": w4.get("exemptions", "0"),
         "wv_one_earner": "true" if w4.get("one_earner") == "yes" else "false"}
    printed = [p.split("=", 1)[0].strip()
               for p in row["expected_intermediates"].split(";") if "=" in p]
    return {"employee": e, "column": "wv_withholding",
            "intermediates": {"total": "wv_table_tax"} if "total" in printed else {}}
