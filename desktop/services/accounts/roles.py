"""Roles and their permissions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import Role, RolePermission
from desktop.services.accounts.permissions import ADMIN_ROLE, Actor, Permission
from desktop.services.common.uow import unit_of_work

# The administrator must always be able to manage accounts and roles, or nobody could repair them.
ADMIN_FLOOR = frozenset({Permission.SYSTEM_USERS.value, Permission.SYSTEM_ROLES.value})


@dataclass(frozen=True)
class RoleRow:
    code: str
    name: str
    description: str
    builtin: bool
    permissions: frozenset[str]


def list_roles(db: Database) -> list[RoleRow]:
    """Any logged-in user may see role names (they appear in the status bar)."""
    with db.reading() as session:
        roles = session.scalars(
            select(Role).options(selectinload(Role.permissions)).order_by(Role.sort_order, Role.code)
        ).all()
        return [
            RoleRow(r.code, r.name, r.description, r.builtin, frozenset(p.permission for p in r.permissions))
            for r in roles
        ]


def set_permissions(db: Database, actor: Actor, role_code: str, permissions: set[str]) -> None:
    actor.require(Permission.SYSTEM_ROLES)
    known = {p.value for p in Permission}
    unknown = permissions - known
    if unknown:
        raise ValidationError(
            f"未知权限：{', '.join(sorted(unknown))}", f"Unknown permissions: {sorted(unknown)}"
        )
    if role_code == ADMIN_ROLE and not permissions >= ADMIN_FLOOR:
        raise UserError(
            "系统管理员必须保留“管理用户账号”和“管理角色与权限”两项权限。",
            "The administrator role must keep “manage users” and “manage roles”.",
        )
    with unit_of_work(db, actor) as uow:
        role = uow.session.get(Role, role_code, options=[selectinload(Role.permissions)])
        if role is None:
            raise NotFound("找不到该角色。", "Role not found.")
        before = sorted(p.permission for p in role.permissions)
        after = sorted(permissions)
        if before == after:
            return
        role.permissions = [RolePermission(permission=p) for p in after]
        uow.audit(
            "修改权限",
            "角色",
            role.code,
            role.name,
            {"before": {"permissions": before}, "after": {"permissions": after}},
        )
