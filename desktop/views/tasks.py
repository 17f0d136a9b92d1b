"""Slow work off the GUI thread (STYLE.md 3 and 15): one writer, a pool of readers, signals back.

Database writes (saves, workflow steps, imports, exports that write an audit row) run one after
another on a single-thread pool, so SQLite sees one writer and two writes never interleave. Reads
(counts, checks) run on a pool of their own. Results, failures and progress come back to the GUI
thread through signals. A failure nobody handles takes the default path: a `UserError` is a message
the user can act on, anything else is a bug and goes to the crash dialog. On quit, app.py waits for
both pools before it closes the database (`wait_for_background`).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.db import storage_problem
from desktop.errors import UserError
from desktop.views.first_paint import after_first_paint
from desktop.views.i18n import error_text

log = logging.getLogger("towncentre.tasks")

Progress = Callable[[int, int], None]
T = TypeVar("T")

# On quit: long enough for a save or an audited export to finish, short enough not to hang the exit.
WAIT_ON_QUIT_MS = 30_000


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Task(QRunnable):
    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._work = work
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit)
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[Task] = set()  # keeps each Task (and its signals) alive until its result is delivered
_pools: dict[str, QThreadPool] = {}


def writer_pool() -> QThreadPool:
    """The one thread that writes: writes run in the order they were started, never two at once."""
    pool = _pools.get("writer")
    if pool is None:
        pool = _pools["writer"] = QThreadPool()
        pool.setMaxThreadCount(1)
    return pool


def reader_pool() -> QThreadPool:
    """Reads that may take a while (counts over a large list, the audit chain check)."""
    pool = _pools.get("reader")
    if pool is None:
        pool = _pools["reader"] = QThreadPool()
        pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
    return pool


def run_write(
    work: Callable[[Progress], T],
    on_done: Callable[[T], None] | None = None,
    *,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Progress | None = None,
    always: Callable[[], None] | None = None,
    parent: QWidget | None = None,
) -> Task:
    """Runs `work(progress)` on the writer thread; see `_start` for the callbacks."""
    return _start(writer_pool(), work, on_done, on_failed, on_progress, always, parent)


def run_read(
    work: Callable[[Progress], T],
    on_done: Callable[[T], None] | None = None,
    *,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Progress | None = None,
    always: Callable[[], None] | None = None,
    parent: QWidget | None = None,
) -> Task:
    """Runs `work(progress)` on the reader pool; `work` must not write."""
    return _start(reader_pool(), work, on_done, on_failed, on_progress, always, parent)


def _start(
    pool: QThreadPool,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None] | None,
    on_failed: Callable[[BaseException], None] | None,
    on_progress: Progress | None,
    always: Callable[[], None] | None,
    parent: QWidget | None,
) -> Task:
    """The callbacks run on the GUI thread. `always` runs first, after success or failure alike (to
    re-enable a button before any message box opens). Without `on_failed`, `report_failure` shows the
    error. With a `parent`, nothing runs once that widget is gone (a page closed by logging out),
    except that a bug is still reported."""
    task = Task(work)
    _running.add(task)

    def alive() -> bool:
        return parent is None or shiboken6.isValid(parent)

    def finish_ok(result: T) -> None:
        _running.discard(task)
        if not alive():
            return
        if always is not None:
            always()
        if on_done is not None:
            on_done(result)

    def finish_failed(exc: BaseException) -> None:
        _running.discard(task)
        if not alive():
            if not isinstance(exc, UserError):
                report_failure(exc)
            return
        if always is not None:
            always()
        if on_failed is not None:
            on_failed(exc)
        else:
            report_failure(exc, parent)

    def progressed(done: int, total: int) -> None:
        if on_progress is not None and alive():
            on_progress(done, total)

    task.signals.done.connect(finish_ok)
    task.signals.failed.connect(finish_failed)
    if on_progress is not None:
        task.signals.progress.connect(progressed)
    if _held is not None and pool is reader_pool():
        _held.append((task, parent))
    else:
        _start_now(pool, task)
    return task


def _start_now(pool: QThreadPool, task: Task) -> None:
    # Threads never map models: the late ones (desktop/models/__init__.py) load here, on the GUI
    # thread, before a thread can run a query that would find them half-imported.
    from desktop import models

    models.load_all()
    pool.start(task)


# Reads asked for while the program's first window is built (我的待办's counts), held until it has
# painted: the window comes 0.2–0.3 s sooner, and its counts follow (issue 18). Writes are never held.
_held: list[tuple[Task, QWidget | None]] | None = None
HOLD_AT_MOST_MS = 2_000  # for a window that never paints (minimized at start)


def hold() -> None:
    """Call before building the first window; `release_when_painted` names the window."""
    global _held
    if _held is None:
        _held = []


def release_when_painted(window: QWidget, longest_ms: int = HOLD_AT_MOST_MS) -> None:
    """Starts the held reads, with the late models loaded first, once `window` has painted; drops them
    if it is closed first (they were for it)."""
    after_first_paint(window, release_held, closed=lambda: release_held(dropping_for=window))
    QTimer.singleShot(longest_ms, release_held)


def release_held(dropping_for: QWidget | None = None) -> None:
    """Starts the held reads; with `dropping_for`, a window closed before it painted, its own reads
    are dropped instead, and the others (the daily backup's check) still start."""
    global _held
    held, _held = _held, None
    for task, parent in held or ():
        if dropping_for is not None and parent is not None and _within(parent, dropping_for):
            _running.discard(task)
        else:
            _start_now(reader_pool(), task)


def _within(widget: QWidget, window: QWidget) -> bool:
    return not shiboken6.isValid(widget) or widget is window or window.isAncestorOf(widget)


def drop_held() -> None:
    """On quit: the held reads are for a window that never painted, and nothing waits for them."""
    global _held
    held, _held = _held, None
    for task, _parent in held or ():
        _running.discard(task)


def report_failure(exc: BaseException, parent: QWidget | None = None) -> None:
    """The default failure path: a known error as a message, a bug to the crash dialog and the log
    (through the excepthook app.py installs; under pytest-qt, that hook fails the test). A full disk
    or a folder turned read-only is no bug: the person is told, and the program carries on."""
    exc = storage_problem(exc) or exc
    if isinstance(exc, UserError):
        show_user_error(parent, exc)
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def show_user_error(parent: QWidget | None, error: UserError) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("Messages", "提示"), error_text(error))


def wait_for_background(timeout_ms: int = WAIT_ON_QUIT_MS) -> bool:
    """Blocks until the writer, then the readers, are idle; False (logged) if the time ran out first."""
    drop_held()  # reads for a window that never painted
    deadline = time.monotonic() + timeout_ms / 1000
    for name in ("writer", "reader"):
        pool = _pools.get(name)
        if pool is None:
            continue
        left = max(0, int((deadline - time.monotonic()) * 1000))
        if not pool.waitForDone(left):
            log.error("background %s work still running after %d ms; closing anyway", name, timeout_ms)
            return False
    return True
