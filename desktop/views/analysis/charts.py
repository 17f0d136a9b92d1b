"""Bar charts drawn with QPainter: the 统计分析 page's few chart kinds, without a chart library.

QtCharts (PySide6-Addons) is a 175 MB download and would not fit the installer's 150 MiB cap; these
charts need bars, labels, a legend, a click and a PNG, which is this module. A chart is a list of
categories, each with one value per series (this year and last year for the trend).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

SERIES_COLOURS = ("#2f6fb0", "#b8c7d9", "#c0392b", "#27ae60")
MARGIN = 8


def one_line(label: str) -> str:
    """A two-line label as one: 「2025年」 and 「12月」 run together, Dec and 2025 keep a space."""
    first, _, rest = label.partition("\n")
    if not rest:
        return label
    return f"{first}{rest}" if first[-1:] > "\x7f" else f"{first} {rest}"


class BarChart(QWidget):
    """Horizontal bars (one row per category) or vertical groups (one group per category, a bar per
    series). `clicked` gives the category and the series of the bar clicked."""

    clicked = Signal(int, int)

    def __init__(self, *, horizontal: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.labels: list[str] = []
        self.values: list[list[int]] = []  # per series
        self.series_names: list[str] = []
        self.empty_text = ""
        self.current = (0, 0)  # the bar the keyboard is on: arrows move, Enter opens
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_data(
        self, labels: Sequence[str], values: Sequence[Sequence[int]], series_names: Sequence[str] = ()
    ) -> None:
        self.labels = list(labels)
        self.values = [list(v) for v in values]
        self.series_names = list(series_names)
        self.current = (0, 0)
        self.updateGeometry()
        self.update()

    # --- geometry ------------------------------------------------------------------------------------
    def _row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _legend_height(self) -> int:
        return self._row_height() if len(self.series_names) > 1 else 0

    def sizeHint(self) -> QSize:
        row = self._row_height()
        if self.horizontal:
            return QSize(360, max(len(self.labels), 1) * row + 2 * MARGIN + self._legend_height())
        return QSize(480, 10 * row + self._legend_height())

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(200, hint.height() if self.horizontal else 6 * self._row_height())

    def _top(self) -> int:
        return MARGIN + self._legend_height()

    def _maximum(self) -> int:
        return max((max(v) for v in self.values if v), default=0) or 1

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(text) for text in self.labels), default=0)
        return min(widest + 8, int(self.width() * 0.4))

    def _value_width(self) -> int:
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(f"{n:,}") for v in self.values for n in v), default=0) + 8

    def bar_rect(self, category: int, series: int = 0) -> QRectF:
        """Where a bar is drawn (also what a click hits; a bar of 0 gets a sliver to click)."""
        count = max(len(self.values), 1)
        value = self.values[series][category]
        if self.horizontal:
            row = self._row_height()
            left = MARGIN + self._label_width()
            room = max(self.width() - left - self._value_width() - MARGIN, 10)
            length = max(room * value / self._maximum(), 3)
            height = (row - 6) / count
            return QRectF(left, self._top() + category * row + 3 + series * height, length, height)
        metrics = self.fontMetrics()
        bottom = self.height() - MARGIN - 2 * metrics.height()
        room = max(bottom - self._top() - metrics.height(), 10)
        slot = (self.width() - 2 * MARGIN) / max(len(self.labels), 1)
        width = slot * 0.8 / count
        height = max(room * value / self._maximum(), 3)
        x = MARGIN + category * slot + slot * 0.1 + series * width
        return QRectF(x, bottom - height, width, height)

    def bar_at(self, point: QPointF) -> tuple[int, int] | None:
        for category in range(len(self.labels)):
            for series in range(len(self.values)):
                rect = self.bar_rect(category, series)
                if self.horizontal:  # the whole row answers, not just the bar: short bars are easy to miss
                    rect.setRight(self.width())
                if rect.contains(point):
                    return category, series
        return None

    # --- drawing -------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = self.fontMetrics()
        text_colour = self.palette().text().color()
        if not self.labels:
            painter.setPen(QColor("#9aa5b1"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        self._draw_legend(painter, metrics)
        for category, text in enumerate(self.labels):
            for series in range(len(self.values)):
                rect = self.bar_rect(category, series)
                if self.values[series][category]:  # a 0 keeps its place to click, not a bar
                    painter.fillRect(rect, QColor(SERIES_COLOURS[series % len(SERIES_COLOURS)]))
            painter.setPen(QPen(text_colour))
            if self.horizontal:
                row = self._row_height()
                place = QRectF(MARGIN, self._top() + category * row, self._label_width() - 6, row)
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(place.width()))
                painter.drawText(place, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, shown)
            else:
                first = self.bar_rect(category, 0)
                slot = (self.width() - 2 * MARGIN) / len(self.labels)
                place = QRectF(MARGIN + category * slot, first.bottom() + 2, slot, 2 * metrics.height())
                lines = text.split("\n")[:2]  # a month under its year
                shown = "\n".join(
                    metrics.elidedText(t, Qt.TextElideMode.ElideRight, int(slot)) for t in lines
                )
                painter.drawText(place, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, shown)
        self._draw_values(painter)
        self._draw_focus(painter)

    def value_spots(self) -> list[tuple[QRectF, str, float]]:
        """Where each bar's number goes, as (place, text, font scale): beside a horizontal bar; above a
        vertical one, as wide as the bar so that every series has its numbers without two touching (a
        number wider than its bar is set smaller)."""
        metrics = self.fontMetrics()
        spots: list[tuple[QRectF, str, float]] = []
        for category in range(len(self.labels)):
            for series in range(len(self.values)):
                rect = self.bar_rect(category, series)
                value = f"{self.values[series][category]:,}"
                if self.horizontal:
                    spot = QRectF(rect.right() + 4, rect.top() - 2, self._value_width(), rect.height() + 4)
                    spots.append((spot, value, 1.0))
                    continue
                spot = QRectF(
                    rect.left() + 1, rect.top() - metrics.height(), rect.width() - 2, metrics.height()
                )
                scale = min(1.0, max(spot.width(), 1) / max(metrics.horizontalAdvance(value), 1))
                spots.append((spot, value, scale))
        return spots

    def _draw_values(self, painter: QPainter) -> None:
        painter.setPen(QPen(self.palette().text().color()))
        base = painter.font()
        for spot, value, scale in self.value_spots():
            font = QFont(base)
            if scale < 1.0 and base.pointSizeF() > 0:
                font.setPointSizeF(max(base.pointSizeF() * scale, 5.0))
            elif scale < 1.0:  # a font sized in pixels (a style sheet's px)
                font.setPixelSize(max(int(base.pixelSize() * scale), 7))
            painter.setFont(font)
            align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            if not self.horizontal:
                align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
            painter.drawText(spot, align, value)
        painter.setFont(base)

    def _draw_focus(self, painter: QPainter) -> None:
        if not self.hasFocus() or not self.labels:
            return
        rect = self.bar_rect(*self.current).adjusted(-2, -2, 2, 2)
        painter.setPen(QPen(QColor("#e67e22"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics) -> None:
        if len(self.series_names) < 2:
            return
        x = float(MARGIN)
        box = metrics.height() * 0.7
        for series, name in enumerate(self.series_names):
            colour = QColor(SERIES_COLOURS[series % len(SERIES_COLOURS)])
            painter.fillRect(QRectF(x, MARGIN + (metrics.height() - box) / 2, box, box), colour)
            x += box + 4
            painter.setPen(QPen(self.palette().text().color()))
            painter.drawText(QPointF(x, MARGIN + metrics.ascent()), name)
            x += metrics.horizontalAdvance(name) + 16

    # --- interaction ---------------------------------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.labels:
            super().keyPressEvent(event)
            return
        category, series = self.current
        along, across = (Qt.Key.Key_Down, Qt.Key.Key_Up), (Qt.Key.Key_Right, Qt.Key.Key_Left)
        if not self.horizontal:
            along, across = across, along
        key = event.key()
        if key in along:
            category = min(max(category + (1 if key == along[0] else -1), 0), len(self.labels) - 1)
        elif key in across:
            series = min(max(series + (1 if key == across[0] else -1), 0), len(self.values) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(category, series)
            return
        else:
            super().keyPressEvent(event)
            return
        self.current = (category, series)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self.bar_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(*hit)
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.bar_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.bar_at(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
            else:
                category, series = hit
                name = f"{self.series_names[series]} " if len(self.series_names) > 1 else ""
                QToolTip.showText(
                    event.globalPos(),
                    f"{one_line(self.labels[category])} {name}{self.values[series][category]:,}",
                    self,
                )
            return True
        return super().event(event)

    def png(self) -> bytes:
        """The chart as it is drawn, as PNG bytes."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.grab().save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())
