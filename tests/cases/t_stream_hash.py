#!/usr/bin/env python3
"""--stream-summary's stream_hash against its definition (docs/cron.md,
"stream_hash"), written here in Python from that text: for outputs of 18
and 23 to 30 bytes and a long one (every length modulo 8, so every count of
bytes left over after the whole words), the hash hr-validate writes in its summary is
the hash of the bytes it wrote, and stream_bytes their number.  A
summary written by one build must be read by another, so the hash is a
format, not a private detail."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

BIN = os.path.join(vlib.ROOT, "bin")
t = vlib.Tally("stream_hash")
M = (1 << 64) - 1


def mix(h, w):
    x = ((h ^ w) * 0xFF51AFD7ED558CCD) & M
    return x ^ (x >> 32)


def stream_hash(data):
    h = 0x9E3779B97F4A7C15
    n8 = len(data) - len(data) % 8
    for i in range(0, n8, 8):
        h = mix(h, int.from_bytes(data[i:i + 8], "little"))
    rest = data[n8:]
    h = mix(h, int.from_bytes(rest, "little") | len(rest) << 56)
    h = mix(h, len(data))
    return "%016x" % h


PACK = "inputs:\n  hours: {type: integer, min: 0, max: 168, required: true}\n"
with tempfile.TemporaryDirectory() as d:
    pack = os.path.join(d, "pack.yaml")
    with open(pack, "w") as f:
        f.write(PACK)
    # The output is the header "employee_id,hours\n" (18 bytes) and the
    # records: none, then one record "E" + k x "x" + ",40\n" of 5 + k
    # bytes for k = 0 to 7 (23 to 30 bytes: every length modulo 8).
    cases = [""]
    for k in range(0, 8):
        cases.append("E%s,40\n" % ("x" * k))
    cases.append("".join("E%05d,%d\n" % (i, i % 169) for i in range(3000)))
    seen = []
    for i, body in enumerate(cases):
        inp = os.path.join(d, "in.csv")
        with open(inp, "w") as f:
            f.write("employee_id,hours\n" + body)
        summ = os.path.join(d, "sum%d.csv" % i)
        p = subprocess.run([os.path.join(BIN, "hr-validate"), "-q", "-r",
                            pack, "-p", "2026-11", "--stream-summary=" + summ,
                            "-o", "-", inp], capture_output=True)
        what = "%d records, %d bytes" % (body.count("\n"), len(p.stdout))
        seen.append(len(p.stdout))
        t.check_str(what, "status 0", "0", "%d %s" % (
            p.returncode, p.stderr.decode()[:200]) if p.returncode else "0")
        got = dict(l.split(",", 1) for l in
                   open(summ).read().splitlines()[1:]) \
            if os.path.exists(summ) else {}
        t.check_str(what, "stream_bytes", str(len(p.stdout)),
                    got.get("stream_bytes"))
        t.check_str(what, "stream_hash", stream_hash(p.stdout),
                    got.get("stream_hash"))
    # Every count of bytes left over after the whole words, 0 to 7.
    t.check_str("lengths", "modulo 8", "0 1 2 3 4 5 6 7", " ".join(
        sorted(set(str(n % 8) for n in seen))))
sys.exit(0 if t.done() else 1)
