"""Every pack's covers: the pay dates it holds figures for, on both ends.

docs/rules.md: "covers: the pay dates the pack has figures for: a run paid
outside them is refused at load".  For every pack folder under rules/
(but formats), a run (no employees) paid on the first and on the last day
of its covers must load, and a run paid the day before and the day after
must be refused, naming the pack and its dates.

The expected dates are written here, not read from the packs, so that a
covers: date typed wrong in a pack (a from: a day late, say) fails here:
widening a pack's covers means adding its new year here too.  They are
the years each pack holds sourced figures for (its parameters' from:
dates and sources): the tax years 2025 and 2026 (US, Canada and Germany:
calendar years; UK: 6 April 2025 to 5 April 2027), and, for the packs
that kept 2024 (us/federal, the company example) or start mid-2024 (Utah's
tables of 1 June 2024), from then on; Pennsylvania's flat rate has no
first day.
"""
import datetime
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

ROOT = vlib.ROOT
CALC = os.path.join(ROOT, "bin", "payroll-calc")
t = vlib.Tally("t_covers")

US = ("2025-01-01", "2026-12-31")
UK = ("2025-04-06", "2027-04-05")
EXPECT = {
    "us/federal": ("2024-01-01", "2026-12-31"),
    "company/example": ("2024-01-01", "2026-12-31"),
    "us/ut": ("2024-06-01", "2026-12-31"),
    "us/pa": (None, "2026-12-31"),
    "uk/nic": UK, "uk/paye": UK, "uk/student-loans": UK,
}
# The folders with no covers: (the unemployment insurance of the states
# with no income tax: their wage bases from 2025 on, -1 for 2027, "no
# sourced figure"): refused before 2025 for the base, and after 2026 by
# their companion us/federal.
NO_COVERS = {"us/ak", "us/fl", "us/nh", "us/nv", "us/sd", "us/tn", "us/tx", "us/wy"}
# The packs a folder needs beside it to load (the names and tags it
# uses), whose covers hold the folder's.
NEEDS = {
    "us": ["rules/us/federal"],
    "ca/tax": ["rules/ca/cpp-ei"],
    "de/lohnsteuer": ["rules/de/sv"],
}


def day(s, n):
    d = datetime.date.fromisoformat(s) + datetime.timedelta(days=n)
    return d.isoformat()


def run(packs, date, tmp):
    args = [CALC, "-q"]
    for p in packs:
        args += ["-r", p]
    args += ["-p", date[:7], "-f", "monthly", "-d", date,
             "-o", os.path.join(tmp, "out.csv"),
             os.path.join(tmp, "employees.csv")]
    p = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    return p.returncode, p.stderr


folders = sorted(os.path.relpath(d, os.path.join(ROOT, "rules"))
                 for d in glob.glob(os.path.join(ROOT, "rules", "*", "*"))
                 if os.path.isdir(d) and "/formats/" not in d + "/"
                 and not d.endswith("/formats"))
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "employees.csv"), "w") as f:
        f.write("employee_id\n")
    for name in folders:
        frm, to = EXPECT.get(name, UK if name.startswith("uk/") else US)
        needs = NEEDS.get(name, NEEDS.get(name.split("/")[0], []))
        # the folder first: its covers are checked before its companions'
        packs = ["rules/" + name] + [p for p in needs if p != "rules/" + name]
        ends = [(to, True), (day(to, 1), False)]
        if frm is not None:
            ends = [(frm, True), (day(frm, -1), False)] + ends
        for date, inside in ends:
            rc, err = run(packs, date, tmp)
            named = ("pack '%s' holds figures" % name in err or
                     "pack 'rules/%s' holds figures" % name in err)
            if inside:
                # loads: no refusal at load (status 3); with no employee
                # (and no column the packs require) the run then stops
                # with status 1
                t.check_str(name, "paid on %s (inside): loads" % date,
                            "1 loaded", "%d %s" % (rc, "loaded" if rc == 1
                                                   and "holds figures"
                                                   not in err
                                                   else err.strip()[:200]))
            else:
                # refused at load, by the folder's covers (or, for a
                # file without covers:, by a parameter with no value
                # then, in the folder)
                why = (("not for %s" % date in err and
                        (named or (name in NO_COVERS and "holds figures"
                                   in err))) or
                       ("has no value in force on %s" % date in err and
                        "rules/%s/" % name in err))
                t.check_str(name, "paid on %s (outside): refused" % date,
                            "3 refused", "%d %s" % (rc, "refused" if why
                                                    else err.strip()[:200]))
sys.exit(0 if t.done() else 1)
