"""Patrols (巡查): a grid worker's patrol log, who is behind the norm in a month, and the coverage per
worker and grid over a period that the assessment scores.

The norms: a worker in a DUTY_POSTS post patrols every working day (the working-day calendar; days on
approved leave other than 公出/外勤 are not due) and keeps the households of their grids at their visit
norm (visits.py). Other posts' patrols and visits are recorded and counted but nothing falls due to them.

Events a worker reported count as found in patrol: channel 网格员上报, and either the event's reporter
is the worker's person (`reporter_person_id`, which intake fills when exactly one worker of the reporter's
name holds a post in the event's grid) or, for older events and ambiguous names, it has no reporter
person, the reporter's name is the worker's and the event lies in one of the worker's grids.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.clock import CHINA_TZ
from desktop.db import Database
from desktop.errors import NotFound, ValidationError, raise_all
from desktop.models import Event, Grid, GridWorker, Household, HouseholdVisit, PatrolLog, Person
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import workdays
from desktop.services.common.text import PATROL_FINDINGS, PATROL_ROUTE, clean_block
from desktop.services.common.uow import unit_of_work
from desktop.services.workforce.attendance import POST_ORDER, leave_kinds, today
from desktop.services.workforce.leave import FIELD_WORK
from desktop.services.workforce.visits import behind_in, held_post, month_end, norms_in

DUTY_POSTS = ("专职网格员",)
GRID_REPORT = "网格员上报"
MAX_EVENTS_FOUND = 99
MAX_PERIOD_DAYS = 366


# --- recording and listing -----------------------------------------------------------------------


@dataclass(frozen=True)
class PatrolInput:
    person_id: str
    grid_id: str
    day: date
    start: time
    end: time
    route: str = ""
    findings: str = ""
    events_found: int = 0


@dataclass(frozen=True)
class PatrolRow:
    id: str
    day: date
    start: time
    end: time
    person_id: str
    name: str
    grid_id: str
    grid_name: str
    route: str
    findings: str
    events_found: int

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


def record_patrol(db: Database, actor: Actor, data: PatrolInput) -> str:
    """One patrol; every problem with the form is reported at once and nothing is written."""
    actor.require(Permission.DUTY_EDIT)
    route = clean_block(data.route, "route", PATROL_ROUTE, ("巡查路线", "route"))
    findings = clean_block(data.findings, "findings", PATROL_FINDINGS, ("发现情况", "findings"))
    start, end = data.start.replace(second=0, microsecond=0), data.end.replace(second=0, microsecond=0)
    problems = []
    if not route:
        problems.append(ValidationError("请填写巡查路线或地点。", "Say where the patrol went.", "route"))
    if end <= start:
        problems.append(
            ValidationError("结束时间应晚于开始时间。", "The patrol ends after it starts.", "end")
        )
    if data.day > today(db):
        problems.append(ValidationError("巡查日期不能晚于今天。", "A patrol cannot be in the future.", "day"))
    if not 0 <= data.events_found <= MAX_EVENTS_FOUND:
        problems.append(
            ValidationError(
                f"发现问题数应在 0–{MAX_EVENTS_FOUND} 之间。", f"Problems found: 0–{MAX_EVENTS_FOUND}.",
                "events_found",
            )
        )  # fmt: skip
    with unit_of_work(db, actor) as uow:
        if uow.session.get(Person, data.person_id) is None:
            raise NotFound("找不到该人员。", "Person not found.")
        grid = uow.session.get(Grid, data.grid_id)
        if grid is None or grid.deleted_at is not None:
            problems.append(ValidationError("请选择网格。", "Choose the grid.", "grid"))
        elif not held_post(uow.session, data.person_id, data.grid_id, data.day):
            problems.append(
                ValidationError(
                    "该人员当日不在这个网格任职。", "This worker had no post in that grid that day.", "person"
                )
            )
        raise_all(problems)
        overlap = uow.session.scalar(
            select(PatrolLog.id).where(
                PatrolLog.deleted_at.is_(None), PatrolLog.person_id == data.person_id, PatrolLog.day == data.day,
                PatrolLog.start_time < end, PatrolLog.end_time > start,
            )
        )  # fmt: skip
        if overlap is not None:
            raise ValidationError(
                "该人员这段时间已有巡查记录。", "This worker already has a patrol in that time.", "start"
            )
        row = PatrolLog(
            person_id=data.person_id, grid_id=data.grid_id, day=data.day, start_time=start, end_time=end,
            route=route, findings=findings, events_found=data.events_found,
        )  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return row.id


def remove_patrol(db: Database, actor: Actor, patrol_id: str) -> None:
    """A patrol entered by mistake is tombstoned (it has travelled to the county, maybe)."""
    actor.require(Permission.DUTY_EDIT)
    with unit_of_work(db, actor) as uow:
        row = uow.load_for_update(
            PatrolLog, patrol_id, None, not_found=("找不到该巡查记录。", "Patrol not found.")
        )
        row.deleted_at = uow.now


def patrols(
    db: Database,
    actor: Actor,
    first: date,
    last: date,
    *,
    person_id: str | None = None,
    grid_id: str | None = None,
) -> list[PatrolRow]:
    """Patrols first..last, newest first, by one worker or in one grid if given."""
    actor.require(Permission.DUTY_VIEW)
    q = (
        select(PatrolLog, Person.name, Grid.name)
        .join(Person, Person.id == PatrolLog.person_id)
        .join(Grid, Grid.id == PatrolLog.grid_id)
        .where(PatrolLog.deleted_at.is_(None), PatrolLog.day >= first, PatrolLog.day <= last)
        .order_by(PatrolLog.day.desc(), PatrolLog.start_time.desc(), Grid.code)
    )
    if person_id is not None:
        q = q.where(PatrolLog.person_id == person_id)
    if grid_id is not None:
        q = q.where(PatrolLog.grid_id == grid_id)
    with db.reading() as session:
        return [
            PatrolRow(
                p.id,
                p.day,
                p.start_time,
                p.end_time,
                p.person_id,
                name,
                p.grid_id,
                grid,
                p.route,
                p.findings,
                p.events_found,
            )
            for p, name, grid in session.execute(q).all()
        ]


@dataclass(frozen=True)
class GridPost:
    person_id: str
    name: str
    grid_id: str
    grid_name: str
    post: str
    start: date
    end: date | None


def posts_between(session: Session, first: date, last: date) -> list[GridPost]:
    rows = session.execute(
        select(
            GridWorker.person_id, Person.name, GridWorker.grid_id, Grid.name, GridWorker.post, GridWorker.start_date,
            GridWorker.end_date,
        )
        .join(Person, Person.id == GridWorker.person_id)
        .join(Grid, Grid.id == GridWorker.grid_id)
        .where(
            GridWorker.deleted_at.is_(None), Person.deleted_at.is_(None), GridWorker.start_date <= last,
            or_(GridWorker.end_date.is_(None), GridWorker.end_date >= first),
        )
        .order_by(Grid.code, GridWorker.post, Person.name)
    ).all()  # fmt: skip
    return [
        GridPost(pid, name, str(gid), gname, post, start, end)
        for pid, name, gid, gname, post, start, end in rows
    ]


def grid_posts(db: Database, actor: Actor, first: date, last: date) -> list[GridPost]:
    """Grid posts held some day first..last (one row per post): whom a patrol or visit may name."""
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        return posts_between(session, first, last)


# --- coverage over a period ----------------------------------------------------------------------


@dataclass
class WorkerCoverage:
    person_id: str
    name: str
    post: str  # the highest-ranked grid post held in the period
    grids: list[str] = field(default_factory=list)  # grid names
    patrol_days: int = 0
    working_days: int = 0  # working days in post and not on leave, up to today
    visits_done: int = 0
    visits_due: int = 0  # 0 for posts that carry no visit norm
    events_reported: int = 0  # 网格员上报 events matched to the worker (see the module's note)
    on_duty: bool = False  # in a DUTY_POSTS post: the patrol and visit norms apply

    @property
    def patrol_rate(self) -> float:
        return min(1.0, self.patrol_days / self.working_days) if self.working_days else 1.0

    @property
    def visit_rate(self) -> float:
        return min(1.0, self.visits_done / self.visits_due) if self.visits_due else 1.0


@dataclass
class GridCoverage:
    grid_id: str
    grid_name: str
    patrol_days: int = 0  # days anyone patrolled the grid
    working_days: int = 0
    households: int = 0
    households_due: int = 0  # households with a visit due in the period
    households_at_norm: int = 0  # ... of which had as many visits as due
    visits_done: int = 0
    visits_due: int = 0


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError("结束日期不能早于开始日期。", "The end date is before the start.", "end")
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise ValidationError("统计期最长一年。", "A period is at most a year.", "end")


def _months(first: date, last: date) -> list[tuple[int, int]]:
    out, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CHINA_TZ).astimezone(UTC)


@dataclass(frozen=True)
class _Period:
    """What the summary, the grid coverage and the behind list read once for a period."""

    start: date
    end: date
    until: date  # the last day judged for working days (today, when the period runs on)
    posts: list[GridPost]
    workdays: list[date]
    leave: dict[tuple[str, date], str]
    homes: list[tuple[str, str, str, str, str]]  # id, grid id, grid name, label, category
    ended: dict[str, date]  # household id -> ended on
    due: dict[tuple[str, tuple[int, int]], int]  # (household, month) -> visits due that month


def _read_period(session: Session, calendar: workdays.Calendar, start: date, end: date, now: date) -> _Period:
    until = min(end, now)
    posts = posts_between(session, start, end)
    norms = norms_in(session)
    homes = session.execute(
        select(
            Household.id,
            Household.grid_id,
            Grid.name,
            Household.label,
            Household.category,
            Household.ended_on,
        )
        .join(Grid, Grid.id == Household.grid_id)
        .where(Household.deleted_at.is_(None), or_(Household.ended_on.is_(None), Household.ended_on >= start))
    ).all()
    due: dict[tuple[str, tuple[int, int]], int] = {}
    for h_id, _grid, _name, _label, category, ended in homes:
        norm = norms.get(category)
        if norm is None:
            continue
        for year, month in _months(start, end):
            if ended is None or ended >= date(year, month, 1):
                due[(h_id, (year, month))] = norm.due_in(month)
    return _Period(
        start, end, until, posts,
        [d for d in _days(start, until) if calendar.is_workday(d)] if until >= start else [],
        leave_kinds(session, start, end),
        [(h[0], h[1], h[2], h[3], h[4]) for h in homes], {h[0]: h[5] for h in homes if h[5] is not None}, due,
    )  # fmt: skip


def _in_post(post: GridPost, day: date) -> bool:
    return post.start <= day and (post.end is None or post.end >= day)


def _summary(session: Session, p: _Period) -> list[WorkerCoverage]:
    by_person: dict[str, list[GridPost]] = defaultdict(list)
    for post in p.posts:
        by_person[post.person_id].append(post)
    patrol_days = dict(
        session.execute(
            select(PatrolLog.person_id, func.count(func.distinct(PatrolLog.day)))
            .where(PatrolLog.deleted_at.is_(None), PatrolLog.day >= p.start, PatrolLog.day <= p.end)
            .group_by(PatrolLog.person_id)
        ).all()
    )
    visits_done = dict(
        session.execute(
            select(HouseholdVisit.person_id, func.count())
            .where(
                HouseholdVisit.deleted_at.is_(None),
                HouseholdVisit.day >= p.start,
                HouseholdVisit.day <= p.end,
            )
            .group_by(HouseholdVisit.person_id)
        ).all()
    )
    reports = session.execute(
        select(Event.reporter_person_id, Event.reporter_name, Event.grid_id).where(
            Event.channel == GRID_REPORT,
            Event.reported_at >= _local_start(p.start),
            Event.reported_at < _local_start(p.end + timedelta(days=1)),
        )
    ).all()
    homes_by_grid: dict[str, list[str]] = defaultdict(list)
    for h_id, grid_id, *_rest in p.homes:
        homes_by_grid[grid_id].append(h_id)
    out = []
    for person_id, held in by_person.items():
        best = min(held, key=lambda g: POST_ORDER.get(g.post, 99))
        row = WorkerCoverage(person_id, best.name, best.post, sorted({g.grid_name for g in held}))
        row.on_duty = any(g.post in DUTY_POSTS for g in held)
        row.patrol_days = int(patrol_days.get(person_id, 0))
        row.visits_done = int(visits_done.get(person_id, 0))
        row.working_days = sum(
            1
            for d in p.workdays
            if any(_in_post(g, d) for g in held) and p.leave.get((person_id, d), FIELD_WORK) == FIELD_WORK
        )
        # Each (grid, month) the worker held a duty post in counts once, however many posts.
        duty_months = {
            (g.grid_id, ym)
            for g in held
            if g.post in DUTY_POSTS
            for ym in _months(p.start, p.end)
            if g.start <= month_end(*ym) and (g.end is None or g.end >= date(*ym, 1))
        }
        row.visits_due = sum(
            p.due.get((h, ym), 0) for grid_id, ym in duty_months for h in homes_by_grid[grid_id]
        )
        grids = {g.grid_id for g in held}
        row.events_reported = sum(
            1
            for reporter_id, reporter_name, grid_id in reports
            if reporter_id == person_id
            or (reporter_id is None and reporter_name == best.name and grid_id in grids)
        )
        out.append(row)
    # The town's order: by the first of the worker's grids (posts come sorted by grid code).
    order: dict[str, int] = {}
    for post in p.posts:
        order.setdefault(post.grid_name, len(order))
    return sorted(out, key=lambda r: (min(order[g] for g in r.grids), POST_ORDER.get(r.post, 99), r.name))


def patrol_summary(db: Database, actor: Actor, start: date, end: date) -> list[WorkerCoverage]:
    """Per grid worker over start..end: patrol days against working days due, visits done against due,
    and the events they reported; the assessment scores these."""
    actor.require(Permission.DUTY_VIEW)
    _check_period(start, end)
    calendar = workdays.load(db)
    with db.reading() as session:
        return _summary(session, _read_period(session, calendar, start, end, today(db)))


def grid_coverage(db: Database, actor: Actor, start: date, end: date) -> list[GridCoverage]:
    """Per grid over start..end: days patrolled against working days, households kept at their norm."""
    actor.require(Permission.DUTY_VIEW)
    _check_period(start, end)
    calendar = workdays.load(db)
    with db.reading() as session:
        p = _read_period(session, calendar, start, end, today(db))
        grids = session.execute(
            select(Grid.id, Grid.name)
            .where(Grid.deleted_at.is_(None), or_(Grid.ended_on.is_(None), Grid.ended_on >= start))
            .order_by(Grid.code)
        ).all()
        patrolled = dict(
            session.execute(
                select(PatrolLog.grid_id, func.count(func.distinct(PatrolLog.day)))
                .where(PatrolLog.deleted_at.is_(None), PatrolLog.day >= p.start, PatrolLog.day <= p.end)
                .group_by(PatrolLog.grid_id)
            ).all()
        )
        done = dict(
            session.execute(
                select(HouseholdVisit.household_id, func.count())
                .where(
                    HouseholdVisit.deleted_at.is_(None),
                    HouseholdVisit.day >= p.start,
                    HouseholdVisit.day <= p.end,
                )
                .group_by(HouseholdVisit.household_id)
            ).all()
        )
    rows = {
        grid_id: GridCoverage(grid_id, name, int(patrolled.get(grid_id, 0)), len(p.workdays))
        for grid_id, name in grids
    }
    months = _months(start, end)
    for h_id, grid_id, *_rest in p.homes:
        row = rows.get(grid_id)
        if row is None:
            continue
        due = sum(p.due.get((h_id, ym), 0) for ym in months)
        seen = int(done.get(h_id, 0))
        row.households += 1
        row.visits_done += seen
        row.visits_due += due
        if due:
            row.households_due += 1
            row.households_at_norm += seen >= due
    return list(rows.values())


# --- behind the norm this month ------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerBehind:
    person_id: str
    name: str
    grids: str  # grid names, joined
    post: str
    patrol_days: int
    working_days: int  # due so far this month
    households_behind: int  # households of the worker's grids behind their visit norm
    visits_done: int

    @property
    def patrols_short(self) -> int:
        return max(0, self.working_days - self.patrol_days)


def workers_behind(db: Database, actor: Actor, year: int, month: int) -> list[WorkerBehind]:
    """Workers in duty posts who, this month so far, patrolled on fewer working days than due or whose
    grids hold households behind their visit norm."""
    actor.require(Permission.DUTY_VIEW)
    first, last = date(year, month, 1), month_end(year, month)
    calendar = workdays.load(db)
    with db.reading() as session:
        p = _read_period(session, calendar, first, last, today(db))
        rows = _summary(session, p)
        behind_grids: dict[str, int] = defaultdict(int)
        for h in behind_in(session, year, month):
            behind_grids[h.grid_id] += 1
    duty_grids: dict[str, set[str]] = defaultdict(set)
    for post in p.posts:
        if post.post in DUTY_POSTS:
            duty_grids[post.person_id].add(post.grid_id)
    out = []
    for r in rows:
        if not r.on_duty:
            continue
        homes = sum(behind_grids[g] for g in duty_grids[r.person_id])
        if r.patrol_days < r.working_days or homes:
            out.append(
                WorkerBehind(
                    r.person_id, r.name, "、".join(r.grids), r.post, r.patrol_days, r.working_days, homes,
                    r.visits_done,
                )
            )  # fmt: skip
    # The furthest behind first: a manager calls them first.
    return sorted(out, key=lambda w: (-w.patrols_short, -w.households_behind))
