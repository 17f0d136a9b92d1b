"""Event list speed on a large database (issues 4 and 18), each figure next to bare sqlite3's.

    python bench/bench_events.py                   # /tmp/towncentre-bench/events-1m.db, built once
    python bench/bench_events.py --events 200000   # a smaller run
    python bench/bench_events.py --db PATH         # an existing demo database with events
    python bench/bench_events.py --runs 15         # more runs per figure (at least 7)

A database older than the program is upgraded on a copy beside it (`events-1m-<revision>.db`, made
once), never in place. Each line is `name: value unit (...)`: the median, then the minimum, the GUI
thread's CPU time (the machine is shared: the wall time grows with the load, the CPU time much less),
the floor (the best bare-sqlite3 query for the same answer, median), the number of runs and the load
average. The conditions the figures were taken under are printed first.

The first-page figures are what a person waits for: the real 事件中心 page (EventPage), shown at
1200×700, from the action (a filter box changed, a search started, the list read again) until the
table's viewport has painted the first page. The total is counted on a reader thread, as in use: the
model starts it once the first page is painted (it competed for the cores and the GIL when it started
at once), and it is awaited (untimed) before the next run, with what it queued in turn, so counts never
pile up. Garbage is collected as in the program (views/gc_guard.py: on the GUI thread, on a timer, with
the start-up's objects frozen), not by Python whenever a run happens to allocate.

The event table (views/events/event_table.py) keeps each text it painted laid out, so a run that shows
the rows of the run before paints them from that store; `list_first_page_new_texts` empties it first:
a first page none of whose texts, not even the column words, were ever painted (the worst case).
`list_repaint` is a repaint of the shown first page; `list_repaint_floor` the same texts painted by Qt's
own C++ path (QStandardItemModel and QStyledItemDelegate, through QTableView's painting).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Measure the code next to this file, not whichever checkout the virtualenv installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BENCH = Path("/tmp/towncentre-bench")
MIN_RUNS = 7


def median_ms(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


class Timing:
    """Wall and GUI-thread CPU milliseconds of several runs."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def add(self, wall_s: float, cpu_s: float) -> None:
        self.wall.append(wall_s * 1000)
        self.cpu.append(cpu_s * 1000)


def timed(work: Callable[[], object], runs: int, between: Callable[[], object] | None = None) -> Timing:
    """`work` `runs` times after two untimed warm-up runs; `between` (untimed) after each."""
    timing = Timing()
    for n in range(runs + 2):
        wall, cpu = time.perf_counter(), time.thread_time()
        work()
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        if n >= 2:
            timing.add(wall, cpu)
        if between is not None:
            between()
    return timing


def load() -> str:
    return "load " + "/".join(f"{x:.2f}" for x in os.getloadavg())


def figure(name: str, t: Timing, floor: Timing | None) -> None:
    floor_text = f"; floor {statistics.median(floor.wall):.2f} ms" if floor is not None else ""
    print(
        f"{name}: {statistics.median(t.wall):.1f} ms (min {min(t.wall):.1f} ms, cpu {statistics.median(t.cpu):.1f} ms"
        f"{floor_text}; {len(t.wall)} runs; {load()})",
        flush=True,
    )


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


def current_copy(path: Path) -> Path:
    """`path` if its schema is the program's; otherwise an upgraded copy beside it, made once."""
    from desktop.db import HEAD_REVISION, Database

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    if revision == HEAD_REVISION:
        return path
    copy = path.with_name(f"{path.stem}-{HEAD_REVISION}{path.suffix}")
    if copy.exists():
        return copy
    began = time.perf_counter()
    part = copy.with_name(copy.name + ".part")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:  # a read lock: no writer half-way
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM alembic_version").fetchone()
        shutil.copyfile(path, part)
        conn.rollback()
    anchor = path.with_name(path.name + ".audit-anchor")
    if anchor.exists():
        shutil.copyfile(anchor, copy.with_name(copy.name + ".audit-anchor"))
    part.rename(copy)
    Database.open(copy, backup_before_migration=False).close()  # the copy is itself the backup
    print(f"upgraded_copy: {time.perf_counter() - began:.1f} s ({path.name} at {revision} -> {copy.name})")
    return copy


