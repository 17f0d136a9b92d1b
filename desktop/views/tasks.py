"""Running slow work off the GUI thread (STYLE.md §3): QThreadPool + signals back to the GUI."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int], None]


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


_running: set[Task] = set()


def run_in_background(
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Task:
    """`work(progress)` runs on the pool; the callbacks run on the GUI thread."""
    task = Task(work)
    _running.add(task)

    def finish_ok(result: Any) -> None:
        _running.discard(task)
        on_done(result)

    def finish_failed(exc: BaseException) -> None:
        _running.discard(task)
        on_failed(exc)

    task.signals.done.connect(finish_ok)
    task.signals.failed.connect(finish_failed)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(task)
    return task
