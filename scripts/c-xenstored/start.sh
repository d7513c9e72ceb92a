#!/bin/sh
# Runs C xenstored 4.17 (Debian xen-utils-4.17) under shim.c in DIR, with guest GUEST's home made as
# the embedded server's CreateGuestDomain makes it, and a socket acting as that guest.
# Usage: start.sh DIR [GUEST [xenstored options, e.g. -E 12]]   (development only; see README.md)
# Then: XENSTORED_PATH=DIR/socket (dom0) or DIR/guest (the guest). Stop: kill $(cat DIR/*.pid)
set -eu
dir=$(realpath -m "$1"); shift; guest=7
if [ $# -gt 0 ]; then guest=$1; shift; fi
here=$(dirname "$(realpath "$0")")
mkdir -p "$dir"
"${CC:-gcc}" -shared -fPIC -O1 -o "$dir/shim.so" "$here/shim.c" -ldl -Wl,--version-script="$here/shim.map"
printf '1\n' > "$dir/xsd_port"; head -c 4096 /dev/zero > "$dir/xsd_kva"
rm -f "$dir/evtchn" "$dir/socket" "$dir/guest" "$dir"/ring-*; mkfifo "$dir/evtchn"
# XENSTORED_RUNDIR and XENSTORED_PATH keep it off /var/run/xenstored, the machine's default endpoint.
XS_SHIM_DIR="$dir" XS_SHIM_DOMAINS="$guest" LD_PRELOAD="$dir/shim.so" XENSTORED_RUNDIR="$dir" XENSTORED_PATH="$dir/socket" \
    setsid /usr/lib/xen-4.17/bin/xenstored -N -T "$dir/trace" "$@" > "$dir/xenstored.log" 2>&1 &
echo $! > "$dir/xenstored.pid"
while [ ! -S "$dir/socket" ]; do sleep 0.1; done
/usr/bin/python3 - "$dir/socket" "$guest" <<'PY'
import sys, pyxs
c = pyxs.Client(unix_socket_path=sys.argv[1]); c.connect(); g = sys.argv[2].encode(); home = b"/local/domain/" + g
c.write(b"/local/domain/0/domid", b"0"); c.write(b"/local/domain/0/name", b"Domain-0")
c.introduce_domain(int(g), 1, 1)
c.mkdir(home); c.set_perms(home, [b"n0", b"r" + g])
for name, value in ((b"domid", g), (b"name", b"guest-" + g)):
    c.write(home + b"/" + name, value); c.set_perms(home + b"/" + name, [b"n0", b"r" + g])
for name in (b"data", b"data/host", b"data/guest"):
    c.mkdir(home + b"/" + name); c.set_perms(home + b"/" + name, [b"n" + g])
c.mkdir(home + b"/vm-data"); c.set_perms(home + b"/vm-data", [b"n0", b"r" + g])
PY
setsid /usr/bin/python3 "$here/ringproxy.py" "$guest" "$dir/guest" "$dir" > "$dir/ringproxy.log" 2>&1 &
echo $! > "$dir/ringproxy.pid"
while [ ! -S "$dir/guest" ]; do sleep 0.1; done
