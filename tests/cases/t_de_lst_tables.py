#!/usr/bin/env python3
"""Every row of the wage tax pack's year-keyed tables (rules/de/lohnsteuer
20-parameter.yaml: versorgungsfreibetrag, altersentlastungsbetrag) against
the PAP, on the tables' first day and through the PAP where a 2026 run can
reach the row.

Source: BMF Programmablaufplan 2026, XML Lohnsteuer2026.xml (Stand
2025-10-23 12:40, ITZBund Berlin), <CONSTANTS> TAB1..TAB5, read from the
copy in jobrad-gmbh/taxjs build/unpacked/Lohnsteuer2026Big.xml; index J
(K) = year - 2004, 1 = 2005 .. 54 = 2058.  The same tables are § 19 Abs. 2
Satz 3 EStG and § 24a Satz 5 EStG as amended by the Wachstumschancengesetz:
2005 40 % / 3,000 / 900 (AE 40 % / 1,900), then each year to 2020 -1.6
points / -120 / -36 (AE -76), 2021 and 2022 -0.8 / -60 / -18 (AE -38),
from 2023 -0.4 / -30 / -9 (AE -19), reaching 0 in 2058; the runner checks
its transcription of the XML against that arithmetic first.

1. probe (tests/cases/packs/de_lst_tables.yaml shows table(..., year,
   field)): every row 2005..2058 of both tables in a monthly run of
   January 2026 and in a daily run ending 2025-01-01 (the tables' first
   day: a 'from:' a day later leaves no table).
2. VFRB (PAP DBA output: ANP + FVB + FVBZ, MBERECH) for a pension-only
   employee, monthly January 2026, class I, for every VJAHR 2004..2059
   (and 0; PAP MRE4: VJAHR < 2006 -> J = 1, VJAHR >= 2058 -> J = 54):
   a. VBEZ = VBEZM = 1,000 a month: VBEZB = 12,000; FVB = 12,000 x TAB1
      is over TAB2 (TAB2 = 7,500 x TAB1 in every row), so FVB = TAB2;
      FVBZ = TAB3 (HFVBZ = 12,000 - TAB2 >= 9,000 is not below it);
      ZVBEZ = 12,000 - TAB2 and MZTABFB keeps FVBZ (ZVBEZ > FVBZ);
      ANP = 102 (ZVBEZ - FVBZ >= 102; ZRE4 = ZVBEZ, no employee lump sum).
      VFRB = 102 + TAB2 + TAB3.
   b. VBEZ = VBEZM = 500 a month: VBEZB = 6,000; FVB = 6,000 x TAB1 (=
      0.8 TAB2, exact to the cent: TAB1 is a multiple of 0.004); FVBZ =
      TAB3, ANP = 102 as in a.  VFRB = 102 + 6,000 x TAB1 + TAB3.
   c. VBEZ = VBEZM = 500.01: VBEZB = 6,000.12, FVB = 6,000.12 x TAB1
      rounded UP to the cent (setScale(2, ROUND_UP); e.g. 2006: 2,304.04608
      -> 2,304.05), the rest as b.
3. ALTE (MRE4ALTE: BMG = ZRE4J - ZVBEZJ, ALTE = BMG x TAB4[K] rounded up
   to the euro, at most TAB5[K]; K from AJAHR as J from VJAHR; ALTER1 = 1
   if the 64th year was completed before the year; AJAHR the year after
   it was completed) seen as the fall of WVFRB (ZVE - GFB, DBA output):
   the same employee with and without a date of birth differ in ZRE4 by
   ALTE only (ZTABFB, VSP and GFB are the same; ZVE stays above GFB), so
   WVFRB(without) - WVFRB(with) = ALTE.  Monthly January 2026, class I:
   a. wage 250 + pension 2,000 a month (VBEZM 0, so FVB = FVBZ = 0):
      BMG = 27,000 - 24,000 = 3,000; ALTE = 3,000 x TAB4 (under TAB5 =
      4,750 x TAB4; a whole euro, TAB4 a multiple of 0.004).
   b. wage 5,000 a month: BMG = 60,000, ALTE = TAB5 (60,000 x TAB4 is
      over it in every row but 2058, where both are 0).
   c. wage 250.10 + pension 2,000: BMG = 3,001.20, ALTE = 3,001.20 x TAB4
      rounded UP to the euro (setScale(0, ROUND_UP); e.g. 2026: 384.1536
      -> 385); ZRE4 - ZVBEZ = 3,001.20 - ALTE stays over 1,230, so ANP is
      102 + 1,230 with and without ALTE.
   For AJAHR 2004..2026 (born 15 June of AJAHR - 65; § 24a: the 64th year
   is completed on the day before the 64th birthday, so one born on
   1 January completes it on 31 December of the year before: AJAHR =
   birth year + 64), and the ALTER1 edge: born 1962-01-01 has completed
   the 64th year on 1961-12-31, before 2026 (ALTER1 = 1, AJAHR 2026);
   born 1962-01-02 completes it on 2026-01-01 (ALTER1 = 0, no ALTE).
   Rows of TAB4/TAB5 after 2026 are not reachable by a 2026 run (AJAHR
   <= 2026): part 1 checks them.
"""
import os
import sys
from decimal import ROUND_CEILING, Decimal as D

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/de/sv", "rules/de/lohnsteuer",
         "tests/cases/packs/de_lst_tables.yaml"]
