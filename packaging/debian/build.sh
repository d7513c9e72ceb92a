#!/usr/bin/env bash
# Builds the Debian package of the guest-agent daemon from a published NativeAOT binary.
#
#   packaging/debian/build.sh BINARY [VERSION] [OUTDIR]
#
# BINARY   the published executable (dotnet publish src/Agent.Daemon -r linux-x64 -c Release -p:PublishAot=true)
# VERSION  the package version; default: VersionPrefix in Directory.Build.props ("1.2.0-rc.1" becomes "1.2.0~rc.1")
# OUTDIR   where the .deb goes; default: artifacts/packages
#
# Prints the path of the package it wrote. Needs dpkg-deb and dpkg-shlibdeps (dpkg-dev); no debhelper.
# A binary of another architecture (arm64 on amd64) also needs binutils' cross objcopy
# (binutils-aarch64-linux-gnu) and that architecture's libc6 (dpkg --add-architecture arm64; libc6:arm64).
# SOURCE_DATE_EPOCH, when set, is the date of the changelog entry and of every file (reproducible
# builds); otherwise the date of the last git commit is used.
set -euo pipefail

usage() { echo "usage: $0 BINARY [VERSION] [OUTDIR]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || usage

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
binary="$1"
version="${2:-}"
outdir="${3:-$repo/artifacts/packages}"
package=guest-agent

[ -f "$binary" ] || { echo "$0: binary '$binary' does not exist" >&2; exit 2; }

# shellcheck source=../common.sh
. "$here/../common.sh"
version="$(package_version "$repo" "$version" Debian)"
machine="$(binary_machine "$binary")"
case "$machine" in
  x86-64) architecture=amd64 ;;
  aarch64) architecture=arm64 ;;
esac
export_source_date_epoch "$repo"

umask 022
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# dpkg-shlibdeps expects the debhelper layout: debian/control and the package's tree in debian/PACKAGE.
mkdir -p "$work/debian"
: >"$work/debian/control"
root="$work/debian/$package"
doc="$root/usr/share/doc/$package"
install -d -m 0755 "$root/DEBIAN" "$root/usr/sbin" "$root/usr/lib/systemd/system" "$root/usr/lib/$package" "$root/etc/$package" "$doc" \
  "$root/usr/share/man/man8" "$root/usr/share/lintian/overrides"

# dotnet publish already strips the binary (its symbols go to the .dbg next to it, which is not
# shipped); this strips one published with StripSymbols=false and, as dh_strip does, drops .comment
# (compiler version strings). The build id and the debug link stay, so the .dbg still matches.
install -m 0755 "$binary" "$root/usr/sbin/$package"
"$(objcopy_for "$machine")" --strip-unneeded --remove-section=.comment "$root/usr/sbin/$package"
install -m 0644 "$repo/packaging/systemd/guest-agent.service" "$root/usr/lib/systemd/system/guest-agent.service"
install -m 0755 "$repo/packaging/systemd/update-rollback" "$root/usr/lib/$package/update-rollback"
install -m 0644 "$repo/packaging/config/agent.json" "$root/etc/$package/agent.json"
install -m 0644 "$here/copyright" "$doc/copyright"
install -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/$package"
gzip -9n -c "$repo/packaging/man/guest-agent.8" >"$root/usr/share/man/man8/guest-agent.8.gz"
for page in daemon commands networking; do
  gzip -9n -c "$repo/docs/$page.md" >"$doc/$page.md.gz"
  chmod 0644 "$doc/$page.md.gz"
done
chmod 0644 "$root/usr/share/man/man8/guest-agent.8.gz"

# A native package (the project is its own upstream): the changelog is changelog.gz, one entry per build.
maintainer="${DEB_MAINTAINER:-GuestAgent contributors <guest-agent@lists.example.org>}"
{
  printf '%s (%s) unstable; urgency=medium\n\n' "$package" "$version"
  printf '  * GuestAgent %s: see the project'"'"'s history for the changes.\n\n' "$version"
  printf ' -- %s  %s\n' "$maintainer" "$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"

for script in postinst prerm postrm; do
  install -m 0755 "$here/$script" "$root/DEBIAN/$script"
done
printf '/etc/%s/agent.json\n' "$package" >"$root/DEBIAN/conffiles"
chmod 0644 "$root/DEBIAN/conffiles"

# Linked libraries from the binary's symbol versions (libc6 (>= 2.34) when built on glibc 2.34 or later);
# libssl is not linked but loaded at run time by keyinit, password and agentupdate (docs/daemon.md).
# For another architecture's binary, dpkg-shlibdeps reads that architecture's libc package (multiarch).
if ! shlibs="$(cd "$work" && dpkg-shlibdeps -O -e "debian/$package/usr/sbin/$package" 2>"$work/shlibdeps.err")"; then
  grep -v '^dpkg-shlibdeps: warning: binaries to analyze' "$work/shlibdeps.err" >&2 || true
  if [ "$architecture" != "$(dpkg --print-architecture)" ]; then
    echo "$0: an $architecture binary's libraries are read from $architecture's libc6: dpkg --add-architecture $architecture && apt-get update && apt-get install libc6:$architecture" >&2
  fi
  exit 1
fi
shlibs="$(printf '%s\n' "$shlibs" | sed -n 's/^shlibs:Depends=//p')"
[ -n "$shlibs" ] || { echo "$0: dpkg-shlibdeps found no library dependencies for '$binary'" >&2; exit 1; }
depends="$shlibs, libssl3 | libssl1.1"

# What dpkg-gencontrol counts: 1 KiB blocks per file (rounded up), one per directory or link.
installed_size="$(find "$root" -path "$root/DEBIAN" -prune -o -mindepth 1 -printf '%y %s\n' |
  awk '$1 == "f" { total += int(($2 + 1023) / 1024) } $1 != "f" { total += 1 } END { print total }')"

# Literal replacement: the values hold "|", "/" and "<", which a sed expression would need escaped.
VERSION="$version" ARCHITECTURE="$architecture" DEPENDS="$depends" INSTALLED_SIZE="$installed_size" \
MAINTAINER="$maintainer" awk '
  {
    n = split("VERSION ARCHITECTURE DEPENDS INSTALLED_SIZE MAINTAINER", names, " ")
    for (i = 1; i <= n; i++) {
      key = "@" names[i] "@"
      while ((at = index($0, key)) > 0) $0 = substr($0, 1, at - 1) ENVIRON[names[i]] substr($0, at + length(key))
    }
    print
  }' "$here/control.in" >"$root/DEBIAN/control"
chmod 0644 "$root/DEBIAN/control"

(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

find "$root" -exec touch --no-dereference -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$outdir"
deb="$outdir/${package}_${version}_${architecture}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
