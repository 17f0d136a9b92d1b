"""Background work and change notices: one writer, waited for on quit; the default failure path; a step
taken in one window refreshing the pages that show what it changed."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal
from sqlalchemy import select

from desktop.app import close_down
from desktop.db import Database
from desktop.models import Grid, MatterItem
from desktop.services import events, mediation
from desktop.services.accounts.permissions import Actor
from desktop.services.events import EventInput
from desktop.services.events import workflow as flow
from desktop.services.events.queries import get_event
from desktop.services.mediation import PartyInput
from desktop.services.people.persons import PersonInput
from desktop.views import crash, tasks
from desktop.views.events.detail_dialog import EventDetailDialog
from desktop.views.events.page import EventPage
from desktop.views.forms import StepDialog
from desktop.views.main_window import MainWindow
from desktop.views.mediation.dialogs import NewCaseDialog
from desktop.views.mediation.page import MediationPage

LoginAs = Callable[[str], Actor]


@pytest.fixture
def db(demo_db: Database) -> Database:
    demo_db.clock = FakeClock(datetime(2026, 11, 16, 1, tzinfo=UTC))  # Monday 09:00 in China
    return demo_db


def a_dispute(db: Database, actor: Actor, title: str, *, dispute: bool = True) -> str:
    """A 邻里纠纷 event (domain 02, so it may become a mediation case), accepted on registration; with
    `dispute=False`, an event of another domain."""
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item = session.scalar(
            select(MatterItem.id).where(MatterItem.name == "邻里纠纷")
            if dispute
            else select(MatterItem.id).where(~MatterItem.code.startswith("02")).order_by(MatterItem.code)
        )
        assert grid is not None and item is not None
        community, grid_id = grid.community_id, grid.id
    data = EventInput(
        channel="网格员上报", occurred_at=db.clock() - timedelta(hours=2), community_id=community, grid_id=grid_id,
        matter_item_id=item, title=title, description="楼上住户卫生间漏水，楼下多次协商未果。",
        address="清溪路 18 号 3 幢", reporter_name="张建国", reporter_phone="13905711234",
    )  # fmt: skip
    return events.create_event(db, actor, data).id


def reminders(path: Path, event_id: str) -> list[str]:
    """The 催办 notes of an event, read from the file itself (not through the program's engine)."""
    with sqlite3.connect(path) as raw:
        rows = raw.execute(
            "SELECT note FROM event_action WHERE event_id = ? AND kind = '催办' ORDER BY at", (event_id,)
        ).fetchall()
    return [note for (note,) in rows]


# --- the writer -----------------------------------------------------------------------------------------


def test_the_writer_runs_writes_one_after_the_other(qtbot: QtBot, db: Database, login_as: LoginAs) -> None:
    operator = login_as("shouli")
    event_id = a_dispute(db, operator, "单线程写入测试")
    flow.dispatch(db, operator, event_id, department_code=_department(db))
    spans: dict[str, tuple[float, float, int]] = {}
    finished: list[str] = []

    def timed(name: str, write: bool) -> Callable[[Any], str]:
        def work(_progress: Any) -> str:
            start = time.monotonic()
            time.sleep(0.3)  # long enough that two threads would overlap
            if write:
                flow.remind(db, operator, event_id, f"催办{name}")
            else:
                get_event(db, operator, event_id)
            spans[name] = (start, time.monotonic(), threading.get_ident())
            return name

        return work

    assert tasks.writer_pool().maxThreadCount() == 1
    for name in ("甲", "乙"):
        tasks.run_write(timed(name, True), finished.append)
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=10000)
    first, second = spans["甲"], spans["乙"]
    assert finished == ["甲", "乙"], "in the order they were started"
    assert second[0] >= first[1], "the second write began only after the first had ended"
    assert first[2] == second[2], "on the same thread"
    assert reminders(db.path, event_id) == ["催办甲", "催办乙"]

    # The same measure sees two reads overlap: they have a pool of several threads.
    for name in ("丙", "丁"):
        tasks.run_read(timed(name, False), finished.append)
    qtbot.waitUntil(lambda: len(finished) == 4, timeout=10000)
    (c_start, c_end, _c), (d_start, d_end, _d) = spans["丙"], spans["丁"]
    assert max(c_start, d_start) < min(c_end, d_end)


