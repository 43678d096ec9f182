#!/usr/bin/env python3
"""Tables keyed by pay frequency agree with their own annual row.

Some publications print, next to an annual amount, the same amount per
pay period (EDD Method B, California Withholding Schedules: Table 1 low
income exemption, Table 2 estimated deduction, Table 3 standard
deduction, Table 4 exemption allowance, each "annual amount divided by
the number of pay periods", rounded to the unit the table prints).  A
pack table whose rows are pay frequencies (weekly, biweekly, ...,
annual, daily) is checked here: each periodic figure is within one unit
of its printed precision of the annual row's figure of the same column
divided by the periods (daily: 260, or 365).  So a typo in any cell (a
weekly 363 typed 336, an annual 18,896 typed 18,986) fails here though
no case is paid at that frequency.  Tables whose publication rounds
otherwise are listed below with their reason (the list is checked too).
"""
import glob, os, re, sys
from decimal import Decimal as D
import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("t_freq_tables")


def ok(cond, what):
    t.ok(cond, what)


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PERIODS = {"weekly": [52], "biweekly": [26], "semimonthly": [24],
           "monthly": [12], "quarterly": [4], "semiannual": [2],
           "daily": [260, 365]}
# The tables checked (a regular expression on the table name, matched
# whole) -> (how far a periodic figure may be from annual / periods, in
# money, besides one unit of its own printed precision; the publication's
# rounding).  Every pattern must match a table.
CHECKED = {
    r"ca_table[1-4]_\w+": (D(0), "EDD Method B (2026), Tables 1-4: the "
        "annual amounts divided by the periods, to the printed dollar or "
        "cent"),
    r"(nys|nyc)_table_bc": (D("0.05"), "NYS-50-T-NYS / NYS-50-T-NYC, "
        "Tables B and C: annual deduction and exemption amounts divided "
        "by the periods, printed to the nickel (1,000 / 52 = 19.23 printed "
        "19.25) or the dime (1,000 / 12 = 83.33 printed 83.30)"),
    r"nys_method3_start": (D(0), "NYS-50-T-NYS Method III: the wage at "
        "which the supplementary calculation starts, annual / periods to "
        "the dollar"),
    r"nj_allowance": (D("0.10"), "NJ-WT p. 24: the 1,000 allowance per "
        "period, cut to the dime (1,000 / 52 = 19.23 printed 19.20)"),
}
try:
    Loader = yaml.CSafeLoader
except AttributeError:
    Loader = yaml.SafeLoader


def unit(text):
    s = str(text)
    return D(1).scaleb(-len(s.split(".")[1])) if "." in s else D(1)

def leaves(x, path=""):
    if isinstance(x, dict):
        out = {}
        for k, v in x.items():
            out.update(leaves(v, "%s[%s]" % (path, k)))
        return out
    return {path: x}

used = set()
tables = 0
for f in sorted(glob.glob(os.path.join(ROOT, "rules", "**", "*.yaml"),
                          recursive=True)):
    # keep the cells' text: 6.30 and 6.3 print different precisions
    y = yaml.load(open(f, encoding="utf-8"), Loader=yaml.BaseLoader)
    if not isinstance(y, dict) or not isinstance(y.get("tables"), dict):
        continue
    rel = os.path.relpath(f, ROOT)
    for name, tb in y["tables"].items():
        for v in (tb or {}).get("values") or []:
            rows = v.get("rows") if isinstance(v, dict) else None
            if not isinstance(rows, dict) or "annual" not in rows or \
                    not any(k in PERIODS for k in rows):
                continue
            pats = [p for p in CHECKED if re.fullmatch(p, name)]
            if not pats:
                continue
            used.update(pats)
            extra = CHECKED[pats[0]][0]
            tables += 1
            annual = rows["annual"]
            for freq, row in rows.items():
                if freq == "annual" or freq not in PERIODS:
                    continue
                where = "%s: %s from %s: %s" % (rel, name, v.get("from"), freq)
                ok(leaves(row).keys() == leaves(annual).keys(),
                   where + ": columns differ from the annual row's")
                al = leaves(annual)
                for col, cell in leaves(row).items():
                    if col not in al:
                        continue
                    tol = max(unit(cell), extra)
                    best = min(abs(D(cell) - D(al[col]) / n)
                               for n in PERIODS[freq])
                    ok(best <= tol, "%s%s = %s, annual %s / %s: %s off, "
                       "%s allowed" % (where, col, cell, al[col],
                                       PERIODS[freq], best.quantize(
                                           D("0.0001")), tol))
# NYS-50-T-NYS / NYS-50-T-NYC Table A (the deduction and exemption
# allowance for 0 to 10 exemptions) prints, per frequency, Table B's
# deduction plus n times Table C's exemption for the same frequency
# (weekly single 142.30, 161.55 = 142.30 + 19.25, ...): checked cell by
# cell against the same pack's table_bc, exactly.
for f in sorted(glob.glob(os.path.join(ROOT, "rules", "us", "ny", "*.yaml"))):
    y = yaml.load(open(f, encoding="utf-8"), Loader=yaml.BaseLoader)
    tb = (y or {}).get("tables") or {}
    rel = os.path.relpath(f, ROOT)
    for city in ("nys", "nyc"):
        a, bc = tb.get(city + "_table_a"), tb.get(city + "_table_bc")
        if a is None:
            continue
        used.add("table_a")
        bcv = {v["from"]: v["rows"] for v in bc["values"]}
        for v in a["values"]:
            rows = bcv.get(v["from"])
            ok(rows is not None, "%s: %s_table_a from %s: no table_bc from "
               "that day" % (rel, city, v["from"]))
            for freq, st in v["rows"].items():
                for status, cols in st.items():
                    ok(sorted(cols, key=int) == [str(n) for n in range(11)],
                       "%s: %s_table_a %s %s: columns 0 to 10" % (
                           rel, city, freq, status))
                    for n, cell in cols.items():
                        want = D(rows[freq][status]) + int(n) * \
                            D(rows[freq]["exemption"])
                        ok(D(cell) == want, "%s: %s_table_a from %s: %s[%s]"
                           "[%s] = %s, table B %s + %s x C %s = %s" % (
                               rel, city, v["from"], freq, status, n, cell,
                               rows[freq][status], n,
                               rows[freq]["exemption"], want))
ok("table_a" in used, "no New York Table A found")

for p in CHECKED:
    ok(p in used, "CHECKED names %s, which no pack has" % p)
ok(tables > 0, "no frequency-keyed table found")
print("frequency tables checked: %d" % tables)
sys.exit(0 if t.done() else 1)
