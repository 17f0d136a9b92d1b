"""The matter list (网格事项清单 / 准入清单): 领域 → 类别 → 事项, and the departments directory.

The county publishes the list and the town refines it with its own items. Items are retired, never
deleted, so old events keep their classification. Departments are referred to by their code, which
stays stable across list versions and reads well in an item's history.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, LocalRecord, SyncedRecord

SOURCE_COUNTY = "县级发布"
SOURCE_TOWN = "乡镇自定"
STATUS_IN_FORCE = "有效"
STATUS_RETIRED = "已停用"
LEVELS = ("网格", "镇街", "县级")
DEPARTMENT_KINDS = ("镇街内设机构", "派驻机构", "县直部门")


class Department(SyncedRecord, Base):
    __tablename__ = "department"
    __label__ = "部门"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    contact_person: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(8), default=SOURCE_COUNTY)
    status: Mapped[str] = mapped_column(String(8), default=STATUS_IN_FORCE)


class MatterDomain(SyncedRecord, Base):
    __tablename__ = "matter_domain"
    __label__ = "事项领域"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(60))

    categories: Mapped[list["MatterCategory"]] = relationship(
        back_populates="domain", order_by="MatterCategory.code"
    )


class MatterCategory(SyncedRecord, Base):
    __tablename__ = "matter_category"
    __label__ = "事项类别"
    __audited__ = True

    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    domain_id: Mapped[str] = mapped_column(ForeignKey("matter_domain.id"), index=True)

    domain: Mapped[MatterDomain] = relationship(back_populates="categories")


class MatterItem(SyncedRecord, Base):
    __tablename__ = "matter_item"
    __label__ = "事项"
    __audited__ = True
    __audit_ignore__ = frozenset({"initials"})

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    # First letters of the name's pinyin, for search (邻里纠纷 -> lljf).
    initials: Mapped[str] = mapped_column(String(80), default="", index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # Everyday words people use for it (噪音、吵闹 for 噪声扰民), separated by 、 or spaces; searched too.
    keywords: Mapped[str] = mapped_column(String(200), default="")
    category_id: Mapped[str] = mapped_column(ForeignKey("matter_category.id"), index=True)
    level: Mapped[str] = mapped_column(String(4))  # 网格 / 镇街 / 县级
    lead_department_code: Mapped[str] = mapped_column(ForeignKey("department.code"), index=True)
    # Co-operating departments' codes joined by "," (kept in the row so history and sync see them).
    co_department_codes: Mapped[str] = mapped_column(String(200), default="")
    time_limit_days: Mapped[int] = mapped_column(Integer)
    admitted: Mapped[bool] = mapped_column(Boolean, default=True)
    admitted_from: Mapped[date | None] = mapped_column(Date)
    admitted_until: Mapped[date | None] = mapped_column(Date)
    admission_note: Mapped[str] = mapped_column(String(200), default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), default=STATUS_IN_FORCE, index=True)
    list_version: Mapped[str] = mapped_column(String(20), default="")

    category: Mapped[MatterCategory] = relationship()

    @property
    def co_departments(self) -> list[str]:
        return [c for c in self.co_department_codes.split(",") if c]


class MatterListVersion(LocalRecord, Base):
    """Each applied version of the list: what it changed, when and by whom."""

    __tablename__ = "matter_list_version"
    __label__ = "事项清单版本"

    version: Mapped[str] = mapped_column(String(20), unique=True)
    published_on: Mapped[date] = mapped_column(Date)
    publisher: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    applied_at: Mapped[datetime]
    applied_by: Mapped[str] = mapped_column(String(40), default="")
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[int] = mapped_column(Integer, default=0)
