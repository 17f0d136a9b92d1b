"""Reading and verifying the audit log. Writing happens only in the unit of work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select

from desktop.db import Database
from desktop.models import AuditEntry
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.uow import GENESIS_HASH, entry_hash


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows_checked: int
    broken_at: int | None = None  # seq of the first row whose hash does not hold

    def one_line(self) -> str:
        if self.ok:
            return f"审计日志链完整（{self.rows_checked} 条） / audit chain intact ({self.rows_checked} rows)"
        return (
            f"审计日志链在第 {self.broken_at} 条处断开，日志可能被篡改 / "
            f"audit chain broken at row {self.broken_at}: the log may have been tampered with"
        )


def verify_chain(
    db: Database, batch: int = 5000, progress: Callable[[int, int], None] | None = None
) -> ChainReport:
    """Walks the whole chain in seq order; a changed, removed or inserted row breaks it."""
    prev = GENESIS_HASH
    checked = 0
    last_seq = 0
    with db.reading() as session:
        total = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
        while True:
            if progress is not None:
                progress(checked, total)
            rows = session.scalars(
                select(AuditEntry).where(AuditEntry.seq > last_seq).order_by(AuditEntry.seq).limit(batch)
            ).all()
            if not rows:
                break
            for row in rows:
                if row.prev_hash != prev or entry_hash(prev, row) != row.hash:
                    return ChainReport(False, checked, row.seq)
                prev = row.hash
                checked += 1
                last_seq = row.seq
            session.expunge_all()
    return ChainReport(True, checked)


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    username: str = ""
    action: str = ""
    object_type: str = ""
    result: str = ""
    text: str = ""


_Q = TypeVar("_Q", bound=Select[Any])


def _filtered(query: _Q, f: AuditFilter) -> _Q:
    if f.since:
        query = query.where(AuditEntry.at >= f.since)
    if f.until:
        query = query.where(AuditEntry.at < f.until)
    if f.username:
        query = query.where(AuditEntry.username == f.username)
    if f.action:
        query = query.where(AuditEntry.action == f.action)
    if f.object_type:
        query = query.where(AuditEntry.object_type == f.object_type)
    if f.result:
        query = query.where(AuditEntry.result == f.result)
    if f.text:
        like = f"%{f.text}%"
        query = query.where(or_(AuditEntry.summary.like(like), AuditEntry.object_id.like(like)))
    return query


def query(
    db: Database, actor: Actor, f: AuditFilter, *, before_seq: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """Newest first, one page at a time (keyset on seq, so a deep page costs what the first does)."""
    actor.require(Permission.AUDIT_VIEW)
    q = _filtered(select(AuditEntry), f)
    if before_seq is not None:
        q = q.where(AuditEntry.seq < before_seq)
    with db.reading() as session:
        return list(session.scalars(q.order_by(AuditEntry.seq.desc()).limit(limit)))


def count(db: Database, actor: Actor, f: AuditFilter) -> int:
    actor.require(Permission.AUDIT_VIEW)
    q = _filtered(select(func.count()).select_from(AuditEntry), f)
    with db.reading() as session:
        return int(session.scalar(q) or 0)


def distinct_values(db: Database, actor: Actor) -> dict[str, list[str]]:
    """Choices for the filter boxes."""
    actor.require(Permission.AUDIT_VIEW)
    with db.reading() as session:
        return {
            "action": list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))),
            "object_type": [
                v
                for v in session.scalars(
                    select(AuditEntry.object_type).distinct().order_by(AuditEntry.object_type)
                )
                if v
            ],
            "username": [
                v
                for v in session.scalars(select(AuditEntry.username).distinct().order_by(AuditEntry.username))
                if v
            ],
        }
