#!/bin/sh
# make demo-multistate's invariants (TAP): the multistate pipeline runs,
# every employee is paid or rejected with a reason, no state income tax
# for anyone who works and lives in a state without one, reciprocity
# certificates honoured, the bank file pays the results' net pay, and the
# W-2 file has a state record for each employee and state with wages or
# tax.  The expected figures come from the inputs and the law's shape
# (which states tax wages), never from payroll-calc's own totals.
cd "$(dirname "$0")/../.." || exit 2
O=out/demo-multistate
sh samples/multistate/demo.sh >tests/out/multistate-demo.log 2>&1
st=$?
if [ $st -ne 0 ]; then
	echo "not ok 1 - make demo-multistate ran (status $st)"
	sed 's/^/# /' tests/out/multistate-demo.log
	echo "1..1"
	exit 1
fi
echo "ok 1 - make demo-multistate ran"
python3 - "$O" <<'PY'
import csv, os, re, sys
from decimal import Decimal
O = sys.argv[1]
n = 1
def ok(cond, what):
    global n
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, what))
def rows(name):
    with open(os.path.join(O, name), newline="") as f:
        return list(csv.DictReader(f))
emp = {r["employee_id"]: r for r in rows("employees.csv")}
res = {r["employee_id"]: r for r in rows("results.csv")}
rej = rows("rejects.csv") + rows("calc-rejects.csv")
rejected = {r["employee_id"] for r in rej}
ok(len(emp) == 510, "510 employees read (%d)" % len(emp))
ok(all(r["message"] and r["line"] for r in rej),
   "every reject has a line and a reason")
lost = [e for e in emp if e not in res and not any(
    r["employee_id"].endswith(e[-4:]) for r in rej)]
ok(not lost, "every employee is paid or rejected (%d lost)" % len(lost))
# The state income tax columns: <st>_withholding of the state packs (and
# New York City and Yonkers).
cols = [c for c in next(iter(res.values())) if
        re.fullmatch(r"([a-z]{2}|[a-z]{2}_[a-z]+|nyc|yonkers)_withholding", c)
        and c != "fit_withholding"]
notax = set("AK FL NV NH SD TN TX WA WY".split())
STATES = set("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD "
             "MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD "
             "TN TX UT VT VA WA WV WI WY".split())
bad = []
for e, r in res.items():
    if emp[e]["work_state"] in notax and emp[e]["resident_state"] in notax:
        for c in cols:
            if Decimal(r[c] or "0") != 0:
                bad.append("%s %s=%s" % (e, c, r[c]))
ok(not bad, "no state income tax for the %d employees who work and live in the "
   "nine states without one: %s" % (sum(1 for e in res if emp[e]["work_state"]
   in notax and emp[e]["resident_state"] in notax), "; ".join(bad[:5])))
recip = [e for e in res if emp[e]["state_nonresident_certificate"] == "true"]
bad = []
for e in recip:
    # Maryland withholds its local (county) tax from a Pennsylvania
    # resident all the same (MW507 line 5; Administrative Release 3):
    # the state tax is exempt, the local tax is not.
    if emp[e]["work_state"] == "MD" and emp[e]["resident_state"] == "PA":
        continue
    col = emp[e]["work_state"].lower() + "_withholding"
    if col in res[e] and Decimal(res[e][col] or "0") != 0:
        bad.append("%s %s=%s" % (e, col, res[e][col]))
ok(recip and not bad, "%d nonresidents with a reciprocity certificate: no "
   "work-state tax %s" % (len(recip), "; ".join(bad[:5])))
# The bank file pays each employee's net pay: entry detail records (6),
# amount in cents at columns 30-39.
ach = open(os.path.join(O, "payments.ach")).read().splitlines()
cents = sum(int(l[29:39]) for l in ach if l.startswith("6"))
net = sum(Decimal(r["net_pay"]) for r in res.values() if Decimal(r["net_pay"]) > 0)
ok(Decimal(cents) / 100 == net, "NACHA credits %s = the results' net pay %s"
   % (Decimal(cents) / 100, net))
# W-2: one RS record per employee and state with state wages or tax.
tagged = {}
for c in res[next(iter(res))]:
    m = re.fullmatch(r"([a-z]{2})_(wages|withholding)", c)
    if m and m.group(1).upper() in STATES:
        tagged.setdefault(m.group(1), []).append(c)
want = 0
for r in res.values():
    for st, cs in tagged.items():
        if any(Decimal(r[c] or "0") != 0 for c in cs):
            want += 1
rs = sum(1 for l in open(os.path.join(O, "w2.efw2")) if l.startswith("RS"))
ok(rs == want, "W-2 RS records: %d, employee-state pairs with wages or tax: %d"
   % (rs, want))
