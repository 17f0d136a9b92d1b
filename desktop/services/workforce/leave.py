"""Leave (请假): request, approve or refuse (the level depends on the length), report back (销假).

Days are counted as the kind is: working days for most kinds, so public holidays and weekends inside
the span do not count against annual leave; calendar days for 婚假, 产假, 丧假 and 探亲假, which the
rules give in calendar days. Annual leave (年休假) is 5, 10 or 15 working days a year for 1–10,
10–20 and 20+ years of service, counted from the worker's first post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError, raise_all
from desktop.models import GridWorker, LeaveRequest, Person
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import workdays
from desktop.services.common.text import clean_line
from desktop.services.common.uow import unit_of_work

KINDS = ("事假", "病假", "年休假", "婚假", "产假", "丧假", "探亲假", "调休", "公出/外勤")
ANNUAL = "年休假"
FIELD_WORK = "公出/外勤"  # away on the centre's business: counts as attendance, not as leave
CALENDAR_DAY_KINDS = frozenset({"婚假", "产假", "丧假", "探亲假"})
PENDING, APPROVED, REFUSED, RETURNED = "申请", "批准", "驳回", "销假"
STATES = (PENDING, APPROVED, REFUSED, RETURNED)
# Up to SHORT_LEAVE_DAYS days a 网格管理员 or the manager approves; longer leave only the manager.
SHORT_LEAVE_DAYS = 3
LEVEL_SHORT = "网格管理员"
LEVEL_LONG = "中心负责人"
LEAVE_REASON = 200
MAX_SPAN_DAYS = 200  # 产假 is the longest: 98 days and more by local rules


@dataclass(frozen=True)
class LeaveInput:
    person_id: str
    kind: str
    start: date
    end: date
    reason: str = ""


@dataclass(frozen=True)
class LeaveRow:
    id: str
    ver: int
    person_id: str
    name: str
    kind: str
    start: date
    end: date
    days: int
    reason: str
    state: str
    level: str
    decided_by: str
    returned_on: date | None


def annual_allowance(years_of_service: int) -> int:
    if years_of_service >= 20:
        return 15
    if years_of_service >= 10:
        return 10
    if years_of_service >= 1:
        return 5
    return 0


def full_years(since: date, on: date) -> int:
    years = on.year - since.year
    if (on.month, on.day) < (since.month, since.day):
        years -= 1
    return max(years, 0)


def counted_days(calendar: workdays.Calendar, kind: str, start: date, end: date) -> int:
    span = (end - start).days + 1
    if kind in CALENDAR_DAY_KINDS:
        return span
    return sum(calendar.is_workday(start + timedelta(days=i)) for i in range(span))


def approval_level(days: int) -> str:
    return LEVEL_SHORT if days <= SHORT_LEAVE_DAYS else LEVEL_LONG


def check_leave(data: LeaveInput) -> tuple[str, str]:
    errors: list[ValidationError] = []
    if data.kind not in KINDS:
        errors.append(ValidationError("假别只能是：" + "、".join(KINDS), "Unknown kind of leave.", "kind"))
    if data.end < data.start:
        errors.append(
            ValidationError("结束日期不能早于开始日期。", "The end date is before the start.", "end")
        )
    elif (data.end - data.start).days >= MAX_SPAN_DAYS:
        errors.append(ValidationError(f"一次请假最多 {MAX_SPAN_DAYS} 天。", "The span is too long.", "end"))
    try:
        reason = clean_line(data.reason, "reason", LEAVE_REASON, ("请假事由", "reason"))
    except ValidationError as exc:
        errors.append(exc)
        reason = ""
    raise_all(errors)
    return data.kind, reason


def first_post(session: Session, person_id: str) -> date | None:
    return session.scalar(
        select(func.min(GridWorker.start_date)).where(
            GridWorker.person_id == person_id, GridWorker.deleted_at.is_(None)
        )
    )


def annual_used(session: Session, person_id: str, year: int, *, excluding: str = "") -> int:
    used = session.scalar(
        select(func.coalesce(func.sum(LeaveRequest.days), 0)).where(
            LeaveRequest.person_id == person_id,
            LeaveRequest.kind == ANNUAL,
            LeaveRequest.state.in_((PENDING, APPROVED, RETURNED)),
            LeaveRequest.deleted_at.is_(None),
            LeaveRequest.start_date >= date(year, 1, 1),
            LeaveRequest.start_date <= date(year, 12, 31),
            LeaveRequest.id != excluding,
        )
    )
    return int(used or 0)


def request_leave(db: Database, actor: Actor, data: LeaveInput) -> str:
    """Records a request (entered at the desk for the worker); it waits for approval at its level."""
    actor.require(Permission.DUTY_EDIT)
    kind, reason = check_leave(data)
    calendar = workdays.load(db)
    days = counted_days(calendar, kind, data.start, data.end)
    if days == 0:
        raise ValidationError(
            "所选日期都是休息日，不需要请假。", "Every day chosen is a day off: no leave is needed.", "end"
        )
    if kind == ANNUAL and data.start.year != data.end.year:
        raise ValidationError(
            "年休假不能跨年，请分两次申请。", "Annual leave cannot cross a year end; ask twice.", "end"
        )
    with unit_of_work(db, actor) as uow:
        person = uow.session.get(Person, data.person_id)
        if person is None or person.deleted_at is not None:
            raise NotFound("找不到该人员。", "Person not found.")
        overlap = uow.session.scalar(
            select(LeaveRequest.id).where(
                LeaveRequest.person_id == data.person_id,
                LeaveRequest.state.in_((PENDING, APPROVED)),
                LeaveRequest.deleted_at.is_(None),
                LeaveRequest.start_date <= data.end,
                LeaveRequest.end_date >= data.start,
            )
        )
        if overlap is not None:
            raise UserError("这段时间已有请假记录。", "There is already leave in this span.")
        if kind == ANNUAL:
            since = first_post(uow.session, data.person_id)
            allowance = annual_allowance(full_years(since, data.start) if since else 0)
            used = annual_used(uow.session, data.person_id, data.start.year)
            if used + days > allowance:
                raise ValidationError(
                    f"年休假超出：今年可休 {allowance} 天，已用或已申请 {used} 天，本次 {days} 天。",
                    f"Annual leave exceeded: {allowance} days a year, {used} used or asked, {days} now.",
                    "end",
                )
        row = LeaveRequest(
            person_id=data.person_id, kind=kind, start_date=data.start, end_date=data.end, days=days,
            reason=reason, state=PENDING, level=approval_level(days), requested_by=actor.username,
            decided_by="", decision_note="",
        )  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return row.id


def decide_leave(db: Database, actor: Actor, leave_id: str, approve: bool, note: str = "") -> None:
    actor.require(Permission.DUTY_APPROVE)
    note = clean_line(note, "note", LEAVE_REASON, ("审批意见", "note"))
    if not approve and not note:
        raise ValidationError("驳回时请写明理由。", "Give the reason for refusing.", "note")
    with unit_of_work(db, actor) as uow:
        row = uow.load_for_update(
            LeaveRequest, leave_id, None, not_found=("找不到该请假记录。", "Leave not found.")
        )
        if row.state != PENDING:
            raise UserError("该请假已审批过。", "This leave has already been decided.")
        if row.level == LEVEL_LONG:
            actor.require(Permission.DUTY_APPROVE_LONG)
        row.state = APPROVED if approve else REFUSED
        row.decided_by = actor.username
        row.decided_at = uow.now
        row.decision_note = note


def report_back(db: Database, actor: Actor, leave_id: str, on: date) -> None:
    """销假: the worker is back on `on`; days after it no longer count as leave."""
    actor.require(Permission.DUTY_EDIT)
    with unit_of_work(db, actor) as uow:
        row = uow.load_for_update(
            LeaveRequest, leave_id, None, not_found=("找不到该请假记录。", "Leave not found.")
        )
        if row.state != APPROVED:
            raise UserError("只有已批准的请假才能销假。", "Only approved leave can be reported back.")
        if on <= row.start_date:
            raise ValidationError("销假日期应在请假开始之后。", "The return is after the leave starts.", "on")
        row.state = RETURNED
        row.returned_on = on


def leave_list(
    db: Database, actor: Actor, start: date, end: date, *, states: tuple[str, ...] = STATES
) -> list[LeaveRow]:
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        rows = session.execute(
            select(LeaveRequest, Person.name)
            .join(Person, Person.id == LeaveRequest.person_id)
            .where(
                LeaveRequest.deleted_at.is_(None),
                LeaveRequest.state.in_(states),
                LeaveRequest.start_date <= end,
                LeaveRequest.end_date >= start,
            )
            .order_by(LeaveRequest.start_date, Person.name)
        ).all()
        return [
            LeaveRow(r.id, r.ver, r.person_id, name, r.kind, r.start_date, r.end_date, r.days, r.reason, r.state,
                     r.level, r.decided_by, r.returned_on)
            for r, name in rows
        ]  # fmt: skip


def annual_balance(db: Database, actor: Actor, person_id: str, year: int) -> tuple[int, int]:
    """(allowance, used or asked) of annual leave in `year`."""
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        since = first_post(session, person_id)
        allowance = annual_allowance(full_years(since, date(year, 1, 1)) if since else 0)
        return allowance, annual_used(session, person_id, year)
