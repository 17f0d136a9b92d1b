"""The grid roster: 专属网格 subtypes, places covered, retired grids and their split/merge lineage;
centre staff posts (no grid), worker profiles (employer, photo file) and training records.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
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


def upgrade() -> None:
    with op.batch_alter_table("grid") as batch:
        batch.add_column(sa.Column("subtype", sa.String(length=10), nullable=False, server_default=""))
        batch.add_column(sa.Column("places", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("end_reason", sa.String(length=4), nullable=False, server_default=""))
    # The defaults only filled existing rows; the models give new ones their values.
    with op.batch_alter_table("grid") as batch:
        for name in ("subtype", "places", "end_reason"):
            batch.alter_column(name, server_default=None)
    with op.batch_alter_table("grid_worker") as batch:
        batch.alter_column("grid_id", existing_type=sa.String(length=36), nullable=True)

    op.create_table(
        "grid_lineage",
        sa.Column("predecessor_id", sa.String(length=36), nullable=False),
        sa.Column("successor_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["predecessor_id"], ["grid.id"], name=op.f("fk_grid_lineage_predecessor_id_grid")
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"], ["grid.id"], name=op.f("fk_grid_lineage_successor_id_grid")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_lineage")),
    )
    op.create_index(op.f("ix_grid_lineage_predecessor_id"), "grid_lineage", ["predecessor_id"])
    op.create_index(op.f("ix_grid_lineage_successor_id"), "grid_lineage", ["successor_id"])
    op.create_index(op.f("ix_grid_lineage_pending_changes"), "grid_lineage", ["pending_changes"])

    op.create_table(
        "worker_profile",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("employer", sa.String(length=100), nullable=False),
        sa.Column("photo_path", sa.String(length=200), nullable=False),
        sa.Column("photo_sha256", sa.String(length=64), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_worker_profile_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker_profile")),
        sa.UniqueConstraint("person_id", name=op.f("uq_worker_profile_person_id")),
    )
    op.create_index(op.f("ix_worker_profile_pending_changes"), "worker_profile", ["pending_changes"])

    op.create_table(
        "worker_training",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_worker_training_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker_training")),
    )
    op.create_index(op.f("ix_worker_training_person_id"), "worker_training", ["person_id"])
    op.create_index(op.f("ix_worker_training_pending_changes"), "worker_training", ["pending_changes"])


def downgrade() -> None:
    op.drop_table("worker_training")
    op.drop_table("worker_profile")
    op.drop_table("grid_lineage")
    # Centre staff posts have no grid to keep them under the old schema.
    op.execute("DELETE FROM grid_worker WHERE grid_id IS NULL")
    with op.batch_alter_table("grid_worker") as batch:
        batch.alter_column("grid_id", existing_type=sa.String(length=36), nullable=False)
    with op.batch_alter_table("grid") as batch:
        for name in ("end_reason", "ended_on", "places", "subtype"):
            batch.drop_column(name)
