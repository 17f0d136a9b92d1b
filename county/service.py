"""What the hub does for a town: hello, push, pull and snapshot (shared/SYNC.md, desktop/sync/protocol.py).

No HTTP here: county/app.py checks the token and the body, then calls these with the town it found.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

import orjson
from sqlalchemy import Engine, Table, bindparam, insert, or_, select, text, update
from sqlalchemy.orm import Session

from county.db import among, insert_rows, reading, writing
from county.models import ChangeLog, HubConflict, HubMeta, HubRecord, SyncInbox, Town
from desktop.sync import protocol
from desktop.sync.protocol import (
    Change,
    ChangeResult,
    GoneReply,
    Hello,
    PulledChange,
    PullReply,
    PushReply,
    SnapshotRecord,
    SnapshotReply,
)

log = logging.getLogger("county.service")

MAX_BATCH_ID_CHARS = 64
# The hub's statistics are refreshed when the sequence passes 2**n for n from here (county/service.py).
ANALYZE_FROM_BITS = 10


class Forbidden(Exception):
    """The whole request is refused (403): it speaks for, or touches the records of, another town.
    `records`: the other town's records it touched ({type, id}), so the town can set them aside and
    send the rest (SYNC.md: a refused change must not block the queue)."""

    def __init__(self, message: str, records: list[dict[str, str]] | None = None, batch: str = "") -> None:
        super().__init__(message)
        self.records = records or []
        self.batch = batch  # the batch id is another town's


class BadRequest(Exception):
    """The request is not shaped as the protocol says (422)."""


@dataclass(frozen=True)
class Gone:
    """A pull the town cannot continue (410): it takes a snapshot and pulls from there."""

    reply: GoneReply


# JSON by orjson: encoding a first upload's fields and replies with the json module was a sixth of the
# hub's time. Datetimes are not encoded silently (orjson would, in its own format): the protocol's
# values are encoded before they get here, and a datetime would be a mistake to refuse.
_NO_DATETIMES = orjson.OPT_PASSTHROUGH_DATETIME


def dumps(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | _NO_DATETIMES).decode()


def as_sent(fields: dict[str, Any]) -> str:
    """A town's fields as it sent them (its key order, no spaces): sorting keys took as long as the
    rest of the encoding, and nothing compares the texts (a resent change is compared parsed)."""
    return orjson.dumps(fields, option=_NO_DATETIMES).decode()


def natural_key(record_type: str, fields: dict[str, Any]) -> str | None:
    name = protocol.NATURAL_KEYS.get(record_type)
    value = fields.get(name) if name else None
    return None if value is None else str(value)[:100]


def meta(session: Session) -> HubMeta:
    row = session.get(HubMeta, 1)
    assert row is not None, "hub_meta is filled by migration 0001"
    return row


def next_seq(session: Session) -> int:
    """The next sequence number; only under the write lock (county.db.writing)."""
    row = meta(session)
    row.last_seq += 1
    return row.last_seq


def store(
    session: Session,
    *,
    record_type: str,
    record_id: str,
    town: str | None,
    ver: int,
    fields: dict[str, Any],
    op: str = "upsert",
    batch_id: str | None = None,
    existing: HubRecord | None = None,
    key: str | None = None,
) -> HubRecord:
    """Writes a record's new version with a fresh sequence number and its change_log row."""
    now = datetime.now(UTC)
    seq = next_seq(session)
    row = existing or HubRecord(type=record_type, id=record_id, town=town)
    row.ver, row.deleted, row.fields, row.seq, row.updated_at = ver, op == "delete", dumps(fields), seq, now
    row.natural_key = key if key is not None else natural_key(record_type, fields)
    if existing is None:
        session.add(row)
    session.add(
        ChangeLog(seq=seq, type=record_type, id=record_id, op=op, town=town, batch_id=batch_id, at=now)
    )
    return row


# --- hello ---------------------------------------------------------------------------------------


def hello(engine: Engine, town_code: str, town_name: str) -> Hello:
    with reading(engine) as session:
        row = meta(session)
        return Hello(
            epoch=row.epoch,
            server_time=protocol.now_text(),
            seq_floor=row.seq_floor,
            last_seq=row.last_seq,
            max_batch=protocol.MAX_BATCH,
            town=town_code,
            town_name=town_name,
        )


# --- push ----------------------------------------------------------------------------------------


