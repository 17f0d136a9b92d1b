"""What the printed event documents say: 事件交办单 (dispatch sheet) and 督办通知单 (supervision notice).

The printing module renders these records and nothing else, so every figure on paper (deadline, how
long overdue, the notice number) is worked out here, once, from the event and its timeline.

Rules the documents follow:
- A dispatch sheet shows the event's latest 分拨 with the terms it was given (unit, limit, deadline);
  an approved extension since then is noted beside the deadline. Reporters' phones are masked.
- A supervision notice is the written form of a 督办 action: an event has one once an operator has
  raised supervision on it (an overdue event turns red by itself; the operator then 督办s it with the
  requirement, and prints). The notice shows the latest 督办, dated the day it was raised, with the
  overdue figures as of that day, so a reprint is the same document.
- Its number 督办〔YYYY〕第N号 is that 督办 action's place among all 督办 actions of its year (by time):
  stable on reprint, one number per supervision, no counter to keep. A 督办 added later with an
  earlier time (it cannot be, locally: the clock only moves on) would shift later numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select

from desktop.clock import CHINA_TZ, to_local
from desktop.db import Database
from desktop.errors import NotFound
from desktop.models import Department, Event, EventAction
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import workdays
from desktop.services.common.masking import mask_phone
from desktop.services.common.uow import unit_of_work
from desktop.services.events.queries import ActionRow, EventDetail, get_event
from desktop.services.events.workflow import EVENT_NOT_FOUND
from desktop.services.system import town

OBJECT_TYPE = "事件"
DISPATCH, SUPERVISE, REMIND, ACCEPT, EXTENSION, RESUME = (
    "分拨",
    "督办",
    "催办",
    "受理",
    "延期审批",
    "恢复办理",
)
REPLY_WORKDAYS = 2  # a supervised unit answers within two working days of the notice

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Centre:
    name: str  # 清溪镇综治中心
    phone: str


def centre_of(db: Database) -> Centre:
    info = town.get_town(db)
    name = info.name if info else "乡镇（街道）"
    return Centre(f"{name}综治中心", info.contact_phone if info else "")


@dataclass(frozen=True)
class DispatchSheet:
    centre: Centre
    event: EventDetail
    reporter: str  # 张建国 / 匿名
    reporter_phone: str  # masked: 139****1234
    accepted_by: str
    target: str
    target_kind: str  # 部门 / 网格
    target_contact: str  # the department's contact person and phone, when known
    dispatched_at: datetime
    dispatched_by: str
    limit_days: int
    deadline: date | None
    deadline_estimated: bool
    extended_to: date | None  # the deadline now, when an extension or a postponement moved it
    moved_by: str  # 经批准延期 / 挂账缓办后顺延 (why extended_to differs)
    note: str

    @property
    def dispatched_on(self) -> date:
        return to_local(self.dispatched_at).date()


@dataclass(frozen=True)
class SupervisionNotice:
    centre: Centre
    event: EventDetail
    number: str  # 督办〔2026〕第3号
    year: int
    sequence: int
    issued_at: datetime  # the 督办 action
    issued_by: str
    state_then: str  # the event's state when it was supervised
    requirement: str  # the 督办 note
    target: str
    dispatched_at: datetime | None
    limit_days: int
    deadline: date | None  # the deadline in force when supervised
    deadline_estimated: bool
    overdue_workdays: int  # 0 when not overdue on the notice day
    overdue_days: int  # calendar days
    workdays_left: int  # when not overdue: working days still left
    reminders: tuple[ActionRow, ...]  # 催办 before the notice
    reply_by: date

    @property
    def issued_on(self) -> date:
        return to_local(self.issued_at).date()


# --- finding events ------------------------------------------------------------------------------


def resolve_event_id(db: Database, actor: Actor, ident: str) -> str:
    """Accepts the event number (SJ…) or the event's id (uuid)."""
    actor.require(Permission.EVENT_VIEW)
    value = ident.strip()
    with db.reading() as session:
        query = select(Event.id).where(Event.deleted_at.is_(None))
        if _UUID.match(value.lower()):
            query = query.where(Event.id == value.lower())
        else:
            query = query.where(Event.number == value.upper())
        found = session.scalars(query).all()
    if len(found) != 1:
        raise NotFound(
            f"找不到事件“{ident}”（可用事件编号 SJ… 或事件的内部编号）。",
            f"No event “{ident}” (use the event number SJ… or the event's id).",
        )
    return found[0]


