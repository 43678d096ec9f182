#!/usr/bin/env python3
"""Every key payroll-export requires of a NACHA layout, each left out.

payroll-export reads its bank file's layout (rules/formats/nacha-*.yaml)
and refuses one that lacks a key it needs, naming the key, rather than
taking a default: the banking days' source, covers (from, to) and
holidays (docs/exports.md: an effective entry date "must be a banking
day of the layout's calendar ... Monday to Friday but the Federal
Reserve's holidays, dated, with their source and the years they cover";
without them a holiday would pass), the format, the block filler, the line end, and the four
transaction codes.  Each case is the shipped layout, read and written
again by PyYAML with that one key taken out: status 3 and "no 'KEY'
here" on standard error, and no bank file.  The layout written again
whole is taken (status 0), so that a refusal is the missing key's.
The results are tests/cli/t3001's two credits, paid 2026-06-30.
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
T3001 = os.path.join(ROOT, "tests", "cli", "t3001-payroll-export-nacha-sample")
t = vlib.Tally("nacha layout keys")
KEYS = [("banking_days", "source"), ("banking_days", "covers"),
        ("banking_days", "covers", "from"), ("banking_days", "covers", "to"),
        ("banking_days", "holidays"), ("format",), ("block_filler",),
        ("line_end",), ("transaction_codes",),
        ("transaction_codes", "checking"), ("transaction_codes", "savings"),
        ("transaction_codes", "checking_prenote"),
        ("transaction_codes", "savings_prenote")]

with open(os.path.join(ROOT, "rules", "formats", "nacha-2026.yaml")) as f:
    layout = yaml.safe_load(f)
with tempfile.TemporaryDirectory() as d:
    res = os.path.join(d, "results.csv")
    with open(os.path.join(T3001, "results.csv")) as f:
        text = f.read().replace("2025-06", "2026-06")
    with open(res, "w") as f:
        f.write(text)

    def run(doc, what):
        lp = os.path.join(d, "nacha-2026.yaml")
        out = os.path.join(d, "out.ach")
        with open(lp, "w") as f:
            yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True)
        if os.path.exists(out):
            os.remove(out)
        p = subprocess.run([PE, "-F", "nacha", "--unchecked", "-L", lp, "-c",
                            os.path.join(T3001, "company.yaml"), "-o", out,
                            res], capture_output=True, text=True)
        return p.returncode, p.stderr, os.path.exists(out)

    st, err, wrote = run(layout, "whole")
    t.ok(st == 0 and wrote, "the layout written again whole: status 0 and "
         "a bank file (got %d: %s)" % (st, err.strip()[-300:]))
    for path in KEYS:
        doc = yaml.safe_load(yaml.safe_dump(layout))
        m = doc
        for k in path[:-1]:
            m = m[k]
        del m[path[-1]]
        st, err, wrote = run(doc, path[-1])
        t.ok(st == 3 and "no '%s' here" % path[-1] in err and not wrote,
             "%s left out: status 3, \"no '%s' here\", no file (got %d, %s: "
             "%s)" % (".".join(path), path[-1], st, wrote,
                      err.strip()[-200:]))

sys.exit(0 if t.done() else 1)
