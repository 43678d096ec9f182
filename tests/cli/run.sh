#!/bin/sh
# tests/cli/run.sh: golden tests of the command-line tools (git test_cmp,
# jq.test, Miller regtest, OpenBSD regress).
#
# Each directory tests/cli/tNNNN-<tool>-<what>/ holds:
#   cmd      a shell script, run with sh in that directory, with
#            BIN   the project's bin/ (absolute),
#            ROOT  the project root (absolute),
#            T     an empty scratch directory of its own (absolute),
#            LC_ALL=C, TZ=UTC and standard input from /dev/null;
#   stdout, stderr, status
#            what it must print and its exit status; a missing file means
#            empty output or status 0;
#   anything else the command reads (inputs, packs).
# Before comparing, the absolute paths of T, BIN and ROOT in the output
# are written back as $T, $BIN and $ROOT, so expected files do not depend
# on where the tree is.
#
# usage: sh tests/cli/run.sh [--bless | --valgrind] [name-or-prefix ...]
#   Prints one TAP line per test, the differences of a failing test as
#   '# ' lines, and "# N passed, M failed" at the end; exit 1 on failure.
#   --bless rewrites the expected files from what the commands do now:
#   review the changes (git diff tests/cli) before committing them.
#   --valgrind runs every tool of bin/ under valgrind (memcheck, leaks)
#   and fails a test whose runs report an error or a definite leak.
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
BIN=$ROOT/bin
export ROOT BIN
bless=0
vg=0
case "${1-}" in
--bless)
	bless=1
	shift ;;
--valgrind)
	vg=1
	shift ;;
esac
# A tool run as root with -o /dev/null renames its temporary file over
# the device; every later comparison with /dev/null would then be wrong.
if [ ! -c /dev/null ]; then
	echo "Bail out! /dev/null is not a character device (was a tool run"
	echo "# with -o /dev/null as root?): restore it with"
	echo "# rm /dev/null && mknod -m 666 /dev/null c 1 3"
	exit 2
fi
# A private directory: make check (tests/run.sh) empties tests/out, and
# others may run it while this runs.
out=$(mktemp -d "${TMPDIR:-/tmp}/payroll-cli.XXXXXX") || exit 2
trap 'rm -rf "$out"' EXIT
trap 'exit 2' INT TERM HUP
REALBIN=$BIN
if [ $vg -eq 1 ]; then
	command -v valgrind >/dev/null 2>&1 ||
	    { echo "Bail out! valgrind not found"; exit 2; }
	# The tools, each through valgrind, in a bin/ of their own.
	BIN=$out/vgbin
	mkdir -p "$BIN" "$out/vglog"
	for t in "$REALBIN"/*; do
		[ -x "$t" ] || continue
		cat >"$BIN/$(basename "$t")" <<-EOF
		#!/bin/sh
		exec valgrind -q --leak-check=full \\
		    --errors-for-leak-kinds=definite \\
		    --log-file="$out/vglog/\$VG_TEST.$(basename "$t").%p" \\
		    "$t" "\$@"
		EOF
		chmod +x "$BIN/$(basename "$t")"
	done
	: "${CLI_TIMEOUT:=1800}"
fi
if command -v timeout >/dev/null 2>&1; then
	limit="timeout ${CLI_TIMEOUT:-120}"
else
	limit=
fi

# The sed program that puts the placeholders back.
esc() {
	printf '%s\n' "$1" | sed 's/[][\\.*^$|]/\\&/g'
}

n=0
pass=0
fail=0
for d in tests/cli/t[0-9][0-9][0-9][0-9]-*/; do
	[ -d "$d" ] || continue
	name=$(basename "$d")
	if [ $# -gt 0 ]; then
		want=0
		for p in "$@"; do
			case "$name" in "$p"*) want=1 ;; esac
		done
		[ $want -eq 1 ] || continue
	fi
	n=$((n + 1))
	if [ ! -f "$d/cmd" ]; then
		echo "not ok $n - $name"
		echo "# no cmd file in $d"
		fail=$((fail + 1))
		continue
	fi
	T=$out/$name
	mkdir -p "$T"
	VG_TEST=$name
	export T VG_TEST
	(cd "$d" && LC_ALL=C TZ=UTC $limit sh ./cmd) \
	    >"$out/$name.out.raw" 2>"$out/$name.err.raw" </dev/null
	echo $? >"$out/$name.status"
	subst="s|$(esc "$T")|\$T|g; s|$(esc "$REALBIN")|\$BIN|g; s|$(esc "$BIN")|\$BIN|g; s|$(esc "$ROOT")|\$ROOT|g"
	sed "$subst" "$out/$name.out.raw" >"$out/$name.stdout"
	sed "$subst" "$out/$name.err.raw" >"$out/$name.stderr"

	if [ $bless -eq 1 ]; then
		for f in stdout stderr; do
			if [ -s "$out/$name.$f" ]; then
				cp "$out/$name.$f" "$d/$f"
			else
				rm -f "$d/$f"
			fi
		done
		if [ "$(cat "$out/$name.status")" != 0 ]; then
			cp "$out/$name.status" "$d/status"
		else
			rm -f "$d/status"
		fi
		echo "ok $n - $name # blessed"
		pass=$((pass + 1))
		continue
	fi

	bad=0
	: >"$out/$name.diff"
	for f in stdout stderr; do
		if [ -f "$d/$f" ]; then
			exp="$d/$f"
		else
			exp=/dev/null
		fi
		if ! cmp -s "$exp" "$out/$name.$f"; then
			bad=1
			echo "$f:" >>"$out/$name.diff"
			diff -u "$exp" "$out/$name.$f" | sed 1,2d \
			    >"$out/$name.d1"
			# diff -u shows a missing final LF; say so anyway.
			[ -s "$out/$name.d1" ] ||
			    echo "(the bytes differ)" >"$out/$name.d1"
			cat "$out/$name.d1" >>"$out/$name.diff"
		fi
	done
	if [ -f "$d/status" ]; then
		want=$(tr -d ' \n' <"$d/status")
	else
		want=0
	fi
	got=$(cat "$out/$name.status")
	if [ "$want" != "$got" ]; then
		bad=1
		echo "status: expected $want, got $got" >>"$out/$name.diff"
	fi
	if [ $vg -eq 1 ]; then
		for l in "$out/vglog/$name".*; do
			[ -s "$l" ] || continue
			bad=1
			echo "valgrind, $(basename "$l"):" >>"$out/$name.diff"
			cat "$l" >>"$out/$name.diff"
		done
	fi
	if [ $bad -eq 0 ]; then
		echo "ok $n - $name"
		pass=$((pass + 1))
		rm -rf "$T" "$out/$name".*
	else
		echo "not ok $n - $name"
		head -n 60 "$out/$name.diff" | sed 's/^/# /'
		[ "$(wc -l <"$out/$name.diff")" -le 60 ] ||
		    echo "# ... ($(wc -l <"$out/$name.diff") lines in all)"
		fail=$((fail + 1))
	fi
done
echo "1..$n"
echo "# $pass passed, $fail failed"
[ $fail -eq 0 ]
