"""The pull side: what the county sends down, applied in the town's terms.

Each page of changes is applied in one transaction together with the new cursor, so a page cut off on
the way is fetched again and applied again with the same effect (every record goes in by its id).

- matter_list: kept as a publication; a manager reads the difference and applies it (or it applies at
  once when the town chose that in the sync settings);
- holidays: the year's table replaced (the county is the authority; the town's hand edits of that year
  give way), the publication kept on record;
- assignment (县级交办): a new event in the town's queue, 待受理;
- escalation_answer: the escalated event moves on (县级交办 → 已分拨 to the county's department with its
  deadline; 退回镇级 → 已退回 with the reason), with a timeline row whose id is the answer's, so it
  cannot be applied twice. An answer to an event that has moved on meanwhile is filed as a conflict.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, select

from desktop.clock import to_local
from desktop.models import (
    CalendarDay,
    CalendarYear,
    Community,
    CountyPublication,
    Event,
    EventAction,
    MatterItem,
    SyncConflict,
)
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.common import workdays
from desktop.services.common.uow import UnitOfWork
from desktop.services.events import State, add_action
from desktop.services.events.intake import next_number
from desktop.sync import protocol, publications
from desktop.sync.publications import PUBLICATION_APPLIED, PUBLICATION_WAITING, mark_decided
from desktop.sync.transport import SyncError

# Who the timeline and the audit log name for what the county did.
COUNTY_ACTOR: Actor = dataclasses.replace(SYSTEM_ACTOR, username="county", display_name="县级中心")


@dataclasses.dataclass
class Applied:
    changes: int = 0
    events: list[str] = dataclasses.field(default_factory=list)  # event ids moved or created
    publications: int = 0
    conflicts: int = 0


def check_page(changes: Any) -> list[protocol.PulledChange]:
    """Refuses a page with a malformed change before anything of it is applied."""
    if not isinstance(changes, list):
        raise SyncError("县级中心发来的数据格式不正确。", "The hub sent a malformed page.")
    for change in changes:
        problem = protocol.change_problem(change, protocol.DOWN_TYPES)
        if problem is None and not isinstance(change.get("seq"), int):
            problem = "缺少序号"
        if problem:
            raise SyncError(
                f"县级中心发来的数据有误：{problem}。", f"The hub sent a malformed change: {problem}."
            )
    return changes


def apply_changes(
    uow: UnitOfWork, changes: Sequence[protocol.PulledChange], auto_apply_matters: bool
) -> Applied:
    applied = Applied()
    for change in changes:
        kind = change["type"]
        if kind == "escalation_answer":
            _answer(uow, change, applied)
        elif kind == "assignment":
            _assignment(uow, change, applied)
        else:
            _publication(uow, change, applied, auto_apply_matters)
        applied.changes += 1
    return applied


# --- county lists ----------------------------------------------------------------------------------


def _publication(uow: UnitOfWork, change: protocol.PulledChange, applied: Applied, auto: bool) -> None:
    fields = change["fields"]
    if uow.session.get(CountyPublication, change["id"]) is not None:
        return
    kind = change["type"]
    label = str(fields.get("version") if kind == "matter_list" else fields.get("year"))[:60]
    publication = CountyPublication(
        id=change["id"], kind=kind, label=label, received_at=uow.now,
        body=json.dumps(fields, ensure_ascii=False), state=PUBLICATION_WAITING, decided_by="",
    )  # fmt: skip
    uow.session.add(publication)
    applied.publications += 1
    if kind == "holidays":
        replace_holidays(uow, fields)
        mark_decided(uow, publication, PUBLICATION_APPLIED)
    elif auto:
        publications.apply_in(uow, publication)


def replace_holidays(uow: UnitOfWork, fields: dict[str, Any]) -> None:
    year = fields.get("year")
    days = fields.get("days")
    if not isinstance(year, int) or not 2000 <= year <= 2100 or not isinstance(days, list):
        raise SyncError("县级中心发来的节假日表格式不正确。", "The hub's holiday table is malformed.")
    rows = []
    for entry in days:
        day = protocol.decode_date(entry.get("day")) if isinstance(entry, dict) else None
        if day is None or day.year != year or entry.get("kind") not in ("休", "班"):
            raise SyncError("县级中心发来的节假日表有误。", "The hub's holiday table has a bad day.")
        rows.append(
            CalendarDay(day=day, kind=entry["kind"], name=str(entry.get("name", ""))[:40], source="县级发布")
        )
    session = uow.session
    session.execute(
        delete(CalendarDay).where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    )
    session.add_all(rows)
    calendar_year = session.get(CalendarYear, year)
    if calendar_year is None:
        session.add(CalendarYear(year=year, source="县级发布"))
    else:
        calendar_year.source = "县级发布"
    uow.audit("更新节假日", "节假日", str(year), f"{year} 年", {"来源": "县级发布", "天数": len(rows)})


# --- records addressed to this town -----------------------------------------------------------------


def _conflict(uow: UnitOfWork, change: protocol.PulledChange, label: str, reason: str) -> None:
    uow.session.add(
        SyncConflict(
            kind="冲突", record_type=change["type"], record_id=change["id"], record_label=label[:120],
            local_ver=0, remote_ver=change["ver"], local_fields="{}",
            remote_fields=json.dumps(change["fields"], ensure_ascii=False), reason=reason, found_at=uow.now,
            resolved_by="", resolution="", resolution_note="",
        )
    )  # fmt: skip


def _answer(uow: UnitOfWork, change: protocol.PulledChange, applied: Applied) -> None:
    session = uow.session
    if session.get(EventAction, change["id"]) is not None:
        return  # applied before (a page fetched twice)
    fields = change["fields"]
    kind = fields.get("kind")
    event = session.get(Event, str(fields.get("event_id", "")))
    if kind not in protocol.ANSWER_KINDS or event is None or event.deleted_at is not None:
        _conflict(
            uow,
            change,
            f"县级答复 {fields.get('event_id', '')}",
            "县级答复所指的事件在本镇不存在，或答复类型不明。",
        )
        applied.conflicts += 1
        return
    deadline = protocol.decode_date(fields.get("deadline"))
    department = str(fields.get("department_code") or "")[:20]
    note = str(fields.get("note", ""))[:1900]
    if kind == protocol.ANSWER_ASSIGN:
        # The timeline shows the note: the county's department and date belong in it, not only in detail.
        said = "，".join(t for t in (f"承办部门 {department}" if department else "",
                                     f"办结期限 {deadline:%Y-%m-%d}" if deadline else "") if t)  # fmt: skip
        note = f"{note}（{said}）" if note and said else note or said
    by = str(fields.get("answered_by") or "")[:40]
    if event.state != State.ESCALATED:
        # Moved on here meanwhile (closed, say): the answer is recorded, the state left to a person.
        action = add_action(
            uow, event, str(kind), event.state, note, department=department, deadline=deadline, by=by
        )
        action.id = change["id"]
        _conflict(
            uow, change, f"{event.number} {event.title}", f"县级答复“{kind}”到达时，事件已是“{event.state}”。"
        )
        applied.conflicts += 1
        applied.events.append(event.id)
        return
    if kind == protocol.ANSWER_ASSIGN:
        action = add_action(
            uow, event, str(kind), State.DISPATCHED, note, department=department, deadline=deadline, by=by
        )
        event.state = State.DISPATCHED
        event.target_department_code = department or None
        event.target_grid_id = None
        event.dispatched_at = uow.now
        if deadline is not None:
            _set_county_deadline(uow, event, deadline)
    else:
        action = add_action(uow, event, str(kind), State.RETURNED, note, by=by)
        event.state = State.RETURNED
        event.return_count += 1
    action.id = change["id"]
    applied.events.append(event.id)


def _set_county_deadline(uow: UnitOfWork, event: Event, deadline: date) -> None:
    """The county's date is the deadline; the time limit and the yellow-warning day follow from it in
    working days, as the town's own dispatch would set them (an old warning day made a county event
    due in a month show 临期预警)."""
    # Read once per page, not per event: a page of 500 assignments read the table 500 times (40/s).
    calendar = uow.session.info.get("workday_calendar")
    if calendar is None:
        calendar = uow.session.info["workday_calendar"] = workdays.load(uow.db)
    start = to_local(uow.now).date()
    memo: dict[date, tuple[int, workdays.Deadline]] = uow.session.info.setdefault("county_deadlines", {})
    if deadline not in memo:  # a page's assignments mostly share a few dates
        limit = max(calendar.workdays_between(start, deadline), 1)
        memo[deadline] = (limit, workdays.deadline_for(calendar, start, limit))
    limit, due = memo[deadline]
    event.deadline = deadline
    event.time_limit_days = limit
    event.warn_on = min(due.warn_on, deadline)
    event.deadline_estimated = due.estimated


def _assignment(uow: UnitOfWork, change: protocol.PulledChange, applied: Applied) -> None:
    session = uow.session
    if session.get(Event, change["id"]) is not None:
        return
    fields = change["fields"]
    title = str(fields.get("title", "")).strip()[:100]
    community = session.scalars(
        select(Community).where(Community.code == str(fields.get("community_code", "")))
    ).first()
    item = session.scalars(
        select(MatterItem).where(MatterItem.code == str(fields.get("matter_code", "")))
    ).first()
    if community is None or item is None or not title:
        _conflict(
            uow, change, f"县级交办 {title}",
            "县级交办的事件无法登记：村（社区）或事项编码在本镇不存在，或缺少标题。",
        )  # fmt: skip
        applied.conflicts += 1
        return
    deadline = protocol.decode_date(fields.get("deadline"))
    urgency = fields.get("urgency") if fields.get("urgency") in ("一般", "较急", "紧急") else "一般"
    assigned_at = protocol.decode_datetime(fields.get("assigned_at")) or uow.now
    event = Event(
        id=change["id"], number=next_number(uow, uow.now), channel="上级交办", reporter_name="县级中心",
        reporter_phone="", anonymous=False, occurred_at=assigned_at, reported_at=uow.now,
        community_id=community.id, grid_id=None, address=str(fields.get("address", ""))[:200],
        matter_item_id=item.id, category_code=item.category.code, title=title,
        description=str(fields.get("description", ""))[:5000], urgency=urgency, people_involved=0,
        state="", time_limit_days=item.time_limit_days, loop="大循环", deadline=deadline,
    )  # fmt: skip
    session.add(event)
    if deadline is not None:
        _set_county_deadline(uow, event, deadline)
    add_action(
        uow, event, "县级交办", State.PENDING, str(fields.get("note", ""))[:2000],
        department=str(fields.get("department_code") or ""), deadline=deadline,
        by=str(fields.get("assigned_by") or "")[:40],
    )  # fmt: skip
    event.state = State.PENDING
    applied.events.append(event.id)
