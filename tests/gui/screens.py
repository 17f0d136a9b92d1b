"""The office screens every window must fit, and the check that it does.

Operators' PCs are 1366×768 laptops and 1920×1080 screens that Windows scales to 125% or 150%; the
taskbar takes 48 logical pixels (Windows 11) at every scale. `tests/gui/fit_check.py` runs once per
scale, in its own process: Qt's offscreen platform with a screen of each size at that scale and
QT_SCALE_FACTOR set to it, as Windows would give Qt a device pixel ratio.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QWidget,
)

from desktop.views.screen_fit import FRAME  # the title bar and borders Windows adds

TASKBAR = 48  # logical pixels


@dataclass(frozen=True)
class OfficeScreen:
    width: int
    height: int
    scale: float

    @property
    def name(self) -> str:
        return f"{self.width}x{self.height}@{round(self.scale * 100)}%"

    def config(self, x: int) -> dict[str, object]:
        """This screen in Qt's offscreen configuration, placed `x` physical pixels to the right."""
        usable = self.height - round(TASKBAR * self.scale)
        return {"name": self.name, "x": x, "y": 0, "width": self.width, "height": usable,
                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip


def platform(screens: list[OfficeScreen], folder: Path) -> dict[str, str]:
    """The environment that gives Qt these screens side by side (one scale: Qt has one per process)."""
    assert len({s.scale for s in screens}) == 1, "one scale factor per process"
    config = folder / "screens.json"
    left, entries = 0, []
    for screen in screens:
        entries.append(screen.config(left))
        left += screen.width
    config.write_text(json.dumps({"screens": entries}), encoding="utf-8")
    return {"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(screens[0].scale)}


OFFICE_SCREENS = (
    OfficeScreen(1366, 768, 1.0),
    OfficeScreen(1366, 768, 1.25),
    OfficeScreen(1366, 768, 1.5),
    OfficeScreen(1920, 1080, 1.0),
    OfficeScreen(1920, 1080, 1.5),
)


def room(window: QWidget) -> QRect:
    """Where a window's client area can be: the available geometry less the frame."""
    area = window.screen().availableGeometry()
    return QRect(area.topLeft(), area.size() - FRAME)


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area's viewport (a scrolling form, a table): it may scroll out of view."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


MUST_SEE = (QAbstractButton, QLineEdit, QComboBox, QLabel)
# Columns a list must keep in view, however narrow: what state a record is in and what needs doing.
KEY_COLUMNS = frozenset({"状态", "提醒"})


def _key_columns_hidden(window: QWidget) -> list[str]:
    problems = []
    for table in window.findChildren(QTableView):
        if not table.isVisibleTo(window) or table.window() is not window:
            continue
        header = table.horizontalHeader()
        model = table.model()
        width = table.viewport().width()
        for column in range(model.columnCount()):
            name = str(model.headerData(column, Qt.Orientation.Horizontal))
            if name in KEY_COLUMNS and not header.isSectionHidden(column):
                left = header.sectionViewportPosition(column)
                if left < 0 or left + header.sectionSize(column) > width:
                    problems.append(
                        f"list column {name} out of view ({left}+{header.sectionSize(column)} > {width})"
                    )
    return problems


def fit_problems(window: QWidget) -> list[str]:
    """What a user of the window's screen could not reach: the window larger than the room, or a
    button, box or label cut off (scroll areas excepted: their content scrolls into view)."""
    QApplication.processEvents()
    screen = window.screen()
    space = screen.availableGeometry() if window.isMaximized() else room(window)
    problems = []
    size = window.size()
    if size.width() > space.width() or size.height() > space.height():
        problems.append(f"window {size.width()}×{size.height()} > room {space.width()}×{space.height()}")
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    if hint.width() > space.width() or hint.height() > space.height():
        problems.append(f"window cannot shrink below {hint.width()}×{hint.height()}")
    if not screen.availableGeometry().contains(window.geometry()):
        problems.append(f"window at {window.geometry().getRect()} is off the screen")
    problems += _key_columns_hidden(window)
    for bar in window.findChildren(QTabBar):
        # Tabs past the bar's end hide behind small scroll arrows: a page nobody finds.
        needed = sum(bar.tabRect(i).width() for i in range(bar.count()))
        if bar.isVisibleTo(window) and needed > bar.width():
            problems.append(
                f"tabs need {needed} px, the bar has {bar.width()}: {bar.tabText(bar.count() - 1)!r} hidden"
            )
    for widget in window.findChildren(QWidget):
        if (
            not isinstance(widget, MUST_SEE)
            or not widget.isVisibleTo(window)
            or widget.window() is not window
        ):
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QComboBox):
            continue
        if _in_scroll_area(widget, window):
            continue
        seen = widget.visibleRegion().boundingRect()
        if seen.size() != widget.size():
            what = widget.text() if isinstance(widget, QAbstractButton | QLabel | QLineEdit) else ""
            problems.append(
                f"{type(widget).__name__} {what[:20]!r}: {seen.width()}×{seen.height()} of "
                f"{widget.width()}×{widget.height()} in view"
            )
    return problems
