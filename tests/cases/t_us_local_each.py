"""Every locality of the Ohio, Kentucky and Michigan local income tax packs,
one by one: the priced ones withhold their published rate, every other
listed one refuses the employee ("no sourced rate"), never withholds 0.

The priced localities and their rates are written here from
docs/packs-us.md and the sources it names, not read from the packs, so
that a row's `sourced:` or rate typed wrong in a pack fails here (the
local-*.yaml boundary cases name only a few localities each):

- Ohio (rules/us/oh/local.yaml; docs/packs-us.md "Ohio municipal"):
  COLUMBUS 2.5%, CLEVELAND 2.5%, CINCINNATI 1.8%, CANTON 2.5%,
  YOUNGSTOWN 2.75%, KETTERING 2.25%, MANSFIELD 2.0%, from two agreeing
  sources each; the other 43 of the 50 largest cities are listed but not
  priced, and no residence credit is priced.
- Kentucky (rules/us/ky/local.yaml; "Kentucky occupational"):
  LOUISVILLE_METRO 2.2% for residents and 1.45% for nonresidents,
  LEXINGTON_FAYETTE 2.25% for both; 20 other cities and 5 counties listed,
  not priced.
- Michigan (rules/us/mi/local.yaml; "Michigan cities"): all 23 cities
  besides Detroit priced from the Treasury list ("What cities impose an
  income tax?") under the Uniform City Income Tax Ordinance (MCL 141.611:
  1% for residents, 0.5% for nonresidents), but Grand Rapids 1.5% and
  0.75% (its own guide), Highland Park 2% and 1%, Saginaw 1.5% and 0.75%
  (the Treasury list).  Detroit (2.4% and 1.2%, its exemption) is tested
  by tests/cases/local-mi.yaml with detroit.yaml.

Each employee: weekly, $1,000.00 gross, paid 2025-06-06 and 2026-06-05 (the
packs' tables run from 2025-01-01), so a rate r withholds 1000 x r exactly
(2.75% -> 27.50, 1.45% -> 14.50).  The locality names are written below
from the lists the packs cite, and each pack's table must list exactly
them: a name typed wrong in a pack fails here.
"""
import os
import sys
from decimal import Decimal

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

SSN = "123-45-6789"
OH = {"COLUMBUS": "2.5", "CLEVELAND": "2.5", "CINCINNATI": "1.8",
      "CANTON": "2.5", "YOUNGSTOWN": "2.75", "KETTERING": "2.25",
      "MANSFIELD": "2.0"}
KY = {"LOUISVILLE_METRO": ("2.2", "1.45"),
      "LEXINGTON_FAYETTE": ("2.25", "2.25")}
MI_OTHER = {"GRAND_RAPIDS": ("1.5", "0.75"), "HIGHLAND_PARK": ("2", "1"),
            "SAGINAW": ("1.5", "0.75")}
MI_UNIFORM = ("1", "0.5")
DATES = (("2025-06-02", "2025-06-06"), ("2026-06-01", "2026-06-05"))
t = vlib.Tally("us local each locality")

# The localities each pack lists, written here from the lists the packs
# cite, so that a name typed wrong in a pack fails (the employee with the
# right name is refused) rather than being tested under its wrong name:
# Ohio: the 50 most populous cities (U.S. Census 2020); Kentucky:
# Louisville Metro, Lexington-Fayette, the 20 most populous other cities
# (U.S. Census 2020) and five counties (these two lists, as the packs say,
# general knowledge); Michigan: the Treasury's "What cities impose an
# income tax?" (24 cities, Detroit included).
OH_NAMES = """AKRON BEAVERCREEK BOWLING_GREEN BRUNSWICK CANTON CINCINNATI
CLEVELAND CLEVELAND_HEIGHTS COLUMBUS CUYAHOGA_FALLS DAYTON DELAWARE DUBLIN
ELYRIA EUCLID FAIRBORN FAIRFIELD FINDLAY GAHANNA GARFIELD_HEIGHTS GROVE_CITY
HAMILTON HUBER_HEIGHTS KETTERING LAKEWOOD LANCASTER LIMA LORAIN MANSFIELD
MARION MASON MASSILLON MENTOR MIDDLETOWN NEWARK NORTH_OLMSTED
NORTH_RIDGEVILLE NORTH_ROYALTON PARMA REYNOLDSBURG SHAKER_HEIGHTS SPRINGFIELD
STOW STRONGSVILLE TOLEDO UPPER_ARLINGTON WARREN WESTERVILLE WESTLAKE
YOUNGSTOWN""".split()
KY_NAMES = """LOUISVILLE_METRO LEXINGTON_FAYETTE BOWLING_GREEN OWENSBORO
COVINGTON GEORGETOWN RICHMOND FLORENCE ELIZABETHTOWN HOPKINSVILLE
NICHOLASVILLE FRANKFORT HENDERSON INDEPENDENCE JEFFERSONTOWN PADUCAH RADCLIFF
ASHLAND MADISONVILLE MURRAY ERLANGER WINCHESTER BOONE_COUNTY KENTON_COUNTY
CAMPBELL_COUNTY WARREN_COUNTY DAVIESS_COUNTY""".split()
MI_NAMES = """ALBION BATTLE_CREEK BENTON_HARBOR BIG_RAPIDS DETROIT EAST_LANSING
FLINT GRAND_RAPIDS GRAYLING HAMTRAMCK HIGHLAND_PARK HUDSON IONIA JACKSON
LANSING LAPEER MUSKEGON MUSKEGON_HEIGHTS PONTIAC PORTLAND PORT_HURON SAGINAW
SPRINGFIELD WALKER""".split()


