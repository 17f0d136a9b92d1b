"""Pieces the event dialogs share: field helpers, the step dialog, attachment lists with thumbnails,
and the small read-only lookups (communities with their grids, matter categories) the forms offer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import CHINA_TZ, to_local
from desktop.errors import UserError
from desktop.services.events import AttachmentInput
from desktop.views.forms import FieldForm
from desktop.views.icons import icon

_W = TypeVar("_W", bound=QWidget)

THUMB = 96
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


def field(form: FieldForm, key: str, label: str, widget: _W, *, required: bool = False, hint: str = "") -> _W:
    """`FieldForm.add_field` that hands back the widget with its own type."""
    form.add_field(key, label, widget, required=required, hint=hint)
    return widget


def text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, so the forms stay keyboard-friendly
    box.setMinimumHeight(26 * lines)
    return box


def combo(items: Sequence[str], current: str = "") -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    if current:
        box.setCurrentText(current)
    return box


def local_qdatetime(moment: datetime) -> QDateTime:
    """A Qt date-time showing China Standard Time, whatever the PC's own zone."""
    local = to_local(moment)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_edit(edit: QDateTimeEdit) -> datetime:
    q = edit.dateTime()
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=CHINA_TZ).astimezone(UTC)


# --- read-only lookups ------------------------------------------------------------------------------


# --- thumbnails and files ------------------------------------------------------------------------------


def is_image(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


def thumbnail(path: Path, size: int = THUMB) -> QIcon:
    """A scaled preview for a photo (decoded at the small size), a file icon for anything else."""
    if is_image(path) and path.is_file():
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        original = reader.size()
        if original.isValid() and (original.width() > size or original.height() > size):
            reader.setScaledSize(original.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            return QIcon(QPixmap.fromImage(image))
    name = "fa5s.file-pdf" if path.suffix.lower() == ".pdf" else "fa5s.file-alt"
    return icon(name)


def open_file(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AttachmentList(QWidget):
    """Files chosen for a form: thumbnails, a kind each, add and remove. Nothing is copied until saved."""

    def __init__(self, kinds: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = tuple(kinds)
        self.items: list[AttachmentInput] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 44, THUMB + 46))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setFixedHeight(THUMB + 58)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemActivated.connect(self._open)
        column.addWidget(self.list)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItems(list(self.kinds))
        self.kind.setVisible(len(self.kinds) > 1)
        self.add_button = QPushButton(icon("fa5s.paperclip"), self.tr("添加照片或文件…"))
        self.remove_button = QPushButton(icon("fa5s.times"), self.tr("移除所选"))
        self.remove_button.setEnabled(False)
        row.addWidget(self.kind)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        column.addLayout(row)
        self.add_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.list.selectedItems()))
        )
        self.setFocusProxy(self.add_button)

    def choose(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择附件"),
            "",
            self.tr(
                "照片和文档 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.pdf *.doc *.docx *.xls *.xlsx *.txt);;所有文件 (*)"
            ),
        )
        for path in paths:
            self.add(Path(path))

    def add(self, path: Path, kind: str = "") -> None:
        if not kind:
            kind = self.kind.currentText()
            if kind == "现场照片" and not is_image(path) and "文档" in self.kinds:
                kind = "文档"
        attachment = AttachmentInput(path, kind)
        self.items.append(attachment)
        entry = QListWidgetItem(thumbnail(path), f"{path.name}\n{kind}")
        entry.setToolTip(str(path))
        entry.setData(Qt.ItemDataRole.UserRole, str(path))
        self.list.addItem(entry)

    def remove_selected(self) -> None:
        rows = sorted((self.list.row(i) for i in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
            del self.items[row]

    def _open(self, item: QListWidgetItem) -> None:
        open_file(Path(str(item.data(Qt.ItemDataRole.UserRole))))

    def attachments(self) -> tuple[AttachmentInput, ...]:
        return tuple(self.items)


# --- one step of the handling ----------------------------------------------------------------------------


class StepDialog(QDialog):
    """A small form for one step; `submit` calls the service and may raise UserError, shown in place."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(680)
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("formHint")
        self.intro.hide()
        self.layout_.addWidget(self.intro)
        self.form = FieldForm()
        self.layout_.addWidget(self.form)
        self.submit: Callable[[], object] = lambda: None
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setToolTip("Ctrl+Enter")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):  # saves from inside a text box too
            QShortcut(QKeySequence(sequence), self, self.save)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def save(self) -> None:
        try:
            self.submit()
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()
