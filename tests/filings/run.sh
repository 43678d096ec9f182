#!/bin/sh
# Filing tests: authority-report's filings made from a year of results
# (payroll-calc and the test packs here), checked by check.py, which
# recomputes every figure from the results and reads every position from
# the layout; and the wrong inputs that must give an error and no file.
# Prints TAP lines "ok N - ..." / "not ok N - ...".
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
T=$ROOT/tests/filings
BIN=$ROOT/bin
AR=$BIN/authority-report
O=$ROOT/tests/out/filings
rm -rf "$O"
mkdir -p "$O"
PY=python3
$PY -c 'import yaml' 2>/dev/null || PY=/usr/bin/python3
n=0
tap() {
	while IFS= read -r line; do
		case "$line" in
		"ok - "*) n=$((n + 1)); echo "ok $n - ${line#ok - }" ;;
		"not ok - "*) n=$((n + 1)); echo "not ok $n - ${line#not ok - }" ;;
		*) echo "# $line" ;;
		esac
	done
}
check() {	# check KIND ARGS...: check.py's lines, numbered
	$PY "$T/check.py" "$@" >"$O/check.tap" 2>"$O/check.err"
	rc=$?
	tap <"$O/check.tap"
	if [ $rc -ne 0 ]; then
		n=$((n + 1))
		echo "not ok $n - check.py $1 failed (status $rc)"
		sed 's/^/# /' "$O/check.err" | tail -n 5
	fi
}
t() {	# t "what" command...: ok when the command succeeds
	what=$1
	shift
	n=$((n + 1))
	if "$@" >"$O/last.out" 2>&1; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what"
		sed 's/^/# /' "$O/last.out" | head -n 20
	fi
}
# refuses "what" status pattern command...: the command exits with status,
# says something matching pattern on stderr, and writes no output file.
refuses() {
	what=$1 want=$2 pat=$3
	shift 3
	rm -f "$O/bad.out"
	"$@" -o "$O/bad.out" >"$O/r.out" 2>"$O/r.err"
	got=$?
	n=$((n + 1))
	if [ "$got" -eq "$want" ] && grep -q -- "$pat" "$O/r.err" &&
	    [ ! -e "$O/bad.out" ] && ! ls "$O"/.bad.out.* >/dev/null 2>&1; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what (status $got, want $want)"
		sed 's/^/# /' "$O/r.err" | head -n 5
	fi
}

# A year of US results, and eight months of UK results.
t "payroll-calc makes a year of US results with the test pack" \
    sh "$T/gen.sh" "$O/us"
R=$O/us
ukprev=
for m in 04 05 06 07 08 09 10 11; do
	set --
	[ -n "$ukprev" ] && set -- -y "$O/uk/ytd-$ukprev.csv"
	mkdir -p "$O/uk"
	(cd "$T" && "$BIN/payroll-calc" -q -r pack/uk.yaml \
	    -r "$ROOT/rules/uk/student-loans" -p 2026-$m "$@" \
	    -Y "$O/uk/ytd-$m.csv" -o "$O/uk/results-$m.csv" uk-employees.csv)
	ukprev=$m
done
t "payroll-calc makes eight UK pay runs with the test pack" \
    test -s "$O/uk/results-11.csv"
US="-r $T/pack/us.yaml -c $ROOT/samples/employer.yaml"

# W-2 (EFW2) for the year.
t "us-w2-efw2 for 2026" $AR -F us-w2-efw2 $US -p 2026 -o "$O/w2.efw2" \
    "$R"/results-*.csv
check efw2 "$ROOT/rules/formats/us-w2-efw2/2025.yaml" \
    "$O/w2.efw2" "$R"/results-*.csv

# 941 for each quarter.
for q in 1 2 3 4; do
	m1=$(printf %02d $((q * 3 - 2)))
	m2=$(printf %02d $((q * 3 - 1)))
	m3=$(printf %02d $((q * 3)))
	t "us-941 for 2026Q$q" $AR -F us-941 -p 2026Q$q -o "$O/941-$q.csv" \
	    "$R/results-$m1.csv" "$R/results-$m2.csv" "$R/results-$m3.csv"
	check f941 "$O/941-$q.csv" "$R/results-$m1.csv" \
	    "$R/results-$m2.csv" "$R/results-$m3.csv"
done

