"""统计分析 refresh time on a million events, next to the bare SQL it runs (issue 14: ≤ 1 s).

    python bench/bench_dashboard.py                  # /tmp/towncentre-bench/dashboard-1m.db, made once
    python bench/bench_dashboard.py --db PATH        # an existing database with events
    python bench/bench_dashboard.py --migration      # also: migration 0014's time (down to 0013, then up)
    python bench/bench_dashboard.py --save-ab        # also: one event's save with and without 0014's triggers

The million-event database is bench_events.py's (events-1m.db): copied once (a copy, because opening
it with this program migrates it) or, when absent, built by `towncentre demo --events`. Each line is
`name: value ms (bare sqlite3: value ms)`: `dashboard.load` for a period, then the same SQL statements
with the same parameters (recorded from that call) replayed through bare sqlite3. Medians of 5 runs.
The load average is printed with the figures: the bench machine is shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time
from datetime import date, timedelta
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


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--migration", action="store_true", help="time migration 0014 (downgrade first)")
    parser.add_argument(
        "--save-ab", action="store_true", help="an event's save with and without 0014's triggers"
    )
    args = parser.parse_args()
    size = "1m" if args.events == 1_000_000 else f"{args.events // 1000}k"
    path = args.db or BENCH / f"dashboard-{size}.db"
    prepare(path, args.events)

    from desktop.db import Database
    from desktop.services.accounts import auth

    if args.migration:
        time_migration(path)
    db = Database.open(path, backup_before_migration=False)  # the bench's own copy
    manager = auth.login(db, "zhuren", "demo2026").actor
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    print(f"events: {raw.execute('SELECT count(*) FROM event').fetchone()[0]} rows ({load_average()})")
    measure(db, manager, raw)
    if args.save_ab:
        save_ab(db, path)
    print(load_average())
    return 0


def time_migration(path: Path) -> None:
    """Migration 0014 as a town at 0013 would run it: the index, the table's fill, the triggers."""
    from alembic import command

    from desktop.db import alembic_config, make_engine, migrate, read_schema_state

    current = read_schema_state(path).current
    engine = make_engine(path)
    try:
        if current != "0013":
            migrate(engine, "0014")
            with engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, "0013")
        print(f"migration_0014 ({load_average()})")
        began = time.perf_counter()
        migrate(engine, "0014")
        print(f"migration_0014: {time.perf_counter() - began:.1f} s ({load_average()})")
        with engine.connect() as conn:
            for name in ("event_month_stat", "event_month_grid_stat", "ix_event_supervised_open"):
                size = conn.exec_driver_sql("SELECT sum(pgsize) FROM dbstat WHERE name = ?", (name,)).scalar()
                rows = (
                    ""
                    if name.startswith("ix_")
                    else f"{conn.exec_driver_sql(f'SELECT count(*) FROM {name}').scalar()} rows, "
                )
                print(f"  {name}: {rows}{(size or 0) / 1024 / 1024:.1f} MiB")
    finally:
        engine.dispose()


def measure(db: Any, manager: Any, raw: sqlite3.Connection) -> None:
    from sqlalchemy import event

    from desktop.services.analysis import dashboard
    from desktop.services.analysis.dashboard import PeriodKind
    from desktop.services.events.queries import today_of

    today = today_of(db)
    # A custom range cut inside months: from the 10th four months back to the 20th of last month.
    custom_end = today.replace(day=1) - timedelta(days=1)
    year, month = divmod(today.year * 12 + today.month - 1 - 4, 12)
    custom = (date(year, month + 1, 10), custom_end.replace(day=20))
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
        statements.append((sql, params))

    kinds = (PeriodKind.THIS_MONTH, PeriodKind.LAST_MONTH, PeriodKind.THIS_QUARTER, PeriodKind.THIS_YEAR, PeriodKind.CUSTOM)  # fmt: skip
    for kind in kinds:
        dates = custom if kind == PeriodKind.CUSTOM else (None, None)
        dashboard.load(db, manager, kind, *dates)  # warm the cache, as a second visit would find it
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", record)
        data = dashboard.load(db, manager, kind, *dates)
        event.remove(db.engine, "before_cursor_execute", record)
        queries = [(sql, params) for sql, params in statements if sql.lstrip().upper().startswith("SELECT")]

        def bare(queries: list[tuple[str, Any]] = queries) -> None:
            for sql, params in queries:
                raw.execute(sql, params).fetchall()

        def refresh(kind: PeriodKind = kind, dates: tuple[Any, Any] = dates) -> None:
            dashboard.load(db, manager, kind, *dates)

        ms = median_ms(refresh, runs=5)
        bare_ms = median_ms(bare, runs=5)
        print(
            f"dashboard_{kind.name.lower()}: {ms:.0f} ms (bare sqlite3: {bare_ms:.0f} ms) ({load_average()})"
        )
        print(f"  {data.period.start}–{data.period.end}: {data.total.count} events, {len(queries)} queries")


