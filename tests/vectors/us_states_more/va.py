"""VA row: Income Tax Withholding Guide for Employers (Rev. 05/25), p. 21,
"John": $2,649 semimonthly, 5 exemptions.  The guide prints $109.50."""


def plan(row, w4, other):
    e = {"work_state": "VA", "wages": row["gross_wages_period"],
         "va_personal_exemptions": w4.get("personal_exemptions", "0"),
         "va_age_blind_exemptions": w4.get("age_blind_exemptions", "0")}
    p = {"employee": e, "column": "va_withholding",
         # The Rev. 05/25 formula is for wages paid after 1 July 2025.
         "period": "2025-07-01", "pay_date": "2025-07-15",
         "intermediates": {"T": "va_taxable"}}
    if row["case_id"] == "VA-OB-R0525-JOHN":
        p["expected"] = (
            "109.48",
            "Guide Rev. 05/25 p. 21 rounds 5.75% x $33,176 = $1,907.62 to "
            "$1,908 before adding $720 (W = $2,628, / 24 = $109.50); the "
            "formula printed on the same page gives W = $720 + $1,907.62 = "
            "$2,627.62 and $2,627.62 / 24 = $109.4842 -> $109.48")
    return p
