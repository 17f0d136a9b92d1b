"""Saving an event without the ORM (issue 18) stores what the ORM stored.

`create_event` inserts the event and its first steps with plain statements (`UnitOfWork.insert_new`)
instead of ORM objects stamped and audited by the flush. Each case saves the same report into two
copies of the demo town at the same moment: once through `create_event`, once through ORM objects as
`create_event` did before, given the ids the first save drew. Every table of the two files must then
be equal, row for row: the event and its steps, the sync marks, the audit rows (their hashes cover
every audited field), the counters, the month figures and both search indexes' own tables.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from db_helpers import FakeClock, copy_database, dump_tables
from event_inputs import an_event
from sqlalchemy import select

from desktop.clock import to_local, utc_now
from desktop.db import Database
from desktop.models import AuditEntry, Event, EventAction, EventAttachment, EventCounter, MatterItem
from desktop.services.accounts.permissions import Actor
from desktop.services.common import audit_anchor
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.events import AttachmentInput, EventInput, State, add_action, check_input, intake
from desktop.services.system import audit

ActorOf = Callable[[Database, str], Actor]


@dataclass(frozen=True)
class Drawn:
    """The ids and stored file names a save drew at random, for the ORM save to reuse."""

    event: str
    actions: list[str]
    attachments: list[tuple[str, str]]  # (id, stored_path)


def drawn(db: Database, event_id: str) -> Drawn:
    with db.reading() as session:
        actions = session.scalars(
            select(EventAction.id).where(EventAction.event_id == event_id).order_by(EventAction.created_at)
        ).all()
        files = session.execute(
            select(EventAttachment.id, EventAttachment.stored_path).where(
                EventAttachment.event_id == event_id
            )
        ).all()
    return Drawn(event_id, list(actions), [(f.id, f.stored_path) for f in files])


def orm_number(uow: UnitOfWork) -> str:
    """`next_number` as it was: the day's counter as an ORM object."""
    day = to_local(uow.now).date()
    town = uow.town_code[:9]
    counter = uow.session.get(EventCounter, day)
    if counter is None:
        counter = EventCounter(day=day, last=0)
        uow.session.add(counter)
    counter.last += 1
    return f"SJ{town}{day:%Y%m%d}{counter.last:04d}"


def save_through_the_orm(db: Database, actor: Actor, data: EventInput, ids: Drawn) -> None:
    """`create_event` as it was before issue 18, with the ids `ids` instead of new ones."""
    with unit_of_work(db, actor) as uow:
        clean = check_input(uow, data)
        item = uow.session.get(MatterItem, clean.matter_item_id)
        assert item is not None and clean.occurred_at is not None
        event = Event(
            id=ids.event, number=orm_number(uow), channel=clean.channel, reporter_name=clean.reporter_name,
            reporter_phone=clean.reporter_phone, anonymous=clean.anonymous, occurred_at=clean.occurred_at,
            reported_at=uow.now, community_id=clean.community_id, grid_id=clean.grid_id, address=clean.address,
            matter_item_id=item.id, category_code=item.category.code, title=clean.title,
            description=clean.description, urgency=clean.urgency, people_involved=clean.people_involved, state="",
            time_limit_days=item.time_limit_days, loop="微循环" if clean.solved_on_spot else "小循环",
        )  # fmt: skip
        event.reporter_person_id = intake._reporting_worker(uow, clean, to_local(uow.now).date())
        uow.session.add(event)
        action = add_action(uow, event, "受理", State.ACCEPTED, f"{clean.channel}，事项：{item.name}")
        action.id = ids.actions[0]
        event.state = State.ACCEPTED
        if clean.solved_on_spot:
            on_spot = add_action(uow, event, "现场处置", State.CLOSED, clean.on_spot_note, outcome="已解决")
            on_spot.id = ids.actions[1]
            event.state = State.CLOSED
            event.outcome = "已解决"
            event.outcome_note = clean.on_spot_note
            event.closed_at = uow.now
        if clean.attachments:
            uow.session.flush()
            rows = intake.store_attachments(uow, event.id, clean.attachments, action.id)
            for row, (row_id, stored_path) in zip(rows, ids.attachments, strict=True):
                row.id, row.stored_path = row_id, stored_path


def a_worker_of_the_grid(db: Database, grid_id: str) -> str:
    """The name of one person holding a post in the grid today."""
    with db.engine.connect() as conn:
        name = conn.exec_driver_sql(
            "SELECT p.name FROM grid_worker w JOIN person p ON p.id = w.person_id WHERE w.grid_id = ? "
            "AND w.deleted_at IS NULL AND w.end_date IS NULL ORDER BY p.name LIMIT 1",
            (grid_id,),
        ).scalar()
    assert isinstance(name, str)
    return name


