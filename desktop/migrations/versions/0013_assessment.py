"""Assessment: versioned schemes, periods (month, quarter, half-year, year), results, adjustments and
appeals.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
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


def _pending_index(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_pending_changes"), table, ["pending_changes"])


def upgrade() -> None:
    op.create_table(
        "assessment_scheme",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("base_score", sa.Float(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("grade_excellent", sa.Float(), nullable=False),
        sa.Column("grade_pass", sa.Float(), nullable=False),
        sa.Column("grade_basic", sa.Float(), nullable=False),
        sa.Column("first_half_weight", sa.Float(), nullable=False),
        sa.Column("posts", sa.String(length=100), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_scheme")),
        sa.UniqueConstraint("version", name=op.f("uq_assessment_scheme_version")),
    )
    _pending_index("assessment_scheme")

    op.create_table(
        "assessment_period",
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("scheme_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=4), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=True),
        sa.Column("computed_by", sa.String(length=40), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_by", sa.String(length=40), nullable=False),
        *_synced(),
        _fk("assessment_period", "scheme_id", "assessment_scheme"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_period")),
        sa.UniqueConstraint("kind", "year", "number", name=op.f("uq_assessment_period_kind")),
    )
    _pending_index("assessment_period")

    op.create_table(
        "assessment_result",
        sa.Column("period_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("grid_id", sa.String(length=36), nullable=True),
        sa.Column("community_id", sa.String(length=36), nullable=True),
        sa.Column("post", sa.String(length=10), nullable=False),
        sa.Column("computed_score", sa.Float(), nullable=False),
        sa.Column("adjustment", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("grade", sa.String(length=4), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        *_synced(),
        _fk("assessment_result", "period_id", "assessment_period"),
        _fk("assessment_result", "person_id", "person"),
        _fk("assessment_result", "grid_id", "grid"),
        _fk("assessment_result", "community_id", "community"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_result")),
        sa.UniqueConstraint("period_id", "person_id", name=op.f("uq_assessment_result_period_id")),
    )
    op.create_index(op.f("ix_assessment_result_period_id"), "assessment_result", ["period_id"])
    op.create_index(op.f("ix_assessment_result_person_id"), "assessment_result", ["person_id"])
    _pending_index("assessment_result")

    op.create_table(
        "assessment_adjustment",
        sa.Column("result_id", sa.String(length=36), nullable=False),
        sa.Column("rule_code", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("made_by", sa.String(length=40), nullable=False),
        *_synced(),
        _fk("assessment_adjustment", "result_id", "assessment_result"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_adjustment")),
    )
    op.create_index(op.f("ix_assessment_adjustment_result_id"), "assessment_adjustment", ["result_id"])
    _pending_index("assessment_adjustment")

    op.create_table(
        "assessment_appeal",
        sa.Column("result_id", sa.String(length=36), nullable=False),
        sa.Column("item_code", sa.String(length=60), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=4), nullable=False),
        sa.Column("requested_by", sa.String(length=40), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.String(length=200), nullable=False),
        *_synced(),
        _fk("assessment_appeal", "result_id", "assessment_result"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_appeal")),
    )
    op.create_index(op.f("ix_assessment_appeal_result_id"), "assessment_appeal", ["result_id"])
    _pending_index("assessment_appeal")


def downgrade() -> None:
    for table in (
        "assessment_appeal",
        "assessment_adjustment",
        "assessment_result",
        "assessment_period",
        "assessment_scheme",
    ):
        op.drop_table(table)
