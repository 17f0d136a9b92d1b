"""统计分析: the town at a glance for a period, every figure with the event filter behind it.

Every figure counts exactly the events the list opened from it shows (`queries.filter_conditions`,
the list's own WHERE). Counts by state, channel, category and hot spot come from two summary tables kept
by triggers on `event` (migration 0014: `event_month_stat`, `event_month_grid_stat`) for whole months,
and from grouped SQL over `event` for the days that are not (`_plan`: a month cut by the period is
counted from its days, or summed whole less its days outside the period when those are fewer, as in a
running month). The monthly trend is whole months, all from one table read. The open-work figures
(overdue, near the limit, supervised) are today's, whatever the period. Like every bulk read of
`event`, no `deleted_at IS NULL` (docs/conventions.md): the summary tables count tombstoned events too.
"""

from __future__ import annotations

import calendar
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import ValidationError
from desktop.models import Event, EventMonthGridStat, EventMonthStat, MediationCase
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.files import require_text_path, save_atomically
from desktop.services.common.xlsx import append_as_text
from desktop.services.events import State
from desktop.services.events.export import check_dates
from desktop.services.events.queries import (
    RED,
    SUPERVISED,
    YELLOW,
    EventFilter,
    Names,
    filter_conditions,
    today_of,
)
from desktop.services.mediation.types import NO_AGREEMENT, ORAL, WRITTEN

HOT_SPOTS = 10  # (grid, category) pairs shown
TREND_MONTHS = 12
MEDIATION_OUTCOMES = (WRITTEN, ORAL, NO_AGREEMENT)


class PeriodKind(StrEnum):
    THIS_MONTH = "本月"
    LAST_MONTH = "上月"
    THIS_QUARTER = "本季度"
    THIS_YEAR = "本年"
    CUSTOM = "自定义"


