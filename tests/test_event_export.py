"""The event list exported to xlsx and read back with openpyxl: every row of the filter, in China time,
with progress, atomically (a failed export leaves nothing), audited, refused without EVENT_VIEW."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from db_helpers import FakeClock, Towncentre
from openpyxl import load_workbook
from sqlalchemy import select
from xlsxwriter.exceptions import FileCreateError

from desktop.db import Database
from desktop.demo.town import DEMO_PASSWORD
from desktop.errors import PermissionDenied, UserError
from desktop.models import AuditEntry, Grid, MatterItem
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.common import files
from desktop.services.events import EventInput, State
from desktop.services.events import workflow as flow
from desktop.services.events.export import ExportCancelled, export_events
from desktop.services.events.queries import EventFilter, EventReader, Sort

ActorOf = Callable[[Database, str], Actor]
HEADERS = [
    "编号", "上报时间(北京时间)", "渠道", "标题", "村（社区）", "网格", "事项类别", "紧急程度", "状态", "办理期限",
    "督办", "地址",
]  # fmt: skip


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def db(demo_db: Database, actor_of: ActorOf) -> Database:
    """Twelve events reported two hours apart from 09:00 on 2 March 2026 (China time): eight that day,
    four on 3 March; two dispatched, one of them supervised."""
    clock = FakeClock(utc(2026, 3, 2, 1, 0))  # 09:00 in China
    demo_db.clock = clock
    operator = actor_of(demo_db, "shouli")
    with demo_db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        assert grid is not None and item is not None
    ids = []
    for n in range(12):
        title = f"第{n}号楼楼上漏水引发争执" if n % 3 == 0 else f"第{n}号楼道堆放杂物"
        ids.append(
            events.create_event(
                demo_db, operator,
                EventInput(
                    channel="网格员上报", occurred_at=clock() - timedelta(minutes=30), community_id=grid.community_id,
                    grid_id=grid.id, matter_item_id=item, title=title, description="多次协商未果，请求协调处理。",
                    address=f"清溪路 {n} 号", reporter_name="张建国", reporter_phone="13905711234",
                ),
            ).id
        )  # fmt: skip
        clock.advance(hours=2)
    flow.dispatch(demo_db, operator, ids[4], department_code="ZJ02", limit_days=5)
    flow.dispatch(demo_db, operator, ids[7], department_code="ZJ02", limit_days=5)
    flow.supervise(demo_db, operator, ids[7], "请加快办理")
    return demo_db


def rows_of(path: Path, sheet: str = "事件") -> list[tuple[Any, ...]]:
    book = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "events.xlsx")


def test_every_row_of_the_list_in_china_time_with_progress(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    operator = actor_of(db, "shouli")
    calls: list[tuple[int, int]] = []
    out = tmp_path / "out" / "事件.xlsx"
    out.parent.mkdir()
    count = export_events(
        db, operator, EventFilter(), Sort(), out, lambda d, t: calls.append((d, t)), batch=5
    )
    assert count == 12 == EventReader(db, operator, EventFilter()).count()
    assert calls == [(0, 12), (5, 12), (10, 12), (12, 12)]
    rows = rows_of(out)
    assert list(rows[0]) == HEADERS and len(rows) == 13
    newest = rows[1]
    # Reported at 23:00 UTC on 2 March: 07:00 on 3 March in China, newest first.
    assert newest[0].startswith("SJ330127104202603030") and newest[1] == "2026-03-03 07:00"
    assert newest[2:6] == ("网格员上报", "第11号楼道堆放杂物", "清溪社区", "清溪一网格")
    assert newest[6:9] == ("婚姻家庭和邻里纠纷", "一般", "已受理")  # the category's name, not its code
    assert newest[11] == "清溪路 11 号"
    assert rows[-1][1] == "2026-03-02 09:00" and rows[-1][3] == "第0号楼楼上漏水引发争执"
    by_title = {r[3]: r for r in rows[1:]}
    dispatched = by_title["第4号楼道堆放杂物"]
    assert dispatched[8] == "已分拨" and dispatched[9] == "2026-03-10" and dispatched[10] is None
    assert by_title["第7号楼道堆放杂物"][10] == "督办"
    book = load_workbook(out)
    sheet = book["事件"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b and sheet.auto_filter.ref == "A1:L13"
    # 40 characters as Excel shows them (the file stores the cell padding with it: 40.71).
    assert int(sheet.column_dimensions["D"].width) == 40
    assert [p.name for p in out.parent.iterdir()] == ["事件.xlsx"], "no temporary file left"
    reference = out.parent / "reference"
    reference.write_bytes(b"")
    assert out.stat().st_mode == reference.stat().st_mode, "an ordinary file, not a private temp file"


def test_the_filter_and_the_sort_are_the_lists(db: Database, actor_of: ActorOf, tmp_path: Path) -> None:
    operator = actor_of(db, "shouli")
    for chosen in (
        EventFilter(states=(State.DISPATCHED,)),
        EventFilter(text="楼上漏水"),  # three characters or more: the trigram index
        EventFilter(text="漏水"),  # two: a scan
        EventFilter(since=date(2026, 3, 3)),
        EventFilter(until=date(2026, 3, 2), text="杂物"),
    ):
        out = tmp_path / "filtered.xlsx"
        count = export_events(db, operator, chosen, Sort(), out)
        reader = EventReader(db, operator, chosen)
        expected = [r.number for r in reader.page(0, 100)]
        assert [r[0] for r in rows_of(out)[1:]] == expected and count == reader.count() == len(expected)
        assert 0 < count < 12, chosen
    assert export_events(db, operator, EventFilter(since=date(2026, 3, 3)), Sort(), out) == 4
    assert export_events(db, operator, EventFilter(text="楼上漏水"), Sort(), out) == 4
    export_events(db, operator, EventFilter(), Sort("deadline", descending=True), out)
    assert [r[9] for r in rows_of(out)[1:4]] == ["2026-03-10", "2026-03-10", None]
    export_events(db, operator, EventFilter(), Sort("number", descending=False), out)
    numbers = [r[0] for r in rows_of(out)[1:]]
    assert numbers == sorted(numbers) and len(numbers) == 12


def test_a_list_longer_than_a_sheet_goes_on(db: Database, actor_of: ActorOf, tmp_path: Path) -> None:
    out = tmp_path / "split.xlsx"
    assert export_events(db, actor_of(db, "shouli"), EventFilter(), Sort(), out, batch=4, sheet_rows=5) == 12
    sheets = [rows_of(out, name) for name in ("事件", "事件(2)", "事件(3)")]
    assert [len(s) for s in sheets] == [6, 6, 3] and all(list(s[0]) == HEADERS for s in sheets)
    numbers = [r[0] for s in sheets for r in s[1:]]
    assert len(set(numbers)) == 12


def test_the_export_is_audited_with_its_count_file_and_filter(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    export_events(
        db, actor_of(db, "chakan"), EventFilter(states=(State.DISPATCHED,)), Sort(), tmp_path / "a.xlsx"
    )
    with db.reading() as session:
        row = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert (row.action, row.username, row.summary) == ("导出事件", "chakan", "2 条 → a.xlsx")
    assert (
        '"rows": 2' in row.detail
        and '"states": ["已分拨"]' in row.detail
        and '"file": "a.xlsx"' in row.detail
    )


def last_audit(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) or 0)


def test_a_failed_or_cancelled_export_leaves_no_file_and_no_audit(
    db: Database, actor_of: ActorOf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    operator = actor_of(db, "shouli")
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "events.xlsx"
    before = last_audit(db)

    def broken(done: int, total: int) -> None:
        if done >= 5:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        export_events(db, operator, EventFilter(), Sort(), out, broken, batch=5)
    assert not out.exists() and leftovers(folder) == []

    cancel = threading.Event()

    def cancel_after_first(done: int, total: int) -> None:
        if done:
            cancel.set()

    with pytest.raises(ExportCancelled):
        export_events(db, operator, EventFilter(), Sort(), out, cancel_after_first, cancel=cancel, batch=5)
    assert not out.exists() and leftovers(folder) == []

    out.write_bytes(b"the previous export")

    def no_space(book: xlsxwriter.Workbook) -> None:
        Path(book.filename).write_bytes(b"PK half a workbook")  # the disk fills up half-way
        raise FileCreateError(OSError("no space"))  # as xlsxwriter reports it

    monkeypatch.setattr(xlsxwriter.Workbook, "close", no_space)
    with pytest.raises(OSError, match="no space"):
        export_events(db, operator, EventFilter(), Sort(), out)
    assert out.read_bytes() == b"the previous export", "the old file is not clobbered"
    assert leftovers(folder) == [] and last_audit(db) == before


def test_a_file_that_cannot_be_replaced_is_reported_and_the_temp_file_removed(
    db: Database, actor_of: ActorOf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = last_audit(db)

    def locked(_src: object, _dst: object) -> None:
        raise PermissionError("in use")

    monkeypatch.setattr(files.os, "replace", locked)
    (tmp_path / "out").mkdir()
    with pytest.raises(UserError, match="正被其他程序"):
        export_events(db, actor_of(db, "shouli"), EventFilter(), Sort(), tmp_path / "out" / "open.xlsx")
    assert list((tmp_path / "out").iterdir()) == [] and last_audit(db) == before, "no audit row for no file"


def test_a_file_an_antivirus_holds_for_a_moment_is_still_written(
    db: Database, actor_of: ActorOf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to rename a file another program has open; a scanner lets go within a second."""
    refusals = [PermissionError("scanning")] * 3
    real_replace = files.os.replace

    def scanned(src: Any, dst: Any) -> None:
        if refusals:
            raise refusals.pop()
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", scanned)
    out = tmp_path / "out" / "events.xlsx"
    out.parent.mkdir()
    before = last_audit(db)
    done = export_events(db, actor_of(db, "shouli"), EventFilter(), Sort(), out)
    assert refusals == [] and done > 0
    book = load_workbook(out, read_only=True)
    assert book.sheetnames
    book.close()
    assert [p.name for p in out.parent.iterdir()] == ["events.xlsx"]
    assert last_audit(db) == before + 1


