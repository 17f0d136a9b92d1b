"""Helpers shared by the GUI tests (imported by them; fixtures stay in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.demo import town as demo

DEMO_PASSWORD = demo.DEMO_PASSWORD


class MessageBoxes:
    """Records QMessageBox calls instead of blocking on them."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]


def when_modal(action: Callable[[QWidget], None], delay_ms: int = 0, *, closes: bool = True) -> None:
    """Runs `action` on the modal dialog that a following exec() call opens.

    A dialog the action was expected to close but left open is rejected, and the test fails (pytest-qt
    reports exceptions raised in Qt callbacks) instead of hanging on exec().
    """

    def run() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, run)
            return
        try:
            action(widget)
        except BaseException:
            widget.close()
            raise
        if closes and widget.isVisible():
            widget.close()
            raise AssertionError(f"{type(widget).__name__} was left open")

    QTimer.singleShot(delay_ms, run)
