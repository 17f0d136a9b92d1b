"""On screen, a reader without 查看完整身份证号 sees masked parties and is told a preview is a copy (issue 9,
finding 1; the services and documents are covered in tests/test_id_masking.py)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.models import MediationParty
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor, Permission
from desktop.views.mediation.page import MediationPage
from desktop.views.mediation.preview import PrintPreviewDialog


def test_the_case_page_and_preview_hide_what_rebuilds_an_id(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    viewer = login_as("chakan")  # 只读查看: mediation.view, not person.view_id
    assert not viewer.can(Permission.PERSON_VIEW_ID)
    case_id = mediation.resolve_case_id(demo_db, viewer, f"{mediation.local_today(demo_db).year}-1")
    with demo_db.reading() as session:
        people = [
            p.person
            for p in session.scalars(
                select(MediationParty)
                .options(selectinload(MediationParty.person))
                .where(MediationParty.case_id == case_id)
            )
            if p.person is not None
        ]
    page = MediationPage(demo_db, viewer)
    qtbot.addWidget(page)
    page.show()
    page.search.setText("桃源村")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    page.table.selectRow(0)
    shown = page.parties_view.toPlainText() + page.overview.toPlainText()
    assert "330127************" in shown
    for person in people:
        assert person.resident_id and person.birth_date
        assert person.resident_id not in shown and f"{person.birth_date:%Y-%m-%d}" not in shown

    dialog = PrintPreviewDialog(demo_db, viewer, "mediation-agreement", case_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document is not None, timeout=15000)
    assert dialog.document is not None and dialog.document.reference_only
    assert "仅供查阅" in dialog.status.text()
