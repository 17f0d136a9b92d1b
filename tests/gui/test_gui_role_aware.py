"""What a reader sees depends on their role, and the program says so: the reporter's phone in the event
detail, its print and export; why there is no step to take; why a mediation button is disabled; the
print preview naming the record it shows; a page not built yet saying so in full."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from db_helpers import FakeClock
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import ValidationError
from desktop.models import Department, Grid, MatterItem
from desktop.paths import resources_dir
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.events import EventInput
from desktop.services.events import documents as event_documents
from desktop.services.events import workflow as flow
from desktop.services.events.export import export_events
from desktop.services.events.queries import EventFilter, Sort, get_event
from desktop.services.system.audit import AuditFilter
from desktop.views.admin.audit_tab import OBJECT_COLUMN, AuditTableModel
from desktop.views.events.detail_dialog import EventDetailDialog
from desktop.views.mediation.page import MediationPage
from desktop.views.mediation.preview import PrintPreviewDialog
from desktop.views.placeholder import PlaceholderPage

LoginAs = Callable[[str], Actor]
PHONE, REPEAT_PHONE = "13905711234", "13600001111"


@pytest.fixture
def db(demo_db: Database) -> Database:
    demo_db.clock = FakeClock(datetime(2026, 11, 16, 1, tzinfo=UTC))  # Monday 09:00 in China
    return demo_db


def reported_and_dispatched(db: Database, manager: Actor) -> str:
    """An event with a repeated report by someone else, dispatched to a department."""
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        department = session.scalar(select(Department.code).where(Department.name == "社会治理中心"))
    assert grid is not None and item is not None and department is not None
    data = EventInput(
        channel="群众来访", occurred_at=db.clock() - timedelta(hours=2), community_id=grid.community_id,
        grid_id=grid.id, matter_item_id=item, title="三号楼楼上漏水引发邻里争执",
        description="楼上住户卫生间漏水，楼下多次协商未果。", address="清溪路 18 号 3 幢",
        reporter_name="张建国", reporter_phone=PHONE,
    )  # fmt: skip
    created = events.create_event(db, manager, data)
    repeat = EventInput(**{**data.__dict__, "reporter_name": "李秀英", "reporter_phone": REPEAT_PHONE})
    events.link_report(db, manager, created.id, repeat)
    flow.dispatch(db, manager, created.id, department_code=department, note="请上门调处")
    return created.id


def test_a_read_only_user_sees_reporters_phones_masked_everywhere(
    qtbot: QtBot, db: Database, login_as: LoginAs, tmp_path: Path
) -> None:
    event_id = reported_and_dispatched(db, login_as("zhuren"))
    viewer = login_as("chakan")
    detail = EventDetailDialog(db, viewer, event_id)
    qtbot.addWidget(detail)
    assert detail.info_values["联系电话"].text() == "139****1234"
    timeline = " ".join(
        item.text()
        for r in range(detail.timeline.rowCount())
        if (item := detail.timeline.item(r, 4)) is not None
    )
    assert "李秀英 136****1111" in timeline, "the repeated report's reporter is named, the phone masked"
    assert REPEAT_PHONE not in timeline and PHONE not in timeline
    # The dispatch sheet and the list export give no more away.
    assert event_documents.dispatch_sheet(db, viewer, event_id).reporter_phone == "139****1234"
    target = tmp_path / "事件.xlsx"
    export_events(db, viewer, EventFilter(), Sort(), target)
    cells = [
        str(v)
        for sheet in load_workbook(target).worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
    ]
    assert not any(PHONE in v or REPEAT_PHONE in v for v in cells)

    # Whoever handles events calls the reporter back, so sees the number in full.
    operator = get_event(db, login_as("shouli"), event_id)
    assert operator.reporter_phone == PHONE
    assert any(a.detail.get("reporter") == f"李秀英 {REPEAT_PHONE}" for a in operator.timeline)


def test_no_step_blames_the_role_or_the_state(qtbot: QtBot, db: Database, login_as: LoginAs) -> None:
    event_id = reported_and_dispatched(db, login_as("zhuren"))
    detail = EventDetailDialog(db, login_as("chakan"), event_id)
    qtbot.addWidget(detail)
    assert detail.step_buttons == {}
    assert detail.no_step_note is not None
    assert detail.no_step_note.text() == (
        "您的角色（只读查看）不能办理此事件：需要“受理与处置事件、审批事件延期和挂账”权限。"
    )
    assert "当前状态" not in detail.no_step_note.text()

    handler = EventDetailDialog(db, login_as("shouli"), event_id)
    qtbot.addWidget(handler)
    assert "签收" in handler.step_buttons and handler.no_step_note is None


def test_disabled_mediation_buttons_say_why(qtbot: QtBot, db: Database, login_as: LoginAs) -> None:
    viewer = MediationPage(db, login_as("chakan"))
    qtbot.addWidget(viewer)
    assert viewer.action_buttons["accept"].toolTip() == "请先在左侧选择一个案件"
    assert not viewer.new_button.isEnabled()
    assert viewer.new_button.toolTip() == "您的角色（只读查看）没有“办理调解案件”权限。"
    viewer.table.selectRow(0)
    assert viewer.case is not None
    for key, button in viewer.action_buttons.items():
        assert not button.isEnabled()
        assert button.toolTip(), key
    assert viewer.action_buttons["session"].toolTip() == "您的角色（只读查看）没有“办理调解案件”权限。"

    mediator = MediationPage(db, login_as("tiaojie"))
    qtbot.addWidget(mediator)
    mediator.search.setText("物业")
    qtbot.waitUntil(lambda: mediator.model.rowCount() == 1, timeout=2000)
    mediator.table.selectRow(0)
    assert mediator.case is not None and mediator.case.status == "待受理"
    assert mediator.action_buttons["accept"].isEnabled() and mediator.action_buttons["accept"].toolTip() == ""
    assert mediator.action_buttons["session"].toolTip() == "案件处于“待受理”状态，不能进行此操作。"
    assert mediator.action_buttons["reopen"].toolTip() == "只有已归档的案件才需要重新启用。"


def test_the_event_preview_speaks_of_the_event(qtbot: QtBot, db: Database, login_as: LoginAs) -> None:
    manager = login_as("zhuren")
    event_id = reported_and_dispatched(db, manager)
    preview = PrintPreviewDialog(db, manager, "event-dispatch", event_id)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.document is not None, timeout=20000)
    assert preview.document is not None
    status = preview.status.text()
    assert f"事件版本 {preview.document.ver}" in status and "案件" not in status


def test_an_unbuilt_page_shows_its_whole_message_at_800_pixels(qtbot: QtBot) -> None:
    # At 800 px the navigation list takes its share: the page gets about 560 px.
    page = PlaceholderPage("值班考勤", "中心值班表、网格员考勤和请销假。", "fa5s.calendar-check")
    qtbot.addWidget(page)
    page.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))  # its 14 pt message
    page.message.setText("This feature is not finished yet; it will be provided in a later version.")
    page.resize(560, 480)
    page.show()
    qtbot.waitExposed(page)
    message = page.message
    assert page.minimumSizeHint().width() <= 560, "the message does not force the page wider"
    assert message.x() >= 0 and message.geometry().right() <= page.width(), "no side is cut off"
    assert message.fontMetrics().horizontalAdvance(message.text()) > message.width(), "it wraps"
    assert message.height() >= message.heightForWidth(message.width()), "every wrapped line is shown"


def test_the_audit_log_names_the_event_and_keeps_its_id(
    qtbot: QtBot, db: Database, login_as: LoginAs
) -> None:
    manager = login_as("zhuren")
    event_id = reported_and_dispatched(db, manager)  # 关联重复上报 is audited against the event
    number = get_event(db, manager, event_id).number
    model = AuditTableModel(db, manager)
    model.set_filter(AuditFilter(object_type="事件"))
    assert model.rowCount() >= 1
    row = next(r for r in range(model.rowCount()) if model.entry(r).object_id == event_id)
    assert model.index(row, OBJECT_COLUMN).data() == number
    tip = model.index(row, OBJECT_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert number in tip and event_id in tip


def test_a_repeated_report_is_checked_like_a_new_one_and_old_odd_numbers_are_masked(
    db: Database, login_as: LoginAs
) -> None:
    """A phone written with dots or full-width spaces was stored by linking and shown in full."""
    manager = login_as("zhuren")
    event_id = reported_and_dispatched(db, manager)
    before = len(get_event(db, manager, event_id).timeline)
    template = get_event(db, manager, event_id)
    with db.reading() as session:
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
    assert item is not None and grid is not None
    odd = EventInput(
        channel="来电", occurred_at=db.clock() - timedelta(hours=1), community_id=grid.community_id,
        grid_id=grid.id, matter_item_id=item, title=template.title, description="又来反映。",
        reporter_name="李四", reporter_phone="139.0571.1234",
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        events.link_report(db, manager, event_id, odd)
    assert refused.value.field == "reporter_phone"
    assert len(get_event(db, manager, event_id).timeline) == before, "nothing written"
    # Rows an earlier version stored that way are masked when read, whatever the separators.
    for stored, shown in (
        ("李四 139.0571.1234", "李四 139.****.1234"),
        ("李四 139　0571　1234", "李四 139　****　1234"),
        ("李四 (0571)88881234", "李四 (057*)****1234"),
    ):
        with closing(sqlite3.connect(db.path)) as conn, conn:  # as an earlier version stored it
            conn.execute(
                "UPDATE event_action SET detail = ? WHERE kind = '重复上报'",
                (json.dumps({"reporter": stored}, ensure_ascii=False),),
            )
        viewer = get_event(db, login_as("chakan"), event_id)
        assert [a.detail["reporter"] for a in viewer.timeline if a.kind == "重复上报"] == [shown]
