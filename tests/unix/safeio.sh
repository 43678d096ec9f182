#!/bin/sh
# Safe inputs and outputs (issue 13): results given twice, an output that
# is an input, temporary files left by kill -9 and SIGTERM, outputs through
# symbolic links, all outputs of a run or none, the summary on a closed
# pipe, every bad payslip id.  Sourced by tests/unix/run.sh (which gives
# ok() and $T); alone: sh tests/unix/safeio.sh.  Prints TAP lines.
if ! command -v ok >/dev/null 2>&1; then
	cd "$(dirname "$0")/../.." || exit 2
	T=tests/out/unix
	mkdir -p "$T"
	n=0
	ok() {
		n=$((n + 1))
		if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
	}
	alone=1
fi
S=$(pwd)/$T/safeio
rm -rf "$S"
mkdir -p "$S/in"
B=$(pwd)/bin
R="-r $(pwd)/rules/us/federal -r $(pwd)/rules/us/il -r $(pwd)/rules/company/example"
PER="-p 2026-11 -f monthly -d 2026-11-30"
CO="-c $(pwd)/samples/company.yaml"
ER="--employer $(pwd)/samples/employer.yaml"
I=$S/in
SHIM=$S/failio.so
${CC:-cc} -shared -fPIC -o "$SHIM" tests/fault/failio.c -ldl 2>"$S/cc.log"
ok $? "build the failio shim (tests/fault/failio.c)"
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=1796000000

# 20 employees of the public extract, through the pipeline once.
head -n 21 samples/public-employer/employees-windows1252-crlf.csv >"$I/export.csv"
"$B/hr-import" -q -m samples/public-employer/map.yaml -e windows-1252 \
    "$I/export.csv" | samples/synth >"$I/emp.csv" 2>/dev/null
"$B/hr-validate" -q $R $PER --rejects /dev/null -o "$I/valid.csv" \
    "$I/emp.csv" 2>/dev/null
"$B/payroll-calc" -q $R $PER -o "$I/results.csv" -Y "$I/ytd.csv" "$I/valid.csv"
[ -s "$I/results.csv" ] && [ -s "$I/ytd.csv" ]
ok $? "safeio: the inputs are made"

# nothing_left DIR: no hidden file (temporary, backup, lock, staging).
hidden() {
	ls -A "$1" | grep '^\.' | tr '\n' ' '
}

# --- 1. Results given twice ------------------------------------------
# The same file twice, and one row repeated in one file.
{ cat "$I/results.csv"; sed -n 3p "$I/results.csv"; } >"$I/dup.csv"
dupid=$(sed -n 3p "$I/results.csv" | cut -d, -f1)
dupmask="****$(printf '%s' "$dupid" | tail -c 4)"
twice() {
	what=$1
	shift
	d=$S/twice.$what
	rm -rf "$d"
	mkdir -p "$d"
	"$@" >"$d.out" 2>"$d.err"
	st=$?
	[ "$st" -eq 1 ] && [ ! -s "$d.out" ] && [ -z "$(ls -A "$d")" ] &&
	    grep -q 'twice' "$d.err" && grep -qF "$dupmask" "$d.err" &&
	    ! grep -qF "$dupid" "$d.err"
	ok $? "results given twice: $what refused (status $st, masked id, nothing written)"
}
for f in register nacha journal payslip payslip-html payslip-pdf hr-report; do
	twice "export-$f-same-file" "$B/payroll-export" --format "$f" $R $CO \
	    -o "$S/twice.export-$f-same-file/out" "$I/results.csv" "$I/results.csv"
	twice "export-$f-row-repeated" "$B/payroll-export" --format "$f" $R $CO \
	    -o "$S/twice.export-$f-row-repeated/out" "$I/dup.csv"
done
twice export-payslip-folder sh -c "mkdir -p '$S/twice.export-payslip-folder/s' &&
    '$B/payroll-export' --format payslip $R $CO -o '$S/twice.export-payslip-folder/s/' \
    '$I/dup.csv'; st=\$?; rmdir '$S/twice.export-payslip-folder/s'; exit \$st"
# Thrice: 40 repeats; the first 20 are listed, then one line (one only)
# says so, and the count says all 40 (a file named twice by mistake must
# not print a line per employee: 31,131 lines for the public extract).
mkdir -p "$S/thrice"
"$B/payroll-export" --format register $R $CO -o "$S/thrice/out" \
    "$I/results.csv" "$I/results.csv" "$I/results.csv" 2>"$S/thrice.err"
