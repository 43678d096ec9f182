#!/usr/bin/env python3
"""Every dated single value of the Canadian packs (rules/ca/tax
30-parameters.yaml, rules/ca/cpp-ei 20-parameters.yaml) on the day it
takes effect and the day before: pay dates 1 January 2025 (the packs'
first day), 30 June and 1 July 2025 (the 121st edition of T4127, from the
first payroll in July), 31 December 2025 and 1 January 2026 (the 122nd
edition).  The packs take the values in force on the pay date
(effective: pay_date; T4127: "the amounts in force on the day paid").

Each value is shown by a test pack (tests/cases/packs/ca_params.yaml) as
an info output, written without trailing zeros.  The figures, as the
editions print them:
  - T4127 120th ed. (January 2025), 121st (July 2025), 122nd (January
    2026): BPAF $16,129 / $14,538 between A of $177,882 and $253,414
    (2026: $16,452 / $14,829, $181,440 and $258,482); Canada employment
    amount $1,471 (2026 $1,501); LCF 15 % up to $750 both years; BPANS
    (ch. 2) $11,744 less 6 % of A over $25,000 (120th), plus 6 % in the
    121st, no formula in Option 2 from July 2025 nor at all in 2026; BC
    tax reduction $562, from $25,020 to $40,807 at 3.56 % (2026: $575,
    $25,570, $41,722, 3.56 %); Ontario surtax thresholds $5,710 and
    $7,307 (2026 $5,818, $7,446), S $294 (2026 $300), Y $544 (2026
    $554); Alberta K5P (from the 121st ed.): ((K1P + K2P) - $3,600) x
    0.04/0.06 (Option 2: - $4,800, x 0.02/0.08), from 2026 ((K1P + K2P)
    - $4,896) x 0.02/0.08 in both options, none before July 2025;
  - CPP (T4127 Tables 8.3-8.6; CRA "CPP contribution rates, maximums and
    exemptions"): basic exemption $3,500; YMPE $71,300 (2026 $74,600);
    rate 5.95 %, base 4.95 %, first additional 1 %; maximum $4,034.10
    (2026 $4,230.45), base part $3,356.10 (2026 $3,519.45); YAMPE
    $81,200 (2026 $85,000), CPP2 4 %, maximum $396.00 (2026 $416.00);
    QPP 6.40 % (2026 6.30 %), base 5.40 % (5.30 %), maximum $4,339.20
    (2026 $4,479.30);
  - EI (Table 8.7; CRA "EI premium rates and maximums"): maximum
    insurable earnings $65,700 (2026 $68,900); 1.64 % (2026 1.63 %),
    employer 1.4 x: 2.296 % (2.282 %), maximum $1,077.48 (2026
    $1,123.07); Quebec 1.31 % (1.30 %), employer 1.834 % (1.82 %),
    maximum $860.67 (2026 $895.70).
The 2025 and 2026 figures are also checked in use by the T4127 vectors
(tests/vectors/t_ca_t4127.py) and t_ca_boundaries.py; what this runner
adds is the day: a value taking effect a day late, or a day early, fails
here.  Where a value is the same on both sides (LCF, the CPP rates), a
date moved changes nothing (an equivalent mutant)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("ca params", places=True)
PACKS = ["rules/ca/cpp-ei", "rules/ca/tax", "tests/vectors/packs/ca_earnings.yaml",
         "tests/cases/packs/ca_params.yaml"]
DAYS = ["2025-01-01", "2025-06-30", "2025-07-01", "2025-12-31", "2026-01-01"]

# name: (January 2025, July 2025, January 2026); the July block is the
# January one where the 121st edition changed nothing.
V = {
    "ca_bpaf_max": ("16129", "16129", "16452"),
    "ca_bpaf_min": ("14538", "14538", "14829"),
    "ca_bpaf_from": ("177882", "177882", "181440"),
    "ca_bpaf_to": ("253414", "253414", "258482"),
    "ca_cea": ("1471", "1471", "1501"),
    "ca_lcf_rate": ("0.15", "0.15", "0.15"),
    "ca_lcf_max": ("750", "750", "750"),
    "ca_bpans_rate": ("-0.06", "0.06", "0"),
    "ca_bpans_rate2": ("-0.06", "0", "0"),
    "ca_bc_s_base": ("562", "562", "575"),
    "ca_bc_s_from": ("25020", "25020", "25570"),
    "ca_bc_s_to": ("40807", "40807", "41722"),
    "ca_bc_s_rate": ("0.0356", "0.0356", "0.0356"),
    "ca_on_surtax_from1": ("5710", "5710", "5818"),
    "ca_on_surtax_from2": ("7307", "7307", "7446"),
    "ca_on_s2": ("294", "294", "300"),
    "ca_on_y_amount": ("544", "544", "554"),
    "ca_ab_k5p_threshold": ("0", "3600", "4896"),
    "ca_ab_k5p_rate": ("0", "0.04", "0.02"),
    "ca_ab_k5p_threshold2": ("0", "4800", "4896"),
    "ca_ab_k5p_rate2": ("0", "0.02", "0.02"),
    "ca_cpp_basic_exemption": ("3500", "3500", "3500"),
    "ca_ympe": ("71300", "71300", "74600"),
    "ca_cpp_rate": ("0.0595", "0.0595", "0.0595"),
    "ca_cpp_max": ("4034.1", "4034.1", "4230.45"),
    "ca_cpp_base_rate": ("0.0495", "0.0495", "0.0495"),
    "ca_cpp_base_max": ("3356.1", "3356.1", "3519.45"),
    "ca_cpp_first_additional_rate": ("0.01", "0.01", "0.01"),
    "ca_yampe": ("81200", "81200", "85000"),
    "ca_cpp2_rate": ("0.04", "0.04", "0.04"),
    "ca_cpp2_max": ("396", "396", "416"),
    "ca_qpp_rate": ("0.064", "0.064", "0.063"),
    "ca_qpp_max": ("4339.2", "4339.2", "4479.3"),
    "ca_qpp_base_rate": ("0.054", "0.054", "0.053"),
    "ca_ei_mie": ("65700", "65700", "68900"),
    "ca_ei_rate": ("0.0164", "0.0164", "0.0163"),
    "ca_ei_employer_rate": ("0.02296", "0.02296", "0.02282"),
    "ca_ei_max": ("1077.48", "1077.48", "1123.07"),
    "ca_ei_rate_qc": ("0.0131", "0.0131", "0.013"),
    "ca_ei_employer_rate_qc": ("0.01834", "0.01834", "0.0182"),
    "ca_ei_max_qc": ("860.67", "860.67", "895.7"),
}
BLOCK = {"2025-01-01": 0, "2025-06-30": 0, "2025-07-01": 1,
         "2025-12-31": 1, "2026-01-01": 2}

for day in DAYS:
    out, rej, err = vlib.calc(PACKS, [{"employee_id": "E1", "ca_province": "ON",
                                       "ca_test_salary": "5000.00"}],
                              day[:7], pay_date=day)
    r = out.get("E1")
    if r is None:
        print("  %s rejected: %s" % (day, [j.get("message") for j in rej] or
                                     err.strip()))
        r = {}
    for name, vals in sorted(V.items()):
        t.check(day, name, vals[BLOCK[day]], r.get("probe_" + name))
    # every parameter of the test pack is checked here
    t.ok(sorted(k[6:] for k in r if k.startswith("probe_")) == sorted(V) or not r,
         "%s: the probes are the parameters listed here" % day, "probe list")

# Zero pay in every province on a day of each block: A = 0, and every
# rate table of T4127 Table 8.1 starts at an income of $0 (the first
# threshold printed is 0), so A = 0 is inside the first bracket of every
# table and the tax is 0.00 (T = max(0, R x A - K - credits)), never an
# error.  (Quebec is refused by rules/ca/tax: its provincial tax is
# Revenu Quebec's, TP-1015.F, not in T4127.)
PROV = "AB BC MB NB NL NS NT NU ON PE SK YT".split()
for day in ("2025-01-31", "2025-07-31", "2026-01-31"):
    emps = [{"employee_id": "Z" + p, "ca_province": p, "ca_test_salary": "0.00"}
            for p in PROV]
    out, rej, err = vlib.calc(PACKS, emps, day[:7], pay_date=day)
    for p in PROV:
        r = out.get("Z" + p)
        t.check_str("%s:%s" % (day, p), "zero pay accepted", "yes",
                    "yes" if r else "no: %s" % [j.get("message") for j in rej
                                                if j.get("employee_id") == "Z" + p])
        r = r or {}
        t.check("%s:%s" % (day, p), "zero pay: federal tax", "0.00",
                r.get("ca_federal_tax"))
        t.check("%s:%s" % (day, p), "zero pay: provincial tax", "0.00",
                r.get("ca_provincial_tax"))

sys.exit(0 if t.done() else 1)
