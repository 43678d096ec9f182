"""Shared helpers for the vector runners (tests/vectors/*.py).

Each runner reads one official vector file, turns its rows into the real
inputs of payroll-calc (canonical employee CSV, and a YTD file where the row
gives balances to date), runs payroll-calc with the rule packs, and compares
every expected column with the result.  Expected values come only from the
vector file.  A row may differ only by the tolerance its source states.

Usage from a runner:

    import vlib
    rows = vlib.read_vectors("us_federal.csv")
    res = vlib.calc(["rules/us/federal", ...], employees, period="2026-11",
                    frequency="biweekly", pay_date=None, ytd=None)
    # res: dict employee_id -> results row (dict), plus rejects list
    t = vlib.Tally("us_federal.csv")
    t.check(case_id, component, expected, got, tolerance="0.00")
    t.skip(case_id, reason)       # printed; counted as skipped
    t.done()                      # prints per-component and file totals
"""
import csv
import io
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
CALC = os.path.join(ROOT, "bin", "payroll-calc")


def read_vectors(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def kv(s):
    """A vector cell of the form 'key=value;key=value' as a dict."""
    out = {}
    for part in (s or "").split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])


def calc(packs, employees, period, frequency="monthly", pay_date=None,
         ytd=None, items=None, extra_args=()):
    """Runs payroll-calc on a list of employee dicts (each needs
    employee_id).  ytd: list of dicts (employee_id, last_pay_date, ...).
    Returns (results by employee_id, rejects list, stderr text)."""
    with tempfile.TemporaryDirectory() as d:
        header = []
        for e in employees:
            for k in e:
                if k not in header:
                    header.append(k)
        emp = os.path.join(d, "employees.csv")
        write_csv(emp, header, employees)
        args = [CALC]
        for p in packs:
            args += ["-r", os.path.join(ROOT, p)]
        args += ["-p", period, "-f", frequency, "-R",
                 os.path.join(d, "rejects.csv"), "-q"]
        if pay_date:
            args += ["-d", pay_date]
        if ytd:
            yh = []
            for y in ytd:
                for k in y:
                    if k not in yh:
                        yh.append(k)
            yp = os.path.join(d, "ytd.csv")
            write_csv(yp, yh, sorted(ytd, key=lambda y: y["employee_id"]))
            args += ["-y", yp]
        if items:
            ip = os.path.join(d, "items.csv")
            write_csv(ip, ["employee_id", "wage_type", "amount"],
                      sorted(items, key=lambda i: i["employee_id"]))
            args += ["-i", ip]
        args += list(extra_args)
        args.append(emp)
        p = subprocess.run(args, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            raise RuntimeError("payroll-calc failed (%d): %s" %
                               (p.returncode, p.stderr.strip()))
        rp = os.path.join(d, "rejects.csv")
        if not os.path.exists(rp):
            # Exit 1 without outputs: a whole-file error, not rejects.
            raise RuntimeError("payroll-calc wrote no outputs (%d): %s" %
                               (p.returncode, p.stderr.strip()))
        out = {r["employee_id"]: r for r in csv.DictReader(io.StringIO(p.stdout))}
        with open(rp, newline="") as f:
            rej = list(csv.DictReader(f))
        return out, rej, p.stderr


def calc_paid(packs, employees, period, **kw):
    """calc(), the results only: each employee it did not pay is said
    on a line of its own with the rejects' messages (or payroll-calc's
    stderr), for a runner whose checks then fail on the missing row."""
    out, rej, err = calc(packs, employees, period, **kw)
    for e in employees:
        if e["employee_id"] not in out:
            print("  %s rejected: %s" % (e["employee_id"],
                                         [r.get("message") for r in rej] or
                                         err.strip()))
    return out


def report_without(rows, drop, form, tmp):
    """authority-report -F form (with samples/employer.yaml) on result rows
    with the columns drop left out: its CSV rows (None when it wrote no
    report) and its standard error."""
    cut = os.path.join(tmp, "cut.csv")
    with open(cut, "w", newline="") as f:
        w = csv.DictWriter(f, [c for c in rows[0] if c not in drop],
                           extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    out = os.path.join(tmp, "report.csv")
    if os.path.exists(out):
        os.remove(out)
    p = subprocess.run([os.path.join(ROOT, "bin", "authority-report"),
                        "-F", form, "-c",
                        os.path.join(ROOT, "samples", "employer.yaml"),
                        "-o", out, cut], capture_output=True, text=True)
    if not os.path.exists(out):
        return None, p.stderr
    with open(out, newline="") as f:
        return list(csv.DictReader(f)), p.stderr


def _places(s):
    s = str(s).strip()
    return len(s.split(".", 1)[1]) if "." in s else 0


class Tally:
    def __init__(self, name, places=False):
        """places=True: check() also wants the text of got written with
        as many decimal places as expected (1000.00 is not 1000.0), where
        the tolerance is 0: the places an output is printed with are part
        of what it says (docs/rules.md, "Where a number is written")."""
        self.name = name
        self.places = places
        self.comp = {}
        self.failed_lines = []
        self.skipped = []

    def _c(self, component):
        return self.comp.setdefault(component, [0, 0])

    def check(self, case_id, component, expected, got, tolerance="0"):
        """Compares two decimal strings; a difference up to tolerance
        passes.  got None means the row produced no result."""
        c = self._c(component)
        ok = False
        if got is not None and got != "":
            try:
                ok = abs(Decimal(got) - Decimal(expected)) <= Decimal(tolerance)
                if ok and self.places and Decimal(tolerance) == 0:
                    ok = _places(got) == _places(expected)
            except Exception:
                ok = False
        if ok:
            c[0] += 1
        else:
            c[1] += 1
            self.failed_lines.append("FAIL %s %s: expected %s, got %s" %
                                     (case_id, component, expected, got))
        return ok

    def check_str(self, case_id, component, expected, got):
        """Compares two strings exactly (dates, codes)."""
        c = self._c(component)
        if got == expected:
            c[0] += 1
            return True
        c[1] += 1
        self.failed_lines.append("FAIL %s %s: expected %r, got %r" %
                                 (case_id, component, expected, got))
        return False

    def ok(self, cond, what, component="checks"):
        """Counts one check of a condition; what says what failed."""
        c = self._c(component)
        if cond:
            c[0] += 1
        else:
            c[1] += 1
            self.failed_lines.append("FAIL " + what)
        return bool(cond)

    def skip(self, case_id, reason):
        self.skipped.append("SKIP %s: %s" % (case_id, reason))

    def done(self):
        for l in self.failed_lines:
            print("  " + l)
        for l in self.skipped:
            print("  " + l)
        tp = tf = 0
        for comp in sorted(self.comp):
            p, f = self.comp[comp]
            tp += p
            tf += f
            print("  %-40s %4d passed, %d failed" % (comp, p, f))
        print("%s: %d passed, %d failed, %d skipped" %
              (self.name, tp, tf, len(self.skipped)))
        return tf == 0 and not self.skipped
