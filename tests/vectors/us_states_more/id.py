"""Idaho rows: EPB00744 percentage computation method, Form ID W-4.  The
pay date picks the edition (the row says on or after which date)."""

STATUS = {"single": "A", "married": "B", "married_single_rate": "C"}


def plan(row, w4, other):
    fs = w4.get("filing_status", "single")
    if fs not in STATUS:
        return "ID W-4 status %r not known" % fs
    pay_date = other.get("pay_date_on_or_after")
    if not pay_date:
        return "the row does not say which edition (pay date) applies"
    e = {"work_state": "ID", "wages": row["gross_wages_period"],
         "id_w4_status": STATUS[fs],
         "id_w4_allowances": w4.get("allowances", "0")}
    inter = {}
    names = {"subject_wages": "id_taxable", "threshold": "id_threshold"}
    for part in row["expected_intermediates"].split(";"):
        k = part.split("=")[0].strip()
        if k in names:
            inter[k] = names[k]
    return {"employee": e, "column": "id_withholding", "pay_date": pay_date,
            "period": pay_date[:7] if row["pay_frequency"] == "monthly"
            else pay_date, "intermediates": inter}