def keys(pack, table):
    """The row names of a table's value in force from 2025-01-01."""
    with open(os.path.join(vlib.ROOT, "rules", "us", pack, "local.yaml"),
              encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    for v in doc["tables"][table]["values"]:
        if str(v["from"]) == "2025-01-01":
            return sorted(v["rows"])
    raise SystemExit("no 2025-01-01 value of %s in %s" % (table, pack))


def names(pack, table, want):
    """The localities to test: the list written above; the pack's table
    must list exactly those."""
    got = keys(pack, table)
    t.check_str("%s %s names" % (pack.upper(), table), "listed",
                " ".join(sorted(want)), " ".join(got))
    return sorted(want)


def tax(rate):
    return str((Decimal("1000.00") * Decimal(rate) / 100).quantize(
        Decimal("0.01")))


def run(state, cases):
    """cases: (case id, employee fields, column, expected amount or None
    for a refusal "no sourced <what> for <name> on <date>")."""
    for period, pay in DATES:
        emps = []
        for i, (cid, fields, col, want) in enumerate(cases):
            e = {"employee_id": "E%04d" % i, "national_id": SSN,
                 "work_state": state, "wages": "1000.00"}
            e.update(fields)
            emps.append(e)
        out, rej, err = vlib.calc(
            ["rules/us/federal", "rules/us/" + state.lower(),
             "tests/vectors/packs/us_earnings.yaml"], emps, period,
            frequency="weekly", pay_date=pay)
        why = {}
        for r in rej:
            why.setdefault(r.get("employee_id"), []).append(
                r.get("message", ""))
        for i, (cid, fields, col, want) in enumerate(cases):
            eid = "E%04d" % i
            name = "%s %s" % (cid, pay[:4])
            if isinstance(want, tuple):
                msg = "no sourced %s for %s on %s" % (want[0], want[1], pay)
                got = "; ".join(why.get(eid, [])) or (
                    "a result" if eid in out else err.strip()[:200])
                t.check_str(name, "refused", msg,
                            msg if msg in got else got)
            else:
                r = out.get(eid)
                t.check(name, col, want, r.get(col) if r else None)
                if r is None:
                    print("  %s: %s" % (name, "; ".join(why.get(eid, []))))


# Ohio: the work city alone; the residence alone (withheld for it); a
# priced residence with another work city: its credit is not priced.
cases = []
for c in names("oh", "oh_munis", OH_NAMES):
    rate = OH.get(c)
    cases.append(("OH work " + c, {"oh_muni_work": c},
                  "oh_muni_work_withholding",
                  tax(rate) if rate else ("rate", c)))
    cases.append(("OH resident " + c, {"oh_muni_resident": c,
                                       "oh_muni_withhold_resident": "y"},
                  "oh_muni_resident_withholding",
                  tax(rate) if rate else ("rate", c)))
    if rate:
        other = "CLEVELAND" if c == "COLUMBUS" else "COLUMBUS"
        cases.append(("OH credit " + c, {"oh_muni_resident": c,
                                         "oh_muni_work": other,
                                         "oh_muni_withhold_resident": "y"},
                      None, ("credit", c)))
run("OH", cases)

# Kentucky: a nonresident working in the district; a resident working in
# it (the resident rate).
cases = []
for d in names("ky", "ky_olt", KY_NAMES):
    rates = KY.get(d)
    cases.append(("KY nonresident " + d, {"ky_olt_work": d},
                  "ky_olt_withholding",
                  tax(rates[1]) if rates else ("rate", d)))
    cases.append(("KY resident " + d, {"ky_olt_work": d,
                                       "ky_olt_resident": d},
                  "ky_olt_withholding",
                  tax(rates[0]) if rates else ("rate", d)))
run("KY", cases)

# Michigan: a nonresident working in the city (nonresident rate); a
# resident working in no taxing city (resident rate).
cases = []
for c in names("mi", "mi_cities", MI_NAMES):
    if c == "DETROIT":
        continue
    res, non = MI_OTHER.get(c, MI_UNIFORM)
    cases.append(("MI work " + c, {"mi_city_work": c},
                  "mi_city_work_withholding", tax(non)))
    cases.append(("MI resident " + c, {"mi_city_resident": c,
                                       "resident_state": "MI"},
                  "mi_city_resident_withholding", tax(res)))
run("MI", cases)

sys.exit(0 if t.done() else 1)
