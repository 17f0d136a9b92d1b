"""The single write path: every service write goes through `UnitOfWork`.

On flush it stamps synced records (id, version, change counter, timestamps, origin town) so the
sync work adds transport, not bookkeeping; on commit it appends the audit rows, each chained to the
previous row's hash, in the same transaction as the change they describe.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from desktop.db import Database, storage_problem
from desktop.errors import NotFound, UserError
from desktop.models import AuditEntry, Base, SyncedRecord, TownProfile
from desktop.models.base import LocalRecord, new_id
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import audit_anchor, masking

log = logging.getLogger("towncentre.audit")

GENESIS_HASH = "0" * 64

RESULT_OK = "成功"
RESULT_FAILED = "失败"
RESULT_DENIED = "拒绝"

# What an optimistic-lock miss says unless the area has its own words: the caller's `ver` is old.
STALE = (
    "该记录刚被其他人修改过，请刷新后再操作（您的内容没有保存）。",
    "Someone else changed this record meanwhile; refresh and try again (nothing was saved).",
)
DOCUMENT_PREVIEWED = "预览文书"
DOCUMENT_PRINTED = "打印文书"  # also saved as a file or made by the command line: what leaves the program

_Synced = TypeVar("_Synced", bound=SyncedRecord)


@dataclass
class PendingAudit:
    action: str
    object_type: str
    object_id: str
    summary: str
    detail: dict[str, Any]
    result: str = RESULT_OK


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    payload = json.dumps(
        [
            prev_hash,
            entry.at.isoformat(),
            entry.user_id or "",
            entry.username,
            entry.workstation,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.result,
            entry.summary,
            entry.detail,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Appended:
    head: AuditEntry  # the new head, flushed: its seq is known
    first_seq: int  # the first new row's
    previous: tuple[int, str] | None  # the head before (seq, hash), None for an empty log


def append_audit(
    session: Session, db: Database, actor: Actor | None, items: list[PendingAudit]
) -> Appended | None:
    """Appends rows to the chain and says where they went.

    The caller holds SQLite's write lock (BEGIN IMMEDIATE)."""
    if not items:
        return None
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    previous = (last[0], last[1]) if last is not None else None
    prev = previous[1] if previous is not None else GENESIS_HASH
    now = db.clock().astimezone(UTC)  # the hash covers the stored (UTC) form of the time
    for item in items:
        entry = AuditEntry(
            at=now,
            user_id=(actor.user_id or None) if actor else None,
            username=actor.username if actor else "",
            workstation=db.workstation,
            action=item.action,
            object_type=item.object_type,
            object_id=item.object_id,
            result=item.result,
            summary=item.summary,
            detail=json.dumps(item.detail, ensure_ascii=False, sort_keys=True, default=str)
            if item.detail
            else "",
        )
        entry.prev_hash = prev
        entry.hash = entry_hash(prev, entry)
        prev = entry.hash
        session.add(entry)
    session.flush()
    return Appended(entry, entry.seq - len(items) + 1, previous)


