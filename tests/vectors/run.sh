#!/bin/sh
# Runs every vector runner (tests/vectors/*.py); prints a line per file and
# per component, and a total "N passed, N failed" line from the runners.
cd "$(dirname "$0")" || exit 2
status=0
for t in t_*.py; do
	[ -f "$t" ] || continue
	python3 "$t" || status=1
done
exit $status
