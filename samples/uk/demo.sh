#!/bin/sh
# make demo-uk: the SYNTHETIC UK sample (samples/uk) end to end: three
# monthly pay runs of 2025-26 with PAYE, NICs and Student Loans, the RTI
# FPS of the June 2025 pay run and the EPS of tax month 3, both checked
# against HMRC's 2025-26 schemas (and the FPS against HMRC's business
# rules).  Writes out/demo-uk/ and prints a summary.
set -u
umask 077
cd "$(dirname "$0")/../.." || exit 2
O=out/demo-uk
X=tests/formats/hmrc-rti
rm -rf "$O"
mkdir -p "$O"
fail() {
	echo "demo-uk: $*" >&2
	exit 1
}
sh samples/uk/run.sh "$O" || fail "the pay runs or the filings failed"
xmllint --noout --schema "$X/FullPaymentSubmission-2026-v1-0.xsd" \
    "$O/fps.xml" 2>"$O/fps-schema.log" || fail "fps.xml: $(cat "$O/fps-schema.log")"
xmllint --noout --schema "$X/EmployerPaymentSummary-2026-v1-0.xsd" \
    "$O/eps.xml" 2>"$O/eps-schema.log" || fail "eps.xml: $(cat "$O/eps-schema.log")"
python3 tests/filings/rti.py wrap "$O/fps.xml" "$O/fps-message.xml" \
    HMRC-PAYE-RTI-FPS || fail "cannot wrap fps.xml"
python3 tests/filings/rti.py rules "$X/FullPaymentSubmission-2026-v1-0.xslt" \
    "$O/fps-message.xml" >"$O/fps-rules.log" || fail "fps.xml: $(cat "$O/fps-rules.log")"
python3 - "$O" <<'PY'
import csv, sys
from decimal import Decimal
o = sys.argv[1]
rows = list(csv.DictReader(open(o + "/results-3.csv", encoding="utf-8")))
t = lambda c: sum((Decimal(r.get(c) or 0) for r in rows), Decimal(0))
print("demo-uk: SYNTHETIC sample, pay run of 30 June 2025 (tax month 3), %d employees" % len(rows))
for c in ("gross_pay", "paye_tax", "ni_employee", "ni_employer",
          "student_loan", "postgraduate_loan", "net_pay"):
    print("  %-20s %12s" % (c, t(c)))
print("  fps.xml and eps.xml: valid against HMRC's 2025-26 schemas; FPS: HMRC's business rules pass")
print("  written: %s/" % o)
PY
