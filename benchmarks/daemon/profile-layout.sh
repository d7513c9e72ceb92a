#!/usr/bin/env bash
# Regenerates src/Agent.Daemon/hot-methods.order, the methods `guest-agent run` executes, which the
# NativeAOT compiler places together (IlcOrderFile; docs/benchmarks.md, "Daemon"). Re-run it when
# the start-up or request path changed much; a stale list only costs memory, never correctness.
# Needs: valgrind, python3-pyxs (apt-get install valgrind python3-pyxs). Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."

out="$PWD/artifacts/guest-agent-profile"
# Profile a binary laid out without the current list, so every method name is the compiler's own.
dotnet publish src/Agent.Daemon/Agent.Daemon.csproj -r linux-x64 -c Release -p:PublishAot=true \
  -p:IlcOrderFile= -nologo -v:quiet -o "$out" >/dev/null
exec /usr/bin/python3 benchmarks/daemon/profile_layout.py --binary "$out/guest-agent" \
  --output src/Agent.Daemon/hot-methods.order "$@"
