#!/usr/bin/env python3
"""authority-report --form ca-t4 (rules/formats/ca-t4/2025.yaml): every
element of the T4 XML file, its place, its value and its type, against
CRA's XML schema for information returns as the pack cites it (v1.24.1
of 2023-10-05; read in Humi-HR/cra-documents@1d4ab44, xml_schemas/
layout-topologie.xsd, t4.xsd, complex.xsd, simple.xsd), on results
written by hand here (no payroll-calc run: every amount below is typed
in the rows and its sum worked in a comment).

Schema facts used (element: type -> restriction, from simple.xsd):
  T619 (TransmitterType): sbmt_ref_id char8 (1-8 chars); rpt_tcd
    otherDataType (O original, A amended, M); trnmtr_nbr transNbrType
    (MM + 6 digits); trnmtr_tcd indicator1-4 (1: the transmitter files
    its own returns); summ_cnt int6 (one return here: 1); lang_cd E|F;
    TRNMTR_NM Line2Type (l1_nm char30); TRNMTR_ADDR CanadaAddressType
    (addr_l1_txt char30, cty_nm char28, prov_cd, cntry_cd 3 letters,
    pstl_cd); CNTC ContactType (cntc_nm char22, cntc_area_cd numeric3,
    cntc_phn_nbr, cntc_email_area char60).
  T4SlipType: EMPE_NM NameType (snm char20, gvn_nm char12 optional);
    sin \\d{9}; empe_nbr char20; bn \\d{9}\\p{L}{2}\\d{4}; cpp_qpp_xmpt_cd
    and ei_xmpt_cd indicator0-1, REQUIRED; rpt_tcd slipDataType (O);
    empt_prov_cd provinceType; T4_AMT T4AmtType.
  T4AmtType: empt_incamt decimal10, cpp_cntrb_amt / cppe_cntrb_amt /
    qpp_cntrb_amt / qppe_cntrb_amt / empe_eip_amt decimal6,
    itx_ddct_amt decimal10, ei_insu_ern_amt decimal7, cpp_qpp_ern_amt
    and unn_dues_amt decimal9 (decimalN: up to N-2 digits, a point, two
    decimals).
  T4SummaryType: bn; EMPR_NM Line3Type (l1_nm char30); CNTC ContactType2
    (cntc_nm, cntc_area_cd, cntc_phn_nbr; no e-mail element); tx_yr
    yearType; slp_cnt int7; rpt_tcd otherDataType; T4_TAMT T4TotalsType
    (tot_empt_incamt, tot_itx_ddct_amt decimal13; tot_empe_cpp_amt,
    tot_empe_cppe_amt, tot_empe_eip_amt, tot_empr_cpp_amt,
    tot_empr_cppe_amt, tot_empr_eip_amt decimal11).
Box meanings (printed on the T4 slip): 14 employment income, 16/16A CPP
and second CPP, 17/17A QPP and QPP2, 18 EI premiums, 22 income tax
deducted, 24 EI insurable earnings, 26 CPP/QPP pensionable earnings, 44
union dues.  The Summary's employer CPP, CPP2 and EI are the employer's
shares (boxes 27, 27A, 19 of the T4 Summary)."""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("ca_t4", places=True)
ROOT = vlib.ROOT
AR = os.path.join(ROOT, "bin", "authority-report")

EMPLOYER = """\
name: Northern Lights Consolidated Payroll Services Ltd
address:
  line1: 2500 Boulevard of the Great Northern Lakes
  city: Saint-Jean-sur-Richelieu-Municipality
  province: qc
  postal_code: h2x1y4
contact:
  name: Alexandra Montgomery-Smithson
  area_code: "514"
  phone: 555-0199
  email: t4.information.returns.department@payroll-services.example.ca
ca:
  business_number: 987654321rp0002
  transmitter_number: MM123456
  submission_reference: t4y2026
"""
# The names above are longer than the schema allows on purpose: l1_nm
# char30 -> "Northern Lights Consolidated P" (30), addr_l1_txt char30 ->
# "2500 Boulevard of the Great No" (30), cty_nm char28 ->
# "Saint-Jean-sur-Richelieu-Mun" (28), cntc_nm char22 ->
# "Alexandra Montgomery-S" (22), cntc_email_area char60.  Codes in upper case (charset code,
# upper: true): QC, H2X1Y4, 987654321RP0002, T4Y2026.

