"""Events: header, insert-only actions, attachments, day counter, holiday calendar, full-text index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


FTS_TRIGGERS = [
    "CREATE TRIGGER event_fts_ai AFTER INSERT ON event BEGIN "
    "INSERT INTO event_fts(rowid, title, description, address) "
    "VALUES (new.rowid, new.title, new.description, new.address); END",
    "CREATE TRIGGER event_fts_ad AFTER DELETE ON event BEGIN "
    "INSERT INTO event_fts(event_fts, rowid, title, description, address) "
    "VALUES ('delete', old.rowid, old.title, old.description, old.address); END",
    "CREATE TRIGGER event_fts_au AFTER UPDATE OF title, description, address ON event BEGIN "
    "INSERT INTO event_fts(event_fts, rowid, title, description, address) "
    "VALUES ('delete', old.rowid, old.title, old.description, old.address); "
    "INSERT INTO event_fts(rowid, title, description, address) "
    "VALUES (new.rowid, new.title, new.description, new.address); END",
]


def upgrade() -> None:
    op.create_table(
        "calendar_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_day")),
    )
    op.create_table(
        "calendar_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_year")),
    )
    op.create_table(
        "event_counter",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_event_counter")),
    )
    op.create_table(
        "event",
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("reporter_person_id", sa.String(length=36), nullable=True),
        sa.Column("reporter_name", sa.String(length=50), nullable=False),
        sa.Column("reporter_phone", sa.String(length=20), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.Column("grid_id", sa.String(length=36), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("matter_item_id", sa.String(length=36), nullable=False),
        sa.Column("category_code", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("urgency", sa.String(length=4), nullable=False),
        sa.Column("people_involved", sa.Integer(), nullable=False),
        sa.Column("loop", sa.String(length=4), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("target_department_code", sa.String(length=20), nullable=True),
        sa.Column("target_grid_id", sa.String(length=36), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(), nullable=True),
        sa.Column("time_limit_days", sa.Integer(), nullable=False),
        sa.Column("warn_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("deadline_estimated", sa.Boolean(), nullable=False),
        sa.Column("extension_pending", sa.Boolean(), nullable=False),
        sa.Column("supervised", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("satisfaction", sa.String(length=6), nullable=False),
        sa.Column("rework_count", sa.Integer(), nullable=False),
        sa.Column("return_count", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("duplicate_of_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["community.id"], name=op.f("fk_event_community_id_community")
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_event_grid_id_grid")),
        sa.ForeignKeyConstraint(
            ["matter_item_id"], ["matter_item.id"], name=op.f("fk_event_matter_item_id_matter_item")
        ),
        sa.ForeignKeyConstraint(
            ["reporter_person_id"], ["person.id"], name=op.f("fk_event_reporter_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("number", name=op.f("uq_event_number")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_category_code"), ["category_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_community_id"), ["community_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_deadline"), ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_pending_changes"), ["pending_changes"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_reported_at"), ["reported_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_state"), ["state"], unique=False)
        batch_op.create_index("ix_event_state_deadline", ["state", "deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_urgency"), ["urgency"], unique=False)

    op.create_table(
        "event_action",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("actor_user_id", sa.String(length=36), nullable=True),
        sa.Column("actor_name", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=8), nullable=False),
        sa.Column("to_state", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name=op.f("fk_event_action_event_id_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_action")),
    )
    with op.batch_alter_table("event_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_action_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_action_pending_changes"), ["pending_changes"], unique=False
        )

    op.create_table(
        "event_attachment",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("action_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("stored_path", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ver", sa.Integer(), nullable=False),
        sa.Column("pending_changes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name=op.f("fk_event_attachment_event_id_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_attachment")),
    )
    with op.batch_alter_table("event_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_attachment_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_attachment_pending_changes"), ["pending_changes"], unique=False
        )

    # Chinese full-text search: a trigram index over title, description and address, kept in step by
    # triggers. Its rowids are the event rowids, so "newest first" walks the index in order.
    op.execute(
        "CREATE VIRTUAL TABLE event_fts USING fts5(title, description, address, "
        "content='event', content_rowid='rowid', tokenize='trigram')"
    )
    for statement in FTS_TRIGGERS:
        op.execute(statement)
    grant = sa.table("role_permission", sa.column("role_code", sa.String), sa.column("permission", sa.String))
    op.bulk_insert(grant, [{"role_code": "manager", "permission": "event.approve"}])


def downgrade() -> None:
    op.execute("DELETE FROM role_permission WHERE permission = 'event.approve'")
    for name in ("event_fts_ai", "event_fts_ad", "event_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS event_fts")
    with op.batch_alter_table("event_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_attachment_pending_changes"))
        batch_op.drop_index(batch_op.f("ix_event_attachment_event_id"))

    op.drop_table("event_attachment")
    with op.batch_alter_table("event_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_action_pending_changes"))
        batch_op.drop_index(batch_op.f("ix_event_action_event_id"))

    op.drop_table("event_action")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_urgency"))
        batch_op.drop_index("ix_event_state_deadline")
        batch_op.drop_index(batch_op.f("ix_event_state"))
        batch_op.drop_index(batch_op.f("ix_event_reported_at"))
        batch_op.drop_index(batch_op.f("ix_event_pending_changes"))
        batch_op.drop_index(batch_op.f("ix_event_grid_id"))
        batch_op.drop_index(batch_op.f("ix_event_deadline"))
        batch_op.drop_index(batch_op.f("ix_event_community_id"))
        batch_op.drop_index(batch_op.f("ix_event_channel"))
        batch_op.drop_index(batch_op.f("ix_event_category_code"))

    op.drop_table("event")
    op.drop_table("event_counter")
    op.drop_table("calendar_year")
    op.drop_table("calendar_day")
