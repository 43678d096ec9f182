#!/usr/bin/env python3
"""Official example for the German Uebergangsbereich (Midijob) in
rules/de/sv: de_midijob_sv.csv.

The only official branch-by-branch example found is the Minijob-Zentrale's
for a monthly wage of 521 EUR in October to December 2022 (G = 520 EUR,
OG = 1,600 EUR, F = 0.7009; rates of 2022).  The pack carries 2025 and
2026; the method is the same, so the runner writes a test pack that puts
the row's G, OG, F and rates in place of the pack's (override: true) and
runs the row through bin/payroll-calc with rules/de/sv and rules/de/lohnsteuer
in a month the packs cover.  Every expected figure is compared: the two
bases (results midijob_be, midijob_be_an), each branch's total, employee
and employer shares (--explain values and result columns), and the
totals of the social insurance (sums of the result columns).  Expected
values come only from the vector file.
"""
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vlib  # noqa: E402

VECTORS = "de_midijob_sv.csv"
PACKS = ["rules/de/sv", "rules/de/lohnsteuer", "tests/vectors/packs/de_re4.yaml"]
# expected key -> where the figure is: ("col", results column) or
# ("exp", an --explain value)
WHERE = {
    "BE_gesamt": ("col", "midijob_be"), "BE_AN": ("col", "midijob_be_an"),
    "KV_total": ("exp", "midi_kv_gesamt"), "KV_AN": ("exp", "midi_kv_an_allg"),
    "KV_AG": ("exp", "midi_kv_ag_allg"),
    "KVZ_total": ("exp", "midi_kvz_gesamt"), "KVZ_AN": ("exp", "midi_kvz_an"),
    "KVZ_AG": ("exp", "midi_kvz_ag"),
    "PV_total": ("exp", "midi_pv_gesamt"), "PV_AN": ("col", "pv_employee"),
    "PV_AG": ("col", "pv_employer"),
    "RV_total": ("exp", "midi_rv_gesamt"), "RV_AN": ("col", "rv_employee"),
    "RV_AG": ("col", "rv_employer"),
    "ALV_total": ("exp", "midi_av_gesamt"), "ALV_AN": ("col", "av_employee"),
    "ALV_AG": ("col", "av_employer"),
}
AN = ["rv_employee", "av_employee", "kv_employee", "pv_employee"]
AG = ["rv_employer", "av_employer", "kv_employer", "pv_employer"]


def pct(x):
    return "%s%%" % x


def main():
    rows = vlib.read_vectors(VECTORS)
    t = vlib.Tally(VECTORS)
    for r in rows:
        cid = r["case_id"]
        i, e = vlib.kv(r["inputs"]), vlib.kv(r["expected"])
        if r["pay_frequency"] != "monthly":
            t.check(cid, "monthly row", "1", None)
            continue
        with tempfile.TemporaryDirectory() as d:
            tp = os.path.join(d, "inject.yaml")
            src = "vector row %s" % cid
            par = {"geringfuegigkeitsgrenze": i["G"],
                   "uebergangsbereich_obergrenze": i["OG"],
                   "midijob_faktor_f": i["F"],
                   "kv_beitragssatz": pct(i["KV_general"]),
                   "pv_beitragssatz": pct(i["PV"]),
                   "rv_beitragssatz": pct(i["RV"]),
                   "av_beitragssatz": pct(i["ALV"])}
            with open(tp, "w") as f:
                f.write("# The figures of %s (Q4 2022: the method is "
                        "tested)\npack: tests/de_midijob_inject\n"
                        "parameters:\n" % cid)
                for k, v in par.items():
                    f.write("  %s: {override: true, source: '%s', value: "
                            "%s}\n" % (k, src, v))
            emp = {"employee_id": cid, "steuerklasse": "1",
                   "kvz": i["KV_zusatz"], "bundesland": "BE",
                   "pv_sachsen": "true" if i.get("state") == "Saxony"
                   else "false",
                   "pv_kinderlos": "true" if i.get(
                       "PV_childless_surcharge") == "yes" else "false",
                   "vector_re4": i["AE"]}
            packs = PACKS + [tp]
            res, rej, err = vlib.calc(packs, [emp], "2025-06",
                                      frequency="monthly")
            with tempfile.TemporaryDirectory() as d2:
                ep = os.path.join(d2, "e.csv")
                vlib.write_csv(ep, list(emp), [emp])
                args = [vlib.CALC]
                for p in packs:
                    args += ["-r", p if os.path.isabs(p) else
                             os.path.join(vlib.ROOT, p)]
                args += ["-p", "2025-06", "-f", "monthly", "-q", "--explain", cid,
                         "-o", os.devnull, ep]
                p = subprocess.run(args, capture_output=True, text=True)
        vals = {}
        for line in (p.stdout + p.stderr).splitlines():
            m = re.match(r"^  ([a-z_][a-z0-9_]*) = (\S+)$", line)
            if m:
                vals[m.group(1)] = m.group(2)
        out = res.get(cid)
        if out is None:
            print("  no result for %s: %s %s" % (cid, rej, err.strip()))
        for k, want in e.items():
            if k in WHERE:
                how, name = WHERE[k]
                got = (out or {}).get(name) if how == "col" else vals.get(name)
            elif k in ("SV_total", "SV_AN", "SV_AG"):
                cols = {"SV_total": AN + AG, "SV_AN": AN, "SV_AG": AG}[k]
                got = None if out is None else str(sum(
                    (Decimal(out[c]) for c in cols), Decimal(0)))
            else:
                t.check(cid, "expected %s understood" % k, "1", None)
                continue
            t.check(cid, k, want, got)
    return 0 if t.done() else 1


if __name__ == "__main__":
    sys.exit(main())
