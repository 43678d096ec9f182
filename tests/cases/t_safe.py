"""Issue 13, section 2: the defects of safety and of trusted input, each
with the input that showed it.  Expected values are worked by hand in the
comments; none comes from running this code."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = vlib.ROOT
BIN = os.path.join(ROOT, "bin")
COMPANY = os.path.join(ROOT, "rules", "company", "example")
t = vlib.Tally("safe")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def crashed(p):
    """Whether a run died of a signal or a memory checker spoke."""
    return (p.returncode < 0 or p.returncode >= 124 or
            any(w in p.stderr for w in ("AddressSanitizer", "runtime error:",
                                        "free():", "corrupted", "double free",
                                        "Invalid read", "Invalid write",
                                        "ERROR SUMMARY: 1")))


# --- 2.1: thirty effective-dated records in one period -------------------
# One employee, 30 records in July 2026: from 2020-01-01 (in force on
# 1 July), then one from each of 2 to 30 July.  Record k (k = 0..29) has
# annual_salary 37,200 + 372k, that is 3,100 + 31k a month, and with the
# company pack's calendar-day proration (docs/payroll-runs.md: base pay x
# days / 31 in July) 100 + k a day.  Records 0..28 are in force one day
# each, record 29 two days (30 and 31 July):
#   sum(100 + k, k = 0..28) + 2 x 129 = 2,900 + 406 + 258 = 3,564.00,
# rounded once (already whole cents).  Before the fix the evaluation log
# (one slot per formula) was not emptied between segments: the fourth
# segment wrote past it.
with tempfile.TemporaryDirectory() as d:
    ep = os.path.join(d, "seg.csv")
    rows = []
    for k in range(30):
        rows.append({"employee_id": "E1", "pay_type": "salaried",
                     "employment_type": "full_time",
                     "hire_date": "2020-01-01", "work_state": "TX",
                     "effective_date": "2020-01-01" if k == 0 else
                     "2026-07-%02d" % (k + 1),
                     "annual_salary": str(37200 + 372 * k)})
    vlib.write_csv(ep, list(rows[0].keys()), rows)
    args = [os.path.join(BIN, "payroll-calc"), "-q", "-r", COMPANY, "-p",
            "2026-07", "--explain", "E1", ep]
    p = run(args)
    res = list(csv.DictReader(io.StringIO(p.stdout)))
    t.check_str("2.1", "30 segments: status 0, no crash", "0 False",
                "%d %s" % (p.returncode, crashed(p)))
    t.check("2.1", "30 segments: regular_pay", "3564.00",
            res[0].get("regular_pay") if len(res) == 1 else None)
    with open(os.path.join(BIN, "payroll-calc"), "rb") as f:
        sanitized = b"__asan_init" in f.read()
    if sanitized:
        # make SANITIZE=address: the sanitizer checked the run above.
        t.check_str("2.1", "30 segments under AddressSanitizer: clean",
                    "False", str("AddressSanitizer" in p.stderr))
    elif shutil.which("valgrind"):
        p = run(["valgrind", "-q", "--error-exitcode=99"] + args)
        t.check_str("2.1", "30 segments under valgrind: clean", "0 False",
                    "%d %s" % (p.returncode, crashed(p)))
    else:
        t.skip("2.1 valgrind", "valgrind is not installed")



def tool(name):
    return os.path.join(BIN, name)


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


# --- 2.8: the one rule for a CSV a person opens (rejects included) ------
# A cell that starts with = + - @ TAB or CR and is not a plain decimal
# number starts a formula in a spreadsheet (OWASP, CSV injection): it gets
# a leading '.  A plain decimal (-12.50) stays a number.
PLAIN = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")


def formula_cells(rows):
    return [c for r in rows for c in r
            if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not PLAIN.match(c)]


EVIL = ['=HYPERLINK("http://x.example/","click")', "@SUM(1+1)*cmd|' /C calc'!A0",
        "+1-1", "-2+3", "\tE5"]
BADPACKS = os.path.join(ROOT, "tests", "bad", "packs")
with tempfile.TemporaryDirectory() as d:
    ep = os.path.join(d, "e.csv")
    # Each record fails a check of tests/bad/packs/validate.yaml: a
    # salary below its minimum 0, one that is not a number, an SSN with
    # area 000, a hire date that is not a date, no SSN.
    vlib.write_csv(ep, ["employee_id", "annual_salary", "national_id",
                        "hire_date", "filing_status"], [
        {"employee_id": EVIL[0], "annual_salary": "-5",
         "national_id": "123-45-6789", "hire_date": "2020-01-01"},
        {"employee_id": EVIL[1], "annual_salary": "abc",
         "national_id": "123-45-6780", "hire_date": "2020-01-01"},
        {"employee_id": EVIL[2], "annual_salary": "1",
         "national_id": "000-45-6789", "hire_date": "2020-01-01"},
        {"employee_id": EVIL[3], "annual_salary": "1",
         "national_id": "123-45-6781", "hire_date": "x"},
        {"employee_id": EVIL[4], "annual_salary": "1",
         "national_id": "", "hire_date": "2020-01-01"}])
    rp = os.path.join(d, "rej.csv")
    p = run([tool("hr-validate"), "-q", "-r", os.path.join(BADPACKS, "validate.yaml"),
             "-p", "2026-11", "-R", rp, "-o", os.path.join(d, "v.csv"), ep])
    rows = read_rows(rp) if os.path.exists(rp) else []
    t.check_str("2.8", "hr-validate: 5 records rejected (status 1)", "1 5",
                "%d %d" % (p.returncode, len({r[2] for r in rows[1:]})))
    t.check_str("2.8", "hr-validate rejects: no cell starts a formula", "[]",
                str(formula_cells(rows)))
    t.check_str("2.8", "hr-validate rejects: the ids kept, behind a '",
                str(sorted("'" + e for e in EVIL)),
                str(sorted({r[2] for r in rows[1:]})))
    # payroll-calc: the same ids, each with a salary that is not a number
    # (tests/bad/packs/basic.yaml).
    vlib.write_csv(ep, ["employee_id", "annual_salary"],
                   [{"employee_id": e, "annual_salary": "x%d" % i}
                    for i, e in enumerate(EVIL)])
    p = run([tool("payroll-calc"), "-q", "-r", os.path.join(BADPACKS, "basic.yaml"),
             "-p", "2026-11", "-R", rp, "-o", os.path.join(d, "r.csv"), ep])
    rows = read_rows(rp) if os.path.exists(rp) else []
    t.check_str("2.8", "payroll-calc: 5 records rejected (status 1)", "1 6",
                "%d %d" % (p.returncode, len(rows)))
    t.check_str("2.8", "payroll-calc rejects: no cell starts a formula", "[]",
                str(formula_cells(rows)))
    t.check_str("2.8", "payroll-calc rejects: line numbers stay numbers",
                "['2', '3', '4', '5', '6']", str([r[1] for r in rows[1:]]))


# --- 2.9: payroll-calc applies the packs' input checks itself ----------
# US federal and the example company, with no hr-validate before it.
FED = os.path.join(ROOT, "rules", "us", "federal")


def usemp(eid, **kw):
    e = {"employee_id": eid, "national_id": "123-45-67%02d" % int(eid[1:]),
         "work_state": "TX", "filing_status": "single", "w4_version": "2020",
         "pay_type": "salaried", "employment_type": "full_time",
         "hire_date": "2020-01-01", "annual_salary": "60000",
         "hourly_rate": "", "standard_hours": "40", "k401_percent": "0",
         "bank_routing": "011000015", "bank_account": "123456789"}
    e.update(kw)
    return e


with tempfile.TemporaryDirectory() as d:
    # 011000015: 3x0 + 7x1 + 1 + 3x0 + 7x0 + 0 + 3x0 + 7x1 + 5 = 20, a
    # multiple of 10 (ABA check digit: weights 3, 7, 1).  123456789:
    # 3 + 14 + 3 + 12 + 35 + 6 + 21 + 56 + 9 = 159, not one.
    emps = [usemp("E1"),
            usemp("E2", standard_hours="-40"),
            usemp("E3", k401_percent="-5"),
            usemp("E4", national_id="000-00-0000"),
            usemp("E5", bank_routing="123456789"),
            usemp("E6", pay_type="hourly", annual_salary="", hourly_rate="20"),
            usemp("E7", pay_type="hourly", annual_salary="", hourly_rate="20")]
    ep = os.path.join(d, "e.csv")
    vlib.write_csv(ep, list(emps[0].keys()), emps)
    ip = os.path.join(d, "items.csv")
    # E6: 50 hours, then a correction of -10: 40 hours in the period
    # (min 0 bounds the period's total, docs/rules.md), 40 x 20 = 800.00.
    # E7: only the correction, -10 hours: below the minimum.
    vlib.write_csv(ip, ["employee_id", "wage_type", "amount"], [
        {"employee_id": "E6", "wage_type": "hours", "amount": "50"},
        {"employee_id": "E6", "wage_type": "hours", "amount": "-10"},
        {"employee_id": "E7", "wage_type": "hours", "amount": "-10"}])
    rp = os.path.join(d, "rej.csv")
    p = run([tool("payroll-calc"), "-q", "-r", FED, "-r", COMPANY, "-p",
             "2026-11", "-R", rp, "-i", ip, ep])
    out = {r["employee_id"]: r for r in csv.DictReader(io.StringIO(p.stdout))}
    rej = list(csv.DictReader(open(rp, newline=""))) if os.path.exists(rp) else []
    byid = {}
    for r in rej:
        byid.setdefault(r["employee_id"], []).append(r)
    t.check_str("2.9", "paid: the good salaried and hourly employees",
                "['E1', 'E6']", str(sorted(out)))
    t.check("2.9", "E1 paid 60,000 / 12", "5000.00",
            out.get("E1", {}).get("regular_pay"))
    t.check("2.9", "E6 hours 50 - 10 = 40 at 20.00", "800.00",
            out.get("E6", {}).get("regular_pay"))
    for eid, line, field, rule in (("E2", "3", "standard_hours", "range"),
                                   ("E3", "4", "k401_percent", "range"),
                                   ("E4", "5", "national_id", "check"),
                                   ("E5", "6", "bank_routing", "check"),
                                   ("E7", "8", "hours", "items")):
        got = [(r["file"] == ep, r["line"], r["field"], r["rule"])
               for r in byid.get(eid, [])]
        t.check_str("2.9", "%s rejected: file:line:field:rule" % eid,
                    str([(True, line, field, rule)]), str(got))
    t.check_str("2.9", "status 1 (records rejected)", "1", str(p.returncode))
    t.check_str("2.9", "no full SSN or routing number in the rejects", "[]",
                str([r["message"] for r in rej
                     if "000-00-0000" in r["message"] or
                     "123456789" in r["message"] or
                     "123-45-6701" in r["message"]]))

# --- 2.11: smaller ones --------------------------------------------------
with tempfile.TemporaryDirectory() as d:
    # -F json: a column name with a quote and a backslash is a JSON string.
    ep = os.path.join(d, "e.csv")
    with open(ep, "w", newline="") as f:
        f.write('employee_id,annual_salary,"say ""hi"" \\ there"\n'
                'E1,1200,x\n')
    p = run([tool("payroll-calc"), "-q", "-F", "json", "-r",
             os.path.join(BADPACKS, "basic.yaml"), "-p", "2026-11", ep])
    try:
        objs = [json.loads(l) for l in p.stdout.splitlines()]
        got = objs[0].get('say "hi" \\ there') if objs else None
    except ValueError as e:
        got = "invalid JSON: %s" % e
    t.check_str("2.11", "-F json: column names escaped", "x", got)

    # hr-import: an id format 40 digits wide (the map allows up to 40):
    # each record its own id.
    mp = os.path.join(d, "map.yaml")
    with open(mp, "w") as f:
        f.write("encoding: utf-8\ndelimiter: \",\"\ndecimal_mark: \".\"\n"
                "fields:\n  employee_id: {derive: record, format: "
                "\"E%040d\"}\n  annual_salary: {from: salary, type: decimal}\n")
    sp = os.path.join(d, "src.csv")
    with open(sp, "w") as f:
        f.write("salary\n1\n2\n3\n")
    p = run([tool("hr-import"), "-q", "-m", mp, sp])
    ids = [r["employee_id"] for r in csv.DictReader(io.StringIO(p.stdout))]
    t.check_str("2.11", "hr-import: 40-digit ids", str(["E" + "%040d" % i
                                                         for i in (1, 2, 3)]),
                str(ids))

    # A YTD file with a 300-byte id twice: a repeat, not two employees.
    long_id = "E" + "9" * 299
    yp = os.path.join(d, "ytd.csv")
    vlib.write_csv(yp, ["employee_id", "last_pay_date", "taxable"], [
        {"employee_id": long_id, "last_pay_date": "2026-10-31", "taxable": "1"},
        {"employee_id": long_id, "last_pay_date": "2026-10-31", "taxable": "2"}])
    vlib.write_csv(ep, ["employee_id", "annual_salary"],
                   [{"employee_id": long_id, "annual_salary": "1200"}])
    p = run([tool("payroll-calc"), "-q", "-r", os.path.join(BADPACKS, "basic.yaml"),
             "-p", "2026-11", "-y", yp, ep])
    t.check_str("2.11", "YTD id of 300 bytes given twice: refused",
                "1 True", "%d %s" % (p.returncode, "repeats" in p.stderr))

    # IBAN: one check.  DE89370400440532013000 is the ISO 13616 example
    # (22 characters, Germany's length), NO9386011117947 the registry's
    # Norwegian one (15), GB82WEST12345698765432 the British one (22).
    # NO37860111179470 has 16 characters and right check digits (mod 97
    # of 860111179470NO37 is 1, worked with Python's int): too long for
    # Norway.  XX + 8 digits is too short for any IBAN (15 at least).
    # python-stdnum's iban.is_valid() gives the same verdicts.
    pk = os.path.join(d, "iban.yaml")
    with open(pk, "w") as f:
        f.write("pack: t/iban\ninputs:\n  iban: {type: string, check: "
                "\"iban_valid(iban)\", message: not an IBAN}\nformulas:\n"
                "  one: \"1\"\noutputs:\n  one: {kind: info}\n")
    cases = [("DE89370400440532013000", True), ("NO9386011117947", True),
             ("DE8937040044053201300", False), ("GB82WEST12345698765432", True),
             ("GB82WEST1234569876543", False),
             ("NO37860111179470", False), ("XX00", False),
             ("AA11000000", False)]
    vlib.write_csv(ep, ["employee_id", "iban"],
                   [{"employee_id": "E%d" % i, "iban": c[0]}
                    for i, c in enumerate(cases)])
    rp = os.path.join(d, "rej.csv")
    p = run([tool("hr-validate"), "-q", "-r", pk, "-p", "2026-11", "-R", rp,
             "-o", os.path.join(d, "v.csv"), ep])
    bad = {r["employee_id"] for r in csv.DictReader(open(rp, newline=""))} \
        if os.path.exists(rp) else set()
    t.check_str("2.11", "iban_valid(): the examples",
                str([c[1] for c in cases]),
                str(["E%d" % i not in bad for i in range(len(cases))]))

    # Control characters: ESC and backspace in a name are refused at
    # validation, naming the column; a payslip never shows one.
    vlib.write_csv(ep, ["employee_id", "last_name", "annual_salary"], [
        {"employee_id": "E1", "last_name": "Doe\x1b[2J", "annual_salary": "1"},
        {"employee_id": "E2", "last_name": "Ro\x08e", "annual_salary": "1"},
        {"employee_id": "E3", "last_name": "Tab\tand\nbreak", "annual_salary": "1"}])
    p = run([tool("hr-validate"), "-q", "-r", os.path.join(BADPACKS, "basic.yaml"),
             "-p", "2026-11", "-R", rp, "-o", os.path.join(d, "v.csv"), ep])
    rej = list(csv.DictReader(open(rp, newline=""))) if os.path.exists(rp) else []
    t.check_str("2.11", "ESC and BS refused, in column last_name",
                "[('E1', 'last_name', 'control'), ('E2', 'last_name', 'control')]",
                str([(r["employee_id"], r["field"], r["rule"]) for r in rej]))

    # Invalid bytes: the message names the column.
    with open(ep, "wb") as f:
        f.write(b"employee_id,last_name,annual_salary\nE1,Do\xffe,1\n")
    p = run([tool("hr-validate"), "-q", "-r", os.path.join(BADPACKS, "basic.yaml"),
             "-p", "2026-11", "-R", rp, "-o", os.path.join(d, "v.csv"), ep])
    msgs = [r["message"] for r in csv.DictReader(open(rp, newline=""))] \
        if os.path.exists(rp) else []
    t.check_str("2.11", "invalid UTF-8: the column named", "True",
                str(any("'last_name'" in m for m in msgs)))


# --- 2.7: a masked input is masked in the messages of the rule language --
# digit() and number() failing on a masked input showed the whole value.
with tempfile.TemporaryDirectory() as d:
    pk = os.path.join(d, "acct.yaml")
    with open(pk, "w") as f:
        f.write("pack: t/acct\ninputs:\n  acct:\n    type: string\n"
                "    mask: true\n    check: \"digit(acct, 9) >= 0\"\n"
                "  ref:\n    type: string\n    mask: true\n"
                "    check: \"number(ref) > 0\"\n"
                "formulas:\n  one: \"1\"\noutputs:\n  one: {kind: info}\n")
    ep = os.path.join(d, "e.csv")
    vlib.write_csv(ep, ["employee_id", "acct", "ref"], [
        {"employee_id": "E1", "acct": "87654321", "ref": "7777x7777"}])
    rp = os.path.join(d, "rej.csv")
    p = run([tool("hr-validate"), "-r", pk, "-p", "2026-11", "-R", rp, "-o",
             os.path.join(d, "v.csv"), ep])
    text = p.stderr + (open(rp).read() if os.path.exists(rp) else "")
    t.check_str("2.7", "digit(), number() on masked inputs: rejected, masked",
                "2 False False", "%d %s %s" % (
                    text.count("****"), "87654321" in text, "7777x7777" in text))

sys.exit(0 if t.done() else 1)
