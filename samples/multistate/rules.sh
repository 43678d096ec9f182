#!/bin/sh
# The multistate pack set as the tools' options, on one line: the federal
# pack, every state's and DC's (rules/us/*/), the example company's and
# this sample's rates.  Run from the top of the source tree; used by
# samples/multistate/demo.sh and make bench.
printf '%s' '-r rules/us/federal'
for d in rules/us/*/; do
	d=${d%/}
	[ "$d" = rules/us/federal ] || printf ' -r %s' "$d"
done
printf ' %s\n' '-r rules/company/example -r samples/multistate/rates.yaml'
