"""Event list speed on a large database: the figures issue 4 asks for, next to bare sqlite3.

    python bench/bench_events.py                   # builds /tmp/towncentre-bench/events-1m.db once
    python bench/bench_events.py --events 200000   # a smaller run
    python bench/bench_events.py --db PATH         # an existing demo database with events

Each line is `name: value unit (bare sqlite3: value unit)`: the program's figure, then the time of
the best query bare sqlite3 needs for the same answer. Timings are medians of several runs.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Measure the code next to this file, not whichever checkout the virtualenv installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def median_ms(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build(path: Path, events: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--db", str(path), "--events", str(events)], check=True
    )
    print(f"demo_load_{events}_events: {time.perf_counter() - began:.1f} s")
    print(f"database_size: {path.stat().st_size / 1024 / 1024:.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    size = "1m" if args.events == 1_000_000 else f"{args.events // 1000}k"
    path = args.db or Path("/tmp/towncentre-bench") / f"events-{size}.db"
    build(path, args.events)

    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication(sys.argv)
    from desktop import search_grams
    from desktop.db import Database
    from desktop.services import events
    from desktop.services.accounts import auth
    from desktop.services.events import EventInput, State
    from desktop.services.events.queries import EventFilter, EventReader, get_event
    from desktop.views.events.event_model import EventTableModel

    db = Database.open(path)
    operator = auth.login(db, "shouli", "demo2026").actor
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total_events = raw.execute("SELECT count(*) FROM event").fetchone()[0]
    print(f"events: {total_events} rows")
    columns = "rowid, id, number, reported_at, channel, title, community_id, grid_id, category_code, urgency, state, deadline"

    model = EventTableModel(db, operator)
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()

    def figure(name: str, ms: float, bare: float) -> None:
        print(f"{name}: {ms:.1f} ms (bare sqlite3: {bare:.2f} ms)")

    first = median_ms(lambda: (model.set_query(EventFilter()), app.processEvents()))
    bare = median_ms(
        lambda: raw.execute(f"SELECT {columns} FROM event ORDER BY rowid DESC LIMIT 100").fetchall()
    )
    figure("list_first_page", first, bare)

    state = State.IN_PROGRESS
    change = median_ms(lambda: (model.set_query(EventFilter(states=(state,))), app.processEvents()))
    bare = median_ms(
        lambda: raw.execute(
            f"SELECT {columns} FROM event WHERE state = ? ORDER BY rowid DESC LIMIT 100", (state,)
        ).fetchall()
    )
    figure("filter_change_first_page", change, bare)

    needle = "漏水问题"
    search = median_ms(lambda: (model.set_query(EventFilter(text=needle)), app.processEvents()))
    bare = median_ms(
        lambda: raw.execute(
            f"SELECT {columns} FROM event WHERE rowid IN (SELECT rowid FROM event_fts WHERE event_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT 100) ORDER BY rowid DESC",
            (f'"{needle}"',),
        ).fetchall()
    )
    figure("search_first_page", search, bare)
    reader = EventReader(db, operator, EventFilter(text=needle))
    count = median_ms(reader.count)
    bare = median_ms(
        lambda: raw.execute(
            "SELECT count(*) FROM event_fts WHERE event_fts MATCH ?", (f'"{needle}"',)
        ).fetchone()
    )
    figure("search_count", count, bare)
    print(f"search_matches: {reader.count()} rows")

    def short_search(short: str, name: str) -> None:
        """A search of one or two characters, through the grams index (desktop/search_grams.py)."""
        match = f'"{short}"'
        first = median_ms(lambda: (model.set_query(EventFilter(text=short)), app.processEvents()))
        bare = median_ms(
            lambda: raw.execute(
                f"SELECT {columns} FROM event WHERE rowid IN (SELECT rowid FROM event_grams "
                "WHERE event_grams MATCH ? ORDER BY rowid DESC LIMIT 100) ORDER BY rowid DESC",
                (match,),
            ).fetchall()
        )
        figure(f"search_{name}_first_page", first, bare)
        reader = EventReader(db, operator, EventFilter(text=short))
        count = median_ms(reader.count)
        bare = median_ms(
            lambda: raw.execute(
                "SELECT count(*) FROM event_grams WHERE event_grams MATCH ?", (match,)
            ).fetchone()
        )
        figure(f"search_{name}_count", count, bare)
        print(f"search_{name}_matches: {reader.count()} rows")

    # 噪声 keeps its name; then a frequent word, a surname and given name, one frequent character.
    short_search("噪声", "two_characters")
    short_search("漏水", "two_characters_漏水")
    short_search("王芳", "two_characters_王芳")
    short_search("路", "one_character_路")
    grams_bytes = raw.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'event_grams%'").fetchone()[0]
    print(
        f"grams_index_size: {grams_bytes / 1024 / 1024:.0f} MiB of {path.stat().st_size / 1024 / 1024:.0f} MiB"
    )

    # Scroll to the end of the unfiltered list: wait for the count, then read the last page.
    model.set_query(EventFilter())
    while model.total is None:
        app.processEvents()
        time.sleep(0.005)
    reader_all = model._reader
    assert reader_all is not None
    last_row = model.total - 1

    def scroll_to_end() -> None:
        model._pages.clear()
        model.row_at(last_row)

    last = median_ms(scroll_to_end)
    assert model.row_at(last_row) is not None
    bare = median_ms(
        lambda: raw.execute(f"SELECT {columns} FROM event ORDER BY rowid ASC LIMIT 100").fetchall()
    )
    figure("scroll_to_last_page", last, bare)
    all_count = median_ms(reader_all.count, runs=3)
    bare = median_ms(lambda: raw.execute("SELECT count(*) FROM event").fetchone(), runs=3)
    figure("list_count_all", all_count, bare)

    ids = [r[0] for r in raw.execute("SELECT id FROM event ORDER BY random() LIMIT 5")]
    n = iter(range(10**6))
    detail = median_ms(lambda: get_event(db, operator, ids[next(n) % 5]))
    bare = median_ms(
        lambda: (
            raw.execute("SELECT * FROM event WHERE id = ?", (ids[0],)).fetchone(),
            raw.execute("SELECT * FROM event_action WHERE event_id = ? ORDER BY at", (ids[0],)).fetchall(),
        )
    )
    figure("event_detail", detail, bare)

    community, grid, item = raw.execute(
        "SELECT g.community_id, g.id, (SELECT id FROM matter_item WHERE status = '有效' LIMIT 1) FROM grid g LIMIT 1"
    ).fetchone()

    def save() -> None:
        events.create_event(
            db, operator,
            EventInput(
                channel="来电", occurred_at=db.clock(), community_id=community, grid_id=grid, matter_item_id=item,
                title="基准测试：楼道堆放杂物", description="基准测试写入的事件，检查保存耗时。", reporter_name="测试员",
            ),
        )  # fmt: skip

    saved = median_ms(save)
    scratch = sqlite3.connect(path)
    # The grams index's triggers call this function, as on every connection of the program.
    scratch.create_function(search_grams.SQL_FUNCTION, -1, search_grams.grams, deterministic=True)

    def bare_save() -> None:
        scratch.execute("BEGIN IMMEDIATE")
        scratch.execute(
            "INSERT INTO event (id, ver, pending_changes, created_at, updated_at, origin_town, number, channel, "
            "reporter_name, reporter_phone, anonymous, occurred_at, reported_at, community_id, address, "
            "matter_item_id, category_code, title, description, urgency, people_involved, loop, state, "
            "time_limit_days, deadline_estimated, extension_pending, supervised, outcome, outcome_note, "
            "satisfaction, rework_count, return_count) VALUES ('x', 1, 1, '2026-01-01', '2026-01-01', '', "
            "'bench-x', '来电', '', '', 0, '2026-01-01', '2026-01-01', ?, '', ?, '01', '基准测试', '基准', '一般', "
            "0, '小循环', '已受理', 7, 0, 0, 0, '', '', '', 0, 0)",
            (community, item),
        )
        scratch.execute("ROLLBACK")

    bare = median_ms(bare_save)
    figure("save_new_event", saved, bare)
    print(f"memory_with_list_open: {rss_mb():.0f} MB")
    view.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
