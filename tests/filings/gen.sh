#!/bin/sh
# Makes a year of monthly results (2026) for the filing tests with
# payroll-calc and the test pack, YTD carried from month to month.
# usage: gen.sh OUTDIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/../../bin
out=$1
mkdir -p "$out"
prev=
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	if [ -n "$prev" ]; then
		set -- -y "$out/ytd-$prev.csv"
	else
		set --
	fi
	"$bin/payroll-calc" -q -r "$here/pack/us.yaml" -p 2026-$m "$@" \
	    -Y "$out/ytd-$m.csv" -o "$out/results-$m.csv" \
	    "$here/employees.csv"
	prev=$m
done
