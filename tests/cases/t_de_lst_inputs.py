#!/usr/bin/env python3
"""The wage tax pack's inputs that become PAP inputs (rules/de/lohnsteuer
30-pap.yaml: euro to cent, a monthly amount to a year, the wage of the
periods left), each checked by an identity of the law rather than a
figure, 2026, monthly, tax class I, Berlin, church member:

1. A Freibetrag on the ELStAM is deducted from the wage (§ 39a Abs. 1,
   § 39b Abs. 2 Satz 3 EStG; PAP: ZRE4 = ZRE4J - ... - JLFREIB, JLFREIB
   = LZZFREIB for the year): 15,000.00 with a monthly Freibetrag of
   1,000.00 is taxed as 14,000.00 without.  Both wages are above the
   2026 ceilings (pension 8,450, health 5,812.50 a month), so the
   Vorsorgepauschale, which follows the wage up to the ceilings, is the
   same; so are the wage tax, the solidarity surcharge and church tax.
2. A Hinzurechnungsbetrag is added to it (§ 39a Abs. 1 Satz 1 Nr. 7;
   PAP: + JLHINZU): 14,000.00 with 1,000.00 added is taxed as 15,000.00.
3. Private health insurance, 2026: the contributions taken into account
   are the employee's PKPV less the employer's subsidy PKPVAGZ, each a
   monthly amount times 12 (PAP 2026 MVSPKVPV: PKPV x 12 / 100 -
   PKPVAGZ x 12 / 100): 600.00 with a subsidy of 300.00 is taxed as
   300.00 without one (5,000.00 a month, below the pension ceiling).
4. A one-off payment is taxed on the expected annual wage JRE4, the wage
   paid so far this year plus this period's current wage for each period
   left, this one included (R 39b.6 Abs. 2 LStR): in December, with
   55,000.00 of current wage to the end of November and 5,000.00 now, it
   is 55,000 + 5,000 x 1 = 60,000.00, the same as an expected annual wage
   of 60,000.00 given (input jahresarbeitslohn); in June, 25,000.00 to
   the end of May: 25,000 + 5,000 x 7 = 60,000.00 again.
Each identity is checked on the withheld amounts (lohnsteuer,
solidaritaetszuschlag, kirchensteuer) and on the PAP outputs in euro
(lst_lzz, lst_sts, lst_bk, lst_bks), which must also not be all zero (a
comparison of two zeros would show nothing).  No figure here comes from
running this code."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/de/sv", "rules/de/lohnsteuer", "tests/vectors/packs/de_re4.yaml",
         "tests/cases/packs/de_bonus.yaml"]
BASE = {"bundesland": "BE", "kvz": "2.5", "steuerklasse": "1",
        "kirchenmitglied": "true"}
COLS = ["lohnsteuer", "solidaritaetszuschlag", "kirchensteuer", "lst_lzz",
        "lst_sts", "lst_bk", "lst_bks"]
t = vlib.Tally("de lst inputs", places=True)


def run(period, emps, ytd=None):
    return vlib.calc_paid(PACKS, [dict(BASE, **e) for e in emps], period,
                          ytd=ytd)


def same(cid, out, a, b, cols=COLS):
    ra, rb = out.get(a, {}), out.get(b, {})
    for c in cols:
        t.check_str(cid, c, rb.get(c), ra.get(c))
    t.ok(any(ra.get(c) not in (None, "", "0.00") for c in cols),
         "%s: some tax to compare" % cid, "not all zero")


out = run("2026-06", [
    {"employee_id": "F1", "vector_re4": "15000.00", "freibetrag_lzz": "1000.00"},
    {"employee_id": "F0", "vector_re4": "14000.00"},
    {"employee_id": "H1", "vector_re4": "14000.00", "hinzurechnung_lzz": "1000.00"},
    {"employee_id": "H0", "vector_re4": "15000.00"},
    {"employee_id": "P1", "vector_re4": "5000.00", "kv_privat": "true",
     "pkv_beitrag": "600.00", "pkv_ag_zuschuss": "300.00"},
    {"employee_id": "P0", "vector_re4": "5000.00", "kv_privat": "true",
     "pkv_beitrag": "300.00"}])
same("1:freibetrag", out, "F1", "F0", ["lohnsteuer", "solidaritaetszuschlag",
                                       "kirchensteuer", "lst_lzz", "lst_bk"])
same("2:hinzurechnung", out, "H1", "H0", ["lohnsteuer", "solidaritaetszuschlag",
                                          "kirchensteuer", "lst_lzz", "lst_bk"])
same("3:pkv subsidy", out, "P1", "P0", ["lohnsteuer", "solidaritaetszuschlag",
                                        "kirchensteuer", "lst_lzz", "lst_bk"])

for period, ytd_wage in (("2026-12", "55000.00"), ("2026-06", "25000.00")):
    emps = [{"employee_id": "J0", "vector_re4": "5000.00",
             "de_test_bonus": "10000.00", "jahresarbeitslohn": "60000.00"},
            {"employee_id": "J1", "vector_re4": "5000.00",
             "de_test_bonus": "10000.00"}]
    last = "2026-11-30" if period == "2026-12" else "2026-05-31"
    ytd = [{"employee_id": e, "last_pay_date": last,
            "lst_laufender_arbeitslohn": ytd_wage, "lst_sonstige_bezuege": "0.00"}
           for e in ("J0", "J1")]
    out = run(period, emps, ytd)
    same("4:jre4 " + period, out, "J1", "J0", ["lohnsteuer", "lst_sts", "lst_bks",
                                               "kirchensteuer"])

sys.exit(0 if t.done() else 1)
