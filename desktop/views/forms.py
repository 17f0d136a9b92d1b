"""Forms that explain themselves: required marks, hints, and errors next to the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.errors import UserError, ValidationError
from desktop.views.i18n import error_text


class FieldForm(QWidget):
    """A QFormLayout where each field can show its own error message right under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setVerticalSpacing(6)
        outer.addLayout(self.form)
        self.general_error = QLabel()
        self.general_error.setObjectName("formError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        outer.addWidget(self.general_error)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add_field(
        self, key: str, label: str, widget: QWidget, *, required: bool = False, hint: str = ""
    ) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setObjectName("formHint")
            hint_label.setWordWrap(True)
            column.addWidget(hint_label)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        text = f"{label}<span style='color:#c0392b'> *</span>" if required else label
        caption = QLabel(text)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        self.fields[key] = widget
        self.errors[key] = error
        return widget

    def clear_errors(self) -> None:
        for key, label in self.errors.items():
            label.hide()
            self.fields[key].setProperty("invalid", False)
            self._repolish(self.fields[key])
        self.general_error.hide()

    def show_error(self, error: UserError) -> None:
        """Puts a ValidationError next to its field (and focuses it); anything else at the bottom."""
        self.clear_errors()
        field = error.field if isinstance(error, ValidationError) else ""
        if field in self.errors:
            label = self.errors[field]
            label.setText(error_text(error))
            label.show()
            widget = self.fields[field]
            widget.setProperty("invalid", True)
            self._repolish(widget)
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        else:
            self.general_error.setText(error_text(error))
            self.general_error.show()

    def error_for(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if not label.isHidden() else ""

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def qdate(day: date) -> QDate:
    """A QDate from a Python date (PySide6's stubs do not accept a date directly)."""
    return QDate(day.year, day.month, day.day)


def ok_cancel_buttons(dialog: QDialog, ok_text: str, on_ok: Callable[[], object]) -> QDialogButtonBox:
    """The dialogs' button row: the confirming button says what it does (保存, 重置, 确定…)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("FieldForm", "取消")
    )
    box.accepted.connect(on_ok)
    box.rejected.connect(dialog.reject)
    return box
