#!/usr/bin/env python3
"""Every key of the SEPA and CPA-005 layouts and of their company
sections, each left out in turn (t_nacha_layout_keys.py does NACHA's).

Each key the tools know (the lists payroll-export checks keys against,
cmd/payroll-export/sepa.c and cpa005.c) is classed here by what leaving
it out must do, read from the code and the documents:
  REQUIRED   refused: status 3, "no 'KEY' here", no bank file;
  DEFAULT    the key has a default, the standard's figure: the file is
             the same byte for byte as with the key set to that figure
             (SEPA: a name is Max70Text, an id Max35Text, remittance
             Max140Text, ISO 20022 pain.001 / EPC132-08; CPA-005
             (Payments Canada Standard 005): records of 1464 bytes, six
             segments of 240); and the file differs when the key is set
             to another figure (the inputs reach each limit: a name of
             more than 70 characters, an end-to-end id of exactly 35, a
             remittance of more than 140);
  SAME       documentation only (source) or a default the shipped layout
             does not change: the file is the same byte for byte;
  CHANGES    an option whose absence changes the file (named below with
             what must change).
A key of the shipped layout or company file that is in no class fails,
so that a new key is classed when it is added.  Then CPA-005's three
line ends: crlf (the shipped one), lf and none (records back to back:
the file is 1464 bytes x the records, with no CR or LF).
"""
import os
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

ROOT = vlib.ROOT
PE = os.path.join(ROOT, "bin", "payroll-export")
t = vlib.Tally("layout keys")
EPOCH = "1795599000"    # 2026-11-25 09:30 UTC

SEPA_CO = {"company": {"name": "Beispiel GmbH", "currency": "EUR"},
           "sepa": {"debtor_name": "Beispiel GmbH & Co. KG",
                    "debtor_iban": "DE89 3704 0044 0532 0130 00",
                    "debtor_bic": "COBADEFFXXX",
                    "message_id_prefix": "BSP",
                    # 130 characters and the period (24): cut at 140
                    "remittance": "Gehalt " + "x" * 123}}
SEPA_RES = ("employee_id,last_name,first_name,iban,bic,period_start,"
            "period_end,pay_date,gross_pay,net_pay\n"
            "S1,Weiß,Jürgen,DE02120300000000202051,,2026-11-01,2026-11-30,"
            "2026-11-27,4000.00,2750.10\n"
            # 26 characters: end-to-end id S2...-20261127, 26 + 9 = 35
            "S2ABCDEFGHIJKLMNOPQRSTUVWX,"
            # first and last name 76 characters: cut at 70
            "Oberbürgermeisterstellvertretersekretariatsleitung,"
            "Maximiliane Theodora,DE89370400440532013000,,2026-11-01,"
            "2026-11-30,2026-11-27,4000.00,2750.10\n")
CPA_CO = {"company": {"name": "Example Canada Ltd", "currency": "CAD"},
          "cpa005": {"originator_id": "EXAMPLE001",
                     "file_creation_number": "42",
                     "destination_data_centre": "00310",
                     "originator_short_name": "EXCAN PAYROLL",
                     "originator_long_name": "Example Canada Ltd",
                     "currency": "CAD",
                     "return_institution": "001", "return_transit": "00011",
                     "return_account": "1234567"}}
CPA_RES = ("employee_id,last_name,first_name,bank_institution,bank_transit,"
           "bank_account,period_start,period_end,pay_date,gross_pay,"
           "net_pay\n"
           "C1,Tremblay,Élise,001,00011,1234567,2026-06-01,2026-06-30,"
           "2026-06-30,3200.00,2500.00\n"
           "C2,Roy,Luc,002,00022,7654321,2026-06-01,2026-06-30,"
           "2026-06-30,3000.00,2400.50\n")

