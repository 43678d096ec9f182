#!/bin/sh
# tests/bad/run.sh: the bad-input corpus (issue 6).  Runs every case of
# tests/bad/cases (see the head of that file for its columns and for what
# is checked), one TAP line each, and "# N passed, M failed, K skipped"
# at the end.  A case whose tool is not built is skipped ("# SKIP").
#
# usage: sh tests/bad/run.sh [name-prefix ...]
# BAD_TIMEOUT (default 120) limits each run in seconds.
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
BIN=$ROOT/bin
P=$ROOT/tests/bad/packs
# A private directory: make check (tests/run.sh) empties tests/out, and
# others may run it while this runs.
out=$(mktemp -d "${TMPDIR:-/tmp}/payroll-bad.XXXXXX") || exit 2
trap 'rm -rf "$out"' EXIT
trap 'exit 2' INT TERM HUP
W=$out/inputs
B="-r $P/basic.yaml -p 2026-11"
V="-r $P/validate.yaml -p 2026-11"
M="-m $P/import-map.yaml"
if [ ! -c /dev/null ]; then
	echo "Bail out! /dev/null is not a character device: restore it with"
	echo "# rm /dev/null && mknod -m 666 /dev/null c 1 3"
	exit 2
fi
. "$ROOT/tests/bad/gen.sh"
gen_all "$W" || { echo "Bail out! cannot make the inputs"; exit 2; }
tr -d ' -' <"$W/identifiers" >"$W/identifiers.digits"
if command -v timeout >/dev/null 2>&1; then
	limit="timeout ${BAD_TIMEOUT:-120}"
else
	limit=
fi
export LC_ALL=C TZ=UTC

trim() {
	printf '%s' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'
}

count() {
	python3 "$ROOT/tests/bad/count.py" "$@"
}

SELECTION="$*"
n=0
pass=0
fail=0
skip=0
while IFS='|' read -r name tool want frag recs args; do
	name=$(trim "$name")
	case "$name" in ''|'#'*) continue ;; esac
	if [ -n "$SELECTION" ]; then
		sel=0
		for p in $SELECTION; do
			case "$name" in "$p"*) sel=1 ;; esac
		done
		[ $sel -eq 1 ] || continue
	fi
	tool=$(trim "$tool")
	want=$(trim "$want")
	frag=$(trim "$frag")
	recs=$(trim "$recs")
	args=$(trim "$args")
	n=$((n + 1))
	if [ ! -x "$BIN/$tool" ]; then
		echo "ok $n - $name # SKIP $tool is not built"
		skip=$((skip + 1))
		continue
	fi
	O=$out/$name
	mkdir -p "$O"
	case "$tool" in
	payroll-calc|hr-validate)
		outs="-v -o $O/out.csv -R $O/rej.csv" ;;
	hr-import)
		outs="-v -o $O/out.csv" ;;
	*)
		outs="-o $O/out" ;;
	esac
	eval "set -- $args"
	# shellcheck disable=SC2086
	$limit "$BIN/$tool" $outs "$@" >"$O.stdout" 2>"$O.stderr" </dev/null
	got=$?
	why=
	if [ "$got" -ge 124 ]; then
		why="crashed or timed out (status $got)"
	elif [ "$got" != "$want" ]; then
		why="status $got, expected $want"
	fi
	if grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error:' \
	    "$O.stderr"; then
		why="${why:+$why; }the sanitizer reported"
	fi
	# A rejected record's reason is in the rejects file.
	if [ -n "$frag" ] && ! grep -q -F -- "$frag" "$O.stderr" &&
	    ! { [ -f "$O/rej.csv" ] && grep -q -F -- "$frag" "$O/rej.csv"; }
	then
		why="${why:+$why; }no '$frag' on stderr or in the rejects"
	fi
	if [ "$got" != 0 ] && [ ! -s "$O.stderr" ]; then
		why="${why:+$why; }failed without a message"
	fi
	# No national id or bank detail whole, with or without its
	# separators, on standard error or in the rejects (issue 13, 2.7).
	for f in "$O.stderr" "$O/rej.csv"; do
		[ -f "$f" ] || continue
		leak=$(tr -d ' -' <"$f" | grep -o -F -f "$W/identifiers.digits" |
		    head -n 1)
		[ -z "$leak" ] && leak=$(grep -o -F -f "$W/identifiers" "$f" |
		    head -n 1)
		if [ -n "$leak" ]; then
			why="${why:+$why; }identifier $leak shown whole in $(basename "$f")"
		fi
	done
	if ls -A "$O" | grep -q '^\.'; then
		why="${why:+$why; }a temporary file is left: $(ls -A "$O" |
		    grep '^\.' | head -n 1)"
	fi
	sum=$(sed -n "s/^$tool: read \([0-9]*\), [a-z]* \([0-9]*\), [a-z]* \([0-9]*\).*/\1 \2 \3/p" \
	    "$O.stderr" | tail -n 1)
	if [ -n "$sum" ]; then
		set -- $sum
		r=$1 w=$2 j=$3
		if [ $((w + j)) -ne "$r" ]; then
			why="${why:+$why; }read $r != written $w + rejected $j"
		fi
		if [ "$recs" != "-" ] && [ "$r" != "$recs" ]; then
			why="${why:+$why; }read $r, but the input has $recs records"
		fi
		if [ -f "$O/out.csv" ]; then
			c=$(count "$O/out.csv")
			[ "$c" = "$w" ] ||
			    why="${why:+$why; }$c records in the output, $w said"
		else
			why="${why:+$why; }no output file after a completed run"
		fi
		if [ -f "$O/rej.csv" ]; then
			items=$(sed -n "s/^$tool: \([0-9]*\) item rows rejected.*/\1/p" \
			    "$O.stderr" | tail -n 1)
			if [ "$tool" = hr-validate ]; then
				c=$(count "$O/rej.csv" --distinct)
			else
				c=$(count "$O/rej.csv")
			fi
			[ "$c" = "$((j + ${items:-0}))" ] ||
			    why="${why:+$why; }$c records rejected in the file, $j said"
		fi
	elif [ "$got" != 0 ] && [ "$recs" != done ]; then
		# The tool stopped: nothing may be left behind.
		if [ -n "$(ls -A "$O")" ]; then
			why="${why:+$why; }left after failing: $(ls -A "$O" |
			    tr '\n' ' ')"
		fi
		if [ "$recs" != "-" ]; then
			why="${why:+$why; }no summary line (read, written, rejected)"
		fi
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $name ($tool, status $got)"
		pass=$((pass + 1))
		rm -rf "$O" "$O.stdout" "$O.stderr"
	else
		echo "not ok $n - $name ($tool): $why"
		sed 's/^/#   /' "$O.stderr" | cut -c 1-200 | head -n 8
		fail=$((fail + 1))
	fi
done <"$ROOT/tests/bad/cases"
echo "1..$n"
echo "# $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
