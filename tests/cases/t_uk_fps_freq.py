#!/usr/bin/env python3
"""The FPS Payment block's pay frequency and period number for every pay
frequency, in both FPS layouts (rules/formats/uk-fps/2025.yaml for
2025-26, 2026.yaml for 2026-27): the filings test (tests/filings) makes a
monthly FPS only, so a wrong weekly, fortnightly, four-weekly, quarterly,
half-yearly or annual code went unseen.

Source: HMRC RTI Full Payment Submission, Payment: PayFreq W1 weekly, W2
fortnightly, W4 four-weekly, M1 calendar monthly, M3 quarterly, M6
bi-annually, MA annually (shared/reference/formats.md, FPS); WeekNo for
the weekly frequencies, MonthNo for the monthly ones: the tax week or tax
month in which the payment date falls (tax week 1 is 6-12 April, tax
month 1 is 6 April - 5 May).  The first period of each tax year starting
6 April, paid on its last day:
  weekly      6-12 April     -> week 1
  biweekly and fortnightly 6-19 April -> week 2 (13-19 April)
  fourweekly  6 April-3 May  -> week 4 (27 April-3 May)
  monthly     to 5 May       -> month 1
  quarterly   to 5 July      -> month 3
  semiannual  to 5 October   -> month 6
  annual      to 5 April     -> month 12
The pay run is samples/uk's (its company pack and employees, the frequency
column set to the run's), with no earlier results.

Each employee's TaxCode, in both years, as the 2025-26 schema
(_intermediate_TaxCode and the element's attributes) and HMRC's RTI
guidance write it: the code without its prefix or basis, the prefix S or
C in TaxRegime, a week 1 / month 1 basis as BasisNonCumulative="yes":
  UK001 1257L -> 1257L;  UK002 S1257L -> 1257L TaxRegime S;  UK003 BR;
  UK004 C1257L -> 1257L TaxRegime C;  UK005 1257L M1 -> 1257L
  BasisNonCumulative yes (hired 2025-06-09, so absent from the April
  2025 runs);  UK006 K475 (left on 2025-06-30, so absent from 2026-27).
(The provisional 2026 layout wrote the code as given and refused
'1257L M1'.)
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
S = os.path.join(ROOT, "samples", "uk")
PACKS = [os.path.join(S, "company.yaml")] + [
    os.path.join(ROOT, "rules", "uk", p) for p in ("paye", "nic", "student-loans")]
t = vlib.Tally("uk fps frequencies", places=True)
WANT = {  # frequency: (PayFreq, element, number, pay date month-day)
    "weekly": ("W1", "WeekNo", "1", "04-12"),
    "biweekly": ("W2", "WeekNo", "2", "04-19"),
    "fortnightly": ("W2", "WeekNo", "2", "04-19"),
    "fourweekly": ("W4", "WeekNo", "4", "05-03"),
    "monthly": ("M1", "MonthNo", "1", "05-05"),
    "quarterly": ("M3", "MonthNo", "3", "07-05"),
    "semiannual": ("M6", "MonthNo", "6", "10-05"),
    "annual": ("MA", "MonthNo", "12", "04-05"),
}

with open(os.path.join(S, "employees.csv"), newline="") as f:
    lines = f.read().splitlines()
col = lines[0].split(",").index("pay_frequency")

TAXCODES = [("1257L", {}), ("1257L", {"TaxRegime": "S"}), ("BR", {}),
            ("1257L", {"TaxRegime": "C"}),
            ("1257L", {"BasisNonCumulative": "yes"}), ("K475", {})]

with tempfile.TemporaryDirectory() as d:
    for year in (2025, 2026):
        for freq, (code, elem, num, md) in sorted(WANT.items()):
            cid = "%d:%s" % (year, freq)
            emp = os.path.join(d, "e.csv")
            with open(emp, "w") as f:
                f.write(lines[0] + "\n")
                for ln in lines[1:]:
                    # the sample's fields hold no quoted commas
                    c = ln.split(",")
                    c[col] = freq
                    f.write(",".join(c) + "\n")
            res, hist, xml = (os.path.join(d, n) for n in
                              ("r.csv", "h.csv", "fps.xml"))
            for p in (res, xml):
                if os.path.exists(p):
                    os.remove(p)
            args = [os.path.join(ROOT, "bin", "payroll-calc"), "-q"]
            for p in PACKS:
                args += ["-r", p]
            args += ["-p", "%d-04-06" % year, "-f", freq,
                     "-R", os.path.join(d, "rej.csv"), "-o", res, emp]
            subprocess.run(args, capture_output=True, text=True)
            with open(res) as f:
                head = f.readline()
            with open(hist, "w") as f:
                f.write(head)
            p = subprocess.run([os.path.join(ROOT, "bin", "authority-report"),
                                "-F", "uk-fps", "-c",
                                os.path.join(ROOT, "samples", "employer.yaml"),
                                "-H", hist, "-o", xml, res],
                               capture_output=True, text=True)
            body = open(xml).read() if os.path.exists(xml) else ""
            if not body:
                print("  %s: no FPS: %s" % (cid, p.stderr.strip()[-300:]))
            pays = re.findall(r"<Payment>(.*?)</Payment>", body, re.S)
            codes = [(m.group(2), dict(re.findall(r'(\w+)="([^"]*)"',
                                                  m.group(1))))
                     for m in re.finditer(r"<TaxCode([^>]*)>([^<]*)</TaxCode>",
                                          body)]
            # UK005 is hired on 2025-06-09: in 2025-26 only the runs whose
            # period reaches that day (quarterly, half-yearly, annual) pay her
            end = "%d-%s" % (year + 1 if freq == "annual" else year, md)
            # and UK006 leaves on 2025-06-30, so no 2026-27 run pays him
            want = [c for i, c in enumerate(TAXCODES)
                    if (i != 4 or end >= "2025-06-09") and
                    (i != 5 or year == 2025)]
            t.check_str(cid, "TaxCode of each employee", str(want), str(codes))
            t.check(cid, "payments", "1", "1" if pays else "0")
            other = "MonthNo" if elem == "WeekNo" else "WeekNo"
            year_paid = year + 1 if freq == "annual" else year
            for i, pay in enumerate(pays):
                def el(name):
                    m = re.search(r"<%s>([^<]*)</%s>" % (name, name), pay)
                    return m.group(1) if m else None
                pid = "%s#%d" % (cid, i)
                t.check_str(pid, "PayFreq", code, el("PayFreq"))
                t.check_str(pid, elem, num, el(elem))
                t.check_str(pid, other + " absent", None, el(other))
                t.check_str(pid, "PmtDate", "%d-%s" % (year_paid, md),
                            el("PmtDate"))
                t.check_str(pid, "PeriodsCovered", "1", el("PeriodsCovered"))

sys.exit(0 if t.done() else 1)
