#!/usr/bin/env bash
# The project's test command (README, .ci/run): builds everything warning-free and runs every test.
# Prints a closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild nodes or server outliving a command: a reused node is behind dotnet test's intermittent
# "Handle is not initialized" crash (dotnet/msbuild#12066).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

configuration="${CONFIGURATION:-Release}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# Every mutation batch must still apply: a mutant whose text moved away would go stale silently.
python3 scripts/mutants/mutate.py --check-all

dotnet build GuestAgent.sln -c "$configuration" -warnaserror -nologo -v:minimal

# The daemon ships as a NativeAOT binary, and samples/MinimalAgent shows a team's own agent doing the
# same: publish both (any IL2xxx/IL3xxx trim or AOT warning fails the run). The end-to-end tests run
# against the published daemon.
publish_aot() {
  local project="$1" output="$2" runtime="${3:-linux-x64}" publish_log
  publish_log="$(mktemp)"
  dotnet publish "$project" -r "$runtime" -c Release -p:PublishAot=true \
    -warnaserror -nologo -v:minimal -o "$output" 2>&1 | tee "$publish_log"
  if grep -Eq 'warning IL[0-9]{4}' "$publish_log"; then
    echo "NativeAOT publish of $project produced trim/AOT warnings" >&2
    exit 1
  fi
  rm -f "$publish_log"
}

publish_dir="$PWD/artifacts/guest-agent/linux-x64"
publish_aot src/Agent.Daemon/Agent.Daemon.csproj "$publish_dir"
export GUEST_AGENT_BINARY="$publish_dir/guest-agent"

# The daemon for arm64 guests, cross-published (clang links it with gcc-aarch64-linux-gnu's sysroot):
# Packaging/Arm64DaemonTests run it under qemu-user and package it. Without that toolchain it is left
# out here and those tests skip; in CI (which installs it) it is always published.
arm64_dir="$PWD/artifacts/guest-agent/linux-arm64"
if command -v aarch64-linux-gnu-gcc >/dev/null || [ -n "${CI:-}" ]; then
  publish_aot src/Agent.Daemon/Agent.Daemon.csproj "$arm64_dir" linux-arm64
  export GUEST_AGENT_ARM64_BINARY="$arm64_dir/guest-agent"
else
  echo "not publishing the arm64 daemon (no cross toolchain: apt-get install gcc-aarch64-linux-gnu); Arm64DaemonTests will skip" >&2
fi

sample_dir="$PWD/artifacts/minimal-agent/linux-x64"
publish_aot samples/MinimalAgent/MinimalAgent.csproj "$sample_dir"
sample_answer=$(echo '{"name":"sample.shout","value":"aot"}' | "$sample_dir/MinimalAgent")
if [ "$sample_answer" != '{"returncode":"0","message":"AOT"}' ]; then
  echo "the NativeAOT MinimalAgent answered: $sample_answer" >&2
  exit 1
fi
scripts/check-sample-signals.sh "$sample_dir/MinimalAgent"

status=0
dotnet test --solution GuestAgent.sln -c "$configuration" --no-build 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ] && ! grep -q "Test run summary" "$log"; then
  # dotnet test itself crashed before running anything (see above): that is not a test result, so
  # run once more rather than report nothing.
  echo "dotnet test ended without a summary (exit $status); running it once more" >&2
  status=0
  dotnet test --solution GuestAgent.sln -c "$configuration" --no-build 2>&1 | tee "$log" || status=$?
fi

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
