# tests/bad/gen.sh: makes the bad inputs of the corpus in directory $1.
# Sourced by tests/bad/run.sh; big files are made here at test time and
# never committed.  Each file is named after what is wrong with it.
# A file whose E2 has annual_salary $2, between two good records.
amt() {
	printf '%s\n%s\n"E2","%s",single\n%s\n' "$h" "$ok1" "$2" "$ok3" \
	    >"$w/amount-$1.csv"
}

gen_all() {
	w=$1
	mkdir -p "$w" || return 1
	h='employee_id,annual_salary,filing_status'
	ok1='E1,24000,single'
	ok3='E3,12000,mfj'

	# --- CSV structure -------------------------------------------
	: >"$w/empty.csv"
	printf '%s\n' "$h" >"$w/header-only.csv"
	printf '\n\n\n' >"$w/blank-lines.csv"
	printf '%s\n%s\n%s' "$h" "$ok1" "$ok3" >"$w/no-final-newline.csv"
	printf '%s\n%s\nE2,"12000,single\n' "$h" "$ok1" >"$w/truncated-in-quote.csv"
	printf '%s\n%s\nE2,12000,sin\303' "$h" "$ok1" >"$w/truncated-utf8.csv"
	printf '%s\n%s\nE2,12000,single\n%s\nE4,\377,single\n' "$h" "$ok1" "$ok3" >"$w/utf8-ff.csv"
	printf '%s\n%s\nE\300\257,12000,single\n%s\n' "$h" "$ok1" "$ok3" >"$w/utf8-overlong.csv"
	printf '%s\n%s\nE\355\240\200,12000,single\n%s\n' "$h" "$ok1" "$ok3" >"$w/utf8-surrogate.csv"
	printf '%s,name\n%s,Ann\nE2,12000,single,Ren\351e\n' "$h" "$ok1" >"$w/latin1-byte.csv"
	printf '\377\376e\000_\000i\000d\000\n\000' >"$w/utf16le-bom.csv"
	printf '\376\377\000e\000_\000i\000d\000\n' >"$w/utf16be-bom.csv"
	printf '\357\273\277%s\n%s\n' "$h" "$ok1" >"$w/bom-start.csv"
	printf '%s\n%s\n\357\273\277E2,12000,single\n' "$h" "$ok1" >"$w/bom-middle.csv"
	printf '%s\n%s\nE2,12\000x,single\n%s\n' "$h" "$ok1" "$ok3" >"$w/nul-field.csv"
	printf 'employee_id,annual\000salary\n%s\n' "$ok1" >"$w/nul-header.csv"
	printf '%s\n%s\nE2,"12000,single\n%s\nE4,1,single\n' "$h" "$ok1" "$ok3" >"$w/unbalanced-quote.csv"
	printf '%s\n%s\nE2,12"000,single\n%s\n' "$h" "$ok1" "$ok3" >"$w/stray-quote.csv"
	printf '%s\n%s\nE2,"12000"x,single\n' "$h" "$ok1" >"$w/after-closing-quote.csv"
	printf 'employee_id,"annual_salary,filing_status\n%s\n' "$ok1" >"$w/quote-in-header.csv"
	# Fields of 1 MiB (the limit), one byte more, and 2 MiB.
	for n in 1048576 1048577 2097152; do
		{
			printf '%s,note\n%s,x\nE2,12000,single,' "$h" "$ok1"
			head -c $n /dev/zero | tr '\0' x
			printf '\n%s,y\n' "$ok3"
		} >"$w/field-$n.csv"
	done
	{
		printf '%s,note\n%s,x\nE2,12000,single,"' "$h" "$ok1"
		awk 'BEGIN { for (i = 0; i < 300000; i++) print "xxxxxxx" }'
		printf '"\n%s,y\n' "$ok3"
	} >"$w/quoted-2mb-300000-lines.csv"
	# Found by tests/fuzz/csv_fuzz: an over-long quoted field closed by
	# the very last byte (libcsv then takes back its closing quote).
	{
		printf '%s,note\n%s,x\nE2,12000,single,"' "$h" "$ok1"
		head -c 2097152 /dev/zero | tr '\0' x
		printf '"'
	} >"$w/quoted-2mb-at-eof.csv"
	# 10,000 columns (the limit) and 10,001.
	for n in 10000 10001; do
		awk -v n=$n 'BEGIN {
			printf "employee_id,annual_salary";
			for (i = 3; i <= n; i++) printf ",c%d", i; print "";
			printf "E1,24000";
			for (i = 3; i <= n; i++) printf ",%d", i; print "" }' \
		    >"$w/columns-$n.csv"
	done
	awk 'BEGIN { print "employee_id,annual_salary,filing_status";
		print "E1,24000,single"; printf "E2,12000,single";
		for (i = 0; i < 10001; i++) printf ",x"; print "";
		print "E3,12000,mfj" }' >"$w/row-10004-fields.csv"
	printf '%s\r\n%s\r\n%s\r\n' "$h" "$ok1" "$ok3" >"$w/crlf.csv"
	printf '%s\r\n%s\n%s\r\nE4,1200,single\n' "$h" "$ok1" "$ok3" >"$w/crlf-mixed-lf.csv"
	printf '%s\r%s\r%s\r' "$h" "$ok1" "$ok3" >"$w/cr-only.csv"
	printf '%s\n%s\nE2,12000\n%s\n' "$h" "$ok1" "$ok3" >"$w/short-row.csv"
	printf '%s\n%s\nE2,12000,single,extra\n%s\n' "$h" "$ok1" "$ok3" >"$w/long-row.csv"
	printf '%s\nE1\nE2,1\nE3,1,single,x\n' "$h" >"$w/every-row-wrong.csv"
	printf 'employee_id,annual_salary,annual_salary\nE1,1,2\n' >"$w/duplicate-header.csv"
	printf 'employee_id,,filing_status\nE1,1,single\n' >"$w/empty-header-name.csv"
	printf 'id,annual_salary\nE1,24000\n' >"$w/no-employee-id.csv"
	printf 'employee_id,filing_status\nE1,single\n' >"$w/no-required-column.csv"
	printf 'Employee_ID,annual_salary\nE1,24000\n' >"$w/header-case.csv"
	printf ' employee_id,annual_salary\nE1,24000\n' >"$w/header-space.csv"
	printf '%s\n%s\n%s\n%s\n' "$h" "$ok1" "$ok1" "$ok3" >"$w/duplicate-adjacent.csv"
	printf '%s\n%s\nE2,1,single\n%s\n' "$h" "$ok1" "$ok1" >"$w/duplicate-apart.csv"
	printf '%s\n%s\n,12000,single\n%s\n' "$h" "$ok1" "$ok3" >"$w/empty-id.csv"

	# --- dates (the dates pack: hire_date) ------------------------
	for d in 2026-02-30 2026-02-29 2026-13-01 2026-00-10 11/30/2026 \
	    26-11-30 2026-11-30T00:00 0000-01-01 2026-1-1 "" " 2026-01-01"; do
		f=$(printf '%s' "date-$d" | tr -c 'A-Za-z0-9.-' '_')
		printf 'employee_id,hire_date\nE1,2024-02-29\nE2,%s\nE3,2026-11-30\n' \
		    "$d" >"$w/$f.csv"
	done

	# --- amounts (the basic pack: annual_salary) ------------------
	amt exponent 1e5
	amt grouping 1,000.00
	amt double-minus --5
	amt decimal-comma 1000,50
	amt currency-sign '$1000'
	amt leading-space ' 1000'
	amt three-places 1000.001
	amt nan NaN
	amt plus-minus +-5
	amt hex 0x10
	amt two-points 1.2.3
	amt negative -5
	amt 39-digits 999999999999999999999999999999999999999
	amt scale-39 0.000000000000000000000000000000000000001
	printf '%s\n%s\nE2,,single\n%s\n' "$h" "$ok1" "$ok3" >"$w/amount-empty.csv"
	printf 'employee_id,annual_salary\nE1,9999999999999999999999999\nE2,1\n' \
	    >"$w/amount-cube-overflow.csv"
	printf 'employee_id,annual_salary\nE1,999999999999999999999999999999999999.99\nE2,999999999999999999999999999999999999.99\n' \
	    >"$w/amount-total-overflow.csv"
	printf 'employee_id,annual_salary\nE1,1000\nE2,200000\nE3,3000\n' \
	    >"$w/amount-fail.csv"
	printf 'employee_id,annual_salary\nE1,700\nE2,1000\n' >"$w/amount-sevenths.csv"

	# --- enums ----------------------------------------------------
	for e in married Single 'single ' SINGLE '' ; do
		f=$(printf '%s' "enum-$e" | tr -c 'A-Za-z0-9.-' '_')
		printf '%s\n%s\nE2,12000,"%s"\n%s\n' "$h" "$ok1" "$e" \
		    "$ok3" >"$w/$f.csv"
	done

	# --- YTD and items --------------------------------------------
	printf '%s\n%s\nE2,12000,single\n%s\n' "$h" "$ok1" "$ok3" >"$w/three.csv"
	printf '%s\nE3,12000,single\n%s\n' "$h" "$ok1" >"$w/unsorted.csv"
	printf 'employee_id,last_pay_date,taxable\nE3,2026-10-31,1\nE1,2026-10-31,1\n' >"$w/ytd-unsorted.csv"
	printf 'employee_id,last_pay_date,taxable\nE1,2026-02-30,1\n' >"$w/ytd-bad-date.csv"
	printf 'employee_id,last_pay_date,taxable\nE1,2026-10-31\n' >"$w/ytd-short-row.csv"
	printf 'employee_id,last_pay_date,taxable\nE1,2026-10-31,1e5\n' >"$w/ytd-bad-amount.csv"
	printf 'employee_id,last_pay_date,taxable\nE1,2026-11-30,1\n' >"$w/ytd-same-pay-date.csv"
	printf 'employee_id,wage_type,amount\nE1,vacation,3\n' >"$w/items-unknown-type.csv"
	printf 'employee_id,wage_type,amount\nE1,bonus,1e5\n' >"$w/items-bad-amount.csv"
	printf 'employee_id,wage_type,amount\nE3,bonus,1\nE1,bonus,1\n' >"$w/items-unsorted.csv"
	printf 'employee_id,amount\nE1,1\n' >"$w/items-no-wage-type.csv"
	: >"$w/items-empty.csv"
	printf 'employee_id,wage_type,amount\nE0,bonus,1\nE9,bonus,1\n' >"$w/items-no-employee.csv"

	# --- hr-validate (the validate pack) --------------------------
	vh='employee_id,annual_salary,national_id,hire_date,filing_status'
	v1='E1,24000,123-45-6789,2020-01-01,single'
	v3='E3,12000,234-56-7890,2021-06-30,mfj'
	for c in "negative:-5,123-45-6789,2020-01-01,single" \
	    "over-max:10000001,123-45-6789,2020-01-01,single" \
	    "bad-pattern:1000,123456789,2020-01-01,single" \
	    "ssn-666:1000,666-12-3456,2020-01-01,single" \
	    "ssn-900:1000,912-12-3456,2020-01-01,single" \
	    "bad-date:1000,123-45-6789,2020-02-30,single" \
	    "no-ssn:1000,,2020-01-01,single" \
	    "bad-enum:1000,123-45-6789,2020-01-01,widowed" \
	    "four-faults:x,12,2020-02-30,widowed" \
	    "utf8-ff:1000,123-45-6789,2020-01-01,sin\377gle" \
	    "short-row:1000,123-45-6789"; do
		printf '%s\n%s\nE2,%s\n%s\n' "$vh" "$v1" "${c#*:}" "$v3" \
		    >"$w/hrv-${c%%:*}.csv"
	done
	printf '\357\273\277%s\n%s\n' "$vh" "$v1" >"$w/hrv-bom.csv"

	# --- YAML made at test time -----------------------------------
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; print "" }' \
	    >"$w/deep-seq.yaml"
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "{a: "; print "" }' \
	    >"$w/deep-map.yaml"
	awk 'BEGIN { printf "x: ["; for (i = 0; i < 1100000; i++) printf "1,";
	    print "1]" }' >"$w/many-nodes.yaml"
	awk 'BEGIN { printf "formulas:\n  pay: \"";
	    for (i = 0; i < 100000; i++) printf "(";
	    printf "1"; for (i = 0; i < 100000; i++) printf ")";
	    print "\"\noutputs:\n  pay: {kind: earning}" }' >"$w/deep-parens.yaml"
	awk 'BEGIN { printf "formulas:\n  pay: \"";
	    for (i = 0; i < 100000; i++) printf "- ";
	    print "1\"\noutputs:\n  pay: {kind: earning}" }' >"$w/deep-unary.yaml"
	awk 'BEGIN { printf "formulas:\n  pay: \"";
	    for (i = 0; i < 100000; i++) printf "not ";
	    print "true\"\noutputs:\n  pay: {kind: info, type: bool}" }' \
	    >"$w/deep-not.yaml"
	awk 'BEGIN { printf "formulas:\n  pay: \"1";
	    for (i = 0; i < 200000; i++) printf " + 1";
	    print "\"\noutputs:\n  pay: {kind: earning}" }' >"$w/long-sum.yaml"
	awk 'BEGIN { printf "formulas:\n  pay: \"";
	    for (i = 0; i < 20000; i++) printf "if(true, ";
	    printf "1"; for (i = 0; i < 20000; i++) printf ", 0)";
	    print "\"\noutputs:\n  pay: {kind: earning}" }' >"$w/deep-if.yaml"
	# 20,000 terms: one parse loop, but 20,000 levels of evaluation.
	awk 'BEGIN { printf "inputs:\n  annual_salary: {type: money}\n";
	    printf "formulas:\n  pay: \"annual_salary";
	    for (i = 0; i < 20000; i++) printf " + annual_salary";
	    print "\"\noutputs:\n  pay: {kind: earning}" }' >"$w/long-sum-20000.yaml"
	awk 'BEGIN { print "formulas:";
	    for (i = 0; i < 5000; i++) printf "  f%d: \"f%d + 1\"\n", i, i + 1;
	    print "  f5000: \"1\"\noutputs:\n  f0: {kind: earning}" }' \
	    >"$w/formula-chain-5000.yaml"
	awk 'BEGIN { printf "formulas:\n  pay: \"";
	    for (i = 0; i < 3000000; i++) printf "x";
	    print "\"\noutputs:\n  pay: {kind: earning}" }' >"$w/long-name.yaml"
	mkdir -p "$w/pack-without-yaml"
	printf 'not a pack\n' >"$w/pack-without-yaml/README"

	# --- hr-import (its map: bad/import-map.yaml) -----------------
	printf 'id,salary,hired\nA1,1000.50,2026-01-05\nA2,99,2026-02-30\nA3,1.5,2025-12-31\n' >"$w/import-bad-date.csv"
	printf 'id,salary,hired\nA1,1000.50,2026-01-05\nA2,1\201x,2026-01-05\n' >"$w/import-cp1252-0x81.csv"
	printf 'id,salary,hired\nA1,1000.50,2026-01-05\nA2,\377,2026-01-05\n' >"$w/import-utf8-ff.csv"
	printf 'id,salary,hired\nA1,1000.50,2026-01-05\nA2,"1,2026-01-05\n' >"$w/import-unterminated.csv"
	printf 'id,salary,hired\nA1,1000.50,2026-01-05\nA2,1e5,2026-01-05\n' >"$w/import-exponent.csv"
	printf 'id,salary,hired\nA1,1000.50,2026-01-05\nA2,1\000x,2026-01-05\n' >"$w/import-nul.csv"
	printf 'id,salary\nA1,1\n' >"$w/import-missing-column.csv"
	# Found by tests/fuzz/encoding_fuzz: glibc's iconv took F6 9D B6 9D
	# (above U+10FFFF) for UTF-8.
	printf 'id,salary,hired\nA1,1000.50,2026-01-05\nA2,\366\235\266\235,2026-01-05\n' >"$w/import-utf8-above-10ffff.csv"

	# --- results for payroll-export and authority-report ----------
	rh='employee_id,annual_salary,filing_status,period_start,period_end,pay_date,salary,bonus_pay,gross_pay,tax,net_pay'
	r1='E1,24000,single,2026-11-01,2026-11-30,2026-11-30,2000.00,0.00,2000.00,380.00,1620.00'
	printf '%s\n%s\nE2,24000,single,2026-11-01,2026-11-30,2026-11-30,abc,0.00,2000.00,380.00,1620.00\n' \
	    "$rh" "$r1" >"$w/results-bad-amount.csv"
	printf '%s\n%s\nE2,24000,single,2026-11-01,2026-11-30,2026-02-30,2000.00,0.00,2000.00,380.00,1620.00\n' \
	    "$rh" "$r1" >"$w/results-bad-date.csv"
	printf 'employee_id,gross_pay\nE1,1\n' >"$w/results-missing-columns.csv"
	{
		printf '%s,note\n%s,x\nE2,24000,single,2026-11-01,2026-11-30,2026-11-30,2000.00,0.00,2000.00,380.00,1620.00,' \
		    "$rh" "$r1"
		head -c 2097152 /dev/zero | tr '\0' x
		printf '\n'
	} >"$w/results-field-2mb.csv"
	{
		printf '%s\n%s\nE2,1000,' "$vh" "$v1"
		head -c 2097152 /dev/zero | tr '\0' 1
		printf ',2020-01-01,single\n%s\n' "$v3"
	} >"$w/hrv-field-2mb.csv"

	# --- national ids and bank details (issue 13, 2.7) ------------
	# Every identifier the corpus plants, one a line: run.sh finds none
	# of them whole (nor its digits alone) on any case's standard error
	# or in its rejects file.
	printf '%s\n' 123-45-6789 234-56-7890 666-12-3456 912-12-3456 \
	    345-67-8901 345-67-8902 345-67-8903 000-12-3456 \
	    55501234567 55509876543 55501112223 091000018 123456789 \
	    987654321 DE89370400440532013001 DE89370400440532013000 \
	    >"$w/identifiers"
	# hr-import -M: two changes of the same day that disagree on the
	# SSN and the account (ambiguous), the first against a later master
	# row that keeps its own values.
	printf '%s\n%s\n%s\n' \
	    'employee_id,effective_date,national_id,bank_account,last_name' \
	    'E1,2026-01-01,345-67-8901,55501234567,Doe' \
	    'E1,2026-06-01,345-67-8901,55501234567,Doe' >"$w/ids-master.csv"
	printf '%s\n%s\n%s\n' 'employee_id,effective_date,national_id,bank_account' \
	    'E1,2026-03-01,345-67-8902,55509876543' \
	    'E1,2026-03-01,345-67-8903,55501112223' >"$w/ids-changes.csv"
	# authority-report: an SSN with area 000 on the W-2 and the
	# Illinois UI wage report.
	sed 's/^E2,234-56-7890,/E2,000-12-3456,/' \
	    "$ROOT/tests/cli/t4003-authority-report-bad-input/results.csv" \
	    >"$w/ids-w2-results.csv"
	sed 's/^E1,123-45-6789,/E1,000-12-3456,/' \
	    "$ROOT/tests/cli/t4005-authority-report-sui-state-wh/results.csv" \
	    >"$w/ids-sui-results.csv"
	# payroll-export: an IBAN with a wrong check digit.
	printf '%s\n%s\n' \
	    'employee_id,last_name,first_name,iban,bic,period_start,period_end,pay_date,gross_pay,net_pay' \
	    'S1,Doe,Ann,DE89370400440532013001,,2026-11-01,2026-11-30,2026-11-27,100.00,90.00' \
	    >"$w/ids-sepa-results.csv"
}
