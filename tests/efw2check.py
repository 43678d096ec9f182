"""An independent checker of SSA wage files: EFW2 (Forms W-2, SSA
Publication 42-007) and EFW2C (Forms W-2c, SSA Publication 42-014).

Written from the publications' record layouts (as transcribed in
shared/reference/formats.md section 1 for EFW2, and for EFW2C from a
third-party transcription of Pub. 42-014 TY2024: the publication itself
was not read, so the EFW2C positions here are as provisional as the
layout's), not from this project's layout files or code.  It checks:

  - every record has the fixed length (EFW2 512, EFW2C 1024 bytes) and
    ends with CR LF;
  - the order of the records (RA RE {RW [RO] [RS...]} RT [RU] [RV] RF;
    RCA RCE {RCW [RCO] [RCS...]} RCT [RCU] RCF);
  - required fields (EINs of 9 digits, SSNs the SSA issues, names, tax
    year, money fields all digits);
  - the totals records against the sums of the employee records, and the
    counts of RT/RCT and RF/RCF;
  - RS (state and local) records: numeric state codes, money fields, the
    SSN of the RW they follow, and a tax type code (308: C city, D
    county, E school district, F other) wherever local wages (309-319)
    or local income tax (320-330) are not zero.

    python3 tests/efw2check.py FILE          (the kind from the first record)

Prints "ok - ..." / "not ok - ..." lines and exits 1 on a failure.  As a
module: check(path) returns (failures, records) with records parsed into
dicts of named fields (amounts as Decimal).
"""
import re
import sys
from decimal import Decimal

# EFW2 (Pub. 42-007 TY2025): (name, start, length), 1-based.
EFW2_RW_MONEY = [("wages", 188), ("fit", 199), ("ss_wages", 210),
                 ("ss_tax", 221), ("medicare_wages", 232),
                 ("medicare_tax", 243), ("ss_tips", 254),
                 ("dependent_care", 276), ("d401k", 287), ("e403b", 298),
                 ("f408k6", 309), ("g457b", 320), ("h501c", 331),
                 ("nq457", 353), ("w_hsa", 364), ("nq_not457", 375),
                 ("q_combat", 386), ("c_gtl", 408), ("v_options", 419),
                 ("y_409a", 430), ("aa_roth401k", 441),
                 ("bb_roth403b", 452), ("dd_health", 463),
                 ("ff_qsehra", 474)]
# The same amounts' totals in RT (15 digits each).
EFW2_RT_MONEY = {"wages": 10, "fit": 25, "ss_wages": 40, "ss_tax": 55,
                 "medicare_wages": 70, "medicare_tax": 85, "ss_tips": 100,
                 "dependent_care": 130, "d401k": 145, "e403b": 160,
                 "f408k6": 175, "g457b": 190, "h501c": 205, "nq457": 235,
                 "w_hsa": 250, "nq_not457": 265, "q_combat": 280,
                 "dd_health": 295, "c_gtl": 310, "v_options": 340,
                 "y_409a": 355, "aa_roth401k": 370, "bb_roth403b": 385,
                 "ff_qsehra": 400}

# EFW2C (Pub. 42-014 TY2024): RCW pairs (originally reported, correct),
# 11 digits each, and their RCT totals (15 digits each).
EFW2C_RCW_MONEY = [("wages", 244), ("fit", 266), ("ss_wages", 288),
                   ("ss_tax", 310), ("medicare_wages", 332),
                   ("medicare_tax", 354), ("ss_tips", 376),
                   ("dependent_care", 420), ("d401k", 442),
                   ("e403b", 464), ("f408k6", 486), ("g457b", 508),
                   ("h501c", 530), ("nq457", 596), ("w_hsa", 618),
                   ("nq_not457", 640), ("q_combat", 662), ("c_gtl", 706),
                   ("v_options", 728), ("y_409a", 750),
                   ("aa_roth401k", 772), ("bb_roth403b", 794),
                   ("dd_health", 816), ("ff_qsehra", 838)]
EFW2C_RCT_MONEY = {"wages": 11, "fit": 41, "ss_wages": 71, "ss_tax": 101,
                   "medicare_wages": 131, "medicare_tax": 161,
                   "ss_tips": 191, "dependent_care": 251, "d401k": 281,
                   "e403b": 311, "f408k6": 341, "g457b": 371,
                   "h501c": 401, "nq457": 491, "w_hsa": 521,
                   "nq_not457": 551, "q_combat": 581, "c_gtl": 641,
                   "v_options": 671, "y_409a": 701, "aa_roth401k": 731,
                   "bb_roth403b": 761, "dd_health": 791, "ff_qsehra": 821}

# RS (Pub. 42-007 TY2025, shared/reference/formats.md 1.8): money fields.
EFW2_RS_MONEY = [("ui_wages", 203), ("ui_taxable", 214),
                 ("state_wages", 276), ("state_tax", 287),
                 ("local_wages", 309), ("local_tax", 320)]
RS_TAX_TYPES = "CDEF"

SSN_BAD = re.compile(r"^(000|666|9)|^[0-9]{3}00|0000$")


