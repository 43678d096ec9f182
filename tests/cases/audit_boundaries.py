#!/usr/bin/env python3
"""Audit of the boundary files per pack (issue 13 section 4): prints the
Markdown table of docs/testing.md, "Boundary files per pack".  For each
pack folder it counts, from the text of the pack and of the boundary
files that load it: the dated changes inside covers: whose date appears
in the files, whether the 2026 tax-year start appears, whether the files
give balances to date, the pack's roundings and the word "tie" in the
files, and the outputs named.  Indicators for a reader, not a test (the
name does not start with t_, so tests/run.sh does not run it)."""
import glob, os, re, sys, yaml
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.chdir(ROOT)
def packtext(d):
    fs = sorted(glob.glob(d + "/*.yaml"))
    return fs, "\n".join(open(f).read() for f in fs)
def outputs(fs):
    outs = set()
    for f in fs:
        try: y = yaml.safe_load(open(f))
        except Exception: continue
        if isinstance(y, dict) and isinstance(y.get("outputs"), dict):
            outs |= set(y["outputs"])
    return outs
def covers(fs):
    for f in fs:
        y = yaml.safe_load(open(f))
        if isinstance(y, dict) and "covers" in y: return y["covers"]
    return None
def chunk_us_a(st):
    s = open("tests/cases/t_us_states_a.py").read().split("\n")
    idx = [i for i, l in enumerate(s) if re.search(r'run\("%s-' % st, l)]
    if not idx: return ""
    # include comments above the first run line of the block
    a = idx[0]
    while a > 0 and s[a-1].startswith("#"): a -= 1
    return "\n".join(s[a:idx[-1] + 4])
def sui_chunk(st):
    y = yaml.safe_load(open("tests/cases/sui.yaml"))["cases"]
    txt = open("tests/cases/sui.yaml").read()
    ids = [c["id"] for c in y if c.get("employee", {}).get("work_state") == st.upper()
           or st.lower() in (c.get("states") or [])]
    out = []
    lines = txt.split("\n")
    for cid in ids:
        for i, l in enumerate(lines):
            if re.search(r"id: %s\s*$" % re.escape(cid), l):
                a = i
                while a > 0 and lines[a-1].strip().startswith("#"): a -= 1
                b = i + 1
                while b < len(lines) and not lines[b].strip().startswith("- id:") and not lines[b].strip().startswith("#"): b += 1
                out.append("\n".join(lines[a:b]))
    return "\n".join(out)
TESTS = {
  "us/federal": ["tests/cases/t_boundaries.py", "tests/cases/t_us_boundaries.py", "tests/cases/t_form940.py"],
  "company/example": ["tests/cases/t_boundaries.py", "tests/cases/t_us_boundaries.py"],
  "uk/nic": ["tests/cases/t_boundaries.py", "tests/cases/t_uk_boundaries.py", "tests/cases/uk-year.yaml", "tests/cases/uk-sacrifice.yaml"],
  "uk/paye": ["tests/cases/t_uk_boundaries.py", "tests/cases/t_uk_paye_limit.py", "tests/cases/uk-sacrifice.yaml", "tests/cases/t_uk_p11db.py"],
  "uk/student-loans": ["tests/cases/t_uk_boundaries.py", "tests/cases/t_uk_student_loans.py"],
  "de/lohnsteuer": ["tests/cases/t_de_boundaries.py", "tests/cases/t_de_knappschaft.py", "tests/cases/t_de_minijob_midijob.py"],
  "de/sv": ["tests/cases/t_de_boundaries.py", "tests/cases/t_de_knappschaft.py", "tests/cases/t_de_minijob_midijob.py"],
  "ca/tax": ["tests/cases/t_ca_boundaries.py"],
  "ca/cpp-ei": ["tests/cases/t_ca_boundaries.py"],
}
rows = []
for d in sorted(glob.glob("rules/us/*")) + sorted(glob.glob("rules/uk/*")) + sorted(glob.glob("rules/de/*")) + sorted(glob.glob("rules/ca/*")) + ["rules/company/example"]:
    name = d[len("rules/"):]
    fs, txt = packtext(d)
    froms = sorted(set(re.findall(r"from: (\d{4}-\d\d-\d\d)", txt)))
    cov = covers(fs)
    rounds = len(re.findall(r"\b(?:round|trunc|floor|ceil)\(", txt))
    uses_ytd = bool(re.search(r"\bytd\.", txt))
    outs = outputs(fs)
    ttxt = ""
    files = []
    if name.startswith("us/") and name != "us/federal":
        st = name[3:]
        for pat in ("state-%s.yaml", "us-%s.yaml", "programs-%s.yaml", "local-%s.yaml"):
            p = "tests/cases/" + pat % st
            if os.path.exists(p):
                ttxt += open(p).read(); files.append(os.path.basename(p))
        c = chunk_us_a(st.upper())
        if c: ttxt += c; files.append("t_us_states_a.py")
        if st in ("il", "ak", "fl", "nh", "nv", "sd", "tn", "tx", "wy", "id", "ut", "ca", "dc", "wa"):
            ttxt += open("tests/cases/t_us_boundaries.py").read()
            files.append("t_us_boundaries.py")
        c = sui_chunk(st)
        if c: ttxt += c; files.append("sui.yaml")
    else:
        for p in TESTS.get(name, []):
            ttxt += open(p).read(); files.append(os.path.basename(p))
    dates = set(re.findall(r"\d{4}-\d\d-\d\d", ttxt))
    # from dates inside the pack's covers (earlier ones are history)
    lo = str(cov.get("from")) if cov else "0000"
    hi = str(cov.get("to")) if cov else "2026-12-31"
    fr = [f for f in froms if lo < f <= hi]
    hit = [f for f in fr if f in dates]
    outs_hit = [o for o in outs if re.search(r"\b%s\b" % re.escape(o), ttxt)]
    ties = len(re.findall(r"\btie", ttxt, re.I))
    ytdt = bool(re.search(r"\bytd\b|YTD", ttxt))
    ys = None
    for f in fs:
        y = yaml.safe_load(open(f))
        if isinstance(y, dict) and "year_start" in y: ys = y["year_start"]
    ysd = "2026-" + (ys or "01-01")
    eff = re.search(r"^effective: *(\w+)", txt, re.M)
    eff = eff.group(1) if eff else "pay_date"
    rows.append((ysd in dates, eff, name, files, len(hit), len(fr), sorted(set(fr) - set(hit)), rounds, ties, uses_ytd, ytdt, len(outs_hit), len(outs), sorted(outs - set(outs_hit))))

print("| Pack | Boundary files (tests/cases/) | Dated changes on their first day | 2026 tax-year start | YTD tests (pack keeps balances) | Roundings / \"tie\" in tests | Outputs named |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    (ys, eff, name, files, h, n, miss, rnd, ties, uy, ty, oh, on, omiss) = r
    dc = "%d/%d" % (h, n) + ("" if not miss else " (not: %s)" % ", ".join(miss))
    if eff != "pay_date": dc += " [effective: %s]" % eff
    print("| %s | %s | %s | %s | %s | %d / %d | %d/%d |" % (
        name, ", ".join(files) or "none", dc, "yes" if ys else "no",
        ("yes" if ty else "no") if uy else "n/a", rnd, ties, oh, on))
