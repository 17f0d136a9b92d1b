"""A masked resident ID cannot be rebuilt from what stands beside it (issue 9, finding 1).

The hidden digits of a resident ID are the birth date, so a reader without 查看完整身份证号 must not get
the birth date anywhere: not from the registry search, a case, a printed document, the command line or
the audit log. What such a reader can still learn (issuing county, sex, birth year) leaves a brute force
with hundreds of thousands of candidates; see docs/security.md, 「身份证号与出生日期」.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from db_helpers import Towncentre, copy_database, pdftotext, resident_id
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.models import AuditEntry, MediationParty, Person
from desktop.printing import mediation_docs, registry
from desktop.services import mediation
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor, Permission
from desktop.services.common.masking import mask_resident_id
from desktop.services.common.resident_id import check_character
from desktop.services.common.uow import unit_of_work
from desktop.services.people import persons
from desktop.services.system import audit

ActorOf = Callable[[Database, str], Actor]
BORN = date(1959, 3, 12)
NUMBER = resident_id("33012719590312019")  # the example (the demo's 黄德胜): sequence 019, 男
NEW_NUMBER = resident_id("33012719590312987")  # someone registered by the test, born the same day
NEW_PHONE = "13812340987"
# A reader who knows region, sex and birth year still faces every day of the year times every sequence
# number of that sex: 365 × 500 = 182,500 equally valid numbers (the check character is hidden too, so
# it rules none out). Anything under this bound means something beside the mask narrowed the guess.
MIN_CANDIDATES = 365 * 500


def birth_forms(born: date) -> list[str]:
    """The ways a birth date is written (whitespace is stripped from the text searched)."""
    return [
        born.isoformat(),
        f"{born:%Y%m%d}",
        f"{born:%Y/%m/%d}",
        f"{born.year}年{born.month}月{born.day}日",
        f"{born.year}年{born:%m}月{born:%d}日",
        f"{born.year}.{born.month}.{born.day}",
        f"{born.year}-{born.month}-{born.day}",
    ]


def leaks(text: str, number: str, born: date | None) -> list[str]:
    """What of one person's full number and birth date appears in `text` (whitespace ignored)."""
    flat = re.sub(r"\s+", "", text)
    found = [number] if number and number in flat else []
    if born is not None:
        found += [form for form in birth_forms(born) if form in flat]
    return found


def candidates(masked: str, sex: str, birth_days: Iterable[date]) -> int:
    """How many GB 11643 numbers agree with a masked number, the sex and the possible birth days."""
    assert len(masked) == 18 and masked[:6].isdigit(), masked
    sequences = [
        digits
        for digits in (f"{seq:03d}" for seq in range(1000))
        if not (sex and (int(digits[2]) % 2 == 1) != (sex == "男"))
        and all(m in ("*", d) for m, d in zip(masked[14:17], digits, strict=True))
    ]
    count = 0
    for day in birth_days:
        born = f"{day:%Y%m%d}"
        if any(m not in ("*", d) for m, d in zip(masked[6:14], born, strict=True)):
            continue
        if masked[17] == "*":  # a hidden check character rules nothing out
            count += len(sequences)
        else:
            count += sum(check_character(masked[:6] + born + digits) == masked[17] for digits in sequences)
    return count


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


def pdftext(data: bytes, tmp_path: Path, name: str = "doc") -> list[str]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    out = pdftotext(path)
    return [re.sub(r"\s+", "", page) for page in out.split("\f") if page.strip()]


# --- the rule itself ----------------------------------------------------------------------------


def test_the_mask_keeps_only_the_issuing_county() -> None:
    assert mask_resident_id(NUMBER) == "330127************"
    assert mask_resident_id("330127********0199") == "330127************"  # an old-style mask re-masks


def test_the_candidates_left_to_a_reader_without_the_permission_are_many() -> None:
    """Region + sex + birth year, which is all such a reader sees, leaves 182,500 numbers."""
    masked = mask_resident_id(NUMBER)
    left = candidates(masked, "男", days_of(BORN.year))
    assert left >= MIN_CANDIDATES
    # The old mask with the birth date beside it: exactly one number, the real one.
    assert candidates("330127********0199", "男", [BORN]) == 1
    # The old mask with only the birth year beside it: ~33 numbers, the estimate.
    assert candidates("330127********0199", "男", days_of(BORN.year)) < 40


