#!/usr/bin/env bash
# Whole-process benchmarks of the guest-agent daemon next to qemu-ga (docs/benchmarks.md, "Daemon").
# Usage: benchmarks/daemon/measure.sh [path/to/guest-agent]   (default: publish the NativeAOT binary)
# Needs: python3-pyxs, qemu-guest-agent (apt-get install python3-pyxs qemu-guest-agent).
set -euo pipefail
cd "$(dirname "$0")/../.."

binary="${1:-}"
if [ -z "$binary" ]; then
  binary="$PWD/artifacts/guest-agent/linux-x64/guest-agent"
  dotnet publish src/Agent.Daemon/Agent.Daemon.csproj -r linux-x64 -c Release -p:PublishAot=true \
    -nologo -v:quiet -o "$(dirname "$binary")" >/dev/null
fi

# Debian's python3 (where python3-pyxs lives), not whatever python3 comes first on PATH.
exec /usr/bin/python3 benchmarks/daemon/measure.py --binary "$binary" "${@:2}"