@dataclass(frozen=True)
class Period:
    """Local reporting days, both inclusive."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def events(self, **more: Any) -> EventFilter:
        return EventFilter(since=self.start, until=self.end, **more)


def _add_months(day: date, months: int, *, month_end: bool = False) -> date:
    """`day` moved by whole months; a day the target month lacks (31 → 30) becomes its last, and with
    `month_end` the last day stays the last."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, last if month_end else min(day.day, last))


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def period_of(kind: PeriodKind, today: date, start: date | None = None, end: date | None = None) -> Period:
    """The period a picker choice means on `today`. A running month, quarter or year ends today."""
    if kind == PeriodKind.THIS_MONTH:
        return Period(today.replace(day=1), today)
    if kind == PeriodKind.LAST_MONTH:
        first = _add_months(today.replace(day=1), -1)
        return Period(first, _add_months(first, 0, month_end=True))
    if kind == PeriodKind.THIS_QUARTER:
        return Period(date(today.year, (today.month - 1) // 3 * 3 + 1, 1), today)
    if kind == PeriodKind.THIS_YEAR:
        return Period(date(today.year, 1, 1), today)
    if start is None or end is None or end < start:
        raise ValidationError("请选择起止日期，结束日期不能早于开始日期。", "Choose a start and an end date; the end cannot come before the start.", "period")  # fmt: skip
    return Period(start, end)


def previous_period(kind: PeriodKind, period: Period) -> Period:
    """What a period is compared with, one rule for every kind: the same days moved back by the period's
    own length in calendar months (本月 and 上月 one, 本季度 three, 本年 twelve, a custom range as many as
    it touches). So 1–29 Nov compares with 1–29 Oct whether picked as 本月 or as a custom range, a whole
    month with the whole month before, and 1 Jun–29 Nov with 1 Dec–29 May; the two never overlap."""
    months = {PeriodKind.THIS_MONTH: 1, PeriodKind.LAST_MONTH: 1, PeriodKind.THIS_QUARTER: 3, PeriodKind.THIS_YEAR: 12}  # fmt: skip
    shift = months.get(kind)
    if shift is None:
        shift = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    return Period(
        _add_months(period.start, -shift),
        _add_months(period.end, -shift, month_end=_is_month_end(period.end)),
    )


@dataclass(frozen=True)
class Figure:
    key: str  # the stored word or code counted (a state, a channel, a category code, "2026-11")
    name: str  # what to show: a stored word (the view translates it) or a name from the records
    count: int
    filter: EventFilter  # opens the events behind the figure


@dataclass(frozen=True)
class MonthPoint:
    month: date  # its first day
    count: int
    last_year: int  # the same month a year before
    filter: EventFilter
    last_year_filter: EventFilter

    @property
    def key(self) -> str:
        return f"{self.month.year}-{self.month.month:02d}"


@dataclass(frozen=True)
class HotSpot:
    grid: str
    category: str
    count: int
    previous: int  # the same grid and category in the previous period
    filter: EventFilter

    @property
    def change(self) -> int:
        return self.count - self.previous


@dataclass(frozen=True)
class Dashboard:
    kind: PeriodKind
    period: Period
    previous: Period
    today: date
    total: Figure
    previous_total: int
    by_state: tuple[Figure, ...]  # in the loop's order, states with no events left out
    by_channel: tuple[Figure, ...]  # most first
    by_category: tuple[Figure, ...]  # most first
    trend: tuple[MonthPoint, ...]  # oldest first, ending with the period's last month
    open_work: tuple[Figure, ...]  # today: overdue, near the limit, supervised
    hot_spots: tuple[HotSpot, ...]
    # Cases concluded in the period by outcome; None for a user who may not see mediation.
    mediation: tuple[tuple[str, int], ...] | None


def _count(session: Session, f: EventFilter, today: date) -> int:
    query = select(func.count()).select_from(Event).where(*filter_conditions(f, today))
    return int(session.execute(query).scalar() or 0)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def load(
    db: Database, actor: Actor, kind: PeriodKind, start: date | None = None, end: date | None = None
) -> Dashboard:
    """Every figure of the 统计分析 page for the period `kind` names (start and end for a custom one)."""
    actor.require(Permission.EVENT_VIEW)
    today = today_of(db)
    period = period_of(kind, today, start, end)
    check_dates(period.events())
    previous = previous_period(kind, period)
    check_dates(previous.events())
    with db.reading() as session:
        names = Names.load(session)
        # One pass over each period: every grouping below is a sum over these.
        cube, spotted = _grouped(session, period, today)
        _none, before = _grouped(session, previous, today, breakdown=False)
        trend = _trend(session, period)
        open_work = tuple(
            Figure(colour, colour, _count(session, EventFilter(colour=colour), today), EventFilter(colour=colour))
            for colour in (RED, YELLOW, SUPERVISED)
        )  # fmt: skip
        mediation = _mediation(session, period) if actor.can(Permission.MEDIATION_VIEW) else None

    states: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    spots: Counter[tuple[str, str]] = Counter()
    for state, channel, category, n in cube:
        states[state] += n
        channels[channel] += n
        categories[category] += n
    for grid, category, n in spotted:
        if grid is not None:
            spots[grid, category] += n
    earlier: Counter[tuple[str, str]] = Counter()
    for grid, category, n in before:
        if grid is not None:
            earlier[grid, category] += n
    previous_total = sum(n for _grid, _category, n in before)
    # A month summed whole less its days outside the period can leave keys at 0: not figures.
    states, channels, categories, spots, earlier = +states, +channels, +categories, +spots, +earlier
    ranked = sorted(spots.items(), key=lambda kv: (-kv[1], -(kv[1] - earlier.get(kv[0], 0)), kv[0]))
    total = sum(states.values())
    return Dashboard(
        kind, period, previous, today,
        Figure("", "全部事件", total, period.events()),
        previous_total,
        tuple(Figure(s, s, states[s], period.events(states=(s,))) for s in State if states[s]),
        _most_first(channels, lambda c: c, lambda c: period.events(channel=c)),
        _most_first(categories, lambda c: names.categories.get(c, c), lambda c: period.events(category_code=c)),
        trend,
        open_work,
        tuple(
            HotSpot(
                names.grids.get(grid, grid), names.categories.get(category, category), n,
                earlier.get((grid, category), 0), period.events(grid_id=grid, category_code=category),
            )
            for (grid, category), n in ranked[:HOT_SPOTS]
        ),
        mediation,
    )  # fmt: skip


Breakdown = list[tuple[str, str, str, int]]  # state, channel, category, events
Spots = list[tuple[str | None, str, int]]  # grid, category, events


def _grouped(
    session: Session, period: Period, today: date, *, breakdown: bool = True
) -> tuple[Breakdown, Spots]:
    """The period's events counted by state, channel and category (unless `breakdown` is False) and
    by grid and category (every event: the sum is the total). A key may come more than once, with a
    negative count too: the caller adds up. Months come from the summary tables, days from `event`
    (`_plan`)."""
    months, days = _plan(period, today)
    rows: Breakdown = []
    spots: Spots = []
    if months is not None:
        if breakdown:
            a = EventMonthStat
            keys = (a.state, a.channel, a.category_code)
            sums = select(*keys, func.sum(a.n)).where(a.month.between(*months)).group_by(*keys)
            rows.extend((s, c, k, int(n)) for s, c, k, n in session.execute(sums))
        b = EventMonthGridStat
        by_grid = select(b.grid_id, b.category_code, func.sum(b.n)).where(b.month.between(*months))
        by_grid = by_grid.group_by(b.grid_id, b.category_code)
        spots.extend((g or None, k, int(n)) for g, k, n in session.execute(by_grid))
    counted = (Event.state, Event.channel, Event.category_code, Event.grid_id)
    for piece, sign in days:
        where = filter_conditions(piece.events(), today)
        query = select(*counted, func.count()).where(*where).group_by(*counted)
        for state, channel, category, grid, n in session.execute(query):
            rows.append((state, channel, category, sign * int(n)))
            spots.append((grid, category, sign * int(n)))
    return rows, spots


def _plan(period: Period, today: date) -> tuple[tuple[str, str] | None, list[tuple[Period, int]]]:
    """How to count a period: the first and last month ("2026-01", "2026-11") to sum from the summary
    tables, or None; and the days to count from `event`, each added (1) or taken away (-1).

    Whole months come from the tables. A month the period covers in part is counted from `event`, or,
    when its days outside the period are fewer (a running month: the days after today hold no events),
    summed whole from the tables less its days outside the period. The months summed are always
    consecutive: only the period's first and last month can be cut."""
    pieces = []  # (the month's first day, the period's days in it)
    first = period.start.replace(day=1)
    while first <= period.end:
        last = _add_months(first, 0, month_end=True)
        pieces.append((first, Period(max(first, period.start), min(last, period.end))))
        first = _add_months(first, 1)
    summed: list[date] = []
    days: list[tuple[Period, int]] = []
    for first, piece in pieces:
        month = Period(first, _add_months(first, 0, month_end=True))
        outside = [
            p for p in (Period(month.start, piece.start - timedelta(days=1)), Period(piece.end + timedelta(days=1), month.end))
            if p.start <= p.end
        ]  # fmt: skip
        if not outside:
            summed.append(first)
        elif sum(_days_so_far(p, today) for p in outside) < _days_so_far(piece, today):
            summed.append(first)
            days.extend((p, -1) for p in outside)
        else:
            days.append((piece, 1))
    months = (f"{min(summed):%Y-%m}", f"{max(summed):%Y-%m}") if summed else None
    return months, days


def _days_so_far(period: Period, today: date) -> int:
    """The period's days up to today: what counting it from `event` costs (later days hold no events,
    unless a clock was wrong: they are counted all the same)."""
    return max(0, (min(period.end, today) - period.start).days + 1)


# What the summary tables hold: one pass over the events into a temporary cube, then both tables from
# it (migration 0014 keeps its own copy, as it shipped).
MONTH_STAT_FILL = (
    "CREATE TEMP TABLE month_cube AS SELECT strftime('%Y-%m', reported_at, '+8 hours') AS month, state, "
    "channel, category_code, coalesce(grid_id, '') AS grid_id, count(*) AS n FROM event GROUP BY 1, 2, 3, 4, 5",
    "INSERT INTO event_month_stat (month, state, channel, category_code, n) "
    "SELECT month, state, channel, category_code, sum(n) FROM month_cube GROUP BY 1, 2, 3, 4",
    "INSERT INTO event_month_grid_stat (month, grid_id, category_code, n) "
    "SELECT month, grid_id, category_code, sum(n) FROM month_cube GROUP BY 1, 2, 3",
    "DROP TABLE temp.month_cube",
)


def refill_month_stat(conn: sqlite3.Connection) -> None:
    """Counts every event again into event_month_stat and event_month_grid_stat: for a bulk load that
    dropped their triggers (desktop/demo/events.py), inside the load's transaction."""
    conn.execute("DELETE FROM event_month_stat")
    conn.execute("DELETE FROM event_month_grid_stat")
    for statement in MONTH_STAT_FILL:
        conn.execute(statement)


def _most_first(counts: Counter[str], name: Any, filter_for: Any) -> tuple[Figure, ...]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Figure(key, name(key), n, filter_for(key)) for key, n in ordered)


def _trend(session: Session, period: Period) -> tuple[MonthPoint, ...]:
    """The months up to the period's last, each against the same month a year before: whole calendar
    months, so all 24 are one read of the smaller summary table (24 range counts on `event` took
    twice the rest of a month's dashboard)."""
    last = _month_start(period.end)
    b = EventMonthGridStat
    since = f"{_add_months(last, -(2 * TREND_MONTHS - 1)):%Y-%m}"
    query = select(b.month, func.sum(b.n)).where(b.month.between(since, f"{last:%Y-%m}")).group_by(b.month)
    counts = {month: int(n) for month, n in session.execute(query)}
    points = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        first = _add_months(last, -back)
        month = Period(first, _add_months(first, 0, month_end=True))
        year_before = Period(_add_months(first, -12), _add_months(first, -12, month_end=True))
        points.append(
            MonthPoint(
                first, counts.get(f"{first:%Y-%m}", 0), counts.get(f"{year_before.start:%Y-%m}", 0),
                month.events(), year_before.events(),
            )
        )  # fmt: skip
    return tuple(points)


def _mediation(session: Session, period: Period) -> tuple[tuple[str, int], ...]:
    """Cases concluded in the period (the day of the outcome), by outcome."""
    rows = dict(
        session.execute(
            select(MediationCase.outcome, func.count())
            .where(
                MediationCase.deleted_at.is_(None),  # a small table: tombstones are excluded as everywhere
                MediationCase.outcome_on >= period.start,
                MediationCase.outcome_on <= period.end,
                MediationCase.outcome.in_(MEDIATION_OUTCOMES),
            )
            .group_by(MediationCase.outcome)
        ).all()
    )
    return tuple((outcome, int(rows.get(outcome, 0))) for outcome in MEDIATION_OUTCOMES)


def success_rate(mediation: Sequence[tuple[str, int]]) -> float | None:
    """Agreements (written or oral) among concluded cases; None with none concluded."""
    counts = dict(mediation)
    done = sum(counts.values())
    return (counts.get(WRITTEN, 0) + counts.get(ORAL, 0)) / done if done else None


# --- export ----------------------------------------------------------------------------------------


def write_table_xlsx(
    path: Path, sheet_title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """One chart's data as a workbook: a header row, then its rows (text stays text)."""
    require_text_path(path)
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    def save(temp: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = re.sub(r"[][:*?/\\]", " ", sheet_title)[:31].strip() or "Sheet1"
        append_as_text(sheet, headers)
        for row in rows:
            append_as_text(sheet, row)
        for index, header in enumerate(headers):
            sheet.column_dimensions[get_column_letter(index + 1)].width = max(10, len(str(header)) * 2 + 2)
        book.save(temp)

    save_atomically(path, save)
