#!/usr/bin/env bash
# The NativeAOT samples/MinimalAgent, started with SIGTERM and SIGINT ignored (a launcher's
# `trap '' TERM`, a shell's `agent &`; `env --ignore-signal` stands in for it), still stops
# gracefully on SIGTERM: its Main gives both their default back first thing
# (GuestAgent.Hosting.InheritedStopSignals). Without that a NativeAOT program keeps both ignored.
#   scripts/check-sample-signals.sh PATH/TO/MinimalAgent        (run by scripts/test.sh)
set -euo pipefail
sample="$1"

work="$(mktemp -d)"
sample_pid=""
cleanup() {
  if [ -n "$sample_pid" ]; then kill -KILL "$sample_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Serving standard input, held open through a FIFO so that only the signal can end it.
mkfifo "$work/in" "$work/out"
env --ignore-signal=INT,TERM "$sample" --root "$work/root" <"$work/in" >"$work/out" 2>"$work/err" &
sample_pid=$!
exec 3>"$work/in" 4<"$work/out"

# An answer means it is serving: its ShutdownSignals is registered by then.
echo '{"name":"sample.shout","value":"up"}' >&3
read -r answer <&4
if [ "$answer" != '{"returncode":"0","message":"UP"}' ]; then
  echo "the NativeAOT MinimalAgent answered: $answer" >&2
  exit 1
fi

# Neither stop signal is still ignored (SigIgn bit n-1 is signal n: SIGINT 2, SIGTERM 15).
ignored=$(awk '/^SigIgn:/ {print $2}' "/proc/$sample_pid/status")
if (( 16#$ignored & 0x4002 )); then
  echo "the NativeAOT MinimalAgent started with SIGTERM and SIGINT ignored still ignores them (SigIgn $ignored)" >&2
  exit 1
fi

kill -TERM "$sample_pid"
status=0
wait "$sample_pid" || status=$?
sample_pid=""
exec 3>&- 4<&-
# 0: stopped gracefully; 143 (128 + SIGTERM) would be the default action, not ShutdownSignals.
if [ "$status" -ne 0 ]; then
  echo "the NativeAOT MinimalAgent exited $status on SIGTERM instead of stopping gracefully:" >&2
  cat "$work/err" >&2
  exit 1
fi
echo "the NativeAOT MinimalAgent started with its stop signals ignored stopped gracefully on SIGTERM"
