"""Reading assessments: the periods, a period's ranking, one worker's sheet (lines, indicators with
the records behind them, adjustments, appeals), grid and community roll-ups, the xlsx export."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import NotFound, UserError
from desktop.models import (
    AssessmentAdjustment,
    AssessmentAppeal,
    AssessmentPeriod,
    AssessmentResult,
    AttendancePunch,
    Community,
    Event,
    Grid,
    HouseholdVisit,
    MediationCase,
    PatrolLog,
    Person,
)
from desktop.paths import private_temp
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.assessment import scoring
from desktop.services.assessment.indicators import (
    EVENT,
    MEDIATION,
    NO_DATA,
    NO_SUBJECT,
    PATROL,
    PUNCH,
    Indicator,
)
from desktop.services.assessment.scheme import GRADES, RATE, Scheme, scheme_by_id
from desktop.services.common.files import (
    discard_temp,
    replace_file,
    require_text_path,
    shown_as,
    temp_path_for,
)
from desktop.services.common.uow import unit_of_work
from desktop.services.common.xlsx import append_as_text


@dataclass(frozen=True)
class PeriodRow:
    id: str
    kind: str
    year: int
    number: int
    name: str
    code: str
    state: str
    scheme: str
    people: int
    computed_at: str
    confirmed_by: str


def periods(db: Database, actor: Actor) -> list[PeriodRow]:
    """Every period computed: months, then quarters, half-years and years, each newest first."""
    from desktop.clock import format_local

    actor.require(Permission.ASSESSMENT_VIEW)
    with db.reading() as session:
        rows = sorted(
            session.scalars(select(AssessmentPeriod).where(AssessmentPeriod.deleted_at.is_(None))),
            key=lambda p: (scoring.KINDS.index(p.kind), -p.first_day.toordinal()),
        )
        counts: dict[str, int] = {}
        for (period_id,) in session.execute(
            select(AssessmentResult.period_id).where(AssessmentResult.deleted_at.is_(None))
        ):
            counts[period_id] = counts.get(period_id, 0) + 1
        return [
            PeriodRow(
                p.id, p.kind, p.year, p.number, scoring.period_name(p.kind, p.year, p.number),
                scoring.period_code(p.kind, p.year, p.number), p.state, scheme_by_id(session, p.scheme_id).label,
                counts.get(p.id, 0), format_local(p.computed_at), p.confirmed_by,
            )
            for p in rows
        ]  # fmt: skip


def find_period_id(db: Database, actor: Actor, text: str) -> str:
    """A period's id from 2026-05 / 2026-Q2 / 2026-H1 / 2026 or from its id."""
    actor.require(Permission.ASSESSMENT_VIEW)
    with db.reading() as session:
        if session.get(AssessmentPeriod, text.strip()) is not None:
            return text.strip()
        kind, year, number = scoring.parse_period(text)
        period = scoring.find_period(session, kind, year, number)
    if period is None:
        raise NotFound(
            f"{scoring.period_name(kind, year, number)}还没有计算考核。",
            "That period has not been assessed yet.",
        )
    return period.id


@dataclass(frozen=True)
class RankRow:
    result_id: str
    rank: int
    person_id: str
    name: str
    community: str
    grid: str
    post: str
    computed_score: float
    adjustment: float
    score: float
    grade: str


@dataclass(frozen=True)
class Ranking:
    period_id: str
    name: str  # 2026年5月
    code: str
    kind: str
    state: str
    scheme: Scheme
    rows: list[RankRow] = field(default_factory=list)
    ver: int = 0  # the period's version: printed documents record what they show


def _period_row(session: Session, period_id: str) -> AssessmentPeriod:
    period = session.get(AssessmentPeriod, period_id)
    if period is None or period.deleted_at is not None:
        raise NotFound(*scoring.PERIOD_NOT_FOUND)
    return period


