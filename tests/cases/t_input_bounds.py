#!/usr/bin/env python3
"""Every bound (min:, max:) of an employee input or item of the German,
UK, Canadian and company example packs, on the bound (accepted) and just
beyond it (the employee rejected, the message naming the input).

The bounds are written here from what the input is, not read from the
packs (a test that read them would follow a typo):
  - an amount withheld, claimed or paid (an allowance on the ELStAM, a
    TD1 claim, a Class 1A cash equivalent, an earnings order's amount, a
    salary, a bonus, union dues) is 0 or more, never negative;
  - Germany: six tax classes I-VI (§ 38b Abs. 1 EStG); the factor of the
    factor method has three decimals and is less than 1, 1 meaning no
    factor (§ 39f Abs. 1 EStG; PAP input f); the care insurance child
    reduction counts the 2nd to the 5th child, at most 4 (§ 55 Abs. 3
    SGB XI; PAP input PVA, docs/packs-de.md "integer 0-4"); the months of
    a pension in a year, 0 to 12 (PAP input ZMVB, docs/packs-de.md
    "integer 0-12"); a fund may charge no Zusatzbeitrag (0 %); the first
    year of a pension (VJAHR) 0 when there is none, a year such as 2026
    otherwise;
  - Canada: PM, the months in the year CPP contributions are required,
    0 to 12 (T4127 glossary); P, the pay periods in the year, at least 1
    (T4127 ch. 4 step 1) and at most 2,000, the most CRA's table of CPP
    basic exemptions by pay period has ("Daily (240) $14.58, Hourly
    (2,000) $1.75", 2019's $3,500 table as quoted by allabouttax.ca
    [secondary: CRA's own page not read here]); dependants for the Ontario tax reduction, 0 or
    more (T4127 "Y", the number of dependants);
  - company example: standard weekly hours 0 to 168 (7 x 24), more than 0
    for a salaried employee, a 401(k)
    percentage 0 to 100, hours in a period 0 to 744 (31 x 24), unpaid
    leave 0 to 31 days in a period of at most a month.
No expected value comes from running this code."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("input bounds")

DE = (["rules/de/sv", "rules/de/lohnsteuer", "tests/vectors/packs/de_re4.yaml"],
      {"bundesland": "BE", "kvz": "2.5", "steuerklasse": "1",
       "vector_re4": "3000.00"}, "2026-01", {})
UK = (["rules/uk/nic", "rules/uk/student-loans",
       "tests/vectors/packs/uk_earnings.yaml"],
      {"ni_category": "A", "uk_test_pay": "3000.00", "sl_plan": "2",
       "pgl": "false"}, "2026-05", {"pay_date": "2026-05-05"})
CA = (["rules/ca/cpp-ei", "rules/ca/tax", "tests/vectors/packs/ca_earnings.yaml"],
      {"ca_province": "ON", "ca_test_salary": "5000.00"}, "2026-05", {})
CO = (["rules/company/example"],
      {"pay_type": "salaried", "employment_type": "full_time",
       "hire_date": "2020-01-01", "work_state": "TX", "annual_salary": "60000"},
      "2026-05", {})
HOURLY = {"pay_type": "hourly", "hourly_rate": "20.00", "annual_salary": ""}

NEG = "-0.01"
# (group, input, value, accepted?, other fields of the record)
CASES = [
    # Germany, wage tax
    (DE, "steuerklasse", "1", True, {}), (DE, "steuerklasse", "6", True, {}),
    (DE, "steuerklasse", "0", False, {}), (DE, "steuerklasse", "7", False, {}),
    (DE, "kinderfreibetraege", "0", True, {}),
    (DE, "faktor", "0.001", True, {"steuerklasse": "4"}),
    (DE, "faktor", "0.999", True, {"steuerklasse": "4"}),
    (DE, "faktor", "1", True, {"steuerklasse": "4"}),
    (DE, "faktor", "0.000", False, {"steuerklasse": "4"}),
    (DE, "pkv_beitrag", "0", True, {}), (DE, "pkv_beitrag", NEG, False, {}),
    (DE, "pkv_ag_zuschuss", "0", True, {}),
    (DE, "pkv_ag_zuschuss", NEG, False, {}),
    (DE, "freibetrag_lzz", "0", True, {}), (DE, "freibetrag_lzz", NEG, False, {}),
    (DE, "hinzurechnung_lzz", "0", True, {}),
    (DE, "hinzurechnung_lzz", NEG, False, {}),
    (DE, "jahresfreibetrag", "0", True, {}),
    (DE, "jahresfreibetrag", NEG, False, {}),
    (DE, "jahreshinzurechnung", "0", True, {}),
    (DE, "jahreshinzurechnung", NEG, False, {}),
    (DE, "versorgungsbeginn", "0", True, {}),
    (DE, "versorgungsbeginn", "2026", True, {}),
    (DE, "versorgungsbeginn", "-1", False, {}),
    (DE, "versorgungsbezug_monat", "0", True, {}),
    (DE, "versorgungsbezug_monat", NEG, False, {}),
    (DE, "versorgungsbezug_sonderzahlungen", "0", True, {}),
    (DE, "versorgungsbezug_sonderzahlungen", NEG, False, {}),
    (DE, "versorgungsmonate", "0", True, {}),
    (DE, "versorgungsmonate", "12", True, {}),
    (DE, "versorgungsmonate", "13", False, {}),
    (DE, "versorgungsmonate", "-1", False, {}),
    # Germany, social insurance
    (DE, "kvz", "0", True, {}),
    (DE, "pv_abschlaege", "0", True, {}), (DE, "pv_abschlaege", "4", True, {}),
    (DE, "pv_abschlaege", "5", False, {}), (DE, "pv_abschlaege", "-1", False, {}),
    # UK
    (UK, "class1a_benefits", "0", True, {}),
    (UK, "class1a_benefits", NEG, False, {}),
    (UK, "aeo_attachable_earnings", "0", True, {"aeo_protected_earnings": "100.00"}),
    (UK, "aeo_attachable_earnings", NEG, False, {"aeo_protected_earnings": "100.00"}),
    (UK, "aeo_protected_earnings", "0", True, {"aeo_attachable_earnings": "100.00"}),
    (UK, "aeo_protected_earnings", NEG, False, {"aeo_attachable_earnings": "100.00"}),
    # Canada
    (CA, "ca_td1_claim", "0", True, {}), (CA, "ca_td1_claim", NEG, False, {}),
    (CA, "ca_td1_prov_claim", "0", True, {}),
    (CA, "ca_td1_prov_claim", NEG, False, {}),
    (CA, "ca_hd", "0", True, {}), (CA, "ca_hd", NEG, False, {}),
    (CA, "ca_f1", "0", True, {}), (CA, "ca_f1", NEG, False, {}),
    (CA, "ca_k3", "0", True, {}), (CA, "ca_k3", NEG, False, {}),
    (CA, "ca_k3p", "0", True, {}), (CA, "ca_k3p", NEG, False, {}),
    (CA, "ca_extra_tax", "0", True, {}), (CA, "ca_extra_tax", NEG, False, {}),
    (CA, "ca_lsvcc", "0", True, {}), (CA, "ca_lsvcc", NEG, False, {}),
    (CA, "ca_on_dependants", "0", True, {}),
    (CA, "ca_on_dependants", "-1", False, {}),
    (CA, "ca_cpp_months", "0", True, {}), (CA, "ca_cpp_months", "12", True, {}),
    (CA, "ca_cpp_months", "13", False, {}), (CA, "ca_cpp_months", "-1", False, {}),
    (CA, "ca_periods", "1", True, {}), (CA, "ca_periods", "0", False, {}),
    (CA, "ca_periods", "12", True, {}), (CA, "ca_periods", "240", True, {}),
    (CA, "ca_periods", "2000", True, {}), (CA, "ca_periods", "2001", False, {}),
    # company example
    (CO, "annual_salary", "0", True, {}), (CO, "annual_salary", NEG, False, {}),
    (CO, "hourly_rate", "0", True, HOURLY),
    (CO, "hourly_rate", NEG, False, HOURLY),
    (CO, "standard_hours", "0", True, HOURLY),
    # a salaried employee's overtime is paid at the salary per contractual
    # hour (annual_salary / (standard_hours x 52)): 0 hours is refused as
    # an input, naming it, not met later as a division by zero
    (CO, "standard_hours", "0", False, {}),
    (CO, "standard_hours", "0.01", True, {}),
    (CO, "standard_hours", "168", True, {}),
    (CO, "standard_hours", "168.01", False, {}),
    (CO, "standard_hours", NEG, False, {}),
    (CO, "k401_percent", "0", True, {}), (CO, "k401_percent", "100", True, {}),
    (CO, "k401_percent", "100.01", False, {}),
    (CO, "k401_percent", NEG, False, {}),
    (CO, "union_dues", "0", True, {}), (CO, "union_dues", NEG, False, {}),
]
# company example items (items file: wage_type, amount)
ITEMS = [
    ("hours", "0", True, HOURLY), ("hours", "744", True, HOURLY),
    ("hours", "744.01", False, HOURLY), ("hours", NEG, False, HOURLY),
    ("overtime_hours", "0", True, HOURLY), ("overtime_hours", "744", True, HOURLY),
    ("overtime_hours", "744.01", False, HOURLY),
    ("overtime_hours", NEG, False, HOURLY),
    ("bonus", "0", True, {}), ("bonus", NEG, False, {}),
    ("unpaid_leave_days", "0", True, {}), ("unpaid_leave_days", "31", True, {}),
    ("unpaid_leave_days", "31.5", False, {}),
    ("unpaid_leave_days", NEG, False, {}),
]


def verdict(cid, name, value, ok, out, rej):
    got = "accepted" if cid in out else "rejected"
    t.check_str(cid, "%s=%s" % (name, value),
                "accepted" if ok else "rejected", got)
    if not ok and got == "rejected":
        fields = [r.get("field") for r in rej if r.get("employee_id") == cid]
        t.ok(name in fields, "%s: the reject names %s: %r" % (cid, name, fields),
             "reject names the input")


groups = {}
for g, name, value, ok, extra in CASES:
    groups.setdefault(id(g), (g, []))[1].append((name, value, ok, extra))
for g, cases in groups.values():
    packs, base, period, kw = g
    emps, ids = [], []
    for n, (name, value, ok, extra) in enumerate(cases):
        cid = "B%03d" % n
        e = dict(base, employee_id=cid)
        e.update(extra)
        e[name] = value
        emps.append(e)
        ids.append((cid, name, value, ok))
    # every column in every record: empty where a record does not give it
    out, rej, err = vlib.calc(packs, emps, period, **kw)
    if not out and not rej:
        print("  %s: %s" % (packs[0], err.strip()))
    for cid, name, value, ok in ids:
        verdict(cid, name, value, ok, out, rej)

emps, items, ids = [], [], []
for n, (name, value, ok, extra) in enumerate(ITEMS):
    cid = "I%03d" % n
    e = dict(CO[1], employee_id=cid)
    e.update(extra)
    emps.append(e)
    items.append({"employee_id": cid, "wage_type": name, "amount": value})
    ids.append((cid, name, value, ok))
out, rej, err = vlib.calc(CO[0], emps, CO[2], items=items)
for cid, name, value, ok in ids:
    verdict(cid, name, value, ok, out, rej)

sys.exit(0 if t.done() else 1)
