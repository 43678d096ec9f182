"""Canadian direct deposit file, Payments Canada Standard 005 (payroll-export
--format cpa005, rules/formats/cpa005-2025.yaml), checked by an
independent reader written here from the record layout (header A, credit
records C of six 240-byte segments after a 24-byte prefix, trailer Z;
1464 bytes each, CR LF): record lengths and counts, the header's ids, each
segment's amount against the results' net pay and its account against
the employee's, the Z totals against the segments.  The results are the
first biweekly pay run of make demo-ca (samples/ca, SYNTHETIC).
"""
import csv
import datetime
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = vlib.ROOT
B = os.path.join(ROOT, "bin")
RULES = ["-r", os.path.join(ROOT, "rules/ca/cpp-ei"), "-r",
         os.path.join(ROOT, "rules/ca/tax"), "-r",
         os.path.join(ROOT, "samples/ca/company.yaml")]
T = vlib.Tally("ca cpa005 file", places=True)


class _Eq:
    """check(): exact comparison of any values (codes, text, lists)."""
    def check(self, cid, comp, expected, got):
        return T.check_str(cid, comp, expected, got)


t = _Eq()
COMPANY = """company:
  name: Example Canada Ltd (SYNTHETIC)
  currency: CAD
cpa005:
  originator_id: "EXAMPLE001"
  file_creation_number: "42"
  destination_data_centre: "00310"
  originator_short_name: Example Canada
  originator_long_name: Example Canada Ltd
  return_institution: "001"
  return_transit: "00011"
  return_account: "1234567"
"""
EPOCH = "1767225600"          # 2026-01-01 00:00 UTC: creation date 026001
PAY = datetime.date(2026, 1, 9)


def julian(d):
    return "0%02d%03d" % (d.year % 100, d.timetuple().tm_yday)


def export(d, results, company=COMPANY):
    cp = os.path.join(d, "company.yaml")
    with open(cp, "w") as f:
        f.write(company)
    out = os.path.join(d, "pay.cpa")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    p = subprocess.run([os.path.join(B, "payroll-export"), "-F", "cpa005"]
                       + RULES + ["-c", cp, "-o", out, results],
                       capture_output=True, text=True, env=env)
    data = open(out, "rb").read() if os.path.exists(out) else b""
    return p, data


def check_file(cid, data, rows):
    """rows: the results rows that must be paid (employee_id -> row)."""
    t.check(cid, "ends with CR LF", True, data.endswith(b"\r\n"))
    recs = data.split(b"\r\n")[:-1]
    t.check(cid, "every record 1464 bytes", True,
            all(len(r) == 1464 for r in recs))
    recs = [r.decode("ascii") for r in recs]
    t.check(cid, "A first", "A", recs[0][0])
    t.check(cid, "Z last", "Z", recs[-1][0])
    t.check(cid, "C between", True, all(r[0] == "C" for r in recs[1:-1]))
    t.check(cid, "record counts 1..n", True,
            all(r[1:10] == "%09d" % (i + 1) for i, r in enumerate(recs)))
    t.check(cid, "ids in every record", True,
            all(r[10:20] == "EXAMPLE001" and r[20:24] == "0042" for r in recs))
    a = recs[0]
    t.check(cid, "creation date", "026001", a[24:30])
    t.check(cid, "data centre", "00310", a[30:35])
    t.check(cid, "currency", "CAD", a[55:58])
    t.check(cid, "A filler blank", True, a[58:].strip() == "")
    paid, total, n = {}, Decimal(0), 0
    for r in recs[1:-1]:
        segs = [r[24 + 240 * i:24 + 240 * (i + 1)] for i in range(6)]
        used = [s for s in segs if s.strip()]
        # used segments first, the rest blank
        t.check(cid, "segments packed", True,
                segs[:len(used)] == used and len(used) > 0)
        for s in used:
            n += 1
            emp = s[150:169].strip()
            amt = Decimal(int(s[3:13])) / 100
            total += amt
            paid[emp] = (s, amt)
    t.check(cid, "every employee paid once", sorted(rows), sorted(paid))
    t.check(cid, "one segment per employee", len(rows), n)
    for emp, row in rows.items():
        s, amt = paid.get(emp, ("", None))
        if not s:
            continue
        t.check(cid, "amount = net_pay", Decimal(row["net_pay"]), amt)
        t.check(cid, "transaction type", "200", s[0:3])
        t.check(cid, "payment date", julian(PAY), s[13:19])
        t.check(cid, "institution id", "0" + row["bank_institution"]
                + row["bank_transit"], s[19:28])
        t.check(cid, "account", row["bank_account"], s[28:40].strip())
        t.check(cid, "payee name", (row["first_name"] + " " + row["last_name"]
                                    ).upper()[:30], s[80:110].strip())
        t.check(cid, "returns account", "000100011" + "1234567".ljust(12),
                s[169:190])
    z = recs[-1]
    t.check(cid, "Z credit value", total, Decimal(int(z[46:60])) / 100)
    t.check(cid, "Z credit count", n, int(z[60:68]))
    t.check(cid, "Z debits zero", "0" * 22, z[24:46])
    t.check(cid, "Z results total", sum(Decimal(r["net_pay"])
                                        for r in rows.values()), total)


