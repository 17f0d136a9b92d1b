"""Login, lockout, unlock after idle, password change."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.db import Database
from desktop.errors import AccountLocked, AuthenticationFailed, UserError, ValidationError
from desktop.models import Role, RolePermission, User
from desktop.services.accounts import passwords
from desktop.services.accounts.permissions import Actor
from desktop.services.common.uow import RESULT_FAILED, unit_of_work
from desktop.services.system import settings

OBJECT_TYPE = "用户"


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    must_change_password: bool
    reason_zh: str = ""  # why a change is required
    reason_en: str = ""


def build_actor(session: Session, user: User) -> Actor:
    codes = [link.role_code for link in user.role_links]
    roles = session.scalars(select(Role).where(Role.code.in_(codes)).order_by(Role.sort_order)).all()
    perms = session.scalars(
        select(RolePermission.permission).where(RolePermission.role_code.in_(codes))
    ).all()
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role_codes=tuple(r.code for r in roles),
        role_names=tuple(r.name for r in roles),
        permissions=frozenset(perms),
    )


def unknown_name_summary(typed: str) -> str:
    """What the append-only log keeps of a user name that matches no account: its length only.

    People type their password into the name field; the log must not keep it for ever, nor anything
    it can be tested against offline. (A keyed fingerprint was tried: with the key in the same file, a
    copy of the database let a four-letters-and-a-year password be found in 30 seconds.)
    """
    return f"用户不存在（输入 {len(typed)} 个字符）"


def _wrong_password(max_failed: int, lock_minutes: int) -> AuthenticationFailed:
    # The same words for an unknown user and a wrong password, so the answer does not tell who has an
    # account; the lockout rule is stated so that nobody is locked out by surprise.
    return AuthenticationFailed(
        f"用户名或密码不正确。连续输错 {max_failed} 次，账号将被锁定 {lock_minutes} 分钟。",
        f"Wrong user name or password. After {max_failed} wrong tries in a row the account is locked "
        f"for {lock_minutes} min.",
    )


def login(db: Database, username: str, password: str, *, purpose: str = "登录") -> LoginResult:
    """Checks a password. Every attempt, good or bad, leaves an audit row.

    `purpose` is 登录 for the login dialog and 解锁 for the idle lock; both count towards lockout.
    """
    username = username.strip()
    if not username or not password:
        raise ValidationError("请输入用户名和密码。", "Enter the user name and the password.")
    conf = settings.load(db)
    max_failed = conf.max_failed_logins
    lock_minutes = conf.lockout_minutes
    max_age = conf.password_max_age_days

    failure: UserError | None = None
    result: LoginResult | None = None
    with unit_of_work(db, None) as uow:
        session = uow.session
        user = session.scalar(
            select(User).where(User.username == username).options(selectinload(User.role_links))
        )
        now = uow.now
        if user is None:
            # Hash anyway so a missing account takes as long as a wrong password.
            passwords.verify_password(_DUMMY_HASH, password)
            uow.audit(
                f"{purpose}失败",
                OBJECT_TYPE,
                "",
                unknown_name_summary(username),
                result=RESULT_FAILED,
            )
            failure = _wrong_password(max_failed, lock_minutes)
        elif user.disabled:
            # Only someone who knows the password learns that the account exists and is disabled.
            if passwords.verify_password(user.password_hash, password):
                uow.audit(f"{purpose}失败", OBJECT_TYPE, user.id, "账号已停用", result=RESULT_FAILED)
                failure = AuthenticationFailed(
                    "该账号已停用，请联系系统管理员。", "This account is disabled; ask an administrator."
                )
            else:
                uow.audit(
                    f"{purpose}失败", OBJECT_TYPE, user.id, "账号已停用，密码错误", result=RESULT_FAILED
                )
                failure = _wrong_password(max_failed, lock_minutes)
        elif user.locked_until is not None and user.locked_until > now:
            left = math.ceil((user.locked_until - now).total_seconds() / 60)
            uow.audit(f"{purpose}失败", OBJECT_TYPE, user.id, "账号锁定中", result=RESULT_FAILED)
            failure = AccountLocked(left)
        elif not passwords.verify_password(user.password_hash, password):
            user.failed_logins += 1
            if user.failed_logins >= max_failed:
                user.locked_until = now + timedelta(minutes=lock_minutes)
                user.failed_logins = 0
                uow.audit(
                    f"{purpose}失败",
                    OBJECT_TYPE,
                    user.id,
                    f"密码错误，连续 {max_failed} 次，锁定 {lock_minutes} 分钟",
                    result=RESULT_FAILED,
                )
                failure = AccountLocked(lock_minutes)
            else:
                uow.audit(f"{purpose}失败", OBJECT_TYPE, user.id, "密码错误", result=RESULT_FAILED)
                # Word for word what an unknown user name gets, so the answer does not tell who has an account.
                failure = _wrong_password(max_failed, lock_minutes)
        else:
            user.failed_logins = 0
            user.locked_until = None
            user.last_login_at = now
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_password(password)
            actor = build_actor(session, user)
            uow.actor = actor
            uow.audit(purpose, OBJECT_TYPE, user.id, user.display_name)
            expired = user.password_changed_at + timedelta(days=max_age) < now
            if user.must_change_password:
                result = LoginResult(actor, True, "请先修改初始密码。", "Please change the initial password.")
            elif expired:
                result = LoginResult(
                    actor,
                    True,
                    f"密码已使用超过 {max_age} 天，请修改密码。",
                    f"The password is older than {max_age} days; please change it.",
                )
            else:
                result = LoginResult(actor, False)
    if failure is not None:
        raise failure
    assert result is not None
    return result


# What a missing account's attempt is checked against, so that it takes as long as a wrong password.
# Made once with today's parameters (hashing it at import cost every start 20-80 ms, issue 18);
# tests/test_accounts.py fails when the hasher's parameters move on without it.
_DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$18JuiqFc3GaboeMDJ8okKQ$K7zqmsp280snMc2V6oBCZxAVoSurY5BZ/V99CitUvt0"
)


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """The user changes their own password; the old one must be given."""
    with unit_of_work(db, actor) as uow:
        user = uow.session.get(User, actor.user_id)
        if user is None:
            raise UserError("账号不存在。", "The account no longer exists.")
        if not passwords.verify_password(user.password_hash, old_password):
            raise ValidationError("原密码不正确。", "The current password is wrong.", "old_password")
        passwords.check_password_rule(new_password, user.username, "new_password")
        if passwords.verify_password(user.password_hash, new_password):
            raise ValidationError(
                "新密码不能与原密码相同。", "The new password must differ from the old one.", "new_password"
            )
        user.password_hash = passwords.hash_password(new_password)
        user.password_changed_at = uow.now
        user.must_change_password = False
        user.updated_at = uow.now
