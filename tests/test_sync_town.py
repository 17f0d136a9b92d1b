"""The town's side of sync without the network: batches from the pending counters, the hub's answers
settled, and what the county sends down applied in the town's terms (shared/SYNC.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from db_helpers import dump_tables
from event_inputs import an_event
from sqlalchemy import func, select

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import CalendarDay, Event, EventAction, MatterItem, SyncBatch, SyncConflict, SyncState
from desktop.models.base import new_id
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.common import workdays
from desktop.services.common.uow import unit_of_work
from desktop.services.events import State
from desktop.services.events import workflow as flow
from desktop.services.matters import exchange
from desktop.sync import conflicts, inbound, outbox, protocol, publications
from desktop.sync.transport import SyncError

ActorOf = Callable[[Database, str], Actor]


def pulled(kind: str, fields: dict[str, Any], seq: int = 1, record_id: str = "") -> protocol.PulledChange:
    return {"seq": seq, "type": kind, "id": record_id or new_id(), "op": "upsert", "ver": 1, "fields": fields}


def apply(db: Database, *changes: protocol.PulledChange, auto: bool = False) -> inbound.Applied:
    with unit_of_work(db, inbound.COUNTY_ACTOR) as uow:
        return inbound.apply_changes(uow, inbound.check_page(list(changes)), auto)


def escalated(db: Database, actor_of: ActorOf) -> str:
    operator = actor_of(db, "shouli")
    eid = events.create_event(db, operator, an_event(db)).id
    flow.escalate(db, operator, eid, "涉及跨部门协调，需县级协调")
    return eid


def timeline(db: Database, eid: str) -> list[str]:
    with db.reading() as session:
        return list(
            session.scalars(
                select(EventAction.kind).where(EventAction.event_id == eid).order_by(EventAction.at)
            )
        )


def test_a_county_assignment_answer_moves_the_escalated_event_once(
    demo_db: Database, actor_of: ActorOf
) -> None:
    eid = escalated(demo_db, actor_of)
    due = (demo_db.clock() + timedelta(days=35)).date()
    answer = pulled(
        "escalation_answer",
        {"event_id": eid, "kind": "县级交办", "department_code": "XJ05", "deadline": due.isoformat(),
         "note": "由县住建局牵头处理", "answered_by": "县综治中心 王主任", "answered_at": protocol.now_text()},
    )  # fmt: skip
    assert apply(demo_db, answer).events == [eid]
    apply(demo_db, answer)  # the same page again (a pull cut off after the commit)
    with demo_db.reading() as session:
        event = session.get(Event, eid)
        assert event is not None
        assert (event.state, event.target_department_code, event.deadline) == (State.DISPATCHED, "XJ05", due)
        # The limit and the yellow-warning day follow the county's date (not a warning a month early).
        assert event.time_limit_days >= 20 and event.warn_on is not None
        assert due - timedelta(days=14) < event.warn_on < due
        assert event.pending_changes > 0, "the new state goes up to the county next round"
    assert timeline(demo_db, eid)[-2:] == ["上报县级", "县级交办"]
    with demo_db.reading() as session:
        note = session.scalar(select(EventAction.note).where(EventAction.id == answer["id"]))
    assert note == f"由县住建局牵头处理（承办部门 XJ05，办结期限 {due:%Y-%m-%d}）"


def test_returned_to_the_town_with_a_reason(demo_db: Database, actor_of: ActorOf) -> None:
    eid = escalated(demo_db, actor_of)
    apply(
        demo_db,
        pulled("escalation_answer", {"event_id": eid, "kind": "退回镇级", "note": "属镇级事权，请镇街处置"}),
    )
    with demo_db.reading() as session:
        event = session.get(Event, eid)
        assert event is not None and (event.state, event.return_count) == (State.RETURNED, 1)
        note = session.scalar(
            select(EventAction.note).where(EventAction.event_id == eid, EventAction.kind == "退回镇级")
        )
    assert note == "属镇级事权，请镇街处置"
    # The town can take it from there: dispatch it itself.
    flow.dispatch(demo_db, actor_of(demo_db, "shouli"), eid, department_code="ZJ02")


def test_an_answer_to_an_event_that_moved_on_is_kept_as_a_conflict(
    demo_db: Database, actor_of: ActorOf
) -> None:
    operator = actor_of(demo_db, "shouli")
    eid = events.create_event(demo_db, operator, an_event(demo_db)).id  # never escalated: 已受理
    applied = apply(
        demo_db, pulled("escalation_answer", {"event_id": eid, "kind": "县级交办", "department_code": "X"})
    )
    assert applied.conflicts == 1
    with demo_db.reading() as session:
        event = session.get(Event, eid)
        assert event is not None and event.state == State.ACCEPTED, "a person decides, not the sync"
        assert session.scalar(select(func.count()).select_from(SyncConflict)) == 1
    assert timeline(demo_db, eid)[-1] == "县级交办", "the county's word is on the timeline all the same"


def test_an_event_assigned_down_waits_in_the_queue(demo_db: Database) -> None:
    with demo_db.reading() as session:
        item = session.scalars(select(MatterItem).where(MatterItem.name == "邻里纠纷")).one()
        code = item.code
    community = "330127104001"
    with demo_db.reading() as session:
        from desktop.models import Community

        community = session.scalars(select(Community.code).order_by(Community.code)).first() or ""
    fields = {"title": "县12345转办：夜间施工噪声", "description": "群众反映夜间施工", "community_code": community,
              "matter_code": code, "urgency": "较急", "deadline": "2026-12-05", "assigned_by": "县综治中心"}  # fmt: skip
    change = pulled("assignment", fields)
    apply(demo_db, change)
    apply(demo_db, change)
    with demo_db.reading() as session:
        rows = session.scalars(select(Event).where(Event.id == change["id"])).all()
        assert len(rows) == 1
        event = rows[0]
        assert (event.state, event.channel, event.loop, event.deadline) == (
            State.PENDING, "上级交办", "大循环", date(2026, 12, 5),
        )  # fmt: skip
    bad = pulled("assignment", {**fields, "community_code": "999999999999"})
    assert apply(demo_db, bad).conflicts == 1


def test_the_county_holiday_table_replaces_the_year(demo_db: Database) -> None:
    days = [
        {"day": "2031-01-01", "kind": "休", "name": "元旦"},
        {"day": "2031-01-04", "kind": "班", "name": "元旦调休"},
    ]
    apply(demo_db, pulled("holidays", {"year": 2031, "source": "县级发布", "days": days}))
    calendar = workdays.load(demo_db)
    assert not calendar.is_workday(date(2031, 1, 1)) and calendar.is_workday(date(2031, 1, 4))
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).where(CalendarDay.day >= date(2031, 1, 1))) == 2


def test_a_malformed_page_is_refused_before_anything_is_written(demo_db: Database) -> None:
    before = dump_tables(demo_db.path)
    good = pulled("holidays", {"year": 2031, "days": []})
    for bad in (
        pulled("event", {"title": "x"}),  # a type the county does not send
        {**good, "fields": {"days": [[[[["deep"]]]]]}},
        {**good, "fields": {"note": "长" * (protocol.MAX_FIELD_CHARS + 1)}},
        {**good, "seq": "7"},
    ):
        with pytest.raises(SyncError):
            apply(demo_db, good, bad)  # type: ignore[arg-type]
    assert dump_tables(demo_db.path) == before


def published_list(db: Database, version: str) -> dict[str, Any]:
    version_info, departments, items = exchange.export_rows(db)
    assert version_info is not None
    rows = []
    for item in items:
        row = {k: protocol.encode_value(v) for k, v in item.__dict__.items()}
        row["co_department_codes"] = list(item.co_department_codes)
        rows.append(row)
    rows[0]["name"] = rows[0]["name"] + "（县级修订）"
    return {"version": version, "published_on": "2027-01-01", "publisher": "县综治中心", "note": "",
            "departments": [d.__dict__ for d in departments], "items": rows}  # fmt: skip


def test_a_published_matter_list_waits_for_a_manager_and_applies_as_a_diff(
    demo_db: Database, actor_of: ActorOf
) -> None:
    change = pulled("matter_list", published_list(demo_db, "2027版"))
    assert apply(demo_db, change).publications == 1
    manager = actor_of(demo_db, "zhuren")
    waiting = publications.list_publications(demo_db, manager, waiting_only=True)
    assert [(p.kind_name, p.label) for p in waiting] == [("事项清单", "2027版")]
    diff = publications.diff(demo_db, manager, waiting[0].id)
    assert len(diff.changed) == 1 and not diff.added and not diff.retired
    with pytest.raises(UserError):
        publications.apply(demo_db, actor_of(demo_db, "shouli"), waiting[0].id)  # an operator may not
    publications.apply(demo_db, manager, waiting[0].id)
    name = change["fields"]["items"][0]["name"]
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).where(MatterItem.name == name)) == 1
    with pytest.raises(UserError):
        publications.apply(demo_db, manager, waiting[0].id)  # once only


# --- the push side -----------------------------------------------------------------------------------


def reply_to(batch: outbox.Batch, status: str = "applied", **extra: Any) -> protocol.PushReply:
    return {
        "batch_id": batch.id,
        "results": [{"type": c["type"], "id": c["id"], "status": status, "ver": c["ver"], **extra}  # type: ignore[typeddict-item]
                    for c in batch.changes],
    }  # fmt: skip


def unsent(db: Database) -> int:
    return outbox.unsent_count(db)


def test_a_batch_is_resent_unchanged_until_answered_and_an_edit_made_meanwhile_stays_unsent(
    demo_db: Database, actor_of: ActorOf
) -> None:
    operator = actor_of(demo_db, "shouli")
    eid = events.create_event(demo_db, operator, an_event(demo_db)).id
    total = unsent(demo_db)
    batch = outbox.next_batch(demo_db, 10_000)
    assert batch is not None and len(batch.changes) == total
    event_change = next(c for c in batch.changes if c["id"] == eid)
    assert (event_change["base_ver"], event_change["ver"]) == (0, event_change["ver"])
    assert event_change["fields"]["reporter_phone"] == "", "the reporter stays in the town until 上报县级"
    again = outbox.next_batch(demo_db, 10_000)
    assert again is not None and again.id == batch.id and again.changes == batch.changes
    flow.supervise(demo_db, operator, eid, "请加快处理")  # while the batch is on its way
    outbox.settle(demo_db, batch, reply_to(batch))
    with demo_db.reading() as session:
        event = session.get(Event, eid)
        assert event is not None and event.pending_changes == 1
        assert session.scalar(select(func.count()).select_from(SyncBatch)) == 0
    following = outbox.next_batch(demo_db, 10_000)
    assert following is not None
    change = next(c for c in following.changes if c["id"] == eid)
    assert change["base_ver"] == event_change["ver"] and change["fields"]["supervised"] is True


def test_the_next_batch_is_stored_while_one_travels_and_never_carries_its_records(
    demo_db: Database, actor_of: ActorOf
) -> None:
    """A round builds the next batch while the hub stores the one sent: a record in both would reach
    the hub twice, the second time as a conflict with itself."""
    backlog = outbox.next_batch(demo_db, 100_000)
    assert backlog is not None
    outbox.settle(demo_db, backlog, reply_to(backlog))
    operator = actor_of(demo_db, "shouli")
    for _ in range(3):
        events.create_event(demo_db, operator, an_event(demo_db))
    travelling = outbox.next_batch(demo_db, 2)
    assert travelling is not None and json.loads(travelling.body) == travelling.changes
    following = outbox.next_batch(demo_db, 2, besides=travelling)
    assert following is not None and following.id != travelling.id and len(following.changes) == 2
    assert not {m[1] for m in travelling.marks} & {m[1] for m in following.marks}
    # The round was cut here: the next one sends the same two batches again, oldest first.
    assert outbox.next_batch(demo_db, 2) == travelling
    assert outbox.next_batch(demo_db, 2, besides=travelling) == following
    edited = travelling.changes[0]
    assert edited["type"] == "event"
    flow.supervise(demo_db, operator, edited["id"], "请加快处理")  # while both batches wait
    outbox.settle(demo_db, travelling, reply_to(travelling))
    third = outbox.next_batch(demo_db, 100, besides=following)
    assert third is not None
    assert not {m[1] for m in third.marks} & {m[1] for m in following.marks}
    again = next(c for c in third.changes if c["id"] == edited["id"])
    assert again["base_ver"] == edited["ver"] and again["fields"]["supervised"] is True


def test_a_time_stored_in_another_format_travels_as_the_protocol_writes_it(
    demo_db: Database, actor_of: ActorOf
) -> None:
    """Times are read as the text SQLite holds; one written by hand or by an older tool without
    microseconds must still reach the hub in the protocol's form, or the hub refuses the event."""
    eid = events.create_event(demo_db, actor_of(demo_db, "shouli"), an_event(demo_db)).id
    with demo_db.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE event SET occurred_at = '2026-11-28 08:00:00', closed_at = '2026-11-29 09:30:00.5',"
            " pending_changes = 1 WHERE id = ?",
            (eid,),
        )
    batch = outbox.next_batch(demo_db, 100_000)
    assert batch is not None
    change = next(c for c in batch.changes if c["id"] == eid)
    assert change["fields"]["occurred_at"] == "2026-11-28T08:00:00.000000Z"
    assert change["fields"]["closed_at"] == "2026-11-29T09:30:00.500000Z"
    assert protocol.change_problem(change, protocol.UP_TYPES) is None


