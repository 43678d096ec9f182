#!/bin/sh
# Sharding: GNU parallel --pipe splits a run across processes; the sorted
# output must equal the single-process output byte for byte, and the
# shards' summaries must add up to the single run's.  Prints TAP lines.
cd "$(dirname "$0")/../.." || exit 2
T=tests/out/scale
rm -rf "$T"
mkdir -p "$T"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
if ! command -v parallel >/dev/null 2>&1; then
	echo "ok 1 # SKIP GNU parallel is not installed (Debian package parallel)"
	exit 0
fi
RULES="-r rules/us/federal -r rules/us/il -r rules/company/example"
PERIOD="-p 2026-11 -f monthly -d 2026-11-30"

# 5,000 employees of the sample (valid records only).
bin/hr-import -q --map samples/public-employer/map.yaml \
    samples/public-employer/employees.csv | samples/synth 2>/dev/null |
    bin/hr-validate -q $RULES $PERIOD --rejects /dev/null 2>/dev/null |
    head -n 5001 >"$T/employees.csv"

bin/payroll-calc -q $RULES $PERIOD -s "$T/summary.csv" "$T/employees.csv" \
    >"$T/single.csv"
ok $? "single-process run"

# Shards of about 400 KB, 4 jobs at a time; each shard gets the header.
parallel --will-cite --pipe --header 1 --block 400k -j 4 --keep-order \
    "bin/payroll-calc -q $RULES $PERIOD -s $T/summary-{#}.csv" \
    <"$T/employees.csv" >"$T/sharded-raw.csv"
ok $? "sharded run"
shards=$(ls "$T"/summary-*.csv | wc -l)
[ "$shards" -gt 1 ]
ok $? "the input was split ($shards shards)"

# Merge: one header, rows sorted by employee_id (the first column).
head -n 1 "$T/single.csv" >"$T/sharded.csv"
grep -v '^employee_id,' "$T/sharded-raw.csv" | LC_ALL=C sort -t, -k1,1 \
    >>"$T/sharded.csv"
{ head -n 1 "$T/single.csv"; sed 1d "$T/single.csv" | LC_ALL=C sort -t, -k1,1; } \
    >"$T/single-sorted.csv"
cmp -s "$T/single-sorted.csv" "$T/sharded.csv"
ok $? "sorted sharded results equal the single run's, byte for byte"

# Summaries merge: counts and control totals add up.  Totals have two
# places: summed as integer cents (exact in awk below 2^53).
awk -F, 'FNR > 1 { split($2, p, "."); c[$1] += p[1] * 100 + (length(p[2]) ? p[2] : 0) * ($2 ~ /^-/ ? -1 : 1) }
    END { for (k in c) print k, c[k] }' "$T"/summary-*.csv | sort >"$T/merged"
awk -F, 'NR > 1 { split($2, p, "."); c[$1] += p[1] * 100 + (length(p[2]) ? p[2] : 0) * ($2 ~ /^-/ ? -1 : 1) }
    END { for (k in c) print k, c[k] }' "$T/summary.csv" | sort >"$T/whole"
cmp -s "$T/merged" "$T/whole"
ok $? "shard summaries add up to the single run's counts and totals"

# Filings merge from shards: the 941 of the shard results equals the 941
# of the single run.
if [ -x bin/authority-report ]; then
	parallel --will-cite --pipe --header 1 --block 400k -j 4 \
	    "cat > $T/shard-{#}.csv" <"$T/single.csv"
	bin/authority-report --form us-941 $RULES --employer samples/employer.yaml \
	    --quarter 2026Q4 "$T"/shard-*.csv >"$T/941-shards.csv" 2>/dev/null
	bin/authority-report --form us-941 $RULES --employer samples/employer.yaml \
	    --quarter 2026Q4 "$T/single.csv" >"$T/941-single.csv" 2>/dev/null
	cmp -s "$T/941-shards.csv" "$T/941-single.csv" && [ -s "$T/941-single.csv" ]
	ok $? "Form 941 from the shards' results equals the single run's"
fi
echo "1..$n"
