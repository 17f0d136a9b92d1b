"""The unit of work stamps synced records (ids, versions, change counters, times, origin town)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from db_helpers import TOWN_CODE, FakeClock, dump_tables
from sqlalchemy import select

from desktop.db import Database
from desktop.models import AuditEntry, Person, TownProfile
from desktop.services.accounts.permissions import Actor
from desktop.services.common.uow import unit_of_work
from desktop.services.people import persons
from desktop.services.system import town


@pytest.fixture
def db(town_db: Database, clock: FakeClock) -> Database:
    town_db.clock = clock
    return town_db


@pytest.fixture
def admin(db: Database, actor_of: Callable[[Database, str], Actor]) -> Actor:
    return actor_of(db, "admin")


def _person(db: Database, person_id: str) -> Person:
    with db.reading() as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person


def _audit_count(db: Database) -> int:
    with db.reading() as session:
        return len(session.scalars(select(AuditEntry.seq)).all())


def test_a_new_synced_record_is_stamped(db: Database, admin: Actor, clock: FakeClock) -> None:
    person_id = persons.create_person(db, admin, persons.PersonInput(name="张三", phone="13812345678"))

    person = _person(db, person_id)
    assert person.id == person_id
    assert uuid.UUID(person.id).version == 7
    assert (person.ver, person.pending_changes) == (1, 1)
    assert person.created_at == person.updated_at == clock.now
    assert person.created_at.tzinfo is not None
    assert person.deleted_at is None
    assert person.origin_town == TOWN_CODE
    assert len(person.origin_town) == 12


def test_ids_are_time_ordered(db: Database, admin: Actor) -> None:
    ids = [persons.create_person(db, admin, persons.PersonInput(name=f"人员{i}")) for i in range(3)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 3


def test_an_edit_bumps_version_counter_and_time(db: Database, admin: Actor, clock: FakeClock) -> None:
    person_id = persons.create_person(db, admin, persons.PersonInput(name="张三", phone="13812345678"))
    created = clock.now
    audits = _audit_count(db)

    for expected in (2, 3):
        edited = clock.advance(minutes=5)
        with unit_of_work(db, admin) as uow:
            person = uow.session.get(Person, person_id)
            assert person is not None
            person.address = f"清溪路 {expected} 号"
        person = _person(db, person_id)
        assert (person.ver, person.pending_changes) == (expected, expected)
        assert person.updated_at == edited
        assert person.created_at == created
        assert person.origin_town == TOWN_CODE

    with db.reading() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.seq > audits).order_by(AuditEntry.seq)
        ).all()
    assert [(r.action, r.object_type, r.object_id) for r in rows] == [("修改", "人员", person_id)] * 2
    assert "清溪路 3 号" in rows[-1].detail


def test_an_edit_of_personal_data_is_audited_masked(db: Database, admin: Actor) -> None:
    person_id = persons.create_person(db, admin, persons.PersonInput(name="张三", phone="13812345678"))
    with unit_of_work(db, admin) as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        person.phone = "13987654321"
    with db.reading() as session:
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    assert last is not None
    assert "139****4321" in last.detail
    assert "138****5678" in last.detail
    assert "13987654321" not in last.detail
    assert "13812345678" not in last.detail


def test_a_no_op_edit_changes_nothing(db: Database, admin: Actor, clock: FakeClock) -> None:
    person_id = persons.create_person(db, admin, persons.PersonInput(name="张三", address="清溪路 1 号"))
    clock.advance(hours=1)
    before = dump_tables(db.path)

    with unit_of_work(db, admin) as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        person.name = "张三"
        person.address = "清溪路 1 号"
    info = town.get_town(db)
    assert info is not None
    town.update_town(db, admin, info)

    assert dump_tables(db.path) == before


def test_a_town_profile_edit_is_versioned_too(db: Database, admin: Actor, clock: FakeClock) -> None:
    info = town.get_town(db)
    assert info is not None
    clock.advance(days=1)
    town.update_town(
        db, admin, town.TownInfo(name=info.name, area_code=info.area_code, contact_phone="0571-64812345")
    )
    with db.reading() as session:
        row = session.scalar(select(TownProfile))
    assert row is not None
    assert (row.ver, row.pending_changes, row.updated_at) == (2, 2, clock.now)


def test_synced_records_are_never_deleted(db: Database, admin: Actor) -> None:
    person_id = persons.create_person(db, admin, persons.PersonInput(name="张三"))
    before = dump_tables(db.path)

    with pytest.raises(RuntimeError, match="tombstone"), unit_of_work(db, admin) as uow:
        uow.session.delete(uow.session.get(Person, person_id))

    assert dump_tables(db.path) == before


def test_a_tombstone_is_an_audited_deletion(db: Database, admin: Actor, clock: FakeClock) -> None:
    person_id = persons.create_person(db, admin, persons.PersonInput(name="张三"))
    gone = clock.advance(minutes=1)
    with unit_of_work(db, admin) as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        person.deleted_at = gone
    person = _person(db, person_id)
    assert (person.ver, person.pending_changes, person.deleted_at) == (2, 2, gone)
    with db.reading() as session:
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    assert last is not None
    assert (last.action, last.object_id) == ("删除", person_id)
    assert persons.search(db, admin, "张三") == []


def test_a_failed_unit_of_work_leaves_no_trace(db: Database, admin: Actor) -> None:
    before = dump_tables(db.path)
    with pytest.raises(ZeroDivisionError), unit_of_work(db, admin) as uow:
        persons.add_person(uow, persons.PersonInput(name="张三"))
        uow.audit("测试")
        _ = 1 / 0
    assert dump_tables(db.path) == before