def test_a_batch_settled_by_another_round_is_not_settled_twice(demo_db: Database, actor_of: ActorOf) -> None:
    """The window's round and a scheduled `sync --once` both sent the batch in flight; the second
    answer (`duplicate`) must not subtract again and lose the edit made meanwhile."""
    operator = actor_of(demo_db, "shouli")
    eid = events.create_event(demo_db, operator, an_event(demo_db)).id
    batch = outbox.next_batch(demo_db, 10_000)
    assert batch is not None
    flow.supervise(demo_db, operator, eid, "请加快处理")
    assert outbox.settle(demo_db, batch, reply_to(batch)).acknowledged == len(batch.changes)
    assert outbox.settle(demo_db, batch, reply_to(batch, "duplicate")).acknowledged == 0
    with demo_db.reading() as session:
        event = session.get(Event, eid)
        assert event is not None and event.pending_changes == 1, "the edit made meanwhile stays unsent"


def test_a_reply_that_does_not_answer_the_batch_changes_nothing(demo_db: Database) -> None:
    batch = outbox.next_batch(demo_db, 50)
    assert batch is not None
    before = dump_tables(demo_db.path)
    bad_replies: list[Any] = [
        {**reply_to(batch), "batch_id": new_id()},
        {"batch_id": batch.id, "results": []},
        [],
    ]
    for bad in bad_replies:
        with pytest.raises(SyncError):
            outbox.settle(demo_db, batch, bad)
    assert dump_tables(demo_db.path) == before