def reports(db: Database, tmp_path: Path) -> dict[str, EventInput]:
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 40)
    base = an_event(db)
    assert base.grid_id is not None
    china = timezone(timedelta(hours=8))
    return {
        "a grid worker's report, linked to the worker": replace(
            base, reporter_name=a_worker_of_the_grid(db, base.grid_id), reporter_phone="13905711234"
        ),
        "an anonymous call without a grid, its time in China time": replace(
            base,
            channel="来电",
            anonymous=True,
            reporter_name="",
            reporter_phone="",
            grid_id=None,
            address="",
            urgency="紧急",
            people_involved=12,
            occurred_at=(db.clock() - timedelta(hours=3)).astimezone(china),
        ),
        "solved on the spot, with a photo": replace(
            base,
            solved_on_spot=True,
            on_spot_note="当场协调，双方同意修理。",
            attachments=(AttachmentInput(photo, "现场照片"),),
        ),
    }


CASES = [
    "a grid worker's report, linked to the worker",
    "an anonymous call without a grid, its time in China time",
    "solved on the spot, with a photo",
]


@pytest.mark.parametrize("case", CASES)
def test_a_saved_event_is_stored_as_the_orm_stored_it(
    demo_db: Database, demo_db_file: Path, tmp_path: Path, actor_of: ActorOf, case: str
) -> None:
    orm_db = Database.open(copy_database(demo_db_file, tmp_path / "orm" / "towncentre.db"))
    try:
        clock = FakeClock(utc_now().replace(microsecond=654321))
        demo_db.clock = orm_db.clock = clock
        data = reports(demo_db, tmp_path)[case]

        created = intake.create_event(demo_db, actor_of(demo_db, "shouli"), data)
        ids = drawn(demo_db, created.id)
        save_through_the_orm(orm_db, actor_of(orm_db, "shouli"), data, ids)

        assert len(ids.actions) == (2 if data.solved_on_spot else 1)
        assert len(ids.attachments) == len(data.attachments)
        saved, through_orm = dump_tables(demo_db.path), dump_tables(orm_db.path)
        assert saved.keys() == through_orm.keys()
        for table in saved:
            assert saved[table] == through_orm[table], table
        for db in (demo_db, orm_db):
            assert audit.verify_chain(db).ok
            assert audit_anchor.read_anchor(db.path) == audit_anchor.Anchor(*head(db))
        # The audit rows are written without the ORM in both: their time is stored as the ORM stores
        # the event's (same clock, same moment).
        with sqlite3.connect(orm_db.path) as conn:
            stored_by_orm = conn.execute(
                "SELECT created_at FROM event WHERE id = ?", (created.id,)
            ).fetchone()
            audited = conn.execute("SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        conn.close()
        assert audited == stored_by_orm
    finally:
        orm_db.close()
    with demo_db.reading() as session:
        event = session.get(Event, created.id)
        assert event is not None and event.pending_changes == 1 and event.ver == 1
        if case.startswith("a grid worker's"):
            assert event.reporter_person_id is not None, "the report counts for the worker"
        detail = json.loads(
            session.scalars(select(AuditEntry.detail).where(AuditEntry.object_id == created.id)).one()
        )
    if data.reporter_phone:
        assert detail["after"]["reporter_phone"] == "139****1234", "masked in the audit log"


def head(db: Database) -> tuple[int, str]:
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").one()
    return int(row[0]), str(row[1])


def test_the_anchor_may_lag_a_commit_but_a_cut_below_it_is_found(
    demo_db: Database, actor_of: ActorOf
) -> None:
    """A save leaves the anchor's move to a thread of its own (1-4 ms less per save), so the file may
    lag the log by a commit, as after a kill between a commit and its anchor. That lag is no finding,
    the next save moves the anchor on, and rows cut below the anchor are still found."""
    operator = actor_of(demo_db, "shouli")
    intake.create_event(demo_db, operator, an_event(demo_db))
    before = head(demo_db)
    intake.create_event(demo_db, operator, an_event(demo_db, title="楼道堆放杂物"))
    audit_anchor.write_anchor(demo_db.path, audit_anchor.Anchor(*before))  # one commit behind
    assert audit.verify_chain(demo_db).ok

    intake.create_event(demo_db, operator, an_event(demo_db, title="路灯不亮"))
    assert audit_anchor.read_anchor(demo_db.path) == audit_anchor.Anchor(*head(demo_db))

    anchored = head(demo_db)
    conn = sqlite3.connect(demo_db.path)  # what someone with the file and the sqlite3 shell can do
    try:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE seq >= ?", (anchored[0] - 1,))
        conn.commit()
    finally:
        conn.close()
    report = audit.verify_chain(demo_db)
    assert not report.ok and f"锚点记到第 {anchored[0]} 条" in report.one_line()


def test_a_closed_database_has_its_anchor_in_place(
    demo_db_file: Path, tmp_path: Path, actor_of: ActorOf
) -> None:
    """What comes after closing (a copy, a backup, another program's check) reads the file itself."""
    db = Database.open(copy_database(demo_db_file, tmp_path / "towncentre.db"))
    intake.create_event(db, actor_of(db, "shouli"), an_event(db))
    seq, digest = head(db)
    db.close()
    on_disk = json.loads(audit_anchor.anchor_path(db.path).read_text(encoding="utf-8"))
    assert on_disk == {"seq": seq, "hash": digest}
