"""The mediation page: list, reminders, statistics, a case registered through the form, steps, preview,
printing to a (PDF) printer with copies, saving as PDF."""

from __future__ import annotations

import stat
import sys
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal
from sqlalchemy import select

from desktop.db import Database
from desktop.models import AuditEntry
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.views.forms import StepDialog
from desktop.views.mediation.dialogs import NewCaseDialog, PartyDialog
from desktop.views.mediation.page import MediationPage
from desktop.views.mediation.preview import PrintPreviewDialog


def open_page(qtbot: QtBot, db: Database, actor: Actor) -> MediationPage:
    page = MediationPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    return page


def test_the_page_lists_cases_reminders_and_the_month(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = open_page(qtbot, demo_db, login_as("tiaojie"))
    assert page.model.rowCount() == 9
    texts = [page.reminder_list.item(i).text() for i in range(page.reminder_list.count())]
    assert any("超过一个月" in t for t in texts) and any("司法确认" in t for t in texts)
    assert any("回访" in t for t in texts)
    assert "调解成功率" in page.stats_label.text() and "收案" in page.stats_label.text()
    page.search.setText("桃源村")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    page.table.selectRow(0)
    assert page.case is not None and page.case.dispute_type == "土地承包"
    assert "司法确认申请期限" in page.overview.toPlainText()
    assert page.action_buttons["revisit"].isEnabled() and not page.action_buttons["accept"].isEnabled()
    assert not page.action_buttons["reopen"].isEnabled()  # a mediator cannot reopen
    kinds = [page.doc_list.item(i).text() for i in range(page.doc_list.count())]
    assert "人民调解协议书" in kinds and "人民调解口头协议登记表" not in kinds and "人民调解卷宗" in kinds


def test_a_case_is_registered_through_the_forms(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    actor = login_as("tiaojie")
    dialog = NewCaseDialog(demo_db, actor)
    qtbot.addWidget(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height(), "fits the screen it opens on"
    dialog.summary.setPlainText("两户因共用楼道堆放杂物发生争执。")
    dialog.requests.setPlainText("请求清理楼道。")
    dialog.save()
    assert "双方" in dialog.form.error_for("parties") or "当事人" in dialog.form.error_for("parties")

    party = PartyDialog(dialog.labels())
    qtbot.addWidget(party)
    party.name.setText("冯赟")
    party.resident_id.setText("330127198001011235")  # wrong check digit
    party.save()
    assert "校验位" in party.form.error_for("resident_id")
    party.resident_id.setText("")
    party.save()
    assert party.result is not None and party.result_party is not None
    dialog.append_party(party.result_party)
    other = PartyDialog(dialog.labels())
    qtbot.addWidget(other)
    other.side.setCurrentIndex(1)
    other.name.setText("冯堃")
    other.save()
    assert other.result_party is not None
    dialog.append_party(other.result_party)
    from PySide6.QtCore import Qt

    mediators = [dialog.mediators.item(i) for i in range(dialog.mediators.count())]
    ticked = [item.text() for item in mediators if item.checkState() == Qt.CheckState.Checked]
    assert ticked == [next(item.text() for item in mediators if item.text().startswith(actor.display_name))]
    for item in mediators:
        item.setCheckState(Qt.CheckState.Unchecked)
    dialog.show()
    dialog.save()
    assert "调解员" in dialog.form.error_for("mediators") or "1 至 3" in dialog.form.error_for("mediators")
    # The message sits at the bottom of a scrolling form: it is brought into view.
    error_label = dialog.form.errors["mediators"]
    qtbot.waitUntil(lambda: not error_label.visibleRegion().isEmpty(), timeout=2000)

    dialog.mediators.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.save()
    assert dialog.created_id is not None
    case = mediation.get_case(demo_db, actor, dialog.created_id)
    assert [p.name for p in case.parties] == ["冯赟", "冯堃"] and case.status == mediation.PENDING


def test_accepting_through_the_step_dialog(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = open_page(qtbot, demo_db, login_as("tiaojie"))
    page.search.setText("物业")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    page.table.selectRow(0)
    assert page.action_buttons["accept"].isEnabled()

    def accept(widget: QWidget) -> None:
        assert isinstance(widget, StepDialog)
        widget.save()

    when_modal(accept)
    page.accept_case()
    assert page.case is not None and page.case.status == mediation.ACTIVE
    assert page.action_buttons["session"].isEnabled()


def test_a_step_dialog_names_its_case_and_ctrl_enter_submits_it(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = open_page(qtbot, demo_db, login_as("tiaojie"))
    page.search.setText("物业")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    page.table.selectRow(0)
    assert page.case is not None
    number = page.case.file_number
    seen: list[str] = []

    def refuse(widget: QWidget) -> None:
        assert isinstance(widget, StepDialog)
        assert widget.intro.isVisible()
        seen.append(widget.intro.text())
        note = widget.form.fields["note"]
        assert isinstance(note, QPlainTextEdit)
        note.setPlainText("当事人已向法院起诉")
        widget.activateWindow()  # as the window system does for a dialog that opens; offscreen does not
        qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
        # Enter alone starts a new line in the text box; Ctrl+Enter submits from inside it.
        qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(refuse)
    page.refuse_case()
    assert seen and number in seen[0]
    assert page.case is not None and page.case.status == mediation.REFUSED
    assert "当事人已向法院起诉" in page.overview.toPlainText()


def test_preview_prints_with_copies_and_saves(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], tmp_path: Path
) -> None:
    actor = login_as("tiaojie")
    case_id = mediation.resolve_case_id(demo_db, actor, f"{mediation.local_today(demo_db).year}-1")
    dialog = PrintPreviewDialog(demo_db, actor, "mediation-agreement", case_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document is not None, timeout=15000)
    assert dialog.document is not None
    assert len(dialog.images) == dialog.document.pages >= 2
    assert dialog.pages_label.pixmap().height() > dialog.images[0].height() * dialog.document.pages * 0.9
    assert dialog.print_button.isEnabled()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setCopyCount(2)
    assert dialog.send_to(printer) is not None  # in the background
    qtbot.waitUntil(lambda: dialog.printing is None, timeout=60000)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2 * dialog.document.pages

    (tmp_path / "saved.pdf").write_bytes(b"old")
    (tmp_path / "saved.pdf").chmod(0o644)  # an earlier, world-readable file
    dialog.save_to(tmp_path / "saved.pdf")
    assert (tmp_path / "saved.pdf").read_bytes() == dialog.document.pdf
    if sys.platform != "win32":  # replaced by an owner-only file, not written in place
        assert stat.S_IMODE((tmp_path / "saved.pdf").stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []
    with demo_db.reading() as session:
        details = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.object_id == case_id, AuditEntry.action == "打印文书")
        ).all()
    assert any('"copies": 2' in d and '"purpose": "打印"' in d for d in details)
    assert any('"purpose": "另存"' in d for d in details)


def test_a_mediation_session_has_no_preset_outcome(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    """A mediator who saves without looking must not record an agreement."""
    page = open_page(qtbot, demo_db, login_as("tiaojie"))
    row = next(r for r in range(page.model.rowCount()) if page.model.item(r, 3).text() == mediation.ACTIVE)
    page.table.selectRow(row)
    assert page.action_buttons["session"].isEnabled()
    seen: dict[str, object] = {}

    def save_blind(widget: QWidget) -> None:
        assert isinstance(widget, StepDialog)
        result = widget.form.fields["result"]
        assert isinstance(result, QComboBox)
        seen["index"] = result.currentIndex()
        # Everything else a mediator writes, so only the outcome is missing.
        for key, value in (("place", "村委会调解室"), ("participants", "双方当事人")):
            box = widget.form.fields.get(key)
            if isinstance(box, QLineEdit):
                box.setText(value)
        record = widget.form.fields["record"]
        assert isinstance(record, QPlainTextEdit)
        record.setPlainText("双方陈述了各自意见。")
        widget.save()
        seen["error"] = widget.form.error_for("result")
        widget.reject()  # 是 to 「改动不会保存，确定放弃吗？」: the typed record is thrown away

    when_modal(save_blind)
    page.add_session()
    assert seen["index"] == -1
    assert "调解结果" in str(seen["error"])


def test_esc_in_a_new_case_or_a_party_asks_before_throwing_typed_text_away(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    """Cold test 27: 转人民调解's typed 申请事项 and an added 当事人 were lost to Esc with no question."""
    case = NewCaseDialog(demo_db, login_as("tiaojie"))
    qtbot.addWidget(case)
    case.show()
    qtbot.keyClick(case, Qt.Key.Key_Escape)
    assert not case.isVisible() and message_boxes.texts("question") == [], "nothing typed: no question"
    case.shown_values = None
    case.show()
    case.requests.setPlainText("请求对方赔偿医药费")
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(case, Qt.Key.Key_Escape)
    assert case.isVisible()
    party = PartyDialog(("申请人", "被申请人"), case)
    party.show()
    party.name.setText("张建国")
    qtbot.keyClick(party, Qt.Key.Key_Escape)
    assert party.isVisible()
    assert message_boxes.texts("question") == ["改动不会保存，确定放弃吗？"] * 2
