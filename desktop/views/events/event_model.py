"""The event list as a Qt model over SQL: pages on demand, a count that may arrive later.

Nothing loads all rows. The first page is read when the query is set (so the view shows rows at
once); the total is counted on a worker thread and the rows appear when it arrives. Pages the view
asks for are read as needed and kept in a small cache; a page past the middle is read from the other
end of the ordering, so the last page costs what the first does (EventReader.page).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.clock import format_local
from desktop.db import Database
from desktop.services.accounts.permissions import Actor
from desktop.services.events.queries import RED, SUPERVISED, YELLOW, EventFilter, EventReader, EventRow, Sort
from desktop.views.labels import label
from desktop.views.tables import Index, ReadOnlyTableModel
from desktop.views.tasks import run_read

# (sort key in event_queries.SORT_COLUMNS or "" when the column cannot be sorted fast)
COLUMN_KEYS = (
    "number", "reported_at", "channel", "", "community", "grid", "category", "urgency", "state", "deadline", "",
)  # fmt: skip
COLOURS = {RED: QColor("#f8d0cc"), YELLOW: QColor("#fcefc2"), SUPERVISED: QColor("#dde8f7")}


class EventTableModel(ReadOnlyTableModel[EventRow]):
    """Rows come from a page cache over SQL (`row_at`), not a list; headers, flags and roles are the base's."""

    count_ready = Signal(int)

    PAGE = 100
    CACHED_PAGES = 40

    def __init__(self, db: Database, actor: Actor) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.headers = (
            self.tr("编号"), self.tr("上报时间"), self.tr("渠道"), self.tr("标题"), self.tr("村（社区）"),
            self.tr("网格"), self.tr("事项类别"), self.tr("紧急程度"), self.tr("状态"), self.tr("办理期限"),
            self.tr("督办"),
        )  # fmt: skip
        self.filter = EventFilter()
        self.order = Sort()
        self._reader: EventReader | None = None
        self._pages: OrderedDict[int, list[EventRow]] = OrderedDict()
        self._rows = 0
        self.total: int | None = None
        self._generation = 0

    # --- the query ---------------------------------------------------------------------------------
    def set_query(self, f: EventFilter, sort: Sort | None = None) -> None:
        """Shows the first page at once; the total follows from a worker thread (count_ready)."""
        self._generation += 1
        generation = self._generation
        self.filter = f
        self.order = sort or self.order
        reader = EventReader(self.db, self.actor, f, self.order)
        self.beginResetModel()
        self._reader = reader
        first = reader.page(0, self.PAGE)
        self._pages = OrderedDict({0: first})
        self._rows = len(first)
        self.total = None
        self.endResetModel()
        if len(first) < self.PAGE:
            self.total = len(first)
            self.count_ready.emit(self.total)
            return
        run_read(lambda _progress: reader.count(), lambda total: self._counted(generation, total))

    def refresh(self) -> None:
        self.set_query(self.filter, self.order)

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return  # a newer query replaced this one
        self.total = total
        if total > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, total - 1)
            self._rows = total
            self.endInsertRows()
        self.count_ready.emit(total)

    def _page(self, number: int) -> list[EventRow]:
        page = self._pages.get(number)
        if page is None:
            assert self._reader is not None
            page = self._reader.page(number * self.PAGE, self.PAGE, total=self.total)
            self._pages[number] = page
            while len(self._pages) > self.CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def row_at(self, row: int) -> EventRow | None:
        if not 0 <= row < self._rows:
            return None
        page = self._page(row // self.PAGE)
        offset = row % self.PAGE
        return page[offset] if offset < len(page) else None

    # --- the table -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def value(self, row: EventRow, column: int) -> str:
        values = (
            row.number, format_local(row.reported_at), label(row.channel), row.title, row.community, row.grid,
            row.category, label(row.urgency), label(row.state), row.deadline.isoformat() if row.deadline else "",
            label(row.colour),
        )  # fmt: skip
        return values[column]

    def tooltip(self, row: EventRow, column: int) -> str | None:
        return row.title if column == 3 else None

    def background(self, row: EventRow, column: int) -> QBrush | None:
        colour = COLOURS.get(row.colour)
        return QBrush(colour) if colour is not None else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMN_KEYS[column] if 0 <= column < len(COLUMN_KEYS) else ""
        if not key:
            return  # title and supervision colour have no index to sort a million rows by
        self.set_query(self.filter, Sort(key, descending=order == Qt.SortOrder.DescendingOrder))
