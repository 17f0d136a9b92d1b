"""Indicators computed from the records, each with the ids of the records behind it (click-through).

Whose events are whose:
- reported: 网格员上报 events in the worker's grid, reported in the period, naming the worker as the
  reporter (by person, or by name when the intake kept only the name);
- handled: events dispatched to the worker's grid (target grid). 按期办结率 judges those whose deadline
  falls in the period: on time when the first 办结反馈 came on or before the deadline; the others are
  逾期 (one still open and within its limit today is not judged yet). 返工 counts each send-back in
  the period: a failed 核查 or a 不满意 回访. 回访满意率: the call-backs made in the period on them,
  满意 or 基本满意 over all;
- mediation: cases from the worker's grid's events, or with the worker as a mediator, that ended in
  the period (an agreement, written or oral, is a success);
- attendance: the monthly 考勤表's figures (services/workforce/attendance.py), summed over the months.
- patrols and visits (专职网格员 only, who carry the norms): the patrol log's coverage and the visits
  against the households' norms (services/workforce/patrols.py `patrol_summary`), per person.

The period's records are read once for the whole town (`load_period`, on the indexes of reported_at,
deadline and the action kind and time), then split by worker in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.clock import CHINA_TZ, to_local
from desktop.db import Database
from desktop.models import (
    AttendancePunch,
    Event,
    EventAction,
    Grid,
    GridWorker,
    HouseholdVisit,
    MediationCase,
    MediationCaseMediator,
    Mediator,
    PatrolLog,
    Person,
)
from desktop.services.accounts.permissions import Actor
from desktop.services.assessment.scheme import INDICATORS
from desktop.services.workforce import attendance
from desktop.services.workforce.grids import ALL_POSTS
from desktop.services.workforce.patrols import WorkerCoverage, patrol_summary

EVENT, PUNCH, MEDIATION, PATROL = "事件", "考勤", "调解案件", "巡查"
GRID_REPORT = "网格员上报"
SATISFIED = ("满意", "基本满意")
AGREED = ("书面协议", "口头协议")
DONE_KINDS = ("办结反馈", "现场处置")
NO_DATA, NO_SUBJECT = "暂无数据", "无考核对象"  # a rate with nothing to judge (scored in full)
POST_RANK = {p: i for i, p in enumerate(ALL_POSTS)}


@dataclass(frozen=True)
class Indicator:
    code: str
    count: int  # occurrences, or the numerator of a rate
    total: int | None = None  # the denominator of a rate; None for a count
    source: str = EVENT  # what kind of record `ids` are
    ids: tuple[str, ...] = ()  # every record behind it (for a rate: the denominator's)
    hits: tuple[str, ...] = ()  # for a rate: those counted in the numerator
    missing: bool = False  # no such records kept (yet): the item scores as if nothing was judged

    @property
    def label(self) -> str:
        return INDICATORS[self.code][0]

    @property
    def rate(self) -> float | None:
        return None if self.missing or not self.total else self.count / self.total

    def shown(self) -> str:
        """上报事件数 3, 按期办结率 2/3 (67%), 暂无数据."""
        if self.missing:
            return NO_DATA
        if self.total is None:
            return str(self.count)
        if not self.total:
            return NO_SUBJECT
        return f"{self.count}/{self.total}（{self.count / self.total:.0%}）"

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code, "count": self.count, "total": self.total, "source": self.source,
            "ids": list(self.ids), "hits": list(self.hits), "missing": self.missing,
        }  # fmt: skip

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> Indicator:
        total = raw.get("total")
        return cls(
            str(raw["code"]), int(str(raw["count"])), None if total is None else int(str(total)),
            str(raw.get("source", EVENT)), tuple(str(i) for i in raw.get("ids", []) or []),  # type: ignore[attr-defined]
            tuple(str(i) for i in raw.get("hits", []) or []), bool(raw.get("missing", False)),  # type: ignore[attr-defined]
        )  # fmt: skip


@dataclass(frozen=True)
class Worker:
    """A person assessed: their highest post among the assessed ones, and every grid they covered."""

    person_id: str
    name: str
    post: str
    grid_id: str
    community_id: str
    grid_ids: tuple[str, ...] = field(default_factory=tuple)


def local_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The period as UTC instants: local midnight of `first` to local midnight after `last`."""
    start = datetime.combine(first, time(), CHINA_TZ).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), CHINA_TZ).astimezone(UTC)
    return start, end


