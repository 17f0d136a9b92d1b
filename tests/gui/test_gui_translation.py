"""Chinese by default, English through Qt's translation files; the shipped .qm matches the .ts."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock, resident_id
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Grid, GridWorker, MatterItem
from desktop.paths import resources_dir
from desktop.services import events, matters
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.assessment import scheme as schemes
from desktop.services.assessment import scoring
from desktop.services.events import (
    ATTACHMENT_KINDS,
    CHANNELS,
    OUTCOME_NOT_SOLVED,
    OUTCOME_SOLVED,
    URGENCIES,
    EventInput,
    State,
)
from desktop.services.events import workflow as flow
from desktop.services.events.queries import RED, SUPERVISED, YELLOW, my_work
from desktop.services.mediation import MEDIATOR_TITLES
from desktop.services.workforce import attendance, duty, grids, leave, roster
from desktop.services.workforce.grids import CENTRE_POST
from desktop.services.workforce.roster import WorkerInput
from desktop.views.assessment.page import AssessmentPage
from desktop.views.duty.dialogs import LeaveDialog
from desktop.views.duty.page import DutyPage
from desktop.views.events.detail_dialog import EventDetailDialog
from desktop.views.events.page import EventPage
from desktop.views.i18n import current_language, install_translator
from desktop.views.labels import WORDS
from desktop.views.main_window import MainWindow
from desktop.views.workforce.page import WorkforcePage

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def english() -> Iterator[None]:
    assert install_translator("en")
    yield
    install_translator("zh_CN")


def test_english_is_selectable(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], english: None
) -> None:
    assert current_language() == "en"
    window = MainWindow(demo_db, login_as("shouli"))
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[0] == "Events" and titles[-1] == "Administration"
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "Role: Intake operator" in texts
    assert "User: 陈晓燕" in texts


def _event(db: Database, channel: str, urgency: str) -> EventInput:
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        assert grid is not None and item is not None
    return EventInput(
        channel=channel, occurred_at=db.clock() - timedelta(hours=2), community_id=grid.community_id,
        grid_id=grid.id, matter_item_id=item, title="三号楼楼上漏水引发邻里争执",
        description="楼上住户卫生间漏水，楼下多次协商未果。", address="清溪路 18 号 3 幢",
        reporter_name="张建国", reporter_phone="13905711234", urgency=urgency,
    )  # fmt: skip


def test_the_event_list_shows_stored_words_in_the_interface_language(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], english: None
) -> None:
    """State, channel, urgency and supervision colour are stored in Chinese and shown translated."""
    operator = login_as("shouli")
    clock = FakeClock(datetime(2026, 11, 16, 1, tzinfo=UTC))  # a Monday, 09:00 in China
    demo_db.clock = clock
    late = events.create_event(demo_db, operator, _event(demo_db, "群众来访", "较急"))
    department = matters.list_departments(demo_db, SYSTEM_ACTOR)[0].code
    flow.dispatch(demo_db, operator, late.id, department_code=department)
    clock.advance(days=10)  # past the 3 working days of a 较急 event: red
    events.create_event(demo_db, operator, _event(demo_db, "来电", "一般"))

    def rows(page: EventPage) -> set[tuple[str, ...]]:
        model = page.model  # columns: channel, urgency, state, supervision colour
        return {tuple(model.index(r, c).data() for c in (2, 7, 8, 10)) for r in range(model.rowCount())}

    page = EventPage(demo_db, operator)
    qtbot.addWidget(page)
    assert rows(page) == {
        ("Walk-in visit", "Urgent", "Dispatched", "Red"),
        ("Phone call", "Normal", "Accepted", ""),
    }
    states = [page.state.itemText(i) for i in range(page.state.count())]
    assert "Pending acceptance" in states and "Escalated to county" in states
    assert "12345 hotline referral" in [page.channel.itemText(i) for i in range(page.channel.count())]
    page.channel.setCurrentIndex(page.channel.findData("来电"))
    assert rows(page) == {("Phone call", "Normal", "Accepted", "")}, (
        "the filter still matches the stored word"
    )
    qtbot.waitUntil(lambda: page.work.item_for("已超期") is not None, timeout=3000)
    overdue = page.work.item_for("已超期")
    assert overdue is not None and (overdue.text(0), overdue.text(1)) == ("Overdue", "1")
    detail = EventDetailDialog(demo_db, operator, late.id)
    qtbot.addWidget(detail)
    assert (
        detail.state_badge.text() == "Dispatched" and detail.info_values["Channel"].text() == "Walk-in visit"
    )

    install_translator("zh_CN")
    page = EventPage(demo_db, operator)
    qtbot.addWidget(page)
    assert rows(page) == {("群众来访", "较急", "已分拨", "红"), ("来电", "一般", "已受理", "")}
    assert "待受理" in [page.state.itemText(i) for i in range(page.state.count())]


def _stored_words_shown(model: QAbstractItemModel) -> set[str]:
    """Cells that show a stored word as the database keeps it (Chinese) instead of its label."""
    cells = (model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount()))
    return {cell for cell in cells if isinstance(cell, str) and cell in WORDS}


def test_the_workforce_pages_show_stored_words_in_the_interface_language(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], english: None
) -> None:
    """Shifts, duty roles, leave kinds and states, posts, sex and grades are stored in Chinese: the duty
    rota, the attendance sheet, the leave list, the roster and the assessment ranking show their labels."""
    demo_db.clock = FakeClock(datetime(2026, 12, 1, 2, tzinfo=UTC))  # 10:00 in China
    manager = login_as("zhuren")
    staff = [
        roster.add_worker_post(
            demo_db, SYSTEM_ACTOR,
            WorkerInput(name, resident_id(f"33012719800{i + 1}01001"), CENTRE_POST, date(2015, 1, 1)),
        )
        for i, name in enumerate(("值班甲", "值班乙", "值班丙"))
    ]  # fmt: skip
    with demo_db.reading() as session:
        people = {
            p.id: p.person_id for p in session.scalars(select(GridWorker).where(GridWorker.id.in_(staff)))
        }
    officers = [people[s] for s in staff]
    duty.generate_rota(
        demo_db, manager, date(2026, 12, 1), date(2026, 12, 31), officers=officers[:2], leaders=officers[2:],
        shifts=("白班", "夜班"),
    )  # fmt: skip
    leave.request_leave(
        demo_db, manager, leave.LeaveInput(officers[0], "病假", date(2026, 12, 7), date(2026, 12, 8), "发烧")
    )
    scoring.compute(demo_db, manager, scoring.MONTH, 2026, 11)

    duty_page = DutyPage(demo_db, manager)
    qtbot.addWidget(duty_page)
    qtbot.waitUntil(lambda: duty_page.data is not None, timeout=10000)
    assert duty_page.rota_model.rowCount() and duty_page.sheet_model.rowCount()
    assert duty_page.rota_model.index(0, 2).data() in ("Day shift", "Night shift")
    assert duty_page.leave_model.index(0, 2).data() == "Sick leave"
    workforce = WorkforcePage(demo_db, manager)
    qtbot.addWidget(workforce)
    assert workforce.worker_model.rowCount() and workforce.mediator_model.rowCount()
    assessment = AssessmentPage(demo_db, manager)
    qtbot.addWidget(assessment)
    qtbot.waitUntil(lambda: assessment.rank_model.rowCount() > 0, timeout=10000)
    grades = {assessment.rank_model.index(r, 2).data() for r in range(assessment.rank_model.rowCount())}
    assert grades <= {"Excellent", "Competent", "Basically competent", "Not competent"}
    models: dict[str, QAbstractItemModel] = {
        "rota": duty_page.rota_model, "attendance sheet": duty_page.sheet_model, "leave": duty_page.leave_model,
        "roster": workforce.worker_model, "mediators": workforce.mediator_model, "ranking": assessment.rank_model,
        "grids": assessment.grid_model,
    }  # fmt: skip
    shown = {name: words for name, model in models.items() if (words := _stored_words_shown(model))}
    assert shown == {}, "stored words shown as they are stored, not as their labels"
    leave_kinds = LeaveDialog(
        demo_db, manager, duty_page.data.people if duty_page.data else [], date(2026, 12, 1)
    )
    qtbot.addWidget(leave_kinds)
    assert leave_kinds.kind.itemText(0) == "Personal leave" and leave_kinds.kind.itemData(0) == "事假"


def test_every_stored_word_the_views_show_has_a_label(
    demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    """A new state, channel or bucket without an entry in desktop/views/labels.py would show untranslated."""
    buckets = my_work(demo_db, login_as("zhuren"))
    loops = {"微循环", "小循环", "大循环"}  # Event.loop, as the intake and the escalation write it
    stored = {
        *State, *CHANNELS, *URGENCIES, RED, YELLOW, SUPERVISED, OUTCOME_SOLVED, OUTCOME_NOT_SOLVED,
        *flow.SATISFACTION, *ATTACHMENT_KINDS, *(b.title for b in buckets), *(b.hint for b in buckets),
        *loops, "转人民调解",
        # the workforce and assessment pages' words
        *duty.SHIFTS, *duty.ROLES, *leave.KINDS, *leave.STATES, leave.LEVEL_SHORT, leave.LEVEL_LONG,
        attendance.MACHINE, attendance.DESK, attendance.CORRECTION, *grids.COMMUNITY_KINDS, *grids.GRID_KINDS,
        *grids.GRID_SUBTYPES, *grids.END_REASONS, *grids.ALL_POSTS, *schemes.GRADES, *schemes.GROUPS,
        *schemes.KINDS, *scoring.KINDS, scoring.DRAFT, scoring.CONFIRMED, scoring.PENDING, scoring.UPHELD,
        scoring.REJECTED, *(duty.weekday_label(date(2026, 11, d)) for d in range(16, 23)), *MEDIATOR_TITLES,
    }  # fmt: skip
    assert stored - WORDS == set()


def test_every_string_has_an_english_translation() -> None:
    tree = ET.parse(resources_dir() / "translations" / "towncentre_en.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if (t := m.find("translation")) is None or t.get("type") == "unfinished" or not (t.text or "").strip()
    ]
    assert unfinished == []


SCRIPT = ROOT / "scripts" / "update_translations.py"


def _load_translation_script() -> Any:
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_translations"] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    module = _load_translation_script()
    for fresh in module.release(tmp_path):
        shipped = resources_dir() / "translations" / fresh.name
        assert shipped.read_bytes() == fresh.read_bytes(), f"stale {fresh.name}: run {SCRIPT}"


def _messages(ts: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in tree.iter("context")
        for message in context.iter("message")
        if (t := message.find("translation")) is None or t.get("type") != "obsolete"
    }


def test_every_tr_string_in_the_code_is_in_the_ts(tmp_path: Path) -> None:
    """Re-extracts the strings from the code into a copy: a new tr() text must be translated first."""
    module = _load_translation_script()
    shipped = resources_dir() / "translations" / "towncentre_en.ts"
    copy = tmp_path / shipped.name
    copy.write_bytes(shipped.read_bytes())
    subprocess.run(
        [module.tool("lupdate"), "-silent", *map(str, module.SOURCES), "-ts", str(copy)], check=True
    )
    new = _messages(copy) - _messages(shipped)
    assert new == set(), f"untranslated strings; run scripts/update_translations.py: {sorted(new)}"


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_a_date_filter_left_at_any_date_opens_its_calendar_on_this_month_in_the_program_language(
    qtbot: QtBot,
) -> None:
    """The event list's 上报日期 boxes say 不限 (their earliest date): the calendar opened on January 2000
    in English on a PC without a Chinese locale (cold test 24). It opens on this month, chooses
    nothing by opening, and names months in the program's language."""
    from PySide6.QtCore import QDate, QLocale, QPoint, Qt
    from PySide6.QtGui import QFont

    from desktop.views.forms import DateField

    install_translator("zh_CN")
    field = DateField()
    qtbot.addWidget(field)
    field.setMinimumDate(QDate(2000, 1, 1))
    field.setSpecialValueText("不限")
    field.setDate(QDate(2000, 1, 1))
    field.show()
    qtbot.waitExposed(field)
    # a click on the arrow, as a person opens it
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 6, field.height() // 2))
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert field.date() == QDate(2000, 1, 1) and field.text() == "不限"
    assert calendar.locale().monthName(1) == "一月"
    assert QLocale().language() == QLocale.Language.Chinese
    # Today stands out (cold test 25): bold on light blue; no other day is marked.
    marked = calendar.dateTextFormat()
    assert list(marked) == [today] and marked[today].fontWeight() == QFont.Weight.Bold
    assert marked[today].background().color().name() == "#d9e6f7"