def check_push_shape(body: Any) -> None:
    """The envelope (not the changes: a bad change is `rejected` on its own)."""
    if not isinstance(body, dict):
        raise BadRequest("请求格式不正确")
    batch_id = body.get("batch_id")
    if not isinstance(batch_id, str) or not 1 <= len(batch_id) <= MAX_BATCH_ID_CHARS:
        raise BadRequest("批次编号不正确")
    if not isinstance(body.get("town"), str):
        raise BadRequest("镇街编码不正确")
    changes = body.get("changes")
    if not isinstance(changes, list):
        raise BadRequest("变更列表不正确")
    if len(changes) > protocol.MAX_BATCH:
        raise BadRequest(f"一批最多 {protocol.MAX_BATCH} 条变更")
    head = body.get("audit_head")
    if head is not None and not (
        isinstance(head, dict)
        and isinstance(head.get("seq"), int)
        and not isinstance(head.get("seq"), bool)
        and 0 <= head["seq"] < 2**62
        and isinstance(head.get("hash"), str)
        and len(head["hash"]) <= 128
    ):
        raise BadRequest("审计链头格式不正确")


def push(engine: Engine, town_code: str, body: dict[str, Any]) -> PushReply:
    """Applies one batch in one transaction; a batch id seen before returns its stored reply."""
    return cast(PushReply, json.loads(push_text(engine, town_code, body)))


def push_text(engine: Engine, town_code: str, body: dict[str, Any]) -> str:
    """`push`, answering with the reply's JSON text: the text the inbox keeps is the text sent."""
    check_push_shape(body)
    if body["town"] != town_code:
        raise Forbidden(f"令牌属于 {town_code}，不能代替 {str(body['town'])[:12]} 提交")
    batch_id: str = body["batch_id"]
    with writing(engine) as session:
        known = session.execute(
            select(SyncInbox.town, SyncInbox.reply).where(SyncInbox.batch_id == batch_id)
        ).first()
        if known is not None:
            if known.town != town_code:
                # A batch stored in a database copied from another town: named, so the town forgets it
                # and builds its own from its rows (cold test 25: it never synced again).
                raise Forbidden("批次编号属于另一个镇街", batch=batch_id)
            log.info("push town=%s batch=%s: seen before, stored reply", town_code, batch_id)
            return str(known.reply)
        batch = _Batch(session, town_code, batch_id, body["changes"])
        results = [batch.apply(*checked) for checked in zip(body["changes"], batch.problems, strict=True)]
        reply = dumps(PushReply(batch_id=batch_id, results=results))
        batch.write()
        now = datetime.now(UTC)
        values: dict[str, Any] = {"last_push_at": now}
        if (head := body.get("audit_head")) is not None:
            values.update(audit_head_seq=head["seq"], audit_head_hash=head["hash"])
        session.execute(update(Town).where(Town.code == town_code).values(**values))
        session.execute(insert(SyncInbox).values(batch_id=batch_id, town=town_code, reply=reply, at=now))
    counts: dict[str, int] = {}
    for result in results:
        counts[result["status"]] = counts.get(result["status"], 0) + 1
    log.info("push town=%s batch=%s: %s", town_code, batch_id, counts or "empty")
    return reply


_RECORD = cast(Table, HubRecord.__table__)
_LOG = cast(Table, ChangeLog.__table__)
_CONFLICT = cast(Table, HubConflict.__table__)
_RECORD_COLUMNS = ("type", "id", "town", "ver", "deleted", "natural_key", "fields", "seq", "updated_at")
# An existing record's new version: one UPDATE by key, sent for all of a batch's records at once.
_UPDATE_RECORD = (
    update(_RECORD)
    .where(_RECORD.c.type == bindparam("k_type"), _RECORD.c.id == bindparam("k_id"))
    .values({name: bindparam(name) for name in _RECORD_COLUMNS[3:]})
)


@dataclass(slots=True)
class _Record:
    """A hub_record row as a batch sees it: read up front (`stored`) or first seen in this batch."""

    type: str
    id: str
    town: str | None
    ver: int = 0
    deleted: bool = False
    natural_key: str | None = None
    fields: str = "{}"
    seq: int = 0
    updated_at: datetime | None = None
    stored: bool = False  # in hub_record before this batch: an UPDATE, else an INSERT

    def row(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _RECORD_COLUMNS}


