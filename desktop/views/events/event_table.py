"""The event list's table view: it paints its visible cells itself, in one call a frame.

QTableView paints cell by cell through the delegate: for each visible cell a call into Python with a
copied style option and two more (the model's rowCount and columnCount, for the index), then Qt's style
lays the text out again (a QTextLayout and an elision measured) on every paint. That was most of a
first page's time, even in Qt's own C++ delegate (bench/bench_events.py: list_repaint_floor). Here one
Python call paints every visible cell from the model's `Shown` rows: the tint or the selection, the
text as a QStaticText laid out once and kept by text (the words of a column repeat from row to row and
page to page), elided once per column width, then the grid. The pixels are those QTableView and the
style draw (tests/gui/test_gui_event_model.py compares them); the cell with the focus frame is still
drawn by the delegate and the style. A layout this does not cover (right to left, alternating row
colours, wrapped text, no grid, another model) is left to QTableView.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QLineF, QModelIndex, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegion,
    QStaticText,
    QTextLayout,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.views.events.event_model import EventTableModel

_ENABLED, _ACTIVE = QStyle.StateFlag.State_Enabled, QStyle.StateFlag.State_Active
_SELECTED, _HAS_FOCUS = QStyle.StateFlag.State_Selected, QStyle.StateFlag.State_HasFocus
_NORMAL, _INACTIVE, _DISABLED = (
    QPalette.ColorGroup.Normal,
    QPalette.ColorGroup.Inactive,
    QPalette.ColorGroup.Disabled,
)
_RIGHT, _LEFT = Qt.TextElideMode.ElideRight, Qt.TextElideMode.ElideLeft


class CellTexts:
    """Texts laid out once (QStaticText) in one font, and what fits a given width."""

    KEPT = 4000  # laid-out texts kept, the oldest dropped first: a few hundred pages' worth

    def __init__(self) -> None:
        self._laid: dict[str, tuple[QStaticText, float, int]] = {}  # text -> layout, width, height
        self._fits: dict[tuple[str, int, Qt.TextElideMode], str] = {}
        self.restart(QFont())

    def restart(self, font: QFont) -> None:
        """Another font (界面字号, 大字模式): every text is laid out again."""
        self.font = QFont(font)
        self.metrics = QFontMetrics(font)
        # QStaticText's height counts the font's leading, which the style leaves out when it centres.
        self.leading = QFontMetricsF(font).leading() > 0
        self._laid.clear()
        self._fits.clear()

    def fitted(self, text: str, room: int, mode: Qt.TextElideMode) -> tuple[QStaticText, int]:
        """The text, elided as the style would if it is wider than `room`, and its height."""
        static, width, height = self._laid.get(text) or self._lay_out(text)
        if width > room:
            fits = self._fits.get((text, room, mode))
            if fits is None:
                fits = self._fits[(text, room, mode)] = self.metrics.elidedText(text, mode, room)
                if len(self._fits) > self.KEPT:
                    del self._fits[next(iter(self._fits))]
            static, width, height = self._laid.get(fits) or self._lay_out(fits)
        return static, height

    def _lay_out(self, text: str) -> tuple[QStaticText, float, int]:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)  # a title typed as <b>…</b> shows as typed
        static.prepare(QTransform(), self.font)
        size = static.size()
        height = size.height()
        if self.leading:  # the text's height as the style measures it: its line without the leading
            layout = QTextLayout(text, self.font)
            layout.beginLayout()
            layout.createLine().setLineWidth(1e6)
            layout.endLayout()
            height = layout.lineAt(0).height()
        laid = self._laid[text] = (static, size.width(), int(height + 0.5))  # rounded as qRound
        if len(self._laid) > self.KEPT:
            del self._laid[next(iter(self._laid))]
        return laid


class _Columns(QHeaderView):
    """The column header, left as it is by what does not change it. QHeaderView repainted all of it,
    before the cells, for each new query (the model's reset, which changes rows, never the columns) and
    for each row selected (all its columns), though it shows a selection only with highlightSections."""

    def reset(self) -> None:
        model = self.model()
        if model is None or self.count() != model.columnCount():
            super().reset()

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        return super().visualRegionForSelection(selection) if self.highlightSections() else QRegion()


class EventTable(QTableView):
    """A QTableView over an EventTableModel that paints the cells itself (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        columns = _Columns(Qt.Orientation.Horizontal, self)
        columns.setSectionsClickable(True)  # as QTableView's own
        columns.setHighlightSections(True)
        self.setHorizontalHeader(columns)
        self.texts = CellTexts()
        self._margin = -1  # where the style puts an item's text, from the left edge of its cell

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home and End go to the first and last event, as in a Windows list; QTableView's went to the
        first and last column and scrolled the list sideways (cold test 25)."""
        model = self.model()
        ends = (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd)
        if cursorAction not in ends or model is None or not model.rowCount():
            return super().moveCursor(cursorAction, modifiers)
        row = 0 if cursorAction == QAbstractItemView.CursorAction.MoveHome else model.rowCount() - 1
        current = self.currentIndex()
        return model.index(row, current.column() if current.isValid() else 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if (
            not isinstance(model, EventTableModel)
            or self.isRightToLeft()
            or self.alternatingRowColors()
            or self.wordWrap()
            or not self.showGrid()
        ):
            super().paintEvent(event)
            return
        columns, rows = self.horizontalHeader(), self.verticalHeader()
        if columns.count() == 0 or rows.count() == 0:
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        if option.font != self.texts.font:
            self.texts.restart(option.font)
            self._margin = -1
        if self._margin < 0:
            # QCommonStyle's text margin: the focus frame's margin and one pixel.
            self._margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        # As QTableView: nothing past the last row and column, grid lines included.
        area = event.region().boundingRect()
        area.setBottom(min(area.bottom(), rows.length() - rows.offset() - 1))
        area.setRight(min(area.right(), columns.length() - columns.offset() - 1))
        if not area.isValid():
            return
        top, bottom = rows.visualIndexAt(area.top()), rows.visualIndexAt(area.bottom())
        if bottom == -1:
            bottom = rows.count() - 1
        if top == -1 or top > bottom:
            return
        left, right = columns.visualIndexAt(area.left()), columns.visualIndexAt(area.right())
        left, right = max(left, 0), columns.count() - 1 if right == -1 else right
        # Each visible column once: logical number, left edge, width without the grid line.
        cells = []
        for visual in range(left, right + 1):
            column = columns.logicalIndex(visual)
            if not columns.isSectionHidden(column):
                cells.append((column, self.columnViewportPosition(column), self.columnWidth(column) - 1))
        lines = []
        state = option.state
        group = (_NORMAL if state & _ACTIVE else _INACTIVE) if state & _ENABLED else _DISABLED  # as the style
        palette = option.palette
        highlight = palette.brush(group, QPalette.ColorRole.Highlight)
        pens = (
            palette.color(group, QPalette.ColorRole.Text),
            palette.color(group, QPalette.ColorRole.HighlightedText),
        )
        selection = self.selectionModel()
        current = self.currentIndex()
        has_focus = current.isValid() and (self.hasFocus() or self.viewport().hasFocus())
        focus_row, focus_column = (current.row(), current.column()) if has_focus else (-1, -1)
        margin, fitted = self._margin, self.texts.fitted
        painter = QPainter(self.viewport())
        painter.setFont(option.font)
        pen = None
        for visual in range(top, bottom + 1):
            row = rows.logicalIndex(visual)
            if rows.isSectionHidden(row):
                continue
            y, height = self.rowViewportPosition(row), self.rowHeight(row) - 1
            lines.append(y + height)
            shown = model.shown_at(row)
            if shown is None:
                continue
            whole = selection is not None and selection.isRowSelected(row)
            some = whole or (selection is not None and selection.rowIntersectsSelection(row))
            texts, tint = shown.texts, shown.background
            for column, x, width in cells:
                selected = whole or (some and selection.isSelected(model.index(row, column)))
                if row == focus_row and column == focus_column:
                    cell = QRect(x, y, width, height)
                    self._paint_by_delegate(painter, option, model.index(row, column), cell, selected)
                    painter.setFont(option.font)
                    pen = None
                    continue
                if selected:
                    painter.fillRect(x, y, width, height, highlight)
                elif tint is not None:
                    painter.fillRect(x, y, width, height, tint)
                text = texts[column]
                if text:
                    static, text_height = fitted(text, width - 2 * margin, _LEFT if column == 0 else _RIGHT)
                    if pen is not pens[selected]:
                        pen = pens[selected]
                        painter.setPen(pen)
                    painter.drawStaticText(x + margin, y + (height - text_height) // 2, static)
        self._paint_grid(painter, option, area, lines, [x + width for _column, x, width in cells])
        painter.end()

    def _paint_by_delegate(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex, rect: QRect, selected: bool
    ) -> None:
        """The current cell with its focus frame, as QTableView has it drawn."""
        cell = QStyleOptionViewItem(option)
        cell.rect = rect
        if selected:
            cell.state |= _SELECTED
        cell.state |= _HAS_FOCUS
        if cell.state & _ENABLED:
            cell.palette.setCurrentColorGroup(_NORMAL)
        style = self.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, cell, painter, self)
        self.itemDelegateForIndex(index).paint(painter, cell, index)

    def _paint_grid(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        area: QRect,
        rows: list[int],
        columns: list[int],
    ) -> None:
        """As QTableView: a line under each row and right of each column, through the middle of its
        pixel (QLineF moved by half a pixel: where it lands at 150 %)."""
        style = self.style()
        colour = QColor.fromRgba(
            style.styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self) & 0xFFFFFFFF
        )
        painter.setPen(QPen(colour, 1, self.gridStyle()))
        left, right, top, bottom = (
            area.left() + 0.5,
            area.right() + 0.5,
            area.top() + 0.5,
            area.bottom() + 0.5,
        )
        lines = [QLineF(left, y + 0.5, right, y + 0.5) for y in rows]
        lines += [QLineF(x + 0.5, top, x + 0.5, bottom) for x in columns]
        always = style.styleHint(QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines, option, self)
        if always and self.verticalHeader().isHidden():
            header = self.horizontalHeader()
            x = self.columnViewportPosition(header.logicalIndex(header.visualIndexAt(0))) + 0.5
            lines.append(QLineF(x, top, x, bottom))
        if always and self.horizontalHeader().isHidden():
            header = self.verticalHeader()
            y = self.rowViewportPosition(header.logicalIndex(header.visualIndexAt(0))) + 0.5
            lines.append(QLineF(left, y, right, y))
        painter.drawLines(lines)
