#!/usr/bin/env python3
"""Boundary cases of the federal, company, UK NI and NACHA rules (issue 13
section 4): each dated change on its first day, the tax-year start, a
wage base crossed, a half-cent tie for each rounding, and a NACHA file
whose record count is a multiple of ten and one past it.  Every expected
value is worked by hand below from the source the pack cites; none comes
from running this code.  Each case kills a plausible one-line mutation
(a value taking effect a day late, the tax year's first day counted in
the old year, a wrong 2026 wage base or 2026-27 threshold, the Medicare
employer rate, the rounding mode of social security tax or of regular
pay, a NACHA block count that forgets the file control record)."""
import csv
import io
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

FED = "rules/us/federal"
COMPANY = "rules/company/example"
EARN = "tests/vectors/packs/us_earnings.yaml"
UK_NIC = "rules/uk/nic"
UK_EARN = "tests/vectors/packs/uk_earnings.yaml"
SSN = "123-45-6789"
t = vlib.Tally("boundaries", places=True)


def us(wages, **kw):
    e = {"employee_id": "E1", "national_id": SSN, "work_state": "TX",
         "wages": wages}
    e.update(kw)
    return e


def r1(out):
    return out.get("E1", {})


# 1. The social security wage base changes on 2026-01-01 (SSA; IRS Pub 15
#    (2026), What's New: $184,500; 2025: $176,100), by pay date (the
#    federal pack's effective: pay_date).  200,000.00 of wages, no YTD:
#    paid 2025-12-31: ss_wages = 176,100.00, ss_employee = 176,100 x 6.2%
#    = 10,918.20; paid 2026-01-01 (the first day of the new value):
#    184,500.00 and 11,439.00.
for pay, base, tax in (("2025-12-31", "176100.00", "10918.20"),
                       ("2026-01-01", "184500.00", "11439.00")):
    out, _, _ = vlib.calc([FED, EARN], [us("200000.00")], "2025-12",
                          pay_date=pay)
    t.check("1:" + pay, "SS wage base on the pay date", base,
            r1(out).get("ss_wages"))
    t.check("1:" + pay, "SS tax at the wage base", tax,
            r1(out).get("ss_employee"))

# 2. A wage base crossed in the period: YTD social security wages
#    180,000.00 before a 10,000.00 December 2026 pay: taxable
#    184,500 - 180,000 = 4,500.00; tax 4,500 x 6.2% = 279.00; Medicare has
#    no base: 10,000 x 1.45% = 145.00 employee and employer (IRS Pub 15
#    (2026), section 9: 1.45% each).  The employer's social security
#    share is the same 6.2% (Pub 15 (2026), section 9): 279.00 too (at
#    6.3% it would be 283.50).
out, _, _ = vlib.calc([FED, EARN], [us("10000.00")], "2026-12",
                      ytd=[{"employee_id": "E1", "last_pay_date": "2026-11-30",
                            "ss_wages": "180000.00",
                            "medicare_wages": "180000.00"}])
t.check("2", "SS wages crossing the base", "4500.00", r1(out).get("ss_wages"))
t.check("2", "SS tax crossing the base", "279.00", r1(out).get("ss_employee"))
t.check("2", "SS employer tax crossing the base", "279.00",
        r1(out).get("ss_employer"))
t.check("2", "Medicare employee 1.45%", "145.00",
        r1(out).get("medicare_employee"))
t.check("2", "Medicare employer 1.45%", "145.00",
        r1(out).get("medicare_employer"))

# 3. Half-cent ties, rounded half up as the pack states (IRS rounding to
#    the nearest cent; a half cent rounds up, as Pub 15-T's "increase
#    amounts from 50 to 99 cents" does for dollars):
#    7.50 x 6.2% = 0.465 -> 0.47 (half even would give 0.46);
#    10.00 x 1.45% = 0.145 -> 0.15 (half even 0.14).
out, _, _ = vlib.calc([FED, EARN], [us("7.50")], "2026-06")
t.check("3", "SS tie 0.465", "0.47", r1(out).get("ss_employee"))
t.check("3", "SS employer tie 0.465", "0.47", r1(out).get("ss_employer"))
out, _, _ = vlib.calc([FED, EARN], [us("10.00")], "2026-06")
t.check("3", "Medicare tie 0.145", "0.15", r1(out).get("medicare_employee"))
t.check("3", "Medicare employer tie 0.145", "0.15",
        r1(out).get("medicare_employer"))

