"""The 考勤 tab's machine-file import as an operator goes through it: a file whose columns the program
does not know is mapped once, an unknown number is enrolled to a new worker and the cleaner's punches
skipped (the count shown), the next file from the machine imports without asking; a manager forgets the
kept mapping; a desk punch is shown for confirmation (Enter saves, Esc goes back)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from db_helpers import FakeClock, resident_id
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal

from desktop.db import Database
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.workforce import attendance, roster
from desktop.services.workforce import attendance_columns as columns
from desktop.services.workforce.grids import CENTRE_POST
from desktop.services.workforce.roster import WorkerInput
from desktop.views import file_dialogs
from desktop.views.duty.dialogs import PinDialog, PunchDialog
from desktop.views.duty.page import DutyPage
from desktop.views.duty.punch_files import MappingDialog, SavedMappingsDialog, UnknownNumbersDialog

NOW = datetime(2026, 5, 12, 12, 0, tzinfo=UTC)  # 20:00 in the town
HEADER = "序号,登记号,人员,刷卡日期,刷卡时间,设备\n"


def centre_worker(db: Database, name: str, seq: int) -> str:
    post_id = roster.add_worker_post(
        db,
        SYSTEM_ACTOR,
        WorkerInput(
            name, resident_id(f"330127198703{seq % 28 + 1:02d}{seq:03d}"), CENTRE_POST, date(2020, 1, 1)
        ),
    )
    return next(r.person_id for r in roster.centre_staff(db, SYSTEM_ACTOR) if r.post_id == post_id)


def may_punches(db: Database, person: str) -> list[datetime]:
    return [p.at for p in attendance.punches(db, SYSTEM_ACTOR, person, date(2026, 5, 1), date(2026, 5, 31))]


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def open_page(qtbot: QtBot, db: Database, actor: Actor) -> DutyPage:
    page = DutyPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    page.tabs.setCurrentIndex(1)
    return page


def test_an_odd_file_is_mapped_once_its_unknown_numbers_settled_and_the_next_file_goes_straight_in(
    qtbot: QtBot,
    demo_db: Database,
    login_as: Callable[[str], Actor],
    message_boxes: MessageBoxes,
    monkeypatch: object,
    tmp_path: Path,
) -> None:
    demo_db.clock = FakeClock(NOW)
    known, newcomer = centre_worker(demo_db, "郑在册", 301), centre_worker(demo_db, "郑新来", 302)
    attendance.set_pin(demo_db, SYSTEM_ACTOR, known, "31")
    first = tmp_path / "刷卡记录.csv"
    first.write_bytes(
        (
            HEADER + "1,31,郑在册,2026/05/06,08:12,1\n2,77,ZXL,2026/05/06,08:20,1\n"
            "3,95,保洁,2026/05/06,06:01,1\n4,95,保洁,2026/05/06,18:30,1\n"
        ).encode("gbk")
    )
    chosen = [first]
    monkeypatch.setattr(file_dialogs, "open_path", lambda *_a: str(chosen[0]))  # type: ignore[attr-defined]
    page = open_page(qtbot, demo_db, login_as("zhuren"))

    def settle(dialog: QWidget) -> None:
        assert isinstance(dialog, UnknownNumbersDialog)
        assert [(u.pin, u.punches, u.names) for u in dialog.unknown] == [
            ("95", 2, ("保洁",)),
            ("77", 1, ("ZXL",)),
        ]
        assert "跳过 2 个号码的 3 条打卡" in dialog.skip_note.text()
        picker = dialog.pickers[1]
        picker.setCurrentIndex(picker.findText("郑新来", Qt.MatchFlag.MatchStartsWith))
        assert "跳过 1 个号码的 2 条打卡" in dialog.skip_note.text()
        dialog.ok_button.click()

    def map_columns(dialog: QWidget) -> None:
        assert isinstance(dialog, MappingDialog)
        assert cell(dialog.sample, 0, 3) == "2026/05/06"  # the operator sees the file's rows
        assert dialog.order.currentData() == columns.YMD  # detected: year first
        # Recognised by their cells: numbers that are not 1, 2, 3…, dates, times; 序号 is not the number.
        chosen = [box.currentData() for box in (dialog.pin, dialog.name, dialog.moment, dialog.time)]
        assert chosen == [1, -1, 3, 4]
        dialog.time.setCurrentIndex(dialog.time.findData(3))
        dialog.ok_button.click()  # 刷卡日期 twice: refused, the message under the field set wrong
        assert dialog.isVisible() and "同一列" in dialog.form.errors["time"].text()
        assert dialog.form.errors["pin"].isHidden()
        dialog.time.setCurrentIndex(dialog.time.findData(4))
        assert dialog.form.errors["time"].isHidden()
        dialog.name.setCurrentIndex(dialog.name.findData(2))
        when_modal(settle, of_type=UnknownNumbersDialog)
        dialog.ok_button.click()

    when_modal(map_columns, of_type=MappingDialog)
    page.buttons["import"].click()
    qtbot.waitUntil(lambda: bool(message_boxes.texts("information")), timeout=20000)
    assert message_boxes.texts("information") == [
        "文件 4 条：新增 2 条，跳过未登记号码 95 的 2 条。\n新登记：77 → 郑新来"
    ]
    assert may_punches(demo_db, newcomer) == [datetime(2026, 5, 6, 8, 20)]
    assert attendance.pins(demo_db, SYSTEM_ACTOR)[newcomer] == "77"
    qtbot.waitUntil(lambda: page.buttons["import"].isEnabled(), timeout=10000)

    # The next file from the machine: the same header, no question asked.
    second = tmp_path / "刷卡记录-2.csv"
    second.write_bytes((HEADER + "1,31,郑在册,2026/05/07,08:02,1\n").encode("gbk"))
    chosen[0] = second
    page.buttons["import"].click()
    qtbot.waitUntil(lambda: len(message_boxes.texts("information")) == 2, timeout=20000)
    assert message_boxes.texts("information")[1] == "文件 1 条：新增 1 条。"  # nothing seen before: not said
    assert may_punches(demo_db, known) == [datetime(2026, 5, 6, 8, 12), datetime(2026, 5, 7, 8, 2)]

    # A manager forgets the kept mapping: the list empties, and the next such file asks again.
    qtbot.waitUntil(lambda: page.buttons["import"].isEnabled(), timeout=10000)
    dialog = SavedMappingsDialog(demo_db, login_as("zhuren"), page)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and "登记号" in cell(dialog.table, 0, 3)
    assert (
        cell(dialog.table, 0, 2) == "工号=2，姓名=3，日期=4，时间=5" and cell(dialog.table, 0, 1) == "zhuren"
    )
    dialog.table.selectRow(0)
    dialog.forget.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10000)
    assert columns.saved_mappings(demo_db, SYSTEM_ACTOR) == []
    assert page.buttons["mappings"].isVisibleTo(page)


def punch_dialog(qtbot: QtBot, db: Database, actor: Actor, person_name: str, at: datetime) -> PunchDialog:
    people = attendance.workers(db, actor, date(2026, 5, 1), date(2026, 5, 31))
    dialog = PunchDialog(db, actor, people, datetime(2026, 5, 12, 20, 0), correction=False)
    qtbot.addWidget(dialog)
    dialog.person.setCurrentIndex(dialog.person.findText(person_name, Qt.MatchFlag.MatchStartsWith))
    dialog.at.setDateTime(
        QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute), QTimeZone.utc())
    )
    dialog.show()
    return dialog


def test_a_desk_punch_shows_what_will_be_stored_esc_goes_back_and_enter_saves(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], real_questions: None
) -> None:
    demo_db.clock = FakeClock(NOW)
    person = centre_worker(demo_db, "郑前台", 303)
    dialog = punch_dialog(qtbot, demo_db, login_as("zhuren"), "郑前台", datetime(2026, 5, 11, 8, 25))
    shown: list[str] = []

    def answer(key: Qt.Key) -> Callable[[QWidget], None]:
        def press(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            shown.append(box.text())
            qtbot.keyClick(box, key)

        return press

    when_modal(answer(Qt.Key.Key_Escape))
    dialog.ok_button.click()
    assert dialog.isVisible() and may_punches(demo_db, person) == []  # back at the form, nothing stored
    assert all(part in shown[0] for part in ("郑前台", "2026-05-11", "08:25", "签到"))

    when_modal(answer(Qt.Key.Key_Return))
    dialog.ok_button.click()
    assert not dialog.isVisible() and may_punches(demo_db, person) == [datetime(2026, 5, 11, 8, 25)]
    assert QApplication.activeModalWidget() is None


def test_a_correction_request_is_not_asked_twice(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    demo_db.clock = FakeClock(NOW)
    centre_worker(demo_db, "郑补签", 304)
    people = attendance.workers(demo_db, SYSTEM_ACTOR, date(2026, 5, 1), date(2026, 5, 31))
    dialog = PunchDialog(demo_db, login_as("zhuren"), people, datetime(2026, 5, 12, 9, 0), correction=True)
    qtbot.addWidget(dialog)
    dialog.person.setCurrentIndex(dialog.person.findText("郑补签", Qt.MatchFlag.MatchStartsWith))
    dialog.reason.setText("忘记打卡")
    dialog.show()
    dialog.ok_button.click()
    assert not dialog.isVisible() and message_boxes.shown == []  # a 补签 is approved later: no question


def select_worker(page: DutyPage, person: str) -> None:
    rows = page.sheet_model.rows
    at = next(i for i, r in enumerate(rows) if r.person_id == person)
    page.sheet_view.setCurrentIndex(page.sheet_model.index(at, 0))


def test_the_number_and_desk_punch_dialogs_open_on_the_selected_worker_and_a_new_number_replaces_the_old(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    demo_db.clock = FakeClock(NOW)
    feng, zhu = centre_worker(demo_db, "冯号码", 305), centre_worker(demo_db, "朱号码", 306)
    attendance.set_pin(demo_db, SYSTEM_ACTOR, feng, "101")
    page = open_page(qtbot, demo_db, login_as("zhuren"))
    row = next(r for r in page.sheet_model.rows if r.person_id == feng)
    pin_column = page.sheet_model.headers.index("考勤号码")
    assert page.sheet_model.value(row, pin_column) == "101"  # the numbers are in the table

    def type_number(number: str, expect_person: str, expect_current: str) -> Callable[[QWidget], None]:
        def fill(dialog: QWidget) -> None:
            assert isinstance(dialog, PinDialog)
            assert dialog.person.currentData() == expect_person
            assert dialog.current.text() == expect_current and dialog.pin.text() == ""
            qtbot.keyClicks(dialog.pin, number)
            dialog.ok_button.click()

        return fill

    select_worker(page, zhu)
    when_modal(type_number("102", zhu, "（未登记）"), of_type=PinDialog)
    page.buttons["pin"].click()
    assert attendance.pins(demo_db, SYSTEM_ACTOR) == {feng: "101", zhu: "102"}
    assert message_boxes.texts("question") == []  # a first number is not a change: nothing asked
    qtbot.waitUntil(lambda: page.status.text() == "已保存。", timeout=10000)

    select_worker(page, feng)

    def change(dialog: QWidget) -> None:
        type_number("103", feng, "101")(dialog)
        assert isinstance(dialog, PinDialog)
        assert dialog.isVisible() and attendance.pins(demo_db, SYSTEM_ACTOR)[feng] == "101"  # 否: kept
        message_boxes.answer = QMessageBox.StandardButton.Yes
        dialog.ok_button.click()

    message_boxes.answer = QMessageBox.StandardButton.No
    when_modal(change, of_type=PinDialog)
    page.buttons["pin"].click()
    assert message_boxes.texts("question") == ["冯号码现号码 101，改为 103？"] * 2
    assert attendance.pins(demo_db, SYSTEM_ACTOR)[feng] == "103"  # replaced, not "101103"

    qtbot.waitUntil(lambda: page.data is not None and page.data.pins.get(feng) == "103", timeout=10000)
    assert page._chosen_person() == feng  # the reload keeps the worker: the next dialog opens on them again
    select_worker(page, zhu)

    def check_person(dialog: QWidget) -> None:
        assert isinstance(dialog, PunchDialog)
        assert dialog.person.currentData() == zhu
        dialog.ok_button.click()  # confirmed (the question answered 是)

    page.status.setText("")
    when_modal(check_person, of_type=PunchDialog)
    page.buttons["punch"].click()
    assert may_punches(demo_db, zhu) == [datetime(2026, 5, 12, 20, 0)]
    qtbot.waitUntil(lambda: page.status.text() == "已保存。", timeout=10000)  # said, once it is stored


def test_a_file_without_a_header_is_offered_with_its_first_row_as_a_punch(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], tmp_path: Path
) -> None:
    from desktop.services.workforce.attendance_import import preview_file

    actor = login_as("zhuren")
    path = tmp_path / "无表头.csv"
    path.write_bytes("61,郑无头,2026-05-06 08:10:00\n61,郑无头,2026-05-06 17:40:00\n".encode())
    dialog = MappingDialog(preview_file(demo_db, actor, path))
    qtbot.addWidget(dialog)
    assert dialog.headless.isChecked() and dialog.headless.text() == "第一行就是打卡数据（文件没有表头）"
    assert dialog.sample.rowCount() == 2 and cell(dialog.sample, 0, 2) == "2026-05-06 08:10:00"
    assert [dialog.pin.currentData(), dialog.moment.currentData()] == [0, 2]
    dialog.name.setCurrentIndex(dialog.name.findData(1))
    dialog.ok_button.click()
    assert dialog.mapping == columns.ColumnMapping(0, 2, name=1, date_order=columns.YMD, no_header=True)
    dialog.headless.setChecked(False)  # the operator knows better: the first row is shown as the header
    assert dialog.sample.rowCount() == 1
