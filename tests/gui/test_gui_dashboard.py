"""统计分析 through its widgets: the figures shown, a click opening the events behind one in 事件中心,
and every chart's PNG and xlsx exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from event_inputs import an_event
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.analysis import dashboard
from desktop.services.analysis.dashboard import PeriodKind
from desktop.services.common.changes import event_changed
from desktop.services.events import State
from desktop.services.events.queries import EventFilter
from desktop.services.workforce import grids
from desktop.views import file_dialogs
from desktop.views.analysis.page import DashboardPage
from desktop.views.events.page import EventPage
from desktop.views.main_window import MainWindow

LoginAs = Callable[[str], Actor]


def add_events(db: Database, operator: Actor) -> None:
    for channel in ("网格员上报", "网格员上报", "来电"):
        events.create_event(db, operator, an_event(db, channel=channel))


def opened(qtbot: QtBot, db: Database, actor: Actor) -> tuple[MainWindow, DashboardPage]:
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    window.resize(1366, 800)
    window.show()
    page = window.show_page("stats")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.data is not None, timeout=5000)
    return window, page


def test_the_page_shows_the_figures_and_a_click_opens_their_events(
    qtbot: QtBot, demo_db: Database, login_as: LoginAs
) -> None:
    manager = login_as("zhuren")
    add_events(demo_db, login_as("shouli"))
    window, page = opened(qtbot, demo_db, manager)
    expected = dashboard.load(demo_db, manager, PeriodKind.THIS_MONTH)
    assert expected.total.count == 3
    total_tile = page.tile_buttons["total"]
    assert f"{expected.total.count:,} 件" in total_tile.text()
    assert "调解成功率" in page.tile_buttons["mediation"].text(), "a manager sees mediation"

    chart = page.charts["channel"]
    top = expected.by_channel[0]
    assert chart.labels[0] == top.name and chart.values[0][0] == top.count
    bar = chart.bar_rect(0).center().toPoint()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=bar)
    listed = window.pages["events"]
    shown = window.stack.currentWidget()
    assert isinstance(listed, EventPage) and shown is not None and shown.isAncestorOf(listed)
    qtbot.waitUntil(lambda: listed.count_label.text() == f"共 {top.count:,} 条", timeout=5000)
    assert listed.channel.currentData() == top.key == "网格员上报" and top.count == 2
    assert listed.since.date().toPython() == expected.period.start

    # The keyboard reaches the same figures: the second channel, with Down and Enter.
    window.show_page("stats")
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    second = expected.by_channel[1]
    qtbot.waitUntil(lambda: listed.channel.currentData() == second.key == "来电", timeout=5000)
    qtbot.waitUntil(lambda: listed.count_label.text() == f"共 {second.count:,} 条", timeout=5000)

    # A hot spot names a grid and a category: both filters are set.
    window.show_page("stats")
    spot = expected.hot_spots[0]
    page.hot_spot_clicked(0)
    qtbot.waitUntil(lambda: listed.count_label.text() == f"共 {spot.count:,} 条", timeout=5000)
    assert spot.count == 3 and listed.channel.currentIndex() == 0, "the channel filter gave way"
    assert listed.grid.currentData() == spot.filter.grid_id
    assert listed.category.currentData() == spot.filter.category_code

    # What no filter box can show (two states at once) stays pinned under the figure's name.
    window.open_events(EventFilter(states=(State.ACCEPTED, State.COMPLETED)), "本期在办")
    qtbot.waitUntil(lambda: listed.count_label.text() == "共 3 条", timeout=5000)
    assert listed.bucket_label.isVisible() and listed.bucket_label.text() == "统计：本期在办"
    assert listed.state.currentIndex() == 0

    # An event registered meanwhile (announced as a dialog's step announces it) is counted on return.
    made = events.create_event(demo_db, login_as("shouli"), an_event(demo_db))
    window.notifier.announce(event_changed(made.id))
    assert page.stale
    window.show_page("stats")
    qtbot.waitUntil(lambda: f"{expected.total.count + 1:,} 件" in total_tile.text(), timeout=5000)

    # Another period is read again, off the GUI thread.
    page.kind.setCurrentIndex(page.kind.findData(PeriodKind.THIS_YEAR.value))
    year = dashboard.load(demo_db, manager, PeriodKind.THIS_YEAR)
    qtbot.waitUntil(lambda: page.data is not None and page.data.kind == PeriodKind.THIS_YEAR, timeout=5000)
    assert f"{year.total.count:,} 件" in total_tile.text()


def test_every_chart_exports_a_picture_and_its_data(
    qtbot: QtBot, demo_db: Database, login_as: LoginAs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_events(demo_db, login_as("shouli"))
    _window, page = opened(qtbot, demo_db, login_as("zhuren"))
    chosen: list[Path] = []

    def save_path(_parent: object, _title: str, file_name: str, _filter: str) -> str:
        chosen.append(tmp_path / file_name)
        return str(chosen[-1])

    monkeypatch.setattr(file_dialogs, "save_path", save_path)
    data = page.data
    assert data is not None
    for key, box in page.boxes.items():
        box.png_button.click()
        picture = QImage(str(chosen[-1]))
        assert chosen[-1].suffix == ".png" and not picture.isNull(), key
        assert picture.width() >= box.body.width() > 100, key
        box.xlsx_button.click()
        assert chosen[-1].suffix == ".xlsx", key
        sheet = load_workbook(chosen[-1]).active
        assert sheet is not None
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[0] and all(isinstance(h, str) and h for h in rows[0]), key
        if key == "channel":
            assert rows[1:] == [[f.name, f.count] for f in data.by_channel]
        if key == "trend":
            assert rows[-1][:3] == [data.trend[-1].key, data.trend[-1].count, data.trend[-1].last_year]
    assert len(chosen) == 2 * len(page.boxes)


def test_custom_dates_count_again_by_themselves_and_the_trend_names_its_years(
    qtbot: QtBot, demo_db: Database, login_as: LoginAs
) -> None:
    manager = login_as("zhuren")
    _window, page = opened(qtbot, demo_db, manager)
    page.kind.setCurrentIndex(page.kind.findData(PeriodKind.CUSTOM.value))
    qtbot.waitUntil(lambda: page.data is not None and page.data.kind == PeriodKind.CUSTOM, timeout=5000)
    first = page.data
    assert first is not None
    # A new start date alone (no 刷新, no Enter) brings the new figures and the comparison 本月 uses.
    start = first.period.start.replace(day=1)
    page.start.setDate(QDate(start.year, start.month, 1))
    page.start.setDate(QDate(start.year - 1, start.month, 1))
    assert page.data is first, "nothing is counted while the dates are still changing"
    qtbot.waitUntil(lambda: page.data is not first, timeout=5000)
    data = page.data
    assert data is not None and data.period.start == date(start.year - 1, start.month, 1)
    expected = dashboard.load(demo_db, manager, PeriodKind.CUSTOM, data.period.start, data.period.end)
    assert data.total.count == expected.total.count and data.previous == expected.previous
    assert f"{data.period.start.isoformat()} 至" in page.period_label.text()

    # One whole month picked by hand compares like 本月: the same days of the month before.
    month = dashboard.period_of(PeriodKind.THIS_MONTH, data.period.end)
    page.start.setDate(QDate(month.start.year, month.start.month, month.start.day))
    page.end.setDate(QDate(month.end.year, month.end.month, month.end.day))
    qtbot.waitUntil(lambda: page.data is not None and page.data.period == month, timeout=5000)
    assert page.data is not None
    assert page.data.previous == dashboard.previous_period(PeriodKind.THIS_MONTH, month)

    # The trend's first month and every January carry their year; the rest stay short.
    chart = page.charts["trend"]
    months = [p.month for p in page.data.trend]
    for label, month_start in zip(chart.labels, months, strict=True):
        with_year = month_start == months[0] or month_start.month == 1
        assert label == (
            f"{month_start.year}年\n{month_start.month}月" if with_year else f"{month_start.month}月"
        )
    # Every bar has its number, last year's too, and no two numbers touch.
    spots = chart.value_spots()
    assert len(spots) == 2 * len(months)
    texts = [text for _spot, text, _scale in spots]
    assert texts[1::2] == [f"{p.last_year:,}" for p in page.data.trend]
    places = [spot for spot, _text, _scale in spots]
    assert not any(a.intersects(b) for i, a in enumerate(places) for b in places[i + 1 :])


def test_the_hot_spots_stay_readable_on_a_narrow_window(
    qtbot: QtBot, demo_db: Database, login_as: LoginAs, program_style: None
) -> None:
    """Cold test 26: at 150 % on 1366×768 事项类别 fell to 「…」 under a header reading 「页类」 and 增减
    was cut off; the table now has the page's width and the category column a floor."""
    operator = login_as("shouli")
    # Hot spots in the grid with the longest name (镇中心小学专属网格 in the cold test), many of them.
    place, grid_id, _name = max(
        ((p, g, n) for p in grids.community_places(demo_db) for g, n in p.grids), key=lambda t: len(t[2])
    )
    for _ in range(120):
        events.create_event(demo_db, operator, an_event(demo_db, community_id=place.id, grid_id=grid_id))
    window, page = opened(qtbot, demo_db, login_as("zhuren"))
    window.resize(910, 470)  # 1366×768 at 150 %
    qtbot.waitUntil(lambda: window.width() == 910)
    table = page.hot_spots
    header = table.horizontalHeader()
    floor = table.fontMetrics().horizontalAdvance("婚姻家庭和邻里纠纷")
    qtbot.waitUntil(lambda: table.rowCount() > 0 and header.sectionSize(1) >= floor)
    last = header.logicalIndex(header.count() - 1)
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    category = table.item(0, 1)
    assert category is not None
    assert header.sectionSize(1) >= table.fontMetrics().horizontalAdvance(category.text())
