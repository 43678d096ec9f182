#!/bin/sh
# Installs from Debian's packages what building needs (and with --test,
# what the test suite needs) where it is missing.  What is present is
# checked by the command, header or module itself, not by the package
# name, so a tool installed another way (NodeSource's nodejs brings its
# own npm) is taken as it is.  Python modules are those of Debian's
# /usr/bin/python3, which the tests that need them call.  Needs root or
# sudo to install.
missing=""
want() {	# want PACKAGE TEST...
	p=$1
	shift
	"$@" >/dev/null 2>&1 || missing="$missing $p"
}
have() { command -v "$1"; }
want gcc have gcc
want make have make
want pkg-config have pkg-config
want libc6-dev test -f /usr/include/stdio.h
want libcsv-dev test -f /usr/include/csv.h
want libyaml-dev test -f /usr/include/yaml.h
# PDF payslips: cairo, and the font they are drawn in.
want libcairo2-dev test -f /usr/include/cairo/cairo-pdf.h
want fonts-dejavu-core test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ "${1:-}" = "--test" ]; then
	want python3 test -x /usr/bin/python3
	want python3-yaml /usr/bin/python3 -c 'import yaml'
	want python3-stdnum /usr/bin/python3 -c 'import stdnum'
	want libxml2-utils have xmllint
	want xsltproc have xsltproc
	want valgrind have valgrind
	want miller have mlr
	want jq have jq
	want poppler-utils have pdftoppm
	want xsltproc have xsltproc
	want parallel have parallel
	# tests/ssh: a private sshd on 127.0.0.1 for parallel --sshlogin.
	want openssh-server test -x /usr/sbin/sshd
	want openssh-client have ssh
	want nodejs have node
	have npm >/dev/null 2>&1 || have node >/dev/null 2>&1 || missing="$missing npm"
	want clang have clang
	want time test -x /usr/bin/time
fi
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq &&
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
