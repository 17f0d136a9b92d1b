#!/usr/bin/env bash
# Sets up (first time only) and starts 综治工作台 on a demo town database in ./demo/.
# Demo accounts: admin, zhuren, shouli, tiaojie, wangge, chakan — password demo2026.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
DB="${TOWNCENTRE_DB:-demo/towncentre.db}"
[[ -f "$DB" ]] || .venv/bin/towncentre demo --db "$DB" --events 2000
exec .venv/bin/towncentre --db "$DB" "$@"
