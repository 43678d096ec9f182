#!/usr/bin/env python3
"""Official vectors for the German wage tax pack (de_lohnsteuer.csv).

Every row goes through the real path: a canonical employee record (the
PAP inputs the row gives, under the packs' input names, and the row's RE4 as
the period's wage through the test earnings pack
tests/vectors/packs/de_re4.yaml) into bin/payroll-calc with rules/de/sv and
rules/de/lohnsteuer; the result columns are compared with every expected
column of the row.

Rows are grouped into one payroll-calc run per tax year and pay period: the
PAP's LZZ is the run's frequency (1 annual, 2 monthly, 3 weekly, 4 daily).
PAP inputs a row leaves empty take the XML defaults (0; af = 1, f = 1.0):
the runner passes them as such where the packs would otherwise not know
them (KVZ 0, PVS 0).  A row with R > 0 is a church member; the packs need a
Land for the church tax rate, which the PAP does not take, so the record
names one (it changes nothing the row checks).

Expected values come only from the vector file: the BMF interface results
in cent are compared exactly (in euro, cent / 100); the BMF calculator's
annual wage tax in whole euro with the tolerance the row states (+-5 EUR).
"""
import os
import re
import sys
from decimal import Decimal, InvalidOperation

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vlib  # noqa: E402

VECTORS = "de_lohnsteuer.csv"
PACKS = ["rules/de/sv", "rules/de/lohnsteuer",
         "tests/vectors/packs/de_re4.yaml"]
YEARS = ("2025", "2026")
# PAP LZZ -> payroll-calc period and frequency (inside the tax year)
RUNS = {
    "1": ("%s-01-01", "annual"),
    "2": ("%s-06", "monthly"),
    "3": ("%s-06-01", "weekly"),
    "4": ("%s-06-02", "daily"),
}
# The daily rows once more on 1 January: the PAP of the year applies to
# every pay period ending in it (PAP 2026, BMF-Schreiben of 12 Nov 2025:
# "fuer einen nach dem 31. Dezember 2025 endenden Lohnzahlungszeitraum"),
# so a one-day period ending on 1 January must give the same figures,
# and every dated figure's from: must be 1 January.
AGAIN = {"4": ("%s-01-01", "daily")}
# expected column -> result column (PAP outputs in euro)
EXPECTED = [
    ("exp_LSTLZZ", "lst_lzz"),
    ("exp_SOLZLZZ", "lst_solzlzz"),
    ("exp_BK", "lst_bk"),
    ("exp_STS", "lst_sts"),
    ("exp_SOLZS", "lst_solzs"),
    ("exp_BKS", "lst_bks"),
    ("exp_VFRB", "lst_vfrb"),
    ("exp_WVFRB", "lst_wvfrb"),
]
# withholding result -> the expected columns whose sum it is
SUMS = [
    ("lohnsteuer", ("exp_LSTLZZ", "exp_STS")),
    ("solidaritaetszuschlag", ("exp_SOLZLZZ", "exp_SOLZS")),
    ("kirchensteuer_base", ("exp_BK", "exp_BKS")),
]
# a 0/1 PAP flag -> bool input
FLAGS = [("PVZ", "pv_kinderlos"), ("PKV", "kv_privat"),
         ("KRV", "rv_befreit"), ("ALV", "av_frei")]
# a church member's Land for the church tax rate (the PAP takes none)
LAND_FOR_CHURCH = "BE"


def cent_to_euro(s):
    """'123456' (cent) -> '1234.56'."""
    return str((Decimal(s) / 100).quantize(Decimal("0.01")))


def tolerance(row):
    t = row["tolerance"].strip()
    if t == "exact":
        return "0"
    m = re.match(r"^\+-\s*([0-9.]+)\s*EUR\b", t)
    if m:
        return m.group(1)
    return None


def employee(row):
    """The row's PAP inputs as an employee record, or a reason to skip."""
    e = {"employee_id": row["case_id"],
         "vector_re4": cent_to_euro(row["RE4"]),
         "steuerklasse": row["STKL"]}
    if row["ZKF"]:
        e["kinderfreibetraege"] = row["ZKF"]
    e["kvz"] = row["KVZ"] if row["KVZ"] else "0"
    for col, name in FLAGS:
        v = row[col]
        if v == "":
            continue
        if v not in ("0", "1"):
            return None, "%s=%s is not a 2026 PAP value (0 or 1)" % (col, v)
        e[name] = "true" if v == "1" else "false"
    if row["PVS"] not in ("", "0", "1"):
        return None, "PVS=%s is not 0 or 1" % row["PVS"]
    e["pv_sachsen"] = "true" if row["PVS"] == "1" else "false"
    if row["PVA"]:
        e["pv_abschlaege"] = row["PVA"]
    if row["PKPV"]:
        e["pkv_beitrag"] = cent_to_euro(row["PKPV"])
    if row["R"] and int(row["R"]) > 0:
        e["kirchenmitglied"] = "true"
        e["bundesland"] = LAND_FOR_CHURCH
    return e, None


