"""Read-only tables: the model base for lists of records and the one setup every such view shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

Role = Qt.ItemDataRole
# The roles answered from a row; any other role returns before a row is looked up, which matters to a
# model that reads its rows from disk page by page.
_ROW_ROLES = frozenset({Role.DisplayRole, Role.ToolTipRole, Role.ForegroundRole, Role.BackgroundRole})


class ReadOnlyTableModel(QAbstractTableModel, Generic[RowT]):
    """Records shown one a row and never edited in place.

    A subclass sets `headers` and says what each column shows (`value`); `tooltip`, `foreground`,
    `background` and `alignment` are hooks to override. Where the rows come from is `row_at` and
    `rowCount`: `ListTableModel` keeps them in a list, a paged model reads them as the view scrolls.
    `flags` stays QAbstractTableModel's own (enabled, selectable, no children): a view asks for it twice
    for every cell it paints, and an override in Python is a call into Python each time.
    """

    def __init__(self) -> None:
        super().__init__()
        self.headers: tuple[str, ...] = ()
        self.header_tips: dict[int, str] = {}  # a header shortened to fit: its full name

    def row_at(self, row: int) -> RowT | None:
        raise NotImplementedError

    def value(self, row: RowT, column: int) -> Any:
        raise NotImplementedError

    def tooltip(self, row: RowT, column: int) -> str | None:
        return None

    def foreground(self, row: RowT, column: int) -> Any:
        return None

    def background(self, row: RowT, column: int) -> Any:
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None

    # --- QAbstractTableModel ---------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole) -> Any:
        # The tooltip too: a header squeezed with its column (a stretching one on a small screen) is cut.
        if orientation == Qt.Orientation.Horizontal and role == Role.ToolTipRole:
            return self.header_tips.get(section, self.headers[section])
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Role.TextAlignmentRole:
            align = self.alignment(column)
            return int(align) if align is not None else None
        if role not in _ROW_ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Role.DisplayRole:
            return self.value(row, column)
        if role == Role.ToolTipRole:
            return self.tooltip(row, column)
        if role == Role.ForegroundRole:
            return self.foreground(row, column)
        return self.background(row, column)


class ListTableModel(ReadOnlyTableModel[RowT]):
    """A read-only table over rows held in memory (a query's few hundred rows, loaded whole)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RowT] = []

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)


def setup_read_only_table(view: QTableView, *, multi: bool = False, wrap: bool = True) -> None:
    """A list to pick rows from: whole rows are selected (one, or several with `multi`), nothing is
    edited in place, no row numbers, and the last column takes the spare width."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(wrap)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)


class ElideLeftDelegate(QStyledItemDelegate):
    """For numbers whose beginning is the same on every row (an event number's town prefix, a case
    file number's （2026）清溪人调字): the end, where they differ, stays in view."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class StretchWithFloor(QObject):
    """One column of `view` takes the width the others leave, but never less than `floor` pixels; past
    that the list scrolls sideways. Qt's own Stretch gave the column its 49 px minimum once the other
    columns were wider than the list (the event list's 标题 after folding 我的待办, 统计分析's 事项类别
    at 150 %: cold test 26), and kept it there."""

    def __init__(self, view: QTableView, column: int, floor: int) -> None:
        super().__init__(view)
        self.view, self.column, self.floor = view, column, floor
        self._fitting = False
        header = view.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized(self, logical: int, _old: int, new: int) -> None:
        if logical != self.column:
            self.fit()
        elif not self._fitting:
            self.floor = new  # dragged by the person: kept (it snapped back: cold test 26b)

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        others = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != self.column and not header.isSectionHidden(i)
        )
        width = max(self.floor, self.view.viewport().width() - others)
        if header.sectionSize(self.column) != width:
            self._fitting = True
            try:
                header.resizeSection(self.column, width)
            finally:
                self._fitting = False
