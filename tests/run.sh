#!/bin/sh
# make check: unit tests (TAP), CLI golden tests, official vectors and the
# other suites under tests/.  Every suite prints its own lines; this script
# adds them up and ends with "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
out=tests/out
rm -rf "$out"
mkdir -p "$out"
pass=0
fail=0

# TAP lines "ok N - ..." / "not ok N - ...".
count_tap() {
	p=$(grep -c '^ok ' "$1")
	f=$(grep -c '^not ok ' "$1")
	pass=$((pass + p))
	fail=$((fail + f))
	grep '^not ok ' "$1" | sed 's/^/  /'
}

# Suites that end with "<name>: N passed, M failed[, K skipped]".
count_summary() {
	line=$(grep -E '^[^ ].*: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "  $2: no summary line (crashed?)"
		fail=$((fail + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	pass=$((pass + p))
	fail=$((fail + f))
}

echo "== unit tests"
for t in tests/unit/t_*; do
	case "$t" in *.c|*.h) continue ;; esac
	[ -x "$t" ] || continue
	name=$(basename "$t")
	"$t" >"$out/$name.tap" 2>&1
	rc=$?
	count_tap "$out/$name.tap"
	printf '  %-28s %s ok, %s not ok\n' "$name" \
	    "$(grep -c '^ok ' "$out/$name.tap")" \
	    "$(grep -c '^not ok ' "$out/$name.tap")"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$out/$name.tap"; then
		echo "  $name exited $rc"
		fail=$((fail + 1))
	fi
done

for suite in tests/cli/run.sh tests/bad/run.sh tests/formats/run.sh \
    tests/filings/run.sh tests/demo/run.sh tests/unix/run.sh \
    tests/fault/run.sh tests/scale/run.sh; do
	[ -f "$suite" ] || continue
	name=$(basename "$(dirname "$suite")")
	echo "== $name"
	sh "$suite" >"$out/$name.log" 2>&1
	count_tap "$out/$name.log"
	grep -E '^#' "$out/$name.log" | tail -n 3
done

echo "== official vectors, and the cases of issue 4"
for v in tests/vectors/t_*.py tests/cases/t_*.py; do
	[ -f "$v" ] || continue
	name=$(basename "$v" .py)
	python3 "$v" >"$out/$name.log" 2>&1
	grep -vE '^  (FAIL|SKIP)' "$out/$name.log" | sed 's/^/  /'
	grep -E '^  (FAIL|SKIP)' "$out/$name.log" | head -n 20
	count_summary "$out/$name.log" "$name"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
