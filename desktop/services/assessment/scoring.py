"""Scoring periods: compute (month from the records, quarter and half-year as the mean of their
months, the year as w·H1 + (1−w)·H2), rank, grade, adjust by hand, appeal, confirm and reopen.

A confirmed period is frozen: computing again, adjusting or deciding an appeal needs a manager to
reopen it first, with a reason (audited). A period keeps the scheme version it was first computed
with unless the manager asks for the current one when recomputing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import (
    AssessmentAdjustment,
    AssessmentAppeal,
    AssessmentPeriod,
    AssessmentResult,
    Person,
)
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.assessment import indicators
from desktop.services.assessment.scheme import Scheme, current_row, item_points, scheme_by_id
from desktop.services.common.text import ASSESSMENT_REASON, clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work

MONTH, QUARTER, HALF, YEAR = "月度", "季度", "半年", "年度"
KINDS = (MONTH, QUARTER, HALF, YEAR)
DRAFT, CONFIRMED = "草稿", "已确认"
PENDING, UPHELD, REJECTED = "申请", "支持", "驳回"
RESULT = "考核结果"  # the source of an aggregate period's lines
QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")
HALF_NAMES = ("上半年", "下半年")
PERIOD_NOT_FOUND = ("找不到该考核周期。", "Assessment period not found.")
RESULT_NOT_FOUND = ("找不到该考核结果。", "Assessment result not found.")


# --- periods -----------------------------------------------------------------------------------------


def bounds(kind: str, year: int, number: int) -> tuple[date, date]:
    """The first and last day of a month (1–12), quarter (1–4), half (1–2) or year (1)."""
    spans = {MONTH: (12, 1), QUARTER: (4, 3), HALF: (2, 6), YEAR: (1, 12)}
    if kind not in spans:
        raise ValidationError("考核周期类型不正确。", "Unknown kind of period.", "kind")
    count, months = spans[kind]
    if not 1 <= number <= count or not 2000 <= year <= 2100:
        raise ValidationError("考核周期不正确。", "No such period.", "number")
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    first = date(year, first_month, 1)
    last = date(year + (last_month == 12), last_month % 12 + 1, 1) - timedelta(days=1)
    return first, last


def period_name(kind: str, year: int, number: int) -> str:
    """2026年5月, 2026年第二季度, 2026年上半年, 2026年度."""
    if kind == MONTH:
        return f"{year}年{number}月"
    if kind == QUARTER:
        return f"{year}年{QUARTER_NAMES[number - 1]}"
    if kind == HALF:
        return f"{year}年{HALF_NAMES[number - 1]}"
    return f"{year}年度"


def period_code(kind: str, year: int, number: int) -> str:
    """The period as the command line names it: 2026-05, 2026-Q2, 2026-H1, 2026."""
    return {MONTH: f"{year}-{number:02d}", QUARTER: f"{year}-Q{number}", HALF: f"{year}-H{number}"}.get(
        kind, str(year)
    )


def parse_period(text: str) -> tuple[str, int, int]:
    """'2026-05' / '2026-Q2' / '2026-H1' / '2026' -> (kind, year, number)."""
    raw = text.strip().upper()
    try:
        if len(raw) == 4:
            return YEAR, int(raw), 1
        year, _, rest = raw.partition("-")
        if rest.startswith("Q"):
            kind, number = QUARTER, int(rest[1:])
        elif rest.startswith("H"):
            kind, number = HALF, int(rest[1:])
        else:
            kind, number = MONTH, int(rest)
        bounds(kind, int(year), number)
        return kind, int(year), number
    except (ValueError, ValidationError):
        raise ValidationError(
            "考核周期应写作 2026-05、2026-Q2、2026-H1 或 2026。",
            "Write the period as 2026-05, 2026-Q2, 2026-H1 or 2026.",
            "period",
        ) from None


def require_open(period: AssessmentPeriod) -> None:
    if period.state == CONFIRMED:
        raise UserError(
            f"{period_name(period.kind, period.year, period.number)}的考核已确认，需由负责人重新开启后才能修改。",
            "This period is confirmed: a manager must reopen it before anything changes.",
        )


def _period(uow: UnitOfWork, period_id: str) -> AssessmentPeriod:
    row = uow.session.get(AssessmentPeriod, period_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(*PERIOD_NOT_FOUND)
    return row


def find_period(session: Session, kind: str, year: int, number: int) -> AssessmentPeriod | None:
    return session.scalar(
        select(AssessmentPeriod).where(
            AssessmentPeriod.kind == kind, AssessmentPeriod.year == year, AssessmentPeriod.number == number,
            AssessmentPeriod.deleted_at.is_(None),
        )
    )  # fmt: skip


# --- computing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Computed:
    person_id: str
    grid_id: str | None
    community_id: str | None
    post: str
    score: float
    detail: dict[str, object]


def _month_results(
    db: Database, actor: Actor, scheme: Scheme, first: date, last: date, today: date
) -> list[Computed]:
    records = indicators.load_period(db, actor, first, last, today)
    out = []
    with db.reading() as session:
        for worker in indicators.workers(session, first, last, scheme.posts):
            found = indicators.for_worker(session, records, worker)
            lines = []
            for item in scheme.items:
                if item.manual:
                    continue  # applied by hand as adjustments
                ind = found[item.indicator]
                lines.append(
                    {
                        "code": item.code, "group": item.group, "label": item.label, "indicator": item.indicator,
                        "shown": ind.shown(), "points": item_points(item, ind.count, ind.total, ind.missing),
                        "kind": item.kind, "weight": item.weight, "cap": item.cap,
                    }
                )  # fmt: skip
            score = round(scheme.base_score + sum(float(str(line["points"])) for line in lines), 2)
            detail: dict[str, object] = {
                "lines": lines,
                "indicators": [i.as_json() for i in found.values()],
                "base": scheme.base_score,
            }
            out.append(
                Computed(worker.person_id, worker.grid_id, worker.community_id, worker.post, score, detail)
            )
    return out


def _months_in(kind: str, year: int, number: int) -> list[int]:
    first, last = bounds(kind, year, number)
    return list(range(first.month, last.month + 1))


def _aggregate_results(session: Session, scheme: Scheme, kind: str, year: int, number: int) -> list[Computed]:
    """Quarter and half-year: the mean of the months' final scores. Year: w·(mean of H1) + (1−w)·(mean
    of H2); a half with no month computed leaves the other half alone."""
    months = _months_in(kind, year, number)
    rows = session.execute(
        select(AssessmentResult, AssessmentPeriod.number)
        .join(AssessmentPeriod, AssessmentPeriod.id == AssessmentResult.period_id)
        .where(
            AssessmentPeriod.kind == MONTH, AssessmentPeriod.year == year, AssessmentPeriod.number.in_(months),
            AssessmentPeriod.deleted_at.is_(None), AssessmentResult.deleted_at.is_(None),
        )
        .order_by(AssessmentPeriod.number)
    ).all()  # fmt: skip
    if not rows:
        names = "、".join(f"{m}月" for m in months)
        raise UserError(
            f"{period_name(kind, year, number)}内的月度考核（{names}）都还没有计算，请先计算月度考核。",
            "No month of this period has been computed yet: compute the monthly assessments first.",
        )
    by_person: dict[str, list[tuple[int, AssessmentResult]]] = {}
    for result, month in rows:
        by_person.setdefault(result.person_id, []).append((month, result))
    out = []
    for person_id, held in by_person.items():
        latest = held[-1][1]
        lines = [
            {
                "code": f"{year}-{m:02d}", "group": "", "label": f"{year}年{m}月", "indicator": "",
                "shown": f"{r.score:g}（{r.grade}）", "points": r.score, "ref": r.id,
            }
            for m, r in held
        ]  # fmt: skip
        if kind == YEAR:
            first_half = [r.score for m, r in held if m <= 6]
            second_half = [r.score for m, r in held if m > 6]
            w = scheme.first_half_weight
            if first_half and second_half:
                score = w * _mean(first_half) + (1 - w) * _mean(second_half)
            else:
                score = _mean(first_half or second_half)
            halves = {
                "first_half": round(_mean(first_half), 2) if first_half else None,
                "second_half": round(_mean(second_half), 2) if second_half else None,
                "first_half_weight": w,
            }
        else:
            score = _mean([r.score for _, r in held])
            halves = {}
        detail: dict[str, object] = {"lines": lines, "indicators": [], "months": len(held), **halves}
        out.append(
            Computed(person_id, latest.grid_id, latest.community_id, latest.post, round(score, 2), detail)
        )
    return out


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def days_left(db: Database, kind: str, year: int, number: int) -> int:
    """Days of the period still to come after today (0 once it is over): computing earlier scores
    only the days so far, which a manager should know before they look like a bad month."""
    _first, last = bounds(kind, year, number)
    return max((last - to_local(db.clock()).date()).days, 0)


def compute(
    db: Database,
    actor: Actor,
    kind: str,
    year: int,
    number: int,
    *,
    today: date | None = None,
    use_current_scheme: bool = False,
) -> str:
    """Computes (or recomputes, while not confirmed) a period; returns its id. Adjustments and appeals
    made earlier are kept and applied again."""
    actor.require(Permission.ASSESSMENT_EDIT)
    first, last = bounds(kind, year, number)
    if today is None:
        today = to_local(db.clock()).date()
    if first > today:
        raise UserError("该考核周期尚未开始，无法计算。", "This period has not begun yet.")
    with unit_of_work(db, actor) as uow:
        period = find_period(uow.session, kind, year, number)
        if period is not None:
            require_open(period)
        scheme_row = current_row(uow)
        scheme_id = scheme_row.id if period is None or use_current_scheme else period.scheme_id
        if period is None:
            period = AssessmentPeriod(
                kind=kind, year=year, number=number, first_day=first, last_day=last, scheme_id=scheme_id,
                state=DRAFT, computed_by="", confirmed_by="",
            )  # fmt: skip
            uow.session.add(period)
            uow.session.flush()
        period.scheme_id = scheme_id
        scheme = scheme_by_id(uow.session, scheme_id)
        period_id = period.id
    # The records are read outside the write transaction (the attendance sheet reads on its own).
    if kind == MONTH:
        computed = _month_results(db, actor, scheme, first, last, today)
    else:
        with db.reading() as session:
            computed = _aggregate_results(session, scheme, kind, year, number)
    with unit_of_work(db, actor) as uow:
        period = _period(uow, period_id)
        require_open(period)
        held = {
            r.person_id: r
            for r in uow.session.scalars(
                select(AssessmentResult).where(AssessmentResult.period_id == period_id)
            )
        }
        seen = set()
        for c in computed:
            seen.add(c.person_id)
            row = held.get(c.person_id)
            if row is None:
                row = AssessmentResult(period_id=period_id, person_id=c.person_id, adjustment=0, rank=0)
                uow.session.add(row)
            row.deleted_at = None
            row.grid_id, row.community_id, row.post = c.grid_id, c.community_id, c.post
            row.computed_score = c.score
            row.detail = json.dumps(c.detail, ensure_ascii=False)
            row.score = c.score
            row.grade = ""
        for person_id, row in held.items():
            if person_id not in seen and row.deleted_at is None:
                row.deleted_at = uow.now  # no longer in an assessed post in the period
        uow.session.flush()
        rescore(uow, period, scheme)
        period.computed_at = uow.now
        period.computed_by = actor.display_name
        uow.audit(
            "计算考核", "考核周期", period_id,
            f"{period_name(kind, year, number)} {len(computed)} 人，{scheme.label}",
            {"scheme_version": scheme.version, "people": len(computed)},
        )  # fmt: skip
    return period_id


def rescore(uow: UnitOfWork, period: AssessmentPeriod, scheme: Scheme | None = None) -> None:
    """Final scores (computed + adjustments + upheld appeals), grades and ranks of a whole period."""
    if scheme is None:
        scheme = scheme_by_id(uow.session, period.scheme_id)
    results = list(
        uow.session.scalars(
            select(AssessmentResult).where(
                AssessmentResult.period_id == period.id, AssessmentResult.deleted_at.is_(None)
            )
        )
    )
    ids = [r.id for r in results]
    extra: dict[str, float] = dict.fromkeys(ids, 0.0)
    if ids:
        for result_id, points in uow.session.execute(
            select(AssessmentAdjustment.result_id, AssessmentAdjustment.points).where(
                AssessmentAdjustment.result_id.in_(ids), AssessmentAdjustment.deleted_at.is_(None)
            )
        ):
            extra[result_id] += points
        for result_id, points in uow.session.execute(
            select(AssessmentAppeal.result_id, AssessmentAppeal.points).where(
                AssessmentAppeal.result_id.in_(ids), AssessmentAppeal.state == UPHELD,
                AssessmentAppeal.deleted_at.is_(None),
            )
        ):  # fmt: skip
            extra[result_id] -= points  # an upheld appeal gives the deduction back
    for r in results:
        r.adjustment = round(extra[r.id], 2)
        r.score = round(r.computed_score + r.adjustment, 2)
        r.grade = scheme.grade(r.score)
    # Competition ranking: equal scores share a rank, the next rank skips (1, 1, 3).
    ordered = sorted(results, key=lambda r: -r.score)
    for position, r in enumerate(ordered, start=1):
        r.rank = (
            position
            if position == 1 or r.score != ordered[position - 2].score
            else ordered[position - 2].rank
        )


# --- freezing ----------------------------------------------------------------------------------------


def confirm(db: Database, actor: Actor, period_id: str) -> None:
    """确认: the period's scores are final and frozen."""
    actor.require(Permission.ASSESSMENT_EDIT)
    with unit_of_work(db, actor) as uow:
        period = _period(uow, period_id)
        require_open(period)
        waiting = uow.session.scalar(
            select(AssessmentAppeal.id)
            .join(AssessmentResult, AssessmentResult.id == AssessmentAppeal.result_id)
            .where(AssessmentResult.period_id == period_id, AssessmentAppeal.state == PENDING)
            .limit(1)
        )
        if waiting is not None:
            raise UserError(
                "还有申诉没有处理，处理后才能确认。", "Decide the pending appeals before confirming."
            )
        period.state = CONFIRMED
        period.confirmed_at = uow.now
        period.confirmed_by = actor.display_name
        uow.audit("确认考核", "考核周期", period_id, period_name(period.kind, period.year, period.number))


