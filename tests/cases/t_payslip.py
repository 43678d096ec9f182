"""Payslips people can read (issue 14, item 9): the pay lines' labels from
the packs (label: in outputs) or the company's labels: map, the currency,
thousands separators and the employer's number format, hours and rates of
hourly pay (California Labor Code 226(a)(2) and (9): total hours worked,
each hourly rate and the hours worked at it), the employer's language
(words from rules/formats/payslip-*.yaml), no trailing blanks, and PDF
payslips (cairo) checked by rendering page 1 with pdftoppm and reading it
back with pdftotext.

Every results file here is written by hand, with figures worked out below
(160 hours x 25.00 = 4,000.00; 10 hours x 37.50 = 375.00 ...); none comes
from running our code.  The one payroll-calc run (the example company
pack) is checked against figures worked by hand too.
"""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = vlib.ROOT
EXPORT = os.path.join(ROOT, "bin", "payroll-export")
CALC = os.path.join(ROOT, "bin", "payroll-calc")
t = vlib.Tally("payslip")
tmp = tempfile.mkdtemp(prefix="payslip.")


def w(name, text):
    p = os.path.join(tmp, name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return p


def run(args, env=None):
    e = dict(os.environ, LC_ALL="C", SOURCE_DATE_EPOCH="1796083200")
    e.update(env or {})
    p = subprocess.run([EXPORT] + args, cwd=tmp, capture_output=True,
                       env=e, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def check(case, what, cond, detail=""):
    t.check_str(case, what, True, bool(cond))
    if not cond and detail:
        print("  %s %s: %s" % (case, what, detail[:2000]))


def no_trailing_blanks(case, text):
    bad = [l for l in text.split("\n") if l != l.rstrip(" \t")]
    check(case, "no trailing blanks", not bad, repr(bad[:3]))


# A pack of hourly pay: regular and overtime hours and rates are info
# outputs that the earnings name (hours:, rate:); labels in the pack.
PACK = w("pack.yaml", """\
pack: t-payslip
currency: {code: USD, places: 2}
inputs:
  rate_in: {type: money, default: 0}
  hours_in: {type: decimal, default: 0}
  ot_in: {type: decimal, default: 0}
  salary_in: {type: money, default: 0}
  bonus_in: {type: money, default: 0}
formulas:
  hourly_pay: "round(rate_in * hours_in, 2, half_up)"
  ot_rate: "rate_in * 1.5"
  ot_pay: "round(ot_rate * ot_in, 2, half_up)"
  salary_pay: "salary_in"
  one_off: "bonus_in"
  reg_hours: "hours_in"
  reg_rate: "rate_in"
  ot_hours: "ot_in"
  tax: "round(gross_pay * 10%, 2, half_up)"
  state_sdi: "round(gross_pay * 1.3%, 2, half_up)"
  er_tax: "round(gross_pay * 6.2%, 2, half_up)"
outputs:
  reg_hours: {kind: info}
  reg_rate: {kind: info}
  ot_hours: {kind: info}
  ot_rate: {kind: info}
  hourly_pay: {kind: earning, label: "Regular pay", hours: reg_hours, rate: reg_rate}
  ot_pay: {kind: earning, label: "Overtime pay", hours: ot_hours, rate: ot_rate}
  salary_pay: {kind: earning, label: "Salary", hours: reg_hours}
  one_off: {kind: earning}
  tax: {kind: withholding, label: "Federal income tax"}
  state_sdi: {kind: withholding, label: "California SDI (State Disability Insurance)"}
  er_tax: {kind: employer, label: "Social Security tax (employer)"}
""")

HEAD = ("employee_id,last_name,first_name,department,job_title,bank_account,"
        "bank_account_type,period_start,period_end,pay_date,reg_hours,"
        "reg_rate,ot_hours,ot_rate,hourly_pay,ot_pay,salary_pay,one_off,"
        "gross_pay,tax,state_sdi,er_tax,net_pay\n")
# H1: 160 h x 25.00 = 4,000.00; 10 h x 37.50 = 375.00; gross 4,375.00;
#     tax 437.50, SDI 1.3% = 56.875 -> 56.88, net 4,375.00 - 494.38 =
#     3,880.62; employer 6.2% = 271.25.  Total hours 170.00.
# S1: salary 1,234,567.89 (a big one, for the separators), 2.5 h of
#     overtime at 30.125 (20.0833... x 1.5 is not used: the rate is
#     given) = 75.3125 -> 75.31; gross 1,234,643.20; tax 123,464.32;
#     SDI 16,050.36 (1.3% = 16,050.3616); net 1,234,643.20 - 139,514.68
#     = 1,095,128.52; employer 76,547.88 (6.2% = 76,547.8784).
#     The salary is paid with no hours: the hours worked are not known,
#     so no total of hours is shown.
RES = w("res.csv", HEAD +
        "H1,Lopez,Ana,Plant,Operator,000123456789,checking,2026-11-01,"
        "2026-11-30,2026-11-30,160,25.00,10,37.5,4000.00,375.00,0.00,0.00,"
        "4375.00,437.50,56.88,271.25,3880.62\n"
        "S1,Kim,Bo,Office,,,,2026-11-01,2026-11-30,2026-11-30,0,0,2.5,"
        "30.125,0.00,75.31,1234567.89,0.00,1234643.20,123464.32,16050.36,"
        "76547.88,1095128.52\n")
CO = w("co.yaml", "company:\n  name: Example Widgets Inc\n  currency: USD\n"
       "labels:\n  tax: Federal income tax withheld\n")

# 1. Text: labels, currency, separators, hours x rate, no trailing blanks.
st, out, err = run(["-F", "payslip", "-r", PACK, "-c", CO, RES])
check("text", "exit 0", st == 0, err)
no_trailing_blanks("text", out)
slips = out.split("\f\n")
check("text", "two payslips", len(slips) == 2, out)
h1 = slips[0]
s1 = slips[-1]
check("text", "company label wins over the pack's",
      re.search(r"^  Federal income tax withheld +437\.50$", h1, re.M), h1)
check("text", "pack label", re.search(
    r"^  California SDI \(State Disability Insurance\) +56\.88$", h1, re.M), h1)
check("text", "no mangled name", "Ca sdi" not in out and "State sdi" not in out)
check("text", "currency", re.search(r"^Currency +USD$", h1, re.M), h1)
check("text", "net pay with its currency",
      re.search(r"^NET PAY \(USD\) +3,880\.62$", h1, re.M), h1)
check("text", "regular hours x rate",
      re.search(r"^  Regular pay +4,000\.00\n    160\.00 hours at 25\.00$",
                h1, re.M), h1)
check("text", "overtime hours x rate",
      re.search(r"^  Overtime pay +375\.00\n    10\.00 hours at 37\.50$",
                h1, re.M), h1)
check("text", "total hours worked",
      re.search(r"^  Total hours worked +170\.00$", h1, re.M), h1)
check("text", "thousands separators", re.search(
    r"^  Salary +1,234,567\.89$", s1, re.M), s1)
check("text", "net pay in the millions", re.search(
    r"^NET PAY \(USD\) +1,095,128\.52$", s1, re.M), s1)
check("text", "a rate of more places", "2.50 hours at 30.125" in s1, s1)
check("text", "no total of hours when a salary has none",
      "Total hours" not in s1, s1)
check("text", "employer section",
      re.search(r"^  Social Security tax \(employer\) +76,547\.88$", s1,
                re.M), s1)

# With a YTD file: the YTD column, still no trailing blank.
YTD = w("ytd.csv", "employee_id,last_pay_date,hourly_pay,ot_pay,salary_pay,"
        "one_off,gross_pay,tax,state_sdi,er_tax,net_pay\n"
        "H1,2026-11-30,44000.00,1375.00,0.00,0.00,45375.00,4537.50,589.88,"
        "2813.25,40247.62\n"
        "S1,2026-11-30,0.00,75.31,1234567.89,0.00,1234643.20,123464.32,"
        "16050.36,76547.88,1095128.52\n")
st, out, err = run(["-F", "payslip", "-r", PACK, "-c", CO, "-y", YTD, RES])
check("ytd", "exit 0", st == 0, err)
no_trailing_blanks("ytd", out)
check("ytd", "year to date", re.search(
    r"^  Regular pay +4,000\.00 +44,000\.00$", out, re.M), out)

# 2. HTML: the same labels and hours, the language in <html lang>.
st, out, err = run(["-F", "payslip-html", "-r", PACK, "-c", CO, RES])
check("html", "exit 0", st == 0, err)
check("html", "lang", '<html lang="en">' in out, out[:200])
check("html", "hours x rate",
      '<div class="hr">160.00 hours at 25.00</div>' in out, out)
check("html", "pack label",
      "California SDI (State Disability Insurance)" in out, out)
check("html", "net pay with currency", "<b>USD 3,880.62</b>" in out, out)
no_trailing_blanks("html", out)

# 3. A German employer: German words from rules/formats/payslip-*.yaml,
# German labels from the (German) pack, 1.234,56 and 27.11.2026.
DEPACK = w("de.yaml", """\
pack: t-de
currency: {code: EUR, places: 2}
inputs:
  lohn: {type: money, default: 0}
formulas:
  grundlohn: "lohn"
  lohnsteuer: "round(gross_pay * 10%, 2, half_up)"
  rv_employer: "round(gross_pay * 9.3%, 2, half_up)"
outputs:
  grundlohn: {kind: earning, label: "Grundlohn"}
  lohnsteuer: {kind: withholding, label: "Lohnsteuer"}
  rv_employer: {kind: employer, label: "Rentenversicherung (Arbeitgeber)"}
""")
DECO = w("de-co.yaml", "company:\n  name: Beispiel GmbH\n  currency: EUR\n"
         "  language: de\n")
# 12,345.67: Lohnsteuer 10% = 1,234.567 -> 1,234.57; net 11,111.10;
# employer 9.3% = 1,148.14731 -> 1,148.15.
DERES = w("de-res.csv",
          "employee_id,last_name,first_name,department,job_title,iban,"
          "period_start,period_end,pay_date,grundlohn,gross_pay,lohnsteuer,"
          "rv_employer,net_pay\n"
          "D1,Müller,Jürgen,Büro,Sachbearbeiter,DE89370400440532013000,"
          "2026-11-01,2026-11-30,2026-11-27,12345.67,12345.67,1234.57,"
          "1148.15,11111.10\n")
st, out, err = run(["-F", "payslip", "-r", DEPACK, "-c", DECO, DERES])
check("de", "exit 0", st == 0, err)
no_trailing_blanks("de", out)
for head in ("ENTGELTABRECHNUNG", "BEZÜGE", "ABZÜGE (Steuern und "
             "Sozialversicherung)", "AUSZAHLUNGSBETRAG (EUR)",
             "ARBEITGEBERANTEILE (nicht vom Lohn abgezogen)", "Gesamtbrutto",
             "Summe der Abzüge", "Summe der Arbeitgeberanteile"):
    check("de", "heading %s" % head, head in out, out)
for en in ("Gross pay", "Deductions", "Net pay", "NET PAY", "Employer",
           "EARNINGS"):
    check("de", "no English %s" % en, en not in out, out)
check("de", "German number", re.search(r"^  Grundlohn +12\.345,67$", out,
                                       re.M), out)
check("de", "net pay", re.search(r"^AUSZAHLUNGSBETRAG \(EUR\) +11\.111,10$",
                                 out, re.M), out)
check("de", "German date", "01.11.2026 bis 30.11.2026" in out and
      re.search(r"^Zahltag +27\.11\.2026$", out, re.M), out)
check("de", "columns in characters, not bytes",
      re.search(r"^  Summe der Abzüge {36}1\.234,57$", out, re.M), out)
st, out, err = run(["-F", "payslip-html", "-r", DEPACK, "-c", DECO, DERES])
check("de", "html lang", '<html lang="de">' in out and
      "Auszahlungsbetrag" in out, out[:300])

# The employer's own number format overrides the language's.
NFCO = w("nf-co.yaml", "company:\n  name: Exemple SA\n  currency: EUR\n"
         "  number_format: {decimal: \",\", group: \" \"}\n")
st, out, err = run(["-F", "payslip", "-r", DEPACK, "-c", NFCO, DERES])
check("number_format", "exit 0", st == 0, err)
check("number_format", "12 345,67", re.search(r"^  Grundlohn +12 345,67$",
                                               out, re.M), out)
no_trailing_blanks("number_format", out)

# Configuration errors exit 3 with one message.
BADLANG = w("bad-co.yaml", "company:\n  name: X\n  currency: EUR\n"
            "  language: xx\n")
st, out, err = run(["-F", "payslip", "-r", DEPACK, "-c", BADLANG, DERES])
check("errors", "unknown language exits 3", st == 3 and "'xx'" in err and
      "bad-co.yaml:4:" in err, err)
USDCO = w("usd-co.yaml", "company:\n  name: X\n  currency: USD\n")
st, out, err = run(["-F", "payslip", "-r", DEPACK, "-c", USDCO, DERES])
check("errors", "currency unlike the packs' exits 3", st == 3 and
      "'USD'" in err and "'EUR'" in err, err)

# 4. PDF, one per employee, through the staging folder.
pdir = os.path.join(tmp, "pdf")
os.mkdir(pdir)
st, out, err = run(["-F", "payslip-pdf", "-r", PACK, "-c", CO, "-o",
                    pdir + "/", RES])
check("pdf", "exit 0", st == 0, err)
names = sorted(os.listdir(pdir))
check("pdf", "one PDF per employee, nothing else",
      names == ["H1_2026-11-30.pdf", "S1_2026-11-30.pdf"], names)
have_poppler = shutil.which("pdftoppm") and shutil.which("pdftotext")
if not have_poppler:
    t.skip("pdf", "pdftoppm/pdftotext missing (poppler-utils: sh "
           ".ci/deps.sh --test)")
for n in names:
    p = os.path.join(pdir, n)
    check("pdf", "mode 0600", stat.S_IMODE(os.stat(p).st_mode) == 0o600)
    check("pdf", "a PDF", open(p, "rb").read(5) == b"%PDF-")
if have_poppler and names:
    p = os.path.join(pdir, names[0])
    # Page 1 as a grey image: count the pixels that are not white.
    img = subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l",
                          "1", p], capture_output=True, timeout=60).stdout
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", img)
    check("pdf", "page 1 renders", m is not None, img[:40])
    if m:
        px = img[m.end():]
        dark = sum(1 for b in px if b < 128)
        wide, high = int(m.group(1)), int(m.group(2))
        check("pdf", "US Letter at 40 dpi", (wide, high) == (340, 440),
              (wide, high))
        check("pdf", "page 1 is not blank", dark > 500, dark)
    txt = subprocess.run(["pdftotext", "-layout", p, "-"],
                         capture_output=True, timeout=60).stdout.decode()
    check("pdf", "name", "Ana Lopez" in txt, txt)
    check("pdf", "net pay and currency", re.search(r"USD 3,880\.62", txt),
          txt)
    check("pdf", "hours x rate", "160.00 hours at 25.00" in txt and
          "10.00 hours at 37.50" in txt, txt)
    check("pdf", "label", "California SDI (State Disability Insurance)" in txt,
          txt)
    check("pdf", "total hours", re.search(r"Total hours worked +170\.00", txt),
          txt)
    # German, A4, one file for all.
    st, out, err = run(["-F", "payslip-pdf", "-r", DEPACK, "-c", DECO, "-o",
                        "de.pdf", DERES])
    check("pdf de", "exit 0", st == 0, err)
    info = subprocess.run(["pdfinfo", os.path.join(tmp, "de.pdf")],
                          capture_output=True, timeout=60).stdout.decode()
    check("pdf de", "A4", "595.276 x 841.89 pts (A4)" in info or
          "595.28 x 841.89 pts (A4)" in info, info)
    txt = subprocess.run(["pdftotext", "-layout", os.path.join(tmp, "de.pdf"),
                          "-"], capture_output=True, timeout=60).stdout.decode()
    check("pdf de", "German", "Auszahlungsbetrag" in txt and
          "EUR 11.111,10" in txt and "Jürgen Müller" in txt, txt)
    # Two employees in one file: two pages; the same run twice is the
    # same file (the creation date is SOURCE_DATE_EPOCH's).
    for k in ("a", "b"):
        st, out, err = run(["-F", "payslip-pdf", "-r", PACK, "-c", CO, "-o",
                            "all-%s.pdf" % k, RES])
    info = subprocess.run(["pdfinfo", os.path.join(tmp, "all-a.pdf")],
                          capture_output=True, timeout=60).stdout.decode()
    check("pdf all", "a page each", re.search(r"^Pages: +2$", info, re.M),
          info)
    check("pdf all", "reproducible",
          open(os.path.join(tmp, "all-a.pdf"), "rb").read() ==
          open(os.path.join(tmp, "all-b.pdf"), "rb").read())

