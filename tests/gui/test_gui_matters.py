"""事项清单 through its widgets: tree and search, a town item, import with the diff, a bad file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal

from desktop.db import Database
from desktop.models.matter import SOURCE_TOWN
from desktop.services import matters
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.matters import exchange as matter_exchange
from desktop.services.matters.listfile import ITEM_HEADERS
from desktop.views.matters.departments_tab import DepartmentDialog
from desktop.views.matters.import_dialog import DiffDialog, FileErrorsDialog
from desktop.views.matters.item_dialog import ItemDialog
from desktop.views.matters.page import MatterPage


def page_for(qtbot: QtBot, db: Database, actor: Actor) -> MatterPage:
    page = MatterPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def test_tree_search_and_detail(qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]) -> None:
    page = page_for(qtbot, demo_db, login_as("shouli"))
    tab = page.list_tab
    root = tab.tree.topLevelItem(0)
    assert root is not None
    assert root.childCount() >= 6 and root.text(0).startswith("全部事项（")
    total = tab.model.rowCount()
    assert total >= 200
    assert tab.count_label.text() == f"共 {total} 个事项"
    assert "2026.1" in tab.version_label.text()
    assert not tab.new_button.isVisible(), "an operator reads the list but does not edit it"
    tab.search.setText("lljf")
    qtbot.waitUntil(lambda: tab.model.rowCount() < total, timeout=2000)
    names = [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]
    assert "邻里纠纷" in names
    assert "牵头部门" in tab.detail_view.toPlainText()
    # choosing a domain narrows the table to it
    tab.search.clear()
    domain = root.child(1)
    assert domain is not None
    tab.tree.setCurrentItem(domain)
    expected = int(domain.text(0).split("（")[1].rstrip("）"))
    qtbot.waitUntil(lambda: tab.model.rowCount() == expected, timeout=2000)


def test_manager_adds_a_town_item_and_sees_its_history(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_for(qtbot, demo_db, login_as("zhuren"))
    tab = page.list_tab

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, ItemDialog)
        assert widget.code.text().endswith("901"), "a free town code is suggested"
        widget.save()
        assert "请填写事项名称" in widget.form.error_for("name")
        widget.name.setText("江滨夜市摊点噪声")
        widget.lead.setCurrentIndex(0)
        widget.limit.setValue(5)
        widget.save()

    when_modal(fill)
    tab.new_button.click()
    detail = tab.detail
    assert detail is not None and detail.name == "江滨夜市摊点噪声" and detail.source == SOURCE_TOWN
    assert tab.edit_button.isEnabled() and tab.retire_button.isEnabled()

    monkeypatch.setattr(tab, "ask_reason", lambda: ("夜市取消", True))
    tab.retire_button.click()
    assert matters.get_item(demo_db, SYSTEM_ACTOR, detail.id).status == "已停用"


def test_county_items_cannot_be_edited_on_screen(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = page_for(qtbot, demo_db, login_as("zhuren"))
    tab = page.list_tab
    tab.table.selectRow(0)
    assert tab.detail is not None and tab.detail.source == "县级发布"
    assert not tab.edit_button.isEnabled() and not tab.retire_button.isEnabled()
    assert "只能查看" in tab.edit_button.toolTip()


def _newer_list(db: Database, path: Path) -> Path:
    matter_exchange.export_xlsx(db, SYSTEM_ACTOR, path)
    book = load_workbook(path)
    book["版本"]["B1"] = "2026.2"
    book["版本"]["B2"] = "2026-06-01"
    book["事项清单"].cell(row=2, column=ITEM_HEADERS.index("办理时限") + 1, value=2)
    book.save(path)
    return path


def test_import_shows_the_differences_then_applies(
    qtbot: QtBot,
    demo_db: Database,
    login_as: Callable[[str], Actor],
    tmp_path: Path,
    message_boxes: MessageBoxes,
) -> None:
    page = page_for(qtbot, demo_db, login_as("zhuren"))
    tab = page.list_tab
    path = _newer_list(demo_db, tmp_path / "new.xlsx")
    seen: dict[str, str] = {}

    def review(widget: QWidget) -> None:
        assert isinstance(widget, DiffDialog)
        seen["summary"] = widget.summary.text()
        seen["tab"] = widget.tabs.tabText(1)
        widget.apply_button.click()

    when_modal(review)
    tab.import_file(path)
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    assert "变更 1 项" in seen["summary"] and seen["tab"] == "变更 1"
    assert "2026.2" in message_boxes.texts("information")[-1]
    assert "2026.2" in tab.version_label.text()


def test_a_bad_file_lists_its_rows_and_changes_nothing(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], tmp_path: Path
) -> None:
    page = page_for(qtbot, demo_db, login_as("zhuren"))
    tab = page.list_tab
    path = _newer_list(demo_db, tmp_path / "bad.xlsx")
    book = load_workbook(path)
    book["事项清单"].cell(row=4, column=ITEM_HEADERS.index("牵头部门") + 1, value="不存在的部门")
    book.save(path)
    seen: dict[str, str] = {}

    def errors(widget: QWidget) -> None:
        assert isinstance(widget, FileErrorsDialog)
        seen["text"] = widget.text.toPlainText()
        widget.reject()

    when_modal(errors)
    tab.import_file(path)
    qtbot.waitUntil(lambda: "text" in seen, timeout=10_000)
    assert "“事项清单”第 4 行：未知部门：“不存在的部门”" in seen["text"]
    current = matters.current_version(demo_db)
    assert current is not None and current.version == "2026.1"
    assert tab.import_button.isEnabled()


def test_departments_tab_adds_a_town_department(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = page_for(qtbot, demo_db, login_as("zhuren"))
    tab = page.departments_tab
    first_kind = tab.model.item(0, 2).text()
    assert first_kind == "镇街内设机构", "town offices come first"
    before = tab.model.rowCount()

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, DepartmentDialog)
        widget.code.setText("ZJ99")
        widget.name.setText("清溪镇老年协会")
        widget.phone.setText("12345")
        widget.save()
        assert "电话号码格式不对" in widget.form.error_for("phone")
        widget.phone.setText("0571-64819999")
        widget.save()
        assert widget.result() == QDialog.DialogCode.Accepted

    when_modal(fill)
    tab.new_button.click()
    assert tab.model.rowCount() == before + 1
