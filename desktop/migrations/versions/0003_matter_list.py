"""Matter list (领域, 类别, 事项), departments directory and list versions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "department",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("contact_person", sa.String(length=40), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("code", name=op.f("uq_department_code")),
        sa.UniqueConstraint("name", name=op.f("uq_department_name")),
    )
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_department_pending_changes"), ["pending_changes"], unique=False)

    op.create_table(
        "matter_domain",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matter_domain")),
        sa.UniqueConstraint("code", name=op.f("uq_matter_domain_code")),
    )
    with op.batch_alter_table("matter_domain", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matter_domain_pending_changes"), ["pending_changes"], unique=False
        )

    op.create_table(
        "matter_list_version",
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("publisher", sa.String(length=60), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.Column("applied_by", sa.String(length=40), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matter_list_version")),
        sa.UniqueConstraint("version", name=op.f("uq_matter_list_version_version")),
    )
    op.create_table(
        "matter_category",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("domain_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["matter_domain.id"], name=op.f("fk_matter_category_domain_id_matter_domain")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matter_category")),
        sa.UniqueConstraint("code", name=op.f("uq_matter_category_code")),
    )
    with op.batch_alter_table("matter_category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matter_category_domain_id"), ["domain_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_matter_category_pending_changes"), ["pending_changes"], unique=False
        )

    op.create_table(
        "matter_item",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("initials", sa.String(length=80), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category_id", sa.String(length=36), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("lead_department_code", sa.String(length=20), nullable=False),
        sa.Column("co_department_codes", sa.String(length=200), nullable=False),
        sa.Column("time_limit_days", sa.Integer(), nullable=False),
        sa.Column("admitted", sa.Boolean(), nullable=False),
        sa.Column("admitted_from", sa.Date(), nullable=True),
        sa.Column("admitted_until", sa.Date(), nullable=True),
        sa.Column("admission_note", sa.String(length=200), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("list_version", sa.String(length=20), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["matter_category.id"], name=op.f("fk_matter_item_category_id_matter_category")
        ),
        sa.ForeignKeyConstraint(
            ["lead_department_code"],
            ["department.code"],
            name=op.f("fk_matter_item_lead_department_code_department"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matter_item")),
        sa.UniqueConstraint("code", name=op.f("uq_matter_item_code")),
    )
    with op.batch_alter_table("matter_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matter_item_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matter_item_initials"), ["initials"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_matter_item_lead_department_code"), ["lead_department_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_matter_item_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_matter_item_pending_changes"), ["pending_changes"], unique=False)
        batch_op.create_index(batch_op.f("ix_matter_item_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("matter_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matter_item_status"))
        batch_op.drop_index(batch_op.f("ix_matter_item_pending_changes"))
        batch_op.drop_index(batch_op.f("ix_matter_item_name"))
        batch_op.drop_index(batch_op.f("ix_matter_item_lead_department_code"))
        batch_op.drop_index(batch_op.f("ix_matter_item_initials"))
        batch_op.drop_index(batch_op.f("ix_matter_item_category_id"))

    op.drop_table("matter_item")
    with op.batch_alter_table("matter_category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matter_category_pending_changes"))
        batch_op.drop_index(batch_op.f("ix_matter_category_domain_id"))

    op.drop_table("matter_category")
    op.drop_table("matter_list_version")
    with op.batch_alter_table("matter_domain", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matter_domain_pending_changes"))

    op.drop_table("matter_domain")
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_department_pending_changes"))

    op.drop_table("department")
