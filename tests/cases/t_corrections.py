"""A correction of the demo's November run (issue 12, "Done when"): make
demo's steps on the first 30 records of its sample (samples/demo.sh: the
public employer's extract, hr-import, synth, hr-validate, January to
October, then November 2026), then the correction a back office makes
after November was paid: one salary changed (PE000003, 42,312.00 a year
to 48,312.00) and one employee removed (PE000004, paid in error).

Checked independently (figures from the inputs and the statutory rates,
never from payroll-calc's own results; files parsed by their published
layouts here, not by this project's layout files):
  - the correction run (payroll-calc --retro) gives the deltas per
    employee, negative where money moves back;
  - the NACHA reversal of November's bank file (every credit debited
    back, REVERSAL, totals and hashes recomputed), refused six banking
    days after settlement;
  - the GL journal's reversal lines and the correction's journal;
  - the W-2c file (EFW2C) by tests/efw2check.py, and its figures;
  - the Form 941-X figures for 2026Q4.
Prints "t_corrections: N passed, M failed".
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import efw2check  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("t_corrections")


def ok(cond, what):
    t.ok(cond, what)


BIN = os.path.join(ROOT, "bin")
RULES = ["-r", "rules/us/federal", "-r", "rules/us/il",
         "-r", "rules/company/example"]
EMPLOYER = ["--employer", "samples/employer.yaml"]
COMPANY = ["-c", "samples/company.yaml"]
CHANGED, REMOVED = "PE000003", "PE000004"
OLD_SALARY, NEW_SALARY = Decimal("42312.00"), Decimal("48312.00")


def run(args, env=None, stdin=None, out=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run(args, cwd=ROOT, env=e, input=stdin,
                       capture_output=True)
    if out is not None:
        with open(out, "wb") as f:
            f.write(p.stdout)
    return p


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def cents(x):
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fail_out(what, p):
    t.ok(False, "%s: status %d: %s" % (what, p.returncode,
         p.stderr.decode(errors="replace")[-400:]))
    t.done()
    sys.exit(1)


T = tempfile.mkdtemp(prefix="t_corrections.")
try:
    # --- make demo's steps 1-3 on the first 30 records -----------------
    src = os.path.join(T, "src.csv")
    with open(os.path.join(ROOT, "samples", "public-employer",
                           "employees-windows1252-crlf.csv"), "rb") as f:
        head = b"".join(f.readline() for _ in range(31))
    with open(src, "wb") as f:
        f.write(head)
    p = run([BIN + "/hr-import", "--map", "samples/public-employer/map.yaml",
             "-e", "windows-1252", src])
    if p.returncode != 0:
        fail_out("hr-import", p)
    p = run(["samples/synth"], stdin=p.stdout,
            out=os.path.join(T, "employees.csv"))
    if p.returncode != 0:
        fail_out("synth", p)
    period = ["-p", "2026-11", "-f", "monthly", "-d", "2026-11-30"]
    p = run([BIN + "/hr-validate"] + RULES + period +
            ["--rejects", T + "/rejects.csv", "-o", T + "/valid.csv",
             T + "/employees.csv"])
    if p.returncode > 1:
        fail_out("hr-validate", p)
    ytd = []
    for m in range(1, 11):
        p = run([BIN + "/payroll-calc", "-q"] + RULES +
                ["-p", "2026-%02d" % m, "-f", "monthly"] + ytd +
                ["-Y", T + "/ytd-%02d.csv" % m,
                 "-o", T + "/results-2026-%02d.csv" % m, T + "/valid.csv"])
        if p.returncode > 1:
            fail_out("payroll-calc 2026-%02d" % m, p)
        ytd = ["-y", T + "/ytd-%02d.csv" % m]
    p = run([BIN + "/payroll-calc", "-q"] + RULES + period + ytd +
            ["-o", T + "/results.csv", T + "/valid.csv"])
    if p.returncode > 1:
        fail_out("payroll-calc November", p)

    # The inputs the expectations rest on.
    valid = {r["employee_id"]: r for r in rows(T + "/valid.csv")}
    ch, rm = valid.get(CHANGED), valid.get(REMOVED)
    ok(ch is not None and rm is not None and
       ch["pay_type"] == rm["pay_type"] == "salaried" and
       ch["hire_date"] < "2026-01-01" and rm["hire_date"] < "2026-01-01" and
       Decimal(ch["annual_salary"]) == OLD_SALARY,
       "the sample's %s and %s are salaried all year (%s at %s)"
       % (CHANGED, REMOVED, CHANGED, OLD_SALARY))
    old_m = OLD_SALARY / 12                         # 3,526.00 a month
    new_m = NEW_SALARY / 12                         # 4,026.00
    rm_m = Decimal(rm["annual_salary"]) / 12        # 97,974 / 12 = 8,164.50
    ok(old_m == cents(old_m) and new_m == cents(new_m) and
       rm_m == cents(rm_m), "monthly salaries are whole cents")

    # --- the correction ------------------------------------------------
    with open(T + "/valid.csv", newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        fields = rd.fieldnames
        corr = []
        for r in rd:
            if r["employee_id"] == REMOVED:
                continue
            if r["employee_id"] == CHANGED:
                r["annual_salary"] = "%s" % NEW_SALARY
            corr.append(r)
    with open(T + "/corrected.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(corr)
    p = run([BIN + "/payroll-calc", "-q"] + RULES + period +
            ["-y", T + "/ytd-10.csv", "-t", T + "/results.csv",
             "-o", T + "/deltas.csv", T + "/corrected.csv"])
    ok(p.returncode == 0, "correction run (--retro) succeeds")
    p = run([BIN + "/payroll-calc", "-q"] + RULES + period +
            ["-y", T + "/ytd-10.csv", "-o", T + "/results-corrected.csv",
             T + "/corrected.csv"])
    ok(p.returncode == 0, "corrected November run succeeds")

    # 1. Deltas per employee.
    deltas = {r["employee_id"]: r for r in rows(T + "/deltas.csv")}
    orig_nov = {r["employee_id"]: r for r in rows(T + "/results.csv")}
    ok(sorted(deltas) == [CHANGED, REMOVED],
       "deltas for the changed and the removed employee only (%s)"
       % sorted(deltas))
    d = deltas.get(CHANGED, {})
    ok(Decimal(d.get("gross_pay", "0")) == new_m - old_m,
       "%s: gross pay delta %s = (48,312 - 42,312) / 12"
       % (CHANGED, d.get("gross_pay")))
    ok(Decimal(d.get("medicare_employee", "0")) ==
       cents(new_m * Decimal("0.0145")) - cents(old_m * Decimal("0.0145")),
       "%s: Medicare delta at 1.45%% of each month's pay" % CHANGED)
    d = deltas.get(REMOVED, {})
    ok(Decimal(d.get("gross_pay", "0")) == -rm_m and
       Decimal(d.get("net_pay", "0")) < 0,
       "%s: recovered in full, gross %s = -97,974 / 12, net negative"
       % (REMOVED, d.get("gross_pay")))
    o = orig_nov.get(REMOVED, {})
    money = [k for k in ("gross_pay", "net_pay", "fit_withholding",
                         "ss_employee", "medicare_employee", "il_withholding")
             if k in o]
    ok(all(Decimal(d.get(k, "0")) == -Decimal(o[k]) for k in money),
       "%s: every money column the negative of the paid row" % REMOVED)

    # 2. NACHA: November's file, then its reversal (Nacha Operating
    #    Rules, Appendix Three: entry detail 6, batch header 5, ...).
    p = run([BIN + "/payroll-export", "-F", "nacha"] + RULES + COMPANY +
            ["-o", T + "/payments.ach", T + "/results.csv"])
    ok(p.returncode in (0, 1) and os.path.exists(T + "/payments.ach"),
       "November's NACHA file written")
    dec2 = {"SOURCE_DATE_EPOCH": "1796223600"}      # 2026-12-02 15:00 UTC
    p = run([BIN + "/payroll-export", "-F", "nacha-reversal"] + COMPANY +
            ["-o", T + "/reversal.ach", T + "/payments.ach"], env=dec2)
    ok(p.returncode == 0, "reversal written (%s)"
       % p.stderr.decode(errors="replace")[-200:])

    def ach(path):
        with open(path) as f:
            return [ln.rstrip("\n") for ln in f]

    orig = ach(T + "/payments.ach")
    rev = ach(T + "/reversal.ach") if p.returncode == 0 else []
    ok(rev and all(len(x) == 94 for x in rev) and len(rev) % 10 == 0,
       "reversal: 94-character records in blocks of ten")
    oent = [x for x in orig if x[0] == "6" and int(x[29:39]) > 0]
    rent = [x for x in rev if x[0] == "6"]
    flip = {"22": "27", "32": "37"}
    ok(len(rent) == len(oent) and all(
        r[1:3] == flip.get(o[1:3]) and r[3:29] == o[3:29] and
        r[29:39] == o[29:39] and r[39:76] == o[39:76]
        for o, r in zip(oent, rent)),
       "reversal: each of the %d credits debited back (27/37, same "
       "bank, account, amount, id and name)" % len(oent))
    ok(len({r[79:94] for r in rent}) == len(rent),
       "reversal: trace numbers unique")
    bh = [x for x in rev if x[0] == "5"]
    obh = [x for x in orig if x[0] == "5"]
    ok(bh and all(b[1:4] == "225" and b[53:63] == "REVERSAL  " and
                  b[4:20] == obh[0][4:20] and b[40:50] == obh[0][40:50] and
                  b[50:53] == "PPD" and b[69:75] == "261203" for b in bh),
       "reversal batch: service class 225, REVERSAL, same company name, "
       "id and SEC code, effective 2026-12-03 (next banking day)")
    total = sum(int(x[29:39]) for x in rent)
    ototal = sum(int(x[29:39]) for x in oent)
    bc = [x for x in rev if x[0] == "8"]
    fc = [x for x in rev if x[0] == "9" and not x.startswith("9999")]
    hashsum = sum(int(x[3:11]) for x in rent) % 10 ** 10
    ok(total == ototal and bc and int(bc[0][20:32]) == total and
       int(bc[0][32:44]) == 0 and int(bc[0][10:20]) == hashsum and
       fc and int(fc[0][31:43]) == total and int(fc[0][43:55]) == 0 and
       int(fc[0][21:31]) == hashsum and
       int(fc[0][7:13]) == len(rev) // 10,
       "reversal: debits %d cents = the original credits; hashes, "
       "counts and blocks recomputed" % total)
    late = {"SOURCE_DATE_EPOCH": "1796223600"}
    p = run([BIN + "/payroll-export", "-F", "nacha-reversal"] + COMPANY +
            ["--effective-date", "2026-12-08", "-o", T + "/late.ach",
             T + "/payments.ach"], env=late)
    ok(p.returncode == 1 and not os.path.exists(T + "/late.ach") and
       b"5 banking days" in p.stderr,
       "reversal on 2026-12-08 (6 banking days after 2026-11-30) refused, "
       "nothing written")
    p = run([BIN + "/payroll-export", "-F", "nacha-reversal"] + COMPANY +
            ["--effective-date", "2026-12-07", "-o", T + "/last.ach",
             T + "/payments.ach"], env=late)
    ok(p.returncode == 0, "reversal on 2026-12-07 (the fifth banking day) "
       "accepted")

    # 3. GL journal: reversal lines, and the correction's journal.
    p = run([BIN + "/payroll-export", "-F", "journal"] + RULES + COMPANY +
            ["-o", T + "/journal.csv", T + "/results.csv"])
    p2 = run([BIN + "/payroll-export", "-F", "journal", "--reverse"] +
             RULES + COMPANY + ["-o", T + "/journal-rev.csv",
                                T + "/results.csv"])
    ok(p.returncode == 0 and p2.returncode == 0, "journals written")
    j = rows(T + "/journal.csv")
    jr = rows(T + "/journal-rev.csv")
    key = ("journal_date", "cost_centre", "account")
    jm = {tuple(r[k] for k in key): (r["debit"], r["credit"]) for r in j}
    jrm = {tuple(r[k] for k in key): (r["debit"], r["credit"]) for r in jr}
    ok(len(j) == len(jr) and all(jrm.get(k) == (c, dbt) for k, (dbt, c)
                                 in jm.items()) and
       all(r["entry"] == "reversal" for r in jr),
       "journal reversal: every line of the original on the other side, "
       "marked reversal (%d lines)" % len(jr))
    dsum = sum(Decimal(r["debit"] or 0) for r in jr)
    csum = sum(Decimal(r["credit"] or 0) for r in jr)
    ok(dsum == csum and dsum > 0, "journal reversal balances (%s)" % dsum)
    p = run([BIN + "/payroll-export", "-F", "journal"] + RULES + COMPANY +
            ["-o", T + "/journal-corr.csv", T + "/deltas.csv"])
    jc = rows(T + "/journal-corr.csv") if p.returncode == 0 else []
    sal = sum(Decimal(r["debit"] or 0) - Decimal(r["credit"] or 0)
              for r in jc if r["account"] == "6000")
    ok(sal == (new_m - old_m) - rm_m,
       "correction journal: salaries account moves by %s = 500.00 - "
       "8,164.50" % sal)

    # 4. W-2 as filed and W-2c (EFW2C).
    year = [T + "/results-2026-%02d.csv" % m for m in range(1, 11)]
    p = run([BIN + "/authority-report", "-F", "us-w2-efw2"] + RULES +
            EMPLOYER + ["-p", "2026", "-o", T + "/w2.efw2"] + year +
            [T + "/results.csv"])
    ok(p.returncode == 0, "W-2 (EFW2) as first filed")
    fails, w2 = efw2check.check(T + "/w2.efw2")
    ok(not fails, "efw2check: the EFW2 file (%s)" % fails[:3])
    origs = []
    for f in year + [T + "/results.csv"]:
        origs += ["--original", f]
    p = run([BIN + "/authority-report", "-F", "us-w2c-efw2c"] + RULES +
            EMPLOYER + ["-p", "2026", "-o", T + "/w2c.efw2c"] + origs +
            year + [T + "/results-corrected.csv"])
    ok(p.returncode == 0 and b"provisional" in p.stderr,
       "W-2c (EFW2C) written, with the provisional warning")
    fails, w2c = efw2check.check(T + "/w2c.efw2c")
    ok(not fails, "efw2check: the EFW2C file (%s)" % fails[:3])
    rcw = {r["ssn"]: r for r in w2c if r["id"] == "RCW"}
    ssn = {k: valid[k]["national_id"].replace("-", "")
           for k in (CHANGED, REMOVED)}
    ok(sorted(rcw) == sorted(ssn.values()),
       "one RCW each for the changed and the removed employee")
    c = rcw.get(ssn[CHANGED], {})
    r = rcw.get(ssn[REMOVED], {})
    ok(c.get("medicare_wages") == (11 * old_m, 10 * old_m + new_m) and
       c.get("ss_wages") == (11 * old_m, 10 * old_m + new_m),
       "%s: boxes 3 and 5 from 11 x 3,526.00 to 10 x 3,526.00 + 4,026.00"
       % CHANGED)
    six2 = Decimal("0.062")
    ok(c.get("ss_tax", (0, 0))[1] - c.get("ss_tax", (0, 0))[0] ==
       cents(new_m * six2) - cents(old_m * six2),
       "%s: box 4 up by 6.2%% of 4,026.00 less 6.2%% of 3,526.00" % CHANGED)
    ok(r.get("medicare_wages") == (11 * rm_m, 10 * rm_m) and
       r.get("ss_tax", (0, 0))[0] - r.get("ss_tax", (0, 0))[1] ==
       cents(rm_m * six2),
       "%s: box 5 from 11 to 10 months of 8,164.50, box 4 down by its "
       "6.2%%" % REMOVED)
    rw = {x["ssn"]: x for x in w2 if x["id"] == "RW"}
    ok(all(rcw[s][k][0] == rw[s][k] for s in rcw for k in
           ("wages", "fit", "ss_wages", "ss_tax", "medicare_wages",
            "medicare_tax", "d401k")),
       "W-2c: the originally reported amounts are the EFW2 file's")
    p = run([BIN + "/authority-report", "-F", "us-w2c-efw2c"] + RULES +
            EMPLOYER + ["-p", "2026", "-o", T + "/same.efw2c"] + origs +
            year + [T + "/results.csv"])
    ok(p.returncode == 1 and b"change nothing" in p.stderr and
       not os.path.exists(T + "/same.efw2c"),
       "W-2c of results that change nothing: refused, no file")
    # An employee the first filing left out altogether (the reverse of
    # the removed one): originals without any row of REMOVED, corrected
    # results with all of them.  One RCW, his: every originally reported
    # amount 0, box 3 and 5 corrected to his 11 months of 8,164.50.
    left_out = []
    for f in year + [T + "/results.csv"]:
        g = f.replace(".csv", "-without.csv")
        with open(f, newline="", encoding="utf-8") as fi, \
                open(g, "w", newline="", encoding="utf-8") as fo:
            rd = csv.DictReader(fi)
            w = csv.DictWriter(fo, fieldnames=rd.fieldnames,
                               lineterminator="\n")
            w.writeheader()
            w.writerows(x for x in rd if x["employee_id"] != REMOVED)
        left_out += ["--original", g]
    p = run([BIN + "/authority-report", "-F", "us-w2c-efw2c"] + RULES +
            EMPLOYER + ["-p", "2026", "-o", T + "/w2c-add.efw2c"] +
            left_out + year + [T + "/results.csv"])
    ok(p.returncode == 0, "W-2c for an employee left out: written (%s)"
       % p.stderr.decode(errors="replace")[-200:])
    fails, w2ca = efw2check.check(T + "/w2c-add.efw2c") \
        if p.returncode == 0 else (["not written"], [])
    ok(not fails, "efw2check: the EFW2C file of the one left out (%s)"
       % fails[:3])
    rcwa = {x["ssn"]: x for x in w2ca if x["id"] == "RCW"}
    a = rcwa.get(ssn[REMOVED], {})
    ok(sorted(rcwa) == [ssn[REMOVED]] and
       a.get("medicare_wages") == (0, 11 * rm_m) and
       a.get("ss_wages") == (0, 11 * rm_m) and
       all(a.get(k, (1, 0))[0] == 0 for k in
           ("wages", "fit", "ss_wages", "ss_tax", "medicare_wages",
            "medicare_tax")),
       "W-2c for the one left out: one RCW, originally 0 in every box, "
       "boxes 3 and 5 now 11 x 8,164.50 (%s)" % a)
    # The checker fails on a wrong total.
    bad_c = T + "/w2c-bad.efw2c"
    data = bytearray(open(T + "/w2c.efw2c", "rb").read())
    i = data.index(b"RCW") + 254      # box 1 correct, last digit
    data[i] = ord("1") if data[i] != ord("1") else ord("2")
    open(bad_c, "wb").write(bytes(data))
    fails, _ = efw2check.check(bad_c)
    ok(any("sum to" in m for m in fails),
       "efw2check finds a W-2c whose RCT total is not its RCW sum")

    # 5. Form 941-X for 2026Q4 (October and November).
    q4 = [T + "/results-2026-10.csv"]
    p = run([BIN + "/authority-report", "-F", "us-941x"] + RULES +
            EMPLOYER + ["-p", "2026Q4", "--original", q4[0], "--original",
                        T + "/results.csv"] + q4 +
            [T + "/results-corrected.csv"])
    ok(p.returncode == 0, "941-X figures written")
    x = {r["line"]: r for r in csv.DictReader(io.StringIO(
        p.stdout.decode()))} if p.returncode == 0 else {}
    ok(x and all(Decimal(r["corrected"]) - Decimal(r["original"]) ==
                 Decimal(r["difference"]) for r in x.values()),
       "941-X: difference = corrected - original on every line")
    delta = (new_m - old_m) - rm_m
    ok(Decimal(x.get("5a_1", {}).get("difference", "0")) == delta and
       Decimal(x.get("5c_1", {}).get("difference", "0")) == delta,
       "941-X: lines 5a and 5c column 1 move by %s (salary +500.00, "
       "8,164.50 removed)" % delta)
    for what, files in (("original", [q4[0], T + "/results.csv"]),
                        ("corrected", [q4[0],
                                       T + "/results-corrected.csv"])):
        p = run([BIN + "/authority-report", "-F", "us-941"] + RULES +
                EMPLOYER + ["-p", "2026Q4"] + files)
        f941 = {r["line"]: r["amount"] for r in csv.DictReader(
            io.StringIO(p.stdout.decode()))} if p.returncode == 0 else {}
        ok(f941 and all(x[k][what] == v for k, v in f941.items()),
           "941-X: the %s column is Form 941 on the %s results"
           % (what, what))
    # The employee the first filing left out (October and November
    # without any row of his): 941-X's wages move up by his two months,
    # 2 x 8,164.50.
    wo = [f.replace(".csv", "-without.csv") for f in
          (q4[0], T + "/results.csv")]
    p = run([BIN + "/authority-report", "-F", "us-941x"] + RULES +
            EMPLOYER + ["-p", "2026Q4", "--original", wo[0], "--original",
                        wo[1], q4[0], T + "/results.csv"])
    ok(p.returncode == 0, "941-X for the one left out: written (%s)"
       % p.stderr.decode(errors="replace")[-200:])
    xa = {r["line"]: r for r in csv.DictReader(io.StringIO(
        p.stdout.decode()))} if p.returncode == 0 else {}
    ok(xa and all(Decimal(r["corrected"]) - Decimal(r["original"]) ==
                  Decimal(r["difference"]) for r in xa.values()),
       "941-X for the one left out: difference = corrected - original")
    ok(Decimal(xa.get("5a_1", {}).get("difference", "0")) == 2 * rm_m and
       Decimal(xa.get("5c_1", {}).get("difference", "0")) == 2 * rm_m,
       "941-X for the one left out: lines 5a and 5c column 1 up by "
       "2 x 8,164.50")
    # Line 1 counts the pay period including 12 December, which neither
    # run covers: 0 in both columns.
    ok(xa.get("1", {}).get("difference") == "0",
       "941-X for the one left out: line 1 unchanged (no run covers "
       "12 December)")
    p = run([BIN + "/authority-report", "-F", "us-941x"] + RULES +
            EMPLOYER + ["-p", "2026Q4"] + q4)
    ok(p.returncode == 2 and b"--original" in p.stderr,
       "941-X without --original: a usage error")
finally:
    shutil.rmtree(T, ignore_errors=True)

sys.exit(0 if t.done() else 1)
