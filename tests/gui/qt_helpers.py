"""Helpers shared by the GUI tests (imported by them; fixtures stay in conftest.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from desktop.demo import town as demo

DEMO_PASSWORD = demo.DEMO_PASSWORD


class MessageBoxes:
    """Records QMessageBox calls instead of blocking on them."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        self.defaults: list[object] = []  # each question's default button (None: Qt's own, 是)

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]


# How long when_modal looks for its dialog. Dialogs open within milliseconds; some only after work on a
# background thread, hence the margin for a loaded machine.
MODAL_TIMEOUT_S = 10.0


class _Wait:
    """One when_modal call still looking for its dialog."""

    def __init__(self, timeout_s: float) -> None:
        self.deadline = time.monotonic() + timeout_s
        self.cancelled = False


_waiting: list[_Wait] = []


def when_modal(
    action: Callable[[QWidget], None],
    delay_ms: int = 0,
    *,
    closes: bool = True,
    timeout_s: float = MODAL_TIMEOUT_S,
    of_type: type[QWidget] | None = None,
) -> None:
    """Runs `action` on the modal dialog that a following exec() call opens.

    A dialog the action was expected to close but left open is rejected, and the test fails (pytest-qt
    reports exceptions raised in Qt callbacks) instead of hanging on exec(). So does a dialog that has
    not opened after `timeout_s`; one still awaited when the test ends fails it too (`missed_dialogs`).
    With `of_type`, other modal dialogs opening first (a progress dialog) are passed over.
    """
    wait = _Wait(delay_ms / 1000 + timeout_s)
    _waiting.append(wait)

    def run() -> None:
        if wait.cancelled:
            return
        widget = QApplication.activeModalWidget()
        if widget is not None and of_type is not None and not isinstance(widget, of_type):
            widget = None
        if widget is None:
            if time.monotonic() < wait.deadline:
                QTimer.singleShot(10, run)
                return
            _waiting.remove(wait)
            raise AssertionError(f"when_modal: no modal dialog opened within {timeout_s:g} s")
        _waiting.remove(wait)
        try:
            action(widget)
        except BaseException:
            _end(widget)
            raise
        if closes and widget.isVisible():
            _end(widget)
            raise AssertionError(f"{type(widget).__name__} was left open")

    QTimer.singleShot(delay_ms, run)


def _end(widget: QWidget) -> None:
    """Closes a dialog without its reject(), which may ask a question nobody is there to answer."""
    if isinstance(widget, QDialog):
        widget.done(QDialog.DialogCode.Rejected)
    else:
        widget.close()


def missed_dialogs() -> int:
    """How many when_modal calls are still waiting; stops them (called when a test ends)."""
    missed = len(_waiting)
    for wait in _waiting:
        wait.cancelled = True
    _waiting.clear()
    return missed
