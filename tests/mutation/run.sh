#!/bin/sh
# make mutation: the mutation sample of issue 13 (section 4).  Not part of
# make check or make check-all: it rebuilds and reruns the suites once per
# mutant, which takes a long time.
#
#   sh tests/mutation/run.sh [-k] [-B] [ID ...]
#
# For each mutant of tests/mutation/mutants.txt (or those named), in a
# scratch copy of the tree (under MUTATION_DIR, /tmp/payroll-mutation-$USER
# by default; never the working tree): applies the one-line replacement
# (refused unless the old text occurs exactly once, in the file or, for
# "file:LINE", in that line), rebuilds (make all
# and the unit tests), runs the suites in an order that finds a killer
# fast, stopping at the first that fails, prints
#
#   ID KILLED by SUITE (N s)     or     ID SURVIVED (N s)
#
# restores the file, and at the end "N killed, M survived".  A suite
# fails as in tests/run.sh: a "not ok" TAP line, a failed count in a
# "NAME: N passed, M failed" summary, no summary at all, or a non-zero
# exit without a failure or skip reported (a suite stopped at its time
# limit is said, and not counted: on a shared machine it says little
# about the mutant); it kills a mutant when
# it reports more failures than it does on the unmutated tree (a second
# copy, built beside the first: a suite is run there the first time a
# mutant makes it fail; -B takes every suite as clean instead).  The log
# of the killing suite is kept in MUTATION_DIR/ID.killer.log.
#
#   -k                  keep going after a killing suite (every suite runs;
#                       the first killer is still the one reported)
#   MUTATION_DIR        the scratch copies (deleted and made again)
#   SUITE_TIMEOUT       seconds a suite may take (default 900)
#   MUTANT_TIMEOUT      seconds a mutant may take in all (default 2400);
#                       past it the mutant is reported UNDECIDED
#   MUTATION_SUITES     the suites to run, in order (default: all below)
#   MUTATION_LIST       the list of mutants (default: tests/mutation/mutants.txt;
#                       another list for a practice run, never committed)
#   MUTATION_SANITIZE   build both copies with SANITIZE=this (address,undefined
#                       as CI's sanitized tier: a mutant that only reads or
#                       writes out of bounds is then seen)
#
# Exit status: 0 when every mutant was decided and at most
# MUTATION_MAX_SURVIVORS (default 2) survived, 1 otherwise, 2 on a usage
# or set-up error.
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
LIST=${MUTATION_LIST:-$SRC/tests/mutation/mutants.txt}
W=${MUTATION_DIR:-/tmp/payroll-mutation-$(id -un)}
suite_limit=${SUITE_TIMEOUT:-900}
mutant_limit=${MUTANT_TIMEOUT:-2400}
max_surv=${MUTATION_MAX_SURVIVORS:-2}
keep_going=0
baseline=1
while [ $# -gt 0 ]; do
	case "$1" in
	-k) keep_going=1 ;;
	-B) baseline=0 ;;
	-h|--help) sed -n '2,41p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
case "$W" in
/|"$SRC"|"$SRC"/|/tmp|/tmp/) echo "run.sh: MUTATION_DIR '$W' is not a scratch directory" >&2; exit 2 ;;
esac

# mutants [ID ...]: "id<TAB>file" lines of the list (checked: five fields).
mutants() {
	python3 - "$LIST" "$@" <<'EOF'
import sys
path, want = sys.argv[1], sys.argv[2:]
seen = []
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    f = line.split(" | ")
    if len(f) != 5 or not all(x.strip() for x in f):
        sys.exit("%s:%d: want 'id | file | old | new | why'" % (path, n))
    if f[0] in seen:
        sys.exit("%s:%d: id '%s' given twice" % (path, n, f[0]))
    seen.append(f[0])
    if not want or f[0] in want:
        print("%s\t%s" % (f[0], f[1].rsplit(":", 1)[0] if
                           f[1].rsplit(":", 1)[-1].isdigit() else f[1]))
for w in want:
    if w not in seen:
        sys.exit("%s: no mutant '%s'" % (path, w))
EOF
}

