"""Independent checks of authority-report's filings.

Each check reads the filing, the layout YAML (for positions) and the
results CSV files it was made from, and recomputes in Python (Decimal,
never float) what the form says each figure is: W-2 box 1 is the sum of
fit_wages, and so on.  It prints TAP lines without numbers ("ok - ...",
"not ok - ..."); run.sh numbers them.

usage: check.py efw2 LAYOUT FILE RESULTS...
       check.py sui LAYOUT FILE STATE FIPS WAGE_BASE RESULTS... [-- HISTORY...]
       check.py f941 FILE RESULTS...
       check.py statewh FILE RESULTS...
       check.py fps FILE RESULTS... -- HISTORY...
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP, ROUND_FLOOR

import yaml

CENT = Decimal("0.01")


def say(ok, what):
    print(("ok - " if ok else "not ok - ") + what)
    return ok


def rows(paths):
    out = []
    for p in paths:
        with open(p, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                r["_file"] = p
                out.append(r)
    return out


def D(s):
    return Decimal(s) if s not in (None, "") else Decimal(0)


def cents(field):
    return Decimal(int(field)) / 100


def by_employee(rs):
    e = defaultdict(list)
    for r in rs:
        e[r["employee_id"]].append(r)
    return e


def total(rs, *cols):
    return sum((D(r.get(c)) for r in rs for c in cols), Decimal(0))


def records(path):
    data = open(path, "rb").read()
    recs = data.split(b"\r\n")
    okend = recs[-1] == b""
    recs = recs[:-1]
    return data, recs, okend


def layout(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def expand(cs):
    """The characters of a layout charset ("A-Z -'")."""
    out = set()
    i = 0
    while i < len(cs):
        if i + 2 < len(cs) and cs[i + 1] == "-" and cs[i].isalnum() \
                and cs[i + 2].isalnum():
            for c in range(ord(cs[i]), ord(cs[i + 2]) + 1):
                out.add(chr(c))
            i += 3
        else:
            out.add(cs[i])
            i += 1
    return out


def check_fixed(lay, recs):
    """Every record 512 bytes, ASCII, each field as its type wants."""
    n = lay["record_length"]
    good = True
    charsets = lay.get("charsets", {})
    for i, rec in enumerate(recs):
        if len(rec) != n:
            good = say(False, "record %d is %d bytes, not %d" %
                       (i + 1, len(rec), n))
            continue
        try:
            txt = rec.decode("ascii")
        except UnicodeDecodeError:
            good = say(False, "record %d is not ASCII" % (i + 1))
            continue
        rid = txt[:2]
        if rid not in lay["records"]:
            good = say(False, "record %d: unknown id %r" % (i + 1, rid))
            continue
        covered = [False] * n
        for f in lay["records"][rid]:
            a, ln = f["pos"] - 1, f["len"]
            for k in range(a, a + ln):
                covered[k] = True
            v = txt[a:a + ln]
            t = f.get("type", "alpha")
            where = "%s %d-%d (%s) %r" % (rid, a + 1, a + ln, f["name"], v)
            if "const" in f and v.rstrip() != str(f["const"]):
                good = say(False, "const " + where)
            if t == "money" and not re.fullmatch("[0-9]{%d}" % ln, v):
                good = say(False, "money not zero-filled digits: " + where)
            if t in ("numeric", "digits") and not (
                    re.fullmatch("[0-9]{%d}" % ln, v) or v.strip() == ""):
                good = say(False, "numeric not digits: " + where)
            if t == "alpha":
                if v != v.strip() and v.strip() and v[0] == " ":
                    good = say(False, "alpha not left-justified: " + where)
                cs = f.get("charset")
                if cs:
                    spec = charsets[cs]
                    allow = expand(spec["allow"] if isinstance(spec, dict)
                                   else spec)
                    bad = [c for c in v.rstrip() if c not in allow]
                    if bad:
                        good = say(False, "characters %r outside %s: %s" %
                                   (bad, cs, where))
        blank = "".join(c for k, c in enumerate(txt) if not covered[k])
        if blank.strip():
            good = say(False, "record %d (%s): text outside the fields" %
                       (i + 1, rid))
    return good


def fields(lay, rec):
    txt = rec.decode("ascii")
    return {f["name"]: txt[f["pos"] - 1:f["pos"] - 1 + f["len"]]
            for f in lay["records"][txt[:2]]}


def ssn(s):
    return re.sub("[^0-9]", "", s or "")


def efw2(lay_path, path, res_paths):
    lay = layout(lay_path)
    data, recs, okend = records(path)
    say(okend and b"\n" not in data.replace(b"\r\n", b""),
        "w2: every record ends with CR LF")
    say(check_fixed(lay, recs), "w2: %d records of 512 bytes, every field "
        "as the layout says" % len(recs))
    ids = [r[:2].decode() for r in recs]
    say(ids[0] == "RA" and ids[1] == "RE" and ids[-1] == "RF" and
        ids[-2] in ("RT", "RU") and ids.count("RA") == 1 and
        ids.count("RF") == 1, "w2: RA, RE first; RT; RF last")
    rws = [fields(lay, r) for r in recs if r[:2] == b"RW"]
    rss = [fields(lay, r) for r in recs if r[:2] == b"RS"]
    rt = fields(lay, [r for r in recs if r[:2] == b"RT"][0])
    rf = fields(lay, recs[-1])
    say(int(rt["rw_count"]) == len(rws) == int(rf["rw_count"]),
        "w2: RT and RF count the %d RW records" % len(rws))
    # RT against the RW records.
    good = True
    for f in lay["records"]["RT"]:
        src = f.get("total", "")
        if src.startswith("RW."):
            s = sum(int(r[src[3:]]) for r in rws)
            if s != int(rt[f["name"]]):
                good = say(False, "RT %s %s != sum of RW %d" %
                           (f["name"], rt[f["name"]], s))
    say(good, "w2: every RT total is the sum of its RW field")
    # RW against the results: what each W-2 box is.
    res = rows(res_paths)
    emp = by_employee(res)
    boxes = {"wages": ["fit_wages"],
             "federal_income_tax": ["fit_withholding", "fit_supplemental"],
             "ss_wages": ["ss_wages"], "ss_tax": ["ss_employee"],
             "medicare_wages": ["medicare_wages"],
             "medicare_tax": ["medicare_employee", "additional_medicare"],
             "deferred_401k": ["k401_deferral"]}
    bys = {ssn(rs[-1]["national_id"]): rs for rs in emp.values()}
    good = len(rws) == len(emp)
    for rw in rws:
        rs = bys.get(rw["ssn"])
        if rs is None:
            good = say(False, "RW for unknown SSN %s" % rw["ssn"])
            continue
        for name, cols in boxes.items():
            if cents(rw[name]) != total(rs, *cols):
                good = say(False, "RW %s %s: %s != results %s" %
                           (rw["ssn"], name, cents(rw[name]),
                            total(rs, *cols)))
        plan = "1" if total(rs, "k401_deferral") else "0"
        if rw["retirement_plan"] != plan:
            good = say(False, "RW %s retirement plan flag" % rw["ssn"])
    say(good, "w2: each RW box equals the employee's year in the results "
        "to the cent")
    good = True
    for name, cols in boxes.items():
        if cents(rt[name]) != total(res, *cols):
            good = say(False, "RT %s %s != results total %s" %
                       (name, cents(rt[name]), total(res, *cols)))
    say(good, "w2: RT totals equal the results' own totals")
    # RS: one per employee with Illinois wages, the state's figures.
    good = True
    want = {ssn(rs[-1]["national_id"]): rs for rs in emp.values()
            if total(rs, "il_wages", "il_withholding")}
    say(len(rss) == len(want), "w2: one RS per employee with Illinois "
        "wages (%d)" % len(want))
    for r in rss:
        rs = want.get(r["ssn"])
        if rs is None or r["state_code"] != "17" or \
                cents(r["state_wages"]) != total(rs, "il_wages") or \
                cents(r["state_income_tax"]) != total(rs, "il_withholding") \
                or r["reporting_period"] != "122026":
            good = say(False, "RS %s" % r["ssn"])
    say(good, "w2: RS state wages and tax equal the results, FIPS code 17")
    # Names with letters outside the format's set come out transliterated
    # and upper case: any result name with such a letter is checked.
    names = {r["ssn"]: r["last_name"].rstrip() for r in rws}
    accented = {r["national_id"].replace("-", ""): r["last_name"]
                for r in res if any(ord(ch) > 127 for ch in r["last_name"])}
    import unicodedata
    bad = [s for s, n in accented.items()
           if names.get(s) != unicodedata.normalize("NFKD", n).encode(
               "ascii", "ignore").decode().upper()]
    say(not bad, "w2: accented names transliterated (%d names%s)" %
        (len(accented), ", wrong: " + ", ".join(bad[:3]) if bad else ""))


def sui(lay_path, path, state, fips, base, res_paths, hist_paths):
    lay = layout(lay_path)
    data, recs, okend = records(path)
    say(okend and check_fixed(lay, recs),
        "sui: every record 512 bytes + CR LF, fields as the layout says")
    ids = [r[:2].decode() for r in recs]
    say(ids[0] == "RA" and ids[1] == "RE" and ids[-2:] == ["RV", "RF"] and
        set(ids[2:-2]) <= {"RS"}, "sui: RA, RE, RS..., RV, RF")
    rss = [fields(lay, r) for r in recs if r[:2] == b"RS"]
    rv = fields(lay, [r for r in recs if r[:2] == b"RV"][0])
    res = rows(res_paths)
    emp = by_employee(res)
    sc = state.lower()
    inst = {ssn(rs[-1]["national_id"]): rs for rs in emp.values()
            if total(rs, sc + "_wages", sc + "_sui_wages")}
    say(len(rss) == len(inst) == int(rv["rs_count"]),
        "sui: one RS per employee who worked in %s (%d), counted in RV" %
        (state, len(inst)))
    good = True
    for r in rss:
        rs = inst[r["ssn"]]
        tw = total(rs, "gross_pay") - total(rs, "cafeteria")
        if cents(r["ui_total_wages"]) != tw or \
                cents(r["ui_taxable_wages"]) != total(rs, sc + "_sui_wages") \
                or r["state_code"] != fips:
            good = say(False, "RS %s: total %s taxable %s" %
                       (r["ssn"], r["ui_total_wages"], r["ui_taxable_wages"]))
    say(good, "sui: RS total and taxable wages equal the results")
    # Taxable wages against the wage base, recomputed from the year.
    hist = by_employee(rows(hist_paths))
    good = True
    for r in rss:
        rs = inst[r["ssn"]]
        h = hist.get(rs[0]["employee_id"], [])
        before = total(h, "gross_pay") - total(h, "cafeteria")
        now = total(rs, "gross_pay") - total(rs, "cafeteria")
        room = max(Decimal(0), Decimal(base) - min(before, Decimal(base)))
        if cents(r["ui_taxable_wages"]) != min(now, room):
            good = say(False, "RS %s taxable %s, base gives %s" %
                       (r["ssn"], cents(r["ui_taxable_wages"]),
                        min(now, room)))
    say(good, "sui: taxable wages are the wages under the %s base of %s "
        "for the year" % (state, base))
    tot = sum((cents(r["ui_total_wages"]) for r in rss), Decimal(0))
    tax = sum((cents(r["ui_taxable_wages"]) for r in rss), Decimal(0))
    ir = [x for rs in inst.values() for x in rs]
    say(cents(rv["ui_total_wages"]) == tot and
        cents(rv["ui_taxable_wages"]) == tax and
        cents(rv["ui_excess_wages"]) == tot - tax and
        cents(rv["ui_contributions"]) == total(ir, sc + "_sui_employer"),
        "sui: RV totals (total %s, taxable %s, excess %s) match the RS "
        "records and the results" % (tot, tax, tot - tax))


def f941(path, res_paths):
    with open(path, newline="") as f:
        lines = {r["line"]: Decimal(r["amount"]) for r in csv.DictReader(f)}
    res = rows(res_paths)

    def r2(x):
        return x.quantize(CENT, rounding=ROUND_HALF_UP)
    def t(*c):
        return total(res, *c)
    exp = {}
    # The 12th of the quarter's third month (not of the last month paid:
    # a quarter filed before its last payroll counts nobody there).
    last = max(r["pay_date"] for r in res)
    y, m = int(last[:4]), int(last[5:7])
    q_months = ["%04d-%02d" % (y, (m - 1) // 3 * 3 + i) for i in (1, 2, 3)]
    day12 = q_months[2] + "-12"
    exp["1"] = Decimal(len({r["employee_id"] for r in res
                            if r["period_start"] <= day12 <= r["period_end"]}))
    exp["2"] = t("fit_wages")
    exp["3"] = t("fit_withholding", "fit_supplemental")
    exp["5a_1"] = t("ss_wages")
    exp["5a_2"] = r2(exp["5a_1"] * Decimal("0.124"))
    exp["5c_1"] = t("medicare_wages")
    exp["5c_2"] = r2(exp["5c_1"] * Decimal("0.029"))
    exp["5d_1"] = t("additional_medicare_wages")
    exp["5d_2"] = r2(exp["5d_1"] * Decimal("0.009"))
    exp["5e"] = exp["5a_2"] + exp["5c_2"] + exp["5d_2"]
    exp["6"] = exp["3"] + exp["5e"]
    withheld = t("ss_employee", "medicare_employee", "additional_medicare")
    share = r2(exp["5a_1"] * Decimal("0.062") +
               exp["5c_1"] * Decimal("0.0145")) + exp["5d_2"]
    exp["7"] = withheld - share
    exp["10"] = exp["6"] + exp["7"]
    exp["12"] = exp["10"]
    exp["14"] = exp["12"]
    good = True
    for k, v in exp.items():
        if lines.get(k) != v:
            good = say(False, "941 line %s: %s, expected %s" %
                       (k, lines.get(k), v))
    say(good, "941: lines 1-14 equal the sums of the result columns "
        "(line 7 = %s)" % exp["7"])
    months = q_months
    liab = [total([r for r in res if r["pay_date"][:7] == m],
                  "fit_withholding", "fit_supplemental", "ss_employee",
                  "ss_employer", "medicare_employee", "medicare_employer",
                  "additional_medicare") for m in months]
    # The last month with a liability takes the quarter's adjustments
    # (line 7's fractions of cents) so the months add up to line 12; the
    # others are exact.
    last_m = max([i for i in range(3) if liab[i] != 0] or [2])
    got = [lines["16_month1"], lines["16_month2"], lines["16_month3"]]
    say(all(got[i] == liab[i] for i in range(3) if i != last_m) and
        got[last_m] - liab[last_m] == lines["12"] - sum(liab) and
        sum(got) == lines["16_total"] == lines["12"],
        "941: line 16 months by pay date, total equal to line 12")


def eps(path, allowance, small, res_paths, hist_paths):
    """The EPS figures recomputed from the results: every figure is to
    date (operands and history)."""
    def r2(x):
        return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    doc = ET.parse(path).getroot()
    ns = {"r": doc.tag[1:doc.tag.index("}")]}
    allrows = rows(res_paths) + rows(hist_paths)
    get = lambda p: doc.find(".//r:" + p, ns)
    last = max(r["pay_date"] for r in rows(res_paths))
    y, m, d = int(last[:4]), int(last[5:7]), int(last[8:10])
    # Tax month: month 1 is 6 April to 5 May.
    month = (m - 4) % 12 + (1 if d >= 6 else 0)
    month = 12 if month == 0 else month
    smp = total(allrows, "smp")
    rate = Decimal(1) if small else Decimal("0.92")
    comp = Decimal("0.085") if small else Decimal(0)
    want = {"RecoverableAmountsYTD/r:TaxMonth": Decimal(month),
            "SMPRecovered": r2(smp * rate),
            "NICCompensationOnSMP": r2(smp * comp),
            "ApprenticeshipLevy/r:TaxMonth": Decimal(month),
            "AnnualAllce": Decimal(allowance),
            "LevyDueYTD": max(Decimal(0), (
                total(allrows, "uk_ni_earnings") * Decimal("0.005") -
                Decimal(allowance) * month / 12).quantize(
                    Decimal(1), rounding=ROUND_FLOOR))}
    good = True
    for p, v in want.items():
        el = get(p)
        if el is None or Decimal(el.text) != v:
            good = say(False, "eps %s: %s, expected %s" % (
                p, None if el is None else el.text, v))
    say(good and smp > 0 and want["LevyDueYTD"] > 0,
        "eps: statutory payments recovered (SMP %s), NIC compensation "
        "and the Apprenticeship Levy to date (%s, allowance %s) equal the "
        "results' figures" % (smp, want["LevyDueYTD"], allowance))


def de_reports(lsta_path, bn_path, res_paths):
    """The German monthly reports: every group's lines equal the sums of
    its employees' result columns."""
    res = rows(res_paths)

    def lines(path, key):
        out = defaultdict(dict)
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out[r[key]][r["line"]] = D(r["amount"])
        return out

    lsta = lines(lsta_path, "finanzamt")
    good = set(lsta) == {r.get("finanzamt", "") for r in res}
    for fa, ls in lsta.items():
        rs = [r for r in res if r.get("finanzamt", "") == fa]
        want = {"86": Decimal(len(by_employee(rs))),
                "42": total(rs, "lohnsteuer"),
                "49": total(rs, "solidaritaetszuschlag"),
                "47": total(rs, "kirchensteuer")}
        want["83"] = want["42"] + want["49"] + want["47"]
        for k, v in want.items():
            if ls.get(k) != v:
                good = say(False, "de-lsta %s line %s: %s, expected %s" % (
                    fa, k, ls.get(k), v))
    say(good and len(lsta) > 1, "de-lsta: each tax office's employees, "
        "wage tax, surcharge, church tax and total equal its results (%d "
        "offices)" % len(lsta))
    bn = lines(bn_path, "krankenkasse")
    good = set(bn) == {r.get("krankenkasse", "") for r in res}
    for kk, ls in bn.items():
        rs = [r for r in res if r.get("krankenkasse", "") == kk]
        want = {
            "kv": total(rs, "kv_employee", "kv_employer") -
            total(rs, "minijob_kv_beitrag"),
            "rv": total(rs, "rv_employee", "rv_employer") -
            total(rs, "minijob_rv_beitrag"),
            "av": total(rs, "av_employee", "av_employer"),
            "pv": total(rs, "pv_employee", "pv_employer"),
            "kv_minijob": total(rs, "minijob_kv_beitrag"),
            "rv_minijob": total(rs, "minijob_rv_beitrag"),
            "u1": total(rs, "umlage_u1"), "u2": total(rs, "umlage_u2"),
            "insolvenzgeld": total(rs, "insolvenzgeldumlage"),
            "pauschsteuer": total(rs, "pauschsteuer_minijob")}
        want["total"] = sum(want.values(), Decimal(0))
        for k, v in want.items():
            if ls.get(k) != v:
                good = say(False, "de-beitragsnachweis %s %s: %s, expected "
                           "%s" % (kk, k, ls.get(k), v))
    say(good and total(res, "minijob_kv_beitrag") > 0,
        "de-beitragsnachweis: each fund's branches, Minijob flat "
        "contributions, levies and total equal its results (%d funds)"
        % len(bn))


