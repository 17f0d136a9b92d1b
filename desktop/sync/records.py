"""Which of the town's records travel up, with which fields (protocol.UP_TYPES).

The county sees what it needs for statistics and for the events it must help with, not everything the
town keeps: no accounts, no person registry, no mediation parties or legal text. An event's reporter
travels only once the event has gone to the county (大循环), which must be able to reach them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from desktop.models import Community, Event, EventAction, Grid, MediationCase, SyncedRecord
from desktop.sync import protocol

REPORTER_FIELDS = ("reporter_name", "reporter_phone")


@dataclass(frozen=True)
class UpType:
    name: str
    model: type[SyncedRecord]
    fields: tuple[str, ...]

    @property
    def table(self) -> Table:
        return cast(Table, sa_inspect(self.model).local_table)


GRID_FIELDS = (
    "community_id", "code", "name", "kind", "subtype", "households", "population", "ended_on", "end_reason",
    "deleted_at",
)  # fmt: skip
EVENT_FIELDS = (
    "number", "channel", "reporter_name", "reporter_phone", "anonymous", "occurred_at", "reported_at",
    "community_id", "grid_id", "address", "category_code", "title", "description", "urgency",
    "people_involved", "loop", "state", "target_department_code", "dispatched_at", "time_limit_days",
    "deadline", "supervised", "outcome", "satisfaction", "rework_count", "return_count", "closed_at",
    "duplicate_of_id", "created_at", "deleted_at",
)  # fmt: skip
ACTION_FIELDS = ("event_id", "at", "kind", "actor_name", "from_state", "to_state", "note", "detail")
# A summary: no parties, no facts, no agreed terms.
CASE_FIELDS = (
    "file_number", "source", "event_id", "dispute_type", "amount_cents", "received_on", "status",
    "accepted_on", "outcome", "outcome_on", "performance_status", "archived_on", "deleted_at",
)  # fmt: skip

UP = (
    UpType("community", Community, ("code", "name", "kind", "sort_order", "deleted_at")),
    UpType("grid", Grid, GRID_FIELDS),
    UpType("event", Event, EVENT_FIELDS),
    UpType("event_action", EventAction, ACTION_FIELDS),
    UpType("mediation_case", MediationCase, CASE_FIELDS),
)
UP_BY_NAME = {t.name: t for t in UP}
UP_BY_MODEL: dict[type[SyncedRecord], UpType] = {t.model: t for t in UP}
assert tuple(UP_BY_NAME) == protocol.UP_TYPES
# The hub checks every field against protocol.UP_FIELDS: a field sent here must be listed there.
assert all(t.fields == tuple(protocol.UP_FIELDS[t.name]) for t in UP), "records.py and UP_FIELDS differ"


# The fields holding dates and times, the only ones that need encoding (protocol.encode_value).
TEMPORAL = {
    name: tuple(f for f, k in kinds.items() if k.rstrip("?") in ("date", "time"))
    for name, kinds in protocol.UP_FIELDS.items()
}


def wire_fields(kind: UpType, row: Any) -> dict[str, Any]:
    """`row`: a model instance or a row of the columns `unsent` reads."""
    fields = {name: getattr(row, name) for name in kind.fields}
    for name in TEMPORAL[kind.name]:
        if (value := fields[name]) is not None:
            fields[name] = protocol.encode_value(value)
    if kind.model is Event and row.loop != "大循环":
        for name in REPORTER_FIELDS:
            fields[name] = ""
    return fields


def change_of(kind: UpType, row: Any) -> protocol.Change:
    """The change that brings the hub from the version it last acknowledged to this row's version.

    Every local edit adds one to both `ver` and `pending_changes`, and a push subtracts what it sent:
    so `ver - pending_changes` is the version the hub acknowledged (0: the hub never had it)."""
    return {
        "type": kind.name,
        "id": row.id,
        "op": "delete" if row.deleted_at is not None else "upsert",
        "base_ver": max(row.ver - row.pending_changes, 0),
        "ver": row.ver,
        "fields": wire_fields(kind, row),
    }


def unsent(session: Session, kind: UpType, held: set[str], limit: int) -> Iterable[Any]:
    """Rows of one type with local changes the hub has not acknowledged, skipping those held by an
    open conflict (a person decides them; they must not block the rest). Plain column rows, not
    model objects: loading objects was most of building a batch."""
    table = kind.table
    wanted = dict.fromkeys(("id", "ver", "pending_changes", "deleted_at", *kind.fields))
    if kind.model is Event:
        wanted["loop"] = None
    # No ORDER BY: SQLite then walks the pending_changes index and stops at the limit, where sorting
    # every unsent row first made each batch cost as much as the whole backlog (quadratic on a first
    # upload). The hub orders by its own sequence numbers, never by the town's.
    query = select(*(table.c[name] for name in wanted)).where(table.c.pending_changes > 0)
    count = 0
    for row in session.execute(query.limit(limit + len(held))):
        if row.id in held:
            continue
        yield row
        count += 1
        if count >= limit:
            return


def label_of(kind_name: str, fields: dict[str, Any]) -> str:
    """What a person calls the record (for the conflicts list)."""
    key = protocol.NATURAL_KEYS.get(kind_name)
    text = str(fields.get(key, "")) if key else ""
    title = str(fields.get("title") or fields.get("name") or fields.get("kind") or "")
    return " ".join(t for t in (text, title) if t)[:120]
