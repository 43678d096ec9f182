#!/bin/sh
# The tools as Unix citizens: --help and --version on standard output
# with status 0, a bad option gives status 2, each man page renders and
# its SYNOPSIS has the options --help shows (and no others), make
# install / uninstall honour PREFIX and DESTDIR, and (safeio.sh) the
# tools' outputs are safe.  Prints TAP lines.
cd "$(dirname "$0")/../.." || exit 2
T=tests/out/unix
rm -rf "$T"
mkdir -p "$T"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
for t in hr-import hr-validate payroll-calc payroll-export authority-report; do
	bin/$t --help >"$T/help" 2>"$T/err"
	[ $? -eq 0 ] && [ -s "$T/help" ] && [ ! -s "$T/err" ]
	ok $? "$t --help: usage on standard output, status 0"
	v=$(bin/$t --version 2>/dev/null)
	[ $? -eq 0 ] && echo "$v" | grep -q "^$t [0-9]"
	ok $? "$t --version: '$v'"
	bin/$t --help >/dev/full 2>"$T/err"
	[ $? -eq 4 ] && grep -q 'standard output' "$T/err"
	ok $? "$t --help >/dev/full: a write error, status 4"
	bin/$t --version >/dev/full 2>/dev/null
	[ $? -eq 4 ]
	ok $? "$t --version >/dev/full: a write error, status 4"
	bin/$t --no-such-option >/dev/null 2>"$T/err"
	[ $? -eq 2 ] && grep -q usage "$T/err"
	ok $? "$t: a bad option gives status 2 and the usage on standard error"
	man=cmd/$t/$t.1
	[ -f "$man" ] && LC_ALL=C.UTF-8 nroff -mandoc -Tutf8 "$man" >"$T/man" 2>"$T/manerr" &&
	    [ -s "$T/man" ] && [ ! -s "$T/manerr" ] && grep -q '^\.Sh EXIT STATUS' "$man"
	ok $? "$t.1 renders without warnings and lists its exit statuses"
	# Options: letters after '-' in the usage lines, and .Fl in SYNOPSIS.
	sed -n '/^usage:/,/^$/p' "$T/help" | grep -oE '(^|[[ |])-[A-Za-z]' |
	    sed 's/.*-//' | sort -u >"$T/o-help"
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh/p' "$man" | grep -oE 'Fl [A-Za-z]\b' |
	    sed 's/Fl //' | sort -u >"$T/o-man"
	cmp -s "$T/o-help" "$T/o-man"
	ok $? "$t: --help and the man page's SYNOPSIS have the same options ($(tr '\n' ' ' <"$T/o-help"))"
