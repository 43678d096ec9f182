#!/bin/sh
# Fault injection: every tool, on a small slice of the demo's data, is run
# once with each of its memory allocations failing in turn (failalloc.c,
# preloaded).  A run must then either finish exactly as the run without
# faults did (same status, same files, byte for byte), or stop with status
# 4 and a message that says what failed, leaving no output file and no
# temporary or lock file behind.  Never a crash, never a partial file.
# Prints TAP lines.  FAULT_MAX (default 250) caps the points tried per
# command; a longer run is sampled at an even stride.
cd "$(dirname "$0")/../.." || exit 2
T=${FAULT_OUT:-$PWD/tests/out/fault}
B=$PWD/bin
rm -rf "$T"
mkdir -p "$T/in"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

SHIM=$T/failalloc.so
if ! ${CC:-cc} -shared -fPIC -o "$SHIM" tests/fault/failalloc.c -ldl \
    2>"$T/cc.log"; then
	cat "$T/cc.log"
	ok 1 "build the failalloc shim"
	exit 0
fi
# Sanitizer builds do their own allocation; the shim would not see it.
if nm "$B/payroll-calc" 2>/dev/null | grep -q __asan_init; then
	echo "ok 1 # SKIP an AddressSanitizer build: the shim would not see its allocations"
	exit 0
fi
MAX=${FAULT_MAX:-250}
# The bank file carries its creation time: the same for every run.
SOURCE_DATE_EPOCH=1796000000
export SOURCE_DATE_EPOCH

RULES="-r $PWD/rules/us/federal -r $PWD/rules/us/il -r $PWD/rules/company/example"
PERIOD="-p 2026-11 -f monthly -d 2026-11-30"
CO="--company $PWD/samples/company.yaml"
ER="--employer $PWD/samples/employer.yaml"
I=$T/in
# The inputs: 20 records of the public extract, plus the sample's
# synthetic bad ones, taken through the pipeline once without faults.
head -n 21 samples/public-employer/employees-windows1252-crlf.csv >"$I/export.csv"
"$B/hr-import" -q -m samples/public-employer/map.yaml -e windows-1252 \
    "$I/export.csv" | samples/synth >"$I/emp.csv" 2>/dev/null
"$B/hr-validate" -q $RULES $PERIOD --rejects "$I/rej.csv" -o "$I/valid.csv" \
    "$I/emp.csv" 2>/dev/null
"$B/payroll-calc" -q $RULES $PERIOD -o "$I/results.csv" "$I/valid.csv"
[ -s "$I/valid.csv" ] && [ -s "$I/results.csv" ]
ok $? "the inputs for the sweep are made"

# sweep NAME COMMAND...: the command writes its outputs into the current
# directory, which starts empty.
sweep() {
	name=$1
	shift
	base=$T/$name.base
	mkdir -p "$base"
	(cd "$base" && FAILALLOC_COUNT=$T/$name.count LD_PRELOAD=$SHIM \
	    "$@" >stdout 2>/dev/null)
	bst=$?
	calls=$(cat "$T/$name.count" 2>/dev/null || echo 0)
	[ "$bst" -le 1 ] && [ "$calls" -gt 0 ]
	ok $? "$name: runs without faults (status $bst, $calls allocations)"
	step=$(((calls + MAX - 1) / MAX))
	[ "$step" -ge 1 ] || step=1
	bad=0 tried=0 failed=0
	at=1
	while [ "$at" -le "$calls" ]; do
		d=$T/$name.run
		rm -rf "$d"
		mkdir -p "$d"
		(cd "$d" && FAILALLOC_AT=$at LD_PRELOAD=$SHIM \
		    "$@" >stdout 2>../$name.err)
		st=$?
		tried=$((tried + 1))
		why=
		if [ "$st" -eq 4 ]; then
			failed=$((failed + 1))
			[ -s "$d/stdout" ] && why="status 4 but wrote to standard output"
			rm -f "$d/stdout"
			if [ -n "$why" ]; then
				:
			elif [ -n "$(ls -A "$d")" ]; then
				why="status 4 but left: $(ls -A "$d" | tr '\n' ' ')"
			elif ! grep -qE '^[a-z-]+: .' "$T/$name.err"; then
				why="status 4 without saying why: $(tail -n 1 "$T/$name.err")"
			fi
		elif [ "$st" -ne "$bst" ]; then
			why="status $st (not $bst, nor 4): $(tail -n 1 "$T/$name.err")"
		elif ! diff -r "$base" "$d" >/dev/null 2>&1; then
			why="status $st but the files differ from the run without faults"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			[ "$bad" -le ${FAULT_SHOW:-3} ] && echo "# $name, allocation $at: $why"
		fi
		at=$((at + step))
	done
	[ "$bad" -eq 0 ]
	ok $? "$name: $tried failed allocations ($failed stopped with status 4, the rest recovered): no crash, no partial file"
	# Once memory runs out it stays out: every allocation from the
	# middle of the run on fails.
	d=$T/$name.run
	rm -rf "$d"
	mkdir -p "$d"
	(cd "$d" && FAILALLOC_AT=$((calls / 2 + 1)) FAILALLOC_STICKY=1 \
	    LD_PRELOAD=$SHIM "$@" >stdout 2>../$name.err)
	st=$?
	[ ! -s "$d/stdout" ] && rm -f "$d/stdout" && [ "$st" -eq 4 ] &&
	    [ -z "$(ls -A "$d")" ] && [ -s "$T/$name.err" ]
	ok $? "$name: memory exhausted from allocation $((calls / 2 + 1)) on: status $st, nothing left behind"
}

