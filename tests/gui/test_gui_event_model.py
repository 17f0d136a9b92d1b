"""The event list model: first page at once, the count later, pages on demand, sorting in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from db_helpers import copy_database
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.demo import events as event_demo
from desktop.services.accounts.permissions import Actor
from desktop.services.events import State
from desktop.services.events.queries import EventFilter, EventReader, Sort
from desktop.views.events.event_model import EventTableModel
from desktop.views.tasks import wait_for_background


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