def test_quitting_waits_for_a_running_write(qtbot: QtBot, db: Database, login_as: LoginAs) -> None:
    operator = login_as("shouli")
    event_id = a_dispute(db, operator, "退出时等待写入")
    flow.dispatch(db, operator, event_id, department_code=_department(db))
    ended: list[float] = []

    def slow_write(_progress: Any) -> None:
        time.sleep(0.5)
        flow.remind(db, operator, event_id, "退出前的催办")
        ended.append(time.monotonic())

    tasks.run_write(slow_write)
    started = time.monotonic()
    close_down(db)  # what run_gui does after the event loop returns
    closed = time.monotonic()
    assert ended and ended[0] <= closed, "the write finished before the database was closed"
    assert closed - started >= 0.4
    assert reminders(db.path, event_id) == ["退出前的催办"]


def _department(db: Database) -> str:
    from desktop.services import matters
    from desktop.services.accounts.permissions import SYSTEM_ACTOR

    return matters.list_departments(db, SYSTEM_ACTOR)[0].code


# --- the default failure path ---------------------------------------------------------------------------


def test_a_user_error_from_background_work_is_a_message(
    qtbot: QtBot, db: Database, login_as: LoginAs, message_boxes: MessageBoxes
) -> None:
    operator = login_as("shouli")
    tasks.run_read(lambda _p: get_event(db, operator, "no-such-event"))
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=5000)
    assert message_boxes.texts("warning") == ["找不到该事件。"]


def test_a_bug_in_background_work_opens_the_crash_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageBoxes
) -> None:
    hook = crash.ExceptionHook(tmp_path / "logs" / "towncentre.log")
    monkeypatch.setattr(sys, "excepthook", hook)  # as app.py installs it
    seen: list[str] = []

    def inspect(widget: QWidget) -> None:
        assert isinstance(widget, crash.CrashDialog)
        seen.append(widget.details.toPlainText())
        widget.continue_button.click()

    def broken(_progress: Any) -> None:
        raise RuntimeError("统计时除以零")

    when_modal(inspect)
    tasks.run_read(broken)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "RuntimeError: 统计时除以零" in seen[0] and "broken" in seen[0], "with the worker's traceback"
    assert message_boxes.shown == [], "a bug is not a plain message"


# --- pages refresh from what a step changed -------------------------------------------------------------


def my_work_count(page: EventPage, title: str) -> str:
    entry = page.work.item_for(title)
    return entry.text(1) if entry is not None else ""


def test_a_step_in_the_detail_dialog_updates_my_work_on_the_events_page(
    qtbot: QtBot, db: Database, login_as: LoginAs
) -> None:
    operator = login_as("shouli")
    event_id = a_dispute(db, operator, "待办计数随分拨变化")
    window = MainWindow(db, operator)
    qtbot.addWidget(window)
    page = window.show_page("events")
    assert isinstance(page, EventPage)
    window.show()
    qtbot.waitUntil(lambda: my_work_count(page, "待分拨") != "", timeout=5000)
    waiting = int(my_work_count(page, "待分拨"))
    assert waiting >= 1
    page.search.setText("待办计数随分拨变化")
    page.apply_filter()
    assert page.model.rowCount() == 1
    seen: dict[str, Any] = {}

    def dispatch(widget: QWidget) -> None:
        assert isinstance(widget, StepDialog)
        widget.save()  # the item's lead department is proposed

    def in_detail(widget: QWidget) -> None:
        assert isinstance(widget, EventDetailDialog)
        when_modal(dispatch)
        widget.step_buttons["分拨"].click()
        # The page behind the still-open dialog has caught up, without anyone pressing 刷新.
        qtbot.waitUntil(lambda: my_work_count(page, "待分拨") == str(waiting - 1), timeout=5000)
        row = page.model.row_at(0)
        seen["state"] = row.state if row is not None else ""
        widget.accept()

    when_modal(in_detail)
    page.open_event(0)
    assert seen["state"] == "已分拨"
    assert get_event(db, operator, event_id).state == "已分拨"