st=$?
n=$(($(wc -l <"$I/results.csv") - 1))
[ "$st" -eq 1 ] && [ -z "$(ls -A "$S/thrice")" ] &&
    [ "$(grep -c 'again (first at' "$S/thrice.err")" -eq 20 ] &&
    [ "$(grep -c 'more employees paid again: only the first 20 are listed' \
    "$S/thrice.err")" -eq 1 ] &&
    grep -q "^payroll-export: $((n * 2)) errors" "$S/thrice.err"
ok $? "results given three times: 20 repeats listed, then one line, the count of all $((n * 2)) (status $st)"
grep -q "dup.csv:22: .*dup.csv:3" "$S/twice.export-nacha-row-repeated.err"
ok $? "results given twice: the message names both lines ($(head -n 1 "$S/twice.export-nacha-row-repeated.err"))"
twice report-941 "$B/authority-report" --form us-941 $R $ER --quarter 2026Q4 \
    -o "$S/twice.report-941/out" "$I/results.csv" "$I/results.csv"
twice report-941-row-repeated "$B/authority-report" --form us-941 $R $ER \
    --quarter 2026Q4 -o "$S/twice.report-941-row-repeated/out" "$I/dup.csv"
twice report-w2 "$B/authority-report" --form us-w2-efw2 $R $ER --year 2026 \
    -o "$S/twice.report-w2/out" "$I/dup.csv"
# Two pay dates of one employee are two payments, not a repeat.
sed 's/2026-11-30/2026-11-15/g' "$I/results.csv" | sed 1d >"$I/mid.csv"
{ cat "$I/results.csv" "$I/mid.csv"; } >"$I/two-dates.csv"
"$B/payroll-export" --format register $R $CO -o "$S/two-dates.txt" \
    "$I/two-dates.csv" 2>"$S/two-dates.err"
ok $? "two pay dates of one employee are exported ($(head -n 1 "$S/two-dates.err"))"

# --- 2. An output that is an input -------------------------------------
# same NAME COMMAND...: run in a copy of the inputs; every input must be
# unchanged afterwards, status 2, and a message.
same() {
	what=$1
	shift
	d=$S/same.$what
	rm -rf "$d"
	cp -r "$I" "$d"
	(cd "$d" && "$@" >/dev/null 2>"$d.err")
	st=$?
	diff -r "$I" "$d" >/dev/null && [ "$st" -eq 2 ] &&
	    grep -q 'also an input' "$d.err"
	ok $? "an output that is an input: $what (status $st, inputs unchanged: $(head -n 1 "$d.err"))"
}
same "payroll-calc -R in in" "$B/payroll-calc" $R $PER -o out.csv -R valid.csv valid.csv
same "payroll-calc -o ytd -y ytd" "$B/payroll-calc" $R $PER -o ytd.csv -y ytd.csv valid.csv
same "payroll-calc -Y ytd -y ytd" "$B/payroll-calc" $R $PER -o /dev/null -Y ytd.csv -y ytd.csv valid.csv
same "hr-validate -o in in" "$B/hr-validate" $R $PER -o emp.csv emp.csv
same "hr-validate -o in < in" sh -c "'$B/hr-validate' $R $PER -o emp.csv <emp.csv"
same "hr-validate -o a hard link to the input" sh -c "ln emp.csv link.csv &&
    '$B/hr-validate' $R $PER -o link.csv emp.csv; st=\$?; rm -f link.csv; exit \$st"
same "hr-validate -o dot-slash-in in" "$B/hr-validate" $R $PER -o ./emp.csv emp.csv
same "hr-import -o in in" "$B/hr-import" -m "$(pwd)/samples/public-employer/map.yaml" \
    -e windows-1252 -o export.csv export.csv
same "payroll-export -o in in" "$B/payroll-export" --format register $R $CO -o results.csv results.csv
cp samples/company.yaml "$I/company.yaml"
same "payroll-export -o company.yaml" "$B/payroll-export" --format register $R \
    -c company.yaml -o company.yaml results.csv
same "authority-report -o in in" "$B/authority-report" --form us-941 $R $ER \
    --quarter 2026Q4 -o results.csv results.csv
rm -f "$I/company.yaml"
# Two outputs with one name: one would overwrite the other.
d=$S/same-two
mkdir -p "$d"
"$B/payroll-calc" -q $R $PER -o "$d/x.csv" -R "$d/x.csv" "$I/valid.csv" 2>"$d.err"
st=$?
[ "$st" -eq 2 ] && [ -z "$(ls -A "$d")" ] && grep -q 'twice' "$d.err"
ok $? "one file named for two outputs is refused (status $st: $(head -n 1 "$d.err"))"