def statewh(path, res_paths):
    with open(path, newline="") as f:
        got = list(csv.DictReader(f))
    res = rows(res_paths)
    say(len(got) == 1 and got[0]["state"] == "IL" and
        D(got[0]["state_wages"]) == total(res, "il_wages") and
        D(got[0]["state_withholding"]) == total(res, "il_withholding"),
        "state-wh: one IL row, wages and withholding equal the results")


def fps(path, res_paths, hist_paths):
    doc = ET.parse(path).getroot()
    # The tax year's namespace (25-26, 26-27), from the document.
    ns = {"r": doc.tag[1:doc.tag.index("}")]}
    say(re.match(r"^http://www.govtalk.gov.uk/taxation/PAYE/RTI/"
                 r"FullPaymentSubmission/\d\d-\d\d/1$", ns["r"]) is not None,
        "fps: an FPS namespace (%s)" % ns["r"])
    res = rows(res_paths)
    hist = rows(hist_paths)
    emps = doc.findall(".//r:Employee", ns)
    say(len(emps) == len(by_employee(res)), "fps: one Employee per "
        "employee of the pay run (%d)" % len(emps))
    good = True
    for e in emps:
        pid = e.find(".//r:PayId", ns).text
        now = [r for r in res if r["employee_id"] == pid]
        ytd = now + [r for r in hist if r["employee_id"] == pid]
        get = lambda p: Decimal(e.find(".//" + p, ns).text)
        checks = [
            ("r:Payment/r:TaxablePay", total(now, "uk_taxable_pay")),
            ("r:Payment/r:TaxDeductedOrRefunded", total(now, "paye_tax")),
            ("r:FiguresToDate/r:TaxablePay", total(ytd, "uk_taxable_pay")),
            ("r:FiguresToDate/r:TotalTax", total(ytd, "paye_tax")),
            ("r:EmpeeContribnsInPd", total(now, "ni_employee")),
            ("r:EmpeeContribnsYTD", total(ytd, "ni_employee")),
            ("r:TotalEmpNICYTD", total(ytd, "ni_employee", "ni_employer")),
            ("r:AtLELYTD", total(ytd, "ni_earnings_at_lel")),
            ("r:LELtoPTYTD", total(ytd, "ni_earnings_lel_to_pt")),
            ("r:PTtoUELYTD", total(ytd, "ni_earnings_pt_to_uel")),
        ]
        checks.append(("r:Payment/r:PayAfterStatDedns",
                       total(now, "gross_pay") - total(
                           now, "paye_tax", "ni_employee", "student_loan",
                           "postgraduate_loan")))
        # Student and Postgraduate Loans (rules/uk/student-loans): the
        # elements are left out when zero.
        for p, col, part in (
                ("r:Payment/r:StudentLoanRecovered", "student_loan", now),
                ("r:FiguresToDate/r:StudentLoansTD", "student_loan", ytd),
                ("r:Payment/r:PostgradLoanRecovered", "postgraduate_loan",
                 now),
                ("r:FiguresToDate/r:PostgradLoansTD", "postgraduate_loan",
                 ytd)):
            want = total(part, col)
            el = e.find(".//" + p, ns)
            if (el is None) != (want == 0):
                good = say(False, "fps %s %s: present %s, amount %s" %
                           (pid, p, el is not None, want))
            elif el is not None:
                checks.append((p, want))
        el = e.find(".//r:Payment/r:StudentLoanRecovered", ns)
        if el is not None and el.get("PlanType") != \
                now[-1]["student_loan_plan"]:
            good = say(False, "fps %s PlanType %s, results %s" % (
                pid, el.get("PlanType"), now[-1]["student_loan_plan"]))
        for p, want in checks:
            if get(p) != want:
                good = say(False, "fps %s %s: %s != %s" %
                           (pid, p, get(p), want))
    say(good, "fps: every pay-run and year-to-date figure equals the "
        "results to the penny (PayId with & < \" kept through escaping)")
    nsl = len([i for i, rs in by_employee(res).items()
               if total(rs, "student_loan") != 0])
    npgl = len([i for i, rs in by_employee(res).items()
                if total(rs, "postgraduate_loan") != 0])
    say(nsl > 0 and npgl > 0 and
        len(doc.findall(".//r:StudentLoanRecovered", ns)) == nsl and
        len(doc.findall(".//r:PostgradLoanRecovered", ns)) == npgl,
        "fps: the run has Student and Postgraduate Loan deductions, "
        "reported for the employees who have them")
    tt = sum((Decimal(x.text) for x in
              doc.findall(".//r:Payment/r:TaxDeductedOrRefunded", ns)),
             Decimal(0))
    say(tt == total(res, "paye_tax"), "fps: total tax of the run %s equals "
        "the results' total" % tt)


def main(a):
    if a[0] == "efw2":
        efw2(a[1], a[2], a[3:])
    elif a[0] == "sui":
        rest = a[7:]
        hist = rest[rest.index("--") + 1:] if "--" in rest else []
        res = rest[:rest.index("--")] if "--" in rest else rest
        sui(a[1], a[2], a[3], a[4], a[5], [a[6]] + res, hist)
    elif a[0] == "f941":
        f941(a[1], a[2:])
    elif a[0] == "statewh":
        statewh(a[1], a[2:])
    elif a[0] == "de":
        de_reports(a[1], a[2], a[3:])
    elif a[0] == "eps":
        k = a.index("--")
        eps(a[1], a[2], a[3] == "1", a[4:k], a[k + 1:])
    elif a[0] == "fps":
        k = a.index("--")
        fps(a[1], a[2:k], a[k + 1:])


if __name__ == "__main__":
    main(sys.argv[1:])
