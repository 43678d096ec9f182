#!/usr/bin/env python3
"""Indiana county tax: every one of the 92 counties of Departmental
Notice #1 (rules/us/in), each line of the notice's county list checked
through payroll-calc, so that a typo in any county's rate, code or
listing fails here though no other case lives in that county.

The expected figures are the notice's own, transcribed independently of
the pack: Departmental Notice #1 (R46 / 01-26), p. 5, "Indiana County Tax
Rates: Effective Jan. 1, 2026" (code, county, rate as a decimal), as
braedonsaunders/openbooks@0a2c5c7 engine/src/payroll/us/states/in.ts
IN_COUNTIES_2026 transcribes it line for line from
https://www.in.gov/dor/files/dn01.pdf [the PDF itself not read here].

1. 2026: an employee living on 1 January in each county, paid 100,000.00
   monthly, no WH-4 exemptions (DN #1: taxable = wages less the period's
   constants, here none).  County tax = round(100,000.00 x rate, 2, half
   up): every rate has at most 6 decimals, so the product is exact (Adams
   0.016 -> 1,600.00; Whitley 0.016829 -> 1,682.90) and any change of a
   rate by 0.000001 shows as 0.10.  State tax: 100,000.00 x 2.95% (DN #1
   p. 2, 2026) = 2,950.00.  The county is that of residence (WH-4); a
   second copy of each employee lives nowhere in Indiana (NA) and works in
   the county: the same county tax (DN #1: "principal place of work ...
   as of Jan. 1").
2. 2025: the pack sources no 2025 county rate (its in_county_rates 2025
   entry), so each county's employee is rejected with that county's name
   and code: "no sourced rate for <county> County (<code>) on <date>";
   the county's code must still be accepted as an Indiana county (WH-4
   county codes 01 to 92).
3. A code the notice does not list (00, 93) is refused for any year.
"""
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

PACKS = ["rules/us/federal", "rules/us/in",
         "tests/vectors/packs/us_earnings.yaml"]
SSN = "123-45-6789"

# DN #1 (R46 / 01-26) p. 5, via openbooks@0a2c5c7 in.ts IN_COUNTIES_2026
COUNTIES = """
01 Adams 0.016; 02 Allen 0.0159; 03 Bartholomew 0.0175; 04 Benton 0.0179;
05 Blackford 0.025; 06 Boone 0.017; 07 Brown 0.025234; 08 Carroll 0.024733;
09 Cass 0.0295; 10 Clark 0.02; 11 Clay 0.0235; 12 Clinton 0.0265;
13 Crawford 0.0165; 14 Daviess 0.015; 15 Dearborn 0.014; 16 Decatur 0.0245;
17 DeKalb 0.0213; 18 Delaware 0.015; 19 Dubois 0.012; 20 Elkhart 0.02;
21 Fayette 0.0282; 22 Floyd 0.0189; 23 Fountain 0.021; 24 Franklin 0.017;
25 Fulton 0.0288; 26 Gibson 0.013; 27 Grant 0.0275; 28 Greene 0.0235;
29 Hamilton 0.011; 30 Hancock 0.0194; 31 Harrison 0.01; 32 Hendricks 0.017;
33 Henry 0.0202; 34 Howard 0.0235; 35 Huntington 0.0195; 36 Jackson 0.021;
37 Jasper 0.02864; 38 Jay 0.025; 39 Jefferson 0.0103; 40 Jennings 0.025;
41 Johnson 0.014; 42 Knox 0.017; 43 Kosciusko 0.01; 44 LaGrange 0.0165;
45 Lake 0.015; 46 LaPorte 0.0145; 47 Lawrence 0.0175; 48 Madison 0.0225;
49 Marion 0.0202; 50 Marshall 0.0125; 51 Martin 0.025; 52 Miami 0.0254;
53 Monroe 0.0214; 54 Montgomery 0.0265; 55 Morgan 0.0272; 56 Newton 0.01;
57 Noble 0.0175; 58 Ohio 0.02; 59 Orange 0.0175; 60 Owen 0.025;
61 Parke 0.0265; 62 Perry 0.014; 63 Pike 0.012; 64 Porter 0.005;
65 Posey 0.0145; 66 Pulaski 0.0285; 67 Putnam 0.023; 68 Randolph 0.03;
69 Ripley 0.0238; 70 Rush 0.0215; 71 St._Joseph 0.0175; 72 Scott 0.0216;
73 Shelby 0.017; 74 Spencer 0.008; 75 Starke 0.0171; 76 Steuben 0.0199;
77 Sullivan 0.017; 78 Switzerland 0.0145; 79 Tippecanoe 0.0128;
80 Tipton 0.026; 81 Union 0.0275; 82 Vanderburgh 0.0125; 83 Vermillion 0.015;
84 Vigo 0.02; 85 Wabash 0.029; 86 Warren 0.0212; 87 Warrick 0.01;
88 Washington 0.02; 89 Wayne 0.0125; 90 Wells 0.021; 91 White 0.0232;
92 Whitley 0.016829
"""
ROWS = []
for item in COUNTIES.replace("\n", " ").split(";"):
    code, name, rate = item.split()
    ROWS.append((code, name.replace("_", " "), D(rate)))

