"""Index event actions by step and time (supervision-notice numbers scanned every action row).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_event_action_kind_at", "event_action", ["kind", "at"])


def downgrade() -> None:
    op.drop_index("ix_event_action_kind_at", table_name="event_action")
