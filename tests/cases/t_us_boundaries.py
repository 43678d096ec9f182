#!/usr/bin/env python3
"""Boundary cases of US packs the other boundary files leave out (issue 13
section 4, the audit in docs/testing.md): the federal 2025 figures on
1 January 2025, Illinois (withholding and unemployment insurance), and the
unemployment-only packs (AK, FL, NH, NV, SD, TN, TX, WY) on 31 December
2025 and 1 January 2026, with balances to date that must start again on
1 January, and a half-cent tie of each rounding.

Every expected value is worked by hand below from the figure the pack
cites (its source named beside it; where the pack marks that source
[unverified] the case rests on it too); none comes from running this
code.  The unemployment rates are a fictional test employer's (2.7 %,
written as a company pack with override, as t_us_sui.py does): the cases
check the taxable wage, the base and the rounding, not a state's rate."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

FED = "rules/us/federal"
EARN = "tests/vectors/packs/us_earnings.yaml"
SSN = "123-45-6789"
t = vlib.Tally("us boundaries")


def emp(state, wages, **kw):
    e = {"employee_id": "E1", "national_id": SSN, "work_state": state,
         "wages": wages}
    e.update(kw)
    return e


def run(packs, e, pay_date, freq="weekly", period=None, ytd=None):
    out, rej, err = vlib.calc(packs, [e], period or pay_date, frequency=freq,
                              pay_date=pay_date, ytd=ytd)
    if "E1" not in out:
        print("  rejected: %s" % ([r.get("message") for r in rej] or
                                  err.strip()))
    return out.get("E1", {})


def expect(cid, row, **cols):
    for k, v in cols.items():
        t.check(cid, k, v, row.get(k))


# 1. Federal: the social security wage base by pay date (IRS Pub 15;
#    SSA: 168,600 for 2024, 176,100 for 2025).  200,000.00, no balances:
#    paid 2024-12-31: 168,600.00, tax 168,600 x 6.2 % = 10,453.20;
#    paid 2025-01-01 (the first day of the 2025 base): 176,100.00 and
#    176,100 x 6.2 % = 10,918.20.
for pay, base, tax in (("2024-12-31", "168600.00", "10453.20"),
                       ("2025-01-01", "176100.00", "10918.20")):
    row = run([FED, EARN], emp("TX", "200000.00"), pay, freq="monthly",
              period=pay[:7])
    expect("1:" + pay, row, ss_wages=base, ss_employee=tax)

# 2. Illinois withholding (Booklet IL-700-T: 4.95 % of wages less the
#    IL-W-4 allowances for the period; basic allowance 2,850 in 2025,
#    2,925 in 2026; the allowances for the period and the tax each
#    rounded to the cent half up, the pack's reading of the IL-700-T
#    example).  Weekly 1,000.00, one basic allowance:
#    paid 2025-12-31: 2,850 / 52 = 54.8076.. -> 54.81; (1,000 - 54.81) x
#    4.95 % = 945.19 x 0.0495 = 46.786905 -> 46.79;
#    paid 2026-01-01: 2,925 / 52 = 56.25; 943.75 x 0.0495 = 46.715625 ->
#    46.72.
IL = [FED, "rules/us/il", EARN]
for pay, tax in (("2025-12-31", "46.79"), ("2026-01-01", "46.72")):
    row = run(IL, emp("IL", "1000.00", il_w4_basic_allowances="1"), pay)
    expect("2:" + pay, row, il_withholding=tax, il_wages="1000.00",
           il_work_withholding=tax)
#  2b. Ties, 2026: weekly 30.00, no allowances: 30 x 0.0495 = 1.485 ->
#      1.49 (half even 1.48).  Semi-monthly, three basic allowances:
#      3 x 2,925 / 24 = 365.625 -> 365.63 (half even, truncation 365.62);
#      500.07 - 365.63 = 134.44 x 0.0495 = 6.65478 -> 6.65 (with 365.62:
#      134.45 x 0.0495 = 6.655275 -> 6.66).
row = run(IL, emp("IL", "30.00"), "2026-03-06")
expect("2b:weekly", row, il_withholding="1.49")
row = run(IL, emp("IL", "500.07", il_w4_basic_allowances="3"), "2026-03-15",
          freq="semimonthly", period="2026-03-01")
expect("2b:allowances", row, il_withholding="6.65")


# 3. Unemployment insurance on both sides of 1 January 2026.  For each
#    state, the base of each year (the pack's source in brackets):
BASES = (
    # state, 2025 base, 2026 base
    ("ak", "51700", "54200"),   # AS 23.20.175, indexed [S]
    ("fl", "7000", "7000"),     # Fla. Stat. 443.1217
    ("nh", "14000", "14000"),   # 2026 [unverified]
    ("nv", "41800", "43700"),   # 2026 [unverified]
    ("sd", "15000", "15000"),   # 2026 [unverified]
    ("tn", "7000", "7000"),     # 2026 [unverified]
    ("tx", "9000", "9000"),     # Tex. Labor Code 201.082
    ("wy", "32400", "33800"),   # [S]
    ("il", "13916", "14250"),   # 820 ILCS 405/235
    ("id", "55300", "58300"),   # Idaho Code title 72 ch. 13, indexed
    ("ut", "48900", "50700"),   # 2026 [unverified]; values by period start
)
#  3a. Paid Wednesday 2025-12-31, 1,000.00, balances to 2025-12-24 at the
#      2025 base less 100.00: taxable 100.00; 2.7 %: 2.70.  Alaska's
#      employee contribution (0.5 %, AS 23.20): 100 x 0.005 = 0.50.
#  3b. Paid 2026-01-01, 60,000.00 (more than every base), balances to
#      2025-12-31 at the 2025 base: they start again, taxable = the 2026
#      base; tax base x 2.7 %: AK 54,200 -> 1,463.40 (employee 271.00);
#      FL, TN 7,000 -> 189.00; NH 14,000 -> 378.00; NV 43,700 ->
#      1,179.90; SD 15,000 -> 405.00; TX 9,000 -> 243.00; WY 33,800 ->
#      912.60; IL 14,250 -> 384.75; ID 58,300 -> 1,574.10; UT 50,700 ->
#      1,368.90 (Utah's values follow the period's start: the week
#      starting 2026-01-01).  (Balances carried: 0.00; the 2025 base a
#      day late: 51,700, 41,800, 32,400, 13,916, 55,300, 48,900.)
#  3c. A tie, 2026: wages 15.00 x 2.7 % = 0.405 -> 0.41 (half even 0.40);
#      Alaska's employee 13.00 x 0.5 % = 0.065 -> 0.07 (half even 0.06),
#      employer 13.00 x 2.7 % = 0.351 -> 0.35.
EXP26 = {"ak": "1463.40", "fl": "189.00", "nh": "378.00", "nv": "1179.90",
         "sd": "405.00", "tn": "189.00", "tx": "243.00", "wy": "912.60",
         "il": "384.75", "id": "1574.10", "ut": "1368.90"}
with tempfile.TemporaryDirectory() as tmp:
    for st, b25, b26 in BASES:
        rp = os.path.join(tmp, "rates_%s.yaml" % st)
        with open(rp, "w") as f:
            f.write("pack: tests/ui_rate_%s\nparameters:\n  %s_sui_rate: "
                    "{override: true, source: \"test employer's rate notice "
                    "(fictional)\", value: 2.7%%}\n" % (st, st))
        packs = [FED, "rules/us/%s" % st if st in ("il", "id", "ut") else
                 "rules/us/%s/unemployment.yaml" % st, EARN, rp]
        S = st.upper()
        w, base = st + "_sui_wages", "%.2f" % (int(b25) - 100)
        row = run(packs, emp(S, "1000.00"), "2025-12-31", period="2025-12-25",
                  ytd=[{"employee_id": "E1", "last_pay_date": "2025-12-24",
                        w: base, "sui_wages_all": base}])
        expect("3a:" + st, row, **{w: "100.00", st + "_sui_employer": "2.70"})
        if st == "ak":
            expect("3a:ak", row, ak_sui_employee="0.50")
        row = run(packs, emp(S, "60000.00"), "2026-01-01",
                  ytd=[{"employee_id": "E1", "last_pay_date": "2025-12-31",
                        w: b25 + ".00", "sui_wages_all": b25 + ".00"}])
        expect("3b:" + st, row, **{w: b26 + ".00",
                                   st + "_sui_employer": EXP26[st]})
        if st == "ak":
            expect("3b:ak", row, ak_sui_employee="271.00")
        row = run(packs, emp(S, "13.00" if st == "ak" else "15.00"),
                  "2026-03-06")
        if st == "ak":
            expect("3c:ak", row, ak_sui_employee="0.07",
                   ak_sui_employer="0.35")
        else:
            expect("3c:" + st, row, **{st + "_sui_employer": "0.41"})

# 4. California on 1 January 2026 itself (tests/cases/state-ca.yaml works
#    the figures for the first Friday, 2 January; the tables are by pay
#    date): weekly 1,000.00, single, one regular allowance.
#    2025-12-31 (2025 Method B tables, state-ca.yaml's working): taxable
#    1,000 - 107 = 893; 21.01 + (893 - 774) x 6.6 % = 28.864 -> 28.86,
#    less the allowance credit 3.15: 25.71.
#    2026-01-01 (2026 tables): taxable 1,000 - 110 = 890; 21.61 + (890 -
#    797) x 6.6 % = 27.748 -> 27.75, less 3.24: 24.51.
#    SDI (programs.yaml, EDD: 1.2 % in 2025, 1.3 % in 2026): 12.00, 13.00.
CA = [FED, "rules/us/ca", EARN]
for pay, wh, sdi in (("2025-12-31", "25.71", "12.00"),
                     ("2026-01-01", "24.51", "13.00")):
    row = run(CA, emp("CA", "1000.00", ca_allowances="1"), pay)
    expect("4:" + pay, row, ca_withholding=wh, ca_sdi_employee=sdi)
#    The low income exemption on the same day (state-ca.yaml: 2025 weekly
#    single 353, 2026 363): 353.01 on 2026-01-01 withholds nothing (on
#    2025-12-31: 353.01 - 107 = 246.01; 2.28 + 39.01 x 2.2 % = 3.13822 ->
#    3.14).
for pay, wh in (("2025-12-31", "3.14"), ("2026-01-01", "0.00")):
    row = run(CA, emp("CA", "353.01"), pay)
    expect("4:low:" + pay, row, ca_withholding=wh)

# 5. The company's 401(k) deferral (rules/company/example: 10 % of gross
#    pay, rounded half up, at most the year's IRC 402(g) limit less the
#    deferrals to date; limit 23,000 for 2024, 23,500 for 2025 (IRS
#    Notices 2023-75, 2024-80), 24,500 for 2026 (Notice 2025-67, as the
#    pack cites it)).  Salaried 120,000.00 a year, a month's pay
#    10,000.00, 10 %: 1,000.00 before the limit.
#  - paid 2024-12-31, 22,500.00 deferred: min(1,000, 23,000 - 22,500) =
#    500.00;
#  - paid 2025-01-01, 23,000.00 deferred to 2024-12-31: the balance
#    starts again: 1,000.00 (carried: min(1,000, 23,500 - 23,000) = 500);
#  - paid 2025-12-31, 23,000.00 deferred in 2025: 500.00 (with the 2026
#    limit a day early: 1,000.00);
#  - paid 2026-01-01, 23,500.00 deferred to 2025-12-31: 1,000.00;
#  - paid 2026-12-31, 24,000.00 deferred in 2026: 500.00.
#  A tie: 36,000.60 a year, a month 3,000.05 (36,000.60 / 12 exactly);
#  10 %: 300.005 -> 300.01 (half even, truncation 300.00).
COMPANY = ["rules/company/example"]
K = {"pay_type": "salaried", "employment_type": "full_time",
     "hire_date": "2020-01-01", "annual_salary": "120000.00",
     "k401_percent": "10"}
for pay, last, ytd, want in (("2024-12-31", "2024-11-30", "22500.00", "500.00"),
                             ("2025-01-01", "2024-12-31", "23000.00", "1000.00"),
                             ("2025-12-31", "2025-11-30", "23000.00", "500.00"),
                             ("2026-01-01", "2025-12-31", "23500.00", "1000.00"),
                             ("2026-12-31", "2026-11-30", "24000.00", "500.00")):
    e = dict(K, employee_id="E1")
    row = run(COMPANY, e, pay, freq="monthly", period=pay[:7],
              ytd=[{"employee_id": "E1", "last_pay_date": last,
                    "k401_deferral": ytd}])
    expect("5:" + pay, row, k401_deferral=want, regular_pay="10000.00")
#  The limit itself on its first day: 100 % of a month of 360,000.00 a
#  year (30,000.00), no deferrals yet: paid 2024-12-31 23,000.00, paid
#  2025-01-01 23,500.00, paid 2025-12-31 23,500.00, paid 2026-01-01
#  24,500.00.
for pay, want in (("2024-12-31", "23000.00"), ("2025-01-01", "23500.00"),
                  ("2025-12-31", "23500.00"), ("2026-01-01", "24500.00")):
    row = run(COMPANY, dict(K, employee_id="E1", annual_salary="360000.00",
                            k401_percent="100"), pay, freq="monthly",
              period=pay[:7])
    expect("5:limit:" + pay, row, k401_deferral=want)
row = run(COMPANY, dict(K, employee_id="E1", annual_salary="36000.60"),
          "2026-06-30", freq="monthly", period="2026-06")
expect("5:tie", row, k401_deferral="300.01", regular_pay="3000.05")

# 6. Half-cent ties of the state programs whose boundary files name none
#    (2026, weekly, paid 2026-03-06; each rounded to the cent half up):
#  - California SDI 1.3 % (EDD): 5.00 x 0.013 = 0.065 -> 0.07 (half even
#    0.06);
#  - Washington WA Cares 0.58 % (RCW 50B.04.080): 25.00 x 0.0058 = 0.145
#    -> 0.15 (half even 0.14), the employer paying none of it;
#  - District of Columbia Paid Family Leave 0.75 %, employer (DC OPFL):
#    6.00 x 0.0075 = 0.045 -> 0.05 (half even 0.04).
for st, wages, col, want in (("ca", "5.00", "ca_sdi_employee", "0.07"),
                             ("wa", "25.00", "wa_cares_employee", "0.15"),
                             ("dc", "6.00", "dc_pfl_employer", "0.05")):
    row = run([FED, "rules/us/" + st, EARN], emp(st.upper(), wages),
              "2026-03-06")
    expect("6:" + st, row, **{col: want})

sys.exit(0 if t.done() else 1)
