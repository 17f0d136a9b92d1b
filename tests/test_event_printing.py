"""事件交办单 and 督办通知单 read back: text (pdftotext), fonts (pdffonts), page numbers, notice numbers,
audit rows, and `towncentre print` for both kinds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock, Towncentre, copy_database, pdffonts, pdftotext
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.errors import NotFound, PermissionDenied
from desktop.models import AuditEntry, Event, Grid, MatterItem, User
from desktop.printing import assessment_docs, duty_docs, event_docs, mediation_docs, registry
from desktop.services import events
from desktop.services.accounts import auth, roles
from desktop.services.accounts.permissions import Actor
from desktop.services.events import EventInput
from desktop.services.events import documents as event_documents
from desktop.services.events import workflow as flow

PHONE = "13812345678"


def at_local(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC) - timedelta(hours=8)


def actor(db: Database, username: str) -> Actor:
    with db.reading() as session:
        user = session.scalar(
            select(User).where(User.username == username).options(selectinload(User.role_links))
        )
        assert user is not None
        return auth.build_actor(session, user)


def flat(value: str) -> str:
    return re.sub(r"\s+", "", value)


def pdftext(data: bytes, tmp_path: Path, name: str = "doc") -> list[str]:
    """One string per page, as pdftotext reads it (spaces and line breaks removed)."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return [flat(page) for page in pdftotext(path).split("\f")[: len(PdfReader(path).pages)]]


def layout_lines(data: bytes, tmp_path: Path) -> str:
    """The page as laid out, one flattened line per printed line: a form row's label and value share
    a line, so `label + value` is found only where the value stands beside its label."""
    path = tmp_path / "layout.pdf"
    path.write_bytes(data)
    return "\n".join(flat(line) for line in pdftotext(path, "-layout").splitlines())


def fonts_of(data: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = pdffonts(path)
    return [line.split() for line in out.splitlines()[2:]]


# --- the events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    db: Database
    overdue: str  # dispatched to a department, reminded, supervised after its deadline (Nat. Day between)
    long: str  # dispatched to a grid, a description over several pages, extended, supervised in time
    undispatched: str  # accepted only, yet supervised
    next_year: str  # dispatched into 2027, beyond the holiday table, supervised in 2027
    long_text: str


def _input(db: Database, **changes: Any) -> EventInput:
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "消防通道堵塞"))
        assert grid is not None and item is not None
    defaults = EventInput(
        channel="群众来访", occurred_at=db.clock() - timedelta(hours=3), community_id=grid.community_id,
        grid_id=grid.id, matter_item_id=item, title="清溪路18号3幢楼道堆放杂物堵塞消防通道",
        description="一至三楼楼道长期堆放旧家具和纸箱，夜间有人在楼道内给电动车充电，存在较大火灾隐患。",
        address="清溪路 18 号 3 幢楼道", reporter_name="张建国", reporter_phone=PHONE, urgency="较急",
        people_involved=12,
    )  # fmt: skip
    return replace(defaults, **changes)


