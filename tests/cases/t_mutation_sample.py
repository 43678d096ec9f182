#!/usr/bin/env python3
"""Cases for the mutations of tests/mutation/mutants.txt that the other
suites let through (issue 13, section 4).  Each case names the mutant it
kills; every expected value is worked by hand below from the source the
pack cites, never from running this code."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

FED = "rules/us/federal"
EARN = "tests/vectors/packs/us_earnings.yaml"
SL = ["rules/uk/student-loans", "tests/vectors/packs/uk_earnings.yaml"]
YEAR = os.path.relpath(os.path.join(os.path.dirname(__file__), "uk-year.yaml"),
                       vlib.ROOT)
SSN = "123-45-6789"
t = vlib.Tally("mutation sample")


def r1(out):
    return out.get("E1", {})


def us(wages, **kw):
    e = {"employee_id": "E1", "national_id": SSN, "work_state": "TX",
         "wages": wages}
    e.update(kw)
    return e


# 1. calc-ytd-year: balances last paid on the tax year's first day belong
#    to that year.  US year 1 January (the federal pack's year_start):
#    YTD social security wages 184,000.00, last paid 2026-01-01; a
#    10,000.00 pay on 2026-01-30: taxable min(10,000, 184,500 - 184,000) =
#    500.00 (IRS Pub 15 (2026): base $184,500), tax 500 x 6.2% = 31.00.
#    Were the YTD read as last year's, 10,000.00 and 620.00.
out, _, err = vlib.calc([FED, EARN], [us("10000.00")], "2026-01",
                        pay_date="2026-01-30",
                        ytd=[{"employee_id": "E1",
                              "last_pay_date": "2026-01-01",
                              "ss_wages": "184000.00",
                              "medicare_wages": "184000.00"}])
t.check("1:us", "SS wages after a YTD paid on 1 January", "500.00",
        r1(out).get("ss_wages"))
t.check("1:us", "SS tax after a YTD paid on 1 January", "31.00",
        r1(out).get("ss_employee"))
#    UK year 6 April (ITEPA 2003 s. 4): a balance of 1,200.00 last paid
#    on 2026-04-06 is carried to the pay of 2026-05-06 (tax month 2).
out, _, _ = vlib.calc([YEAR], [{"employee_id": "E1", "pay": "100.00"}],
                      "2026-05", pay_date="2026-05-06",
                      ytd=[{"employee_id": "E1",
                            "last_pay_date": "2026-04-06",
                            "pay": "1200.00"}])
t.check("1:uk", "balance paid on 6 April carried in the same year",
        "1200.00", r1(out).get("carried"))
t.check("1:uk", "tax month of 6 May", "2", r1(out).get("number"))

# 2. fed-futa-round: FUTA is rounded to the cent half up, as the pack
#    states for every federal tax (IRS rounding to the nearest cent).
#    7.50 x 0.6% = 0.045 -> 0.05 (half even would give 0.04, truncation
#    0.04); 2.50 x 0.6% = 0.015 -> 0.02.
for wages, want in (("7.50", "0.05"), ("2.50", "0.02")):
    out, _, _ = vlib.calc([FED, EARN], [us(wages)], "2026-06")
    t.check("2:" + wages, "FUTA tie %s x 0.6%%" % wages, want,
            r1(out).get("futa_employer"))

# 3. uk-plan5-from: Plan 5 is collected through payroll from the 2026-27
#    tax year, whose first day is 6 April 2026 (the pack's
#    uk_sl_plan5_collected; ITEPA 2003 s. 4).  Weekly pay 600.00, Plan 5:
#    threshold 25,000 / 52 = 480.769... -> 480.76 (rounded down to the
#    penny, CSLM17060); (600.00 - 480.76) x 9% = 10.7316 -> 10 (whole
#    pounds, rounded down).  Paid on 5 April 2026 (2025-26): nothing.
for start, pay, want, plan in (("2026-03-30", "2026-04-05", "0.00", ""),
                               ("2026-03-31", "2026-04-06", "10.00", "05")):
    out, _, _ = vlib.calc(SL, [{"employee_id": "E1", "pgl": "false",
                                "sl_plan": "5", "uk_test_pay": "600.00"}],
                          start, frequency="weekly", pay_date=pay)
    t.check("3:" + pay, "Plan 5 weekly on " + pay, want,
            r1(out).get("student_loan"))
    t.check_str("3:" + pay, "student_loan_plan", plan,
                r1(out).get("student_loan_plan"))

# 4. ca-sdi-round: California SDI is 1.3% of wages in 2026 (the pack's
#    ca_sdi_rate, EDD 2026 rates), rounded to the cent half up as the pack
#    states.  5.00 x 1.3% = 0.065 -> 0.07 (rounded down: 0.06);
#    1,000.00 x 1.3% = 13.00 exactly.
for wages, want in (("5.00", "0.07"), ("1000.00", "13.00")):
    out, _, _ = vlib.calc([FED, "rules/us/ca", EARN],
                          [us(wages, work_state="CA")], "2026-06")
    t.check("4:" + wages, "CA SDI on %s" % wages, want,
            r1(out).get("ca_sdi_employee"))

# 5. de-kv-bbg: the 2026 contribution ceiling of health and care
#    insurance is 69,750 EUR a year, 5,812.50 a month (SVRV 2026 § 2);
#    pension and unemployment 101,400, 8,450.00 (§ 4).  A full month of
#    7,000.00 in June 2026, Berlin, Zusatzbeitrag 2.9 %:
#    health: 5,812.50 x (14.6 % + 2.9 %) / 2 = 5,812.50 x 8.75 %
#            = 508.59375 -> 508.59 each (rounded half up to the cent);
#    care:   5,812.50 x 3.6 % / 2 = 104.625 -> 104.63 each (outside
#            Saxony, with children: § 55 and § 58 SGB XI);
#    pension: 7,000.00 x 18.6 % / 2 = 651.00 each (below 8,450).
#    With the 2025 ceiling (5,512.50) health would be 482.34.
out, _, _ = vlib.calc(["rules/de/sv", "rules/de/lohnsteuer",
                       "tests/vectors/packs/de_re4.yaml"],
                      [{"employee_id": "E1", "steuerklasse": "1",
                        "bundesland": "BE", "kvz": "2.9",
                        "pv_abschlaege": "0", "vector_re4": "7000.00"}],
                      "2026-06", frequency="monthly")
for k, want in (("kv_employee", "508.59"), ("kv_employer", "508.59"),
                ("pv_employee", "104.63"), ("rv_employee", "651.00")):
    t.check("5", "DE 2026 over the KV ceiling: " + k, want, r1(out).get(k))

# 6. s5-fed-fit-bracket: the 2026 STANDARD schedule, married filing
#    jointly (IRS Pub 15-T (2026), Worksheet 1A tables; statutory.md 1.3):
#    24% over 230,700 plus 35,932.00 up to 422,850, then 32% over 422,850
#    plus 82,048.00.  Cross-check: 422,850 = 19,300 (32,200 standard
#    deduction less the 12,900 of line 1g) + 403,550 (the top of the 24%
#    bracket for joint returns, Rev. Proc. 2025-32), and 35,932.00 +
#    192,150 x 24% = 82,048.00.  Monthly pay, line 1g 12,900 (MFJ):
#    36,300.00 x 12 = 435,600 - 12,900 = 422,700 (in the 24% bracket):
#    35,932.00 + (422,700 - 230,700) x 24% = 35,932.00 + 46,080.00 =
#    82,012.00; 36,312.50 x 12 = 435,750 - 12,900 = 422,850 (the 32%
#    bracket's first dollar): 82,048.00.  (A bound typed 422,580 gives
#    82,086.40 and 82,134.40.)
for wages, aaw, want in (("36300.00", "422700.00", "82012.00"),
                         ("36312.50", "422850.00", "82048.00")):
    out, _, _ = vlib.calc([FED, EARN], [us(wages, filing_status="mfj")],
                          "2026-06")
    t.check("6:" + wages, "MFJ adjusted annual wage", aaw,
            r1(out).get("fit_adjusted_annual_wage"))
    t.check("6:" + wages, "MFJ tentative annual withholding", want,
            r1(out).get("fit_tentative_annual"))

# 7. s5-uk-scot-starter: Scotland 2026-27, starter 19% on the first 3,967
#    of taxable pay, basic 20% from 3,968 to 16,956 (HMRC, Rates and
#    thresholds for employers 2026 to 2027; statutory.md 3.2).  Monthly,
#    code S1257L cumulative, paid 2027-04-05 (tax month 12: the band
#    limits to date are the annual ones, 12 x limit / 12), balances to
#    5 March 2027: pay 22,000.00, tax 1,900.00; this month 2,000.00.
#    Free pay to date 12 x 1,048.26 = 12,579.12 (1257L monthly, quotient
#    method, as tests/cases/t_uk_boundaries.py works it); taxable
#    24,000.00 - 12,579.12 = 11,420.88 -> 11,420 (down to the pound);
#    tax to date 3,967 x 19% = 753.73 + (11,420 - 3,967) x 20% = 7,453 x
#    20% = 1,490.60: 2,244.33; due 2,244.33 - 1,900.00 = 344.33.  (A
#    starter band to 3,968 would give 753.92 + 1,490.40 and 344.32.)
out, _, _ = vlib.calc(["rules/uk/paye", "tests/vectors/packs/uk_earnings.yaml"],
                      [{"employee_id": "E1", "tax_code": "S1257L",
                        "uk_test_pay": "2000.00"}],
                      "2027-03-06", frequency="monthly",
                      pay_date="2027-04-05",
                      ytd=[{"employee_id": "E1", "last_pay_date": "2027-03-05",
                            "uk_taxable_pay": "22000.00",
                            "paye_tax": "1900.00"}])
t.check("7", "Scotland month 12 of 2026-27: PAYE due", "344.33",
        r1(out).get("paye_tax"))

sys.exit(0 if t.done() else 1)