# Layout keys: class and, for DEFAULT, the standard's figure.
SEPA_LAYOUT = {
    "format": ("REQUIRED",), "from": ("REQUIRED",), "source": ("SAME",),
    "versions": ("REQUIRED",), "default_version": ("REQUIRED",),
    "currency": ("REQUIRED",), "min_amount": ("REQUIRED",),
    "max_amount": ("REQUIRED",), "charset": ("REQUIRED",),
    "document": ("REQUIRED",),
    "max_name": ("DEFAULT", 70, 69), "max_id": ("DEFAULT", 35, 34),
    # and an end-to-end id of 36 characters refused at 35, taken at 36
    "max_id ": ("DEFAULT", 35, 36),
    "max_remittance": ("DEFAULT", 140, 139),
    # false is the default: the names keep their case either way
    "upper_case": ("SAME",),
    # without it, the debtor name's '&' cannot be written: the company
    # settings are refused (status 3) before any employee
    "transliterate": ("CHANGES", "status 3"),
}
SEPA_VERSION = {"namespace": ("REQUIRED",), "bic_element": ("REQUIRED",),
                # without it, no requested execution date element
                "execution_date_element": ("CHANGES", "differs")}
SEPA_COMPANY = {"debtor_name": ("REQUIRED",), "debtor_iban": ("REQUIRED",),
                # no BIC: NOTPROVIDED; no prefix or remittance: others
                "debtor_bic": ("CHANGES", "differs"),
                "message_id_prefix": ("CHANGES", "differs"),
                "remittance": ("CHANGES", "differs")}
CPA_LAYOUT = {
    "format": ("REQUIRED",), "from": ("REQUIRED",), "source": ("SAME",),
    "provisional": ("CHANGES", "no warning"),
    "record_length": ("DEFAULT", 1464, 1465),
    "segment_length": ("DEFAULT", 240, 241),
    "segments_per_record": ("DEFAULT", 6, 5), "line_end": ("REQUIRED",),
    "charset": ("REQUIRED",),
    # true in the shipped layout: without it, lower case is kept
    "upper_case": ("CHANGES", "differs"),
    # without it, 'É' cannot be written: the employee is refused
    "transliterate": ("CHANGES", "status 1"),
    "transaction_type": ("REQUIRED",), "records": ("REQUIRED",),
}
CPA_COMPANY = {
    "originator_id": ("REQUIRED",), "file_creation_number": ("REQUIRED",),
    "destination_data_centre": ("REQUIRED",),
    "originator_long_name": ("REQUIRED",),
    "return_institution": ("REQUIRED",), "return_transit": ("REQUIRED",),
    "return_account": ("REQUIRED",),
    "currency": ("DEFAULT", "CAD", "USD"),
    # the long name, cut to 15 characters, instead
    "originator_short_name": ("CHANGES", "differs"),
}


def run(d, fmt, layout, company, results):
    lp = os.path.join(d, "layouts")
    os.makedirs(lp, exist_ok=True)
    for f in os.listdir(lp):
        os.remove(os.path.join(lp, f))
    with open(os.path.join(lp, "%s-2025.yaml" % fmt), "w") as f:
        yaml.safe_dump(layout, f, sort_keys=False, allow_unicode=True)
    cp = os.path.join(d, "company.yaml")
    with open(cp, "w") as f:
        yaml.safe_dump(company, f, sort_keys=False, allow_unicode=True)
    rp = os.path.join(d, "results.csv")
    with open(rp, "w", encoding="utf-8") as f:
        f.write(results)
    out = os.path.join(d, "out.bank")
    if os.path.exists(out):
        os.remove(out)
    p = subprocess.run([PE, "-F", fmt, "--unchecked", "-L", lp, "-c", cp,
                        "-o", out, rp], capture_output=True, text=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH,
                                LC_ALL="C"))
    data = open(out, "rb").read() if os.path.exists(out) else None
    return p.returncode, p.stderr, data


def without(doc, path):
    doc = yaml.safe_load(yaml.safe_dump(doc))
    n = doc
    for k in path[:-1]:
        n = n[k]
    del n[path[-1]]
    return doc


def setto(doc, path, v):
    doc = yaml.safe_load(yaml.safe_dump(doc))
    n = doc
    for k in path[:-1]:
        n = n[k]
    n[path[-1]] = v
    return doc


