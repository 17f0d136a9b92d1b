"""Qt's own messages go to Python logging (STYLE.md §13)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("towncentre.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

Handler = Callable[[QtMsgType, QMessageLogContext, str], None]
_previous: Handler | None = None


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    log.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
    if _previous is not None:
        _previous(kind, context, message)


def install() -> None:
    """Routes Qt's messages to the log. A handler installed before (pytest-qt's, which fails a test on
    a Qt warning) still gets every message; Qt's default one (None here) is replaced."""
    global _previous
    previous = qInstallMessageHandler(_handler)
    if previous is not _handler:
        _previous = previous
