"""统计分析 figures against events counted by hand, and each figure's filter against the event list.

The fixture's events are made through the services at chosen times (a fake clock in 2030), around the
edges that matter: the previous period's end, a month's first hours in China (still the month before
in UTC), the same month last year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from db_helpers import FakeClock, MonthKey, month_counts_from_events, month_stat
from openpyxl import load_workbook
from sqlalchemy import select, text

from desktop.db import Database
from desktop.demo.events import generate_events
from desktop.errors import PermissionDenied, ValidationError
from desktop.models import Grid, MatterCategory, MatterItem
from desktop.services import events, mediation
from desktop.services.accounts.permissions import Actor
from desktop.services.analysis import dashboard
from desktop.services.analysis.dashboard import Period, PeriodKind, period_of, previous_period
from desktop.services.events import EventInput, State
from desktop.services.events import workflow as flow
from desktop.services.events.queries import RED, SUPERVISED, YELLOW, EventReader, today_of

ActorOf = Callable[[Database, str], Actor]
CHINA = timedelta(hours=8)


def at_local(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC) - CHINA


@pytest.fixture
def db(demo_db: Database) -> Database:
    demo_db.clock = FakeClock(at_local(2030, 3, 20))
    return demo_db


def move_to(db: Database, when: datetime) -> None:
    assert isinstance(db.clock, FakeClock)
    db.clock.now = when


class Town:
    """Two grids (with their communities) and an item of two different categories."""

    def __init__(self, db: Database) -> None:
        with db.reading() as session:
            grids = session.scalars(select(Grid).order_by(Grid.code).limit(2)).all()
            self.grids = [(g.community_id, g.id, g.name) for g in grids]
            first = session.scalars(select(MatterItem).where(MatterItem.name == "邻里纠纷")).one()
            other = session.scalars(
                select(MatterItem)
                .where(MatterItem.category_id != first.category_id)
                .order_by(MatterItem.code)
            ).first()
            assert other is not None
            self.items = [first.id, other.id]
            codes = dict(session.execute(select(MatterCategory.id, MatterCategory.code)).all())
            self.categories = [codes[first.category_id], codes[other.category_id]]

    def event(self, db: Database, grid: int = 0, item: int = 0, channel: str = "网格员上报") -> EventInput:
        community, grid_id, _name = self.grids[grid]
        return EventInput(
            channel=channel, occurred_at=db.clock() - timedelta(hours=2), community_id=community, grid_id=grid_id,
            matter_item_id=self.items[item], title="楼道堆放杂物影响通行", description="住户反映楼道长期堆放杂物。",
            address="清溪路 18 号", reporter_name="张建国", reporter_phone="13905711234",
        )  # fmt: skip


def fill(db: Database, operator: Actor, town: Town) -> dict[str, str]:
    """The hand-counted fixture; returns the ids worth naming."""

    def new(when: datetime, **kw: object) -> str:
        move_to(db, when)
        return events.create_event(db, operator, town.event(db, **kw)).id  # type: ignore[arg-type]

    new(at_local(2029, 3, 12))  # last year's March
    new(at_local(2030, 2, 5))  # the previous period (1–20 Feb): G1 × 邻里纠纷, twice
    new(at_local(2030, 2, 5, 10))
    new(at_local(2030, 2, 25))  # February, after the previous period's span
    # This month (1–20 Mar). 07:00 on 1 March in China is still February in UTC: it counts in March.
    ids = {"e0": new(at_local(2030, 3, 1, 7))}
    ids["e1"] = new(at_local(2030, 3, 2))
    ids["e2"] = new(at_local(2030, 3, 18), channel="来电")
    flow.dispatch(db, operator, ids["e2"], department_code="ZJ02", limit_days=10)
    ids["e3"] = new(at_local(2030, 3, 4), channel="来电")
    flow.dispatch(db, operator, ids["e3"], department_code="ZJ02", limit_days=1)  # due 5 Mar: overdue
    flow.supervise(db, operator, ids["e3"], "请尽快办结")
    ids["e4"] = new(at_local(2030, 3, 6), grid=1, item=1, channel="群众来访")
    flow.refuse(db, operator, ids["e4"], "不属于本中心受理范围")
    move_to(db, at_local(2030, 3, 20))
    return ids


def test_every_figure_matches_the_hand_count_and_opens_the_same_events(
    db: Database, actor_of: ActorOf
) -> None:
    operator = actor_of(db, "shouli")
    town = Town(db)
    before = {f.key: f.count for f in dashboard.load(db, operator, PeriodKind.THIS_MONTH).open_work}
    fill(db, operator, town)
    d = dashboard.load(db, operator, PeriodKind.THIS_MONTH)

    assert d.period == Period(date(2030, 3, 1), date(2030, 3, 20))
    assert d.previous == Period(date(2030, 2, 1), date(2030, 2, 20))
    assert d.total.count == 5 and d.previous_total == 2
    assert {f.key: f.count for f in d.by_state} == {
        State.ACCEPTED: 2,
        State.DISPATCHED: 2,
        State.NOT_ACCEPTED: 1,
    }
    assert [f.key for f in d.by_state] == [State.ACCEPTED, State.DISPATCHED, State.NOT_ACCEPTED], "loop order"
    assert [(f.key, f.count) for f in d.by_channel] == [("来电", 2), ("网格员上报", 2), ("群众来访", 1)]
    assert [(f.key, f.count) for f in d.by_category] == [(town.categories[0], 4), (town.categories[1], 1)]
    assert d.by_category[0].name != town.categories[0], "categories are named"

    hot = [(s.grid, s.count, s.previous, s.change) for s in d.hot_spots]
    assert hot == [(town.grids[0][2], 4, 2, 2), (town.grids[1][2], 1, 0, 1)]

    trend = {p.key: (p.count, p.last_year) for p in d.trend}
    assert len(d.trend) == 12 and d.trend[-1].key == "2030-03" and d.trend[0].key == "2029-04"
    assert trend["2030-03"] == (5, 1) and trend["2030-02"] == (3, 0) and trend["2030-01"] == (0, 0)

    after = {f.key: f.count for f in d.open_work}
    assert after[RED] - before[RED] == 1 and after[SUPERVISED] - before[SUPERVISED] == 1
    assert after[YELLOW] == before[YELLOW]

    # A click opens the list with the figure's filter: it shows exactly the events counted.
    figures = [d.total, *d.by_state, *d.by_channel, *d.by_category, *d.open_work]
    for figure in figures:
        assert EventReader(db, operator, figure.filter).count() == figure.count, figure
    for spot in d.hot_spots:
        assert EventReader(db, operator, spot.filter).count() == spot.count
    for point in d.trend:
        assert EventReader(db, operator, point.filter).count() == point.count
        assert EventReader(db, operator, point.last_year_filter).count() == point.last_year
    assert d.mediation is None, "the operator may not see mediation"


def test_periods_and_what_they_are_compared_with() -> None:
    today = date(2030, 3, 31)
    assert period_of(PeriodKind.LAST_MONTH, today) == Period(date(2030, 2, 1), date(2030, 2, 28))
    assert previous_period(PeriodKind.LAST_MONTH, Period(date(2030, 2, 1), date(2030, 2, 28))) == Period(
        date(2030, 1, 1), date(2030, 1, 31)
    ), "a whole month against the whole month before"
    month = period_of(PeriodKind.THIS_MONTH, today)
    assert previous_period(PeriodKind.THIS_MONTH, month) == Period(date(2030, 2, 1), date(2030, 2, 28))
    quarter = period_of(PeriodKind.THIS_QUARTER, date(2030, 5, 15))
    assert quarter == Period(date(2030, 4, 1), date(2030, 5, 15))
    assert previous_period(PeriodKind.THIS_QUARTER, quarter) == Period(date(2030, 1, 1), date(2030, 2, 15))
    year = period_of(PeriodKind.THIS_YEAR, today)
    assert previous_period(PeriodKind.THIS_YEAR, year) == Period(date(2029, 1, 1), date(2029, 3, 31))
    # A custom range follows 本月's rule: the same days, moved back by the months it touches.
    custom = period_of(PeriodKind.CUSTOM, today, date(2030, 3, 1), date(2030, 3, 29))
    assert (
        previous_period(PeriodKind.CUSTOM, custom)
        == previous_period(PeriodKind.THIS_MONTH, Period(date(2030, 3, 1), date(2030, 3, 29)))
        == Period(date(2030, 2, 1), date(2030, 2, 28))
    ), "1–29 Mar as a custom range compares as 本月 does"
    custom = period_of(PeriodKind.CUSTOM, today, date(2029, 6, 1), date(2029, 11, 29))
    assert previous_period(PeriodKind.CUSTOM, custom) == Period(date(2028, 12, 1), date(2029, 5, 29))
    whole = Period(date(2030, 3, 1), date(2030, 3, 31))
    assert previous_period(PeriodKind.CUSTOM, whole) == Period(date(2030, 2, 1), date(2030, 2, 28))
    with pytest.raises(ValidationError):
        period_of(PeriodKind.CUSTOM, today, date(2030, 3, 10), date(2030, 3, 9))


def test_mediation_outcomes_agree_with_the_mediation_page(demo_db: Database, actor_of: ActorOf) -> None:
    manager = actor_of(demo_db, "zhuren")
    # The demo's cases are concluded in its own months: compare a whole year with the months added up.
    today = today_of(demo_db)
    d = dashboard.load(demo_db, manager, PeriodKind.CUSTOM, date(today.year, 1, 1), date(today.year, 12, 31))
    assert d.mediation is not None
    months = [mediation.monthly_stats(demo_db, manager, today.year, m) for m in range(1, 13)]
    figures = dict(d.mediation)
    assert figures["书面协议"] + figures["口头协议"] == sum(s.agreements for s in months)
    assert sum(figures.values()), "the demo concludes cases this year"
    assert figures["调解不成"] == sum(s.failed for s in months)


def test_the_dashboard_needs_the_event_read_permission(db: Database) -> None:
    nobody = Actor("", "nobody", "nobody", (), (), frozenset())
    with pytest.raises(PermissionDenied):
        dashboard.load(db, nobody, PeriodKind.THIS_MONTH)


def test_chart_data_exports_as_text_safe_xlsx(tmp_path: Path) -> None:
    target = tmp_path / "按来源渠道.xlsx"
    dashboard.write_table_xlsx(target, "按来源渠道: 本月", ("渠道", "事件数"), [("=1+1", 3), ("来电", 2)])
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["渠道", "事件数"],
        ["=1+1", 3],
        ["来电", 2],
    ]
    assert sheet["A2"].data_type == "s", "text that looks like a formula stays text"
    assert not list(tmp_path.glob(".*.part")), "no temporary file left"


def every_figure_opens_its_events(db: Database, actor: Actor, d: dashboard.Dashboard) -> None:
    """Each figure equals the count of the event list it opens (the list counts `event` itself)."""
    for figure in (d.total, *d.by_state, *d.by_channel, *d.by_category):
        assert EventReader(db, actor, figure.filter).count() == figure.count, (d.kind, figure)
    assert EventReader(db, actor, d.previous.events()).count() == d.previous_total, d.kind
    for spot in d.hot_spots:
        assert EventReader(db, actor, spot.filter).count() == spot.count, (d.kind, spot)
        earlier = replace(spot.filter, since=d.previous.start, until=d.previous.end)
        assert EventReader(db, actor, earlier).count() == spot.previous, (d.kind, spot)


def test_whole_months_from_the_summary_table_count_what_the_list_shows(
    db: Database, actor_of: ActorOf
) -> None:
    operator = actor_of(db, "shouli")
    town = Town(db)
    fill(db, operator, town)

    # 1 Jan – 20 Mar: January and February from event_month_stat, 1–20 March from the events.
    year = dashboard.load(db, operator, PeriodKind.THIS_YEAR)
    assert year.total.count == 8 and year.previous_total == 1
    assert {f.key: f.count for f in year.by_state} == {
        State.ACCEPTED: 5,
        State.DISPATCHED: 2,
        State.NOT_ACCEPTED: 1,
    }
    assert [(f.key, f.count) for f in year.by_channel] == [("网格员上报", 5), ("来电", 2), ("群众来访", 1)]
    hot = [(s.grid, s.count, s.previous) for s in year.hot_spots]
    assert hot == [(town.grids[0][2], 7, 1), (town.grids[1][2], 1, 0)]
    # February alone, whole (from the table), against the whole of January.
    last_month = dashboard.load(db, operator, PeriodKind.LAST_MONTH)
    assert (last_month.total.count, last_month.previous_total) == (3, 0)
    # A custom range cut inside months: 10 February – 5 March, against 10 December – 5 January.
    custom = dashboard.load(db, operator, PeriodKind.CUSTOM, date(2030, 2, 10), date(2030, 3, 5))
    assert (custom.total.count, custom.previous_total) == (4, 0)
    # 3–18 March against 3–18 February, both cut inside their months.
    middle = dashboard.load(db, operator, PeriodKind.CUSTOM, date(2030, 3, 3), date(2030, 3, 18))
    assert (middle.total.count, middle.previous_total) == (3, 2)
    # 1 February – 31 March: two whole months, March's later days still empty.
    spring = dashboard.load(db, operator, PeriodKind.CUSTOM, date(2030, 2, 1), date(2030, 3, 31))
    assert spring.total.count == 8
    for d in (
        year,
        last_month,
        custom,
        middle,
        spring,
        dashboard.load(db, operator, PeriodKind.THIS_QUARTER),
    ):
        every_figure_opens_its_events(db, operator, d)

    # A running month is March summed whole less the days after today: an event dated after today (a
    # PC whose clock ran ahead) stays out of 1–20 March, as the list leaves it out.
    move_to(db, at_local(2030, 3, 25))
    events.create_event(db, operator, town.event(db))
    move_to(db, at_local(2030, 3, 20))
    month = dashboard.load(db, operator, PeriodKind.THIS_MONTH)
    assert month.total.count == 5 and month.trend[-1].count == 6
    every_figure_opens_its_events(db, operator, month)


def test_the_summary_tables_stay_equal_to_the_events(db: Database, actor_of: ActorOf) -> None:
    """event_month_stat and event_month_grid_stat against the events counted in Python after every kind of write: the demo's bulk
    load (which drops the triggers and refills the table), registration, workflow steps, edits of the
    grouped columns, a tombstone and a removal."""

    def exact() -> dict[MonthKey, int]:
        stat = month_stat(db.path)
        assert stat == month_counts_from_events(db.path)
        assert all(n > 0 for n in stat.values()), "a key whose events all left is removed"
        return stat

    operator = actor_of(db, "shouli")
    move_to(db, at_local(2030, 1, 20))
    assert generate_events(db, 300, seed=11) == 300
    assert sum(n for key, n in exact().items() if key[0] == "state") >= 300
    town = Town(db)
    ids = fill(db, operator, town)
    flow.dispatch(db, operator, ids["e1"], department_code="ZJ02", limit_days=5)
    stat = exact()
    assert stat["state", "2030-03", State.DISPATCHED, "网格员上报", town.categories[0]] == 1
    assert stat["grid", "2030-03", town.grids[0][1], town.categories[0]] == 4

    # No service edits these columns today; sync or a later correction might: the triggers follow.
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE event SET category_code = :c, grid_id = NULL, channel = '其他' WHERE id = :id"),
            {"c": town.categories[1], "id": ids["e1"]},
        )
        conn.execute(
            text("UPDATE event SET reported_at = '2029-12-31 16:30:00.000000' WHERE id = :id"),
            {"id": ids["e2"]},
        )
    stat = exact()
    assert stat["state", "2030-03", State.DISPATCHED, "其他", town.categories[1]] == 1
    assert stat["grid", "2030-03", "", town.categories[1]] == 1
    assert ("state", "2030-03", State.DISPATCHED, "网格员上报", town.categories[0]) not in stat
    assert stat["grid", "2030-03", town.grids[0][1], town.categories[0]] == 2
    # 00:30 on 1 January in China, still 31 December in UTC: January.
    assert stat["state", "2030-01", State.DISPATCHED, "来电", town.categories[0]] >= 1

    # A tombstone still counts, in the table as in the dashboard's other reads (docs/conventions.md).
    before = dashboard.load(db, operator, PeriodKind.THIS_YEAR).total.count
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE event SET deleted_at = updated_at WHERE id = :id"), {"id": ids["e3"]})
    assert exact() == stat
    assert dashboard.load(db, operator, PeriodKind.THIS_YEAR).total.count == before

    # Nothing in the program removes an event (the unit of work refuses it); a database tool could.
    with db.engine.begin() as conn:
        for table in ("event_action", "event_attachment"):
            conn.execute(text(f"DELETE FROM {table} WHERE event_id = :id"), {"id": ids["e4"]})
        conn.execute(text("DELETE FROM event WHERE id = :id"), {"id": ids["e4"]})
    stat = exact()
    assert ("state", "2030-03", State.NOT_ACCEPTED, "群众来访", town.categories[1]) not in stat
    assert ("grid", "2030-03", town.grids[1][1], town.categories[1]) not in stat
    after = dashboard.load(db, operator, PeriodKind.THIS_YEAR)
    assert after.total.count == before - 1
    every_figure_opens_its_events(db, operator, after)
