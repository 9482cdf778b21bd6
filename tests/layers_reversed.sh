#!/usr/bin/env bash
# tools/check-layers must fail when extract/ includes store/ (an include pointing up): run
# it on a copy of src/ with one such include added, and expect exit 1 naming the file.
set -euo pipefail
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/src" "$tmp/src"
printf '#include "store/archive.h"\n' >>"$tmp/src/extract/scan.cpp"
if out=$(bash "$root/tools/check-layers" "$tmp/src" 2>&1); then
  echo "check-layers passed a tree where extract/ includes store/:"; echo "$out"; exit 1
fi
grep -q 'extract/scan.cpp:.*extract/ may not include store/' <<<"$out" || { echo "unexpected output:"; echo "$out"; exit 1; }
echo "check-layers rejects an upward include: ok"
