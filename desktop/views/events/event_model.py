"""The event list as a Qt model over SQL: pages on demand, a count that may arrive later.

Nothing loads all rows. The first page is read when the query is set (so the view shows rows at
once); the total is counted on a worker thread and the rows appear when it arrives. Pages the view
asks for are read as needed and kept in a small cache; a page past the middle is read from the other
end of the ordering, so the last page costs what the first does (EventReader.page).

Painting is most of the time a first page takes, and much of painting is calls into Python: Qt's
delegate asks `data` about seven roles of every visible cell. So each row's texts and tint (`Shown`)
are worked out once, when the row is first painted, and `data` answers from them; the page's table
(event_table.EventTable) paints every visible cell from them in one call, and `EventDelegate` fills a
cell's style option from them where the style draws a cell (the focus frame) (bench/bench_events.py).
Each page's rows stay as read until shown (queries.LazyRows), and the count label changes only once the
first page is painted (`counting`).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop.clock import format_local
from desktop.db import Database
from desktop.services.accounts.permissions import Actor
from desktop.services.events.queries import (
    RED,
    SUPERVISED,
    YELLOW,
    EventFilter,
    EventReader,
    EventRow,
    LazyRows,
    Names,
    Sort,
)
from desktop.views.labels import label
from desktop.views.tables import Index, ReadOnlyTableModel
from desktop.views.tasks import run_read

# (sort key in event_queries.SORT_COLUMNS or "" when the column cannot be sorted fast)
COLUMN_KEYS = (
    "number", "reported_at", "channel", "", "community", "grid", "category", "urgency", "state", "deadline", "",
)  # fmt: skip
# 督办 lilac, not blue: the selection is blue, and a supervised row looked selected (cold test 24).
COLOURS = {RED: QColor("#f8d0cc"), YELLOW: QColor("#fcefc2"), SUPERVISED: QColor("#e8dcf4")}
_BRUSHES = {colour: QBrush(value) for colour, value in COLOURS.items()}
NUMBER, TITLE = 0, 3

# Qt's roles as the plain ints it passes: looking up an enum member is Python code, run for every cell.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay

# The count starts once a view has painted the first page: started at once, its thread took the GIL
# and a core from the painting (bench/bench_events.py: twice the time, median under load). Painting asks
# for the first row; the start is then queued behind the painting. A model nobody paints (a hidden page)
# counts after COUNT_UNPAINTED_MS.
_START_COUNT = QEvent.Type(QEvent.registerEventType())
COUNT_UNPAINTED_MS = 100


class _Page:
    """One page of rows, and what each row shows once it has been asked for (`Shown`)."""

    __slots__ = ("rows", "shown")

    def __init__(self, rows: LazyRows) -> None:
        self.rows = rows
        self.shown: list[Shown | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self.rows)


class Shown:
    """A row as the list shows it: each column's text, the tint and the title's tooltip."""

    __slots__ = ("background", "texts", "title")

    def __init__(self, row: EventRow) -> None:
        self.texts = (
            row.number, format_local(row.reported_at), label(row.channel), row.title, row.community, row.grid,
            row.category, label(row.urgency), label(row.state), row.deadline.isoformat() if row.deadline else "",
            label(row.colour),
        )  # fmt: skip
        self.background = _BRUSHES.get(row.colour)
        self.title = row.title


class EventTableModel(ReadOnlyTableModel[EventRow]):
    """Rows come from a page cache over SQL (`row_at`), not a list; headers and flags are the base's."""

    count_ready = Signal(int)
    counting = Signal()  # the count has started: after the first page is painted, not with the query

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
        # A click on these headers sorts nothing (no index to sort a million rows by): said on hover.
        unsorted = self.tr("{name}（这一列不能排序）")
        self.header_tips = {
            c: unsorted.format(name=self.headers[c]) for c, key in enumerate(COLUMN_KEYS) if not key
        }
        self.filter = EventFilter()
        self.order = Sort()
        self._reader: EventReader | None = None
        self._names: Names | None = None  # the place and category names, kept until `refresh`
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._rows = 0
        self.total: int | None = None
        self._generation = 0
        self._count_for = 0  # the query (generation) whose count waits for the first page's painting
        self._count_queued = False
        self._unpainted = QTimer(self)
        self._unpainted.setSingleShot(True)
        self._unpainted.setInterval(COUNT_UNPAINTED_MS)
        self._unpainted.timeout.connect(self._start_count)

    # --- the query ---------------------------------------------------------------------------------
    def set_query(self, f: EventFilter, sort: Sort | None = None) -> None:
        """Shows the first page at once; the total follows from a worker thread (count_ready)."""
        self._generation += 1
        generation = self._generation
        self._count_for = 0
        self._unpainted.stop()
        self.filter = f
        self.order = sort or self.order
        reader = EventReader(self.db, self.actor, f, self.order, names=self._names)
        self._names = reader.names
        first = reader.rows(0, self.PAGE)  # read before the reset: the view is empty for less time
        self.beginResetModel()
        self._reader = reader
        self._pages = OrderedDict({0: _Page(first)})
        self._rows = len(first)
        self.total = None
        self.endResetModel()
        if len(first) < self.PAGE:
            self.total = len(first)
            self.count_ready.emit(self.total)
            return
        self._count_for = generation
        self._count_queued = False
        self._unpainted.start()

    def event(self, e: QEvent) -> bool:
        if e.type() == _START_COUNT:
            self._start_count()
            return True
        return super().event(e)

    def _queue_count(self) -> None:
        """Called while a view paints: the count starts when the event loop is back, the frame done."""
        self._count_queued = True
        self._unpainted.stop()
        QCoreApplication.postEvent(self, QEvent(_START_COUNT), Qt.EventPriority.LowEventPriority.value)

    def _start_count(self) -> None:
        generation, reader = self._count_for, self._reader
        self._unpainted.stop()
        if generation != self._generation or reader is None:
            return  # already started, or a newer query replaced this one (it has its own)
        self._count_for = 0
        self.counting.emit()
        run_read(lambda _progress: reader.count(), lambda total: self._counted(generation, total))

    def refresh(self) -> None:
        """Reads the list again, with the names of places and categories (renamed, added meanwhile)."""
        self._names = None
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

    def _page(self, number: int) -> _Page:
        page = self._pages.get(number)
        if page is None:
            assert self._reader is not None
            page = _Page(self._reader.rows(number * self.PAGE, self.PAGE, total=self.total))
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
        return page.rows[offset] if offset < len(page) else None

    def shown_at(self, row: int) -> Shown | None:
        """What row `row` shows, worked out on the first call and kept with its page."""
        if self._count_for and not self._count_queued:
            self._queue_count()
        if not 0 <= row < self._rows:
            return None
        page = self._page(row // self.PAGE)
        offset = row % self.PAGE
        if offset >= len(page):
            return None
        shown = page.shown[offset]
        if shown is None:
            shown = page.shown[offset] = Shown(page.rows[offset])
        return shown

    # --- the table -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # The base's hooks, answered from `Shown`: the other roles (font, alignment, check state…)
        # return at the first test, before a row is looked up.
        if role != _DISPLAY and role != _BACKGROUND and role != _TOOLTIP:
            return None
        shown = self.shown_at(index.row())
        if shown is None:
            return None
        if role == _DISPLAY:
            return shown.texts[index.column()]
        if role == _BACKGROUND:
            return shown.background
        column = index.column()
        return shown.title if column == TITLE else shown.texts[NUMBER] if column == NUMBER else None

    def value(self, row: EventRow, column: int) -> str:
        return Shown(row).texts[column]

    def tooltip(self, row: EventRow, column: int) -> str | None:
        # The number is shown elided at its start: the whole of it on hover (cold test 25).
        return row.title if column == TITLE else row.number if column == NUMBER else None

    def background(self, row: EventRow, column: int) -> QBrush | None:
        return _BRUSHES.get(row.colour)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMN_KEYS[column] if 0 <= column < len(COLUMN_KEYS) else ""
        if not key:
            return  # title and supervision colour have no index to sort a million rows by
        self.set_query(self.filter, Sort(key, descending=order == Qt.SortOrder.DescendingOrder))


class EventDelegate(QStyledItemDelegate):
    """Paints the event list's cells from `Shown`, in one call a cell instead of seven calls of `data`.

    The style option gets what QStyledItemDelegate.initStyleOption would put in it from `data` (the
    text, the tint), so the style draws the cell as before; `elide` is for the number column, whose
    end, where numbers differ, stays in view (see ElideLeftDelegate)."""

    def __init__(
        self, model: EventTableModel, parent: QObject | None = None, *, elide: Qt.TextElideMode | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.elide = elide

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        shown = self.model.shown_at(index.row()) if index.model() is self.model else None
        if shown is None:
            super().initStyleOption(option, index)
        else:
            option.index = index  # type: ignore[assignment]  # a view paints QModelIndex, never persistent ones
            option.features |= _HAS_DISPLAY
            option.text = shown.texts[index.column()]
            if shown.background is not None:
                option.backgroundBrush = shown.background
            option.styleObject = None  # type: ignore[assignment]  # as Qt's: no style animations in item views
        if self.elide is not None:
            option.textElideMode = self.elide