class _Batch:
    """One push being applied: the records it touches and the natural keys it uses, read up front
    (two queries), every write collected and sent at the end (a few statements, whatever its size)."""

    def __init__(self, session: Session, town: str, batch_id: str, changes: list[Any]) -> None:
        self.session, self.town, self.batch_id = session, town, batch_id
        # Checked first: only well-formed ids and keys go into the queries (PostgreSQL fails a whole
        # statement on a NUL in one of them).
        self.problems = [protocol.change_problem(change, protocol.UP_TYPES) for change in changes]
        wanted: set[tuple[str, str]] = set()
        keys: set[tuple[str, str]] = set()
        for change, problem in zip(changes, self.problems, strict=True):
            if problem is None:
                wanted.add((change["type"], change["id"]))
                if (key := natural_key(change["type"], change["fields"])) is not None:
                    keys.add((change["type"], key))
        self.records: dict[tuple[str, str], _Record] = {}
        if wanted:
            # `type IN … AND id IN …`: portable, and both columns of the primary key's index; the
            # cross product it may add (another type's row of the same id) is dropped here.
            query = select(*(_RECORD.c[name] for name in _RECORD_COLUMNS[:-1])).where(
                _RECORD.c.type.in_({t for t, _ in wanted}),
                among(session, _RECORD.c.id, {i for _, i in wanted}),
            )
            for r in session.execute(query):
                if (r.type, r.id) in wanted:
                    self.records[(r.type, r.id)] = _Record(**r._asdict(), stored=True)
        # (type, natural key) -> the id of this town's live record using it
        self.taken: dict[tuple[str, str], str] = {}
        if keys:
            in_use = session.execute(
                select(_RECORD.c.type, _RECORD.c.natural_key, _RECORD.c.id).where(
                    _RECORD.c.type.in_({t for t, _ in keys}),
                    _RECORD.c.town == town,
                    among(session, _RECORD.c.natural_key, {k for _, k in keys}),
                    _RECORD.c.deleted.is_(False),
                )
            )
            self.taken.update({(t, key): rid for t, key, rid in in_use if (t, key) in keys})
        foreign = [{"type": r.type, "id": r.id} for r in self.records.values() if r.town != town]
        if foreign:
            raise Forbidden(f"记录 {foreign[0]['id']} 等 {len(foreign)} 条属于另一个镇街", foreign)
        self.changed: dict[tuple[str, str], _Record] = {}
        self.log_rows: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []
        self.now = datetime.now(UTC)
        # Sequence numbers: read once, handed out here, written back once (we hold the write lock).
        self.first_seq = self.last_seq = session.scalar(select(HubMeta.last_seq).where(HubMeta.id == 1)) or 0

    def write(self) -> None:
        """Every write of the batch: new rows in bulk (COPY on PostgreSQL), one executemany UPDATE for
        the records the hub had, one UPDATE for the sequence."""
        insert_rows(self.session, _RECORD, [r.row() for r in self.changed.values() if not r.stored])
        old = [{**r.row(), "k_type": r.type, "k_id": r.id} for r in self.changed.values() if r.stored]
        if old:
            self.session.execute(_UPDATE_RECORD, old)
        insert_rows(self.session, _LOG, self.log_rows)
        insert_rows(self.session, _CONFLICT, self.conflicts)
        if self.last_seq != self.first_seq:
            self.session.execute(update(HubMeta).where(HubMeta.id == 1).values(last_seq=self.last_seq))
        doubled = self.last_seq.bit_length() > max(self.first_seq.bit_length(), ANALYZE_FROM_BITS)
        if doubled and self.session.get_bind().dialect.name == "postgresql":
            # PostgreSQL's statistics lag a first upload (autovacuum looks once a minute). With none,
            # it takes a list of 500 keys for most of the table and scans it all: 0.4 s a batch at
            # 50,000 records. Refreshed each time the sequence doubles: a few dozen times in a hub's life.
            self.session.execute(text("ANALYZE hub_record"))

    def _store(self, row: _Record | None, record_type: str, record_id: str, change: Change) -> _Record:
        op = change.get("op", "upsert")
        self.last_seq += 1
        seq = self.last_seq
        if row is None:
            row = _Record(type=record_type, id=record_id, town=self.town)
        fields = change["fields"]
        row.ver, row.deleted, row.fields, row.seq = change.get("ver", 0), op == "delete", as_sent(fields), seq
        row.updated_at, row.natural_key = self.now, natural_key(record_type, fields)
        self.changed[(record_type, record_id)] = row
        self.log_rows.append(
            {"seq": seq, "type": record_type, "id": record_id, "op": op, "town": self.town,
             "batch_id": self.batch_id, "at": self.now}
        )  # fmt: skip
        return row

    def apply(self, raw: Any, problem: str | None) -> ChangeResult:
        """`problem`: what protocol.change_problem found wrong with `raw`, if anything."""
        if problem:
            result = ChangeResult(status="rejected", reason=problem)
            if isinstance(raw, dict):
                if isinstance(raw.get("id"), str):
                    result["id"] = raw["id"][:36]
                if isinstance(raw.get("type"), str):
                    result["type"] = raw["type"][:32]
            return result
        change = cast(Change, raw)
        record_type, record_id = change["type"], change["id"]
        op, base_ver, ver = change.get("op", "upsert"), change.get("base_ver", 0), change.get("ver", 0)
        fields = change["fields"]
        head = ChangeResult(id=record_id, type=record_type)
        row = self.records.get((record_type, record_id))
        if row is not None and record_type in protocol.INSERT_ONLY_TYPES:
            return ChangeResult(**head, status="duplicate", ver=row.ver)
        if ver <= base_ver:
            return ChangeResult(**head, status="rejected", reason="新版本号必须大于原版本号")
        # The hub behind what the town says it acknowledged (row.ver < base_ver) means the hub lost that
        # version (restored from an older backup): the town's is the truth, never a conflict.
        if row is None or row.ver <= base_ver:
            key = natural_key(record_type, fields)
            if key is not None and self.taken.get((record_type, key), record_id) != record_id:
                name = protocol.NATURAL_KEYS[record_type]
                return ChangeResult(
                    **head, status="rejected", reason=f"编号“{key}”（{name}）已被另一条记录使用"
                )
            if row is not None and row.natural_key is not None:
                self.taken.pop((record_type, row.natural_key), None)
            row = self._store(row, record_type, record_id, change)
            self.records[(record_type, record_id)] = row
            if key is not None and not row.deleted:
                self.taken[(record_type, key)] = record_id
            return ChangeResult(**head, status="applied", ver=ver, seq=row.seq)
        if row.deleted == (op == "delete") and json.loads(row.fields) == fields:
            return ChangeResult(**head, status="duplicate", ver=row.ver)
        self.conflicts.append(
            {"town": self.town, "type": record_type, "record_id": record_id, "base_ver": base_ver,
             "hub_ver": row.ver, "incoming": as_sent(fields), "at": datetime.now(UTC)}
        )  # fmt: skip
        log.info("push town=%s batch=%s: conflict on %s %s", self.town, self.batch_id, record_type, record_id)
        return ChangeResult(**head, status="conflict", ver=row.ver, fields=json.loads(row.fields))


