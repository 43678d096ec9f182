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

t.done()
