"""Boundary cases for the state withholding packs AZ, GA, IA, IN, ID, AL,
AR, CO, CT, DE, HI and DC: a pay date on each dated change, rounding ties
and the certificate's edge choices.  Every expected value is worked by
hand from the publication the pack cites (the working is in the comment
beside each case); none comes from running this code.

Each case loads rules/us/federal and the state's own pack (some other
state packs hold no 2025 figures, so they cannot load for a 2025 date);
the vector runner loads every pack at once."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us states (a) boundaries")


def packs(st):
    return ["rules/us/federal", "rules/us/" + st.lower(),
            "tests/vectors/packs/us_earnings.yaml"]


def run(cid, column, expected, freq, pay_date, period=None, **fields):
    """One employee; expected None means the record must be rejected."""
    e = {"employee_id": "E1", "national_id": "123-45-6789"}
    e.update(fields)
    if period is None:
        period = pay_date[:7] if freq == "monthly" else pay_date
    out, rej, err = vlib.calc(packs(cid[:2]), [e], period=period, frequency=freq,
                              pay_date=pay_date)
    if expected is None:
        t.check(cid, "rejected", "1", str(len(rej)))
        return rej
    r = out.get("E1")
    if r is None:
        print("  %s: rejected: %s" % (cid, "; ".join(
            j.get("message", "") for j in rej) or err.strip()))
    t.check(cid, column, expected, r.get(column) if r else None)
    return r


# ---------------------------------------------------------------- Arizona
# No A-4: 2.0% (A.R.S. 43-401(E)); 1,000.25 x 2% = 20.005 -> 20.01 (tie,
# half up).  On 2025-01-01 and 2026-01-01, the two dated values.
run("AZ-none-2025", "az_withholding", "20.01", "weekly", "2025-01-01",
    work_state="AZ", wages="1000.25")
run("AZ-none-2026", "az_withholding", "20.01", "weekly", "2026-01-01",
    work_state="AZ", wages="1000.25")
# 3.5%: 1,000 x 3.5% = 35.00, + line 1 extra 5.00 = 40.00.
run("AZ-3.5-extra", "az_withholding", "40.00", "biweekly", "2026-03-02",
    work_state="AZ", wages="1000", az_a4_percent="3.5", az_a4_extra="5")
# 0.5%: 999.99 x 0.5% = 4.99995 -> 5.00.
run("AZ-0.5", "az_withholding", "5.00", "biweekly", "2026-03-02",
    work_state="AZ", wages="999.99", az_a4_percent="0.5")
# Line 2, zero: nothing, even with wages.
run("AZ-zero", "az_withholding", "0.00", "biweekly", "2026-03-02",
    work_state="AZ", wages="1000", az_a4_zero="true")
# ... and the rate shown with the results (az_rate) is 0 ("0 with line
# 2"), not the percentage another line would give.
run("AZ-zero-rate", "az_rate", "0", "biweekly", "2026-03-02",
    work_state="AZ", wages="1000", az_a4_zero="true")
# A percentage the form does not offer is rejected.
run("AZ-4.0", "az_withholding", None, "biweekly", "2026-03-02",
    work_state="AZ", wages="1000", az_a4_percent="4.0")
# An Arizona resident working in Texas: AZ does not require withholding.
run("AZ-resident-TX", "az_withholding", "0.00", "biweekly", "2026-03-02",
    work_state="TX", resident_state="AZ", wages="1000")

# ---------------------------------------------------------------- Georgia
# Monthly, single (A), no allowances, 3,000: Table E single 1,000.00;
# 2,000 x 5.39% = 107.80 to 30 June 2025; x 5.19% = 103.80 from 1 July.
run("GA-2025-01-01", "ga_withholding", "107.80", "monthly", "2025-01-31",
    period="2025-01", work_state="GA", wages="3000")
run("GA-2025-06-30", "ga_withholding", "107.80", "monthly", "2025-06-30",
    period="2025-06", work_state="GA", wages="3000")
run("GA-2025-07-01", "ga_withholding", "103.80", "monthly", "2025-07-01",
    period="2025-07", work_state="GA", wages="3000")
run("GA-2026-01-01", "ga_withholding", "103.80", "monthly", "2026-01-01",
    period="2026-01", work_state="GA", wages="3000")
# Biweekly single 1,000: Dec-2025 edition (pay date 10 May 2026):
# (1,000 - 461.54) x 5.19% = 538.46 x 0.0519 = 27.946074 -> 27.95;
# June-2026 edition (pay date 11 May 2026): (1,000 - 576.92) x 4.99%
# = 423.08 x 0.0499 = 21.111692 -> 21.11.
run("GA-2026-05-10", "ga_withholding", "27.95", "biweekly", "2026-05-10",
    period="2026-04-27", work_state="GA", wages="1000")
run("GA-2026-05-11", "ga_withholding", "21.11", "biweekly", "2026-05-11",
    period="2026-04-28", work_state="GA", wages="1000")
# Tie: weekly single, 230.77 + 50.00 = 280.77; 50.00 x 5.19% = 2.595
# -> 2.60 (half up).
run("GA-tie", "ga_withholding", "2.60", "weekly", "2025-07-07",
    work_state="GA", wages="280.77")
# Status B (married joint, both working) uses column (3), the single
# amount: monthly 3,000, 1 dependent, June 2026: 3,000 - 1,250.00 - 416.67
# = 1,333.33 x 4.99% = 66.533167 -> 66.53; status C column (1):
# 3,000 - 2,500 - 416.67 = 83.33 x 4.99% = 4.158167 -> 4.16.
run("GA-B", "ga_withholding", "66.53", "monthly", "2026-06-30",
    period="2026-06", work_state="GA", wages="3000",
    ga_g4_marital_status="B", ga_g4_dependent_allowances="1")
run("GA-C", "ga_withholding", "4.16", "monthly", "2026-06-30",
    period="2026-06", work_state="GA", wages="3000",
    ga_g4_marital_status="C", ga_g4_dependent_allowances="1")
# Exempt (line 8): nothing; four-weekly: no table, rejected.
run("GA-exempt", "ga_withholding", "0.00", "monthly", "2026-06-30",
    period="2026-06", work_state="GA", wages="3000", ga_g4_exempt="true")
run("GA-fourweekly", "ga_withholding", None, "fourweekly", "2026-06-26",
    period="2026-06-01", work_state="GA", wages="3000")

# ------------------------------------------------------------------- Iowa
# 2025 formula, biweekly, Other, W = 0, 1,000: D = 12,000 / 26 = 461.538
# -> 461.54; T1 = 538.46; T2 = 538.46 x 3.8% = 20.46148 -> 20.46.
run("IA-2025-01-01", "ia_withholding", "20.46", "biweekly", "2025-01-01",
    work_state="IA", wages="1000")
# 2026 formula: D = 500.00 (13,000 / 26); T1 = 500; T2 = 19.00.
run("IA-2026-01-01", "ia_withholding", "19.00", "biweekly", "2026-01-01",
    work_state="IA", wages="1000")
# Tie: weekly 2026, Other: 262.50 - 250.00 = 12.50 x 3.8% = 0.475 -> 0.48.
run("IA-tie", "ia_withholding", "0.48", "weekly", "2026-03-06",
    work_state="IA", wages="262.50")
# Four-weekly (no printed D): annualize 2,000 x 13 = 26,000 - 13,000
# = 13,000 x 3.8% = 494.00 - W 0 = 494.00; / 13 = 38.00.
run("IA-fourweekly", "ia_withholding", "38.00", "fourweekly", "2026-03-27",
    period="2026-03-02", work_state="IA", wages="2000")
# W larger than T2: T3 floored at 0 (weekly 300 - 250 = 50 x 3.8% = 1.90;
# W 520 / 52 = 10.00): 0.00, plus extra 3.00 = 3.00.
run("IA-floor-extra", "ia_withholding", "3.00", "weekly", "2026-03-06",
    work_state="IA", wages="300", ia_w4_total_allowances="520",
    ia_w4_extra="3")
# Exempt resident: 0; exempt claimed by an Illinois resident: rejected.
run("IA-exempt", "ia_withholding", "0.00", "weekly", "2026-03-06",
    work_state="IA", wages="1000", ia_w4_exempt="true")
run("IA-exempt-nonres", "ia_withholding", None, "weekly", "2026-03-06",
    work_state="IA", resident_state="IL", wages="1000", ia_w4_exempt="true")
# An Illinois resident with 44-016 on file (reciprocity): no Iowa tax.
run("IA-IL-recip", "ia_withholding", "0.00", "weekly", "2026-03-06",
    work_state="IA", resident_state="IL", wages="1000",
    state_nonresident_certificate="true")

# ---------------------------------------------------------------- Indiana
# DN #1 (R46 / 01-26): weekly 1,000, no exemptions, county of residence
# 49 (Marion, 0.0202): state 1,000 x 2.95% = 29.50; county 1,000 x 0.0202
# = 20.20.
run("IN-2026-01-01", "in_withholding", "29.50", "weekly", "2026-01-01",
    work_state="IN", wages="1000", in_wh4_county_residence="49")
run("IN-2026-county", "in_county_tax", "20.20", "weekly", "2026-01-01",
    work_state="IN", wages="1000", in_wh4_county_residence="49")
# Residence NA, work county 64 (Porter, 0.005): 1,000 x 0.005 = 5.00.
run("IN-work-county", "in_county_tax", "5.00", "weekly", "2026-01-01",
    work_state="IN", wages="1000", in_wh4_county_residence="NA",
    in_wh4_county_work="64")
# 2025: state 3.00% (1,000 x 3% = 30.00) with NA/NA; a county has no
# sourced 2025 rate: rejected, not priced.
run("IN-2025-01-01", "in_withholding", "30.00", "weekly", "2025-01-01",
    work_state="IN", wages="1000", in_wh4_county_residence="NA",
    in_wh4_county_work="NA")
rej = run("IN-2025-county", "in_withholding", None, "weekly", "2025-01-01",
          work_state="IN", wages="1000", in_wh4_county_residence="49")
t.check_str("IN-2025-county", "reason",
            "no sourced rate for Marion County (49) on 2025-01-01",
            (rej[0].get("message", "") if rej else "").split(": ")[-1])
# Tie: 1 personal exemption weekly = 1,000 / 52 = 19.2307 -> 19.23;
# 29.23 - 19.23 = 10.00 x 2.95% = 0.295 -> 0.30.
run("IN-tie", "in_withholding", "0.30", "weekly", "2026-03-06",
    work_state="IN", wages="29.23", in_wh4_personal_exemptions="1",
    in_wh4_county_residence="NA", in_wh4_county_work="NA")
# County tax tie (DN #1: the county rate times the same taxable wages, to
# the cent): Marshall (50), 0.0125 (DN #1 (R46 / 01-26) p. 5), $1,002.00
# weekly, no exemptions: 1,002.00 x 0.0125 = 12.525 -> 12.53 (half up;
# half even or down 12.52).
run("IN-county-tie", "in_county_tax", "12.53", "weekly", "2026-03-06",
    work_state="IN", wages="1002.00", in_wh4_county_residence="50")
# A bonus is taxed without exemptions: 1,000 - 19.23 + 500 = 1,480.77
# x 2.95% = 43.682715 -> 43.68.
run("IN-supplemental", "in_withholding", "43.68", "weekly", "2026-03-06",
    work_state="IN", wages="1000", supplemental_wages="500",
    in_wh4_personal_exemptions="1", in_wh4_county_residence="NA",
    in_wh4_county_work="NA")
# No county given at all: rejected (WH-4 asks for it).
run("IN-no-county", "in_withholding", None, "weekly", "2026-03-06",
    work_state="IN", wages="1000")
# A Kentucky resident with WH-47 (reciprocity): no state or county tax.
run("IN-KY-recip", "in_withholding", "0.00", "weekly", "2026-03-06",
    work_state="IN", resident_state="KY", wages="1000",
    state_nonresident_certificate="true", in_wh4_county_work="49")
run("IN-KY-recip-county", "in_county_tax", "0.00", "weekly", "2026-03-06",
    work_state="IN", resident_state="KY", wages="1000",
    state_nonresident_certificate="true", in_wh4_county_work="49")
# DN #1 (R46 / 01-26) p. 3, the county line of the worked example: $800
# weekly, exemptions 5 / 3 / 1 / 2, county rate 0.01 (Harrison, 31):
# 473.08 x .01 = 4.73 (printed).
run("IN-DN1-county", "in_county_tax", "4.73", "weekly", "2026-03-06",
    work_state="IN", wages="800", in_wh4_personal_exemptions="5",
    in_wh4_dependent_exemptions="3", in_wh4_first_dependent_exemptions="1",
    in_wh4_adopted_exemptions="2", in_wh4_county_residence="31")

# ------------------------------------------------------------------ Idaho
# Biweekly, status A, 1,000.  July 2024 table (to 30 June 2025): threshold
# 14,600 / 26 = 561.54 -> 562; (1,000 - 562) x 5.695% = 24.9441 -> 25.
run("ID-2025-01-01", "id_withholding", "25.00", "biweekly", "2025-01-01",
    work_state="ID", wages="1000")
run("ID-2025-06-30", "id_withholding", "25.00", "biweekly", "2025-06-30",
    work_state="ID", wages="1000")
# July 2025 table: 15,000 / 26 = 576.92 -> 577; 423 x 5.3% = 22.419 -> 22.
run("ID-2025-07-01", "id_withholding", "22.00", "biweekly", "2025-07-01",
    work_state="ID", wages="1000")
# One allowance on 22 July 2026: ICTCAT 3,868 / 26 = 148.77; 1,000 - 148.77
# = 851.23 - 577 = 274.23 x 5.3% = 14.53419 -> 15.  On 23 July 2026 the
# allowance is worth 0: (1,000 - 619) x 5.3% = 20.193 -> 20.
run("ID-2026-07-22", "id_withholding", "15.00", "biweekly", "2026-07-22",
    work_state="ID", wages="1000", id_w4_allowances="1")
run("ID-2026-07-23", "id_withholding", "20.00", "biweekly", "2026-07-23",
    work_state="ID", wages="1000", id_w4_allowances="1")
# Tie to the dollar: monthly single, 1,842 - 1,342 = 500 x 5.3% = 26.50
# -> 27 (half up).
run("ID-tie", "id_withholding", "27.00", "monthly", "2026-08-31",
    period="2026-08", work_state="ID", wages="1842")
# Married (B), monthly: 3,000 - 2,683 = 317 x 5.3% = 16.801 -> 17; C
# withholds at the single rate: (3,000 - 1,342) x 5.3% = 87.874 -> 88.
run("ID-B", "id_withholding", "17.00", "monthly", "2026-08-31",
    period="2026-08", work_state="ID", wages="3000", id_w4_status="B")
run("ID-C", "id_withholding", "88.00", "monthly", "2026-08-31",
    period="2026-08", work_state="ID", wages="3000", id_w4_status="C")
# Quarterly (annualized wage method): 10,000 x 4 = 40,000 - 16,100
# = 23,900 x 5.3% = 1,266.70 / 4 = 316.675 -> 317.
run("ID-quarterly", "id_withholding", "317.00", "quarterly", "2026-09-30",
    period="2026-07", work_state="ID", wages="10000")
# Exempt: 0; line 2 extra 10 added after rounding: 20 + 10 = 30.
run("ID-exempt", "id_withholding", "0.00", "biweekly", "2026-08-03",
    work_state="ID", wages="1000", id_w4_exempt="true")
run("ID-extra", "id_withholding", "30.00", "biweekly", "2026-08-03",
    work_state="ID", wages="1000", id_w4_extra="10")

# ---------------------------------------------------------------- Alabama
# Weekly, S, federal 20.00 a week: GI 500 x 52 = 26,000 > 25,999, one
# $500 step: 3,000 - 25 = 2,975; taxable 26,000 - 2,975 - 1,040 - 1,500
# = 20,485; tax 10 + 100 + 5% x 17,485 = 984.25; / 52 = 18.92788 -> 18.93.
run("AL-2025-01-01", "al_withholding", "18.93", "weekly", "2025-01-01",
    work_state="AL", wages="500", al_a4_exemption="S",
    al_federal_tax_period="20")
# GI 499.98 x 52 = 25,998.96, not over 25,999: 3,000; taxable 25,998.96
# - 3,000 - 1,040 - 1,500 = 20,458.96; 110 + 5% x 17,458.96 = 982.948;
# / 52 = 18.902846 -> 18.90.
run("AL-2026-01-01", "al_withholding", "18.90", "weekly", "2026-01-01",
    work_state="AL", wages="499.98", al_a4_exemption="S",
    al_federal_tax_period="20")
# M from the floor (GI 36,000 >= 35,500: 5,000), 1 dependent (GI up to
# 50,000: 1,000), federal 0: 36,000 - 5,000 - 3,000 - 1,000 = 27,000; M
# brackets 20 + 200 + 5% x 21,000 = 1,270; / 12 = 105.8333 -> 105.83.
run("AL-M-floor", "al_withholding", "105.83", "monthly", "2026-06-30",
    period="2026-06", work_state="AL", wages="3000", al_a4_exemption="M",
    al_a4_dependents="1", al_federal_tax_period="0")
# Dependents on GI 50,000.00 (annual payroll, code 0, federal 0): 2 x
# 1,000; 50,000 - 2,500 - 2,000 = 45,500 -> 110 + 2,125 = 2,235.00.  On
# 50,000.01: 2 x 500; 46,500.01 -> 110 + 2,175.0005 = 2,285.0005 -> 2,285.00.
run("AL-dep-50000", "al_withholding", "2235.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="AL", wages="50000", al_a4_dependents="2",
    al_federal_tax_period="0")
run("AL-dep-50000.01", "al_withholding", "2285.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="AL", wages="50000.01",
    al_a4_dependents="2", al_federal_tax_period="0")
# Tie: monthly 250.25, code 0: GI 3,003 - 3,000 = 3 x 2% = 0.06; / 12
# = 0.005 -> 0.01 (half up).
run("AL-tie", "al_withholding", "0.01", "monthly", "2026-06-30",
    period="2026-06", work_state="AL", wages="250.25", al_federal_tax_period="0")
# A4-MS: nothing.
run("AL-a4ms", "al_withholding", "0.00", "monthly", "2026-06-30",
    period="2026-06", work_state="AL", wages="3000", al_a4ms_exempt="true")

# --------------------------------------------------------------- Arkansas
# 2025 (standard deduction $2,410, $29 credits, 0/2/3/3.4/3.9% less
# 109.98 / 218.97 / 281.37 / 409.86, as the Dynamics GP 2025 update
# transcribes the 2025 formula).  First pay date of 2025, semimonthly
# 341.00: 8,184 - 2,410 = 5,774 -> midrange 5,750 x 2% - 109.98 = 5.02 ->
# 5; 5 / 24 = 0.2083 -> 0.21.
run("AR-2025-01-01", "ar_withholding", "0.21", "semimonthly", "2025-01-01",
    period="2024-12-16", work_state="AR", wages="341.00")
# Weekly 1,000: 52,000 - 2,410 = 49,590 -> 49,550 x 3.9% = 1,932.45 -
# 409.86 = 1,522.59 -> 1,523; / 52 = 29.288 -> 29.29 on the last pay date
# of 2025.  The next day, same week, the 2026 formula: 52,000 - 2,470 =
# 49,530 -> 49,550 x 3.7% = 1,833.35 - 367.20 = 1,466.15 -> 1,466; / 52 =
# 28.192 -> 28.19.
run("AR-2025-12-31", "ar_withholding", "29.29", "weekly", "2025-12-31",
    period="2025-12-27", work_state="AR", wages="1000")
run("AR-2026-01-01-same-week", "ar_withholding", "28.19", "weekly",
    "2026-01-01", period="2025-12-27", work_state="AR", wages="1000")
# The top of the 2025 regular bracket: annual 94,700 - 2,410 = 92,290 ->
# 92,250 x 3.9% = 3,597.75 - 409.86 = 3,187.89 -> 3,188.  Annual 95,000:
# 92,590 -> 92,550, above $92,300, where the 2025 table is not known from
# a source: rejected, not guessed.
run("AR-2025-top-bracket", "ar_withholding", "3188.00", "annual",
    "2025-12-31", period="2025-01-01", work_state="AR", wages="94700")
rej = run("AR-2025-ladder-rejected", "ar_withholding", None, "annual",
          "2025-12-31", period="2025-01-01", work_state="AR", wages="95000")
t.check_str("AR-2025-ladder-rejected", "reason", "no sourced Arkansas withholding figures for this pay date above the top regular bracket",
            (rej[0].get("message", "") if rej else "").split(": ")[-1].split(" (")[0])
# (2026.)  Tie in step 6: semimonthly 341.00 x 24 = 8,184 - 2,470
# = 5,714 -> midrange 5,750 x 2% - 111.98 = 3.02 -> 3; 3 / 24 = 0.125
# -> 0.13 (half up).
run("AR-2026-01-01-tie", "ar_withholding", "0.13", "semimonthly", "2026-01-01",
    work_state="AR", wages="341.00")
# Annual payroll, no exemptions.  Net 97,800 (< 97,801): midrange 97,850
# x 3.7% = 3,620.45 - 79.90 = 3,540.55 -> 3,541.  Net 97,801: exact,
# 3,618.637 - 79.90 = 3,538.737 -> 3,539.
run("AR-97800", "ar_withholding", "3541.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="AR", wages="100270")
run("AR-97801", "ar_withholding", "3539.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="AR", wages="100271")
# Phase-down: net 95,000 -> 95,050; adjustment 79.90 + 290 - 10 x
# floor(349 / 100) = 339.90; 3,516.85 - 339.90 = 3,176.95 -> 3,177; two
# exemptions: 3,177 - 58 = 3,119.00.
run("AR-phase-down", "ar_withholding", "3119.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="AR", wages="97470",
    ar_ar4ec_exemptions="2")
# Credits above the tax: 0 (weekly 200: 10,400 - 2,470 = 7,930 -> 7,950 x
# 2% - 111.98 = 47.02 -> 47; 2 x 29 = 58 > 47).
run("AR-credit-floor", "ar_withholding", "0.00", "weekly", "2026-03-06",
    work_state="AR", wages="200", ar_ar4ec_exemptions="2")
run("AR-exempt", "ar_withholding", "0.00", "weekly", "2026-03-06",
    work_state="AR", wages="2000", ar_ar4ec_exempt="true")
run("AR-low-income", "ar_withholding", None, "weekly", "2026-03-06",
    work_state="AR", wages="300", ar_ar4ec_low_income="true")

# --------------------------------------------------------------- Colorado
# Weekly 1,000, W-4 single, no DR 0004: 2025: 52,000 - 5,000 = 47,000 x
# 4.4% = 2,068.00 / 52 = 39.7692 -> 39.77.  2026: 52,000 - 5,500 = 46,500
# x 4.4% = 2,046.00 / 52 = 39.3461 -> 39.35.
run("CO-2025-01-01", "co_withholding", "39.77", "weekly", "2025-01-01",
    work_state="CO", wages="1000")
run("CO-2026-01-01", "co_withholding", "39.35", "weekly", "2026-01-01",
    work_state="CO", wages="1000")
# Married filing jointly: 52,000 - 11,000 = 41,000 x 4.4% = 1,804.00 / 52
# = 34.6923 -> 34.69.  DR 0004 line 2 of 0: 52,000 x 4.4% = 2,288 / 52
# = 44.00, + line 3 5.00 = 49.00.
run("CO-mfj", "co_withholding", "34.69", "weekly", "2026-03-06",
    work_state="CO", wages="1000", filing_status="mfj")
run("CO-dr0004", "co_withholding", "49.00", "weekly", "2026-03-06",
    work_state="CO", wages="1000", co_dr0004_allowance="0",
    co_dr0004_extra="5")
# Tie in line 2c: annual payroll of 1.25, allowance 0: 1.25 x 4.4%
# = 0.055 -> 0.06.  Tie in line 2d: monthly 0.11 x 12 = 1.32 x 4.4%
# = 0.05808 -> 0.06; / 12 = 0.005 -> 0.01.
run("CO-tie-2c", "co_withholding", "0.06", "annual", "2026-12-31",
    period="2026-01-01", work_state="CO", wages="1.25", co_dr0004_allowance="0")
run("CO-tie-2d", "co_withholding", "0.01", "monthly", "2026-06-30",
    period="2026-06", work_state="CO", wages="0.11", co_dr0004_allowance="0")
# A Colorado resident working in Texas: Colorado withholds all of it.
run("CO-resident-TX", "co_withholding", "39.35", "weekly", "2026-03-06",
    work_state="TX", resident_state="CO", wages="1000")

# ------------------------------------------------------------ Connecticut
# No CT-W4: 6.99% flat.  1,000 -> 69.90 on 2025-01-01 and 2026-01-01;
# tie: 50.00 x 6.99% = 3.495 -> 3.50.
run("CT-2025-01-01", "ct_withholding", "69.90", "weekly", "2025-01-01",
    work_state="CT", wages="1000")
run("CT-2026-01-01", "ct_withholding", "69.90", "weekly", "2026-01-01",
    work_state="CT", wages="1000")
run("CT-tie", "ct_withholding", "3.50", "weekly", "2026-03-06",
    work_state="CT", wages="50.00")
# Code F, weekly 1,000: 52,000; exemption 15,000 - 22 x 1,000 -> 0;
# Table B 2,000 + 5.5% x 2,000 = 2,110; Table C (F from 56,500) 0; Table
# D 0; Table E .10: 1,899.00 / 52 = 36.519 -> 36.52.
run("CT-F", "ct_withholding", "36.52", "weekly", "2026-03-06",
    work_state="CT", wages="1000", ct_w4_code="F")
# Table A edge, annual payroll, F: 30,000.00 keeps 15,000: 15,000 taxed
# 200 + 4.5% x 5,000 = 425; credit .15 (26,500-31,300): 361.25.
# 30,000.01: 14,000; 16,000.01 -> 200 + 270.00045 = 470.00; x .85
# = 399.50.
run("CT-A-30000", "ct_withholding", "361.25", "annual", "2026-12-31",
    period="2026-01-01", work_state="CT", wages="30000", ct_w4_code="F")
run("CT-A-30000.01", "ct_withholding", "399.50", "annual", "2026-12-31",
    period="2026-01-01", work_state="CT", wages="30000.01", ct_w4_code="F")
# Code D: no exemption, no credit; Table C: 52,000 - 50,250 = 1,750, one
# 2,500 step: 25; 2,110 + 25 = 2,135 / 52 = 41.0577 -> 41.06.
run("CT-D", "ct_withholding", "41.06", "weekly", "2026-03-06",
    work_state="CT", wages="1000", ct_w4_code="D")
# Code A, annual 160,000: Table B 4,750 + 6% x 60,000 = 8,350; Table C
# cap 250; Table D 250 (150,000 to 200,000); credit 0: 8,850.00.
run("CT-A-recapture", "ct_withholding", "8850.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="CT", wages="160000", ct_w4_code="A")
# Circular CT Example 9's facts through the calculation rules (weekly
# 1,000, code A): 52,000; Table B 2,110; Table C 25; Table E .02:
# 2,135 x .98 = 2,092.30 / 52 = 40.2365 -> 40.24.
run("CT-A-ex9", "ct_withholding", "40.24", "weekly", "2026-03-06",
    work_state="CT", wages="1000", ct_w4_code="A")
# Table D's second tier, annual 200,000.01, code A: Table B 10,750 +
# 6.5% x 0.01 = 10,750.00065 -> 10,750.00; Table C 250; Table D 250 + 90
# = 340; credit 0: 11,340.00.
run("CT-A-200000.01", "ct_withholding", "11340.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="CT", wages="200000.01", ct_w4_code="A")
# Code E: nothing; line 3 above the tax: 0 (36.52 - 50 -> 0).
run("CT-E", "ct_withholding", "0.00", "weekly", "2026-03-06",
    work_state="CT", wages="1000", ct_w4_code="E")
run("CT-reduced", "ct_withholding", "0.00", "weekly", "2026-03-06",
    work_state="CT", wages="1000", ct_w4_code="F", ct_w4_reduced="50")
# Supplemental pay alone: rejected (Example 12 needs the regular tax).
run("CT-supp-alone", "ct_withholding", None, "weekly", "2026-03-06",
    work_state="CT", supplemental_wages="1000", ct_w4_code="F")

# --------------------------------------------------------------- Delaware
# Weekly 1,000, single, 0: 52,000 - 3,250 = 48,750; 1,001 + 5.55% x
# 23,750 = 2,319.125 -> 2,319.13 (tie, half up); / 52 = 44.5986 -> 44.60.
run("DE-2025-01-01", "de_withholding", "44.60", "weekly", "2025-01-01",
    work_state="DE", wages="1000")
run("DE-2026-01-01", "de_withholding", "44.60", "weekly", "2026-01-01",
    work_state="DE", wages="1000")
# Daily x 300: 200 x 300 = 60,000 - 3,250 = 56,750; 1,001 + 5.55% x
# 31,750 = 2,763.125 -> 2,763.13; / 300 = 9.2104 -> 9.21.
run("DE-daily", "de_withholding", "9.21", "daily", "2026-03-02",
    work_state="DE", wages="200")
# Married filing jointly, 2 allowances, annual 25,000: 18,500 -> 261 +
# 4.8% x 8,500 = 669 - 220 = 449.00.
run("DE-mfj", "de_withholding", "449.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="DE", wages="25000",
    de_w4_status="married_joint", de_w4_allowances="2")
# Credits above the tax: annual 6,000, 2 allowances: 2,750 -> 2.2% x 750
# = 16.50 - 220 -> 0.
run("DE-credit-floor", "de_withholding", "0.00", "annual", "2026-12-31",
    period="2026-01-01", work_state="DE", wages="6000", de_w4_allowances="2")

# ----------------------------------------------------------------- Hawaii
# (2026 only: the 2025 edition was not found.)  Monthly 3,000, married, 0
# allowances: 36,000 - 4,350 = 31,650 -> 576 + 5.5% x 2,850 = 732.75;
# / 12 = 61.0625 -> 61.06.
run("HI-2026-01-01", "hi_withholding", "61.06", "monthly", "2026-01-31",
    period="2026-01", work_state="HI", wages="3000", hi_hw4_status="married")
# Under ten cents: weekly 90.00: 4,680 - 4,350 = 330 x 1.4% = 4.62 / 52
# = 0.0888 -> 0.09 < 0.10: nothing.  Weekly 90.80: 371.60 x 1.4% = 5.2024
# -> 5.20 / 52 = 0.10: withheld.
run("HI-under-10c", "hi_withholding", "0.00", "weekly", "2026-03-06",
    work_state="HI", wages="90.00")
run("HI-10c", "hi_withholding", "0.10", "weekly", "2026-03-06",
    work_state="HI", wages="90.80")

# ------------------------------------------------------ District of Columbia
# Weekly 1,000, no allowances: thresholds / 52: 769.23 (40,000), base
# 2,200 / 52 = 42.31; 42.31 + 6.5% x 230.77 = 57.31005 -> 57.31.
run("DC-2025-01-01", "dc_withholding", "57.31", "weekly", "2025-01-01",
    work_state="DC", wages="1000")
run("DC-2026-01-01", "dc_withholding", "57.31", "weekly", "2026-01-01",
    work_state="DC", wages="1000")
# One allowance: 4,300 / 52 = 82.69; 917.31 -> 42.31 + 6.5% x 148.08
# = 51.9352 -> 51.94.
run("DC-allowance", "dc_withholding", "51.94", "weekly", "2026-03-06",
    work_state="DC", wages="1000", dc_d4_allowances="1")
# On the threshold 769.23 (not over it): 400 / 52 = 7.69 + 6% x (769.23
# - 192.31) = 42.3052 -> 42.31.
run("DC-threshold", "dc_withholding", "42.31", "weekly", "2026-03-06",
    work_state="DC", wages="769.23")
# Daily on 365: 100 -> 400 / 365 = 1.10 + 6% x (100 - 27.40) = 5.456
# -> 5.46.
run("DC-daily", "dc_withholding", "5.46", "daily", "2026-03-02",
    work_state="DC", wages="100")
# A Maryland resident with D-4A: nothing; a DC resident working in Texas:
# the full tax.
run("DC-MD-D4A", "dc_withholding", "0.00", "weekly", "2026-03-06",
    work_state="DC", resident_state="MD", wages="1000",
    state_nonresident_certificate="true")
run("DC-resident-TX", "dc_withholding", "57.31", "weekly", "2026-03-06",
    work_state="TX", resident_state="DC", wages="1000")

t.done()