def sweep(d, fmt, layout, company, results, where, node, classes, inlayout):
    """Leaves out each key of node (a mapping at path where in the layout
    or the company document) in turn."""
    st0, err0, base = run(d, fmt, layout, company, results)
    case = "%s %s" % (fmt, "/".join(where) or "(top)")
    t.check_str(case, "whole: status 0", "0 " + "", "%d %s" % (st0, ""
                if st0 == 0 else err0.strip()))
    for key in list(node) + [k for k in classes if k.endswith(" ")]:
        cls = classes.get(key)
        res = results
        if key.endswith(" "):
            # the same key again, with results of its own
            key = key.strip()
            res = results.replace("S2ABCDEFGHIJKLMNOPQRSTUVWX,",
                                  "S2ABCDEFGHIJKLMNOPQRSTUVWXY,")
        what = "%s without '%s'" % (case, key)
        if cls is None:
            t.check_str(what, "classed", "classed", "in no class")
            continue
        path = where + [key]
        lay = without(layout, path) if inlayout else layout
        co = company if inlayout else without(company, path)
        st, err, data = run(d, fmt, lay, co, res)
        if cls[0] == "REQUIRED":
            t.check_str(what, "refused, naming it", "3 no '%s' here" % key,
                        "%d %s" % (st, "no '%s' here" % key
                                   if "no '%s' here" % key in err
                                   else err.strip()[:200]))
            t.check_str(what, "no bank file", "True", str(data is None))
        elif cls[0] == "DEFAULT":
            lay2 = setto(layout, path, cls[1]) if inlayout else layout
            co2 = co if inlayout else setto(company, path, cls[1])
            st2, err2, data2 = run(d, fmt, lay2, co2, res)
            if res is results:
                t.check_str(what, "status 0", "0 0", "%d %d" % (st, st2))
            t.check_str(what, "the file is as with %s: %s" % (key, cls[1]),
                        "same", "same" if (st, data) == (st2, data2)
                        else "differs")
            lay3 = setto(layout, path, cls[2]) if inlayout else layout
            co3 = co if inlayout else setto(company, path, cls[2])
            st3, err3, data3 = run(d, fmt, lay3, co3, res)
            t.check_str(what, "and not as with %s: %s" % (key, cls[2]),
                        "differs", "same" if (st3, data3) == (st2, data2)
                        else "differs")
        elif cls[0] == "SAME":
            t.check_str(what, "status 0", "0", "%d" % st)
            t.check_str(what, "the same file", "same",
                        "same" if data == base else "differs")
        else:
            if cls[1] in ("status 1", "status 3"):
                t.check_str(what, "refused, " + cls[1], cls[1][-1] + " None",
                            "%d %s" % (st, None if data is None
                                       else "written"))
            elif cls[1] == "no warning":
                t.check_str(what, "status 0, no warning, the same file",
                            "0 False same", "%d %s %s" % (
                                st, "provisional" in err,
                                "same" if data == base else "differs"))
                t.check_str(what, "the whole layout warns", True,
                            "provisional" in err0)
            else:
                t.check_str(what, "status 0, another file", "0 differs",
                            "%d %s" % (st, "same" if data == base else
                                       "differs"))


