"""Villages/communities, their grids and the grid-worker roster (一长三员)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, SyncedRecord
from desktop.models.person import Person


class Community(SyncedRecord, Base):
    """A 村 (village) or 社区 (community); every grid belongs to one."""

    __tablename__ = "community"
    __label__ = "村（社区）"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(4))  # 村 / 社区
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    grids: Mapped[list[Grid]] = relationship(back_populates="community", order_by="Grid.code")


class Grid(SyncedRecord, Base):
    __tablename__ = "grid"
    __label__ = "网格"
    __audited__ = True

    community_id: Mapped[str] = mapped_column(ForeignKey("community.id"), index=True)
    # community code + 3-digit sequence, e.g. 330127104001003.
    code: Mapped[str] = mapped_column(String(15), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(8))  # 综合网格 / 专属网格
    households: Mapped[int] = mapped_column(Integer, default=0)
    population: Mapped[int] = mapped_column(Integer, default=0)
    boundary_note: Mapped[str] = mapped_column(String(200), default="")

    community: Mapped[Community] = relationship(back_populates="grids")


class GridWorker(SyncedRecord, Base):
    """One person's post in one grid; posts end (end_date) rather than disappear."""

    __tablename__ = "grid_worker"
    __label__ = "网格人员"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid.id"), index=True)
    post: Mapped[str] = mapped_column(String(10))  # 网格长 / 网格指导员 / 专职网格员 / 兼职网格员
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship()
    grid: Mapped[Grid] = relationship()
