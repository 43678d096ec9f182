#!/bin/sh
# The streaming pipeline (docs/cron.md, "A streaming pipeline"):
#
#   hr-validate --stream-summary v.sum |
#       payroll-calc --input-summary v.sum --stream-summary c.sum |
#       payroll-export --input-summary c.sum ...
#
# (and hr-import --stream-summary | hr-validate --input-summary, and
# authority-report --input-summary behind payroll-calc)
# gives byte for byte what the spooled steps give; records reach the pipe
# while the writer still runs; and when any stage is killed (kill -9)
# after its first records, or a summary of an earlier run is left beside
# the pipe, the money-making stage downstream writes nothing and exits
# non-zero.  Stages are killed at a point this script controls: their
# input is a FIFO fed by a writer that holds it open after the first
# megabyte.  Every process runs under timeout(1), and every wait is a
# bounded loop: nothing here can hang.  Prints TAP lines.
cd "$(dirname "$0")/../.." || exit 2
T=$PWD/tests/out/stream
B=$PWD/bin
rm -rf "$T"
mkdir -p "$T"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
RULES="-r $PWD/rules/us/federal -r $PWD/rules/us/il -r $PWD/rules/company/example"
PERIOD="-p 2026-11 -f monthly -d 2026-11-30"
NACHA="--format nacha $RULES --company $PWD/samples/company.yaml"
TO="timeout -k 5 30"

# 8,000 employees with the mix of the public-employer extract (as make
# bench makes them), about 2 MB: big enough that a stage killed after the
# first megabyte is mid-run.
$B/hr-import -q --map samples/public-employer/map.yaml \
    samples/public-employer/employees.csv |
    grep -v ',,salaried,\|,,hourly,' >"$T/base.csv"
awk -F, 'NR == 1 { print; next } { rec[++k] = substr($0, length($1) + 1) }
    END { for (i = 0; i < 8000; i++) printf "E%07d%s\n", i, rec[i % k + 1] }' \
    "$T/base.csv" | samples/synth -c >"$T/emp.csv" 2>/dev/null
[ "$(wc -l <"$T/emp.csv")" -eq 8001 ]
ok $? "8,000 generated employees"

# wait_for FILE: until it exists, at most 10 s.
wait_for() {
	i=0
	while [ ! -e "$1" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ -e "$1" ]
}
# feed FILE FIFO MARK: writes the first megabyte of FILE into FIFO, then
# creates MARK and holds the FIFO open (the reader waits for more) until
# killed; sets fpid.
feed() {
	(head -c 1000000 "$1"; : >"$3"; exec sleep 60) >"$2" &
	fpid=$!
}
# bwait PID: waits for a background process, at most 20 s (then kills
# it: status 124); sets est to its status.
bwait() {
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 400 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if kill -0 "$1" 2>/dev/null; then
		kill -9 "$1" 2>/dev/null
		wait "$1"
		est=124
		return
	fi
	wait "$1"
	est=$?
}
# no_leftovers DIR: no temporary file of ours in it (the lock file of a
# run killed with SIGKILL stays, for the next run's sweep).
no_leftovers() {
	[ -z "$(find "$1" -maxdepth 1 -name '.*.payroll-tmp.*' -o \
	    -maxdepth 1 -name '.*.payroll-old.*' 2>/dev/null)" ]
}

# 1. The spooled steps, then the same as a streamed pipeline.
(
	cd "$T" || exit 1
	$TO $B/hr-validate -q $RULES $PERIOD -s v-spool.sum -o valid.csv \
	    emp.csv &&
	    $TO $B/payroll-calc -q $RULES $PERIOD -s c-spool.sum \
	    -o results.csv valid.csv &&
	    $TO $B/payroll-export --format register $RULES -o register.txt \
	    results.csv &&
	    $TO $B/payroll-export $NACHA -o pay.ach results.csv
) 2>"$T/spool.err"
ok $? "the spooled steps run"
(
	cd "$T" || exit 1
	$TO $B/hr-validate -q $RULES $PERIOD --stream-summary v.sum emp.csv |
	    $TO $B/payroll-calc -q $RULES $PERIOD --input-summary v.sum \
	    --stream-summary c.sum | tee results-stream.csv |
	    $TO $B/payroll-export --format register $RULES \
	    --input-summary c.sum >register-stream.txt
) 2>"$T/stream.err"
ok $? "the streamed pipeline runs: $(head -c 200 "$T/stream.err")"
cmp -s "$T/results.csv" "$T/results-stream.csv"
ok $? "streamed results are byte-identical to the spooled ones"
cmp -s "$T/register.txt" "$T/register-stream.txt"
ok $? "streamed register is byte-identical to the spooled one"
grep -v '^stream_' "$T/v.sum" | cmp -s - "$T/v-spool.sum"
ok $? "hr-validate's stream summary is its -s summary plus the stream lines"
grep -v '^stream_' "$T/c.sum" | cmp -s - "$T/c-spool.sum"
ok $? "payroll-calc's stream summary is its -s summary plus the stream lines"
grep -q '^stream_records,8000$' "$T/v.sum" &&
    grep -q "^stream_bytes,$(($(wc -c <"$T/valid.csv")))$" "$T/v.sum" &&
    grep -q '^stream_records,8000$' "$T/c.sum" &&
    grep -q "^stream_bytes,$(($(wc -c <"$T/results.csv")))$" "$T/c.sum"
