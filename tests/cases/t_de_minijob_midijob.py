"""German Minijobs and Midijobs (rules/de/sv, rules/de/lohnsteuer): cases
worked by hand from the published formulas, the working beside each.  No
figure comes from running this code.

Midijob (§ 20 Abs. 2a SGB IV), with a = OG / (OG - G), b = G / (OG - G):
  BE    = F x G + (a - b x F) x (AE - G),  BE_AN = a x (AE - G),
  each rounded to the cent; per branch total = 2 x round(BE x half rate),
  employee = round(BE_AN x half rate), employer = total - employee.
The funds print the same as straight lines (2025: BE = 1.127718283 x AE -
255.4365651, BE_AN = 1.385041551 x AE - 770.0831025; 2026: BE =
1.145937223 x AE - 291.8744452), which the bases below agree with.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/de/sv", "rules/de/lohnsteuer", "tests/vectors/packs/de_re4.yaml"]
t = vlib.Tally("de minijob midijob cases", places=True)


def run(cid, month, want, **emp):
    e = {"employee_id": cid, "steuerklasse": "1", "bundesland": "BE"}
    e.update(emp)
    out, rej, err = vlib.calc(PACKS, [e], month, frequency="monthly")
    r = out.get(cid)
    if r is None:
        print("  %s: no result: %s %s" % (cid, rej, err.strip()))
    for k, v in want.items():
        t.check(cid, k, v, r and r.get(k))


# 1. Midijob 2025, AE 1,200.00, Zusatzbeitrag 2.5 %, Berlin, with children.
# G 556, OG 2,000, F 0.6683: a = 2000/1444 = 1.38504155..., b x F =
# 0.38504155... x 0.6683 = 0.25732327...; F x G = 371.5748;
# BE = 371.5748 + 1.12771828... x 644 = 1,097.8254 -> 1,097.83
# (straight line: 1.127718283 x 1200 - 255.4365651 = 1,097.8254);
# BE_AN = 1.38504155... x 644 = 891.9668 -> 891.97.
# RV 9.3 %: total 2 x round(102.0982) = 204.20; employee round(82.9532) =
#   82.95; employer 121.25.
# AV 1.3 %: total 2 x round(14.2718) = 28.54; employee round(11.5956) =
#   11.60; employer 16.94.
# KV 7.3 %: 2 x round(80.1416) = 160.28, employee round(65.1138) = 65.11;
#   Zusatzbeitrag 1.25 %: 2 x round(13.7229) = 27.44, employee
#   round(11.1496) = 11.15; employee 76.26, employer 187.72 - 76.26 = 111.46.
# PV 1.8 %: 2 x round(19.7609) = 39.52, employee round(16.0555) = 16.06,
#   employer 23.46.
run("MIDI-2025", "2025-06", {
    "midijob_be": "1097.83", "midijob_be_an": "891.97",
    "rv_employee": "82.95", "rv_employer": "121.25",
    "av_employee": "11.60", "av_employer": "16.94",
    "kv_employee": "76.26", "kv_employer": "111.46",
    "pv_employee": "16.06", "pv_employer": "23.46",
    "insolvenzgeldumlage": "1.80"},   # 1,200.00 x 0.15 % = 1.80
    kvz="2.5", pv_abschlaege="0", vector_re4="1200.00")
# 2. Midijob 2026, AE 1,000.00, Zusatzbeitrag 2.9 %.  G 603, OG 2,000, F
# 0.6619: a = 2000/1397 = 1.43163922..., b x F = 0.28570200...; F x G =
# 399.1257; BE = 399.1257 + 1.14593722... x 397 = 854.0628 -> 854.06
# (straight line 1.145937223 x 1000 - 291.8744452 = 854.0628); BE_AN =
# 1.43163922... x 397 = 568.3608 -> 568.36.
# RV: 2 x round(79.4276) = 158.86, employee round(52.8575) = 52.86,
#   employer 106.00.  AV: 2 x round(11.1028) = 22.20, employee
#   round(7.3887) = 7.39, employer 14.81.  KV: 2 x round(62.3464) = 124.70,
#   employee round(41.4903) = 41.49; Zusatz 1.45 %: 2 x round(12.3839) =
#   24.76, employee round(8.2412) = 8.24; employee 49.73, employer 149.46 -
#   49.73 = 99.73.  PV: 2 x round(15.3731) = 30.74, employee round(10.2305)
#   = 10.23, employer 20.51.
run("MIDI-2026", "2026-06", {
    "midijob_be": "854.06", "midijob_be_an": "568.36",
    "rv_employee": "52.86", "rv_employer": "106.00",
    "av_employee": "7.39", "av_employer": "14.81",
    "kv_employee": "49.73", "kv_employer": "99.73",
    "pv_employee": "10.23", "pv_employer": "20.51"},
    kvz="2.9", vector_re4="1000.00")
# 3. Just above G in 2025 (556.01): BE = 371.5748 + 1.12771828... x 0.01 =
# 371.5861 -> 371.59; BE_AN = 0.0138504 -> 0.01: the employee pays almost
# nothing (RV round(0.01 x 9.3 %) = 0.00), the employer 2 x round(34.5579)
# = 69.12 for RV.
run("MIDI-G", "2025-06", {
    "midijob_be": "371.59", "midijob_be_an": "0.01",
    "rv_employee": "0.00", "rv_employer": "69.12"},
    kvz="2.5", vector_re4="556.01")
# 4. At 2,000.00 still Midijob (BE = BE_AN = 2,000: 1.127718283 x 2000 -
# 255.4365651 = 2,000.0000; 1.385041551 x 2000 - 770.0831025 = 2,000.0000);
# at 2,000.01 ordinary: no midijob_be.
run("MIDI-OG", "2025-06", {"midijob_be": "2000.00", "midijob_be_an": "2000.00",
                           "rv_employee": "186.00", "rv_employer": "186.00"},
    kvz="2.5", vector_re4="2000.00")
run("OVER-OG", "2025-06", {"midijob_be": "0.00", "rv_employee": "186.00"},
    kvz="2.5", vector_re4="2000.01")   # 2000.01 x 9.3 % = 186.00093
# 5. Minijob 2025, 500.00, statutory health insurance, pension insured:
# employer KV 13 % = 65.00, RV 15 % = 75.00; employee RV 18.6 % x 500 =
# 93.00 - 75.00 = 18.00; flat tax 2 % = 10.00 (no wage tax by class);
# U1 1.1 % = 5.50, U2 0.22 % = 1.10, insolvency levy 0.15 % = 0.75; no AV,
# PV.
run("MINI-2025", "2025-06", {
    "kv_employer": "65.00", "kv_employee": "0.00",
    "rv_employer": "75.00", "rv_employee": "18.00",
    "av_employee": "0.00", "pv_employee": "0.00", "pv_employer": "0.00",
    "pauschsteuer_minijob": "10.00", "lohnsteuer": "0.00",
    "umlage_u1": "5.50", "umlage_u2": "1.10",
    "insolvenzgeldumlage": "0.75", "net_pay": "482.00"},
    minijob="true", kirchenmitglied="true", vector_re4="500.00")
# 6. Minijob 2026, 150.00, exempt from pension insurance, privately health
# insured: employer RV 15 % = 22.50, no KV, no employee top-up; U1 0.8 % =
# 1.20, U2 0.22 % = 0.33.
run("MINI-2026-OPTOUT", "2026-06", {
    "kv_employer": "0.00", "rv_employer": "22.50", "rv_employee": "0.00",
    "umlage_u1": "1.20", "umlage_u2": "0.33", "net_pay": "150.00"},
    minijob="true", minijob_rv_befreit="true", kv_privat="true",
    vector_re4="150.00")
# 7. Minijob 2026, 150.00, pension insured: the top-up on at least 175:
# 18.6 % x 175 = 32.55 - 15 % x 150 (22.50) = 10.05.
run("MINI-2026-MIN", "2026-06", {
    "rv_employer": "22.50", "rv_employee": "10.05", "kv_employer": "19.50"},
    minijob="true", vector_re4="150.00")
# 8. Half-cent ties in the Uebergangsbereich: each share is rounded half
# up (commercial rounding, § 2 Abs. 1 BVV; § 20 Abs. 2a SGB IV), so an
# exact half cent goes up.  (BE itself never lands on an exact half cent
# in 2025 or 2026: F x G + (OG - F x G) / (OG - G) x (AE - G) for any AE
# in cents has a denominator of 1444 or 1397 unless AE - G is a multiple
# of 3.61 or 13.97, and none of those gives ...5 in the third place.)
# 2025, AE 574.05: AE - G = 18.05 = 5 x 3.61, so BE_AN = 2000/1444 x
# 18.05 = 25.00 exactly; BE = 371.5748 + 1628.4252/1444 x 18.05 =
# 371.5748 + 20.355315 = 391.930115 -> 391.93.
# Employee shares on BE_AN 25.00: RV 9.3 % = 2.325 -> 2.33, AV 1.3 % =
# 0.325 -> 0.33, KV 7.3 % = 1.825 -> 1.83 (+ Zusatz 1.25 % = 0.3125 ->
# 0.31: 2.14), PV 1.8 % = 0.45.  Totals on BE 391.93: RV 2 x
# round(36.44949) = 72.90 (employer 70.57), AV 2 x round(5.09509) = 10.20
# (employer 9.87).
run("MIDI-TIE-AN", "2025-06", {
    "midijob_be": "391.93", "midijob_be_an": "25.00",
    "rv_employee": "2.33", "rv_employer": "70.57",
    "av_employee": "0.33", "av_employer": "9.87",
    "kv_employee": "2.14", "pv_employee": "0.45"},
    kvz="2.5", vector_re4="574.05")
# 2026 (G 603, F 0.6619: F x G = 399.1257, (2000 - 399.1257)/1397 =
# 1.145937223...), equal care shares (1.8 % each, not Saxony, children):
# AE 614.67: BE = 399.1257 + 1.145937223 x 11.67 = 412.49879 -> 412.50;
# BE_AN = 2000/1397 x 11.67 = 16.70723 -> 16.71.  PV total = 2 x
# round(412.50 x 1.8 % = 7.425) = 2 x 7.43 = 14.86; employee round(16.71 x
# 1.8 % = 0.30078) = 0.30; employer 14.56.
run("MIDI-TIE-PV", "2026-06", {
    "midijob_be": "412.50", "midijob_be_an": "16.71",
    "pv_employee": "0.30", "pv_employer": "14.56"},
    kvz="2.9", vector_re4="614.67")
# Saxony (§ 58 Abs. 3 SGB XI: employee 2.3 %, employer 1.3 %), so the PV
# total is round(BE x 2.3 %) + round(BE x 1.3 %):
# AE 616.85: BE = 399.1257 + 1.145937223 x 13.85 = 414.99693 -> 415.00;
# 415.00 x 2.3 % = 9.545 -> 9.55, x 1.3 % = 5.395 -> 5.40: total 14.95;
# BE_AN = 2000/1397 x 13.85 = 19.82820 -> 19.83, employee round(19.83 x
# 2.3 % = 0.45609) = 0.46, employer 14.49.
run("MIDI-TIE-SN1", "2026-06", {
    "midijob_be": "415.00", "midijob_be_an": "19.83",
    "pv_employee": "0.46", "pv_employer": "14.49"},
    kvz="2.9", bundesland="SN", vector_re4="616.85")
# AE 608.13: BE = 399.1257 + 1.145937223 x 5.13 = 405.00436 -> 405.00;
# 405.00 x 2.3 % = 9.315 -> 9.32, x 1.3 % = 5.265 -> 5.27: total 14.59;
# BE_AN = 2000/1397 x 5.13 = 7.34431 -> 7.34, employee round(0.16882) =
# 0.17, employer 14.42.
run("MIDI-TIE-SN2", "2026-06", {
    "midijob_be": "405.00", "midijob_be_an": "7.34",
    "pv_employee": "0.17", "pv_employer": "14.42"},
    kvz="2.9", bundesland="SN", vector_re4="608.13")
sys.exit(0 if t.done() else 1)
