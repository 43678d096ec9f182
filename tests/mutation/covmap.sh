#!/bin/sh
# Which runner executes which line: the map a mutation campaign
# (camp.py) needs to run, for a mutant, only the runners that can see it.
#
#   sh tests/mutation/covmap.sh DIR
#   COVMAP_RUNNERS='tests/unit/t_dec tests/cases/t_x.py' sh tests/mutation/covmap.sh DIR
#
# Copies the tree (tracked files and new ones git does not ignore) to
# DIR/tree, builds it with gcov instrumentation, then runs every runner of
# `make check-all` alone (each unit test, each vector and case runner,
# each shell suite), and after each writes:
#   DIR/map.txt     "RUNNER file.c:LINE" for every C line it executed
#   DIR/calls.log   "RUNNER rules/..." for every pack file it opened
#                   (through strace(1); empty without it)
#   DIR/times.txt   "RUNNER SECONDS"
# and at the end DIR/unexec.txt: the lines draw.py could draw that no
# runner executed (certain survivors, unless unreachable).  Lines reached
# only by tests/fault count as unexecuted: a process that dies of an
# injected failure writes no coverage.  Takes about as long as
# `make check-all` twice.
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
[ $# -eq 1 ] || { echo "usage: covmap.sh DIR" >&2; exit 2; }
D=$(mkdir -p "$1" && cd "$1" && pwd) || exit 2
T=$D/tree
rm -rf "$T" "$D/g"
mkdir -p "$T" || exit 2
git -C "$SRC" ls-files -z -co --exclude-standard |
    (cd "$SRC" && tar cf - --null --no-recursion --ignore-failed-read -T -) |
    (cd "$T" && tar xf -) || exit 2
[ -d "$SRC/tests/node_modules" ] && cp -a "$SRC/tests/node_modules" "$T/tests/"
cd "$T" || exit 2
flags='CFLAGS=-O0 -g --coverage'
make -j2 "$flags" LDFLAGS=--coverage all >"$D/build.log" 2>&1 &&
    make -j2 "$flags" LDFLAGS=--coverage \
    $(ls tests/unit/*.c | sed 's/\.c$//') >>"$D/build.log" 2>&1 ||
    { tail -n 20 "$D/build.log"; exit 2; }
: >"$D/map.txt"
: >"$D/calls.log"
: >"$D/times.txt"
: >"$D/instr.txt"
tracer=
command -v strace >/dev/null 2>&1 &&
    tracer="strace -f -qq -e trace=openat,open -o $D/st.out"
runners=
for t in tests/unit/t_*; do
	case "$t" in *.c|*.h) continue ;; esac
	[ -x "$t" ] && runners="$runners $t"
done
# the suites of tests/run.sh's full tier
for v in tests/vectors/t_*.py tests/cases/t_*.py; do
	runners="$runners $v"
done
for s in cli bad unix readme formats filings demo multistate stream fault \
    scale ssh; do
	runners="$runners tests/$s/run.sh"
done
runners=${COVMAP_RUNNERS:-$runners}
for r in $runners; do
	find . -name '*.gcda' -delete
	case "$r" in
	*.py) set -- python3 "$r" ;;
	*.sh) set -- sh "$r" ;;
	*) set -- "$r" ;;
	esac
	t0=$(date +%s)
	: >"$D/st.out"
	$tracer timeout 900 "$@" >/dev/null 2>&1
	echo "$r $(($(date +%s) - t0))" >>"$D/times.txt"
	grep -o '"[^"]*rules/[^"]*"' "$D/st.out" | tr -d '"' |
	    sed 's|^.*rules/|rules/|' | sort -u | sed "s|^|$r |" >>"$D/calls.log"
	rm -rf "$D/g"
	mkdir -p "$D/g"
	for o in $(find . -name '*.gcda' -printf '%h\n' | sort -u); do
		(cd "$D/g" && gcov -j -p -o "$T/$o" "$T/$o"/*.gcda) \
		    >/dev/null 2>&1
	done
	python3 - "$r" "$D" "$T" <<'PY' >>"$D/map.txt"
import glob, gzip, json, os, sys
r, d, t = sys.argv[1:]
seen, instr = set(), set()
for f in glob.glob(os.path.join(d, "g", "*.gcov.json.gz")):
    for fi in json.load(gzip.open(f))["files"]:
        n = os.path.relpath(os.path.join(t, fi["file"]), t)
        if not n.startswith(("libpayroll/", "cmd/")):
            continue
        for l in fi["lines"]:
            k = "%s:%d" % (n, l["line_number"])
            instr.add(k)
            if l["count"] > 0:
                seen.add(k)
for k in sorted(seen):
    print(r, k)
with open(os.path.join(d, "instr.txt"), "a") as fp:
    fp.writelines(k + "\n" for k in sorted(instr))
PY
done
rm -rf "$D/g" "$D/st.out"
python3 - "$D" <<'PY'
import os, sys
d = sys.argv[1]
src = open("tests/mutation/draw.py").read().rsplit("\nmain()", 1)[0]
g = {"__file__": os.path.abspath("tests/mutation/draw.py"), "__name__": "draw"}
exec(src, g)
instr = set(l.strip() for l in open(os.path.join(d, "instr.txt")))
cov = set(l.split()[1] for l in open(os.path.join(d, "map.txt")))
with open(os.path.join(d, "unexec.txt"), "w") as out:
    for pat in ("libpayroll/*.c", "cmd/**/*.c"):
        for p, n, text in g["part"](pat, g["c_lines"]):
            k = "%s:%d" % (p, n)
            if k in instr and k not in cov:
                out.write("%s: %s\n" % (k, text.strip()))
PY
echo "covmap.sh: $(wc -l <"$D/times.txt") runners; $(wc -l <"$D/unexec.txt") drawable lines no runner executed ($D/unexec.txt)"
