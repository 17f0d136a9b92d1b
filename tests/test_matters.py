"""The matter list and departments: the shipped list, search, town edits, xlsx import/export and diff."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from db_helpers import Towncentre, dump_tables, dump_with_columns, lost_rows
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from sqlalchemy import select

from desktop.db import Database
from desktop.demo.town import DEMO_PASSWORD
from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AuditEntry, MatterItem, MatterListVersion
from desktop.models.matter import SOURCE_COUNTY, SOURCE_TOWN, STATUS_IN_FORCE, STATUS_RETIRED
from desktop.services import matters
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.matters import ItemInput, ItemQuery, listfile
from desktop.services.matters import exchange as matter_exchange
from desktop.services.matters.listfile import ITEM_HEADERS, FileRejected
from desktop.services.system.stats import record_counts

ActorOf = Callable[[Database, str], Actor]


def col(name: str) -> int:
    """1-based column of an item header in the workbook."""
    return ITEM_HEADERS.index(name) + 1


def export(db: Database, path: Path) -> Path:
    matter_exchange.export_xlsx(db, SYSTEM_ACTOR, path)
    return path


def set_version(path: Path, version: str, published: str) -> None:
    book = load_workbook(path)
    sheet = book["版本"]
    sheet["B1"] = version
    sheet["B2"] = published
    book.save(path)


def row_number(cells: tuple[Cell | MergedCell, ...]) -> int:
    """The sheet row of an iter_rows() row as it is now (openpyxl renumbers cells when rows are deleted)."""
    number = cells[0].row
    assert number is not None, "the code column is never merged"
    return number


def item_rows(path: Path) -> dict[str, list[object]]:
    book = load_workbook(path, read_only=True)  # read-only keeps the file open until closed
    try:
        rows = list(book["事项清单"].iter_rows(values_only=True))
    finally:
        book.close()
    return {str(r[col("事项编码") - 1]): list(r) for r in rows[1:]}


def a_town_item(db: Database, code: str = "0201901", name: str = "茶园采摘用工纠纷") -> ItemInput:
    tree = matters.category_tree(db, SYSTEM_ACTOR)
    category = next(c for d in tree for c in d.categories if c.code.startswith("02"))
    department = matters.list_departments(db, SYSTEM_ACTOR)[0]
    from datetime import date

    return ItemInput(
        category_id=category.id, code=code, name=name, description="采茶季临时用工的工钱、工时纠纷。",
        level="镇街", lead_department_code=department.code, co_department_codes=(), time_limit_days=7,
        admitted=True, admitted_from=date(2026, 3, 1), admitted_until=None,
    )  # fmt: skip


# --- the shipped list ------------------------------------------------------------------------------


def test_default_list_loads_on_a_new_database(town_db: Database) -> None:
    counts = matters.counts(town_db)
    assert counts["matter_domains"] >= 6
    assert counts["matter_categories"] >= 40
    assert counts["matter_items"] + counts["matter_items_retired"] >= 200
    assert counts["departments"] >= 30
    version = matters.current_version(town_db)
    assert version is not None and version.version == "2026.1"
    assert version.added == counts["matter_items"] + counts["matter_items_retired"]
    with town_db.reading() as session:
        sample = session.scalar(select(MatterItem).where(MatterItem.source == SOURCE_COUNTY).limit(1))
        assert sample is not None and sample.origin_town == "330127000000", (
            "county items come from the county"
        )
    totals = record_counts(town_db)
    for key in ("matter_items", "matter_categories", "matter_domains", "departments"):
        assert totals[key] == counts[key]


def test_every_item_points_at_a_known_department(town_db: Database) -> None:
    known = {d.code for d in matters.list_departments(town_db, SYSTEM_ACTOR, include_retired=True)}
    with town_db.reading() as session:
        for item in session.scalars(select(MatterItem)):
            assert item.lead_department_code in known
            assert set(item.co_departments) <= known
            assert item.time_limit_days > 0


def test_search_by_name_code_and_pinyin_initials(town_db: Database, actor_of: ActorOf) -> None:
    viewer = actor_of(town_db, "admin")
    by_name = matters.search_items(town_db, viewer, ItemQuery(text="邻里"))
    assert by_name and all("邻里" in r.name for r in by_name)
    code = by_name[0].code
    assert [r.code for r in matters.search_items(town_db, viewer, ItemQuery(text=code))] == [code]
    by_initials = matters.search_items(town_db, viewer, ItemQuery(text="LLJF"))
    assert any(r.name.startswith("邻里纠纷") for r in by_initials)
    # narrowing to a category keeps only its items
    tree = matters.category_tree(town_db, viewer)
    first = tree[0].categories[0]
    rows = matters.search_items(town_db, viewer, ItemQuery(category_id=first.id))
    assert len(rows) == first.items and all(r.category == first.name for r in rows)


def test_retired_items_are_hidden_unless_asked_for(town_db: Database) -> None:
    shown = matters.search_items(town_db, SYSTEM_ACTOR, ItemQuery())
    everything = matters.search_items(town_db, SYSTEM_ACTOR, ItemQuery(include_retired=True))
    retired = [r for r in everything if r.status == STATUS_RETIRED]
    assert retired, "the shipped list has exited items"
    assert len(shown) == len(everything) - len(retired)


# --- the town's own items --------------------------------------------------------------------------


def test_town_item_create_edit_retire_restore_and_history(demo_db: Database, actor_of: ActorOf) -> None:
    editor = actor_of(demo_db, "zhuren")
    item_id = matters.create_local_item(demo_db, editor, a_town_item(demo_db))
    detail = matters.get_item(demo_db, editor, item_id)
    assert detail.source == SOURCE_TOWN and detail.editable and detail.ver == 1
    changed = ItemInput(**{**a_town_item(demo_db).__dict__, "time_limit_days": 5})
    matters.update_local_item(demo_db, editor, item_id, changed, expected_ver=1)
    with pytest.raises(UserError, match="刚被其他人修改"):
        matters.update_local_item(demo_db, editor, item_id, changed, expected_ver=1)
    with pytest.raises(ValidationError) as no_reason:
        matters.set_item_retired(demo_db, editor, item_id, True, "")
    assert no_reason.value.field == "reason"
    matters.set_item_retired(demo_db, editor, item_id, True, "茶季结束")
    assert matters.get_item(demo_db, editor, item_id).status == STATUS_RETIRED
    matters.set_item_retired(demo_db, editor, item_id, False)
    assert matters.get_item(demo_db, editor, item_id).status == STATUS_IN_FORCE
    history = matters.item_history(demo_db, editor, item_id)
    assert [h.action for h in history] == ["修改", "修改", "修改", "新增"]
    assert ("办理时限", "7", "5") in history[2].changes
    assert any(change[0] == "状态" and change[2] == STATUS_RETIRED for change in history[1].changes)


def test_town_item_input_is_checked(demo_db: Database, actor_of: ActorOf) -> None:
    editor = actor_of(demo_db, "zhuren")
    base = a_town_item(demo_db)
    assert base.admitted_from is not None
    cases = {
        "name": replace(base, name=" "),
        "time_limit_days": replace(base, time_limit_days=0),
        "lead_department_code": replace(base, lead_department_code="NOPE"),
        "admitted_until": replace(base, admitted_until=base.admitted_from.replace(year=2025)),
    }
    for field, item in cases.items():
        with pytest.raises(ValidationError) as caught:
            matters.create_local_item(demo_db, editor, item)
        assert caught.value.field == field, field
    existing = matters.search_items(demo_db, editor, ItemQuery())[0].code
    with pytest.raises(ValidationError, match="已被使用"):
        matters.create_local_item(demo_db, editor, replace(base, code=existing))


def test_county_items_are_read_only_in_the_town(demo_db: Database, actor_of: ActorOf) -> None:
    editor = actor_of(demo_db, "zhuren")
    county = matters.search_items(demo_db, editor, ItemQuery(source=SOURCE_COUNTY))[0]
    detail = matters.get_item(demo_db, editor, county.id)
    assert not detail.editable
    before = dump_tables(demo_db.path)
    with pytest.raises(UserError, match="只能查看"):
        matters.set_item_retired(demo_db, editor, county.id, True, "不需要")
    data = ItemInput(**{**a_town_item(demo_db).__dict__, "code": detail.code})
    with pytest.raises(UserError, match="只能查看"):
        matters.update_local_item(demo_db, editor, county.id, data, detail.ver)
    assert dump_tables(demo_db.path) == before


def test_only_editors_change_the_list(demo_db: Database, actor_of: ActorOf, tmp_path: Path) -> None:
    viewer, operator = actor_of(demo_db, "chakan"), actor_of(demo_db, "shouli")
    assert matters.search_items(demo_db, operator, ItemQuery()), "an operator may read the list"
    with pytest.raises(PermissionDenied):
        matters.create_local_item(demo_db, operator, a_town_item(demo_db))
    path = export(demo_db, tmp_path / "list.xlsx")
    incoming = listfile.read_xlsx(demo_db, path)
    with pytest.raises(PermissionDenied):
        matter_exchange.apply(demo_db, viewer, incoming)


# --- import and export -----------------------------------------------------------------------------


def test_export_then_import_round_trips_without_loss(town_db: Database, tmp_path: Path) -> None:
    matters.create_local_item(town_db, SYSTEM_ACTOR, a_town_item(town_db))
    first = export(town_db, tmp_path / "a.xlsx")
    # The same file back into the same database: nothing to do.
    diff = matter_exchange.compare(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, first))
    assert diff.is_empty and diff.unchanged == len(item_rows(first))
    # Into another town's database as a newer version: afterwards both export the same rows.
    set_version(first, "2026.9", "2026-09-01")
    from desktop.services import setup
    from desktop.services.system import town

    other = Database.open(tmp_path / "other" / "towncentre.db")
    setup.first_run_setup(
        other, town.TownInfo(name="石门镇", area_code="330127105000"), admin_username="admin",
        admin_display_name="管理员", admin_password="Shimen2026",
    )  # fmt: skip
    matter_exchange.apply(other, SYSTEM_ACTOR, listfile.read_xlsx(other, first))
    second = export(other, tmp_path / "b.xlsx")
    other.close()
    assert item_rows(second) == item_rows(first)
    sheet_a = load_workbook(first)["部门"]
    sheet_b = load_workbook(second)["部门"]
    assert list(sheet_a.values) == list(sheet_b.values)


def test_diff_lists_added_changed_and_retired_then_applies_in_one_go(
    demo_db: Database, tmp_path: Path, actor_of: ActorOf
) -> None:
    path = export(demo_db, tmp_path / "list.xlsx")
    book = load_workbook(path)
    sheet = book["事项清单"]
    rows = list(sheet.iter_rows(min_row=2))
    in_force = [r for r in rows if r[col("状态") - 1].value == STATUS_IN_FORCE]
    changed, dropped, stopped = in_force[0], in_force[1], in_force[2]
    old_limit = changed[col("办理时限") - 1].value
    assert isinstance(old_limit, int)
    changed[col("办理时限") - 1].value = old_limit + 3
    stopped[col("状态") - 1].value = STATUS_RETIRED
    dropped_code = dropped[col("事项编码") - 1].value
    sheet.delete_rows(row_number(dropped))
    new_row = [c.value for c in in_force[3]]
    new_row[col("事项编码") - 1] = "0199001"
    new_row[col("事项名称") - 1] = "无人机违规飞行线索"
    sheet.append(new_row)
    book.save(path)
    set_version(path, "2026.2", "2026-06-01")

    admin = actor_of(demo_db, "zhuren")
    incoming = listfile.read_xlsx(demo_db, path)
    before = dump_tables(demo_db.path)
    diff = matter_exchange.compare(demo_db, admin, incoming)
    assert dump_tables(demo_db.path) == before, "comparing writes nothing"
    assert [r.code for r in diff.added] == ["0199001"]
    assert [c.code for c in diff.changed] == [changed[col("事项编码") - 1].value]
    assert ("办理时限", str(old_limit), str(old_limit + 3)) in [
        (f.label, f.before, f.after) for f in diff.changed[0].changes
    ]
    assert {c.code for c in diff.retired} == {dropped_code, stopped[col("事项编码") - 1].value}
    assert diff.current_version == "2026.1"

    applied = matter_exchange.apply(demo_db, admin, incoming)
    assert applied.summary() == diff.summary()
    with demo_db.reading() as session:
        gone = session.scalar(select(MatterItem).where(MatterItem.code == dropped_code))
        assert gone is not None and gone.status == STATUS_RETIRED, "retired, never deleted"
        assert gone.list_version == "2026.2"
        assert (
            session.scalar(select(MatterItem.name).where(MatterItem.code == "0199001"))
            == "无人机违规飞行线索"
        )
        version = session.scalar(select(MatterListVersion).where(MatterListVersion.version == "2026.2"))
        assert version is not None and (version.added, version.changed, version.retired) == (1, 1, 2)
        audit = session.scalar(
            select(AuditEntry).where(AuditEntry.action == "导入事项清单").order_by(AuditEntry.seq.desc())
        )
        assert audit is not None and audit.username == "zhuren" and audit.object_id == "2026.2"
    current = matters.current_version(demo_db)
    assert current is not None and current.version == "2026.2"


def test_a_county_list_leaves_the_towns_own_items_alone(town_db: Database, tmp_path: Path) -> None:
    own = matters.create_local_item(town_db, SYSTEM_ACTOR, a_town_item(town_db))
    path = export(town_db, tmp_path / "county.xlsx")
    book = load_workbook(path)
    sheet = book["事项清单"]
    for row in list(sheet.iter_rows(min_row=2)):
        if row[col("来源") - 1].value == SOURCE_TOWN:
            sheet.delete_rows(row_number(row))
    book.save(path)
    set_version(path, "2026.3", "2026-07-01")
    # The county's file has no town items at all (the shipped list's own town rows were removed too).
    diff = matter_exchange.apply(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, path))
    assert all(c.code != "0201901" for c in diff.retired)
    assert matters.get_item(town_db, SYSTEM_ACTOR, own).status == STATUS_IN_FORCE


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"事项名称": ""}, "缺少事项名称"),
        ({"牵头部门": "县外星人管理局"}, "未知部门"),
        ({"办理时限": "三天"}, "办理时限应为正整数"),
        ({"办理时限": 0}, "办理时限应为正整数"),
        ({"处置层级": "省级"}, "处置层级应为"),
        ({"准入日期": "2026-13-01"}, "准入日期应为"),
        ({"领域编码": "+cmd|' /C calc'!A0"}, "领域编码只能是"),
        ({"领域编码": "02\n01"}, "领域编码只能是"),
        ({"类别编码": "0" * 32_767}, "类别编码只能是"),
        ({"类别编码": "02\u202e01"}, "类别编码只能是"),
        ({"类别编码": "02\x8501"}, "类别编码只能是"),
    ],
)
def test_a_bad_row_is_reported_by_number_and_nothing_is_imported(
    town_db: Database, tmp_path: Path, edit: dict[str, str | int], expected: str
) -> None:
    path = export(town_db, tmp_path / "bad.xlsx")
    book = load_workbook(path)
    sheet = book["事项清单"]
    for header, value in edit.items():
        sheet.cell(row=7, column=col(header), value=value)
    book.save(path)
    set_version(path, "2026.2", "2026-06-01")
    before = dump_tables(town_db.path)
    with pytest.raises(FileRejected) as rejected:
        listfile.read_xlsx(town_db, path)
    assert [(e.sheet, e.row) for e in rejected.value.errors] == [("事项清单", 7)]
    assert expected in rejected.value.errors[0].zh
    assert "没有导入任何内容" in rejected.value.zh
    assert dump_tables(town_db.path) == before


def test_duplicate_codes_and_a_missing_version_are_all_reported(town_db: Database, tmp_path: Path) -> None:
    path = export(town_db, tmp_path / "dup.xlsx")
    book = load_workbook(path)
    sheet = book["事项清单"]
    sheet.cell(row=9, column=col("事项编码"), value=sheet.cell(row=4, column=col("事项编码")).value)
    book["版本"]["B1"] = ""
    book.save(path)
    with pytest.raises(FileRejected) as rejected:
        listfile.read_xlsx(town_db, path)
    texts = [e.text() for e in rejected.value.errors]
    assert any("第 9 行" in t and "与第 4 行重复" in t for t in texts)
    assert any("清单版本号" in t for t in texts)


def test_older_or_reused_versions_are_refused(town_db: Database, tmp_path: Path) -> None:
    path = export(town_db, tmp_path / "old.xlsx")
    set_version(path, "2025.4", "2025-10-01")
    with pytest.raises(UserError, match="旧"):
        matter_exchange.compare(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, path))
    book = load_workbook(path)
    book["事项清单"].cell(row=2, column=col("办理时限"), value=99)
    book.save(path)
    set_version(path, "2026.1", "2026-01-01")
    with pytest.raises(UserError, match=r"版本号 2026\.1 与当前版本相同"):
        matter_exchange.compare(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, path))


def test_not_a_workbook_gets_a_plain_message(town_db: Database, tmp_path: Path) -> None:
    fake = tmp_path / "list.xlsx"
    fake.write_text("这不是表格")
    with pytest.raises(UserError, match="xlsx"):
        listfile.read_xlsx(town_db, fake)


def test_blank_template_has_every_column_and_a_guide(tmp_path: Path, town_db: Database) -> None:
    path = tmp_path / "template.xlsx"
    matter_exchange.write_template(path)
    book = load_workbook(path)
    assert book.sheetnames == ["版本", "事项清单", "部门", "填写说明"]
    assert [c.value for c in book["事项清单"][1]] == list(ITEM_HEADERS)
    with pytest.raises(FileRejected) as rejected:
        listfile.read_xlsx(town_db, path)
    assert any("没有找到" in e.zh for e in rejected.value.errors)


# --- command line ----------------------------------------------------------------------------------


def test_cli_export_import_and_bad_file(
    towncentre: Towncentre, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = str(demo_db.path)
    demo_db.close()
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", DEMO_PASSWORD)  # the centre manager may edit the list
    out = tmp_path / "list.xlsx"
    done = towncentre("export", "matters", "--out", str(out), "--db", db_path, "--user", "zhuren")
    assert done.returncode == 0, done.stderr
    assert "已导出" in done.stdout and out.exists()
    set_version(out, "2026.2", "2026-05-01")
    book = load_workbook(out)
    book["事项清单"].cell(row=3, column=col("办理时限"), value=11)
    book.save(out)
    preview = towncentre("import", "matters", str(out), "--dry-run", "--db", db_path, "--user", "zhuren")
    assert preview.returncode == 0 and "变更 1 项" in preview.stdout and "仅预览" in preview.stdout
    applied = towncentre("import", "matters", str(out), "--db", db_path, "--user", "zhuren")
    assert applied.returncode == 0, applied.stderr
    assert "已导入事项清单 2026.2" in applied.stdout
    book["事项清单"].cell(row=5, column=col("事项名称"), value="")
    book.save(out)
    set_version(out, "2026.3", "2026-06-01")
    bad = towncentre("import", "matters", str(out), "--db", db_path, "--user", "zhuren")
    assert bad.returncode == 1
    assert "“事项清单”第 5 行：缺少事项名称" in bad.stderr
    # No --db: the template needs no database (TOWNCENTRE_DB keeps the log out of the home folder).
    unused = tmp_path / "unused" / "towncentre.db"
    template = towncentre(
        "export", "matters-template", "--out", str(tmp_path / "t.xlsx"), TOWNCENTRE_DB=str(unused)
    )
    assert template.returncode == 0 and (tmp_path / "t.xlsx").exists()
    assert not unused.exists()


# --- upgrade -----------------------------------------------------------------------------------------


def test_a_demo_database_at_0002_upgrades_keeps_its_rows_and_gets_the_list(tmp_path: Path) -> None:
    from db_helpers import database_from_dump

    path = database_from_dump("schema-0002-demo.sql", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    db = Database.open(path)
    try:
        assert db.last_backup is not None
        assert matter_exchange.ensure_default_list(db) is True
        assert matter_exchange.ensure_default_list(db) is False, "only once"
        counts = matters.counts(db)
        assert counts["matter_items"] >= 200 and counts["departments"] >= 30
        with db.reading() as session:
            origin = session.scalar(select(MatterItem.origin_town).limit(1))
        assert origin == "330127000000"
    finally:
        db.close()
    assert not lost_rows(before, path)
    assert len(dump_tables(path)["matter_item"]) >= 200
