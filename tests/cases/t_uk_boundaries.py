#!/usr/bin/env python3
"""Boundary cases of UK PAYE (rules/uk/paye) and Student and Postgraduate
Loans (rules/uk/student-loans), issue 13 section 4: the 2026-27 tax year
on its first day (6 April 2026) against the last day of 2025-26 (5 April
2026, tax week 53), the balances to date starting again on 6 April, and
the roundings of each (taxable pay down to the pound, tax down to the
penny, free pay up to the penny by the quotient method; loan thresholds
down to the penny, deductions down to the pound).  Class 1 NI on 6 April
2026 is in t_boundaries.py (case 5).

Every expected value is worked by hand below; none comes from running
this code.  Class 1 NI's roundings are at the end.  Sources:
  - PAYE: HMRC, Specification for PAYE Tax Table Routines (quotient
    method, rounding), as summarised in shared/reference/statutory.md 3.2
    (an algorithm that reproduces HMRC's 336 PAYE test rows of 2025-26 and
    2026-27); bands from HMRC, Rates and thresholds for employers 2025 to
    2026 and 2026 to 2027 (Scotland: starter 19% to 2,827, then 3,967;
    basic 20% to 14,921, then 16,956; rest of UK and Wales: basic 20% to
    37,700 both years), statutory.md 3.2.
  - Loans: HMRC CSLM17060 (threshold for the pay period, annual / 12 or
    / 52 rounded down to the penny; 9% or 6% of the excess, rounded down
    to the pound); thresholds 2025-26 Plan 1 26,065, Plan 2 28,470, Plan 4
    32,745, PGL 21,000; 2026-27 Plan 1 26,900, Plan 2 29,385, Plan 4
    33,795, Plan 5 25,000 (first collected through payroll in 2026-27),
    PGL 21,000 (shared/reference/more-jurisdictions.md; the 2026-27 ones
    [unverified: taken from HMRC's own calculator, hmrc/tax-kalculator,
    as the pack's sources say; HMRC's SL3 page was not readable])."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

PAYE = ["rules/uk/paye", "tests/vectors/packs/uk_earnings.yaml"]
SL = ["rules/uk/student-loans", "tests/vectors/packs/uk_earnings.yaml"]
t = vlib.Tally("uk boundaries", places=True)


def run(packs, freq, period, pay_date, emps, ytd=None):
    return vlib.calc_paid(packs, emps, period, frequency=freq,
                          pay_date=pay_date, ytd=ytd)


# ---------------------------------------------------------------------
# PAYE.  Free pay for code 1257 (quotient method: code over 500):
# q = (1257 - 1) div 500 = 2, r = 1257 - 1,000 = 257;
#   weekly:  2 x (5,000 / 52 = 96.1538.. up to 96.16) + (2,579 / 52 =
#            49.596.. up to 49.60) = 241.92;
#   monthly: 2 x (5,000 / 12 = 416.666.. up to 416.67) + (2,579 / 12 =
#            214.916.. up to 214.92) = 1,048.26 (the direct (12,579 / 12)
#            up to the penny would give 1,048.25).
#
# 1. Scotland, weekly 500.00, code S1257L (cumulative), balances from
#    2025-26 (pay 26,000.00, tax 2,500.00 to 5 April 2026).
#  1a. Paid 2026-04-06: tax week 1 of 2026-27, the balances start again:
#      taxable 500.00 - 241.92 = 258.08, down to the pound 258; bands for
#      one week: starter 3,967 / 52 = 76.288461538..; 0.19 x 76.288461538
#      = 14.494807692 + 0.20 x (258 - 76.288461538) = 36.342307692 =
#      50.837115384, down to the penny 50.83 (rounded it would be 50.84;
#      with 2025-26 bands 51.05, below).
#  1b. Paid 2026-04-05: the 365th day of 2025-26, tax week 53, always on
#      the week 1 basis (statutory.md 3.2; the spec's week 53 rule), 2025-26
#      bands: starter 2,827 / 52 = 54.365384615; 0.19 x 54.365384615 =
#      10.329423077 + 0.20 x (258 - 54.365384615) = 40.726923077 =
#      51.056346154 -> 51.05.
YTD_2526 = {"uk_taxable_pay": "26000.00", "paye_tax": "2500.00"}
out = run(PAYE, "weekly", "2026-04-06", "2026-04-06",
          [{"employee_id": "P1a", "tax_code": "S1257L", "uk_test_pay": "500.00"}],
          [dict(YTD_2526, employee_id="P1a", last_pay_date="2026-04-05")])
r = out.get("P1a", {})
t.check("1a", "paye_tax", "50.83", r.get("paye_tax"))
t.check("1a", "uk_taxable_pay", "500.00", r.get("uk_taxable_pay"))
t.check_str("1a", "uk_fps_tax_code", "1257L", r.get("uk_fps_tax_code"))
t.check_str("1a", "uk_fps_tax_regime", "S", r.get("uk_fps_tax_regime"))
t.check_str("1a", "uk_fps_non_cumulative", "", r.get("uk_fps_non_cumulative"))
out = run(PAYE, "weekly", "2026-03-30", "2026-04-05",
          [{"employee_id": "P1b", "tax_code": "S1257L", "uk_test_pay": "500.00"}])
t.check("1b", "paye_tax", "51.05", out.get("P1b", {}).get("paye_tax"))

# 2. Wales, monthly, code C1257L (cumulative), paid 2026-04-06 (tax month
#    1 of 2026-27), 2,000.25, balances from 2025-26 (24,000.00 and
#    2,255.00 to 5 April): they start again; taxable 2,000.25 - 1,048.26
#    = 951.99 -> 951; 951 x 20% = 190.20 (with free pay 1,048.25: 952.00
#    -> 190.40; with the balances carried: pay to date 26,000.25, taxable
#    24,952, tax 4,990.40 - 2,255.00).
out = run(PAYE, "monthly", "2026-04-06", "2026-04-06",
          [{"employee_id": "P2", "tax_code": "C1257L", "uk_test_pay": "2000.25"}],
          [{"employee_id": "P2", "last_pay_date": "2026-04-05",
            "uk_taxable_pay": "24000.00", "paye_tax": "2255.00"}])
r = out.get("P2", {})
t.check("2", "paye_tax", "190.20", r.get("paye_tax"))
t.check_str("2", "uk_fps_tax_regime", "C", r.get("uk_fps_tax_regime"))

# 3. Rest of UK, monthly, 1257L cumulative, paid 2026-04-05 (tax month
#    12 of 2025-26, balances carried within the year: 22,000.00 of pay and
#    2,000.00 of tax to 5 March), 2,579.10: free pay to date 12 x 1,048.26
#    = 12,579.12; taxable 24,579.10 - 12,579.12 = 11,999.98 -> 11,999;
#    11,999 x 20% = 2,399.80 (all basic rate: 37,700 x 12/12); due
#    2,399.80 - 2,000.00 = 399.80.  (Free pay 1,048.25, or the blocks not
#    rounded up (12 x 1,048.2533..= 12,579.04): taxable 12,000 and 400.00.)
out = run(PAYE, "monthly", "2026-03-06", "2026-04-05",
          [{"employee_id": "P3", "tax_code": "1257L", "uk_test_pay": "2579.10"}],
          [{"employee_id": "P3", "last_pay_date": "2026-03-05",
            "uk_taxable_pay": "22000.00", "paye_tax": "2000.00"}])
r = out.get("P3", {})
t.check("3", "paye_tax", "399.80", r.get("paye_tax"))
t.check_str("3", "uk_fps_tax_regime", "", r.get("uk_fps_tax_regime"))

# 4. Scotland, monthly, S1257L M1, paid 2026-04-05 (tax month 12 of
#    2025-26) and 2026-04-06 (month 1 of 2026-27), 2,000.00: taxable
#    2,000 - 1,048.26 = 951.74 -> 951;
#    2025-26: starter 2,827 / 12 = 235.583..; 0.19 x 235.58333 =
#    44.7608333 + 0.20 x (951 - 235.58333) = 143.0833333 = 187.8441666
#    -> 187.84;
#    2026-27: starter 3,967 / 12 = 330.58333; 0.19 x 330.58333 =
#    62.8108333 + 0.20 x 620.41666 = 124.0833333 = 186.8941666 -> 186.89.
for pid, period, pay, want in (("P4a", "2026-03-06", "2026-04-05", "187.84"),
                               ("P4b", "2026-04-06", "2026-04-06", "186.89")):
    out = run(PAYE, "monthly", period, pay,
              [{"employee_id": pid, "tax_code": "S1257L M1",
                "uk_test_pay": "2000.00"}])
    r = out.get(pid, {})
    t.check("4:" + pay, "paye_tax", want, r.get("paye_tax"))
    t.check_str("4:" + pay, "uk_fps_non_cumulative", "yes",
                r.get("uk_fps_non_cumulative"))

# 4c. Every band of each region on the first day of each tax year (the
#    2025-26 values from the pack's first day 6 April 2025, the 2026-27
#    ones from 6 April 2026; statutory.md 3.2, HMRC Rates and thresholds
#    for employers 2025 to 2026 and 2026 to 2027), monthly, code 1257L
#    M1 (C1257L, S1257L), 15,000.00: taxable 15,000 - 1,048.26 =
#    13,951.74 -> 13,951; month 1 band limits = annual / 12, unrounded.
#    Rest of UK and Wales, both years: 20% x 37,700/12 + 40% x
#    (125,140 - 37,700)/12 = (7,540 + 34,976)/12 = 3,543.00; 45% x
#    (13,951 - 125,140/12) = 6,277.95 - 4,692.75 = 1,585.20; 5,128.20.
#    Scotland: higher 42% x (62,430 - 31,092)/12 = 1,096.83; advanced 45% x
#    (125,140 - 62,430)/12 = 2,351.625; top 48% x (13,951 - 125,140/12) =
#    6,696.48 - 5,005.60 = 1,690.88; below 31,092:
#    2025-26: (19% x 2,827 + 20% x (14,921 - 2,827) + 21% x (31,092 -
#    14,921))/12 = (537.13 + 2,418.80 + 3,395.91)/12 = 529.32; total
#    5,668.655 -> 5,668.65;
#    2026-27: (19% x 3,967 + 20% x (16,956 - 3,967) + 21% x (31,092 -
#    16,956))/12 = (753.73 + 2,597.80 + 2,968.56)/12 = 526.674166..;
#    total 5,666.009166.. -> 5,666.00.
for pay, want_s in (("2025-04-06", "5668.65"), ("2026-04-06", "5666.00")):
    out = run(PAYE, "monthly", pay, pay,
              [{"employee_id": "R", "tax_code": "1257L M1",
                "uk_test_pay": "15000.00"},
               {"employee_id": "W", "tax_code": "C1257L M1",
                "uk_test_pay": "15000.00"},
               {"employee_id": "S", "tax_code": "S1257L M1",
                "uk_test_pay": "15000.00"}])
    for pid, want in (("R", "5128.20"), ("W", "5128.20"), ("S", want_s)):
        t.check("4c:%s:%s" % (pay, pid), "paye_tax, every band",
                want, out.get(pid, {}).get("paye_tax"))

# ---------------------------------------------------------------------
# Student and Postgraduate Loans, monthly 3,000.00, paid on the last day
# of 2025-26 (2026-04-05) and the first of 2026-27 (2026-04-06).  Monthly
# thresholds (annual / 12, down to the penny): 2025-26 Plan 1 2,172.08,
# Plan 2 2,372.50, Plan 4 2,728.75, PGL 1,750.00; 2026-27 Plan 1 26,900 /
# 12 = 2,241.666.. -> 2,241.66, Plan 2 2,448.75, Plan 4 2,816.25, Plan 5
# 25,000 / 12 = 2,083.333.. -> 2,083.33, PGL 1,750.00.
#   2025-26: Plan 1 (3,000 - 2,172.08) x 9% = 74.5128 -> 74; Plan 2
#     627.50 x 9% = 56.475 -> 56; Plan 4 271.25 x 9% = 24.4125 -> 24;
#     Plan 5 not collected through payroll: 0; PGL 1,250 x 6% = 75.
#   2026-27: Plan 1 758.34 x 9% = 68.2506 -> 68; Plan 2 551.25 x 9% =
#     49.6125 -> 49; Plan 4 183.75 x 9% = 16.5375 -> 16; Plan 5 916.67 x
#     9% = 82.5003 -> 82; PGL 75.
# (Written as the results print them: money to the penny, GBP's places.)
LOANS = (("1", "74.00", "68.00"), ("2", "56.00", "49.00"),
         ("4", "24.00", "16.00"), ("5", "0.00", "82.00"))
# The 2025-26 figures also on the pack's first day, 6 April 2025 (each
# value in force from it).
for period, pay, col in (("2025-04-06", "2025-04-06", 1),
                         ("2026-03-06", "2026-04-05", 1),
                         ("2026-04-06", "2026-04-06", 2)):
    emps = [{"employee_id": "SL" + p[0], "sl_plan": p[0], "pgl": "true",
             "uk_test_pay": "3000.00"} for p in LOANS]
    out = run(SL, "monthly", period, pay, emps)
    for p in LOANS:
        r = out.get("SL" + p[0], {})
        t.check("sl:%s:plan %s" % (pay, p[0]), "student_loan", p[col],
                r.get("student_loan"))
        t.check("sl:%s:plan %s" % (pay, p[0]), "postgraduate_loan", "75.00",
                r.get("postgraduate_loan"))
        want_plan = "" if p[col] == "0.00" else "0" + p[0]
        t.check_str("sl:%s:plan %s" % (pay, p[0]), "student_loan_plan",
                    want_plan, r.get("student_loan_plan"))

# Rounding (2026-27, monthly, paid 2026-05-05):
#  - a whole and a half pound is rounded down: Plan 2, pay 2,498.75:
#    50.00 x 9% = 4.50 -> 4 (half up: 5); PGL, pay 1,775.00: 25.00 x 6%
#    = 1.50 -> 1 (half up: 2);
#  - the threshold is rounded down to the penny: Plan 1, pay 2,341.66:
#    (2,341.66 - 2,241.66) x 9% = 9.00 -> 9 (with 2,241.67: 99.99 x 9% =
#    8.9991 -> 8).
out = run(SL, "monthly", "2026-04-06", "2026-05-05", [
    {"employee_id": "T2", "sl_plan": "2", "pgl": "false", "uk_test_pay": "2498.75"},
    {"employee_id": "TP", "sl_plan": "none", "pgl": "true", "uk_test_pay": "1775.00"},
    {"employee_id": "T1", "sl_plan": "1", "pgl": "false", "uk_test_pay": "2341.66"}])
t.check("tie:plan 2", "student_loan", "4.00", out.get("T2", {}).get("student_loan"))
t.check("tie:pgl", "postgraduate_loan", "1.00",
        out.get("TP", {}).get("postgraduate_loan"))
t.check("threshold:plan 1", "student_loan", "9.00",
        out.get("T1", {}).get("student_loan"))

# ---------------------------------------------------------------------
# Class 1 NI rounding (rules/uk/nic; Social Security (Contributions)
# Regulations 2001 reg. 12(1): "a halfpenny or less is disregarded"; HMRC
# rules for rounding: the third decimal place 5 or less down, 6 or more
# up, further decimals ignored).  Category A, monthly, 2026-27 (paid
# 2026-05-05): PT 1,048, UEL 4,189, ST 417 (statutory.md 3.3); 8 % / 2 %
# employee, 15 % employer.
#  - 1,148.07: employee 8 % x 100.07 = 8.0056: third decimal 5 -> 8.00
#    (half up on the whole value: 8.01); employer 15 % x 731.07 =
#    109.6605 -> 109.66.
#  - 1,148.08: employee 8 % x 100.08 = 8.0064: third decimal 6 -> 8.01.
#  - 517.10 (under the LEL 559: no employee NI): employer 15 % x 100.10 =
#    15.015 -> 15.01 (half up: 15.02).
#  - 4,289.25: employee 8 % x 3,141 = 251.28, plus 2 % x 100.25 = 2.005
#    -> 2.00 (each part rounded on its own): 253.28; employer 15 % x
#    3,772 = 565.80 plus 15 % x 100.25 = 15.0375 (third decimal 7: up)
#    -> 15.04: 580.84.
NIC = ["rules/uk/nic", "tests/vectors/packs/uk_earnings.yaml"]
out = run(NIC, "monthly", "2026-04-06", "2026-05-05", [
    {"employee_id": "N1", "ni_category": "A", "uk_test_pay": "1148.07"},
    {"employee_id": "N2", "ni_category": "A", "uk_test_pay": "1148.08"},
    {"employee_id": "N3", "ni_category": "A", "uk_test_pay": "517.10"},
    {"employee_id": "N4", "ni_category": "A", "uk_test_pay": "4289.25",
     "class1a_benefits": "250.5"}])
# The information outputs, each with its 2 places (docs/packs-uk.md):
# uk_ni_earnings is the pay (no deduction is tagged uk_nic_exempt here);
# uk_class1a_benefits is the input class1a_benefits as given (N4:
# 250.5 -> 250.50), else 0.00.
for nid, ee, er, ni_earn, c1a in (
        ("N1", "8.00", "109.66", "1148.07", "0.00"),
        ("N2", "8.01", None, "1148.08", "0.00"),
        ("N3", "0.00", "15.01", "517.10", "0.00"),
        ("N4", "253.28", "580.84", "4289.25", "250.50")):
    r = out.get(nid, {})
    t.check("ni:" + nid, "ni_employee", ee, r.get("ni_employee"))
    if er:
        t.check("ni:" + nid, "ni_employer", er, r.get("ni_employer"))
    t.check("ni:" + nid, "uk_ni_earnings", ni_earn, r.get("uk_ni_earnings"))
    t.check("ni:" + nid, "uk_class1a_benefits", c1a,
            r.get("uk_class1a_benefits"))

sys.exit(0 if t.done() else 1)
