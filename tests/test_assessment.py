"""考核评估 through the services: each indicator against a hand-counted month, scoring, grades,
adjustments within a rule's cap, appeals, freezing and reopening, roll-up, quarter and year."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock, copy_database, resident_id
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import AuditEntry, Grid, GridWorker, MatterItem, Person, User
from desktop.services import events, mediation
from desktop.services.accounts import auth
from desktop.services.accounts.permissions import Actor
from desktop.services.assessment import reports, scoring
from desktop.services.assessment import scheme as schemes
from desktop.services.events import EventInput
from desktop.services.events import workflow as flow
from desktop.services.mediation import AgreementInput, CaseInput, PartyInput, SessionInput
from desktop.services.people.persons import PersonInput
from desktop.services.workforce import attendance, patrols

ActorOf = Callable[[Database, str], Actor]
CHINA = timedelta(hours=8)
DEC_1 = date(2026, 12, 1)


def at_local(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC) - CHINA


@dataclass(frozen=True)
class Month:
    """November 2026 in 清溪一网格, counted by hand; W is its 专职网格员."""

    db: Database
    grid_id: str
    community_id: str
    worker_id: str
    worker_name: str
    ids: dict[str, str]


def _event(db: Database, grid: Grid, item_id: str, **changes: Any) -> EventInput:
    base = EventInput(
        channel="网格员上报", occurred_at=db.clock() - timedelta(hours=1), community_id=grid.community_id,
        grid_id=grid.id, matter_item_id=item_id, title="楼道堆物堵塞消防通道", description="三单元楼道堆放杂物。",
        address="清溪路 18 号", reporter_name="", reporter_phone="13905711234",
    )  # fmt: skip
    return replace(base, **changes)


def _actor(db: Database, username: str) -> Actor:
    with db.reading() as session:
        user = session.scalar(
            select(User).where(User.username == username).options(selectinload(User.role_links))
        )
        assert user is not None
        return auth.build_actor(session, user)


@pytest.fixture(scope="module")
def month_file(demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Month]]:
    """The hand-counted month, built once for the module; each test gets a copy (`month`)."""
    db = Database.open(copy_database(demo_db_file, tmp_path_factory.mktemp("assessment") / "towncentre.db"))
    try:
        yield db.path, _fill_month(db)
    finally:
        db.close()


@pytest.fixture
def month(month_file: tuple[Path, Month], tmp_path: Path) -> Iterator[Month]:
    source, built = month_file
    db = Database.open(copy_database(source, tmp_path / "towncentre.db"))
    db.clock = FakeClock(at_local(2026, 12, 1))
    yield replace(built, db=db)
    db.close()


def _fill_month(db: Database) -> Month:
    clock = FakeClock(at_local(2026, 11, 2))  # a Monday
    db.clock = clock
    operator, manager = _actor(db, "shouli"), _actor(db, "zhuren")
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        assert grid is not None
        session.expunge(grid)
        worker_id, name = session.execute(
            select(Person.id, Person.name)
            .join(GridWorker, GridWorker.person_id == Person.id)
            .where(GridWorker.grid_id == grid.id, GridWorker.post == "专职网格员")
        ).one()
        item_id = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        assert item_id is not None
    ids: dict[str, str] = {}

    def new(key: str, **changes: Any) -> str:
        ids[key] = events.create_event(db, operator, _event(db, grid, item_id, **changes)).id
        return ids[key]

    # E1: found and solved on the spot by W (reported, bonus).
    new("E1", reporter_name=name, solved_on_spot=True, on_spot_note="当场劝离")
    # E2: reported by W, dispatched back to the grid, done on time, 满意.
    e2 = new("E2", reporter_name=name)
    flow.dispatch(db, operator, e2, grid_id=grid.id, limit_days=3)  # due 11-05
    flow.sign(db, operator, e2)
    flow.feedback(db, operator, e2, solved=True, note="已清理")
    flow.verify(db, operator, e2, passed=True)
    flow.callback(db, operator, e2, "满意")
    flow.close(db, operator, e2)
    # E3: a walk-in, due 11-04, done on 11-06 (late), failed verification, then 不满意, then 满意.
    e3 = new("E3", channel="群众来访", reporter_name="李梅")
    flow.dispatch(db, operator, e3, grid_id=grid.id, limit_days=2)
    flow.sign(db, operator, e3)
    # E4: a grid report by someone else: not W's.
    new("E4", reporter_name="路人甲")
    clock.now = at_local(2026, 11, 6)
    flow.feedback(db, operator, e3, solved=True, note="已调解")
    flow.verify(db, operator, e3, passed=False, note="仍有争执")
    flow.feedback(db, operator, e3, solved=True, note="再次调解")
    flow.verify(db, operator, e3, passed=True)
    flow.callback(db, operator, e3, "不满意", "赔偿不到位")
    flow.feedback(db, operator, e3, solved=True, note="协调赔偿")
    flow.verify(db, operator, e3, passed=True)
    flow.callback(db, operator, e3, "满意")
    # E5: due 11-13 and never done: overdue. E6: due in December: not judged in November.
    e5 = new("E5", channel="来电", reporter_name="王强")
    flow.dispatch(db, operator, e5, grid_id=grid.id, limit_days=5)
    e6 = new("E6", channel="来电", reporter_name="赵六")
    flow.dispatch(db, operator, e6, grid_id=grid.id, limit_days=30)
    # Attendance: W punches every working day of November but the 2nd and the 3rd (21 working days).
    clock.now = at_local(2026, 12, 1)
    day = date(2026, 11, 4)
    while day.month == 11:
        if day.weekday() < 5:
            attendance.add_punch(db, manager, worker_id, datetime(day.year, day.month, day.day, 8, 10))
            attendance.add_punch(db, manager, worker_id, datetime(day.year, day.month, day.day, 17, 40))
        day += timedelta(days=1)
    # Patrols: the demo's are replaced by W patrolling every working day of November (21).
    with closing(sqlite3.connect(db.path)) as conn, conn:
        conn.execute("DELETE FROM patrol_log WHERE person_id = ? AND day LIKE '2026-11-%'", (worker_id,))
    day = date(2026, 11, 2)
    while day.month == 11:
        if day.weekday() < 5:
            patrols.record_patrol(
                db, manager, patrols.PatrolInput(worker_id, grid.id, day, time(9), time(11), "清溪路一带")
            )
        day += timedelta(days=1)
    return Month(db, grid.id, grid.community_id, worker_id, name, ids)


def _result_of(db: Database, actor: Actor, period_id: str, person_id: str) -> reports.RankRow:
    board = reports.ranking(db, actor, period_id)
    return next(r for r in board.rows if r.person_id == person_id)


def test_each_indicator_matches_the_hand_count(month: Month, actor_of: ActorOf) -> None:
    db, manager = month.db, actor_of(month.db, "zhuren")
    period_id = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    row = _result_of(db, manager, period_id, month.worker_id)
    sheet = reports.sheet(db, manager, row.result_id)
    found = {i.code: i for i in sheet.indicators}
    e = month.ids
    assert (found["reported"].count, set(found["reported"].ids)) == (2, {e["E1"], e["E2"]})
    assert found["on_spot"].ids == (e["E1"],)
    on_time = found["on_time"]
    assert (on_time.count, on_time.total) == (1, 3)
    assert set(on_time.ids) == {e["E2"], e["E3"], e["E5"]} and on_time.hits == (e["E2"],)
    assert set(found["overdue"].ids) == {e["E3"], e["E5"]}
    assert found["rework"].ids == (e["E3"], e["E3"])  # failed verification, then 不满意
    satisfaction = found["satisfaction"]
    assert (satisfaction.count, satisfaction.total) == (2, 3)
    assert (found["attendance"].count, found["attendance"].total) == (19, 21)
    assert found["absences"].count == 2 and len(found["attendance"].ids) == 38
    assert (found["patrol"].count, found["patrol"].total, len(found["patrol"].ids)) == (21, 21, 21)
    assert found["patrol_missed"].count == 0
    assert (found["mediation"].count, found["mediation"].total) == (0, 0)
    points = {line.code: line.points for line in sheet.lines}
    assert points == {
        "reported": 4, "on_time": 6.67, "overdue": -4, "rework": -4, "patrol": 15, "patrol_missed": 0,
        "attendance": 13.57, "absences": -4, "satisfaction": 10, "mediation": 15, "on_spot": 1,
    }  # fmt: skip
    assert sheet.score == 53.24 and sheet.grade == "不合格"
    # Full marks with nothing to judge say so; a count of none is only its number.
    shown = {line.code: line.shown for line in sheet.lines}
    assert shown["mediation"] == "无考核对象，按满分计" and shown["patrol_missed"] == "0"
    assert shown["on_time"] == "1/3（33%）"
    assert sheet.scheme.version == 1 and sheet.period_name == "2026年11月"
    # Click-through: the events behind 按期办结率, with the one counted as on time marked.
    behind = reports.records_behind(db, manager, on_time)
    assert {(r.id, r.counted) for r in behind} == {(e["E2"], True), (e["E3"], False), (e["E5"], False)}
    # Another worker of the grid shares its handling but reported nothing.
    others = [
        r
        for r in reports.ranking(db, manager, period_id).rows
        if r.grid == sheet.grid and r.person_id != month.worker_id
    ]
    assert others
    other = {i.code: i for i in reports.sheet(db, manager, others[0].result_id).indicators}
    assert other["reported"].count == 0 and other["on_time"].total == 3


def test_mediation_success_counts_cases_from_the_grids_events(month: Month, actor_of: ActorOf) -> None:
    db, manager, mediator = month.db, actor_of(month.db, "zhuren"), actor_of(month.db, "tiaojie")
    clock = db.clock
    assert isinstance(clock, FakeClock)
    clock.now = at_local(2026, 11, 20)
    mediator_ids = [m.id for m in mediation.list_mediators(db, mediator)][:1]
    cases = []
    for n, key in enumerate(("E3", "E5")):
        data = CaseInput(
            source=mediation.SOURCE_APPLICATION, dispute_type="邻里", summary="楼道堆物引发争执。",
            requests="请求清理。", received_on=date(2026, 11, 16), event_id=month.ids[key],
            parties=[
                PartyInput(side=1, person=PersonInput(name="张建国", resident_id=resident_id(f"3301271970010120{n}"))),
                PartyInput(side=2, person=PersonInput(name="李梅", phone="13800001111")),
            ],
            mediator_ids=mediator_ids,
        )  # fmt: skip
        changes = mediation.case_from_event(db, mediator, month.ids[key], data)
        case_id = changes.case_ids[0]
        cases.append(case_id)
        mediation.accept_case(db, mediator, case_id, date(2026, 11, 16))
        mediation.record_session(
            db, mediator, case_id,
            SessionInput(occurred_at=clock.now - timedelta(hours=1), place="调解室", record="双方陈述",
                         result="达成协议" if key == "E3" else "未达成协议", parties_present="张建国、李梅"),
        )  # fmt: skip
    mediation.record_agreement(
        db, mediator, cases[0],
        AgreementInput(signed_on=date(2026, 11, 20), facts="堆物。", disputed_matters="清理。",
                       responsibility="双方。", terms="三日内清理。", performance_manner="自行清理"),
    )  # fmt: skip
    mediation.record_failure(db, mediator, cases[1], date(2026, 11, 20), "分歧大", ["司法"])
    clock.now = at_local(2026, 12, 1)
    period_id = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    sheet = reports.sheet(db, manager, _result_of(db, manager, period_id, month.worker_id).result_id)
    found = {i.code: i for i in sheet.indicators}
    assert (found["mediation"].count, found["mediation"].total) == (1, 2)
    assert found["mediation"].hits == (cases[0],)
    assert {line.code: line.points for line in sheet.lines}["mediation"] == 7.5


def test_grades_follow_the_thresholds_and_a_new_version_leaves_old_periods_alone(
    month: Month, actor_of: ActorOf
) -> None:
    db, manager = month.db, actor_of(month.db, "zhuren")
    scheme = schemes.current_scheme(db, manager)
    assert [scheme.grade(s) for s in (95, 94.99, 80, 79.9, 70, 69.99)] == [
        "优秀", "合格", "合格", "基本合格", "基本合格", "不合格",
    ]  # fmt: skip
    period_id = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    lenient = schemes.save_scheme(
        db, manager,
        schemes.SchemeInput("宽松方案", 40, schemes.DEFAULT_ITEMS, grade_excellent=90, grade_pass=60, grade_basic=50),
    )  # fmt: skip
    assert lenient.version == 2
    with pytest.raises(ValidationError):
        schemes.save_scheme(db, manager, schemes.SchemeInput("乱序", 0, schemes.DEFAULT_ITEMS, 80, 90, 70))
    # Recomputing keeps the version the period was computed with ...
    scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    row = _result_of(db, manager, period_id, month.worker_id)
    assert (row.score, row.grade) == (53.24, "不合格")
    # ... unless the manager asks for the current one: base 40 and lower thresholds.
    scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1, use_current_scheme=True)
    row = _result_of(db, manager, period_id, month.worker_id)
    assert (row.score, row.grade) == (93.24, "优秀")
    assert reports.sheet(db, manager, row.result_id).scheme.version == 2


def test_adjustments_keep_within_a_rules_cap_and_appeals_give_points_back(
    month: Month, actor_of: ActorOf
) -> None:
    db, manager, grid_admin = month.db, actor_of(month.db, "zhuren"), actor_of(month.db, "wangge")
    period_id = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    result_id = _result_of(db, manager, period_id, month.worker_id).result_id
    with pytest.raises(PermissionDenied):
        scoring.adjust(db, grid_admin, result_id, "抽查发现", rule_code="missed_find", count=1)
    with pytest.raises(ValidationError, match="原因"):
        scoring.adjust(db, manager, result_id, " ", points=2)
    assert (
        scoring.adjust(db, manager, result_id, "抽查三户不知网格员", rule_code="missed_find", count=3) == -6
    )
    assert (
        scoring.adjust(db, manager, result_id, "再查两户", rule_code="missed_find", count=3) == -4
    )  # cap 10
    with pytest.raises(UserError, match="上限"):
        scoring.adjust(db, manager, result_id, "又查一户", rule_code="missed_find", count=1)
    with pytest.raises(ValidationError, match="系统按记录计算"):
        scoring.adjust(db, manager, result_id, "不应手工", rule_code="overdue", count=1)
    assert scoring.adjust(db, manager, result_id, "协助疫苗接种宣传", points=3) == 3
    sheet = reports.sheet(db, manager, result_id)
    assert (sheet.adjustment, sheet.score) == (-7, 46.24)
    assert [a.rule_label for a in sheet.adjustments] == ["应发现未发现", "应发现未发现", "手工调整"]
    # Appeals: the grid admin takes them, the manager decides.
    appealable = {line.code for line in sheet.lines if line.appealable}
    assert appealable == {"overdue", "rework", "absences"}
    with pytest.raises(ValidationError, match="扣分项"):
        scoring.file_appeal(db, grid_admin, result_id, "reported", "不服")
    upheld = scoring.file_appeal(db, grid_admin, result_id, "overdue", "E5 因上级暂缓，不应计逾期")
    with pytest.raises(UserError, match="已有申诉"):
        scoring.file_appeal(db, grid_admin, result_id, "overdue", "再次申诉")
    rejected = scoring.file_appeal(
        db, grid_admin, result_id, f"adj:{sheet.adjustments[0].id}", "抽查户不在本网格"
    )
    with pytest.raises(UserError, match="申诉没有处理"):
        scoring.confirm(db, manager, period_id)
    with pytest.raises(PermissionDenied):
        scoring.decide_appeal(db, grid_admin, upheld, True, "同意")
    scoring.decide_appeal(db, manager, upheld, True, "经核实，E5 已批准缓办")
    scoring.decide_appeal(db, manager, rejected, False, "抽查记录属实")
    sheet = reports.sheet(db, manager, result_id)
    assert (sheet.adjustment, sheet.score) == (-3, 50.24)
    assert [(a.state, a.decision_note) for a in sheet.appeals] == [
        ("支持", "经核实，E5 已批准缓办"), ("驳回", "抽查记录属实"),
    ]  # fmt: skip
    # A recompute keeps the adjustments and decisions.
    scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    assert reports.sheet(db, manager, result_id).score == 50.24
    with db.reading() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == result_id)))
    assert {"考核调整", "考核申诉", "处理考核申诉"} <= actions


def test_a_confirmed_period_is_frozen_until_a_manager_reopens_it(month: Month, actor_of: ActorOf) -> None:
    db, manager, grid_admin = month.db, actor_of(month.db, "zhuren"), actor_of(month.db, "wangge")
    with pytest.raises(PermissionDenied):
        scoring.compute(db, grid_admin, scoring.MONTH, 2026, 11, today=DEC_1)
    period_id = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    result_id = _result_of(db, manager, period_id, month.worker_id).result_id
    scoring.confirm(db, manager, period_id)
    for attempt in (
        lambda: scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1),
        lambda: scoring.adjust(db, manager, result_id, "补扣", points=-1),
        lambda: scoring.confirm(db, manager, period_id),
    ):
        with pytest.raises(UserError, match="已确认"):
            attempt()
    # An appeal may still be taken; it is decided once the period is reopened.
    appeal = scoring.file_appeal(db, grid_admin, result_id, "absences", "两天为公出")
    with pytest.raises(UserError, match="已确认"):
        scoring.decide_appeal(db, manager, appeal, True, "属实")
    with pytest.raises(PermissionDenied):
        scoring.reopen(db, grid_admin, period_id, "发现漏算")
    with pytest.raises(ValidationError):
        scoring.reopen(db, manager, period_id, "")
    scoring.reopen(db, manager, period_id, "申诉需要处理")
    scoring.decide_appeal(db, manager, appeal, True, "公出单已补")
    assert reports.sheet(db, manager, result_id).score == 57.24
    scoring.confirm(db, manager, period_id)
    with db.reading() as session:
        audit = [
            (a.action, a.summary)
            for a in session.scalars(
                select(AuditEntry).where(AuditEntry.object_id == period_id).order_by(AuditEntry.seq)
            )
        ]
    actions = [a for a, _ in audit]
    assert actions.count("确认考核") == 2 and "计算考核" in actions
    assert ("重新开启考核", "2026年11月：申诉需要处理") in audit
    assert [p.state for p in reports.periods(db, manager)] == ["已确认"]


def test_grids_roll_up_to_communities_as_means(month: Month, actor_of: ActorOf) -> None:
    db, manager = month.db, actor_of(month.db, "zhuren")
    period_id = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    scoring.adjust(
        db, manager, _result_of(db, manager, period_id, month.worker_id).result_id, "表扬", points=10
    )
    board = reports.ranking(db, manager, period_id)
    grids, communities = reports.rollup(db, manager, period_id)
    mine = [r.score for r in board.rows if r.grid == "清溪一网格"]
    grid = next(g for g in grids if g.name == "清溪一网格")
    assert grid.members == len(mine) and grid.score == reports.mean_score(mine)
    qingxi = [g.score for g in grids if g.community == "清溪社区"]
    community = next(c for c in communities if c.name == "清溪社区")
    assert community.members == len(qingxi) == 4
    assert community.score == reports.mean_score(qingxi)
    assert reports.mean_score([54.14, 52.0, 51.57, 40.19]) == 49.48, "half up, whatever the float sum"
    assert grids[0].rank == 1 and all(a.score >= b.score for a, b in pairwise(grids))
    # Ranks: best first; equal scores share a rank and the next one skips.
    ranks = [(r.score, r.rank) for r in board.rows]
    assert ranks[0][1] == 1 and all(a[0] >= b[0] for a, b in pairwise(ranks))
    for (s1, r1), (s2, r2) in pairwise(ranks):
        assert r2 == (r1 if s1 == s2 else ranks.index((s2, r2)) + 1)


def test_quarter_is_the_mean_of_its_months_and_the_year_weights_the_halves(
    month: Month, actor_of: ActorOf
) -> None:
    db, manager = month.db, actor_of(month.db, "zhuren")
    with pytest.raises(UserError, match="月度考核"):
        scoring.compute(db, manager, scoring.QUARTER, 2026, 4, today=DEC_1)
    may = scoring.compute(db, manager, scoring.MONTH, 2026, 5, today=DEC_1)
    october = scoring.compute(db, manager, scoring.MONTH, 2026, 10, today=DEC_1)
    november = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    worker = month.worker_id
    scores = {p: _result_of(db, manager, p, worker).score for p in (may, october, november)}
    quarter = scoring.compute(db, manager, scoring.QUARTER, 2026, 4, today=DEC_1)
    q_row = _result_of(db, manager, quarter, worker)
    assert q_row.score == round((scores[october] + scores[november]) / 2, 2)
    q_sheet = reports.sheet(db, manager, q_row.result_id)
    assert [line.label for line in q_sheet.lines] == ["2026年10月", "2026年11月"]
    assert q_sheet.lines[0].ref == _result_of(db, manager, october, worker).result_id
    year = scoring.compute(db, manager, scoring.YEAR, 2026, 1, today=DEC_1)
    expected = 0.4 * scores[may] + 0.6 * (scores[october] + scores[november]) / 2
    assert _result_of(db, manager, year, worker).score == round(expected, 2)
    with pytest.raises(UserError, match="尚未开始"):
        scoring.compute(db, manager, scoring.MONTH, 2027, 1, today=DEC_1)
    assert scoring.parse_period("2026-Q4") == (scoring.QUARTER, 2026, 4)
    assert reports.find_period_id(db, manager, "2026") == year
    assert [p.code for p in reports.periods(db, manager)] == [
        "2026-11",
        "2026-10",
        "2026-05",
        "2026-Q4",
        "2026",
    ]


def test_the_ranking_exports_to_xlsx_with_its_audit_row(
    month: Month, actor_of: ActorOf, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    db, manager = month.db, actor_of(month.db, "zhuren")
    period_id = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    target = tmp_path / "排名.xlsx"
    count = reports.export_ranking(db, manager, period_id, target)
    book = load_workbook(target)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == reports.RANKING_HEADERS and len(rows) == count + 1
    assert any(r[1] == month.worker_name and r[7] == "53.24" for r in rows[1:])
    assert [s.title for s in book.worksheets] == ["2026年11月考核排名", "网格", "村（社区）"]


def _pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_printed_sheet_and_ranking_read_back(month: Month, actor_of: ActorOf, tmp_path: Path) -> None:
    from desktop.printing import registry

    db, manager, grid_admin = month.db, actor_of(month.db, "zhuren"), actor_of(month.db, "wangge")
    period_id = scoring.compute(db, manager, scoring.MONTH, 2026, 11, today=DEC_1)
    result_id = _result_of(db, manager, period_id, month.worker_id).result_id
    scoring.adjust(db, manager, result_id, "抽查一户不知网格员", rule_code="missed_find", count=1)
    appeal = scoring.file_appeal(db, grid_admin, result_id, "absences", "两天为公出")
    scoring.decide_appeal(db, manager, appeal, False, "无公出审批单")
    kind = registry.get("assessment-sheet")
    assert kind.resolve(db, manager, f"2026-11:{month.worker_name}") == result_id
    with pytest.raises(UserError, match="没有"):
        kind.resolve(db, manager, "2026-11:无此人")
    sheet = registry.produce(db, manager, "assessment-sheet", result_id, "预览")
    out = tmp_path / "sheet.pdf"
    out.write_bytes(sheet.pdf)
    text = _pdf_text(out)
    assert "2026年11月网格员考核表" in text and month.worker_name in text and "清溪一网格" in text
    for words in (
        "按期办结率",
        "1/3（33%）",
        "19/21（90%）",
        "21/21（100%）",
        "被考核人（签名）",
        "考核人（签名）",
        "应发现未发现",
        "抽查一户不知网格员",
    ):
        assert words in text, words
    assert "最终得分51.24" in text and "排名第" in text and "驳回：无公出审批单" in text
    ranking = registry.produce(db, manager, "assessment-ranking", period_id, "预览")
    out.write_bytes(ranking.pdf)
    text = _pdf_text(out)
    assert "2026年11月网格员考核排名表" in text and "村（社区）排名" in text
    assert all(r.name in text for r in reports.ranking(db, manager, period_id).rows) and "枫林村" in text
    with db.reading() as session:
        previewed = session.scalars(
            select(AuditEntry.object_type).where(
                AuditEntry.action == "预览文书", AuditEntry.object_type.like("考核%")
            )
        ).all()
    assert sorted(previewed) == ["考核排名表", "考核表"]
