#!/usr/bin/env python3
"""Printed bases of every marginal scale in every pack add up.

A published rate schedule prints, for each bracket, the tax on the amount
up to its lower bound ("$82,048.00 plus 32% of the excess over
$422,850").  The three columns are redundant: the base of a bracket is
the base of the one below plus that bracket's rate times its width.  So a
typo in a bound, a rate or a base of a pack (a 2026 bracket bound typed
422,580, a rate 5.4% typed 5.9%) shows as a base that no longer adds up,
whether or not a test case's wages fall near that bracket.

The check is made on the text of the pack, exactly (decimal.Decimal),
against the publication's own rounding: its bounds are rounded to the
unit they are printed in (a weekly table's whole dollars derived from an
annual one) and its bases to theirs, so a base may differ from the sum by
at most rate * (one unit of the bounds) + one unit of the bases.  Scales
whose publication does not print cumulative bases (below, each with its
reason) are listed, and the list is checked too: an entry that adds up,
or that names no scale, fails.

Second, periodic tables derived from an annual one agree with it (see
PERIODS below).
"""
import glob, os, re, sys
from decimal import Decimal as D
import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("t_scale_sums")


def ok(cond, what):
    t.ok(cond, what)


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# Scales whose printed bases are not plain running sums, each with the
# reason: a pattern of scale names -> (the difference allowed, in the
# scale's money, or None when the bases are not sums at all; why).
NOT_CUMULATIVE = {
    r"ca_on_ohp$": (None, "Ontario Health Premium (T4127 step 5, V2): each "
        "bracket's base is the premium reached at its bound after the cap "
        "of the band scale ca_on_ohp_cap, not the sum of the rate below"),
    r"nys_annual_(single|married)$": (D(3), "NYS-50-T-NYS Method II annual "
        "table: the bases carry the State's recapture of the lower rates "
        "(rates such as 7.64% over 107,650), not the bracket widths times "
        "the rate below, and are rounded to the dollar; differences up to "
        "2.61 are printed"),
    r"nys_(weekly|biweekly|semimonthly|monthly)_(single|married)$": (
        D("0.30"), "NYS-50-T-NYS Method II periodic tables: the annual "
        "table's bounds and bases divided by the pay periods and rounded "
        "each on its own, with the annual recapture; differences up to "
        "0.28 are printed"),
    r"nyc_(daily|biweekly|semimonthly|monthly|annual)$": (D(1), "NYS-50-T-NYC "
        "tables: bases from the annual table's, divided by the pay periods "
        "and rounded, bounds rounded separately; differences up to 0.75 "
        "(annual) and 0.06 (periodic) are printed"),
    r"nj_b_semimonthly$": (D("0.50"), "New Jersey Rate B semimonthly "
        "(1 Oct 2020 tables): bases rounded to the dollar on a table that "
        "prints some in cents; a difference of 0.43 is printed"),
}

def allowed(name):
    for pat, (tol, why) in NOT_CUMULATIVE.items():
        if re.match(pat, name):
            return pat, tol
    return None, D(-1)

class Loader(yaml.SafeLoader):
    pass

def exact(loader, node):
    return D(loader.construct_scalar(node).replace("_", ""))

Loader.add_constructor("tag:yaml.org,2002:float", exact)
Loader.add_constructor("tag:yaml.org,2002:int", exact)

def num(v):
    if isinstance(v, D):
        return v
    s = str(v).strip()
    if s.endswith("%"):
        return D(s[:-1]) / 100
    return D(s)

def unit(vals):
    """the unit the values are rounded to: the coarsest of 1, 0.1, 0.01 ...
    that every value is a whole multiple of (bases printed as 134.00 on
    a table whose bases are all whole dollars are rounded to the dollar)"""
    u = D(1)
    while any(v % u for v in vals):
        u /= 10
    return u


seen = set()
checked = 0
for f in sorted(glob.glob(os.path.join(ROOT, "rules", "**", "*.yaml"), recursive=True)):
    y = yaml.load(open(f, encoding="utf-8"), Loader=Loader)
    if not isinstance(y, dict) or not isinstance(y.get("scales"), dict):
        continue
    rel = os.path.relpath(f, ROOT)
    for name, sc in y["scales"].items():
        if sc.get("type", "marginal") != "marginal":
            continue
        for v in sc.get("values") or []:
            br = [[num(x) for x in b] for b in v.get("brackets") or []]
            if not any(len(b) > 2 for b in br):
                continue
            pat, extra = allowed(name)
            if pat is None:
                seen.add(name)
            else:
                seen.add(pat)
            uo = unit([b[0] for b in br])
            ub = unit([b[2] for b in br if len(b) > 2])
            worst = None
            base = None
            for i, b in enumerate(br):
                if i == 0:
                    base = b[2] if len(b) > 2 else D(0)
                    continue
                p = br[i - 1]
                ok(b[0] > p[0], "%s: %s from %s: bound %s not above %s"
                   % (rel, name, v.get("from"), b[0], p[0]))
                want = base + p[1] * (b[0] - p[0])
                if len(b) > 2:
                    d = abs(b[2] - want)
                    tol = abs(p[1]) * uo + ub
                    if extra is not None and extra > tol:
                        tol = extra
                    if d > tol and (worst is None or d > worst[0]):
                        worst = (d, b, want, tol)
                    base = b[2]
                else:
                    base = want
            checked += 1
            if pat is not None and extra is None:
                continue
            ok(worst is None, "%s: %s from %s: bracket %s: printed base %s, "
               "the bracket below gives %s (tolerance %s)" % (
                   rel, name, v.get("from"),
                   worst and [str(x) for x in worst[1]], worst and worst[1][2],
                   worst and worst[2], worst and worst[3]))

