"""User accounts: create, edit, disable, reset password, assign roles, unlock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import Role, User, UserRole
from desktop.services.accounts import passwords
from desktop.services.accounts.permissions import ADMIN_ROLE, Actor, Permission
from desktop.services.common.text import DISPLAY_NAME, clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work

_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{2,39}$")
_PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str
    display_name: str
    phone: str
    role_codes: tuple[str, ...]
    role_names: tuple[str, ...]
    disabled: bool
    locked: bool
    last_login_at: datetime | None


def check_username(username: str) -> str:
    username = username.strip()
    if not _USERNAME.match(username):
        raise ValidationError(
            "用户名以英文字母开头，由 3 到 40 位字母、数字、下划线、点或横线组成（例如 zhangsan）。",
            "A user name starts with a letter and has 3–40 letters, digits, _ . or - (e.g. zhangsan).",
            "username",
        )
    return username


def check_display_name(name: str) -> str:
    name = clean_line(name, "display_name", DISPLAY_NAME, ("姓名", "name"))
    if not name:
        raise ValidationError(
            f"请填写姓名（不超过 {DISPLAY_NAME} 字）。",
            f"Enter a name (at most {DISPLAY_NAME} characters).",
            "display_name",
        )
    return name


def check_phone(phone: str, field: str = "phone") -> str:
    phone = phone.strip().replace(" ", "")
    if phone and not _PHONE.match(phone):
        raise ValidationError(
            "电话号码格式不对：手机号为 11 位数字，座机如 0571-12345678。",
            "Phone format: an 11-digit mobile number or a landline like 0571-12345678.",
            field,
        )
    return phone


def _roles_by_code(uow: UnitOfWork, codes: list[str]) -> list[Role]:
    if not codes:
        raise ValidationError("请至少选择一个角色。", "Choose at least one role.", "roles")
    roles = list(uow.session.scalars(select(Role).where(Role.code.in_(codes))))
    if len(roles) != len(set(codes)):
        raise ValidationError("所选角色不存在。", "A chosen role does not exist.", "roles")
    return roles


def list_users(db: Database, actor: Actor) -> list[UserRow]:
    actor.require(Permission.SYSTEM_USERS)
    with db.reading() as session:
        names = dict(session.execute(select(Role.code, Role.name)).all())
        users = session.scalars(
            select(User).options(selectinload(User.role_links)).order_by(User.username)
        ).all()
        now = db.clock()
        return [
            UserRow(
                u.id,
                u.username,
                u.display_name,
                u.phone,
                tuple(u.role_codes),
                tuple(names.get(c, c) for c in u.role_codes),
                u.disabled,
                u.locked_until is not None and u.locked_until > now,
                u.last_login_at,
            )
            for u in users
        ]


def create_user(
    db: Database,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    password: str,
    role_codes: list[str],
    phone: str = "",
    must_change_password: bool = True,
) -> str:
    actor.require(Permission.SYSTEM_USERS)
    username = check_username(username)
    display_name = check_display_name(display_name)
    phone = check_phone(phone)
    passwords.check_password_rule(password, username)
    with unit_of_work(db, actor) as uow:
        exists = uow.session.scalar(
            select(func.count()).select_from(User).where(func.lower(User.username) == username.lower())
        )
        if exists:
            raise ValidationError(
                f"用户名 {username} 已被使用。", f"The user name {username} is taken.", "username"
            )
        _roles_by_code(uow, role_codes)
        user = User(
            username=username,
            display_name=display_name,
            phone=phone,
            password_hash=passwords.hash_password(password),
            must_change_password=must_change_password,
            password_changed_at=uow.now,
            failed_logins=0,
            disabled=False,
            created_at=uow.now,
            updated_at=uow.now,
        )
        user.role_links = [UserRole(role_code=c) for c in sorted(set(role_codes))]
        uow.session.add(user)
        uow.session.flush()
        uow.audit("分配角色", "用户", user.id, username, {"after": {"roles": sorted(set(role_codes))}})
        return user.id


def _get_user(uow: UnitOfWork, user_id: str) -> User:
    user = uow.session.get(User, user_id, options=[selectinload(User.role_links)])
    if user is None:
        raise NotFound("找不到该用户。", "User not found.")
    return user


def _active_admins(uow: UnitOfWork) -> int:
    return int(
        uow.session.scalar(
            select(func.count())
            .select_from(User)
            .join(UserRole)
            .where(UserRole.role_code == ADMIN_ROLE, User.disabled.is_(False))
        )
        or 0
    )


def _keep_an_admin(uow: UnitOfWork) -> None:
    uow.session.flush()
    if _active_admins(uow) == 0:
        raise UserError(
            "至少要保留一个可用的系统管理员账号。", "At least one active administrator account must remain."
        )


def update_user(db: Database, actor: Actor, user_id: str, *, display_name: str, phone: str) -> None:
    actor.require(Permission.SYSTEM_USERS)
    display_name = check_display_name(display_name)
    phone = check_phone(phone)
    with unit_of_work(db, actor) as uow:
        user = _get_user(uow, user_id)
        user.display_name = display_name
        user.phone = phone
        user.updated_at = uow.now


def set_disabled(db: Database, actor: Actor, user_id: str, disabled: bool) -> None:
    actor.require(Permission.SYSTEM_USERS)
    if disabled and user_id == actor.user_id:
        raise UserError("不能停用自己正在使用的账号。", "You cannot disable the account you are using.")
    with unit_of_work(db, actor) as uow:
        user = _get_user(uow, user_id)
        user.disabled = disabled
        user.updated_at = uow.now
        _keep_an_admin(uow)


def reset_password(db: Database, actor: Actor, user_id: str, new_password: str) -> None:
    """An administrator sets a temporary password; the user must change it at next login."""
    actor.require(Permission.SYSTEM_USERS)
    with unit_of_work(db, actor) as uow:
        user = _get_user(uow, user_id)
        passwords.check_password_rule(new_password, user.username)
        user.password_hash = passwords.hash_password(new_password)
        user.password_changed_at = uow.now
        user.must_change_password = True
        user.failed_logins = 0
        user.locked_until = None
        user.updated_at = uow.now
        uow.audit("重置密码", "用户", user.id, user.username)


def unlock(db: Database, actor: Actor, user_id: str) -> None:
    actor.require(Permission.SYSTEM_USERS)
    with unit_of_work(db, actor) as uow:
        user = _get_user(uow, user_id)
        user.failed_logins = 0
        user.locked_until = None
        uow.audit("解除锁定", "用户", user.id, user.username)


def assign_roles(db: Database, actor: Actor, user_id: str, role_codes: list[str]) -> None:
    actor.require(Permission.SYSTEM_USERS)
    with unit_of_work(db, actor) as uow:
        user = _get_user(uow, user_id)
        _roles_by_code(uow, role_codes)
        before = user.role_codes
        after = sorted(set(role_codes))
        if before == after:
            return
        user.role_links = [UserRole(role_code=c) for c in after]
        user.updated_at = uow.now
        _keep_an_admin(uow)
        uow.audit(
            "分配角色",
            "用户",
            user.id,
            user.username,
            {"before": {"roles": before}, "after": {"roles": after}},
        )