# --- pull and snapshot ---------------------------------------------------------------------------


def pull(
    engine: Engine, town_code: str, since: int, limit: int, epoch: str, *, confirms: bool = True
) -> PullReply | Gone:
    """The changes after `since` for this town: the county's lists and what is addressed to it.

    Each record comes once, in its latest version, in sequence order (an older version is superseded).
    A town asking for what follows `since` confirms it has applied up to there (`confirms`); an
    offline package written for it confirms nothing."""
    limit = max(1, min(limit, protocol.MAX_PULL))
    with reading(engine) as session:
        row = meta(session)  # first: every record up to last_seq is committed (one lock, one order)
        hub_epoch, floor, last_seq = row.epoch, row.seq_floor, row.last_seq
        known = session.scalar(select(Town.last_pull_seq).where(Town.code == town_code)) or 0
        if (epoch and epoch != hub_epoch) or since < floor:
            detail = (
                "中心已从备份恢复，请重新获取全量数据" if epoch and epoch != hub_epoch else "同步位置过旧"
            )
            return Gone(GoneReply(detail=detail, epoch=hub_epoch, seq_floor=floor))
        rows = session.scalars(
            select(HubRecord)
            .where(
                HubRecord.seq > since,
                HubRecord.seq <= last_seq,
                HubRecord.type.in_(protocol.DOWN_TYPES),
                or_(HubRecord.town.is_(None), HubRecord.town == town_code),
            )
            .order_by(HubRecord.seq)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        PulledChange(
            seq=r.seq, type=r.type, id=r.id, op="delete" if r.deleted else "upsert", ver=r.ver,
            fields=json.loads(r.fields),
        )
        for r in rows
    ]  # fmt: skip
    covered = rows[-1].seq if more else max(last_seq, since)
    if confirms and since > known:
        with writing(engine) as session:
            town = session.get(Town, town_code)
            if town is not None and since > town.last_pull_seq:
                town.last_pull_seq = since  # what the town confirms it has by asking for what follows
    log.info("pull town=%s since=%d: %d changes, more=%s", town_code, since, len(changes), more)
    return PullReply(epoch=hub_epoch, changes=changes, last_seq=covered, more=more)


def snapshot(engine: Engine, record_type: str) -> SnapshotReply:
    """The latest matter list, or every year's holidays, with the sequence number to pull on from."""
    with reading(engine) as session:
        seq = meta(session).last_seq
        query = select(HubRecord).where(
            HubRecord.type == record_type, HubRecord.town.is_(None), HubRecord.deleted.is_(False)
        )
        if record_type == "matter_list":
            query = query.order_by(HubRecord.seq.desc()).limit(1)
        else:
            query = query.order_by(HubRecord.natural_key)
        rows = session.scalars(query).all()
        records = [SnapshotRecord(id=r.id, ver=r.ver, fields=json.loads(r.fields)) for r in rows]
    return SnapshotReply(type=record_type, seq=seq, records=records)