def page_cache(path: Path) -> str:
    """How much of the file is in the page cache (util-linux fincore), or why it is not known."""
    try:
        out = subprocess.run(
            ["fincore", "--bytes", "--noheadings", "--output", "RES,SIZE", str(path)],
            capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        return f"{int(out[0]) / int(out[1]):.0%} of the file resident"
    except (OSError, subprocess.CalledProcessError, IndexError, ValueError):
        return "unknown (no fincore)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    runs = max(args.runs, MIN_RUNS)
    size = "1m" if args.events == 1_000_000 else f"{args.events // 1000}k"
    build(args.db or BENCH / f"events-{size}.db", args.events)
    path = current_copy(args.db or BENCH / f"events-{size}.db")

    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from desktop.views import gc_guard

    gc_guard.install(app)  # garbage collected as in the program: on the GUI thread, on its timer
    from desktop import search_grams
    from desktop.app import apply_style
    from desktop.db import Database
    from desktop.services import events
    from desktop.services.accounts import auth
    from desktop.services.events import EventInput, State
    from desktop.services.events.queries import EventFilter, EventReader, get_event
    from desktop.views.events.page import EventPage
    from desktop.views.tasks import reader_pool, wait_for_background

    db = Database.open(path)
    operator = auth.login(db, "shouli", "demo2026").actor
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total_events = raw.execute("SELECT count(*) FROM event").fetchone()[0]
    columns = (
        "rowid, id, number, reported_at, channel, title, community_id, grid_id, category_code, urgency, state, "
        "deadline, warn_on, supervised, address"
    )

    apply_style(
        app, 12
    )  # the program's style sheet and its default 界面字号: they change what painting costs
    gc_guard.freeze_start_up()  # as the program does once the login has imported what it needs
    page = EventPage(db, operator)
    page.resize(1200, 700)
    page.show()
    wait_for_background()  # 我的待办's counts
    app.processEvents()
    viewport = page.table.viewport()

    class PaintProbe(QObject):
        """Notes the moment the viewport has finished painting: it paints the event itself, then stops it."""

        def __init__(self) -> None:
            super().__init__()
            self.done_at = 0.0
            self.cpu_at = 0.0
            self.inside = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or self.inside:
                return False
            self.inside = True
            try:
                QApplication.sendEvent(watched, event)
            finally:
                self.inside = False
            self.done_at, self.cpu_at = time.perf_counter(), time.thread_time()
            return True

    probe = PaintProbe()
    viewport.installEventFilter(probe)

    def settle() -> None:
        """Untimed, between runs: the count (started from the event queue) and what it repaints are done,
        and so is what that queued in turn (the count label laid out again, a view's delayed layout): left
        in the queue, it ran inside the next timed action (about 1 ms of it), which a person's next action,
        a moment later, never meets."""
        deadline = time.perf_counter() + 30
        while page.model.total is None and time.perf_counter() < deadline:
            app.processEvents()
            reader_pool().waitForDone(100)
        wait_for_background()
        dispatcher = app.eventDispatcher()
        for _ in range(100):  # until a pass finds nothing to do
            if dispatcher is None or not dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents):
                break

    def until_painted(action: Callable[[], object], prepare: Callable[[], object] | None = None) -> Timing:
        timing = Timing()
        for n in range(runs + 2):
            if prepare is not None:
                prepare()
                settle()
            probe.done_at = 0.0
            wall, cpu = time.perf_counter(), time.thread_time()
            action()
            deadline = wall + 10
            while probe.done_at == 0.0 and time.perf_counter() < deadline:
                app.processEvents()
            assert probe.done_at, "the table did not paint"
            if n >= 2:
                timing.add(probe.done_at - wall, probe.cpu_at - cpu)
            settle()
        return timing

    def bare(sql: str, *params: object) -> Timing:
        return timed(lambda: raw.execute(sql, params).fetchall(), runs)

    print(f"events: {total_events} rows ({path.name})")
    print(f"page_cache: {page_cache(path)} before the first figure; every figure has 2 untimed warm-up runs")
    print(f"runs: {runs} per figure; values are medians; the CPU time is the GUI thread's")
    print("count_worker: each list action starts one once its first page is painted; awaited between runs")
    print(f"machine: {os.cpu_count()} cores; {load()} (1/5/15 min) at the start")

    first_page = f"SELECT {columns} FROM event ORDER BY rowid DESC LIMIT 100"
    figure("list_first_page", until_painted(page.apply_filter), bare(first_page))

    def new_texts() -> None:
        page.table.texts.restart(page.table.font())

    figure("list_first_page_new_texts", until_painted(page.apply_filter, prepare=new_texts), bare(first_page))

    state = State.IN_PROGRESS
    in_progress = next(i for i in range(page.state.count()) if page.state.itemData(i) == (state.value,))

    def all_states() -> None:
        page.state.blockSignals(True)
        page.state.setCurrentIndex(0)
        page.state.blockSignals(False)
        page.apply_filter()

    figure(
        "filter_change_first_page",
        until_painted(lambda: page.state.setCurrentIndex(in_progress), prepare=all_states),
        bare(f"SELECT {columns} FROM event WHERE state = ? ORDER BY rowid DESC LIMIT 100", state.value),
    )
    all_states()
    settle()

    def search_first_page(needle: str, name: str, index: str) -> None:
        def typed() -> None:  # the text is typed; the timed part starts where the typing pause ends
            page.search.blockSignals(True)
            page.search.setText(needle)
            page.search.blockSignals(False)

        hits = f"SELECT rowid FROM {index} WHERE {index} MATCH ? ORDER BY rowid DESC LIMIT 100"
        sql = f"SELECT {columns} FROM event WHERE rowid IN ({hits}) ORDER BY rowid DESC"
        figure(
            f"{name}_first_page", until_painted(page.apply_filter, prepare=typed), bare(sql, f'"{needle}"')
        )
        reader = EventReader(db, operator, EventFilter(text=needle))
        floor = bare(f"SELECT count(*) FROM {index} WHERE {index} MATCH ?", f'"{needle}"')
        figure(f"{name}_count", timed(reader.count, runs), floor)
        print(f"{name}_matches: {reader.count()} rows")

    paint_floor(page, runs)
    search_first_page("漏水问题", "search", "event_fts")
    # 噪声 keeps its name; then a frequent word, a surname and given name, one frequent character.
    search_first_page("噪声", "search_two_characters", "event_grams")
    search_first_page("漏水", "search_two_characters_漏水", "event_grams")
    search_first_page("王芳", "search_two_characters_王芳", "event_grams")
    search_first_page("路", "search_one_character_路", "event_grams")
    page.search.blockSignals(True)
    page.search.clear()
    page.search.blockSignals(False)
    page.apply_filter()
    settle()
    grams_bytes = raw.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'event_grams%'").fetchone()[0]
    print(
        f"grams_index_size: {grams_bytes / 1024 / 1024:.0f} MiB of {path.stat().st_size / 1024 / 1024:.0f} MiB"
    )

    # Scroll to the end of the unfiltered list: the count is in, then the last page is read.
    model = page.model
    assert model.total is not None and model._reader is not None
    last_row = model.total - 1

    def scroll_to_end() -> None:
        model._pages.clear()
        model.row_at(last_row)

    floor = bare(f"SELECT {columns} FROM event ORDER BY rowid ASC LIMIT 100")
    figure("scroll_to_last_page", timed(scroll_to_end, runs), floor)
    assert model.row_at(last_row) is not None
    all_rows = model._reader
    figure("list_count_all", timed(all_rows.count, runs), bare("SELECT count(*) FROM event"))

    ids = [r[0] for r in raw.execute("SELECT id FROM event ORDER BY random() LIMIT 5")]
    n = iter(range(10**6))
    detail = timed(lambda: get_event(db, operator, ids[next(n) % 5]), runs)
    floor = timed(
        lambda: (
            raw.execute("SELECT * FROM event WHERE id = ?", (ids[0],)).fetchone(),
            raw.execute("SELECT * FROM event_action WHERE event_id = ? ORDER BY at", (ids[0],)).fetchall(),
        ),
        runs,
    )
    figure("event_detail", detail, floor)

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

    saved = timed(save, runs)
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

    figure("save_new_event", saved, timed(bare_save, runs))
    figure("save_commit_floor", commit_floor(path.parent, runs), None)
    figure("save_anchor_floor", anchor_floor(path.parent, runs), None)
    print(f"memory_with_list_open: {rss_mb():.0f} MB")
    print(f"machine_after: {load()}")
    page.close()
    db.close()
    return 0


