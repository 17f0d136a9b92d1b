"""Villages/communities, grids and the grid-worker roster.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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
        "community",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community")),
        sa.UniqueConstraint("code", name=op.f("uq_community_code")),
    )
    op.create_index(op.f("ix_community_pending_changes"), "community", ["pending_changes"])
    op.create_table(
        "grid",
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=15), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("boundary_note", sa.String(length=200), nullable=False),
        *synced_columns(),
        sa.ForeignKeyConstraint(
            ["community_id"], ["community.id"], name=op.f("fk_grid_community_id_community")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid")),
        sa.UniqueConstraint("code", name=op.f("uq_grid_code")),
    )
    op.create_index(op.f("ix_grid_community_id"), "grid", ["community_id"])
    op.create_index(op.f("ix_grid_pending_changes"), "grid", ["pending_changes"])
    op.create_table(
        "grid_worker",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("grid_id", sa.String(length=36), nullable=False),
        sa.Column("post", sa.String(length=10), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        *synced_columns(),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_grid_worker_grid_id_grid")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_grid_worker_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_worker")),
    )
    op.create_index(op.f("ix_grid_worker_grid_id"), "grid_worker", ["grid_id"])
    op.create_index(op.f("ix_grid_worker_pending_changes"), "grid_worker", ["pending_changes"])
    op.create_index(op.f("ix_grid_worker_person_id"), "grid_worker", ["person_id"])


def downgrade() -> None:
    op.drop_table("grid_worker")
    op.drop_table("grid")
    op.drop_table("community")