def test_a_case_made_from_an_event_appears_in_the_mediation_list(
    qtbot: QtBot, db: Database, login_as: LoginAs
) -> None:
    event_id = a_dispute(db, login_as("shouli"), "楼道堆物转调解")
    mediator = login_as("tiaojie")  # may see events and register mediation cases
    window = MainWindow(db, mediator)
    qtbot.addWidget(window)
    cases = window.show_page("mediation")
    assert isinstance(cases, MediationPage)
    before = cases.model.rowCount()
    page = window.show_page("events")
    assert isinstance(page, EventPage)
    window.show()
    page.search.setText("楼道堆物转调解")
    page.apply_filter()
    assert page.model.rowCount() == 1
    listed: list[str] = []

    def register(widget: QWidget) -> None:
        assert isinstance(widget, NewCaseDialog)
        assert widget.source.currentText() == mediation.SOURCE_EVENT and not widget.source.isEnabled()
        assert widget.summary.toPlainText() == "楼上住户卫生间漏水，楼下多次协商未果。"
        assert widget.dispute_type.currentText() == "邻里", "from the event's 邻里纠纷 (cold test 27)"
        widget.append_party(PartyInput(side=1, person=PersonInput(name="张建国", phone="13905711234")))
        widget.append_party(PartyInput(side=2, person=PersonInput(name="李梅", phone="13800001111")))
        widget.mediators.item(0).setCheckState(Qt.CheckState.Checked)
        widget.save()

    def in_detail(widget: QWidget) -> None:
        assert isinstance(widget, EventDetailDialog)
        button = widget.mediation_button
        assert button is not None
        when_modal(register)
        button.click()
        # Still inside the event's dialog: the mediation page already lists the new case.
        listed.extend(cases.model.item(r, 0).text() for r in range(cases.model.rowCount()))
        assert widget.mediation_button is None, "one referral per event"
        last = widget.timeline.item(widget.timeline.rowCount() - 1, 1)
        assert last is not None and last.text() == "转人民调解"
        widget.accept()

    when_modal(in_detail)
    page.open_event(0)
    detail = get_event(db, mediator, event_id)
    assert len(detail.mediation_cases) == 1
    _case_id, number, _status = detail.mediation_cases[0]
    assert len(listed) == before + 1 and number in listed


def test_the_referral_button_is_only_offered_for_disputes(
    qtbot: QtBot, db: Database, login_as: LoginAs
) -> None:
    operator, mediator = login_as("shouli"), login_as("tiaojie")
    dispute = a_dispute(db, operator, "邻里纠纷可转调解")
    other = a_dispute(db, operator, "不属于矛盾纠纷的事件", dispute=False)
    # an operator does not register cases; an event outside 矛盾纠纷 cannot become one
    for actor, event_id, offered in (
        (mediator, dispute, True),
        (operator, dispute, False),
        (mediator, other, False),
    ):
        dialog = EventDetailDialog(db, actor, event_id)
        qtbot.addWidget(dialog)
        assert (dialog.mediation_button is not None) is offered, (actor.username, event_id)


@pytest.fixture
def held_window(qtbot: QtBot) -> Iterator[QWidget]:
    """A window built while background reads are held (as app.Session holds them), released afterwards
    whatever the test did."""
    window = QWidget()
    qtbot.addWidget(window)
    tasks.hold()
    try:
        yield window
    finally:
        tasks.release_held()


def test_work_asked_for_while_the_first_window_is_built_starts_once_it_has_painted(
    qtbot: QtBot, held_window: QWidget
) -> None:
    """app.Session holds 我的待办's counts until the main window has painted (issue 18): the window
    comes first, and its counts follow."""
    ran: list[str] = []
    tasks.run_read(lambda _progress: "counted", ran.append)
    tasks.release_when_painted(held_window, longest_ms=60_000)
    qtbot.wait(200)
    assert ran == []
    held_window.show()
    qtbot.waitUntil(lambda: ran == ["counted"], timeout=5000)


def test_held_work_starts_even_if_the_window_never_paints(qtbot: QtBot, held_window: QWidget) -> None:
    """A window started minimized never paints; what it asked for still runs."""
    ran: list[str] = []
    tasks.run_read(lambda _progress: "counted", ran.append)
    tasks.release_when_painted(held_window, longest_ms=300)
    qtbot.waitUntil(lambda: ran == ["counted"], timeout=5000)


def test_held_reads_are_dropped_with_a_window_closed_before_it_painted_and_writes_never_wait(
    qtbot: QtBot, held_window: QWidget
) -> None:
    """Reads held for a window that closes unpainted (a restore that opens another database) must not
    run later against a database already closed; a write is never held, so none is lost, and a read
    that is not the window's (the daily backup's check) still runs (cold test 27)."""
    page = QWidget(held_window)
    ran: list[str] = []
    tasks.run_read(lambda _progress: "counted", ran.append, parent=page)
    tasks.run_read(lambda _progress: "backup checked", ran.append)
    tasks.run_write(lambda _progress: "saved", ran.append)
    tasks.release_when_painted(held_window, longest_ms=300)
    qtbot.waitUntil(lambda: ran == ["saved"], timeout=5000)
    held_window.close()
    qtbot.waitUntil(lambda: ran == ["saved", "backup checked"], timeout=5000)
    qtbot.wait(600)  # past the longest hold
    assert ran == ["saved", "backup checked"]
