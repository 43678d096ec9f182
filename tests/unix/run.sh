#!/bin/sh
# The tools as Unix citizens: --help and --version on standard output
# with status 0, a bad option gives status 2, each man page renders and
# its SYNOPSIS has the options --help shows (and no others), and make
# install / uninstall honour PREFIX and DESTDIR.  Prints TAP lines.
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
make -s uninstall DESTDIR="$D" PREFIX=/opt/payroll >>"$T/install.log" 2>&1
left=$(find "$D" -type f | wc -l)
[ "$left" -eq 0 ]
ok $? "make uninstall removes every installed file ($left left)"
echo "1..$n"