def test_ages_shown_without_the_permission_depend_on_the_birth_year_only() -> None:
    """Read every day of a year, the age still cannot tell 12 March from 30 November: it counts by year."""
    early = mediation.person_view(Person(name="甲", sex="男", birth_date=BORN, resident_id=NUMBER), False)
    late_number = resident_id("33012719591130019")
    late = mediation.person_view(
        Person(name="乙", sex="男", birth_date=date(1959, 11, 30), resident_id=late_number), False
    )
    assert early is not None and late is not None
    assert early.birth_date is None and late.birth_date is None
    assert early.resident_id == late.resident_id == "330127************"
    for day in days_of(2026):
        assert early.age_on(day) == late.age_on(day) == 67
    full = mediation.person_view(Person(name="甲", sex="男", birth_date=BORN, resident_id=NUMBER), True)
    assert full is not None and full.birth_date == BORN and full.age_on(date(2026, 3, 11)) == 66


# --- the registry ---------------------------------------------------------------------------------


@pytest.fixture
def registry_db(demo_db: Database, actor_of: ActorOf) -> Database:
    persons.create_person(
        demo_db,
        actor_of(demo_db, "shouli"),
        persons.PersonInput(
            name="黄德顺", resident_id=NEW_NUMBER, phone=NEW_PHONE, address="清溪镇人民路 1 号"
        ),
    )
    return demo_db


def test_the_registry_search_gives_no_birth_date_to_a_reader_without_the_permission(
    registry_db: Database, actor_of: ActorOf
) -> None:
    clerk = actor_of(registry_db, "shouli")  # 受理员: person.view, not person.view_id
    assert not clerk.can(Permission.PERSON_VIEW_ID)
    for query in ("黄德顺", NEW_NUMBER, NEW_PHONE):
        [row] = persons.search(registry_db, clerk, query)
        assert leaks(repr(row), NEW_NUMBER, BORN) == []
        assert row.birth_date is None and row.birth_year == BORN.year
        assert candidates(row.resident_id_masked, row.sex, days_of(row.birth_year)) >= MIN_CANDIDATES
    # The manager may see full numbers: the birth date is there for them, the number still masked.
    [row] = persons.search(registry_db, actor_of(registry_db, "zhuren"), "黄德顺")
    assert row.birth_date == BORN and NEW_NUMBER not in repr(row)


def test_the_audit_row_of_a_new_person_holds_no_birth_date(registry_db: Database) -> None:
    with registry_db.reading() as session:
        person = session.scalars(select(Person).where(Person.resident_id == NEW_NUMBER)).one()
        rows = session.scalars(select(AuditEntry).where(AuditEntry.object_id == person.id)).all()
    assert [r.action for r in rows] == ["新增"]
    detail = json.loads(rows[0].detail)["after"]
    assert leaks(rows[0].summary + rows[0].detail, NEW_NUMBER, BORN) == []
    assert detail["resident_id"] == "330127************" and detail["birth_date"] == "1959-**-**"
    assert detail["sex"] == "男"


def test_the_audit_viewer_masks_rows_written_before_the_rule(
    registry_db: Database, actor_of: ActorOf
) -> None:
    """Rows already in the log (it is append-only) kept the birth date beside the old mask; the viewer
    masks them on the way out, and the stored rows, and so the chain, stay as they were."""
    old = {"after": {"name": "谭志", "birth_date": "1966-02-08", "resident_id": "330127********8548"}}
    with unit_of_work(registry_db, SYSTEM_ACTOR) as uow:
        uow.audit("新增", "人员", "old-row", "谭志", old)
    admin = actor_of(registry_db, "admin")  # audit.view, not person.view_id
    [entry] = audit.query(registry_db, admin, audit.AuditFilter(text="old-row"))
    shown = json.loads(entry.detail)["after"]
    assert shown == {"name": "谭志", "birth_date": "1966-**-**", "resident_id": "330127************"}
    assert audit.verify_chain(registry_db).ok
    with registry_db.reading() as session:
        stored = session.scalars(select(AuditEntry.detail).where(AuditEntry.object_id == "old-row")).one()
    assert "1966-02-08" in stored  # unchanged on disk: the hash chain still holds


# --- mediation: the case as read and as printed --------------------------------------------------


