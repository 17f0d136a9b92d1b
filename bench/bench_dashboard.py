"""统计分析 refresh time on a million events, next to the bare SQL it runs (issue 14: ≤ 1 s).

    python bench/bench_dashboard.py                  # /tmp/towncentre-bench/dashboard-1m.db, made once
    python bench/bench_dashboard.py --db PATH        # an existing database with events

The million-event database is bench_events.py's (events-1m.db): copied once (a copy, because opening
it with this program migrates it) or, when absent, built by `towncentre demo --events`. Each line is
`name: value ms (bare sqlite3: value ms)`: `dashboard.load` for a period, then the same SQL statements
with the same parameters (recorded from that call) replayed through bare sqlite3. Medians of 3 runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_events import build, median_ms

BENCH = Path("/tmp/towncentre-bench")


def prepare(path: Path, events: int) -> None:
    if path.exists():
        return
    source = BENCH / "events-1m.db"
    if events == 1_000_000 and source.exists():
        began = time.perf_counter()
        part = path.with_name(path.name + ".part")
        with sqlite3.connect(source) as conn:  # no writer may be half-way through: take a read lock
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM alembic_version").fetchone()
            shutil.copyfile(source, part)
            conn.rollback()
        anchor = source.with_name(source.name + ".audit-anchor")
        if anchor.exists():
            shutil.copyfile(anchor, path.with_name(path.name + ".audit-anchor"))
        part.rename(path)
        print(f"copied {source.name}: {time.perf_counter() - began:.1f} s")
    else:
        build(path, events)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument(
        "--proposed-indexes",
        action="store_true",
        help="also measure with the indexes the report proposes (made on the bench copy, then dropped)",
    )
    args = parser.parse_args()
    size = "1m" if args.events == 1_000_000 else f"{args.events // 1000}k"
    path = args.db or BENCH / f"dashboard-{size}.db"
    prepare(path, args.events)

    from desktop.db import Database
    from desktop.services.accounts import auth

    db = Database.open(path, backup_before_migration=False)  # the bench's own copy
    manager = auth.login(db, "zhuren", "demo2026").actor
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    print(f"events: {raw.execute('SELECT count(*) FROM event').fetchone()[0]} rows")

    measure(db, manager, raw, "")
    if args.proposed_indexes:
        with sqlite3.connect(path) as conn:
            began = time.perf_counter()
            for sql in PROPOSED.values():
                conn.execute(sql)
            print(f"proposed indexes made in {time.perf_counter() - began:.1f} s")
            for name in PROPOSED:
                size = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name = ?", (name,)).fetchone()[0]
                print(f"  {name}: {size / 1024 / 1024:.1f} MiB")
        try:
            measure(db, manager, raw, "_with_proposed_indexes")
        finally:
            with sqlite3.connect(path) as conn:
                for name in PROPOSED:
                    conn.execute(f"DROP INDEX IF EXISTS {name}")
    return 0


# What would take the dashboard under a second for a year (see the report of issue 14's dashboard).
PROPOSED = {
    # 督办中 now: the few supervised events, without reading every open event.
    "ix_event_supervised_open": "CREATE INDEX ix_event_supervised_open ON event (state) WHERE supervised IS 1",
    # One pass over a period's events that never reads the rows themselves.
    "ix_event_reported_dims": (
        "CREATE INDEX ix_event_reported_dims ON event (reported_at, state, channel, category_code, grid_id)"
    ),
}


def measure(db: Any, manager: Any, raw: sqlite3.Connection, suffix: str) -> None:
    from sqlalchemy import event

    from desktop.services.analysis import dashboard
    from desktop.services.analysis.dashboard import PeriodKind

    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
        statements.append((sql, params))

    for kind in (PeriodKind.THIS_MONTH, PeriodKind.LAST_MONTH, PeriodKind.THIS_QUARTER, PeriodKind.THIS_YEAR):
        dashboard.load(db, manager, kind)  # warm the cache, as a second visit would find it
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", record)
        data = dashboard.load(db, manager, kind)
        event.remove(db.engine, "before_cursor_execute", record)
        queries = [(sql, params) for sql, params in statements if sql.lstrip().upper().startswith("SELECT")]

        def bare(queries: list[tuple[str, Any]] = queries) -> None:
            for sql, params in queries:
                raw.execute(sql, params).fetchall()

        def refresh(kind: PeriodKind = kind) -> None:
            dashboard.load(db, manager, kind)

        ms = median_ms(refresh, runs=3)
        bare_ms = median_ms(bare, runs=3)
        name = kind.name.lower()
        print(f"dashboard_{name}{suffix}: {ms:.0f} ms (bare sqlite3: {bare_ms:.0f} ms)")
        print(f"  {data.period.start}–{data.period.end}: {data.total.count} events, {len(queries)} queries")


if __name__ == "__main__":
    raise SystemExit(main())