# 4. The company's regular pay, rounded once half up (the company pack's
#    policy): 36,000.06 a year, a full month: 36,000.06 / 12 = 3,000.005
#    -> 3,000.01 (half even: 3,000.00; truncation: 3,000.00).
out, _, _ = vlib.calc([COMPANY], [{
    "employee_id": "E1", "pay_type": "salaried", "employment_type":
    "full_time", "hire_date": "2020-01-01", "annual_salary": "36000.06"}],
    "2026-06")
t.check("4", "regular pay tie 3000.005", "3000.01",
        r1(out).get("regular_pay"))

# 5. The UK tax year starts on 6 April (ITEPA 2003 s. 4; the NI pack's
#    year_start).  The lower earnings limit is 542 a month in 2025-26 and
#    559 in 2026-27 (HMRC Rates and thresholds for employers 2026 to 2027);
#    the primary threshold 1,048 in both.  600.00 of pay, category A:
#    paid 2026-04-05 (the last day of 2025-26): at LEL 542.00, LEL to PT
#    58.00; paid 2026-04-06 (the first day of 2026-27): 559.00 and 41.00;
#    paid 2025-04-06 (the first day of 2025-26 and of the pack): 542.00
#    and 58.00.
for pay, lel, band in (("2025-04-06", "542.00", "58.00"),
                       ("2026-04-05", "542.00", "58.00"),
                       ("2026-04-06", "559.00", "41.00")):
    out, _, _ = vlib.calc([UK_NIC, UK_EARN], [{
        "employee_id": "E1", "uk_test_pay": "600.00", "ni_category": "A"}],
        "2025-04" if pay < "2026" else "2026-04", pay_date=pay)
    t.check("5:" + pay, "NI earnings at the LEL", lel,
            r1(out).get("ni_earnings_at_lel"))
    t.check("5:" + pay, "NI earnings LEL to PT", band,
            r1(out).get("ni_earnings_lel_to_pt"))

# 5c. The 2026-27 weekly and annual thresholds on their first day (paid
#    2026-04-06; HMRC Rates and thresholds for employers 2026 to 2027,
#    statutory.md 3.3: LEL 129 a week / 6,708 a year; PT 242 / 12,570; ST
#    96 / 5,000; UEL 967 / 50,270; the upper secondary thresholds UST
#    (M), AUST (H), VUST (V) 967 / 50,270 and FUST (F) / IZUST (N) 481 /
#    25,000 [unverified for 2026-27, as the pack's sources say: frozen at
#    the 2025-26 figures]; employee 8% to the UEL, 2% above; employer
#    15% above the ST or the category's upper secondary threshold).
#    Weekly 1,000.00: bands 129.00 / 113.00 / 725.00; employee 8% x 725
#    + 2% x 33 = 58.00 + 0.66 = 58.66; employer A 15% x (967 - 96) + 15%
#    x 33 = 130.65 + 4.95 = 135.60; M, H, V 0 + 4.95 = 4.95; F, N 15% x
#    (967 - 481) + 4.95 = 72.90 + 4.95 = 77.85.
#    Annual 60,000.00: bands 6,708.00 / 5,862.00 / 37,700.00; employee 8%
#    x 37,700 + 2% x 9,730 = 3,016.00 + 194.60 = 3,210.60; employer A 15%
#    x 45,270 + 15% x 9,730 = 6,790.50 + 1,459.50 = 8,250.00; M, H, V
#    1,459.50; F, N 15% x 25,270 + 1,459.50 = 3,790.50 + 1,459.50 =
#    5,250.00.
#    Monthly 5,000.00 (UEL 4,189; ST 417; UST, AUST, VUST 4,189; FUST,
#    IZUST 2,083 [unverified for 2026-27, as above]): employee 8% x
#    (4,189 - 1,048) + 2% x 811 = 251.28 + 16.22 = 267.50; employer A 15%
#    x (4,189 - 417) + 15% x 811 = 565.80 + 121.65 = 687.45; M, H, V
#    121.65; F, N 15% x (4,189 - 2,083) + 121.65 = 315.90 + 121.65 =
#    437.55.
NI_CASES = (("monthly", "5000.00", ("559.00", "489.00", "3141.00"), "267.50",
             {"A": "687.45", "M": "121.65", "H": "121.65", "V": "121.65",
              "F": "437.55", "N": "437.55"}),
            ("weekly", "1000.00", ("129.00", "113.00", "725.00"), "58.66",
             {"A": "135.60", "M": "4.95", "H": "4.95", "V": "4.95",
              "F": "77.85", "N": "77.85"}),
            ("annual", "60000.00", ("6708.00", "5862.00", "37700.00"),
             "3210.60", {"A": "8250.00", "M": "1459.50", "H": "1459.50",
                         "V": "1459.50", "F": "5250.00", "N": "5250.00"}))
