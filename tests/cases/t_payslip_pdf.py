"""PDF payslips beyond page 1's basics (t_payslip.py): the year-to-date
column and the net pay to date, a section with no line ("(none)"), an
earning with hours but no rate, a payslip longer than a page (every word
of every page inside the margins), the company's paper (a4, letter, and
anything else refused), and an employee the YTD file lacks.

Every results file is written by hand, with its figures worked out
below; page sizes are the ISO 216 and US Letter sizes in points (A4 210 x
297 mm = 595.28 x 841.89 pt; Letter 8.5 x 11 in = 612 x 792 pt); the
margins are the 50 pt the PDF layout keeps on each side (PDF_MARGIN,
cmd/payroll-export/pdf.c): nothing may be drawn in them.
Read back with poppler's pdftotext and pdfinfo (skipped, and counted as
skips, without them).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = vlib.ROOT
EXPORT = os.path.join(ROOT, "bin", "payroll-export")
t = vlib.Tally("payslip_pdf")
tmp = tempfile.mkdtemp(prefix="payslip-pdf.")


def w(name, text):
    p = os.path.join(tmp, name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return p


def run(args):
    e = dict(os.environ, LC_ALL="C", SOURCE_DATE_EPOCH="1796083200")
    p = subprocess.run([EXPORT] + args, cwd=tmp, capture_output=True,
                       env=e, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def check(case, what, cond, detail=""):
    t.check_str(case, what, True, bool(cond))
    if not cond and detail:
        print("  %s %s: %s" % (case, what, str(detail)[:2000]))


def pdftext(name, *opts):
    return subprocess.run(["pdftotext"] + list(opts) +
                          [os.path.join(tmp, name), "-"],
                          capture_output=True, timeout=60).stdout.decode()


def pdfinfo(name):
    return subprocess.run(["pdfinfo", os.path.join(tmp, name)],
                          capture_output=True, timeout=60).stdout.decode()


PACK = w("pack.yaml", """\
pack: t-payslip-pdf
currency: {code: USD, places: 2}
inputs:
  rate_in: {type: money, default: 0}
  hours_in: {type: decimal, default: 0}
  salary_in: {type: money, default: 0}
formulas:
  hourly_pay: "round(rate_in * hours_in, 2, half_up)"
  salary_pay: "salary_in"
  reg_hours: "hours_in"
  reg_rate: "rate_in"
  tax: "round(gross_pay * 10%, 2, half_up)"
  er_tax: "round(gross_pay * 6.2%, 2, half_up)"
outputs:
  reg_hours: {kind: info}
  reg_rate: {kind: info}
  hourly_pay: {kind: earning, label: "Regular pay", hours: reg_hours, rate: reg_rate}
  salary_pay: {kind: earning, label: "Salary"}
  tax: {kind: withholding, label: "Federal income tax"}
  er_tax: {kind: employer, label: "Social Security tax (employer)"}
