#!/usr/bin/env bash
# install-native-prereqs.sh: gives TorchSharp 0.107 the C++ runtime it needs, a libstdc++ that provides GLIBCXX_3.4.32 (GCC 13+).
#
# MOST MACHINES SHOULD NOT RUN THIS. The clean routes change nothing on your system:
#   * a distribution that already ships GCC 13's libstdc++ or newer: Debian 13, Ubuntu 24.04+, Fedora 39+ (nothing to install);
#   * the container in this repository: .devcontainer/Dockerfile, based on mcr.microsoft.com/dotnet/sdk:10.0 (Ubuntu 24.04).
#
# WHAT IT CHANGES (Debian 12 only, the one distribution it automates):
#   1. adds Debian 13 ("trixie") as an apt source, /etc/apt/sources.list.d/mlnet-deepsvdd-trixie.sources, with the mirror and key of
#      the machine's own Debian entry, and pins it at priority 100 in /etc/apt/preferences.d/mlnet-deepsvdd-trixie, so that ordinary
#      upgrades never take packages from it;
#   2. installs trixie's libstdc++6 (GCC 14). GCC 14's libstdc++ needs glibc 2.38 or newer, so apt also upgrades THE C LIBRARY
#      (libc6 2.36 -> 2.41) and about 27 other packages to their Debian 13 versions, among them dpkg and base-files: afterwards
#      /etc/os-release says Debian 13. This is a partial upgrade to Debian 13. apt cannot undo it (downgrading libc6 is unsupported).
#   Before installing it prints the exact list of packages apt will change and asks. It never changes the C library without
#   consent: from a terminal it asks; without a terminal it refuses unless --allow-libc-upgrade (or --yes) is given (CI passes it).
#
# Idempotent: where libstdc++ already provides GLIBCXX_3.4.32 it says so and changes nothing (no root needed). On a distribution
# it does not know it refuses and says what to do instead. Needs root (or sudo) only when it installs.
#
# Usage: bash eng/install-native-prereqs.sh [--allow-libc-upgrade | --yes] [--help]
# Exit codes: 0 done or nothing to do; 1 failed or not automated on this distribution; 2 bad usage; 3 refused (no consent).
set -euo pipefail

need=GLIBCXX_3.4.32
# Overridable for the script's own tests (tests/MLNet.DeepSvdd.Tests/Runtime/NativePrereqsScriptTests.cs); never set them otherwise.
os_release=${DEEPSVDD_PREREQS_OS_RELEASE:-/etc/os-release}
libraries=${DEEPSVDD_PREREQS_LIBSTDCXX:-/usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6}
source_file=/etc/apt/sources.list.d/mlnet-deepsvdd-trixie.sources
pin_file=/etc/apt/preferences.d/mlnet-deepsvdd-trixie

say() { echo "native prerequisites: $*"; }
fail() { echo "native prerequisites: $1" >&2; exit "${2:-1}"; }

clean_routes() {
  cat >&2 <<'ROUTES'
  Clean routes that change nothing on this machine:
    * work on a distribution with GCC 13's libstdc++ or newer: Debian 13, Ubuntu 24.04+, Fedora 39+;
    * or in the repository's container (Ubuntu 24.04, .NET 10 SDK): see the README, section "Prerequisite".
ROUTES
}

allow=no
for arg in "$@"; do
  case "$arg" in
    --allow-libc-upgrade|--yes|-y) allow=yes ;;
    --help|-h) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$arg' (options: --allow-libc-upgrade, --yes, --help)" 2 ;;
  esac
done

have_symbol() {
  local lib
  for lib in $libraries; do
    [ -e "$lib" ] && grep -qa "$need" "$lib" && return 0
  done
  return 1
}

if have_symbol; then
  say "libstdc++ provides $need; nothing to do, nothing changed"
  exit 0
fi

ID="" VERSION_ID="" PRETTY_NAME=""
# shellcheck disable=SC1090
[ -r "$os_release" ] && . "$os_release"
distro="${PRETTY_NAME:-${ID:-an unknown distribution}}"