for freq, pay, bands, emp, ers in NI_CASES:
    out, _, _ = vlib.calc([UK_NIC, UK_EARN], [
        {"employee_id": "N" + c, "uk_test_pay": pay, "ni_category": c}
        for c in ers], "2026-04-06", frequency=freq, pay_date="2026-04-06")
    for c, er in ers.items():
        r = out.get("N" + c, {})
        cid = "5c:%s:%s" % (freq, c)
        t.check(cid, "NI employee 2026-27", emp, r.get("ni_employee"))
        t.check(cid, "NI employer 2026-27", er, r.get("ni_employer"))
        if c == "A":
            for name, want in zip(("ni_earnings_at_lel", "ni_earnings_lel_to_pt",
                                   "ni_earnings_pt_to_uel"), bands):
                t.check(cid, "NI band " + name, want, r.get(name))

# 5b. The tax year's first day in the engine itself: monthly pay dates
#    2026-04-05 (month 12 of 2025-26) and 2026-04-06 (month 1 of 2026-27,
#    where a balance carried from 2026-04-05 starts again at 0).
YEAR = os.path.relpath(os.path.join(os.path.dirname(__file__), "uk-year.yaml"),
                       vlib.ROOT)
ytd = [{"employee_id": "E1", "last_pay_date": "2026-03-31", "pay": "1100.00"}]
out, _, _ = vlib.calc([YEAR], [{"employee_id": "E1", "pay": "100.00"}],
                      "2026-03", pay_date="2026-04-05", ytd=ytd)
t.check("5b:2026-04-05", "tax month of 5 April", "12", r1(out).get("number"))
t.check("5b:2026-04-05", "balance carried within the year", "1100.00",
        r1(out).get("carried"))
ytd = [{"employee_id": "E1", "last_pay_date": "2026-04-05", "pay": "1200.00"}]
out, _, _ = vlib.calc([YEAR], [{"employee_id": "E1", "pay": "100.00"}],
                      "2026-04", pay_date="2026-04-06", ytd=ytd)
t.check("5b:2026-04-06", "tax month of 6 April", "1", r1(out).get("number"))
t.check("5b:2026-04-06", "balance reset on 6 April", "0.00",
        r1(out).get("carried"))

# 7. The annual percentage-method schedules change on 1 January, by pay
#    date: IRS Pub 15-T (2025) and (2026), Section 1, Worksheet 1A tables
#    (transcribed in /work/shared/reference/statutory.md 1.3; the pack's
#    fit.yaml).  10,000.00 a month (line 1c 120,000.00), 2020 W-4, no
#    other Step 4 entries.  Line 1g (Worksheet 1A): 12,900 married filing
#    jointly, 8,600 otherwise, 0 with the Step 2 box checked; so the
#    Adjusted Annual Wage Amount is 107,100 (MFJ), 111,400 (single, HoH)
#    or 120,000 (box checked).  Line 2g = tentative + rate x excess:
#    paid 2025-01-01 (2025 tables):
#      STANDARD single 111,400 in [109,750, 203,700): 17,651 + 24% x 1,650
#        = 18,047.00;  MFJ 107,100 in [40,950, 114,050): 2,385 + 12% x
#        66,150 = 10,323.00;  HoH 111,400 in [78,750, 117,250): 7,442 +
#        22% x 32,650 = 14,625.00;
#      CHECKBOX single 120,000 in [106,150, 132,763): 20,099.50 + 32% x
#        13,850 = 24,531.50;  MFJ 120,000 in [118,350, 212,300): 17,651 +
#        24% x 1,650 = 18,047.00;  HoH 120,000 in [109,900, 136,500):
#        19,230 + 32% x 10,100 = 22,462.00;
#    paid 2026-01-01 (2026 tables, their first day):
#      STANDARD single 111,400 in [57,900, 113,200): 5,800 + 22% x 53,500
#        = 17,570.00;  MFJ 107,100 in [44,100, 120,100): 2,480 + 12% x
#        63,000 = 10,040.00;  HoH 111,400 in [83,000, 121,250): 7,740 +
#        22% x 28,400 = 13,988.00;
#      CHECKBOX single 120,000 in [108,938, 136,163): 20,512 + 32% x
#        11,062 = 24,051.84;  MFJ 120,000 in [66,500, 121,800): 5,800 +
#        22% x 53,500 = 17,570.00;  HoH 120,000 in [112,950, 140,175):
#        19,603.50 + 32% x 7,050 = 21,859.50.
#    A schedule taking effect a day late would give the other year's
#    figure on 1 January.
FIT_CASES = (("single", "false"), ("mfj", "false"), ("hoh", "false"),
             ("single", "true"), ("mfj", "true"), ("hoh", "true"))
