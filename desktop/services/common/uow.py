"""The single write path: every service write goes through `UnitOfWork`.

On flush it stamps synced records (id, version, change counter, timestamps, origin town) so the
sync work adds transport, not bookkeeping; on commit it appends the audit rows, each chained to the
previous row's hash, in the same transaction as the change they describe.

`insert_new` does for one new row what the flush does for a new object, without the ORM: the hot
write paths (saving an event) use it, since the ORM's own work was most of their time (issue 18).
The audit rows are written the same way for every write.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Dialect, Table, event, inspect, select
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


# The columns of an audit row that its hash covers, in the order it covers them.
_HASHED = (
    "at", "user_id", "username", "workstation", "action", "object_type", "object_id", "result", "summary",
    "detail",
)  # fmt: skip


def _fields_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    at, user_id, *rest = (fields[name] for name in _HASHED)
    payload = json.dumps(
        [prev_hash, at.isoformat(), user_id or "", *rest], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    return _fields_hash(prev_hash, {name: getattr(entry, name) for name in _HASHED})


@dataclass(frozen=True)
class Appended:
    head: tuple[int, str]  # the new head (seq, hash)
    first_seq: int  # the first new row's
    previous: tuple[int, str] | None  # the head before (seq, hash), None for an empty log


def append_audit(
    conn: sqlite3.Connection, db: Database, actor: Actor | None, items: list[PendingAudit]
) -> Appended | None:
    """Appends rows to the chain and says where they went.

    The caller holds SQLite's write lock (BEGIN IMMEDIATE) and has flushed its session."""
    if not items:
        return None
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    previous = (int(last[0]), str(last[1])) if last is not None else None
    prev = previous[1] if previous is not None else GENESIS_HASH
    now = db.clock().astimezone(UTC)  # the hash covers the stored (UTC) form of the time
    first_seq = seq = 0
    for item in items:
        row: dict[str, Any] = {
            "at": now,
            "user_id": (actor.user_id or None) if actor else None,
            "username": actor.username if actor else "",
            "workstation": db.workstation,
            "action": item.action,
            "object_type": item.object_type,
            "object_id": item.object_id,
            "result": item.result,
            "summary": item.summary,
            "detail": json.dumps(item.detail, ensure_ascii=False, sort_keys=True, default=str)
            if item.detail
            else "",
            "prev_hash": prev,
        }
        row["hash"] = prev = _fields_hash(prev, row)
        seq = insert_row(conn, cast(Table, AuditEntry.__table__), row)
        first_seq = first_seq or seq
    return Appended((seq, prev), first_seq, previous)


_DIALECT: Dialect | None = None


def _dialect() -> Dialect:
    global _DIALECT
    if _DIALECT is None:
        from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

        _DIALECT = SQLiteDialect_pysqlite()
    return _DIALECT


@functools.cache
def _insert_statement(
    table: Table, given: frozenset[str]
) -> tuple[str, tuple[tuple[str, Any, Callable[[Any], Any] | None], ...]]:
    """The INSERT of a row with the `given` columns, and per column what SQLAlchemy would bind: the
    value given or the column's Python-side default, through the column type's own conversion (UTC
    text for times, 0/1 for booleans), so a row stored here is the row the ORM stores."""
    dialect = _dialect()
    quote = dialect.identifier_preparer.quote
    columns = []
    for column in table.columns:
        default = column.default
        if column.key not in given and default is None:
            continue  # NULL or the database's own default, as the ORM leaves it
        if column.key not in given and not getattr(default, "is_scalar", False):
            raise ValueError(f"{table.name}.{column.key}: give it (its default is not a plain value)")
        fallback = None if column.key in given else getattr(default, "arg", None)
        columns.append((column.key, fallback, column.type.dialect_impl(dialect).bind_processor(dialect)))
    names = ", ".join(quote(key) for key, _fallback, _process in columns)
    marks = ", ".join("?" for _column in columns)
    return f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", tuple(columns)


def insert_row(conn: sqlite3.Connection, table: Table, row: Mapping[str, Any]) -> int:
    """One row inserted by a statement compiled once; its rowid. No stamps and no audit: see
    `UnitOfWork.insert_new`."""
    # A None is left out, as the ORM leaves it out: the column's default, if it has one, applies.
    sql, columns = _insert_statement(table, frozenset(key for key, value in row.items() if value is not None))
    values = []
    for key, fallback, process in columns:
        value = row.get(key)
        value = fallback if value is None else value
        values.append(value if process is None else process(value))
    cursor = conn.execute(sql, values)
    return int(cursor.lastrowid or 0)


