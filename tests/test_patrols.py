"""Patrols and household visits (issue 13, 巡查、走访): the visit norms, who is behind them this month,
the coverage per worker and grid counted by hand on a small town, and bad input refused with nothing
written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest
from db_helpers import FakeClock, resident_id
from event_inputs import item_id
from sqlalchemy import func, select

from desktop.db import Database
from desktop.errors import PermissionDenied, UserError, ValidationError, ValidationErrors
from desktop.models import AuditEntry, Event, HouseholdVisit, PatrolLog, Person
from desktop.services import events
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor, Permission
from desktop.services.common.uow import unit_of_work
from desktop.services.events import EventInput
from desktop.services.workforce import grids, leave, patrols, roster, visits
from desktop.services.workforce.patrols import PatrolInput
from desktop.services.workforce.roster import WorkerInput
from desktop.services.workforce.visits import HouseholdInput, Norm, VisitInput

# 2026-03-20 10:00 in China, a Friday. March 2026 has no holidays: 15 working days from the 2nd to the 20th.
NOW = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)


def actor(*permissions: Permission) -> Actor:
    return Actor("", "tester", "测试", (), (), frozenset(p.value for p in permissions))


@dataclass
class Town:
    db: Database
    g1: str
    g2: str
    full_time: str  # 专职网格员 in 网格一 (person id)
    part_time: str  # 兼职网格员 in 网格一
    newcomer: str  # 专职网格员 in 网格二 since 2026-03-09
    poor: str  # 困难家庭 in 网格一
    ordinary: str  # 一般住户 in 网格一
    left: str  # 特殊人群 in 网格一, moved away in February
    remote: str  # 困难家庭 in 网格二
    community: str


def _post(db: Database, name: str, rid: str, post: str, start: date, grid_id: str) -> str:
    post_id = roster.add_worker_post(
        db, SYSTEM_ACTOR, WorkerInput(name, resident_id(rid), post, start, grid_id=grid_id)
    )
    return next(r.person_id for r in roster.grid_workers(db, SYSTEM_ACTOR, grid_id) if r.post_id == post_id)


@pytest.fixture
def town(town_db: Database) -> Town:
    db = town_db
    db.clock = FakeClock(NOW)
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        community = grids.add_community(uow, uow.town_code[:9] + "201", "桃源社区", "社区")
        g1 = grids.add_grid(uow, community, 1, "网格一", "综合网格", 300, 900).id
        g2 = grids.add_grid(uow, community, 2, "网格二", "综合网格", 200, 600).id
        community_id = community.id
    full_time = _post(db, "周巡查", "33012719800101001", "专职网格员", date(2025, 1, 1), g1)
    part_time = _post(db, "吴兼职", "33012719800102002", "兼职网格员", date(2025, 1, 1), g1)
    newcomer = _post(db, "郑新人", "33012719800103003", "专职网格员", date(2026, 3, 9), g2)

    def home(grid: str, label: str, category: str) -> str:
        return visits.add_household(
            db, SYSTEM_ACTOR,
            HouseholdInput(grid, label, category, head_name="王大伯", head_phone="13905712345"),
        )  # fmt: skip

    poor = home(g1, "1组3号", visits.DIFFICULT)
    ordinary = home(g1, "1组5号", visits.ORDINARY)
    left = home(g1, "1组8号", visits.SPECIAL)
    visits.end_household(db, SYSTEM_ACTOR, left, date(2026, 2, 15))
    remote = home(g2, "2组1号", visits.DIFFICULT)
    return Town(db, g1, g2, full_time, part_time, newcomer, poor, ordinary, left, remote, community_id)


def patrol(t: Town, person: str, grid: str, day: date, start: str = "08:30", end: str = "10:30") -> str:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return patrols.record_patrol(
        t.db, SYSTEM_ACTOR, PatrolInput(person, grid, day, time(h1, m1), time(h2, m2), "东街—菜市场—1组")
    )


def grid_report(t: Town, grid: str, reporter: str, day: date, channel: str = "网格员上报") -> None:
    assert isinstance(t.db.clock, FakeClock)
    t.db.clock.now = datetime(day.year, day.month, day.day, 3, 0, tzinfo=UTC)
    events.create_event(
        t.db, SYSTEM_ACTOR,
        EventInput(
            channel=channel, occurred_at=t.db.clock.now, community_id=t.community, grid_id=grid,
            matter_item_id=item_id(t.db), title="路灯不亮", description="1组路口路灯坏了三天。", address="1组路口",
            reporter_name=reporter, reporter_phone="13905711234",
        ),
    )  # fmt: skip
    t.db.clock.now = NOW


def fill_march(t: Town) -> None:
    """The month counted by hand in the tests below."""
    for day in (2, 3, 4):
        patrol(t, t.full_time, t.g1, date(2026, 3, day))
    patrol(t, t.full_time, t.g1, date(2026, 3, 4), "14:00", "15:00")  # a second round: still one day
    patrol(t, t.newcomer, t.g2, date(2026, 3, 10))
    leave_id = leave.request_leave(
        t.db,
        SYSTEM_ACTOR,
        leave.LeaveInput(t.full_time, "事假", date(2026, 3, 5), date(2026, 3, 6), "家中有事"),
    )
    leave.decide_leave(t.db, SYSTEM_ACTOR, leave_id, True)
    for household, person, day, way in (
        (t.poor, t.full_time, 3, "入户"),
        (t.ordinary, t.full_time, 3, "电话"),
        (t.poor, t.part_time, 10, "入户"),
    ):
        visits.record_visit(t.db, SYSTEM_ACTOR, VisitInput(household, person, date(2026, 3, day), way))
    grid_report(t, t.g1, "周巡查", date(2026, 3, 10))  # counts: his name, his grid
    grid_report(t, t.g2, "周巡查", date(2026, 3, 11))  # a namesake's report in another grid: does not
    grid_report(t, t.g1, "周巡查", date(2026, 3, 12), channel="来电")  # a phone call is not a patrol find
    grid_report(t, t.g1, "周巡查", date(2026, 2, 27))  # before the period


def test_norms_spread_over_their_period_and_round_down() -> None:
    twice_a_year = Norm("一般住户", "年", 2)
    assert [twice_a_year.due_by(m) for m in range(1, 13)] == [0] * 5 + [1] * 6 + [2]
    assert sum(twice_a_year.due_in(m) for m in range(1, 13)) == 2
    quarterly = Norm("特殊人群", "季度", 1)
    assert [quarterly.due_in(m) for m in range(1, 13)] == [0, 0, 1] * 4
    assert quarterly.period_start(2026, 8) == date(2026, 7, 1)
    monthly = Norm("困难家庭", "月", 1)
    assert [monthly.due_by(m) for m in (1, 6, 12)] == [1, 1, 1]
    assert monthly.text() == "每月至少1次"


def test_the_usual_norms_apply_until_the_town_sets_its_own(town: Town) -> None:
    db, manager = town.db, actor(Permission.DUTY_VIEW, Permission.GRID_EDIT)
    assert [(n.category, n.period, n.times, n.is_default) for n in visits.norms(db, manager)] == [
        ("困难家庭", "月", 1, True),
        ("特殊人群", "月", 1, True),
        ("一般住户", "年", 2, True),
    ]
    fill_march(town)
    # April: the difficult families have had no visit yet; the ordinary household is not due till June.
    assert {h.label for h in visits.households_behind(db, manager, 2026, 4)} == {"1组3号", "2组1号"}
    visits.set_norm(db, manager, "一般住户", "月", 1)
    behind = {h.label: h for h in visits.households_behind(db, manager, 2026, 4)}
    assert set(behind) == {"1组3号", "1组5号", "2组1号"}
    assert behind["1组5号"].norm == "每月至少1次" and behind["1组5号"].last_visit == date(2026, 3, 3)
    with pytest.raises(ValidationErrors) as refused:
        visits.set_norm(db, manager, "一般住户", "周", 0)
    assert {e.field for e in refused.value.errors} == {"period", "times"}
    with pytest.raises(PermissionDenied):
        visits.set_norm(db, actor(Permission.DUTY_VIEW), "一般住户", "年", 2)


def test_who_is_behind_this_month(town: Town) -> None:
    fill_march(town)
    reader = actor(Permission.DUTY_VIEW)
    behind = visits.households_behind(town.db, reader, 2026, 3)
    # 1组3号 was visited twice, 1组5号 is not due before June, 1组8号 moved away in February.
    assert [(h.label, h.done, h.due) for h in behind] == [("2组1号", 0, 1)]
    workers = {w.name: w for w in patrols.workers_behind(town.db, reader, 2026, 3)}
    assert set(workers) == {"周巡查", "郑新人"}, "the part-time worker carries no norm"
    # 15 working days to date, less two days of leave; patrols on three days (two rounds on the 4th).
    assert (workers["周巡查"].patrol_days, workers["周巡查"].working_days) == (3, 13)
    assert workers["周巡查"].households_behind == 0 and workers["周巡查"].patrols_short == 10
    # In post since Monday the 9th: ten working days to date, one patrol, one household unvisited.
    assert (
        workers["郑新人"].patrol_days,
        workers["郑新人"].working_days,
        workers["郑新人"].households_behind,
    ) == (
        1,
        10,
        1,
    )


def test_the_summary_for_the_assessment_counted_by_hand(town: Town) -> None:
    fill_march(town)
    rows = {
        r.name: r
        for r in patrols.patrol_summary(
            town.db, actor(Permission.DUTY_VIEW), date(2026, 3, 1), date(2026, 3, 31)
        )
    }
    full, part, new = rows["周巡查"], rows["吴兼职"], rows["郑新人"]
    assert (full.patrol_days, full.working_days, full.visits_done, full.visits_due, full.events_reported) == (
        3,
        13,
        2,
        1,  # 1组3号 monthly; 1组5号 nothing due in March; 1组8号 gone
        1,  # his own grid's 网格员上报 in March only
    )
    assert full.on_duty and full.patrol_rate == pytest.approx(3 / 13) and full.visit_rate == 1.0
    assert (part.patrol_days, part.working_days, part.visits_done, part.visits_due, part.on_duty) == (
        0,
        15,
        1,
        0,
        False,
    )
    assert (new.patrol_days, new.working_days, new.visits_done, new.visits_due) == (1, 10, 0, 1)
    by_grid = {
        g.grid_name: g
        for g in patrols.grid_coverage(
            town.db, actor(Permission.DUTY_VIEW), date(2026, 3, 1), date(2026, 3, 31)
        )
    }
    one, two = by_grid["网格一"], by_grid["网格二"]
    assert (
        one.patrol_days,
        one.working_days,
        one.households,
        one.households_due,
        one.households_at_norm,
    ) == (
        3,
        15,
        2,
        1,
        1,
    )
    assert (one.visits_done, one.visits_due) == (3, 1)
    assert (two.patrol_days, two.households, two.households_at_norm, two.visits_due) == (1, 1, 0, 1)
    listed = patrols.patrols(
        town.db, actor(Permission.DUTY_VIEW), date(2026, 3, 1), date(2026, 3, 31), person_id=town.full_time
    )
    assert [(p.day.day, p.start.hour) for p in listed] == [(4, 14), (4, 8), (3, 8), (2, 8)]
    assert listed[0].minutes == 60


def _counts(db: Database) -> tuple[int, int, int]:
    with db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(PatrolLog)) or 0,
            session.scalar(select(func.count()).select_from(HouseholdVisit)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_bad_input_is_refused_with_every_reason_and_nothing_is_written(town: Town) -> None:
    db = town.db
    before = _counts(db)
    with pytest.raises(ValidationErrors) as refused:
        patrols.record_patrol(
            db, SYSTEM_ACTOR,
            PatrolInput(town.full_time, town.g1, date(2026, 3, 21), time(10, 0), time(9, 0), " \x00 ", events_found=-1),
        )  # fmt: skip
    assert {e.field for e in refused.value.errors} == {"route", "end", "day", "events_found"}
    with pytest.raises(ValidationError, match="不在这个网格任职") as wrong_grid:
        patrol(town, town.full_time, town.g2, date(2026, 3, 2))
    assert wrong_grid.value.field == "person"
    with pytest.raises(ValidationError, match="最多"):
        patrols.record_patrol(
            db, SYSTEM_ACTOR,
            PatrolInput(town.full_time, town.g1, date(2026, 3, 2), time(8), time(9), "东街", "查" * 2001),
        )  # fmt: skip
    with pytest.raises(ValidationError, match="不在这户所在网格任职"):
        visits.record_visit(db, SYSTEM_ACTOR, VisitInput(town.remote, town.full_time, date(2026, 3, 2)))
    with pytest.raises(ValidationError, match="已注销"):
        visits.record_visit(db, SYSTEM_ACTOR, VisitInput(town.left, town.full_time, date(2026, 3, 2)))
    with pytest.raises(ValidationErrors):
        visits.record_visit(
            db, SYSTEM_ACTOR, VisitInput(town.poor, town.full_time, date(2026, 3, 25), "上门")
        )
    with pytest.raises(PermissionDenied):
        patrol_as_reader = PatrolInput(town.full_time, town.g1, date(2026, 3, 2), time(8), time(9), "东街")
        patrols.record_patrol(db, actor(Permission.DUTY_VIEW), patrol_as_reader)
    assert _counts(db) == before, "nothing written, not even an audit row"

    patrol(town, town.full_time, town.g1, date(2026, 3, 2))
    with pytest.raises(ValidationError, match="已有巡查记录"):
        patrol(town, town.full_time, town.g1, date(2026, 3, 2), "10:00", "11:00")
    visits.record_visit(db, SYSTEM_ACTOR, VisitInput(town.poor, town.full_time, date(2026, 3, 2)))
    with pytest.raises(UserError, match="已经登记过"):
        visits.record_visit(db, SYSTEM_ACTOR, VisitInput(town.poor, town.full_time, date(2026, 3, 2)))
    # Control characters are dropped, not stored.
    patrols.record_patrol(
        db,
        SYSTEM_ACTOR,
        PatrolInput(town.full_time, town.g1, date(2026, 3, 3), time(8), time(9), "东街\x07巡查"),
    )
    (cleaned,) = patrols.patrols(db, SYSTEM_ACTOR, date(2026, 3, 3), date(2026, 3, 3))
    assert cleaned.route == "东街巡查"
    # A patrol entered by mistake is removed (tombstoned): the list and the count forget it.
    patrols.remove_patrol(db, SYSTEM_ACTOR, cleaned.id)
    assert patrols.patrols(db, SYSTEM_ACTOR, date(2026, 3, 3), date(2026, 3, 3)) == []
    summary = patrols.patrol_summary(db, SYSTEM_ACTOR, date(2026, 3, 1), date(2026, 3, 31))
    assert next(r for r in summary if r.person_id == town.full_time).patrol_days == 1


def test_a_households_head_is_masked_like_any_person(town: Town) -> None:
    def first(reader: Actor) -> visits.HouseholdRow:
        return visits.households(town.db, reader, town.g1)[0]

    assert (first(actor(Permission.DUTY_VIEW)).head_name, first(actor(Permission.DUTY_VIEW)).head_phone) == (
        "王**",
        "139****2345",
    )
    grid_admin = actor(Permission.DUTY_VIEW, Permission.PERSON_VIEW)
    assert (first(grid_admin).head_name, first(grid_admin).head_phone) == ("王大伯", "139****2345")
    manager = actor(Permission.DUTY_VIEW, Permission.PERSON_VIEW, Permission.PERSON_VIEW_ID)
    assert first(manager).head_phone == "13905712345"
    with town.db.reading() as session:
        details = session.scalars(select(AuditEntry.detail).where(AuditEntry.object_type == "住户")).all()
    assert details and not any("13905712345" in d or "王大伯" in d for d in details)


def test_a_grid_workers_report_is_linked_to_the_worker_and_still_counts_after_a_rename(town: Town) -> None:
    fill_march(town)
    with town.db.reading() as session:
        linked = dict(
            session.execute(
                select(Event.grid_id, Event.reporter_person_id).where(
                    Event.channel == "网格员上报", Event.reported_at >= datetime(2026, 3, 1, tzinfo=UTC)
                )
            ).all()
        )
    # Only in his own grid is 周巡查 a worker of that name; the namesake in 网格二 stays a name.
    assert linked == {town.g1: town.full_time, town.g2: None}
    with unit_of_work(town.db, SYSTEM_ACTOR) as uow:
        person = uow.session.get(Person, town.full_time)
        assert person is not None
        person.name = "周巡察"  # a typo put right in the registry after the report
    rows = {
        r.name: r
        for r in patrols.patrol_summary(
            town.db, actor(Permission.DUTY_VIEW), date(2026, 3, 1), date(2026, 3, 31)
        )
    }
    assert rows["周巡察"].events_reported == 1