def test_a_conflict_waits_for_a_person_and_does_not_block_the_queue(
    demo_db: Database, actor_of: ActorOf
) -> None:
    operator = actor_of(demo_db, "shouli")
    eid = events.create_event(demo_db, operator, an_event(demo_db)).id
    outbox.settle(demo_db, first := outbox.next_batch(demo_db, 10_000), reply_to(first))  # type: ignore[arg-type]
    flow.supervise(demo_db, operator, eid, "请加快处理")
    batch = outbox.next_batch(demo_db, 10_000)
    assert batch is not None and [c["id"] for c in batch.changes if c["type"] == "event"] == [eid]
    local = next(c for c in batch.changes if c["id"] == eid)
    remote_fields = {**local["fields"], "title": "县里改过的标题", "supervised": False}
    results = [
        {"type": c["type"], "id": c["id"], "status": "conflict", "ver": 9, "fields": remote_fields}
        if c["id"] == eid else {"type": c["type"], "id": c["id"], "status": "applied", "ver": c["ver"]}
        for c in batch.changes
    ]  # fmt: skip
    settled = outbox.settle(demo_db, batch, {"batch_id": batch.id, "results": results})  # type: ignore[typeddict-item]
    assert settled.conflicts == 1
    events.create_event(demo_db, operator, an_event(demo_db, title="另一件需要上报的事情"))
    nxt = outbox.next_batch(demo_db, 10_000)
    assert nxt is not None and eid not in {c["id"] for c in nxt.changes}, "held while a person decides"
    outbox.drop_in_flight(demo_db)

    manager = actor_of(demo_db, "zhuren")
    [row] = conflicts.list_conflicts(demo_db, manager)
    assert "title" in row.differing_fields() and row.label.startswith("SJ")
    with pytest.raises(ValidationError):
        conflicts.resolve(demo_db, manager, row.id, conflicts.KEEP_LOCAL, "")
    conflicts.resolve(demo_db, manager, row.id, conflicts.KEEP_LOCAL, "本镇的督办要求有效")
    again = outbox.next_batch(demo_db, 10_000)
    assert again is not None
    change = next(c for c in again.changes if c["id"] == eid)
    assert change["base_ver"] == 9 and change["fields"]["title"] == local["fields"]["title"]
    assert conflicts.list_conflicts(demo_db, manager) == []