ok $? "the summaries count the records and bytes written"
(
	cd "$T" || exit 1
	$TO $B/payroll-export $NACHA --input-summary c.sum -o pay-stream.ach \
	    results-stream.csv
) 2>"$T/nacha.err"
cmp -s "$T/pay.ach" "$T/pay-stream.ach"
ok $? "a results file checked against its stream summary: the same NACHA file"

# authority-report reads payroll-calc's stream the same way.
F941="--form us-941 $RULES --employer $PWD/samples/employer.yaml --quarter 2026Q4"
$TO $B/authority-report $F941 -o "$T/941.csv" "$T/results.csv" 2>"$T/941.err"
ok $? "authority-report us-941 from the spooled results"
$TO $B/payroll-calc -q $RULES $PERIOD --stream-summary "$T/c2.sum" \
    "$T/valid.csv" | $TO $B/authority-report $F941 \
    --input-summary "$T/c2.sum" -o "$T/941-stream.csv" 2>"$T/941s.err"
[ $? -eq 0 ] && cmp -s "$T/941.csv" "$T/941-stream.csv"
ok $? "authority-report us-941 from the streamed results, checked: the same filing"
head -c 1000000 "$T/results.csv" | $TO $B/authority-report $F941 \
    --input-summary "$T/c2.sum" -o "$T/941-cut.csv" 2>"$T/941c.err"
st=$?
[ $st -eq 1 ] && [ ! -e "$T/941-cut.csv" ] && grep -q 'input truncated' "$T/941c.err"
ok $? "authority-report with a cut input and the full run's summary: status $st, no filing"

# hr-import streams into hr-validate the same way.
$TO $B/hr-import -q --map samples/multistate/map.yaml \
    samples/multistate/export.csv >"$T/imported.csv" 2>/dev/null
$TO $B/hr-import -q --map samples/multistate/map.yaml \
    --stream-summary "$T/i.sum" samples/multistate/export.csv |
    tee "$T/imported-stream.csv" | $TO $B/hr-validate -q $RULES $PERIOD \
    --input-summary "$T/i.sum" -o "$T/ivalid.csv" 2>"$T/iv.err"
st=$?
[ $st -le 1 ] && [ -s "$T/ivalid.csv" ] &&
    cmp -s "$T/imported.csv" "$T/imported-stream.csv" &&
    grep -q "^stream_records,$(($(wc -l <"$T/imported.csv") - 1))$" "$T/i.sum"
ok $? "hr-import | hr-validate streamed and checked (status $st): the same records"
mkdir -p "$T/kill-hr-import"
cp "$T/i.sum" "$T/kill-hr-import/i.sum"
mkfifo "$T/kill-hr-import/in" "$T/kill-hr-import/out"
feed samples/multistate/export.csv "$T/kill-hr-import/in" \
    "$T/kill-hr-import/fed"
$B/hr-import -q --map samples/multistate/map.yaml \
    --stream-summary "$T/kill-hr-import/i.sum" <"$T/kill-hr-import/in" \
    >"$T/kill-hr-import/out" &
ipid=$!
$B/hr-validate -q $RULES $PERIOD --input-summary "$T/kill-hr-import/i.sum" \
    -o "$T/kill-hr-import/valid.csv" <"$T/kill-hr-import/out" \
    2>"$T/kill-hr-import/v.err" &
