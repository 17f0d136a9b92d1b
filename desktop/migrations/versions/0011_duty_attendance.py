"""Duty rota and attendance: duty entries and swaps, the work schedule, attendance-machine numbers,
punches (insert-only), imported files by hash, corrections (补签) and leave; the approval permissions.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 网格管理员 keeps the rota and attendance with 中心负责人; leave of more than three days is the manager's.
NEW_GRANTS = [
    ("grid_admin", "duty.edit"),
    ("manager", "duty.approve"),
    ("grid_admin", "duty.approve"),
    ("manager", "duty.approve_long"),
]
IMMUTABLE_PUNCH = "attendance_punch is insert-only"


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def _decision() -> list[sa.Column]:
    return [
        sa.Column("requested_by", sa.String(length=40), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.String(length=200), nullable=False),
    ]


def _pending_index(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_pending_changes"), table, ["pending_changes"])


def upgrade() -> None:
    op.create_table(
        "duty_entry",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("shift", sa.String(length=4), nullable=False),
        sa.Column("role", sa.String(length=6), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("note", sa.String(length=100), nullable=False),
        *_synced(),
        _fk("duty_entry", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_entry")),
    )
    op.create_index(op.f("ix_duty_entry_day"), "duty_entry", ["day"])
    op.create_index(op.f("ix_duty_entry_person_id"), "duty_entry", ["person_id"])
    _pending_index("duty_entry")

    op.create_table(
        "duty_swap",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("from_person_id", sa.String(length=36), nullable=False),
        sa.Column("to_person_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=4), nullable=False),
        *_decision(),
        *_synced(),
        _fk("duty_swap", "entry_id", "duty_entry"),
        _fk("duty_swap", "from_person_id", "person"),
        _fk("duty_swap", "to_person_id", "person"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_swap")),
    )
    op.create_index(op.f("ix_duty_swap_entry_id"), "duty_swap", ["entry_id"])
    _pending_index("duty_swap")

    op.create_table(
        "work_schedule",
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("grace_minutes", sa.Integer(), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_schedule")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_work_schedule_valid_from")),
    )
    _pending_index("work_schedule")

    op.create_table(
        "attendance_pin",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("pin", sa.String(length=20), nullable=False),
        *_synced(),
        _fk("attendance_pin", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_pin")),
        sa.UniqueConstraint("person_id", name=op.f("uq_attendance_pin_person_id")),
        sa.UniqueConstraint("pin", name=op.f("uq_attendance_pin_pin")),
    )
    _pending_index("attendance_pin")

    op.create_table(
        "attendance_import",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=40), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_import")),
        sa.UniqueConstraint("sha256", name=op.f("uq_attendance_import_sha256")),
    )

    op.create_table(
        "attendance_punch",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("punched_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=4), nullable=False),
        sa.Column("import_id", sa.String(length=36), nullable=True),
        *_synced(),
        _fk("attendance_punch", "person_id", "person"),
        _fk("attendance_punch", "import_id", "attendance_import"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_punch")),
        sa.UniqueConstraint("person_id", "punched_at", name=op.f("uq_attendance_punch_person_id")),
    )
    _pending_index("attendance_punch")
    op.create_index("ix_attendance_punch_punched_at", "attendance_punch", ["punched_at", "person_id"])
    # A punch is evidence: the database refuses to change its time or source, or to remove it.
    op.execute(
        "CREATE TRIGGER attendance_punch_no_update BEFORE UPDATE OF punched_at, source, import_id "
        f"ON attendance_punch BEGIN SELECT RAISE(ABORT, '{IMMUTABLE_PUNCH}'); END"
    )
    op.execute(
        "CREATE TRIGGER attendance_punch_no_delete BEFORE DELETE ON attendance_punch "
        f"BEGIN SELECT RAISE(ABORT, '{IMMUTABLE_PUNCH}'); END"
    )

    op.create_table(
        "attendance_correction",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("punched_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=4), nullable=False),
        *_decision(),
        *_synced(),
        _fk("attendance_correction", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_correction")),
    )
    op.create_index(op.f("ix_attendance_correction_person_id"), "attendance_correction", ["person_id"])
    _pending_index("attendance_correction")

    op.create_table(
        "leave_request",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=6), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=4), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        *_decision(),
        sa.Column("returned_on", sa.Date(), nullable=True),
        *_synced(),
        _fk("leave_request", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leave_request")),
    )
    op.create_index(op.f("ix_leave_request_person_id"), "leave_request", ["person_id"])
    op.create_index(op.f("ix_leave_request_start_date"), "leave_request", ["start_date"])
    _pending_index("leave_request")

    grant = sa.table("role_permission", sa.column("role_code", sa.String), sa.column("permission", sa.String))
    role = sa.table("role", sa.column("code", sa.String))
    conn = op.get_bind()
    existing = {r[0] for r in conn.execute(sa.select(role.c.code))}
    held = {(r[0], r[1]) for r in conn.execute(sa.select(grant.c.role_code, grant.c.permission))}
    op.bulk_insert(
        grant,
        [{"role_code": r, "permission": p} for r, p in NEW_GRANTS if r in existing and (r, p) not in held],
    )


def downgrade() -> None:
    grant = sa.table("role_permission", sa.column("role_code", sa.String), sa.column("permission", sa.String))
    op.execute(grant.delete().where(grant.c.permission.in_(["duty.approve", "duty.approve_long"])))
    op.execute(grant.delete().where(grant.c.role_code == "grid_admin", grant.c.permission == "duty.edit"))
    for table in (
        "leave_request",
        "attendance_correction",
        "attendance_punch",
        "attendance_import",
        "attendance_pin",
        "work_schedule",
        "duty_swap",
        "duty_entry",
    ):
        op.drop_table(table)
