"""The forms warn at the same lengths the services check (desktop/services/common/text.py), and never
cut what was typed or pasted: the service refuses it naming the limit (issue 10, finding 7)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.views.events.intake_dialog import IntakeDialog
from desktop.views.forms import LIMIT_PROPERTY
from desktop.views.matters.item_dialog import ItemDialog

LoginAs = Callable[[str], Actor]


def test_intake_fields_keep_what_was_typed_and_mark_it_past_the_limit(
    qtbot: QtBot, demo_db: Database, login_as: LoginAs
) -> None:
    dialog = IntakeDialog(demo_db, login_as("shouli"))
    qtbot.addWidget(dialog)
    dialog.title.setFocus()
    qtbot.keyClicks(dialog.title, "a" * (limits.EVENT_TITLE + 20))  # QTest types ASCII only
    assert len(dialog.title.text()) == limits.EVENT_TITLE + 20, "nothing cut"
    assert f"最多 {limits.EVENT_TITLE} 字，现有 {limits.EVENT_TITLE + 20} 字" in dialog.title.toolTip()
    assert "border" in dialog.title.styleSheet()
    qtbot.keyClick(dialog.title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.title, "short")
    assert dialog.title.toolTip() == "" and dialog.title.styleSheet() == ""
    assert dialog.reporter_name.property(LIMIT_PROPERTY) == limits.PERSON_NAME
    assert dialog.address.property(LIMIT_PROPERTY) == limits.ADDRESS
    # A pasted page of text is kept whole and marked.
    dialog.description.insertPlainText("经过" * limits.EVENT_DESCRIPTION)
    assert len(dialog.description.toPlainText()) == 2 * limits.EVENT_DESCRIPTION
    assert f"最多 {limits.EVENT_DESCRIPTION} 字" in dialog.description.toolTip()


def test_item_form_limits_match_the_list_importer(qtbot: QtBot, demo_db: Database, login_as: LoginAs) -> None:
    dialog = ItemDialog(demo_db, login_as("admin"))
    qtbot.addWidget(dialog)
    assert dialog.name.property(LIMIT_PROPERTY) == limits.ITEM_NAME
    assert dialog.admission_note.property(LIMIT_PROPERTY) == limits.ADMISSION_NOTE
    dialog.legal_basis.setPlainText("依" * (limits.LEGAL_BASIS + 1))
    assert len(dialog.legal_basis.toPlainText()) == limits.LEGAL_BASIS + 1
    assert f"最多 {limits.LEGAL_BASIS} 字" in dialog.legal_basis.toolTip()
