"""The unit of work's shared helpers: the optimistic-lock load and the audit row of a produced document."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from db_helpers import FakeClock
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import NotFound, UserError
from desktop.models import AuditEntry, MediationCase, Person
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.services.common.uow import STALE, unit_of_work
from desktop.services.people import persons

MISSING = ("找不到该人员。", "Person not found.")


@pytest.fixture
def db(town_db: Database, clock: FakeClock) -> Database:
    town_db.clock = clock
    return town_db


@pytest.fixture
def admin(db: Database, actor_of: Callable[[Database, str], Actor]) -> Actor:
    return actor_of(db, "admin")


@pytest.fixture
def person_id(db: Database, admin: Actor) -> str:
    return persons.create_person(db, admin, persons.PersonInput(name="张三", address="清溪路 1 号"))


def _address_ver_and_audits(db: Database, person_id: str) -> tuple[str, int, int]:
    with db.reading() as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person.address, person.ver, len(session.scalars(select(AuditEntry.seq)).all())


def _edit(db: Database, admin: Actor, person_id: str, expected_ver: int | None, address: str) -> None:
    with unit_of_work(db, admin) as uow:
        person = uow.load_for_update(Person, person_id, expected_ver, not_found=MISSING)
        person.address = address


def test_the_version_the_user_saw_lets_the_edit_through(db: Database, admin: Actor, person_id: str) -> None:
    _edit(db, admin, person_id, 1, "清溪路 2 号")
    _edit(db, admin, person_id, 2, "清溪路 3 号")
    _edit(db, admin, person_id, None, "清溪路 4 号")  # no version given: no check

    address, ver, _ = _address_ver_and_audits(db, person_id)
    assert (address, ver) == ("清溪路 4 号", 4)


def test_a_stale_version_is_refused_and_nothing_is_written(
    db: Database, admin: Actor, person_id: str
) -> None:
    _edit(db, admin, person_id, 1, "清溪路 2 号")  # someone else saved while our form showed ver 1
    before = _address_ver_and_audits(db, person_id)

    with pytest.raises(UserError) as refused:
        _edit(db, admin, person_id, 1, "清溪路 9 号")

    assert not isinstance(refused.value, NotFound)
    assert (refused.value.zh, refused.value.en) == STALE
    assert _address_ver_and_audits(db, person_id) == before


def test_an_area_says_a_stale_edit_in_its_own_words(db: Database, admin: Actor, person_id: str) -> None:
    _edit(db, admin, person_id, 1, "清溪路 2 号")
    words = ("该人员刚被其他人修改过。", "Someone else changed this person.")
    with pytest.raises(UserError, match="该人员刚被其他人修改过") as refused, unit_of_work(db, admin) as uow:
        uow.load_for_update(Person, person_id, 1, not_found=MISSING, stale=words)
    assert refused.value.en == words[1]


def test_a_missing_id_is_not_found(db: Database, admin: Actor) -> None:
    with pytest.raises(NotFound) as missing, unit_of_work(db, admin) as uow:
        uow.load_for_update(Person, "0190f0e0-0000-7000-8000-000000000000", None, not_found=MISSING)
    assert (missing.value.zh, missing.value.en) == MISSING


def test_a_tombstoned_row_is_not_found_even_at_its_version(
    db: Database, admin: Actor, person_id: str, clock: FakeClock
) -> None:
    with unit_of_work(db, admin) as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        person.deleted_at = clock.now
    _, ver, _ = _address_ver_and_audits(db, person_id)

    with pytest.raises(NotFound, match="找不到该人员"):
        _edit(db, admin, person_id, ver, "清溪路 9 号")
    with pytest.raises(NotFound):
        _edit(db, admin, person_id, None, "清溪路 9 号")
    assert _address_ver_and_audits(db, person_id)[0] == "清溪路 1 号"


def _document_audits(db: Database) -> list[tuple[str, str, str, str, dict[str, object]]]:
    with db.reading() as session:
        rows = session.execute(
            select(
                AuditEntry.action,
                AuditEntry.object_type,
                AuditEntry.object_id,
                AuditEntry.summary,
                AuditEntry.detail,
            )
            .where(AuditEntry.action.in_(("预览文书", "打印文书")))
            .order_by(AuditEntry.seq)
        ).all()
    return [(a, t, i, s, json.loads(d)) for a, t, i, s, d in rows]


def test_a_produced_document_is_audited_with_what_it_shows(
    db: Database, admin: Actor, person_id: str
) -> None:
    with unit_of_work(db, admin) as uow:
        uow.audit_document("人员", person_id, "张三", kind="card", title="人员卡", ver=3, purpose="预览")
    with unit_of_work(db, admin) as uow:
        uow.audit_document(
            "人员", person_id, "张三", kind="card", title="人员卡", ver=3, purpose="另存",
            copies=2, target="/tmp/card.pdf", full_ids=True,
        )  # fmt: skip

    assert _document_audits(db) == [
        ("预览文书", "人员", person_id, "张三 人员卡", {"kind": "card", "ver": 3, "purpose": "预览", "copies": 1}),
        (
            "打印文书", "人员", person_id, "张三 人员卡",
            {"kind": "card", "ver": 3, "purpose": "另存", "copies": 2, "target": "/tmp/card.pdf", "full_ids": True},
        ),
    ]  # fmt: skip


def test_no_document_is_recorded_for_a_tombstoned_case(
    demo_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    """Both areas load through the helper: a deleted case can neither be printed nor moved on."""
    mediator = actor_of(demo_db, "tiaojie")
    case_id = next(
        row.id for row in mediation.list_cases(demo_db, mediator) if row.status == mediation.PENDING
    )
    with unit_of_work(demo_db, mediator) as uow:
        case = uow.session.get(MediationCase, case_id)
        assert case is not None
        case.deleted_at = uow.now
    before = _document_audits(demo_db)

    with pytest.raises(NotFound, match="找不到该调解案件"):
        mediation.record_document(demo_db, mediator, case_id, "application", "申请书", 1, "预览")
    with pytest.raises(NotFound, match="找不到该调解案件"):
        mediation.accept_case(demo_db, mediator, case_id, mediation.local_today(demo_db))
    assert _document_audits(demo_db) == before
