"""The town profile and the first-run setup."""

from __future__ import annotations

import configparser
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy import func, select

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import TownProfile, User, UserRole
from desktop.services.accounts import passwords
from desktop.services.accounts.permissions import ADMIN_ROLE, Actor, Permission
from desktop.services.accounts.users import check_display_name, check_phone, check_username
from desktop.services.common.text import ADDRESS, COUNTY_NAME, HUB_URL, TOWN_NAME, clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work


@dataclass(frozen=True)
class TownInfo:
    name: str
    area_code: str
    county_name: str = ""
    county_hub_url: str = ""
    contact_phone: str = ""
    address: str = ""

    @property
    def town_code(self) -> str:
        """The 9-digit town part of the area code, used in human numbers."""
        return self.area_code[:9]


def check_area_code(code: str) -> str:
    code = code.strip()
    if not re.fullmatch(r"\d{12}", code):
        raise ValidationError(
            "统计用区划代码应为 12 位数字（例如 330127104000）。",
            "The statistical area code has 12 digits (e.g. 330127104000).",
            "area_code",
        )
    if code[6:9] == "000" or code[9:] != "000":
        raise ValidationError(
            "这是乡镇（街道）的代码吗？乡镇代码第 7–9 位不为 000，最后 3 位为 000。",
            "A town's code has digits 7–9 other than 000 and ends in 000.",
            "area_code",
        )
    return code


def check_hub_url(url: str) -> str:
    url = clean_line(url, "county_hub_url", HUB_URL, ("县级中心地址", "county hub address"))
    if not url:
        return ""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValidationError(
            "县级中心地址应以 https:// 开头，例如 https://10.1.2.3:8443（可以暂不填写）。",
            "The county hub address starts with https:// (it may be left empty).",
            "county_hub_url",
        )
    if parsed.scheme == "http" and parsed.hostname not in ("127.0.0.1", "::1", "localhost"):
        # The sync token goes with every request: never in clear text over the intranet.
        raise ValidationError(
            "县级中心地址必须以 https:// 开头（加密传输）；http:// 只能用于本机测试。",
            "The county hub must be reached over https:// (http:// only on this PC, for tests).",
            "county_hub_url",
        )
    return url.rstrip("/")


def _check_info(info: TownInfo) -> TownInfo:
    name = clean_line(info.name, "name", TOWN_NAME, ("乡镇（街道）名称", "town's name"))
    if not name:
        raise ValidationError("请填写乡镇（街道）名称。", "Enter the town's name.", "name")
    return TownInfo(
        name=name,
        area_code=check_area_code(info.area_code),
        county_name=clean_line(info.county_name, "county_name", COUNTY_NAME, ("所属县（市、区）", "county")),
        county_hub_url=check_hub_url(info.county_hub_url),
        contact_phone=check_phone(info.contact_phone, "contact_phone"),
        address=clean_line(info.address, "address", ADDRESS, ("地址", "address")),
    )


def get_town(db: Database) -> TownInfo | None:
    with db.reading() as session:
        row = session.scalar(select(TownProfile).where(TownProfile.deleted_at.is_(None)).limit(1))
        if row is None:
            return None
        return TownInfo(
            row.name, row.area_code, row.county_name, row.county_hub_url, row.contact_phone, row.address
        )


def needs_first_run(db: Database) -> bool:
    with db.reading() as session:
        has_town = session.scalar(select(func.count()).select_from(TownProfile)) or 0
        has_user = session.scalar(select(func.count()).select_from(User)) or 0
    return not (has_town and has_user)


def create_town(
    uow: UnitOfWork,
    info: TownInfo,
    *,
    admin_username: str,
    admin_display_name: str,
    admin_password: str,
) -> None:
    """Adds the town profile and the first administrator inside the caller's (first-run) transaction."""
    info = _check_info(info)
    admin_username = check_username(admin_username)
    admin_display_name = check_display_name(admin_display_name)
    passwords.check_password_rule(admin_password, admin_username)
    if uow.session.scalar(select(func.count()).select_from(TownProfile)):
        raise UserError("本数据库已经完成初始设置。", "This database has already been set up.")
    uow.session.add(
        TownProfile(
            name=info.name,
            area_code=info.area_code,
            county_name=info.county_name,
            county_hub_url=info.county_hub_url,
            contact_phone=info.contact_phone,
            address=info.address,
            origin_town=info.area_code,
        )
    )
    admin = User(
        username=admin_username,
        display_name=admin_display_name,
        phone="",
        password_hash=passwords.hash_password(admin_password),
        must_change_password=False,
        password_changed_at=uow.now,
        failed_logins=0,
        disabled=False,
        created_at=uow.now,
        updated_at=uow.now,
    )
    admin.role_links = [UserRole(role_code=ADMIN_ROLE)]
    uow.session.add(admin)
    uow.audit("初始设置", "乡镇信息", info.area_code, f"{info.name}，管理员 {admin_username}")
    uow.session.flush()


def update_town(db: Database, actor: Actor, info: TownInfo) -> TownInfo:
    actor.require(Permission.SYSTEM_TOWN)
    info = _check_info(info)
    with unit_of_work(db, actor) as uow:
        row = uow.session.scalar(select(TownProfile).limit(1))
        if row is None:
            raise UserError("尚未完成初始设置。", "The first-run setup has not been done.")
        if row.area_code != info.area_code:
            # Every synced record and human number carries the code; changing it would orphan them.
            raise ValidationError(
                "统计用区划代码在初始设置后不能修改；如确需更改，请联系县级中心。",
                "The area code cannot change after setup; contact the county centre.",
                "area_code",
            )
        row.name = info.name
        row.county_name = info.county_name
        row.county_hub_url = info.county_hub_url
        row.contact_phone = info.contact_phone
        row.address = info.address
    return info


COUNTY_INI = "county.ini"


@dataclass(frozen=True)
class CountyDefaults:
    """What IT gave the installer (`/HUB= /TOWN= /CA=` or towncentre-setup.ini), kept beside the data."""

    hub: str = ""
    town: str = ""
    ca: str = ""


def county_defaults(data_dir: Path) -> CountyDefaults:
    """`county.ini` ([county] hub, town, ca) in the data folder, or blanks. The installer writes it with
    Windows' INI functions: UTF-16 with a byte-order mark, UTF-8, or the PC's ANSI code page (GBK)."""
    path = data_dir / COUNTY_INI
    try:
        raw = path.read_bytes()[:65536]
    except OSError:
        return CountyDefaults()
    for encoding in ("utf-8-sig", "utf-16", "gbk"):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text_ = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return CountyDefaults()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text_)
    except configparser.Error:
        return CountyDefaults()
    section = parser["county"] if parser.has_section("county") else {}
    return CountyDefaults(
        str(section.get("hub", "")).strip()[:200],
        str(section.get("town", "")).strip()[:12],
        str(section.get("ca", "")).strip()[:400],
    )
