"""Icons from qtawesome (needs a QApplication before the first call)."""

from __future__ import annotations

import qtawesome
from PySide6.QtGui import QIcon

ACCENT = "#1f5fa8"


def icon(name: str, color: str = ACCENT) -> QIcon:
    return qtawesome.icon(name, color=color)
