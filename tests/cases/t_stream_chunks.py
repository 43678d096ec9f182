"""--stream-summary's stream_hash is "the same however the bytes were cut
into writes and reads" (cmd/stream.c; docs/cron.md): a run reading the
stream through a pipe in pieces of 1 to 13 bytes (none a multiple of the
hash's 8-byte word, so a word is carried from one read to the next) must
accept the summary of the run that wrote it in one piece, and write the
same records.  A stream with one byte changed is refused (status 1, a data error).
Nothing here compares with a figure computed by this code: the writer's
summary and the reader's check are two runs of the tool that must agree."""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "vectors"))
import vlib  # noqa: E402

BIN = os.path.join(vlib.ROOT, "bin")
t = vlib.Tally("stream_chunks")

PACK = ("inputs:\n"
        "  national_id: {type: string, required: true, unique: true}\n"
        "  hours: {type: integer, min: 0, max: 168, required: true}\n")


def feed(args, data, sizes):
    """Runs args with data written to its standard input in pieces of the
    given sizes (in turn), each flushed and followed by a short pause so
    that the reader's reads return them one by one."""
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    i = k = 0
    while i < len(data):
        n = sizes[k % len(sizes)]
        p.stdin.write(data[i:i + n])
        p.stdin.flush()
        i += n
        k += 1
        time.sleep(0.001)
    p.stdin.close()
    out = p.stdout.read()
    err = p.stderr.read()
    p.wait(timeout=60)
    return p.returncode, out, err.decode("utf-8", "replace")


with tempfile.TemporaryDirectory() as d:
    pk = os.path.join(d, "pack.yaml")
    with open(pk, "w") as f:
        f.write(PACK)
    ep = os.path.join(d, "emp.csv")
    with open(ep, "w") as f:
        f.write("name,hours,employee_id,national_id\n")
        for k in range(60):
            f.write("n%d,%d,E%d,A%d\n" % (k, k % 169, k, 1000 + k))
    sp = os.path.join(d, "sum.csv")
    hv = os.path.join(BIN, "hr-validate")
    with open(os.path.join(d, "out.csv"), "wb") as o:
        p = subprocess.run([hv, "-q", "-r", pk, "--stream-summary=" + sp, ep],
                           stdout=o, stderr=subprocess.PIPE)
    written = open(os.path.join(d, "out.csv"), "rb").read()
    summary = dict(l.split(",", 1) for l in
                   open(sp).read().splitlines()[1:]) if p.returncode == 0 \
        else {}
    # 60 records of "nK,H,EK,AK": the header and the records as read.
    t.check_str("writer", "status, records, bytes written",
                "0 60 %d" % len(written),
                "%d %s %s" % (p.returncode, summary.get("stream_records"),
                              summary.get("stream_bytes")))
    for sizes in ([1], [3, 5, 7], [13], [9, 2, 11, 6]):
        rc, out, err = feed([hv, "-q", "-r", pk, "--input-summary=" + sp,
                             "-"], written, sizes)
        t.check_str("pieces %s" % sizes, "accepted, the same records",
                    "0 True ", "%d %s %s" % (rc, out == written, err))
    bad = bytearray(written)
    bad[len(bad) // 2 + 3] ^= 1
    rc, out, err = feed([hv, "-q", "-r", pk, "--input-summary=" + sp, "-"],
                        bytes(bad), [3, 5, 7])
    t.check_str("changed", "one byte changed: refused, nothing written",
                "1 0 True", "%d %d %s" % (rc, len(out),
                                          "not that run's output" in err))

sys.exit(0 if t.done() else 1)