# Illinois SUI for each quarter, the year's earlier results as history.
hist=
for q in 1 2 3 4; do
	m1=$(printf %02d $((q * 3 - 2)))
	m2=$(printf %02d $((q * 3 - 1)))
	m3=$(printf %02d $((q * 3)))
	set --
	for h in $hist; do set -- "$@" -H "$h"; done
	t "us-il-sui for 2026Q$q" $AR -F us-il-sui $US -p 2026Q$q "$@" \
	    -o "$O/il-sui-$q.txt" "$R/results-$m1.csv" "$R/results-$m2.csv" \
	    "$R/results-$m3.csv"
	check sui "$ROOT/rules/formats/us-il-sui/2025.yaml" \
	    "$O/il-sui-$q.txt" IL 17 14250 "$R/results-$m1.csv" \
	    "$R/results-$m2.csv" "$R/results-$m3.csv" -- $hist
	hist="$hist $R/results-$m1.csv $R/results-$m2.csv $R/results-$m3.csv"
done
t "us-sui-efw2 --state IL gives the same records as us-il-sui" sh -c \
    "$AR -F us-sui-efw2 -j IL $US -p 2026Q1 $R/results-01.csv \
    $R/results-02.csv $R/results-03.csv 2>/dev/null |
    cmp - $O/il-sui-1.txt"
t "us-sui --state IL is Illinois' own layout (us-il-sui)" sh -c \
    "$AR -F us-sui -j IL $US -p 2026Q1 $R/results-01.csv \
    $R/results-02.csv $R/results-03.csv 2>/dev/null |
    cmp - $O/il-sui-1.txt"
t "us-sui --state TX is the common EFW2 RS layout (us-sui-efw2)" sh -c \
    "$AR -F us-sui -j TX $US -p 2026Q1 $R/results-01.csv 2>/dev/null \
    >$O/sui-tx-a.txt; $AR -F us-sui-efw2 -j TX $US -p 2026Q1 \
    $R/results-01.csv 2>/dev/null >$O/sui-tx-b.txt;
    cmp $O/sui-tx-a.txt $O/sui-tx-b.txt && grep -q '^RA' $O/sui-tx-a.txt"
t "us-sui without --state: status 2, nothing written" sh -c \
    "$AR -F us-sui $US -p 2026Q1 $R/results-01.csv >$O/sui-none.txt \
    2>$O/sui-none.err; [ \$? -eq 2 ] && [ ! -s $O/sui-none.txt ] &&
    grep -q 'give --state XX' $O/sui-none.err"

# State withholding.
t "us-state-wh for 2026Q4" $AR -F us-state-wh $US -p 2026Q4 \
    -o "$O/state-wh.csv" "$R/results-10.csv" "$R/results-11.csv" \
    "$R/results-12.csv"
check statewh "$O/state-wh.csv" "$R/results-10.csv" \
    "$R/results-11.csv" "$R/results-12.csv"

# UK FPS for the November pay run.
set --
for m in 04 05 06 07 08 09 10; do set -- "$@" -H "$O/uk/results-$m.csv"; done
t "uk-fps for the pay run of 2026-11-30" $AR -F uk-fps \
    -c "$ROOT/samples/employer.yaml" "$@" -o "$O/fps.xml" \
    "$O/uk/results-11.csv"
t "uk-fps is well-formed XML (xmllint)" xmllint --noout "$O/fps.xml"
check fps "$O/fps.xml" "$O/uk/results-11.csv" -- \
    "$O"/uk/results-0[4-9].csv "$O/uk/results-10.csv"

# RTI 2025-26 against HMRC's own schemas and business rules
# (tests/formats/hmrc-rti/): three monthly pay runs of the synthetic UK
# sample with the real UK packs, the FPS of the third and the EPS of tax
# month 3 (samples/uk/run.sh, also make demo-uk).
X=$ROOT/tests/formats/hmrc-rti
U=$O/uk25
t "samples/uk/run.sh: three 2025-26 pay runs, FPS and EPS" \
    sh "$ROOT/samples/uk/run.sh" "$U"
t "2025-26 FPS validates against HMRC's schema (xmllint --schema)" \
    xmllint --noout --schema "$X/FullPaymentSubmission-2026-v1-0.xsd" \
    "$U/fps.xml"
$PY "$T/rti.py" wrap "$U/fps.xml" "$U/fps-msg.xml" HMRC-PAYE-RTI-FPS
$PY "$T/rti.py" rules "$X/FullPaymentSubmission-2026-v1-0.xslt" \
    "$U/fps-msg.xml" 2>&1 | tap