case "${ID:-}:${VERSION_ID:-}" in
  debian:12) ;;  # the one case this script automates, below
  debian:*|ubuntu:*|fedora:*)
    fail "libstdc++ lacks $need on $distro. TorchSharp 0.107 needs libstdc++ from GCC 13 or newer: Debian 13, Ubuntu 24.04 and
  Fedora 39 ship it (update libstdc++6 / libstdc++ with your package manager); older releases: use the container (README,
  \"Prerequisite\"). This script automates only Debian 12 and changed nothing." ;;
  *)
    echo "native prerequisites: refusing: libstdc++ lacks $need and this script does not know $distro (ID='${ID:-}'," \
      "VERSION_ID='${VERSION_ID:-}'); it automates only Debian 12 and changed nothing." >&2
    clean_routes
    exit 1 ;;
esac

cat <<WARN
native prerequisites: libstdc++ lacks $need (Debian 12 ships GCC 12's libstdc++; TorchSharp 0.107 needs GCC 13's or newer).
  This script can install Debian 13's libstdc++6. That is a PARTIAL UPGRADE TO DEBIAN 13: GCC 14's libstdc++ needs a newer glibc,
  so apt also upgrades the C library (libc6 2.36 -> 2.41) and about 27 other packages, among them dpkg and base-files (afterwards
  /etc/os-release says Debian 13). apt cannot undo it. It adds the apt source $source_file,
  pinned at priority 100 ($pin_file), so ordinary upgrades never take packages from it.
WARN

if [ "$allow" != yes ] && ! [ -t 0 ]; then
  echo "native prerequisites: refusing: this would upgrade the C library, and there is no terminal to ask. Pass" \
    "--allow-libc-upgrade (or --yes) to agree: bash eng/install-native-prereqs.sh --allow-libc-upgrade. Nothing was changed." >&2
  clean_routes
  exit 3
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "needs root to install; run it as root (no sudo found). Nothing was changed."
  SUDO=sudo
fi

src=/etc/apt/sources.list.d/debian.sources
[ -f "$src" ] || fail "$src not found; cannot derive the Debian mirror. Nothing was changed."
# Reuse the mirror and key of the machine's own main Debian entry (the first stanza), so no mirror is hard-coded.
uris=$(awk '/^URIs:/{print $2; exit}' "$src")
key=$(awk '/^Signed-By:/{print $2; exit}' "$src")
[ -n "$uris" ] || fail "no URIs: line in $src; cannot derive the Debian mirror. Nothing was changed."

added=no
[ -e "$source_file" ] || added=yes
remove_source() {
  # Undo the apt source this run added, when the user declined or apt failed before installing anything.
  if [ "$added" = yes ]; then
    $SUDO rm -f "$source_file" "$pin_file"
    $SUDO apt-get update -qq || true
  fi
}

say "adding the pinned Debian 13 source ($uris, priority 100) and reading its package lists"
$SUDO tee "$source_file" >/dev/null <<SRC
Types: deb
URIs: $uris
Suites: trixie
Components: main
${key:+Signed-By: $key}
SRC
$SUDO tee "$pin_file" >/dev/null <<PREF
Package: *
Pin: release n=trixie
Pin-Priority: 100
PREF
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || { remove_source; fail "apt-get update failed; the added source was removed."; }

# The exact change, from apt's own simulation, before anything is installed.
plan=$(apt-get install -s -t trixie libstdc++6 2>/dev/null | tr -d '[]()' |
  awk '/^Inst /{ if ($0 ~ /^Inst [^ ]+ [^ ]+ [^ ]+ Debian/) print "    " $2 " " $3 " -> " $4; else print "    " $2 " (new) " $3 }')
count=$(printf '%s\n' "$plan" | grep -c . || true)
say "apt will install or upgrade these $count packages to Debian 13 versions:"
printf '%s\n' "$plan"
if printf '%s\n' "$plan" | grep -q '^    libc6 '; then
  say "the list includes the C library (libc6)."
fi

if [ "$allow" != yes ]; then
  answer=""
  read -r -p "Upgrade these packages now? Type 'yes' to continue: " answer || true
  if [ "$answer" != yes ]; then
    remove_source
    fail "declined; nothing was installed and the added apt source was removed." 3
  fi
fi

$SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null
have_symbol || fail "libstdc++6 was installed but still lacks $need."
say "done: $need present; $count packages now come from Debian 13 (see the list above); the source $source_file stays (priority 100)."
