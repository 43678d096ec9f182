#!/bin/sh
# make check / make check-all: unit tests (TAP), CLI golden tests, official
# vectors and the other suites under tests/.  Every suite prints its own
# lines; this script adds them up and ends with
# "N passed, N failed, N skipped".
#
#   sh tests/run.sh fast    the fast tier (make check, under a minute on
#                           two idle cores): unit, CLI goldens, official
#                           vectors, cases
#   sh tests/run.sh         everything (make check-all, as CI runs it):
#                           also bad inputs, Unix conventions, the
#                           README's commands as printed, the formats and
#                           filings validators (npm packages), the demo,
#                           the multistate sample, fault injection,
#                           sharding, ssh
#
# A skip is counted as a skip, never as a pass; a runner that exits
# non-zero without reporting a failure counts as one failure.
cd "$(dirname "$0")/.." || exit 2
tier=${1:-all}
out=tests/out
pass=0
fail=0
skip=0
# A hung suite must fail, not hold CI until its own limit: every suite
# and every unit test runs under timeout(1), SUITE_TIMEOUT seconds each.
limit=${SUITE_TIMEOUT:-900}
# The fault-injection shim is preloaded before a sanitizer's runtime; ASan
# refuses that order unless told it is meant.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
# limited CMD...: runs CMD under the time limit (check_rc reports a
# timeout); sets lsecs to the seconds it took.
limited() {
	t0=$(date +%s)
	timeout -k 10 "$limit" "$@"
	lrc=$?
	lsecs=$(($(date +%s) - t0))
	return $lrc
}
# job LOG CMD...: runs CMD under the time limit into $out/LOG and
# records its status and seconds in $out/LOG.rc.
job() {
	log=$1
	shift
	limited "$@" >"$out/$log" 2>&1
	echo "$lrc $lsecs" >"$out/$log.rc"
}
# sh tests/run.sh --job KIND PATH: one job of the pool below.
if [ "$tier" = --job ]; then
	case "$2" in
	unit) job "$(basename "$3").tap" "$3" ;;
	py) job "$(basename "$3" .py).log" python3 "$3" ;;
	*) exit 2 ;;
	esac
	exit 0
fi
rm -rf "$out"
mkdir -p "$out"

# TAP lines "ok N - ..." / "not ok N - ..."; "ok N ... # SKIP why" is a
# skip.  Sets last_fail to the number of failures found.
count_tap() {
	p=$(grep '^ok ' "$1" | grep -vic '# skip')
	s=$(grep '^ok ' "$1" | grep -ic '# skip')
	f=$(grep -c '^not ok ' "$1")
	pass=$((pass + p))
	skip=$((skip + s))
	fail=$((fail + f))
	last_fail=$f
	last_skip=$s
	grep '^not ok ' "$1" | sed 's/^/  /'
	grep -i '^ok .*# skip' "$1" | sed 's/^/  /' | head -n 10
}

# Suites that end with "<name>: N passed, M failed[, K skipped]".
count_summary() {
	line=$(grep -E '^[^ ].*: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "  $2: no summary line (crashed?)"
		fail=$((fail + 1))
		last_fail=1
		last_skip=0
		return
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	case "$line" in
	*skipped*) s=$(echo "$line" | sed -E 's/.* ([0-9]+) skipped.*/\1/') ;;
	*) s=0 ;;
	esac
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
	last_fail=$f
	last_skip=$s
}

# A runner's exit status: non-zero with no failure (or skip, which the
# vector runners also exit 1 for) counted is a failure.
check_rc() {
	if [ "$1" -eq 124 ] || [ "$1" -eq 137 ]; then
		echo "  $2: stopped after ${limit}s (SUITE_TIMEOUT): counted as one failure"
		fail=$((fail + 1))
		return
	fi
	if [ "$1" -ne 0 ] && [ "$last_fail" -eq 0 ] && [ "$last_skip" -eq 0 ]; then
		echo "  $2 exited $1 without reporting a failure: counted as one"
		fail=$((fail + 1))
	fi
}

# Every suite writes its own log, so they can run side by side: the
# python vectors and cases and the unit tests in a pool of TEST_JOBS
# processes (default: the number of processors), the shell suites one
# after the other beside it (some share out/: readme uses the demo's
# output).  The counting below reads the logs afterwards, in a fixed
# order, so the report is the same whatever the order of completion.
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
units=
for t in tests/unit/t_*; do
	case "$t" in *.c|*.h) continue ;; esac
	[ -x "$t" ] && units="$units $t"
done
pys=
for v in tests/vectors/t_*.py tests/cases/t_*.py; do
	[ -f "$v" ] && pys="$pys $v"
done
suites="tests/cli/run.sh"
[ "$tier" = fast ] || suites="$suites tests/bad/run.sh tests/unix/run.sh \
    tests/readme/run.sh tests/formats/run.sh \
    tests/filings/run.sh tests/demo/run.sh \
    tests/multistate/run.sh tests/stream/run.sh \
    tests/fault/run.sh tests/scale/run.sh tests/ssh/run.sh"
# The pool: slowest first (t_us_states_more, then the rest by name).
pool() {
	for v in $pys; do
		case "$v" in */t_us_states_more.py) echo "py $v" ;; esac
	done
	for v in $pys; do
		case "$v" in */t_us_states_more.py) ;; *) echo "py $v" ;; esac
	done
	for t in $units; do echo "unit $t"; done
}
pool | xargs -P "$jobs" -L 1 sh tests/run.sh --job &
pool_pid=$!
for suite in $suites; do
	[ -f "$suite" ] || continue
	job "$(basename "$(dirname "$suite")").log" sh "$suite"
done
wait $pool_pid
pool_rc=$?

# rcof LOG: sets lrc and lsecs from the job's record (a job that left
# none, its process killed, counts as a failure through check_rc).
rcof() {
	if [ -f "$out/$1.rc" ]; then
		read -r lrc lsecs <"$out/$1.rc"
	else
		lrc=125
		lsecs=0
		echo "  $1: no status recorded (the pool stopped?)"
	fi
}

echo "== unit tests"
for t in $units; do
	name=$(basename "$t")
	rcof "$name.tap"
	count_tap "$out/$name.tap"
	printf '  %-28s %s ok, %s not ok\n' "$name" \
	    "$(grep -c '^ok ' "$out/$name.tap")" \
	    "$(grep -c '^not ok ' "$out/$name.tap")"
	check_rc $lrc "$name"
done

for suite in $suites; do
	[ -f "$suite" ] || continue
	name=$(basename "$(dirname "$suite")")
	echo "== $name"
	rcof "$name.log"
	count_tap "$out/$name.log"
	grep -E '^#' "$out/$name.log" | tail -n 3
	echo "  ($lsecs s)"
	check_rc $lrc "$name"
done

echo "== official vectors, and the cases"
for v in $pys; do
	name=$(basename "$v" .py)
	rcof "$name.log"
	grep -vE '^  (FAIL|SKIP)' "$out/$name.log" | sed 's/^/  /'
	grep -E '^  (FAIL|SKIP)' "$out/$name.log" | head -n 20
	count_summary "$out/$name.log" "$name"
	check_rc $lrc "$name"
	[ "$lsecs" -lt 10 ] || echo "  ($name: $lsecs s)"
done
if [ "$pool_rc" -ne 0 ]; then
	echo "  the test pool (xargs) exited $pool_rc: counted as one failure"
	fail=$((fail + 1))
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
