"""The 值班考勤 page: a manager generates the month's rota from the centre staff, sees the attendance
sheet, and a leave request goes through its approval; a reader sees the lists without the buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from db_helpers import FakeClock, resident_id
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import when_modal

from desktop.db import Database
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.workforce import attendance, roster
from desktop.services.workforce.grids import CENTRE_POST
from desktop.services.workforce.roster import WorkerInput
from desktop.views.duty.dialogs import DecisionDialog, GenerateDialog, LeaveDialog
from desktop.views.duty.page import DutyPage

NOW = datetime(2026, 5, 12, 2, 0, tzinfo=UTC)


def open_page(qtbot: QtBot, db: Database, actor: Actor) -> DutyPage:
    page = DutyPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    return page


def test_a_manager_generates_the_rota_and_approves_leave_from_the_page(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    demo_db.clock = FakeClock(NOW)
    for i, name in enumerate(("值班甲", "值班乙", "值班丙")):
        roster.add_worker_post(
            demo_db,
            SYSTEM_ACTOR,
            WorkerInput(name, resident_id(f"33012719800{i + 1}01001"), CENTRE_POST, date(2015, 1, 1)),
        )
    page = open_page(qtbot, demo_db, login_as("zhuren"))
    assert page.month_label.text() == "2026年5月"
    assert page.sheet_model.rows, "the town's workers are on the sheet"

    def fill_rota(dialog: QWidget) -> None:
        assert isinstance(dialog, GenerateDialog)
        assert dialog.officers.count() == 3
        dialog.ok_button.click()

    when_modal(fill_rota)
    page.buttons["generate"].click()
    qtbot.waitUntil(lambda: len(page.rota_model.rows) == 31, timeout=10000)
    names = {page.rota_model.value(r, 4) for r in page.rota_model.rows}
    assert names == {"值班甲", "值班乙", "值班丙"}

    page.tabs.setCurrentIndex(2)

    def fill_leave(dialog: QWidget) -> None:
        assert isinstance(dialog, LeaveDialog)
        dialog.person.setCurrentIndex(dialog.person.findText("值班甲", Qt.MatchFlag.MatchStartsWith))
        dialog.kind.setCurrentIndex(dialog.kind.findData("病假"))
        dialog.reason.setText("发烧")
        dialog.ok_button.click()

    when_modal(fill_leave)
    page.buttons["request_leave"].click()
    qtbot.waitUntil(lambda: len(page.leave_model.rows) == 1, timeout=10000)
    assert page.leave_model.value(page.leave_model.rows[0], 0) == "申请"
    page.leave_view.selectRow(0)

    def approve(dialog: QWidget) -> None:
        assert isinstance(dialog, DecisionDialog)
        assert "值班甲 病假" in dialog.intro.text()
        dialog.ok_button.click()

    when_modal(approve)
    page.buttons["decide_leave"].click()
    qtbot.waitUntil(lambda: page.leave_model.value(page.leave_model.rows[0], 0) == "批准", timeout=10000)

    page.move_month(-1)
    qtbot.waitUntil(lambda: page.data is not None and page.data.sheet.month == 4, timeout=10000)
    assert page.month_label.text() == "2026年4月" and page.rota_model.rows == []


def test_a_reader_sees_the_month_without_the_buttons_that_change_it(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    demo_db.clock = FakeClock(NOW)
    page = open_page(qtbot, demo_db, login_as("chakan"))
    hidden = (
        "generate",
        "add_entry",
        "swap",
        "decide_swap",
        "import",
        "punch",
        "request_leave",
        "decide_leave",
    )
    assert all(page.buttons[k].isHidden() for k in hidden)  # hidden, not only on a tab out of view
    assert not page.buttons["print_rota"].isHidden() and not page.buttons["print_sheet"].isHidden()
    assert page.sheet_model.rows and page.scope.currentText() == attendance.WHOLE_TOWN


def test_the_rota_preview_names_the_month_without_a_record_version(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    from desktop.views.mediation.preview import PrintPreviewDialog

    preview = PrintPreviewDialog(demo_db, login_as("chakan"), "duty-rota", "2026-05")
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.document is not None, timeout=20000)
    assert preview.summary == "2026-05，共 1 页"
