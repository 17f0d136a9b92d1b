"""Patrols and household visits (巡查、走访): a grid worker's daily patrol log, the light household
register visits are counted against, the visits themselves and the visit norms by household category."""

from datetime import date, time

from sqlalchemy import Date, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, SyncedRecord
from desktop.models.grid import Grid
from desktop.models.person import Person


class VisitNorm(SyncedRecord, Base):
    """At least `times` visits per `period` (月 / 季度 / 半年 / 年) to each household of `category`."""

    __tablename__ = "visit_norm"
    __label__ = "走访标准"
    __audited__ = True

    category: Mapped[str] = mapped_column(String(10), unique=True)  # 困难家庭 / 特殊人群 / 一般住户 …
    period: Mapped[str] = mapped_column(String(4))
    times: Mapped[int] = mapped_column(Integer)


class Household(SyncedRecord, Base):
    """A household a grid worker visits: enough to count visits against its norm, not a census record.
    A household that moves away is ended (`ended_on`), never deleted: its visits keep pointing at it."""

    __tablename__ = "household"
    __label__ = "住户"
    __audited__ = True
    __audit_mask__ = {"head_name": "name", "head_phone": "phone"}  # noqa: RUF012

    grid_id: Mapped[str] = mapped_column(ForeignKey("grid.id"), index=True)
    label: Mapped[str] = mapped_column(String(100))  # 3组12号 / 桃源小区5幢301
    address: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(10))
    head_name: Mapped[str] = mapped_column(String(50), default="")
    head_phone: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    ended_on: Mapped[date | None] = mapped_column(Date)

    grid: Mapped[Grid] = relationship()


class HouseholdVisit(SyncedRecord, Base):
    __tablename__ = "household_visit"
    __label__ = "走访记录"
    __audited__ = True

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)  # the worker who visited
    day: Mapped[date] = mapped_column(Date, index=True)
    way: Mapped[str] = mapped_column(String(4))  # 入户 / 电话 / 其他
    note: Mapped[str] = mapped_column(String(500), default="")

    household: Mapped[Household] = relationship()
    person: Mapped[Person] = relationship()


class PatrolLog(SyncedRecord, Base):
    """One patrol by one worker on one day (local times), with where they went and what they found."""

    __tablename__ = "patrol_log"
    __label__ = "巡查记录"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    route: Mapped[str] = mapped_column(Text, default="")  # the places walked
    findings: Mapped[str] = mapped_column(Text, default="")
    # Problems the worker noted on the way (their own count); events they reported are counted from
    # the event table by the summary.
    events_found: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship()
    grid: Mapped[Grid] = relationship()
