"""OR rows: 150-206-436 (Rev. 12-31-25) Examples 1-4.  The examples give
annual wages and the annual federal income tax withheld; Example 2 divides
Example 1's annual result ($25,000 single, $1,000 federal tax: $1,789) by
the pay periods and prints no period wage, so the annual figures are
given through tests/vectors/packs/us_or_given_annual.yaml and the period
wage is only the annual wage divided by the periods, to the cent (it
gates the calculation; the annual figures are the example's)."""
from decimal import Decimal, ROUND_HALF_UP
import re

PERIODS = {"annual": 1, "semiannual": 2, "quarterly": 4, "monthly": 12,
           "semimonthly": 24, "biweekly": 26, "weekly": 52, "daily": 260}
STEPS = {"federal_subtraction_cap": "or_federal_cap",
         "federal_subtraction": "or_federal_used",
         "allowances_used": "or_allowances_used",
         "standard_deduction": "or_std_deduction",
         "base": "or_base"}


def plan(row, w4, other):
    gross = row["gross_wages_period"]
    m = re.match(r"\(annual ([\d.]+) / (\d+)\)", gross)
    annual = Decimal(m.group(1)) if m else Decimal(gross) * PERIODS[row["pay_frequency"]]
    period_wage = (annual / PERIODS[row["pay_frequency"]]).quantize(
        Decimal("0.01"), ROUND_HALF_UP)
    e = {"work_state": "OR", "wages": str(period_wage), "or_w4": "true",
         "or_marital_status": w4.get("marital_status", "single"),
         "or_allowances": w4.get("allowances", "0"),
         "given_or_annual_wages": str(annual)}
    if "federal_income_tax_withheld_annual" in other:
        e["given_or_annual_federal"] = other["federal_income_tax_withheld_annual"]
    printed = [p.split("=", 1)[0].strip()
               for p in row["expected_intermediates"].split(";") if "=" in p]
    p = {"employee": e, "column": "or_withholding",
            "packs": ["tests/vectors/packs/us_or_given_annual.yaml"],
            "intermediates": {k: v for k, v in STEPS.items() if k in printed}}
    if row["pay_frequency"] == "annual":
        # One annual period inside the tax year (the harness's June start
        # would end in the next year).
        p["period"], p["pay_date"] = "%s-01-01" % row["tax_year"], "%s-12-31" % row["tax_year"]
    return p
