#!/bin/sh
# Boots this machine's own systemd as PID 1 of a throw-away system: new PID, mount, network, UTS, IPC
# and cgroup namespaces, on an overlay whose lower layer is / and whose upper layer is a tmpfs. Whatever
# runs in it (dpkg -i, systemctl, the services it starts) changes only the tmpfs: this machine's / is
# never written, and everything vanishes when the sandbox ends. Used by the live systemd test of the
# packages (tests/Agent.Daemon.Tests/Packaging/LiveSystemdTests.cs); works by hand too:
#
#   mkdir -p /tmp/sb/seed                       # files here appear on top of / inside (optional)
#   sleep infinity | scripts/systemd-sandbox.sh /tmp/sb &
#   nsenter -t "$(cat /tmp/sb/init.pid)" -a systemctl is-system-running --wait
#   nsenter -t "$(cat /tmp/sb/init.pid)" -a dpkg -i /root/guest-agent.deb   # with the .deb in seed/root
#   kill %1                                     # closing standard input ends the sandbox
#
#   scripts/systemd-sandbox.sh DIR
#
# Needs root, util-linux (unshare, nsenter, setpriv), a kernel with overlayfs and a cgroup2 hierarchy
# mounted somewhere (pure or hybrid). DIR must exist; this writes DIR/init.pid (the host PID of the
# sandbox's PID 1, for nsenter), DIR/cgroup (its cgroup2 directory, removed at the end) and
# DIR/boot.log. The sandbox lives while standard input is open: at end of file (the caller closed it,
# or died) it is killed. systemd as PID 1 ignores SIGTERM; SIGKILL to the PID in DIR/init.pid also
# ends it at once.
set -eu
# A booted system's PID 1 starts with the kernel's umask, 022: under a caller's stricter one (077 on a
# hardened machine) the directories made here, the overlay's upper layer among them, would be 0700,
# / with them, and services running as other users (D-Bus) could not reach anything.
umask 022
# mount, pivot_root and setpriv live in the sbin directories, which a caller's PATH may lack.
PATH="/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}"
export PATH

usage() { echo "usage: $0 DIR" >&2; exit 2; }

if [ "${1:-}" = --init ]; then
  # Second stage: PID 1 of the new namespaces, still seeing this machine's mounts (privately).
  dir="$2"
  mount -t tmpfs -o mode=0755 guest-agent-sandbox "$dir/mnt"
  mkdir "$dir/mnt/upper" "$dir/mnt/work" "$dir/mnt/root"
  if [ -d "$dir/seed" ]; then
    cp -a "$dir/seed/." "$dir/mnt/upper/"
    # An upper directory's owner and mode are the merged directory's: a seeded /etc/x must not turn
    # /etc, nor the seed itself /, into whatever the caller's directory happened to be (0700 under a
    # umask of 077, which left / closed to every service not running as root).
    (cd "$dir/seed" && find . -type d) | while IFS= read -r path; do
      if [ -d "/$path" ]; then
        chown --reference="/$path" "$dir/mnt/upper/$path"
        chmod --reference="/$path" "$dir/mnt/upper/$path"
      fi
    done
  fi
  root="$dir/mnt/root"
  # lowerdir=/ is the root file system alone: the mounts on top of it (/proc, /dev, /run …) are not
  # part of it, so each is provided fresh below.
  mount -t overlay overlay -o "lowerdir=/,upperdir=$dir/mnt/upper,workdir=$dir/mnt/work" "$root"

  mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
  # As systemd-nspawn does: kernel settings shared with the machine stay read-only (so
  # systemd-sysctl.service skips itself instead of applying /etc/sysctl.d to the real kernel).
  for path in sys sysrq-trigger; do
    [ -e "$root/proc/$path" ] || continue
    mount --bind "$root/proc/$path" "$root/proc/$path"
    mount -o remount,bind,ro "$root/proc/$path"
  done
  # sysfs read-only: systemd-udevd and friends see a container and stay away from real devices.
  mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
  # A cgroup2 mount made inside the new cgroup namespace has this sandbox's cgroup as its root.
  mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$root/sys/fs/cgroup"

  # A minimal /dev: the harmless character devices, a private devpts and shm; no disks, no consoles.
  mount -t tmpfs -o mode=0755,nosuid dev "$root/dev"
  for node in null zero full random urandom tty; do
    : >"$root/dev/$node"
    mount --bind "/dev/$node" "$root/dev/$node"
  done
  mkdir "$root/dev/pts" "$root/dev/shm"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"
  ln -s pts/ptmx "$root/dev/ptmx"
  ln -s /proc/self/fd "$root/dev/fd"
  mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"

  mount -t tmpfs -o mode=0755,nosuid,nodev run "$root/run"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmp "$root/tmp"
  # The machine's own journal files stay out of sight: journalctl inside shows this boot only.
  if [ -d "$root/var/log/journal" ]; then
    mount -t tmpfs -o mode=2755,nosuid,nodev journal "$root/var/log/journal"
  fi

  cd "$root"
  mkdir -p .sandbox-old-root
  pivot_root . .sandbox-old-root
  umount -l /.sandbox-old-root
  rmdir /.sandbox-old-root
  # container= tells systemd it runs in a container (no udev, no hardware units, no getty on ttys).
  # Without CAP_SYS_MODULE, CAP_SYS_TIME and CAP_SYS_RAWIO nothing in it can load kernel modules, set
  # the clock or poke at hardware of the real machine (systemd-modules-load.service skips itself).
  # The environment is a booting system's, not the caller's.
  exec env -i container=guest-agent-sandbox PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    setpriv --bounding-set -sys_module,-sys_time,-sys_rawio \
    /lib/systemd/systemd --system --unit=basic.target </dev/null
