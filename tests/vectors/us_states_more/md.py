"""Maryland rows: 2026 Employer Withholding Guide percentage tables
(rules/us/md).

The rows are cells of the combined state + local percentage tables, and
their input is TAXABLE wages (after the $3,400 standard deduction and
$3,200 per exemption), not gross.  A row therefore runs with no MW507
exemptions and the gross that gives that taxable amount: annual, taxable +
$3,400; a period row, (taxable x periods + 3,400) / periods to the cent,
which moves taxable by under a cent a period and not the cell's cent.
local_table=2.25 is the nonresident table (a Delaware resident working in
Maryland); another table, a county printed on it (COUNTY)."""
import re
from decimal import Decimal, ROUND_HALF_UP

# A county printed on each local table (Withholding Tax Facts 2026, as
# rules/us/md holds it): 3.2 Baltimore City, 3.05 Carroll, 2.75 Cecil,
# 3.3 Dorchester, 2.65 Garrett, 3.1 Harford, 2.4 Talbot, 3 Washington.
COUNTY = {"3.2": "04", "3.05": "07", "2.75": "08", "3.3": "10",
          "2.65": "12", "3.1": "13", "2.4": "21", "3": "22"}
PER = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12,
       "quarterly": 4, "annual": 1}


def plan(row, w4, other):
    m = re.search(r"local_table=([\d.]+)", row["other_inputs"] or "")
    if not m:
        return "row names no local table"
    freq = row["pay_frequency"]
    if freq not in PER:
        return "unknown frequency %s" % freq
    st = (row["filing_status"] or "").lower()
    status = ("joint" if "joint" in st or "(a)" in st or "head of household"
              in st else "single")
    taxable = Decimal(row["gross_wages_period"])
    gross = ((taxable * PER[freq] + 3400) / PER[freq]).quantize(
        Decimal("0.01"), ROUND_HALF_UP)
    e = {"work_state": "MD", "wages": str(gross), "md_mw507_exemptions": "0",
         "md_mw507_status": status}
    table = m.group(1)
    if table in ("2.25", "2.2500"):
        e["resident_state"] = "DE"
    elif table.rstrip("0").rstrip(".") in COUNTY:
        e["md_county"] = COUNTY[table.rstrip("0").rstrip(".")]
    else:
        return "no county known for the %s table" % table
    p = {"employee": e, "column": "md_withholding"}
    if freq == "annual":
        p["period"] = "%s-01-01" % row["tax_year"]
        p["pay_date"] = "%s-12-31" % row["tax_year"]
    return p
