"""Login, lockout and its expiry, disabled and unknown accounts, password reset and the password rule."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from db_helpers import ADMIN_PASSWORD, FakeClock
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import AccountLocked, AuthenticationFailed, ValidationError
from desktop.models import AppSetting, AuditEntry, User
from desktop.services.accounts import auth, passwords, users
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.system import settings

PASSWORD = "Chen2026xy"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def db(town_db: Database, clock: FakeClock, actor_of: Callable[[Database, str], Actor]) -> Database:
    """The set-up town with an operator `shouli`, on a clock that moves only when told."""
    town_db.clock = clock
    users.create_user(
        town_db,
        actor_of(town_db, "admin"),
        username="shouli",
        display_name="陈晓燕",
        password=PASSWORD,
        role_codes=["operator"],
        must_change_password=False,
    )
    return town_db


def _last_audit(db: Database) -> AuditEntry:
    with db.reading() as session:
        row = session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
        assert row is not None
        return row


def _user(db: Database, username: str) -> User:
    with db.reading() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return user


def test_login_succeeds_and_is_audited(db: Database, clock: FakeClock) -> None:
    result = auth.login(db, "shouli", PASSWORD)

    assert not result.must_change_password
    assert result.actor.username == "shouli"
    assert result.actor.role_codes == ("operator",)
    assert "event.handle" in result.actor.permissions
    assert "system.users" not in result.actor.permissions
    row = _last_audit(db)
    assert (row.action, row.result, row.username, row.user_id) == (
        "登录",
        "成功",
        "shouli",
        result.actor.user_id,
    )
    assert row.at == clock.now
    assert _user(db, "shouli").last_login_at == clock.now


def test_a_wrong_password_is_refused_and_audited(db: Database) -> None:
    with pytest.raises(AuthenticationFailed) as caught:
        auth.login(db, "shouli", "Wrong2026xy")

    assert not isinstance(caught.value, AccountLocked)
    assert "用户名或密码不正确" in caught.value.zh
    row = _last_audit(db)
    assert (row.action, row.result, row.object_id) == ("登录失败", "失败", _user(db, "shouli").id)
    assert _user(db, "shouli").failed_logins == 1


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(db: Database) -> None:
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.login(db, "shouli", "Wrong2026xy")
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.login(db, "nobody", "Wrong2026xy")

    assert type(unknown.value) is type(wrong.value)
    assert unknown.value.zh == wrong.value.zh
    assert unknown.value.en == wrong.value.en
    row = _last_audit(db)
    assert (row.action, row.result, row.object_id) == ("登录失败", "失败", "")
    assert "nobody" not in row.summary and "输入 6 个字符" in row.summary


def test_an_unknown_user_costs_as_much_hashing_as_a_wrong_password() -> None:
    """The hash a missing account is checked against is a constant (not made at every start): it must
    carry the parameters a password is hashed with today, or the time taken tells who has an account."""
    made_today = passwords.hash_password("Wrong2026xy")
    assert auth._DUMMY_HASH.rsplit("$", 2)[0] == made_today.rsplit("$", 2)[0]  # $argon2id$v=..$m=..,t=..,p=..
    assert not passwords.needs_rehash(auth._DUMMY_HASH)
    assert not passwords.verify_password(auth._DUMMY_HASH, "Wrong2026xy")


def test_a_password_typed_as_the_user_name_is_not_kept(db: Database) -> None:
    """The audit log is append-only: whatever lands there stays for ever (issue 9, finding 6)."""
    secret = "Tiaojie#Pw2026"
    with pytest.raises(AuthenticationFailed):
        auth.login(db, secret, "Tiaojie#Pw2026")
    row = _last_audit(db)
    assert row.summary == f"用户不存在（输入 {len(secret)} 个字符）" and row.object_id == ""
    # Nowhere in the database file, the audit log included, does the typed text remain, nor a keyed
    # digest of it that a copy of the file could be searched against.
    wal = db.path.with_name(db.path.name + "-wal")
    raw = db.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert secret.encode() not in raw and b"Tiaojie" not in raw
    with db.reading() as session:
        keys = list(session.scalars(select(AppSetting.key)))
    assert not [k for k in keys if k.startswith("secret.")]


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(db: Database, clock: FakeClock) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as caught:
            auth.login(db, "shouli", "Wrong2026xy")
        assert not isinstance(caught.value, AccountLocked)
    with pytest.raises(AccountLocked) as locked:
        auth.login(db, "shouli", "Wrong2026xy")
    assert locked.value.minutes_left == 15
    assert "锁定" in locked.value.zh
    assert _user(db, "shouli").locked_until == clock.now + timedelta(minutes=15)

    # The right password does not help while the lock lasts ...
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked) as still:
        auth.login(db, "shouli", PASSWORD)
    assert still.value.minutes_left == 1
    row = _last_audit(db)
    assert (row.action, row.result, row.summary) == ("登录失败", "失败", "账号锁定中")

    # ... and once it has run out, the right password works again.
    clock.advance(seconds=1)
    result = auth.login(db, "shouli", PASSWORD)
    assert result.actor.username == "shouli"
    user = _user(db, "shouli")
    assert user.locked_until is None
    assert user.failed_logins == 0


def test_the_lockout_follows_the_settings(db: Database, actor_of: Callable[[Database, str], Actor]) -> None:
    settings.update(
        db, actor_of(db, "admin"), {"security.max_failed_logins": 3, "security.lockout_minutes": 30}
    )
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "shouli", "Wrong2026xy")
    with pytest.raises(AccountLocked) as locked:
        auth.login(db, "shouli", "Wrong2026xy")
    assert locked.value.minutes_left == 30


def test_an_admin_can_unlock(db: Database, actor_of: Callable[[Database, str], Actor]) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "shouli", "Wrong2026xy")
    users.unlock(db, actor_of(db, "admin"), _user(db, "shouli").id)
    assert auth.login(db, "shouli", PASSWORD).actor.username == "shouli"


def test_a_disabled_account_is_refused(db: Database, actor_of: Callable[[Database, str], Actor]) -> None:
    users.set_disabled(db, actor_of(db, "admin"), _user(db, "shouli").id, True)

    with pytest.raises(AuthenticationFailed) as caught:
        auth.login(db, "shouli", PASSWORD)

    assert "停用" in caught.value.zh
    row = _last_audit(db)
    assert (row.action, row.result, row.summary) == ("登录失败", "失败", "账号已停用")


def test_empty_fields_are_a_validation_error(db: Database) -> None:
    with pytest.raises(ValidationError, match="请输入用户名和密码"):
        auth.login(db, "  ", PASSWORD)
    with pytest.raises(ValidationError):
        auth.login(db, "shouli", "")


def test_reset_password_forces_a_change_at_next_login(
    db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    users.reset_password(db, actor_of(db, "admin"), _user(db, "shouli").id, "Temp2026ab")
    assert _user(db, "shouli").must_change_password
    with db.reading() as session:
        last_two = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(2)).all()
    assert {r.action for r in last_two} == {"重置密码", "修改"}
    assert all(r.object_id == _user(db, "shouli").id for r in last_two)
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "shouli", PASSWORD)  # the old password is gone

    result = auth.login(db, "shouli", "Temp2026ab")
    assert result.must_change_password
    assert "修改" in result.reason_zh

    with pytest.raises(ValidationError, match="原密码不正确"):
        auth.change_password(db, result.actor, "Wrong2026ab", "Final2026cd")
    with pytest.raises(ValidationError, match="不能与原密码相同"):
        auth.change_password(db, result.actor, "Temp2026ab", "Temp2026ab")
    auth.change_password(db, result.actor, "Temp2026ab", "Final2026cd")
    assert not auth.login(db, "shouli", "Final2026cd").must_change_password


def test_an_old_password_must_be_changed(db: Database, clock: FakeClock) -> None:
    clock.advance(days=91)
    result = auth.login(db, "shouli", PASSWORD)
    assert result.must_change_password
    assert "90 天" in result.reason_zh


def test_passwords_are_stored_as_argon2id_hashes(db: Database) -> None:
    stored = _user(db, "shouli").password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert passwords.verify_password(stored, PASSWORD)
    assert not passwords.verify_password(stored, PASSWORD + "x")
    assert not passwords.verify_password("not a hash", PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1", "至少需要 8 位"),
        ("abcdefgh", "同时包含字母和数字"),
        ("12345678", "同时包含字母和数字"),
        ("xwangwu2026", "不能包含用户名"),
    ],
)
def test_password_rule_violations_are_explained_in_chinese(
    db: Database, actor_of: Callable[[Database, str], Actor], password: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        users.create_user(
            db,
            actor_of(db, "admin"),
            username="wangwu",
            display_name="王五",
            password=password,
            role_codes=["viewer"],
        )
    assert message in caught.value.zh
    assert CJK.search(caught.value.zh)
    assert caught.value.field == "password"
    with db.reading() as session:
        assert session.scalar(select(User).where(User.username == "wangwu")) is None


def test_the_rule_also_guards_reset_and_change(
    db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    shouli = _user(db, "shouli")
    with pytest.raises(ValidationError, match="至少需要 8 位"):
        users.reset_password(db, actor_of(db, "admin"), shouli.id, "short1")
    actor = auth.login(db, "shouli", PASSWORD).actor
    with pytest.raises(ValidationError, match="同时包含字母和数字"):
        auth.change_password(db, actor, PASSWORD, "onlyletters")
    assert _user(db, "shouli").password_hash == shouli.password_hash


def test_the_first_admin_logs_in(town_db: Database) -> None:
    result = auth.login(town_db, "admin", ADMIN_PASSWORD)
    assert result.actor.role_codes == ("admin",)
    assert {"system.users", "system.roles", "audit.view"} <= result.actor.permissions


def test_a_disabled_account_is_revealed_only_to_someone_with_its_password(demo_db: Database) -> None:
    target = next(u for u in users.list_users(demo_db, SYSTEM_ACTOR) if u.username == "chakan")
    users.set_disabled(demo_db, SYSTEM_ACTOR, target.id, True)
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.login(demo_db, "chakan", "not-the-password-1")
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.login(demo_db, "nobody-here", "not-the-password-1")
    assert wrong.value.zh == unknown.value.zh
    with pytest.raises(AuthenticationFailed) as right:
        auth.login(demo_db, "chakan", "demo2026")
    assert "已停用" in right.value.zh