FIT_EXPECTED = {
    "2025-01-01": ("18047.00", "10323.00", "14625.00",
                   "24531.50", "18047.00", "22462.00"),
    "2026-01-01": ("17570.00", "10040.00", "13988.00",
                   "24051.84", "17570.00", "21859.50"),
}
for pay, period in (("2025-01-01", "2024-12"), ("2026-01-01", "2025-12")):
    emps = [us("10000.00", employee_id="F%d" % i, filing_status=fs,
               w4_version="2020", w4_step2_checkbox=box)
            for i, (fs, box) in enumerate(FIT_CASES)]
    out, _, _ = vlib.calc([FED, EARN], emps, period, pay_date=pay)
    for i, (fs, box) in enumerate(FIT_CASES):
        t.check("7:%s:%s%s" % (pay, fs, ":checkbox" if box == "true" else ""),
                "FIT line 2g on the schedules' first day",
                FIT_EXPECTED[pay][i],
                out.get("F%d" % i, {}).get("fit_tentative_annual"))

# 8. Half-cent ties in Worksheet 1A (IRS Pub 15-T (2026), Worksheet 1A;
#    the pack rounds lines 2f/2g, 2h and 3b to the cent half up, as
#    fit.yaml says; 2026 STANDARD single schedule, statutory.md 1.3).
#    a) 1,500.00 a month, Step 4(a) 0.05: 1c 18,000.00, 1e 18,000.05,
#       1g 8,600, AAWA 9,400.05, in [7,500, 19,900) at 10%: 2g = 0 + 10% x
#       1,900.05 = 190.005 -> 190.01 (half even or truncated: 190.00).
#    b) 1,500.00 a month, Step 4(b) 1.00: AAWA 18,000 - 8,601 = 9,399.00;
#       2g = 10% x 1,899.00 = 189.90; 2h = 189.90 / 12 = 15.825 -> 15.83
#       (half even or truncated: 15.82); 3c = 4b = 15.83.
#    c) 10,000.00 a month, Step 3 189.90: AAWA 111,400 (case 7), 2g
#       17,570.00, 2h = 17,570 / 12 = 1,464.1666.. -> 1,464.17; 3b =
#       189.90 / 12 = 15.825 -> 15.83 (half even: 15.82); 3c = 4b =
#       1,464.17 - 15.83 = 1,448.34.
out, _, _ = vlib.calc([FED, EARN], [
    us("1500.00", employee_id="G1", w4_step4a_other_income="0.05"),
    us("1500.00", employee_id="G2", w4_step4b_deductions="1.00"),
    us("10000.00", employee_id="G3", w4_step3_credits="189.90")], "2026-06")
t.check("8a", "FIT line 2g tie 190.005", "190.01",
        out.get("G1", {}).get("fit_tentative_annual"))
t.check("8b", "FIT line 2h tie 15.825", "15.83",
        out.get("G2", {}).get("fit_withholding"))
t.check("8c", "FIT line 3b tie 15.825", "1448.34",
        out.get("G3", {}).get("fit_withholding"))

# 9. Supplemental wages, flat rate method (IRS Pub 15 (2026), section 7:
#    22% optional flat rate; 37% mandatory on supplemental wages over
#    $1,000,000 in the calendar year; the pack rounds each part to the
#    cent half up).  No regular wages.
#    a) 100.75 of supplemental wages: 22% x 100.75 = 22.165 -> 22.17
#       (half even or truncated: 22.16).
#    b) YTD supplemental wages 1,000,000.00, 100.50 more: all of it at
#       37%: 37.185 -> 37.19 (half even or truncated: 37.18).
out, _, _ = vlib.calc([FED, EARN], [
    us("0.00", employee_id="H1", supplemental_wages="100.75"),
    us("0.00", employee_id="H2", supplemental_wages="100.50")], "2026-06",
    ytd=[{"employee_id": "H2", "last_pay_date": "2026-05-29",
          "fit_supplemental_wages": "1000000.00", "fit_wages": "1000000.00",
          "medicare_wages": "1000000.00", "ss_wages": "184500.00"}])
t.check("9a", "supplemental 22% tie 22.165", "22.17",
        out.get("H1", {}).get("fit_supplemental"))
t.check("9b", "supplemental 37% tie 37.185", "37.19",
        out.get("H2", {}).get("fit_supplemental"))

