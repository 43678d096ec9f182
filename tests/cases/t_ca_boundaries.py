#!/usr/bin/env python3
"""Boundary cases of the Canadian packs, rules/ca/cpp-ei and rules/ca/tax
(issue 13 section 4): the tax-year start (balances to date start again on
1 January), each dated change on its first day (the 121st edition of
T4127 from 1 July 2025, the 122nd from 1 January 2026), the CPP maximum
contribution, the CPP2 band (YMPE to the CPP2 maximum) and the EI maximum
insurable earnings crossed within a pay period, a transfer from Quebec,
Quebec (QPP and the Quebec EI rate), and a half-cent tie for each rounding
the packs do.

Every expected value is worked by hand below from CRA T4127 Payroll
Deductions Formulas: 120th ed. (January 2025), 121st ed. (July 2025),
122nd ed. (January 2026), read in the PDFs stored in
beanflowai/Beanflow-Payroll@bbd6dfc43ae8:docs/tax-tables/{2025/01,2025/07,
2026/01}/t4127-*.pdf (the copies the packs cite).  None comes from running
this code.  Rounding (T4127 ch. 1): the CPP basic exemption per period is
truncated to the cent; contributions, premiums and tax for the period are
rounded to the cent, a third digit of 5 or more up; rate ratios are not
rounded.  A tie below is an exact half cent whose cent digit is even, so
that half up, half even and truncation give three different answers (or
at least half up differs from both others).

Roundings with no exact half-cent tie (checked, so none can be written):
  - F5 = C x 0.0100/0.0595: C in cents c gives 20c/119 cents, never a
    half-integer (40c = 119 x odd is impossible, 40c being even);
  - the EI employer premium, 1.4 x the employee's (0.02282/0.0163 = 1.4
    exactly; QC 0.01820/0.0130 = 1.4): 14e/10 cents has tenths 14e mod
    10, always even;
  - C2 = 0.04 x pensionable cents: 0.04x cents is a multiple of 0.04 cent;
  - K2 per term, 0.14 x (12 x C x ratio): a monthly 12 x cents is even.
Not covered: Option 2 (T4127 ch. 5) has no boundary case here (its only
test is the guide's Option 2 example in tests/vectors/t_ca_t4127.py);
QPIP (T4127 Table 8.8) is not computed by the packs."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

CPP = ["rules/ca/cpp-ei", "tests/vectors/packs/ca_earnings.yaml"]
TAX = ["rules/ca/cpp-ei", "rules/ca/tax", "tests/vectors/packs/ca_earnings.yaml"]
t = vlib.Tally("ca boundaries", places=True)


def run(packs, pay_date, ytd_last=None, ytd=None, **fields):
    """One monthly employee paid on pay_date, in the month of pay_date.
    ytd: balances to date, carried from a last pay date ytd_last."""
    e = {"employee_id": "E1"}
    e.update(fields)
    y = None
    if ytd is not None:
        y = [dict(ytd, employee_id="E1", last_pay_date=ytd_last)]
    out, rej, err = vlib.calc(packs, [e], pay_date[:7], frequency="monthly",
                              pay_date=pay_date, ytd=y)
    if "E1" not in out:
        print("  E1 rejected: %s" % ([r.get("message") for r in rej] or
                                     err.strip()))
    return out.get("E1", {})


def expect(cid, row, **cols):
    for k, v in cols.items():
        t.check(cid, k, v, row.get(k))


# ---------------------------------------------------------------------
# 1. The tax-year start and the 2026 figures (T4127 ch. 6 and 7; Tables
#    8.3, 8.6, 8.7).  Ontario, monthly (P = 12), 10,000.00 a month.
#    Balances at the 2025 maxima: D 4,034.10 (120th ed. Table 8.3),
#    D2 396.00 (Table 8.6), D1 1,077.48 and 65,700 of insurable earnings
#    (Table 8.7).
MAXED_2025 = {"ca_cpp": "4034.10", "ca_cpp2": "396.00", "ca_ei": "1077.48",
              "ca_pensionable": "110000.00", "ca_ei_insurable": "65700.00",
              "ca_insurable": "110000.00", "ca_t4_pensionable": "81200.00"}
ON10K = dict(ca_province="ON", ca_test_salary="10000.00")
#  1a. Paid 2025-12-31, balances to 2025-11-30: every 2025 maximum is
#      reached, nothing is due.  (With the 2026 maximum a day early, C
#      would be 4,230.45 - 4,034.10 = 196.35.)  The exemption is
#      $3,500 / 12 = 291.666.. truncated: 291.66 (Table 6.1).
row = run(CPP, "2025-12-31", "2025-11-30", MAXED_2025, **ON10K)
expect("1a", row, ca_cpp="0.00", ca_cpp2="0.00", ca_ei="0.00",
       ca_ei_insurable="0.00", ca_pensionable="10000.00",
       ca_cpp_exemption="291.66", ca_f5="0.00", ca_cpp_employer="0.00",
       ca_ei_employer="0.00", ca_t4_pensionable="0.00")
#  1b. Paid 2026-01-01 (the first day of the year), balances to
#      2025-12-31: they start again at 0 (the packs' year_start 01-01).
#      C = 0.0595 x (10,000 - 291.66) = 0.0595 x 9,708.34 = 577.646230
#      -> 577.65 (the room, 4,230.45, is larger); C2: W = max(PIYTD 0,
#      YMPE 74,600 x 12/12) = 74,600, (0 + 10,000 - 74,600) x 0.04 < 0
#      -> 0; EI = 0.0163 x 10,000 = 163.00 (2026 rate); employer EI
#      163.00 x 0.02282/0.0163 = 163.00 x 1.4 = 228.20; F5 = 577.65 x
#      0.0100/0.0595 = 97.0840.. -> 97.08, + C2 0; F5A = F5 x (PI - B)/PI
#      = 97.08, F5B = 0.  Insurable earnings 10,000.00 (of 68,900);
#      T4 pensionable 10,000.00 (of the YAMPE 85,000).  (Counting
#      1 January in the old year: C = 196.35 as above, EI 0.00.)
row = run(CPP, "2026-01-01", "2025-12-31", MAXED_2025, **ON10K)
expect("1b", row, ca_cpp="577.65", ca_cpp2="0.00", ca_ei="163.00",
       ca_ei_employer="228.20", ca_cpp_employer="577.65",
       ca_cpp2_employer="0.00", ca_f5="97.08", ca_f5a="97.08",
       ca_f5b="0.00", ca_ei_insurable="10000.00",
       ca_t4_pensionable="10000.00", ca_qpp="0.00", ca_qpp2="0.00",
       ca_ei_qc="0.00")
#  1c. The same pay with no balances on 2025-12-31 (the last day of the
#      2025 figures): EI 0.0164 x 10,000 = 164.00 (120th ed. Table 8.7),
#      employer 164.00 x 0.02296/0.0164 = 164.00 x 1.4 = 229.60; C as in
#      1b (the rate and exemption did not change): 577.65.
row = run(CPP, "2025-12-31", **ON10K)
expect("1c", row, ca_ei="164.00", ca_ei_employer="229.60", ca_cpp="577.65")

# 2. Quebec (QPP, the Quebec EI rate) across 1 January 2026, 10,000.00
#    a month, no balances.
#    2025-12-31: QPP = 0.0640 x 9,708.34 = 621.333760 -> 621.33 (120th
#    ed. Table 8.3); EI = 0.0131 x 10,000 = 131.00 (Table 8.7), employer
#    131.00 x 0.01834/0.0131 = 183.40; F5Q = 621.33 x 0.0100/0.0640 =
#    97.0828.. -> 97.08.
#    2026-01-01: QPP = 0.0630 x 9,708.34 = 611.625420 -> 611.63 (122nd
#    ed. Table 8.3); EI = 0.0130 x 10,000 = 130.00, employer 130.00 x
#    0.01820/0.0130 = 182.00; F5Q = 611.63 / 6.30 = 97.0841.. -> 97.08.
#    No CPP or EI at the rate outside Quebec.
for pay, qpp, ei, er in (("2025-12-31", "621.33", "131.00", "183.40"),
                         ("2026-01-01", "611.63", "130.00", "182.00")):
    row = run(CPP, pay, ca_province="QC", ca_test_salary="10000.00")
    expect("2:" + pay, row, ca_qpp=qpp, ca_ei_qc=ei, ca_ei_employer=er,
           ca_cpp="0.00", ca_ei="0.00", ca_f5="97.08",
           ca_cpp_employer=qpp)

# 3. Maximums crossed within a period, 2026, Ontario, 10,000.00 a month,
#    balances as six, seven, eight months of that pay leave them.
#  3a. July (balances of six months): D = 6 x 577.65 = 3,465.90; PIYTD
#      60,000; D1 = 6 x 163.00 = 978.00 on 60,000 insurable.
#      C = min(4,230.45 - 3,465.90 = 764.55, 577.65) = 577.65;
#      C2 = (60,000 + 10,000 - 74,600) x 0.04 < 0 -> 0;
#      EI = min(1,123.07 - 978.00 = 145.07, 163.00) = 145.07 (the
#      maximum insurable earnings 68,900 reached in the month);
#      insurable earnings min(10,000, 68,900 - 60,000) = 8,900.00;
#      employer 145.07 x 1.4 = 203.098 -> 203.10.
row = run(CPP, "2026-07-31", "2026-06-30",
          {"ca_cpp": "3465.90", "ca_pensionable": "60000.00",
           "ca_ei": "978.00", "ca_ei_insurable": "60000.00",
           "ca_t4_pensionable": "60000.00"}, **ON10K)
expect("3a", row, ca_cpp="577.65", ca_cpp2="0.00", ca_ei="145.07",
       ca_ei_insurable="8900.00", ca_ei_employer="203.10")
#  3b. August: D = 3,465.90 + 577.65 = 4,043.55; PIYTD 70,000; EI at
#      its maximum 1,123.07.  C = min(4,230.45 - 4,043.55 = 186.90,
#      577.65) = 186.90 (the CPP maximum crossed); C2: W = max(70,000,
#      74,600) = 74,600, (70,000 + 10,000 - 74,600) x 0.04 = 5,400 x
#      0.04 = 216.00, less than 416.00 - 0 -> 216.00 (the YMPE crossed);
#      EI 0.00; F5 = 186.90 / 5.95 = 31.4117.. -> 31.41, + 216.00 =
#      247.41; T4 pensionable min(10,000, 85,000 - 70,000) = 10,000.00.
row = run(CPP, "2026-08-31", "2026-07-31",
          {"ca_cpp": "4043.55", "ca_pensionable": "70000.00",
           "ca_ei": "1123.07", "ca_ei_insurable": "68900.00",
           "ca_t4_pensionable": "70000.00"}, **ON10K)
expect("3b", row, ca_cpp="186.90", ca_cpp2="216.00", ca_ei="0.00",
       ca_ei_insurable="0.00", ca_f5="247.41", ca_cpp2_employer="216.00",
       ca_cpp_employer="186.90", ca_t4_pensionable="10000.00")
#  3c. September: D = 4,230.45, D2 = 216.00, PIYTD 80,000.  C = 0;
#      C2: W = max(80,000, 74,600) = 80,000, (80,000 + 10,000 - 80,000)
#      x 0.04 = 400.00, room 416.00 - 216.00 = 200.00 -> 200.00 (the
#      CPP2 maximum crossed); F5 = 0 + 200.00.  T4 pensionable earnings
#      min(10,000, 85,000 - 80,000) = 5,000.00 (the YAMPE crossed; the
#      rule that box 26 stops at the YAMPE is the pack's, marked
#      unverified there).
row = run(CPP, "2026-09-30", "2026-08-31",
          {"ca_cpp": "4230.45", "ca_cpp2": "216.00",
           "ca_pensionable": "80000.00", "ca_ei": "1123.07",
           "ca_ei_insurable": "68900.00", "ca_t4_pensionable": "80000.00"},
          **ON10K)
expect("3c", row, ca_cpp="0.00", ca_cpp2="200.00", ca_f5="200.00",
       ca_t4_pensionable="5000.00")
#  3d. October: D2 = 416.00: C2 = min(416.00 - 416.00, 400.00) = 0.
row = run(CPP, "2026-10-31", "2026-09-30",
          {"ca_cpp": "4230.45", "ca_cpp2": "416.00",
           "ca_pensionable": "90000.00", "ca_ei": "1123.07",
           "ca_ei_insurable": "68900.00", "ca_t4_pensionable": "85000.00"},
          **ON10K)
expect("3d", row, ca_cpp2="0.00", ca_cpp="0.00", ca_t4_pensionable="0.00")

#  3e. W is PIYTD once it passes the YMPE (T4127 ch. 6, W = the greater
#      of PIYTD and YMPE x PM/12): PIYTD 76,000, D2 = (76,000 - 74,600) x
#      0.04 = 56.00, D at its maximum, 2,000.00 paid: W = 76,000;
#      C2 = min(416.00 - 56.00 = 360.00, (76,000 + 2,000 - 76,000) x 0.04
#      = 80.00) = 80.00 (with W = YMPE: 3,400 x 0.04 = 136.00); C 0.00.
row = run(CPP, "2026-11-30", "2026-10-31",
          {"ca_cpp": "4230.45", "ca_cpp2": "56.00",
           "ca_pensionable": "76000.00", "ca_ei": "1123.07",
           "ca_ei_insurable": "68900.00", "ca_t4_pensionable": "76000.00"},
          ca_province="ON", ca_test_salary="2000.00")
expect("3e", row, ca_cpp2="80.00", ca_cpp="0.00", ca_f5="80.00")

#  3f. The same in Quebec (QPP, QPP2; T4127 ch. 6 with DQ, D2Q, 0.0630):
#      DQ 4,400.00, PIYTD 70,000, 10,000.00 paid in August 2026:
#      QPP = min(4,479.30 - 4,400.00 = 79.30, 0.0630 x 9,708.34 =
#      611.63) = 79.30; QPP2 = min(416.00 - 0, (70,000 + 10,000 - 74,600)
#      x 0.04 = 216.00) = 216.00; F5Q = 79.30 x 0.0100/0.0630 = 12.5873..
#      -> 12.59, + 216.00 = 228.59; employer QPP2 216.00; no CPP2.
row = run(CPP, "2026-08-31", "2026-07-31",
          {"ca_qpp": "4400.00", "ca_pensionable": "70000.00"},
          ca_province="QC", ca_test_salary="10000.00")
expect("3f", row, ca_qpp="79.30", ca_qpp2="216.00", ca_cpp2="0.00",
       ca_f5="228.59", ca_cpp2_employer="216.00", ca_cpp_employer="79.30")

# 4. A transfer from Quebec (T4127 ch. 6, "transferred ... from Quebec to
#    a location outside Quebec"): C = min(4,230.45 x 12/12 - [(DQ x
#    (0.0595/0.0630)) + D], 0.0595 x [PI - 3,500/P]), the ratio not
#    rounded.  DQ 1,000.00, D 3,000.00: 1,000 x 0.0595/0.0630 =
#    944.4444..; room 4,230.45 - 3,944.4444.. = 286.00555.. -> 286.01
#    (with the ratio rounded to 0.94: 290.45; to 0.9444: 286.05).
row = run(CPP, "2026-10-31", "2026-09-30",
          {"ca_qpp": "1000.00", "ca_cpp": "3000.00",
           "ca_pensionable": "60000.00"}, **ON10K)
expect("4", row, ca_cpp="286.01", ca_qpp="0.00")

# 5. PM = 6 (T4127 glossary: months with contributions required), room
#    not rounded before the contribution is: 4,230.45 x 6/12 = 2,115.225;
#    D 2,000.00: room 115.225, less than 577.65 -> 115.23 (half up; half
#    even and truncation 115.22).  C2: W = max(PIYTD 40,000, 74,600 x
#    6/12 = 37,300) = 40,000; (40,000 + 10,000 - 40,000) x 0.04 = 400.00;
#    room 416.00 x 6/12 - 0 = 208.00 -> 208.00.  F5 = 115.23 / 5.95 =
#    19.3663.. -> 19.37, + 208.00 = 227.37.  EI (no balance): 163.00,
#    insurable min(10,000, 68,900 - 40,000) = 10,000.00.
row = run(CPP, "2026-07-31", "2026-06-30",
          {"ca_cpp": "2000.00", "ca_pensionable": "40000.00",
           "ca_ei_insurable": "40000.00"}, ca_cpp_months="6", **ON10K)
expect("5", row, ca_cpp="115.23", ca_cpp2="208.00", ca_f5="227.37",
       ca_ei="163.00", ca_ei_insurable="10000.00")

# 6. Half-cent ties of each contribution and premium (2026, monthly).
#  6a. CPP: PI 321.66: 0.0595 x (321.66 - 291.66) = 0.0595 x 30.00 =
#      1.785 -> 1.79 (half even, truncation: 1.78); the exemption
#      truncated (rounded it would be 291.67: 0.0595 x 29.99 = 1.784405
#      -> 1.78).  EI 0.0163 x 321.66 = 5.243058 -> 5.24; F5 = 1.79 / 5.95
#      = 0.3008.. -> 0.30.
row = run(CPP, "2026-03-31", ca_province="ON", ca_test_salary="321.66")
expect("6a", row, ca_cpp="1.79", ca_cpp_exemption="291.66", ca_ei="5.24",
       ca_f5="0.30")
#  6b. EI: IE 5,150.00: 0.0163 x 5,150 = 83.945 -> 83.95 (half even
#      83.94); employer 83.95 x 1.4 = 117.53; CPP 0.0595 x (5,150 -
#      291.66) = 0.0595 x 4,858.34 = 289.07123 -> 289.07.
row = run(CPP, "2026-03-31", ca_province="ON", ca_test_salary="5150.00")
expect("6b", row, ca_ei="83.95", ca_ei_employer="117.53", ca_cpp="289.07")
#  6c. EI 2025 rate: IE 5,012.50 x 0.0164 = 82.205 -> 82.21 (half even
#      82.20); employer 82.21 x 1.4 = 115.094 -> 115.09.
row = run(CPP, "2025-03-31", ca_province="ON", ca_test_salary="5012.50")
expect("6c", row, ca_ei="82.21", ca_ei_employer="115.09")
#  6d. QPP: PI 3,306.66: 0.0630 x (3,306.66 - 291.66) = 0.0630 x 3,015 =
#      189.945 -> 189.95 (half even 189.94); EI QC 0.0130 x 3,306.66 =
#      42.98658 -> 42.99; F5Q = 189.95 x 0.0100/0.0630 = 30.1507.. -> 30.15.
row = run(CPP, "2026-03-31", ca_province="QC", ca_test_salary="3306.66")
expect("6d", row, ca_qpp="189.95", ca_ei_qc="42.99", ca_f5="30.15")
#  6e. EI at the Quebec rate: IE 5,005.00 x 0.0130 = 65.065 -> 65.07
#      (half even 65.06); employer 65.07 x 1.4 = 91.098 -> 91.10; QPP
#      0.0630 x (5,005 - 291.66) = 0.0630 x 4,713.34 = 296.94042 -> 296.94.
row = run(CPP, "2026-03-31", ca_province="QC", ca_test_salary="5005.00")
expect("6e", row, ca_ei_qc="65.07", ca_ei_employer="91.10", ca_qpp="296.94")
#  6f. F5A and F5B (T4127 ch. 4: F5A = F5 x ((PI - B)/PI), F5B = F5 x
#      (B/PI)), each rounded: 4,000.00 of salary and a 2,400.00 bonus:
#      PI 6,400; C = 0.0595 x (6,400 - 291.66) = 363.44623 -> 363.45;
#      F5 = 363.45 / 5.95 = 61.0840.. -> 61.08; F5B = 61.08 x 2,400 /
#      6,400 = 22.905 -> 22.91 (half even 22.90); F5A = 61.08 x 4,000 /
#      6,400 = 38.175 -> 38.18.  EI 0.0163 x 6,400 = 104.32.
row = run(CPP, "2026-03-31", ca_province="ON", ca_test_salary="4000.00",
          ca_test_bonus="2400.00")
expect("6f", row, ca_cpp="363.45", ca_f5="61.08", ca_f5b="22.91",
       ca_f5a="38.18", ca_ei="104.32", ca_pensionable="6400.00")
#  6g. A period paying only a non-periodic payment has no basic
#      exemption (T4127 ch. 6: "also do this if a non-periodic payment
#      is made and no regular remuneration is paid ... to avoid allowing
#      the basic exemption"): a 1,000.00 bonus alone: C = 0.0595 x 1,000
#      = 59.50 (with the exemption: 42.15); F5B = F5 = 59.50 / 5.95 =
#      10.00, F5A 0.00.
row = run(CPP, "2026-03-31", ca_province="ON", ca_test_bonus="1000.00")
expect("6g", row, ca_cpp="59.50", ca_cpp_exemption="0.00", ca_f5b="10.00",
       ca_f5a="0.00")

# ---------------------------------------------------------------------
# 7. Income tax across the dated editions (T4127 ch. 4, Option 1).
#    Alberta, monthly 5,000.00, CPP and EI exempt (C = EI = F5 = 0, so
#    K2 = K2P = 0), no Form TD1: A = 12 x 5,000 = 60,000.00; TC = BPAF
#    (NI 60,000 at most the lower threshold); K4 = lowest rate x
#    min(60,000, CEA).  T1 = T3 = R x A - K - K1 - K4, tax T1 / 12.
#  - 2025-06-30 (120th ed.): R 0.2050, K 3,156 (A from 57,375; Table
#    8.1); K1 = 0.15 x 16,129 = 2,419.35; K4 = 0.15 x 1,471 = 220.65;
#    T3 = 12,300 - 3,156 - 2,419.35 - 220.65 = 6,504.00 -> 542.00.
#    Alberta: V 0.10, KP 0 (A below 151,234); K1P = 0.10 x 22,323 =
#    2,232.30; T4 = 6,000 - 2,232.30 = 3,767.70; T2 = T4 (no K5P yet);
#    3,767.70 / 12 = 313.975 -> 313.98.
#  - 2025-07-01 and 2025-12-31 (121st ed., "starting with your first
#    payroll in July 2025"): R 0.2050, K 3,729; K1 = 0.14 x 16,129 =
#    2,258.06; K4 = 0.14 x 1,471 = 205.94; T3 = 12,300 - 3,729 -
#    2,258.06 - 205.94 = 6,107.00 / 12 = 508.9166.. -> 508.92.
#    Alberta: A 60,000 in the bracket from 60,000: V 0.10, KP 2,400;
#    K1P = 0.06 x 22,323 = 1,339.38; K5P = max(0, (1,339.38 - 3,600) x
#    0.04/0.06) = 0; T4 = 6,000 - 2,400 - 1,339.38 = 2,260.62 / 12 =
#    188.385 -> 188.39 (half even 188.38).
#  - 2026-01-01 (122nd ed.): R 0.2050, K 3,804 (A from 58,523); K1 =
#    0.14 x 16,452 = 2,303.28; K4 = 0.14 x 1,501 = 210.14; T3 = 12,300 -
#    3,804 - 2,303.28 - 210.14 = 5,982.58 / 12 = 498.5483.. -> 498.55.
#    Alberta: A 60,000 under the new 61,200 threshold: V 0.08, KP 0;
#    K1P = 0.08 x 22,769 = 1,821.52; K5P: 1,821.52 < 4,896 -> 0;
#    T4 = 4,800 - 1,821.52 = 2,978.48 / 12 = 248.2066.. -> 248.21.
AB5K = dict(ca_province="AB", ca_test_salary="5000.00", ca_cpp_exempt="y",
            ca_ei_exempt="y")
for pay, fed, ab, k1, k4 in (
        ("2025-06-30", "542.00", "313.98", "2419.35", "220.65"),
        ("2025-07-01", "508.92", "188.39", "2258.06", "205.94"),
        ("2025-12-31", "508.92", "188.39", "2258.06", "205.94"),
        ("2026-01-01", "498.55", "248.21", "2303.28", "210.14")):
    row = run(TAX, pay, **AB5K)
    expect("7:" + pay, row, ca_federal_tax=fed, ca_provincial_tax=ab,
           ca_federal_tax_periodic=fed, ca_provincial_tax_periodic=ab,
           ca_federal_tax_nonperiodic="0.00",
           ca_provincial_tax_nonperiodic="0.00", ca_a="60000",
           ca_k1=k1, ca_k4=k4, ca_k2="0", ca_extra_tax="0.00",
           ca_opt2_tax_to_date="0")

#  7b. An A between the 2025 and the 2026 second federal threshold
#    (57,375 and 58,523), Ontario, 4,850.00 a month, CPP and EI exempt:
#    A = 58,200.00.
#  - 2025-12-31 (121st ed.): R 0.2050, K 3,729; T3 = 11,931 - 3,729 -
#    2,258.06 - 205.94 = 5,738.00 / 12 = 478.1666.. -> 478.17.  Ontario
#    (121st ed. Table 8.1: V 0.0915, KP 2,168 from 52,886; Table 8.2 BPA
#    12,747): T4 = 5,325.30 - 2,168 - 0.0505 x 12,747 (643.7235) =
#    2,513.5765; V2 = min(600, 450 + 0.25 x 10,200) = 600; S = max(0,
#    2 x 294 - 2,513.58..) = 0; T2 = 3,113.5765 / 12 = 259.4647.. ->
#    259.46.
#  - 2026-01-01 (122nd ed.): R 0.14, K 0 (A under 58,523); T3 = 0.14 x
#    58,200 - 2,303.28 - 210.14 = 8,148 - 2,513.42 = 5,634.58 / 12 =
#    469.5483.. -> 469.55.  Ontario: V 0.0915, KP 2,210 (from 53,891);
#    T4 = 5,325.30 - 2,210 - 655.9445 = 2,459.3555; V2 600; S 0;
#    T2 = 3,059.3555 / 12 = 254.9462.. -> 254.95.
for pay, fed, on in (("2025-12-31", "478.17", "259.46"),
                     ("2026-01-01", "469.55", "254.95")):
    row = run(TAX, pay, ca_province="ON", ca_test_salary="4850.00",
              ca_cpp_exempt="y", ca_ei_exempt="y")
    expect("7b:" + pay, row, ca_federal_tax=fed, ca_provincial_tax=on,
           ca_a="58200")

#  7c. Every province and territory across 1 January 2026, A = 30,000
#    (2,500.00 a month, CPP and EI exempt): in every jurisdiction's first
#    bracket (KP 0), so T4 = V x (30,000 - basic amount); Yukon also
#    less K4P = V x CEA; Ontario plus V2 = min(300, 0.06 x (30,000 -
#    20,000)) = 300 and less S = max(0, 2 x S2 - T4) = 0; British
#    Columbia less S = min(T4, S2 - (30,000 - from) x 3.56%); Alberta's
#    K5P is 0 (K1P under 3,600 in 2025, 4,896 in 2026).  Tax T2 / 12.
#    2025-07-01 (its first day) and 2025-12-31: the 121st ed. Table 8.1
#    and 8.2 (AB 0.06 prorated, MB
#    BPAMB 15,591 prorated, PE 15,050, SK 19,991; NS BPANS = 11,744 +
#    (30,000 - 25,000) x 6% = 12,044, the 121st ed.'s formula); BC's S
#    from the 120th ed. (562, from 25,020).  2026-01-01: the 122nd ed.
#    Federal: 0.14 x (30,000 - BPAF - CEA): 2025 0.14 x (30,000 -
#    16,129 - 1,471) = 1,736.00 / 12 = 144.666.. -> 144.67; 2026 0.14 x
#    (30,000 - 16,452 - 1,501) = 1,686.58 / 12 = 140.5483.. -> 140.55.
PROV = (
    # prov, 2025-12-31 working, tax, 2026-01-01 working, tax
    ("AB", "0.06 x (30,000 - 22,323) = 460.62 / 12 = 38.385", "38.39",
           "0.08 x (30,000 - 22,769) = 578.48 / 12 = 48.2066..", "48.21"),
    ("BC", "0.0506 x (30,000 - 12,932) = 863.6408, S = 562 - 4,980 x "
           "0.0356 = 384.712: 478.9288 / 12 = 39.9107..", "39.91",
           "0.0506 x (30,000 - 13,216) = 849.2704, S = 575 - 4,430 x "
           "0.0356 = 417.292: 431.9784 / 12 = 35.9982", "36.00"),
    ("MB", "0.1080 x (30,000 - 15,591) = 1,556.172 / 12 = 129.681", "129.68",
           "0.1080 x (30,000 - 15,780) = 1,535.76 / 12 = 127.98", "127.98"),
    ("NB", "0.0940 x (30,000 - 13,396) = 1,560.776 / 12 = 130.0646..", "130.06",
           "0.0940 x (30,000 - 13,664) = 1,535.584 / 12 = 127.9653..", "127.97"),
    ("NL", "0.0870 x (30,000 - 11,067) = 1,647.171 / 12 = 137.26425", "137.26",
           "0.0870 x (30,000 - 11,188) = 1,636.644 / 12 = 136.387", "136.39"),
    ("NS", "0.0879 x (30,000 - 12,044) = 1,578.3324 / 12 = 131.5277", "131.53",
           "0.0879 x (30,000 - 11,932) = 1,588.1772 / 12 = 132.3481", "132.35"),
    ("NT", "0.0590 x (30,000 - 17,842) = 717.322 / 12 = 59.7768..", "59.78",
           "0.0590 x (30,000 - 18,198) = 696.318 / 12 = 58.0265", "58.03"),
    ("NU", "0.0400 x (30,000 - 19,274) = 429.04 / 12 = 35.7533..", "35.75",
           "0.0400 x (30,000 - 19,659) = 413.64 / 12 = 34.47", "34.47"),
    ("ON", "0.0505 x (30,000 - 12,747) = 871.2765 + 300 = 1,171.2765 / 12 "
           "= 97.6063..", "97.61",
           "0.0505 x (30,000 - 12,989) = 859.0555 + 300 = 1,159.0555 / 12 "
           "= 96.5879..", "96.59"),
    ("PE", "0.0950 x (30,000 - 15,050) = 1,420.25 / 12 = 118.3541..", "118.35",
           "0.0950 x (30,000 - 15,000) = 1,425.00 / 12 = 118.75", "118.75"),
    ("SK", "0.1050 x (30,000 - 19,991) = 1,050.945 / 12 = 87.57875", "87.58",
           "0.1050 x (30,000 - 20,381) = 1,009.995 / 12 = 84.16625", "84.17"),
    ("YT", "0.0640 x (30,000 - BPAYT 16,129 - CEA 1,471) = 793.60 / 12 = "
           "66.1333..", "66.13",
           "0.0640 x (30,000 - 16,452 - 1,501) = 771.008 / 12 = 64.2506..",
           "64.25"),
)
for pay, col, fed in (("2025-07-01", 2, "144.67"), ("2025-12-31", 2, "144.67"),
                      ("2026-01-01", 4, "140.55")):
    out, rej, err = vlib.calc(TAX, [
        {"employee_id": p[0], "ca_province": p[0], "ca_test_salary": "2500.00",
         "ca_cpp_exempt": "y", "ca_ei_exempt": "y"} for p in PROV],
        pay[:7], frequency="monthly", pay_date=pay)
    for p in PROV:
        row = out.get(p[0], {})
        expect("7c:%s:%s" % (p[0], pay), row, ca_provincial_tax=p[col],
               ca_federal_tax=fed)

#  7d. The 2026 brackets on their first day: for each jurisdiction an A
#    between its 2025 (121st ed.) and its 2026 (122nd ed.) second
#    threshold, so that 2026-01-01 puts it in the first bracket (V of
#    2026, KP 0) where the 2025 table had the second.  2026-01-01, CPP
#    and EI exempt, T4 as in 7c (Alberta: K1P 1,821.52 < 4,896, K5P 0;
#    British Columbia: A over 41,722, S 0; Ontario: V1 0, V2 = min(600,
#    450 + 0.25 x (A - 48,000)) = 600, S 0).
PROV26 = (
    # prov, monthly pay (A = 12 x), working, tax
    ("AB", "5050.00", "0.08 x 60,600 - 1,821.52 = 3,026.48 / 12 = 252.2066..", "252.21"),
    ("BC", "4150.00", "0.0506 x (49,800 - 13,216) = 1,851.1504 / 12 = 154.2625..", "154.26"),
    ("MB", "3900.00", "0.1080 x (46,800 - 15,780) = 3,350.16 / 12 = 279.18", "279.18"),
    ("NB", "4350.00", "0.0940 x (52,200 - 13,664) = 3,622.384 / 12 = 301.8653..", "301.87"),
    ("NL", "3700.00", "0.0870 x (44,400 - 11,188) = 2,889.444 / 12 = 240.787", "240.79"),
    ("NS", "2550.00", "0.0879 x (30,600 - 11,932) = 1,640.9172 / 12 = 136.7431", "136.74"),
    ("NT", "4400.00", "0.0590 x (52,800 - 18,198) = 2,041.518 / 12 = 170.1265", "170.13"),
    ("NU", "4600.00", "0.0400 x (55,200 - 19,659) = 1,421.64 / 12 = 118.47", "118.47"),
    ("ON", "4450.00", "0.0505 x (53,400 - 12,989) = 2,040.7555 + 600 = 2,640.7555 / 12 = 220.0629..", "220.06"),
    ("PE", "2800.00", "0.0950 x (33,600 - 15,000) = 1,767.00 / 12 = 147.25", "147.25"),
    ("SK", "4500.00", "0.1050 x (54,000 - 20,381) = 3,529.995 / 12 = 294.16625", "294.17"),
    ("YT", "4850.00", "0.0640 x (58,200 - 16,452 - 1,501) = 2,575.808 / 12 = 214.6506..", "214.65"),
)
out, rej, err = vlib.calc(TAX, [
    {"employee_id": p[0], "ca_province": p[0], "ca_test_salary": p[1],
     "ca_cpp_exempt": "y", "ca_ei_exempt": "y"} for p in PROV26],
    "2026-01", frequency="monthly", pay_date="2026-01-01")
for p in PROV26:
    expect("7d:" + p[0], out.get(p[0], {}), ca_provincial_tax=p[3])

# 8. The whole Option 1 on 2026-01-01 with CPP and EI, Ontario, 5,000.00
#    a month, balances from 2025 at their maxima (they start again):
#    C = 0.0595 x (5,000 - 291.66) = 280.14623 -> 280.15; EI = 0.0163 x
#    5,000 = 81.50; F5 = F5A = 280.15 / 5.95 = 47.0840.. -> 47.08;
#    A = 12 x (5,000 - 47.08) = 59,435.04.
#    K2 (ch. 4 step 2): 0.14 x (P x C x 0.0495/0.0595, max 3,519.45) +
#    0.14 x (P x EI, max 1,123.07), with C x ratio taken to the cent as
#    the guide's own example does (ch. 4 step 3: 52 x ($55.50 x
#    0.0495/0.0595) gives its $491.63 only as 52 x $46.17):
#    280.15 x 0.0495/0.0595 = 233.0659.. -> 233.07; x 12 = 2,796.84;
#    0.14 x 2,796.84 = 391.5576 -> 391.56; 0.14 x (12 x 81.50 = 978.00)
#    = 136.92; K2 = 528.48.  K1 = 2,303.28, K4 = 210.14 (as in 7).
#    T3 = 0.2050 x 59,435.04 - 3,804 - 2,303.28 - 528.48 - 210.14 =
#    12,184.1832 - 6,845.90 = 5,338.2832 / 12 = 444.8569.. -> 444.86.
#    Ontario (Table 8.1: V 0.0915, KP 2,210 from 53,891; Table 8.2 BPA
#    12,989): K1P = 0.0505 x 12,989 = 655.9445; K2P = 0.0505 x 2,796.84
#    = 141.24042 -> 141.24, + 0.0505 x 978.00 = 49.389 -> 49.39: 190.63;
#    T4 = 0.0915 x 59,435.04 - 2,210 - 655.9445 - 190.63 = 5,438.30616
#    - 3,056.5745 = 2,381.73166; V1 = 0 (T4 under 5,818); V2 = min(600,
#    450 + 0.25 x (59,435.04 - 48,000)) = 600; S = max(0, 2 x 300 -
#    2,381.73..) = 0; T2 = 2,981.73166 / 12 = 248.4776.. -> 248.48.
#    (With the 2025 balances carried, K2's CPP part would be at least
#    D x ratio = 3,356.10 and C = 196.35: a different tax.)
row = run(TAX, "2026-01-01", "2025-12-31", MAXED_2025, ca_province="ON",
          ca_test_salary="5000.00")
expect("8", row, ca_cpp="280.15", ca_ei="81.50", ca_f5a="47.08",
       ca_a="59435.04", ca_k1="2303.28", ca_k2="528.48", ca_k4="210.14",
       ca_federal_tax="444.86", ca_provincial_tax="248.48",
       ca_a_with_b="59435.04", ca_a_without_b="59435.04",
       ca_k2_with_b="528.48", ca_k2_without_b="528.48",
       ca_t1_with_b="5338.2832", ca_t1_without_b="5338.2832")

# 9. Ties of the tax for the period (ch. 1, "For income tax deductions"),
#    2026, Ontario, 5,000.00 a month, CPP and EI exempt (A 60,000.00),
#    Form TD1 claims TC 16,454 and TCP 13,000:
#    federal T3 = 12,300 - 3,804 - 0.14 x 16,454 (2,303.56) - 210.14 =
#    5,982.30 / 12 = 498.525 -> 498.53 (half even, truncation 498.52);
#    Ontario T4 = 0.0915 x 60,000 - 2,210 - 0.0505 x 13,000 (656.50) =
#    2,623.50; V1 0; V2 600; S 0; T2 = 3,223.50 / 12 = 268.625 -> 268.63
#    (half even, truncation 268.62).
row = run(TAX, "2026-04-30", ca_province="ON", ca_test_salary="5000.00",
          ca_cpp_exempt="y", ca_ei_exempt="y", ca_td1_claim="16454",
          ca_td1_prov_claim="13000")
expect("9", row, ca_federal_tax="498.53", ca_provincial_tax="268.63",
       ca_k1="2303.56")

# 10. BPAF (T4127 ch. 2, rounded half up to the cent) on an exact tie,
#    2026: between NI 181,440 and 258,482, BPAF = 16,452 - (NI - 181,440)
#    x (1,623 / 77,042), the division unrounded.  77,042 = 2 x 7 x 5,503
#    and 1,623 = 3 x 541, so the product ends in a half cent only where
#    NI - 181,440 is an odd multiple of 385.21: NI = 181,825.21 gives
#    385.21 x 1,623 / 77,042 = 8.115 and BPAF 16,443.885 -> 16,443.89
#    (half even, truncation 16,443.88).  NI = A + HD and A = 12 x I - F1
#    (CPP, EI exempt): I 15,200.00, F1 574.79: A = 181,825.21.
#    K1 = 0.14 x 16,443.89 = 2,302.1446.
#    Federal: R 0.29, K 15,685 (A from 181,440): T3 = 52,729.3109 -
#    15,685 - 2,302.1446 - 210.14 = 34,532.0263 / 12 = 2,877.6688.. ->
#    2,877.67.
#    Ontario: V 0.1216, KP 5,876 (A from 150,000): T4 = 0.1216 x
#    181,825.21 - 5,876 - 655.9445 = 22,109.945536 - 6,531.9445 =
#    15,578.001036; V1 (ch. 4 step 5) = 0.20 x (T4 - 5,818) + 0.36 x
#    (T4 - 7,446) = 0.20 x 9,760.001036 + 0.36 x 8,132.001036 =
#    1,952.0002072 + 2,927.52037296 = 4,879.52058016; V2 = min(750,
#    600 + 0.25 x (A - 72,000)) = 750; S = 0; T2 = 15,578.001036 +
#    4,879.52058016 + 750 = 21,207.52161616 / 12 = 1,767.2934.. ->
#    1,767.29.
row = run(TAX, "2026-01-31", ca_province="ON", ca_test_salary="15200.00",
          ca_cpp_exempt="y", ca_ei_exempt="y", ca_f1="574.79")
expect("10", row, ca_a="181825.21", ca_k1="2302.1446",
       ca_federal_tax="2877.67", ca_provincial_tax="1767.29")

# 10b. The same net income NI = 181,825.21 made of A and HD (the
#    prescribed-zone deduction, Form TD1): NI = A + HD (T4127 ch. 2,
#    BPAF), while A = 12 x I - HD - F1 (ch. 4 step 1).  HD 1,000.00:
#    A = 182,400.00 - 1,000.00 - 574.79 = 180,825.21, NI = 181,825.21 as
#    in case 10, so BPAF = 16,443.89 and K1 = 2,302.1446 again (an NI of
#    A - HD, 179,825.21, is under the threshold: BPAF 16,452, K1
#    2,303.28).
row = run(TAX, "2026-01-31", ca_province="ON", ca_test_salary="15200.00",
          ca_cpp_exempt="y", ca_ei_exempt="y", ca_f1="574.79",
          ca_hd="1000.00")
expect("10b", row, ca_a="180825.21", ca_k1="2302.1446")

# 11. Non-periodic payments: "If the result above [A with the payment] is
#    less than or equal to $5,000, deduct 15% tax" (ch. 4 step 3).  No
#    periodic pay, CPP and EI exempt (F5B 0), Ontario, 2026:
#  - a bonus of 5,000.00: A with it 5,000.00 -> 15% = 750.00 federal
#    (the whole flat tax shown as federal), 0.00 provincial;
#  - 5,000.01: over the limit, the regular method: T1 with = max(0,
#    0.14 x 5,000.01 - 2,303.28 - 0.14 x min(5,000.01, 1,501)) = 0, T1
#    without = 0, TB 0.00; Ontario 0.0505 x 5,000.01 - 655.9445 < 0 and
#    V2 0 (A under 20,000): 0.00;
#  - 1,000.30: 0.15 x 1,000.30 = 150.045 -> 150.05 (half even 150.04).
# (ca_a_with_b is an info output without places: printed without
# trailing zeros, docs/rules.md.)
for bonus, fed, a in (("5000.00", "750.00", "5000"),
                      ("5000.01", "0.00", "5000.01"),
                      ("1000.30", "150.05", "1000.3")):
    row = run(TAX, "2026-05-29", ca_province="ON", ca_test_bonus=bonus,
              ca_cpp_exempt="y", ca_ei_exempt="y")
    expect("11:" + bonus, row, ca_federal_tax_nonperiodic=fed,
           ca_provincial_tax_nonperiodic="0.00", ca_federal_tax=fed,
           ca_a_with_b=a, ca_a_without_b="0")

sys.exit(0 if t.done() else 1)
