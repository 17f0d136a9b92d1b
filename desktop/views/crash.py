"""Unexpected exceptions: logged, then shown in a dialog with the log path. Never a silent exit."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.views.i18n import app_title, error_text

log = logging.getLogger("towncentre.crash")


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出现意外错误"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        message = QLabel(
            self.tr(
                "很抱歉，程序遇到了一个意外错误。您刚才保存的数据不会丢失，未保存的内容可能需要重新填写。\n"
                "请把下面的日志文件发给信息化人员："
            )
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        path_label = QLabel(str(log_path))
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path_label.setObjectName("crashLogPath")
        layout.addWidget(path_label)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(200)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox()
        copy = QPushButton(self.tr("复制错误详情"))
        copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{log_path}\n\n{details}"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = buttons.addButton(self.tr("退出程序"), QDialogButtonBox.ButtonRole.RejectRole)
        self.continue_button = buttons.addButton(self.tr("继续使用"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ExceptionHook:
    """Installed as sys.excepthook; Qt calls it for exceptions raised in slots and event handlers."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.showing = False
        self.last_dialog: CrashDialog | None = None

    def __call__(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, UserError):
            # A known error that escaped a view: tell the user plainly, no crash dialog.
            log.warning("unhandled user error: %s", value.one_line())
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(_owner(), app_title(), error_text(value))
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.critical("unexpected exception\n%s", details)
        if self.showing or QApplication.instance() is None:
            return
        self.showing = True
        try:
            dialog = CrashDialog(details, self.log_path, _owner())
            self.last_dialog = dialog
            if dialog.exec() == QDialog.DialogCode.Rejected:
                QApplication.exit(70)
        finally:
            self.showing = False


def _owner() -> QWidget | None:
    """The window to show the message over. Not one already closed (e.g. the main window after logging
    out, when a background result arrives late): its pending deletion would take the dialog with it,
    and exec() would return at once as if the user had chosen 退出程序."""
    window = QApplication.activeWindow()
    return window if window is not None and window.isVisible() else None


def install(log_path: Path) -> ExceptionHook:
    hook = ExceptionHook(log_path)
    sys.excepthook = hook
    return hook
