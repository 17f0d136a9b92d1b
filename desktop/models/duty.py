"""The centre's duty rota (值班表): who is on duty which day and shift, and swaps with their approval."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, SyncedRecord
from desktop.models.person import Person


class DutyEntry(SyncedRecord, Base):
    """One person on duty on one day and shift, as 值班员 or 带班领导. A removed entry is tombstoned."""

    __tablename__ = "duty_entry"
    __label__ = "值班安排"
    __audited__ = True

    day: Mapped[date] = mapped_column(Date, index=True)
    shift: Mapped[str] = mapped_column(String(4))  # 白班 / 夜班 / 全天
    role: Mapped[str] = mapped_column(String(6))  # 值班员 / 带班领导
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    note: Mapped[str] = mapped_column(String(100), default="")

    person: Mapped[Person] = relationship()


class DutySwap(SyncedRecord, Base):
    """A request to hand a duty to someone else; the entry changes hands only when a manager approves."""

    __tablename__ = "duty_swap"
    __label__ = "调班申请"
    __audited__ = True

    entry_id: Mapped[str] = mapped_column(ForeignKey("duty_entry.id"), index=True)
    from_person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    to_person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(4))  # 申请 / 批准 / 驳回
    requested_by: Mapped[str] = mapped_column(String(40), default="")
    decided_by: Mapped[str] = mapped_column(String(40), default="")
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(String(200), default="")