class UnitOfWork:
    def __init__(self, db: Database, actor: Actor | None, session: Session) -> None:
        self.db = db
        self.actor = actor
        self.session = session
        self.audits: list[PendingAudit] = []
        self.now = db.clock()
        self._town_code: str | None = None
        self._undo: list[Callable[[], object]] = []
        # Set by the first-run setup and by an administrator's re-establishment only (see audit_anchor).
        self.replaces_anchor = False

    def on_rollback(self, undo: Callable[[], object]) -> None:
        """Work outside the database (a copied file) to undo if the transaction fails."""
        self._undo.append(undo)

    def require(self, permission: Permission) -> None:
        assert self.actor is not None
        self.actor.require(permission)

    def audit(
        self,
        action: str,
        object_type: str = "",
        object_id: str = "",
        summary: str = "",
        detail: dict[str, Any] | None = None,
        result: str = RESULT_OK,
    ) -> None:
        self.audits.append(PendingAudit(action, object_type, object_id, summary, detail or {}, result))

    def load_for_update(
        self,
        model: type[_Synced],
        record_id: str,
        expected_ver: int | None,
        *,
        not_found: tuple[str, str],
        stale: tuple[str, str] = STALE,
    ) -> _Synced:
        """The row to change, or NotFound (missing or tombstoned), or a refusal when `expected_ver` (the
        version the user saw) is no longer the stored one: their edit would overwrite someone else's."""
        row = self.session.get(model, record_id)
        if row is None or row.deleted_at is not None:
            raise NotFound(*not_found)
        if expected_ver is not None and row.ver != expected_ver:
            raise UserError(*stale)
        return row

    def audit_document(
        self,
        object_type: str,
        object_id: str,
        label: str,
        *,
        kind: str,
        title: str,
        ver: int,
        purpose: str,
        copies: int = 1,
        target: str = "",
        **extra: object,
    ) -> None:
        """Audits a produced document: which record and `ver` it shows, for what (预览/打印/另存/命令行),
        how many copies and where a saved file went. `extra` holds an area's own facts (full_ids)."""
        detail: dict[str, Any] = {"kind": kind, "ver": ver, "purpose": purpose, "copies": copies, **extra}
        if target:
            detail["target"] = target
        action = DOCUMENT_PREVIEWED if purpose == "预览" else DOCUMENT_PRINTED
        self.audit(action, object_type, object_id, f"{label} {title}", detail)

    @property
    def town_code(self) -> str:
        if self._town_code is None:
            code = self.session.scalar(select(TownProfile.area_code).limit(1))
            self._town_code = code or ""
        return self._town_code

    def commit(self) -> None:
        self.session.flush()
        appended = append_audit(self.session, self.db, self.actor, self.audits)
        self.audits.clear()
        # Decided under the write lock, written after the commit: the anchor never runs ahead of the log.
        move_anchor = appended is not None and self._anchor_may_move(appended.first_seq, appended.previous)
        self.session.commit()
        if appended is not None and move_anchor:
            head = appended.head
            try:
                audit_anchor.write_anchor(self.db.path, audit_anchor.Anchor(head.seq, head.hash))
            except OSError:
                log.warning("could not write the audit anchor beside %s", self.db.path, exc_info=True)

    def _anchor_may_move(self, first_new_seq: int, previous: tuple[int, str] | None = None) -> bool:
        """False when the anchor shows the log was cut or rewritten: keep the evidence for `check`.

        `previous` is the head (seq, hash) the new rows were chained to, read under this write lock:
        an anchor at it, as after every save of this program, is checked without reading its row again.

        Only the first-run setup and an administrator's audited re-establishment (`replaces_anchor`)
        may start an anchor over one that is missing or does not match; nothing else papers over it.
        """
        if self.replaces_anchor:
            return True
        try:
            anchor = audit_anchor.read_anchor(self.db.path)
        except audit_anchor.AnchorUnreadable:
            log.error("the audit anchor beside %s is unreadable; it is left for `check`", self.db.path)
            return False
        if anchor is None:
            # A chain that had an anchor must not quietly start a new one where the old one went missing.
            had_one = self.session.scalar(
                select(AuditEntry.seq)
                .where(AuditEntry.action == audit_anchor.ESTABLISHED, AuditEntry.seq < first_new_seq)
                .limit(1)
            )
            if had_one is not None:
                log.error("the audit anchor beside %s is missing; `check` reports it", self.db.path)
                return False
            return True
        if previous is not None and previous[0] == anchor.seq:
            stored: str | None = previous[1]
        else:
            stored = self.session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == anchor.seq))
        if stored != anchor.hash:
            log.error("the audit log of %s no longer matches its anchor (seq %d)", self.db.path, anchor.seq)
            return False
        return True


@contextmanager
def unit_of_work(db: Database, actor: Actor | None) -> Iterator[UnitOfWork]:
    """Opens a write transaction; commits when the block ends, rolls back on any exception."""
    with db.write_session() as session:
        uow = UnitOfWork(db, actor, session)
        session.info["uow"] = uow
        try:
            yield uow
            uow.commit()
        except BaseException as exc:
            session.rollback()
            for undo in reversed(uow._undo):
                try:
                    undo()
                except OSError:
                    log.warning("could not undo %r after a rollback", undo, exc_info=True)
            problem = storage_problem(exc, db.path)
            if problem is not None:
                log.error("a write failed for want of disk: %s", exc)
                raise problem from exc
            raise


