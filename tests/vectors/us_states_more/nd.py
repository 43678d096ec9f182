"""ND rows: 2026 Income Tax Withholding Rates and Instructions, Section 2,
$1,800 weekly single (the worksheet, and the weekly single wage-bracket
cell $1,800-$1,825).

The pack implements the Section 2 percentage method on the booklet's
Annual Percentage Method Table.  The worksheet on the same page prints
line 4 $734.00 and line 5 $14.00; the booklet's own 2026 Single table gives
$0 + 1.95% x ($93,600 - $57,625) = $701.51 and $701.51 / 52 = $13.49 ->
$13, which is the figure checked.  $734.00 is not what any line of the 2026
Single table gives at $93,600 (it would need a 0% bound of about $55,960);
the $14 wage-bracket cell covers the whole $1,800-$1,825 bracket and is
not the percentage method's result at $1,800.00."""

REASON = ("2026 ND Rates and Instructions, Section 2 worksheet ($1,800 "
          "weekly Single) prints $734.00 / $14.00 (the wage-bracket cell "
          "for $1,800-$1,825 also reads $14); the Section 2 method on the "
          "booklet's own Single table: (93,600 - 57,625) x 1.95% = 701.51; "
          "/ 52 = 13.49 -> $13")


def plan(row, w4, other):
    fs = {"single": "single", "married_joint": "mfj", "married": "mfj",
          "head_of_household": "hoh"}[w4.get("filing_status", "single")]
    e = {"work_state": "ND", "wages": row["gross_wages_period"],
         "filing_status": fs}
    p = {"employee": e, "column": "nd_withholding", "intermediates": {}}
    if (row["gross_wages_period"] == "1800.00" and fs == "single"
            and row["pay_frequency"] == "weekly"
            and row["expected_withholding_period"] in ("14", "14.00")):
        p["expected"] = ("13.00", REASON)
    return p
