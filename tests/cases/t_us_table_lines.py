#!/usr/bin/env python3
"""New Jersey and New Mexico (and West Virginia, Oklahoma, Rhode Island and
Vermont, below): each rate table of each pay frequency is the
one the period's wages are taxed on, line "over A" read as printed.

NJ-WT (rate tables A-E, one per frequency) and FYI-104 (Tables 1-8, one
per frequency, columns single / married / head of household) print lines
"over A but not over B: base plus R% of the excess over A".  The packs
(rules/us/nj, rules/us/nm) pick the period's table in a formula, one line
per table, and compute a line "over A" as scale(w - 0.01) + R x 0.01
(their headers say why).  Here every table of both packs is paid twice in
its top line, at wages w where the printed line's exact amount base +
R x (w - A) lies just below, and just above, a rounding boundary (so
that R x 0.045 more, or less, rounds to another cent): the expected
withholding is that amount rounded to the cent half up, worked here from
the line as printed.  A formula line that picks another table, or whose
one-cent correction is typed 0.10 (R x 0.09 off), moves the amount across
the half cent and fails.

The lines are read from the packs' own text: whether each figure is the
publication's is checked by t_scale_sums.py (each base adds up from the
lines below; each periodic table agrees with the annual one) and by the
vectors; this test checks the formulas that choose and apply them.
"""
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

SSN = "123-45-6789"
FREQS = ("weekly", "biweekly", "semimonthly", "monthly", "quarterly",
         "semiannual", "annual", "daily")
CENT = D("0.01")


def top_line(pack_file, scale, date):
    y = yaml.load(open(os.path.join(vlib.ROOT, pack_file), encoding="utf-8"),
                  Loader=yaml.BaseLoader)
    vals = [v for v in y["scales"][scale]["values"] if v["from"] <= date]
    line = max(vals, key=lambda v: v["from"])["brackets"][-1]
    a, r, base = line
    return D(a), D(r.rstrip("%")) / 100, D(base)


def r2(x):
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def wages_for(a, r, base, below):
    """The first wages above A + 1.00 whose exact amount rounds to another
    cent when moved up (below) or down (not below) by R x 0.045, half the
    R x 0.09 of a one-cent correction typed 0.10."""
    w = a + 1
    for _ in range(100000):
        exact = base + r * (w - a)
        moved = exact + (r * D("0.045") if below else -r * D("0.045"))
        if r2(moved) != r2(exact):
            return w, exact
        w += CENT
    raise RuntimeError("no wages found for %s %s %s" % (a, r, base))


t = vlib.Tally("us table lines")
DATE = "2026-06-01"
CASES = []  # (state, pack, freq, employee fields, scale, output)
for tb in "ABCDE":
    for f in FREQS:
        CASES.append(("NJ", "rules/us/nj", f, {"nj_rate_table": tb},
                      "rules/us/nj/withholding.yaml",
                      "nj_%s_%s" % (tb.lower(), f), "nj_withholding"))
for col in ("single", "married", "head_of_household"):
    for f in FREQS:
        CASES.append(("NM", "rules/us/nm", f, {"nm_filing_status": col},
                      "rules/us/nm/withholding.yaml",
                      "nm_%s_%s" % (col, f), "nm_table_tax"))

# The same formula shape ("over A" as scale(x - 0.01) + R x 0.01, one
# line per table) in four more packs, read on their table-tax outputs
# (before the whole-dollar rounding West Virginia applies after): West
# Virginia (IT-100.2A, two-earner and optional one-earner tables, six
# frequencies), Oklahoma (OW-2, single and married, eight), Rhode Island
# (one table per frequency, eight; its withholding is the table tax to the
# cent), Vermont (GB-1210, single and married, all but semiannual).
for one in ("true", "false"):
    for f in ("weekly", "biweekly", "semimonthly", "monthly", "annual",
              "daily"):
        CASES.append(("WV", "rules/us/wv", f, {"wv_one_earner": one},
                      "rules/us/wv/withholding.yaml",
                      "wv_%s_earner_%s" % ("one" if one == "true" else
                                           "two", f), "wv_table_tax"))
for st in ("single", "married"):
    for f in FREQS:
        CASES.append(("OK", "rules/us/ok", f, {"ok_filing_status": st},
                      "rules/us/ok/withholding.yaml",
                      "ok_%s_%s" % (f, st), "ok_table_tax"))
    for f in FREQS:
        if f == "semiannual":
            continue
        CASES.append(("VT", "rules/us/vt", f, {"vt_filing_status": st},
                      "rules/us/vt/withholding.yaml",
                      "vt_%s_%s" % (f, st), "vt_table_tax"))
for f in FREQS:
    CASES.append(("RI", "rules/us/ri", f, {}, "rules/us/ri/withholding.yaml",
                  "ri_%s" % f, "ri_withholding"))

by_run = {}
for state, pack, freq, fields, pfile, scale, output in CASES:
    a, r, base = top_line(pfile, scale, DATE)
    for below in (True, False):
        w, exact = wages_for(a, r, base, below)
        e = {"employee_id": "E%03d" % len(by_run.get((pack, freq), [])),
             "national_id": SSN, "work_state": state, "wages": str(w)}
        e.update(fields)
        want = exact.quantize(CENT, rounding=ROUND_HALF_UP)
        by_run.setdefault((pack, freq), []).append(
            (e, "%s %s wages %s (%s + %s x (%s - %s) = %s)" % (
                scale, "below" if below else "above", w, base, r, w, a,
                exact), output, want))
for (pack, freq), rows in sorted(by_run.items()):
    out, rej, err = vlib.calc(["rules/us/federal", pack,
                               "tests/vectors/packs/us_earnings.yaml"],
                              [x[0] for x in rows], DATE, frequency=freq,
                              pay_date=DATE)
    for r in rej:
        print("  unexpected reject: %s" % r.get("message"))
    for e, cid, output, want in rows:
        t.check(cid, output, want, out.get(e["employee_id"], {}).get(output))
sys.exit(0 if t.done() else 1)