def paint_floor(page: Any, runs: int) -> None:
    """What painting the shown first page costs: the list's viewport repainted as it is, then the same
    texts in Qt's own C++ model (QStandardItemModel) in the same view: Qt's floor for these cells."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QStyledItemDelegate

    table, model = page.table, page.model
    viewport = table.viewport()
    figure("list_repaint", timed(viewport.repaint, runs), None)
    texts = QStandardItemModel(model.PAGE, model.columnCount())
    for row in range(model.PAGE):
        for column in range(model.columnCount()):
            texts.setItem(row, column, QStandardItem(model.index(row, column).data()))
    cells, numbers = table.itemDelegate(), table.itemDelegateForColumn(0)
    table.setModel(texts)
    table.setItemDelegate(QStyledItemDelegate(table))
    table.setItemDelegateForColumn(0, None)
    try:
        figure("list_repaint_floor", timed(viewport.repaint, runs), None)
    finally:
        table.setModel(model)
        table.setItemDelegate(cells)
        table.setItemDelegateForColumn(0, numbers)


def commit_floor(folder: Path, runs: int) -> Timing:
    """One small row committed the way the program commits (WAL, synchronous=FULL: an fsync), in a
    scratch file beside the database: what any save costs on this disk, before any work of ours."""
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        conn = sqlite3.connect(Path(scratch) / "commit.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE t (x)")

        def commit() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t VALUES ('x')")
            conn.execute("COMMIT")

        try:
            return timed(commit, runs)
        finally:
            conn.close()


def anchor_floor(folder: Path, runs: int) -> Timing:
    """The audit anchor moved once, as after every save: a small file written and renamed over the old
    one (no fsync), in a scratch folder beside the database. On the ext4 disk of issue 18 the rename
    over a file holding data took 2-4 ms under load, as long as the commit's fsync (over an empty file,
    0.1 ms)."""
    from desktop.services.common import audit_anchor

    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        beside = Path(scratch) / "anchor.db"
        seq = iter(range(1, 1_000_000))
        return timed(
            lambda: audit_anchor.write_anchor(beside, audit_anchor.Anchor(next(seq), "0" * 64)), runs
        )


if __name__ == "__main__":
    raise SystemExit(main())
