#!/usr/bin/env bash
# Configures and builds yanbao into build/ (or $BUILD_DIR) with all cores.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
source "$here/tools/ccache.sh"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} "${launcher[@]}" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)" 2>&1 | grep -Ev '^\[ *[0-9]+%\]|^(make|gmake)\[' || true
test -x "$build/yanbao"
