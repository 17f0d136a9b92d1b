"""Rounds with the county hub while the program runs: every `interval_minutes` (the first about a
minute after login) and on 「立即同步」, on the background writer, never two at once. A town that has
not set up the link is skipped quietly; the status bar says so.

Follows desktop/views/daily_backup.py: a small QObject whose signals the main window (status bar) and
the 数据同步 page listen to.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.sync.rounds import RoundResult

from desktop.db import Database, storage_problem
from desktop.errors import UserError
from desktop.views.i18n import error_text
from desktop.views.sync import names
from desktop.views.tasks import run_write

log = logging.getLogger("towncentre.sync")

FIRST_ROUND_MS = 60 * 1000  # after login: the start-up and the first work come first
MIN_INTERVAL = 5  # minutes (desktop/sync/settings.py checks what is saved)
# sync_round.trigger (desktop/sync/rounds.py), kept here so the window opens without the link's code.
TRIGGER_SCHEDULE = "定时"
TRIGGER_MANUAL = "手动"


class SyncSchedule(QObject):
    started = Signal()
    progress = Signal(str)  # what the round is doing, in the user's language
    finished = Signal(object)  # rounds.RoundResult (ok or not)
    skipped = Signal()  # a scheduled round with no hub address or no token: nothing was tried
    failed = Signal(str)  # the round itself broke (disk full, a bug): a plain reason

    def __init__(self, db: Database, owner: QWidget) -> None:
        super().__init__(owner)
        self.db = db
        self.owner = owner  # results are dropped once it is gone (logged out)
        self.running = False
        self.stopping = threading.Event()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.scheduled)

    def start(self, first_delay_ms: int = FIRST_ROUND_MS) -> None:
        self.stopping.clear()
        if not self.timer.isActive():
            from desktop.sync import settings as link

            self.set_interval(link.load(self.db).interval_minutes)
            self.timer.start()
            QTimer.singleShot(first_delay_ms, self, self.scheduled)

    def set_interval(self, minutes: int) -> None:
        """Takes a new interval from the settings; once started, the next round is `minutes` from now."""
        self.timer.setInterval(max(minutes, MIN_INTERVAL) * 60 * 1000)
        if self.timer.isActive():
            self.timer.start()

    def stop(self) -> None:
        """No more rounds; a running one stops at its next step (what it committed stays)."""
        self.timer.stop()
        self.stopping.set()

    def scheduled(self) -> None:
        self.run(TRIGGER_SCHEDULE)

    def run_now(self) -> bool:
        """「立即同步」: False when a round is already running (the button waits for it)."""
        started = self.run(TRIGGER_MANUAL)
        if started and self.timer.isActive():
            self.timer.start()  # the next scheduled round counts from this one
        return started

    def run(self, trigger: str) -> bool:
        if self.running or self.stopping.is_set():
            return False
        self.running = True
        self.started.emit()
        db, stopping, quiet = self.db, self.stopping, trigger == TRIGGER_SCHEDULE

        def report(what: str, done: int, total: int) -> None:
            # On the writer thread: the signal is queued to the GUI thread.
            if stopping.is_set():
                from desktop.sync.transport import SyncError

                raise SyncError(
                    "程序退出或换人登录，本轮同步已中断，下次同步时继续。",
                    "The program closed or the user logged out; the round stopped.",
                )
            text = names.word(what)
            if total:
                text += f" {done}/{total}"
            elif done:
                text += f" {done}"
            self.progress.emit(text)

        def work(_p: object) -> RoundResult | None:
            from desktop.sync import rounds  # on the writer thread

            return rounds.run_for_town(db, trigger=trigger, progress=report, quiet_when_unset=quiet)

        run_write(
            work,
            self._done,
            on_failed=self._failed,
            always=self._idle,
            parent=self.owner,
        )
        return True

    def _idle(self) -> None:
        self.running = False

    def _done(self, result: RoundResult | None) -> None:
        if result is None:
            self.skipped.emit()
        else:
            self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        log.error("a sync round failed", exc_info=exc)
        exc = storage_problem(exc) or exc
        if isinstance(exc, UserError):
            self.failed.emit(error_text(exc))
        elif isinstance(exc, OSError):
            self.failed.emit(exc.strerror or str(exc))
        else:
            self.failed.emit(repr(exc))
