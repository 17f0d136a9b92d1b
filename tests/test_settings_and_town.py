"""Town-wide settings, and the town profile with its first-run setup."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from db_helpers import ADMIN_PASSWORD, TOWN_CODE, dump_tables
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import AppSetting, AuditEntry, TownProfile, User
from desktop.services import setup
from desktop.services.accounts import auth
from desktop.services.accounts.permissions import Actor
from desktop.services.system import settings, town

# --- settings ----------------------------------------------------------------------------------


def test_defaults_before_anything_is_stored(empty_db: Database) -> None:
    assert settings.get_all(empty_db) == {
        "ui.language": "zh_CN",
        "ui.font_size": 12,
        "security.idle_lock_minutes": 10,
        "security.max_failed_logins": 5,
        "security.lockout_minutes": 15,
        "security.password_max_age_days": 90,
    }
    typed = settings.load(empty_db)
    assert typed == settings.Settings() and (typed.language, typed.idle_lock_minutes) == ("zh_CN", 10)


def test_an_update_is_stored_and_audited(
    town_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    admin = actor_of(town_db, "admin")
    values = settings.update(town_db, admin, {"ui.font_size": 14, "security.idle_lock_minutes": 10})

    assert values.font_size == 14
    assert settings.load(town_db).font_size == 14
    with town_db.reading() as session:
        stored = {r.key: json.loads(r.value) for r in session.scalars(select(AppSetting))}
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    assert stored["ui.font_size"] == 14
    assert last is not None
    assert (last.action, last.object_type, last.username) == ("修改", "系统设置", "admin")
    assert last.summary == "界面字号"  # the unchanged idle-lock value is not reported as a change
    assert json.loads(last.detail) == {"before": {"ui.font_size": 12}, "after": {"ui.font_size": 14}}


def test_an_update_to_the_same_value_writes_no_audit_row(
    town_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    admin = actor_of(town_db, "admin")
    settings.update(town_db, admin, {"ui.language": "en"})
    with town_db.reading() as session:
        count = session.scalar(select(func.count()).select_from(AuditEntry))
    settings.update(town_db, admin, {"ui.language": "en"})
    with town_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == count


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ui.font_size": 30}, "应在 10 到 20 之间"),
        ({"ui.font_size": 9}, "应在 10 到 20 之间"),
        ({"security.lockout_minutes": 2000}, "应在 5 到 1440 之间"),
        ({"ui.font_size": "14"}, "应为整数"),
        ({"ui.font_size": True}, "应为整数"),
        ({"ui.language": "fr"}, "取值无效"),
        ({"no.such.key": 1}, "未知的设置项"),
        ({"ui.font_size": 14, "security.max_failed_logins": 1}, "密码连续错误锁定次数"),  # all or nothing
    ],
)
def test_bad_values_are_refused(
    town_db: Database, actor_of: Callable[[Database, str], Actor], changes: dict[str, object], message: str
) -> None:
    before = dump_tables(town_db.path)
    with pytest.raises(ValidationError) as caught:
        settings.update(town_db, actor_of(town_db, "admin"), changes)
    assert message in caught.value.zh
    assert dump_tables(town_db.path) == before
    assert settings.load(town_db).font_size == 12


def test_a_damaged_stored_value_falls_back_to_the_default(town_db: Database) -> None:
    with town_db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO app_setting (key, value) VALUES ('ui.font_size', '{not json')")
        conn.exec_driver_sql(
            "INSERT INTO app_setting (key, value) VALUES ('security.lockout_minutes', '99999')"
        )
    assert settings.load(town_db).font_size == 12
    assert settings.load(town_db).lockout_minutes == 15


# --- first-run setup ---------------------------------------------------------------------------


def _setup(
    db: Database, info: town.TownInfo, password: str = ADMIN_PASSWORD, username: str = "admin"
) -> None:
    setup.first_run_setup(
        db, info, admin_username=username, admin_display_name="王建国", admin_password=password
    )


def test_first_run_creates_the_town_and_the_admin(empty_db: Database) -> None:
    assert town.needs_first_run(empty_db)
    _setup(
        empty_db, town.TownInfo(name=" 清溪镇 ", area_code=TOWN_CODE, county_hub_url="https://10.1.2.3:8443/")
    )

    assert not town.needs_first_run(empty_db)
    info = town.get_town(empty_db)
    assert info == town.TownInfo(name="清溪镇", area_code=TOWN_CODE, county_hub_url="https://10.1.2.3:8443")
    assert info.town_code == "330127104"
    with empty_db.reading() as session:
        profile = session.scalar(select(TownProfile))
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
    assert profile is not None
    assert (profile.origin_town, profile.ver, profile.pending_changes) == (TOWN_CODE, 1, 1)
    assert "初始设置" in actions
    result = auth.login(empty_db, "admin", ADMIN_PASSWORD)
    assert result.actor.role_codes == ("admin",)
    assert not result.must_change_password


@pytest.mark.parametrize(
    "code",
    [
        "33012710400",  # 11 digits
        "3301271040000",  # 13 digits
        "33012710400a",
        "330127000000",  # a county, not a town: digits 7-9 are 000
        "330127104001",  # a village: does not end in 000
        "",
    ],
)
def test_first_run_refuses_a_code_that_is_not_a_town(empty_db: Database, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _setup(empty_db, town.TownInfo(name="清溪镇", area_code=code))
    assert caught.value.field == "area_code"
    assert "代码" in caught.value.zh
    assert town.needs_first_run(empty_db)


@pytest.mark.parametrize(
    "url", ["ftp://10.1.2.3", "10.1.2.3:8443", "https://", "javascript:alert(1)", "http://10.1.2.3"]
)
def test_first_run_refuses_a_hub_url_that_is_not_http(empty_db: Database, url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _setup(empty_db, town.TownInfo(name="清溪镇", area_code=TOWN_CODE, county_hub_url=url))
    assert caught.value.field == "county_hub_url"
    assert "https://" in caught.value.zh
    assert town.needs_first_run(empty_db)


@pytest.mark.parametrize("url", ["", "http://127.0.0.1:8470", "https://hub.example.gov.cn:8443/api"])
def test_the_hub_url_is_optional(empty_db: Database, url: str) -> None:
    _setup(empty_db, town.TownInfo(name="清溪镇", area_code=TOWN_CODE, county_hub_url=url))
    info = town.get_town(empty_db)
    assert info is not None
    assert info.county_hub_url == url


@pytest.mark.parametrize(
    ("username", "password"), [("admin", "short1"), ("admin", "admin2026x"), ("1admin", "Qingxi2026")]
)
def test_a_bad_admin_account_leaves_no_town_behind(empty_db: Database, username: str, password: str) -> None:
    before = dump_tables(empty_db.path)
    with pytest.raises(ValidationError):
        _setup(empty_db, town.TownInfo(name="清溪镇", area_code=TOWN_CODE), password, username)
    assert dump_tables(empty_db.path) == before
    with empty_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(TownProfile)) == 0
        assert session.scalar(select(func.count()).select_from(User)) == 0


def test_first_run_is_all_or_nothing_inside_the_transaction(empty_db: Database) -> None:
    """A failure after the town row was added (here: the admin's role link hits a missing role) undoes it."""
    with empty_db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM role_permission WHERE role_code = 'admin'")
        conn.exec_driver_sql("DELETE FROM role WHERE code = 'admin'")
    before = dump_tables(empty_db.path)
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        _setup(empty_db, town.TownInfo(name="清溪镇", area_code=TOWN_CODE))
    assert dump_tables(empty_db.path) == before


def test_a_second_first_run_is_refused(town_db: Database) -> None:
    before = dump_tables(town_db.path)
    with pytest.raises(UserError, match="已经完成初始设置"):
        _setup(town_db, town.TownInfo(name="别的镇", area_code="330127105000"), username="other")
    assert dump_tables(town_db.path) == before


# --- town profile ------------------------------------------------------------------------------


def test_update_town_edits_the_profile(town_db: Database, actor_of: Callable[[Database, str], Actor]) -> None:
    admin = actor_of(town_db, "admin")
    changed = town.TownInfo(
        name="清溪街道",
        area_code=TOWN_CODE,
        county_name="临江县",
        county_hub_url="https://hub.lj.gov.cn/",
        contact_phone="0571-64812345",
        address="人民路 88 号",
    )
    town.update_town(town_db, admin, changed)
    info = town.get_town(town_db)
    assert info is not None
    assert (info.name, info.county_hub_url, info.contact_phone) == (
        "清溪街道",
        "https://hub.lj.gov.cn",
        "0571-64812345",
    )
    with town_db.reading() as session:
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    assert last is not None
    assert (last.action, last.object_type) == ("修改", "乡镇信息")
    assert "清溪街道" in last.detail


def test_update_town_cannot_change_the_area_code(
    town_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    before = dump_tables(town_db.path)
    with pytest.raises(ValidationError) as caught:
        town.update_town(
            town_db, actor_of(town_db, "admin"), town.TownInfo(name="清溪镇", area_code="330127105000")
        )
    assert caught.value.field == "area_code"
    assert "不能修改" in caught.value.zh
    assert dump_tables(town_db.path) == before


def test_update_town_validates_like_first_run(
    town_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    admin = actor_of(town_db, "admin")
    with pytest.raises(ValidationError, match="http"):
        town.update_town(
            town_db, admin, town.TownInfo(name="清溪镇", area_code=TOWN_CODE, county_hub_url="ftp://x")
        )
    with pytest.raises(ValidationError):
        town.update_town(town_db, admin, town.TownInfo(name=" ", area_code=TOWN_CODE))
