"""Villages/communities, their grids and the grid-worker roster (一长三员)."""

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
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

    grids: Mapped[list["Grid"]] = relationship(back_populates="community", order_by="Grid.code")


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
    # 专属网格: what it is for (市场 / 学校 / 工业园区 / 医院 / 机关 / 企业 / 其他); "" for 综合网格.
    subtype: Mapped[str] = mapped_column(String(10), default="")
    places: Mapped[str] = mapped_column(Text, default="")  # the compounds, buildings, groups it covers
    # A grid split, merged or dissolved is retired, never deleted: events keep pointing at it.
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str] = mapped_column(String(4), default="")  # 拆分 / 合并 / 撤销

    community: Mapped[Community] = relationship(back_populates="grids")


class GridLineage(SyncedRecord, Base):
    """One edge of a split or merge: `predecessor` was retired on `changed_on` and `successor` took
    (part of) its area. A split gives one edge per new grid, a merge one per old grid."""

    __tablename__ = "grid_lineage"
    __label__ = "网格沿革"
    __audited__ = True

    predecessor_id: Mapped[str] = mapped_column(ForeignKey("grid.id"), index=True)
    successor_id: Mapped[str] = mapped_column(ForeignKey("grid.id"), index=True)
    kind: Mapped[str] = mapped_column(String(4))  # 拆分 / 合并
    changed_on: Mapped[date] = mapped_column(Date)


class GridWorker(SyncedRecord, Base):
    """One person's post in one grid (or, grid empty, at the centre); posts end (end_date) rather than
    disappear, so who covered a grid on a given day stays known."""

    __tablename__ = "grid_worker"
    __label__ = "网格人员"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)  # None: centre staff
    post: Mapped[str] = mapped_column(String(10))  # 网格长 / 网格指导员 / 专职网格员 / 兼职网格员 / …
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship()
    grid: Mapped[Grid | None] = relationship()


class WorkerProfile(SyncedRecord, Base):
    """What the roster keeps about a worker beyond the person registry: employer and photo. The photo
    is a file under the attachments folder, named by its SHA-256, never a blob in the database."""

    __tablename__ = "worker_profile"
    __label__ = "网格人员档案"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), unique=True)
    employer: Mapped[str] = mapped_column(String(100), default="")
    photo_path: Mapped[str] = mapped_column(String(200), default="")  # relative to attachments/
    photo_sha256: Mapped[str] = mapped_column(String(64), default="")


class WorkerTraining(SyncedRecord, Base):
    __tablename__ = "worker_training"
    __label__ = "培训记录"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(100))
    hours: Mapped[float] = mapped_column(Float, default=0)
