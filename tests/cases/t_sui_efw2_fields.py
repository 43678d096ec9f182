#!/usr/bin/env python3
"""authority-report --form us-sui-efw2 (rules/formats/us-sui-efw2/2025.yaml):
every field the layout writes in RA, RE and RS, each OPTIONAL one filled
too, found at its position of SSA Publication 42-007 (EFW2, TY2025) as
transcribed in shared/reference/formats.md sections 1.4 (RA), 1.5 (RE)
and 1.8 (RS), on a results file and an employer file written here with a
distinct value in every field (so that a field moved onto another, or
left out, shows).  The other tests leave the optional fields (locations,
ZIP extensions, phone extension, fax, middle name, suffix, addresses)
empty, where a wrong position cannot be seen.

Positions (1-based, start-length) from formats.md:
  RA: 3-9 submitter EIN, 12-8 user id, 29-1 resub "0", 36-2 software
      code, 38-57 company name, 95-22 location, 117-22 delivery, 139-22
      city, 161-2 state, 163-5 ZIP, 168-4 ZIP ext, 217-57 submitter name,
      274-22 location, 296-22 delivery, 318-22 city, 340-2 state, 342-5
      ZIP, 347-4 ZIP ext, 396-27 contact name, 423-15 phone, 438-5
      extension, 446-40 e-mail, 489-10 fax, 500-1 preparer code.
  RE (1.5): 3-4 tax year, 8-9 EIN, 26-1 terminating business, 40-57
      name, 97-22 location, 119-22 delivery, 141-22 city, 163-2 state,
      165-5 ZIP, 170-4 ZIP ext, 174-1 kind of employer, 219-1 employment
      code, 221-1 third-party sick pay "0", 222-27 contact name, 249-15
      phone, 264-5 extension, 269-10 fax, 279-40 e-mail.
  RS: 3-2 state FIPS (IL 17), 10-9 SSN, 19-15 first, 34-15 middle,
      49-20 last, 69-4 suffix, 73-22 location, 95-22 delivery, 117-22
      city, 139-2 state, 141-5 ZIP, 146-4 ZIP ext, 197-6 reporting period
      MMYYYY (the quarter's last month), 203-11 UI total wages, 214-11 UI
      taxable wages (cents, zero-filled), 248-20 state account.
Text fields are left-justified and blank-filled (formats.md 1.2);
money right-justified, zero-filled, in cents.  Every text value is
longer than its field, so that the field's length shows: the expected
text is the value's first (length) characters."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("sui_efw2_fields")
ROOT = vlib.ROOT

EMPLOYER = """\
name: PRAIRIE FIELD TESTS INCORPORATED OF NORTHERN ILLINOIS AND DISTRICT
ein: "36-1234567"
terminating_business: "1"
kind_of_employer: "T"
employment_code: "Q"
address:
  location: SUITE 2200 NORTH TOWER WEST
  delivery: 1 NORTH LASALLE STREET BLDG
  city: CHICAGO HEIGHTS VILLAGEX
  state: IL
  zip: "60602"
  zip_ext: "4321"
contact:
  name: ROBIN ALEXANDER CONTACTPERSONS
  phone: "3125550142"
  phone_ext: "987"
  email: ui.reports@example.com
  fax: "3125550199"
submitter:
  ein: "36-7654321"
  bso_user_id: FIELDS01
  software_code: "99"
  preparer_code: "S"
states:
  IL:
    sui_account: "7654321"
