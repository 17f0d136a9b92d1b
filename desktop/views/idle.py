"""Locks the window after a period without keyboard or mouse input (等保: lock when idle)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit_seconds = minutes * 60
        self.last_input = time.monotonic()
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.last_input = time.monotonic()
        return False

    def check(self, now: float | None = None) -> bool:
        """Emits `idle` once when the limit has passed; returns whether it did."""
        if self.paused:
            return False
        now = time.monotonic() if now is None else now
        if now - self.last_input >= self.limit_seconds:
            self.paused = True
            self.idle.emit()
            return True
        return False

    def resume(self) -> None:
        self.last_input = time.monotonic()
        self.paused = False