vpid=$!
wait_for "$T/kill-hr-import/fed"
sleep 0.2
kill -9 "$ipid" 2>/dev/null
kill "$fpid" 2>/dev/null
bwait "$ipid"
bwait "$fpid"
bwait "$vpid"
[ $est -eq 1 ] && [ ! -e "$T/kill-hr-import/valid.csv" ] &&
    [ ! -e "$T/kill-hr-import/i.sum" ] &&
    grep -q 'input truncated' "$T/kill-hr-import/v.err"
ok $? "hr-import killed: its stale summary is gone, hr-validate exits $est and writes nothing"

# 2. Records reach the pipe while the writer runs (its input is held
# open after the first megabyte); without --stream-summary they wait.
# seen_while_held NAME TRIES OPTIONS...: hr-validate with OPTIONS, its
# output through a FIFO to a file; sets seen to the lines there while it
# runs (waiting up to TRIES x 0.05 s for 1,000 of them).
seen_while_held() {
	d=$T/held-$1
	tries=$2
	shift 2
	mkdir -p "$d"
	mkfifo "$d/in" "$d/out"
	feed "$T/emp.csv" "$d/in" "$d/fed"
	$B/hr-validate -q $RULES $PERIOD "$@" <"$d/in" >"$d/out" &
	vpid=$!
	cat <"$d/out" >"$d/seen.csv" &
	cpid=$!
	wait_for "$d/fed"
	i=0
	while [ "$(wc -l <"$d/seen.csv")" -lt 1000 ] && [ $i -lt $tries ]; do
		sleep 0.05
		i=$((i + 1))
	done
	seen=$(wc -l <"$d/seen.csv")
	kill -9 "$vpid" 2>/dev/null
	kill "$fpid" 2>/dev/null
	bwait "$vpid"
	bwait "$fpid"
	bwait "$cpid"
}
seen_while_held stream 200 --stream-summary "$T/held.sum"
[ "$seen" -ge 1000 ] && [ ! -e "$T/held.sum" ]
ok $? "streamed: $seen records in the pipe while hr-validate still reads, and no summary"
seen_while_held spool 10
[ "$seen" -eq 0 ]
ok $? "spooled (no --stream-summary): nothing in the pipe before the run ends"

# kill_stage NAME: the pipeline of FIFOs below with stage NAME's input
# held after the first megabyte, NAME killed with SIGKILL; a stale
# summary of the good run lies beside each stage's.
kill_stage() {
	d=$T/kill-$1
	mkdir -p "$d"
	cp "$T/v.sum" "$d/v.sum"	# stale: the good run's
	cp "$T/c.sum" "$d/c.sum"
	mkfifo "$d/in" "$d/v" "$d/c"
	cpid=
	case $1 in
	hr-validate)
		feed "$T/emp.csv" "$d/in" "$d/fed"
		$B/hr-validate -q $RULES $PERIOD --stream-summary "$d/v.sum" \
		    <"$d/in" >"$d/v" 2>"$d/v.err" &
		kpid=$!
		$B/payroll-calc -q $RULES $PERIOD --input-summary "$d/v.sum" \
		    --stream-summary "$d/c.sum" <"$d/v" >"$d/c" 2>"$d/c.err" &
		cpid=$!
		;;
	payroll-calc)
		# hr-validate's output and summary of the good run, fed.
		feed "$T/valid.csv" "$d/v" "$d/fed"
		$B/payroll-calc -q $RULES $PERIOD --input-summary "$d/v.sum" \
		    --stream-summary "$d/c.sum" <"$d/v" >"$d/c" 2>"$d/c.err" &
		kpid=$!
		;;
	payroll-export)
		cp "$T/c.sum" "$d/c.sum"
		feed "$T/results-stream.csv" "$d/c" "$d/fed"
		;;
	esac
	$B/payroll-export $NACHA --input-summary "$d/c.sum" \
	    -o "$d/pay.ach" <"$d/c" >"$d/e.out" 2>"$d/e.err" &
	epid=$!
	[ "$1" = payroll-export ] && kpid=$epid
	wait_for "$d/fed"
	sleep 0.2
	kill -9 "$kpid" 2>/dev/null
	kill "$fpid" 2>/dev/null
	[ -n "$cpid" ] && bwait "$cpid"
	bwait "$fpid"
	bwait "$epid"
}

kill_stage hr-validate
d=$T/kill-hr-validate
[ ! -e "$d/v.sum" ]
ok $? "hr-validate killed mid-run: its summary (a stale one lay there) is gone"
grep -q 'input truncated: .*v.sum does not exist' "$d/c.err" && [ ! -e "$d/c.sum" ]
ok $? "payroll-calc downstream: 'input truncated', and no summary of its own"
[ $est -ne 0 ] && [ ! -e "$d/pay.ach" ] && [ ! -s "$d/e.out" ] &&
    grep -q 'input truncated' "$d/e.err" && no_leftovers "$d"