# --- 4. Outputs through links -----------------------------------------
d=$S/link
mkdir -p "$d/pub" "$d/home"
chmod 1777 "$d/pub"
echo precious >"$d/home/victim"
chmod 644 "$d/home/victim"
ln -s ../home/victim "$d/pub/out.csv"
"$B/hr-validate" -q $R $PER -o "$d/pub/out.csv" "$I/emp.csv" 2>"$d.err"
st=$?
[ "$st" -eq 2 ] && [ "$(cat "$d/home/victim")" = precious ] &&
    [ -L "$d/pub/out.csv" ] && [ "$(stat -c %a "$d/home/victim")" = 644 ] &&
    grep -q 'symbolic link' "$d.err" && [ -z "$(hidden "$d/pub")" ]
ok $? "-o through a symbolic link is refused, its target untouched (status $st: $(head -n 1 "$d.err"))"
ln -s ../home/made "$d/pub/.out2.csv.payroll-lock"
"$B/hr-validate" -q $R $PER -o "$d/pub/out2.csv" "$I/emp.csv" 2>"$d.err"
st=$?
[ "$st" -eq 4 ] && [ ! -e "$d/home/made" ] && [ ! -e "$d/pub/out2.csv" ]
ok $? "a lock file planted as a link is not followed (status $st: $(head -n 1 "$d.err"))"
ln -s ../home/gone "$d/pub/dangling.csv"
"$B/hr-validate" -q $R $PER -o "$d/pub/dangling.csv" "$I/emp.csv" 2>/dev/null
st=$?
[ "$st" -eq 2 ] && [ ! -e "$d/home/gone" ]
ok $? "-o through a dangling link is refused (status $st)"
"$B/hr-validate" -q $R $PER -o /dev/stdout "$I/emp.csv" >"$d/stdout.csv" 2>"$d.err"
st=$?
"$B/hr-validate" -q $R $PER "$I/emp.csv" >"$d/want.csv" 2>/dev/null
[ "$st" -eq 1 ] && cmp -s "$d/stdout.csv" "$d/want.csv"
ok $? "-o /dev/stdout (a system link) still writes to standard output (status $st)"

# --- 5. All outputs of a run or none -------------------------------------
# Old versions of three outputs; the n-th rename fails: every output keeps
# its old content, nothing hidden is left.
for at in 1 2 3; do
	d=$S/commit.$at
	mkdir -p "$d"
	for f in res.csv ytd.csv rej.csv; do echo "old $f" >"$d/$f"; done
	FAILIO_RENAME_AT=$at LD_PRELOAD=$SHIM "$B/payroll-calc" -q $R $PER \
	    -o "$d/res.csv" -Y "$d/ytd.csv" -R "$d/rej.csv" "$I/valid.csv" \
	    2>"$d.err"
	st=$?
	[ "$st" -eq 4 ] && [ "$(cat "$d/res.csv")" = "old res.csv" ] &&
	    [ "$(cat "$d/ytd.csv")" = "old ytd.csv" ] &&
	    [ "$(cat "$d/rej.csv")" = "old rej.csv" ] && [ -z "$(hidden "$d")" ]
	ok $? "rename $at of 3 fails: all outputs keep their old content (status $st: $(head -n 1 "$d.err"); left: $(hidden "$d"))"
done
# The same without old versions: no output appears.
d=$S/commit.new
mkdir -p "$d"
FAILIO_RENAME_AT=3 LD_PRELOAD=$SHIM "$B/payroll-calc" -q $R $PER \
    -o "$d/res.csv" -Y "$d/ytd.csv" -R "$d/rej.csv" "$I/valid.csv" 2>/dev/null
st=$?
[ "$st" -eq 4 ] && [ -z "$(ls -A "$d")" ]
ok $? "rename 3 of 3 fails: no output is left (status $st; left: $(ls -A "$d" | tr '\n' ' '))"
# Without a fault the three are replaced.
FAILIO_RENAME_AT=99 LD_PRELOAD=$SHIM "$B/payroll-calc" -q $R $PER \
    -o "$d/res.csv" -Y "$d/ytd.csv" -R "$d/rej.csv" "$I/valid.csv" 2>/dev/null
st=$?
[ "$st" -eq 0 ] && cmp -s "$d/res.csv" "$I/results.csv" &&
    cmp -s "$d/ytd.csv" "$I/ytd.csv" && [ -z "$(hidden "$d")" ] &&
    [ "$(stat -c %a "$d/res.csv")" = 600 ]