def ranking(db: Database, actor: Actor, period_id: str) -> Ranking:
    """The period's results by rank (ties by community, grid and name)."""
    actor.require(Permission.ASSESSMENT_VIEW)
    with db.reading() as session:
        period = _period_row(session, period_id)
        rows = session.execute(
            select(AssessmentResult, Person.name, Community.name, Grid.name)
            .join(Person, Person.id == AssessmentResult.person_id)
            .outerjoin(Grid, Grid.id == AssessmentResult.grid_id)
            .outerjoin(Community, Community.id == AssessmentResult.community_id)
            .where(AssessmentResult.period_id == period_id, AssessmentResult.deleted_at.is_(None))
        ).all()
        out = [
            RankRow(
                r.id, r.rank, r.person_id, name, community or "", grid or "", r.post, r.computed_score, r.adjustment,
                r.score, r.grade,
            )
            for r, name, community, grid in rows
        ]  # fmt: skip
        out.sort(key=lambda r: (r.rank, r.community, r.grid, r.name))
        return Ranking(
            period.id, scoring.period_name(period.kind, period.year, period.number),
            scoring.period_code(period.kind, period.year, period.number), period.kind, period.state,
            scheme_by_id(session, period.scheme_id), out, period.ver,
        )  # fmt: skip


# --- one worker's sheet --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    code: str
    group: str
    label: str
    shown: str  # the indicator's value as shown (2/3（67%）)
    points: float
    indicator: str  # the indicator code, or "" (an aggregate period's month line)
    ref: str = ""  # an aggregate period's line: the month's result id
    appealable: bool = False


def _shown(raw: dict[str, object]) -> str:
    """A line's value, saying why a rate with nothing to judge has its full weight (`item_points`), so
    a sheet read by the worker tells a quiet month from a good one."""
    shown = str(raw.get("shown", ""))
    if raw.get("kind") == RATE and shown in (NO_DATA, NO_SUBJECT):
        return f"{shown}，按满分计"
    return shown


@dataclass(frozen=True)
class AdjustmentRow:
    id: str
    rule_label: str  # the rule's label, or 手工调整
    count: int
    points: float
    reason: str
    made_by: str
    made_at: str


@dataclass(frozen=True)
class AppealRow:
    id: str
    item_code: str
    item_label: str
    points: float
    reason: str
    state: str
    requested_by: str
    decided_by: str
    decision_note: str


@dataclass(frozen=True)
class Sheet:
    result_id: str
    period_id: str
    period_name: str
    period_code: str
    period_kind: str
    period_state: str
    scheme: Scheme
    name: str
    community: str
    grid: str
    post: str
    base: float
    computed_score: float
    adjustment: float
    score: float
    grade: str
    rank: int
    of: int  # how many were ranked
    lines: list[Line]
    indicators: list[Indicator]
    adjustments: list[AdjustmentRow]
    appeals: list[AppealRow]
    extra: dict[str, object]  # the year's halves and weight, an aggregate's month count
    ver: int = 0  # the result's version: printed documents record what they show


