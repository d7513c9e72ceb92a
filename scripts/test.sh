#!/usr/bin/env bash
# The project's test command (README, .ci/run): builds everything warning-free and runs every test.
# Prints a closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration="${CONFIGURATION:-Release}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet build GuestAgent.sln -c "$configuration" -warnaserror -nologo -v:minimal

# The daemon ships as a NativeAOT binary: publish it (any IL2xxx/IL3xxx trim or AOT warning fails the
# run) and point the end-to-end tests at it.
publish_dir="$PWD/artifacts/guest-agent/linux-x64"
publish_log="$(mktemp)"
dotnet publish src/Agent.Daemon/Agent.Daemon.csproj -r linux-x64 -c Release -p:PublishAot=true \
  -warnaserror -nologo -v:minimal -o "$publish_dir" 2>&1 | tee "$publish_log"
if grep -Eq 'warning IL[0-9]{4}' "$publish_log"; then
  echo "NativeAOT publish produced trim/AOT warnings" >&2
  exit 1
fi
rm -f "$publish_log"
export GUEST_AGENT_BINARY="$publish_dir/guest-agent"

status=0
dotnet test --solution GuestAgent.sln -c "$configuration" --no-build 2>&1 | tee "$log" || status=$?

# MTP prints one summary for the whole run; turn it into the plain closing line CI reads.
total=$(awk '/Test run summary/{s=1} s&&/total:/{print $2}' "$log" | tail -n1)
failed=$(awk '/Test run summary/{s=1} s&&/failed:/{print $2}' "$log" | tail -n1)
passed=$(awk '/Test run summary/{s=1} s&&/succeeded:/{print $2}' "$log" | tail -n1)
skipped=$(awk '/Test run summary/{s=1} s&&/skipped:/{print $2}' "$log" | tail -n1)
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "${total:-0}" = "0" ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
