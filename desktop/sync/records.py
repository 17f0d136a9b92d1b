"""Which of the town's records travel up, with which fields (protocol.UP_TYPES).

The county sees what it needs for statistics and for the events it must help with, not everything the
town keeps: no accounts, no person registry, no mediation parties or legal text. An event's reporter
travels only once the event has gone to the county (大循环), which must be able to reach them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Table, Text, select, type_coerce
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
# What a batch reads of each row before its fields: the record's bookkeeping (and an event's loop).
_HEAD = ("id", "ver", "pending_changes", "deleted_at")


def _wire_time(stored: Any) -> Any:
    """A UTC time as SQLite holds it ("YYYY-MM-DD HH:MM:SS.ffffff", SQLAlchemy's format) as it travels.
    Read as text: parsing millions of datetimes only to print them again was most of building a batch."""
    if type(stored) is str and len(stored) == 26 and stored[10] == " " and stored[19] == ".":
        return f"{stored[:10]}T{stored[11:]}Z"
    if isinstance(stored, str):  # another format someone wrote: as UTCDateTime reads it (naive is UTC)
        value = datetime.fromisoformat(stored)
        return protocol.encode_value(value if value.tzinfo else value.replace(tzinfo=UTC))
    return protocol.encode_value(stored)


def _wire_date(stored: Any) -> Any:
    if type(stored) is str and len(stored) == 10:
        return stored
    return protocol.encode_value(date.fromisoformat(stored) if isinstance(stored, str) else stored)


@dataclass(frozen=True)
class _Reading:
    """How one type's unsent rows are read: the columns in a fixed order (temporal ones as the text
    stored), and which positions need encoding."""

    head: tuple[str, ...]
    encoders: tuple[tuple[int, Callable[[Any], Any]], ...]  # (position in the row, encoder)
    columns: tuple[Any, ...]

    @classmethod
    def of(cls, kind: UpType) -> _Reading:
        table = kind.table
        head = _HEAD + (("loop",) if kind.model is Event else ())
        kinds = protocol.UP_FIELDS[kind.name]
        names = head + kind.fields
        encoders = tuple(
            (at, _wire_time if kinds[name].rstrip("?") == "time" else _wire_date)
            for at, name in enumerate(names)
            if at >= len(head) and name in TEMPORAL[kind.name]
        )
        raw = {names[at] for at, _ in encoders} | {"deleted_at"}
        columns = tuple(
            type_coerce(table.c[name], Text).label(name) if name in raw else table.c[name] for name in names
        )
        return cls(head, encoders, columns)


_READINGS: dict[str, _Reading] = {}


def unsent(
    session: Session, kind: UpType, held: set[str], limit: int, exclude: Collection[str] = ()
) -> Iterator[tuple[protocol.Change, int]]:
    """(change, pending count) of rows of one type with local changes the hub has not acknowledged,
    skipping those held by an open conflict (a person decides them; they must not block the rest) and
    the records in `exclude` (a batch on its way to the hub). Plain column rows, not model objects:
    loading objects was most of building a batch.

    The change brings the hub from the version it last acknowledged to this row's version. Every local
    edit adds one to both `ver` and `pending_changes`, and a push subtracts what it sent: so
    `ver - pending_changes` is the version the hub acknowledged (0: the hub never had it)."""
    reading = _READINGS.get(kind.name) or _READINGS.setdefault(kind.name, _Reading.of(kind))
    table = kind.table
    # No ORDER BY: SQLite then walks the pending_changes index and stops at the limit, where sorting
    # every unsent row first made each batch cost as much as the whole backlog (quadratic on a first
    # upload). The hub orders by its own sequence numbers, never by the town's.
    query = select(*reading.columns).where(table.c.pending_changes > 0)
    if exclude:
        # In the query, not skipped here: the batch in flight is what the index walk meets first.
        query = query.where(table.c.id.not_in(list(exclude)))
    blank_reporter = kind.model is Event
    fields_from = len(reading.head)
    count = 0
    for row in session.execute(query.limit(limit + len(held))):
        record_id, ver, pending, deleted_at = row[0], row[1], row[2], row[3]
        if record_id in held:
            continue
        values = list(row)
        for at, encode in reading.encoders:
            if values[at] is not None:
                values[at] = encode(values[at])
        fields = dict(zip(kind.fields, values[fields_from:], strict=True))
        if blank_reporter and row[4] != "大循环":
            for name in REPORTER_FIELDS:
                fields[name] = ""
        change: protocol.Change = {
            "type": kind.name,
            "id": record_id,
            "op": "delete" if deleted_at is not None else "upsert",
            "base_ver": max(ver - pending, 0),
            "ver": ver,
            "fields": fields,
        }
        yield change, pending
        count += 1
        if count >= limit:
            return


def label_of(kind_name: str, fields: dict[str, Any]) -> str:
    """What a person calls the record (for the conflicts list)."""
    key = protocol.NATURAL_KEYS.get(kind_name)
    text = str(fields.get(key, "")) if key else ""
    title = str(fields.get("title") or fields.get("name") or fields.get("kind") or "")
    return " ".join(t for t in (text, title) if t)[:120]