# mutate ID: applies the mutant to the mutated copy; refuses (status 1)
# unless its old text occurs exactly once.  The original is kept in
# $W/orig for restore.
mutate() {
	python3 - "$LIST" "$1" "$M" "$W/orig" <<'EOF'
import os, shutil, sys
path, ident, w, orig = sys.argv[1:5]
for line in open(path, encoding="utf-8"):
    f = line.rstrip("\n").split(" | ")
    if len(f) == 5 and f[0] == ident:
        break
else:
    sys.exit("no mutant " + ident)
name, line = f[1], None
if ":" in name and name.rsplit(":", 1)[1].isdigit():
    name, line = name.rsplit(":", 1)[0], int(name.rsplit(":", 1)[1])
target = os.path.join(w, name)
with open(target, encoding="utf-8") as fp:
    text = fp.read()
if line is None:
    n = text.count(f[2])
    where = name
else:
    lines = text.split("\n")
    n = lines[line - 1].count(f[2]) if 0 < line <= len(lines) else 0
    where = "line %d of %s" % (line, name)
if n != 1:
    sys.exit("%s: the old text occurs %d times in %s, not once" % (ident, n, where))
shutil.copy2(target, orig)
if line is not None:
    lines[line - 1] = lines[line - 1].replace(f[2], f[3])
    text = "\n".join(lines)
else:
    text = text.replace(f[2], f[3])
with open(target, "w", encoding="utf-8") as fp:
    fp.write(text)
EOF
}

# restore FILE: puts the original back (a new mtime, so make rebuilds).
restore() {
	cat "$W/orig" >"$M/$1" && rm -f "$W/orig"
}

# The suites, fastest killers first: each unit test, each vector and case
# runner, then the CLI, bad-input and Unix suites, then the full tier;
# within each group the quickest first, as measured so far in this run
# ($W/.times: "suite seconds", kept as MUTATION_DIR.times for the next
# run), a runner that took over a minute after the Unix suite, and a
# suite that took over five minutes last.
suite_list() {
	if [ -n "${MUTATION_SUITES:-}" ]; then
		echo "$MUTATION_SUITES" | tr ' ' '\n'
		return
	fi
	{
		(cd "$B" && for t in tests/unit/t_*.c; do echo "1 ${t%.c}"; done)
		(cd "$B" && ls tests/vectors/t_*.py tests/cases/t_*.py) |
		    sed 's/^/2 /'
		for s in cli bad unix; do
			[ -f "$B/tests/$s/run.sh" ] && echo "3 tests/$s/run.sh"
		done
		for s in demo filings formats multistate fault; do
			[ -f "$B/tests/$s/run.sh" ] && echo "4 tests/$s/run.sh"
		done
	} | awk -v tf="$W/.times" 'BEGIN {
		while ((getline l < tf) > 0) { split(l, a, " "); t[a[1]] = a[2] }
	    } { s = $2 in t ? t[$2] : 0
		# A runner that took minutes waits for the quicker suites;
		# a suite that took over five minutes comes last.
		g = s > 300 ? 5 : $1 == 2 && s > 60 ? 3.5 : $1
		print g, s, NR, $2 }' |
	    sort -k1,1g -k2,2n -k3,3n | awk '{ print $4 }'
}

# run_suite DIR SUITE LIMIT: runs it in the copy DIR; prints the number
# of failures it reports (see the header), its log in DIR.log.
run_suite() {
	log=$1.log
	case "$2" in
	*.py) (cd "$1" && timeout -k 10 "$3" python3 "$2") ;;
	*.sh) (cd "$1" && timeout -k 10 "$3" sh "$2") ;;
	*) (cd "$1" && timeout -k 10 "$3" "./$2") ;;
	esac </dev/null >"$log" 2>&1
	rc=$?
	set -- "$2"
	case "$1" in
	*.py)
		line=$(grep -E '^[^ ].*: [0-9]+ passed, [0-9]+ failed' "$log" |
		    tail -n 1)
		if [ -z "$line" ]; then
			f=1 s=0
		else
			f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
			case "$line" in
			*skipped*) s=$(echo "$line" |
			    sed -E 's/.* ([0-9]+) skipped.*/\1/') ;;
			*) s=0 ;;
			esac
		fi ;;
	*)
		f=$(grep -c '^not ok ' "$log")
		s=$(grep '^ok ' "$log" | grep -ic '# skip') ;;
	esac
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo timeout
		return
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		f=1
	fi
	echo "$f"
}

# A preloaded shim (tests/fault, t_write_retry) comes before a sanitizer's
# runtime; ASan refuses that order unless told it is meant (as
# tests/run.sh does).
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

# build DIR: make all and the unit tests there.
build() {
	(cd "$1" && timeout -k 10 "$suite_limit" make -j2 \
	    ${MUTATION_SANITIZE:+SANITIZE=$MUTATION_SANITIZE} all \
	    $(for t in tests/unit/t_*.c; do printf '%s ' "${t%.c}"; done)) \
	    </dev/null >"$1.build.log" 2>&1
}

# The ids to run (and a check of the list) before anything is built.
ids=$(mutants "$@") || exit 2
[ -n "$ids" ] || { echo "run.sh: no mutant to run" >&2; exit 2; }

