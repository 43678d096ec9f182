"""UK Student and Postgraduate Loans (rules/uk/student-loans): cases worked
by hand from HMRC's method (CSLM17060: threshold for the pay period, 9% or
6% of the excess, rounded down to the pound; CSLM18025: a priority
attachment of earnings order) with the thresholds of the pack's sources.
The working is beside each case; no figure comes from running this code.

Thresholds used (annual / 52 or / 12, rounded down to the penny):
  2025-26  Plan 1 26,065: 501.25 a week, 2,172.08 a month
           Plan 2 28,470: 547.50 a week, 2,372.50 a month
           Plan 4 32,745: 629.71 a week, 2,728.75 a month
           PGL    21,000: 403.84 a week, 1,750.00 a month
  2026-27  Plan 5 25,000: 2,083.33 a month
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

SL = ["rules/uk/student-loans", "tests/vectors/packs/uk_earnings.yaml"]
SAC = SL + ["tests/cases/uk-sacrifice.yaml"]
t = vlib.Tally("uk student loan cases", places=True)
# frequency -> (period start, pay date) in 2025-26
P = {"weekly": ("2025-04-13", "2025-04-19"),
     "biweekly": ("2025-04-20", "2025-05-03"),
     "fourweekly": ("2025-05-04", "2025-05-31"),
     "monthly": ("2025-05-06", "2025-06-05"),
     "quarterly": ("2025-07-06", "2025-10-05")}


def run(cid, freq, want_sl, want_pgl, packs=SL, period=None, **emp):
    start, pay = period or P[freq]
    e = {"employee_id": cid, "pgl": "false"}
    e.update(emp)
    out, rej, err = vlib.calc(packs, [e], start, frequency=freq,
                              pay_date=pay)
    r = out.get(cid)
    if r is None:
        print("  %s: no result: %s %s" % (cid, rej, err.strip()))
    t.check(cid, "student_loan", want_sl, r and r.get("student_loan"))
    t.check(cid, "postgraduate_loan", want_pgl,
            r and r.get("postgraduate_loan"))
    return r


# Weekly Plan 2, 600.00: (600.00 - 547.50) x 9% = 4.725 -> 4.
run("W-P2", "weekly", "4.00", "0.00", sl_plan="2", uk_test_pay="600.00")
# 2-weekly Plan 1, 1,100.00: threshold 2 x 501.25 = 1,002.50;
# 97.50 x 9% = 8.775 -> 8.
run("2W-P1", "biweekly", "8.00", "0.00", sl_plan="1", uk_test_pay="1100.00")
# 4-weekly PGL, 2,000.00: threshold 4 x 403.84 = 1,615.36;
# 384.64 x 6% = 23.0784 -> 23.
run("4W-PGL", "fourweekly", "0.00", "23.00", pgl="true",
    uk_test_pay="2000.00")
# Monthly Plan 4 and PGL together, 3,000.00: (3,000 - 2,728.75) x 9% =
# 24.4125 -> 24; (3,000 - 1,750) x 6% = 75.00 -> 75.
run("M-P4-PGL", "monthly", "24.00", "75.00", sl_plan="4", pgl="true",
    uk_test_pay="3000.00")
# Quarterly Plan 1, 7,000.00: threshold 3 x 2,172.08 = 6,516.24;
# 483.76 x 9% = 43.5384 -> 43.
run("Q-P1", "quarterly", "43.00", "0.00", sl_plan="1",
    uk_test_pay="7000.00")
# Earnings equal to the threshold: nothing (Plan 2 monthly 2,372.50).
run("M-P2-AT", "monthly", "0.00", "0.00", sl_plan="2",
    uk_test_pay="2372.50")
# Start and stop notices, monthly Plan 1, 2,500.00 paid 5 June 2025:
# (2,500 - 2,172.08) x 9% = 29.5128 -> 29 when the plan is on.
run("START-AFTER", "monthly", "0.00", "0.00", sl_plan="1",
    sl_start_date="2025-06-06", uk_test_pay="2500.00")
run("START-ON", "monthly", "29.00", "0.00", sl_plan="1",
    sl_start_date="2025-06-05", uk_test_pay="2500.00")
run("STOP-ON", "monthly", "0.00", "0.00", sl_plan="1",
    sl_stop_date="2025-06-05", uk_test_pay="2500.00")
run("STOP-AFTER", "monthly", "29.00", "0.00", sl_plan="1",
    sl_stop_date="2025-06-06", uk_test_pay="2500.00")
# PGL notices on their own dates: PGL (2,500 - 1,750) x 6% = 45.00.
run("PGL-STOP", "monthly", "29.00", "0.00", sl_plan="1", pgl="true",
    pgl_stop_date="2025-06-01", uk_test_pay="2500.00")
run("PGL-START", "monthly", "29.00", "45.00", sl_plan="1", pgl="true",
    pgl_start_date="2025-06-01", uk_test_pay="2500.00")
# Plan 5: nothing in 2025-26; in 2026-27 (2,500 - 2,083.33) x 9% =
# 37.5003 -> 37 (paid 5 June 2026).
r = run("P5-2025", "monthly", "0.00", "0.00", sl_plan="5",
        uk_test_pay="2500.00")
t.check_str("P5-2025", "student_loan_plan", "", r and r.get(
    "student_loan_plan"))
r = run("P5-2026", "monthly", "37.00", "0.00", sl_plan="5",
        uk_test_pay="2500.00", period=("2026-05-06", "2026-06-05"))
t.check_str("P5-2026", "student_loan_plan", "05", r and r.get(
    "student_loan_plan"))
# NICable earnings: a salary sacrifice of 200.00 leaves 2,300.00;
# (2,300 - 2,172.08) x 9% = 11.5128 -> 11.
run("SACRIFICE", "monthly", "11.00", "0.00", packs=SAC, sl_plan="1",
    sacrifice="200.00", uk_test_pay="2500.00")
# A priority attachment of earnings order: attachable 900.00, protected
# 850.00 leave 50; Plan 1 due (3,000 - 2,172.08) x 9% = 74.5128 -> 74,
# restricted to 50; the PGL (75) gets what is left, 0.
run("AEO", "monthly", "50.00", "0.00", sl_plan="1", pgl="true",
    aeo_attachable_earnings="900.00", aeo_protected_earnings="850.00",
    uk_test_pay="3000.00")
# The same order leaving 120.50: 120 for the loans; Plan 1 74 in full,
# PGL min(75, 120 - 74 = 46) = 46.
run("AEO-2", "monthly", "74.00", "46.00", sl_plan="1", pgl="true",
    aeo_attachable_earnings="970.50", aeo_protected_earnings="850.00",
    uk_test_pay="3000.00")
# An order whose attachable earnings do not reach the protected earnings
# leaves nothing for the loans (CSLM18025: deduct only from what is left
# after the protected earnings): attachable 800.00 < protected 850.00 ->
# 0 for Plan 1 (due 74) and the PGL (due 75); equal (850.00) -> 0; and
# 850.99 leaves 0.99, rounded down to the pound -> 0.
for cid, attachable in (("AEO-UNDER", "800.00"), ("AEO-EQUAL", "850.00"),
                        ("AEO-PENCE", "850.99")):
    run(cid, "monthly", "0.00", "0.00", sl_plan="1", pgl="true",
        aeo_attachable_earnings=attachable, aeo_protected_earnings="850.00",
        uk_test_pay="3000.00")
sys.exit(0 if t.done() else 1)
