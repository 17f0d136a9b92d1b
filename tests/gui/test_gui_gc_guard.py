"""Garbage cycles are collected on the GUI thread, never by a worker thread (desktop/views/gc_guard.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.views import tasks


class Cycle(QObject):
    """A Qt object in a reference cycle: only the cyclic collector frees it."""

    destroyed_in: list[str] = []  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self.me = self
        self.destroyed.connect(lambda: None)

    def __del__(self) -> None:
        Cycle.destroyed_in.append(threading.current_thread().name)


def test_cycles_holding_qt_objects_are_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    assert not gc.isenabled(), "the GUI tests run with the program's collector"
    Cycle.destroyed_in.clear()
    count = gc.get_threshold()[0] + 300  # more garbage than Python lets pile up before collecting
    for _ in range(count):
        Cycle()

    def churn(_progress: object) -> list[list[int]]:
        # A worker allocating a lot: with automatic collection it would free the cycles here.
        return [[i] for i in range(200_000)]

    done: list[list[list[int]]] = []
    tasks.run_read(churn, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    qtbot.waitUntil(lambda: len(Cycle.destroyed_in) == count, timeout=5_000)
    assert set(Cycle.destroyed_in) == {threading.main_thread().name}
