#!/usr/bin/env python3
"""Official vectors for the US federal pack (us_federal.csv).

Every row goes through the real path: a canonical employee record (W-4
fields and the row's wages) and, where the row gives balances to date, a
YTD file, into bin/payroll-calc with rules/us/federal and the test earnings
pack tests/vectors/packs/us_earnings.yaml; the result columns are compared
with the row's expected values.  Rows are grouped into one payroll-calc run
per tax year, pay frequency and pack set; year-independent rows ("any") run
under 2026.

A row whose rate parameter differs from the pack's statutory FUTA rate is
a credit-reduction example: the employer's rate is set the way a company
pack would set it (override: true), in a pack generated from the row.
Expected values come only from the vector file.  No row allows a
difference: their sources state none.
"""
import os
import sys
import tempfile
from decimal import Decimal, InvalidOperation

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vlib  # noqa: E402

VECTORS = "us_federal.csv"
PACKS = ["rules/us/federal", "tests/vectors/packs/us_earnings.yaml"]
FREQ = {"52": "weekly", "26": "biweekly", "24": "semimonthly",
        "12": "monthly", "4": "quarterly", "2": "semiannual",
        "1": "annual", "260": "daily"}
STATUTORY_FUTA_RATE = Decimal("0.006")
# An SSN of valid form for the synthetic employee records.
SSN = "123-45-6789"
# Form W-4 wording -> filing_status (a 2019-or-earlier W-4's "married" is
# married filing jointly, "married, but withhold at higher single rate" is
# single).
STATUS = {"married": "mfj", "married_filing_jointly": "mfj",
          "married filing jointly": "mfj", "head_of_household": "hoh",
          "head of household": "hoh", "married_higher_single": "single",
          "married, but withhold at higher single rate": "single"}
# State unemployment rows test the mechanics (rate x wages up to the base
# less YTD) with the rate and base the row states: they run through the
# California pack with the employer's rate set as a company pack sets it,
# and the wage base too when the row's differs from California's.
SUI_PACK = "rules/us/ca"
SUI_BASE = Decimal("7000")

# component -> result columns whose sum is compared with expected_amount
COMPONENTS = {
    "fit": ["fit_withholding"],
    "fit_supplemental_flat": ["fit_supplemental"],
    "fit_supplemental": ["fit_supplemental"],
    "social_security_employee": ["ss_employee"],
    "social_security_employer": ["ss_employer"],
    "medicare_employee": ["medicare_employee"],
    "medicare_employer": ["medicare_employer"],
    "medicare_employee_incl_additional": ["medicare_employee",
                                          "additional_medicare"],
    "additional_medicare": ["additional_medicare"],
    "futa_employer_net": ["futa_employer"],
    "futa_employer": ["futa_employer"],
    "sui_employer": ["ca_sui_employer"],
}
# component -> the YTD balance that ytd_base_before gives
YTD_BALANCE = {
    "social_security_employee": "ss_wages",
    "social_security_employer": "ss_wages",
    "medicare_employee": "medicare_wages",
    "medicare_employer": "medicare_wages",
    "medicare_employee_incl_additional": "medicare_wages",
    "additional_medicare": "medicare_wages",
    "futa_employer_net": "futa_wages",
    "futa_employer": "futa_wages",
    "sui_employer": "ca_sui_wages",
}


def dec(s):
    """The first decimal number in a vector cell ("0.22 / 0.37 ..." gives
    0.22), or None."""
    s = (s or "").strip().replace(",", "")
    if not s:
        return None
    tok = s.split()[0]
    try:
        return Decimal(tok)
    except InvalidOperation:
        return None


def employee(row):
    e = {"employee_id": row["case_id"], "national_id": SSN,
         "work_state": "CA" if is_sui(row["component"]) else "TX",
         "wages": row["wages_this_period"] or "0",
         "supplemental_wages": row["supplemental_this_period"] or "0"}
    fs = row["filing_status"].strip().lower()
    if fs:
        e["filing_status"] = STATUS.get(fs, fs)
    v = row["w4_version"].strip()
    if v:
        e["w4_version"] = {"2020+": "2020", "2020": "2020",
                           "pre2020": "pre2020"}.get(v, v)
    if row["step2_checkbox"]:
        e["w4_step2_checkbox"] = row["step2_checkbox"].lower()
    for col, field in (("step3_credits_annual", "w4_step3_credits"),
                       ("step4a_other_income_annual", "w4_step4a_other_income"),
                       ("step4b_deductions_annual", "w4_step4b_deductions"),
                       ("step4c_extra_per_period", "w4_step4c_extra"),
                       ("pre2020_allowances", "w4_allowances")):
        if row[col].strip():
            e[field] = row[col].strip()
    return e