def _ids_with_action(db: Database, kind: str) -> list[str]:
    with db.reading() as session:
        return list(
            session.scalars(
                select(Event.id)
                .where(
                    Event.deleted_at.is_(None),
                    Event.id.in_(select(EventAction.event_id).where(EventAction.kind == kind)),
                )
                .order_by(Event.number)
            )
        )


def dispatched_event_ids(db: Database, actor: Actor) -> list[str]:
    """Every event that has been dispatched (has a dispatch sheet), by number."""
    actor.require(Permission.EVENT_VIEW)
    with db.reading() as session:
        return list(
            session.scalars(
                select(Event.id)
                .where(Event.deleted_at.is_(None), Event.dispatched_at.is_not(None))
                .order_by(Event.number)
            )
        )


def supervised_event_ids(db: Database, actor: Actor) -> list[str]:
    """Every event on which supervision (督办) was raised, by number."""
    actor.require(Permission.EVENT_VIEW)
    return _ids_with_action(db, SUPERVISE)


# --- the records ---------------------------------------------------------------------------------


class NoDocument(NotFound):
    """The event has no such document (not dispatched, never supervised)."""


def _last(timeline: tuple[ActionRow, ...], kind: str) -> tuple[int, ActionRow] | None:
    for index in range(len(timeline) - 1, -1, -1):
        if timeline[index].kind == kind:
            return index, timeline[index]
    return None


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _moved_deadline(
    calendar: workdays.Calendar, deadline: date | None, steps: tuple[ActionRow, ...]
) -> tuple[date | None, int, str]:
    """The deadline after the steps that move it (as event_workflow moves it): an approved extension
    sets the new deadline, a resume after 挂账缓办 adds the working days it was held. Returns the
    deadline, the working days added by extensions, and what moved it last."""
    added, why = 0, ""
    for step in steps:
        if step.kind == EXTENSION and step.detail.get("approved"):
            deadline = _date(step.detail.get("deadline")) or deadline
            added += int(step.detail.get("days", 0))
            why = "经批准延期"
        elif step.kind == RESUME and deadline is not None and step.detail.get("paused_workdays"):
            deadline = calendar.add_workdays(deadline, int(step.detail["paused_workdays"]))
            why = "挂账缓办后顺延"
    return deadline, added, why


def _target_kind_and_contact(db: Database, event_id: str) -> tuple[str, str]:
    with db.reading() as session:
        row = session.execute(
            select(Event.target_department_code, Event.target_grid_id).where(Event.id == event_id)
        ).one()
        if row.target_department_code:
            department = session.scalar(
                select(Department).where(Department.code == row.target_department_code)
            )
            contact = ""
            if department is not None:
                contact = " ".join(x for x in (department.contact_person, department.phone) if x)
            return "部门", contact
        return ("网格", "") if row.target_grid_id else ("", "")


def dispatch_sheet(db: Database, actor: Actor, event_id: str) -> DispatchSheet:
    event = get_event(db, actor, event_id)  # EVENT_VIEW
    found = _last(event.timeline, DISPATCH)
    if found is None or event.dispatched_at is None:
        raise NoDocument(
            f"事件 {event.number} 尚未分拨，没有交办单。", f"Event {event.number} has not been dispatched."
        )
    index, action = found
    detail = action.detail
    deadline = _date(detail.get("deadline")) or event.deadline
    accepted = _last(event.timeline, ACCEPT)
    moved, _added, why = _moved_deadline(workdays.load(db), deadline, event.timeline[index + 1 :])
    kind, contact = _target_kind_and_contact(db, event.id)
    return DispatchSheet(
        centre=centre_of(db),
        event=event,
        reporter="匿名" if event.anonymous else event.reporter_name,
        reporter_phone=mask_phone(event.reporter_phone),
        accepted_by=accepted[1].actor_name if accepted else "",
        target=str(detail.get("target") or event.target),
        target_kind=kind,
        target_contact=contact,
        dispatched_at=action.at,
        dispatched_by=action.actor_name,
        limit_days=int(detail.get("limit_days", event.time_limit_days)),
        deadline=deadline,
        deadline_estimated=bool(detail.get("estimated", event.deadline_estimated)),
        extended_to=moved if moved and deadline and moved != deadline else None,
        moved_by=why,
        note=action.note,
    )