def workers(session: Session, first: date, last: date, posts: Iterable[str]) -> list[Worker]:
    """Everyone in an assessed grid post some day of the period, ordered by community, grid and name."""
    wanted = tuple(posts)
    rows = session.execute(
        select(GridWorker.person_id, Person.name, GridWorker.post, GridWorker.grid_id, Grid.community_id, Grid.code)
        .join(Person, Person.id == GridWorker.person_id)
        .join(Grid, Grid.id == GridWorker.grid_id)
        .where(
            GridWorker.deleted_at.is_(None), Person.deleted_at.is_(None), GridWorker.post.in_(wanted),
            GridWorker.start_date <= last, or_(GridWorker.end_date.is_(None), GridWorker.end_date >= first),
        )
    ).all()  # fmt: skip
    found: dict[str, tuple[Worker, str]] = {}
    for person_id, name, post, grid_id, community_id, code in rows:
        assert grid_id is not None  # joined to grid
        held = found.get(person_id)
        grids = (*held[0].grid_ids, grid_id) if held else (grid_id,)
        if held is None or POST_RANK.get(post, 99) < POST_RANK.get(held[0].post, 99):
            found[person_id] = (Worker(person_id, name, post, grid_id, community_id, grids), code)
        else:
            found[person_id] = (Worker(**{**held[0].__dict__, "grid_ids": grids}), held[1])
    return [
        w
        for w, _ in sorted(found.values(), key=lambda wc: (wc[1], POST_RANK.get(wc[0].post, 99), wc[0].name))
    ]


# --- the period's records, read once for every worker ---------------------------------------------


@dataclass(frozen=True)
class Report:
    event_id: str
    grid_id: str
    reporter_person_id: str | None
    reporter_name: str
    on_spot: bool  # 微循环: solved on the spot by the one who found it


@dataclass(frozen=True)
class Due:
    event_id: str
    grid_id: str
    deadline: date
    finished_on: date | None  # the first 办结反馈 (or 现场处置), local date


@dataclass(frozen=True)
class Case:
    case_id: str
    agreed: bool
    grid_id: str | None  # the grid of the event it came from
    mediators: frozenset[str]  # person ids


@dataclass
class PeriodRecords:
    first: date
    last: date
    today: date
    reports: list[Report] = field(default_factory=list)
    due: list[Due] = field(default_factory=list)
    reworks: list[tuple[str, str]] = field(default_factory=list)  # (event id, grid id), one per rework
    callbacks: list[tuple[str, str, bool]] = field(default_factory=list)  # (event id, grid id, satisfied)
    cases: list[Case] = field(default_factory=list)
    punches: dict[str, list[str]] = field(default_factory=dict)  # person id -> punch ids
    attendance: AttendanceFigures = field(default_factory=lambda: AttendanceFigures())
    # Per person: the patrol log's coverage for the period, and the ids of their patrols and visits.
    patrols: dict[str, WorkerCoverage] = field(default_factory=dict)
    patrol_ids: dict[str, list[str]] = field(default_factory=dict)
    visit_ids: dict[str, list[str]] = field(default_factory=dict)