def sheet(db: Database, actor: Actor, result_id: str) -> Sheet:
    from desktop.clock import format_local

    actor.require(Permission.ASSESSMENT_VIEW)
    with db.reading() as session:
        result = session.get(AssessmentResult, result_id)
        if result is None or result.deleted_at is not None:
            raise NotFound(*scoring.RESULT_NOT_FOUND)
        period = _period_row(session, result.period_id)
        scheme = scheme_by_id(session, period.scheme_id)
        person = session.get(Person, result.person_id)
        grid = session.get(Grid, result.grid_id) if result.grid_id else None
        community = session.get(Community, result.community_id) if result.community_id else None
        of = len(
            session.scalars(
                select(AssessmentResult.id).where(
                    AssessmentResult.period_id == period.id, AssessmentResult.deleted_at.is_(None)
                )
            ).all()
        )
        adjustments = list(
            session.scalars(
                select(AssessmentAdjustment)
                .where(AssessmentAdjustment.result_id == result_id, AssessmentAdjustment.deleted_at.is_(None))
                .order_by(AssessmentAdjustment.created_at)
            )
        )
        appeals = list(
            session.scalars(
                select(AssessmentAppeal)
                .where(AssessmentAppeal.result_id == result_id, AssessmentAppeal.deleted_at.is_(None))
                .order_by(AssessmentAppeal.created_at)
            )
        )
        detail = json.loads(result.detail)
        open_items = scoring.deductions(detail, adjustments)
        labels = {i.code: i.label for i in scheme.items}
        lines = [
            Line(
                str(raw["code"]), str(raw.get("group", "")), str(raw["label"]), _shown(raw),
                float(raw["points"]), str(raw.get("indicator", "")), str(raw.get("ref", "")),
                str(raw["code"]) in open_items,
            )
            for raw in detail.get("lines", [])
        ]  # fmt: skip
        adjustment_rows = [
            AdjustmentRow(
                a.id, labels.get(a.rule_code, a.rule_code) if a.rule_code else "手工调整", a.count, a.points,
                a.reason, a.made_by, format_local(a.created_at),
            )
            for a in adjustments
        ]  # fmt: skip
        line_labels = {line.code: line.label for line in lines}
        line_labels.update({f"adj:{a.id}": f"{a.rule_label}（{a.reason}）" for a in adjustment_rows})
        appeal_rows = [
            AppealRow(
                a.id, a.item_code, line_labels.get(a.item_code, a.item_code), a.points, a.reason, a.state,
                a.requested_by, a.decided_by, a.decision_note,
            )
            for a in appeals
        ]  # fmt: skip
        extra = {k: v for k, v in detail.items() if k not in ("lines", "indicators")}
        return Sheet(
            result.id, period.id, scoring.period_name(period.kind, period.year, period.number),
            scoring.period_code(period.kind, period.year, period.number), period.kind, period.state, scheme,
            person.name if person else "", community.name if community else "", grid.name if grid else "",
            result.post, float(detail.get("base", scheme.base_score)), result.computed_score, result.adjustment,
            result.score, result.grade, result.rank, of, lines,
            [Indicator.from_json(raw) for raw in detail.get("indicators", [])], adjustment_rows, appeal_rows, extra,
            result.ver,
        )  # fmt: skip


@dataclass(frozen=True)
class Record:
    """A record behind an indicator, for the click-through list."""

    id: str
    source: str  # 事件 / 考勤 / 调解案件
    number: str  # event number, case file number, punch time
    title: str
    state: str
    counted: bool  # in the rate's numerator (or, for a count, behind it)


def records_behind(db: Database, actor: Actor, indicator: Indicator) -> list[Record]:
    """The events, punches or cases an indicator was computed from. Reading them needs their own
    permission as well (an event list needs EVENT_VIEW, punches DUTY_VIEW, cases MEDIATION_VIEW)."""
    actor.require(Permission.ASSESSMENT_VIEW)
    hits = set(indicator.hits) if indicator.total is not None else set(indicator.ids)
    ids = list(dict.fromkeys(indicator.ids))  # an event reworked twice is listed once
    if not ids:
        return []
    out: list[Record] = []
    with db.reading() as session:
        if indicator.source == EVENT:
            actor.require(Permission.EVENT_VIEW)
            found = {
                e.id: e
                for e in session.scalars(select(Event).where(Event.id.in_(ids)))  # ids come from one period
            }
            for i in ids:
                e = found.get(i)
                if e is not None:
                    out.append(Record(e.id, EVENT, e.number, e.title, e.state, i in hits))
        elif indicator.source == PUNCH:
            actor.require(Permission.DUTY_VIEW)
            for p in session.scalars(
                select(AttendancePunch)
                .where(AttendancePunch.id.in_(ids))
                .order_by(AttendancePunch.punched_at)
            ):
                out.append(
                    Record(p.id, PUNCH, f"{p.punched_at:%Y-%m-%d %H:%M}", "打卡", p.source, p.id in hits)
                )
        elif indicator.source == MEDIATION:
            actor.require(Permission.MEDIATION_VIEW)
            found_cases = {
                c.id: c for c in session.scalars(select(MediationCase).where(MediationCase.id.in_(ids)))
            }
            for i in ids:
                c = found_cases.get(i)
                if c is not None:
                    out.append(Record(c.id, MEDIATION, c.file_number, c.dispute_type, c.outcome, i in hits))
        elif indicator.source == PATROL:
            actor.require(Permission.DUTY_VIEW)
            for log in session.scalars(
                select(PatrolLog).where(PatrolLog.id.in_(ids)).order_by(PatrolLog.day)
            ):
                text = log.route[:60] or "巡查"
                out.append(Record(log.id, PATROL, f"{log.day:%Y-%m-%d}", text, "巡查", log.id in hits))
            for visit in session.scalars(
                select(HouseholdVisit).where(HouseholdVisit.id.in_(ids)).order_by(HouseholdVisit.day)
            ):
                label = visit.household.label
                out.append(
                    Record(visit.id, PATROL, f"{visit.day:%Y-%m-%d}", label, visit.way, visit.id in hits)
                )
    return out


