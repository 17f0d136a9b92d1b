"""Papers filed in a mediation case file by hand (身份证明, 证据材料, 履行凭证), with their page counts.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mediation_archive_paper",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mediation_case.id"],
            name=op.f("fk_mediation_archive_paper_case_id_mediation_case"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_archive_paper")),
    )
    op.create_index(op.f("ix_mediation_archive_paper_case_id"), "mediation_archive_paper", ["case_id"])
    op.create_index(
        op.f("ix_mediation_archive_paper_pending_changes"), "mediation_archive_paper", ["pending_changes"]
    )


def downgrade() -> None:
    op.drop_table("mediation_archive_paper")
