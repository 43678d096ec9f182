#!/usr/bin/env python3
"""Boundary cases of the German social insurance pack (rules/de/sv),
issue 13 section 4: the 2026 figures on their first day (the values
follow the last day of the period, effective: period_end, so a daily
period ending on 1 January 2026 is the first that takes them), the
contribution ceilings (Beitragsbemessungsgrenzen) crossed by the current
wage and, with balances to date, by a one-off payment (and the balances
starting again on 1 January), and a half-cent tie for each rounding.

Every expected value is worked by hand below; none comes from running
this code.  Sources: shared/reference/statutory.md 4.3 (SVRV 2025 and
2026; §§ 241, 249 SGB V; §§ 55, 58 SGB XI; § 341 SGB III): pension and
unemployment ceiling 96,600 a year (2025), 101,400 (2026); health and
care 66,150 (2025), 69,750 (2026); rates 18.6 %, 2.6 %, 14.6 % plus the
fund's Zusatzbeitrag (here 2.5 %), care 3.6 % (childless +0.6 employee;
-0.25 per child from the 2nd; Saxony employee 2.3 %, employer 1.3 %).
§ 1 BVV: a ceiling per social insurance day is the annual one / 360, a
month counts 30 days; § 2 Abs. 1 BVV: a contribution borne half and half
is the half rate on the base, rounded half up to the cent, and the
employer pays the same; unequal shares are rounded each on its own.
§ 23a Abs. 3 SGB IV: a one-off payment is liable as far as the pro-rata
annual ceiling to the end of the period is not used by the liable wage
so far.  The Minijob rates (13 %, 15 %, 2 %, U1 1.1 % then 0.8 %, U2
0.22 %) and the insolvency levy (0.15 %) are the pack's [unverified]
figures (shared/reference/more-jurisdictions.md section 3, secondary).

Not covered here: Lohnsteuer (rules/de/lohnsteuer), whose official BMF
vectors (tests/vectors/t_de_lohnsteuer.py) hold no boundary case, and
the March clause of § 23a Abs. 4 SGB IV, which the pack does not do."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

SV = ["rules/de/sv", "tests/vectors/packs/de_re4.yaml",
      "tests/cases/packs/de_bonus.yaml"]
t = vlib.Tally("de boundaries", places=True)
BASE = {"bundesland": "BE", "kvz": "2.5"}


def run(freq, period, emps, ytd=None):
    return vlib.calc_paid(SV, [dict(BASE, **e) for e in emps], period,
                          frequency=freq, ytd=ytd)


def expect(cid, row, **cols):
    for k, v in cols.items():
        t.check(cid, k, v, row.get(k))


# 1. One day's pay of 1,000.00, a daily period ending 2025-12-31 and one
#    ending 2026-01-01 (the first day of the 2026 figures).  Ceilings for
#    one day: 2025 pension 96,600 / 360 = 268.333..; health 66,150 / 360
#    = 183.75; 2026 pension 101,400 / 360 = 281.666..; health 69,750 /
#    360 = 193.75.  The pay is above all of them.
#    2025-12-31: RV 268.333.. x 9.3 % = 24.955 -> 24.96; AV 268.333.. x
#    1.3 % = 3.48833.. -> 3.49; KV 183.75 x 8.55 % = 15.710625 -> 15.71;
#    PV 183.75 x 1.8 % = 3.3075 -> 3.31.
#    2026-01-01: RV 281.666.. x 9.3 % = 26.195 -> 26.20; AV 281.666.. x
#    1.3 % = 3.66166.. -> 3.66; KV 193.75 x 8.55 % = 16.565625 -> 16.57;
#    PV 193.75 x 1.8 % = 3.4875 -> 3.49.
#    The employer pays the same (half and half).  The 2025 figures also
#    for a day ending 2025-01-01, the pack's first day (each 2025 value in
#    force from it).
for day, rv, av, kv, pv in (("2025-01-01", "24.96", "3.49", "15.71", "3.31"),
                            ("2025-12-31", "24.96", "3.49", "15.71", "3.31"),
                            ("2026-01-01", "26.20", "3.66", "16.57", "3.49")):
    out = run("daily", day, [{"employee_id": "D1", "vector_re4": "1000.00"}])
    expect("1:" + day, out.get("D1", {}), rv_employee=rv, rv_employer=rv,
           av_employee=av, av_employer=av, kv_employee=kv, kv_employer=kv,
           pv_employee=pv, pv_employer=pv)

#  1b. The same day in the knappschaftliche Rentenversicherung (its own
#      ceiling, knrv_bbg_jahr: 2025 118,800, 2026 124,800 [unverified, as
#      the pack's sources say: SVRV 2025/2026 § 4 Abs. 1 Nr. 2 through
#      secondary sources]; 24.7 %, employee 9.3 %, employer 15.4 %),
#      1,000.00, daily period ending 2026-01-01: base 124,800 / 360 =
#      346.666..; employee 124,800 x 9.3 % / 360 = 32.24; employer
#      124,800 x 15.4 % / 360 = 53.3866.. -> 53.39 (with the 2025
#      ceiling, a day late: 30.69 and 50.82).
out = run("daily", "2026-01-01", [{"employee_id": "D2", "vector_re4": "1000.00",
                                   "rv_knappschaft": "true"}])
expect("1b:2026-01-01", out.get("D2", {}), rv_employee="32.24",
       rv_employer="53.39")

#  1c. A week across the new year, 2025-12-29 to 2026-01-04, 5,000.00:
#      the period ends in 2026, so the 2026 ceilings apply (§ 22 Abs. 1
#      SGB IV; the pack's effective: period_end), for 7 days: pension
#      101,400 x 7 / 360 = 1,971.666..; RV x 9.3 % = 183.365 -> 183.37;
#      health 69,750 x 7 / 360 = 1,356.25; KV x 8.55 % = 115.959375 ->
#      115.96.  (By the period's start, 2025: 174.69 and 109.97.)
out = run("weekly", "2025-12-29", [{"employee_id": "W1", "vector_re4": "5000.00"}])
expect("1c", out.get("W1", {}), rv_employee="183.37", kv_employee="115.96")

# 2. Monthly 10,000.00, December 2025 and January 2026, above every
#    ceiling (a month: annual x 30 / 360 = annual / 12):
#    December 2025: RV 8,050 x 9.3 % = 748.65; AV 8,050 x 1.3 % = 104.65;
#    KV 5,512.50 x 8.55 % = 471.31875 -> 471.32; PV 5,512.50 x 1.8 % =
#    99.225 -> 99.23; childless employee 5,512.50 x 2.4 % = 132.30;
#    insolvency levy 8,050 x 0.15 % = 12.075 -> 12.08.
#    January 2026: RV 8,450 x 9.3 % = 785.85; AV 8,450 x 1.3 % = 109.85;
#    KV 5,812.50 x 8.55 % = 496.96875 -> 496.97; PV 5,812.50 x 1.8 % =
#    104.625 -> 104.63 (half even 104.62); childless 5,812.50 x 2.4 % =
#    139.50 (employer 104.63); insolvency levy 8,450 x 0.15 % = 12.675
#    -> 12.68.
for month, rv, av, kv, pv, pvk, ins in (
        ("2025-12", "748.65", "104.65", "471.32", "99.23", "132.30", "12.08"),
        ("2026-01", "785.85", "109.85", "496.97", "104.63", "139.50", "12.68")):
    out = run("monthly", month, [
        {"employee_id": "M1", "vector_re4": "10000.00"},
        {"employee_id": "M2", "vector_re4": "10000.00", "pv_kinderlos": "true"}])
    expect("2:" + month, out.get("M1", {}), rv_employee=rv, rv_employer=rv,
           av_employee=av, av_employer=av, kv_employee=kv, kv_employer=kv,
           pv_employee=pv, pv_employer=pv, insolvenzgeldumlage=ins,
           umlage_u1="0.00", umlage_u2="0.00", pauschsteuer_minijob="0.00",
           midijob_be="0.00", midijob_be_an="0.00", minijob_kv_beitrag="0.00",
           minijob_rv_beitrag="0.00", knrv_beitrag="0.00")
    expect("2:" + month + ":childless", out.get("M2", {}), pv_employee=pvk,
           pv_employer=pv)

# 3. A one-off payment (§ 23a Abs. 3 SGB IV) with balances to date.
#  3a. June 2026: 5,000.00 current wage and a 30,000.00 bonus; liable
#      bases January to May 25,000.00 in each branch.  Social insurance
#      days to the end of June: 180.  Pension: 101,400 x 180 / 360 =
#      50,700 - 25,000 - 5,000 = 20,700 of the bonus: base 25,700; RV
#      25,700 x 9.3 % = 2,390.10; AV 25,700 x 1.3 % = 334.10.  Health:
#      69,750 x 180 / 360 = 34,875 - 25,000 - 5,000 = 4,875: base 9,875;
#      KV 9,875 x 8.55 % = 844.3125 -> 844.31; PV 9,875 x 1.8 % = 177.75.
YTD = {"rv_bemessung": "25000.00", "av_bemessung": "25000.00",
       "kv_bemessung": "25000.00"}
out = run("monthly", "2026-06", [{"employee_id": "B1", "vector_re4": "5000.00",
                                  "de_test_bonus": "30000.00"}],
          [dict(YTD, employee_id="B1", last_pay_date="2026-05-31")])
expect("3a", out.get("B1", {}), rv_employee="2390.10", av_employee="334.10",
       kv_employee="844.31", pv_employee="177.75", rv_employer="2390.10")
#  3b. January 2026, 5,000.00 and a 10,000.00 bonus, balances from 2025
#      (96,600 / 66,150: the 2025 ceilings used up) to 2025-12-31: they
#      start again.  30 days: pension 101,400 x 30 / 360 = 8,450 - 0 -
#      5,000 = 3,450 of the bonus: base 8,450, RV 785.85, AV 109.85;
#      health 5,812.50 - 5,000 = 812.50: base 5,812.50, KV 496.97, PV
#      104.63.  (With the 2025 balances carried: the bonus free, RV
#      5,000 x 9.3 % = 465.00, KV 5,000 x 8.55 % = 427.50.)
out = run("monthly", "2026-01", [{"employee_id": "B2", "vector_re4": "5000.00",
                                  "de_test_bonus": "10000.00"}],
          [{"employee_id": "B2", "last_pay_date": "2025-12-31",
            "rv_bemessung": "96600.00", "av_bemessung": "96600.00",
            "kv_bemessung": "66150.00"}])
expect("3b", out.get("B2", {}), rv_employee="785.85", av_employee="109.85",
       kv_employee="496.97", pv_employee="104.63")
#  3c. February 2026 (28 days), 5,000.00 and a 10,000.00 bonus, January's
#      bases 5,000.00: a full month counts 30 social insurance days
#      whatever its length (§ 23a Abs. 3 Satz 2 SGB IV, § 1 BVV), so the
#      days to the end of February are 60, not 59 (31 + 28).  Pension
#      101,400 x 60 / 360 = 16,900 - 5,000 - 5,000 = 6,900 of the bonus:
#      base 11,900, RV 11,900 x 9.3 % = 1,106.70, AV 11,900 x 1.3 % =
#      154.70; health 69,750 x 60 / 360 = 11,625 - 10,000 = 1,625: base
#      6,625, KV 6,625 x 8.55 % = 566.4375 -> 566.44, PV 6,625 x 1.8 % =
#      119.25.
out = run("monthly", "2026-02", [{"employee_id": "B3", "vector_re4": "5000.00",
                                  "de_test_bonus": "10000.00"}],
          [{"employee_id": "B3", "last_pay_date": "2026-01-31",
            "rv_bemessung": "5000.00", "av_bemessung": "5000.00",
            "kv_bemessung": "5000.00"}])
expect("3c", out.get("B3", {}), rv_employee="1106.70", av_employee="154.70",
       kv_employee="566.44", pv_employee="119.25")

# 4. Half-cent ties, June 2026, below the ceilings:
#    3,005.00: RV 3,005 x 9.3 % = 279.465 -> 279.47 (half even and
#    truncation 279.46); AV 3,005 x 1.3 % = 39.065 -> 39.07; KV 3,005 x
#    8.55 % = 256.9275 -> 256.93; PV 3,005 x 1.8 % = 54.09.
#    3,030.00: KV 3,030 x 8.55 % = 259.065 -> 259.07 (half even 259.06);
#    RV 281.79; AV 39.39; PV 54.54.
#    Saxony, 3,005.00: PV employee 3,005 x 2.3 % = 69.115 -> 69.12,
#    employer 3,005 x 1.3 % = 39.065 -> 39.07, each rounded on its own.
#    Two children under 25 (one reduction): employee 1.8 - 0.25 = 1.55 %:
#    3,005 x 1.55 % = 46.5775 -> 46.58; employer 54.09.
out = run("monthly", "2026-06", [
    {"employee_id": "T1", "vector_re4": "3005.00"},
    {"employee_id": "T2", "vector_re4": "3030.00"},
    {"employee_id": "T3", "vector_re4": "3005.00", "bundesland": "SN"},
    {"employee_id": "T4", "vector_re4": "3005.00", "pv_abschlaege": "1"}])
expect("4:3005", out.get("T1", {}), rv_employee="279.47", rv_employer="279.47",
       av_employee="39.07", kv_employee="256.93", pv_employee="54.09")
expect("4:3030", out.get("T2", {}), kv_employee="259.07", kv_employer="259.07",
       rv_employee="281.79", av_employee="39.39", pv_employee="54.54")
expect("4:saxony", out.get("T3", {}), pv_employee="69.12", pv_employer="39.07")
expect("4:child", out.get("T4", {}), pv_employee="46.58", pv_employer="54.09")

# 5. A Minijob of 500.00 in December 2025 and January 2026 (the flat
#    rates: health 13 % = 65.00, pension 15 % = 75.00, employee top-up
#    500 x 18.6 % = 93.00 - 75.00 = 18.00, flat tax 2 % = 10.00, U2 0.22 %
#    = 1.10, insolvency levy 0.15 % = 0.75; U1 1.1 % = 5.50 in 2025 and
#    0.8 % = 4.00 in 2026); no unemployment or care contributions.
for month, u1 in (("2025-12", "5.50"), ("2026-01", "4.00")):
    out = run("monthly", month, [{"employee_id": "J1", "vector_re4": "500.00",
                                  "minijob": "true"}])
    expect("5:" + month, out.get("J1", {}), umlage_u1=u1, umlage_u2="1.10",
           kv_employer="65.00", rv_employer="75.00", rv_employee="18.00",
           pauschsteuer_minijob="10.00", insolvenzgeldumlage="0.75",
           av_employee="0.00", pv_employee="0.00", kv_employee="0.00",
           minijob_kv_beitrag="65.00", minijob_rv_beitrag="93.00")

# 5b. The Minijob pension top-up rounded half up (§ 168 Abs. 1 Nr. 1b
#    SGB VI; the pack's minijob_rv_an: the full rate on the wage, at least
#    175 EUR, rounded to the cent half up, less the employer's 15 %),
#    June 2026, 302.50: full 302.50 x 18.6 % = 56.265 -> 56.27 (half
#    even or truncated: 56.26); employer 302.50 x 15 % = 45.375 -> 45.38;
#    top-up 56.27 - 45.38 = 10.89 (10.88 with the other modes).
out = run("monthly", "2026-06", [{"employee_id": "J2", "vector_re4": "302.50",
                                  "minijob": "true"}])
expect("5b", out.get("J2", {}), rv_employer="45.38", rv_employee="10.89")

# 6. Lohnsteuer (rules/de/lohnsteuer, effective: period_end) on the first
#    day of its 2026 figures: rows of the BMF's own calculator for 2026
#    (tests/vectors/de_lohnsteuer.csv: bmf-steuerrechner.de, PAP 2026,
#    LSt2026ext), run on the first 2026 periods instead of mid-year: a day
#    (LZZ 4) ending 2026-01-01, the week (LZZ 3) 2025-12-29 to 2026-01-04,
#    which ends in 2026, and January 2026 (LZZ 2; two rows with the
#    fund's Zusatzbeitrag 2.5 %, one childless, for the 2026 Vorsorge-
#    pauschale for health and care).  Expected: the BMF's
#    LSTLZZ and SOLZLZZ (cent), unchanged.  No hand working: the figures
#    are the publication's; what the case adds is the date.
ROWS = {"DE-2026-BMFAPI-026": ("daily", "2026-01-01"),
        "DE-2026-BMFAPI-058": ("daily", "2026-01-01"),
        "DE-2026-BMFAPI-020": ("weekly", "2025-12-29"),
        "DE-2026-BMFAPI-084": ("weekly", "2025-12-29")}
LST = ["rules/de/sv", "rules/de/lohnsteuer", "tests/vectors/packs/de_re4.yaml"]
monthly = []
for r in vlib.read_vectors("de_lohnsteuer.csv"):
    if r["tax_year"] == "2026" and r["LZZ"] == "2" and not any(
            r[k] for k in ("ZKF", "KVZ", "PVZ", "PVS", "PVA", "PKV", "PKPV",
                           "KRV", "ALV", "R")) and r["STKL"] in "1234" \
            and 200000 <= int(r["RE4"]) <= 1000000:
        monthly.append(r["case_id"])
for cid in monthly[:4] + ["DE-2026-BMFAPI-196", "DE-2026-BMFAPI-198"]:
    ROWS[cid] = ("monthly", "2026-01")
for r in vlib.read_vectors("de_lohnsteuer.csv"):
    if r["case_id"] not in ROWS:
        continue
    freq, period = ROWS[r["case_id"]]
    e = {"employee_id": r["case_id"], "steuerklasse": r["STKL"],
         "vector_re4": "%d.%02d" % divmod(int(r["RE4"]), 100),
         "kvz": r["KVZ"] or "0"}
    if r["PVZ"]:
        e["pv_kinderlos"] = "true" if r["PVZ"] == "1" else "false"
    out, rej, err = vlib.calc(LST, [e], period, frequency=freq)
    row = out.get(r["case_id"], {})
    cents = lambda c: "%d.%02d" % divmod(int(c), 100)
    expect("6:%s:%s" % (r["case_id"], period), row,
           lst_lzz=cents(r["exp_LSTLZZ"]),
           lst_solzlzz=cents(r["exp_SOLZLZZ"]))
t.check("6", "monthly BMF rows found", "4", str(len(monthly[:4])))

sys.exit(0 if t.done() else 1)