def cut(rec, start, length):
    return rec[start - 1:start - 1 + length]


def money(rec, start, length, where, fails):
    s = cut(rec, start, length)
    if not re.fullmatch(r"[0-9]{%d}" % length, s):
        fails.append("%s: money field at %d is not %d digits: %r"
                     % (where, start, length, s))
        return Decimal(0)
    return Decimal(int(s)) / 100


def records(path, length, fails):
    data = open(path, "rb").read()
    out = []
    if not data.endswith(b"\r\n"):
        fails.append("%s: does not end with CR LF" % path)
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for i, raw in enumerate(lines, 1):
        if len(raw) != length:
            fails.append("%s: record %d is %d bytes, not %d"
                         % (path, i, len(raw), length))
        try:
            out.append(raw.decode("ascii"))
        except UnicodeDecodeError:
            fails.append("%s: record %d is not ASCII" % (path, i))
            out.append(raw.decode("ascii", "replace"))
    return out


def check_order(ids, pattern, what, fails):
    seq = " ".join(ids) + " "
    if not re.fullmatch(pattern, seq):
        fails.append("%s: record order %s does not match %s"
                     % (what, " ".join(ids[:12]), pattern))


def need(cond, msg, fails):
    if not cond:
        fails.append(msg)


def check_efw2(path):
    fails = []
    recs = records(path, 512, fails)
    ids = [r[:2] for r in recs]
    check_order(ids, r"RA RE ((RW (RO )?(RS )*)+RT (RU )?(RV )?)+RF ",
                path, fails)
    parsed = []
    rw_sum = {}
    nrw = 0
    last_ssn = None
    for i, r in enumerate(recs, 1):
        where = "%s:%d %s" % (path, i, r[:2])
        if r.startswith("RA"):
            need(re.fullmatch(r"[0-9]{9}", cut(r, 3, 9)) is not None,
                 where + ": submitter EIN is not 9 digits", fails)
            need(cut(r, 12, 8).strip() != "", where + ": no user id", fails)
        elif r.startswith("RE"):
            need(re.fullmatch(r"[0-9]{4}", cut(r, 3, 4)) is not None,
                 where + ": tax year is not 4 digits", fails)
            need(re.fullmatch(r"[0-9]{9}", cut(r, 8, 9)) is not None,
                 where + ": employer EIN is not 9 digits", fails)
            need(cut(r, 40, 57).strip() != "", where + ": no employer name",
                 fails)
            rw_sum = {k: Decimal(0) for k, _ in EFW2_RW_MONEY}
            nrw = 0
        elif r.startswith("RW"):
            ssn = cut(r, 3, 9)
            need(re.fullmatch(r"[0-9]{9}", ssn) is not None and
                 not SSN_BAD.search(ssn), where + ": SSN not valid", fails)
            need(cut(r, 12, 15).strip() != "" and
                 cut(r, 42, 20).strip() != "",
                 where + ": first or last name empty", fails)
            rec = {"id": "RW", "ssn": ssn, "last": cut(r, 42, 20).strip()}
            for k, p in EFW2_RW_MONEY:
                rec[k] = money(r, p, 11, where, fails)
                rw_sum[k] += rec[k]
            nrw += 1
            last_ssn = ssn
            parsed.append(rec)
        elif r.startswith("RS"):
            ssn = cut(r, 10, 9)
            need(ssn == last_ssn or ssn == "000000000",
                 where + ": SSN %r is not that of the RW it follows" % ssn,
                 fails)
            need(re.fullmatch(r"[0-9]{2}", cut(r, 3, 2)) is not None,
                 where + ": state code (3-4) is not 2 digits", fails)
            rec = {"id": "RS", "ssn": ssn, "state": cut(r, 3, 2),
                   "state_2": cut(r, 274, 2), "entity": cut(r, 5, 5),
                   "tax_type": cut(r, 308, 1),
                   "supplemental_1": cut(r, 338, 75).strip(),
                   "account": cut(r, 248, 20).strip()}
            for k, p in EFW2_RS_MONEY:
                rec[k] = money(r, p, 11, where, fails)
            if rec["local_wages"] or rec["local_tax"]:
                need(rec["tax_type"] in RS_TAX_TYPES, where + ": local "
                     "wages or tax without a tax type code (308): %r"
                     % rec["tax_type"], fails)
            else:
                need(rec["tax_type"] == " ", where + ": a tax type code "
                     "(308) without local wages or tax", fails)
            if rec["state_wages"] or rec["state_tax"]:
                need(rec["state_2"] == rec["state"], where + ": state code "
                     "274-275 %r is not 3-4's %r" % (rec["state_2"],
                                                    rec["state"]), fails)
            parsed.append(rec)
        elif r.startswith("RT"):
            need(cut(r, 3, 7) == "%07d" % nrw,
                 where + ": RW count %r, %d RW records"
                 % (cut(r, 3, 7), nrw), fails)
            rec = {"id": "RT", "count": nrw}
            for k, p in EFW2_RT_MONEY.items():
                rec[k] = money(r, p, 15, where, fails)
                need(rec[k] == rw_sum[k], "%s: total %s %s, RW records "
                     "sum to %s" % (where, k, rec[k], rw_sum[k]), fails)
            parsed.append(rec)
        elif r.startswith("RF"):
            total = ids.count("RW")
            need(cut(r, 8, 9) == "%09d" % total, where + ": RF count %r, "
                 "%d RW records" % (cut(r, 8, 9), total), fails)
    return fails, parsed


