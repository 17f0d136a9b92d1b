"""Forms that explain themselves: required marks, hints, and errors next to the field; the dialog
for one step of a workflow, shared by the event and mediation pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError, ValidationError
from desktop.views.i18n import error_text
from desktop.views.screen_fit import fit_window, scrolling

_W = TypeVar("_W", bound=QWidget)


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
            _scroll_into_view(label)
        else:
            self.general_error.setText(error_text(error))
            self.general_error.show()
            _scroll_into_view(self.general_error)

    def error_for(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if not label.isHidden() else ""

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def _scroll_into_view(widget: QWidget) -> None:
    """An error below the visible part of a scrolling form would look like nothing happened."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        area = parent
        # After the layout has placed the newly shown label; dropped if the dialog is gone by then.
        QTimer.singleShot(0, widget, lambda: area.ensureWidgetVisible(widget, 20, 40))


def field(form: FieldForm, key: str, label: str, widget: _W, *, required: bool = False, hint: str = "") -> _W:
    """`FieldForm.add_field` that hands back the widget with its own type."""
    form.add_field(key, label, widget, required=required, hint=hint)
    return widget


_Edit = TypeVar("_Edit", QLineEdit, QPlainTextEdit)


LIMIT_PROPERTY = "textLimit"  # the field's limit, kept on the box (tests and the service agree on it)
_OVER_STYLE = "border: 1px solid #c0392b;"


def limited(edit: _Edit, limit: int) -> _Edit:
    """Marks the box as soon as its text passes the field's limit (a constant of
    desktop.services.common.text, the table the services check against): a red frame and a tooltip
    「最多 N 字，现有 M 字」. What was typed or pasted is never cut: a name or a statement cut silently
    would be stored and printed wrong; on saving, the service refuses it naming the limit."""
    edit.setProperty(LIMIT_PROPERTY, limit)

    def check() -> None:
        over_before = bool(edit.property("overLimit"))
        # Cheap test first for long text: UTF-16 units ≥ characters.
        short = isinstance(edit, QPlainTextEdit) and edit.document().characterCount() - 1 <= limit
        if short and not over_before:
            return
        count = len(edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText())
        over = count > limit
        if over:
            edit.setToolTip(
                QCoreApplication.translate("FieldForm", "最多 {limit} 字，现有 {count} 字，请删减。").format(
                    limit=limit, count=count
                )
            )
        if over != over_before:
            edit.setProperty("overLimit", over)
            edit.setStyleSheet(_OVER_STYLE if over else "")
            if not over:
                edit.setToolTip("")

    edit.textChanged.connect(check)
    return edit


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


class StepDialog(QDialog):
    """One step of a workflow (an event's 受理 or 分拨, a mediation case's 调解记录…): an optional intro
    line, the step's fields and a button that says what it does. `submit` calls the service; a UserError
    it raises is shown next to its field and the dialog stays open. Enter and Esc work as in any dialog;
    Ctrl+Enter submits from anywhere, inside a multi-line text box too, where Enter starts a new line."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.sized = False  # on first show, when the caller has added the fields
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("formHint")
        self.intro.hide()
        self.layout_.addWidget(self.intro)
        self.form = FieldForm()
        # The fields scroll on a small screen; the intro above and the buttons below stay in view.
        self.layout_.addWidget(scrolling(self.form), 1)
        self.submit: Callable[[], object] = lambda: None
        self.outcome: object = None  # what `submit` returned (a service's `Changes`), once accepted
        self.buttons = ok_cancel_buttons(self, ok_text, self.save)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setToolTip("Ctrl+Enter")
        self.layout_.addWidget(self.buttons)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.save)

    def showEvent(self, event: QShowEvent) -> None:
        if not self.sized:
            self.sized = True
            fit_window(self, 720, 0)
        super().showEvent(event)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def save(self) -> None:
        try:
            self.outcome = self.submit()
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()
