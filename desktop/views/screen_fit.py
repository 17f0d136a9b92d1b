"""Windows that fit the screen they open on: 1366×768 laptops and screens scaled to 125% or 150%.

A window asks for its preferred size with `fit_window` and gets that size or the room its screen
has, whichever is smaller (a dialog's screen is its parent's). Its content must be able to shrink that far: long forms sit in a `scrolling` area with the buttons
below it, and rows of filters wrap (`views.flow_layout.FlowLayout`).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

# Room for the title bar and borders Windows adds around the client area.
FRAME = QSize(16, 39)


def screen_of(window: QWidget) -> QScreen:
    """A dialog's screen is its parent window's: it opens over it.

    Found from where the window is, through QGuiApplication, never through `QWidget.screen()`: the
    QScreen that call returns is kept by the widget's Python object, and a garbage collection that frees
    two such windows at once deletes the application's screen with them (a crash in the next widget's
    constructor; PySide6 6.9 and 6.11)."""
    parent = window.parentWidget()
    anchor = parent.window() if parent is not None else window
    found = QGuiApplication.screenAt(anchor.frameGeometry().center())
    return found if found is not None else QGuiApplication.primaryScreen()


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


def scroll_contents(dialog: QDialog) -> None:
    """Puts a ready-made dialog's contents (Qt's own, such as the non-native print dialog UOS and
    Kylin show) in a scroll area, its button row below it, and keeps it within the screen: after
    「选项 >>」 that dialog grew past a 1366×768 screen at 150% with its buttons below the edge. A button
    of the row that changes what the dialog shows (「选项 >>」/「<<」) fits it again to the new content."""
    layout = dialog.layout()
    if layout is None:
        return
    buttons = dialog.findChild(QDialogButtonBox)
    inner = QWidget()
    children = [
        (child, child.isHidden())
        for child in dialog.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if child is not buttons and not child.isWindow()
    ]
    inner.setLayout(layout)  # QWidget.setLayout takes a layout over from the widget that held it
    for child, hidden in children:
        child.setParent(inner)  # setParent hides a widget: show again what was shown
        child.setHidden(hidden)
    if buttons is not None:
        layout.removeWidget(buttons)
    outer = QVBoxLayout(dialog)
    margins = layout.contentsMargins()
    outer.setContentsMargins(0, 0, 0, margins.bottom())  # the scrolled contents keep their own margins
    area = scrolling(inner)
    outer.addWidget(area, 1)
    if buttons is not None:
        row = QHBoxLayout()
        row.setContentsMargins(margins.left(), 0, margins.right(), 0)
        row.addWidget(buttons)
        outer.addLayout(row)
        for button in buttons.buttons():
            if buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.ResetRole:
                # after Qt has shown or hidden the part the button toggles
                button.clicked.connect(lambda: QTimer.singleShot(0, lambda: _fit_scrolled(dialog, area)))
    _fit_scrolled(dialog, area)


def _fit_scrolled(dialog: QDialog, area: QScrollArea) -> None:
    """The whole content's size (the scroll area's own hint is small), or the room the screen has; a
    dialog already shown moves up or left as far as it must to stay on the screen."""
    inner = area.widget()
    outer = dialog.layout()
    if inner is None or outer is None:
        return
    inner_layout = inner.layout()
    if inner_layout is not None:
        inner_layout.activate()
    extra = outer.sizeHint() - area.sizeHint()  # the button row, spacing and margins
    scrollbar = area.verticalScrollBar().sizeHint().width()
    wanted = QSize(inner.sizeHint().width() + scrollbar, inner.sizeHint().height()) + extra
    room = room_for(dialog)
    dialog.resize(wanted.boundedTo(room.size()))
    if dialog.isVisible():
        frame = dialog.frameGeometry()
        area_rect = screen_of(dialog).availableGeometry()
        x = max(area_rect.left(), min(frame.left(), area_rect.right() + 1 - frame.width()))
        y = max(area_rect.top(), min(frame.top(), area_rect.bottom() + 1 - frame.height()))
        dialog.move(x, y)
