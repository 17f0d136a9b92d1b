"""The 考核评估 page: a manager computes last month, opens a worker's sheet, clicks through to the
events behind an indicator, adjusts, takes and decides an appeal, confirms and reopens; a reader sees
the lists without the buttons that change them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from db_helpers import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Grid, GridWorker, MatterItem, Person
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.events import EventInput
from desktop.views.assessment.dialogs import (
    AdjustDialog,
    AppealDecisionDialog,
    AppealDialog,
    RecordsDialog,
    ReopenDialog,
    SchemeDialog,
)
from desktop.views.assessment.page import AssessmentPage


def _reported_event(db: Database, actor: Actor) -> str:
    """An event reported in November by 清溪一网格's 专职网格员; returns the worker's name."""
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        assert grid is not None
        name = session.scalar(
            select(Person.name)
            .join(GridWorker, GridWorker.person_id == Person.id)
            .where(GridWorker.grid_id == grid.id, GridWorker.post == "专职网格员")
        )
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        assert name is not None and item is not None
        data = EventInput(
            channel="网格员上报", occurred_at=db.clock(), community_id=grid.community_id, grid_id=grid.id,
            matter_item_id=item, title="楼道堆物", description="三单元楼道堆放杂物。", reporter_name=name,
            reporter_phone="13905711234",
        )  # fmt: skip
    events.create_event(db, actor, data)
    return name


def open_page(qtbot: QtBot, db: Database, actor: Actor) -> AssessmentPage:
    page = AssessmentPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    return page


def test_a_manager_assesses_a_month_from_the_page(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    clock = FakeClock(datetime(2026, 11, 16, 2, tzinfo=UTC))
    demo_db.clock = clock
    name = _reported_event(demo_db, login_as("shouli"))
    clock.now = datetime(2026, 12, 1, 2, tzinfo=UTC)
    page = open_page(qtbot, demo_db, login_as("zhuren"))
    assert (page.year.value(), page.number.currentText()) == (2026, "11月")
    assert "尚未计算" in page.status.text()
    page.buttons["compute"].click()
    qtbot.waitUntil(lambda: len(page.rank_model.rows) > 0, timeout=20000)
    assert "草稿" in page.status.text() and page.grid_model.rows and page.community_model.rows
    row = next(i for i, r in enumerate(page.rank_model.rows) if r.name == name)
    page.rank_view.selectRow(row)
    qtbot.waitUntil(lambda: page.sheet is not None and page.sheet.name == name, timeout=10000)
    assert page.line_model.rows[0].label == "上报事件"
    assert page.line_model.value(page.line_model.rows[0], 2) == "1"

    def shows_the_event(dialog: object) -> None:
        assert isinstance(dialog, RecordsDialog)
        assert [r.title for r in dialog.model.rows] == ["楼道堆物"]
        dialog.reject()

    when_modal(shows_the_event)
    page.line_view.selectRow(0)
    page.buttons["records"].click()

    before = page.sheet.score if page.sheet else 0

    def adjust(dialog: object) -> None:
        assert isinstance(dialog, AdjustDialog)
        dialog.rule.setCurrentIndex(dialog.rule.findData("missed_report"))
        dialog.count.setValue(2)
        dialog.reason.setText("抽查发现两起未上报")
        dialog.ok_button.click()

    when_modal(adjust)
    page.buttons["adjust"].click()
    qtbot.waitUntil(lambda: page.sheet is not None and page.sheet.score == before - 4, timeout=10000)
    assert "应上报未上报" in page.sheet_note.text()

    def appeal(dialog: object) -> None:
        assert isinstance(dialog, AppealDialog)
        dialog.item.setCurrentIndex(dialog.item.count() - 1)  # the adjustment just made
        dialog.reason.setText("其中一起已由他人上报")
        dialog.ok_button.click()

    when_modal(appeal)
    page.buttons["appeal"].click()
    qtbot.waitUntil(lambda: page.buttons["decide"].isEnabled(), timeout=10000)

    def uphold(dialog: object) -> None:
        assert isinstance(dialog, AppealDecisionDialog)
        assert "其中一起已由他人上报" in dialog.intro.text()
        dialog.note.setText("属实，撤销扣分")
        dialog.ok_button.click()

    when_modal(uphold)
    page.buttons["decide"].click()
    qtbot.waitUntil(lambda: page.sheet is not None and page.sheet.score == before, timeout=10000)

    page.buttons["confirm"].click()
    qtbot.waitUntil(lambda: "已确认" in page.status.text(), timeout=10000)
    assert not page.buttons["compute"].isEnabled() and page.buttons["reopen"].isEnabled()

    def reopen(dialog: object) -> None:
        assert isinstance(dialog, ReopenDialog)
        dialog.reason.setText("补录巡查数据")
        dialog.ok_button.click()

    when_modal(reopen)
    page.buttons["reopen"].click()
    qtbot.waitUntil(lambda: "草稿" in page.status.text(), timeout=10000)
    assert page.buttons["compute"].isEnabled()


def test_a_reader_sees_the_ranking_without_the_buttons_that_change_it(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    from desktop.services.assessment import scoring

    demo_db.clock = FakeClock(datetime(2026, 12, 1, 2, tzinfo=UTC))
    scoring.compute(demo_db, login_as("zhuren"), scoring.MONTH, 2026, 11)
    page = open_page(qtbot, demo_db, login_as("wangge"))
    assert page.rank_model.rows
    assert not any(
        page.buttons[k].isVisibleTo(page) for k in ("compute", "confirm", "reopen", "adjust", "decide")
    )
    assert page.buttons["appeal"].isVisibleTo(page) and page.buttons["print_ranking"].isVisibleTo(page)


def test_a_new_scheme_version_and_recomputing_by_it(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    from desktop.services.assessment import scheme as schemes
    from desktop.services.assessment import scoring

    demo_db.clock = FakeClock(datetime(2026, 12, 1, 2, tzinfo=UTC))
    manager = login_as("zhuren")
    scoring.compute(demo_db, manager, scoring.MONTH, 2026, 11)
    page = open_page(qtbot, demo_db, manager)
    assert "第 1 版" in page.status.text()

    def lower_the_bar(dialog: object) -> None:
        assert isinstance(dialog, SchemeDialog)
        dialog.base.setValue(40)  # the demo workers score 55 without punches: 95 now
        dialog.excellent.setValue(90)
        dialog.ok_button.click()

    when_modal(lower_the_bar)
    page.buttons["scheme"].click()
    assert [s.version for s in schemes.versions(demo_db, manager)] == [2, 1]
    assert schemes.current_scheme(demo_db, manager).grade_excellent == 90
    page.buttons["compute"].click()  # asked whether to use version 2: yes
    qtbot.waitUntil(lambda: "第 2 版" in page.status.text(), timeout=20000)
    assert any("第 2 版" in text for text in message_boxes.texts("question"))
    assert "优秀" in {r.grade for r in page.rank_model.rows}

    def only_reads(dialog: object) -> None:
        assert isinstance(dialog, SchemeDialog)
        assert not dialog.ok_button.isVisible()
        dialog.reject()

    reader = open_page(qtbot, demo_db, login_as("wangge"))
    when_modal(only_reads)
    reader.buttons["scheme"].click()


def test_the_bulletin_button_previews_a_month_marked_draft_until_confirmed(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.demo.assessment import add_demo_assessments
    from desktop.views import file_dialogs
    from desktop.views.mediation.preview import PrintPreviewDialog

    offered: list[str] = []  # 另存为 PDF's default name; the dialog is then cancelled

    def save_path(_parent: object, _title: str, name: str, _filter: str) -> str:
        offered.append(name)
        return ""

    monkeypatch.setattr(file_dialogs, "save_path", save_path)

    demo_db.clock = FakeClock(datetime(2026, 11, 28, 2, tzinfo=UTC))
    add_demo_assessments(demo_db, "330127104000")
    page = open_page(qtbot, demo_db, login_as("wangge"))  # a reader prints it too
    assert page.number.currentText() == "10月" and "草稿" in page.status.text()
    button = page.buttons["print_bulletin"]
    assert button.isVisibleTo(page) and button.isEnabled()
    shown: list[str] = []

    def preview(widget: QWidget) -> None:
        assert isinstance(widget, PrintPreviewDialog)
        qtbot.waitUntil(lambda: widget.document is not None, timeout=30000)
        assert widget.document is not None and widget.document.kind == "assessment-bulletin"
        shown.append(widget.status.text())
        widget.save_pdf()
        widget.close()

    when_modal(preview)
    button.click()
    assert len(shown) == 1 and "2026-10" in shown[0] and "草稿" in shown[0]
    assert offered == ["考核通报 2026-10.pdf"], "named in Chinese, as the print dialog names it"

    page.number.setCurrentIndex(page.number.findData(9))
    page.reload()
    qtbot.waitUntil(lambda: "已确认" in page.status.text(), timeout=10000)
    when_modal(preview)
    button.click()
    assert len(shown) == 2 and "2026-09" in shown[1] and "草稿" not in shown[1]

    page.kind.setCurrentIndex(page.kind.findData("季度"))  # 2026年第一季度: not computed
    qtbot.waitUntil(lambda: page.data is not None and page.data.key[0] == "季度", timeout=10000)
    assert not button.isEnabled(), "a bulletin is monthly"


def test_the_ranking_and_the_sheet_fit_a_small_screen_without_scrolling_sideways(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    from desktop.services.assessment import scoring

    demo_db.clock = FakeClock(datetime(2026, 12, 1, 2, tzinfo=UTC))
    scoring.compute(demo_db, login_as("zhuren"), scoring.MONTH, 2026, 11)
    page = open_page(qtbot, demo_db, login_as("zhuren"))
    page.resize(640, 420)  # what the page has of a 1366×768 screen at 150 %
    page.rank_view.selectRow(0)
    qtbot.waitUntil(lambda: page.sheet is not None, timeout=10000)
    qtbot.wait(50)
    for view in (page.rank_view, page.line_view):
        assert view.horizontalScrollBar().maximum() == 0, view.model()
    rank_header = page.rank_view.horizontalHeader()
    # 名次, 得分, 等次 and 姓名 whole; the places share the rest and say it all in their tooltip.
    assert all(rank_header.sectionSize(c) >= page.rank_view.sizeHintForColumn(c) for c in range(4))
    row = page.rank_model.rows[0]
    tip = page.rank_model.data(page.rank_model.index(0, 5), Qt.ItemDataRole.ToolTipRole)
    assert row.grid in tip and row.post in tip
    header_tip = page.rank_model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header_tip == "村（社区）", "a header cut short says itself in full"
    # ... and reads whole: 「村/社区」, not 「（社区」.
    shown = page.rank_model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert shown == "村/社区"
    assert rank_header.sectionSize(4) >= rank_header.fontMetrics().horizontalAdvance(shown) + 8
    line_header = page.line_view.horizontalHeader()
    assert line_header.sectionSize(1) >= page.line_view.sizeHintForColumn(1), "the points in full"


def test_computing_a_month_not_yet_over_asks_first(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    demo_db.clock = FakeClock(datetime(2026, 11, 29, 2, tzinfo=UTC))  # one day of November to come
    page = open_page(qtbot, demo_db, login_as("zhuren"))
    page.number.setCurrentIndex(page.number.findData(11))
    page.reload()
    qtbot.waitUntil(lambda: page.data is not None and page.data.key == ("月度", 2026, 11), timeout=10000)
    assert page.data is not None and page.data.period_id is None
    message_boxes.answer = QMessageBox.StandardButton.No
    page.buttons["compute"].click()
    assert message_boxes.texts("question") == [
        "本月尚未结束（还有 1 天），现在计算的结果只到今天，在确认考核之前仍可重新计算。继续吗？"
    ]
    qtbot.wait(200)
    assert page.status.text() != "正在计算…" and not page.rank_model.rows, "No computes nothing"
    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.buttons["compute"].click()
    qtbot.waitUntil(lambda: len(page.rank_model.rows) > 0, timeout=20000)
    assert len(message_boxes.texts("question")) == 2

    # A month that is over is computed without the question.
    page.number.setCurrentIndex(page.number.findData(10))
    page.reload()
    qtbot.waitUntil(lambda: page.data is not None and page.data.key == ("月度", 2026, 10), timeout=10000)
    page.buttons["compute"].click()
    qtbot.waitUntil(lambda: page.data is not None and page.data.period_id is not None, timeout=20000)
    assert len(message_boxes.texts("question")) == 2