COLS = ["employee_id", "last_name", "first_name", "ca_sin", "ca_province",
        "ca_cpp_exempt", "ca_ei_exempt", "period_start", "period_end",
        "pay_date", "gross_pay", "ca_cpp", "ca_cpp2", "ca_qpp", "ca_qpp2",
        "ca_ei", "ca_ei_qc", "ca_cpp_employer", "ca_cpp2_employer",
        "ca_ei_employer", "ca_ei_insurable", "ca_t4_pensionable",
        "ca_federal_tax", "ca_provincial_tax", "ca_extra_tax",
        "union_dues_deducted"]
# Two pay runs.  E1 Ontario, CPP, CPP2, EI, tax, union dues; E2 Quebec,
# QPP, QPP2, Quebec EI; E3 BC (typed lower case), CPP and EI exempt, a
# long surname and given name, nothing withheld.
RUN1 = [
    ["E1", "Tremblay", "Ava", "900045006", "ON", "", "", "2026-06-01",
     "2026-06-30", "2026-06-30", "9000.00", "512.53", "10.00", "0", "0",
     "146.70", "0", "512.53", "10.00", "205.38", "9000.00", "9000.00",
     "1200.10", "600.05", "50.00", "40.00"],
    ["E2", "Gagnon", "Luc", "900046004", "QC", "no", "0", "2026-06-01",
     "2026-06-30", "2026-06-30", "5000.00", "0", "0", "296.62", "4.00",
     "0", "65.00", "296.62", "4.00", "91.00", "5000.00", "5000.00",
     "400.00", "0", "0", "0"],
    ["E3-0123456789ABCDEFGHIJ", "Featherstonehaugh-Cholmondeley",
     "Bartholomewsky", "900047002",
     "bc", "Yes", "TRUE", "2026-06-01", "2026-06-30", "2026-06-30",
     "1000.00", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0",
     "0", "0", "0", "0"],
]
RUN2 = [
    ["E1", "Tremblay", "Ava", "900045006", "ON", "", "", "2026-07-01",
     "2026-07-31", "2026-07-31", "9000.50", "512.56", "20.01", "0", "0",
     "146.71", "0", "512.56", "20.01", "205.39", "8999.99", "9000.50",
     "1200.11", "600.06", "0", "40.00"],
    ["E2", "Gagnon", "Luc", "900046004", "QC", "no", "0", "2026-07-01",
     "2026-07-31", "2026-07-31", "5000.00", "0", "0", "296.62", "5.01",
     "0", "65.00", "296.62", "5.01", "91.00", "5000.00", "5000.00",
     "400.00", "0", "0", "0"],
]
# Sums (by hand):
#  E1: box 14 9,000.00 + 9,000.50 = 18,000.50; 16 512.53 + 512.56 =
#      1,025.09; 16A 10.00 + 20.01 = 30.01; 18 146.70 + 146.71 = 293.41;
#      22 (federal + provincial + extra, the ca_t4_box22 tag) 1,200.10 +
#      600.05 + 50.00 + 1,200.11 + 600.06 + 0 = 3,650.32; 24 9,000.00 +
#      8,999.99 = 17,999.99; 26 9,000.00 + 9,000.50 = 18,000.50; 44
#      40.00 + 40.00 = 80.00; no QPP: 17 and 17A omitted (omit: zero).
#  E2: 14 10,000.00; 17 296.62 x 2 = 593.24; 17A 4.00 + 5.01 = 9.01;
#      18 (Quebec EI) 65.00 x 2 = 130.00; 22 800.00; 24 and 26
#      10,000.00; 16, 16A and 44 omitted.
#  E3: 14 1,000.00; everything else zero and omitted.
SLIPS = {
    "E1": dict(snm="Tremblay", gvn_nm="Ava", sin="900045006", xcpp="0",
               xei="0", prov="ON",
               amt=dict(empt_incamt="18000.50", cpp_cntrb_amt="1025.09",
                        cppe_cntrb_amt="30.01", empe_eip_amt="293.41",
                        itx_ddct_amt="3650.32", ei_insu_ern_amt="17999.99",
                        cpp_qpp_ern_amt="18000.50", unn_dues_amt="80.00")),
    "E2": dict(snm="Gagnon", gvn_nm="Luc", sin="900046004", xcpp="0",
               xei="0", prov="QC",
               amt=dict(empt_incamt="10000.00", qpp_cntrb_amt="593.24",
                        qppe_cntrb_amt="9.01", empe_eip_amt="130.00",
                        itx_ddct_amt="800.00", ei_insu_ern_amt="10000.00",
                        cpp_qpp_ern_amt="10000.00")),
    # empe_nbr char20: "E3-0123456789ABCDEFG" (of 23); snm char20:
    # "Featherstonehaugh-Ch"; gvn_nm char12: "Bartholomews" (of 14);
    # exempt "Yes"/"TRUE" -> 1; province "bc" -> BC.
    "E3-0123456789ABCDEFG": dict(snm="Featherstonehaugh-Ch", gvn_nm="Bartholomews",
               sin="900047002", xcpp="1", xei="1", prov="BC",
               amt=dict(empt_incamt="1000.00")),
}
# Summary: slp_cnt 3; 14 18,000.50 + 10,000.00 + 1,000.00 = 29,000.50;
# employee CPP + QPP 1,025.09 + 593.24 = 1,618.33; CPP2 + QPP2 30.01 +
# 9.01 = 39.02; EI 293.41 + 130.00 = 423.41; tax 3,650.32 + 800.00 =
# 4,450.32; employer CPP (+QPP, the ca_cpp_employer column) 512.53 +
# 296.62 + 512.56 + 296.62 = 1,618.33; employer CPP2 10.00 + 4.00 +
# 20.01 + 5.01 = 39.02; employer EI 205.38 + 91.00 + 205.39 + 91.00 =
# 592.77.
TOTALS = dict(tot_empt_incamt="29000.50", tot_empe_cpp_amt="1618.33",
              tot_empe_cppe_amt="39.02", tot_empe_eip_amt="423.41",
              tot_itx_ddct_amt="4450.32", tot_empr_cpp_amt="1618.33",
              tot_empr_cppe_amt="39.02", tot_empr_eip_amt="592.77")