t0=$(date +%s)
# Two copies of the tree as it is (tracked files and new ones git does
# not ignore): $B stays unmutated, for the baseline; $M is mutated.
B=$W/base
M=$W/mutant
echo "# scratch copies: $B and $M"
rm -rf "$W"
rm -f "$W.times.new"
mkdir -p "$B" "$M" || exit 2
git -C "$SRC" ls-files -z -co --exclude-standard |
    (cd "$SRC" && tar cf - --null --no-recursion --ignore-failed-read -T -) \
    >"$W/tree.tar" || exit 2
for d in "$B" "$M"; do
	(cd "$d" && tar xf "$W/tree.tar") || exit 2
	# The formats suite's npm packages (installed there when missing).
	[ -d "$SRC/tests/node_modules" ] &&
	    cp -a "$SRC/tests/node_modules" "$d/tests/"
	if ! build "$d"; then
		tail -n 20 "$d.build.log"
		echo "run.sh: the unmutated tree does not build" >&2
		exit 2
	fi
done
rm -f "$W/tree.tar"
# The suites' times of the last run, kept beside the copies, order this
# run's suites from the start.
if [ -f "$W.times" ]; then cp "$W.times" "$W/.times"; else : >"$W/.times"; fi
: >"$W/.baseline"
# baseline SUITE: the failures SUITE reports on the unmutated tree (run
# once, when a mutant first makes it fail; 0 with -B).
baseline() {
	if [ "$baseline" -eq 0 ]; then
		echo 0
		return
	fi
	bf=$(awk -v s="$1" '$1 == s { print $2 }' "$W/.baseline")
	if [ -z "$bf" ]; then
		bf=$(run_suite "$B" "$1" "$suite_limit")
		[ "$bf" != timeout ] || bf=0
		echo "$1 $bf" >>"$W/.baseline"
		[ "$bf" -eq 0 ] ||
		    echo "#   $1 fails $bf time(s) unmutated too" >&2
	fi
	echo "$bf"
}
echo "# built: $(($(date +%s) - t0)) s"

summary=$W/.summary
: >"$summary"
for id in $(echo "$ids" | cut -f 1); do
	file=$(echo "$ids" | awk -F '\t' -v i="$id" '$1 == i { print $2 }')
	m0=$(date +%s)
	if ! mutate "$id"; then
		echo "$id INVALID (not applied)"
		echo "invalid $id" >>"$summary"
		continue
	fi
	if ! build "$M"; then
		# A mutant that does not compile says nothing about the tests.
		echo "$id INVALID (does not build)"
		grep 'error' "$M.build.log" | head -n 3 | sed 's/^/#   /'
		echo "invalid $id" >>"$summary"
		restore "$file"
		continue
	fi
	killer= verdict=survived timeouts=
	for s in $(suite_list); do
		left=$((mutant_limit - ($(date +%s) - m0)))
		if [ "$left" -le 0 ]; then
			[ -n "$killer" ] || verdict=undecided
			break
		fi
		[ "$left" -lt "$suite_limit" ] || left=$suite_limit
		s0=$(date +%s)
		f=$(run_suite "$M" "$s" "$left")
		if [ "$f" = timeout ]; then
			# On a shared machine a suite's time says little about
			# the mutant: not a kill, and said.
			echo "#   $id: $s stopped after its time limit: not counted"
			timeouts="$timeouts $s"
			continue
		fi
		# The time it takes, for the order of the next mutants.
		awk -v s="$s" '$1 != s' "$W/.times" >"$W/.times.new"
		echo "$s $(($(date +%s) - s0))" >>"$W/.times.new"
		mv "$W/.times.new" "$W/.times"
		cp "$W/.times" "$W.times"
		[ "$f" -gt 0 ] || continue
		cp "$M.log" "$W/$id.log"
		[ "$f" -gt "$(baseline "$s")" ] || continue
		if [ -z "$killer" ]; then
			killer=$s verdict=killed
			cp "$M.log" "$W/$id.killer.log"
		else
			echo "#   $id: also failed by $s"
		fi
		[ "$keep_going" -eq 1 ] || break
	done
	secs=$(($(date +%s) - m0))
	case "$verdict" in
	killed) echo "$id KILLED by $killer ($secs s)" ;;
	survived) echo "$id SURVIVED ($secs s${timeouts:+; not decided by:$timeouts})" ;;
	*) echo "$id UNDECIDED (over ${mutant_limit}s, no suite failed)" ;;
	esac
	echo "$verdict $id" >>"$summary"
	restore "$file"
done
killed=$(grep -c '^killed ' "$summary")
survived=$(grep -c '^survived ' "$summary")
undecided=$(grep -c '^undecided ' "$summary")
invalid=$(grep -c '^invalid ' "$summary")
echo "$killed killed, $survived survived" \
    "($undecided undecided, $invalid invalid; $(($(date +%s) - t0)) s)"
[ "$undecided" -eq 0 ] && [ "$invalid" -eq 0 ] && [ "$survived" -le "$max_surv" ]
