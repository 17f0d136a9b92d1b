"""The forms stop a user at the same lengths the services check (desktop/services/common/text.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.views.events.intake_dialog import IntakeDialog
from desktop.views.matters.item_dialog import ItemDialog

LoginAs = Callable[[str], Actor]


def test_intake_fields_take_no_more_than_the_service_stores(
    qtbot: QtBot, demo_db: Database, login_as: LoginAs
) -> None:
    dialog = IntakeDialog(demo_db, login_as("shouli"))
    qtbot.addWidget(dialog)
    dialog.title.setFocus()
    qtbot.keyClicks(dialog.title, "a" * (limits.EVENT_TITLE + 20))  # QTest types ASCII only
    assert len(dialog.title.text()) == limits.EVENT_TITLE
    assert dialog.reporter_name.maxLength() == limits.PERSON_NAME
    assert dialog.address.maxLength() == limits.ADDRESS
    # A pasted page of text is cut at the limit, the cursor kept at the end of what stayed.
    dialog.description.insertPlainText("经过" * limits.EVENT_DESCRIPTION)
    assert len(dialog.description.toPlainText()) == limits.EVENT_DESCRIPTION
    assert dialog.description.textCursor().position() == limits.EVENT_DESCRIPTION
    qtbot.keyClick(dialog.description, Qt.Key.Key_A)
    assert len(dialog.description.toPlainText()) == limits.EVENT_DESCRIPTION


def test_item_form_limits_match_the_list_importer(qtbot: QtBot, demo_db: Database, login_as: LoginAs) -> None:
    dialog = ItemDialog(demo_db, login_as("admin"))
    qtbot.addWidget(dialog)
    assert dialog.name.maxLength() == limits.ITEM_NAME
    assert dialog.admission_note.maxLength() == limits.ADMISSION_NOTE
    dialog.legal_basis.setPlainText("依" * (limits.LEGAL_BASIS + 1))
    assert len(dialog.legal_basis.toPlainText()) == limits.LEGAL_BASIS