def mean_score(scores: list[float]) -> float:
    """The mean of scores shown to two decimals, rounded half up as people round (49.475 -> 49.48):
    summed in binary floats the same scores could give 49.47 or 49.48 depending on their order."""
    total = sum((Decimal(str(s)) for s in scores), Decimal(0))
    return float((total / len(scores)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# --- roll-up -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollupRow:
    id: str
    name: str
    community: str  # a grid's community; "" for a community row
    score: float  # the mean
    members: int  # workers in a grid, grids in a community
    grade: str
    rank: int


def rollup(db: Database, actor: Actor, period_id: str) -> tuple[list[RollupRow], list[RollupRow]]:
    """A grid's score is the mean of its workers', a community's the mean of its grids' (Nantong's rule).
    Both ranked, best first."""
    board = ranking(db, actor, period_id)
    with db.reading() as session:
        result_grid = dict(
            session.execute(
                select(AssessmentResult.id, AssessmentResult.grid_id).where(
                    AssessmentResult.period_id == period_id
                )
            ).all()
        )
        grid_rows = session.execute(
            select(Grid.id, Grid.name, Community.id, Community.name).join(Community)
        ).all()
    grid_info = {g: (gname, cid, cname) for g, gname, cid, cname in grid_rows}
    per_grid: dict[str, list[float]] = {}
    for r in board.rows:
        grid_id = result_grid.get(r.result_id)
        if grid_id:
            per_grid.setdefault(grid_id, []).append(r.score)
    grids = [
        (gid, grid_info[gid][0], grid_info[gid][2], mean_score(s), len(s), grid_info[gid][1])
        for gid, s in per_grid.items()
    ]
    per_community: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for _gid, _gname, cname, score, _n, cid in grids:
        per_community.setdefault(cid, []).append(score)
        names[cid] = cname
    communities = [(cid, names[cid], "", mean_score(s), len(s)) for cid, s in per_community.items()]
    return (
        _ranked([(g[0], g[1], g[2], g[3], g[4]) for g in grids], board.scheme),
        _ranked(communities, board.scheme),
    )


def _ranked(rows: list[tuple[str, str, str, float, int]], scheme: Scheme) -> list[RollupRow]:
    ordered = sorted(rows, key=lambda r: (-r[3], r[2], r[1]))
    out: list[RollupRow] = []
    for position, (rid, name, community, score, members) in enumerate(ordered, start=1):
        rank = out[-1].rank if out and out[-1].score == score else position
        out.append(RollupRow(rid, name, community, score, members, scheme.grade(score), rank))
    return out


# --- the monthly bulletin ------------------------------------------------------------------------------

BULLETIN_MONTHLY_ONLY = (
    "考核通报按月印发，请选择一个月份（例如 2026-10）。",
    "The assessment bulletin is monthly: name a month (e.g. 2026-10).",
)


@dataclass(frozen=True)
class Bulletin:
    """What the monthly 考核通报 states: the ranking, the roll-ups and the figures its text quotes."""

    board: Ranking
    grids: list[RollupRow]
    communities: list[RollupRow]
    town: str
    confirmed_on: date | None  # the date it is issued on; None while the month is a draft
    average: float
    grades: list[tuple[str, int]]  # every grade, best first, with how many were given it


def bulletin_period(db: Database, actor: Actor, period_id: str) -> None:
    """Refuses a period other than a month: a quarter, half-year or year has no bulletin (its ranking
    table serves)."""
    actor.require(Permission.ASSESSMENT_VIEW)
    with db.reading() as session:
        if _period_row(session, period_id).kind != scoring.MONTH:
            raise UserError(*BULLETIN_MONTHLY_ONLY)


def bulletin(db: Database, actor: Actor, period_id: str) -> Bulletin:
    from desktop.clock import to_local
    from desktop.services.system import town

    bulletin_period(db, actor, period_id)
    board = ranking(db, actor, period_id)
    grids, communities = rollup(db, actor, period_id)
    with db.reading() as session:
        confirmed_at = _period_row(session, period_id).confirmed_at
    info = town.get_town(db)
    scores = [r.score for r in board.rows]
    return Bulletin(
        board, grids, communities, info.name if info else "",
        to_local(confirmed_at).date() if board.state == scoring.CONFIRMED and confirmed_at else None,
        mean_score(scores) if scores else 0.0,
        [(g, sum(1 for r in board.rows if r.grade == g)) for g in GRADES],
    )  # fmt: skip


# --- xlsx ----------------------------------------------------------------------------------------------

RANKING_HEADERS = ("名次", "姓名", "村（社区）", "网格", "岗位", "计算得分", "调整", "最终得分", "等次")


def export_ranking(db: Database, actor: Actor, period_id: str, path: Path) -> int:
    """The ranking, grids and communities as xlsx (text cells; a temporary file renamed once audited).
    Returns the number of workers."""
    from openpyxl import Workbook

    board = ranking(db, actor, period_id)
    grids, communities = rollup(db, actor, period_id)
    target = Path(path)
    require_text_path(target)
    temp = temp_path_for(target)
    try:
        with private_temp(db.path):
            book = Workbook()
            page = book.active
            assert page is not None
            page.title = f"{board.name}考核排名"[:31]
            append_as_text(page, RANKING_HEADERS)
            for r in board.rows:
                append_as_text(
                    page,
                    [r.rank, r.name, r.community, r.grid, r.post, f"{r.computed_score:g}", f"{r.adjustment:+g}",
                     f"{r.score:g}", r.grade],
                )  # fmt: skip
            grid_page = book.create_sheet("网格")
            append_as_text(grid_page, ("名次", "网格", "村（社区）", "人数", "平均得分", "等次"))
            for g in grids:
                append_as_text(grid_page, [g.rank, g.name, g.community, g.members, f"{g.score:g}", g.grade])
            community_page = book.create_sheet("村（社区）")
            append_as_text(community_page, ("名次", "村（社区）", "网格数", "平均得分", "等次"))
            for c in communities:
                append_as_text(community_page, [c.rank, c.name, c.members, f"{c.score:g}", c.grade])
            with shown_as(target, temp):
                book.save(temp)
        with unit_of_work(db, actor) as uow:  # no file without its audit row
            uow.audit(
                "导出考核排名", "考核周期", period_id, f"{board.name} {len(board.rows)} 人 → {target.name}"
            )
            replace_file(temp, target)
    finally:
        discard_temp(temp)
    return len(board.rows)


def record_document(
    db: Database,
    actor: Actor,
    object_type: str,
    subject_id: str,
    label: str,
    kind: str,
    title: str,
    purpose: str,
    copies: int = 1,
    target: str = "",
) -> None:
    """Audits a printed or saved 考核表 / 考核排名表 / 考核通报 (purpose: 预览 / 打印 / 另存 / 命令行)."""
    actor.require(Permission.ASSESSMENT_VIEW)
    with unit_of_work(db, actor) as uow:
        uow.audit_document(
            object_type, subject_id, label, kind=kind, title=title, ver=0, purpose=purpose, copies=copies,
            target=target,
        )  # fmt: skip
