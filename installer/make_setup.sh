#!/usr/bin/env bash
# Build the Windows setup .exe with makensis (issue #19).
#   bash installer/make_setup.sh [--stand-in | PAYLOAD_DIR] OUT_EXE
# PAYLOAD_DIR is the frozen folder (DIST/Seatwatch: seatwatch.exe, seatwatchw.exe,
# _internal/). With --stand-in, or no payload, a stand-in payload is made: small files
# at the real names, so a broken installer script fails on Linux before it fails on
# Windows. The version is [project] version in pyproject.toml. makensis runs with -WX:
# a warning is an error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

usage() { echo "usage: make_setup.sh [--stand-in | PAYLOAD_DIR] OUT_EXE" >&2; exit 2; }
payload=""
case "$#" in
  1) out="$1" ;;
  2) [ "$1" = "--stand-in" ] || payload="$1"; out="$2" ;;
  *) usage ;;
esac
command -v makensis >/dev/null 2>&1 || { echo "make_setup.sh: makensis not found (Debian: apt-get install nsis)" >&2; exit 1; }

version="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")"
if ! [[ "$version" =~ ^[0-9]+(\.[0-9]+){0,3}$ ]]; then
  echo "make_setup.sh: pyproject.toml version $version is not 1 to 4 numbers (the version resource needs numbers)" >&2
  exit 1
fi
IFS=. read -r -a parts <<< "$version"
while [ "${#parts[@]}" -lt 4 ]; do parts+=(0); done
version4="$(IFS=.; echo "${parts[*]}")"

tmp=""
cleanup() { [ -n "$tmp" ] && rm -rf "$tmp"; return 0; }
trap cleanup EXIT
if [ -z "$payload" ]; then
  tmp="$(mktemp -d)"
  payload="$tmp/Seatwatch"
  mkdir -p "$payload/_internal/PySide6/plugins/platforms" "$payload/_internal/resources/translations"
  for f in seatwatch.exe seatwatchw.exe _internal/python312.dll _internal/base_library.zip \
           _internal/PySide6/Qt6Core.dll _internal/PySide6/plugins/platforms/qwindows.dll \
           _internal/resources/translations/seatwatch_zh_CN.qm; do
    printf 'Seatwatch stand-in payload: %s\n' "$f" > "$payload/$f"
  done
else
  for f in seatwatch.exe seatwatchw.exe _internal; do
    [ -e "$payload/$f" ] || { echo "make_setup.sh: $payload has no $f: not a frozen Seatwatch folder" >&2; exit 1; }
  done
fi

mkdir -p "$(dirname "$out")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
payload_abs="$(cd "$payload" && pwd)"
makensis -V2 -WX -INPUTCHARSET UTF8 \
  -DVERSION="$version" -DVERSION4="$version4" \
  -DPAYLOAD="$payload_abs" -DOUTFILE="$out_abs" \
  "$here/seatwatch.nsi"
echo "$out_abs: $(stat -c %s "$out_abs") bytes (Seatwatch $version)"
