"""The daily backup while the program runs: once a day, a few minutes after the first login, on a
reader thread (it only reads the database), with its result in the status bar. A backup whose
integrity_check finds damage is told to whoever is logged in, in plain words."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.clock import format_local, utc_now
from desktop.errors import UserError
from desktop.views.tasks import run_read

if TYPE_CHECKING:
    from desktop.services.system.backups import BackupResult

log = logging.getLogger("towncentre.backup")

FIRST_CHECK_MS = 2 * 60 * 1000  # after the first login: the start-up and the first work come first
CHECK_EVERY_MS = 60 * 60 * 1000  # a PC left on overnight makes the next day's copy


class DailyBackup(QObject):
    started = Signal()
    finished = Signal(object)  # BackupResult, or None when today's copy already existed
    failed = Signal(str)  # a plain reason

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.running = False
        self.stopping = threading.Event()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self, first_delay_ms: int = FIRST_CHECK_MS) -> None:
        self.stopping.clear()
        if not self.timer.isActive():
            self.timer.start()
            QTimer.singleShot(first_delay_ms, self, self.check)

    def stop(self) -> None:
        """Stops the timer and asks a running backup to give up (its .part file is removed)."""
        self.timer.stop()
        self.stopping.set()

    def check(self) -> None:
        if self.running or self.stopping.is_set():
            return
        self.running = True
        path = self.db_path

        def work(_report: object) -> BackupResult | None:
            # Imported here, on the reader thread: the backup code is not needed to start the program.
            from desktop.services.system import backups

            if not backups.daily_due(path):
                return None
            self.started.emit()  # queued to the GUI thread: "正在备份…" while it runs
            return backups.run_daily(path, cancelled=self.stopping.is_set)

        run_read(
            work,
            self._done,
            on_failed=self._failed,
            always=self._idle,
        )

    def _idle(self) -> None:
        self.running = False

    def _done(self, result: BackupResult | None) -> None:
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        if self.stopping.is_set():
            return
        log.error("the daily backup failed", exc_info=exc)
        if isinstance(exc, UserError):
            self.failed.emit(exc.zh)
        elif isinstance(exc, OSError):
            self.failed.emit(exc.strerror or str(exc))
        else:
            self.failed.emit(repr(exc))


def latest_text(db_path: Path) -> tuple[str, str]:
    """(status bar text, tooltip) for this database's newest good backup of any kind, e.g. at login."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("DailyBackup", text)

    from desktop.services.system import backups

    newest = backups.newest_own(db_path)
    if newest is None:
        return tr("备份：还没有备份"), tr("系统管理 → 备份与恢复")
    when = format_local(newest.created)
    today = format_local(utc_now())[:10]
    text = (
        tr("备份：今天 {time}").format(time=when[-5:])
        if when[:10] == today
        else tr("备份：最近一次 {when}").format(when=when[5:])
    )
    return text, str(newest.path)


def state_text(result: BackupResult | None, db_path: Path) -> tuple[str, str]:
    """(status bar text, tooltip) after a daily check."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("DailyBackup", text)

    if result is None:
        return latest_text(db_path)
    if result.manifest.integrity != "ok":
        return tr("备份：发现数据库损坏"), result.manifest.integrity
    return (
        tr("备份：今天 {time} 已完成").format(time=format_local(result.manifest.created)[-5:]),
        str(result.path),
    )
