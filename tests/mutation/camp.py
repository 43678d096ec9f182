#!/usr/bin/env python3
"""Runs a campaign's mutants (mech.py's lines) against the runners that
can see each, with covmap.sh's map.

    python3 tests/mutation/camp.py MUTANTS.jsonl OUT MAPDIR

Works in the tree it is run from, which it edits: run it in a spare
copy (a git worktree, built with `make all` and the unit tests), never in
one you are editing.  For each mutant: writes the new line; for a C file
rebuilds; runs, quickest first (MAPDIR/times.txt), the runners that opened
the pack (MAPDIR/calls.log, and t_covers and t_us_pack_shape, which load
every pack) or executed the C line (MAPDIR/map.txt), stopping at the
first that fails (as tests/run.sh counts a failure); restores the line;
and appends to OUT one line:
    KILLED|SURVIVED|UNCOVERED|BUILD|NOMUT file:line | old | new | by | N runners
UNCOVERED: no runner executed the C line; BUILD: the mutant does not
compile; NOMUT: no rule applies.  The runners are run with the tree as
it is (no baseline): start from a tree whose `make check-all` passes.
"""
import json, os, re, subprocess, sys

def load(path):
    return [l.split() for l in open(path)] if os.path.exists(path) else []

def failed(r):
    cmd = ["python3", r] if r.endswith(".py") else (["sh", r] if r.endswith(".sh") else [r])
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                           timeout=900)
    except subprocess.TimeoutExpired:
        return True
    return p.returncode != 0 or re.search(r"^not ok|^[^ ].*: [0-9]+ passed, [1-9][0-9]* failed",
                                          p.stdout + p.stderr, re.M) is not None

def main():
    if len(sys.argv) != 4:
        sys.exit("usage: camp.py MUTANTS.jsonl OUT MAPDIR")
    muts = [json.loads(l) for l in open(sys.argv[1])]
    out = open(sys.argv[2], "a")
    d = sys.argv[3]
    secs = {r: float(s) for r, s in load(os.path.join(d, "times.txt"))}
    opened, cover = {}, {}
    for r, f in load(os.path.join(d, "calls.log")):
        opened.setdefault(r, set()).add(f)
    for r, fl in load(os.path.join(d, "map.txt")):
        cover.setdefault(fl, []).append(r)
    units = "make -j2 " + " ".join("tests/unit/" + f[:-2] for f in
                                   sorted(os.listdir("tests/unit")) if f.endswith(".c"))
    for p, ln, old, new in muts:
        if not new or new == old:
            out.write("NOMUT %s:%d | %s\n" % (p, ln, old.strip()))
            out.flush()
            continue
        text = open(p, encoding="utf-8").read().split("\n")
        if text[ln - 1] != old:
            sys.exit("camp.py: %s:%d is not the line drawn (the tree moved?)" % (p, ln))
        if p.endswith(".yaml"):
            rs = [r for r, fs in opened.items()
                  if any(p == f or p.startswith(f + "/") for f in fs)]
            rs += ["tests/cases/t_covers.py", "tests/cases/t_us_pack_shape.py"]
        else:
            rs = cover.get("%s:%d" % (p, ln), [])
        rs = sorted(set(rs), key=lambda r: (secs.get(r, 999), r))
        text[ln - 1] = new
        open(p, "w", encoding="utf-8").write("\n".join(text))
        res, by = "SURVIVED", ""
        try:
            if p.endswith(".c"):
                if subprocess.run(["make", "-j2", "all"], capture_output=True).returncode:
                    res, rs = "BUILD", []
                else:
                    subprocess.run(units, shell=True, capture_output=True)
                    if not rs:
                        res = "UNCOVERED"
            for r in rs:
                if failed(r):
                    res, by = "KILLED", r
                    break
        finally:
            text[ln - 1] = old
            open(p, "w", encoding="utf-8").write("\n".join(text))
        out.write("%s %s:%d | %s | %s | %s | %d runners\n"
                  % (res, p, ln, old.strip(), new.strip(), by, len(rs)))
        out.flush()
    if any(m[0].endswith(".c") for m in muts):
        subprocess.run("make -j2 all && " + units, shell=True, capture_output=True)

main()