def load_period(db: Database, actor: Actor, first: date, last: date, today: date) -> PeriodRecords:
    """Everything the period's indicators need, in a few indexed reads (reported_at, deadline, the
    action kind and time), whatever the number of workers."""
    records = PeriodRecords(first, last, today, attendance=attendance_figures(db, actor, first, last, today))
    records.patrols = {c.person_id: c for c in patrol_summary(db, actor, first, last)}
    start, end = local_bounds(first, last)
    with db.reading() as session:
        for model, into in ((PatrolLog, records.patrol_ids), (HouseholdVisit, records.visit_ids)):
            for person_id, record_id in session.execute(
                select(model.person_id, model.id).where(
                    model.deleted_at.is_(None), model.day >= first, model.day <= last
                )
            ):
                into.setdefault(person_id, []).append(record_id)
        for r in session.execute(
            select(Event.id, Event.grid_id, Event.reporter_person_id, Event.reporter_name, Event.loop, Event.state)
            .where(Event.reported_at >= start, Event.reported_at < end, Event.channel == GRID_REPORT)
            .order_by(Event.reported_at, Event.number)
        ):  # fmt: skip
            if r.grid_id:
                spot = r.loop == "微循环" and r.state != "不予受理"
                records.reports.append(Report(r.id, r.grid_id, r.reporter_person_id, r.reporter_name, spot))
        due = session.execute(
            select(Event.id, Event.target_grid_id, Event.deadline)
            .where(Event.deadline >= first, Event.deadline <= last, Event.target_grid_id.is_not(None))
            .order_by(Event.deadline, Event.number)
        ).all()
        done = _first_done(session, [r.id for r in due])
        for event_id, grid_id, deadline in due:
            assert grid_id is not None and deadline is not None  # filtered on both
            finished = done.get(event_id)
            records.due.append(
                Due(event_id, grid_id, deadline, to_local(finished).date() if finished is not None else None)
            )
        for event_id, grid_id, kind, detail in session.execute(
            select(EventAction.event_id, Event.target_grid_id, EventAction.kind, EventAction.detail)
            .join(Event, Event.id == EventAction.event_id)
            .where(EventAction.kind.in_(("核查", "回访")), EventAction.at >= start, EventAction.at < end)
            .order_by(EventAction.at)
        ):  # fmt: skip
            if not grid_id:
                continue
            said = json.loads(detail or "{}")
            if kind == "回访":
                records.callbacks.append((event_id, grid_id, said.get("satisfaction") in SATISFIED))
                if said.get("satisfaction") == "不满意":
                    records.reworks.append((event_id, grid_id))
            elif said.get("passed") is False:
                records.reworks.append((event_id, grid_id))
        cases = session.execute(
            select(MediationCase.id, MediationCase.outcome, Event.grid_id)
            .outerjoin(Event, Event.id == MediationCase.event_id)
            .where(
                MediationCase.deleted_at.is_(None), MediationCase.outcome != "",
                MediationCase.outcome_on >= first, MediationCase.outcome_on <= last,
            )
            .order_by(MediationCase.outcome_on, MediationCase.file_number)
        ).all()  # fmt: skip
        mediators: dict[str, set[str]] = {}
        if cases:
            for case_id, person_id in session.execute(
                select(MediationCaseMediator.case_id, Mediator.person_id)
                .join(Mediator, Mediator.id == MediationCaseMediator.mediator_id)
                .where(
                    MediationCaseMediator.case_id.in_([c.id for c in cases]),
                    MediationCaseMediator.deleted_at.is_(None),
                )
            ):  # fmt: skip
                mediators.setdefault(case_id, set()).add(person_id)
        for case_id, outcome, grid_id in cases:
            records.cases.append(
                Case(case_id, outcome in AGREED, grid_id, frozenset(mediators.get(case_id, ())))
            )
        for punch_id, person_id in session.execute(
            select(AttendancePunch.id, AttendancePunch.person_id)
            .where(
                AttendancePunch.punched_at >= datetime.combine(first, time()),
                AttendancePunch.punched_at < datetime.combine(last + timedelta(days=1), time()),
            )
            .order_by(AttendancePunch.punched_at)
        ):  # fmt: skip
            records.punches.setdefault(person_id, []).append(punch_id)
    return records


def _first_done(session: Session, event_ids: list[str]) -> dict[str, datetime]:
    done: dict[str, datetime] = {}
    for chunk in range(0, len(event_ids), 500):
        for event_id, at in session.execute(
            select(EventAction.event_id, EventAction.at).where(
                EventAction.event_id.in_(event_ids[chunk : chunk + 500]), EventAction.kind.in_(DONE_KINDS)
            )
        ):
            if event_id not in done or at < done[event_id]:
                done[event_id] = at
    return done


# --- one worker's indicators -------------------------------------------------------------------------


def reported(records: PeriodRecords, worker: Worker) -> tuple[Indicator, Indicator]:
    """上报事件数, and among them those the worker solved on the spot (微循环): the bonus."""
    grids = set(worker.grid_ids)
    mine = [
        r for r in records.reports
        if r.grid_id in grids and (
            r.reporter_person_id == worker.person_id
            or (r.reporter_person_id is None and r.reporter_name == worker.name)
        )
    ]  # fmt: skip
    ids = tuple(r.event_id for r in mine)
    spot = tuple(r.event_id for r in mine if r.on_spot)
    return Indicator("reported", len(ids), ids=ids), Indicator("on_spot", len(spot), ids=spot)


def handling(records: PeriodRecords, worker: Worker) -> tuple[Indicator, Indicator, Indicator]:
    """按期办结率 and 逾期办理 (events due in the period; one still within its limit today is not judged
    yet), and 返工 (each send-back for rework in the period)."""
    grids = set(worker.grid_ids)
    judged: list[str] = []
    on_time: list[str] = []
    late: list[str] = []
    for d in records.due:
        if d.grid_id not in grids:
            continue
        if d.finished_on is None and d.deadline >= records.today:
            continue
        judged.append(d.event_id)
        (on_time if d.finished_on is not None and d.finished_on <= d.deadline else late).append(d.event_id)
    reworked = tuple(event_id for event_id, grid_id in records.reworks if grid_id in grids)
    return (
        Indicator("on_time", len(on_time), len(judged), EVENT, tuple(judged), tuple(on_time)),
        Indicator("overdue", len(late), ids=tuple(late)),
        Indicator("rework", len(reworked), ids=reworked),
    )