BASE = {"bundesland": "BE", "kvz": "2.5", "steuerklasse": "1"}
t = vlib.Tally("de lst tables")

# PAP 2026 CONSTANTS, index 1..54 (year 2005..2058), as printed in the XML.
TAB1 = "0.4 0.384 0.368 0.352 0.336 0.32 0.304 0.288 0.272 0.256 0.24 0.224 0.208 0.192 0.176 0.16 0.152 0.144 0.14 0.136 0.132 0.128 0.124 0.12 0.116 0.112 0.108 0.104 0.1 0.096 0.092 0.088 0.084 0.08 0.076 0.072 0.068 0.064 0.06 0.056 0.052 0.048 0.044 0.04 0.036 0.032 0.028 0.024 0.02 0.016 0.012 0.008 0.004 0"
TAB2 = "3000 2880 2760 2640 2520 2400 2280 2160 2040 1920 1800 1680 1560 1440 1320 1200 1140 1080 1050 1020 990 960 930 900 870 840 810 780 750 720 690 660 630 600 570 540 510 480 450 420 390 360 330 300 270 240 210 180 150 120 90 60 30 0"
TAB3 = "900 864 828 792 756 720 684 648 612 576 540 504 468 432 396 360 342 324 315 306 297 288 279 270 261 252 243 234 225 216 207 198 189 180 171 162 153 144 135 126 117 108 99 90 81 72 63 54 45 36 27 18 9 0"
TAB4 = TAB1  # the XML's TAB4 is the same list as TAB1
TAB5 = "1900 1824 1748 1672 1596 1520 1444 1368 1292 1216 1140 1064 988 912 836 760 722 684 665 646 627 608 589 570 551 532 513 494 475 456 437 418 399 380 361 342 323 304 285 266 247 228 209 190 171 152 133 114 95 76 57 38 19 0"
YEARS = list(range(2005, 2059))
VFB = {y: (D(a), D(b), D(c)) for y, a, b, c in
       zip(YEARS, TAB1.split(), TAB2.split(), TAB3.split())}
AE = {y: (D(a), D(b)) for y, a, b in zip(YEARS, TAB4.split(), TAB5.split())}


# 0. The transcription against the law's arithmetic.
def law(y, start, steps):
    v, yr = D(start), 2005
    for until, step in steps:
        while yr < y and yr < until:
            v -= D(step)
            yr += 1
    return v


for y in YEARS:
    # steps: to 2020 (exclusive of the year reached), 2021-2022, from 2023
    def s(a, b, c):
        return [(2020, a), (2022, b), (2058, c)]
    t.check("0:%d" % y, "law_vfb_satz", law(y, "0.4", s("0.016", "0.008", "0.004")), str(VFB[y][0]))
    t.check("0:%d" % y, "law_vfb_hoechst", law(y, "3000", s("120", "60", "30")), str(VFB[y][1]))
    t.check("0:%d" % y, "law_vfb_zuschlag", law(y, "900", s("36", "18", "9")), str(VFB[y][2]))
    t.check("0:%d" % y, "law_ae_satz", law(y, "0.4", s("0.016", "0.008", "0.004")), str(AE[y][0]))
    t.check("0:%d" % y, "law_ae_hoechst", law(y, "1900", s("76", "38", "19")), str(AE[y][1]))


def run(period, freq, emps):
    return vlib.calc_paid(PACKS, [dict(BASE, **e) for e in emps], period,
                          frequency=freq)


