#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine: system packages Qt and printing need, a .venv with the project.
# Safe to run again: it installs only what is missing. Used by run-demo.sh, test.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-python3}"
PACKAGES=(
  fonts-wqy-microhei fonts-arphic-uming                 # CJK TrueType fonts for screen and PDF
  fonts-hanazono                                         # HanaMin A/B: CJK Extension B (𠮷) in names
  fonts-droid-fallback                                   # stands in for SimSun (Ext A, not B) in a print test
  libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3   # Qt, also offscreen
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0      # Qt on a real X display
  poppler-utils                                          # pdftotext/pdffonts/pdftoppm for PDF checks
  nsis binutils                                          # CI: the installer script compiles; objdump, strip
  postgresql                                             # the county hub's tests run on PostgreSQL as well as SQLite
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  [[ "$pkg" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then missing+=(python3-venv); fi
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "Python 3.11 or newer is needed (found $("$PY" --version)); set PYTHON=/path/to/python3.11"; exit 1; }
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