def main():
    rows = vlib.read_vectors(VECTORS)
    t = vlib.Tally(VECTORS, places=True)
    groups = {}
    for r in rows:
        if r["tax_year"] not in YEARS:
            t.skip(r["case_id"], "tax year %s: the pack has 2025 and 2026"
                   % r["tax_year"])
            continue
        if r["LZZ"] not in RUNS:
            t.skip(r["case_id"], "LZZ %s is not a PAP pay period" % r["LZZ"])
            continue
        tol = tolerance(r)
        if tol is None:
            t.skip(r["case_id"], "tolerance '%s' not understood"
                   % r["tolerance"])
            continue
        if r["expected_LSTJAHR_eur"] and r["LZZ"] != "1":
            t.skip(r["case_id"], "an annual tax for a non-annual run")
            continue
        e, why = employee(r)
        if e is None:
            t.skip(r["case_id"], why)
            continue
        groups.setdefault((r["tax_year"], r["LZZ"]), []).append((r, e, tol))

    rows_ok = rows_bad = 0
    runs = [(year, lzz, RUNS[lzz], "") for (year, lzz) in sorted(groups)]
    runs += [(year, lzz, AGAIN[lzz], "@" + AGAIN[lzz][0] % year)
             for (year, lzz) in sorted(groups) if lzz in AGAIN]
    for year, lzz, (period, freq), tag in runs:
        items = groups[(year, lzz)]
        res, rej, err = vlib.calc(PACKS, [e for _, e, _ in items],
                                  period % year, frequency=freq)
        for j in rej:
            print("  REJECT %s: %s" % (j.get("employee_id"), j.get("message")))
        for r0, e, tol in items:
            got = res.get(r0["case_id"])
            r = dict(r0, case_id=r0["case_id"] + tag)
            checked = 0
            ok = True
            for col, out in EXPECTED:
                if r[col] == "":
                    continue
                ok &= t.check(r["case_id"], col[4:], cent_to_euro(r[col]),
                              got.get(out) if got else None, tol)
                checked += 1
            for out, cols in SUMS:
                if any(r[c] == "" for c in cols):
                    continue
                total = sum(Decimal(r[c]) for c in cols)
                ok &= t.check(r["case_id"], out, cent_to_euro(total),
                              got.get(out) if got else None, tol)
                checked += 1
            # The PAP outputs the rows do not give are 0 here by the PAP
            # itself: the file has no one-off payment (SONSTB = 0, MBV =
            # 0), so MSONST sets VKVSONST to 0 and computes none of the
            # DBA outputs VFRBS1, VFRBS2, WVFRBO, WVFRBM (0 as declared);
            # VKVLZZ is UPANTEIL(VKV), and VKV is 0 in UPVKV with PKV = 0
            # (the 2026 PAP has no VKVLZZ).  Written in euro with two
            # places, like every PAP output (cent / 100).
            zero = ["lst_vfrbs1", "lst_vfrbs2", "lst_wvfrbo",
                    "lst_wvfrbm", "lst_vkvsonst"]
            if r["PKV"] in ("", "0") or year == "2026":
                zero.append("lst_vkvlzz")
            for out in zero:
                ok &= t.check(r["case_id"], out, "0.00",
                              got.get(out) if got else None)
                checked += 1
            if r["expected_LSTJAHR_eur"]:
                ok &= t.check(r["case_id"], "LSTJAHR (BMF calculator)",
                              r["expected_LSTJAHR_eur"],
                              got.get("lohnsteuer") if got else None, tol)
                checked += 1
            if checked == 0:
                t.skip(r["case_id"], "no expected value in the row")
            elif ok:
                rows_ok += 1
            else:
                rows_bad += 1
    print("  rows: %d passed every expected column, %d failed"
          % (rows_ok, rows_bad))
    return 0 if t.done() else 1


if __name__ == "__main__":
    sys.exit(main())