check fps "$U/fps.xml" "$U/results-3.csv" -- "$U/results-1.csv" \
    "$U/results-2.csv"
t "2025-26 FPS: a starter's section (start date, loans) and a leaver's date" \
    sh -c "grep -q '<StartDate>2025-06-09</StartDate>' '$U/fps.xml' &&
    grep -q '<StudentLoan>yes</StudentLoan>' '$U/fps.xml' &&
    grep -q '<LeavingDate>2025-06-30</LeavingDate>' '$U/fps.xml' &&
    grep -q '<TaxCode TaxRegime=\"S\">1257L</TaxCode>' '$U/fps.xml' &&
    grep -q '<TaxCode BasisNonCumulative=\"yes\">1257L</TaxCode>' '$U/fps.xml'"
t "2025-26 EPS validates against HMRC's schema (xmllint --schema)" \
    xmllint --noout --schema "$X/EmployerPaymentSummary-2026-v1-0.xsd" \
    "$U/eps.xml"
check eps "$U/eps.xml" 500 1 "$U/results-3.csv" -- "$U/results-1.csv" \
    "$U/results-2.csv"
# The checks can fail: a tax code with its country prefix is not in the
# schema, and a related tax year other than the message's breaks a rule.
sed 's|<TaxCode>BR</TaxCode>|<TaxCode>SBR</TaxCode>|' "$U/fps.xml" \
    >"$U/fps-bad.xml"
n=$((n + 1))
if xmllint --noout --schema "$X/FullPaymentSubmission-2026-v1-0.xsd" \
    "$U/fps-bad.xml" >/dev/null 2>&1; then
	echo "not ok $n - the schema check rejects a tax code with a prefix"
else
	echo "ok $n - the schema check rejects a tax code with a prefix"
fi
sed 's|<RelatedTaxYear>25-26</RelatedTaxYear>|<RelatedTaxYear>24-25</RelatedTaxYear>|' \
    "$U/fps-msg.xml" >"$U/fps-msg-bad.xml"
$PY "$T/rti.py" rules "$X/FullPaymentSubmission-2026-v1-0.xslt" \
    "$U/fps-msg-bad.xml" --expect-failure 2>&1 | tap
refuses "an EPS for 2026-27 has no layout yet" 3 "uk-eps" \
    $AR -F uk-eps -c "$ROOT/samples/employer.yaml" \
    -H "$O/uk/results-10.csv" "$O/uk/results-11.csv"

# The German monthly reports of the synthetic sample (samples/de: two
# tax offices, four funds with the Minijob-Zentrale), recomputed per
# group from the results.
t "samples/de/run.sh: June 2025 payroll, Lohnsteuer-Anmeldung, Beitragsnachweis" \
    sh "$ROOT/samples/de/run.sh" "$O/de"
check de "$O/de/lohnsteuer-anmeldung.csv" "$O/de/beitragsnachweis.csv" \
    "$O/de/results.csv"

# Wrong inputs: a clear error, exit status, and no file.
B=$O/bad
mkdir -p "$B"
head -n 1 "$R/results-12.csv" >"$B/nossn.csv"
sed -n 2p "$R/results-12.csv" | sed 's/123-45-6789//' >>"$B/nossn.csv"
refuses "a missing SSN is refused, naming file, line and field" 1 \
    "nossn.csv:2: employee 'E001': field 'ssn' (RW 3-11): required" \
    $AR -F us-w2-efw2 $US "$B/nossn.csv"
# A layout's mistakes are named with their place, status 3 (both used to
# crash: a total of a field the record lacks read a field not compiled
# yet; a line of a layout with no pack opened no file, "Bad address").
mkdir -p "$B/fmt/us-w2-efw2" "$B/fmt2/us-w2-efw2"
sed 's/{name: record_id, pos: 1, len: 2, const: RW}/{name: record_id, pos: 1, len: 2, total: RW.nosuch}/' \
    "$ROOT/rules/formats/us-w2-efw2/2025.yaml" >"$B/fmt/us-w2-efw2/2025.yaml"
refuses "a layout's total of a field its record lacks is refused (file:line:col)" 3 \
    "2025.yaml:100:[0-9]*: record 'RW' has no field 'nosuch'" \
    $AR -F us-w2-efw2 $US --formats "$B/fmt" "$R/results-12.csv"
