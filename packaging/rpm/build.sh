#!/usr/bin/env bash
# Builds the RPM of the guest-agent daemon from a published NativeAOT binary.
#
#   packaging/rpm/build.sh BINARY [VERSION] [OUTDIR]
#
# Same arguments as packaging/debian/build.sh: VERSION defaults to VersionPrefix in
# Directory.Build.props ("1.2.0-rc.1" becomes "1.2.0~rc.1"), OUTDIR to artifacts/packages.
# Needs rpmbuild (the rpm package on Debian). Prints the path of the package it wrote.
set -euo pipefail

usage() { echo "usage: $0 BINARY [VERSION] [OUTDIR]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || usage

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
binary="$1"
version="${2:-}"
outdir="${3:-$repo/artifacts/packages}"

[ -f "$binary" ] || { echo "$0: binary '$binary' does not exist" >&2; exit 2; }
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

if [ -z "$version" ]; then
  version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/Directory.Build.props" | head -n1)"
  [ -n "$version" ] || { echo "$0: no VersionPrefix in Directory.Build.props" >&2; exit 2; }
fi
# RPM versions cannot hold "-"; "~" sorts a pre-release before its release (rpm >= 4.10).
version="${version//-/\~}"
if ! [[ "$version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]]; then
  echo "$0: '$version' is not a usable RPM version" >&2
  exit 2
fi

machine="$(LC_ALL=C readelf -h "$binary" 2>/dev/null | sed -n 's/^ *Machine: *//p')" || machine=""
case "$machine" in
  "Advanced Micro Devices X86-64") architecture=x86_64 ;;
  AArch64) architecture=aarch64 ;;
  *) echo "$0: '$binary' is not an x86-64 or AArch64 ELF executable (machine: ${machine:-unknown})" >&2; exit 2 ;;
esac

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH="$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)"
fi
export SOURCE_DATE_EPOCH

umask 022
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rpmbuild -bb --quiet --target "$architecture-linux" \
  --define "_topdir $work" \
  --define "_dbpath $work/rpmdb" \
  --define "_rpmdir $work/out" \
  --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
  --define "agent_version $version" \
  --define "agent_source $repo" \
  --define "agent_binary $binary" \
  --define "_buildhost reproducible" \
  --define "use_source_date_epoch_as_buildtime 1" \
  --define "clamp_mtime_to_source_date_epoch 1" \
  "$here/guest-agent.spec" >&2

mkdir -p "$outdir"
rpm="$outdir/guest-agent-$version-1.$architecture.rpm"
mv "$work/out/guest-agent-$version-1.$architecture.rpm" "$rpm"
echo "$rpm"