def satisfaction(records: PeriodRecords, worker: Worker) -> Indicator:
    grids = set(worker.grid_ids)
    mine = [(e, ok) for e, g, ok in records.callbacks if g in grids]
    ids = tuple(e for e, _ in mine)
    hits = tuple(e for e, ok in mine if ok)
    return Indicator("satisfaction", len(hits), len(ids), EVENT, ids, hits)


def mediation(records: PeriodRecords, worker: Worker) -> Indicator:
    grids = set(worker.grid_ids)
    mine = [c for c in records.cases if c.grid_id in grids or worker.person_id in c.mediators]
    ids = tuple(c.case_id for c in mine)
    hits = tuple(c.case_id for c in mine if c.agreed)
    return Indicator("mediation", len(hits), len(ids), MEDIATION, ids, hits)


# --- attendance --------------------------------------------------------------------------------------


def months_of(first: date, last: date) -> list[tuple[int, int]]:
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@dataclass
class AttendanceFigures:
    """Per person over the period: days judged, days present, days absent."""

    due: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    absent: dict[str, int] = field(default_factory=dict)


def attendance_figures(db: Database, actor: Actor, first: date, last: date, today: date) -> AttendanceFigures:
    """The 考勤表's own figures, month by month (its reader needs DUTY_VIEW)."""
    figures = AttendanceFigures()
    for year, month in months_of(first, last):
        sheet = attendance.month_sheet(db, actor, year, month, today=today)
        for row in sheet.rows:
            figures.due[row.person_id] = figures.due.get(row.person_id, 0) + row.due
            figures.present[row.person_id] = figures.present.get(row.person_id, 0) + row.present
            figures.absent[row.person_id] = figures.absent.get(row.person_id, 0) + row.absent
    return figures


def attendance_indicators(records: PeriodRecords, worker: Worker) -> tuple[Indicator, Indicator]:
    """出勤率 and 缺勤天数; the records behind them are the worker's punches of the period."""
    figures = records.attendance
    punches = tuple(records.punches.get(worker.person_id, ()))
    due = figures.due.get(worker.person_id, 0)
    present = figures.present.get(worker.person_id, 0)
    absent = figures.absent.get(worker.person_id, 0)
    return (
        Indicator("attendance", present, due, PUNCH, punches, punches),
        Indicator("absences", absent, None, PUNCH, punches),
    )


# --- patrols -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatrolFigures:
    patrol: Indicator  # 巡查覆盖率
    missed: Indicator  # 漏巡次数
    visits: Indicator  # 走访完成率 against the norm


def patrol_indicator(records: PeriodRecords, worker: Worker) -> PatrolFigures | None:
    """Patrol coverage (days patrolled against working days due), patrols missed, and visits against the
    households' norms (workforce/patrols.py). None for a post that carries no patrol norm: those items
    then score as not judged."""
    coverage = records.patrols.get(worker.person_id)
    if coverage is None or not coverage.on_duty:
        return None
    patrols = tuple(records.patrol_ids.get(worker.person_id, ()))
    visits = tuple(records.visit_ids.get(worker.person_id, ()))
    missed = max(coverage.working_days - coverage.patrol_days, 0)
    return PatrolFigures(
        Indicator("patrol", min(coverage.patrol_days, coverage.working_days), coverage.working_days, PATROL,
                  ids=patrols, hits=patrols),
        Indicator("patrol_missed", missed, None, PATROL, ids=patrols),
        Indicator("visits", min(coverage.visits_done, coverage.visits_due), coverage.visits_due, PATROL,
                  ids=visits, hits=visits, missing=coverage.visits_due == 0),
    )  # fmt: skip


def no_patrols() -> PatrolFigures:
    return PatrolFigures(
        Indicator("patrol", 0, 0, PATROL, missing=True),
        Indicator("patrol_missed", 0, None, PATROL, missing=True),
        Indicator("visits", 0, 0, PATROL, missing=True),
    )


# --- all of them -------------------------------------------------------------------------------------


def for_worker(session: Session, records: PeriodRecords, worker: Worker) -> dict[str, Indicator]:
    """Every indicator for one worker and period, by code."""
    found: list[Indicator] = []
    found.extend(reported(records, worker))
    found.extend(handling(records, worker))
    found.append(satisfaction(records, worker))
    found.append(mediation(records, worker))
    found.extend(attendance_indicators(records, worker))
    patrols = patrol_indicator(records, worker) or no_patrols()
    found.extend((patrols.patrol, patrols.missed, patrols.visits))
    return {i.code: i for i in found}
