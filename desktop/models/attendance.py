"""Attendance (考勤): the work schedule, attendance-machine numbers, punches (insert-only), the files
imported, corrections (补签) and leave (请假).

Punch times are the wall-clock time of the town (naive), as the machine and the desk record them:
lateness is judged against the local schedule, whatever the PC's time zone.
"""

from datetime import date, datetime, time
from typing import ClassVar

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, LocalRecord, SyncedRecord


class WorkSchedule(SyncedRecord, Base):
    """Sign in by `start_time`, sign out after `end_time`, from `valid_from` until the next schedule."""

    __tablename__ = "work_schedule"
    __label__ = "作息时间"
    __audited__ = True

    valid_from: Mapped[date] = mapped_column(Date, unique=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    grace_minutes: Mapped[int] = mapped_column(Integer, default=0)


class AttendancePin(SyncedRecord, Base):
    """A worker's number on the attendance machine (考勤号码 / 工号)."""

    __tablename__ = "attendance_pin"
    __label__ = "考勤号码"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), unique=True)
    pin: Mapped[str] = mapped_column(String(20), unique=True)


class AttendanceImport(LocalRecord, Base):
    """A machine file imported, by its SHA-256: the same file is refused a second time."""

    __tablename__ = "attendance_import"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(40))
    rows: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)


class AttendancePunch(SyncedRecord, Base):
    """One punch. Insert-only: its time and source never change (the unit of work and a trigger refuse
    it); the same (worker, time) twice is one punch, so an overlapping file adds nothing."""

    __tablename__ = "attendance_punch"
    # The month's sheet reads every punch of a month: (time, worker) answers it from the index alone.
    __table_args__ = (
        UniqueConstraint("person_id", "punched_at"),
        Index("ix_attendance_punch_punched_at", "punched_at", "person_id"),
    )
    __immutable__: ClassVar[frozenset[str]] = frozenset({"punched_at", "source", "import_id"})

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    punched_at: Mapped[datetime] = mapped_column(DateTime)  # local wall-clock time, naive
    source: Mapped[str] = mapped_column(String(4))  # 机器 / 手工 / 补签
    import_id: Mapped[str | None] = mapped_column(ForeignKey("attendance_import.id"))


class AttendanceCorrection(SyncedRecord, Base):
    """A 补签: a punch the worker says was missed; approved, it becomes a punch with source 补签."""

    __tablename__ = "attendance_correction"
    __label__ = "补签申请"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    punched_at: Mapped[datetime] = mapped_column(DateTime)  # local wall-clock time, naive
    reason: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(4))  # 申请 / 批准 / 驳回
    requested_by: Mapped[str] = mapped_column(String(40), default="")
    decided_by: Mapped[str] = mapped_column(String(40), default="")
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(String(200), default="")


class LeaveRequest(SyncedRecord, Base):
    __tablename__ = "leave_request"
    __label__ = "请假"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(6))  # 事假 / 病假 / 年休假 / …
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)  # days counted (working days; calendar days for some kinds)
    reason: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(4))  # 申请 / 批准 / 驳回 / 销假
    level: Mapped[str] = mapped_column(String(10))  # who must approve: 中心负责人 / 分管领导
    requested_by: Mapped[str] = mapped_column(String(40), default="")
    decided_by: Mapped[str] = mapped_column(String(40), default="")
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(String(200), default="")
    returned_on: Mapped[date | None] = mapped_column(Date)  # 销假: the day the worker reported back
