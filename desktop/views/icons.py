"""Icons from the Font Awesome 5 solid set that qtawesome ships, `fa5s.*` (needs a QApplication before
the first call).

The glyphs are drawn here, as qtawesome's default painter draws them (7/8 of the icon's height,
centred, the given colour; the palette's disabled text colour when disabled), from qtawesome's font
file, without importing qtawesome: that imports qtpy, whose `from PySide6.QtX import *` builds every Qt
class (0.3 s of start-up, issue 18). Only this font is loaded, the one the installed bundle ships
(installer/towncentre.spec). A name from another set fails in the tests (tests/gui/test_icons.py),
not on a user's PC.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

ACCENT = "#1f5fa8"
PREFIX = "fa5s"
FONT_STEM = "fontawesome5-solid-webfont"  # qtawesome's file names add the version


def font_files() -> tuple[Path, Path]:
    """The TrueType file and the charmap of the set in qtawesome's fonts folder (found, not imported)."""
    spec = find_spec("qtawesome")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    ttf = max(folder.glob(f"{FONT_STEM}-[0-9]*.ttf"))
    return ttf, max(folder.glob(f"{FONT_STEM}-charmap-*.json"))


@cache
def _loaded() -> tuple[str, dict[str, str]]:
    """The font's family name and its charmap (icon name → character)."""
    ttf, charmap = font_files()
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    codes = json.loads(charmap.read_text(encoding="utf-8"))
    return family, {name: chr(int(code, 16)) for name, code in codes.items()}


def _font(pixel_size: int) -> QFont:
    font = QFont(_loaded()[0])
    font.setPixelSize(max(pixel_size, 1))
    font.setStyleName("Solid")
    return font


class _GlyphEngine(QIconEngine):
    def __init__(self, char: str, color: QColor) -> None:
        super().__init__()
        self.char = char
        self.color = color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        color = self.color
        if mode == QIcon.Mode.Disabled:
            color = QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        painter.save()
        painter.setPen(color)
        painter.setFont(_font(round(0.875 * rect.height())))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self.char, self.color)


@cache
def icon(name: str, color: str = ACCENT) -> QIcon:
    prefix, _, glyph = name.partition(".")
    if prefix != PREFIX:
        raise KeyError(f"{name}: only {PREFIX}.* icons are shipped")
    return QIcon(_GlyphEngine(_loaded()[1][glyph], QColor(color)))
