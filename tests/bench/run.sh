#!/bin/sh
# make bench: speed and memory of payroll-calc and the pipeline against a
# floor (libcsv parsing and rewriting the same file) and Miller computing
# a toy gross-to-net, at 10,000 and 1,000,000 employees generated with the
# distribution of the public-employer extract, and payroll-calc with the
# multistate pack set (every state) on the multistate sample's employees
# repeated (ms-calc, against its own floor, ms-floor).  Prints a table;
# the figures of record are in docs/performance.md.
set -u
cd "$(dirname "$0")/../.." || exit 2
W=tests/bench/work
B=bin
RULES="-r rules/us/federal -r rules/us/il -r rules/company/example"
PERIOD="-p 2026-11 -f monthly -d 2026-11-30"
SIZES=${BENCH_SIZES:-"10000 1000000"}
mkdir -p "$W"
command -v mlr >/dev/null 2>&1 || { echo "bench: mlr (Debian package miller) is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (Debian package time) is needed" >&2; exit 2; }

# The base: the public extract through hr-import (without the 2 records
# hr-validate rejects for a missing full/part-time field).
if [ ! -s "$W/base.csv" ]; then
	$B/hr-import -q --map samples/public-employer/map.yaml \
	    samples/public-employer/employees.csv |
	    grep -v ',,salaried,\|,,hourly,' >"$W/base.csv"
fi

# N employees: the base repeated with fresh ids (sorted, as the tools'
# merge joins want), so the mix of salaried, hourly and pay levels is the
# extract's; then the sample's synthetic fields, whose SSNs are unique
# per id (samples/synth -c: no deliberately bad records).
gen() {
	awk -F, -v n="$1" 'NR == 1 { print; next }
	    { rec[++k] = substr($0, length($1) + 1) }
	    END { for (i = 0; i < n; i++) printf "E%07d%s\n", i, rec[i % k + 1] }' \
	    "$W/base.csv" | samples/synth -c >"$W/employees-$1.csv" 2>/dev/null
}

# run NAME COMMAND: wall seconds, CPU seconds, peak RSS in KiB.
run() {
	name=$1
	shift
	# Status 1 is a completed run with a few records rejected (a part-time
	# stipend whose extra W-4 withholding exceeds its pay, say).
	/usr/bin/time -f '%e %U %S %M' -o "$W/time" sh -c "$*" >/dev/null 2>"$W/err"
	st=$?
	[ $st -le 1 ] || { echo "bench: $name failed ($st):" >&2; cat "$W/err" >&2; exit 1; }
	tail -n 1 "$W/time" | { read -r wall user sys rss; echo "$wall $user $sys $rss"; } >"$W/time1"
	read -r wall user sys rss <"$W/time1"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	echo "$name $wall $cpu $rss"
}

# The multistate pack set: the federal pack, every state's, the company's
# and the multistate sample's rates, on the multistate sample's employees
# (every state and DC) repeated with fresh ids.
MSRULES=$(sh samples/multistate/rules.sh)
MSPERIOD="-p 2026-11-02 -f biweekly -d 2026-11-20"
if [ ! -s "$W/ms-base.csv" ]; then
	$B/hr-import -q --map samples/multistate/map.yaml \
	    samples/multistate/export.csv >"$W/ms-base.csv"
fi
msgen() {
	awk -F, -v n="$1" 'NR == 1 { print; next }
	    { rec[++k] = substr($0, length($1) + 1) }
	    END { for (i = 0; i < n; i++) printf "M%07d%s\n", i, rec[i % k + 1] }' \
	    "$W/ms-base.csv" >"$W/ms-$1.csv"
}

MLR_TOY='$gross = is_empty($annual_salary) ? fmtnum($hourly_rate * $standard_hours * 52 / 12, "%.2f") : fmtnum($annual_salary / 12, "%.2f"); $fit = fmtnum($gross * 0.12, "%.2f"); $fica = fmtnum($gross * 0.0765, "%.2f"); $state = fmtnum($gross * 0.0495, "%.2f"); $net = $gross - $fit - $fica - $state'

printf '%-10s %-12s %9s %9s %10s %9s %9s\n' employees tool wall_s cpu_s peak_MiB x_floor x_mlr
for n in $SIZES; do
	gen "$n"
	f="$W/employees-$n.csv"
	floor=$(run floor "tests/bench/floor <$f")
	mlr=$(run mlr "mlr --icsv --ocsv put '$MLR_TOY' $f")
	calc=$(run payroll-calc "$B/payroll-calc -q $RULES $PERIOD $f")
	# -N: every record must come through validation (rejected ones would
	# make the pipeline look faster than it is).
	pipe=$(run pipeline "$B/hr-validate -q $RULES $PERIOD --rejects /dev/null $f | $B/payroll-calc -q -N $n $RULES $PERIOD | $B/payroll-export --format register $RULES")
	# The same pipeline streamed (docs/cron.md, "A streaming pipeline"):
	# the stages overlap, each summary vouching for its stream.
	spipe=$(run pipe-stream "$B/hr-validate -q $RULES $PERIOD --rejects /dev/null --stream-summary $W/v.sum $f | $B/payroll-calc -q -N $n $RULES $PERIOD --input-summary $W/v.sum --stream-summary $W/c.sum | $B/payroll-export --format register $RULES --input-summary $W/c.sum")
	msgen "$n"
	msfloor=$(run ms-floor "tests/bench/floor <$W/ms-$n.csv")
	mscalc=$(run ms-calc "$B/payroll-calc -q $MSRULES $MSPERIOD $W/ms-$n.csv")
	fw=$(echo "$floor" | cut -d' ' -f2)
	mw=$(echo "$mlr" | cut -d' ' -f2)
	msw=$(echo "$msfloor" | cut -d' ' -f2)
	for line in "$floor" "$mlr" "$calc" "$pipe" "$spipe" "$msfloor" "$mscalc"; do
		case "$line" in ms-*) f=$msw ;; *) f=$fw ;; esac
		echo "$line" | awk -v n="$n" -v fw="$f" -v mw="$mw" '{
		    printf "%-10s %-12s %9.2f %9.2f %10.1f %9.2f %9.2f\n",
		        n, $1, $2, $3, $4 / 1024, $2 / (fw > 0 ? fw : 0.01),
		        $2 / (mw > 0 ? mw : 0.01) }'
	done
done
