"""The 巡查走访 tab of the 值班考勤 page: a manager sees who is behind the norm this month, records a
patrol from the keyboard (a missing route is marked and nothing is saved) and a visit, and the lists
follow; a reader sees the lists without the buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from db_helpers import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import when_modal

from desktop.db import Database
from desktop.services.accounts.permissions import Actor
from desktop.views.duty.page import DutyPage
from desktop.views.duty.patrols import PatrolDialog, PatrolTab, VisitDialog

NOW = datetime(2026, 5, 12, 2, 0, tzinfo=UTC)  # Tuesday 12 May 2026, 10:00 in China


def open_tab(qtbot: QtBot, db: Database, actor: Actor) -> tuple[DutyPage, PatrolTab]:
    db.clock = FakeClock(NOW)
    page = DutyPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.patrol_tab)
    tab = page.patrol_tab
    qtbot.waitUntil(lambda: tab.data is not None, timeout=10000)
    return page, tab


def test_a_manager_sees_who_is_behind_and_records_a_patrol_and_a_visit(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page, tab = open_tab(qtbot, demo_db, login_as("zhuren"))
    assert page.tabs.tabText(page.tabs.currentIndex()) == "巡查走访"
    assert tab.data is not None and tab.patrol_model.rows == []
    # Nobody patrolled in May yet: every full-time grid worker is behind. Six working days are due:
    # the 6th to the 12th less the weekend, with Saturday the 9th a make-up day (May Day: 1st–5th off).
    behind = tab.worker_model.rows
    assert len(behind) == 18 and all(r.patrol_days == 0 and r.working_days == 6 for r in behind)
    homes_behind = len(tab.household_model.rows)
    assert homes_behind > 0 and "未达标网格员 18 人" in tab.summary.text()
    worker = behind[0]

    def empty_route_then_fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PatrolDialog)
        dialog.person.setCurrentIndex(dialog.person.findText(worker.name, Qt.MatchFlag.MatchStartsWith))
        dialog.ok_button.click()
        assert dialog.isVisible(), "a patrol without a route is not saved"
        assert "请填写巡查路线" in dialog.form.errors["route"].text()
        dialog.route.setPlainText("东街—菜市场—1组")
        dialog.activateWindow()  # as the window system does for a dialog that opens; offscreen does not
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        # Tab leaves the route box (it does not type a tab); Ctrl+Enter saves from anywhere.
        dialog.route.setFocus()
        qtbot.keyClick(dialog.route, Qt.Key.Key_Tab)
        assert dialog.findings.hasFocus() and "\t" not in dialog.route.toPlainText()
        qtbot.keyClick(dialog.findings, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(empty_route_then_fill)
    tab.buttons["add_patrol"].click()
    qtbot.waitUntil(lambda: len(tab.patrol_model.rows) == 1, timeout=10000)
    row = tab.patrol_model.rows[0]
    assert (tab.patrol_model.value(row, 0), tab.patrol_model.value(row, 1)) == ("2026-05-12", "08:30–10:30")
    assert tab.patrol_model.value(row, 2) == worker.name
    again = next(r for r in tab.worker_model.rows if r.person_id == worker.person_id)
    assert again.patrol_days == 1

    household = tab.household_model.rows[0]

    def visit(dialog: QWidget) -> None:
        assert isinstance(dialog, VisitDialog)
        wanted = f"{household.grid_name} · {household.label}（{household.category}）"
        dialog.household.setCurrentIndex(dialog.household.findText(wanted))
        assert dialog.household.currentText() == wanted
        assert dialog.person.count() >= 1, "the workers of the household's grid"
        dialog.note.setText("身体状况稳定")
        dialog.ok_button.click()

    when_modal(visit)
    tab.buttons["add_visit"].click()
    qtbot.waitUntil(lambda: len(tab.visit_model.rows) == 1, timeout=10000)
    assert tab.visit_model.value(tab.visit_model.rows[0], 6) == "身体状况稳定"
    assert len(tab.household_model.rows) == homes_behind - 1

    page.move_month(-1)
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.month == 4, timeout=10000)
    assert tab.patrol_model.rows == [] and tab.visit_model.rows == []


def test_a_reader_sees_the_lists_without_the_buttons(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    _page, tab = open_tab(qtbot, demo_db, login_as("chakan"))
    assert all(button.isHidden() for button in tab.buttons.values())
    assert len(tab.worker_model.rows) == 18 and tab.household_model.rows
    # One grid chosen: its full-time worker and its households only, read from what is loaded.
    tab.grid_filter.setCurrentIndex(1)
    tab.grid_filter.activated.emit(1)
    grid = tab.grid_filter.currentData()
    assert [r.grids for r in tab.worker_model.rows] == [tab.grid_filter.currentText()]
    assert tab.household_model.rows and {r.grid_id for r in tab.household_model.rows} == {grid}
    assert "未达标网格员 1 人" in tab.summary.text()
