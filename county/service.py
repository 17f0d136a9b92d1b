"""What the hub does for a town: hello, push, pull and snapshot (shared/SYNC.md, desktop/sync/protocol.py).

No HTTP here: county/app.py checks the token and the body, then calls these with the town it found.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Engine, insert, or_, select
from sqlalchemy.orm import Session

from county.db import reading, writing
from county.models import Base, ChangeLog, HubConflict, HubMeta, HubRecord, SyncInbox, Town
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


class Forbidden(Exception):
    """The whole request is refused (403): it speaks for, or touches the records of, another town."""


class BadRequest(Exception):
    """The request is not shaped as the protocol says (422)."""


@dataclass(frozen=True)
class Gone:
    """A pull the town cannot continue (410): it takes a snapshot and pulls from there."""

    reply: GoneReply


def dumps(value: Any) -> str:
    # Keys sorted: a resent change with the same fields compares equal as text, whatever its order.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


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
    check_push_shape(body)
    if body["town"] != town_code:
        raise Forbidden(f"令牌属于 {town_code}，不能代替 {str(body['town'])[:12]} 提交")
    batch_id: str = body["batch_id"]
    with writing(engine) as session:
        known = session.get(SyncInbox, batch_id)
        if known is not None:
            if known.town != town_code:
                raise Forbidden("批次编号属于另一个镇街")
            log.info("push town=%s batch=%s: seen before, stored reply", town_code, batch_id)
            return cast(PushReply, json.loads(known.reply))
        with session.no_autoflush:  # one flush at the end: a batch is a few statements, not 1,500
            batch = _Batch(session, town_code, batch_id, body["changes"])
            results = [batch.apply(change) for change in body["changes"]]
        batch.write()
        reply = PushReply(batch_id=batch_id, results=results)
        town = session.get(Town, town_code)
        assert town is not None
        town.last_push_at = datetime.now(UTC)
        if (head := body.get("audit_head")) is not None:
            town.audit_head_seq, town.audit_head_hash = head["seq"], head["hash"]
        session.add(SyncInbox(batch_id=batch_id, town=town_code, reply=dumps(reply), at=datetime.now(UTC)))
    counts: dict[str, int] = {}
    for result in results:
        counts[result["status"]] = counts.get(result["status"], 0) + 1
    log.info("push town=%s batch=%s: %s", town_code, batch_id, counts or "empty")
    return reply


@dataclass
class _NewRecord:
    """A record first seen in this batch: the columns of its hub_record row, inserted at the end."""

    type: str
    id: str
    town: str
    ver: int = 0
    deleted: bool = False
    natural_key: str | None = None
    fields: str = "{}"
    seq: int = 0
    updated_at: datetime | None = None

    def row(self) -> dict[str, Any]:
        return dict(self.__dict__)  # not dataclasses.asdict: it deep-copies, a third of a batch's time


class _Batch:
    """One push being applied: the records it touches and the natural keys it uses, read up front."""

    def __init__(self, session: Session, town: str, batch_id: str, changes: list[Any]) -> None:
        self.session, self.town, self.batch_id = session, town, batch_id
        ids: dict[str, set[str]] = {}
        keys: dict[str, set[str]] = {}
        for change in changes:
            if (
                isinstance(change, dict)
                and isinstance(change.get("type"), str)
                and isinstance(change.get("id"), str)
            ):
                ids.setdefault(change["type"], set()).add(change["id"])
                fields = change.get("fields")
                if isinstance(fields, dict) and (key := natural_key(change["type"], fields)) is not None:
                    keys.setdefault(change["type"], set()).add(key)
        self.records: dict[tuple[str, str], HubRecord | _NewRecord] = {}
        for record_type, wanted in ids.items():
            if record_type in protocol.UP_TYPES:
                query = select(HubRecord).where(HubRecord.type == record_type, HubRecord.id.in_(wanted))
                self.records.update({(r.type, r.id): r for r in session.scalars(query)})
        # (type, natural key) -> the id of this town's live record using it
        self.taken: dict[tuple[str, str], str] = {}
        for record_type, wanted in keys.items():
            in_use = session.execute(
                select(HubRecord.natural_key, HubRecord.id).where(
                    HubRecord.type == record_type,
                    HubRecord.town == town,
                    HubRecord.natural_key.in_(wanted),
                    HubRecord.deleted.is_(False),
                )
            )
            self.taken.update({(record_type, key): rid for key, rid in in_use if key})
        for row in self.records.values():
            if row.town != town:
                raise Forbidden(f"记录 {row.id} 属于另一个镇街")
        # New records and log rows, inserted together at the end (executemany, not one ORM object each).
        self.new_records: dict[tuple[str, str], _NewRecord] = {}
        self.log_rows: list[dict[str, Any]] = []
        self.now = datetime.now(UTC)
        self.meta = meta(session)  # sequence numbers: we hold the write lock

    def write(self) -> None:
        # Core inserts on the tables (executemany): no ORM bookkeeping for rows nobody reads back.
        if self.new_records:
            records = [r.row() for r in self.new_records.values()]
            self.session.execute(insert(Base.metadata.tables["hub_record"]), records)
        if self.log_rows:
            self.session.execute(insert(Base.metadata.tables["change_log"]), self.log_rows)
        self.session.flush()  # the updated records

    def _store(
        self, row: HubRecord | _NewRecord | None, record_type: str, record_id: str, change: Change
    ) -> HubRecord | _NewRecord:
        op = change.get("op", "upsert")
        self.meta.last_seq += 1
        seq = self.meta.last_seq
        if row is None:
            row = _NewRecord(type=record_type, id=record_id, town=self.town)
            self.new_records[(record_type, record_id)] = row
        fields = change["fields"]
        row.ver, row.deleted, row.fields, row.seq = change.get("ver", 0), op == "delete", dumps(fields), seq
        row.updated_at, row.natural_key = self.now, natural_key(record_type, fields)
        self.log_rows.append(
            {"seq": seq, "type": record_type, "id": record_id, "op": op, "town": self.town,
             "batch_id": self.batch_id, "at": self.now}
        )  # fmt: skip
        return row

    def apply(self, raw: Any) -> ChangeResult:
        if problem := protocol.change_problem(raw, protocol.UP_TYPES):
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
        if row.fields == dumps(fields) and row.deleted == (op == "delete"):
            return ChangeResult(**head, status="duplicate", ver=row.ver)
        self.session.add(
            HubConflict(
                town=self.town, type=record_type, record_id=record_id, base_ver=base_ver, hub_ver=row.ver,
                incoming=dumps(fields), at=datetime.now(UTC),
            )
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