t = vlib.Tally("us IN counties")
t.check_str("list", "92 counties 01-92", [("%02d" % i) for i in range(1, 93)],
            [r[0] for r in ROWS])

WAGES = D("100000.00")


def emp(i, **kw):
    e = {"employee_id": "E%03d" % i, "national_id": SSN, "work_state": "IN",
         "wages": str(WAGES)}
    e.update(kw)
    return e


# 1. 2026, residence county, then work county of a non-resident.
emps = []
for i, (code, name, rate) in enumerate(ROWS):
    emps.append(emp(i, in_wh4_county_residence=code, in_wh4_county_work="NA"))
    emps.append(emp(100 + i, resident_state="IL", in_wh4_county_residence="NA",
                    in_wh4_county_work=code))
out, rej, err = vlib.calc(PACKS, emps, "2026-06", frequency="monthly",
                          pay_date="2026-06-30")
for j in rej:
    print("  unexpected reject: %s" % j.get("message"))
for i, (code, name, rate) in enumerate(ROWS):
    want = (WAGES * rate).quantize(D("0.01"))
    for k, how in ((i, "residence"), (100 + i, "work")):
        r = out.get("E%03d" % k, {})
        t.check("2026 %s %s (%s)" % (how, name, code), "county tax",
                want, r.get("in_county_tax"))
        t.check("2026 %s %s (%s)" % (how, name, code), "county wages",
                "100000.00", r.get("in_county_wages"))
    t.check("2026 %s (%s)" % (name, code), "state tax 2.95%", "2950.00",
            out.get("E%03d" % i, {}).get("in_withholding"))

# 2. 2025: every listed county is accepted as a code and rejected for
#    want of a sourced 2025 rate, by its own name and code.
emps = [emp(i, in_wh4_county_residence=code)
        for i, (code, name, rate) in enumerate(ROWS)]
out, rej, err = vlib.calc(PACKS, emps, "2025-06", frequency="monthly",
                          pay_date="2025-06-30")
msgs = {}
for j in rej:
    msgs.setdefault(j.get("employee_id"), []).append(j.get("message", ""))
for i, (code, name, rate) in enumerate(ROWS):
    want = "no sourced rate for %s County (%s) on 2025-06-30" % (name, code)
    got = msgs.get("E%03d" % i, [])
    good = "E%03d" % i not in out and any(want in m for m in got)
    if not good:
        print("  2025 %s: wanted %r, got %r" % (code, want, got))
    t.check_str("2025 %s (%s)" % (name, code), "rejected by name", True, good)

# 3. codes the notice does not list.
for year in ("2025", "2026"):
    emps = [emp(1, in_wh4_county_residence="00"),
            emp(2, in_wh4_county_residence="93"),
            emp(3, in_wh4_county_residence="NA", in_wh4_county_work="93")]
    out, rej, err = vlib.calc(PACKS, emps, year + "-06", frequency="monthly",
                              pay_date=year + "-06-30")
    for k in (1, 2, 3):
        got = [j.get("message", "") for j in rej
               if j.get("employee_id") == "E%03d" % k]
        good = "E%03d" % k not in out and any(
            "not an Indiana county code" in m for m in got)
        if not good:
            print("  %s E%03d: wanted a refused county code, got %r" %
                  (year, k, got))
        t.check_str("%s unlisted code E%03d" % (year, k), "refused", True,
                    good)

sys.exit(0 if t.done() else 1)
