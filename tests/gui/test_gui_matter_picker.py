"""The intake form's 事项 picker with everyday words and the operator's usual items, and the 关键词 field
of the town item dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from db_helpers import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db import Database
from desktop.models import Grid, MatterItem
from desktop.services import events, matters
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.events import EventInput
from desktop.views.events.matter_picker import MatterPicker
from desktop.views.matters.item_dialog import ItemDialog

LoginAs = Callable[[str], Actor]
# The completer's popup really opens here; the offscreen platform cannot raise it or grab the keyboard
# for it, which says nothing about our code.
popup_opens = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")


@pytest.fixture
def db(demo_db: Database) -> Database:
    demo_db.clock = FakeClock(datetime(2026, 11, 16, 1, tzinfo=UTC))
    return demo_db


def register(db: Database, actor: Actor, item_name: str, times: int) -> None:
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item_id = session.scalar(select(MatterItem.id).where(MatterItem.name == item_name))
    assert grid is not None and item_id is not None
    for n in range(times):
        events.create_event(
            db, actor,
            EventInput(
                channel="来电", occurred_at=db.clock() - timedelta(hours=2), community_id=grid.community_id,
                grid_id=grid.id, matter_item_id=item_id, title=f"第{n}次反映{item_name}",
                description="群众来电反映情况，请核实处理。", address="清溪路 1 号", reporter_name="张三",
                reporter_phone="13905711234",
            ),
        )  # fmt: skip


def shown_picker(qtbot: QtBot, db: Database, actor: Actor) -> MatterPicker:
    picker = MatterPicker(db, actor)
    qtbot.addWidget(picker)
    picker.resize(520, 80)
    picker.show()
    qtbot.waitUntil(picker.edit.hasFocus, timeout=2000)  # the window is active, the box has focus
    return picker


def type_chinese(picker: MatterPicker, text: str) -> None:
    """What an input method does: commit the characters to the box (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(picker.edit, event)


def entries(picker: MatterPicker) -> list[str]:
    return [str(picker.model.item(r).text()) for r in range(picker.model.rowCount())]


@popup_opens
def test_typing_an_everyday_word_offers_the_official_item(
    qtbot: QtBot, db: Database, login_as: LoginAs
) -> None:
    picker = shown_picker(qtbot, db, login_as("shouli"))
    picker.edit.setFocus()
    type_chinese(picker, "噪音")
    qtbot.waitUntil(lambda: bool(picker.rows), timeout=2000)
    names = [r.name for r in picker.rows]
    assert "噪声扰民" in names and "广场舞噪声" in names
    assert any(text.startswith("噪声扰民") for text in entries(picker))
    picker.choose_row(names.index("噪声扰民"))
    assert picker.item_id() == matters.search_items(db, SYSTEM_ACTOR, matters.ItemQuery(text="0403001"))[0].id


@popup_opens
def test_the_operators_usual_items_are_offered_first(qtbot: QtBot, db: Database, login_as: LoginAs) -> None:
    operator = login_as("shouli")
    register(db, operator, "广场舞噪声", 2)
    register(db, operator, "邻里纠纷", 1)
    picker = shown_picker(qtbot, db, operator)
    usual = ["广场舞噪声", "邻里纠纷"]
    # The empty box offers the usual items when it gets focus, most used first, marked 常用 ...
    picker.edit.clearFocus()  # showing the window gave it focus; now the operator tabs into it
    picker.edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: [r.name for r in picker.rows] == usual, timeout=2000)
    popup = picker.completer.popup()
    assert popup is not None and popup.isVisible()
    assert not popup.currentIndex().isValid(), "Enter alone does not pick one"
    # ... and on Down, with the first one ready for Enter.
    popup.hide()
    picker.model.clear()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    assert [r.name for r in picker.rows] == usual and popup.isVisible()
    assert popup.currentIndex().row() == 0
    assert entries(picker)[0].startswith("广场舞噪声") and entries(picker)[0].endswith("常用")
    # Typed text: among the matches the usual ones come first.
    type_chinese(picker, "噪音")
    qtbot.waitUntil(lambda: len(picker.rows) > 2, timeout=2000)
    assert [r.name for r in picker.rows[:2]] == ["广场舞噪声", "邻里纠纷"]
    assert not picker.rows[2].frequent
    # Another operator, with no registrations, gets the list in code order.
    fresh = shown_picker(qtbot, db, login_as("zhuren"))
    fresh.edit.setText("噪音")
    fresh.search_now()
    assert fresh.rows[0].name == "邻里纠纷" and not fresh.rows[0].frequent


def test_the_item_dialog_saves_keywords_and_shows_a_too_long_one(
    qtbot: QtBot, db: Database, login_as: LoginAs
) -> None:
    editor = login_as("zhuren")
    dialog = ItemDialog(db, editor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("江滨夜市摊点噪声")
    dialog.lead.setCurrentIndex(0)
    dialog.keywords.setText("夜市" * 101)
    dialog.save()
    assert "最多 200 字" in dialog.form.error_for("keywords")
    assert dialog.result() != ItemDialog.DialogCode.Accepted, "the dialog stays open"
    dialog.keywords.setText("夜市 吵闹、夜市")
    dialog.save()
    assert dialog.saved_id is not None
    assert matters.get_item(db, editor, dialog.saved_id).keywords == "夜市、吵闹"
    names = [r.name for r in matters.search_items(db, editor, matters.ItemQuery(text="吵闹"))]
    assert "江滨夜市摊点噪声" in names
