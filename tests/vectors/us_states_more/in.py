"""Indiana rows: Departmental Notice #1, state tax (in_withholding) and
county tax (in_county_tax) on the same taxable wages.  A row is the
state's unless its case id ends in COUNTY, then the county's; the
county rows name the county code in other_inputs (county=NN)."""


def plan(row, w4, other):
    e = {"work_state": "IN", "wages": row["gross_wages_period"],
         "in_wh4_personal_exemptions": w4.get("personal_exemptions", "0"),
         "in_wh4_dependent_exemptions":
             w4.get("additional_dependent_exemptions", "0"),
         "in_wh4_first_dependent_exemptions":
             w4.get("first_time_dependent_exemptions", "0"),
         "in_wh4_adopted_exemptions":
             w4.get("adopted_dependent_exemptions", "0")}
    county = other.get("county") or other.get("county_code")
    e["in_wh4_county_residence"] = county or "NA"
    column = "in_withholding"
    if row["case_id"].upper().endswith("COUNTY"):
        if not county:
            return "a county row without its county code"
        column = "in_county_tax"
    inter = {}
    names = {"table_A_personal": "in_exemption_a",
             "table_B_additional_dependent": "in_exemption_b",
             "table_B_first_time": "in_exemption_b_first",
             "table_C_adopted": "in_exemption_c",
             "total_deduction_constant": "in_exemptions",
             "taxable": "in_taxable"}
    for part in row["expected_intermediates"].split(";"):
        k = part.split("=")[0].strip()
        if k in names:
            inter[k] = names[k]
    return {"employee": e, "column": column, "intermediates": inter}
