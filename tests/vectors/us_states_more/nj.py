"""NJ rows: NJ-WT (September 2025) p. 25 percentage-method examples, Rate A
Examples 1-3 and Rate B Examples 1-3.

Three of them (Rate A Ex. 3, Rate B Ex. 2 and 3) print brackets that are
not those of the rate tables NJ-WT directs employers to (NJ Withholding
Rate Tables, wages paid on and after 1 October 2020): the examples'
arithmetic is right on the brackets they print, the brackets moved.  The
figure checked is the one the tables give, worked here by hand."""

# (rate table, weekly wages, allowances, printed) -> (figure, reason)
CORRECTED = {
    ("A", "1200.00", "1", "40.40"): (
        "40.41",
        "NJ-WT (Sept 2025) p. 25 Rate A Example 3 uses 'over $769: $15.28 "
        "plus 6.1%'; the Rate A weekly table prints $15.29: 1,200 - 19.20 = "
        "1,180.80; 15.29 + 6.1% x 411.80 = 15.29 + 25.12 = 40.41"),
    ("B", "950.00", "3", "15.93"): (
        "15.92",
        "NJ-WT (Sept 2025) p. 25 Rate B Example 2 uses 'between $384 and "
        "$961: $5.76 plus 2%'; the Rate B weekly table prints over $385: "
        "$5.77: 950 - 57.60 = 892.40; 5.77 + 2% x 507.40 = 5.77 + 10.148 = "
        "15.918 -> 15.92"),
    ("B", "1400.00", "3", "27.60"): (
        "27.58",
        "NJ-WT (Sept 2025) p. 25 Rate B Example 3 uses 'over $961: $17.30 "
        "plus 2.7%'; the Rate B weekly table prints over $962: $17.31: "
        "1,400 - 57.60 = 1,342.40; 17.31 + 2.7% x 380.40 = 17.31 + 10.2708 "
        "= 27.5808 -> 27.58"),
}


def plan(row, w4, other):
    fs = w4.get("filing_status", "single")
    e = {"work_state": "NJ", "wages": row["gross_wages_period"],
         "nj_filing_status": fs, "nj_allowances": w4.get("allowances", "0")}
    if "rate_table" in w4:
        e["nj_rate_table"] = w4["rate_table"]
    table = w4.get("rate_table") or ("A" if fs in ("single", "married_separate") else "B")
    printed = [p.split("=", 1)[0].strip()
               for p in row["expected_intermediates"].split(";") if "=" in p]
    p = {"employee": e, "column": "nj_withholding",
         "intermediates": {k: v for k, v in (("taxable", "nj_taxable"),
                                             ("exemption", "nj_allowance_amount"))
                           if k in printed}}
    key = (table, row["gross_wages_period"], e["nj_allowances"],
           row["expected_withholding_period"])
    if key in CORRECTED:
        p["expected"] = CORRECTED[key]
    return p