@pytest.fixture(scope="module")
def scenario(demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    db = Database.open(copy_database(demo_db_file, tmp_path_factory.mktemp("evprint") / "towncentre.db"))
    clock = FakeClock(at_local(2026, 9, 24))  # a Thursday before the National Day week
    db.clock = clock
    operator, manager = actor(db, "shouli"), actor(db, "zhuren")

    overdue = events.create_event(db, operator, _input(db)).id
    clock.advance(hours=1)
    flow.dispatch(
        db, operator, overdue, department_code="ZJ03", limit_days=3, note="请会同物业清理楼道杂物，并反馈处置前后照片。"
    )  # fmt: skip
    clock.advance(hours=20)
    flow.sign(db, operator, overdue)
    clock.now = at_local(2026, 9, 29, 10)
    flow.remind(db, operator, overdue, "明日到期，请抓紧清理并反馈。")

    long_text = "".join(
        f"第{i}条：楼道第{i}处杂物堆放点已持续数月，群众多次反映未果，请一并清理。" for i in range(1, 61)
    )
    with db.reading() as session:
        grid_id = session.scalars(select(Grid.id).order_by(Grid.code)).first()
    long = events.create_event(db, operator, _input(db, title="楼道杂物长期堆放", description=long_text)).id
    flow.dispatch(db, operator, long, grid_id=grid_id, limit_days=10, note="请网格员逐处核实清理。")
    flow.sign(db, operator, long)
    flow.request_extension(db, operator, long, 3, "杂物点多，需协调物业分批清运")
    flow.decide_extension(db, manager, long, True, "同意")

    undispatched = events.create_event(db, operator, _input(db, title="广场夜间噪声扰民")).id

    clock.now = at_local(2026, 10, 9, 10)  # after the National Day holidays
    flow.supervise(db, operator, overdue, "该事件已超期，请于两个工作日内完成清理，书面说明超期原因。")
    clock.now = at_local(2026, 10, 12, 10)
    flow.supervise(db, operator, long, "请加快进度，按期办结。")
    flow.supervise(db, operator, undispatched, "请尽快分拨。")

    clock.now = at_local(2026, 12, 28)
    next_year = events.create_event(db, operator, _input(db, title="溪滩边护栏松动")).id
    flow.dispatch(db, operator, next_year, department_code="ZJ03", limit_days=7)
    clock.now = at_local(2027, 1, 4)
    flow.supervise(db, operator, next_year, "请在元旦后第一周内办结。")
    yield Scenario(db, overdue, long, undispatched, next_year, long_text)
    db.close()


def number_of(scenario: Scenario, event_id: str) -> str:
    with scenario.db.reading() as session:
        number = session.scalar(select(Event.number).where(Event.id == event_id))
        assert number is not None
        return number


@pytest.fixture
def operator(scenario: Scenario) -> Actor:
    return actor(scenario.db, "shouli")


# --- 事件交办单 ---------------------------------------------------------------------------------


def test_the_dispatch_sheet_states_the_order_on_one_page(
    scenario: Scenario, operator: Actor, tmp_path: Path
) -> None:
    db = scenario.db
    document = event_docs.render_dispatch_document(db, operator, scenario.overdue)
    pages = pdftext(document.pdf, tmp_path)
    text = "".join(pages)
    event = event_documents.dispatch_sheet(db, operator, scenario.overdue).event
    assert document.pages == len(pages) == 1 and "页共" not in text
    assert text.startswith("清溪镇综治中心事件交办单") and f"编号：{event.number}" in text
    rows = layout_lines(document.pdf, tmp_path)
    for field in (
        f"事件标题{event.title}", "来源渠道群众来访紧急程度较急", "反映人张建国联系电话138****5678",
        "事发地点清溪社区清溪一网格清溪路18号3幢楼道", "事项消防通道堵塞（0301001）事项类别公共安全／消防安全",
        "涉及人数12人受理人陈晓燕", "承办单位平安建设办公室（部门）联系人：徐国平0571-64810110",
        "办理时限3个工作日办理期限2026年9月30日", "交办人签名陈晓燕交办时间2026年9月24日10:00",
        "发生时间2026年9月24日06:00上报时间2026年9月24日09:00", "签收人签名签收时间年月日时分",
        "清溪镇综治中心（盖章）",
    ):  # fmt: skip
        assert flat(field) in rows, field
    for field in (event.description, "请会同物业清理楼道杂物，并反馈处置前后照片。", "（盖章）2026年9月24日"):
        assert flat(field) in text, field
    assert PHONE not in text, "the reporter's phone is masked"
    assert "超出节假日表" not in text and "延期" not in text.replace("确需延期", "")
    assert f"事件版本{event.ver}" in text
    for row in fonts_of(document.pdf, tmp_path):
        assert row[-5] == "yes", row  # emb


def test_a_long_description_runs_over_numbered_pages_without_losing_a_word(
    scenario: Scenario, operator: Actor, tmp_path: Path
) -> None:
    document = event_docs.render_dispatch_document(scenario.db, operator, scenario.long)
    pages = pdftext(document.pdf, tmp_path)
    total = len(pages)
    assert document.pages == total >= 2
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页共{total}页" in page
    text = "".join(pages)
    for sentence in re.findall(r"第\d+条：[^。]*。", scenario.long_text):
        assert sentence in text, sentence
    assert "清溪一网格（网格）" in text and "办理时限10个工作日" in text
    sheet = event_documents.dispatch_sheet(scenario.db, operator, scenario.long)
    assert sheet.extended_to is not None and sheet.deadline is not None
    assert sheet.extended_to > sheet.deadline
    day = sheet.extended_to
    assert f"经批准延期至{day.year}年{day.month}月{day.day}日" in text
    assert "签收人签名" in pages[-1] and "（盖章）" in pages[-1]


def test_a_deadline_beyond_the_holiday_table_is_flagged(
    scenario: Scenario, operator: Actor, tmp_path: Path
) -> None:
    document = event_docs.render_dispatch_document(scenario.db, operator, scenario.next_year)
    rows = layout_lines(document.pdf, tmp_path).splitlines()
    at = next(i for i, line in enumerate(rows) if "办理期限" in line)
    assert rows[at - 1 : at + 2] == ["2027年1月6日", "办理时限7个工作日办理期限", "（超出节假日表）"]


def test_a_postponement_moves_the_deadline_on_both_documents(
    scenario: Scenario, operator: Actor, tmp_path: Path
) -> None:
    db = scenario.db
    clock = db.clock
    assert isinstance(clock, FakeClock)
    clock.now = at_local(2027, 1, 4)  # a Monday; 2027 is beyond the holiday table: a normal week
    eid = events.create_event(db, operator, _input(db, title="江滨路路灯不亮")).id
    flow.dispatch(db, operator, eid, department_code="ZJ03", limit_days=5)  # due Monday 1-11
    flow.sign(db, operator, eid)
    flow.postpone(db, actor(db, "zhuren"), eid, "等待电力部门排期")
    clock.advance(days=7)
    flow.resume(db, operator, eid)  # held five working days: due 1-18
    clock.now = at_local(2027, 1, 29)  # a Friday
    flow.supervise(db, operator, eid, "已超期，请尽快修复。")
    sheet = event_documents.dispatch_sheet(db, operator, eid)
    assert (sheet.deadline, sheet.extended_to, sheet.moved_by) == (
        date(2027, 1, 11),
        date(2027, 1, 18),
        "挂账缓办后顺延",
    )
    text = "".join(pdftext(event_docs.render_dispatch_document(db, operator, eid).pdf, tmp_path))
    assert "挂账缓办后顺延至2027年1月18日" in text
    notice = event_documents.supervision_notice(db, operator, eid)
    assert notice.deadline == date(2027, 1, 18) and (notice.overdue_workdays, notice.overdue_days) == (9, 11)
    assert notice.number == "督办〔2027〕第2号"


# --- 督办通知单 ---------------------------------------------------------------------------------


def test_the_supervision_notice_counts_the_overdue_working_days(
    scenario: Scenario, operator: Actor, tmp_path: Path
) -> None:
    document = event_docs.render_notice_document(scenario.db, operator, scenario.overdue)
    pages = pdftext(document.pdf, tmp_path)
    text = "".join(pages)
    assert document.pages == len(pages) == 1
    notice = event_documents.supervision_notice(scenario.db, operator, scenario.overdue)
    # Due 9-30; by 10-9 only 10-8 and 10-9 were working days (10-1…10-7 is the National Day week).
    assert (notice.overdue_workdays, notice.overdue_days) == (2, 9)
    for field in (
        "清溪镇综治中心督办通知单督办〔2026〕第1号平安建设办公室：",
        f"你单位承办的“{notice.event.title}”事件（事件编号{notice.event.number}），办理期限为2026年9月30日，"
        "截至2026年10月9日仍未办结，已超期2个工作日（9天）。现予督办",
        notice.event.description, "督办要求该事件已超期，请于两个工作日内完成清理，书面说明超期原因。",
        # two working days after Friday 10-9: Saturday 10-10 is a make-up working day, then Monday 10-12
        "请于2026年10月12日前将办理进展和结果书面反馈清溪镇综治中心",
        "清溪镇综治中心（盖章）2026年10月9日",
    ):  # fmt: skip
        assert flat(field) in text, field
    rows = layout_lines(document.pdf, tmp_path)
    for field in (
        "承办单位平安建设办公室交办日期2026年9月24日", "办理时限3个工作日原定办理期限2026年9月30日",
        "超期情况已超期2个工作日（9天）此前催办1次，最近9月29日", "督办人陈晓燕联系电话0571-64812345",
        "签收人（签名）：签收时间：年月日",
    ):  # fmt: skip
        assert flat(field) in rows, field
    assert PHONE not in text and "138****5678" not in text, "the notice names no reporter"
    for row in fonts_of(document.pdf, tmp_path):
        assert row[-5] == "yes", row


def test_notice_numbers_follow_the_supervisions_of_the_year_and_do_not_change(
    scenario: Scenario, operator: Actor, tmp_path: Path
) -> None:
    db = scenario.db
    second = event_documents.supervision_notice(db, operator, scenario.long)
    assert second.number == "督办〔2026〕第2号" and second.sequence == 2
    assert event_documents.supervision_notice(db, operator, scenario.overdue).number == "督办〔2026〕第1号"
    # The undispatched event's 督办 (third of 2026) has no notice, but it still takes its place.
    assert event_documents.supervision_notice(db, operator, scenario.next_year).number == "督办〔2027〕第1号"
    # Supervised in time, with the extension approved before: the notice counts from the moved deadline.
    assert second.overdue_days == 0 and second.workdays_left > 0
    assert second.deadline == event_documents.dispatch_sheet(db, operator, scenario.long).extended_to
    text = "".join(pdftext(event_docs.render_notice_document(db, operator, scenario.long).pdf, tmp_path))
    assert f"尚未办结，距期限还有{second.workdays_left}个工作日" in text and "未超期" in text
    assert "督办〔2026〕第2号" in text and "清溪一网格：" in text
    late = "".join(pdftext(event_docs.render_notice_document(db, operator, scenario.next_year).pdf, tmp_path))
    assert "督办〔2027〕第1号" in late and "（超出节假日表）" in late


def test_documents_an_event_does_not_have_are_not_applicable(scenario: Scenario, operator: Actor) -> None:
    with pytest.raises(registry.NotApplicable, match="尚未分拨"):
        event_docs.render_dispatch_document(scenario.db, operator, scenario.undispatched)
    with pytest.raises(registry.NotApplicable, match="没有承办单位"):
        event_docs.render_notice_document(scenario.db, operator, scenario.undispatched)
    fresh = events.create_event(scenario.db, operator, _input(scenario.db, title="新上报事件")).id
    with pytest.raises(registry.NotApplicable, match="未被督办"):
        event_docs.render_notice_document(scenario.db, operator, fresh)
    supervised = event_documents.supervised_event_ids(scenario.db, operator)
    assert {scenario.overdue, scenario.long, scenario.undispatched, scenario.next_year} <= set(supervised)
    assert fresh not in supervised and supervised == sorted(supervised, key=lambda i: number_of(scenario, i))
    dispatched = event_documents.dispatched_event_ids(scenario.db, operator)
    assert (
        scenario.overdue in dispatched and scenario.undispatched not in dispatched and fresh not in dispatched
    )


# --- finding, permissions, audit ------------------------------------------------------------------


def test_an_event_is_found_by_number_or_id(scenario: Scenario, operator: Actor) -> None:
    db = scenario.db
    number = event_documents.dispatch_sheet(db, operator, scenario.overdue).event.number
    assert event_documents.resolve_event_id(db, operator, number) == scenario.overdue
    assert event_documents.resolve_event_id(db, operator, f" {number.lower()} ") == scenario.overdue
    assert event_documents.resolve_event_id(db, operator, scenario.overdue.upper()) == scenario.overdue
    with pytest.raises(NotFound, match="找不到事件"):
        event_documents.resolve_event_id(db, operator, "SJ3301271042026092499")


def test_printing_needs_the_event_view_permission(scenario: Scenario, operator: Actor) -> None:
    blind = Actor(
        operator.user_id, operator.username, operator.display_name, operator.role_codes, operator.role_names,
        frozenset(p for p in operator.permissions if p != "event.view"),
    )  # fmt: skip
    for kind in (event_docs.DISPATCH_KIND, event_docs.NOTICE_KIND):
        with pytest.raises(PermissionDenied):
            registry.get(kind).render(scenario.db, blind, scenario.overdue)
        with pytest.raises(PermissionDenied):
            registry.get(kind).resolve(scenario.db, blind, scenario.overdue)
        with pytest.raises(PermissionDenied):
            registry.get(kind).list_ids(scenario.db, blind)


def test_producing_a_document_audits_it_with_the_event_version(scenario: Scenario, operator: Actor) -> None:
    db = scenario.db
    document = registry.produce(db, operator, event_docs.NOTICE_KIND, scenario.overdue, "预览")
    assert document.pdf.startswith(b"%PDF") and document.title == "督办通知单（督办〔2026〕第1号）"
    with db.reading() as session:
        row = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert (row.action, row.object_type, row.object_id, row.username) == (
        "预览文书", "事件", scenario.overdue, "shouli"
    )  # fmt: skip
    assert f'"ver": {document.ver}' in row.detail and '"kind": "supervision-notice"' in row.detail
    assert "督办〔2026〕第1号" in row.summary


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture
def towncentre(towncentre: Towncentre, monkeypatch: pytest.MonkeyPatch) -> Towncentre:
    """The command with the demo users' password in TOWNCENTRE_PASSWORD, as a script would pass it."""
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", "demo2026")
    return towncentre


def test_cli_lists_the_event_kinds_first(towncentre: Towncentre) -> None:
    done = towncentre("print", "--kinds")
    assert done.returncode == 0, done.stderr
    names = [line.split("\t")[0] for line in done.stdout.splitlines()]
    assert names == [*event_docs.KINDS, *mediation_docs.KINDS, *duty_docs.KINDS, *assessment_docs.KINDS]
    assert "event-dispatch\t事件交办单\tEvent dispatch sheet" in done.stdout.splitlines()


def test_cli_prints_both_kinds_and_all_notices(
    towncentre: Towncentre, scenario: Scenario, operator: Actor, tmp_path: Path
) -> None:
    db = scenario.db
    db_file = str(db.path)
    number = event_documents.dispatch_sheet(db, operator, scenario.overdue).event.number
    sheet = tmp_path / "sheet.pdf"
    done = towncentre(
        "print", "event-dispatch", number, "--out", str(sheet), "--db", db_file, "--user", "shouli"
    )
    assert done.returncode == 0, done.stderr
    assert "事件交办单" in done.stdout and number in done.stdout
    assert "事件版本" in done.stdout and "案件" not in done.stdout, "an event is not a case"
    assert f"编号：{number}" in "".join(pdftext(sheet.read_bytes(), tmp_path, "sheet"))

    notice = tmp_path / "notice.pdf"
    done = towncentre(
        "print", "supervision-notice", scenario.overdue, "--out", str(notice), "--db", db_file,
        "--user", "shouli",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "督办〔2026〕第1号" in "".join(pdftext(notice.read_bytes(), tmp_path, "notice"))

    folder = tmp_path / "all"
    done = towncentre(
        "print", "supervision-notice", "--all", "--out-dir", str(folder), "--db", db_file, "--user", "shouli"
    )
    assert done.returncode == 0, done.stderr
    supervised = event_documents.supervised_event_ids(db, operator)
    applicable = len(supervised) - 1  # all but the undispatched one
    assert applicable >= 3
    assert f"已输出 {applicable} 份" in done.stdout and "（1 个事件没有此文书）" in done.stdout, done.stdout
    files = sorted(f.name for f in folder.glob("*.pdf"))
    assert len(files) == applicable and all(f.startswith("supervision-notice_SJ") for f in files)
    with db.reading() as session:
        details = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "打印文书", AuditEntry.object_type == "事件")
        ).all()
    assert sum('"purpose": "命令行"' in d for d in details) == 2 + applicable