def save_ab(db: Any, path: Path) -> None:
    """What 0014's triggers add to one event's save: the program's save (one commit, fsync included) and
    a bare INSERT rolled back, each with the triggers and without, in alternating rounds. The events
    saved without the triggers are counted into the tables afterwards, so the copy stays exact."""
    from desktop import search_grams
    from desktop.services import events
    from desktop.services.accounts import auth
    from desktop.services.events import EventInput

    operator = auth.login(db, "shouli", "demo2026").actor
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        community, grid, item = conn.execute(
            "SELECT g.community_id, g.id, (SELECT id FROM matter_item WHERE status = '有效' LIMIT 1) FROM grid g LIMIT 1"
        ).fetchone()
        triggers = [
            r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE name LIKE 'event_month_stat_%'")
        ]
    assert len(triggers) == 3, triggers
    scratch = sqlite3.connect(path, isolation_level=None)
    scratch.create_function(search_grams.SQL_FUNCTION, -1, search_grams.grams, deterministic=True)
    unstamped: list[str] = []

    def save(collect: bool) -> None:
        made = events.create_event(
            db, operator,
            EventInput(
                channel="来电", occurred_at=db.clock(), community_id=community, grid_id=grid, matter_item_id=item,
                title="基准测试：楼道堆放杂物", description="基准测试写入的事件，检查保存耗时。", reporter_name="测试员",
            ),
        )  # fmt: skip
        if collect:
            unstamped.append(made.id)

    def bare_save() -> None:
        scratch.execute("BEGIN IMMEDIATE")
        scratch.execute(
            "INSERT INTO event (id, ver, pending_changes, created_at, updated_at, origin_town, number, channel, "
            "reporter_name, reporter_phone, anonymous, occurred_at, reported_at, community_id, address, "
            "matter_item_id, category_code, title, description, urgency, people_involved, loop, state, "
            "time_limit_days, deadline_estimated, extension_pending, supervised, outcome, outcome_note, "
            "satisfaction, rework_count, return_count) VALUES ('x', 1, 1, '2026-01-01', '2026-01-01', '', "
            "'bench-x', '来电', '', '', 0, '2026-01-01', '2026-01-01 02:00:00.000000', ?, '', ?, '01', "
            "'基准测试', '基准', '一般', 0, '小循环', '已受理', 7, 0, 0, 0, '', '', '', 0, 0)",
            (community, item),
        )
        scratch.execute("ROLLBACK")

    figures: dict[str, list[float]] = {
        k: [] for k in ("save_with", "save_without", "bare_with", "bare_without")
    }
    try:
        for _round in range(3):
            figures["save_with"].append(median_ms(lambda: save(False), runs=7))
            figures["bare_with"].append(median_ms(bare_save, runs=51))
            for name in ("event_month_stat_ai", "event_month_stat_ad", "event_month_stat_au"):
                scratch.execute(f"DROP TRIGGER {name}")
            try:
                figures["save_without"].append(median_ms(lambda: save(True), runs=7))
                figures["bare_without"].append(median_ms(bare_save, runs=51))
            finally:
                scratch.execute("BEGIN IMMEDIATE")
                for sql in triggers:
                    scratch.execute(sql)
                scratch.execute("COMMIT")
    finally:
        if unstamped:  # counted into the tables the way the triggers would have
            marks = ", ".join("?" * len(unstamped))
            scratch.execute("BEGIN IMMEDIATE")
            month = "strftime('%Y-%m', reported_at, '+8 hours')"
            scratch.execute(
                f"INSERT INTO event_month_stat (month, state, channel, category_code, n) SELECT {month}, state, "
                f"channel, category_code, count(*) FROM event WHERE id IN ({marks}) GROUP BY 1, 2, 3, 4 "
                "ON CONFLICT (month, state, channel, category_code) DO UPDATE SET n = n + excluded.n",
                unstamped,
            )
            scratch.execute(
                f"INSERT INTO event_month_grid_stat (month, grid_id, category_code, n) SELECT {month}, "
                f"coalesce(grid_id, ''), category_code, count(*) FROM event WHERE id IN ({marks}) GROUP BY 1, 2, 3 "
                "ON CONFLICT (month, grid_id, category_code) DO UPDATE SET n = n + excluded.n",
                unstamped,
            )
            scratch.execute("COMMIT")
        scratch.close()
    for name, values in figures.items():
        print(f"{name}_month_stat_triggers: {' / '.join(f'{v:.2f}' for v in values)} ms (rounds)")
    print(f"  ({load_average()})")


if __name__ == "__main__":
    raise SystemExit(main())
