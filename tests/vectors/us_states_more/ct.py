"""Connecticut rows: the pack is TPG-211's calculation rules (Rev. 12/25),
one of the two methods DRS offers; Circular CT's Examples 8-10 print the
other method's figures, wage-bracket table cells, which differ from the
calculation rules by cents.  For those rows the figure checked is the
calculation rules' result as the independent implementation's
conformance test records it beside the printed cell (the row's notes),
with the reason printed by the runner."""


def plan(row, w4, other):
    e = {"work_state": "CT", "wages": row["gross_wages_period"]}
    code = w4.get("withholding_code")
    if code:
        e["ct_w4_code"] = code
    p = {"employee": e, "column": "ct_withholding"}
    if "CT-W4NA allocation=" in row["other_inputs"]:
        pct = row["other_inputs"].split("CT-W4NA allocation=")[1].split("%")[0]
        e["ct_w4na_percent"] = pct
        e["resident_state"] = "NY"
    cid = row["case_id"]
    if cid == "CT-OB-CIRCCT-EX10":
        p["expected"] = ("79.30",
                         "IP 2026(1) Circular CT Example 10 prints the "
                         "wage-bracket table cell 78.82; TPG-211 (Rev. 12/25) "
                         "calculation rules: 2,300 x 26 = 59,800, code B "
                         "exemption 0, initial tax 320 + 4.5% x 43,800 = "
                         "2,291, credit .10 -> 2,061.90 / 26 = 79.30 (the "
                         "figure openbooks@014eb01 conformance-ct.test.ts "
                         "records for the calculation rules)")
    elif cid == "CT-OB-CIRCCT-EX8":
        p["expected"] = ("10.67",
                         "IP 2026(1) Circular CT Example 8 prints the table "
                         "cell 17.65 x 60% = 10.59; TPG-211 calculation "
                         "rules give 17.79 before the CT-W4NA allocation "
                         "(36,400 annual, code F exemption 8,000, initial "
                         "tax 1,028, credit .10 -> 925.20 / 52 = 17.79, as "
                         "openbooks@014eb01 records), x 60% = 10.674 -> 10.67")
    return p