sed 's/total: RW.wages}/line: box1}/' \
    "$ROOT/rules/formats/us-w2-efw2/2025.yaml" >"$B/fmt2/us-w2-efw2/2025.yaml"
refuses "a layout's line with no pack is refused (file:line:col)" 3 \
    "2025.yaml:[0-9]*:[0-9]*: 'line: box1' is an output of the layout's pack, and this layout has no 'pack'" \
    $AR -F us-w2-efw2 $US --formats "$B/fmt2" "$R/results-12.csv"
head -n 1 "$R/results-12.csv" >"$B/badssn.csv"
sed -n 2p "$R/results-12.csv" | sed 's/123-45-6789/666-45-6789/' \
    >>"$B/badssn.csv"
refuses "an SSN the SSA never issues is refused" 1 \
    "is not an SSN the SSA issues" $AR -F us-w2-efw2 $US "$B/badssn.csv"
head -n 1 "$R/results-12.csv" >"$B/cjk.csv"
sed -n 2p "$R/results-12.csv" | sed 's/,Doe,/,李,/' >>"$B/cjk.csv"
refuses "a name with a character EFW2 cannot carry is refused" 1 \
    "character '李' (U+674E) in '李' cannot be written" \
    $AR -F us-w2-efw2 $US "$B/cjk.csv"
refuses "results from two quarters are refused" 1 \
    "results-09.csv:2: field 'pay_date': 2026-09-30 is outside 2026Q4" \
    $AR -F us-941 -p 2026Q4 "$R/results-12.csv" "$R/results-09.csv"
sed 's/2026-12-/2025-12-/g' "$R/results-12.csv" >"$B/lastyear.csv"
refuses "results from two years are refused" 1 "is outside 2026" \
    $AR -F us-w2-efw2 $US "$R/results-12.csv" "$B/lastyear.csv"
refuses "history from another year is refused" 1 \
    "history must be earlier results of the same tax year" \
    $AR -F us-il-sui $US -p 2026Q1 -H "$B/lastyear.csv" "$R/results-01.csv"
refuses "a form without its employer file is a usage error" 2 \
    "needs the employer's details" \
    $AR -F us-w2-efw2 -r "$T/pack/us.yaml" "$R/results-12.csv"
refuses "a W-2 without the rule packs is a usage error" 3 \
    "needs the rule packs" \
    $AR -F us-w2-efw2 -c "$ROOT/samples/employer.yaml" "$R/results-12.csv"
refuses "an unknown form is a usage error" 2 "unknown form 'us-1040'" \
    $AR -F us-1040 "$R/results-12.csv"
sed 's/2026-12-/2024-12-/g' "$R/results-12.csv" >"$B/year2024.csv"
refuses "a tax year with no layout is refused" 3 "no layout" \
    $AR -F uk-fps -c "$ROOT/samples/employer.yaml" -H /dev/null \
    "$B/year2024.csv"
refuses "an FPS without the year's history is refused" 2 "with --history" \
    $AR -F uk-fps -c "$ROOT/samples/employer.yaml" "$O/uk/results-11.csv"
sed 's/^U001,AB123456C,Bront[^,]*,/U001,AB123456C,O'"'"'Neill \& Sons,/' \
    "$O/uk/results-11.csv" >"$B/amp.csv"
refuses "an FPS name with a character RTI does not take is refused" 1 \
    "character '&' in 'O'Neill & Sons' is not allowed" \
    $AR -F uk-fps -c "$ROOT/samples/employer.yaml" -H "$O/uk/results-10.csv" \
    "$B/amp.csv"
echo "not a filing" >"$B/keep.txt"
$AR -F us-w2-efw2 $US -o "$B/keep.txt" "$B/nossn.csv" 2>/dev/null
t "a refused filing leaves the old output file as it was" \
    grep -q "not a filing" "$B/keep.txt"
if [ -c /dev/full ]; then
	$AR -F us-941 "$R/results-12.csv" >/dev/full 2>/dev/null
	st=$?
	t "writing to a full device fails with status 4" test "$st" -eq 4
	$AR -F us-941 -o /dev/full "$R/results-12.csv" 2>/dev/null
	st=$?
	t "-o /dev/full fails with status 4 and leaves the device a device" \
	    test "$st" -eq 4 -a -c /dev/full
fi
echo "1..$n"