ok $? "without a fault all three are written (status $st)"
# Standard output last: a closed pipe keeps the old YTD file.
d=$S/commit.pipe
mkdir -p "$d"
echo "old ytd" >"$d/ytd.csv"
python3 - "$B/payroll-calc" --verbose $R $PER -Y "$d/ytd.csv" "$I/valid.csv" \
    >"$d.st" 2>"$d.err" <<'EOF'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
sys.stderr.buffer.write(p.stderr)
print(p.returncode)
EOF
st=$(cat "$d.st")
[ "$st" = 4 ] && [ "$(cat "$d/ytd.csv")" = "old ytd" ] &&
    [ -z "$(hidden "$d")" ] && grep -q 'Broken pipe' "$d.err" &&
    ! grep -q 'read [0-9]*, paid' "$d.err"
ok $? "a closed pipe: status $st, the YTD file kept, the error without a summary claiming success ($(tr '\n' '|' <"$d.err"))"
# The same with --stream-summary, where the records go to the pipe as
# they are made (cmd/stream.c): the write error ends the run (status 4),
# no summary file vouches for the stream, and no write is retried
# forever (the run is given 60 s).
d=$S/commit.pipe-stream
mkdir -p "$d"
python3 - "$B/payroll-calc" $R $PER --stream-summary "$d/sum.csv" \
    "$I/valid.csv" >"$d.st" 2>"$d.err" <<'EOF'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
try:
    p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE,
                       timeout=60)
    sys.stderr.buffer.write(p.stderr)
    print(p.returncode)
except subprocess.TimeoutExpired:
    print("still running after 60 s")
EOF
st=$(cat "$d.st")
[ "$st" = 4 ] && [ ! -e "$d/sum.csv" ] && grep -q 'Broken pipe' "$d.err"
ok $? "--stream-summary into a closed pipe: status $st, no summary ($(tr '\n' '|' <"$d.err"))"

