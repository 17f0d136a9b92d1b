"""The hub's tables: meta (epoch, sequence), towns, records, change log, inbox, conflicts.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    meta = op.create_table(
        "hub_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.Column("seq_floor", sa.BigInteger(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(meta, [{"id": 1, "epoch": secrets.token_hex(16), "seq_floor": 0, "last_seq": 0}])
    op.create_table(
        "town",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("public_key", sa.String(length=64), nullable=True),
        sa.Column("last_push_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_pull_seq", sa.BigInteger(), nullable=False),
        sa.Column("audit_head_seq", sa.BigInteger(), nullable=True),
        sa.Column("audit_head_hash", sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint("code"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "hub_record",
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("town", sa.String(length=12), nullable=True),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("natural_key", sa.String(length=100), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("type", "id"),
    )
    op.create_index("ix_hub_record_seq", "hub_record", ["seq"])
    op.create_index("ix_hub_record_town_type", "hub_record", ["town", "type"])
    op.create_index("ix_hub_record_natural", "hub_record", ["type", "town", "natural_key"])
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("town", sa.String(length=12), nullable=True),
        sa.Column("batch_id", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "sync_inbox",
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("town", sa.String(length=12), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("batch_id"),
    )
    op.create_table(
        "hub_conflict",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("town", sa.String(length=12), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("base_ver", sa.Integer(), nullable=False),
        sa.Column("hub_ver", sa.Integer(), nullable=False),
        sa.Column("incoming", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    for table in ("hub_conflict", "sync_inbox", "change_log", "hub_record", "town", "hub_meta"):
        op.drop_table(table)
