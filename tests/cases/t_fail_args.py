"""fail() with values after its message (docs/rules.md): the message in
quotes, then strings and enums as they are (a masked input masked),
numbers with their digits (a quotient that does not terminate rounded to
24 places, as elsewhere), dates YYYY-MM-DD; and the load errors for a
message not in quotes or a value of another type.  The expected texts
follow from the rule language's definitions, not from running the code."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

t = vlib.Tally("fail() arguments")
PACK = "tests/cases/packs/fail_args.yaml"


def reason(**kw):
    e = {"employee_id": "E1"}
    e.update(kw)
    out, rej, _ = vlib.calc([PACK], [e], "2026-06", pay_date="2026-06-30")
    if "E1" in out:
        return None
    return (rej[0].get("message", "") if rej else "").split("formula 'x': ")[-1]


t.check_str("code-date", "message", "no sourced rate for PSD-9 (beta) on 2026-06-30",
            reason(code="PSD-9", kind="beta"))
# 1 / 3 * 3 + 0.5 = 1.5 exactly; 2 / 3 written to 24 places, half up.
t.check_str("numbers", "message", "n=1.5 q=0.666666666666666666666667",
            reason(code="num"))
# A masked input: four stars and the last four characters.
t.check_str("masked", "message", "id ****6789", reason(code="secret", secret="123-45-6789"))
out, _, _ = vlib.calc([PACK], [{"employee_id": "E1", "code": "ok"}], "2026-06")
t.check("no-fail", "x", "1", out.get("E1", {}).get("x"))

for name, expr, want in (
        ("not-quoted", "fail(code)", "fail() takes a message in quotes"),
        ("bool-value", "fail('x', true)",
         "fail() writes strings, numbers and dates after its message")):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write("pack: t\ninputs:\n  code: {type: string, default: ''}\n"
                "formulas:\n  y: \"if(code == 'a', 1, %s)\"\n"
                "outputs:\n  y: {kind: info}\n" % expr)
        p = f.name
    try:
        vlib.calc([p], [{"employee_id": "E1"}], "2026-06")
        got = "loaded"
    except RuntimeError as x:
        got = str(x)
    finally:
        os.unlink(p)
    t.check_str(name, "load error", True, want in got)
    if want not in got:
        print("  %s: wanted %r, got %s" % (name, want, got))
sys.exit(0 if t.done() else 1)