# Local taxes (docs/packs-us.md): each employee the sample puts in a
# priced locality pays its rate, rounded to the cent half up, on the base
# the locality taxes (Philadelphia, Ohio cities and Kentucky districts:
# gross pay, the sample has no pretax_pa or section 125 deduction;
# Michigan cities: gross less the 401(k) deferral, tag pretax_state), and
# nobody else pays any.  Rates from the sources: Philadelphia 3.735% /
# 3.425% from 2026-07-01 (phila.gov); Columbus 2.5%, Cincinnati 1.8%,
# Cleveland 2.5%; Lansing 1% / 0.5%, Grand Rapids 1.5% / 0.75%, Saginaw
# 1.5% / 0.75% (Treasury); Louisville Metro 2.2% / 1.45%, Lexington-Fayette
# 2.25%.
from decimal import ROUND_HALF_UP
def cents(x):
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
D = Decimal
want = {
    "pa_phila_withholding": lambda e: D("0.03735") if e["pa_philadelphia_resident"] == "true"
        else D("0.03425") if e["pa_philadelphia_works_in"] == "true" else None,
    "oh_muni_work_withholding": lambda e: {"COLUMBUS": D("0.025"), "CINCINNATI": D("0.018"),
        "CLEVELAND": D("0.025")}.get(e["oh_muni_work"]),
    "mi_city_work_withholding": lambda e: None if e["mi_city_work"] in ("", e["mi_city_resident"])
        else {"GRAND_RAPIDS": D("0.0075"), "LANSING": D("0.005")}[e["mi_city_work"]],
    "mi_city_resident_withholding": lambda e: None if e["mi_city_resident"] == "" else
        {"LANSING": D("0.01"), "SAGINAW": D("0.015")}[e["mi_city_resident"]]
        - (0 if e["mi_city_work"] in ("", e["mi_city_resident"]) else
           {"GRAND_RAPIDS": D("0.0075"), "LANSING": D("0.005")}[e["mi_city_work"]]),
    "ky_olt_withholding": lambda e: None if e["ky_olt_work"] == "" else
        {("LOUISVILLE_METRO", True): D("0.022"), ("LOUISVILLE_METRO", False): D("0.0145"),
         ("LEXINGTON_FAYETTE", False): D("0.0225")}[(e["ky_olt_work"], e["ky_olt_resident"] == e["ky_olt_work"])],
}
bad = []
paid = 0
for e, r in res.items():
    for col, rate_of in want.items():
        rate = rate_of(emp[e])
        base = D(r["gross_pay"]) - (D(r["k401_deferral"] or "0") if col.startswith("mi_city") else 0)
        expect = cents(base * rate) if rate else D("0")
        if D(r[col] or "0") != expect:
            bad.append("%s %s=%s, wanted %s" % (e, col, r[col], expect))
        elif rate:
            paid += 1
ok(paid == 12 and not bad, "local taxes: %d employee-locality lines priced and paid as their "
   "sources say (12 wanted: 11 employees, one with two cities), none elsewhere %s" % (paid, "; ".join(bad[:5])))
# The UI wage report of every state (authority-report -F us-sui-efw2 -j
# XX), read here by the layout's positions (EFW2 RS, 512 bytes and CR LF;
# rules/formats/us-sui-efw2): the RV and RF counts are the RS records,
# RV's totals their sums and RV's excess total less taxable; every
# employee paid who works in the state (the input's work_state) has an
# RS, by SSN, and taxable UI wages are never above total UI wages.
def money(rec, pos, ln):
    return D(int(rec[pos - 1:pos - 1 + ln])) / 100
ssn = {e: re.sub(r"[^0-9]", "", emp[e]["national_id"]) for e in emp}
bad = []
unpriced = []
nfiles = 0
for st in sorted(STATES):
    path = os.path.join(O, "sui", st + ".txt")
    if not os.path.exists(path):
        bad.append("%s: no report" % st)
        continue
    nfiles += 1
    raw = open(path, "rb").read()
    recs = raw.split(b"\r\n")
    if recs[-1] != b"" or any(len(r) != 512 for r in recs[:-1]):
        bad.append("%s: not 512-byte records ending in CR LF" % st)
        continue
    recs = [r.decode("ascii") for r in recs[:-1]]
    kinds = [r[:2] for r in recs]
    rs = [r for r in recs if r[:2] == "RS"]
    if kinds[:2] != ["RA", "RE"] or kinds[-2:] != ["RV", "RF"] or \
            kinds[2:-2] != ["RS"] * len(rs):
        bad.append("%s: records out of order" % st)
        continue
    rv, rf = recs[-2], recs[-1]
    tot = sum(money(r, 203, 11) for r in rs)
    tax = sum(money(r, 214, 11) for r in rs)
    if int(rv[2:9]) != len(rs) or int(rf[7:16]) != len(rs):
        bad.append("%s: RV/RF count %s/%s, RS %d" % (st, rv[2:9], rf[7:16], len(rs)))
    if money(rv, 10, 15) != tot or money(rv, 25, 15) != tax or \
            money(rv, 40, 15) != tot - tax:
        bad.append("%s: RV totals are not the RS sums" % st)
    if any(money(r, 214, 11) > money(r, 203, 11) for r in rs):
        bad.append("%s: taxable UI wages above total UI wages" % st)
    have = {r[9:18] for r in rs}
    workers = [e for e in res if emp[e]["work_state"] == st]
    missing = [e for e in workers if ssn[e] not in have]
    if st.lower() + "_sui_wages" not in next(iter(res.values())):
        # No UI pack for the state yet (docs/packs-us.md): its workers
        # have no UI wages to report.  A skip, never a pass.
        unpriced.append(st)
    elif missing:
        bad.append("%s: no RS for %s" % (st, ", ".join(missing[:3])))
ok(nfiles == 51 and not bad, "UI wage reports of the 50 states and DC (%d): RV and RF "
   "agree with the RS records, every worker in the state has one %s" %
   (nfiles, "; ".join(bad[:5])))
for st in unpriced:
    n += 1
    print("ok %d # SKIP %s: no UI pack (no sourced wage base): its workers "
          "have no UI wages, its report no RS for them" % (n, st))
print("1..%d" % n)
PY
