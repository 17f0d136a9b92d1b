"""People's mediation: committee, roster of mediators, cases, parties, records; the mediation.manage grant.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

`mediation_case.event_id` links a case to the event (事件) it came from. Events do not exist yet, so
the column has no foreign key; the events revision adds it (and the link back from the event).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of this revision's grant: the centre manager manages the committee and its roster and
# is the one who may reopen an archived case.
NEW_GRANTS = [("manager", "mediation.manage")]


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
        "mediation_case",
        sa.Column("file_year", sa.Integer(), nullable=False),
        sa.Column("file_seq", sa.Integer(), nullable=False),
        sa.Column("file_number", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.Column("dispute_type", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("requests", sa.Text(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("registered_by", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("refusal_reason", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("disputed_matters", sa.Text(), nullable=False),
        sa.Column("responsibility", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("performance_manner", sa.Text(), nullable=False),
        sa.Column("performance_deadline", sa.Date(), nullable=True),
        sa.Column("failure_reason", sa.Text(), nullable=False),
        sa.Column("referral_routes", sa.String(length=60), nullable=False),
        sa.Column("performance_status", sa.String(length=10), nullable=False),
        sa.Column("performance_note", sa.Text(), nullable=False),
        sa.Column("judicial_applied_on", sa.Date(), nullable=True),
        sa.Column("archived_on", sa.Date(), nullable=True),
        sa.Column("archived_from", sa.String(length=10), nullable=False),
        sa.Column("retention", sa.String(length=10), nullable=False),
        sa.Column("archive_note", sa.Text(), nullable=False),
        *synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_case")),
        sa.UniqueConstraint("file_number", name=op.f("uq_mediation_case_file_number")),
        sa.UniqueConstraint(
            "origin_town", "file_year", "file_seq", name=op.f("uq_mediation_case_origin_town")
        ),
    )
    op.create_index(op.f("ix_mediation_case_dispute_type"), "mediation_case", ["dispute_type"])
    op.create_index(op.f("ix_mediation_case_event_id"), "mediation_case", ["event_id"])
    op.create_index(op.f("ix_mediation_case_pending_changes"), "mediation_case", ["pending_changes"])
    op.create_index(op.f("ix_mediation_case_received_on"), "mediation_case", ["received_on"])
    op.create_index(op.f("ix_mediation_case_status"), "mediation_case", ["status"])
    op.create_table(
        "mediation_committee",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("file_prefix", sa.String(length=12), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        *synced_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_committee")),
    )
    op.create_index(
        op.f("ix_mediation_committee_pending_changes"), "mediation_committee", ["pending_changes"]
    )
    op.create_table(
        "mediation_case_log",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("status_after", sa.String(length=10), nullable=False),
        sa.Column("by_name", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *synced_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["mediation_case.id"], name=op.f("fk_mediation_case_log_case_id_mediation_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_case_log")),
    )
    op.create_index(op.f("ix_mediation_case_log_case_id"), "mediation_case_log", ["case_id"])
    op.create_index(op.f("ix_mediation_case_log_pending_changes"), "mediation_case_log", ["pending_changes"])
    op.create_table(
        "mediation_investigation",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("participants", sa.String(length=200), nullable=False),
        sa.Column("subject_person_id", sa.String(length=36), nullable=True),
        sa.Column("subject_other", sa.String(length=100), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("recorder", sa.String(length=40), nullable=False),
        *synced_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["mediation_case.id"], name=op.f("fk_mediation_investigation_case_id_mediation_case")
        ),
        sa.ForeignKeyConstraint(
            ["subject_person_id"],
            ["person.id"],
            name=op.f("fk_mediation_investigation_subject_person_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_investigation")),
    )
    op.create_index(op.f("ix_mediation_investigation_case_id"), "mediation_investigation", ["case_id"])
    op.create_index(
        op.f("ix_mediation_investigation_pending_changes"), "mediation_investigation", ["pending_changes"]
    )
    op.create_index(
        op.f("ix_mediation_investigation_subject_person_id"), "mediation_investigation", ["subject_person_id"]
    )
    op.create_table(
        "mediation_party",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("side", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("occupation", sa.String(length=50), nullable=False),
        sa.Column("employer", sa.String(length=100), nullable=False),
        sa.Column("org_name", sa.String(length=100), nullable=False),
        sa.Column("org_credit_code", sa.String(length=18), nullable=False),
        sa.Column("org_legal_rep", sa.String(length=50), nullable=False),
        sa.Column("org_address", sa.String(length=200), nullable=False),
        sa.Column("org_phone", sa.String(length=20), nullable=False),
        sa.Column("agent_person_id", sa.String(length=36), nullable=True),
        sa.Column("agent_kind", sa.String(length=10), nullable=False),
        *synced_columns(),
        sa.ForeignKeyConstraint(
            ["agent_person_id"], ["person.id"], name=op.f("fk_mediation_party_agent_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["mediation_case.id"], name=op.f("fk_mediation_party_case_id_mediation_case")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_mediation_party_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_party")),
    )
    op.create_index(op.f("ix_mediation_party_agent_person_id"), "mediation_party", ["agent_person_id"])
    op.create_index(op.f("ix_mediation_party_case_id"), "mediation_party", ["case_id"])
    op.create_index(op.f("ix_mediation_party_pending_changes"), "mediation_party", ["pending_changes"])
    op.create_index(op.f("ix_mediation_party_person_id"), "mediation_party", ["person_id"])
    op.create_table(
        "mediation_session",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.String(length=300), nullable=False),
        sa.Column("parties_present", sa.String(length=300), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("result_note", sa.Text(), nullable=False),
        sa.Column("recorder", sa.String(length=40), nullable=False),
        *synced_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["mediation_case.id"], name=op.f("fk_mediation_session_case_id_mediation_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_session")),
    )
    op.create_index(op.f("ix_mediation_session_case_id"), "mediation_session", ["case_id"])
    op.create_index(op.f("ix_mediation_session_pending_changes"), "mediation_session", ["pending_changes"])
    op.create_table(
        "mediator",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=10), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        *synced_columns(),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_mediator_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediator")),
    )
    op.create_index(op.f("ix_mediator_pending_changes"), "mediator", ["pending_changes"])
    op.create_index(op.f("ix_mediator_person_id"), "mediator", ["person_id"])
    op.create_table(
        "mediation_case_mediator",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("mediator_id", sa.String(length=36), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *synced_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["mediation_case.id"], name=op.f("fk_mediation_case_mediator_case_id_mediation_case")
        ),
        sa.ForeignKeyConstraint(
            ["mediator_id"], ["mediator.id"], name=op.f("fk_mediation_case_mediator_mediator_id_mediator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_case_mediator")),
    )
    op.create_index(op.f("ix_mediation_case_mediator_case_id"), "mediation_case_mediator", ["case_id"])
    op.create_index(
        op.f("ix_mediation_case_mediator_mediator_id"), "mediation_case_mediator", ["mediator_id"]
    )
    op.create_index(
        op.f("ix_mediation_case_mediator_pending_changes"), "mediation_case_mediator", ["pending_changes"]
    )
    op.create_table(
        "mediation_revisit",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("party_id", sa.String(length=36), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("performance", sa.Text(), nullable=False),
        sa.Column("satisfaction", sa.String(length=10), nullable=False),
        sa.Column("new_suits", sa.String(length=200), nullable=False),
        sa.Column("flare_signs", sa.String(length=200), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("visitor", sa.String(length=40), nullable=False),
        *synced_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["mediation_case.id"], name=op.f("fk_mediation_revisit_case_id_mediation_case")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["mediation_party.id"], name=op.f("fk_mediation_revisit_party_id_mediation_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_revisit")),
    )
    op.create_index(op.f("ix_mediation_revisit_case_id"), "mediation_revisit", ["case_id"])
    op.create_index(op.f("ix_mediation_revisit_party_id"), "mediation_revisit", ["party_id"])
    op.create_index(op.f("ix_mediation_revisit_pending_changes"), "mediation_revisit", ["pending_changes"])

    grant = sa.table("role_permission", sa.column("role_code", sa.String), sa.column("permission", sa.String))
    role = sa.table("role", sa.column("code", sa.String))
    conn = op.get_bind()
    existing = {r[0] for r in conn.execute(sa.select(role.c.code))}
    op.bulk_insert(grant, [{"role_code": r, "permission": p} for r, p in NEW_GRANTS if r in existing])


def downgrade() -> None:
    grant = sa.table("role_permission", sa.column("role_code", sa.String), sa.column("permission", sa.String))
    op.execute(grant.delete().where(grant.c.permission == "mediation.manage"))
    op.drop_table("mediation_revisit")
    op.drop_table("mediation_case_mediator")
    op.drop_table("mediator")
    op.drop_table("mediation_session")
    op.drop_table("mediation_party")
    op.drop_table("mediation_investigation")
    op.drop_table("mediation_case_log")
    op.drop_table("mediation_committee")
    op.drop_table("mediation_case")
