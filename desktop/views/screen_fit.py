"""Windows that fit the screen they open on: 1366×768 laptops and screens scaled to 125% or 150%.

A window asks for its preferred size with `fit_window` and gets that size or the room its screen
has, whichever is smaller (a dialog's screen is its parent's). Its content must be able to shrink that far: long forms sit in a `scrolling` area with the buttons
below it, and rows of filters wrap (`views.flow_layout.FlowLayout`).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room for the title bar and borders Windows adds around the client area.
FRAME = QSize(16, 39)


def screen_of(window: QWidget) -> QScreen:
    """A dialog's screen is its parent window's: it opens over it."""
    parent = window.parentWidget()
    return parent.window().screen() if parent is not None else window.screen()


def room_for(window: QWidget) -> QRect:
    """The part of the window's screen its client area may use (taskbar and frame excluded)."""
    area = screen_of(window).availableGeometry()
    return QRect(area.topLeft(), area.size() - FRAME)


def fit_window(window: QWidget, width: int, height: int) -> None:
    """Sizes `window` to width×height, or less on a screen with less room. A width or height of 0
    takes what the content asks for: call it once the layout is built. Qt then places a dialog over
    its parent, within the screen."""
    space = room_for(window)
    wanted = _content_size(window) if not (width and height) else QSize(width, height)
    size = QSize(width or wanted.width(), height or wanted.height()).boundedTo(space.size())
    window.resize(size.expandedTo(window.minimumSizeHint().boundedTo(space.size())))


def _content_size(window: QWidget) -> QSize:
    """The window's size hint, with scroll areas asking for their whole content."""
    extra = QSize(0, 0)
    for area in window.findChildren(QScrollArea):
        inner = area.widget()
        if inner is not None and area.isVisibleTo(window):
            extra += QSize(0, max(inner.sizeHint().height() - area.viewport().sizeHint().height(), 0))
    return window.sizeHint() + extra


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless vertical scroll area: a long form shrinks with the window while the
    buttons under it stay in view."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Sideways only when the form cannot be narrower (大字模式 on a scaled small screen): better than cut off.
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area
