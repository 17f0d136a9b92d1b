"""Windows that fit the screen they open on: 1366×768 laptops and screens scaled to 125% or 150%.

A window asks for its preferred size with `fit_window`; when it is shown, it gets that size or the
room its screen has (whichever is smaller) and is placed on that screen, centred over its parent.
Its content must be able to shrink that far: long forms sit in a `scrolling` area with the buttons
below it, and rows of filters wrap (`views.flow_layout.FlowLayout`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room for the title bar and borders Windows adds around the client area.
FRAME = QSize(16, 39)


class _FitOnShow(QObject):
    """Owned by its window (so it goes with it); acts on the window's first Show only."""

    def __init__(self, window: QWidget, preferred: QSize) -> None:
        super().__init__(window)
        self.window_ = window
        self.preferred = preferred

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Show:
            self.window_.removeEventFilter(self)  # a user's own resize is kept afterwards
            place_on_screen(self.window_, self.preferred)
            self.deleteLater()
        return False


def screen_of(window: QWidget) -> QScreen:
    """A dialog's screen is its parent window's: it opens over it."""
    parent = window.parentWidget()
    return parent.window().screen() if parent is not None else window.screen()


def room_for(window: QWidget) -> QRect:
    """The part of the window's screen its client area may use (taskbar and frame excluded)."""
    area = screen_of(window).availableGeometry()
    return QRect(area.topLeft(), area.size() - FRAME)


def fit_window(window: QWidget, width: int, height: int) -> None:
    """Asks for width×height when `window` is shown, or less on a screen with less room. A width or
    height of 0 asks for what the content wants (its size hint when shown)."""
    for earlier in window.findChildren(_FitOnShow):
        window.removeEventFilter(earlier)
        earlier.deleteLater()
    window.installEventFilter(_FitOnShow(window, QSize(width, height)))
    # A size before the first show too: code may read it, and a window shown without one is sized by
    # QWidget::adjustSize, which (on Qt's offscreen platform with several screens) can crash.
    space = room_for(window)
    window.resize(min(width or 640, space.width()), min(height or 480, space.height()))


def place_on_screen(window: QWidget, preferred: QSize) -> None:
    space = room_for(window)
    wanted = _content_size(window)
    preferred = QSize(preferred.width() or wanted.width(), preferred.height() or wanted.height())
    size = preferred.boundedTo(space.size()).expandedTo(window.minimumSizeHint().boundedTo(space.size()))
    window.resize(size)
    parent = window.parentWidget()
    anchor = parent.window().frameGeometry() if parent is not None else space
    frame = QRect(0, 0, size.width(), size.height())
    frame.moveCenter(anchor.center())
    # Keep the whole frame on the screen, title bar first.
    x = min(max(frame.left(), space.left()), space.right() - size.width() + 1)
    y = min(max(frame.top(), space.top()), space.bottom() - size.height() + 1)
    window.move(x, y)


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
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
