"""One round with the county hub: hello, push every unsent change in batches, pull every page.

Each batch and each page commits on its own, with the cursor in the same transaction as the data, so
a round cut anywhere resumes where it stopped and never starts over. No Qt: the GUI runs a round on
its background writer, the command line (`towncentre sync --once`) directly.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import AuditEntry, SyncRound, SyncState, TownProfile
from desktop.models.base import new_id
from desktop.services.common.uow import unit_of_work
from desktop.sync import inbound, outbox, protocol, records
from desktop.sync.token import read_token
from desktop.sync.transport import ForeignRecords, Gone, SyncError, Timeouts, Transport

log = logging.getLogger(__name__)

TRIGGER_SCHEDULE = "定时"
TRIGGER_MANUAL = "手动"
TRIGGER_CLI = "命令行"

# Progress: (what is happening, done, total) — total 0 when not known.
Progress = Callable[[str, int, int], None]


@dataclass
class RoundResult:
    ok: bool = False
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    message: str = ""
    clock_skew_seconds: int = 0
    event_ids: list[str] = field(default_factory=list)
    publications: int = 0

    def one_line(self) -> str:
        if not self.ok:
            return f"同步失败：{self.message}"
        text = f"同步完成：上传 {self.pushed} 条，接收 {self.pulled} 条"
        if self.conflicts or self.rejected:
            text += f"，冲突 {self.conflicts} 条，被拒收 {self.rejected} 条（请到“数据同步”处理）"
        if abs(self.clock_skew_seconds) > protocol.CLOCK_SKEW_WARN_SECONDS:
            text += f"；本机时钟与县级中心相差约 {abs(self.clock_skew_seconds) // 60} 分钟，请校准"
        return text


def load_state(db: Database) -> SyncState:
    """The link's settings and position (a detached copy; defaults before the first save)."""
    with db.reading() as session:
        state = session.get(SyncState, 1)
        if state is None:
            return load_state_defaults()
        session.expunge(state)
        return state


def _state_in(session: Session) -> SyncState:
    state = session.get(SyncState, 1)
    if state is None:
        state = load_state_defaults()
        session.add(state)
    return state


def load_state_defaults() -> SyncState:
    return SyncState(
        id=1, county_url="", ca_file="", interval_minutes=15, auto_apply_matters=False, epoch="", cursor=0,
        last_error="", clock_skew_seconds=0,
    )  # fmt: skip


def run_round(
    db: Database,
    token: str,
    *,
    trigger: str,
    county_url: str = "",
    timeouts: Timeouts | None = None,
    progress: Progress | None = None,
    batch_size: int = protocol.DEFAULT_BATCH,
) -> RoundResult:
    """One whole round. Never raises for what the link or the hub did: the result says it."""
    state = load_state(db)
    url = county_url or hub_url(db)
    result = RoundResult()
    try:
        round_id = _start(db, trigger)
    except SyncError as exc:  # another round holds the lease: nothing recorded, nothing sent
        result.message = exc.zh
        return result
    try:
        if not url:
            raise SyncError(
                "尚未设置县级中心地址：请在“系统管理 → 乡镇信息”中填写。",
                "The county hub's address is not set.",
            )
        with Transport(url, token, state.ca_file, timeouts) as link:
            _exchange(db, link, state, result, progress or _quiet, batch_size, round_id)
        result.ok = True
    except SyncError as exc:
        result.message = exc.zh
        log.warning("sync round failed: %s", exc.en)
    except Exception as exc:
        # Anything else (a stored batch damaged on disk, a bug) still ends the round as failed and frees
        # the lease: left 进行中, it blocked every round for the lease's 5 minutes and then failed the
        # same way, with nothing on the 数据同步 page (cold test 24).
        log.exception("sync round failed unexpectedly")
        result.message = f"同步中出现意外错误（{type(exc).__name__}），详情已记入日志，请联系技术人员。"
    _finish(db, round_id, result)
    return result


