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
print("1..%d" % n)
PY