def reopen(db: Database, actor: Actor, period_id: str, reason: str) -> None:
    """A manager reopens a confirmed period, with the reason: it may then be recomputed or adjusted."""
    actor.require(Permission.ASSESSMENT_EDIT)
    reason = _reason(reason, "请写明重新开启的原因。", "Give the reason for reopening.")
    with unit_of_work(db, actor) as uow:
        period = _period(uow, period_id)
        if period.state != CONFIRMED:
            raise UserError("该考核周期尚未确认，无需重新开启。", "The period is not confirmed.")
        period.state = DRAFT
        uow.audit(
            "重新开启考核", "考核周期", period_id,
            f"{period_name(period.kind, period.year, period.number)}：{reason}", {"reason": reason},
        )  # fmt: skip


# --- adjustments and appeals ---------------------------------------------------------------------------


def _reason(value: str, zh: str, en: str, field: str = "reason") -> str:
    text = clean_line(value, field, ASSESSMENT_REASON, ("原因", "reason"))
    if len(text) < 2:
        raise ValidationError(zh, en, field)
    return text


def _result(uow: UnitOfWork, result_id: str) -> tuple[AssessmentResult, AssessmentPeriod]:
    row = uow.session.get(AssessmentResult, result_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(*RESULT_NOT_FOUND)
    return row, _period(uow, row.period_id)


def _who(uow: UnitOfWork, result: AssessmentResult) -> str:
    person = uow.session.get(Person, result.person_id)
    return person.name if person is not None else ""


def adjust(
    db: Database,
    actor: Actor,
    result_id: str,
    reason: str,
    *,
    points: float | None = None,
    rule_code: str = "",
    count: int = 0,
) -> float:
    """A manager's adjustment with its reason: free points, or a deduction rule of the scheme
    (应发现未发现 …) applied `count` times within the rule's cap. Returns the points applied."""
    actor.require(Permission.ASSESSMENT_EDIT)
    reason = _reason(reason, "请写明调整的原因。", "Give the reason for the adjustment.")
    with unit_of_work(db, actor) as uow:
        result, period = _result(uow, result_id)
        require_open(period)
        scheme = scheme_by_id(uow.session, period.scheme_id)
        if rule_code:
            item = scheme.item(rule_code)
            if not item.manual:
                raise ValidationError(
                    "该项由系统按记录计算，不能手工扣分。", "That item is computed from the records.", "rule"
                )
            if count < 1:
                raise ValidationError("次数至少为 1。", "The count is at least 1.", "count")
            before = sum(
                uow.session.scalars(
                    select(AssessmentAdjustment.points).where(
                        AssessmentAdjustment.result_id == result_id, AssessmentAdjustment.rule_code == rule_code,
                        AssessmentAdjustment.deleted_at.is_(None),
                    )
                )
            )  # fmt: skip
            after = item_points(item, count, None, False) + before
            if item.cap:
                after = max(-item.cap, min(item.cap, after))
            applied = round(after - before, 2)
            if applied == 0:
                raise UserError(
                    f"“{item.label}”已达到上限 {item.cap:g} 分。", f"{item.label} has reached its cap."
                )
            label = f"{item.label} {count} 次"
        else:
            if points is None or points == 0 or abs(points) > 100:
                raise ValidationError(
                    "调整分值应在 -100 到 100 之间且不为 0。", "Points: −100 to 100, not 0.", "points"
                )
            applied = round(float(points), 2)
            label = "手工调整"
        uow.session.add(
            AssessmentAdjustment(
                result_id=result_id, rule_code=rule_code, count=count if rule_code else 0, points=applied,
                reason=reason, made_by=actor.display_name,
            )
        )  # fmt: skip
        uow.session.flush()
        rescore(uow, period, scheme)
        uow.audit(
            "考核调整", "考核结果", result_id, f"{_who(uow, result)} {label} {applied:+g} 分：{reason}",
            {"points": applied, "rule": rule_code, "count": count},
        )  # fmt: skip
    return applied


def deductions(detail: dict[str, object], adjustments: Sequence[AssessmentAdjustment]) -> dict[str, float]:
    """What may be appealed: each scored line that took points away, and each deducting adjustment."""
    out: dict[str, float] = {}
    for line in detail.get("lines", []):  # type: ignore[attr-defined]
        points = float(line["points"])
        if points < 0:
            out[str(line["code"])] = points
    for a in adjustments:
        if a.points < 0 and a.deleted_at is None:
            out[f"adj:{a.id}"] = a.points
    return out


def file_appeal(db: Database, actor: Actor, result_id: str, item_code: str, reason: str) -> str:
    """A worker's appeal against one deduction, recorded by whoever takes it; decided by a manager."""
    actor.require(Permission.ASSESSMENT_VIEW)
    reason = _reason(reason, "请写明申诉理由。", "Give the grounds of the appeal.")
    with unit_of_work(db, actor) as uow:
        result, _period_row = _result(uow, result_id)
        adjustments = list(
            uow.session.scalars(
                select(AssessmentAdjustment).where(AssessmentAdjustment.result_id == result_id)
            )
        )
        open_items = deductions(json.loads(result.detail), adjustments)
        if item_code not in open_items:
            raise ValidationError("只能对扣分项提出申诉。", "Only a deduction can be appealed.", "item")
        taken = uow.session.scalar(
            select(AssessmentAppeal.id).where(
                AssessmentAppeal.result_id == result_id, AssessmentAppeal.item_code == item_code,
                AssessmentAppeal.state.in_((PENDING, UPHELD)), AssessmentAppeal.deleted_at.is_(None),
            )
        )  # fmt: skip
        if taken is not None:
            raise UserError("这一扣分项已有申诉。", "That deduction has already been appealed.")
        appeal = AssessmentAppeal(
            result_id=result_id, item_code=item_code, points=open_items[item_code], reason=reason,
            state=PENDING, requested_by=actor.display_name, decided_by="", decision_note="",
        )  # fmt: skip
        uow.session.add(appeal)
        uow.session.flush()
        uow.audit(
            "考核申诉",
            "考核结果",
            result_id,
            f"{_who(uow, result)} 对 {item_code}（{open_items[item_code]:g} 分）申诉：{reason}",
        )
        return appeal.id


def decide_appeal(db: Database, actor: Actor, appeal_id: str, uphold: bool, note: str) -> None:
    """支持 gives the deduction back, 驳回 keeps it; the reason is kept either way."""
    actor.require(Permission.ASSESSMENT_EDIT)
    note = _reason(note, "请写明处理意见。", "Give the reason for the decision.", "note")
    with unit_of_work(db, actor) as uow:
        appeal = uow.session.get(AssessmentAppeal, appeal_id)
        if appeal is None or appeal.deleted_at is not None:
            raise NotFound("找不到该申诉。", "Appeal not found.")
        if appeal.state != PENDING:
            raise UserError("该申诉已经处理过了。", "That appeal has already been decided.")
        result, period = _result(uow, appeal.result_id)
        require_open(period)
        appeal.state = UPHELD if uphold else REJECTED
        appeal.decided_by = actor.display_name
        appeal.decided_at = uow.now
        appeal.decision_note = note
        uow.session.flush()
        rescore(uow, period)
        uow.audit(
            "处理考核申诉",
            "考核结果",
            result.id,
            f"{_who(uow, result)} {appeal.item_code} {appeal.state}：{note}",
        )


def scheme_of(db: Database, actor: Actor, period_id: str) -> Scheme:
    actor.require(Permission.ASSESSMENT_VIEW)
    with db.reading() as session:
        period = session.get(AssessmentPeriod, period_id)
        if period is None:
            raise NotFound(*PERIOD_NOT_FOUND)
        return scheme_by_id(session, period.scheme_id)
