"""The town this installation serves, and town-wide settings."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncedRecord


class TownProfile(SyncedRecord, Base):
    """Exactly one row: written by the first-run wizard, edited in 系统管理."""

    __tablename__ = "town_profile"
    __label__ = "乡镇信息"
    __audited__ = True

    name: Mapped[str] = mapped_column(String(50))
    # 12-digit statistical area code (统计用区划代码), e.g. 330127104000.
    area_code: Mapped[str] = mapped_column(String(12), unique=True)
    county_name: Mapped[str] = mapped_column(String(50), default="")
    county_hub_url: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")


class AppSetting(Base):
    """Key/value store behind the declarative settings schema in `desktop.services.system.settings`."""

    __tablename__ = "app_setting"
    __label__ = "系统设置"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
