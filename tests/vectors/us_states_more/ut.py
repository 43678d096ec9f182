"""UT rows: Publication 14 (Rev. 4/26) Examples 1-6, pay periods beginning
on/after 1 June 2026, and (Rev. 4/25) Example 2 (pay periods from 1 June
2025).  Utah withholds on the federal W-4 filing status."""


def plan(row, w4, other):
    fs = w4.get("filing_status", "single")
    e = {"work_state": "UT", "wages": row["gross_wages_period"],
         "filing_status": {"married": "mfj", "single": "single",
                           "head_of_household": "hoh"}[fs]}
    year = row["tax_year"]
    freq = row["pay_frequency"]
    # The edition goes by the period's start: June of the row's tax year
    # (on/after 1 June 2025 for Rev. 4/25 within 2025; 1 June 2026 for
    # Rev. 4/26).
    period = "%s-06" % year if freq in ("monthly", "quarterly") else "%s-06-01" % year
    return {"employee": e, "column": "ut_withholding", "period": period,
            "intermediates": {
                "line2_wages_x_rate": "ut_line2",
                "line3_base_allowance": "ut_line3",
                "line4_wages_minus_phaseout_threshold": "ut_line4",
                "line5_line4_x_1.3pct": "ut_line5",
                "line6_allowance_after_phaseout": "ut_line6"}}