# An error in any row: no PDF at all (all or none), no staging folder.
edir = os.path.join(tmp, "pdf-err")
os.mkdir(edir)
BAD = w("bad.csv", open(RES).read() + open(RES).read().split("\n")[1]
        .replace("H1,", "H/2,", 1) + "\n")
st, out, err = run(["-F", "payslip-pdf", "-r", PACK, "-c", CO, "-o",
                    edir + "/", BAD])
check("pdf err", "exit 1", st == 1, err)
check("pdf err", "nothing written", os.listdir(edir) == [], os.listdir(edir))

# 5. The example company pack through payroll-calc: an hourly employee
# with 160 hours and 10 overtime hours at 25.00: regular 160 x 25.00 =
# 4,000.00, overtime 10 x 25.00 x 1.5 = 375.00 (overtime_multiplier 1.5).
emp = w("emp.csv", "employee_id,first_name,last_name,pay_type,hourly_rate,"
        "employment_type,hire_date\n"
        "H8,Cy,Ng,hourly,25.00,full_time,2020-01-01\n"
        "H9,Ana,Lopez,hourly,25.00,full_time,2020-01-01\n")
items = w("items.csv", "employee_id,wage_type,amount\nH9,hours,160\n"
          "H9,overtime_hours,10\n")
p = subprocess.run([CALC, "-r", os.path.join(ROOT, "rules/company/example"),
                    "-p", "2026-11", "-d", "2026-11-30", "-i", items, "-o",
                    os.path.join(tmp, "calc.csv"), emp], capture_output=True,
                   cwd=tmp, timeout=60)
