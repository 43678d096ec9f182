#!/usr/bin/env python3
"""Every dated value of the wage tax pack's parameters (rules/de/lohnsteuer
20-parameter.yaml) on the first day of 2025, the last day of 2025 and the
first day of 2026, against the BMF Programmablaufplan: the 2025 values are
checked by no vector (tests/vectors/de_lohnsteuer.csv is 2026 only, in
June), nor is the day a 2026 value starts.

Sources (the XML pseudo-code of the PAPs, read from the copies in
jobrad-gmbh/taxjs build/unpacked/Lohnsteuer2025Big.xml, "geaendert fuer
2025", and Lohnsteuer2026Big.xml, Stand 2025-10-23 12:40, ITZBund Berlin;
the figure is quoted from the XML beside each value below).  Two values
the 2025 PAP does not use are checked against the statute the pack cites:
vsp_av_satz_an 2025 (§ 341 Abs. 2 SGB III: 2.6 %, half by the employee,
1.3 %) and vsp_hoechstbetrag 2025 (§ 10 Abs. 4 Satz 1 EStG: 1,900).
The church tax rate by Land (kirchensteuersatz, in force from 2025-01-01):
8 % in Baden-Wuerttemberg and Bavaria, 9 % in the other Laender
(shared/reference/statutory.md, the pack's source).

Each value is shown by a test pack (tests/cases/packs/de_lst_params.yaml,
de_lst_params25.yaml for the six figures of the 2025 PAP's
Vorsorgepauschale that 2026 no longer has) in daily runs ending on the day.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("de lst params")
BASE = {"bundesland": "BE", "kvz": "2.5", "steuerklasse": "1"}
P = ["rules/de/sv", "rules/de/lohnsteuer", "tests/cases/packs/de_lst_params.yaml"]
P25 = P + ["tests/cases/packs/de_lst_params25.yaml"]

# name: (2025 value, 2026 value), each as the PAP XML has it.
V = {
    # MPARA: GFB = 12096 (2025) / 12348 (2026)
    "gfb": ("12096", "12348"),
    # UPTAB25: X < 17444 / UPTAB26: X < 17800
    "est_zone3_ab": ("17444", "17800"),
    # UPTAB25: X < 68481 / UPTAB26: X < 69879
    "est_zone4_ab": ("68481", "69879"),
    # X < 277826 both years
    "est_zone5_ab": ("277826", "277826"),
    # RW = Y * 932.30 / 914.51
    "est_zone2_a": ("932.30", "914.51"),
    # RW + 1400 both
    "est_zone2_b": ("1400", "1400"),
    # RW = Y * 176.64 / 173.1
    "est_zone3_a": ("176.64", "173.1"),
    # RW + 2397 both
    "est_zone3_b": ("2397", "2397"),
    # ST = RW + 1015.13 / 1034.87
    "est_zone3_c": ("1015.13", "1034.87"),
    # X * 0.42 (UPTAB and MST5_6) both
    "est_satz_zone4": ("0.42", "0.42"),
    # - 10911.92 / - 11135.63
    "est_abzug_zone4": ("10911.92", "11135.63"),
    # X * 0.45 both
    "est_satz_zone5": ("0.45", "0.45"),
    # - 19246.67 / - 19470.38
    "est_abzug_zone5": ("19246.67", "19470.38"),
    # MPARA W1STKL5 = 13785 / 14071, W2STKL5 = 34240 / 34939, W3STKL5 = 222260
    "w1stkl5": ("13785", "14071"),
    "w2stkl5": ("34240", "34939"),
    "w3stkl5": ("222260", "222260"),
    # UP5_6: ZX * 1.25 and ZX * 0.75, setScale(2) in 2025, setScale(0) in
    # 2026; MIST = ZX * 0.14
    "stkl56_faktor_hoch": ("1.25", "1.25"),
    "stkl56_faktor_niedrig": ("0.75", "0.75"),
    "stkl56_mindestsatz": ("0.14", "0.14"),
    "stkl56_stellen": ("2", "0"),
    # MZTABFB: 1230, 102, SAP 36, EFA 4260, KFB ZKF * 9600 / 9756 (classes
    # I-III), ZKF * 4800 / 4878 (class IV)
    "arbeitnehmer_pauschbetrag": ("1230", "1230"),
    "werbungskosten_pauschbetrag_versorgung": ("102", "102"),
    "sonderausgaben_pauschbetrag": ("36", "36"),
    "entlastungsbetrag_alleinerziehende": ("4260", "4260"),
    "kinderfreibetrag_voll": ("9600", "9756"),
    "kinderfreibetrag_halb": ("4800", "4878"),
    # MPARA: BBGRV = 96600 / BBGRVALV = 101400; BBGKVPV = 66150 / 69750
    "vsp_bbg_rv_alv": ("96600", "101400"),
    "vsp_bbg_kv_pv": ("66150", "69750"),
    # RVSATZAN = 0.093 both; AVSATZAN = 0.013 (2026; 2025 by § 341 SGB III)
    "vsp_rv_satz_an": ("0.093", "0.093"),
    "vsp_av_satz_an": ("0.013", "0.013"),
    # KVSATZAN = KVZ / 2 / 100 + 0.07 both
    "vsp_kv_satz_an": ("0.07", "0.07"),
    # PVSATZAN = 0.018, Saxony 0.023; + 0.006 (PVZ); - PVA * 0.0025
    "vsp_pv_satz_an": ("0.018", "0.018"),
    "vsp_pv_satz_an_sachsen": ("0.023", "0.023"),
    "vsp_pv_zuschlag": ("0.006", "0.006"),
    "vsp_pv_abschlag": ("0.0025", "0.0025"),
    # MVSPHB (2026): VSPHB at most 1900; 2025 § 10 Abs. 4 Satz 1 EStG
    "vsp_hoechstbetrag": ("1900", "1900"),
    # MPARA SOLZFREI = 19950 / 20350; MSOLZ JBMG * 5.5 / 100, (JBMG -
    # SOLZFREI) * 11.9 / 100
    "solzfrei": ("19950", "20350"),
    "solz_satz": ("0.055", "0.055"),
    "solz_milderung": ("0.119", "0.119"),
}
# 2025 only: MPARA KVSATZAG = 0.0125 + 0.07; PVSATZAG = 0.018, Saxony
# 0.013; UPEVP VSP2 = ZRE4VP * 0.12, VHB = 1900, in class III 3000.
V25 = {
    "vsp_kvz_durchschnitt_ag": "0.0125",
    "vsp_pv_satz_ag": "0.018",
    "vsp_pv_satz_ag_sachsen": "0.013",
    "vsp_mindest_satz": "0.12",
    "vsp_mindest_hoechst": "1900",
    "vsp_mindest_hoechst_stkl3": "3000",
}
LAENDER = {"BW": "0.08", "BY": "0.08"}
for l in ("BE BB HB HH HE MV NI NW RP SL SN ST SH TH").split():
    LAENDER[l] = "0.09"


def run(packs, day, emps):
    emps = [dict(BASE, **e) for e in emps]
    out, rej, err = vlib.calc(packs, emps, day, frequency="daily")
    for e in emps:
        if e["employee_id"] not in out:
            print("  %s %s rejected: %s" % (day, e["employee_id"],
                  [r.get("message") for r in rej] or err.strip()))
    return out


for day, yi in (("2025-01-01", 0), ("2025-12-31", 0), ("2026-01-01", 1)):
    packs = P25 if yi == 0 else P
    out = run(packs, day, [{"employee_id": "L" + l, "probe_land": l}
                           for l in sorted(LAENDER)])
    for l, rate in sorted(LAENDER.items()):
        t.check("%s:%s" % (day, l), "kirchensteuersatz", rate,
                out.get("L" + l, {}).get("probe_kist"))
    r = out.get("LBE", {})
    for name, vals in sorted(V.items()):
        t.check(day, name, vals[yi], r.get("probe_" + name))
    if yi == 0:
        for name, val in sorted(V25.items()):
            t.check(day, name, val, r.get("probe_" + name))

sys.exit(0 if t.done() else 1)