def test_taking_the_county_version_writes_it_here(demo_db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(demo_db, "shouli")
    eid = events.create_event(demo_db, operator, an_event(demo_db)).id
    batch = outbox.next_batch(demo_db, 10_000)
    assert batch is not None
    local = next(c for c in batch.changes if c["id"] == eid)
    remote = {**local["fields"], "title": "县里改过的标题"}
    results = [
        {"type": c["type"], "id": c["id"], "status": "conflict" if c["id"] == eid else "applied", "ver": 5,
         "fields": remote}
        for c in batch.changes
    ]  # fmt: skip
    outbox.settle(demo_db, batch, {"batch_id": batch.id, "results": results})  # type: ignore[typeddict-item]
    manager = actor_of(demo_db, "zhuren")
    [row] = conflicts.list_conflicts(demo_db, manager)
    conflicts.resolve(demo_db, manager, row.id, conflicts.TAKE_COUNTY, "县级已核实更正标题")
    with demo_db.reading() as session:
        event = session.get(Event, eid)
        assert event is not None and (event.title, event.ver, event.pending_changes) == (
            "县里改过的标题",
            5,
            0,
        )
    assert json.loads(json.dumps(row.remote))["title"] == "县里改过的标题"


# --- rounds -------------------------------------------------------------------------------------------


def test_a_second_round_waits_for_the_first_and_a_cut_off_round_is_marked(demo_db: Database) -> None:
    from desktop.models import SyncRound
    from desktop.sync import rounds

    first = rounds._start(demo_db, rounds.TRIGGER_MANUAL)  # a round running now (another window, say)
    second = rounds.run_round(demo_db, "token", trigger=rounds.TRIGGER_CLI)
    assert not second.ok and "另一轮同步正在进行" in second.message
    assert "5 分钟后即可重新同步" in second.message  # a killed round's lease: how long to wait
    with demo_db.reading() as session:
        assert [r.result for r in session.scalars(select(SyncRound))] == ["进行中"], "nothing else recorded"
    # The first one's process was killed: its lease runs out, and the next round marks it.
    with unit_of_work(demo_db, None) as uow:
        uow.session.get(SyncState, 1).last_attempt_at = uow.now - rounds.LEASE - timedelta(seconds=1)  # type: ignore[union-attr]
    third = rounds.run_round(demo_db, "token", trigger=rounds.TRIGGER_CLI)
    assert not third.ok and "尚未设置县级中心地址" in third.message
    with demo_db.reading() as session:
        cut = session.get(SyncRound, first)
        assert cut is not None and cut.result == "中断" and cut.finished_at is not None


@pytest.mark.parametrize("url", ["http://10.1.2.3:8470", "ftp://10.1.2.3", "10.1.2.3"])
def test_the_token_never_travels_in_clear_text(url: str) -> None:
    from desktop.sync.transport import Transport

    with pytest.raises(SyncError, match="https://"):
        Transport(url, "token")
    Transport("http://127.0.0.1:8470", "token").close()  # this PC: tests and a hub beside the town
