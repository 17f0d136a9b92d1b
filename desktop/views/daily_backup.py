"""The daily backup while the program runs: once a day, a few minutes after the first login, on a
reader thread (it only reads the database), with its result in the status bar. A backup whose
integrity_check finds damage is told to whoever is logged in, in plain words."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.clock import format_local
from desktop.errors import UserError
from desktop.services.system import backups
from desktop.views.tasks import run_read

log = logging.getLogger("towncentre.backup")

FIRST_CHECK_MS = 2 * 60 * 1000  # after the first login: the start-up and the first work come first
CHECK_EVERY_MS = 60 * 60 * 1000  # a PC left on overnight makes the next day's copy


class DailyBackup(QObject):
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
        run_read(
            lambda _report: backups.run_daily(path, cancelled=self.stopping.is_set),
            self._done,
            on_failed=self._failed,
            always=self._idle,
        )

    def _idle(self) -> None:
        self.running = False

    def _done(self, result: backups.BackupResult | None) -> None:
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


def state_text(result: backups.BackupResult | None, db_path: Path) -> tuple[str, str]:
    """(status bar text, tooltip) after a daily check."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("DailyBackup", text)

    if result is None:
        last = backups.last_daily(db_path)
        when = format_local(last.created) if last else ""
        return tr("备份：今天已备份"), tr("今天的每日备份：{when}").format(when=when)
    if result.manifest.integrity != "ok":
        return tr("备份：发现数据库损坏"), result.manifest.integrity
    return (
        tr("备份：今天 {time} 已完成").format(time=format_local(result.manifest.created)[-5:]),
        str(result.path),
    )
