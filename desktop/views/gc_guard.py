"""Python's cyclic garbage collection, run on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate, a background reader or
writer included. When it frees a cycle holding a Qt object (a dialog's model, a timer), the C++ object
is destroyed in that thread: Qt prints "QBasicTimer::stop: Failed. Possibly trying to stop from a
different thread" and may crash a moment later. So automatic collection is off, and a timer on the
GUI thread collects whenever the generation counts say Python would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> None:
        first, second, third = gc.get_count()
        if first > self.threshold[0]:
            gc.collect(0)
            if second > self.threshold[1]:
                gc.collect(1)
                if third > self.threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def freeze_start_up() -> None:
    """Puts every object alive now out of the collector's reach (gc.freeze): call it once the start has
    imported what the login and the main window need. Those modules, classes and functions live as long
    as the program; collection is off while they are imported, so the first collection afterwards went
    through all of them (0.1-0.3 s of the main window's start, issue 18), and every full one after
    that again. Cycles among them are never freed (there are few: they are the program's code)."""
    gc.freeze()


def install(parent: QObject) -> MainThreadCollector:
    """Call once, on the GUI thread, after the application exists; lives as long as `parent`."""
    return MainThreadCollector(parent)