sweep hr-import "$B/hr-import" -q -m "$PWD/samples/public-employer/map.yaml" \
    -e windows-1252 -o emp.csv "$I/export.csv"
sweep hr-validate "$B/hr-validate" -q $RULES $PERIOD --rejects rej.csv \
    -o valid.csv "$I/emp.csv"
sweep payroll-calc "$B/payroll-calc" -q $RULES $PERIOD -R rej.csv -s sum.csv \
    -Y ytd.csv -o results.csv "$I/valid.csv"
sweep payroll-export-nacha "$B/payroll-export" --format nacha $RULES $CO \
    -o pay.ach "$I/results.csv"
sweep payroll-export-journal "$B/payroll-export" --format journal $RULES $CO \
    -o journal.csv "$I/results.csv"
sweep authority-report-941 "$B/authority-report" --form us-941 $RULES $ER \
    --quarter 2026Q4 -o 941.csv "$I/results.csv"
sweep authority-report-w2 "$B/authority-report" --form us-w2-efw2 $RULES $ER \
    --year 2026 -o w2.efw2 "$I/results.csv"
# The rule compiler: every allocation of loading and compiling a small
# pack with one of each construct (tests/fault/compile.yaml) is failed
# in turn, not a sample: a compile path that ignores a failed
# allocation is rarely reached by the sampled sweeps above.
printf 'employee_id,kind,other,code,pay\nE1,b,c,b,1500.25\nE2,a,b,a,50\n' \
    >"$I/compile.csv"
printf 'employee_id,wage_type,amount\nE1,bonus,10.50\nE1,bonus,2\n' \
    >"$I/compile-items.csv"
max0=$MAX
MAX=1000000
sweep compile "$B/payroll-calc" -q -r "$PWD/tests/fault/compile.yaml" \
    $PERIOD -i "$I/compile-items.csv" -o results.csv "$I/compile.csv"
MAX=$max0
# Running out of memory is no fault of a line of the input: a message
# about it names the file at most, never a line (a user would look for
# the fault in the data).  Every allocation of hr-import's conversion
# from windows-1252 is failed in turn (the sweeps above take a sample).
m=$T/oom-place
map=$PWD/samples/public-employer/map.yaml
rm -rf "$m"
mkdir -p "$m"
(cd "$m" && FAILALLOC_COUNT=$T/oom.count LD_PRELOAD=$SHIM "$B/hr-import" -q \
    -m "$map" -e windows-1252 -o o.csv "$I/export.csv" 2>/dev/null)
calls=$(cat "$T/oom.count" 2>/dev/null || echo 0)
at=1 placed=0 oom=0
while [ "$at" -le "$calls" ]; do
	(cd "$m" && FAILALLOC_AT=$at LD_PRELOAD=$SHIM "$B/hr-import" -q \
	    -m "$map" -e windows-1252 -o o.csv "$I/export.csv" >/dev/null \
	    2>"$T/oom.err")
	if [ $? -eq 4 ]; then
		oom=$((oom + 1))
		if grep -qE '^hr-import: [^ ]*:[0-9]+:' "$T/oom.err"; then
			placed=$((placed + 1))
			[ "$placed" -le 3 ] &&
			    echo "# allocation $at: $(head -n 1 "$T/oom.err")"
		fi
	fi
	at=$((at + 1))
done
[ "$calls" -gt 100 ] && [ "$oom" -gt 0 ] && [ "$placed" -eq 0 ]
ok $? "hr-import: each of $calls allocations failed in turn, $oom stopped with status 4: no out-of-memory message names a line of the input"
echo "1..$n"
