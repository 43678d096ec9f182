#!/usr/bin/env python3
"""Every dated value of the other state withholding packs applies from its
first day (t_us_first_days.py does CA, NY, NM, NJ and IN).

The publications date their figures: 1 January of 2025 and of 2026 for
every state, and a few changes within the year, each written here with
the pack's source for it (not read from the packs, so that a `from:`
typed a day late cannot move the test with it):
  GA 2025-07-01 (HB 111 rate 5.19%) and 2026-05-11 (HB 1015 / HB 111 rate
     5.09%, as the pack cites them); ID 2025-07-01 (HB 40, 5.3%) and
     2026-07-23 (HB 559); MD 2025-07-01 (HB 352: flat standard deduction,
     new brackets); ME 2026-08-01 (the surcharge's tables); OH 2025-10-01
     and 2026-08-01 (the Optional Computer Formula Rev. 09/25 and 07/26,
     for periods ending on or after); UT 2025-06-01 and 2026-06-01 (Pub
     14, for periods starting on or after); VA 2025-07-02 (the
     Withholding Guide Rev. 05/25).
An employee paid on a first day must be withheld exactly as one paid the
same wages later in the same span (before the state's next change); a
value whose `from:` slipped a day shows the old figures on the first day
only, where no vector pays.  The figures themselves are checked against
the publications by the vectors and the state runners; here only the
dates are.  Each state is paid at a middle and a high wage (annual 60,000
and 1,500,000 over the periods), weekly and monthly (and biweekly,
semimonthly and annually on 1 January; Vermont and Oklahoma single and
married, West Virginia one and two earners, Montana's three schedules),
every state in one run per date.  OH's values follow the
period's end and UT's its start: their weekly period is the one ending
(OH) or starting (UT) on the first day.

Where the run on the day before gives the same figures at these wages
(the publication did not change them for this profile), the check cannot
see a late date: those first days are listed, not counted.
"""
import datetime
import glob
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("us first days (more states)")
SSN = "123-45-6789"
DONE = {"ca", "ny", "nm", "nj", "in"}   # t_us_first_days.py
STATES = sorted(os.path.basename(os.path.dirname(f)) for f in glob.glob(
    os.path.join(vlib.ROOT, "rules/us/*/withholding.yaml")))
STATES = [s for s in STATES if s not in DONE]
REQUIRED = {"md": {"md_county": "03", "resident_state": "MD"}}
# the columns of the states whose tables differ by status or earner
VARIANTS = {"vt": [{"vt_filing_status": x} for x in ("single", "married")],
            "ok": [{"ok_filing_status": x} for x in ("single", "married")],
            "wv": [{"wv_one_earner": x} for x in ("true", "false")],
            "mt": [{"mt_mw4_filing_status": x} for x in (
                "single", "married_joint", "head_of_household")]}
# first day -> (a later day in the same span, states changing that day)
MIDYEAR = {"2025-06-01": ("2025-06-16", ["ut"]),
           "2025-07-01": ("2025-08-01", ["ga", "id", "md"]),
           "2025-07-02": ("2025-08-01", ["va"]),
           "2025-10-01": ("2025-11-03", ["oh"]),
           "2026-05-11": ("2026-05-25", ["ga"]),
           "2026-06-01": ("2026-06-16", ["ut"]),
           "2026-07-23": ("2026-07-30", ["id"]),
           "2026-08-01": ("2026-09-01", ["me", "oh"])}
FIRST = {"2025-01-01": ("2025-03-02", STATES),
         "2026-01-01": ("2026-03-02", STATES)}
FIRST.update(MIDYEAR)
PPY = {"weekly": 52, "biweekly": 26, "semimonthly": 24, "monthly": 12,
       "annual": 1}
PACKS = (["rules/us/federal"] + ["rules/us/" + s for s in STATES] +
         ["tests/vectors/packs/us_earnings.yaml"])


def day(s, k):
    d = datetime.date.fromisoformat(s) + datetime.timedelta(days=k)
    return d.isoformat()


def run(states, freq, date):
    emps = []
    for st in states:
        for w in (D(60000), D(1500000)):
            for i, v in enumerate(VARIANTS.get(st, [{}])):
                e = {"employee_id": "%s-%s-%d" % (st, w, i),
                     "national_id": SSN, "work_state": st.upper(),
                     "wages": str((w / PPY[freq]).quantize(D("0.01")))}
                e.update(REQUIRED.get(st, {}))
                e.update(v)
                emps.append(e)
    by = {}
    # one run per effective rule: OH by the period's end, UT its start,
    # the others by the pay date
    groups = {"oh": [e for e in emps if e["work_state"] == "OH"],
              "rest": [e for e in emps if e["work_state"] != "OH"]}
    for g, es in groups.items():
        if not es:
            continue
        if freq == "weekly":
            period = day(date, -6) if g == "oh" else date
        elif freq == "monthly":
            period = date[:7]
        elif freq == "semimonthly":
            period = date[:8] + ("01" if date[8:] < "16" else "16")
        elif freq == "biweekly":
            period = day(date, -13) if g == "oh" else date
        else:
            period = date[:4] + "-01-01"
        out, rej, err = vlib.calc(PACKS, es, period, frequency=freq,
                                  pay_date=date)
        for e in es:
            r = out.get(e["employee_id"])
            msg = sorted(x.get("message", "").replace(date, "DATE")
                         for x in rej if x.get("employee_id") == e["employee_id"])
            by[e["employee_id"]] = ({k: v for k, v in (r or {}).items()
                                     if k.startswith(e["work_state"].lower() + "_")
                                     and k != "pay_date"}, msg)
    return by


blind = []
for first, (later, states) in sorted(FIRST.items()):
    freqs = ("weekly", "monthly") + (
        ("biweekly", "semimonthly", "annual") if first.endswith("-01-01")
        else ())
    for freq in freqs:
        a = run(states, freq, first)
        b = run(states, freq, later)
        before = run(states, freq, day(first, -1)) if (
            freq == "weekly" and not first.startswith("2025-01-01")) else None
        for eid in sorted(a):
            (ra, ma), (rb, mb) = a[eid], b[eid]
            t.ok(ra == rb and ma == mb,
                 "%s %s %s: the first day differs from %s: %s" % (
                     eid, freq, first, later,
                     sorted(k for k in set(ra) | set(rb)
                            if ra.get(k) != rb.get(k))[:6] or (ma, mb)),
                 "first day = later day")
            if before is not None and before[eid] == a[eid]:
                blind.append("%s %s %s" % (eid, freq, first))
if blind:
    print("  weekly first days whose day before gives the same figures here "
          "(a late date not visible at these wages): %d" % len(blind))
sys.exit(0 if t.done() else 1)
