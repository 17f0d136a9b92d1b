"""Patrols and household visits: the visit norms a town sets (the usual ones apply until it does, see
services/workforce/visits.py), a light household register, household visits and the patrol log.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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


def _index(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def upgrade() -> None:
    op.create_table(
        "visit_norm",
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("period", sa.String(length=4), nullable=False),
        sa.Column("times", sa.Integer(), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_norm")),
        sa.UniqueConstraint("category", name=op.f("uq_visit_norm_category")),
    )
    _index("visit_norm", "pending_changes")

    op.create_table(
        "household",
        sa.Column("grid_id", sa.String(length=36), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("head_name", sa.String(length=50), nullable=False),
        sa.Column("head_phone", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        *_synced(),
        _fk("household", "grid_id", "grid"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
    )
    _index("household", "grid_id", "pending_changes")

    op.create_table(
        "household_visit",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("way", sa.String(length=4), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        *_synced(),
        _fk("household_visit", "household_id", "household"),
        _fk("household_visit", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_visit")),
    )
    _index("household_visit", "household_id", "person_id", "day", "pending_changes")

    op.create_table(
        "patrol_log",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("grid_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("route", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("events_found", sa.Integer(), nullable=False),
        *_synced(),
        _fk("patrol_log", "person_id", "person"),
        _fk("patrol_log", "grid_id", "grid"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_log")),
    )
    _index("patrol_log", "person_id", "grid_id", "day", "pending_changes")


def downgrade() -> None:
    for table in ("patrol_log", "household_visit", "household", "visit_norm"):
        op.drop_table(table)
