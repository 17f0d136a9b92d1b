"""The centre's duty rota (值班表): a fair rota for a month or a holiday period, hand edits, and swaps
that take effect only when a manager approves them.

Fair means: over the period each eligible person gets as many duties as anyone else, give or take
one (`generate_rota` gives each day to whoever of those available has the fewest so far, and of them
whoever has waited longest). Nobody is put on a day they are on approved leave.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import DutyEntry, DutySwap, GridWorker, Person
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import workdays
from desktop.services.common.text import clean_line
from desktop.services.common.uow import unit_of_work
from desktop.services.workforce.attendance import leave_kinds

SHIFTS = ("全天", "白班", "夜班")
OFFICER = "值班员"
LEADER = "带班领导"
ROLES = (LEADER, OFFICER)
# Which days of the period get a duty: every day, working days only, or the days off (weekends, holidays).
ALL_DAYS = "全部日期"
WORKDAYS_ONLY = "工作日"
DAYS_OFF = "休息日"
DAY_CHOICES = (ALL_DAYS, WORKDAYS_ONLY, DAYS_OFF)
PENDING, APPROVED, REFUSED = "申请", "批准", "驳回"
DUTY_NOTE = 100
SWAP_REASON = 200
WEEKDAYS = "一二三四五六日"
NOT_FOUND = ("找不到该值班安排。", "Duty entry not found.")


@dataclass(frozen=True)
class StaffMember:
    person_id: str
    name: str
    post: str


@dataclass(frozen=True)
class DutyRow:
    id: str
    ver: int
    day: date
    shift: str
    role: str
    person_id: str
    name: str
    note: str
    swap_pending: bool


@dataclass(frozen=True)
class SwapRow:
    id: str
    entry_id: str
    day: date
    shift: str
    from_name: str
    to_name: str
    reason: str
    state: str
    requested_by: str


def period_days(start: date, end: date) -> list[date]:
    if end < start:
        raise ValidationError("结束日期不能早于开始日期。", "The end date is before the start.", "end")
    if (end - start).days > 366:
        raise ValidationError("一次最多排一年。", "A rota covers at most one year.", "end")
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def centre_staff(db: Database, actor: Actor, on: date) -> list[StaffMember]:
    """Who may be put on duty: centre staff (a post without a grid) in post on `on`."""
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        rows = session.execute(
            select(Person.id, Person.name, GridWorker.post)
            .join(GridWorker, GridWorker.person_id == Person.id)
            .where(
                GridWorker.grid_id.is_(None),
                GridWorker.deleted_at.is_(None),
                GridWorker.start_date <= on,
                or_(GridWorker.end_date.is_(None), GridWorker.end_date >= on),
                Person.deleted_at.is_(None),
            )
            .order_by(Person.name, Person.id)
        ).all()
    seen: dict[str, StaffMember] = {}
    for person_id, name, post in rows:
        seen.setdefault(person_id, StaffMember(person_id, name, post))
    return list(seen.values())


def _pick(
    candidates: Sequence[str],
    day: date,
    counts: dict[str, int],
    last: dict[str, date],
    away: set[tuple[str, date]],
) -> str | None:
    free = [p for p in candidates if (p, day) not in away]
    if not free:
        return None
    order = {p: i for i, p in enumerate(candidates)}
    return min(free, key=lambda p: (counts[p], last.get(p, date.min), order[p]))


@dataclass(frozen=True)
class RotaResult:
    entries: int
    days: int
    uncovered: list[date]  # days nobody was free for
    per_person: dict[str, int]  # name -> duties


def generate_rota(
    db: Database,
    actor: Actor,
    start: date,
    end: date,
    *,
    officers: Sequence[str],
    leaders: Sequence[str] = (),
    shifts: Sequence[str] = ("全天",),
    which_days: str = ALL_DAYS,
    replace: bool = False,
) -> RotaResult:
    """A rota for start..end: per day and shift one 值班员 from `officers` and, when `leaders` are given,
    one 带班领导. Entries already in the period are refused unless `replace` (they are then removed)."""
    actor.require(Permission.DUTY_EDIT)
    days = period_days(start, end)
    if not officers:
        raise ValidationError("请选择至少一名值班人员。", "Choose at least one person for duty.", "officers")
    if len(set(officers)) != len(officers) or len(set(leaders)) != len(leaders):
        raise ValidationError("同一人选了两次。", "Someone is chosen twice.", "officers")
    if set(officers) & set(leaders):
        raise ValidationError(
            "同一人不能既是值班员又是带班领导。", "Nobody is both officer and leader.", "leaders"
        )
    if not shifts or any(s not in SHIFTS for s in shifts):
        raise ValidationError("班次只能是：" + "、".join(SHIFTS), "Unknown shift.", "shifts")
    if which_days not in DAY_CHOICES:
        raise ValidationError("日期范围不正确。", "Unknown choice of days.", "which_days")
    calendar = workdays.load(db)
    if which_days == WORKDAYS_ONLY:
        days = [d for d in days if calendar.is_workday(d)]
    elif which_days == DAYS_OFF:
        days = [d for d in days if not calendar.is_workday(d)]
    with unit_of_work(db, actor) as uow:
        names = dict(
            uow.session.execute(
                select(Person.id, Person.name).where(Person.id.in_([*officers, *leaders]))
            ).all()
        )
        if len(names) != len(officers) + len(leaders):
            raise NotFound("找不到所选人员。", "A chosen person was not found.")
        existing = uow.session.scalars(
            select(DutyEntry).where(
                DutyEntry.day >= start, DutyEntry.day <= end, DutyEntry.deleted_at.is_(None)
            )
        ).all()
        if existing and not replace:
            raise UserError(
                f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d} 已有 {len(existing)} 条值班安排；如要重排，请选择替换。",
                f"The period already has {len(existing)} duty entries; choose to replace them.",
            )
        for entry in existing:
            entry.deleted_at = uow.now
        away = set(leave_kinds(uow.session, start, end))  # on leave or away on business
        counts = {p: 0 for p in [*officers, *leaders]}
        last: dict[str, date] = {}
        uncovered: list[date] = []
        made = 0
        for day in days:
            for shift in shifts:
                for role, pool in ((LEADER, leaders), (OFFICER, officers)):
                    if not pool:
                        continue
                    chosen = _pick(pool, day, counts, last, away)
                    if chosen is None:
                        if not uncovered or uncovered[-1] != day:
                            uncovered.append(day)
                        continue
                    counts[chosen] += 1
                    last[chosen] = day
                    uow.session.add(DutyEntry(day=day, shift=shift, role=role, person_id=chosen, note=""))
                    made += 1
        uow.audit(
            "生成值班表",
            "值班表",
            f"{start:%Y-%m-%d}",
            f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}，{made} 班次",
            {"replaced": len(existing), "uncovered": [d.isoformat() for d in uncovered]},
        )
    return RotaResult(made, len(days), uncovered, {names[p]: n for p, n in counts.items()})


def rota(db: Database, actor: Actor, start: date, end: date) -> list[DutyRow]:
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        rows = session.execute(
            select(DutyEntry, Person.name)
            .join(Person, Person.id == DutyEntry.person_id)
            .where(DutyEntry.day >= start, DutyEntry.day <= end, DutyEntry.deleted_at.is_(None))
        ).all()
        pending = set(
            session.scalars(
                select(DutySwap.entry_id).where(DutySwap.state == PENDING, DutySwap.deleted_at.is_(None))
            )
        )
        out = [
            DutyRow(e.id, e.ver, e.day, e.shift, e.role, e.person_id, name, e.note, e.id in pending)
            for e, name in rows
        ]
    shift_order = {s: i for i, s in enumerate(SHIFTS)}
    role_order = {r: i for i, r in enumerate(ROLES)}
    return sorted(out, key=lambda r: (r.day, shift_order.get(r.shift, 9), role_order.get(r.role, 9), r.name))


def _check_entry(shift: str, role: str, note: str) -> str:
    if shift not in SHIFTS:
        raise ValidationError("班次只能是：" + "、".join(SHIFTS), "Unknown shift.", "shift")
    if role not in ROLES:
        raise ValidationError("值班角色只能是：" + "、".join(ROLES), "Unknown duty role.", "role")
    return clean_line(note, "note", DUTY_NOTE, ("备注", "note"))


def add_entry(
    db: Database, actor: Actor, day: date, shift: str, role: str, person_id: str, note: str = ""
) -> str:
    actor.require(Permission.DUTY_EDIT)
    note = _check_entry(shift, role, note)
    with unit_of_work(db, actor) as uow:
        if uow.session.get(Person, person_id) is None:
            raise NotFound("找不到该人员。", "Person not found.")
        clash = uow.session.scalar(
            select(DutyEntry.id).where(
                DutyEntry.day == day,
                DutyEntry.shift == shift,
                DutyEntry.person_id == person_id,
                DutyEntry.deleted_at.is_(None),
            )
        )
        if clash is not None:
            raise UserError("此人当天该班次已在值班表上。", "This person is already on that shift.")
        entry = DutyEntry(day=day, shift=shift, role=role, person_id=person_id, note=note)
        uow.session.add(entry)
        uow.session.flush()
        return entry.id


def change_entry(
    db: Database, actor: Actor, entry_id: str, person_id: str, note: str, expected_ver: int | None = None
) -> None:
    """A hand edit: someone else on the entry, or its note."""
    actor.require(Permission.DUTY_EDIT)
    note = clean_line(note, "note", DUTY_NOTE, ("备注", "note"))
    with unit_of_work(db, actor) as uow:
        entry = uow.load_for_update(DutyEntry, entry_id, expected_ver, not_found=NOT_FOUND)
        if uow.session.get(Person, person_id) is None:
            raise NotFound("找不到该人员。", "Person not found.")
        entry.person_id = person_id
        entry.note = note


def remove_entry(db: Database, actor: Actor, entry_id: str) -> None:
    actor.require(Permission.DUTY_EDIT)
    with unit_of_work(db, actor) as uow:
        entry = uow.load_for_update(DutyEntry, entry_id, None, not_found=NOT_FOUND)
        entry.deleted_at = uow.now


# --- swaps -----------------------------------------------------------------------------------------


def request_swap(db: Database, actor: Actor, entry_id: str, to_person_id: str, reason: str) -> str:
    """Asks to hand a duty to `to_person_id`; the rota changes when a manager approves (`decide_swap`)."""
    actor.require(Permission.DUTY_EDIT)
    reason = clean_line(reason, "reason", SWAP_REASON, ("调班理由", "reason"))
    if not reason:
        raise ValidationError("请写明调班理由。", "Give the reason for the swap.", "reason")
    with unit_of_work(db, actor) as uow:
        entry = uow.load_for_update(DutyEntry, entry_id, None, not_found=NOT_FOUND)
        if entry.person_id == to_person_id:
            raise ValidationError("接班人就是原值班人。", "That is the person already on duty.", "to")
        if uow.session.get(Person, to_person_id) is None:
            raise NotFound("找不到接班人。", "The person to take over was not found.")
        open_swap = uow.session.scalar(
            select(DutySwap.id).where(
                DutySwap.entry_id == entry_id, DutySwap.state == PENDING, DutySwap.deleted_at.is_(None)
            )
        )
        if open_swap is not None:
            raise UserError(
                "这个班次已有待审批的调班申请。", "This duty already has a swap waiting for approval."
            )
        swap = DutySwap(
            entry_id=entry_id, from_person_id=entry.person_id, to_person_id=to_person_id, reason=reason,
            state=PENDING, requested_by=actor.username, decided_by="", decision_note="",
        )  # fmt: skip
        uow.session.add(swap)
        uow.session.flush()
        return swap.id


def decide_swap(db: Database, actor: Actor, swap_id: str, approve: bool, note: str = "") -> None:
    actor.require(Permission.DUTY_APPROVE)
    note = clean_line(note, "note", SWAP_REASON, ("审批意见", "note"))
    if not approve and not note:
        raise ValidationError("驳回时请写明理由。", "Give the reason for refusing.", "note")
    with unit_of_work(db, actor) as uow:
        swap = uow.load_for_update(
            DutySwap, swap_id, None, not_found=("找不到该调班申请。", "Swap not found.")
        )
        if swap.state != PENDING:
            raise UserError("该调班申请已审批过。", "This swap has already been decided.")
        swap.state = APPROVED if approve else REFUSED
        swap.decided_by = actor.username
        swap.decided_at = uow.now
        swap.decision_note = note
        if approve:
            entry = uow.load_for_update(DutyEntry, swap.entry_id, None, not_found=NOT_FOUND)
            if entry.person_id != swap.from_person_id:
                raise UserError(
                    "申请后该班次已换了人，请重新申请。",
                    "The duty changed hands since the request; ask again.",
                )
            entry.person_id = swap.to_person_id


def swaps(db: Database, actor: Actor, *, pending_only: bool = True) -> list[SwapRow]:
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        q = (
            select(DutySwap, DutyEntry)
            .join(DutyEntry, DutyEntry.id == DutySwap.entry_id)
            .where(DutySwap.deleted_at.is_(None))
            .order_by(DutyEntry.day)
        )
        if pending_only:
            q = q.where(DutySwap.state == PENDING)
        rows = session.execute(q).all()
        ids = {s.from_person_id for s, _ in rows} | {s.to_person_id for s, _ in rows}
        names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())
        return [
            SwapRow(s.id, e.id, e.day, e.shift, names.get(s.from_person_id, ""), names.get(s.to_person_id, ""),
                    s.reason, s.state, s.requested_by)
            for s, e in rows
        ]  # fmt: skip


def weekday_label(day: date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


def record_document(
    db: Database,
    actor: Actor,
    kind: str,
    subject: str,
    title: str,
    purpose: str,
    copies: int = 1,
    target: str = "",
) -> None:
    """Audits a printed or saved 值班表 / 考勤表 (purpose: 预览 / 打印 / 另存 / 命令行)."""
    object_type = "值班表" if kind == "duty-rota" else "考勤表"
    with unit_of_work(db, actor) as uow:
        uow.audit_document(
            object_type,
            subject,
            subject,
            kind=kind,
            title=title,
            ver=0,
            purpose=purpose,
            copies=copies,
            target=target,
        )
