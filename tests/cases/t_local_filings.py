"""Local income taxes in the filings (issue 12): authority-report --form
us-local (the quarter's figures per locality) and the W-2's local RS
records (--form us-w2-efw2), from hand-made results rows.

The rows below are written by hand: each employee's local wages and tax
are inputs here, not figures of payroll-calc.  The expected rows of the
local return are the sums of these inputs per locality, worked out below
by plain Decimal arithmetic on the same inputs (and a few by hand in the
comments); the expected W-2 RS local fields are each employee's sums per
locality, at the positions of SSA Publication 42-007 (EFW2) that
tests/efw2check.py reads (308 tax type, 309-319 local wages, 320-330 local
income tax).  The packs loaded are the real ones (rules/us/*), so that a
local tax a pack adds and the layouts do not place fails here.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import efw2check  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("t_local_filings")


def ok(cond, what):
    t.ok(cond, what)


AR = os.path.join(ROOT, "bin", "authority-report")
EMPLOYER = os.path.join(ROOT, "samples", "multistate", "employer.yaml")
PACKS = []
for st in ("federal", "pa", "oh", "mi", "ky", "ny", "in", "il"):
    PACKS += ["-r", os.path.join(ROOT, "rules", "us", st)]

# The results columns these rows give (every other column is absent).
MONEY = ["pa_eit_withholding", "pa_eit_wages", "pa_lst",
         "pa_phila_withholding", "pa_phila_wages",
         "oh_muni_work_withholding", "oh_muni_work_wages",
         "oh_muni_resident_withholding", "oh_muni_resident_wages",
         "mi_city_work_withholding", "mi_city_work_wages",
         "mi_detroit_withholding", "mi_detroit_wages",
         "ky_olt_withholding", "ky_olt_withholding_1", "ky_olt_wages",
         "ky_olt_withholding_2", "ky_olt_wages_2",
         "nyc_withholding", "nyc_wages", "in_county_tax",
         "in_county_wages", "pa_wages", "pa_withholding",
         # The W-2's RW columns (zero here: the RW is not under test).
         "fit_wages", "fit_withholding", "fit_supplemental", "ss_wages",
         "ss_employee", "medicare_wages", "medicare_employee",
         "additional_medicare"]
TEXT = ["pa_psd_work", "pa_psd_resident", "oh_muni_work",
        "oh_muni_resident", "mi_city_work", "ky_olt_work", "ky_olt_work_2",
        "in_wh4_county_residence", "in_wh4_county_work"]
HEAD = ["employee_id", "national_id", "first_name", "last_name",
        "pay_date", "period_start", "period_end"] + TEXT + MONEY

# (employee, pay date, {column: value}); amounts are the rows' own.
ROWS = [
    # PA Act 32: E1 and E2 live in PSD 202020 and work in 101010 (one
    # return row, two employees); E3 lives outside PA (no resident PSD).
    ("E1", "2026-01-30", {"pa_psd_work": "101010", "pa_psd_resident": "202020",
                          "pa_eit_wages": "2000.00", "pa_eit_withholding": "30.00",
                          "pa_lst": "2.00", "pa_wages": "2000.00",
                          "pa_withholding": "61.40"}),
    ("E1", "2026-02-27", {"pa_psd_work": "101010", "pa_psd_resident": "202020",
                          "pa_eit_wages": "2000.00", "pa_eit_withholding": "30.00",
                          "pa_lst": "2.00"}),
    ("E2", "2026-02-27", {"pa_psd_work": "101010", "pa_psd_resident": "202020",
                          "pa_eit_wages": "1500.50", "pa_eit_withholding": "22.51",
                          "pa_lst": "2.00"}),
    ("E3", "2026-03-31", {"pa_psd_work": "101010",
                          "pa_eit_wages": "1000.00", "pa_eit_withholding": "10.00"}),
    # Philadelphia (one city: the code is the layout's constant).
    ("E4", "2026-03-31", {"pa_phila_wages": "3000.00",
                          "pa_phila_withholding": "112.05"}),
    # Ohio: E5 works in Columbus and has Cleveland withheld as well; E6
    # moved from Columbus (January) to Cincinnati (March).
    ("E5", "2026-01-30", {"oh_muni_work": "COLUMBUS", "oh_muni_resident": "CLEVELAND",
                          "oh_muni_work_wages": "4000.00",
                          "oh_muni_work_withholding": "100.00",
                          "oh_muni_resident_wages": "4000.00",
                          "oh_muni_resident_withholding": "25.00"}),
    ("E6", "2026-01-30", {"oh_muni_work": "COLUMBUS", "oh_muni_work_wages": "1000.00",
                          "oh_muni_work_withholding": "25.00"}),
    ("E6", "2026-03-31", {"oh_muni_work": "CINCINNATI", "oh_muni_work_wages": "1000.00",
                          "oh_muni_work_withholding": "18.00"}),
    # Michigan: a work city, and Detroit.
    ("E7", "2026-02-27", {"mi_city_work": "GRAND_RAPIDS", "mi_city_work_wages": "2500.00",
                          "mi_city_work_withholding": "18.75",
                          "mi_detroit_wages": "0", "mi_detroit_withholding": "0"}),
    ("E8", "2026-02-27", {"mi_detroit_wages": "2200.00",
                          "mi_detroit_withholding": "52.80"}),
    # Kentucky: two districts, each part and its wages; the whole is
    # their sum (22.00 + 36.25 = 58.25).
    ("E9", "2026-03-31", {"ky_olt_work": "LOUISVILLE_METRO", "ky_olt_work_2": "LEXINGTON_FAYETTE",
                          "ky_olt_wages": "1000.00", "ky_olt_withholding_1": "22.00",
                          "ky_olt_wages_2": "1611.11", "ky_olt_withholding_2": "36.25",
                          "ky_olt_withholding": "58.25"}),
    # New York City (one city).
    ("E10", "2026-03-31", {"nyc_wages": "5000.00", "nyc_withholding": "180.33"}),
    # Indiana: residence NA, the work county counts.
    ("E11", "2026-03-31", {"in_wh4_county_residence": "NA", "in_wh4_county_work": "49",
                           "in_county_wages": "3000.00", "in_county_tax": "60.60"}),
]

# What the layouts call each tax and where its locality is: a copy of
# the intent of rules/formats/us-local (written here, not read from it).
ENTRIES = [
    ("PA", "pa_eit_withholding", "pa_eit_wages", "pa_psd_work", "pa_psd_resident"),
    ("PA", "pa_lst", None, "pa_psd_work", None),
    ("PA", "pa_phila_withholding", "pa_phila_wages", "=PHILADELPHIA", None),
    ("OH", "oh_muni_work_withholding", "oh_muni_work_wages", "oh_muni_work", None),
    ("OH", "oh_muni_resident_withholding", "oh_muni_resident_wages", "oh_muni_resident", None),
    ("MI", "mi_city_work_withholding", "mi_city_work_wages", "mi_city_work", None),
    ("MI", "mi_detroit_withholding", "mi_detroit_wages", "=DETROIT", None),
    ("KY", "ky_olt_withholding_1", "ky_olt_wages", "ky_olt_work", None),
    ("KY", "ky_olt_withholding_2", "ky_olt_wages_2", "ky_olt_work_2", None),
    ("NY", "nyc_withholding", "nyc_wages", "=NEW YORK CITY", None),
    ("IN", "in_county_tax", "in_county_wages", "in_wh4_county_work", None),
]

# The W-2's local taxes (the LST is not one): state FIPS code (EFW2
# Appendix F, shared/reference/formats.md 1.8), tax type code (308), tax,
# wages, where the code (written in supplemental data 1) comes from.
W2_ENTRIES = [
    ("42", "F", "pa_eit_withholding", "pa_eit_wages", "pa_psd_work"),
    ("42", "C", "pa_phila_withholding", "pa_phila_wages", "=PHILADELPHIA"),
    ("39", "C", "oh_muni_work_withholding", "oh_muni_work_wages", "oh_muni_work"),
    ("39", "C", "oh_muni_resident_withholding", "oh_muni_resident_wages", "oh_muni_resident"),
    ("26", "C", "mi_city_work_withholding", "mi_city_work_wages", "mi_city_work"),
    ("26", "C", "mi_detroit_withholding", "mi_detroit_wages", "=DETROIT"),
    ("21", "F", "ky_olt_withholding_1", "ky_olt_wages", "ky_olt_work"),
    ("21", "F", "ky_olt_withholding_2", "ky_olt_wages_2", "ky_olt_work_2"),
    ("36", "C", "nyc_withholding", "nyc_wages", "=NEW YORK CITY"),
    ("18", "D", "in_county_tax", "in_county_wages", "in_wh4_county_work"),
]



def write_results(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEAD)
        for i, (eid, date, vals) in enumerate(rows):
            num = int(eid[1:])
            row = {"employee_id": eid,
                   "national_id": "123-45-%04d" % (1000 + num),
                   "first_name": "ANN", "last_name": "LOCAL " + "ABCDEFGHIJKL"[num],
                   "pay_date": date, "period_start": date[:8] + "01",
                   "period_end": date}
            for c in TEXT:
                row[c] = vals.get(c, "")
            for c in MONEY:
                row[c] = vals.get(c, "0")
            w.writerow([row[h] for h in HEAD])


def run(form, path, *extra):
    p = subprocess.run([AR, "-F", form] + PACKS + list(extra) + [path],
                       capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def expected_local(rows):
    """{(state, tax output, code, resident): [employees, wages, tax]}"""
    acc = defaultdict(lambda: [set(), Decimal(0), Decimal(0)])
    for eid, date, vals in rows:
        for st, tax, wages, code, res in ENTRIES:
            t = Decimal(vals.get(tax, "0"))
            w = Decimal(vals.get(wages, "0")) if wages else Decimal(0)
            if t == 0 and w == 0:
                continue
            c = code[1:] if code.startswith("=") else vals[code]
            r = vals.get(res, "") if res else ""
            a = acc[(st, tax, c, r)]
            a[0].add(eid)
            a[1] += w
            a[2] += t
    return {k: (len(v[0]), v[1], v[2]) for k, v in acc.items()}


def ssn_of(eid):
    return "12345%04d" % (1000 + int(eid[1:]))


def expected_w2(rows):
    """{(ssn, fips, type, code): [wages, tax]} from the rows."""
    acc = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for eid, date, vals in rows:
        for fips, typ, tax, wages, code in W2_ENTRIES:
            t = Decimal(vals.get(tax, "0"))
            w = Decimal(vals.get(wages, "0"))
            if t == 0 and w == 0:
                continue
            c = code[1:] if code.startswith("=") else vals[code]
            a = acc[(ssn_of(eid), fips, typ, c)]
            a[0] += w
            a[1] += t
    return {k: tuple(v) for k, v in acc.items()}


def check_w2(tmp, res):
    out = os.path.join(tmp, "w2.efw2")
    p = subprocess.run([AR, "-F", "us-w2-efw2"] + PACKS +
                       ["-c", EMPLOYER, "-p", "2026", "-o", out, res],
                       capture_output=True, text=True)
    ok(p.returncode == 0, "W-2 written (rc %d: %s)" % (p.returncode,
                                                     p.stderr[-300:]))
    if p.returncode != 0:
        return
    fails, recs = efw2check.check(out)
    ok(not fails, "efw2check: %s" % fails[:5])
    rs = [r for r in recs if r["id"] == "RS"]
    local = [r for r in rs if r["local_wages"] or r["local_tax"]]
    got = {}
    for r in local:
        key = (r["ssn"], r["state"], r["tax_type"], r["supplemental_1"])
        ok(key not in got, "one RS per employee and locality: %s" % (key,))
        got[key] = (r["local_wages"], r["local_tax"])
        ok(r["state_wages"] == 0 and r["state_tax"] == 0,
           "a locality's RS carries no state amounts: %s" % (key,))
    want = expected_w2(ROWS)
    ok(got == want, "RS local wages and tax per employee and locality "
       "equal the inputs' sums:\n    got  %s\n    want %s"
       % (sorted(got.items()), sorted(want.items())))
    # By hand: E1's Act 32 EIT, 2,000.00 + 2,000.00 wages and 30.00 +
    # 30.00 tax, in one RS for PSD 101010; E9's two Kentucky districts in
    # two RS; E6's two Ohio cities in two.
    ok(got.get((ssn_of("E1"), "42", "F", "101010")) ==
       (Decimal("4000.00"), Decimal("60.00")),
       "E1: RS 42, F, 101010, 4,000.00, 60.00 (by hand)")
    ok(sum(1 for k in got if k[0] == ssn_of("E9")) == 2 and
       sum(1 for k in got if k[0] == ssn_of("E6")) == 2,
       "E9 (two districts) and E6 (moved) have two local RS each")
    # E1's state RS: Pennsylvania's wages and tax, no local amounts.
    st = [r for r in rs if r["ssn"] == ssn_of("E1") and r["state_wages"]]
    ok(len(st) == 1 and st[0]["state_wages"] == Decimal("2000.00") and
       st[0]["state_tax"] == Decimal("61.40") and
       st[0]["local_wages"] == 0 and st[0]["tax_type"] == " ",
       "E1: the state's RS has the state's figures only")
    # The LST (2.00 a row for E1, E2) is on no W-2 record.
    ok(not any(r["local_tax"] == Decimal("2.00") for r in local) and
       sum(1 for k in got if k[0] in (ssn_of("E1"), ssn_of("E2"))) == 2,
       "the LST is not on the W-2's local records")


def main():
    tmp = tempfile.mkdtemp(prefix="t_local_filings.")
    res = os.path.join(tmp, "q1.csv")
    write_results(res, ROWS)

    # --- us-local -----------------------------------------------------
    rc, out, err = run("us-local", res, "-p", "2026Q1")
    ok(rc == 0, "us-local written (rc %d: %s)" % (rc, err.strip()[-300:]))
    ok("provisional" in err, "us-local says it is provisional")
    got = list(csv.DictReader(io.StringIO(out.decode())))
    want = expected_local(ROWS)
    ok(len(got) == len(want), "one row per locality: %d rows (want %d)"
       % (len(got), len(want)))
    # Which output each row is: its label in the pack (the tax column).
    seen = set()
    for g in got:
        key = None
        for k in want:
            st, tax, c, r = k
            if (g["state"] == st and g["locality"] == c and
                    g["resident_locality"] == r and k not in seen and
                    (Decimal(g["local_withholding"]), Decimal(g["local_wages"]))
                    == (want[k][2], want[k][1])):
                key = k
                break
        ok(key is not None, "row %s is one of the localities" % dict(g))
        if key is None:
            continue
        seen.add(key)
        ok(int(g["employees"]) == want[key][0],
           "%s %s: %s employees (want %d)" % (key[1], key[2], g["employees"],
                                              want[key][0]))
        ok(g["year"] == "2026" and g["quarter"] == "1" and
           g["period_end"] == "2026-03-31", "%s: the quarter" % key[1])
    # By hand: Act 32 PSD 101010 with resident PSD 202020 is E1 and E2:
    # wages 2,000.00 + 2,000.00 + 1,500.50 = 5,500.50, EIT 30.00 + 30.00
    # + 22.51 = 82.51; E3 (no resident PSD) is a row of its own.
    eit = [g for g in got if g["locality"] == "101010" and
           g["resident_locality"] == "202020" and
           g["local_wages"] == "5500.50"]
    ok(len(eit) == 1 and eit[0]["local_withholding"] == "82.51" and
       eit[0]["employees"] == "2", "PSD 101010/202020: 2 employees, "
       "5,500.50, 82.51 (by hand)")
    lst = [g for g in got if g["locality"] == "101010" and
           g["local_wages"] == "0.00"]
    ok(len(lst) == 1 and lst[0]["local_withholding"] == "6.00" and
       lst[0]["employees"] == "2", "LST at PSD 101010: 2.00 x 3 = 6.00, "
       "2 employees (by hand)")
    # E6 moved: Columbus has E5 and E6's January (5,000.00, 125.00),
    # Cincinnati E6's March (1,000.00, 18.00).
    col = [g for g in got if g["locality"] == "COLUMBUS"]
    ok(len(col) == 1 and col[0]["local_wages"] == "5000.00" and
       col[0]["local_withholding"] == "125.00" and
       col[0]["employees"] == "2", "Columbus: E5 + E6's January "
       "(5,000.00, 125.00; by hand)")
    ky = [g for g in got if g["state"] == "KY"]
    ok(sorted((g["locality"], g["local_withholding"]) for g in ky) ==
       [("LEXINGTON_FAYETTE", "36.25"), ("LOUISVILLE_METRO", "22.00")],
       "Kentucky: one row per district (%s)" % ky)

    # Errors: a part that does not add up, a tax without its locality.
    rows = [("E9", "2026-03-31", dict(ROWS[10][2], ky_olt_withholding="58.26"))]
    bad_path = os.path.join(tmp, "bad1.csv")
    write_results(bad_path, rows)
    rc, out, err = run("us-local", bad_path, "-p", "2026Q1")
    ok(rc == 1 and "do not add up" in err and "ky_olt_withholding" in err,
       "parts of ky_olt_withholding not adding up: exit 1 (%d: %s)"
       % (rc, err.strip()[-200:]))
    rows = [("E6", "2026-01-30", {"oh_muni_work_wages": "1000.00",
                                  "oh_muni_work_withholding": "25.00"})]
    write_results(bad_path, rows)
    rc, out, err = run("us-local", bad_path, "-p", "2026Q1")
    ok(rc == 1 and "no locality" in err and "oh_muni_work" in err and
       "bad1.csv:2" in err, "a local tax with no locality: exit 1 naming "
       "the row and column (%d: %s)" % (rc, err.strip()[-200:]))
    # A pack's local tax that the layout does not place stops the form.
    extra = os.path.join(tmp, "extra.yaml")
    with open(extra, "w") as f:
        f.write("pack: tests/local_extra\n"
                "description: a local tax no layout places (test)\n"
                "formulas:\n  xx_city_tax: \"0\"\n"
                "outputs:\n  xx_city_tax: {kind: withholding, tags: "
                "[local_withholding, state_PA]}\n"
                "tags:\n  local_withholding: \"test\"\n  state_PA: \"test\"\n")
    rc, out, err = run("us-local", res, "-p", "2026Q1", "-r", extra)
    ok(rc == 3 and "xx_city_tax" in err, "an unplaced local tax: exit 3 "
       "(%d: %s)" % (rc, err.strip()[-200:]))
    check_w2(tmp, res)
    return tmp


tmp = main()
sys.exit(0 if t.done() else 1)