def ytd_row(row, year):
    y = {}
    base = dec(row["ytd_base_before"])
    if base is not None and row["component"] in YTD_BALANCE:
        y[YTD_BALANCE[row["component"]]] = str(base)
    supp = dec(row["ytd_supplemental_before"])
    if supp is not None:
        y["fit_supplemental_wages"] = str(supp)
    if not y:
        return None
    y["employee_id"] = row["case_id"]
    y["last_pay_date"] = "%s-05-15" % year
    return y


def futa_override(row, d):
    """A company pack setting the employer's FUTA rate from the row."""
    rate = dec(row["rate_param"])
    if rate is None or rate == STATUTORY_FUTA_RATE:
        return None
    path = os.path.join(d, "futa_%s.yaml" % row["case_id"])
    with open(path, "w") as f:
        f.write("pack: tests/futa_rate_%s\nparameters:\n  futa_rate:\n"
                "    override: true\n    source: \"vector %s: employer's "
                "FUTA rate in a credit-reduction state\"\n    value: %s\n"
                % (row["case_id"], row["case_id"], rate))
    return path


def is_sui(comp):
    return "sui" in comp or "suta" in comp


def sui_override(row, d):
    """A company pack setting the SUI rate (and the base, when the row's
    is not the pack's) from the row; the note says what was set."""
    rate = dec(row["rate_param"])
    base = dec(row["wage_base_param"])
    if rate is None:
        return None, "no rate_param"
    path = os.path.join(d, "sui_%s.yaml" % row["case_id"])
    note = "SUI rate %s set by a generated company pack" % rate
    with open(path, "w") as f:
        f.write("pack: tests/sui_%s\nparameters:\n  ca_sui_rate:\n"
                "    override: true\n    source: \"vector %s: employer's "
                "SUI rate\"\n    value: %s\n" % (row["case_id"],
                                                 row["case_id"], rate))
        if base is not None and base != SUI_BASE:
            f.write("  ca_sui_wage_base:\n    override: true\n    source: "
                    "\"vector %s: SUI wage base of the example\"\n"
                    "    value: %s\n" % (row["case_id"], base))
            note += ", wage base %s" % base
    return path, note


def main():
    rows = vlib.read_vectors(VECTORS)
    t = vlib.Tally(VECTORS)
    groups = {}
    with tempfile.TemporaryDirectory() as d:
        for row in rows:
            comp = row["component"]
            if is_sui(comp) and comp not in COMPONENTS:
                COMPONENTS[comp] = COMPONENTS["sui_employer"]
                YTD_BALANCE[comp] = YTD_BALANCE["sui_employer"]
            if comp not in COMPONENTS:
                t.skip(row["case_id"], "component '%s' has no result column "
                       "mapped in this runner" % comp)
                continue
            year = row["tax_year"] if row["tax_year"] != "any" else "2026"
            ppy = row["pay_periods_per_year"].strip() or "26"
            if ppy not in FREQ:
                t.skip(row["case_id"], "no pay frequency with %s periods"
                       % ppy)
                continue
            extra = []
            if comp.startswith("futa"):
                p = futa_override(row, d)
                if p:
                    extra.append(p)
            if is_sui(comp):
                p, note = sui_override(row, d)
                if p is None:
                    t.skip(row["case_id"], "SUI row without a rate: %s" % note)
                    continue
                print("  NOTE %s: %s" % (row["case_id"], note))
                extra += [SUI_PACK, p]
            key = (year, FREQ[ppy], tuple(extra))
            groups.setdefault(key, []).append(row)
        for (year, freq, extra), grp in sorted(groups.items()):
            emps = sorted((employee(r) for r in grp),
                          key=lambda e: e["employee_id"])
            ytd = [y for y in (ytd_row(r, year) for r in grp) if y]
            res, rej, err = vlib.calc(PACKS + list(extra), emps,
                                      period="%s-06-01" % year,
                                      frequency=freq, ytd=ytd or None)
            why = {r.get("employee_id"): r.get("message", "")
                   for r in rej}
            for row in grp:
                cid = row["case_id"]
                out = res.get(cid)
                if out is None:
                    print("  %s rejected: %s" % (cid, why.get(cid, err)))
                got = None
                if out is not None:
                    got = str(sum(Decimal(out[c])
                                  for c in COMPONENTS[row["component"]]))
                t.check(cid, row["component"], row["expected_amount"], got)
                for col, res_col in (
                        ("expected_adjusted_annual_wage",
                         "fit_adjusted_annual_wage"),
                        ("expected_tentative_annual", "fit_tentative_annual")):
                    if row[col].strip():
                        t.check(cid, res_col, row[col],
                                out.get(res_col) if out else None)
    ok = t.done()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
