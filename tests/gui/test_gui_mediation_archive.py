"""The mediation page's 卷内材料 tab (papers filed by hand) and the preview's question when a character
of the case has no font (issue 10, findings 2 and 4)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal

from desktop.db import Database
from desktop.printing import fonts
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.services.mediation import CaseInput, PartyInput
from desktop.services.people.persons import PersonInput
from desktop.views.forms import StepDialog
from desktop.views.mediation.page import MediationPage
from desktop.views.mediation.preview import PrintPreviewDialog

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


def register(db: Database, actor: Actor, name: str) -> str:
    return mediation.register_case(
        db,
        actor,
        CaseInput(
            source=mediation.SOURCE_APPLICATION,
            dispute_type="邻里",
            summary="院墙滴水。",
            requests="请求调解。",
            received_on=mediation.local_today(db) - timedelta(days=1),
            parties=[
                PartyInput(side=1, person=PersonInput(name=name, phone="13800001110")),
                PartyInput(side=2, person=PersonInput(name="柏堃", phone="13800001111")),
            ],
            mediator_ids=[mediation.list_mediators(db, actor)[0].id],
        ),
    )


def test_papers_are_added_and_removed_on_the_page(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    actor = login_as("tiaojie")
    register(demo_db, actor, "龚昇")
    page = MediationPage(demo_db, actor)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.search.setText("龚昇")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    page.table.selectRow(0)
    assert page.add_paper_button.isEnabled() and not page.remove_paper_button.isEnabled()

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, StepDialog)
        kind = widget.form.fields["kind"]
        title = widget.form.fields["title"]
        pages = widget.form.fields["pages"]
        assert isinstance(kind, QComboBox) and isinstance(title, QLineEdit) and isinstance(pages, QSpinBox)
        kind.setCurrentText("证据材料")
        title.setText("院墙照片")
        pages.setValue(4)
        widget.save()

    when_modal(fill)
    page.add_paper()
    assert page.case is not None and [(p.kind, p.title, p.pages) for p in page.case.papers] == [
        ("证据材料", "院墙照片", 4)
    ]
    assert page.paper_list.count() == 1 and "院墙照片（4 页）" in page.paper_list.item(0).text()
    page.paper_list.setCurrentRow(0)
    page.remove_paper()
    assert page.case is not None and page.case.papers == () and page.paper_list.count() == 0


@pytest.fixture
def no_ext_b_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not UMING.is_file():
        pytest.skip("fonts-arphic-uming is not installed")
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "uming.ttc").symlink_to(UMING)
    monkeypatch.setenv(fonts.FONT_DIR_ENV, str(folder))
    monkeypatch.setenv(fonts.FONT_DIR_ONLY_ENV, "1")
    fonts.reset()
    yield
    monkeypatch.undo()
    fonts.reset()


def test_preview_asks_before_printing_a_character_as_its_code_point(
    qtbot: QtBot,
    demo_db: Database,
    login_as: Callable[[str], Actor],
    message_boxes: MessageBoxes,
    no_ext_b_font: None,
) -> None:
    actor = login_as("tiaojie")
    case_id = register(demo_db, actor, "王𠮷堃")
    message_boxes.answer = message_boxes.answer.No
    refused = PrintPreviewDialog(demo_db, actor, "mediation-application", case_id)
    qtbot.addWidget(refused)
    qtbot.waitUntil(lambda: bool(message_boxes.texts("question")), timeout=15000)
    assert "当事人姓名“王𠮷堃”中的“𠮷”（U+20BB7）" in message_boxes.texts("question")[0]
    assert "[U+20BB7]" in message_boxes.texts("question")[0]
    assert refused.document is None and "U+20BB7" in refused.status.text()

    message_boxes.answer = message_boxes.answer.Yes
    allowed = PrintPreviewDialog(demo_db, actor, "mediation-application", case_id)
    qtbot.addWidget(allowed)
    qtbot.waitUntil(lambda: allowed.document is not None, timeout=15000)
    assert allowed.mark_missing and allowed.print_button.isEnabled()