def check_efw2c(path):
    fails = []
    recs = records(path, 1024, fails)
    ids = [r[:3] for r in recs]
    check_order(ids, r"RCA (RCE (RCW (RCO )?(RCS )*)+RCT (RCU )?)+RCF ",
                path, fails)
    parsed = []
    sums = {}
    nrcw = 0
    for i, r in enumerate(recs, 1):
        where = "%s:%d %s" % (path, i, r[:3])
        if r.startswith("RCA"):
            need(re.fullmatch(r"[0-9]{9}", cut(r, 4, 9)) is not None,
                 where + ": submitter EIN is not 9 digits", fails)
            need(cut(r, 13, 8).strip() != "", where + ": no BSO user id",
                 fails)
            need(cut(r, 32, 57).strip() != "", where + ": no company name",
                 fails)
            need(cut(r, 212, 27).strip() != "" and
                 cut(r, 262, 40).strip() != "",
                 where + ": contact name or e-mail missing", fails)
            need(cut(r, 317, 1) in ("0", "1"),
                 where + ": resubmission indicator not 0 or 1", fails)
        elif r.startswith("RCE"):
            need(re.fullmatch(r"[0-9]{4}", cut(r, 4, 4)) is not None,
                 where + ": tax year is not 4 digits", fails)
            need(re.fullmatch(r"[0-9]{9}", cut(r, 17, 9)) is not None,
                 where + ": employer EIN is not 9 digits", fails)
            need(cut(r, 44, 57).strip() != "", where + ": no employer name",
                 fails)
            need(cut(r, 223, 1) in "AHMQRXF" and cut(r, 223, 1) != " ",
                 where + ": correct employment code missing", fails)
            sums = {k: [Decimal(0), Decimal(0)] for k, _ in EFW2C_RCW_MONEY}
            nrcw = 0
        elif r.startswith("RCW"):
            ssn = cut(r, 4, 9)
            need(re.fullmatch(r"[0-9]{9}", ssn) is not None and
                 not SSN_BAD.search(ssn),
                 where + ": originally reported SSN not valid", fails)
            need(cut(r, 22, 15).strip() != "" and
                 cut(r, 52, 20).strip() != "",
                 where + ": first or last name empty", fails)
            rec = {"id": "RCW", "ssn": ssn, "last": cut(r, 52, 20).strip()}
            changed = cut(r, 13, 9).strip() != ""
            for k, p in EFW2C_RCW_MONEY:
                # A pair not corrected may be blank (both fields).
                if cut(r, p, 22).strip() == "":
                    rec[k] = (Decimal(0), Decimal(0))
                    continue
                o = money(r, p, 11, where, fails)
                c = money(r, p + 11, 11, where, fails)
                rec[k] = (o, c)
                sums[k][0] += o
                sums[k][1] += c
                changed = changed or o != c
            need(changed, where + ": an RCW that corrects nothing", fails)
            nrcw += 1
            parsed.append(rec)
        elif r.startswith("RCT"):
            need(cut(r, 4, 7) == "%07d" % nrcw, where + ": RCW count %r, "
                 "%d RCW records" % (cut(r, 4, 7), nrcw), fails)
            rec = {"id": "RCT", "count": nrcw}
            for k, p in EFW2C_RCT_MONEY.items():
                if cut(r, p, 30).strip() == "":
                    o = c = Decimal(0)
                else:
                    o = money(r, p, 15, where, fails)
                    c = money(r, p + 15, 15, where, fails)
                rec[k] = (o, c)
                need([o, c] == sums[k], "%s: totals %s %s/%s, RCW records "
                     "sum to %s/%s" % (where, k, o, c, sums[k][0],
                                       sums[k][1]), fails)
            parsed.append(rec)
        elif r.startswith("RCF"):
            total = ids.count("RCW")
            need(cut(r, 4, 7) == "%07d" % total, where + ": RCF count %r, "
                 "%d RCW records" % (cut(r, 4, 7), total), fails)
    return fails, parsed


def check(path):
    with open(path, "rb") as f:
        head = f.read(3)
    if head == b"RCA":
        return check_efw2c(path)
    return check_efw2(path)


if __name__ == "__main__":
    bad = 0
    for p in sys.argv[1:]:
        fails, recs = check(p)
        for m in fails[:50]:
            print("not ok - %s" % m)
        bad += len(fails)
        print("%s - %s: %d employee records checked"
              % ("ok" if not fails else "not ok", p,
                 sum(1 for r in recs if r["id"] in ("RW", "RCW"))))
    sys.exit(1 if bad else 0)