# Payslips, one file each: all of them or none.
d=$S/commit.slips
mkdir -p "$d"
"$B/payroll-export" --format payslip $R $CO -o "$d/" "$I/results.csv" 2>/dev/null
for f in "$d"/*; do echo old >"$f"; done
FAILIO_RENAME_AT=7 LD_PRELOAD=$SHIM "$B/payroll-export" --format payslip $R $CO \
    -o "$d/" "$I/results.csv" 2>"$d.err"
st=$?
[ "$st" -eq 4 ] && [ "$(cat "$d"/* | sort -u)" = old ] &&
    [ "$(ls "$d" | wc -l)" -eq 20 ] && [ -z "$(hidden "$d")" ]
ok $? "payslips: move 7 of 20 fails: every payslip keeps its old version (status $st: $(head -n 1 "$d.err"))"
rm -f "$d"/*
FAILIO_RENAME_AT=7 LD_PRELOAD=$SHIM "$B/payroll-export" --format payslip $R $CO \
    -o "$d/" "$I/results.csv" 2>/dev/null
st=$?
[ "$st" -eq 4 ] && [ -z "$(ls -A "$d")" ]
ok $? "payslips: move 7 of 20 fails: no payslip is left (status $st)"

# --- 3. Personal data left behind; 6. SIGTERM and lock files ------------
# A run reading from a FIFO is stopped while its outputs are open.  The
# tools read in blocks of 64 KiB: pad FILE gives 160 KiB of repeats of its
# 12th line (rejected as repeats where the run gets that far).
pad() {
	i=0
	l=$(sed -n 12p "$1")
	while [ $i -lt 400 ]; do
		echo "$l"
		i=$((i + 1))
	done
}
# feed N FILE: the first N lines of FILE, then pad FILE, into $S/fifo from
# the background.  The script holds the FIFO open read-write, so no open
# blocks: a tool that died before opening it (a sanitizer refusing to
# start, say) fails its test instead of hanging the suite.  unfeed closes
# the script's end: the tool reads to the end, or the writer, with no
# reader left, stops on EPIPE.
feed() {
	exec 3<>"$S/fifo"
	{ head -n "$1" "$2"; pad "$2"; } 3>&- >"$S/fifo" &
	feeder=$!
}
unfeed() {
	exec 3>&-
	wait "$feeder" 2>/dev/null
}
# stopped SIGNAL DIR [env...]: payroll-calc writing DIR/res.csv, ytd.csv.
stopped() {
	sig=$1 sd=$2
	shift 2
	mkdir -p "$sd"
	rm -f "$S/fifo"
	mkfifo "$S/fifo"
	env "$@" "$B/payroll-calc" -q $R $PER -o "$sd/res.csv" -Y "$sd/ytd.csv" \
	    "$S/fifo" 2>/dev/null &
	pid=$!
	feed 11 "$I/valid.csv"
	i=0
	while [ ! -e "$sd/.ytd.csv.payroll-lock" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.2
	kill "-$sig" "$pid"
	wait "$pid" 2>/dev/null
	unfeed
	rm -f "$S/fifo"
}
d=$S/kill9
stopped KILL "$d"
left=$(hidden "$d")
[ -z "$(ls -A "$d" | grep '^\.' | grep -v '\.payroll-lock$')" ]
ok $? "kill -9 while writing: no temporary file with data (left: $left)"
"$B/payroll-calc" -q $R $PER -o "$d/res.csv" -Y "$d/ytd.csv" "$I/valid.csv"
[ -z "$(hidden "$d")" ] && cmp -s "$d/res.csv" "$I/results.csv"
ok $? "the next run leaves nothing hidden (left: $(hidden "$d"))"
d=$S/kill9-named
stopped KILL "$d" FAILIO_NOTMPFILE=1 LD_PRELOAD="$SHIM"
left=$(hidden "$d")
echo "# kill -9 without O_TMPFILE left: $left"
FAILIO_NOTMPFILE=1 LD_PRELOAD="$SHIM" "$B/hr-validate" -q $R $PER \
    -o "$d/other.csv" "$I/emp.csv" 2>/dev/null
[ -z "$(hidden "$d")" ]
ok $? "without O_TMPFILE: the next run in the folder removes the stale temporaries (left: $(hidden "$d"))"
# A live run's temporary file is locked: another run leaves it alone.
d=$S/live
mkdir -p "$d"
rm -f "$S/fifo"
mkfifo "$S/fifo"
FAILIO_NOTMPFILE=1 LD_PRELOAD="$SHIM" "$B/payroll-calc" -q $R $PER \
    -o "$d/res.csv" "$S/fifo" 2>"$S/live.err" &
pid=$!
feed 11 "$I/valid.csv"
i=0
while [ -z "$(ls -A "$d" | grep payroll-tmp)" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.3
FAILIO_NOTMPFILE=1 LD_PRELOAD="$SHIM" "$B/hr-validate" -q $R $PER \
    -o "$d/other.csv" "$I/emp.csv" 2>/dev/null
unfeed
wait $pid
st=$?
rm -f "$S/fifo"
[ "$st" -eq 1 ] && [ "$(wc -l <"$d/res.csv")" -eq 12 ] && [ -z "$(hidden "$d")" ]
ok $? "a live run's temporary file is not taken for a stale one (status $st)"
d=$S/term
stopped TERM "$d"
[ -z "$(ls -A "$d")" ]
ok $? "SIGTERM while writing: no lock file and no temporary file left ($(ls -A "$d" | tr '\n' ' '))"
# The payslip staging folder.
d=$S/slips
mkdir -p "$d"
rm -f "$S/fifo"
mkfifo "$S/fifo"
"$B/payroll-export" --format payslip $R $CO -o "$d/" "$S/fifo" 2>/dev/null &
pid=$!
feed 5 "$I/results.csv"
i=0
while [ -z "$(hidden "$d")" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.2
kill -9 $pid
wait $pid 2>/dev/null
unfeed
rm -f "$S/fifo"
echo "# kill -9 during payslips left: $(hidden "$d")"
"$B/payroll-export" --format payslip $R $CO -o "$d/" "$I/results.csv" 2>/dev/null
st=$?
[ "$st" -eq 0 ] && [ -z "$(hidden "$d")" ] && [ "$(ls "$d" | wc -l)" -eq 20 ]
ok $? "the next payslip run removes the staging folder a kill -9 left (status $st, left: $(hidden "$d"))"

# --- 6. Every bad payslip id, masked ------------------------------------
d=$S/badid
mkdir -p "$d/s"
awk -F, -v OFS=, 'NR == 3 { $1 = "AB/CD1234" } NR == 6 { $1 = "EF GH5678" } { print }' \
    "$I/results.csv" >"$d/bad.csv"
"$B/payroll-export" --format payslip $R $CO -o "$d/s/" "$d/bad.csv" 2>"$d.err"
st=$?
[ "$st" -eq 1 ] && grep -q 'bad.csv:3:.*\*\*\*\*1234' "$d.err" &&
    grep -q 'bad.csv:6:.*\*\*\*\*5678' "$d.err" && ! grep -q 'CD1234\|GH5678' "$d.err" &&
    [ -z "$(ls -A "$d/s")" ]
ok $? "payslips: every id that cannot name a file is reported, masked (status $st)"

if [ -n "${alone-}" ]; then
	echo "1..$n"
fi