def test_cli_refusals(towncentre: Towncentre, scenario: Scenario, tmp_path: Path) -> None:
    db_file = str(scenario.db.path)
    out = tmp_path / "x.pdf"
    admin = actor(scenario.db, "admin")
    viewer_role = next(r for r in roles.list_roles(scenario.db) if r.code == "viewer")
    roles.set_permissions(scenario.db, admin, "viewer", set(viewer_role.permissions) - {"event.view"})
    try:
        refused = towncentre(
            "print",
            "event-dispatch",
            scenario.overdue,
            "--out",
            str(out),
            "--db",
            db_file,
            "--user",
            "chakan",
        )
        assert refused.returncode == 1 and "权限" in refused.stderr and " / " in refused.stderr
    finally:
        roles.set_permissions(scenario.db, admin, "viewer", set(viewer_role.permissions))
    wrong = towncentre(
        "print", "event-dispatch", scenario.overdue, "--out", str(out), "--db", db_file, "--user", "shouli",
        TOWNCENTRE_PASSWORD="wrong-password",
    )  # fmt: skip
    assert wrong.returncode == 1
    unknown = towncentre(
        "print", "supervision-notice", "SJ000", "--out", str(out), "--db", db_file, "--user", "shouli"
    )
    assert unknown.returncode == 1 and "找不到事件" in unknown.stderr
    none = towncentre(
        "print",
        "event-dispatch",
        scenario.undispatched,
        "--out",
        str(out),
        "--db",
        db_file,
        "--user",
        "shouli",
    )
    assert none.returncode == 1 and "尚未分拨" in none.stderr
    assert not out.exists()
