#!/bin/sh
# docs/scale.md, "GNU parallel over ssh", for real: a private sshd on
# 127.0.0.1 and 127.0.0.2 plays two hosts, each with its own install
# directory (make install PREFIX=...), told apart by the environment
# variable the ssh client sends (SetEnv); GNU parallel --pipe sends the
# employee file's shards to both over ssh; the shards' summaries and YTD
# files are fetched back over ssh; merged results and YTD must equal a
# single run's byte for byte, and the summaries add up to its counts and
# control totals.  Skipped, with the reason, where sshd or GNU parallel
# is missing or sshd cannot be started.  Prints TAP lines.
cd "$(dirname "$0")/../.." || exit 2
R=$(pwd)
T=$R/tests/out/ssh
S=$T/sshd
n=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
skip() {
	echo "ok 1 # SKIP $*"
	echo "1..1"
	exit 0
}
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || skip "sshd is not installed (Debian package openssh-server)"
command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 ||
	skip "ssh is not installed (Debian package openssh-client)"
command -v parallel >/dev/null 2>&1 ||
	skip "GNU parallel is not installed (Debian package parallel)"

pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
rm -rf "$T"
mkdir -p "$S" "$T/host1" "$T/host2" "$T/back"
chmod 700 "$S"
ssh-keygen -q -t ed25519 -N '' -f "$S/host_key" || skip "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$S/id" || skip "ssh-keygen failed"
cp "$S/id.pub" "$S/authorized_keys"
# An unprivileged sshd can only let its own user in; root's needs its
# privilege separation directory.
[ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd 2>/dev/null

# A port from the process id; three tries.
for try in 1 2 3; do
	port=$((20000 + ($$ * 7 + try * 1009) % 40000))
	cat >"$S/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
ListenAddress 127.0.0.2
HostKey $S/host_key
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AcceptEnv PAYROLL_HOST_DIR
EOF
	"$SSHD" -D -e -f "$S/sshd_config" 2>"$S/sshd.log" &
	pid=$!
	cat >"$S/config" <<EOF
Host host1
	HostName 127.0.0.1
	SetEnv PAYROLL_HOST_DIR=$T/host1
Host host2
	HostName 127.0.0.2
	SetEnv PAYROLL_HOST_DIR=$T/host2
Host *
	Port $port
	User $(id -un)
	IdentityFile $S/id
	IdentitiesOnly yes
	BatchMode yes
	StrictHostKeyChecking no
	UserKnownHostsFile /dev/null
	LogLevel ERROR
	ConnectTimeout 5
EOF
	up=0
	for i in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$pid" 2>/dev/null || break
		if ssh -F "$S/config" host1 true 2>/dev/null &&
		    ssh -F "$S/config" host2 true 2>/dev/null; then
			up=1
			break
		fi
		sleep 0.5
	done
	[ $up = 1 ] && break
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=
done
[ $up = 1 ] || skip "sshd could not be started on 127.0.0.1/127.0.0.2" \
    "($(tr '\n' ' ' <"$S/sshd.log" | cut -c1-160))"

# Each "host" gets its own installation, as make install puts it there.
for h in host1 host2; do
	make -s install PREFIX="$T/$h" >/dev/null 2>&1 ||
		{ ok 1 "make install PREFIX=$T/$h"; echo "1..$n"; exit 1; }
	mkdir -p "$T/$h/out"
done
ssh -F "$S/config" host2 'test "$PAYROLL_HOST_DIR" = '"'$T/host2'"
ok $? "the two hosts are told apart (host2 sees its own directory)"

RULES="-r share/payroll/rules/us/federal -r share/payroll/rules/us/il"
RULES="$RULES -r share/payroll/rules/company/example"
PERIOD="-p 2026-11 -f monthly -d 2026-11-30"

# 2,000 valid employees of the public-employer sample.
bin/hr-import -q --map samples/public-employer/map.yaml \
    samples/public-employer/employees.csv | samples/synth 2>/dev/null |
    bin/hr-validate -q -r rules/us/federal -r rules/us/il \
    -r rules/company/example $PERIOD --rejects /dev/null 2>/dev/null |
    head -n 2001 >"$T/employees.csv"

(cd "$T/host1" && bin/payroll-calc -q $RULES $PERIOD -s "$T/summary.csv" \
    -Y "$T/ytd.csv" "$T/employees.csv" >"$T/single.csv")
ok $? "single run"

# The sharded run: shards of about 100 KB, one job per host at a time;
# the command runs on the remote host, in its own directory.
parallel --will-cite --pipe --header 1 --block 100k --keep-order \
    --ssh "ssh -F $S/config" -S 1/host1,1/host2 \
    'cd "$PAYROLL_HOST_DIR" && bin/payroll-calc -q '"$RULES $PERIOD"' \
        -s out/summary-{#}.csv -Y out/ytd-{#}.csv' \
    <"$T/employees.csv" >"$T/sharded-raw.csv"
ok $? "sharded run over ssh"

# Fetch each host's summaries and YTD files back over ssh.
for h in host1 host2; do
	mkdir -p "$T/back/$h"
	ssh -F "$S/config" "$h" 'cd "$PAYROLL_HOST_DIR/out" && tar cf - .' |
	    tar xf - -C "$T/back/$h"
done
c1=$(ls "$T/back/host1" | grep -c '^summary-')
c2=$(ls "$T/back/host2" | grep -c '^summary-')
[ "$c1" -ge 1 ] && [ "$c2" -ge 1 ]
ok $? "both hosts ran shards (host1 $c1, host2 $c2)"

merge() {	# merge OUT FILE...: one header, the rows sorted by their id
	out=$1
	shift
	{ head -n 1 "$1"; for f; do sed 1d "$f"; done |
	    LC_ALL=C sort -t, -k1,1; } >"$out"
}
merge "$T/sharded.csv" "$T/sharded-raw.csv"
sed -i '2,${/^employee_id,/d}' "$T/sharded.csv"
merge "$T/single-sorted.csv" "$T/single.csv"
cmp -s "$T/single-sorted.csv" "$T/sharded.csv" &&
    [ "$(wc -l <"$T/sharded.csv")" -eq 2001 ]
ok $? "merged results equal the single run's, byte for byte (2,000 employees)"

merge "$T/ytd-merged.csv" "$T"/back/host*/ytd-*.csv
merge "$T/ytd-single.csv" "$T/ytd.csv"
cmp -s "$T/ytd-single.csv" "$T/ytd-merged.csv"
ok $? "merged YTD files equal the single run's, byte for byte"

# Summaries: counts and control totals add up, exactly (integer cents).
sum_up() {
	awk -F, 'FNR > 1 && $2 ~ /^-?[0-9]+(\.[0-9]+)?$/ {
		v = $2; neg = v ~ /^-/; sub(/^-/, "", v)
		split(v, p, "."); f = substr(p[2] "00", 1, 2)
		c = p[1] * 100 + f; s[$1] += neg ? -c : c }
	    END { for (k in s) print k, s[k] }' "$@" | LC_ALL=C sort
}
sum_up "$T"/back/host*/summary-*.csv >"$T/summaries-merged"
grep -v '^elapsed\|_per_second\|^seconds' "$T/summaries-merged" >"$T/m1"
sum_up "$T/summary.csv" | grep -v '^elapsed\|_per_second\|^seconds' >"$T/m2"
cmp -s "$T/m1" "$T/m2" && [ -s "$T/m2" ]
ok $? "the shards' summaries add up to the single run's counts and totals"
echo "1..$n"
