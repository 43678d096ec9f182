"""Connecticut rows: the pack is TPG-211's calculation rules (Rev. 12/25),
one of the two methods DRS offers; Circular CT's Examples 8-10 print the
other method's figures, wage-bracket table cells, which differ from the
calculation rules by cents.  For those rows the figure checked is the
calculation rules' result as the independent implementation's
conformance test works it from TPG-211's tables beside the printed cell
(openbooks@014eb01 conformance-ct.test.ts), with the reason printed by
the runner."""

# (CT-W4 code, pay frequency, wages) -> (calculation-rules figure, working)
CALC_RULES = {
    ("F", "weekly", "700.00"): (
        "17.79", "Example 8: 36,400 annual, code F exemption 8,000, Table B "
        "200 + 4.5% x 18,400 = 1,028, Table E .10 -> 925.20 / 52 = 17.79"),
    ("A", "weekly", "1000.00"): (
        "40.24", "Example 9: 52,000 annual, code A exemption 0, Table B "
        "2,000 + 5.5% x 2,000 = 2,110, Table C 25, Table E .02 -> "
        "2,092.30 / 52 = 40.24"),
    ("B", "biweekly", "2300.00"): (
        "79.30", "Example 10: 59,800 annual, code B exemption 0, Table B "
        "320 + 4.5% x 43,800 = 2,291, Table E .10 -> 2,061.90 / 26 = 79.30"),
}


def plan(row, w4, other):
    e = {"work_state": "CT", "wages": row["gross_wages_period"]}
    code = w4.get("withholding_code")
    if code:
        e["ct_w4_code"] = code
    p = {"employee": e, "column": "ct_withholding"}
    pct = None
    if "CT-W4NA allocation=" in row["other_inputs"]:
        pct = row["other_inputs"].split("CT-W4NA allocation=")[1].split("%")[0]
        e["ct_w4na_percent"] = pct
        e["resident_state"] = "NY"
    if "wage-bracket" in row["other_inputs"]:
        key = (code, row["pay_frequency"],
               "%.2f" % float(row["gross_wages_period"]))
        if key not in CALC_RULES:
            return ("a Circular CT wage-bracket table cell with no "
                    "calculation-rules figure on record for %r" % (key,))
        value, why = CALC_RULES[key]
        from decimal import Decimal, ROUND_HALF_UP
        if pct:
            value = str((Decimal(value) * Decimal(pct) / 100).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP))
            why += ", x %s%% (CT-W4NA) = %s" % (pct, value)
        p["expected"] = (value, "IP 2026(1) Circular CT prints the "
                         "wage-bracket table cell; the pack applies the "
                         "TPG-211 (Rev. 12/25) calculation rules (the "
                         "two official methods differ by cents): " + why +
                         " (as openbooks@014eb01 conformance-ct.test.ts "
                         "works it)")
    return p