class UnitOfWork:
    def __init__(self, db: Database, actor: Actor | None, session: Session) -> None:
        self.db = db
        self.actor = actor
        self.session = session
        self.audits: list[PendingAudit] = []
        self.now = db.clock()
        self._town_code: str | None = None
        self._conn: sqlite3.Connection | None = None
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
    def conn(self) -> sqlite3.Connection:
        """This transaction's own sqlite3 connection, for plain SQL on the hot paths. It sees what the
        session has flushed, not what is pending in it: the ORM flushes before its own queries."""
        if self._conn is None:
            dbapi = self.session.connection().connection.dbapi_connection
            assert dbapi is not None
            self._conn = cast(sqlite3.Connection, dbapi)
        return self._conn

    @property
    def town_code(self) -> str:
        if self._town_code is None:
            if self.session.new or self.session.dirty or self.session.deleted:
                # The ORM's query flushes first: a town profile being added or changed is seen.
                code = self.session.scalar(select(TownProfile.area_code).limit(1))
            else:  # nothing to flush: the same answer without the ORM's work
                row = self.conn.execute("SELECT area_code FROM town_profile LIMIT 1").fetchone()
                code = row[0] if row is not None else None
            self._town_code = code or ""
        return self._town_code

    def insert_new(self, model: type[Base], values: Mapping[str, Any]) -> str:
        """Inserts one new row of `model` without the ORM and returns its id: the stamps of a synced
        record and the 新增 audit row, exactly as the flush gives a new object, in one statement
        compiled once. The rows it refers to must be in the database already (flushed or inserted
        here), since SQLite checks foreign keys at once."""
        row = dict(values)
        if issubclass(model, LocalRecord | SyncedRecord) and not row.get("id"):
            row["id"] = new_id()
        if issubclass(model, SyncedRecord):
            row["ver"] = 1
            row["pending_changes"] = 1
            row["created_at"] = row.get("created_at") or self.now
            row["updated_at"] = self.now
            if not row.get("origin_town"):
                row["origin_town"] = self.town_code
        if model.__audited__:
            self.audit(
                "新增", model.__label__, str(row.get("id", "")), _label_of_values(model, row),
                _summarise(model, _new_changes(model, row)),
            )  # fmt: skip
        insert_row(self.conn, cast(Table, model.__table__), row)
        return str(row.get("id", ""))

    def commit(self) -> None:
        self.session.flush()
        appended = append_audit(self.conn, self.db, self.actor, self.audits) if self.audits else None
        self.audits.clear()
        # Decided under the write lock, written after the commit: the anchor never runs ahead of the log.
        move_anchor = appended is not None and self._anchor_may_move(appended.first_seq, appended.previous)
        self.session.commit()
        if appended is not None and move_anchor:
            # On the anchor's own thread: the save does not wait for the file (audit_anchor.move_later).
            audit_anchor.move_later(self.db.path, audit_anchor.Anchor(*appended.head))

    def _anchor_may_move(self, first_new_seq: int, previous: tuple[int, str] | None = None) -> bool:
        """False when the anchor shows the log was cut or rewritten: keep the evidence for `check`.

        `previous` is the head (seq, hash) the new rows were chained to, read under this write lock:
        an anchor at it, as after every save of this program, is checked without reading its row again.

        Only the first-run setup and an administrator's audited re-establishment (`replaces_anchor`)
        may start an anchor over one that is missing or does not match; nothing else papers over it.
        """
        if self.replaces_anchor:
            return True
        # This process's own move still on its way is what the file holds a moment later.
        anchor = audit_anchor.moving_to(self.db.path)
        if anchor is None:
            try:
                anchor = audit_anchor.read_anchor(self.db.path)
            except audit_anchor.AnchorUnreadable:
                log.error("the audit anchor beside %s is unreadable; it is left for `check`", self.db.path)
                return False
        if anchor is None:
            # A chain that had an anchor must not quietly start a new one where the old one went missing.
            had_one = self.conn.execute(
                "SELECT seq FROM audit_log WHERE action = ? AND seq < ? LIMIT 1",
                (audit_anchor.ESTABLISHED, first_new_seq),
            ).fetchone()
            if had_one is not None:
                log.error("the audit anchor beside %s is missing; `check` reports it", self.db.path)
                return False
            return True
        if previous is not None and previous[0] == anchor.seq:
            stored: str | None = previous[1]
        else:
            row = self.conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (anchor.seq,)).fetchone()
            stored = row[0] if row is not None else None
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


def _new_changes(model: type[Base], values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """What a new row's audit row lists: every column with a value (not None, not "")."""
    changes: dict[str, tuple[Any, Any]] = {}
    for attr in inspect(model).column_attrs:
        value = values.get(attr.key)
        if value is not None and value != "":
            changes[attr.key] = (None, value)
    return changes


def _column_changes(obj: Base, is_new: bool) -> dict[str, tuple[Any, Any]]:
    state = inspect(obj)
    if is_new:
        return _new_changes(
            type(obj), {attr.key: getattr(obj, attr.key) for attr in state.mapper.column_attrs}
        )
    changes: dict[str, tuple[Any, Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        hist = state.attrs[key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                changes[key] = (old, new)
    return changes


def _summarise(cls: type[Base], changes: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
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


_LABEL_ATTRIBUTES = ("name", "display_name", "username", "code", "post")


def _label_of(obj: Base) -> str:
    for attr in _LABEL_ATTRIBUTES:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value
    return ""


def _label_of_values(model: type[Base], values: Mapping[str, Any]) -> str:
    """`_label_of` for a row given as values; the label attributes must then be columns."""
    columns = inspect(model).column_attrs
    for attr in _LABEL_ATTRIBUTES:
        if attr in columns:
            value = values.get(attr)
            if isinstance(value, str) and value:
                return value
        elif hasattr(model, attr):
            raise ValueError(f"{model.__name__}.{attr} is no column: add it through the session")
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
                _summarise(type(obj), changes),
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
                _summarise(cls, {k: changes[k] for k in meaningful}),
            )
    for obj in list(session.deleted):
        if isinstance(obj, SyncedRecord):
            raise RuntimeError("synced records are never deleted: set deleted_at (a tombstone)")
        if uow and isinstance(obj, Base) and type(obj).__audited__:
            uow.audit("删除", type(obj).__label__, str(getattr(obj, "id", "")), _label_of(obj))
