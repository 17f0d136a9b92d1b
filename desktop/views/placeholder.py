"""A page whose feature is not built yet says so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.views.icons import icon


class PlaceholderPage(QWidget):
    def __init__(self, title: str, purpose: str, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture = QLabel()
        picture.setPixmap(icon(icon_name, "#9aa7b5").pixmap(72, 72))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        self.message = QLabel(self.tr("此功能尚未完成，将在后续版本中提供。"))
        self.message.setObjectName("placeholderMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Wraps instead of being clipped in a narrow window (or in English, or with a large font).
        self.message.setWordWrap(True)
        self.message.setMaximumWidth(560)
        layout.addWidget(self.message, alignment=Qt.AlignmentFlag.AlignCenter)
        detail = QLabel(purpose)
        detail.setObjectName("formHint")
        detail.setWordWrap(True)
        detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        detail.setMaximumWidth(560)
        layout.addWidget(detail, alignment=Qt.AlignmentFlag.AlignCenter)
