#!/usr/bin/env bash
# Freeze Seatwatch with PyInstaller (installer/seatwatch.spec) and smoke-test the
# frozen programs (installer/smoke.py), issue #19.
#
#   installer/build.sh [--dist DIR] [--real-setup]   (default DIR: build/dist, gitignored)
#
# Leaves DIR/Seatwatch/{seatwatch,seatwatchw,_internal}, the smoke test's PNG and
# report in DIR/smoke/, and prints the bundle's size and the time taken. Then
# makensis compiles installer/seatwatch.nsi against a stand-in payload (DIR/setup-
# stand-in.exe): a broken script fails here before it fails on Windows. With
# --real-setup it also packs this Linux bundle (its programs named .exe) into
# DIR/setup-linux-bundle.exe, for the installer's size (about 2.5 minutes of LZMA).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/build/dist"
REAL_SETUP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST="${2:?--dist needs a folder}"; shift 2 ;;
        --real-setup) REAL_SETUP=1; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown argument: $1 (usage: build.sh [--dist DIR] [--real-setup])" >&2; exit 2 ;;
    esac
done
mkdir -p "$DIST"
DIST="$(cd "$DIST" && pwd)"
WORK="$DIST/.work"
PY="${PYTHON:-python3}"

if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: installing PyInstaller"
    "$PY" -m pip install --quiet "pyinstaller>=6.10"
fi

cd "$ROOT"
t0=$(date +%s)
# the spec finds the sources from its own folder; PYTHONPATH so that this tree (not
# an installed copy of the package) is what gets frozen
PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" "$PY" -m PyInstaller --noconfirm --clean \
    --log-level WARN --distpath "$DIST" --workpath "$WORK" installer/seatwatch.spec
t1=$(date +%s)
echo "build.sh: frozen in $((t1 - t0)) s into $DIST/Seatwatch"

QT_QPA_PLATFORM=offscreen "$PY" installer/smoke.py "$DIST/Seatwatch" --out "$DIST/smoke"
t2=$(date +%s)

bytes=$(du -sb "$DIST/Seatwatch" | cut -f1)
echo "build.sh: bundle size $bytes bytes ($((bytes / 1048576)) MB)"
echo "build.sh: freeze $((t1 - t0)) s, smoke test $((t2 - t1)) s, total $((t2 - t0)) s"

# ---- the Windows installer script, compiled by makensis -------------------------------
bash installer/make_setup.sh --stand-in "$DIST/setup-stand-in.exe"
if [ "$REAL_SETUP" = 1 ]; then
    # this Linux bundle as the payload, its two programs under their Windows names: the
    # size LZMA makes of a bundle like the Windows one (hard links: no copy on disk)
    rm -rf "$DIST/payload" && cp -al "$DIST/Seatwatch" "$DIST/payload"
    mv "$DIST/payload/seatwatch" "$DIST/payload/seatwatch.exe"
    mv "$DIST/payload/seatwatchw" "$DIST/payload/seatwatchw.exe"
    t3=$(date +%s)
    bash installer/make_setup.sh "$DIST/payload" "$DIST/setup-linux-bundle.exe"
    echo "build.sh: setup .exe from the Linux bundle in $(( $(date +%s) - t3 )) s"
    rm -rf "$DIST/payload"
fi
