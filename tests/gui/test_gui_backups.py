"""备份与恢复 through the window: back up now, the list, a restore that closes the window and asks for
a new login, the daily backup in the status bar, and a damaged database met at start-up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import DEMO_PASSWORD, MessageBoxes, when_modal
from sqlalchemy import func, select

from desktop import backup_archive
from desktop.app import Session, open_or_recover
from desktop.db import Database
from desktop.models import AuditEntry, Event
from desktop.paths import backups_dir
from desktop.services.accounts.permissions import Actor
from desktop.services.system import backups
from desktop.views.admin.backups_tab import RestoreDialog
from desktop.views.admin.page import AdminPage
from desktop.views.daily_backup import DailyBackup
from desktop.views.login import LoginDialog
from desktop.views.main_window import MainWindow


def backups_tab(qtbot: QtBot, db: Database, actor: Actor) -> AdminPage:
    page = AdminPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    return page


def audit_count(db: Database, action: str) -> int:
    with db.reading() as session:
        return int(
            session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))
            or 0
        )


def test_back_up_now_lists_the_checked_file_and_audits_it(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    page = backups_tab(qtbot, demo_db, login_as("admin"))
    tab = page.backups_tab
    assert tab is not None
    qtbot.waitUntil(lambda: "共 0 份备份" in tab.status.text())

    tab.backup_button.click()

    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=20_000)
    kind, result = tab.table.item(0, 1), tab.table.item(0, 3)
    assert kind is not None and result is not None
    assert (kind.text(), result.text()) == ("手动", "完好")
    assert any("已逐项核对" in text for text in message_boxes.texts("information"))
    qtbot.waitUntil(lambda: audit_count(demo_db, backups.BACKED_UP) == 1)
    assert tab.backup_button.isEnabled()


def test_a_file_that_is_not_a_backup_is_refused_with_a_message(
    qtbot: QtBot,
    demo_db: Database,
    login_as: Callable[[str], Actor],
    message_boxes: MessageBoxes,
    tmp_path: Path,
) -> None:
    page = backups_tab(qtbot, demo_db, login_as("admin"))
    tab = page.backups_tab
    assert tab is not None
    bogus = tmp_path / "报表.tcbak"
    bogus.write_bytes(b"PK\x03\x04 not really")
    with qtbot.assertNotEmitted(tab.restore_requested):
        tab.confirm_restore(bogus)
    assert any("不是本程序的备份文件" in text for text in message_boxes.texts("warning"))


def test_a_restore_closes_the_window_puts_the_backup_in_place_and_asks_for_a_login(
    qtbot: QtBot,
    qapp: QApplication,
    demo_db: Database,
    login_as: Callable[[str], Actor],
    message_boxes: MessageBoxes,
) -> None:
    made = backups.write(demo_db.path, kind=backups.MANUAL, made_by="admin")
    with demo_db.reading() as session:
        events_before = session.scalar(select(func.count()).select_from(Event))
    session_ = Session(qapp, demo_db, startup_probe=False)
    window = MainWindow(demo_db, login_as("admin"))
    window.restore_requested.connect(session_.restore)
    session_.window = window
    window.show()

    def log_in(dialog: QWidget) -> None:
        assert isinstance(dialog, LoginDialog)
        dialog.username.setText("admin")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.try_login()

    when_modal(log_in, of_type=LoginDialog, timeout_s=30)
    window.restore_requested.emit(made.path, False, "演练恢复")

    try:
        assert session_.window is not None and session_.window is not window
        assert session_.db is not demo_db
        assert any("已从" in text and "请重新登录" in text for text in message_boxes.texts("information"))
        assert audit_count(session_.db, backups.RESTORED) == 1
        with session_.db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Event)) == events_before
        kinds = {backup_archive.read_manifest(p).kind for p in backups_dir(demo_db.path).glob("*.tcbak")}
        assert kinds == {backups.MANUAL, backups.BEFORE_RESTORE}
    finally:
        session_.daily_backup.stop()
        if session_.window is not None:
            session_.window.close()
        session_.db.close()


def test_the_daily_backup_runs_once_and_shows_in_the_status_bar(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    window = MainWindow(demo_db, login_as("zhuren"))
    qtbot.addWidget(window)
    daily = DailyBackup(demo_db.path)
    daily.finished.connect(lambda result: window.show_backup_state(*state_text(result, demo_db.path)))
    with qtbot.waitSignal(daily.finished, timeout=20_000) as first:
        daily.start(first_delay_ms=0)
    assert first.args is not None and first.args[0] is not None
    assert window.backup_label.text().startswith("备份：今天") and "已完成" in window.backup_label.text()
    with qtbot.waitSignal(daily.finished, timeout=20_000) as second:
        daily.check()
    assert second.args == [None]  # today's copy exists: no second one
    daily.stop()
    assert len(list(backups_dir(demo_db.path).glob("*-daily.tcbak"))) == 1


def state_text(result: object, db_path: Path) -> tuple[str, str]:
    from desktop.views.daily_backup import state_text as text

    assert result is None or isinstance(result, backups.BackupResult)
    return text(result, db_path)


def test_a_damaged_database_at_start_up_is_offered_the_newest_good_backup(
    qtbot: QtBot, demo_db: Database, message_boxes: MessageBoxes
) -> None:
    backups.write(demo_db.path, kind=backups.DAILY, made_by="system")
    path = demo_db.path
    demo_db.close()
    damaged = b"\x00" * 8192
    path.write_bytes(damaged)

    def restore_latest(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "数据库文件已损坏" in box.text() and "最新的完好备份" in box.text()
        (latest,) = [b for b in box.buttons() if b.text() == "用最新的备份恢复"]
        latest.click()

    when_modal(restore_latest)
    db = open_or_recover(path)

    assert db is not None
    try:
        assert db.integrity_check() == "ok"
        assert audit_count(db, backups.RESTORED) == 1
    finally:
        db.close()
    # Kept aside whole: the file and its -wal/-shm under the same new name.
    (aside,) = [
        p for p in path.parent.glob("towncentre.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))
    ]
    assert aside.read_bytes() == damaged
    assert any("确定用" in text for text in message_boxes.texts("question"))


def test_a_damaged_database_is_left_alone_when_the_person_quits(
    qtbot: QtBot, demo_db: Database, message_boxes: MessageBoxes
) -> None:
    path = demo_db.path
    demo_db.close()
    path.write_bytes(b"\x00" * 8192)

    def quit_(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "没有找到完好的备份" in box.text()
        (quit_button,) = [b for b in box.buttons() if b.text() == "退出"]
        quit_button.click()

    when_modal(quit_)
    assert open_or_recover(path) is None
    assert path.read_bytes() == b"\x00" * 8192
    assert not list(path.parent.glob("*.damaged-*"))


def test_a_restore_needs_a_reason_and_says_what_is_lost(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    made = backups.write(demo_db.path, kind=backups.MANUAL, made_by="admin")
    page = backups_tab(qtbot, demo_db, login_as("admin"))
    tab = page.backups_tab
    assert tab is not None
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    tab.table.selectRow(0)

    def try_empty_then_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        assert "以后登记或修改的" in dialog.intro.text() and made.path.name in dialog.intro.text()
        dialog.save()  # Enter with an empty reason
        assert dialog.isVisible() and "请写明恢复原因" in dialog.form.errors["reason"].text()
        dialog.reject()

    when_modal(try_empty_then_cancel)
    with qtbot.assertNotEmitted(tab.restore_requested):
        tab.restore_selected()

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        dialog.reason.setText("误删事件")
        dialog.save()

    when_modal(give_reason)
    with qtbot.waitSignal(tab.restore_requested) as asked:
        tab.restore_selected()
    assert asked.args == [made.path, False, "误删事件"]


def test_the_selection_stays_on_the_same_file_when_a_backup_is_added(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    first = backups.write(demo_db.path, kind=backups.MANUAL, made_by="admin")
    page = backups_tab(qtbot, demo_db, login_as("admin"))
    tab = page.backups_tab
    assert tab is not None
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    tab.table.selectRow(0)
    backups.write(demo_db.path, kind=backups.MANUAL, made_by="admin")
    tab.reload()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2)
    chosen = tab.selected()
    assert chosen is not None and chosen.path == first.path
