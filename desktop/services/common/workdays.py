"""Chinese working days: weekends and public holidays off, official make-up weekends on.

The table lives in the database (calendar_day), seeded from the `chinese-calendar` package and
editable by an administrator (and, later, updated by the county through sync). A year that is not
in the table counts as a normal Monday–Friday week, and callers are told so (`estimated`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from desktop.db import Database
from desktop.errors import ValidationError
from desktop.models import CalendarDay, CalendarYear
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor, Permission
from desktop.services.common.text import HOLIDAY_NAME, clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work

HOLIDAY = "休"
WORKDAY = "班"
PACKAGE_SOURCE = "chinese-calendar"


@dataclass(frozen=True)
class Calendar:
    """An in-memory copy of the table: a few hundred rows, read once and reused."""

    exceptions: dict[date, str]  # day -> 休 / 班
    names: dict[date, str]
    years: frozenset[int]

    def is_workday(self, day: date) -> bool:
        kind = self.exceptions.get(day)
        if kind == HOLIDAY:
            return False
        if kind == WORKDAY:
            return True
        return day.weekday() < 5

    def covers(self, day: date) -> bool:
        return day.year in self.years

    def add_workdays(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (the start day itself is not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        left = days
        while left > 0:
            current += timedelta(days=1)
            if self.is_workday(current):
                left -= 1
        return current

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_workday(current):
                count += 1
        return count


@dataclass(frozen=True)
class Deadline:
    deadline: date
    warn_on: date  # the day 80% of the limit has passed: supervision turns yellow
    estimated: bool  # part of the span lies beyond the holiday table


WARN_FRACTION = 0.8


def deadline_for(calendar: Calendar, start: date, limit_days: int) -> Deadline:
    """Deadline and yellow-warning day for a time limit counted in working days from `start`."""
    deadline = calendar.add_workdays(start, limit_days)
    warn_on = calendar.add_workdays(start, math.ceil(limit_days * WARN_FRACTION))
    estimated = not (calendar.covers(start) and calendar.covers(deadline))
    return Deadline(deadline, warn_on, estimated)


def load(db: Database) -> Calendar:
    """Reads the table (a few hundred rows, a few ms); only dispatch and extensions need it."""
    with db.reading() as session:
        # Columns, not objects: the 考勤表 reads the table on every refresh.
        rows = session.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.name)).all()
        years = frozenset(session.scalars(select(CalendarYear.year)))
    return Calendar({day: kind for day, kind, _ in rows}, {day: name for day, _, name in rows}, years)


def seed_from_package(uow: UnitOfWork) -> int:
    """Copies the `chinese-calendar` package's official table (holidays and make-up days)."""
    import chinese_calendar
    from chinese_calendar import constants

    session = uow.session
    existing = set(session.scalars(select(CalendarDay.day)))
    added = 0
    for day, name in constants.holidays.items():
        if day not in existing:
            session.add(CalendarDay(day=day, kind=HOLIDAY, name=_holiday_name(name), source=PACKAGE_SOURCE))
            added += 1
    for day, name in constants.workdays.items():
        if day not in existing:
            session.add(
                CalendarDay(
                    day=day, kind=WORKDAY, name=f"{_holiday_name(name)}调休上班", source=PACKAGE_SOURCE
                )
            )
            added += 1
    last = max(constants.holidays).year
    known = set(session.scalars(select(CalendarYear.year)))
    version = getattr(chinese_calendar, "__version__", "")
    for year in range(min(constants.holidays).year, last + 1):
        if year not in known:
            session.add(CalendarYear(year=year, source=f"{PACKAGE_SOURCE} {version}".strip()))
    uow.audit("导入节假日", "节假日", "", f"{PACKAGE_SOURCE} {version}：{added} 天，覆盖至 {last} 年")
    return added


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}  # fmt: skip


def _holiday_name(name: object) -> str:
    text = str(name)
    return _HOLIDAY_NAMES.get(text, text)


def ensure_calendar(db: Database) -> bool:
    """Seeds an empty table (a new database, or one upgraded from before events existed)."""
    with db.reading() as session:
        if session.scalar(select(CalendarYear.year).limit(1)) is not None:
            return False
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        seed_from_package(uow)
    return True


def set_day(db: Database, actor: Actor, day: date, kind: str | None, name: str = "") -> None:
    """Marks a day as holiday (休) or make-up workday (班), or with kind=None back to a normal day."""
    actor.require(Permission.SYSTEM_SETTINGS)
    if kind not in (HOLIDAY, WORKDAY, None):
        raise ValidationError("类型只能是“休”或“班”。", "Kind is 休 (holiday) or 班 (workday).", "kind")
    name = clean_line(name, "name", HOLIDAY_NAME, ("节日名称", "holiday's name"))
    if kind == HOLIDAY and day.weekday() >= 5 and not name:
        raise ValidationError(
            "周末本来就休息；请写明节日名称。", "Weekends are off anyway; name the holiday.", "name"
        )
    with unit_of_work(db, actor) as uow:
        row = uow.session.get(CalendarDay, day)
        if kind is None:
            if row is not None:
                uow.session.delete(row)
        elif row is None:
            uow.session.add(CalendarDay(day=day, kind=kind, name=name, source="人工"))
        else:
            row.kind, row.name, row.source = kind, name, "人工"
        if uow.session.get(CalendarYear, day.year) is None:
            uow.session.add(CalendarYear(year=day.year, source="人工"))


def days_in_year(db: Database, year: int) -> list[tuple[date, str, str]]:
    with db.reading() as session:
        rows = session.scalars(
            select(CalendarDay)
            .where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
            .order_by(CalendarDay.day)
        ).all()
        return [(r.day, r.kind, r.name) for r in rows]