fi

[ $# -eq 1 ] && [ -d "$1" ] || usage
dir="$(cd "$1" && pwd)"
mkdir -p "$dir/mnt"
rm -f "$dir/init.pid"
# The watchdog below reads standard input: a background list would otherwise get /dev/null.
exec 3<&0 >"$dir/boot.log" 2>&1

# The sandbox gets its own cgroup2 directory below this process's own, so that systemd inside builds
# its tree (init.scope, system.slice …) there and not at the root of this machine's hierarchy.
hierarchy="$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)"
[ -n "$hierarchy" ] || { echo "$0: no cgroup2 hierarchy is mounted" >&2; exit 1; }
cgroup="$hierarchy$(sed -n 's/^0:://p' /proc/self/cgroup)/guest-agent-sandbox-$$"
cgroup="$(printf '%s' "$cgroup" | sed 's://*:/:g')"
mkdir "$cgroup"
printf '%s\n' "$cgroup" >"$dir/cgroup"

# Whether a process exists and is not a zombie (an exited child its parent has not collected yet).
alive() {
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)"
  [ -n "$state" ] && [ "$state" != Z ]
}

# The watchdog, started before this process moves into the sandbox's cgroup (which it removes at the
# end): it publishes the PID of the sandbox's PID 1 (the child of unshare, which this process becomes),
# then waits until standard input is closed or the sandbox ended by itself, kills unshare (whose
# --kill-child kills that PID 1 and with it every process of the namespace) and removes the cgroup
# tree, deepest first.
main=$$
(
  read -r self _ </proc/self/stat
  init=""
  while [ -z "$init" ] && alive "$main"; do
    for child in $(cat "/proc/$main/task/$main/children" 2>/dev/null); do
      [ "$child" = "$self" ] || init="$child"
    done
    [ -n "$init" ] || sleep 0.05
  done
  if [ -n "$init" ]; then
    printf '%s\n' "$init" >"$dir/init.pid.tmp" && mv "$dir/init.pid.tmp" "$dir/init.pid"
  fi
  cat <&3 >/dev/null &
  reader=$!
  while alive "$main" && alive "$reader"; do sleep 0.1; done
  kill "$reader" 2>/dev/null || true
  # Only while unshare is alive (or a zombie not yet collected) can its PID not belong to another process.
  if alive "$main"; then kill -KILL "$main" 2>/dev/null || true; fi
  # The last processes of the namespace may take a moment to be released by the kernel.
  for _ in $(seq 1 200); do
    find "$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null || true
    [ -d "$cgroup" ] || break
    sleep 0.05
  done
  echo "sandbox ended"
) &

echo $$ >"$cgroup/cgroup.procs"
exec unshare --mount --pid --fork --kill-child=SIGKILL --net --uts --ipc --cgroup --propagation private \
  -- "$0" --init "$dir" </dev/null 3<&-
