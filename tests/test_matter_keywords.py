"""Everyday keywords of matter items (噪音, 漏水, 停车 ...): the shipped list, search, editing, the xlsx
list file, and the operator's usual items first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from db_helpers import FakeClock, dump_tables
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import ValidationError
from desktop.models import Grid, MatterItem
from desktop.services import events, matters
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.events import EventInput
from desktop.services.matters import ItemQuery, listfile
from desktop.services.matters import exchange as matter_exchange
from desktop.services.matters.catalogue import USUAL_DAYS
from desktop.services.matters.listfile import ITEM_HEADERS, KEYWORDS_HEADER

ActorOf = Callable[[Database, str], Actor]

# What people say → an item it must find (the eight words).
EVERYDAY = {
    "噪音": "噪声扰民",
    "漏水": "供水管道破损",
    "停车": "机动车乱停放",
    "养狗": "不文明养犬",
    "违建": "违法建设",
    "家暴": "家庭暴力线索",
    "吵架": "邻里纠纷",
    "工资": "劳资纠纷（欠薪）",
}


def names(db: Database, text: str) -> list[str]:
    return [r.name for r in matters.search_items(db, SYSTEM_ACTOR, ItemQuery(text=text))]


def item_id(db: Database, name: str) -> str:
    with db.reading() as session:
        found = session.scalar(select(MatterItem.id).where(MatterItem.name == name))
    assert found is not None, name
    return found


def a_town_item(db: Database, keywords: str) -> matters.ItemInput:
    from datetime import date

    category = next(
        c for d in matters.category_tree(db, SYSTEM_ACTOR) for c in d.categories if c.code == "0403"
    )
    return matters.ItemInput(
        category_id=category.id, code="0403901", name="夜市经营扰民", description="夜市摊位夜间经营的声响。",
        level="镇街", lead_department_code=matters.list_departments(db, SYSTEM_ACTOR)[0].code,
        co_department_codes=(), time_limit_days=5, admitted=True, admitted_from=date(2026, 3, 1),
        admitted_until=None, keywords=keywords,
    )  # fmt: skip


# --- the shipped list and search ------------------------------------------------------------------


def test_each_everyday_word_finds_its_item(town_db: Database) -> None:
    for word, name in EVERYDAY.items():
        assert name in names(town_db, word), word
    # Official names, codes and pinyin initials still work as before.
    assert "邻里纠纷" in names(town_db, "lljf") and "邻里纠纷" in names(town_db, "0201001")


def test_a_sentence_holding_a_keyword_finds_the_item(town_db: Database) -> None:
    found = names(town_db, "楼上漏水")
    assert {"邻里纠纷", "供水管道破损"} <= set(found)
    assert "不文明养犬" in names(town_db, "隔壁遛狗不牵绳")
    assert names(town_db, "楼上漏水") == names(town_db, " 楼上漏水\x07 ")  # cleaned as before
    assert not names(town_db, "完全无关的一句话")


def test_every_item_of_the_shipped_list_is_normalised(town_db: Database) -> None:
    with town_db.reading() as session:
        keywords = list(session.scalars(select(MatterItem.keywords)))
    assert sum(1 for k in keywords if k) >= 250
    assert all(matters.normalise_keywords(k) == k for k in keywords)


# --- editing --------------------------------------------------------------------------------------


def test_keywords_are_stored_normalised_edited_and_audited(demo_db: Database, actor_of: ActorOf) -> None:
    editor = actor_of(demo_db, "zhuren")
    new_id = matters.create_local_item(demo_db, editor, a_town_item(demo_db, " 夜市  吵闹，噪音、吵闹 "))
    assert matters.get_item(demo_db, editor, new_id).keywords == "夜市、吵闹、噪音"
    assert "夜市经营扰民" in names(demo_db, "吵闹")
    matters.update_local_item(demo_db, editor, new_id, a_town_item(demo_db, "夜市 烧烤"), expected_ver=1)
    assert matters.get_item(demo_db, editor, new_id).keywords == "夜市、烧烤"
    assert "夜市经营扰民" not in names(demo_db, "吵闹")
    assert "夜市经营扰民" in names(demo_db, "楼下烧烤摊")
    history = matters.item_history(demo_db, editor, new_id)
    assert ("关键词", "夜市、吵闹、噪音", "夜市、烧烤") in history[0].changes


def test_refused_keywords_leave_the_database_unchanged(demo_db: Database, actor_of: ActorOf) -> None:
    editor = actor_of(demo_db, "zhuren")
    new_id = matters.create_local_item(demo_db, editor, a_town_item(demo_db, "夜市"))
    before = dump_tables(demo_db.path)
    for bad in ("噪" * 201, "夜市\ud800"):
        with pytest.raises(ValidationError) as caught:
            matters.update_local_item(demo_db, editor, new_id, a_town_item(demo_db, bad), expected_ver=1)
        assert caught.value.field == "keywords"
    assert dump_tables(demo_db.path) == before


# --- the list file --------------------------------------------------------------------------------


def export(db: Database, path: Path) -> Path:
    matter_exchange.export_xlsx(db, SYSTEM_ACTOR, path)
    return path


def edit_file(path: Path, version: str, change: Callable[[Worksheet], object]) -> None:
    book = load_workbook(path)
    book["版本"]["B1"] = version
    book["版本"]["B2"] = "2026-12-01"
    sheet = book["事项清单"]
    assert isinstance(sheet, Worksheet)
    change(sheet)
    book.save(path)


def row_of(sheet: Worksheet, code: str) -> int:
    for cells in sheet.iter_rows(min_row=2):
        if cells[ITEM_HEADERS.index("事项编码")].value == code:
            number = cells[0].row
            assert number is not None
            return number
    raise AssertionError(code)


def test_export_import_round_trip_carries_the_keywords(town_db: Database, tmp_path: Path) -> None:
    path = export(town_db, tmp_path / "list.xlsx")
    sheet = load_workbook(path)["事项清单"]
    assert isinstance(sheet, Worksheet)
    assert sheet.cell(row=1, column=sheet.max_column).value == KEYWORDS_HEADER
    assert (
        sheet.cell(row=row_of(sheet, "0507003"), column=sheet.max_column).value
        == "养狗、遛狗、狗咬人、狗叫、狗屎"
    )
    diff = matter_exchange.compare(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, path))
    assert diff.is_empty
    # The county changes one item's keywords in its next list: the diff shows it and applying stores it.
    column = ITEM_HEADERS.index(KEYWORDS_HEADER) + 1
    edit_file(
        path, "2026.2", lambda s: s.cell(row=row_of(s, "0403001"), column=column, value="噪音 夜里吵 噪音")
    )
    diff = matter_exchange.apply(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, path))
    assert [(c.code, [(f.label, f.after) for f in c.changes]) for c in diff.changed] == [
        ("0403001", [("关键词", "噪音、夜里吵")])
    ]
    assert "噪声扰民" in names(town_db, "夜里吵")


def test_an_old_file_without_the_keywords_column_keeps_them(town_db: Database, tmp_path: Path) -> None:
    path = export(town_db, tmp_path / "old.xlsx")
    column = ITEM_HEADERS.index(KEYWORDS_HEADER) + 1
    time_limit = ITEM_HEADERS.index("办理时限") + 1

    def old_layout(sheet: Worksheet) -> None:
        sheet.delete_cols(column)
        sheet.cell(row=row_of(sheet, "0403001"), column=time_limit, value=4)

    edit_file(path, "2026.2", old_layout)
    diff = matter_exchange.apply(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, path))
    assert [c.code for c in diff.changed] == ["0403001"]
    assert [f.label for f in diff.changed[0].changes] == ["办理时限"]
    assert "噪声扰民" in names(town_db, "噪音")


def test_a_file_with_too_long_keywords_is_refused_by_row(town_db: Database, tmp_path: Path) -> None:
    path = export(town_db, tmp_path / "long.xlsx")
    column = ITEM_HEADERS.index(KEYWORDS_HEADER) + 1
    edit_file(path, "2026.2", lambda s: s.cell(row=3, column=column, value="吵" * 201))
    with pytest.raises(listfile.FileRejected) as caught:
        listfile.read_xlsx(town_db, path)
    assert [(e.row, "关键词" in e.zh) for e in caught.value.errors] == [(3, True)]


# --- the operator's usual items --------------------------------------------------------------------


def register(db: Database, actor: Actor, item_name: str, times: int) -> None:
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        assert grid is not None
    for n in range(times):
        events.create_event(
            db, actor,
            EventInput(
                channel="来电", occurred_at=db.clock() - timedelta(hours=2), community_id=grid.community_id,
                grid_id=grid.id, matter_item_id=item_id(db, item_name), title=f"第{n}次反映{item_name}",
                description="群众来电反映情况，请核实处理。", address="清溪路 1 号", reporter_name="张三", reporter_phone="13905711234",
            ),
        )  # fmt: skip


def test_the_operators_usual_items_come_first(demo_db: Database, actor_of: ActorOf) -> None:
    clock = FakeClock(datetime(2026, 11, 16, 1, tzinfo=UTC))
    demo_db.clock = clock
    operator, other = actor_of(demo_db, "shouli"), actor_of(demo_db, "zhuren")
    assert matters.usual_items(demo_db, operator) == []
    register(demo_db, operator, "广场舞噪声", 3)
    register(demo_db, operator, "邻里纠纷", 1)
    register(demo_db, other, "工业噪声", 5)  # another operator's habits do not count
    usual = matters.usual_items(demo_db, operator)
    assert [r.name for r in usual] == ["广场舞噪声", "邻里纠纷"] and all(r.frequent for r in usual)
    # Typed text: the matches with the operator's usual ones first, then the rest by code.
    rows = matters.picker_items(demo_db, operator, "噪音")
    assert [r.name for r in rows[:2]] == ["广场舞噪声", "邻里纠纷"] and rows[1].frequent
    rest = rows[2:]
    assert [r.code for r in rest] == sorted(r.code for r in rest) and not any(r.frequent for r in rest)
    assert matters.picker_items(demo_db, other, "噪音")[0].name == "工业噪声"
    # Habits fade: registrations older than USUAL_DAYS no longer count.
    clock.advance(days=USUAL_DAYS + 1)
    assert matters.usual_items(demo_db, operator) == []
    assert not matters.picker_items(demo_db, operator, "噪音")[0].frequent


def test_invisible_characters_and_separators_alone_do_not_change_what_is_found(town_db: Database) -> None:
    """Text pasted from a web page: a zero-width space inside 噪音, a NEL line break between words."""
    assert matters.normalise_keywords("噪\u200b音\x85吵闹") == "噪音、吵闹"
    assert names(town_db, "噪\u200b音") == names(town_db, "噪音")
    everything = matters.search_items(town_db, SYSTEM_ACTOR, ItemQuery(text=""), limit=1000)
    assert len(names(town_db, "、")) < len(everything), "a separator alone is not a keyword"
