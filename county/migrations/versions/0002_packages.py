"""Offline packages: the hub's signing key and the packages already imported.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("hub_meta", sa.Column("package_key", sa.String(length=64), nullable=True))
    op.create_table(
        "hub_package",
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("town", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("package_id"),
    )


def downgrade() -> None:
    op.drop_table("hub_package")
    with op.batch_alter_table("hub_meta") as batch:
        batch.drop_column("package_key")
