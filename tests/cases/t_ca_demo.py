"""make demo-ca (issue 16): a year of biweekly pay of the synthetic
Canadian sample through the whole pipeline, and its T4 XML.

Checked: an employee paid in every province and territory but Quebec;
each employee's year within the maximums T4127 Tables 8.3, 8.6 and 8.7
print for 2026 (CPP $4,230.45 x PM/12, CPP2 $416.00 x PM/12, EI
$1,123.07); the T4 XML well formed, one slip per employee, every slip
amount equal to the year's results summed in Decimal, the Summary equal
to the slips (and the employer's shares), box 26 not above the YAMPE.
With CA_CRA_XSD set to a folder holding CRA's layout-topologie.xsd, the
file is also validated with xmllint (not counted otherwise)."""
import csv
import glob
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("ca_demo")
ROOT = vlib.ROOT
OUT = os.path.join(ROOT, "out", "demo-ca")
p = subprocess.run(["sh", os.path.join(ROOT, "samples", "ca", "demo.sh")],
                   capture_output=True, text=True)
t.check_str("demo-ca", "exit status", "0", str(p.returncode))
if p.returncode != 0:
    print(p.stderr)

rows = []
for f in sorted(glob.glob(os.path.join(OUT, "year", "results-*.csv"))):
    with open(f, newline="") as fh:
        rows.extend(csv.DictReader(fh))
t.check_str("demo-ca", "pay runs", "26",
            str(len(glob.glob(os.path.join(OUT, "year", "results-*.csv")))))
provs = sorted({r["ca_province"] for r in rows})
t.check_str("demo-ca", "provinces paid",
            "AB BC MB NB NL NS NT NU ON PE SK YT", " ".join(provs))

D = Decimal
emp = {}
for r in rows:
    e = emp.setdefault(r["employee_id"], {"rows": 0})
    e["rows"] += 1
    e["last"] = r
    for k in ("gross_pay", "ca_cpp", "ca_cpp2", "ca_qpp", "ca_qpp2", "ca_ei",
              "ca_ei_qc", "ca_federal_tax", "ca_provincial_tax",
              "ca_extra_tax", "ca_ei_insurable", "ca_t4_pensionable",
              "ca_cpp_employer", "ca_cpp2_employer", "ca_ei_employer",
              "union_dues_deducted"):
        e[k] = e.get(k, D(0)) + D(r.get(k) or "0")

for eid, e in sorted(emp.items()):
    pm = D(e["last"].get("ca_cpp_months") or "12")
    t.check(eid, "CPP within the 2026 maximum", "0",
            "0" if e["ca_cpp"] <= (D("4230.45") * pm / 12).quantize(D("0.01")) else "1")
    t.check(eid, "CPP2 within the 2026 maximum", "0",
            "0" if e["ca_cpp2"] <= D("416.00") * pm / 12 else "1")
    t.check(eid, "EI within the 2026 maximum", "0",
            "0" if e["ca_ei"] <= D("1123.07") else "1")

try:
    tree = ET.parse(os.path.join(OUT, "t4.xml"))
except Exception as x:  # noqa: BLE001
    tree = None
    t.check_str("t4.xml", "well formed", "yes", "no: %s" % x)
if tree is not None:
    root = tree.getroot()
    slips = root.findall("./Return/T4/T4Slip")
    t.check_str("t4.xml", "slips", str(len(emp)), str(len(slips)))
    amt = lambda s, name: D(s.findtext("T4_AMT/" + name) or "0")
    for s in slips:
        eid = s.findtext("empe_nbr")
        e = emp.get(eid)
        if e is None:
            t.check_str("t4.xml", "slip for a paid employee", "yes", eid)
            continue
        t.check_str(eid, "sin", e["last"]["ca_sin"], s.findtext("sin"))
        t.check_str(eid, "province", e["last"]["ca_province"],
                    s.findtext("empt_prov_cd"))
        for name, want in (
                ("empt_incamt", e["gross_pay"]), ("cpp_cntrb_amt", e["ca_cpp"]),
                ("cppe_cntrb_amt", e["ca_cpp2"]), ("qpp_cntrb_amt", e["ca_qpp"]),
                ("empe_eip_amt", e["ca_ei"] + e["ca_ei_qc"]),
                ("itx_ddct_amt", e["ca_federal_tax"] + e["ca_provincial_tax"]
                 + e["ca_extra_tax"]),
                ("ei_insu_ern_amt", e["ca_ei_insurable"]),
                ("cpp_qpp_ern_amt", e["ca_t4_pensionable"]),
                ("unn_dues_amt", e["union_dues_deducted"])):
            t.check(eid, "slip " + name, str(want), str(amt(s, name)))
        t.check(eid, "box 26 not above the YAMPE", "0",
                "0" if amt(s, "cpp_qpp_ern_amt") <= D("85000") else "1")
    summ = root.find("./Return/T4/T4Summary")
    tot = lambda k: sum((e[k] for e in emp.values()), D(0))
    slipsum = lambda name: sum((amt(s, name) for s in slips), D(0))
    t.check_str("summary", "slp_cnt", str(len(slips)), summ.findtext("slp_cnt"))
    for name, want in (
            ("tot_empt_incamt", slipsum("empt_incamt")),
            ("tot_empe_cpp_amt", slipsum("cpp_cntrb_amt") + slipsum("qpp_cntrb_amt")),
            ("tot_empe_cppe_amt", slipsum("cppe_cntrb_amt") + slipsum("qppe_cntrb_amt")),
            ("tot_empe_eip_amt", slipsum("empe_eip_amt")),
            ("tot_itx_ddct_amt", slipsum("itx_ddct_amt")),
            ("tot_empr_cpp_amt", tot("ca_cpp_employer")),
            ("tot_empr_cppe_amt", tot("ca_cpp2_employer")),
            ("tot_empr_eip_amt", tot("ca_ei_employer"))):
        t.check("summary", name, str(want),
                summ.findtext("T4_TAMT/" + name) or "0")
    xsd = os.environ.get("CA_CRA_XSD")
    if xsd:
        v = subprocess.run(["xmllint", "--noout", "--schema",
                            os.path.join(xsd, "layout-topologie.xsd"),
                            os.path.join(OUT, "t4.xml")],
                           capture_output=True, text=True)
        t.check_str("t4.xml", "CRA schema", "0", str(v.returncode))
sys.exit(0 if t.done() else 1)
