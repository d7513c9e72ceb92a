#!/usr/bin/env bash
# Long-run soak of the guest-agent daemon (docs/benchmarks.md, "Soak"): the published binary serves a
# steady mix of Nova's commands (version, features, keyinit + password through set-password,
# injectfile) under a guest's permissions and quotas on the embedded XenStore, in root mode, and is
# sampled for memory, threads and descriptors every 20 rounds.
# Usage: benchmarks/daemon/soak.sh path/to/guest-agent [MINUTES (45)] [OUTPUT-DIR (a new temporary one)]
# Needs: xenstore-utils (the host side removes the answers it read with xenstore-rm).
set -euo pipefail

binary="${1:?usage: soak.sh path/to/guest-agent [minutes] [output-dir]}"
minutes="${2:-45}"
out="${3:-$(mktemp -d /tmp/guest-agent-soak.XXXXXX)}"
domid=7
mkdir -p "$out/root/etc" "$out/root/root"
printf 'root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n' > "$out/root/etc/shadow"
chmod 640 "$out/root/etc/shadow"
printf 'ID=ubuntu\nVERSION_ID="24.04"\n' > "$out/root/etc/os-release"

server="" agent=""
trap 'kill $agent $server 2>/dev/null || true' EXIT
"$binary" xenstored --socket "$out/dom0.sock" --guest-domid "$domid" --guest-socket "$out/guest.sock" \
  > "$out/xenstored.log" 2>&1 &
server=$!
for _ in $(seq 100); do [ -S "$out/guest.sock" ] && break; sleep 0.1; done
[ -S "$out/guest.sock" ] || { echo "the XenStore server did not start: $out/xenstored.log" >&2; exit 1; }
"$binary" run --xenstore "$out/guest.sock" --root "$out/root" --log-level Warning > "$out/agent.log" 2>&1 &
agent=$!

export XENSTORED_PATH="$out/dom0.sock"
answers="/local/domain/$domid/data/guest"
failed() { echo "$(date +%T) $1 failed" >> "$out/failures.log"; }
call() { "$binary" call --domid "$domid" --timeout 30 "$@" > /dev/null 2>> "$out/call-errors.log" || failed "$1"; }
sample() {
  printf '%s rss_kb=%s threads=%s fds=%s\n' "$(date +%s)" \
    "$(awk '/VmRSS/ {print $2}' "/proc/$1/status")" "$(awk '/Threads/ {print $2}' "/proc/$1/status")" \
    "$(ls "/proc/$1/fd" | wc -l)"
}

end=$(( $(date +%s) + minutes * 60 ))
rounds=0
sample "$agent" > "$out/agent-samples.txt"
sample "$server" > "$out/xenstored-samples.txt"
while [ "$(date +%s)" -lt "$end" ]; do
  call version
  call features
  echo "soak-password-$rounds" | "$binary" set-password --domid "$domid" --timeout 30 > /dev/null 2>> "$out/call-errors.log" \
    || failed set-password
  call injectfile "$(printf '/root/.ssh/authorized_keys,ssh-ed25519 AAAA%05d soak' "$rounds" | base64 -w0)"
  rounds=$((rounds + 1))
  # Nova never removes an answer, and a guest's data/guest holds about 54 UUID-named answers (its
  # record, names included, must stay under 2048 bytes): faster than that, the host removes what it
  # read, as the original's test client does, so the soak measures the agent and not the quota.
  for id in $(xenstore-list "$answers"); do
    xenstore-rm "$answers/$id"
  done
  if [ $((rounds % 20)) -eq 0 ]; then
    sample "$agent" >> "$out/agent-samples.txt"
    sample "$server" >> "$out/xenstored-samples.txt"
  fi
done

status=0
kill -TERM "$agent" 2>/dev/null || echo "the agent had already exited: $out/agent.log" >&2
wait "$agent" || status=$?
agent=""
echo "rounds=$rounds requests=$((rounds * 5)) failures=$(cat "$out/failures.log" 2>/dev/null | wc -l) agent-exit=$status output=$out"