@pytest.fixture(scope="module")
def printing_db(demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(copy_database(demo_db_file, tmp_path_factory.mktemp("mask") / "towncentre.db"))
    yield db
    db.close()


def people_of(db: Database, case_id: str) -> list[Person]:
    """Every natural person on the case (parties and agents), as stored: the truth to look for."""
    with db.reading() as session:
        parties = session.scalars(
            select(MediationParty)
            .options(selectinload(MediationParty.person), selectinload(MediationParty.agent))
            .where(MediationParty.case_id == case_id, MediationParty.deleted_at.is_(None))
        ).all()
        people = [p for party in parties for p in (party.person, party.agent) if p is not None]
    assert people and all(p.resident_id and p.birth_date for p in people)
    return people


def big_case_id(db: Database, actor: Actor) -> str:
    return mediation.resolve_case_id(db, actor, f"{mediation.local_today(db).year}-1")


def test_a_case_read_without_the_permission_has_no_birth_date(
    printing_db: Database, actor_of: ActorOf
) -> None:
    viewer = actor_of(printing_db, "chakan")  # 只读查看: mediation.view, not person.view_id
    assert not viewer.can(Permission.PERSON_VIEW_ID)
    case_id = big_case_id(printing_db, viewer)
    case = mediation.get_case(printing_db, viewer, case_id)
    seen = repr(case)
    for person in people_of(printing_db, case_id):
        assert leaks(seen, person.resident_id or "", person.birth_date) == [], person.name
    for party in case.parties:
        for view in (party.person, party.agent):
            if view is not None:
                assert view.birth_date is None and view.birth_year is not None
                assert candidates(view.resident_id, view.sex, days_of(view.birth_year)) >= MIN_CANDIDATES


def test_every_document_printed_without_the_permission_is_a_marked_copy_without_birth_dates(
    printing_db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    viewer = actor_of(printing_db, "chakan")
    printed = 0
    for case_id in mediation.list_case_ids(printing_db, viewer):
        people = people_of(printing_db, case_id)
        for kind in mediation_docs.KINDS:
            try:
                document = registry.produce(printing_db, viewer, kind, case_id, "预览")
            except registry.NotApplicable:
                continue
            pages = pdftext(document.pdf, tmp_path)
            assert document.reference_only and not document.full_ids
            assert len(pages) == document.pages
            assert all("仅供查阅，非正式文书" in page for page in pages), (kind, case_id)
            text = "".join(pages)
            for person in people:
                assert leaks(text, person.resident_id or "", person.birth_date) == [], (kind, person.name)
            printed += 1
    assert printed >= 20
    with printing_db.reading() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert last.username == "chakan" and '"full_ids": false' in last.detail


def test_the_agreement_printed_without_the_permission_states_ages_not_birth_dates(
    printing_db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    viewer = actor_of(printing_db, "chakan")
    case_id = big_case_id(printing_db, viewer)
    document = registry.get("mediation-agreement").render(printing_db, viewer, case_id)
    text = "".join(pdftext(document.pdf, tmp_path))
    case = mediation.get_case(printing_db, viewer, case_id)
    on = case.outcome_on or case.received_on
    for party in case.parties:
        if party.person is not None:
            assert f"{party.person.age_on(on)}岁" in text
            assert f"公民身份号码：{party.person.resident_id}" in text
    assert "日出生" not in text  # no 「1959年3月12日出生」, only the age


def test_a_reader_with_the_permission_still_gets_the_official_document(
    printing_db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    mediator = actor_of(printing_db, "tiaojie")  # 调解员: person.view_id
    case_id = big_case_id(printing_db, mediator)
    document = registry.produce(printing_db, mediator, "mediation-agreement", case_id, "打印")
    text = "".join(pdftext(document.pdf, tmp_path))
    assert document.full_ids and not document.reference_only
    assert "仅供查阅" not in text
    for person in people_of(printing_db, case_id):
        assert person.resident_id and person.resident_id in text
    party = next(p for p in people_of(printing_db, case_id) if p.birth_date)
    assert party.birth_date is not None and f"{party.birth_date.year}年{party.birth_date.month}月" in text
    with printing_db.reading() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    # Audited as a full view: who, which case, and that the full numbers were on it.
    assert (last.action, last.object_id, last.username) == ("打印文书", case_id, "tiaojie")
    assert '"full_ids": true' in last.detail


def test_the_command_line_prints_a_marked_copy_for_a_user_without_the_permission(
    towncentre: Towncentre, printing_db: Database, tmp_path: Path
) -> None:
    year = mediation.local_today(printing_db).year
    out = tmp_path / "agreement.pdf"
    done = towncentre(
        "print", "mediation-agreement", f"{year}-1", "--out", str(out),
        "--db", str(printing_db.path), "--user", "chakan", TOWNCENTRE_PASSWORD="demo2026",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "仅供查阅" in done.stdout
    pages = pdftext(out.read_bytes(), tmp_path, "cli")
    assert pages and all("仅供查阅，非正式文书" in page for page in pages)
    case_id = big_case_id(printing_db, SYSTEM_ACTOR)
    for person in people_of(printing_db, case_id):
        assert leaks("".join(pages), person.resident_id or "", person.birth_date) == []
