"""Putting a backup in place from the window: with a progress dialog, after the database is closed.

Two ways in: 系统管理 → 备份与恢复 (a logged-in administrator; the session closes the main window
first), and the start-up finding a damaged database (the person at the PC chooses the backup and
confirms; the damaged file is kept aside, never overwritten).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QPushButton, QWidget

from desktop.clock import format_local
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor
from desktop.services.system import backups
from desktop.views import file_dialogs
from desktop.views.admin.backups_tab import RestoreDialog, kind_text
from desktop.views.i18n import app_title, error_text
from desktop.views.tasks import report_failure, run_write


def tr(text: str) -> str:
    return QCoreApplication.translate("RestoreFlow", text)


def restore_with_progress(
    parent: QWidget | None,
    db_path: Path,
    source: Path,
    actor: Actor | None,
    *,
    other_town_ok: bool = False,
    reason: str = "",
) -> backups.RestoreResult | None:
    """Runs the restore on the writer thread and waits for it with the window responsive; a refusal or
    failure is shown and gives None (the database is then as it was)."""
    progress = QProgressDialog(tr("正在恢复，请不要关闭电脑…"), "", 0, 1000, parent)
    progress.setCancelButton(None)
    progress.setWindowTitle(tr("从备份恢复"))
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setMinimumWidth(420)
    progress.show()
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def step(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(done)

    run_write(
        lambda report: backups.restore(
            db_path, source, actor, other_town_ok=other_town_ok, reason=reason, progress=report
        ),
        lambda result: outcome.__setitem__("result", result),
        on_failed=lambda exc: outcome.__setitem__("error", exc),
        on_progress=step,
        always=loop.quit,
    )
    loop.exec()
    progress.close()
    progress.deleteLater()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        if isinstance(error, UserError):
            QMessageBox.warning(parent, tr("未能恢复"), error_text(error))
        elif isinstance(error, OSError):
            QMessageBox.warning(
                parent,
                tr("未能恢复"),
                tr("读写文件时出错：{error}\n数据库保持原样。").format(error=error.strerror or error),
            )
        else:
            report_failure(error, parent)
        return None
    result = outcome.get("result")
    return result if isinstance(result, backups.RestoreResult) else None


def restored_message(result: backups.RestoreResult) -> str:
    text = tr("已从 {name}（{made} 制作）恢复，用时 {seconds:.0f} 秒。").format(
        name=result.source.name, made=format_local(result.manifest.created), seconds=result.seconds
    )
    if result.kept_aside is not None:
        text += "\n" + tr("原来的数据库已另存为：{path}").format(path=result.kept_aside)
    if result.migrated_from:
        text += "\n" + tr("备份来自旧版本，已自动升级。")
    return text + "\n\n" + tr("请重新登录。备份之后录入的内容需要重新录入。")


def recover_damaged(db_path: Path, problem: BaseException) -> bool:
    """At start-up: tells the person the database is damaged and offers the newest good backup (or
    another file). True when a backup was put in place; the damaged file is kept aside either way."""
    while True:
        newest = backups.newest_good(db_path)
        box = QMessageBox(QMessageBox.Icon.Critical, app_title(), "")
        detail = error_text(problem) if isinstance(problem, UserError) else str(problem)
        text = tr(
            "数据库文件已损坏，程序无法打开它。这通常是电脑在保存时断电或被强行关机造成的。\n\n"
            "数据库文件：{path}"
        ).format(path=db_path)
        latest: QPushButton | None = None
        if newest is not None and newest.manifest is not None:
            m = newest.manifest
            text += "\n\n" + tr(
                "最新的完好备份：{made}（{kind}，事件 {events} 条）。\n"
                "用它恢复后，损坏的文件会改名保存在原处，不会删除；备份之后录入的内容需要重新录入。"
            ).format(made=format_local(m.created), kind=kind_text(m.kind), events=m.counts.get("events", 0))
            latest = box.addButton(tr("用最新的备份恢复"), QMessageBox.ButtonRole.AcceptRole)
        else:
            text += "\n\n" + tr("备份文件夹中没有找到完好的备份。请联系技术人员，不要删除或移动数据库文件。")
        choose = box.addButton(tr("选择备份文件…"), QMessageBox.ButtonRole.ActionRole)
        quit_button = box.addButton(tr("退出"), QMessageBox.ButtonRole.RejectRole)
        box.setText(text)
        box.setDetailedText(detail)
        box.setDefaultButton(quit_button)
        box.exec()
        clicked = box.clickedButton()
        other_town = False
        reason = tr("启动时发现数据库损坏")
        if clicked is latest and newest is not None:
            source = newest.path
            answer = QMessageBox.question(
                None,
                app_title(),
                tr("确定用 {name} 恢复吗？损坏的数据库文件会改名保留。").format(name=source.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                continue
        elif clicked is choose:
            chosen = file_dialogs.open_path(
                box, tr("选择备份文件"), QCoreApplication.translate("BackupsTab", "综治工作台备份 (*.tcbak)")
            )
            if not chosen:
                continue
            source = Path(chosen)
            # The file is read first: what it holds is shown before anything is asked or done.
            try:
                manifest = backups.check_restorable(source, backups.expected_town(db_path))
            except backups.OtherTown as exc:
                answer = QMessageBox.warning(
                    None,
                    app_title(),
                    error_text(exc) + "\n\n" + tr("确实要用其他乡镇的数据吗？"),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    continue
                manifest, other_town = exc.manifest, True
            except UserError as exc:
                QMessageBox.warning(None, app_title(), error_text(exc))
                continue
            dialog = RestoreDialog(source, manifest)
            dialog.reason.setText(reason)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                continue
            reason = dialog.reason.text().strip()
        else:
            return False
        result = restore_with_progress(None, db_path, source, None, other_town_ok=other_town, reason=reason)
        if result is not None:
            QMessageBox.information(None, app_title(), restored_message(result))
            return True
