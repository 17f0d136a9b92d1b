"""The case file is complete and consistent: papers filed by hand are indexed and counted, a refused
case's cover says so, dates cannot contradict the decision they follow, no text is cut short."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from db_helpers import database_from_dump, dump_tables, dump_with_columns, earlier_today, lost_rows, pdftotext
from sqlalchemy import select

from desktop.db import Database, head_revision
from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AuditEntry, MediationInvestigation
from desktop.printing import mediation_docs
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.services.mediation import CaseInput, InvestigationInput, PartyInput
from desktop.services.people.persons import PersonInput

ActorOf = Callable[[Database, str], Actor]


def pdf_pages(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    return [re.sub(r"\s+", "", page) for page in pdftotext(path).split("\f") if page.strip()]


def new_case(db: Database, actor: Actor, days_ago: int = 0) -> str:
    return mediation.register_case(
        db,
        actor,
        CaseInput(
            source=mediation.SOURCE_APPLICATION,
            dispute_type="邻里",
            summary="两户因院墙滴水发生争执。",
            requests="请求对方改造屋檐排水。",
            received_on=mediation.local_today(db) - timedelta(days=days_ago),
            parties=[
                PartyInput(side=1, person=PersonInput(name="龚昇", phone="13800001110")),
                PartyInput(side=2, person=PersonInput(name="柏堃", phone="13800001111")),
            ],
            mediator_ids=[mediation.list_mediators(db, actor)[0].id],
        ),
    )


def test_papers_filed_by_hand_are_indexed_and_counted_in_the_page_total(
    demo_db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    case_id = new_case(demo_db, mediator)
    today = mediation.local_today(demo_db)
    mediation.refuse_case(demo_db, mediator, case_id, today, mediation.REFUSAL_REASONS[0], "不同意调解")

    mediation.add_paper(demo_db, mediator, case_id, "身份证明", "申请人龚昇居民身份证复印件", 2)
    evidence = mediation.add_paper(demo_db, mediator, case_id, "证据材料", "院墙照片", 5)
    mediation.add_paper(demo_db, mediator, case_id, "其他", "作废的草稿", 1)
    case = mediation.get_case(demo_db, mediator, case_id, full_ids=True)
    assert [(p.kind, p.title, p.pages) for p in case.papers][:2] == [
        ("身份证明", "申请人龚昇居民身份证复印件", 2),
        ("证据材料", "院墙照片", 5),
    ]
    mediation.remove_paper(demo_db, mediator, case_id, case.papers[2].id)
    case = mediation.get_case(demo_db, mediator, case_id, full_ids=True)
    assert len(case.papers) == 2 and case.papers[1].id == evidence

    pages = pdf_pages(mediation_docs.render_case("case-file", case).data, tmp_path)
    printed = len(pages) - 2  # cover and index are not numbered
    index = pages[1]
    # Printed documents first, then the papers (2 + 5 pages), then the back cover, all numbered on.
    assert f"申请人龚昇居民身份证复印件{printed}–{printed + 1}身份证明" in index
    assert f"院墙照片{printed + 2}–{printed + 6}证据材料" in index
    assert f"卷内备考表{printed + 7}" in index and "作废的草稿" not in index
    assert f"共{printed + 7}页" in pages[-1]
    assert f"第{printed + 7}页共{printed + 7}页" in pages[-1]

    with demo_db.reading() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == case_id)))
    assert {"增加卷内材料", "删除卷内材料"} <= actions


def test_paper_input_is_checked_and_needs_the_handling_permission(
    demo_db: Database, actor_of: ActorOf
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    case_id = new_case(demo_db, mediator)
    with pytest.raises(ValidationError, match="1 至 999"):
        mediation.add_paper(demo_db, mediator, case_id, "证据材料", "照片", 0)
    with pytest.raises(ValidationError, match="材料类别"):
        mediation.add_paper(demo_db, mediator, case_id, "照片", "照片", 1)
    with pytest.raises(ValidationError, match="最多 100 字"):
        mediation.add_paper(demo_db, mediator, case_id, "证据材料", "照" * 101, 1)
    with pytest.raises(PermissionDenied):
        mediation.add_paper(demo_db, actor_of(demo_db, "wangge"), case_id, "证据材料", "照片", 1)


def test_a_refused_case_cover_says_not_accepted(demo_db: Database, actor_of: ActorOf, tmp_path: Path) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    case_id = new_case(demo_db, mediator, days_ago=3)
    today = mediation.local_today(demo_db)
    mediation.refuse_case(demo_db, mediator, case_id, today, mediation.REFUSAL_REASONS[0], "不同意调解")
    mediation.archive_case(demo_db, mediator, case_id, today, "短期")
    case = mediation.get_case(demo_db, mediator, case_id, full_ids=True)
    cover = pdf_pages(mediation_docs.render_case("case-file", case).data, tmp_path)[0]
    assert "调解结果不予受理" in cover and "已归档" not in cover
    register = "".join(pdf_pages(mediation_docs.render_case("mediation-acceptance", case).data, tmp_path))
    assert f"（盖章）{today.year}年{today.month}月{today.day}日" in register


def test_a_date_before_the_decision_it_follows_is_refused_naming_both(
    demo_db: Database, actor_of: ActorOf
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    case_id = new_case(demo_db, mediator, days_ago=5)
    today = mediation.local_today(demo_db)
    received = today - timedelta(days=5)
    early = received - timedelta(days=2)
    with pytest.raises(ValidationError) as caught:
        mediation.accept_case(demo_db, mediator, case_id, early)
    assert f"受理日期（{early:%Y-%m-%d}）不能早于收案日期（{received:%Y-%m-%d}）" in caught.value.zh
    accepted = today - timedelta(days=2)
    mediation.accept_case(demo_db, mediator, case_id, accepted)
    with pytest.raises(ValidationError) as caught:
        mediation.record_session(
            demo_db,
            mediator,
            case_id,
            mediation.SessionInput(
                occurred_at=datetime.now(UTC) - timedelta(days=4),
                place="调解室",
                record="双方陈述",
                result="继续调解",
                parties_present="龚昇、柏堃",
            ),
        )
    assert f"不能早于受理日期（{accepted:%Y-%m-%d}）" in caught.value.zh
    with pytest.raises(ValidationError) as caught:
        mediation.record_failure(demo_db, mediator, case_id, accepted - timedelta(days=1), "分歧大", ["司法"])
    assert f"不能早于受理日期（{accepted:%Y-%m-%d}）" in caught.value.zh


def test_a_132_character_person_investigated_is_refused_with_the_limit(
    demo_db: Database, actor_of: ActorOf
) -> None:
    mediator = actor_of(demo_db, "tiaojie")
    case_id = new_case(demo_db, mediator)
    mediation.accept_case(demo_db, mediator, case_id, mediation.local_today(demo_db))
    subject = "清溪镇" + "某" * 129
    assert len(subject) == 132
    data = InvestigationInput(
        occurred_at=earlier_today(demo_db),
        place="村委会",
        record="现场查看。",
        subject_other=subject,
    )
    with pytest.raises(UserError) as caught:
        mediation.record_investigation(demo_db, mediator, case_id, data)
    assert "最多 100 字，现有 132 字" in caught.value.zh
    with demo_db.reading() as session:
        assert not session.scalars(
            select(MediationInvestigation).where(MediationInvestigation.case_id == case_id)
        ).all()


def test_a_database_at_0006_upgrades_keeping_every_row(tmp_path: Path, actor_of: ActorOf) -> None:
    path = database_from_dump("schema-0006-demo.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    Database.open(path).close()  # backs up and upgrades
    assert not lost_rows(before, path)
    after = dump_tables(path)
    assert not after.get("mediation_archive_paper")
    db = Database.open(path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
        mediator = actor_of(db, "tiaojie")
        case_id = mediation.list_case_ids(db, mediator)[0]
        if mediation.get_case(db, mediator, case_id).status != mediation.ARCHIVED:
            mediation.add_paper(db, mediator, case_id, "证据材料", "照片", 3)
            assert mediation.get_case(db, mediator, case_id).papers[0].pages == 3
    finally:
        db.close()