# 1. Every row as loaded, 2026 and on the first day 2025-01-01.
for period, freq in (("2026-01", "monthly"), ("2025-01-01", "daily")):
    out = run(period, freq, [{"employee_id": "P%d" % y, "probe_jahr": str(y)}
                             for y in YEARS])
    for y in YEARS:
        r = out.get("P%d" % y, {})
        cid = "1:%s:%d" % (period, y)
        t.check(cid, "vfb_satz", VFB[y][0], r.get("probe_vfb_satz"))
        t.check(cid, "vfb_hoechstbetrag", VFB[y][1], r.get("probe_vfb_hoechstbetrag"))
        t.check(cid, "vfb_zuschlag", VFB[y][2], r.get("probe_vfb_zuschlag"))
        t.check(cid, "ae_satz", AE[y][0], r.get("probe_ae_satz"))
        t.check(cid, "ae_hoechstbetrag", AE[y][1], r.get("probe_ae_hoechstbetrag"))


# 2. VFRB through the PAP for every VJAHR.
def up(x, q):
    return x.quantize(D(q), rounding=ROUND_CEILING)


def row_of(y):
    return 2005 if y < 2006 else (2058 if y >= 2058 else y)


VJ = [0, 2004] + YEARS + [2059]
emps = []
for y in VJ:
    for case, m in (("a", "1000"), ("b", "500"), ("c", "500.01")):
        emps.append({"employee_id": "V%s%d" % (case, y), "de_test_rente": m,
                     "versorgungsbezug_monat": m, "versorgungsbeginn": str(y)})
out = run("2026-01", "monthly", emps)
for y in VJ:
    satz, hoechst, zuschlag = VFB[row_of(y)]
    t.check("2a:%d" % y, "vfrb_cap", 102 + hoechst + zuschlag,
            out.get("Va%d" % y, {}).get("lst_vfrb"))
    t.check("2b:%d" % y, "vfrb_percent", 102 + D(6000) * satz + zuschlag,
            out.get("Vb%d" % y, {}).get("lst_vfrb"))
    t.check("2c:%d" % y, "vfrb_round_up", 102 + up(D("6000.12") * satz, "0.01")
            + zuschlag, out.get("Vc%d" % y, {}).get("lst_vfrb"))

# 3. ALTE through the PAP, as the fall of WVFRB.
emps = [{"employee_id": "Ra", "de_test_lohn": "250", "de_test_rente": "2000"},
        {"employee_id": "Rb", "de_test_lohn": "5000"},
        {"employee_id": "Rc", "de_test_lohn": "250.10", "de_test_rente": "2000"}]
cases = []   # (id suffix, birth date, AE row or None for no ALTE)
for k in range(2004, 2027):
    cases.append(("%d" % k, "%d-06-15" % (k - 65), row_of(k)))
cases += [("jan1", "1962-01-01", 2026), ("jan2", "1962-01-02", None),
          ("jan1b", "1950-01-01", 2014), ("jan2b", "1950-01-02", 2015)]
for sfx, born, _ in cases:
    emps.append({"employee_id": "Aa" + sfx, "de_test_lohn": "250",
                 "de_test_rente": "2000", "geburtsdatum": born})
    emps.append({"employee_id": "Ab" + sfx, "de_test_lohn": "5000",
                 "geburtsdatum": born})
    emps.append({"employee_id": "Ac" + sfx, "de_test_lohn": "250.10",
                 "de_test_rente": "2000", "geburtsdatum": born})
out = run("2026-01", "monthly", emps)
for sfx, born, k in cases:
    satz, hoechst = AE[k] if k else (D(0), D(0))
    for case, alte in (("a", D(3000) * satz), ("b", hoechst),
                       ("c", up(D("3001.20") * satz, "1"))):
        ref = out.get("R" + case, {}).get("lst_wvfrb")
        got = out.get("A%s%s" % (case, sfx), {}).get("lst_wvfrb")
        fall = (str(D(ref) - D(got)) if ref not in (None, "") and
                got not in (None, "") else None)
        t.check("3%s:%s born %s" % (case, sfx, born), "alte_" + case,
                alte, fall)
    # ZVE must stay above GFB for the fall to be ALTE: WVFRB > 0.
    t.check("3:%s" % sfx, "wvfrb_positive", "1",
            "1" if D(out.get("Aa" + sfx, {}).get("lst_wvfrb") or 0) > 0 else "0")

sys.exit(0 if t.done() else 1)