# Periodic tables derived from an annual one (a family of scales whose
# names differ only in the pay frequency: nm_single_weekly, nm_single_annual
# ...): the same rates in the same order, and each bound and printed base
# the annual one divided by the pay periods, within one unit of the
# periodic table's rounding (a base also within the rate times one unit of
# the bounds).  A typo in one weekly bound fails here though no case is
# paid weekly near it.  Families whose publication rounds otherwise: a
# pattern -> (units allowed, why).
PERIODS = {"weekly": [52], "biweekly": [26], "semimonthly": [24],
           "monthly": [12], "quarterly": [4], "semiannual": [2],
           "annual": [1], "daily": [260, 365]}
FREQ = re.compile(r"(semimonthly|biweekly|weekly|monthly|daily|annual|"
                  r"quarterly|semiannual)")
ROUNDED_OTHERWISE = {
    r"ca_\w+_(single|married|hoh)$": (D(2), "EDD Method B: each periodic "
        "table is rounded from the unrounded annual bounds, not the printed "
        "ones, so a bound may be up to 2 units off the printed annual bound "
        "divided by the periods, even where that division is exact (55,866 "
        "/ 2 printed 27,934); a 2026 monthly head-of-household base 0.14 "
        "off"),
    r"nj_b_semimonthly$": (D(4), "the printed base 3,338.00 over 41,667, as "
        "transcribed (the annual table's 80,100.00 / 24 = 3,337.50) "
        "[unverified: the New Jersey table itself not read]"),
    r"nyc_daily$": (D("2.5"), "NYS-50-T-NYC daily table: bounds rounded "
        "from the annual ones divided by 260 (31 for 8,000)"),
}

def periodic_families():
    for f in sorted(glob.glob(os.path.join(ROOT, "rules", "**", "*.yaml"),
                              recursive=True)):
        y = yaml.load(open(f, encoding="utf-8"), Loader=Loader)
        if not isinstance(y, dict) or not isinstance(y.get("scales"), dict):
            continue
        fam = {}
        for name, sc in y["scales"].items():
            m = FREQ.search(name)
            if m and sc.get("type", "marginal") == "marginal":
                fam.setdefault(name[:m.start()] + "*" + name[m.end():],
                               {})[m.group(1)] = (name, sc)
        for key, members in sorted(fam.items()):
            if "annual" in members and len(members) > 1:
                yield os.path.relpath(f, ROOT), members

def rows(v):
    return [[num(x) for x in b] for b in v.get("brackets") or []]

used = set()
families = 0
for rel, members in periodic_families():
    families += 1
    annual = {v.get("from"): rows(v) for v in members["annual"][1]["values"]}
    for freq, (name, sc) in sorted(members.items()):
        if freq == "annual":
            continue
        allow, pat = D(1), None
        for p, (units, why) in ROUNDED_OTHERWISE.items():
            if re.match(p, name):
                allow, pat = units, p
                used.add(p)
        for v in sc.get("values") or []:
            a, b = annual.get(v.get("from")), rows(v)
            where = "%s: %s from %s" % (rel, name, v.get("from"))
            ok(a is not None, where + ": no annual table from the same day")
            if a is None:
                continue
            ok(len(a) == len(b) and all(x[1] == y[1] for x, y in zip(a, b)),
               where + ": brackets or rates differ from the annual table's")
            if len(a) != len(b):
                continue
            uo = unit([r[0] for r in b])
            ub = unit([r[2] for r in b if len(r) > 2] or [D(1)])
            best = None
            for n in PERIODS[freq]:
                worst = (D(0), None)
                for x, y in zip(a, b):
                    r = abs(y[0] - x[0] / n) / uo
                    # a bound that needs no rounding (0 / 2, 52,000 / 52)
                    # is printed as it is
                    if pat is None and (x[0] / n) % uo == 0 and \
                            y[0] != x[0] / n:
                        r = max(r, allow + 1)
                    if r > worst[0]:
                        worst = (r, "bound %s for %s / %d" % (y[0], x[0], n))
                    if len(x) > 2 and len(y) > 2:
                        r = abs(y[2] - x[2] / n) / (ub + y[1] * uo)
                        if r > worst[0]:
                            worst = (r, "base %s for %s / %d" % (y[2], x[2], n))
                if best is None or worst[0] < best[0]:
                    best = worst
            ok(best[0] <= allow, "%s: %s (%s units of its rounding, %s "
               "allowed)" % (where, best[1], best[0], allow))
for p in ROUNDED_OTHERWISE:
    ok(p in used, "ROUNDED_OTHERWISE names %s, which no pack has" % p)
print("periodic families checked: %d" % families)

for pat in NOT_CUMULATIVE:
    ok(pat in seen, "NOT_CUMULATIVE names %s, which no pack has" % pat)
print("scale values checked: %d" % checked)
sys.exit(0 if t.done() else 1)
