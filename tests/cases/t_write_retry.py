#!/usr/bin/env python3
"""Standard output copied out whole when write(2) is interrupted or
short (cmd/output.c copy_out; POSIX write(): "If write() is interrupted
by a signal before it writes any data, it shall return -1 with errno set
to [EINTR]"; a write to a regular file, a pipe or a terminal may write
fewer bytes than asked, and the rest must be written again from there).

A preloaded shim (compiled here) makes every third write to standard
output fail with EINTR and every third write only 7 bytes; each tool's
output must then be byte for byte the output of the same run without
the shim, its status 0, and the shim must have been called (it counts
the writes it interrupted).  The outputs copied by copy_out: results of
payroll-calc and the register of payroll-export on standard output (a
file: spooled, copied at the end), and hr-validate's records under
--stream-summary with standard output a file (spooled by the stream
sink, copied from its spool).
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import vlib  # noqa: E402

ROOT = vlib.ROOT
BIN = os.path.join(ROOT, "bin")
t = vlib.Tally("write retry")
SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long calls, interrupted;
static ssize_t (*real)(int, const void *, size_t);

ssize_t
write(int fd, const void *buf, size_t len)
{
	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
		    "write");
	if (fd != 1 || len == 0)
		return real(fd, buf, len);
	switch (calls++ % 3) {
	case 0:
		interrupted++;
		errno = EINTR;
		return -1;
	case 1:
		return real(fd, buf, len < 7 ? len : 7);
	default:
		return real(fd, buf, len);
	}
}

__attribute__((destructor)) static void
report(void)
{
	const char *p = getenv("SHIM_LOG");
	char b[32];
	int fd;

	if (p == NULL || real == NULL ||
	    (fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return;
	snprintf(b, sizeof(b), "%lu\n", interrupted);
	real(fd, b, strlen(b));
	close(fd);
}
"""

tmp = tempfile.mkdtemp(prefix="write-retry.")
src = os.path.join(tmp, "shim.c")
so = os.path.join(tmp, "shim.so")
with open(src, "w") as f:
    f.write(SHIM)
cc = subprocess.run([os.environ.get("CC", "cc"), "-shared", "-fPIC", "-o",
                     so, src, "-ldl"], capture_output=True, text=True)
t.check_str("shim", "compiles", "0", "%d %s" % (cc.returncode, cc.stderr)
            if cc.returncode else "0")

T11 = os.path.join(ROOT, "tests", "cli", "t0011-payroll-calc-ytd")
T653 = os.path.join(ROOT, "tests", "cli", "t6653-common-progress-line")
# Records enough for several 64 KiB blocks: 5,000 x 51 bytes.
emp = os.path.join(tmp, "emp.csv")
with open(emp, "w") as f:
    f.write("employee_id,effective_date,hours,note\n")
    for i in range(1, 5001):
        f.write("E%05d,,40,padding-padding-padding-padding-padding\n" % i)
res = os.path.join(tmp, "res.csv")
subprocess.run([os.path.join(BIN, "payroll-calc"), "-q", "-r", "pack.yaml",
                "-p", "2026-11", "-y", "ytd.csv", "-o", res, "emp.csv"],
               cwd=T11, capture_output=True)
CASES = [
    ("payroll-calc results", T11,
     ["payroll-calc", "-q", "-r", "pack.yaml", "-p", "2026-11", "-y",
      "ytd.csv", "emp.csv"]),
    ("payroll-export register", T11,
     ["payroll-export", "-F", "register", "-r", "pack.yaml", res]),
    ("hr-validate --stream-summary", T653,
     ["hr-validate", "-q", "-r", "pack.yaml", "-p", "2026-11",
      "--stream-summary=" + os.path.join(tmp, "sum.csv"), "-o", "-", emp]),
]
for name, cwd, argv in CASES:
    outs = []
    for shim in (False, True):
        out = os.path.join(tmp, "out-%s.txt" % shim)
        log = os.path.join(tmp, "shim.log")
        if os.path.exists(log):
            os.remove(log)
        env = dict(os.environ, LC_ALL="C")
        if shim:
            env.update(LD_PRELOAD=so, SHIM_LOG=log)
        with open(out, "wb") as f:
            p = subprocess.run([os.path.join(BIN, argv[0])] + argv[1:],
                               cwd=cwd, stdout=f, stderr=subprocess.PIPE,
                               env=env, timeout=60)
        t.check_str(name, "status 0" + (" with the shim" if shim else ""),
                    "0", "%d %s" % (p.returncode, p.stderr.decode()[:300])
                    if p.returncode else "0")
        outs.append(open(out, "rb").read())
        if shim:
            n = open(log).read().strip() if os.path.exists(log) else "0"
            t.check_str(name, "writes interrupted", True, int(n) >= 1)
    t.check_str(name, "an output", True, len(outs[0]) > 0)
    t.check_str(name, "the same bytes", True, outs[0] == outs[1])

shutil.rmtree(tmp)
sys.exit(0 if t.done() else 1)
