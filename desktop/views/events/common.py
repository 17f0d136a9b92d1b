"""Pieces the event dialogs share: field helpers and attachment lists with thumbnails."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, QTimeZone, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import CHINA_TZ, to_local
from desktop.services.common import text as limits
from desktop.services.events import AttachmentInput
from desktop.views import file_dialogs
from desktop.views.forms import limited
from desktop.views.icons import icon
from desktop.views.labels import add_words, label

THUMB = 96
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


def text_box(lines: int = 3, limit: int = limits.EVENT_NOTE) -> QPlainTextEdit:
    """A multi-line box taking at most `limit` characters (a step's note unless told otherwise)."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, so the forms stay keyboard-friendly
    box.setMinimumHeight(26 * lines)
    return limited(box, limit)


def combo(items: Sequence[str], current: str = "") -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    if current:
        box.setCurrentText(current)
    return box


def local_qdatetime(moment: datetime) -> QDateTime:
    """China Standard Time's wall clock at `moment`, whatever the PC's own zone, held in UTC as a
    `forms.DateTimeField` holds it (the PC's zone may have no such time on a spring-forward day)."""
    local = to_local(moment)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone.utc()
    )


def from_edit(edit: QDateTimeEdit) -> datetime:
    q = edit.dateTime()
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=CHINA_TZ).astimezone(UTC)


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


def thumbnail_list(*, label_width: int, height: int) -> QListWidget:
    """Files side by side as thumbnails, each with its name (and kind) wrapped underneath."""
    files = QListWidget()
    files.setViewMode(QListView.ViewMode.IconMode)
    files.setIconSize(QSize(THUMB, THUMB))
    files.setGridSize(QSize(label_width, THUMB + 46))
    files.setResizeMode(QListView.ResizeMode.Adjust)
    files.setMovement(QListView.Movement.Static)
    files.setWordWrap(True)
    files.setFixedHeight(height)
    return files


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
        self.list = thumbnail_list(label_width=THUMB + 44, height=THUMB + 58)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemActivated.connect(self._open)
        column.addWidget(self.list)
        row = QHBoxLayout()
        self.kind = QComboBox()
        add_words(self.kind, self.kinds)
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
        paths = file_dialogs.open_paths(
            self,
            self.tr("选择附件"),
            self.tr(
                "照片和文档 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.pdf *.doc *.docx *.xls *.xlsx *.txt);;所有文件 (*)"
            ),
        )
        for path in paths:
            self.add(Path(path))

    def add(self, path: Path, kind: str = "") -> None:
        if not kind:
            kind = str(self.kind.currentData())
            if kind == "现场照片" and not is_image(path) and "文档" in self.kinds:
                kind = "文档"
        attachment = AttachmentInput(path, kind)
        self.items.append(attachment)
        entry = QListWidgetItem(thumbnail(path), f"{path.name}\n{label(kind)}")
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