with tempfile.TemporaryDirectory() as d:
    res = os.path.join(d, "results.csv")
    p = subprocess.run([os.path.join(B, "payroll-calc"), "-q"] + RULES +
                       ["-p", "2025-12-27", "-f", "biweekly", "-d", "2026-01-09",
                        "-o", res, "-R", os.path.join(d, "rej.csv"),
                        os.path.join(ROOT, "samples/ca/employees-synthetic.csv")],
                       capture_output=True, text=True)
    t.check("calc", "status", 0, p.returncode)
    rows = list(csv.DictReader(open(res)))
    byid = {r["employee_id"]: r for r in rows}
    t.check("calc", "employees (more than 6: several C records)", True,
            len(rows) > 6)

    # 1. The whole run.
    p, data = export(d, res)
    t.check("all", "status", 0, p.returncode)
    t.check("all", "provisional warning", True, "provisional" in p.stderr)
    check_file("all", data, byid)

    # 2. A small sample: the first 3 (one C record, 3 blank segments) and
    #    one employee without a bank account (skipped, status 1).
    small = rows[:4]
    small[3] = dict(small[3], bank_institution="", bank_transit="",
                    bank_account="")
    sp = os.path.join(d, "small.csv")
    with open(sp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()),
                           lineterminator="\n")
        w.writeheader()
        w.writerows(small)
    p, data = export(d, sp)
    t.check("small", "status (one skipped)", 1, p.returncode)
    t.check("small", "skip named", True, small[3]["employee_id"] in p.stderr)
    check_file("small", data, {r["employee_id"]: r for r in small[:3]})

    # 3. A bad transit number: refused, nothing written, the account
    #    number never shown.
    bad = [dict(rows[0], bank_transit="1234")]
    bp = os.path.join(d, "bad.csv")
    with open(bp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()),
                           lineterminator="\n")
        w.writeheader()
        w.writerows(bad)
    out = os.path.join(d, "pay.cpa")
    os.remove(out)
    p, data = export(d, bp)
    t.check("bad", "status", 1, p.returncode)
    t.check("bad", "names the field", True, "bank_transit" in p.stderr)
    t.check("bad", "no file", b"", data)
    t.check("bad", "account not shown", False,
            rows[0]["bank_account"] in p.stderr)

    # 4. A company setting out of range is a layout/settings error (3).
    p, _ = export(d, res, COMPANY.replace('"00310"', '"310"'))
    t.check("settings", "status", 3, p.returncode)
    t.check("settings", "names the key", True,
            "destination_data_centre" in p.stderr)
sys.exit(0 if T.done() else 1)