done
for m in docs/man/*.5; do
	LC_ALL=C.UTF-8 nroff -mandoc -Tutf8 "$m" >"$T/man" 2>"$T/manerr" && [ ! -s "$T/manerr" ]
	ok $? "$(basename "$m") renders without warnings"
done
# Bash completion: long options from --help, forms from the layouts
# beside the tool, frequencies for -f.
if command -v bash >/dev/null 2>&1; then
	c=$(PATH=$(pwd)/bin:$PATH bash -c '. completions/payroll.bash
	    COMP_WORDS=(authority-report -F us-9); COMP_CWORD=2
	    _payroll_tools authority-report; echo "${COMPREPLY[*]}"
	    COMP_WORDS=(payroll-calc --expl); COMP_CWORD=1
	    _payroll_tools payroll-calc; echo "${COMPREPLY[*]}"
	    COMP_WORDS=(payroll-calc -f semi); COMP_CWORD=2
	    _payroll_tools payroll-calc; echo "${COMPREPLY[*]}"')
	[ "$c" = "$(printf 'us-940 us-941 us-941x\n--explain\nsemimonthly semiannual')" ]
	ok $? "bash completion: forms, long options, frequencies ($(echo $c))"
fi

# make install and uninstall into a staging directory.
D=$(pwd)/$T/stage
make -s install DESTDIR="$D" PREFIX=/opt/payroll >"$T/install.log" 2>&1
ok $? "make install DESTDIR=... PREFIX=/opt/payroll"
for f in bin/payroll-calc bin/hr-import share/man/man1/payroll-calc.1 \
    share/man/man5/payroll-rules.5 include/payroll.h lib/libpayroll.a \
    lib/pkgconfig/libpayroll.pc share/payroll/rules/us/federal/fit.yaml; do
	[ -f "$D/opt/payroll/$f" ]
	ok $? "installed $f"
done
grep -q '^prefix=/opt/payroll$' "$D/opt/payroll/lib/pkgconfig/libpayroll.pc"
ok $? "pkg-config file names the prefix"

# The installed tools from $PATH, in an empty directory elsewhere: rule
# packs by name (-r us/federal), layouts and forms found beside the
# program (share/payroll/rules), the whole pipeline to a bank file and a
# filing.  The input: 40 records of the sample through the source tree's
# hr-import and synthetic fields.
W=$(pwd)/$T/elsewhere
mkdir -p "$W"
head -n 41 samples/public-employer/employees-windows1252-crlf.csv |
    bin/hr-import -q --map samples/public-employer/map.yaml -e windows-1252 |
    samples/synth -c >"$W/employees.csv" 2>/dev/null
cp samples/company.yaml samples/employer.yaml "$W/"
(
	cd "$W" || exit 1
	PATH="$D/opt/payroll/bin:/usr/bin:/bin"
	RULES="-r us/federal -r us/il -r company/example"
	hr-validate $RULES -p 2026-11 -o valid.csv employees.csv 2>validate.log &&
	    payroll-calc $RULES -p 2026-11 -d 2026-11-30 -s summary.csv \
		-o results.csv valid.csv 2>calc.log &&
	    payroll-export --format nacha $RULES --company company.yaml \
		--expect-summary summary.csv -o payments.ach results.csv \
		2>nacha.log &&
	    authority-report --form us-941 $RULES --employer employer.yaml \
		--quarter 2026Q4 -o form941.csv results.csv 2>941.log &&
	    [ -s payments.ach ] && [ -s form941.csv ] &&
	    [ "$(wc -l <results.csv)" -eq 41 ]
)
ok $? "the installed tools run the pipeline from \$PATH in another directory (packs by name, layouts found)"
(
	cd "$W" || exit 1
	mkdir -p mypacks/acme && cp -r "$OLDPWD/rules/company/example/." mypacks/acme/
	PAYROLL_PATH=/nonexistent:$W/mypacks "$D/opt/payroll/bin/hr-validate" \
	    -r us/federal -r us/il -r acme -p 2026-11 -o /dev/null employees.csv \
	    2>/dev/null
)
ok $? "PAYROLL_PATH is searched before the installed packs"
# A program of someone else's, linked through pkg-config: dynamically,
# against the soname; and the header compiles as C++.
L=$D/opt/payroll/lib
cat >"$T/use.c" <<'EOC'
#include <stdio.h>
#include <payroll.h>
int main(void) { puts(payroll_strerror(PAYROLL_ENOMEM)); return 0; }
EOC
sed "s|^prefix=.*|prefix=$D/opt/payroll|; s|^libdir=.*|libdir=$L|; s|^includedir=.*|includedir=$D/opt/payroll/include|" \
    "$L/pkgconfig/libpayroll.pc" >"$T/libpayroll.pc"
# A library built with sanitizers (make SANITIZE=...) needs its users
# built with them too.
san=
if nm -D "$L/libpayroll.so" 2>/dev/null | grep -q __asan_init; then
	san="-fsanitize=address,undefined"
fi
cc $san -o "$T/use" "$T/use.c" $(PKG_CONFIG_PATH=$T pkg-config --cflags --libs libpayroll) 2>"$T/use.err" &&
    LD_LIBRARY_PATH=$L "$T/use" >/dev/null &&
    readelf -d "$T/use" | grep -q 'NEEDED.*libpayroll\.so\.0' &&
    readelf -d "$L/libpayroll.so" | grep -q 'SONAME.*libpayroll\.so\.0'
ok $? "pkg-config --libs libpayroll links the shared library (soname libpayroll.so.0)"
if command -v c++ >/dev/null 2>&1; then
	cp "$T/use.c" "$T/use.cc"
	c++ $san -o "$T/usecc" "$T/use.cc" $(PKG_CONFIG_PATH=$T pkg-config --cflags --libs libpayroll) 2>"$T/usecc.err" &&
	    LD_LIBRARY_PATH=$L "$T/usecc" >/dev/null
	ok $? "payroll.h is usable from C++ (extern \"C\")"
fi
make -s uninstall DESTDIR="$D" PREFIX=/opt/payroll >>"$T/install.log" 2>&1
left=$(find "$D" -type f | wc -l)
[ "$left" -eq 0 ]
ok $? "make uninstall removes every installed file ($left left)"
# The umask: outputs with no personal data (a summary, the journal's
# lines by account, a form's figures) follow it; records, results, the
# register and bank files are 0600 whatever it is.
U=$T/umask
mkdir -p "$U"
F=tests/cli/t3003-payroll-export-journal
if [ -f "$F/results.csv" ] && [ -f "$F/pack.yaml" ] && [ -f "$F/company.yaml" ]; then
	(umask 022
	 bin/payroll-export -F journal -r "$F/pack.yaml" -c "$F/company.yaml" \
	     -s "$U/sum.csv" -o "$U/journal.csv" "$F/results.csv" &&
	 bin/payroll-export -F register -r "$F/pack.yaml" \
	     -o "$U/register.csv" "$F/results.csv") 2>"$U/err"
	st=$?
	modes=$(stat -c '%a' "$U/journal.csv" "$U/sum.csv" "$U/register.csv" 2>/dev/null | tr '\n' ' ')
	[ "$st" -eq 0 ] && [ "$modes" = "644 644 600 " ]
	ok $? "umask 022: journal and summary 644, the register 600 (status $st; $modes)"
	rm -f "$U"/*.csv
	(umask 027
	 bin/payroll-export -F journal -r "$F/pack.yaml" -c "$F/company.yaml" \
	     -s "$U/sum.csv" -o "$U/journal.csv" "$F/results.csv") 2>"$U/err"
	modes=$(stat -c '%a' "$U/journal.csv" "$U/sum.csv" 2>/dev/null | tr '\n' ' ')
	[ "$modes" = "640 640 " ]
	ok $? "umask 027: journal and summary 640 ($modes)"
else
	ok 1 "umask: the journal test's inputs are missing ($F)"
fi
# Safe inputs and outputs (issue 13).
. tests/unix/safeio.sh
echo "1..$n"
