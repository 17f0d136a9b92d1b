"""The one person registry (DESIGN.md §3): residents, reporters, parties and workers all point here."""

from datetime import date

from sqlalchemy import Date, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncedRecord


class Person(SyncedRecord, Base):
    __tablename__ = "person"
    __label__ = "人员"
    __audited__ = True
    # The birth date is the hidden part of a masked ID: the audit keeps its year only (masking.py).
    __audit_mask__ = {"resident_id": "resident_id", "birth_date": "birth_date", "phone": "phone"}  # noqa: RUF012

    name: Mapped[str] = mapped_column(String(50), index=True)
    # GB 11643 resident ID, upper-case X; unique among people who have one.
    resident_id: Mapped[str | None] = mapped_column(String(18))
    sex: Mapped[str] = mapped_column(String(2), default="")  # 男 / 女 / "" when unknown
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index(
            "uq_person_resident_id",
            "resident_id",
            unique=True,
            sqlite_where=text("resident_id IS NOT NULL"),
        ),
    )