def run_for_town(
    db: Database, *, trigger: str, progress: Progress | None = None, quiet_when_unset: bool = False
) -> RoundResult | None:
    """A round with this town's own hub address and token (the window's schedule and 立即同步).

    With `quiet_when_unset` (the schedule), a town that has not set up the link yet gets no round and
    no failure row: None. Asked for by a person, the missing piece is a failed round with its reason."""
    url = hub_url(db)
    try:
        token = read_token(town_code(db)) if url else ""
    except UserError as exc:
        return None if quiet_when_unset else failed_round(db, trigger, exc.zh)
    if not url and quiet_when_unset:
        return None
    return run_round(db, token, trigger=trigger, county_url=url, progress=progress)


def failed_round(db: Database, trigger: str, message: str) -> RoundResult:
    """A round that could not start (no token, no keyring), on record like any other."""
    result = RoundResult(message=message)
    _finish(db, _start(db, trigger), result)
    return result


def _quiet(_what: str, _done: int, _total: int) -> None:
    pass


def _exchange(
    db: Database,
    link: Transport,
    state: SyncState,
    result: RoundResult,
    progress: Progress,
    size: int,
    round_id: str,
) -> None:
    progress("正在连接县级中心…", 0, 0)
    hello = link.hello()
    town = town_code(db)
    if hello.get("town") != town:
        raise SyncError(
            f"这个同步口令属于 {hello.get('town_name', '')}（{hello.get('town', '')}），不是本镇（{town}）。",
            "The token belongs to another town.",
        )
    server_time = protocol.decode_datetime(hello["server_time"])
    if server_time is not None:
        result.clock_skew_seconds = int((server_time - db.clock()).total_seconds())
    epoch = hello["epoch"]
    if state.epoch and state.epoch != epoch:
        log.warning("county hub epoch changed: its data was restored; re-sending everything")
        _new_epoch(db)
        state.cursor = 0
    _save_position(db, epoch=epoch, skew=result.clock_skew_seconds, url=link.url)
    state.epoch = epoch

    total = outbox.unsent_count(db)
    renewed = time.monotonic()  # _start has just taken the lease
    size = max(1, min(size, int(hello.get("max_batch") or protocol.MAX_BATCH)))

    # One batch travels while the next is read, stored and compressed: the hub stores one while the
    # town builds the other (sent one after the other, never two at once: the hub's order stays the
    # town's). A reply's batch is settled after the next one has left, so the hub never waits for it.
    def send(batch: outbox.Batch | None) -> Future[protocol.PushReply] | None:
        if batch is None:
            return None
        request: protocol.PushRequest = {
            "town": town, "batch_id": batch.id, "epoch": epoch, "audit_head": audit_head(db), "changes": [],
        }  # fmt: skip
        return sender.submit(link.push, link.prepare_push(request, batch.body))

    forgot_foreign_batch = False
    with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as sender:
        batch = outbox.next_batch(db, size)
        reply_of = send(batch)
        while batch is not None and reply_of is not None:
            progress("正在上传本镇数据…", result.pushed, total)
            following = outbox.next_batch(db, size, besides=batch)
            try:
                reply = _awaited(db, reply_of, round_id, result)
            except ForeignRecords as exc:
                # A database copied from another town: its stored batch is forgotten (the changes are
                # read again from the rows, under a new id), its records are set aside, the rest goes on.
                if exc.batch == batch.id and not forgot_foreign_batch:
                    log.warning(
                        "sync: batch %s is another town's (a copied database?): built again", batch.id
                    )
                    forgot_foreign_batch = True
                    outbox.drop_in_flight(db)
                elif not (refused := outbox.set_aside(db, batch, exc.keys)):
                    raise
                else:
                    result.rejected += refused
                batch = outbox.next_batch(db, size)
                reply_of = send(batch)
                continue
            except SyncError as exc:
                if exc.smaller_may_pass and size > 1 and len(batch.changes) > 1:
                    # A big batch on a slow link, or too big for the hub: the same changes in halves.
                    # Not after a refused token or connection: halving 9 times only delayed the
                    # message a minute (cold test 24).
                    outbox.drop_in_flight(db)
                    size = max(1, len(batch.changes) // 2)
                    batch = outbox.next_batch(db, size)
                    reply_of = send(batch)
                    continue
                raise
            following_of = send(following)
            settled = outbox.settle(db, batch, reply)
            result.pushed += settled.applied
            result.conflicts += settled.conflicts
            result.rejected += settled.rejected
            if time.monotonic() - renewed > RENEW_AFTER.total_seconds():
                _renew_lease(db, round_id, result)  # not after every batch: a commit each is 10 ms
                renewed = time.monotonic()
            if following is None:
                # The last batch: a record edited while it travelled is unsent again, and goes now.
                following = outbox.next_batch(db, size)
                following_of = send(following)
            batch, reply_of = following, following_of

    cursor = state.cursor
    while True:
        progress("正在接收县级数据…", result.pulled, 0)
        try:
            page = link.pull(cursor, protocol.MAX_PULL, epoch)
        except Gone:
            cursor = _snapshot(db, link, state, result)
            continue
        changes = inbound.check_page(page.get("changes"))
        last_seq = page.get("last_seq")
        if not isinstance(last_seq, int) or last_seq < cursor:
            raise SyncError("县级中心的序号倒退了，本轮停止。", "The hub's sequence went backwards.")
        apply_page(db, changes, last_seq, state.auto_apply_matters, result)
        cursor = last_seq
        if not page.get("more") or not changes:
            break


def apply_page(
    db: Database, changes: list[protocol.PulledChange], last_seq: int, auto: bool, result: RoundResult
) -> None:
    with unit_of_work(db, inbound.COUNTY_ACTOR) as uow:
        applied = inbound.apply_changes(uow, changes, auto)
        state = _state_in(uow.session)
        state.cursor = last_seq
    result.pulled += applied.changes
    result.conflicts += applied.conflicts
    result.publications += applied.publications
    result.event_ids += applied.events


def _snapshot(db: Database, link: Transport, state: SyncState, result: RoundResult) -> int:
    """After a 410: the county's lists whole, then pulling resumes from the snapshot's sequence."""
    seq = 0
    pages: list[protocol.PulledChange] = []
    for kind in protocol.SNAPSHOT_TYPES:
        reply = link.snapshot(kind)
        seq = max(seq, int(reply.get("seq") or 0))
        for record in reply.get("records") or []:
            pages.append(
                {"seq": seq, "type": kind, "id": record["id"], "op": "upsert", "ver": record["ver"],
                 "fields": record["fields"]}
            )  # fmt: skip
    apply_page(db, inbound.check_page(pages), seq, state.auto_apply_matters, result)
    return seq


def _new_epoch(db: Database) -> None:
    """The hub lost changes it had acknowledged: mark every record as unsent once more. Its base version
    drops below what the hub may still hold, which the hub accepts as "you lost this", never as a
    conflict; a record the hub still holds unchanged comes back `duplicate`."""
    with unit_of_work(db, None) as uow:
        for kind in records.UP:
            model = kind.model
            uow.session.execute(
                update(model)
                .where(model.pending_changes == 0)
                .values(pending_changes=1)
                .execution_options(synchronize_session=False)
            )
        state = _state_in(uow.session)
        state.cursor = 0
        uow.audit("同步", "同步状态", "", "县级中心数据已恢复到较早状态，本镇全部数据将重新上传")


def audit_head(db: Database) -> protocol.AuditHead | None:
    with db.reading() as session:
        row = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
    return {"seq": row[0], "hash": row[1]} if row else None


def hub_url(db: Database) -> str:
    """The hub's address as 系统管理 → 乡镇信息 keeps it (the installer's county.ini fills it at setup)."""
    with db.reading() as session:
        return session.scalar(select(TownProfile.county_hub_url).limit(1)) or ""


def town_code(db: Database) -> str:
    with db.reading() as session:
        return session.scalar(select(TownProfile.area_code).limit(1)) or ""


def _save_position(db: Database, *, epoch: str, skew: int, url: str) -> None:
    with unit_of_work(db, None) as uow:
        state = _state_in(uow.session)
        state.epoch = epoch
        state.county_url = url
        state.clock_skew_seconds = skew


# A round renews its lease (sync_state.last_attempt_at) every RENEW_AFTER while it pushes; another round that
# finds a running one renewed within this long waits, one renewed earlier was cut off (a killed process).
LEASE = timedelta(minutes=5)
RENEW_AFTER = LEASE / 10


def _start(db: Database, trigger: str) -> str:
    round_id = new_id()
    with unit_of_work(db, None) as uow:
        session = uow.session
        state = _state_in(session)
        running = list(session.scalars(select(SyncRound).where(SyncRound.result == "进行中")))
        if running and state.last_attempt_at is not None and uow.now - state.last_attempt_at < LEASE:
            # Two rounds at once are safe (the hub's inbox) but send every batch twice and both count it.
            # A round whose program was killed holds the lease until it runs out: say how long that is.
            minutes = max(1, math.ceil((LEASE - (uow.now - state.last_attempt_at)).total_seconds() / 60))
            raise SyncError(
                f"另一轮同步正在进行（本程序、另一窗口或计划任务），请稍后再试；"
                f"如果那一轮已被中断，{minutes} 分钟后即可重新同步。",
                f"Another sync round is running; if it was cut off, a round can start in {minutes} min.",
            )
        for cut in running:
            cut.result, cut.finished_at = "中断", uow.now
            cut.message = cut.message or "同步中途被打断（程序被关闭或断电），下一轮已接着进行。"
        session.add(
            SyncRound(
                id=round_id, started_at=uow.now, trigger=trigger, result="进行中", pushed=0, pulled=0,
                conflicts=0, message="",
            )
        )  # fmt: skip
        state.last_attempt_at = uow.now
    return round_id


def _awaited(
    db: Database, reply_of: Future[protocol.PushReply], round_id: str, result: RoundResult
) -> protocol.PushReply:
    """The reply, renewing the lease while the sender waits or retries: a hub stalled for longer than
    the lease let a second round start beside this one, and both recorded every conflict (cold test 25)."""
    while True:
        try:
            return reply_of.result(timeout=RENEW_AFTER.total_seconds())
        except TimeoutError:
            if reply_of.done():
                raise  # the call's own TimeoutError, not the wait's
            _renew_lease(db, round_id, result)


def _renew_lease(db: Database, round_id: str, result: RoundResult) -> None:
    """Also the counts so far: a round cut off (中断) then shows what it had sent, not 上传 0."""
    with unit_of_work(db, None) as uow:
        _state_in(uow.session).last_attempt_at = uow.now
        row = uow.session.get(SyncRound, round_id)
        if row is not None:
            row.pushed, row.pulled = result.pushed, result.pulled
            row.conflicts = result.conflicts + result.rejected


def _finish(db: Database, round_id: str, result: RoundResult) -> None:
    with unit_of_work(db, None) as uow:
        row = uow.session.get(SyncRound, round_id)
        if row is not None:
            row.finished_at = uow.now
            row.result = "成功" if result.ok else "失败"
            row.pushed, row.pulled = result.pushed, result.pulled
            row.conflicts = result.conflicts + result.rejected
            row.message = result.one_line()[:2000]
        state = _state_in(uow.session)
        if result.ok:
            state.last_success_at = uow.now
            state.last_error = ""
        else:
            state.last_error = result.message[:2000]
        uow.audit(
            "数据同步", "同步状态", round_id, result.one_line()[:200],
            {"上传": result.pushed, "接收": result.pulled, "冲突": result.conflicts, "拒收": result.rejected},
        )  # fmt: skip


def history(db: Database, limit: int = 50) -> list[SyncRound]:
    with db.reading() as session:
        rows = list(session.scalars(select(SyncRound).order_by(SyncRound.started_at.desc()).limit(limit)))
        for row in rows:
            session.expunge(row)
        return rows
