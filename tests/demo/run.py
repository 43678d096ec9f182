"""The main job's invariants, on make demo's outputs (issue 2's "done
when"): every public record paid or rejected with a reason, every
synthetic bad record rejected for its reason, gross minus withholdings and
deductions equal to net on every row, and the summary's totals equal to the
sums of the rows.  Prints TAP lines."""
import csv
import os
import subprocess
import sys
from decimal import Decimal

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
O = os.path.join(ROOT, "out", "demo")
n = 0
bad = 0


def ok(cond, what):
    global n, bad
    n += 1
    if not cond:
        bad += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, what))


p = subprocess.run(["sh", os.path.join(ROOT, "samples", "demo.sh")],
                   capture_output=True, text=True)
ok(p.returncode == 0, "make demo succeeds")
if p.returncode != 0:
    print("# " + p.stderr.replace("\n", "\n# "))
    print("1..%d" % n)
    sys.exit(1)


def rows(name):
    with open(os.path.join(O, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


emps = rows("employees.csv")
valid = rows("valid.csv")
rej = rows("rejects.csv")
res = rows("results.csv")
summ = {r["metric"]: r["value"] for r in rows("summary.csv")}

public = [e for e in emps if e["employee_id"].startswith("PE")]
ok(len(emps) == 31137, "31,133 public records and 4 synthetic bad ones read (%d)" % len(emps))
rejected_lines = {int(r["line"]) for r in rej}
ok(len(valid) + len(rejected_lines) == len(emps),
   "read = valid + rejected (%d = %d + %d)" % (len(emps), len(valid), len(rejected_lines)))
paid = {r["employee_id"] for r in res}
ok(len(res) == len(valid), "one results row per valid record (%d)" % len(res))
# Every public record: paid, or rejected with a reason a clerk would agree with.
lines = {}
for i, e in enumerate(emps):
    lines.setdefault(e["employee_id"], []).append(i + 2)
unaccounted = [e["employee_id"] for e in public
               if e["employee_id"] not in paid and
               not set(lines[e["employee_id"]]) & rejected_lines]
ok(not unaccounted, "every public record paid or rejected (%d unaccounted)" % len(unaccounted))
pub_rej = [r for r in rej if r["employee_id"].startswith("PE") and
           int(r["line"]) <= 31134]
ok(len(pub_rej) == 2 and all(r["field"] == "employment_type" for r in pub_rej),
   "the extract's 2 rows without full/part time are rejected on employment_type")
reasons = {(r["field"], r["rule"]) for r in rej if int(r["line"]) > 31134}
for want, what in ((("national_id", "required"), "missing SSN"),
                   (("bank_routing", "check"), "bad routing number"),
                   (("pay_type", "enum"), "unknown pay type"),
                   (("employee_id", "duplicate"), "duplicate employee id")):
    ok(want in reasons, "synthetic bad record rejected: %s %s" % (what, want))

# Gross - withholdings - deductions = net, on every row.
W = ["ss_employee", "medicare_employee", "additional_medicare",
     "fit_withholding", "fit_supplemental", "il_withholding",
     "k401_deferral", "union_dues_deduction"]
E = ["regular_pay", "overtime_pay", "bonus_pay", "retro_pay"]
off = [r["employee_id"] for r in res
       if Decimal(r["gross_pay"]) - sum(Decimal(r[c]) for c in W) != Decimal(r["net_pay"])
       or sum(Decimal(r[c]) for c in E) != Decimal(r["gross_pay"])]
ok(not off, "gross = sum of earnings and net = gross - withholdings - deductions on every row (%d off)" % len(off))
neg = [r["employee_id"] for r in res if Decimal(r["net_pay"]) < 0]
ok(not neg, "no negative net pay (%d)" % len(neg))

# Summary totals = sums of the rows.
mism = []
for k, v in summ.items():
    if k.startswith("total_"):
        col = k[len("total_"):]
        s = sum(Decimal(r[col]) for r in res)
        if s != Decimal(v):
            mism.append("%s %s != %s" % (col, v, s))
ok(not mism and "total_net_pay" in summ, "summary totals equal the sums of the rows %s" % mism)
ok(summ.get("read") == str(len(valid)) and summ.get("paid") == str(len(res)),
   "summary counts (read %s, paid %s)" % (summ.get("read"), summ.get("paid")))

# The bank file pays exactly the net pays, to the cent.
ach = open(os.path.join(O, "payments.ach")).read().splitlines()
credits = sum(int(l[29:39]) for l in ach if l.startswith("6"))
want = sum(int(Decimal(r["net_pay"]) * 100) for r in res
           if Decimal(r["net_pay"]) > 0 and r.get("bank_account"))
ok(credits == want, "NACHA credits total the positive net pays (%d cents)" % credits)
ok(all(len(l) == 94 for l in ach) and len(ach) % 10 == 0,
   "NACHA: 94-character records, blocks of 10 (%d records)" % len(ach))

# The register's net column and the 941 wages equal the results.
reg = rows("register.csv")
regnet = [r for r in reg if r.get("employee_id") and r["employee_id"] in paid]
ok(len(regnet) == len(res), "register lists every paid employee (%d)" % len(regnet))
f941 = {r["line"]: r for r in rows("form941.csv")}
octo = rows(os.path.join("year", "results-2026-10.csv"))
wages = sum(Decimal(r["fit_wages"]) for r in res + octo)
l2 = [v for k, v in f941.items() if k.strip() == "2"]
ok(l2 and Decimal(l2[0]["amount"]) == wages,
   "941 line 2 equals the sum of fit_wages of October and November (%s)" % wages)
# The year was paid month by month with YTD carried: by November the
# FUTA base (7,000) is behind nearly everyone, so FUTA is owed only on
# the wages of the year's few low earners and late hires.
futa = sum(Decimal(r["futa_employer"]) for r in res)
capped = [r["employee_id"] for r in res if Decimal(r["futa_wages"]) > 0 and
          Decimal(r["gross_pay"]) * 10 > 7000 and r["hire_date"] < "2026-01-01"]
ok(not capped, "no employee hired before 2026 and paid over 700 a month owes FUTA in November (%d)" % len(capped))
ytd = {r["employee_id"]: r for r in rows("ytd.csv")}
bad_ytd = [e for e, y in ytd.items() if e in paid and
           y["last_pay_date"] != "2026-11-30"]
ok(not bad_ytd, "the YTD out holds November for every employee paid (%d off)" % len(bad_ytd))

# Every demo output passes the independent validators (issue 5).
PY = "/usr/bin/python3"
FORMATS = os.path.join(ROOT, "tests", "formats")
FILINGS = os.path.join(ROOT, "tests", "filings")


def run(args, what):
    p = subprocess.run(args, capture_output=True, text=True)
    ok(p.returncode == 0, what)
    if p.returncode != 0:
        print("# " + (p.stdout + p.stderr).strip().replace("\n", "\n# ")[:2000])
    return p


def tap(args, what):
    """Runs a checker printing 'ok - ...' / 'not ok - ...' lines."""
    p = subprocess.run(args, capture_output=True, text=True)
    for line in p.stdout.splitlines():
        if line.startswith("ok - "):
            ok(True, what + ": " + line[5:])
        elif line.startswith("not ok - "):
            ok(False, what + ": " + line[9:])
    if p.returncode != 0:
        ok(False, "%s: checker status %d %s" % (what, p.returncode,
                                                p.stderr.strip()[:300]))


# Output kinds of the demo's packs, in the one-line form check.py reads.
import yaml  # noqa: E402  (Debian's python3-yaml; tests/filings needs it too)
kinds_path = os.path.join(O, "kinds.yaml")
with open(kinds_path, "w") as kf:
    kf.write("outputs:\n")
    for pack in ("rules/us/federal", "rules/us/il", "rules/company/example"):
        d = os.path.join(ROOT, pack)
        for fn in sorted(os.listdir(d)):
            if fn.endswith(".yaml"):
                y = yaml.safe_load(open(os.path.join(d, fn)))
                for name, o in (y.get("outputs") or {}).items():
                    kf.write("  %s: {kind: %s, tags: [%s]}\n" %
                             (name, o["kind"], ", ".join(o.get("tags", []))))
res_path = os.path.join(O, "results.csv")
year = [os.path.join(O, "year", "results-2026-%02d.csv" % m) for m in range(1, 11)]
if os.path.isdir(os.path.join(ROOT, "tests", "node_modules", "@midlandsbank",
                              "node-nacha")):
    p = run(["node", os.path.join(FORMATS, "nacha_parse.js"),
             os.path.join(O, "payments.ach")],
            "payments.ach parsed by @midlandsbank/node-nacha and formatted back byte for byte")
    js = os.path.join(O, "payments.json")
    open(js, "w").write(p.stdout)
    nothing = [r["employee_id"] for r in res if Decimal(r["net_pay"]) == 0]
    run([PY, os.path.join(FORMATS, "check.py"), "nacha",
         os.path.join(O, "payments.ach"), js] +
        (["--skip=" + ",".join(nothing)] if nothing else []) + [res_path],
        "payments.ach: records, hashes, totals and blocks recomputed; amounts equal net_pay")
else:
    print("# SKIP the npm NACHA parser is not installed (tests/formats/run.sh installs it)")
run([PY, os.path.join(FORMATS, "check.py"), "register",
     os.path.join(O, "register.csv"), kinds_path, res_path],
    "register.csv: every figure equals the results'")
run([PY, os.path.join(FORMATS, "check.py"), "journal",
     os.path.join(O, "journal.csv"), os.path.join(O, "register.csv"),
     kinds_path, res_path],
    "journal.csv: balanced per cost centre; totals equal the register's")
slips = os.listdir(os.path.join(O, "payslips"))
ok(len(slips) == len(res), "a payslip per employee paid (%d)" % len(slips))
modes = {oct(os.stat(os.path.join(O, "payslips", s)).st_mode & 0o777) for s in slips[:200]}
ok(modes == {"0o600"}, "payslips are readable by their owner only (%s)" % modes)
one = res[0]
slip = open(os.path.join(O, "payslips", "%s_%s.html" % (one["employee_id"],
                                                         one["pay_date"]))).read()
ok(one["net_pay"] in slip.replace(",", ""), "a payslip shows its net pay (%s)" % one["net_pay"])
html = open(os.path.join(O, "hr-report.html")).read()
import re  # noqa: E402
ok("<svg" in html and "<script" not in html and
   not re.search(r'(src|href)\s*=\s*["\']?\s*(https?:)?//', html),
   "hr-report.html: inline SVG charts, no script, no network")
run(["xmllint", "--noout", "--html", os.path.join(O, "hr-report.html")],
    "hr-report.html is well-formed HTML")
for xsd in ("pain.001.001.09.xsd", "EPC132-08_2025_V1.0_pain.001.001.09.xsd"):
    run(["xmllint", "--noout", "--schema",
         os.path.join(FORMATS, "schemas", xsd), os.path.join(O, "payments-sepa.xml")],
        "payments-sepa.xml valid against %s" % xsd)
run([PY, os.path.join(FORMATS, "check.py"), "sepa",
     os.path.join(O, "payments-sepa.xml"), "09", os.path.join(O, "results-de.csv")],
    "payments-sepa.xml: amounts equal net_pay; counts, sums, IBAN and BIC")
tap([PY, os.path.join(FILINGS, "check.py"), "efw2",
     os.path.join(ROOT, "rules", "formats", "us-w2-efw2", "2025.yaml"),
     os.path.join(O, "w2.efw2")] + year + [res_path], "w2.efw2")
tap([PY, os.path.join(FILINGS, "check.py"), "sui",
     os.path.join(ROOT, "rules", "formats", "us-il-sui", "2025.yaml"),
     os.path.join(O, "il-sui.txt"), "IL", "17", "14250", year[9], res_path,
     "--"] + year[:9], "il-sui.txt")
tap([PY, os.path.join(FILINGS, "check.py"), "f941",
     os.path.join(O, "form941.csv"), year[9], res_path], "form941.csv")
# The independent EFW2 checker (SSA Pub. 42-007's layout, not ours).
sys.path.insert(0, os.path.join(ROOT, "tests"))
import efw2check  # noqa: E402
fails, recs = efw2check.check(os.path.join(O, "w2.efw2"))
paid_year = {r["employee_id"] for r in res}
for yp in year:
    with open(yp, newline="", encoding="utf-8") as f:
        paid_year |= {r["employee_id"] for r in csv.DictReader(f)}
ok(not fails and sum(1 for r in recs if r["id"] == "RW") == len(paid_year),
   "w2.efw2: tests/efw2check.py finds order, lengths, required fields and "
   "RT totals right, one RW per employee paid (%s)" % fails[:3])
print("1..%d" % n)
sys.exit(1 if bad else 0)
