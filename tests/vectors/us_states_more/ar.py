"""Arkansas rows: the DFA Withholding Tax Formula, Form AR4EC."""


def plan(row, w4, other):
    e = {"work_state": "AR", "wages": row["gross_wages_period"],
         "ar_ar4ec_exemptions": w4.get("exemptions", "0")}
    names = {"annual_wages": "ar_annual_wages", "net_taxable": "ar_net_taxable",
             "midrange": "ar_midrange", "gross_tax_rounded": "ar_gross_tax",
             "annual_net_tax": "ar_net_tax"}
    inter = {}
    for part in row["expected_intermediates"].split(";"):
        k = part.split("=")[0].strip()
        if k in names:
            inter[k] = names[k]
    return {"employee": e, "column": "ar_withholding", "intermediates": inter}