@pytest.mark.skipif(sys.platform != "win32", reason="only Windows refuses to rename over an open file")
def test_on_windows_a_file_held_for_a_moment_is_replaced_and_one_kept_open_is_reported(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    """A real lock, as a scanner or Excel holds it (Python's open() does not share delete)."""
    out = tmp_path / "events.xlsx"
    out.write_bytes(b"the previous export")
    held = open(out, "rb")  # noqa: SIM115 - closed by the timer, while the export waits
    timer = threading.Timer(0.5, held.close)
    timer.start()
    try:
        assert export_events(db, actor_of(db, "shouli"), EventFilter(), Sort(), out) > 0
    finally:
        timer.join()
    book = load_workbook(out, read_only=True)
    assert book.sheetnames
    book.close()
    with open(out, "rb"), pytest.raises(UserError, match="正被其他程序"):
        export_events(db, actor_of(db, "shouli"), EventFilter(), Sort(), out)
    assert [p.name for p in tmp_path.iterdir()] == ["events.xlsx"]


def test_exporting_needs_the_event_view_permission(db: Database, actor_of: ActorOf, tmp_path: Path) -> None:
    viewer = actor_of(db, "chakan")
    blind = Actor(
        viewer.user_id, viewer.username, viewer.display_name, viewer.role_codes, viewer.role_names,
        frozenset(p for p in viewer.permissions if p != "event.view"),
    )  # fmt: skip
    with pytest.raises(PermissionDenied, match="查看事件"):
        export_events(db, blind, EventFilter(), Sort(), tmp_path / "out" / "x.xlsx")
    assert not (tmp_path / "out").exists()


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture
def as_operator(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The command line acts as a named user: the operator shouli, password in TOWNCENTRE_PASSWORD."""
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", DEMO_PASSWORD)
    return ["--user", "shouli"]


def test_cli_exports_the_filtered_events(
    towncentre: Towncentre, db: Database, tmp_path: Path, as_operator: list[str]
) -> None:
    out = tmp_path / "cli.xlsx"
    done = towncentre("export", "events", "--out", str(out), "--db", str(db.path), *as_operator)
    assert done.returncode == 0, done.stderr
    assert "已导出 12 条事件" in done.stdout and len(rows_of(out)) == 13
    done = towncentre(
        "export", "events", "--out", str(out), "--db", str(db.path), "--state", "已分拨", "--state", "已受理",
        "--since", "2026-03-03", "--text", "杂物", *as_operator,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    titles = sorted(r[3] for r in rows_of(out)[1:])
    assert titles == ["第10号楼道堆放杂物", "第11号楼道堆放杂物", "第8号楼道堆放杂物"]
    with db.reading() as session:
        row = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert (row.action, row.username) == ("导出事件", "shouli")


@pytest.mark.parametrize(
    "extra",
    [["--state", "办完了"], ["--since", "2026-02-30"], ["--since", "2026-03-05", "--until", "2026-03-01"]],
)
def test_cli_refuses_bad_filters(
    towncentre: Towncentre, db: Database, tmp_path: Path, extra: list[str], as_operator: list[str]
) -> None:
    out = tmp_path / "bad.xlsx"
    done = towncentre("export", "events", "--out", str(out), "--db", str(db.path), *extra, *as_operator)
    assert done.returncode == 2 and not out.exists()
    matters = towncentre("export", "matters", "--out", str(out), "--db", str(db.path), "--text", "x")
    assert matters.returncode == 2 and "只用于 events" in matters.stderr


def test_the_audit_keeps_the_cleaned_capped_search_text_not_the_raw_box(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    from desktop.services.common.text import clean_search

    raw = "漏水\x01\ud800" + "水" * 20_000
    export_events(db, actor_of(db, "chakan"), EventFilter(text=raw), Sort(), tmp_path / "t.xlsx")
    with db.reading() as session:
        row = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert row.action == "导出事件"
    assert "\x01" not in row.detail and "\\u0001" not in row.detail and "\\ud800" not in row.detail
    assert len(row.detail) < 1_000
    assert clean_search(raw) in row.detail
