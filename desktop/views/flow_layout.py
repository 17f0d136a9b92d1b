"""A layout that places its items in a row and wraps them onto more rows when the row is too narrow
(filters above a list at 1366×768 and 150% scaling). Qt ships this only as an example."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() for i in self._items) + self._spacing * max(len(self._items) - 1, 0)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line_height = area.x(), area.y(), 0
        row: list[tuple[QLayoutItem, QSize]] = []

        def finish_row() -> None:
            # Items that may grow (a search box) share what is left of the row.
            if not apply or not row:
                return
            used = sum(s.width() for _i, s in row) + self._spacing * (len(row) - 1)
            growing = [i for i, _s in row if i.expandingDirections() & Qt.Orientation.Horizontal]
            extra = max(area.width() - used, 0) // len(growing) if growing else 0
            left = area.x()
            for item, size in row:
                width = size.width() + (extra if item in growing else 0)
                top = row_top + (line_height - size.height()) // 2
                item.setGeometry(QRect(QPoint(left, top), QSize(width, size.height())))
                left += width + self._spacing

        row_top = y
        for item in self._items:
            if item.isEmpty():
                continue
            size = item.sizeHint().boundedTo(QSize(area.width(), 10_000)).expandedTo(item.minimumSize())
            if row and x + size.width() > area.right() + 1:
                finish_row()
                row = []
                y += line_height + self._spacing
                row_top, x, line_height = y, area.x(), 0
            row.append((item, size))
            x += size.width() + self._spacing
            line_height = max(line_height, size.height())
        finish_row()
        return y + line_height - rect.y() + margins.bottom()


def grows(widget: QWidget) -> QWidget:
    """Marks a widget (a search box) to take the spare width of its row in a FlowLayout."""
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    widget.setSizePolicy(policy)
    return widget


def labelled(text: str, *widgets: QWidget) -> QWidget:
    """A caption and its box(es) kept together on one row of a FlowLayout."""
    from PySide6.QtWidgets import QHBoxLayout, QLabel

    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    caption = QLabel(text)
    row.addWidget(caption)
    if widgets:
        caption.setBuddy(widgets[0])
    for widget in widgets:
        row.addWidget(widget)
    return pair
