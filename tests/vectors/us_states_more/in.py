"""Indiana rows: Departmental Notice #1, state tax (in_withholding) and
county tax (in_county_tax) on the same taxable wages.  A row is the
county's when its case id names COUNTY, else the state's.  The county
comes from other_inputs: a two-digit code (county=31 or county_code=31),
a name (county=Harrison), or only a rate, as DN #1's own example gives it
("subject to county tax at the rate of 0.01": county_rate=0.01); a rate
alone stands for the first county of DN #1's list (R46 / 01-26, p. 5)
with that rate (0.01: Harrison, 31), since the example's figures depend
on the rate only."""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
PACK = os.path.join(HERE, "..", "..", "..", "rules", "us", "in",
                    "withholding.yaml")


def counties():
    """(code, name, 2026 rate) from the pack's table comments and rows."""
    names, rates = {}, {}
    section = None
    with open(PACK) as f:
        for line in f:
            if line.startswith("  in_counties:"):
                section = "names"
            elif line.startswith("  in_county_rates:"):
                section = "rates"
            m = re.match(r'\s+"(\d\d)": \{(listed: 1|rate: ([0-9.]+))\}\s*#\s*([^;\n]+)', line)
            if m and section == "names":
                names[m.group(1)] = m.group(4).strip()
            elif m and section == "rates" and m.group(3):
                rates[m.group(1)] = m.group(3)
    return [(c, names.get(c, ""), rates[c]) for c in sorted(rates)]


def county_code(other):
    v = other.get("county") or other.get("county_code") or ""
    v = v.strip()
    if re.fullmatch(r"\d{1,2}", v):
        return v.zfill(2)
    table = counties()
    if v:
        for code, name, _ in table:
            if name.lower() == v.split("(")[0].strip().lower():
                return code
        return None
    rate = other.get("county_rate")
    if rate:
        for code, _, r in table:
            if float(r) == float(rate):
                return code
    return None


def plan(row, w4, other):
    e = {"work_state": "IN", "wages": row["gross_wages_period"],
         "in_wh4_personal_exemptions": w4.get("personal_exemptions", "0"),
         "in_wh4_dependent_exemptions":
             w4.get("additional_dependent_exemptions", "0"),
         "in_wh4_first_dependent_exemptions":
             w4.get("first_time_dependent_exemptions", "0"),
         "in_wh4_adopted_exemptions":
             w4.get("adopted_dependent_exemptions", "0")}
    code = county_code(other)
    e["in_wh4_county_residence"] = code or "NA"
    column = "in_withholding"
    if "COUNTY" in row["case_id"].upper():
        if not code:
            return "a county row whose county (or rate) is not in DN #1's list"
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