with tempfile.TemporaryDirectory() as d:
    # SEPA
    with open(os.path.join(ROOT, "rules", "formats", "sepa-2025.yaml")) as f:
        sepa = yaml.safe_load(f)
    sweep(d, "sepa", sepa, SEPA_CO, SEPA_RES, [], sepa, SEPA_LAYOUT, True)
    ver = str(sepa["default_version"])
    sweep(d, "sepa", sepa, SEPA_CO, SEPA_RES, ["versions", ver],
          sepa["versions"][ver], SEPA_VERSION, True)
    sweep(d, "sepa", sepa, SEPA_CO, SEPA_RES, ["sepa"], SEPA_CO["sepa"],
          SEPA_COMPANY, False)

    # CPA-005
    with open(os.path.join(ROOT, "rules", "formats",
                           "cpa005-2025.yaml")) as f:
        cpa = yaml.safe_load(f)
    sweep(d, "cpa005", cpa, CPA_CO, CPA_RES, [], cpa, CPA_LAYOUT, True)
    sweep(d, "cpa005", cpa, CPA_CO, CPA_RES, ["cpa005"], CPA_CO["cpa005"],
          CPA_COMPANY, False)
    for rec in cpa["records"]:
        st, err, data = run(d, "cpa005", without(cpa, ["records", rec]),
                            CPA_CO, CPA_RES)
        t.check_str("cpa005 records", "without '%s': refused" % rec,
                    "3 no '%s' record" % rec, "%d %s" % (
                        st, "no '%s' record" % rec if "no '%s' record" % rec
                        in err else err.strip()[:200]))

    # Every digit setting of the company's cpa005 section at its
    # bounds (CPA-005's fields: file creation number 4 digits, 0001 to
    # 9999; destination data centre 5; the return account's institution
    # 3, transit 5, account up to 12): the shortest and the longest are
    # taken, one digit fewer or more, or a letter, refused (status 3,
    # naming the setting and its bounds).
    for key, lo, hi in (("file_creation_number", 1, 4),
                        ("destination_data_centre", 5, 5),
                        ("return_institution", 3, 3),
                        ("return_transit", 5, 5),
                        ("return_account", 1, 12)):
        what = "cpa005 %s (%d to %d digits)" % (key, lo, hi)
        for n, ok in ((lo, True), (hi, True), (lo - 1, False),
                      (hi + 1, False)):
            if n == 0:
                continue
            v = ("7" * n)
            st, err, data = run(d, "cpa005", cpa,
                                setto(CPA_CO, ["cpa005", key], v), CPA_RES)
            msg = "'%s': %s is %d to %d digits" % (v, key, lo, hi)
            t.check_str(what, "%d digits %s" % (n, "taken" if ok else
                                               "refused"),
                        "0" if ok else "3 " + msg,
                        "%d" % st if st == 0 else "%d %s" % (
                            st, msg if msg in err else err.strip()[:200]))
        v = "7" * (lo - 1) + "A"
        st, err, data = run(d, "cpa005", cpa,
                            setto(CPA_CO, ["cpa005", key], v), CPA_RES)
        t.check_str(what, "a letter refused", "3 True",
                    "%d %s" % (st, "digits" in err and key in err))

    # Without a short name, the long name's first 15 characters (the
    # short name's field in the header is 15 wide): the same file as
    # with those 15 given as the short name, another than with 14.
    co = setto(without(CPA_CO, ["cpa005", "originator_short_name"]),
               ["cpa005", "originator_long_name"], "ExampleCanadaLimited")
    st, err, data = run(d, "cpa005", cpa, co, CPA_RES)
    for v, same in (("ExampleCanadaLi", True), ("ExampleCanadaL", False)):
        st2, err2, data2 = run(d, "cpa005", cpa,
                               setto(co, ["cpa005", "originator_short_name"],
                                     v), CPA_RES)
        t.check_str("cpa005 no short name", "as with '%s'" % v,
                    "0 0 %s" % same, "%d %d %s" % (st, st2, data == data2))

    # The originator id: the 10 letters and digits the bank assigns.
    for v, want in (("EXAMPLE01", "3"), ("EXAMPLE0011", "3"),
                    ("EXAMPLE-01", "3"), ("EXAMPLE001", "0")):
        st, err, data = run(d, "cpa005", cpa,
                            setto(CPA_CO, ["cpa005", "originator_id"], v),
                            CPA_RES)
        t.check_str("cpa005 originator_id", "'%s'" % v, want, "%d" % st)

    # The three line ends: two employees fit one C record (six
    # segments), so the file is A, C, Z: three records of 1464 bytes.
    for le, sep in (("crlf", b"\r\n"), ("lf", b"\n"), ("none", b"")):
        st, err, data = run(d, "cpa005", setto(cpa, ["line_end"], le),
                            CPA_CO, CPA_RES)
        what = "cpa005 line_end %s" % le
        t.check_str(what, "status 0", "0", "%d" % st)
        data = data or b""
        t.check_str(what, "length", str(3 * (1464 + len(sep))),
                    str(len(data)))
        recs = ([data[i:i + 1464] for i in range(0, len(data), 1464)]
                if not sep else data.split(sep)[:-1])
        t.check_str(what, "records A C Z of 1464 bytes, ends as said",
                    "ACZ 1464 1464 1464 True",
                    "%s %s %s" % ("".join(chr(r[0]) for r in recs if r),
                                  " ".join(str(len(r)) for r in recs),
                                  data.endswith(sep) and
                                  data.count(b"\r") + data.count(b"\n") ==
                                  3 * len(sep)))
    st, err, data = run(d, "cpa005", setto(cpa, ["line_end"], "cr"),
                        CPA_CO, CPA_RES)
    t.check_str("cpa005 line_end cr", "refused", "3 True",
                "%d %s" % (st, "line_end is lf, crlf or none" in err))

sys.exit(0 if t.done() else 1)