def record_refusal(db: Database, actor: Actor | None, action: str, reason: str) -> None:
    """Writes a refused attempt in its own transaction, since the attempt itself was rolled back."""
    with unit_of_work(db, actor) as uow:
        uow.audit(action, summary=reason, result=RESULT_DENIED)


# --- flush hook: sync bookkeeping and automatic audit rows -------------------------------------


def _display(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _column_changes(obj: Base, is_new: bool) -> dict[str, tuple[Any, Any]]:
    state = inspect(obj)
    changes: dict[str, tuple[Any, Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        hist = state.attrs[key].history
        if is_new:
            value = getattr(obj, key)
            if value is not None and value != "":
                changes[key] = (None, value)
        elif hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                changes[key] = (old, new)
    return changes


def _summarise(obj: Base, changes: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
    cls = type(obj)
    skip = set(getattr(cls, "__sync_bookkeeping__", ())) | {"id"}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, (old, new) in changes.items():
        if key in skip:
            continue
        if key in cls.__audit_secret__:
            old, new = ("***" if old else None), "***"
        elif key in cls.__audit_mask__:
            kind = cls.__audit_mask__[key]
            old, new = masking.mask(kind, old), masking.mask(kind, new)
        if old is not None:
            before[key] = _display(old)
        after[key] = _display(new)
    return {"before": before, "after": after}


def _label_of(obj: Base) -> str:
    for attr in ("name", "display_name", "username", "code", "post"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value
    return ""


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    uow: UnitOfWork | None = session.info.get("uow")
    now = uow.now if uow else None
    for obj in list(session.new):
        # `not`, not `is None`: Mapped[str] says nothing of the None a new object holds until here.
        if isinstance(obj, LocalRecord | SyncedRecord) and not obj.id:
            obj.id = new_id()
        if isinstance(obj, SyncedRecord):
            assert now is not None, "synced records are written only through a unit of work"
            obj.ver = 1
            obj.pending_changes = 1
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            if not obj.origin_town:
                obj.origin_town = uow.town_code if uow else ""
        if uow and isinstance(obj, Base) and type(obj).__audited__:
            changes = _column_changes(obj, is_new=True)
            uow.audit(
                "新增",
                type(obj).__label__,
                str(getattr(obj, "id", "")),
                _label_of(obj),
                _summarise(obj, changes),
            )
    for obj in list(session.dirty):
        if not isinstance(obj, Base) or not session.is_modified(obj, include_collections=False):
            continue
        changes = _column_changes(obj, is_new=False)
        cls = type(obj)
        meaningful = {k for k in changes if k not in cls.__audit_ignore__}
        if cls.__immutable__ & changes.keys():
            raise RuntimeError(
                f"{cls.__tablename__}: {sorted(cls.__immutable__ & changes.keys())} never change"
            )
        if isinstance(obj, SyncedRecord):
            meaningful -= SyncedRecord.__sync_bookkeeping__
            if meaningful:
                assert now is not None, "synced records are written only through a unit of work"
                obj.ver = (obj.ver or 0) + 1
                obj.pending_changes = (obj.pending_changes or 0) + 1
                obj.updated_at = now
        if uow and cls.__audited__ and meaningful:
            deleted = "deleted_at" in changes and changes["deleted_at"][0] is None
            uow.audit(
                "删除" if deleted else "修改",
                cls.__label__,
                str(getattr(obj, "id", "")),
                _label_of(obj),
                _summarise(obj, {k: changes[k] for k in meaningful}),
            )
    for obj in list(session.deleted):
        if isinstance(obj, SyncedRecord):
            raise RuntimeError("synced records are never deleted: set deleted_at (a tombstone)")
        if uow and isinstance(obj, Base) and type(obj).__audited__:
            uow.audit("删除", type(obj).__label__, str(getattr(obj, "id", "")), _label_of(obj))
