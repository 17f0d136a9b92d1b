"""Every icon the program names is in the one icon font it loads and the installed bundle ships."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.views import icons

DESKTOP = Path(icons.__file__).resolve().parents[1]
# qtawesome's prefixes (fa5, fa5s, fa5b, fa6*, mdi, mdi6, ph, ri, msc, ei)
ICON_NAME = re.compile(r"^(fa[56][sb]?|mdi6?|ph|ri|msc|ei)\.[a-z0-9-]+$")


def icon_names() -> set[str]:
    names: set[str] = set()
    for path in DESKTOP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and ICON_NAME.match(node.value):
                names.add(node.value)
    return names


def test_every_icon_named_in_the_program_draws_from_the_bundled_font(qapp: QApplication) -> None:
    names = icon_names()
    assert len(names) > 20  # the scan finds the toolbar and button icons
    others = sorted(n for n in names if not n.startswith(icons.PREFIX + "."))
    assert not others, f"icons from a set the bundle does not ship: {others}"
    for name in sorted(names):
        pixmap = icons.icon(name).pixmap(32, 32)
        image = pixmap.toImage()
        assert not pixmap.isNull(), name
        assert any(image.pixelColor(x, y).alpha() for x in range(32) for y in range(32)), f"{name} is blank"