check("company/example", "payroll-calc exit 0", p.returncode == 0, p.stderr)
st, out, err = run(["-F", "payslip", "-r",
                    os.path.join(ROOT, "rules/company/example"), "calc.csv"])
check("company/example", "exit 0", st == 0, err)
check("company/example", "regular hours x rate", re.search(
    r"^  Regular pay +4,000\.00\n    160\.00 hours at 25\.00$", out, re.M), out)
check("company/example", "overtime hours x rate", re.search(
    r"^  Overtime pay +375\.00\n    10\.00 hours at 37\.50$", out, re.M), out)
check("company/example", "total hours",
      re.search(r"^  Total hours worked +170\.00$", out, re.M), out)
# H8 reports no hours: paid the contractual 40 x 52 / 12 = 173.333...
# hours, 173.333... x 25.00 = 4,333.33; the hours are shown to 4 places,
# 173.3333 x 25.00 = 4,333.3325, the pay to the cent.
h8 = [x for x in out.split("\f\n") if "H8  Cy Ng" in x]
check("company/example", "contractual hours", h8 and re.search(
    r"^  Regular pay +4,333\.33\n    173\.3333 hours at 25\.00$", h8[0],
    re.M), out)

shutil.rmtree(tmp)
sys.exit(0 if t.done() else 1)