def _notice_sequence(db: Database, event_id: str) -> int:
    """The event's latest 督办 action's place among its year's 督办 actions, by time (ties by id)."""
    with db.reading() as session:
        latest = session.execute(
            select(EventAction.at, EventAction.id)
            .where(EventAction.event_id == event_id, EventAction.kind == SUPERVISE)
            .order_by(EventAction.at.desc(), EventAction.id.desc())
            .limit(1)
        ).one()
        year = to_local(latest.at).year
        count = session.scalar(
            select(func.count())
            .select_from(EventAction)
            .where(
                EventAction.kind == SUPERVISE,
                EventAction.at >= datetime(year, 1, 1, tzinfo=CHINA_TZ),
                or_(
                    EventAction.at < latest.at,
                    and_(EventAction.at == latest.at, EventAction.id <= latest.id),
                ),
            )
        )
    return int(count or 0)


def supervision_notice(db: Database, actor: Actor, event_id: str) -> SupervisionNotice:
    event = get_event(db, actor, event_id)  # EVENT_VIEW
    found = _last(event.timeline, SUPERVISE)
    if found is None:
        raise NoDocument(
            f"事件 {event.number} 未被督办，没有督办通知单（超期事件请先督办，写明督办要求）。",
            f"Event {event.number} has not been supervised (督办 it first, with the requirement).",
        )
    index, action = found
    dispatched = _last(event.timeline[:index], DISPATCH)
    target = str(dispatched[1].detail.get("target") or event.target) if dispatched else ""
    if dispatched is None or not target:
        raise NoDocument(
            f"事件 {event.number} 督办时尚未分拨，没有承办单位，无法出具督办通知单。",
            f"Event {event.number} had no handling unit when it was supervised.",
        )
    # The deadline in force on the day: the dispatch's, moved by extensions approved before the notice.
    deadline = _date(dispatched[1].detail.get("deadline")) or event.deadline
    limit_days = int(dispatched[1].detail.get("limit_days", event.time_limit_days))
    estimated = bool(dispatched[1].detail.get("estimated", event.deadline_estimated))
    calendar = workdays.load(db)
    deadline, added, _why = _moved_deadline(calendar, deadline, event.timeline[dispatched[0] + 1 : index])
    limit_days += added
    issued_on = to_local(action.at).date()
    overdue_work = overdue_days = left = 0
    if deadline is not None:
        if issued_on > deadline:
            overdue_work = calendar.workdays_between(deadline, issued_on)
            overdue_days = (issued_on - deadline).days
        else:
            left = calendar.workdays_between(issued_on, deadline)
        estimated = estimated or not (calendar.covers(deadline) and calendar.covers(issued_on))
    year = issued_on.year
    sequence = _notice_sequence(db, event.id)
    return SupervisionNotice(
        centre=centre_of(db),
        event=event,
        number=f"督办〔{year}〕第{sequence}号",
        year=year,
        sequence=sequence,
        issued_at=action.at,
        issued_by=action.actor_name,
        state_then=action.from_state or event.state,
        requirement=action.note,
        target=target,
        dispatched_at=dispatched[1].at,
        limit_days=limit_days,
        deadline=deadline,
        deadline_estimated=estimated,
        overdue_workdays=overdue_work,
        overdue_days=overdue_days,
        workdays_left=left,
        reminders=tuple(a for a in event.timeline[:index] if a.kind == REMIND),
        reply_by=calendar.add_workdays(issued_on, REPLY_WORKDAYS),
    )


# --- the audit -----------------------------------------------------------------------------------


def record_document(
    db: Database,
    actor: Actor,
    event_id: str,
    kind: str,
    title: str,
    ver: int,
    purpose: str,
    *,
    copies: int = 1,
    target: str = "",
) -> None:
    """Audits a produced document: which event and `ver` it shows, for what (预览/打印/另存/命令行)."""
    actor.require(Permission.EVENT_VIEW)
    with unit_of_work(db, actor) as uow:
        event = uow.load_for_update(Event, event_id, None, not_found=EVENT_NOT_FOUND)
        uow.audit_document(
            OBJECT_TYPE,
            event.id,
            event.number,
            kind=kind,
            title=title,
            ver=ver,
            purpose=purpose,
            copies=copies,
            target=target,
        )
