# Shared by packaging/debian/build.sh and packaging/rpm/build.sh (sourced, not run): the steps both
# package formats take the same way. Each function exits the script with status 2 and a reason on error.

# package_version REPO VERSION KIND: VERSION, or VersionPrefix from Directory.Build.props when empty,
# with a SemVer pre-release's "-" turned into "~", which sorts it before its release in dpkg and
# rpm (>= 4.10) alike ("-" would start a Debian revision; RPM versions cannot hold one).
package_version() {
  local repo="$1" version="$2" kind="$3"
  if [ -z "$version" ]; then
    version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/Directory.Build.props" | head -n1)"
    [ -n "$version" ] || { echo "$0: no VersionPrefix in Directory.Build.props" >&2; exit 2; }
  fi
  version="${version//-/\~}"
  if ! [[ "$version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]]; then
    echo "$0: '$version' is not a usable $kind version" >&2
    exit 2
  fi
  printf '%s\n' "$version"
}

# binary_machine BINARY: x86-64 or aarch64, read from the ELF header. The package's architecture is
# the binary's, not the build machine's (an arm64 binary can be packaged anywhere).
binary_machine() {
  local machine
  machine="$(LC_ALL=C readelf -h "$1" 2>/dev/null | sed -n 's/^ *Machine: *//p')" || machine=""
  case "$machine" in
    "Advanced Micro Devices X86-64") echo x86-64 ;;
    AArch64) echo aarch64 ;;
    *) echo "$0: '$1' is not an x86-64 or AArch64 ELF executable (machine: ${machine:-unknown})" >&2; exit 2 ;;
  esac
}

# objcopy_for MACHINE: an objcopy that reads MACHINE's ELF files: the build machine's own for its
# architecture, else binutils' cross one (Debian's objcopy knows only the architectures it was built for).
objcopy_for() {
  local machine="$1" cross
  if [ "$(uname -m | tr _ -)" = "$machine" ]; then
    echo objcopy
    return
  fi
  cross="$(echo "$machine" | tr - _)-linux-gnu-objcopy"
  command -v "$cross" >/dev/null || {
    echo "$0: packaging a $machine binary on $(uname -m) needs $cross: apt-get install binutils-$(echo "$machine" | tr _ -)-linux-gnu" >&2
    exit 2
  }
  echo "$cross"
}

# export_source_date_epoch REPO: SOURCE_DATE_EPOCH as given, else the last commit's date (reproducible builds).
export_source_date_epoch() {
  if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH="$(git -C "$1" log -1 --format=%ct 2>/dev/null || date +%s)"
  fi
  export SOURCE_DATE_EPOCH
}
