"""Icons from qtawesome's Font Awesome 5 solid set, `fa5s.*` (needs a QApplication before the first call).

Only that font is loaded: `qtawesome.icon` would load all twelve of qtawesome's fonts (6 MB, ~70 ms at
start-up), and the installed bundle ships only this one (installer/towncentre.spec). A name from another
set fails in the tests (tests/gui/test_icons.py), not on a user's PC.
"""

from __future__ import annotations

from functools import cache

import qtawesome
from PySide6.QtGui import QIcon
from qtawesome.iconic_font import IconicFont

ACCENT = "#1f5fa8"
PREFIX = "fa5s"


def font_files() -> tuple[str, str]:
    """The TrueType file and the charmap of the set, as qtawesome names them in its fonts folder."""
    entry = next(f for f in qtawesome._BUNDLED_FONTS if f[0] == PREFIX)
    return entry[1], entry[2]


@cache
def _font() -> IconicFont:
    return IconicFont((PREFIX, *font_files()))


def icon(name: str, color: str = ACCENT) -> QIcon:
    return _font().icon(name, color=color)
