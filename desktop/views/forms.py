"""Forms that explain themselves: required marks, hints, and errors next to the field; the dialog
for one step of a workflow, shared by the event and mediation pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QObject,
    Qt,
    QTimer,
    QTimeZone,
    SignalInstance,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QShortcut,
    QShowEvent,
    QTextCharFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError, ValidationError, ValidationErrors
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
        self.hints: dict[str, QLabel] = {}

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
            self.hints[key] = hint_label
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
        for signal in _edited_signals(widget):
            signal.connect(lambda *_args, key=key: self.clear_error(key))
        return widget

    def set_hint(self, key: str, text: str) -> None:
        """Replaces the help line under a field made with a hint (what the form knows now)."""
        self.hints[key].setText(text)

    def clear_errors(self) -> None:
        for key in self.errors:
            self.clear_error(key)
        self.general_error.hide()

    def clear_error(self, key: str) -> None:
        label = self.errors[key]
        if label.isHidden():
            return
        label.hide()
        label.setMinimumHeight(0)
        self.fields[key].setProperty("invalid", False)
        self._repolish(self.fields[key])

    def show_error(self, error: UserError) -> None:
        """Puts a ValidationError next to its field (and focuses it); anything else at the bottom."""
        self.show_errors(error_list(error))

    def show_errors(self, errors: Sequence[UserError], *, focus: bool = True) -> list[QWidget]:
        """Every message next to its field at once (the first of them focused), the others at the
        bottom; each field's message goes as soon as that field is edited. Returns the marked fields
        in the form's order, for a dialog made of several forms to focus the first."""
        self.clear_errors()
        general: list[str] = []
        for error in errors:
            key = error.field if isinstance(error, ValidationError) else ""
            if key not in self.errors:
                general.append(error_text(error))
                continue
            label = self.errors[key]
            shown = label.text().splitlines() if not label.isHidden() else []
            label.setText("\n".join([*shown, error_text(error)]))
            label.show()
            widget = self.fields[key]
            widget.setProperty("invalid", True)
            self._repolish(widget)
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        marked = [self.fields[key] for key, label in self.errors.items() if not label.isHidden()]
        if focus and marked:
            focus_field(marked[0])
            _scroll_into_view(self.errors[self.key_of(marked[0])])
        elif focus and general:
            _scroll_into_view(self.general_error)
        keep_whole([self.general_error, *(self.errors[self.key_of(w)] for w in marked)])
        return marked

    def key_of(self, widget: QWidget) -> str:
        return next(key for key, shown in self.fields.items() if shown is widget)

    def error_for(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if not label.isHidden() else ""

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def error_list(error: UserError) -> list[UserError]:
    """The errors a refusal carries: several for a ValidationErrors, else the one."""
    return list(error.errors) if isinstance(error, ValidationErrors) else [error]


def focus_field(widget: QWidget) -> None:
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()


def _edited_signals(widget: QWidget) -> list[SignalInstance]:
    """The signals saying the user changed a field (what clears its error message). A composite field
    (a picker, an attachment list) counts as edited when any box or list inside it changes."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        return [widget.currentIndexChanged, widget.editTextChanged]
    if isinstance(widget, QAbstractButton):
        return [widget.toggled]
    if isinstance(widget, QDateTimeEdit):  # QDateEdit included
        return [widget.dateTimeChanged]
    if isinstance(widget, QSpinBox):
        return [widget.valueChanged]
    signals: list[SignalInstance] = []
    for child in widget.findChildren(QWidget, "", Qt.FindChildOption.FindDirectChildrenOnly):
        if isinstance(child, QAbstractItemView) and (model := child.model()) is not None:
            signals += [model.rowsInserted, model.rowsRemoved]
        elif isinstance(child, QLineEdit | QPlainTextEdit):
            signals.append(child.textChanged)
    return signals


def keep_whole(labels: Sequence[QLabel]) -> None:
    """Keeps word-wrapped messages that just appeared whole. Qt sizes a window and a form row at one
    line per label (their height-for-width comes a couple of pixels short), so a two-line error under
    a field was squeezed over the box above it and cut off (the login's lock warning). Each label is
    held at the height its text needs at its width; the window grows to that if it must."""
    shown = [label for label in labels if label.isVisible()]
    for label in shown:
        label.setMinimumHeight(0)
    _relayout(shown)  # gives the labels their widths
    for label in shown:
        label.setMinimumHeight(label.heightForWidth(label.width()))
    _relayout(shown)  # now, not at the next pass of the event loop: the caller may look at once


def _relayout(widgets: Sequence[QWidget]) -> None:
    """Lays out the widgets' parents from the inside out, up to the window."""
    parents: list[QWidget] = []
    for widget in widgets:
        parent = widget.parentWidget()
        while parent is not None:
            if parent not in parents:
                parents.append(parent)
            parent = None if parent.isWindow() else parent.parentWidget()
    for parent in sorted(parents, key=_depth, reverse=True):
        if (layout := parent.layout()) is not None:
            layout.activate()


def _depth(widget: QWidget) -> int:
    depth = 0
    while not widget.isWindow() and (parent := widget.parentWidget()) is not None:
        widget, depth = parent, depth + 1
    return depth


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


class DateTimeField(QDateTimeEdit):
    """A date-time box that Tab and Shift+Tab leave in one press. Qt's own walks through year, month,
    day, hour and minute first, so keys meant for the next fields silently changed the time. ← and →
    move between the parts; the mouse wheel changes only a box the user has focused.

    It holds the town's wall-clock time (China Standard Time) in UTC, a zone without daylight saving:
    in the PC's own zone a time such as 02:30 on a spring-forward day does not exist and Qt would move
    it. Values come from `events.common.local_qdatetime` or are built in UTC the same way."""

    def __init__(self, value: QDateTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTimeZone(QTimeZone.utc())
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setCalendarPopup(True)
        if value is not None:
            self.setDateTime(value)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(
            QCoreApplication.translate(
                "FieldForm", "Tab 离开此项；← → 在年、月、日、时、分之间移动，↑ ↓ 调整。"
            )
        )

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # scrolls the form instead


def _today_format() -> QTextCharFormat:
    today = QTextCharFormat()
    today.setFontWeight(QFont.Weight.Bold)
    today.setForeground(QColor("#1f3f66"))
    today.setBackground(QColor("#d9e6f7"))
    return today


class DateField(QDateEdit):
    """A date box with the same keys as DateTimeField: one Tab leaves it."""

    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The program's one date form (2026-11-28), whatever the PC's locale would show ("28 11 2026").
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        if value is not None:
            self.setDate(value)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(
            QCoreApplication.translate("FieldForm", "Tab 离开此项；← → 在年、月、日之间移动，↑ ↓ 调整。")
        )

        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self.calendarWidget():
            calendar, today = self.calendarWidget(), QDate.currentDate()
            # Today stands out, as on a wall calendar (cold test 25): Qt's calendar marks only the
            # chosen day. Set at each opening, since the program may stay open past midnight.
            calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears yesterday's
            calendar.setDateTextFormat(today, _today_format())
            # 不限 (a filter's special value) is the minimum date: its calendar opened on January 2000,
            # and people paged forward month by month. It opens on this month instead; nothing is chosen.
            if self.specialValueText() and self.date() == self.minimumDate():
                calendar.setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def input_values(root: QWidget) -> list[object]:
    """What every input box under `root` holds, in widget order: compared before and after, it tells
    whether a person changed anything (a 涉及人数 set alone counts too)."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append(widget.currentIndex())
        elif isinstance(widget, QDateTimeEdit):  # QDateEdit too
            values.append(widget.dateTime())
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            values.append(widget.value())
        elif isinstance(widget, QTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
        elif isinstance(widget, QListWidget):  # a checklist (排班's people)
            rows = (widget.item(i) for i in range(widget.count()))
            values.append([(item.text(), item.checkState()) for item in rows if item is not None])
        elif isinstance(widget, QTableWidget):  # the spin boxes in its cells are read above
            cells = (widget.item(r, c) for r in range(widget.rowCount()) for c in range(widget.columnCount()))
            values.append([(cell.text(), cell.checkState()) if cell else None for cell in cells])
    return values


def enter_clicks(*buttons: QPushButton) -> None:
    """Enter on a button that has the focus presses it, as Space does. Qt does so only in dialogs,
    and staff not at ease with computers press Enter on the button they have reached (cold test 26)."""
    for button in buttons:
        button.setAutoDefault(True)


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


class GuardedDialog(QDialog):
    """A dialog that asks before Esc, 取消 or ✕ throws away what was changed (修改网格: cold test 26; every
    step and 转人民调解 since stop 27: a typed 办理情况 or 调解记录 was lost to one key). It compares every
    box with how it was at show (`input_values`), so fill it before `exec()`. A dialog may turn it off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ask_before_discarding = True
        self.shown_values: list[object] | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.ask_before_discarding and self.shown_values is None:  # read only where it is asked
            self.shown_values = input_values(self)

    def saved(self) -> bool:
        """True once the dialog's work is done: nothing is left to lose."""
        return False

    def reject(self) -> None:
        changed = (
            self.ask_before_discarding
            and self.shown_values is not None
            and input_values(self) != self.shown_values
        )
        if changed and not self.saved():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                QCoreApplication.translate("FieldForm", "改动不会保存，确定放弃吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,  # Esc then Enter keeps the changes
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


class StepDialog(GuardedDialog):
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

    def saved(self) -> bool:
        return self.outcome is not None

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