ok $? "payroll-export downstream exits $est and writes no bank file"

kill_stage payroll-calc
d=$T/kill-payroll-calc
[ ! -e "$d/c.sum" ]
ok $? "payroll-calc killed mid-run: its summary (a stale one lay there) is gone"
[ $est -ne 0 ] && [ ! -e "$d/pay.ach" ] && [ ! -s "$d/e.out" ] &&
    grep -q 'input truncated: .*c.sum does not exist' "$d/e.err" &&
    no_leftovers "$d"
ok $? "payroll-export downstream exits $est, 'input truncated', no bank file"

kill_stage payroll-export
d=$T/kill-payroll-export
[ $est -eq 137 ] && [ ! -e "$d/pay.ach" ] && no_leftovers "$d"
ok $? "payroll-export killed mid-run ($est): no bank file, nothing left behind"

# 3. A summary that is not the input's: the good run's summary beside a
# cut input (fewer records), and beside an input of as many records with
# one amount changed.
head -c 1000000 "$T/results.csv" |
    $TO $B/payroll-export $NACHA --input-summary "$T/c.sum" \
    -o "$T/cut.ach" 2>"$T/cut.err"
st=$?
[ $st -eq 1 ] && [ ! -e "$T/cut.ach" ] && grep -q 'input truncated' "$T/cut.err"
ok $? "a cut input with the full run's summary: status $st, no bank file"
# One byte of one record changed (a name's letter), records unchanged.
sed '5s/^\(E[0-9]*,\)\(.\)/\1X/' "$T/valid.csv" >"$T/other.csv"
cmp -s "$T/valid.csv" "$T/other.csv"
[ $? -eq 1 ] && [ "$(wc -l <"$T/other.csv")" -eq "$(wc -l <"$T/valid.csv")" ]
ok $? "an input of as many records with one byte changed"
$TO $B/payroll-calc -q $RULES $PERIOD --input-summary "$T/v.sum" \
    -o "$T/other-results.csv" <"$T/other.csv" 2>"$T/other.err"
st=$?
[ $st -eq 1 ] && [ ! -e "$T/other-results.csv" ] &&
    grep -q 'input truncated: .*hash' "$T/other.err"
ok $? "a summary of another stream of as many records: status $st, nothing written"
$TO $B/payroll-export $NACHA --input-summary "$T/v.sum" -o "$T/v.ach" \
    "$T/results.csv" 2>"$T/wrong.err"
st=$?
[ $st -eq 1 ] && [ ! -e "$T/v.ach" ]
ok $? "hr-validate's summary given for results: status $st, no bank file"

# 4. Usage: -s and --stream-summary together, --stream-summary on a FIFO
# or with -o, --input-summary with two results files.
$TO $B/hr-validate -q $RULES $PERIOD -s "$T/x.sum" --stream-summary "$T/y.sum" \
    "$T/emp.csv" >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "hr-validate -s with --stream-summary: status 2"
mkfifo "$T/fifo.sum"
$TO $B/payroll-calc -q $RULES $PERIOD --stream-summary "$T/fifo.sum" \
    "$T/valid.csv" >/dev/null 2>&1
[ $? -eq 2 ] && [ -p "$T/fifo.sum" ]
ok $? "payroll-calc --stream-summary on a FIFO: status 2, the FIFO stays"
$TO $B/payroll-calc -q $RULES $PERIOD --stream-summary "$T/z.sum" \
    -o "$T/z.csv" "$T/valid.csv" >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$T/z.csv" ]
ok $? "payroll-calc --stream-summary with -o: status 2"
$TO $B/payroll-export $NACHA --input-summary "$T/c.sum" -o "$T/two.ach" \
    "$T/results.csv" "$T/results.csv" >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$T/two.ach" ]
ok $? "payroll-export --input-summary with two results files: status 2"

cp "$T/v.sum" "$T/same.sum"
$TO $B/payroll-calc -q $RULES $PERIOD --input-summary "$T/same.sum" \
    --stream-summary "$T/same.sum" <"$T/valid.csv" >/dev/null 2>&1
[ $? -eq 2 ] && cmp -s "$T/v.sum" "$T/same.sum"
ok $? "payroll-calc with one file as --input-summary and --stream-summary: status 2, the file kept"

echo "# stream: $n tests"
