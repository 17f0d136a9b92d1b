"""Events (事件) and their handling: the header, insert-only action rows, attachments, the calendar.

The event header carries what lists filter and sort on (state, channel, category, place, deadline),
so list queries never join. Action rows are never changed or removed: together they are the event's
timeline, and sync merges them by id (shared/SYNC.md).
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncedRecord


class CalendarDay(Base):
    """An exception to the normal week: a public holiday (休) or a make-up working weekend (班)."""

    __tablename__ = "calendar_day"
    __label__ = "节假日"
    __audited__ = True

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(2))  # 休 / 班
    name: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(20), default="")


class CalendarYear(Base):
    """Years whose official holiday arrangement is in calendar_day; other years count as normal weeks."""

    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), default="")


class EventCounter(Base):
    """The last sequence number given out per day, for human event numbers."""

    __tablename__ = "event_counter"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Event(SyncedRecord, Base):
    __tablename__ = "event"
    __label__ = "事件"
    __audited__ = True
    __audit_mask__ = {"reporter_phone": "phone"}  # noqa: RUF012

    # SJ + 9-digit town code + yyyymmdd + 4-digit sequence; never changes.
    number: Mapped[str] = mapped_column(String(30), unique=True)
    channel: Mapped[str] = mapped_column(String(12), index=True)
    reporter_person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    reporter_name: Mapped[str] = mapped_column(String(50), default="")
    reporter_phone: Mapped[str] = mapped_column(String(20), default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    occurred_at: Mapped[datetime]
    reported_at: Mapped[datetime] = mapped_column(index=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("community.id"), index=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    matter_item_id: Mapped[str] = mapped_column(ForeignKey("matter_item.id"))
    category_code: Mapped[str] = mapped_column(String(10), index=True)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(4), index=True)  # 一般 / 较急 / 紧急
    people_involved: Mapped[int] = mapped_column(Integer, default=0)
    loop: Mapped[str] = mapped_column(String(4), default="小循环")  # 微循环 / 小循环 / 大循环
    state: Mapped[str] = mapped_column(String(8), index=True)
    target_department_code: Mapped[str | None] = mapped_column(String(20))
    target_grid_id: Mapped[str | None] = mapped_column(String(36))
    dispatched_at: Mapped[datetime | None]
    time_limit_days: Mapped[int] = mapped_column(Integer, default=0)
    warn_on: Mapped[date | None] = mapped_column(Date)  # 80% of the time limit has passed from this day
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    deadline_estimated: Mapped[bool] = mapped_column(Boolean, default=False)  # beyond the holiday table
    extension_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    supervised: Mapped[bool] = mapped_column(Boolean, default=False)  # 督办 raised by hand
    outcome: Mapped[str] = mapped_column(String(8), default="")  # 已解决 / 已办结未解决
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[str] = mapped_column(String(6), default="")
    rework_count: Mapped[int] = mapped_column(Integer, default=0)
    return_count: Mapped[int] = mapped_column(Integer, default=0)
    closed_at: Mapped[datetime | None]
    duplicate_of_id: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        # The open-work queries: "what is overdue / near its limit" reads only open events.
        Index("ix_event_state_deadline", "state", "deadline"),
        # 督办中 (migration 0014): only the few supervised events, not every open one.
        Index("ix_event_supervised_open", "state", sqlite_where=text("supervised IS 1")),
    )


class EventMonthStat(Base):
    """How many events were reported in a month (China time) per state, channel and category: what the
    dashboard sums for whole months. Written only by the triggers of migration 0014 on `event`, in the
    event's own transaction, so it stays exact; never through the ORM. Tombstoned events count, as they
    do in the dashboard's event reads (docs/conventions.md)."""

    __tablename__ = "event_month_stat"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-11"
    state: Mapped[str] = mapped_column(String(8), primary_key=True)
    channel: Mapped[str] = mapped_column(String(12), primary_key=True)
    category_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)

    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012


class EventMonthGridStat(Base):
    """The same count per grid and category (the dashboard's hot spots), kept the same way."""

    __tablename__ = "event_month_grid_stat"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    grid_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "" for an event without a grid
    category_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)

    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012


class EventAction(SyncedRecord, Base):
    """One step in an event's handling. Insert-only: the timeline is never rewritten."""

    __tablename__ = "event_action"
    __label__ = "事件处置记录"

    event_id: Mapped[str] = mapped_column(ForeignKey("event.id"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(12))  # 登记, 受理, 分拨, 签收, 退回, 办结反馈, ...
    actor_user_id: Mapped[str | None] = mapped_column(String(36))
    actor_name: Mapped[str] = mapped_column(String(40), default="")
    from_state: Mapped[str] = mapped_column(String(8), default="")
    to_state: Mapped[str] = mapped_column(String(8), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")  # JSON: target, deadline, satisfaction, ...

    __table_args__ = (
        # "The year's 督办 so far" (supervision-notice numbers) and other per-step questions.
        Index("ix_event_action_kind_at", "kind", "at"),
        # An operator's recent 受理 steps: the matter picker's usual items (migration 0008).
        Index("ix_event_action_actor_kind_at", "actor_user_id", "kind", "at"),
    )


class EventAttachment(SyncedRecord, Base):
    """A photo or document copied into the data folder; the SHA-256 proves it was not changed."""

    __tablename__ = "event_attachment"
    __label__ = "事件附件"
    __audited__ = True

    event_id: Mapped[str] = mapped_column(ForeignKey("event.id"), index=True)
    action_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8), default="现场照片")  # 现场照片 / 处置前 / 处置后 / 文档
    file_name: Mapped[str] = mapped_column(String(200))
    stored_path: Mapped[str] = mapped_column(String(300))  # relative to the attachments folder
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
