"""统计分析: the town at a glance for a period, every figure with the event filter behind it.

Counts come from grouped SQL over the event header, with the event list's own WHERE
(`queries.filter_conditions`), so a figure and the list it opens always agree. One grouped pass over
the period gives the states, channels, categories and hot spots together; the monthly trend is one
indexed range count per month; the open-work figures (overdue, near the limit, supervised) are today's,
whatever the period. Like every bulk read of `event`, no `deleted_at IS NULL` (docs/conventions.md).
"""

from __future__ import annotations

import calendar
import re
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
from desktop.models import Event, MediationCase
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
    """What a period is compared with: the same span of the month, quarter or year before (1–15 Nov
    against 1–15 Oct, a whole last month against the whole month before); a custom range against as
    many days just before it."""
    months = {PeriodKind.THIS_MONTH: 1, PeriodKind.LAST_MONTH: 1, PeriodKind.THIS_QUARTER: 3, PeriodKind.THIS_YEAR: 12}  # fmt: skip
    shift = months.get(kind)
    if shift is None:
        return Period(period.start - timedelta(days=period.days), period.start - timedelta(days=1))
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
        # One pass over the period's events: every grouping below is a sum over this one.
        cube = session.execute(
            select(Event.state, Event.channel, Event.category_code, Event.grid_id, func.count())
            .where(*filter_conditions(period.events(), today))
            .group_by(Event.state, Event.channel, Event.category_code, Event.grid_id)
        ).all()
        before = session.execute(
            select(Event.grid_id, Event.category_code, func.count())
            .where(*filter_conditions(previous.events(), today), Event.grid_id.is_not(None))
            .group_by(Event.grid_id, Event.category_code)
        ).all()
        previous_total = _count(session, previous.events(), today)
        trend = _trend(session, period, today)
        open_work = tuple(
            Figure(colour, colour, _count(session, EventFilter(colour=colour), today), EventFilter(colour=colour))
            for colour in (RED, YELLOW, SUPERVISED)
        )  # fmt: skip
        mediation = _mediation(session, period) if actor.can(Permission.MEDIATION_VIEW) else None

    states: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    spots: Counter[tuple[str, str]] = Counter()
    for state, channel, category, grid, n in cube:
        states[state] += n
        channels[channel] += n
        categories[category] += n
        if grid is not None:
            spots[grid, category] += n
    earlier = {(grid, category): n for grid, category, n in before}
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


def _most_first(counts: Counter[str], name: Any, filter_for: Any) -> tuple[Figure, ...]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Figure(key, name(key), n, filter_for(key)) for key, n in ordered)


def _trend(session: Session, period: Period, today: date) -> tuple[MonthPoint, ...]:
    """The months up to the period's last, each against the same month a year before: one range count
    per month on the reported_at index (a GROUP BY on the month would compute it for every event)."""
    last = _month_start(period.end)
    points = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        first = _add_months(last, -back)
        month = Period(first, _add_months(first, 0, month_end=True))
        year_before = Period(_add_months(first, -12), _add_months(first, -12, month_end=True))
        points.append(
            MonthPoint(
                first, _count(session, month.events(), today), _count(session, year_before.events(), today),
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
