"""Services check the actor's permissions and write nothing when refused; the admin floor holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from db_helpers import TOWN_CODE, dump_tables
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import PermissionDenied, UserError
from desktop.models import Person, RolePermission, User
from desktop.services.accounts import roles, users
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor, Permission
from desktop.services.people import persons
from desktop.services.system import audit, settings, town
from desktop.services.system.audit import AuditFilter

Call = Callable[[Database, Actor], Any]


def _some_person(db: Database) -> str:
    with db.reading() as session:
        person_id = session.scalar(select(Person.id).limit(1))
        assert person_id is not None
        return person_id


REFUSED: dict[str, tuple[str, Permission, Call]] = {
    "create_user": (
        "chakan",
        Permission.SYSTEM_USERS,
        lambda db, a: users.create_user(
            db, a, username="wangwu", display_name="王五", password="Wang2026ab", role_codes=["admin"]
        ),
    ),
    "set_permissions": (
        "chakan",
        Permission.SYSTEM_ROLES,
        lambda db, a: roles.set_permissions(db, a, "viewer", {p.value for p in Permission}),
    ),
    "settings.update": (
        "zhuren",
        Permission.SYSTEM_SETTINGS,
        lambda db, a: settings.update(db, a, {"ui.font_size": 16}),
    ),
    "update_town": (
        "zhuren",
        Permission.SYSTEM_TOWN,
        lambda db, a: town.update_town(db, a, town.TownInfo(name="改名镇", area_code=TOWN_CODE)),
    ),
    "audit.query": ("shouli", Permission.AUDIT_VIEW, lambda db, a: audit.query(db, a, AuditFilter())),
    # The administrator manages accounts but may not read full ID numbers.
    "reveal_resident_id": (
        "admin",
        Permission.PERSON_VIEW_ID,
        lambda db, a: persons.reveal_resident_id(db, a, _some_person(db)),
    ),
    "create_person": (
        "chakan",
        Permission.PERSON_EDIT,
        lambda db, a: persons.create_person(db, a, persons.PersonInput(name="王五")),
    ),
    "list_users": ("wangge", Permission.SYSTEM_USERS, lambda db, a: users.list_users(db, a)),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_an_actor_without_the_permission_is_refused_and_nothing_is_written(
    demo_db: Database, actor_of: Callable[[Database, str], Actor], case: str
) -> None:
    username, permission, call = REFUSED[case]
    actor = actor_of(demo_db, username)
    assert not actor.can(permission)
    before = dump_tables(demo_db.path)

    with pytest.raises(PermissionDenied) as caught:
        call(demo_db, actor)

    assert "权限" in caught.value.zh
    assert "请联系系统管理员" in caught.value.zh
    assert "permission" in caught.value.en
    assert dump_tables(demo_db.path) == before


def test_the_same_calls_work_for_an_actor_with_the_permission(
    demo_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    """Guards the test above: the refusals come from the permission, not from the call being wrong."""
    for case, (_username, permission, call) in REFUSED.items():
        holder = "zhuren" if permission in (Permission.PERSON_VIEW_ID,) else "admin"
        actor = actor_of(demo_db, holder)
        assert actor.can(permission), case
        call(demo_db, actor)


# --- the administrator floor -------------------------------------------------------------------


def _user_id(db: Database, username: str) -> str:
    with db.reading() as session:
        user_id = session.scalar(select(User.id).where(User.username == username))
        assert user_id is not None
        return user_id


def _disabled(db: Database, username: str) -> bool:
    with db.reading() as session:
        return bool(session.scalar(select(User.disabled).where(User.username == username)))


def test_the_last_active_admin_cannot_be_disabled(demo_db: Database) -> None:
    before = dump_tables(demo_db.path)
    with pytest.raises(UserError, match="至少要保留一个可用的系统管理员账号"):
        users.set_disabled(demo_db, SYSTEM_ACTOR, _user_id(demo_db, "admin"), True)
    assert dump_tables(demo_db.path) == before
    assert not _disabled(demo_db, "admin")


def test_the_last_admin_cannot_lose_the_admin_role(
    demo_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    admin = actor_of(demo_db, "admin")
    before = dump_tables(demo_db.path)
    with pytest.raises(UserError, match="至少要保留一个可用的系统管理员账号"):
        users.assign_roles(demo_db, admin, admin.user_id, ["manager"])
    assert dump_tables(demo_db.path) == before


def test_an_admin_may_go_once_another_active_admin_exists(
    demo_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    admin = actor_of(demo_db, "admin")
    second = users.create_user(
        demo_db, admin, username="admin2", display_name="王二", password="Wang2026ab", role_codes=["admin"]
    )
    users.set_disabled(demo_db, admin, second, True)
    # A disabled administrator does not count ...
    with pytest.raises(UserError, match="至少要保留"):
        users.assign_roles(demo_db, admin, admin.user_id, ["manager"])
    # ... an active one does.
    users.set_disabled(demo_db, admin, second, False)
    users.assign_roles(demo_db, admin, admin.user_id, ["manager"])
    assert actor_of(demo_db, "admin").role_codes == ("manager",)
    users.set_disabled(demo_db, SYSTEM_ACTOR, _user_id(demo_db, "admin"), True)
    assert _disabled(demo_db, "admin")


def test_nobody_can_disable_their_own_account(
    demo_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    admin = actor_of(demo_db, "admin")
    with pytest.raises(UserError, match="不能停用自己"):
        users.set_disabled(demo_db, admin, admin.user_id, True)


def _admin_permissions(db: Database) -> set[str]:
    with db.reading() as session:
        return set(
            session.scalars(select(RolePermission.permission).where(RolePermission.role_code == "admin"))
        )


@pytest.mark.parametrize("dropped", [Permission.SYSTEM_USERS, Permission.SYSTEM_ROLES])
def test_the_admin_role_keeps_users_and_roles(
    demo_db: Database, actor_of: Callable[[Database, str], Actor], dropped: Permission
) -> None:
    admin = actor_of(demo_db, "admin")
    before = _admin_permissions(demo_db)
    with pytest.raises(UserError, match="必须保留"):
        roles.set_permissions(demo_db, admin, "admin", before - {dropped.value})
    assert _admin_permissions(demo_db) == before


def test_set_permissions_changes_the_role_and_is_audited(
    demo_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    admin = actor_of(demo_db, "admin")
    roles.set_permissions(demo_db, admin, "admin", {"system.users", "system.roles", "person.view_id"})
    assert _admin_permissions(demo_db) == {"system.users", "system.roles", "person.view_id"}
    assert actor_of(demo_db, "admin").can(Permission.PERSON_VIEW_ID)
    last = audit.query(demo_db, admin, AuditFilter(), limit=1)[0]
    assert (last.action, last.object_type, last.object_id) == ("修改权限", "角色", "admin")
    with pytest.raises(UserError, match="未知权限"):
        roles.set_permissions(demo_db, admin, "viewer", {"no.such"})
