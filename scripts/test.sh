#!/usr/bin/env bash
# Sets up (first time only) and runs the whole test suite on Qt's offscreen platform, one pytest worker
# per core (pytest-xdist, tests shared out as workers free up). Extra arguments go to pytest, e.g.
#   scripts/test.sh -k login -x          TEST_WORKERS=0 scripts/test.sh   (one process, e.g. for pdb)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
export QT_QPA_PLATFORM=offscreen
# Keep compiled and assertion-rewritten modules (__pycache__, git-ignored): with PYTHONDONTWRITEBYTECODE set
# (as in many container images) every worker and every child process compiled them again, 11 s a worker.
unset PYTHONDONTWRITEBYTECODE
workers="${TEST_WORKERS:-auto}"
if [[ "$workers" == "0" ]]; then
  exec .venv/bin/python -m pytest "$@"
fi
# loadgroup: a module that builds an expensive fixture (tests marked xdist_group) runs on one worker.
exec .venv/bin/python -m pytest -n "$workers" --dist loadgroup "$@"
