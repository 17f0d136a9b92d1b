"""People's mediation services: check characters, file numbers, the state machine, permissions, reminders."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from db_helpers import (
    database_from_dump,
    dump_tables,
    dump_with_columns,
    earlier_today,
    projected,
    resident_id,
)
from sqlalchemy import select

from desktop.db import Database, head_revision
from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AuditEntry, MediationCase, Person
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.services.common import credit_code
from desktop.services.mediation import AgreementInput, CaseInput, PartyInput, RevisitInput, SessionInput
from desktop.services.people.persons import PersonInput

ActorOf = Callable[[Database, str], Actor]


# --- GB 32100 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L", "12100000400000624D"])
def test_published_credit_codes_pass(code: str) -> None:
    assert credit_code.parse_credit_code(code.lower()) == code


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("91350100M000100Y44", "校验位"),
        ("91350100M000100Y4", "18 位"),
        ("91350100M00010OY43", "格式不对"),  # letter O is not in the character set
        ("9135A100M000100Y43", "格式不对"),  # the area code is digits
    ],
)
def test_bad_credit_codes_are_refused_with_a_reason(code: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        credit_code.parse_credit_code(code)
    assert words in caught.value.zh and caught.value.field == "org_credit_code"


def test_every_single_character_typo_is_caught() -> None:
    good = "91350100M000100Y43"
    for i in range(17):
        for c in credit_code.CHARSET:
            if c == good[i] or (2 <= i <= 7 and not c.isdigit()):
                continue
            typo = good[:i] + c + good[i + 1 :]
            with pytest.raises(ValidationError):
                credit_code.parse_credit_code(typo)


# --- helpers -----------------------------------------------------------------------------------


def _mediator_ids(db: Database, actor: Actor) -> list[str]:
    return [m.id for m in mediation.list_mediators(db, actor)]


def _case(db: Database, actor: Actor, received: date, **changes: object) -> str:
    data = CaseInput(
        source=mediation.SOURCE_APPLICATION,
        dispute_type="邻里",
        summary="两户因院墙滴水发生争执。",
        requests="请求对方改造屋檐排水。",
        received_on=received,
        parties=[
            PartyInput(side=1, person=PersonInput(name="龚昇", resident_id=resident_id("33012719700101201"))),
            PartyInput(side=2, person=PersonInput(name="柏堃", phone="13800001111")),
        ],
        mediator_ids=_mediator_ids(db, actor)[:1],
    )
    for key, value in changes.items():
        object.__setattr__(data, key, value)
    return mediation.register_case(db, actor, data)


def _today(db: Database) -> date:
    return mediation.local_today(db)


# --- registration and file numbers -------------------------------------------------------------


def test_file_numbers_are_sequential_per_year_and_never_change(demo_db: Database, actor_of: ActorOf) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    today = _today(demo_db)
    demo_this_year = sum(
        1 for r in mediation.list_cases(demo_db, mediator) if r.file_number.startswith(f"（{today.year}）")
    )
    first = _case(demo_db, mediator, today)
    second = _case(demo_db, mediator, today)
    last_year = _case(demo_db, mediator, date(today.year - 1, 12, 30))
    numbers = [mediation.get_case(demo_db, mediator, i).file_number for i in (first, second, last_year)]
    assert numbers[0] == f"（{today.year}）清溪人调字第{demo_this_year + 1}号"
    assert numbers[1] == f"（{today.year}）清溪人调字第{demo_this_year + 2}号"
    previous = sum(
        1
        for r in mediation.list_cases(demo_db, mediator)
        if r.file_number.startswith(f"（{today.year - 1}）")
    )
    assert numbers[2] == f"（{today.year - 1}）清溪人调字第{previous}号"
    # The committee's prefix changes later numbers only.
    mediation.update_committee(demo_db, actor_of(demo_db, "zhuren"), "清溪镇人民调解委员会", "清")
    third = _case(demo_db, mediator, today)
    assert (
        mediation.get_case(demo_db, mediator, third).file_number
        == f"（{today.year}）清调字第{demo_this_year + 3}号"
    )
    assert mediation.get_case(demo_db, mediator, first).file_number == numbers[0]
    for ident in (
        numbers[0],
        numbers[0].replace("（", "(").replace("）", ")"),
        f"{today.year}-{demo_this_year + 1}",
        first,
    ):
        assert mediation.resolve_case_id(demo_db, mediator, ident) == first


def test_natural_persons_are_registry_rows_found_again_by_resident_id(
    demo_db: Database, actor_of: ActorOf
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    today = _today(demo_db)
    a = mediation.get_case(demo_db, mediator, _case(demo_db, mediator, today))
    b = mediation.get_case(demo_db, mediator, _case(demo_db, mediator, today))
    person_a, person_b = a.side(1)[0].person, b.side(1)[0].person
    assert person_a is not None and person_b is not None
    assert person_a.id == person_b.id  # one person, two cases
    with demo_db.reading() as session:
        assert session.scalar(select(Person).where(Person.name == "龚昇")) is not None
    with pytest.raises(ValidationError) as caught:
        _case(
            demo_db,
            mediator,
            today,
            parties=[
                PartyInput(
                    side=1, person=PersonInput(name="别人", resident_id=resident_id("33012719700101201"))
                ),
                PartyInput(side=2, person=PersonInput(name="柏堃")),
            ],
        )
    assert "龚昇" in caught.value.zh and caught.value.field == "parties"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {
                "parties": [
                    PartyInput(side=1, person=PersonInput(name="甲", resident_id="330127197001012012")),
                    PartyInput(side=2, person=PersonInput(name="乙")),
                ]
            },
            "parties",
            "校验位",
        ),
        (
            {
                "parties": [
                    PartyInput(side=1, person=PersonInput(name="甲")),
                    PartyInput(
                        side=2,
                        kind=mediation.ORGANISATION,
                        org_name="某公司",
                        org_credit_code="91350100M000100Y44",
                        org_legal_rep="丙",
                    ),
                ]
            },
            "parties",
            "统一社会信用代码校验位",
        ),
        ({"parties": [PartyInput(side=1, person=PersonInput(name="甲"))]}, "parties", "双方"),
        ({"dispute_type": "吵架"}, "dispute_type", "纠纷类型"),
        ({"summary": "  "}, "summary", "纠纷简要情况"),
        ({"requests": ""}, "requests", "申请事项"),
        ({"mediator_ids": []}, "mediators", "1 至 3"),
    ],
)
def test_invalid_input_is_refused_whole_with_the_field(
    demo_db: Database, actor_of: ActorOf, changes: dict[str, object], field: str, words: str
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    before = dump_tables(demo_db.path)
    with pytest.raises(ValidationError) as caught:
        _case(demo_db, mediator, _today(demo_db), **changes)
    assert caught.value.field == field and words in caught.value.zh, caught.value.zh
    assert caught.value.en
    assert dump_tables(demo_db.path) == before  # nothing half-written, not even the new person


def test_four_mediators_are_too_many_and_a_future_date_is_refused(
    demo_db: Database, actor_of: ActorOf
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    ids = _mediator_ids(demo_db, mediator)
    with pytest.raises(ValidationError, match="1 至 3"):
        _case(demo_db, mediator, _today(demo_db), mediator_ids=ids[:4])
    with pytest.raises(ValidationError, match="不能晚于今天"):
        _case(demo_db, mediator, _today(demo_db) + timedelta(days=1))


# --- the state machine -------------------------------------------------------------------------


def _session(db: Database, actor: Actor, case_id: str, result: str = "达成协议") -> None:
    mediation.record_session(
        db,
        actor,
        case_id,
        SessionInput(
            occurred_at=earlier_today(db),
            place="调解室",
            record="双方陈述",
            result=result,
            parties_present="龚昇、柏堃",
        ),
    )


def _agreement(day: date) -> AgreementInput:
    return AgreementInput(
        signed_on=day,
        facts="滴水落入对方院内。",
        disputed_matters="屋檐改造。",
        responsibility="龚昇负主要责任。",
        terms="龚昇加装檐沟。",
        performance_manner="自行施工",
    )


def test_a_case_from_application_to_archive_and_a_managers_reopen(
    demo_db: Database, actor_of: ActorOf
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    today = _today(demo_db)
    case_id = _case(demo_db, mediator, today)
    with pytest.raises(UserError, match="调解记录"):
        mediation.accept_case(demo_db, mediator, case_id, today)
        mediation.record_agreement(demo_db, mediator, case_id, _agreement(today))
    _session(demo_db, mediator, case_id)
    mediation.record_agreement(demo_db, mediator, case_id, _agreement(today))
    case = mediation.get_case(demo_db, mediator, case_id)
    assert (case.status, case.outcome, case.copies) == (mediation.SUCCEEDED, mediation.WRITTEN, 3)
    assert case.judicial_window_end == today + timedelta(days=30)
    mediation.record_performance(demo_db, mediator, case_id, "已履行", "")
    mediation.record_revisit(
        demo_db,
        mediator,
        case_id,
        RevisitInput(case.parties[0].id, today, "回访", "已履行", "满意"),
    )
    mediation.archive_case(demo_db, mediator, case_id, today, "长期")
    archived = mediation.get_case(demo_db, mediator, case_id)
    assert archived.status == mediation.ARCHIVED
    assert [e.action for e in archived.log] == [
        "登记",
        "受理",
        "调解",
        "达成协议",
        "履行跟进",
        "回访",
        "归档",
    ]

    before = dump_tables(demo_db.path)
    with pytest.raises(UserError, match="已归档") as caught:
        _session(demo_db, mediator, case_id)
    assert "重新启用" in caught.value.zh
    with pytest.raises(PermissionDenied):
        mediation.reopen_case(demo_db, mediator, case_id, "补充材料")
    assert dump_tables(demo_db.path) == before

    mediation.reopen_case(demo_db, actor_of(demo_db, "zhuren"), case_id, "当事人反映协议未履行，需补充回访")
    reopened = mediation.get_case(demo_db, mediator, case_id)
    assert reopened.status == mediation.SUCCEEDED and reopened.archived_on is None
    assert reopened.log[-1].note == "当事人反映协议未履行，需补充回访"
    with demo_db.reading() as session:
        actions = list(
            session.scalars(
                select(AuditEntry.action).where(AuditEntry.object_id == case_id).order_by(AuditEntry.seq)
            )
        )
    for action in ("登记", "受理", "调解", "达成协议", "回访", "归档", "重新启用"):
        assert action in actions


def test_a_party_refusing_mediation_ends_the_case(demo_db: Database, actor_of: ActorOf) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    today = _today(demo_db)
    case_id = _case(demo_db, mediator, today)
    mediation.refuse_case(
        demo_db, mediator, case_id, today, mediation.REFUSAL_REASONS[0], "被申请人不同意调解"
    )
    with pytest.raises(UserError, match="不予受理"):
        mediation.accept_case(demo_db, mediator, case_id, today)
    with pytest.raises(UserError):
        _session(demo_db, mediator, case_id)
    mediation.archive_case(demo_db, mediator, case_id, today, "短期")
    assert mediation.get_case(demo_db, mediator, case_id).refusal_reason.startswith("当事人拒绝调解")


def test_a_failure_records_the_referral_routes(demo_db: Database, actor_of: ActorOf) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    today = _today(demo_db)
    case_id = _case(demo_db, mediator, today)
    mediation.accept_case(demo_db, mediator, case_id, today)
    with pytest.raises(ValidationError) as caught:
        mediation.record_failure(demo_db, mediator, case_id, today, "分歧大", [])
    assert caught.value.field == "routes"
    mediation.record_failure(demo_db, mediator, case_id, today, "分歧大", ["司法", "仲裁"])
    case = mediation.get_case(demo_db, mediator, case_id)
    assert (case.status, case.referral_routes) == (mediation.FAILED, ("仲裁", "司法"))
    with pytest.raises(UserError):
        mediation.record_agreement(demo_db, mediator, case_id, _agreement(today))


def test_a_stale_version_is_refused(demo_db: Database, actor_of: ActorOf) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    today = _today(demo_db)
    case_id = _case(demo_db, mediator, today)
    shown = mediation.get_case(demo_db, mediator, case_id).ver
    mediation.accept_case(demo_db, mediator, case_id, today, expected_ver=shown)
    with pytest.raises(UserError, match="刚被其他人修改"):
        mediation.record_failure(demo_db, mediator, case_id, today, "x", ["司法"], expected_ver=shown)


@pytest.mark.parametrize("username", ["chakan", "shouli"])
def test_users_without_the_handling_permission_are_refused(
    demo_db: Database, actor_of: ActorOf, username: str
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    case_id = _case(demo_db, mediator, _today(demo_db))
    other = actor_of(demo_db, username)
    before = dump_tables(demo_db.path)
    with pytest.raises(PermissionDenied):
        mediation.accept_case(demo_db, other, case_id, _today(demo_db))
    with pytest.raises(PermissionDenied):
        _case(demo_db, other, _today(demo_db))
    assert dump_tables(demo_db.path) == before
    if username == "shouli":  # the intake operator may not even read cases
        with pytest.raises(PermissionDenied):
            mediation.list_cases(demo_db, other)


# --- the 30-day window, reminders, statistics --------------------------------------------------


def test_judicial_confirmation_window_is_30_days_and_warns_in_its_last_week(
    demo_db: Database, actor_of: ActorOf
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    today = _today(demo_db)
    case_id = _case(demo_db, mediator, today - timedelta(days=40))
    mediation.accept_case(demo_db, mediator, case_id, today - timedelta(days=40))
    _session(demo_db, mediator, case_id)
    signed = today - timedelta(days=26)
    mediation.record_agreement(demo_db, mediator, case_id, _agreement(signed))
    end = mediation.get_case(demo_db, mediator, case_id).judicial_window_end
    assert end == signed + timedelta(days=30) == today + timedelta(days=4)
    kinds = {r.kind for r in mediation.reminders(demo_db, mediator) if r.case_id == case_id}
    assert kinds == {"司法确认", "回访"}
    assert not [
        r
        for r in mediation.reminders(demo_db, mediator, today - timedelta(days=5))
        if r.case_id == case_id and r.kind == "司法确认"
    ]
    late = _case(demo_db, mediator, today - timedelta(days=40))
    mediation.accept_case(demo_db, mediator, late, today - timedelta(days=40))
    _session(demo_db, mediator, late)
    mediation.record_agreement(demo_db, mediator, late, _agreement(today - timedelta(days=31)))
    with pytest.raises(ValidationError, match="三十日内"):
        mediation.record_judicial_application(demo_db, mediator, late, today, "临江县人民法院")
    mediation.record_judicial_application(demo_db, mediator, case_id, today, "临江县人民法院")
    kinds = {r.kind for r in mediation.reminders(demo_db, mediator) if r.case_id == case_id}
    assert kinds == {"回访"}


def test_the_demo_shows_every_kind_of_reminder(demo_db: Database, actor_of: ActorOf) -> None:
    found = {r.kind for r in mediation.reminders(demo_db, actor_of(demo_db, "chakan"))}
    assert found == {"超期", "司法确认", "回访"}


def test_monthly_statistics(demo_db: Database, actor_of: ActorOf) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    today = _today(demo_db)
    base = mediation.monthly_stats(demo_db, mediator, today.year, today.month)
    a = _case(demo_db, mediator, today)
    b = _case(demo_db, mediator, today, dispute_type="合同")
    for case_id in (a, b):
        mediation.accept_case(demo_db, mediator, case_id, today)
    _session(demo_db, mediator, a)
    mediation.record_agreement(demo_db, mediator, a, _agreement(today))
    mediation.record_failure(demo_db, mediator, b, today, "分歧大", ["司法"])
    s = mediation.monthly_stats(demo_db, mediator, today.year, today.month)
    assert s.received == base.received + 2
    assert s.by_type.get("邻里", 0) == base.by_type.get("邻里", 0) + 1
    assert s.by_type.get("合同", 0) == base.by_type.get("合同", 0) + 1
    assert (s.agreements, s.failed) == (base.agreements + 1, base.failed + 1)
    assert s.success_rate == pytest.approx(s.agreements / (s.agreements + s.failed))
    empty = mediation.monthly_stats(demo_db, mediator, 2001, 1)
    assert (empty.received, empty.success_rate) == (0, None)


# --- migration ---------------------------------------------------------------------------------


def test_a_database_at_0003_with_rows_upgrades_to_head_without_loss(tmp_path: Path) -> None:
    path = database_from_dump("schema-0003-demo.sql", tmp_path / "towncentre.db")
    before_with_columns = dump_with_columns(path)
    before = {name: rows for name, (_columns, rows) in before_with_columns.items()}
    assert before["person"] and before["grid_worker"]
    db = Database.open(path)
    try:
        with db.reading() as session:
            assert session.scalar(select(MediationCase).limit(1)) is None
    finally:
        db.close()
    after = projected(before_with_columns, path)
    for table, rows in before.items():
        if table in ("alembic_version", "role_permission"):
            continue
        if table == "app_setting":  # migration 0008 records the search index's Unicode version
            rows = [r for r in rows if r[0] != "search.grams_unicode"]
            after[table] = [r for r in after[table] if r[0] != "search.grams_unicode"]
        assert after[table] == rows, table
    assert set(before["role_permission"]) < set(after["role_permission"])
    assert ("manager", "mediation.manage") in after["role_permission"]
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("matter", "dispute_type"),
    [
        ("人身损害赔偿纠纷", "损害赔偿"),  # cold test 27: came in as 婚姻家庭
        ("交通事故赔偿纠纷", "交通事故"),
        ("房屋租赁纠纷", "合同"),
        ("工伤赔偿纠纷", "劳动争议"),
        ("土地征收补偿纠纷", "征地拆迁"),
        ("赡养纠纷", "婚姻家庭"),
        ("山林权属纠纷", "其他"),
    ],
)
def test_a_case_from_an_event_starts_with_the_dispute_type_its_matter_names(
    matter: str, dispute_type: str
) -> None:
    assert mediation.dispute_type_for(matter) == dispute_type
    assert dispute_type in mediation.DISPUTE_TYPES
