#!/usr/bin/env bash
# Regenerates src/Agent.Daemon/hot-methods.order, the methods `guest-agent run` executes, which the
# NativeAOT compiler places together (IlcOrderFile; docs/benchmarks.md, "Daemon"). Re-run it when
# the start-up or request path changed much; a stale list only costs memory, never correctness.
# Needs: valgrind, linux-perf, python3-pyxs. Takes a few minutes (several NativeAOT publishes).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 benchmarks/daemon/profile_layout.py --output src/Agent.Daemon/hot-methods.order "$@"