""")
HEAD = ("employee_id,last_name,first_name,period_start,period_end,pay_date,"
        "reg_hours,reg_rate,hourly_pay,salary_pay,gross_pay,tax,er_tax,"
        "net_pay\n")
# H1: 160 h x 25.00 = 4,000.00 = gross; tax 10% 400.00; employer 6.2%
#     248.00; net 3,600.00.  YTD (11 months alike): 44,000.00 regular,
#     tax 4,400.00, employer 2,728.00, net 39,600.00.
# P1: 20 hours, no rate (piece work paid 500.00): "20.00 hours" alone;
#     tax 50.00, employer 31.00, net 450.00; YTD = this period.
# Z1: a salary of 1,000.00 with nothing withheld and no employer tax (a
#     results row written by hand, not the pack's figures): the
#     deductions and employer sections each show "(none)".
RES = w("res.csv", HEAD +
        "H1,Lopez,Ana,2026-11-01,2026-11-30,2026-11-30,160,25.00,4000.00,"
        "0.00,4000.00,400.00,248.00,3600.00\n"
        "P1,Roe,Pat,2026-11-01,2026-11-30,2026-11-30,20,,500.00,0.00,"
        "500.00,50.00,31.00,450.00\n"
        "Z1,Zed,Zoe,2026-11-01,2026-11-30,2026-11-30,0,0,0.00,1000.00,"
        "1000.00,0.00,0.00,1000.00\n")
YTD = w("ytd.csv", "employee_id,last_pay_date,hourly_pay,salary_pay,"
        "gross_pay,tax,er_tax,net_pay\n"
        "H1,2026-11-30,44000.00,0.00,44000.00,4400.00,2728.00,39600.00\n"
        "P1,2026-11-30,500.00,0.00,500.00,50.00,31.00,450.00\n"
        "Z1,2026-11-30,0.00,1000.00,1000.00,0.00,0.00,1000.00\n")
CO = w("co.yaml", "company:\n  name: Example Widgets Inc\n  currency: USD\n")

# Hours without a rate, in every payslip format.
st, out, err = run(["-F", "payslip", "-r", PACK, "-c", CO, RES])
check("hours", "text exit 0", st == 0, err)
check("hours", "text: hours with no rate", re.search(
    r"^  Regular pay +500\.00\n    20\.00 hours$", out, re.M), out)
check("hours", "text: hours with a rate", re.search(
    r"^  Regular pay +4,000\.00\n    160\.00 hours at 25\.00$", out, re.M), out)
st, out, err = run(["-F", "payslip-html", "-r", PACK, "-c", CO, RES])
check("hours", "html: hours with no rate",
      '<div class="hr">20.00 hours</div>' in out, out)

# "(none)" in HTML: a cell across the label and amount columns, two
# without YTD and three with (the YTD column), for Z1's deductions and
# employer sections.
st, out, err = run(["-F", "payslip-html", "-r", PACK, "-c", CO, RES])
check("none", "html: across 2 columns, twice",
      out.count('<tr><td colspan="2">(none)</td></tr>') == 2 and
      'colspan="3"' not in out, out)
st, out, err = run(["-F", "payslip-html", "-r", PACK, "-c", CO, "-y", YTD,
                    RES])
check("none", "html with YTD: across 3 columns, twice",
      out.count('<tr><td colspan="3">(none)</td></tr>') == 2 and
      'colspan="2"' not in out, out)

have = shutil.which("pdftotext") and shutil.which("pdfinfo")
if not have:
    t.skip("pdf", "pdftotext/pdfinfo missing (poppler-utils: sh "
           ".ci/deps.sh --test)")
else:
    # 1. The year-to-date column, the net pay to date, "(none)".
    st, out, err = run(["-F", "payslip-pdf", "-r", PACK, "-c", CO, "-y",
                        YTD, "-o", "ytd.pdf", RES])
    check("ytd", "exit 0", st == 0, err)
    check("ytd", "a page each", re.search(r"^Pages: +3$", pdfinfo("ytd.pdf"),
                                          re.M))
    pages = pdftext("ytd.pdf", "-layout").split("\f")
    h1, p1, z1 = (pages + ["", "", ""])[:3]
    check("ytd", "a 'Year to date' heading over each of the 3 sections",
          len(re.findall(r"This period +Year to date", h1)) == 3, h1)
    check("ytd", "regular pay and its YTD on one line",
          re.search(r"Regular pay +4,000\.00 +44,000\.00", h1), h1)
    check("ytd", "withholding and its YTD",
          re.search(r"Federal income tax +400\.00 +4,400\.00", h1), h1)
    check("ytd", "employer and its YTD", re.search(
        r"Social Security tax \(employer\) +248\.00 +2,728\.00", h1), h1)
    check("ytd", "net pay", "USD 3,600.00" in h1, h1)
    check("ytd", "the employer's name", re.search(
        r"^PAYSLIP +Example Widgets Inc$", h1, re.M), h1)
    check("ytd", "net pay to date",
          "Net pay year to date: 39,600.00" in h1, h1)
    check("ytd", "hours with no rate", re.search(r"20\.00 hours\s*\n", p1) and
          "hours at" not in p1, p1)
    check("none", "deductions and employer: (none) each",
          len(re.findall(r"^ +\(none\) *$", z1, re.M)) == 2, z1)
    check("none", "the salary and the net pay",
          re.search(r"Salary +1,000\.00 +1,000\.00", z1) and
          "Net pay year to date: 1,000.00" in z1, z1)
    # Without YTD: no YTD column, no net pay to date; still (none).
    st, out, err = run(["-F", "payslip-pdf", "-r", PACK, "-c", CO, "-o",
                        "noytd.pdf", RES])
    txt = pdftext("noytd.pdf", "-layout")
    check("no ytd", "exit 0", st == 0, err)
    check("no ytd", "no YTD column", "Year to date" not in txt and
          "year to date" not in txt and "44,000.00" not in txt, txt)
    check("no ytd", "(none) twice for Z1",
          len(re.findall(r"^ +\(none\) *$", txt.split("\f")[2], re.M)) == 2,
          txt)

    # 2. Longer than a page: 60 earnings of 101.00 ... 160.00 (gross
    # 60 x 130.50 = 7,830.00; tax 783.00; net 7,047.00) run onto page 2;
    # every word of every page lies within the 50 pt margins (a word's
    # box may reach 1 pt into the top margin: the title's ascent), and
    # each earning is shown once.
    n = 60
    MANY = w("many.yaml", "pack: t-many\ncurrency: {code: USD, places: 2}\n"
             "inputs:\n" + "".join("  in%02d: {type: money, default: 0}\n" % i
                                   for i in range(1, n + 1)) +
             "formulas:\n" + "".join('  pay%02d: "in%02d"\n' % (i, i)
                                     for i in range(1, n + 1)) +
             '  tax: "round(gross_pay * 10%, 2, half_up)"\noutputs:\n' +
             "".join('  pay%02d: {kind: earning, label: "Earning %02d"}\n'
                     % (i, i) for i in range(1, n + 1)) +
             '  tax: {kind: withholding, label: "Tax"}\n')
    MRES = w("many.csv", "employee_id,last_name,first_name,period_start,"
             "period_end,pay_date," + ",".join("pay%02d" % i for i in
                                               range(1, n + 1)) +
             ",gross_pay,tax,net_pay\nM1,Many,Lines,2026-11-01,2026-11-30,"
             "2026-11-30," + ",".join("%d.00" % (100 + i) for i in
                                      range(1, n + 1)) +
             ",7830.00,783.00,7047.00\n")
    for paper, wide, high in (("letter", 612, 792), ("a4", 595.28, 841.89)):
        co = w("co-%s.yaml" % paper, "company:\n  name: Example Widgets Inc\n"
               "  currency: USD\n  paper: %s\n" % paper)
        name = "many-%s.pdf" % paper
        st, out, err = run(["-F", "payslip-pdf", "-r", MANY, "-c", co, "-o",
                            name, MRES])
        case = "long " + paper
        check(case, "exit 0", st == 0, err)
        info = pdfinfo(name)
        m = re.search(r"^Page size: +([0-9.]+) x ([0-9.]+) pts", info, re.M)
        check(case, "paper size", m and abs(float(m.group(1)) - wide) < 0.01
              and abs(float(m.group(2)) - high) < 0.01, info)
        check(case, "two pages", re.search(r"^Pages: +2$", info, re.M), info)
        box = pdftext(name, "-bbox")
        words = re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" '
                           r'xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>',
                           box)
        out_of = [x for x in words if float(x[0]) < 50 - 0.01 or
                  float(x[1]) < 49 or float(x[2]) > wide - 50 + 0.01 or
                  float(x[3]) > high - 50]
        check(case, "every word within the margins", words and not out_of,
              out_of[:5])
        # The pay lines are set in 10 pt: a word's box is the font's
        # ascent and descent, DejaVu Sans 0.928 + 0.236 em (1901 and 483
        # of 2048 units, its hhea table) = 11.64 pt high.
        rows = [x for x in words if x[4] == "Earning"]
        bad = [x for x in rows if abs(float(x[3]) - float(x[1]) - 11.64)
               > 0.05]
        check(case, "pay lines in 10 pt", len(rows) == n and not bad,
              (len(rows), bad[:3]))
        pg = box.split("<page ")
        check(case, "page 2 has words", len(pg) == 3 and "<word" in pg[2],
              box[-500:])
        txt = pdftext(name, "-layout")
        for i in range(1, n + 1):
            if len(re.findall(r"Earning %02d +%d\.00\b" % (i, 100 + i),
                              txt)) != 1:
                check(case, "earning %02d once" % i, False, txt)
                break
        else:
            check(case, "each earning once", True)
        check(case, "net pay", "USD 7,047.00" in txt, txt)

    # 3. Paper neither a4 nor letter: refused (exit 3), nothing written.
    co = w("co-legal.yaml", "company:\n  name: X\n  currency: USD\n"
           "  paper: legal\n")
    st, out, err = run(["-F", "payslip-pdf", "-r", PACK, "-c", co, "-o",
                        "legal.pdf", RES])
    check("paper", "legal refused", st == 3 and
          "paper 'legal': a4 or letter" in err, err)
    check("paper", "nothing written",
          not os.path.exists(os.path.join(tmp, "legal.pdf")))

# 4. An employee the YTD file lacks: his row is rejected by name, exit 1,
# no payslip written (all or none), in every format.
YTD2 = w("ytd2.csv", "employee_id,last_pay_date,hourly_pay,salary_pay,"
         "gross_pay,tax,er_tax,net_pay\n"
         "H1,2026-11-30,44000.00,0.00,44000.00,4400.00,2728.00,39600.00\n"
         "Z1,2026-11-30,0.00,1000.00,1000.00,0.00,0.00,1000.00\n")
for fmt in ("payslip", "payslip-html", "payslip-pdf"):
    d = os.path.join(tmp, "miss-" + fmt)
    os.mkdir(d)
    st, out, err = run(["-F", fmt, "-r", PACK, "-c", CO, "-y", YTD2, "-o",
                        d + "/", RES])
    check("missing ytd " + fmt, "exit 1", st == 1, err)
    check("missing ytd " + fmt, "the row and the reason",
          re.search(r"res\.csv:3: field 'employee_id': no row for 'P1' in the YTD "
                    r"file .*ytd2\.csv", err), err)
    check("missing ytd " + fmt, "nothing written", os.listdir(d) == [],
          os.listdir(d))

shutil.rmtree(tmp)
sys.exit(0 if t.done() else 1)
