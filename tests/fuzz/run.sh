#!/bin/sh
# tests/fuzz/run.sh: builds the libFuzzer targets with clang
# (-fsanitize=fuzzer,address,undefined) and runs each for FUZZ_SECONDS
# seconds (default 10), starting from the seed corpus in
# tests/fuzz/corpus/<target>/.
#
# usage: sh tests/fuzz/run.sh [target ...]
#   targets: csv encoding rules expr dec (default: all)
#   FUZZ_SECONDS  seconds per target (default 10)
#   FUZZ_JOBS     parallel fuzzing processes per target (default 1)
#   FUZZ_KEEP     a directory to keep the grown corpora and any crash in
#                 (default: a temporary directory, removed at the end
#                 unless something crashed)
#
# Prints one TAP line per target with the executions run.  A crash,
# leak, sanitizer report or failed check (abort) fails the target; its
# input is kept and named: add it as a regression case in tests/bad.
# The objects are built in a temporary directory, never over the ones
# `make` builds; the binaries are tests/fuzz/<target>-fuzz (ignored by
# git).  Needs clang with libFuzzer (Debian: apt-get install clang).
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
secs=${FUZZ_SECONDS:-10}
jobs=${FUZZ_JOBS:-1}
CC=${FUZZ_CC:-clang}
targets=${*:-csv encoding rules expr dec}
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "1..0 # SKIP $CC not found (apt-get install clang)"
	exit 0
fi
build=$(mktemp -d "${TMPDIR:-/tmp}/payroll-fuzz.XXXXXX") || exit 2
keep=${FUZZ_KEEP:-$build}
mkdir -p "$keep" || exit 2
YAML_CFLAGS=$(pkg-config --cflags yaml-0.1 2>/dev/null)
YAML_LIBS=$(pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	-fno-omit-frame-pointer $YAML_CFLAGS -Ilibpayroll"

echo "# building in $build"
objs=
for c in libpayroll/*.c; do
	o=$build/$(basename "$c" .c).o
	extra=
	# NEEDSWORK: calc.c eval() computes args + 0 on a NULL args array
	# (UBSan pointer-overflow; reported).  Not checked there until it
	# is fixed, so that the fuzzers get past the first pack.
	[ "$c" = libpayroll/calc.c ] && extra=-fno-sanitize=pointer-overflow
	# shellcheck disable=SC2086
	$CC $CFLAGS $SAN $extra -fsanitize=fuzzer-no-link -c -o "$o" "$c" ||
	    { echo "Bail out! cannot compile $c"; exit 2; }
	objs="$objs $o"
done

n=0
fail=0
for t in $targets; do
	n=$((n + 1))
	src=tests/fuzz/${t}_fuzz.c
	bin=tests/fuzz/$t-fuzz
	if [ ! -f "$src" ]; then
		echo "not ok $n - $t: no $src"
		fail=$((fail + 1))
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS $SAN -fsanitize=fuzzer -Itests/fuzz -o "$bin" \
	    "$src" $objs $YAML_LIBS -lcsv 2>"$build/$t.cc"; then
		echo "not ok $n - $t: does not build"
		sed 's/^/# /' "$build/$t.cc" | head -n 20
		fail=$((fail + 1))
		continue
	fi
	work=$keep/corpus-$t
	mkdir -p "$work" "$keep/crashes"
	dict=
	case $t in
	rules) dict=-dict=$ROOT/tests/fuzz/yaml.dict ;;
	expr) dict=-dict=$ROOT/tests/fuzz/expr.dict ;;
	esac
	par=
	[ "$jobs" -gt 1 ] && par="-jobs=$jobs -workers=$jobs"
	# New inputs go to $work; the seeds in the tree stay as they are.
	# In $build, where -jobs writes its fuzz-N.log files.
	# shellcheck disable=SC2086
	(cd "$build" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    "$ROOT/$bin" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 $par \
	    $dict -artifact_prefix="$keep/crashes/$t-" \
	    "$work" "$ROOT/tests/fuzz/corpus/$t") >"$build/$t.log" 2>&1
	st=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$build/$t.log" $build/fuzz-*.log 2>/dev/null |
	    awk '{ s += $1 } END { print s + 0 }')
	found=$(ls "$keep/crashes" 2>/dev/null | grep "^$t-" | head -n 3)
	if [ $st -eq 0 ] && [ -z "$found" ]; then
		echo "ok $n - $t: $execs executions in ${secs}s, nothing found"
	else
		echo "not ok $n - $t: status $st after $execs executions"
		grep -h -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x.* in ' \
		    "$build/$t.log" $build/fuzz-*.log 2>/dev/null |
		    grep -v -e 'in fuzzer::' -e 'in __sanitizer' -e 'libc' |
		    head -n 12 | sed 's/^/# /'
		for f in $found; do
			echo "# input: $keep/crashes/$f"
		done
		fail=$((fail + 1))
	fi
	rm -f $build/fuzz-*.log
done
echo "1..$n"
echo "# $((n - fail)) passed, $fail failed"
if [ $fail -eq 0 ] && [ "$keep" = "$build" ]; then
	rm -rf "$build"
else
	echo "# kept: $keep"
fi
[ $fail -eq 0 ]
