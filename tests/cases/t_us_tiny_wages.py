#!/usr/bin/env python3
"""Every state's "no wages, no withholding" guard, on both sides: wages of
0.00 and of 1.00 a week, with and without the certificate's additional
amount.

Each state pack withholds nothing when no wages are paid ("if(xx_wages <=
0 ...) 0"), and otherwise the tax plus the additional amount the employee
asked for on the state certificate (A-4 ..., W-4ME, IT 4, ...; each
publication: "additional amount to withhold each pay period").  A guard
typed "<= 1" (or a comparison moved) withholds nothing on a dollar of
wages, or the additional amount on none; no other runner pays a dollar.

Per state, weekly, paid 1 June 2026:
  wages 0.00 + additional 0.50        -> 0.00 (nothing paid)
  wages 1.00 + additional 0.00        -> T
  wages 1.00 + additional 0.50        -> T + 0.50
T is the tax on one dollar a week, worked here from the publication:
  0.00 where the standard deduction, allowance or exemption of the
       state's formula (none claimed) exceeds 52 dollars a year (AL AR CA
       CO DE GA HI IA ID KS KY MD ME MN MO MS ND NE NM NY OK SC VA VT WI
       WV), or where the only tax is a dollar-rounded one (WV: table tax
       1 x 2.22% = 0.02, rounded to the dollar: 0);
  AZ 1.00 x 2.0% (no A-4 election)                    = 0.02
  CT 1.00 x 6.99% (no CT-W4 claim code: code D)       = 0.0699 -> 0.07
  DC 1.00 x 4% (D-4, first bracket, no allowance)     = 0.04
  IL 1.00 x 4.95% (IL-W-4, no allowance)              = 0.0495 -> 0.05
  IN 1.00 x 2.95% (2026 state rate; county NA)        = 0.0295 -> 0.03
  LA 1.00 x 3% (R-1306, 2025 flat rate, no deduction) = 0.03
  MA (1.00 - FICA withheld 0.07) x 52 = 48.36 x 5% = 2.418 / 52
       = 0.0465 -> 0.05 (Circular M, no exemption claimed)
  MI 1.00 x 4.25% (MI-W4, no exemption)               = 0.0425 -> 0.04
  NJ Rate A 1.00 x 1.5% (line "over 0")               = 0.015 -> 0.02
  OH 52 x 1.775% = 0.923 -> 0.92 / 52 = 0.0177 -> 0.02 (Optional
       Computer Formula Rev. 09/25, no exemption)
  RI 1.00 x 3.75% (no exemption)                      = 0.0375 -> 0.04
Montana rounds the tax plus MW-4 line 3 up to a dollar (a dollar of wages
cannot carry it), so MW-4 line 4 (an amount specified instead) is used:
0.50 on a dollar, nothing on no wages.  North Carolina's NC-4 line 2 is
in whole dollars (more than a dollar of wages) and Oregon's formula
withholds its 263-dollar addend on a dollar with 0 allowances (more than
the wages): their guards are not reached here.
"""
import glob
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us tiny wages")
DATE = "2026-06-01"
EXTRA = {
    "AL": "al_a4_extra", "AR": "ar_ar4ec_extra", "AZ": "az_a4_extra",
    "CA": "ca_extra", "CO": "co_dr0004_extra", "CT": "ct_w4_extra",
    "DC": "dc_d4_extra", "DE": "de_w4_extra", "GA": "ga_g4_extra",
    "HI": "hi_hw4_extra", "IA": "ia_w4_extra", "ID": "id_w4_extra",
    "IL": "il_w4_extra", "IN": "in_wh4_extra_state", "KS": "ks_k4_extra",
    "KY": "ky_k4_extra", "LA": "la_l4_extra", "MA": "ma_m4_extra",
    "MD": "md_mw507_extra", "ME": "me_w4me_extra", "MI": "mi_w4_extra",
    "MN": "mn_w4mn_extra", "MO": "mo_w4_extra", "MS": "ms_89350_extra",
    "MT": "mt_mw4_specified", "ND": "nd_additional", "NE": "ne_w4n_extra",
    "NJ": "nj_additional", "NM": "nm_additional", "NY": "ny_extra",
    "OH": "oh_additional", "OK": "ok_additional", "RI": "ri_additional",
    "SC": "sc_additional", "VA": "va_additional", "VT": "vt_additional",
    "WI": "wi_additional", "WV": "wv_additional",
}
TAX_ON_A_DOLLAR = {"AZ": "0.02", "CT": "0.07", "DC": "0.04", "IL": "0.05",
                   "IN": "0.03", "LA": "0.03", "MA": "0.05", "MI": "0.04",
                   "NJ": "0.02", "OH": "0.02", "RI": "0.04"}
REQUIRED = {"IN": {"in_wh4_county_residence": "NA"},   # WH-4: no county
            "MD": {"md_county": "03"}}                 # MW507 county code

packs = ["rules/us/federal"] + sorted(
    os.path.relpath(d.rstrip("/"), vlib.ROOT)
    for d in glob.glob(os.path.join(vlib.ROOT, "rules/us/*/"))
    if not d.rstrip("/").endswith("/federal"))
packs.append("tests/vectors/packs/us_earnings.yaml")

emps, checks = [], []
for st, field in sorted(EXTRA.items()):
    t_dollar = D(TAX_ON_A_DOLLAR.get(st, "0.00"))
    specified = field == "mt_mw4_specified"
    for wages, extra, want, why in (
            ("0.00", "0.50", D("0.00"), "no wages: nothing withheld"),
            ("1.00", None if specified else "0.00", t_dollar,
             "the tax on a dollar"),
            ("1.00", "0.50", D("0.50") if specified else t_dollar + D("0.50"),
             "the tax on a dollar plus the additional 0.50")):
        e = {"employee_id": "%s-%s-%s" % (st, wages, extra or "none"),
             "national_id": "123-45-6789", "work_state": st, "wages": wages}
        if extra is not None:
            e[field] = extra
        e.update(REQUIRED.get(st, {}))
        emps.append(e)
        checks.append((e["employee_id"], st.lower() + "_withholding", want,
                       why))

out, rej, err = vlib.calc(packs, emps, DATE, frequency="weekly",
                          pay_date=DATE)
for r in rej:
    t.ok(False, "unexpected reject %s: %s" % (r.get("employee_id"),
                                              r.get("message")))
for eid, col, want, why in checks:
    t.check("%s (%s)" % (eid, why), col, str(want),
            out.get(eid, {}).get(col))
sys.exit(0 if t.done() else 1)
