"""Minnesota rows: wh-inst-26 Computer Formula Step-5 chart cells
(rules/us/mn).  A chart row gives annual wages after allowances, so it runs
as an annual payroll with no allowances; the chart's schedule is the row's
filing_status (single / married)."""


def plan(row, w4, other):
    st = (w4.get("filing_status") or row["filing_status"] or "").strip().lower()
    if st not in ("single", "married"):
        return "unknown W-4MN status '%s'" % st
    e = {"work_state": "MN", "wages": row["gross_wages_period"],
         "mn_w4mn_status": st,
         "mn_w4mn_allowances": w4.get("allowances", "0")}
    p = {"employee": e, "column": "mn_withholding"}
    if row["pay_frequency"] == "annual":
        p["period"] = "%s-01-01" % row["tax_year"]
        p["pay_date"] = "%s-12-31" % row["tax_year"]
    return p
