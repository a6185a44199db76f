#!/usr/bin/env bash
# Freeze Seatwatch with PyInstaller (installer/seatwatch.spec) and smoke-test the
# frozen programs (installer/smoke.py), issue #19.
#
#   installer/build.sh [--dist DIR]      (default DIR: build/dist, gitignored)
#
# Leaves DIR/Seatwatch/{seatwatch,seatwatchw,_internal}, the smoke test's PNG and
# report in DIR/smoke/, and prints the bundle's size and the time taken.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/build/dist"
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST="${2:?--dist needs a folder}"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown argument: $1 (usage: build.sh [--dist DIR])" >&2; exit 2 ;;
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

# ---- installer: the integrator adds the NSIS compile here ----------------------------
# installer/make_setup.sh "$DIST/Seatwatch" "$DIST/<setup>.exe"
# ---------------------------------------------------------------------------------------
