"""Mediation and event times on a PC whose clock is not set to China's zone: the default is the
database clock's "now" in the town's zone, what is typed is what comes back, and what is stored is UTC."""

from __future__ import annotations

import calendar
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time

import pytest
from db_helpers import FakeClock
from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import when_modal

from desktop.clock import format_local
from desktop.db import Database
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.views.forms import StepDialog
from desktop.views.mediation.page import MediationPage


def spring_forward_on(day: date) -> str:
    """A POSIX zone, UTC-5, whose daylight saving starts on `day` at 02:00: on that day the PC has no
    02:00-02:59, so a wall-clock time kept in the PC's zone would move."""
    julian = day.timetuple().tm_yday
    if calendar.isleap(day.year) and day.month > 2:
        julian -= 1  # Jn never counts 29 February
    return f"XST5XDT,J{julian}/2,J{julian + 30 if julian < 330 else 1}/2"


@pytest.fixture
def pc_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def set_zone(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def test_a_typed_time_is_shown_back_and_stored_as_utc(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], pc_zone: Callable[[str], None]
) -> None:
    actor = login_as("tiaojie")
    page = MediationPage(demo_db, actor)
    qtbot.addWidget(page)
    page.search.setText("物业")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    page.table.selectRow(0)
    assert page.case is not None
    day = page.case.received_on
    pc_zone(spring_forward_on(day))
    demo_db.clock = FakeClock(datetime.combine(day, dt_time(1, 0), tzinfo=UTC))  # 09:00 in China
    mediation.accept_case(demo_db, actor, page.case.id, day, "", page.case.ver)
    page.refresh(page.case.id)
    shown: list[str] = []

    def investigate(widget: QWidget) -> None:
        assert isinstance(widget, StepDialog)
        when = widget.form.fields["occurred_at"]
        assert isinstance(when, QDateTimeEdit)
        shown.append(when.dateTime().toString("yyyy-MM-dd HH:mm"))
        typed = QDateTime(when.dateTime().date(), QTime(2, 30), when.dateTime().timeZone())
        when.setDateTime(typed)
        shown.append(when.dateTime().toString("yyyy-MM-dd HH:mm"))
        place, subject = widget.form.fields["place"], widget.form.fields["subject"]
        record = widget.form.fields["record"]
        assert isinstance(place, QLineEdit) and isinstance(subject, QLineEdit)
        assert isinstance(record, QPlainTextEdit)
        place.setText("清溪社区调解室")
        subject.setText("物业公司")
        record.setPlainText("了解物业费争议的经过。")
        widget.save()

    when_modal(investigate)
    page.add_investigation()
    assert shown == [f"{day:%Y-%m-%d} 09:00", f"{day:%Y-%m-%d} 02:30"], "now in the town's zone; 02:30 stays"

    case = mediation.get_case(demo_db, actor, page.case.id)
    assert len(case.investigations) == 1
    saved = case.investigations[0].occurred_at
    assert saved == datetime.combine(day, dt_time(2, 30), tzinfo=UTC) - timedelta(hours=8)
    assert format_local(saved) == f"{day:%Y-%m-%d} 02:30", "reopened, it shows what was typed"
    with sqlite3.connect(demo_db.path) as raw:
        stored = raw.execute(
            "SELECT occurred_at FROM mediation_investigation WHERE case_id = ?", (case.id,)
        ).fetchall()
    assert [str(v)[:16] for (v,) in stored] == [f"{saved:%Y-%m-%d %H:%M}"], "stored as UTC"


def test_the_event_intake_keeps_a_typed_time_on_a_pc_in_another_zone(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], pc_zone: Callable[[str], None]
) -> None:
    """The intake's 发生时间 holds China's wall clock the same way: 02:30 on the PC's spring-forward day
    stays 02:30 and is stored as 18:30 UTC the day before."""
    from desktop.views.events.common import from_edit
    from desktop.views.events.intake_dialog import IntakeDialog

    day = date(2026, 3, 8)
    pc_zone(spring_forward_on(day))
    demo_db.clock = FakeClock(datetime.combine(day, dt_time(1, 0), tzinfo=UTC))  # 09:00 in China
    dialog = IntakeDialog(demo_db, login_as("shouli"))
    qtbot.addWidget(dialog)
    when = dialog.occurred_at
    assert when.dateTime().toString("yyyy-MM-dd HH:mm") == f"{day:%Y-%m-%d} 09:00", "now, China time"
    when.setDateTime(QDateTime(when.dateTime().date(), QTime(2, 30), when.dateTime().timeZone()))
    assert when.dateTime().toString("yyyy-MM-dd HH:mm") == f"{day:%Y-%m-%d} 02:30"
    assert from_edit(when) == datetime.combine(day, dt_time(2, 30), tzinfo=UTC) - timedelta(hours=8)
