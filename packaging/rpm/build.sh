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

# shellcheck source=../common.sh
. "$here/../common.sh"
version="$(package_version "$repo" "$version" RPM)"
machine="$(binary_machine "$binary")"
case "$machine" in
  x86-64) architecture=x86_64 ;;
  aarch64) architecture=aarch64 ;;
esac
export_source_date_epoch "$repo"

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
