"""The county link: where it stands (sync_state), the push batch in flight, the rounds run, the
conflicts left for a person, and the offline packages imported.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county_url", sa.String(length=300), nullable=False),
        sa.Column("ca_file", sa.String(length=300), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("auto_apply_matters", sa.Boolean(), nullable=False),
        sa.Column("epoch", sa.String(length=64), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("clock_skew_seconds", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_batch",
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("marks", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_batch")),
    )
    op.create_table(
        "sync_round",
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("trigger", sa.String(length=10), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("pushed", sa.Integer(), nullable=False),
        sa.Column("pulled", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_round")),
    )
    op.create_index(op.f("ix_sync_round_started_at"), "sync_round", ["started_at"])
    op.create_table(
        "sync_conflict",
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("record_type", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("record_label", sa.String(length=120), nullable=False),
        sa.Column("local_ver", sa.Integer(), nullable=False),
        sa.Column("remote_ver", sa.Integer(), nullable=False),
        sa.Column("local_fields", sa.Text(), nullable=False),
        sa.Column("remote_fields", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=40), nullable=False),
        sa.Column("resolution", sa.String(length=8), nullable=False),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    op.create_index(op.f("ix_sync_conflict_record_id"), "sync_conflict", ["record_id"])
    op.create_index(op.f("ix_sync_conflict_resolved_at"), "sync_conflict", ["resolved_at"])
    op.create_table(
        "sync_package",
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_sync_package")),
    )
    op.create_table(
        "county_publication",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=6), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_publication")),
    )
    op.create_index(op.f("ix_county_publication_state"), "county_publication", ["state"])


def downgrade() -> None:
    op.drop_index(op.f("ix_county_publication_state"), table_name="county_publication")
    op.drop_table("county_publication")
    op.drop_table("sync_package")
    op.drop_index(op.f("ix_sync_conflict_resolved_at"), table_name="sync_conflict")
    op.drop_index(op.f("ix_sync_conflict_record_id"), table_name="sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_index(op.f("ix_sync_round_started_at"), table_name="sync_round")
    op.drop_table("sync_round")
    op.drop_table("sync_batch")
    op.drop_table("sync_state")
