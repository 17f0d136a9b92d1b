"""备份与恢复: the list of backups with their check results, a backup now or onto a removable drive,
a re-check, and restoring one (the application session closes the window and puts it in place)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import backup_archive
from desktop.clock import format_local, to_local, utc_now
from desktop.db import Database, storage_problem
from desktop.errors import UserError, ValidationError
from desktop.paths import backups_dir
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.system import backups
from desktop.services.system.town import get_town
from desktop.views import file_dialogs
from desktop.views.flow_layout import FlowLayout
from desktop.views.forms import StepDialog
from desktop.views.i18n import error_text
from desktop.views.icons import icon
from desktop.views.tables import setup_read_only_table
from desktop.views.tasks import report_failure, run_read, run_write


def tr(text: str) -> str:
    return QCoreApplication.translate("BackupsTab", text)


def kind_text(kind: str) -> str:
    texts = {
        backups.DAILY: tr("每日自动"),
        backups.SCHEDULED: tr("计划任务"),
        backups.MANUAL: tr("手动"),
        backups.BEFORE_MIGRATION: tr("升级前"),
        backups.BEFORE_RESTORE: tr("恢复前"),
    }
    return texts.get(kind, kind)


def result_text(entry: backups.BackupEntry) -> str:
    m = entry.manifest
    if m is None:
        return tr("无法读取：{why}").format(why=entry.problem)
    if m.integrity != "ok":
        return tr("数据库有损坏")
    if m.attachment_problems:
        return tr("附件有 {n} 处问题").format(n=len(m.attachment_problems))
    return tr("完好")


def short_time(moment: datetime) -> str:
    """11-28 18:04 this year, 2025-12-31 before: the column stays narrow, the hover shows it all."""
    local = to_local(moment)
    if local.year == to_local(utc_now()).year:
        return local.strftime("%m-%d %H:%M")
    return local.strftime("%Y-%m-%d")


def size_text(size: int) -> str:
    if size >= 1 << 30:
        return f"{size / (1 << 30):.1f} GB"
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, size // 1024)} KB"


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
    on_done: Callable[[Any], None],
    *,
    cancellable: bool = True,
    always: Callable[[], None] | None = None,
) -> None:
    """Runs `work(progress, cancelled)` off the GUI thread behind a modal progress dialog."""
    cancel = threading.Event()
    progress = QProgressDialog(label, parent.tr("取消") if cancellable else "", 0, 1000, parent)
    if not cancellable:
        progress.setCancelButton(None)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    progress.setMinimumWidth(420)
    progress.canceled.connect(cancel.set)

    def step(done: int, total: int) -> None:
        if shiboken6.isValid(progress):
            progress.setMaximum(max(total, 1))
            progress.setValue(done)

    def finish() -> None:
        progress.close()
        progress.deleteLater()
        if always is not None:
            always()

    def failed(exc: BaseException) -> None:
        exc = storage_problem(exc) or exc
        if isinstance(exc, backup_archive.BackupCancelled):
            QMessageBox.information(parent, parent.tr("已取消"), error_text(exc))
        elif isinstance(exc, UserError):
            QMessageBox.warning(parent, title, error_text(exc))
        elif isinstance(exc, OSError):
            QMessageBox.warning(
                parent,
                title,
                QCoreApplication.translate("BackupsTab", "无法写入或读取文件：{error}").format(
                    error=exc.strerror or exc
                ),
            )
        else:
            report_failure(exc, parent)

    run_read(
        lambda report: work(report, cancel.is_set),
        on_done,
        on_failed=failed,
        on_progress=step,
        always=finish,
        parent=parent,
    )


class RestoreDialog(StepDialog):
    """What a restore replaces, said before it is done; a reason is required (it goes into the audit
    log), and Enter in an empty box restores nothing."""

    def __init__(
        self, source: Path, manifest: backup_archive.Manifest, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("从备份恢复"), tr("恢复"), parent)
        made = format_local(manifest.created)
        self.intro.setText(
            tr(
                "将用这份备份替换现在的全部数据：\n"
                "文件：{name}\n乡镇：{town}\n制作时间：{made}（{kind}）\n事件：{events} 条\n\n"
                "{made} 以后登记或修改的事件、案件、人员等，恢复后都不在了（它们保存在自动生成的"
                "“恢复前”备份里，可以再恢复回来）。恢复时窗口会关闭，完成后请重新登录。"
            ).format(
                name=source.name,
                town=f"{manifest.town_name}（{manifest.town_code}）",
                made=made,
                kind=kind_text(manifest.kind),
                events=manifest.counts.get("events", 0),
            )
        )
        self.intro.show()
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(tr("例如：误删了一批事件，恢复到昨天的备份"))
        self.form.add_field("reason", tr("恢复原因"), self.reason, required=True, hint=tr("记入审计日志。"))
        self.submit = self._check

    def _check(self) -> None:
        if not self.reason.text().strip():
            raise ValidationError("请写明恢复原因。", "Give the reason for the restore.", "reason")


class BackupsTab(QWidget):
    # A restore replaces the database under the whole window: the application session does it.
    restore_requested = Signal(object, bool, str)  # backup file, another town confirmed, reason
    backup_made = Signal(object)  # BackupResult: the status bar says so at once

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.entries: list[backups.BackupEntry] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "程序每天第一次运行时自动备份一次，保留最近 14 天的每日备份和 12 个月的月备份；"
                "手动备份和升级前、恢复前的备份不会自动删除。每份备份包含数据库和全部附件，"
                "写完后逐项核对。建议每月另备份一份到 U 盘或其他电脑。"
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("formHint")
        layout.addWidget(intro)

        buttons = FlowLayout()
        self.backup_button = QPushButton(icon("fa5s.save"), self.tr("立即备份"))
        self.backup_button.setShortcut(QKeySequence("Ctrl+B"))
        self.backup_button.setToolTip(self.tr("备份到 backups 文件夹（Ctrl+B）"))
        self.copy_button = QPushButton(icon("fa5s.sd-card"), self.tr("备份到 U 盘或其他位置…"))
        self.verify_button = QPushButton(icon("fa5s.check-double"), self.tr("检验所选备份"))
        self.restore_button = QPushButton(icon("fa5s.undo"), self.tr("用所选备份恢复…"))
        self.restore_file_button = QPushButton(icon("fa5s.folder-open"), self.tr("从备份文件恢复…"))
        self.folder_button = QPushButton(icon("fa5s.folder"), self.tr("打开备份文件夹"))
        self.refresh_button = QPushButton(icon("fa5s.sync-alt"), self.tr("刷新"))
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.copy_button.setToolTip(self.tr("选择 U 盘或其他文件夹，另存一份备份"))
        self.verify_button.setToolTip(self.tr("重新读出所选备份的每一项，与制作时的校验值核对"))
        self.restore_button.setToolTip(self.tr("先在列表中选中一份完好的备份"))
        self.restore_file_button.setToolTip(self.tr("从 U 盘等位置选择一个 .tcbak 备份文件恢复"))
        self.refresh_button.setToolTip(self.tr("重新读取备份文件夹（F5）"))
        for button in (
            self.backup_button, self.copy_button, self.verify_button, self.restore_button,
            self.restore_file_button, self.folder_button, self.refresh_button,
        ):  # fmt: skip
            buttons.addWidget(button)
        layout.addLayout(buttons)

        headers = (
            self.tr("制作时间"), self.tr("类型"), self.tr("大小"), self.tr("检验结果"), self.tr("乡镇"),
            self.tr("事件数"), self.tr("文件"),
        )  # fmt: skip
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        setup_read_only_table(self.table, wrap=False)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(
            ("26-11-28 18:04", "每日自动", "1023.9 MB", "附件有 99 处问题", "清溪镇", "1000000")
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.backup_button.clicked.connect(lambda: self.back_up_now())
        self.copy_button.clicked.connect(self.back_up_elsewhere)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.folder_button.clicked.connect(self.open_folder)
        self.refresh_button.clicked.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self.reload()
        self.shown_before = False  # the first show has the list just read

    def showEvent(self, event: QShowEvent) -> None:
        # Backups made meanwhile (the daily one, a scheduled task's) show when the page is looked at.
        super().showEvent(event)
        if self.shown_before:
            self.reload()
        self.shown_before = True

    # --- the list ------------------------------------------------------------------------------
    def reload(self) -> None:
        path = self.db.path
        run_read(lambda _report: backups.list_backups(path), self._show, parent=self)

    def _show(self, entries: list[backups.BackupEntry]) -> None:
        chosen = self.selected()
        self.table.clearSelection()
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            m = entry.manifest
            values = (
                short_time(entry.created),
                kind_text(m.kind) if m else "—",
                size_text(entry.size),
                result_text(entry),
                m.town_name if m else "",
                str(m.counts.get("events", 0)) if m else "",
                entry.path.name,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                # A cut cell can still be read in full; the time with its year and seconds.
                item.setToolTip(format_local(entry.created, with_seconds=True) if column == 0 else value)
                if column == 3:
                    item.setForeground(Qt.GlobalColor.darkGreen if entry.is_good else Qt.GlobalColor.darkRed)
                    if m is not None and not entry.is_good:
                        item.setToolTip("\n".join([m.integrity, *m.attachment_problems]))
                self.table.setItem(row, column, item)
        if chosen is not None:
            # The highlight stays on the same file when a new backup moves the rows down.
            row = next((i for i, e in enumerate(entries) if e.path == chosen.path), -1)
            if row >= 0:
                self.table.selectRow(row)
        good = sum(1 for e in entries if e.is_good)
        self.status.setText(
            self.tr("共 {n} 份备份，其中 {good} 份完好。备份文件夹：{folder}").format(
                n=len(entries), good=good, folder=backups_dir(self.db.path)
            )
        )
        self._selection_changed()

    def selected(self) -> backups.BackupEntry | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.entries) and self.table.selectedItems():
            return self.entries[row]
        return None

    def _selection_changed(self) -> None:
        entry = self.selected()
        self.verify_button.setEnabled(entry is not None)
        self.restore_button.setEnabled(entry is not None and entry.manifest is not None)

    # --- making and checking backups -----------------------------------------------------------
    def back_up_now(self, target: Path | None = None) -> None:
        db, actor = self.db, self.actor
        self.backup_button.setEnabled(False)

        def done(result: backups.BackupResult) -> None:
            run_write(lambda _report: backups.record_backup(db, actor, result), parent=self)
            self.reload()
            self.backup_made.emit(result)
            message = self.tr("已备份到：\n{path}\n大小 {size}，用时 {seconds:.1f} 秒，已逐项核对。").format(
                path=result.path, size=size_text(result.path.stat().st_size), seconds=result.seconds
            )
            if result.manifest.integrity != "ok":
                QMessageBox.warning(
                    self,
                    self.tr("数据库有损坏"),
                    message
                    + "\n\n"
                    + self.tr("但完整性检查发现数据库有损坏：{problem}\n请尽快联系技术人员。").format(
                        problem=result.manifest.integrity
                    ),
                )
            else:
                QMessageBox.information(self, self.tr("备份完成"), message)

        def work(report: Callable[[int, int], None], cancelled: Callable[[], bool]) -> backups.BackupResult:
            # The file is written on a reader thread: minutes on a large database must not hold up the
            # writer (saves). Only the audit row goes to the writer, once the file is there.
            actor.require(Permission.SYSTEM_SETTINGS)
            return backups.write(
                db.path, kind=backups.MANUAL, made_by=actor.username, target=target, progress=report,
                cancelled=cancelled, overwrite=True,  # the save dialog asked before replacing a file
            )  # fmt: skip

        run_with_progress(
            self,
            self.tr("备份"),
            self.tr("正在备份数据库和附件…"),
            work,
            done,
            always=lambda: self.backup_button.setEnabled(True),
        )

    def back_up_elsewhere(self) -> None:
        name = backups.file_name(self.db.path, backups.MANUAL, self.db.clock())
        chosen = file_dialogs.save_path(self, self.tr("备份到"), name, self.tr("综治工作台备份 (*.tcbak)"))
        if chosen:
            self.back_up_now(Path(chosen))

    def verify_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return

        def done(_manifest: backup_archive.Manifest) -> None:
            QMessageBox.information(
                self,
                self.tr("检验备份"),
                self.tr("{name} 完好：数据库和 {n} 个附件与制作时的校验值一致。").format(
                    name=entry.path.name, n=len(_manifest.attachments)
                ),
            )

        run_with_progress(
            self,
            self.tr("检验备份"),
            self.tr("正在逐项核对备份文件…"),
            lambda report, cancelled: backup_archive.verify_backup(
                entry.path, progress=report, cancelled=cancelled
            ),
            done,
        )

    def open_folder(self) -> None:
        folder = backups_dir(self.db.path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- restore -------------------------------------------------------------------------------
    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.confirm_restore(entry.path)

    def restore_from_file(self) -> None:
        chosen = file_dialogs.open_path(self, self.tr("选择备份文件"), self.tr("综治工作台备份 (*.tcbak)"))
        if chosen:
            self.confirm_restore(Path(chosen))

    def confirm_restore(self, source: Path) -> None:
        """Every refusal (not a backup, damaged, a newer program's) is found before anything changes;
        another town's backup needs a second, explicit yes."""
        info = get_town(self.db)
        town_code = info.area_code if info else ""
        other_town = False
        try:
            manifest = backups.check_restorable(source, town_code)
        except backups.OtherTown as exc:
            answer = QMessageBox.warning(
                self,
                self.tr("其他乡镇的备份"),
                error_text(exc) + "\n\n" + self.tr("确实要用其他乡镇的数据替换本镇的数据吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            other_town = True
            manifest = exc.manifest
        except UserError as exc:
            QMessageBox.warning(self, self.tr("不能恢复"), error_text(exc))
            return
        dialog = RestoreDialog(source, manifest, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dialog.reason.text().strip()
        self.restore_requested.emit(source, other_town, reason)
