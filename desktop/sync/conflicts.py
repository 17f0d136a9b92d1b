"""Conflicts and refusals left by sync, for a person to settle (the 数据同步 page).

Both versions are shown side by side; the person keeps one and says why. Keeping the town's version
sends it again over the hub's (it now names the hub's version as its base); taking the county's writes
the hub's fields into the record here. Nothing is settled without a reason, and each settlement is
audited. Legal text (mediation) is never merged field by field: one version wins whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Date, DateTime, select, update

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import SyncConflict
from desktop.models.base import UTCDateTime
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import EVENT_NOTE, clean_block
from desktop.services.common.uow import unit_of_work
from desktop.sync import protocol, records

KEEP_LOCAL = "保留本地"
TAKE_COUNTY = "采用县级"
SEND_AGAIN = "重新发送"
GIVE_UP = "不再发送"


@dataclass(frozen=True)
class ConflictRow:
    id: str
    kind: str  # 冲突 / 拒收
    record_type: str
    record_id: str
    label: str
    reason: str
    found_at: datetime
    local: dict[str, Any]
    remote: dict[str, Any]
    local_ver: int
    remote_ver: int
    resolved_at: datetime | None
    resolution: str
    resolved_by: str
    resolution_note: str

    def differing_fields(self) -> list[str]:
        names = list(dict.fromkeys([*self.local, *self.remote]))
        return [n for n in names if self.local.get(n) != self.remote.get(n)]


def list_conflicts(db: Database, actor: Actor, open_only: bool = True) -> list[ConflictRow]:
    actor.require(Permission.SYNC_RUN)
    with db.reading() as session:
        query = select(SyncConflict).order_by(SyncConflict.found_at.desc())
        if open_only:
            query = query.where(SyncConflict.resolved_at.is_(None))
        return [
            ConflictRow(
                c.id,
                c.kind,
                c.record_type,
                c.record_id,
                c.record_label,
                c.reason,
                c.found_at,
                json.loads(c.local_fields or "{}"),
                json.loads(c.remote_fields or "{}"),
                c.local_ver,
                c.remote_ver,
                c.resolved_at,
                c.resolution,
                c.resolved_by,
                c.resolution_note,
            )
            for c in session.scalars(query)
        ]


def _row(c: SyncConflict) -> ConflictRow:
    return ConflictRow(
        c.id, c.kind, c.record_type, c.record_id, c.record_label, c.reason, c.found_at,
        json.loads(c.local_fields or "{}"), json.loads(c.remote_fields or "{}"), c.local_ver, c.remote_ver,
        c.resolved_at, c.resolution, c.resolved_by, c.resolution_note,
    )  # fmt: skip


def open_count(db: Database) -> int:
    with db.reading() as session:
        return len(list(session.scalars(select(SyncConflict.id).where(SyncConflict.resolved_at.is_(None)))))


def resolve(db: Database, actor: Actor, conflict_id: str, choice: str, note: str) -> None:
    """Settles one conflict or refusal. `choice`: KEEP_LOCAL / TAKE_COUNTY for a conflict,
    SEND_AGAIN / GIVE_UP for a refusal."""
    actor.require(Permission.SYNC_RUN)
    note = clean_block(note, "note", EVENT_NOTE, ("理由", "reason"))
    if len(note) < 2:
        raise ValidationError("请写明为什么这样处理。", "Say why you settle it this way.", "note")
    with unit_of_work(db, actor) as uow:
        conflict = uow.session.get(SyncConflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise UserError("这条冲突已经处理过了，请刷新。", "This conflict is already settled; refresh.")
        allowed = (KEEP_LOCAL, TAKE_COUNTY) if conflict.kind == "冲突" else (SEND_AGAIN, GIVE_UP)
        if choice not in allowed:
            raise UserError("处理方式不适用于这条记录。", "That choice does not apply here.")
        kind = records.UP_BY_NAME.get(conflict.record_type)
        if kind is not None:
            model = kind.model
            row = uow.session.get(model, conflict.record_id)
            if row is not None and choice == TAKE_COUNTY:
                remote = json.loads(conflict.remote_fields or "{}")
                for name in kind.fields:
                    if name in remote and name not in records.REPORTER_FIELDS:
                        setattr(row, name, _decoded(model, name, remote[name]))
                uow.session.flush()
                # The hub's version is now the one here: nothing of it is unsent.
                values: dict[str, Any] = {"ver": conflict.remote_ver, "pending_changes": 0}
            elif row is not None and choice == KEEP_LOCAL:
                # Sent again over the hub's version: base_ver (ver - pending) becomes the hub's.
                pending = max(row.pending_changes, 1)
                values = {"ver": conflict.remote_ver + pending, "pending_changes": pending}
            elif row is not None and choice == GIVE_UP:
                values = {"pending_changes": 0}
            else:
                values = {}
            if values:
                uow.session.execute(
                    update(model).where(model.id == conflict.record_id).values(**values)
                    .execution_options(synchronize_session=False)
                )  # fmt: skip
        conflict.resolved_at = uow.now
        conflict.resolved_by = actor.display_name
        conflict.resolution = choice
        conflict.resolution_note = note


def _decoded(model: type, name: str, value: Any) -> Any:
    column_type = model.__table__.columns[name].type  # type: ignore[attr-defined]
    if value is None:
        return None
    if isinstance(column_type, UTCDateTime | DateTime):
        return protocol.decode_datetime(value)
    if isinstance(column_type, Date):
        return protocol.decode_date(value)
    return value