"""
COLS = ("employee_id,national_id,first_name,middle_name,last_name,"
        "name_suffix,address_line1,address_line2,address_city,address_state,"
        "address_zip,work_state,period_start,period_end,pay_date,gross_pay,"
        "il_sui_wages,il_sui_employer,net_pay")
ROW = ("E1,123456789,JORDANALEXANDERS,QUINCEYBARTHOLOM,RIVERSTONEMACALLISTERS,JR,"
       "200 MAIN STREET WEST BLDG,APT 12B NORTH WING ROOM,JOLIET TOWNSHIP NORTHS,IL,604351234,IL,2026-03-01,2026-03-31,2026-03-31,4321.09,"
       "4321.09,43.21,4000.00")

# (record, start, length, expected text)
WANT = [
    ("RA", 1, 2, "RA"), ("RA", 3, 9, "367654321"), ("RA", 12, 8, "FIELDS01"),
    ("RA", 29, 1, "0"), ("RA", 36, 2, "99"),
    ("RA", 38, 57, "PRAIRIE FIELD TESTS INCORPORATED OF NORTHERN ILLINOIS AND"), ("RA", 95, 22, "SUITE 2200 NORTH TOWER"),
    ("RA", 117, 22, "1 NORTH LASALLE STREET"), ("RA", 139, 22, "CHICAGO HEIGHTS VILLAG"),
    ("RA", 161, 2, "IL"), ("RA", 163, 5, "60602"), ("RA", 168, 4, "4321"),
    ("RA", 217, 57, "PRAIRIE FIELD TESTS INCORPORATED OF NORTHERN ILLINOIS AND"), ("RA", 274, 22, "SUITE 2200 NORTH TOWER"),
    ("RA", 296, 22, "1 NORTH LASALLE STREET"), ("RA", 318, 22, "CHICAGO HEIGHTS VILLAG"),
    ("RA", 340, 2, "IL"), ("RA", 342, 5, "60602"), ("RA", 347, 4, "4321"),
    ("RA", 396, 27, "ROBIN ALEXANDER CONTACTPERS"), ("RA", 423, 15, "3125550142"),
    ("RA", 438, 5, "987"), ("RA", 446, 40, "ui.reports@example.com"),
    ("RA", 489, 10, "3125550199"), ("RA", 500, 1, "S"),
    ("RE", 1, 2, "RE"), ("RE", 3, 4, "2026"), ("RE", 8, 9, "361234567"),
    ("RE", 26, 1, "1"), ("RE", 40, 57, "PRAIRIE FIELD TESTS INCORPORATED OF NORTHERN ILLINOIS AND"),
    ("RE", 97, 22, "SUITE 2200 NORTH TOWER"), ("RE", 119, 22, "1 NORTH LASALLE STREET"),
    ("RE", 141, 22, "CHICAGO HEIGHTS VILLAG"), ("RE", 163, 2, "IL"), ("RE", 165, 5, "60602"),
    ("RE", 170, 4, "4321"), ("RE", 174, 1, "T"), ("RE", 219, 1, "Q"),
    ("RE", 221, 1, "0"), ("RE", 222, 27, "ROBIN ALEXANDER CONTACTPERS"),
    ("RE", 249, 15, "3125550142"), ("RE", 264, 5, "987"),
    ("RE", 269, 10, "3125550199"), ("RE", 279, 40, "ui.reports@example.com"),
    ("RS", 1, 2, "RS"), ("RS", 3, 2, "17"), ("RS", 10, 9, "123456789"),
    ("RS", 19, 15, "JORDANALEXANDER"), ("RS", 34, 15, "QUINCEYBARTHOLO"),
    ("RS", 49, 20, "RIVERSTONEMACALLISTE"), ("RS", 69, 4, "JR"),
    ("RS", 73, 22, "APT 12B NORTH WING ROO"), ("RS", 95, 22, "200 MAIN STREET WEST B"),
    ("RS", 117, 22, "JOLIET TOWNSHIP NORTHS"), ("RS", 139, 2, "IL"), ("RS", 141, 5, "60435"),
    ("RS", 146, 4, "1234"),
    # 2026 Q1: the last month March 2026 -> 032026
    ("RS", 197, 6, "032026"),
    # 4,321.09 = 432109 cents in 11 digits
    ("RS", 203, 11, "00000432109"), ("RS", 214, 11, "00000432109"),
    ("RS", 248, 20, "7654321"),
]

with tempfile.TemporaryDirectory() as d:
    emp = os.path.join(d, "employer.yaml")
    with open(emp, "w") as f:
        f.write(EMPLOYER)
    res = os.path.join(d, "r.csv")
    with open(res, "w") as f:
        f.write(COLS + "\n" + ROW + "\n")
    out = os.path.join(d, "sui.txt")
    p = subprocess.run([os.path.join(ROOT, "bin", "authority-report"), "-F",
                        "us-sui-efw2", "-r", os.path.join(ROOT, "rules/us/federal"),
                        "-r", os.path.join(ROOT, "rules/us/il"),
                        "-c", emp, "-j", "IL", "-p", "2026Q1", "-o", out, res],
                       capture_output=True, text=True)
    t.check_str("authority-report", "exit status", "0", str(p.returncode))
    if p.returncode:
        print(p.stderr)
    recs = {}
    if os.path.exists(out):
        data = open(out, "rb").read().decode("ascii", "replace")
        for r in data.split("\r\n"):
            if r:
                recs.setdefault(r[:2], r)
                t.check_str(r[:2], "record length", "512", str(len(r)))
    t.check_str("file", "records", "RA RE RF RS RV", " ".join(sorted(recs)))
    covered = {}
    for rid, start, length, want in WANT:
        r = recs.get(rid, "")
        got = r[start - 1:start - 1 + length]
        t.check_str(rid, "%d-%d" % (start, length), want.ljust(length), got)
        covered.setdefault(rid, []).append((start, length))
    # Every position the layout writes for these records is checked
    # above (so a field moved onto one this test does not read shows):
    # the positions outside them are blank.
    for rid, spans in covered.items():
        r = recs.get(rid, "")
        mask = [False] * 512
        for s, n in spans:
            for i in range(s - 1, s - 1 + n):
                mask[i] = True
        stray = [i + 1 for i, c in enumerate(r) if not mask[i] and c != " "]
        t.check_str(rid, "nothing outside the checked fields", "[]",
                    str(stray[:10]))
sys.exit(0 if t.done() else 1)
