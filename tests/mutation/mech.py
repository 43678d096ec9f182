#!/usr/bin/env python3
"""A mechanical mutation campaign's mutants: many lines, drawn as draw.py
draws them, each given the mutation of draw.py's first rule, with no one
choosing (a campaign measures a part's survival rate and finds its gaps;
the sample of issue 13 is still drawn by draw.py and written by a person).

    python3 tests/mutation/mech.py SEED PART N

PART is lib (libpayroll/*.c), cmd (cmd/**/*.c) or rules (rules/**/*.yaml).
Prints one JSON array a line: [file, line, old text, new text], new text
"" when no rule applies.  The rules, in order (draw.py's docstring):
  C: a comparison's boundary moved (< and <=, > and >=), == and != swapped;
     + and -, * and / swapped; ++ or -- dropped; && and || swapped; a
     negation dropped; a number plus one; a return value replaced by the
     other outcome.
  packs: a from: date a day later; half_up to half_even, half_even and
     down to half_up; a number's first two differing adjacent digits
     swapped (a one-digit number plus one); an operator swapped.
It is blind: a mutation it makes may be equivalent, or touch what a
reader would not (a digit in a key's description); judge the survivors.
"""
import datetime, json, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
_src = open(os.path.join(HERE, "draw.py"), encoding="utf-8").read()
draw = {"__file__": os.path.join(HERE, "draw.py"), "__name__": "draw"}
exec(_src.rsplit("\nmain()", 1)[0], draw)   # chdirs to the tree's root

def blank(s):
    """s, the same length, with literals' contents and comments blanked."""
    s = re.sub(r'"(\\.|[^"\\])*"', lambda m: '"' + "_" * (len(m.group(0)) - 2) + '"', s)
    s = re.sub(r"'(\\.|[^'\\])*'", lambda m: "'" + "_" * (len(m.group(0)) - 2) + "'", s)
    s = re.sub(r"/\*.*?\*/", lambda m: " " * len(m.group(0)), s)
    i = s.find("//")
    return s if i < 0 else s[:i] + " " * (len(s) - i)

def swap(line, m, new, g=0):
    return line[:m.start(g)] + new + line[m.end(g):]

def c_mutation(line):
    b = blank(line)
    if b.lstrip().startswith("#include"):
        return None
    b = b.replace("->", "  ").replace("<<", "  ").replace(">>", "  ")
    m = re.search(r"<=|>=|==|!=|<|>", b)
    if m:
        return swap(line, m, {"<": "<=", "<=": "<", ">": ">=", ">=": ">",
                              "==": "!=", "!=": "=="}[m.group(0)])
    m = re.search(r"\s([-+*/])\s", b)
    if m:
        return swap(line, m, {"+": "-", "-": "+", "*": "/", "/": "*"}[m.group(1)], 1)
    m = re.search(r"\+\+|--", b)
    if m:
        return swap(line, m, "")
    m = re.search(r"&&|\|\|", b)
    if m:
        return swap(line, m, "||" if m.group(0) == "&&" else "&&")
    m = re.search(r"!(?=[\w(])", b)
    if m:
        return swap(line, m, "")
    m = re.search(r"(?<![\w.])(\d+)(?![\w.])", b)
    if m:
        return swap(line, m, str(int(m.group(1)) + 1), 1)
    m = re.search(r"\breturn\s+([^;]+);", b)
    if m:
        v = m.group(1).strip()
        alt = {"0": "-1", "-1": "0", "1": "0", "true": "false",
               "false": "true", "PAYROLL_OK": "-1"}.get(v, "0")
        return None if alt == v else swap(line, m, alt, 1)
    return None

def yaml_mutation(line):
    code = line.split(" #", 1)[0]
    m = re.search(r"from:\s*['\"]?(\d{4})-(\d\d)-(\d\d)", code)
    if m:
        d = datetime.date(*(int(m.group(i)) for i in (1, 2, 3)))
        return line[:m.start(1)] + (d + datetime.timedelta(days=1)).isoformat() + line[m.end(3):]
    m = re.search(r"\b(half_up|half_even|down)\b", code)
    if m:
        return swap(line, m, {"half_up": "half_even", "half_even": "half_up",
                              "down": "half_up"}[m.group(1)], 1)
    key = re.match(r"\s*-?\s*[A-Za-z_][\w-]*:", code)
    m = re.compile(r"(?<![\w.])\d[\d.]*").search(code, key.end() if key else 0)
    if m:
        t = m.group(0).rstrip(".")
        digits = [i for i, ch in enumerate(t) if ch.isdigit()]
        for a, b in zip(digits, digits[1:]):
            if t[a] != t[b]:
                t2 = list(t)
                t2[a], t2[b] = t2[b], t2[a]
                return line[:m.start()] + "".join(t2) + line[m.start() + len(t):]
        if len(digits) == 1:
            return line[:m.start()] + str(int(t) + 1) + line[m.start() + len(t):]
    m = re.search(r"\s([-+*/<>])\s", code)
    if m:
        return swap(line, m, {"+": "-", "-": "+", "*": "/", "/": "*",
                              "<": "<=", ">": ">="}[m.group(1)], 1)
    return None

def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("lib", "cmd", "rules"):
        sys.exit("usage: mech.py SEED lib|cmd|rules N")
    seed, part, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    pattern, lines_of = {"lib": ("libpayroll/*.c", draw["c_lines"]),
                         "cmd": ("cmd/**/*.c", draw["c_lines"]),
                         "rules": ("rules/**/*.yaml", draw["yaml_lines"])}[part]
    lines = draw["part"](pattern, lines_of)
    mutate = yaml_mutation if part == "rules" else c_mutation
    for p, ln, _ in random.Random(seed).sample(lines, min(n, len(lines))):
        old = open(p, encoding="utf-8").read().split("\n")[ln - 1]
        print(json.dumps([p, ln, old, mutate(old) or ""]))

main()
