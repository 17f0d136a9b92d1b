"""Accounts and roles, append-only audit log, town profile and settings, person registry.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the built-in roles as this revision shipped them; later revisions add grants.
ROLES = [
    ("admin", "系统管理员", "管理账号、角色、乡镇信息和系统设置", 1),
    ("manager", "中心负责人", "中心全面工作：网格人员、值班考勤、考核、统计", 2),
    ("operator", "受理员", "事件受理、分拨、督办和结案", 3),
    ("mediator", "调解员", "人民调解案件办理和文书打印", 4),
    ("grid_admin", "网格管理员", "网格划分和网格员队伍管理", 5),
    ("viewer", "只读查看", "只能查看，不能修改", 6),
]
VIEW_ALL = [
    "event.view",
    "matter.view",
    "grid.view",
    "duty.view",
    "mediation.view",
    "assessment.view",
    "stats.view",
    "person.view",
]
GRANTS = {
    "admin": [
        "system.users",
        "system.roles",
        "system.town",
        "system.settings",
        "audit.view",
        "sync.run",
        "person.edit",
        *VIEW_ALL,
    ],
    "manager": [
        *VIEW_ALL,
        "audit.view",
        "sync.run",
        "event.handle",
        "matter.edit",
        "grid.edit",
        "duty.edit",
        "assessment.edit",
        "person.edit",
        "person.view_id",
    ],
    "operator": [
        "event.view",
        "event.handle",
        "matter.view",
        "grid.view",
        "stats.view",
        "person.view",
        "person.edit",
    ],
    "mediator": [
        "mediation.view",
        "mediation.handle",
        "event.view",
        "grid.view",
        "person.view",
        "person.edit",
        "person.view_id",
    ],
    "grid_admin": [
        "grid.view",
        "grid.edit",
        "duty.view",
        "event.view",
        "assessment.view",
        "person.view",
        "person.edit",
    ],
    "viewer": [p for p in VIEW_ALL if p != "person.view"],
}


def synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    for col in ("action", "at", "object_type", "user_id"):
        op.create_index(op.f(f"ix_audit_log_{col}"), "audit_log", [col])
    # The program never changes or removes audit rows; the database refuses it too.
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )

    op.create_table(
        "person",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("resident_id", sa.String(length=18), nullable=True),
        sa.Column("sex", sa.String(length=2), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_index(op.f("ix_person_name"), "person", ["name"])
    op.create_index(op.f("ix_person_pending_changes"), "person", ["pending_changes"])
    op.create_index(op.f("ix_person_phone"), "person", ["phone"])
    op.create_index(
        "uq_person_resident_id",
        "person",
        ["resident_id"],
        unique=True,
        sqlite_where=sa.text("resident_id IS NOT NULL"),
        postgresql_where=sa.text("resident_id IS NOT NULL"),
    )

    role = op.create_table(
        "role",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_role")),
        sa.UniqueConstraint("name", name=op.f("uq_role_name")),
    )
    op.create_table(
        "town_profile",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=False),
        sa.Column("county_name", sa.String(length=50), nullable=False),
        sa.Column("county_hub_url", sa.String(length=200), nullable=False),
        sa.Column("contact_phone", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        *synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_town_profile")),
        sa.UniqueConstraint("area_code", name=op.f("uq_town_profile_area_code")),
    )
    op.create_index(op.f("ix_town_profile_pending_changes"), "town_profile", ["pending_changes"])
    op.create_table(
        "app_user",
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("display_name", sa.String(length=40), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_app_user_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_index(op.f("ix_app_user_person_id"), "app_user", ["person_id"])
    grant = op.create_table(
        "role_permission",
        sa.Column("role_code", sa.String(length=32), nullable=False),
        sa.Column("permission", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["role_code"], ["role.code"], name=op.f("fk_role_permission_role_code_role"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("role_code", "permission", name=op.f("pk_role_permission")),
    )
    op.create_table(
        "user_role",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("role_code", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["role_code"], ["role.code"], name=op.f("fk_user_role_role_code_role")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_user_role_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "role_code", name=op.f("pk_user_role")),
    )
    op.create_index(op.f("ix_user_role_role_code"), "user_role", ["role_code"])

    op.bulk_insert(
        role,
        [{"code": c, "name": n, "description": d, "builtin": True, "sort_order": o} for c, n, d, o in ROLES],
    )
    op.bulk_insert(grant, [{"role_code": r, "permission": p} for r, perms in GRANTS.items() for p in perms])


def downgrade() -> None:
    op.drop_table("user_role")
    op.drop_table("role_permission")
    op.drop_table("app_user")
    op.drop_table("town_profile")
    op.drop_table("role")
    op.drop_table("person")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.drop_table("audit_log")
    op.drop_table("app_setting")
