#!/usr/bin/env bash
# Installs the Debian 12 packages yanbao builds with, quietly, and only those missing.
# Sourced by tools/demo and tools/test; safe to run on its own (as root, or with sudo).
set -euo pipefail
YANBAO_PACKAGES=(g++ cmake make pkg-config libsqlite3-dev libsqlitecpp-dev libyaml-cpp-dev
                 libcli11-dev libgtest-dev libtomlplusplus-dev libutf8proc-dev ccache
                 sqlite3 sqlite-utils python3-pandas "$@")
missing=()
for p in "${YANBAO_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
