"""Hawaii rows: Booklet A annualized method, Form HW-4."""


def plan(row, w4, other):
    fs = w4.get("filing_status", "single")
    if fs not in ("single", "married"):
        return "HW-4 status %r not known" % fs
    e = {"work_state": "HI", "wages": row["gross_wages_period"],
         "hi_hw4_status": fs, "hi_hw4_allowances": w4.get("allowances", "0")}
    names = {"annual_wages": "hi_annual_wages", "taxable": "hi_taxable",
             "lump_sum_deduction": None}
    inter = {}
    for part in row["expected_intermediates"].split(";"):
        k, _, v = part.partition("=")
        k = k.strip()
        if names.get(k) and v.replace(".", "").isdigit():
            inter[k] = names[k]
    return {"employee": e, "column": "hi_withholding", "intermediates": inter}
