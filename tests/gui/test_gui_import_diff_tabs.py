"""The matter list's import review opens where the changes are and says 「无」 where there are none."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from desktop.services.matters.exchange import FieldChange, ItemChange, ListDiff
from desktop.services.matters.listfile import VersionInfo
from desktop.views.matters.import_dialog import DiffDialog


def test_the_review_opens_on_the_first_tab_with_rows(qtbot: QtBot) -> None:
    changed = ItemChange("0101001", "邻里纠纷", (FieldChange("办理时限", "7", "2"),))
    diff = ListDiff(VersionInfo("2026.2", date(2026, 6, 1), "县综治中心"), "2026.1", changed=[changed])
    dialog = DiffDialog(diff)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["新增 0", "变更 1", "停用 0", "部门 0"]
    assert dialog.tabs.currentIndex() == 1, "opens on 变更, not on the empty 新增"
    shown = dialog.tabs.currentWidget()
    assert isinstance(shown, QTableWidget) and shown.item(0, 1).text() == "邻里纠纷"  # type: ignore[union-attr]
    for empty in (0, 2, 3):
        nothing = dialog.tabs.widget(empty)
        assert isinstance(nothing, QLabel) and nothing.text() == "无", titles[empty]


def test_a_review_with_nothing_opens_on_the_first_tab(qtbot: QtBot) -> None:
    dialog = DiffDialog(ListDiff(VersionInfo("2026.1", date(2026, 1, 1)), "2026.1"))
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentIndex() == 0 and not dialog.apply_button.isEnabled()
    assert all(isinstance(dialog.tabs.widget(i), QLabel) for i in range(dialog.tabs.count()))
