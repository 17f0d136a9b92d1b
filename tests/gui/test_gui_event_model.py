"""The event list model: first page at once, the count later, pages on demand, sorting in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from db_helpers import copy_database
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.clock import format_local
from desktop.db import Database
from desktop.demo import events as event_demo
from desktop.models import Community, Event, Grid
from desktop.services.accounts.permissions import Actor
from desktop.services.events import State
from desktop.services.events.queries import EventFilter, EventReader, Sort
from desktop.views.events.event_model import EventDelegate, EventTableModel
from desktop.views.events.event_table import EventTable
from desktop.views.labels import label
from desktop.views.tables import setup_read_only_table
from desktop.views.tasks import reader_pool, wait_for_background


@pytest.fixture(scope="module")
def events_db_file(tmp_path_factory: pytest.TempPathFactory, gui_demo_template: Path) -> Path:
    path = copy_database(gui_demo_template, tmp_path_factory.mktemp("events") / "towncentre.db")
    db = Database.open(path)
    event_demo.generate_events(db, 1500, seed=7)
    db.close()
    return path


@pytest.fixture
def events_db(events_db_file: Path, qapp: object) -> Iterator[Database]:
    db = Database.open(events_db_file)
    yield db
    db.close()


def actor(db: Database) -> Actor:
    from desktop.services.accounts import auth

    return auth.login(db, "shouli", "demo2026").actor


def test_first_page_then_the_count_then_any_row(
    qtbot: QtBot, events_db: Database, qtmodeltester: ModelTester
) -> None:
    model = EventTableModel(events_db, actor(events_db))
    with qtbot.waitSignal(model.count_ready, timeout=10_000) as counted:
        model.set_query(EventFilter())
        assert model.rowCount() == EventTableModel.PAGE, "the first page is there before the count"
    assert counted.args == [1500] and model.rowCount() == 1500
    qtmodeltester.check(model)
    newest = model.row_at(0)
    oldest = model.row_at(1499)
    assert newest is not None and oldest is not None
    assert newest.reported_at > oldest.reported_at
    assert model.index(1499, 0).data() == oldest.number
    assert len(model._pages) <= EventTableModel.CACHED_PAGES


def test_filters_and_sorting_happen_in_sql(qtbot: QtBot, events_db: Database) -> None:
    operator = actor(events_db)
    model = EventTableModel(events_db, operator)
    closed = EventReader(events_db, operator, EventFilter(states=(State.CLOSED,))).count()
    with qtbot.waitSignal(model.count_ready, timeout=10_000):
        model.set_query(EventFilter(states=(State.CLOSED,)))
    assert model.rowCount() == closed
    assert {model.index(r, 8).data() for r in range(0, closed, 97)} == {State.CLOSED}
    with qtbot.waitSignal(model.count_ready, timeout=10_000):
        model.sort(9, Qt.SortOrder.DescendingOrder)
    assert model.order == Sort("deadline", descending=True)
    deadlines = [model.index(r, 9).data() for r in range(30)]
    assert deadlines == sorted(deadlines, reverse=True)
    before = model.order
    model.sort(3, Qt.SortOrder.AscendingOrder)  # title: no index, so no sort
    assert model.order == before


def test_a_stale_count_is_ignored(qtbot: QtBot, events_db: Database) -> None:
    model = EventTableModel(events_db, actor(events_db))
    counts: list[int] = []
    model.count_ready.connect(counts.append)
    with qtbot.waitSignal(model.count_ready, timeout=10_000):
        model.set_query(EventFilter())
        model.set_query(EventFilter(states=(State.IN_PROGRESS,)))
    # The first query's count may still be on its way: once the readers are idle, its result is
    # queued for this thread, and processing the queue hands it to the model, which must drop it.
    assert wait_for_background(10_000)
    QCoreApplication.processEvents()
    expected = EventReader(events_db, actor(events_db), EventFilter(states=(State.IN_PROGRESS,))).count()
    assert counts[-1] == expected and model.rowCount() == expected
    assert 1500 not in counts, "the first query's count arrived late and was dropped"


def test_overdue_rows_are_coloured(qtbot: QtBot, events_db: Database) -> None:
    model = EventTableModel(events_db, actor(events_db))
    model.set_query(EventFilter(colour="红"))
    qtbot.waitUntil(lambda: model.total is not None, timeout=10_000)
    assert model.rowCount() > 0
    brush = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color().name() == "#f8d0cc"
    assert model.index(0, 10).data() == "红"


def test_model_has_no_children(events_db: Database) -> None:
    model = EventTableModel(events_db, actor(events_db))
    model.set_query(EventFilter())
    parent = model.index(0, 0)
    assert model.rowCount(parent) == 0 and model.columnCount(parent) == 0
    assert model.rowCount(QModelIndex()) >= 100


def test_each_cell_shows_the_services_value_and_paints_it(qtbot: QtBot, events_db: Database) -> None:
    """The texts worked out once per row are the row's values as the list shows them, and the cell
    delegate paints exactly what `data` answers (the text, the tint, the number eliding on the left)."""
    operator = actor(events_db)
    model = EventTableModel(events_db, operator)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    cells = EventDelegate(model, view)
    numbers = EventDelegate(model, view, elide=Qt.TextElideMode.ElideLeft)
    view.setItemDelegate(cells)
    view.setItemDelegateForColumn(0, numbers)
    model.set_query(EventFilter(colour="红"))
    rows = EventReader(events_db, operator, EventFilter(colour="红")).page(0, 5)
    assert rows, "the demo town has overdue events"
    with events_db.reading() as session:
        first = session.get(Event, rows[0].id)
        assert first is not None
        community = session.get(Community, first.community_id)
        grid = session.get(Grid, first.grid_id) if first.grid_id else None
    assert community is not None
    assert (model.index(0, 4).data(), model.index(0, 5).data()) == (community.name, grid.name if grid else "")
    for r, row in enumerate(rows):
        expected = (
            row.number, format_local(row.reported_at), label(row.channel), row.title, row.community, row.grid,
            row.category, label(row.urgency), label(row.state), row.deadline.isoformat() if row.deadline else "",
            label(row.colour),
        )  # fmt: skip
        assert tuple(model.index(r, c).data() for c in range(11)) == expected
        for c in range(11):
            option = QStyleOptionViewItem()
            (numbers if c == 0 else cells).initStyleOption(option, model.index(r, c))
            assert option.text == expected[c]
            assert option.backgroundBrush.color().name() == "#f8d0cc", "overdue: tinted red"
            assert (option.textElideMode == Qt.TextElideMode.ElideLeft) == (c == 0), "the number's end stays"
    assert model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == rows[0].title
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == rows[0].number, (
        "shown elided: whole on hover"
    )
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) is None
    tip = Qt.ItemDataRole.ToolTipRole
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(3, horizontal, tip) == "标题（这一列不能排序）"  # a click sorts nothing: said
    assert model.headerData(1, horizontal, tip) == "上报时间"
    flags = model.flags(model.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_the_count_starts_once_the_first_page_is_painted(qtbot: QtBot, events_db: Database) -> None:
    model = EventTableModel(events_db, actor(events_db))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert wait_for_background(10_000)
    busy_at_paint: list[int] = []

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                busy_at_paint.append(reader_pool().activeThreadCount())
            return False

    watch = PaintWatch()
    view.viewport().installEventFilter(watch)
    with qtbot.waitSignal(model.count_ready, timeout=10_000) as counted:
        model.set_query(EventFilter(), Sort("deadline"))
        model.set_query(EventFilter(), Sort("reported_at"))  # replaces the first before its count began
        assert reader_pool().activeThreadCount() == 0, "no count before the event loop has painted"
    view.viewport().removeEventFilter(watch)
    assert busy_at_paint and busy_at_paint[0] == 0, "the first page was painted with no count running"
    assert counted.args == [1500] and model.rowCount() == 1500


def test_the_event_table_paints_its_cells_as_qt_would(qtbot: QtBot, events_db: Database) -> None:
    """EventTable paints the cells itself (desktop/views/events/event_table.py): the pixels are those of
    QTableView drawing through the delegate and the style, with the tint, the selection over it, the
    focus frame, the number elided at its beginning and a title elided at its end."""
    model = EventTableModel(events_db, actor(events_db))
    model.set_query(EventFilter(colour="红"))  # every row tinted
    qtbot.waitUntil(lambda: model.total is not None, timeout=10_000)
    views: list[QTableView] = [EventTable(), QTableView()]
    for view in views:
        qtbot.addWidget(view)
        view.setModel(model)
        setup_read_only_table(view, wrap=False)
        view.setItemDelegate(EventDelegate(model, view))
        view.setItemDelegateForColumn(0, EventDelegate(model, view, elide=Qt.TextElideMode.ElideLeft))
        view.verticalHeader().setDefaultSectionSize(32)
        view.setColumnWidth(0, 90)  # narrower than a number
        view.setColumnWidth(3, 120)  # narrower than most titles
        view.resize(900, 300)
        view.show()
        qtbot.waitExposed(view)
        view.selectRow(1)
        view.setCurrentIndex(model.index(1, 2))
    metrics = views[0].fontMetrics()
    assert metrics.horizontalAdvance(str(model.index(0, 0).data())) > 90, "the number is elided"
    assert any(metrics.horizontalAdvance(str(model.index(r, 3).data())) > 120 for r in range(5))
    images = []
    for view in views:
        view.activateWindow()
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        images.append(view.grab().toImage())
    ours, qts = images
    assert ours == qts, "painted as QTableView paints it"
    table = views[0]
    x = table.columnViewportPosition(2) + table.columnWidth(2) - 4  # the end of 渠道, no text there
    overdue, selected = (table.viewport().mapTo(table, QPoint(x, 32 * row + 16)) for row in (0, 1))
    highlight = table.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    assert ours.pixelColor(overdue).name() == "#f8d0cc", "an overdue row: red"
    painted = ours.pixelColor(selected)
    differences = (
        painted.red() - highlight.red(),
        painted.green() - highlight.green(),
        painted.blue() - highlight.blue(),
    )
    assert max(map(abs, differences)) <= 2, "the selected row: the selection colour over the red"
