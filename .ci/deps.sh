#!/bin/sh
# Installs, from Debian's packages, what building needs (and with --test,
# what the test suite needs) where it is missing.  Needs root or sudo.
need="gcc make pkg-config libc6-dev libcsv-dev libyaml-dev"
if [ "${1:-}" = "--test" ]; then
	need="$need python3 python3-yaml libxml2-utils valgrind miller parallel nodejs npm python3-stdnum clang time"
fi
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq &&
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