# 10. FUTA credit reductions change on 1 January, by pay date (IRS Pub 15
#    (2026), section 14: 0.6% net on the first 7,000; Form 940 Schedule
#    A: plus the credit reduction of the work state for the year).
#    California: 0.9% for 2024 and 1.2% for 2025 (DOL final FUTA credit
#    reductions, as the pack's futa.yaml cites them, read there through
#    PayrollOrg and PolicyEngine-US [secondary]); 2026 not yet determined
#    (the pack's -1: no reduction withheld).  New York: 0.9% for 2024,
#    0.0% for 2025.  1,000.00 of wages, no YTD:
#      CA paid 2025-01-01: 1,000 x (0.6% + 1.2%) = 18.00 (a day late:
#        the 2024 0.9%, 15.00);  CA paid 2026-01-01: 1,000 x 0.6% = 6.00
#        (a day late: 18.00);  NY paid 2025-01-01: 6.00 (a day late:
#        15.00).
for pay, period, st, want in (("2025-01-01", "2024-12", "CA", "18.00"),
                              ("2026-01-01", "2025-12", "CA", "6.00"),
                              ("2025-01-01", "2024-12", "NY", "6.00")):
    out, _, _ = vlib.calc([FED, EARN], [us("1000.00", work_state=st)],
                          period, pay_date=pay)
    t.check("10:%s:%s" % (st, pay), "FUTA with the credit reduction of the "
            "year on its first day", want, r1(out).get("futa_employer"))

# 11. The company pack's hours and rates for the payslip, rounded half up
#    to 4 places (its policy, 10-earnings.yaml regular_hours and ot_rate):
#    hourly, 80.00005 hours reported: regular_hours 80.0001 (half even
#    or truncated: 80.0000); salaried 52,000.78 a year at 50 hours a week:
#    hourly equivalent 52,000.78 / (50 x 52) = 20.0003, overtime rate x
#    1.5 = 30.00045 -> 30.0005 (half even or truncated: 30.0004).
out, _, _ = vlib.calc([COMPANY], [
    {"employee_id": "K1", "pay_type": "hourly", "employment_type":
     "full_time", "hire_date": "2020-01-01", "hourly_rate": "20.00"},
    {"employee_id": "K2", "pay_type": "salaried", "employment_type":
     "full_time", "hire_date": "2020-01-01", "annual_salary": "52000.78",
     "standard_hours": "50"}], "2026-06",
    items=[{"employee_id": "K1", "wage_type": "hours", "amount": "80.00005"}])
t.check("11", "regular hours tie 80.00005", "80.0001",
        out.get("K1", {}).get("regular_hours"))
t.check("11", "overtime rate tie 30.00045", "30.0005",
        out.get("K2", {}).get("ot_rate"))

# 6. NACHA blocking (Nacha Operating Rules, Appendix One: records are
#    blocked by ten, the last block filled with records of 9s; the file
#    control record's block count counts every record, itself included).
#    A file of one batch has 4 records besides its entries: 6 entries make
#    10 records, one block and no filler; 7 make 11 records, two blocks
#    and 9 filler records.
ROOT = vlib.ROOT
SAMPLE = os.path.join(ROOT, "tests", "cli", "t3001-payroll-export-nacha-sample")
with open(os.path.join(SAMPLE, "results.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
for n, blocks, filler in ((6, 1, 0), (7, 2, 9)):
    with tempfile.TemporaryDirectory() as d:
        res = []
        for i in range(n):
            r = dict(rows[i % 2])
            r["employee_id"] = "EMP%03d" % (i + 1)
            res.append(r)
        rp = os.path.join(d, "results.csv")
        vlib.write_csv(rp, list(rows[0].keys()), res)
        p = subprocess.run(
            [os.path.join(ROOT, "bin", "payroll-export"), "-F", "nacha", "--unchecked",
             "-L", os.path.join(ROOT, "rules", "formats", "nacha-2026.yaml"),
             "-c", os.path.join(SAMPLE, "company.yaml"), rp],
            capture_output=True, text=True,
            env=dict(os.environ, SOURCE_DATE_EPOCH="1751025600"))
        lines = p.stdout.splitlines()
        fc = [l for l in lines if l.startswith("9") and not l.startswith("99")]
        t.check("6:%d" % n, "NACHA lines (blocked by ten)", str(blocks * 10),
                str(len(lines)))
        t.check("6:%d" % n, "NACHA filler records", str(filler),
                str(sum(1 for l in lines if l == "9" * 94)))
        t.check("6:%d" % n, "NACHA block count (file control 8-13)",
                str(blocks), fc[0][7:13] if fc else None)
        t.check("6:%d" % n, "NACHA entry/addenda count (file control 14-21)",
                "%08d" % n, fc[0][13:21] if fc else None)

sys.exit(0 if t.done() else 1)