# decimalN (simple.xsd): up to N-2 digits, '.', 2 digits.
DEC = {"empt_incamt": 10, "cpp_cntrb_amt": 6, "cppe_cntrb_amt": 6,
       "qpp_cntrb_amt": 6, "qppe_cntrb_amt": 6, "empe_eip_amt": 6,
       "itx_ddct_amt": 10, "ei_insu_ern_amt": 7, "cpp_qpp_ern_amt": 9,
       "unn_dues_amt": 9, "tot_empt_incamt": 13, "tot_itx_ddct_amt": 13,
       "tot_empe_cpp_amt": 11, "tot_empe_cppe_amt": 11,
       "tot_empe_eip_amt": 11, "tot_empr_cpp_amt": 11,
       "tot_empr_cppe_amt": 11, "tot_empr_eip_amt": 11}


def kids(el):
    return [c.tag for c in el] if el is not None else None


def text(el, path):
    x = el.find(path) if el is not None else None
    return None if x is None else x.text


def csvfile(path, rows):
    with open(path, "w") as f:
        f.write(",".join(COLS) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")


with tempfile.TemporaryDirectory() as d:
    emp = os.path.join(d, "employer.yaml")
    with open(emp, "w") as f:
        f.write(EMPLOYER)
    r1, r2 = os.path.join(d, "r1.csv"), os.path.join(d, "r2.csv")
    csvfile(r1, RUN1)
    csvfile(r2, RUN2)
    out = os.path.join(d, "t4.xml")
    p = subprocess.run([AR, "--form", "ca-t4", "-r",
                        os.path.join(ROOT, "rules/ca/cpp-ei"), "-r",
                        os.path.join(ROOT, "rules/ca/tax"), "-r",
                        os.path.join(ROOT, "samples/ca/company.yaml"),
                        "--employer", emp, "--year", "2026", "-o", out,
                        r1, r2], capture_output=True, text=True)
    t.check_str("authority-report", "exit status", "0", str(p.returncode))
    # The layout is provisional from tax year 2025 (built on CRA's 2023
    # schema): a 2026 file without acknowledgement warns so.
    t.check_str("authority-report", "warns: provisional for 2026", "yes",
                "yes" if "is provisional for tax year 2026" in p.stderr
                else "no: " + p.stderr.strip())
    if p.returncode:
        print(p.stderr)
    try:
        root = ET.parse(out).getroot()
    except Exception as x:  # noqa: BLE001
        root = None
        t.check_str("t4.xml", "well formed", "yes", "no: %s" % x)

if root is not None:
    # --- Submission and T619 (layout-topologie.xsd) ----------------------
    t.check_str("Submission", "root", "Submission", root.tag)
    t.check_str("Submission", "schema location", "layout-topologie.xsd",
                root.get("{http://www.w3.org/2001/XMLSchema-instance}"
                         "noNamespaceSchemaLocation"))
    t.check_str("Submission", "children", "['T619', 'Return']",
                str(kids(root)))
    tr = root.find("T619")
    t.check_str("T619", "children",
                "['sbmt_ref_id', 'rpt_tcd', 'trnmtr_nbr', 'trnmtr_tcd', "
                "'summ_cnt', 'lang_cd', 'TRNMTR_NM', 'TRNMTR_ADDR', 'CNTC']",
                str(kids(tr)))
    for path, want in (
            ("sbmt_ref_id", "T4Y2026"), ("rpt_tcd", "O"),
            ("trnmtr_nbr", "MM123456"), ("trnmtr_tcd", "1"),
            ("summ_cnt", "1"), ("lang_cd", "E"),
            ("TRNMTR_NM/l1_nm", "Northern Lights Consolidated P"),
            ("TRNMTR_ADDR/addr_l1_txt", "2500 Boulevard of the Great No"),
            ("TRNMTR_ADDR/cty_nm", "Saint-Jean-sur-Richelieu-Mun"),
            ("TRNMTR_ADDR/prov_cd", "QC"), ("TRNMTR_ADDR/cntry_cd", "CAN"),
            ("TRNMTR_ADDR/pstl_cd", "H2X1Y4"),
            ("CNTC/cntc_nm", "Alexandra Montgomery-S"),
            ("CNTC/cntc_area_cd", "514"), ("CNTC/cntc_phn_nbr", "555-0199"),
            ("CNTC/cntc_email_area",
             # char60: the first 60 of 61 characters (33 before the @,
             # 16 + 8 + 3 after it), the final "a" dropped
             "t4.information.returns.department@payroll-services.example.c")):
        t.check_str("T619", path, want, text(tr, path))
    t.check_str("T619", "TRNMTR_ADDR children",
                "['addr_l1_txt', 'cty_nm', 'prov_cd', 'cntry_cd', 'pstl_cd']",
                str(kids(tr.find("TRNMTR_ADDR") if tr is not None else None)))
    t.check_str("T619", "CNTC children",
                "['cntc_nm', 'cntc_area_cd', 'cntc_phn_nbr', 'cntc_email_area']",
                str(kids(tr.find("CNTC") if tr is not None else None)))

    # --- the slips (t4.xsd T4SlipType, T4AmtType) -----------------------
    t.check_str("Return", "children", "['T4']", str(kids(root.find("Return"))))
    t4 = root.find("Return/T4")
    t.check_str("T4", "children", "['T4Slip', 'T4Slip', 'T4Slip', 'T4Summary']",
                str(kids(t4)))
    AMT_ORDER = ["empt_incamt", "cpp_cntrb_amt", "cppe_cntrb_amt",
                 "qpp_cntrb_amt", "qppe_cntrb_amt", "empe_eip_amt",
                 "itx_ddct_amt", "ei_insu_ern_amt", "cpp_qpp_ern_amt",
                 "unn_dues_amt"]
    slips = t4.findall("T4Slip") if t4 is not None else []
    seen = []
    for s in slips:
        eid = text(s, "empe_nbr")
        seen.append(eid)
        w = SLIPS.get(eid)
        if w is None:
            t.check_str("slip", "employee", "a known one", str(eid))
            continue
        t.check_str(eid, "children",
                    "['EMPE_NM', 'sin', 'empe_nbr', 'bn', 'cpp_qpp_xmpt_cd', "
                    "'ei_xmpt_cd', 'rpt_tcd', 'empt_prov_cd', 'T4_AMT']",
                    str(kids(s)))
        t.check_str(eid, "EMPE_NM children", "['snm', 'gvn_nm']",
                    str(kids(s.find("EMPE_NM"))))
        for path, want in (("EMPE_NM/snm", w["snm"]),
                           ("EMPE_NM/gvn_nm", w["gvn_nm"]),
                           ("sin", w["sin"]), ("bn", "987654321RP0002"),
                           ("cpp_qpp_xmpt_cd", w["xcpp"]),
                           ("ei_xmpt_cd", w["xei"]), ("rpt_tcd", "O"),
                           ("empt_prov_cd", w["prov"])):
            t.check_str(eid, path, want, text(s, path))
        want_amt = [k for k in AMT_ORDER if k in w["amt"]]
        t.check_str(eid, "T4_AMT children (zero amounts omitted)",
                    str(want_amt), str(kids(s.find("T4_AMT"))))
        for k, v in w["amt"].items():
            got = text(s, "T4_AMT/" + k)
            t.check_str(eid, k, v, got)
            n = DEC[k] - 2
            t.check_str(eid, k + " is decimal%d" % DEC[k], "yes",
                        "yes" if got and re.fullmatch(r"\d{0,%d}\.\d{2}" % n, got)
                        else "no")
    t.check_str("slips", "one per employee, in input order",
                "['E1', 'E2', 'E3-0123456789ABCDEFG']",
                str(seen))

    # --- the Summary (T4SummaryType, T4TotalsType) -----------------------
    sm = t4.find("T4Summary") if t4 is not None else None
    t.check_str("T4Summary", "children",
                "['bn', 'EMPR_NM', 'CNTC', 'tx_yr', 'slp_cnt', 'rpt_tcd', 'T4_TAMT']",
                str(kids(sm)))
    t.check_str("T4Summary", "CNTC children (ContactType2: no e-mail)",
                "['cntc_nm', 'cntc_area_cd', 'cntc_phn_nbr']",
                str(kids(sm.find("CNTC") if sm is not None else None)))
    for path, want in (("bn", "987654321RP0002"),
                       ("EMPR_NM/l1_nm", "Northern Lights Consolidated P"),
                       ("CNTC/cntc_nm", "Alexandra Montgomery-S"),
                       ("CNTC/cntc_area_cd", "514"),
                       ("CNTC/cntc_phn_nbr", "555-0199"),
                       ("tx_yr", "2026"), ("slp_cnt", "3"), ("rpt_tcd", "O")):
        t.check_str("T4Summary", path, want, text(sm, path))
    t.check_str("T4Summary", "T4_TAMT children",
                "['tot_empt_incamt', 'tot_empe_cpp_amt', 'tot_empe_cppe_amt', "
                "'tot_empe_eip_amt', 'tot_itx_ddct_amt', 'tot_empr_cpp_amt', "
                "'tot_empr_cppe_amt', 'tot_empr_eip_amt']",
                str(kids(sm.find("T4_TAMT") if sm is not None else None)))
    for k, v in TOTALS.items():
        got = text(sm, "T4_TAMT/" + k)
        t.check_str("T4Summary", k, v, got)
        t.check_str("T4Summary", k + " is decimal%d" % DEC[k], "yes",
                    "yes" if got and re.fullmatch(r"\d{0,%d}\.\d{2}" % (DEC[k] - 2), got)
                    else "no")


def report(employer, rows, cols=None):
    """authority-report on one results file; (status, XML root or None)."""
    with tempfile.TemporaryDirectory() as d:
        emp = os.path.join(d, "employer.yaml")
        with open(emp, "w") as f:
            f.write(employer)
        r = os.path.join(d, "r.csv")
        with open(r, "w") as f:
            f.write(",".join(cols or COLS) + "\n")
            for row in rows:
                f.write(",".join(row) + "\n")
        out = os.path.join(d, "t4.xml")
        p = subprocess.run([AR, "--form", "ca-t4", "-r",
                            os.path.join(ROOT, "rules/ca/cpp-ei"), "-r",
                            os.path.join(ROOT, "rules/ca/tax"), "-r",
                            os.path.join(ROOT, "samples/ca/company.yaml"),
                            "--employer", emp, "--year", "2026", "-o", out, r],
                           capture_output=True, text=True)
        root = ET.parse(out).getroot() if os.path.exists(out) else None
        return p.returncode, root


# --- the exemption indicators (indicator0-1Type): every spelling the
# layout maps, one employee each; yes/true/1 in any listed case -> 1 (the
# employee is exempt), no/false/0/empty -> 0.  A value not listed is an
# error (docs/filings.md: map).
SPELL = {"": "0", "0": "0", "1": "1", "n": "0", "y": "1", "N": "0",
         "Y": "1", "no": "0", "yes": "1", "false": "0", "true": "1",
         "No": "0", "Yes": "1", "False": "0", "True": "1", "NO": "0",
         "YES": "1", "FALSE": "0", "TRUE": "1"}
rows = []
for i, (k, v) in enumerate(sorted(SPELL.items())):
    other = "0" if v == "1" else "1"  # the other column the other way
    r = list(RUN1[0])
    r[0], r[5], r[6] = "X%02d" % i, k, other
    rows.append(r)
    r = list(RUN1[0])
    r[0], r[5], r[6] = "Y%02d" % i, other, k
    rows.append(r)
st, rt = report(EMPLOYER, rows)
t.check_str("exempt codes", "exit status", "0", str(st))
got = {}
for s in (rt.findall("Return/T4/T4Slip") if rt is not None else []):
    got[text(s, "empe_nbr")] = (text(s, "cpp_qpp_xmpt_cd"), text(s, "ei_xmpt_cd"))
for i, (k, v) in enumerate(sorted(SPELL.items())):
    other = "0" if v == "1" else "1"
    t.check_str("cpp_qpp_xmpt_cd", repr(k), str((v, other)),
                str(got.get("X%02d" % i)))
    t.check_str("ei_xmpt_cd", repr(k), str((other, v)),
                str(got.get("Y%02d" % i)))
for k in ("maybe", "2"):
    r = list(RUN1[0])
    r[5] = k
    st, rt = report(EMPLOYER, [r])
    t.check_str("cpp_qpp_xmpt_cd", "%r refused" % k, "refused",
                "refused" if st != 0 and rt is None else "written (%d)" % st)

# --- every pattern of the layout refuses a value outside the schema's
# type (and writes no file): sbmt_ref_id char8, trnmtr_nbr MM + 6 digits,
# prov_cd a province, pstl_cd A1A1A1, cntc_area_cd 3 digits,
# cntc_phn_nbr 555-1234, bn 9 digits RP 4 digits, sin 9 digits.
for what, old, new in (
        ("sbmt_ref_id of 9", "t4y2026", "t4y202612"),
        ("trnmtr_nbr of 5 digits", "MM123456", "MM12345"),
        ("trnmtr_nbr not MM", "MM123456", "MN123456"),
        ("prov_cd XX", "province: qc", "province: xx"),
        ("pstl_cd of 5", "h2x1y4", "h2x1y"),
        ("pstl_cd digit first", "h2x1y4", "12x1y4"),
        ("cntc_area_cd of 4", '"514"', '"5140"'),
        ("cntc_phn_nbr without dash", "555-0199", "5550199"),
        ("cntc_phn_nbr of 3 + 3", "555-0199", "555-019"),
        ("cntc_phn_nbr of 4 + 4", "555-0199", "5555-0199"),
        ("bn RT", "987654321rp0002", "987654321rt0002"),
        ("bn of 8 digits", "987654321rp0002", "98765432rp0002"),
        ("bn of 9 + RP + 3", "987654321rp0002", "987654321rp002"),
        ("bn of 9 + RP + 5", "987654321rp0002", "987654321rp00002"),
        ("sbmt_ref_id with a dash", "t4y2026", "t4-2026"),
        ("pstl_cd of 7", "h2x1y4", "h2x1y4z")):
    assert old in EMPLOYER
    st, rt = report(EMPLOYER.replace(old, new), [RUN1[0]])
    t.check_str("refused", what, "refused",
                "refused" if st != 0 and rt is None else "written (%d)" % st)
for what, new in (("sin of 8", "90004500"), ("sin of 10", "9000450060")):
    r = list(RUN1[0])
    r[3] = new
    st, rt = report(EMPLOYER, [r])
    t.check_str("refused", what, "refused",
                "refused" if st != 0 and rt is None else "written (%d)" % st)
sys.exit(0 if t.done() else 1)
