"""Run something once a window has first painted: what the person waits for comes before what can wait
(issue 18)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(
        self, widget: QWidget, callback: Callable[[], object], closed: Callable[[], object] | None
    ) -> None:
        super().__init__(widget)
        self.callback = callback
        self.closed = closed
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # The next turn of the event loop: a window paints its children after its own Paint event.
            QTimer.singleShot(0, self.callback)
            self.deleteLater()
        elif kind == QEvent.Type.Close and self.closed is not None:
            watched.removeEventFilter(self)
            self.closed()
            self.deleteLater()
        return False


def after_first_paint(
    widget: QWidget, callback: Callable[[], object], closed: Callable[[], object] | None = None
) -> None:
    """Calls `callback` on the GUI thread once `widget` (a window) has painted for the first time, or
    `closed` (if given) instead, should the window be closed before it ever painted."""
    _FirstPaint(widget, callback, closed)
