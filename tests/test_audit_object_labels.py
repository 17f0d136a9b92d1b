"""The audit log names its objects the way people know them (事件编号, 文号, 姓名（账号）, 事项名称),
one query per kind of object for a whole page, and never names what the reader may not see."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select

from desktop.db import Database
from desktop.models import AuditEntry, MatterItem, MediationCase, User
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.system import audit
from desktop.services.system.audit import AuditFilter

ActorOf = Callable[[Database, str], Actor]


@contextmanager
def counted_selects(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def page_of(db: Database, actor: Actor, kind: str) -> list[AuditEntry]:
    return audit.query(db, actor, AuditFilter(object_type=kind), limit=500)


def test_objects_are_named_in_one_query_per_kind(demo_db: Database, actor_of: ActorOf) -> None:
    admin = actor_of(demo_db, "admin")
    rows = [
        *page_of(demo_db, admin, "用户"),
        *page_of(demo_db, admin, "事项"),
        *page_of(demo_db, admin, "调解案件"),
    ]
    assert len(rows) > 300
    with counted_selects(demo_db) as selects:
        labels = audit.object_labels(demo_db, admin, rows)
    assert len(selects) == 3, "one query per kind of object, not one per row"
    with demo_db.reading() as session:
        user = session.scalars(select(User).where(User.username == "zhuren")).one()
        item = session.scalars(select(MatterItem).order_by(MatterItem.code)).first()
        case = session.scalars(select(MediationCase).order_by(MediationCase.file_number)).first()
        assert item is not None and case is not None
        expected = {
            ("用户", user.id): "李明华（zhuren）",
            ("事项", item.id): f"{item.name}（{item.code}）",
            ("调解案件", case.id): case.file_number,
        }
    for key, text in expected.items():
        if any((r.object_type, r.object_id) == key for r in rows):
            assert labels[key] == text
    assert ("用户", user.id) in labels


def test_nothing_the_reader_may_not_see_is_named(demo_db: Database, actor_of: ActorOf) -> None:
    admin = actor_of(demo_db, "admin")
    people = page_of(demo_db, admin, "人员") + page_of(demo_db, admin, "调解当事人")
    assert people
    assert audit.object_labels(demo_db, admin, people) == {}, "people are personal data: ids only"
    auditor = Actor("", "auditor", "审计员", (), (), frozenset({Permission.AUDIT_VIEW.value}))
    cases = page_of(demo_db, admin, "调解案件")
    assert cases
    assert audit.object_labels(demo_db, auditor, cases) == {}, "no MEDIATION_VIEW, no 文号"


def test_a_reader_without_the_right_sees_neither_summary_nor_detail(
    demo_db: Database, actor_of: ActorOf
) -> None:
    """The summary beside a withheld 文号 named the case's parties; the detail a person's address."""
    admin = actor_of(demo_db, "admin")
    auditor = Actor("", "auditor", "审计员", (), (), frozenset({Permission.AUDIT_VIEW.value}))
    for kind in ("调解案件", "人员"):
        shown = audit.query(demo_db, admin, AuditFilter(object_type=kind))
        assert any(r.summary for r in shown), kind
        withheld = audit.query(demo_db, auditor, AuditFilter(object_type=kind))
        assert [r.seq for r in withheld] == [r.seq for r in shown], "the rows are listed"
        assert {r.summary for r in withheld} == {audit.WITHHELD} and not any(r.detail for r in withheld)
    users = audit.query(demo_db, auditor, AuditFilter(object_type="用户"))
    assert users and all(r.summary != audit.WITHHELD for r in users), "what the auditor may see stays"


def test_every_audited_kind_of_record_is_placed_as_guarded_or_public() -> None:
    """A new audited model must say who may read its audit rows: one that holds a person's details
    and is in neither list would show them to every reader of the audit log."""
    from desktop.models import Base, load_all
    from desktop.services.system.audit import _READ_PERMISSION, PUBLIC_OBJECTS

    load_all()
    labels = {m.class_.__label__ for m in Base.registry.mappers if getattr(m.class_, "__audited__", False)}
    assert labels - set(_READ_PERMISSION) - PUBLIC_OBJECTS == set()
    assert not set(_READ_PERMISSION) & PUBLIC_OBJECTS
