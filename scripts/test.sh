#!/usr/bin/env bash
# Sets up (first time only) and runs the whole test suite on Qt's offscreen platform.
# Extra arguments go to pytest, e.g.  scripts/test.sh -k login -x
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
