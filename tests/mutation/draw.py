#!/usr/bin/env python3
"""Draws the lines of a mutation sample at random, so that the sample is
not chosen by someone who knows which tests exist.

    python3 tests/mutation/draw.py SEED [N_LIB N_CMD N_RULES]

Prints, for each of the three parts of the tree (libpayroll/*.c, the
tools' cmd/**/*.c, the packs and formats rules/**/*.yaml; 12, 9 and 9
lines by default, as in sample 5), that many lines drawn at random
(random.Random(SEED)) from the part's "mutable" lines, then ten spare
lines per part: "file:line: text".  A person then writes one plausible
one-line mutation of each drawn line (an operator, a bound, a constant,
a rounding mode, a date) into mutants.txt, before running anything; a
line with no plausible mutation, or whose mutation is equivalent, is
replaced by the next spare line of its part, and the note says so.

The mutation of a drawn line is chosen by the first rule that applies,
so that the person writing it has little choice:
  C: a comparison's boundary moved (< and <=, > and >=) or, for == and
     !=, the test inverted; else an arithmetic operator off by one (+ 1
     added or dropped) or swapped (+ and -, * and /); else a logical
     operator swapped (&& and ||) or a negation dropped; else a number
     changed by one; else a returned value replaced by the other outcome
     (success and failure, 0 and -1, true and false); else the statement
     dropped.
  packs: a `from:` date a day later; else a rounding mode changed
     (half_up to half_even, half_even to half_up, down to half_up) or
     its places by one; else a number typed with two adjacent digits
     swapped (or, for one digit, changed by one); else an operator or
     comparison as in C; else a string value's key or code changed.
When the first rule's change makes no difference a reader can see (an
equivalent mutant), the next rule applies; when none gives one, the
line is replaced by the next spare.

A mutable line has code a mutation can change: in C, an operator, a
comparison, a number or a return, outside comments and outside a
string's text (a message's wording is not drawn); in a pack, a value
(a number, a percentage, a date, a formula or a rounding mode) in a
block in force on or after 1 January 2025, outside comments and
prose (source:, description: and the like, and their folded lines).
"""
import glob, os, random, re, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.chdir(ROOT)

# a comparison, an arithmetic or logical operator between operands, an
# increment, a conditional, a number, or a return of an expression
C_CODE = re.compile(r"[<>]=?|[=!]=|\s[-+*/%]\s|\+\+|--|&&|\|\||![\w(]|\?|"
                    r"\b\d|\breturn\s+[^;\s]")

def c_lines(path):
    out = []
    incomment = False
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        s = line
        if incomment:
            if "*/" not in s:
                continue
            s = s.split("*/", 1)[1]
            incomment = False
        s = re.sub(r"/\*.*?\*/", "", s)
        if "/*" in s:
            s = s.split("/*", 1)[0]
            incomment = True
        s = re.sub(r"//.*", "", s)
        code = re.sub(r'"(\\.|[^"\\])*"', '""', s)
        code = re.sub(r"'(\\.|[^'\\])*'", "''", code)
        code = code.replace("->", ".").replace("#include <", "")
        st = code.strip()
        if not st or st.startswith("#include") or st in ("{", "}", "};"):
            continue
        if C_CODE.search(code):
            out.append((path, n, line.rstrip()))
    return out

# keys whose values are prose for a reader, not rules
TEXT_KEY = re.compile(r"^-?\s*(source|description|form|title|label|help|"
                      r"message|note|name):")

def yaml_lines(path):
    out = []
    year = None
    text_indent = None
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        s = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
        st = s.strip()
        ind = len(line) - len(line.lstrip())
        if text_indent is not None:
            if not st or ind > text_indent:
                continue
            text_indent = None
        if TEXT_KEY.match(st):
            if re.search(r":\s*[>|][-+]?\s*$", st):
                text_indent = ind
            continue
        if not st:
            continue
        m = re.match(r"-?\s*from:\s*(\d{4})", st)
        if m:
            year = int(m.group(1))
        elif re.match(r"^[a-z_0-9]+:\s*$", st):
            pass
        if year is not None and year < 2025:
            # a new key at the indentation of a parameter ends the block
            if re.match(r"^  [a-z_0-9]+:", line):
                year = None
            else:
                continue
        if re.match(r"^  [a-z_0-9]+:", line):
            year = None
        if re.search(r"\d|round\(|half_|[+*/<>]", st):
            out.append((path, n, line.rstrip()))
    return out

def part(pattern, fn):
    lines = []
    for p in sorted(glob.glob(pattern, recursive=True)):
        lines.extend(fn(p))
    return lines

def main():
    if len(sys.argv) not in (2, 5):
        sys.exit("usage: draw.py SEED [N_LIB N_CMD N_RULES]")
    rng = random.Random(sys.argv[1])
    want = [int(x) for x in sys.argv[2:]] or [12, 9, 9]
    parts = [("libpayroll", part("libpayroll/*.c", c_lines)),
             ("tools", part("cmd/**/*.c", c_lines)),
             ("rules", part("rules/**/*.yaml", yaml_lines))]
    for (name, lines), k in zip(parts, want):
        pick = rng.sample(lines, k + 10)
        print("# %s: %d of %d mutable lines, then 10 spares" % (name, k, len(lines)))
        for i, (p, n, t) in enumerate(pick):
            print("%s%s:%d: %s" % ("spare " if i >= k else "", p, n, t.strip()))

main()
