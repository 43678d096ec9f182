"""SC row: WH-1603F (Rev. 11/4/25) example, $750 weekly, 3 allowances."""


def plan(row, w4, other):
    e = {"work_state": "SC", "wages": row["gross_wages_period"],
         "sc_allowances": w4.get("allowances", "0")}
    return {"employee": e, "column": "sc_withholding",
            "intermediates": {"annual_wages": "sc_annual_wages",
                              "taxable": "sc_taxable"}}
