#!/usr/bin/env bash
# Refreshes installer/requirements-lock.txt, the exact versions (with their hashes, for Windows, Linux and
# macOS alike) that the bundle is built from. Run it after changing the dependencies in pyproject.toml and
# commit the result; the next build (.ci/run, .github/workflows/windows.yml) installs exactly that.
#     installer/refresh-lock.sh                     # keep every pin that still fits pyproject.toml
#     installer/refresh-lock.sh --upgrade           # newest releases that fit
#     installer/refresh-lock.sh --upgrade-package reportlab
#     installer/refresh-lock.sh --glibc-2.28        # installer/requirements-lock-glibc228.txt instead
# The second lock is for the .deb that UOS 20 (glibc 2.28) and Kylin V10 (2.31) can run: Linux only, every
# wheel manylinux_2_28 or older. PySide6-Essentials 6.10 and later ship manylinux_2_34 wheels only, so
# that lock holds the newest 6.9 (installer/linux-build.Dockerfile, .github/workflows/linux-deb.yml).
# uv resolves for every platform in one pass (`--universal`): pip-compile can only lock the platform it
# runs on, and a Linux-made lock would lack Windows' pywin32-ctypes and pefile.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
"${PYTHON:-python3}" -m venv "$tools"
"$tools/bin/python" -m pip install -q "uv==$UV_VERSION"
if [[ "${1:-}" == --glibc-2.28 ]]; then
  shift
  "$tools/bin/uv" pip compile --quiet pyproject.toml --extra build --python-platform x86_64-manylinux_2_28 \
    --python-version 3.11 --generate-hashes --custom-compile-command "installer/refresh-lock.sh --glibc-2.28" \
    -o installer/requirements-lock-glibc228.txt "$@"
  exit
fi
"$tools/bin/uv" pip compile --quiet pyproject.toml --extra build --universal --python-version 3.11 \
  --generate-hashes --custom-compile-command "installer/refresh-lock.sh" \
  -o installer/requirements-lock.txt "$@"
