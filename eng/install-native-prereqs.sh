#!/usr/bin/env bash
# Installs the one native prerequisite of TorchSharp 0.107 on older distributions: a libstdc++ that
# provides GLIBCXX_3.4.32 (GCC 13+). Debian 12 ships GCC 12's libstdc++ (GLIBCXX_3.4.30), so on Debian 12
# this script adds Debian 13 ("trixie") as a low-priority apt source (priority 100: nothing else moves to it)
# and installs trixie's libstdc++6 from it. Where the symbol is already present it does nothing.
# Idempotent; needs root (or sudo) only when it has something to install.
set -euo pipefail

need=GLIBCXX_3.4.32
have_symbol() {
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    [ -e "$lib" ] && grep -qa "$need" "$lib" && return 0
  done
  return 1
}

if have_symbol; then
  echo "native prerequisites: libstdc++ provides $need, nothing to do"
  exit 0
fi

. /etc/os-release 2>/dev/null || true
if [ "${ID:-}" != "debian" ]; then
  echo "native prerequisites: libstdc++ lacks $need (TorchSharp needs GCC 13's libstdc++ or newer)." >&2
  echo "Install libstdc++ from GCC 13+ with your distribution's package manager; this script only automates Debian 12." >&2
  exit 1
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

src=/etc/apt/sources.list.d/debian.sources
[ -f "$src" ] || { echo "native prerequisites: $src not found; cannot derive a Debian mirror" >&2; exit 1; }
# Reuse the mirror and key of the machine's own main Debian entry (the first stanza), so no mirror is hard-coded.
uris=$(awk '/^URIs:/{print $2; exit}' "$src")
key=$(awk '/^Signed-By:/{print $2; exit}' "$src")
[ -n "$uris" ] || { echo "native prerequisites: no URIs: line in $src" >&2; exit 1; }

echo "native prerequisites: libstdc++ lacks $need; installing Debian 13's libstdc++6 from $uris (pinned at priority 100)"
$SUDO tee /etc/apt/sources.list.d/mlnet-deepsvdd-trixie.sources >/dev/null <<SRC
Types: deb
URIs: $uris
Suites: trixie
Components: main
${key:+Signed-By: $key}
SRC
$SUDO tee /etc/apt/preferences.d/mlnet-deepsvdd-trixie >/dev/null <<PREF
Package: *
Pin: release n=trixie
Pin-Priority: 100
PREF
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null
have_symbol || { echo "native prerequisites: libstdc++6 was installed but still lacks $need" >&2; exit 1; }
echo "native prerequisites: done ($need present)"
