"""The handling loop (DESIGN.md §4): one service call per step, each checking role and state.

Every step writes a timeline row (who, when, what, note) and, through the unit of work, an audit row
and the sync mark, and returns the `Changes` it made so the screens know what to refresh. Deadlines
count Chinese working days from the holiday table.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import Department, Event, EventAction, Grid
from desktop.models.matter import STATUS_IN_FORCE
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import workdays
from desktop.services.common.changes import Changes, event_changed
from desktop.services.common.text import EVENT_NOTE, clean_block
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.events import (
    FINISHED,
    OUTCOME_NOT_SOLVED,
    OUTCOME_SOLVED,
    RUNNING,
    AttachmentInput,
    State,
    add_action,
    store_attachments,
)

SATISFACTION = ("满意", "基本满意", "不满意")


@dataclass(frozen=True)
class Step:
    """A step a user may take from a state; the GUI builds its buttons from these."""

    kind: str
    label_en: str
    from_states: tuple[State, ...]
    permission: Permission


STEPS = (
    Step("受理", "Accept", (State.PENDING,), Permission.EVENT_HANDLE),
    Step("不予受理", "Not accepted", (State.PENDING, State.ACCEPTED), Permission.EVENT_HANDLE),
    Step("分拨", "Dispatch", (State.ACCEPTED, State.RETURNED), Permission.EVENT_HANDLE),
    Step("签收", "Sign for", (State.DISPATCHED,), Permission.EVENT_HANDLE),
    Step("退回", "Send back", (State.DISPATCHED, State.IN_PROGRESS), Permission.EVENT_HANDLE),
    Step("申请延期", "Request extension", (State.IN_PROGRESS,), Permission.EVENT_HANDLE),
    Step("延期审批", "Decide extension", (State.IN_PROGRESS,), Permission.EVENT_APPROVE),
    Step("挂账缓办", "Postpone", (State.DISPATCHED, State.IN_PROGRESS), Permission.EVENT_APPROVE),
    Step("恢复办理", "Resume", (State.POSTPONED,), Permission.EVENT_HANDLE),
    Step("办结反馈", "Report done", (State.IN_PROGRESS,), Permission.EVENT_HANDLE),
    Step("核查", "Verify", (State.COMPLETED,), Permission.EVENT_HANDLE),
    Step("回访", "Call back", (State.VERIFIED,), Permission.EVENT_HANDLE),
    Step("结案", "Close", (State.VISITED, State.VERIFIED), Permission.EVENT_HANDLE),
    Step(
        "上报县级",
        "Escalate to county",
        (State.ACCEPTED, State.RETURNED, State.IN_PROGRESS),
        Permission.EVENT_HANDLE,
    ),
    Step("督办", "Supervise", tuple(s for s in State if s not in FINISHED), Permission.EVENT_HANDLE),
    Step("催办", "Remind", RUNNING, Permission.EVENT_HANDLE),
)
STEP_BY_KIND = {step.kind: step for step in STEPS}


def available_steps(state: str, actor: Actor) -> list[Step]:
    return [s for s in STEPS if state in s.from_states and actor.can(s.permission)]


def missing_permissions(state: str, actor: Actor) -> list[Permission]:
    """When the state has steps but the actor may take none of them: the permissions those steps need
    (so "nothing to do" can blame the role, not the state). Empty when the role is not the reason."""
    possible = [s for s in STEPS if state in s.from_states]
    if not possible or any(actor.can(s.permission) for s in possible):
        return []
    return list(dict.fromkeys(s.permission for s in possible))


# --- common --------------------------------------------------------------------------------------


EVENT_NOT_FOUND = ("找不到该事件。", "Event not found.")
EVENT_STALE = (
    "该事件刚被其他人处理过，请刷新后再操作。",
    "Someone else has just handled this event; refresh and retry.",
)


def _load(uow: UnitOfWork, event_id: str, expected_ver: int | None) -> Event:
    return uow.load_for_update(Event, event_id, expected_ver, not_found=EVENT_NOT_FOUND, stale=EVENT_STALE)


def _note(note: str, field: str = "note") -> str:
    """A step's note, reason or request as stored: cleaned, at most EVENT_NOTE characters."""
    return clean_block(note, field, EVENT_NOTE, ("说明", "note") if field == "note" else ("理由", "reason"))


def _require_note(note: str, field: str, zh: str, en: str) -> str:
    note = _note(note, field)
    if len(note) < 2:
        raise ValidationError(zh, en, field)
    return note


def _step(uow: UnitOfWork, event: Event, kind: str) -> Step:
    step = STEP_BY_KIND[kind]
    uow.require(step.permission)
    if event.state not in step.from_states:
        raise UserError(
            f"事件当前为“{event.state}”，不能{kind}。",
            f"The event is “{event.state}”; “{step.label_en}” is not possible now.",
        )
    return step


def _set_deadline(uow: UnitOfWork, event: Event, limit_days: int) -> None:
    calendar = workdays.load(uow.db)
    start = to_local(uow.now).date()
    due = workdays.deadline_for(calendar, start, limit_days)
    event.time_limit_days = limit_days
    event.deadline = due.deadline
    event.warn_on = due.warn_on
    event.deadline_estimated = due.estimated


# --- the steps -----------------------------------------------------------------------------------


def accept(
    db: Database, actor: Actor, event_id: str, note: str = "", expected_ver: int | None = None
) -> Changes:
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "受理")
        add_action(uow, event, "受理", State.ACCEPTED, _note(note))
        event.state = State.ACCEPTED
    return event_changed(event_id)


def refuse(
    db: Database, actor: Actor, event_id: str, reason: str, expected_ver: int | None = None
) -> Changes:
    """不予受理: not the centre's business, or not an event; the reason is kept and shown."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "不予受理")
        reason = _require_note(reason, "reason", "请写明不予受理的理由。", "Give the reason.")
        add_action(uow, event, "不予受理", State.NOT_ACCEPTED, reason)
        event.state = State.NOT_ACCEPTED
        event.closed_at = uow.now
    return event_changed(event_id)


def dispatch(
    db: Database, actor: Actor, event_id: str, *, department_code: str | None = None, grid_id: str | None = None,
    limit_days: int | None = None, note: str = "", expected_ver: int | None = None,
) -> Changes:  # fmt: skip
    """分拨 to a department or a grid, with a deadline in working days (from the matter item by default)."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "分拨")
        if bool(department_code) == bool(grid_id):
            raise ValidationError(
                "请选择承办部门或承办网格（二选一）。", "Choose a department or a grid.", "target"
            )
        target = ""
        if department_code:
            department = uow.session.scalar(select(Department).where(Department.code == department_code))
            if department is None or department.status != STATUS_IN_FORCE:
                raise ValidationError("承办部门不在部门通讯录中。", "Unknown department.", "target")
            target = department.name
        else:
            grid = uow.session.get(Grid, grid_id)
            if grid is None:
                raise ValidationError("承办网格不存在。", "Unknown grid.", "target")
            target = grid.name
        if limit_days is None:
            limit_days = event.time_limit_days
            if event.urgency == "紧急":
                limit_days = 0  # urgent: the same working day
            elif event.urgency == "较急":
                limit_days = min(limit_days, 3)
        if not 0 <= limit_days <= 365:
            raise ValidationError(
                "办理时限应在 0 到 365 个工作日之间。", "The limit is 0–365 working days.", "limit_days"
            )
        event.target_department_code = department_code or None
        event.target_grid_id = grid_id or None
        event.dispatched_at = uow.now
        _set_deadline(uow, event, limit_days)
        add_action(
            uow, event, "分拨", State.DISPATCHED, _note(note), target=target, limit_days=limit_days,
            deadline=event.deadline, estimated=event.deadline_estimated,
        )  # fmt: skip
        event.state = State.DISPATCHED
    return event_changed(event_id)


def sign(
    db: Database, actor: Actor, event_id: str, note: str = "", expected_ver: int | None = None
) -> Changes:
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "签收")
        add_action(uow, event, "签收", State.IN_PROGRESS, _note(note))
        event.state = State.IN_PROGRESS
    return event_changed(event_id)


def send_back(
    db: Database, actor: Actor, event_id: str, grounds: str, expected_ver: int | None = None
) -> Changes:
    """退回: the receiving unit returns an order that is not its business, with grounds."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "退回")
        grounds = _require_note(
            grounds, "grounds", "请写明退回理由。", "Give the grounds for sending it back."
        )
        add_action(uow, event, "退回", State.RETURNED, grounds)
        event.state = State.RETURNED
        event.return_count += 1
    return event_changed(event_id)


def request_extension(
    db: Database, actor: Actor, event_id: str, days: int, reason: str, expected_ver: int | None = None
) -> Changes:
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "申请延期")
        if event.extension_pending:
            raise UserError("已有一个延期申请在等待审批。", "An extension request is already waiting.")
        if not 1 <= days <= 30:
            raise ValidationError(
                "延期天数应在 1 到 30 个工作日之间。", "Extension: 1–30 working days.", "days"
            )
        reason = _require_note(reason, "reason", "请写明延期理由。", "Give the reason for the extension.")
        add_action(uow, event, "申请延期", note=reason, days=days)
        event.extension_pending = True
    return event_changed(event_id)


def decide_extension(
    db: Database, actor: Actor, event_id: str, approve: bool, note: str = "", expected_ver: int | None = None
) -> Changes:
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "延期审批")
        if not event.extension_pending:
            raise UserError("没有待审批的延期申请。", "There is no extension request to decide.")
        request = uow.session.scalar(
            select(EventAction)
            .where(EventAction.event_id == event.id, EventAction.kind == "申请延期")
            .order_by(EventAction.at.desc(), EventAction.id.desc())
            .limit(1)
        )
        assert request is not None
        days = int(json.loads(request.detail)["days"])
        event.extension_pending = False
        if approve:
            assert event.deadline is not None
            calendar = workdays.load(db)
            event.deadline = calendar.add_workdays(event.deadline, days)
            event.time_limit_days += days
            start = to_local(event.dispatched_at or uow.now).date()
            event.warn_on = calendar.add_workdays(
                start, math.ceil(event.time_limit_days * workdays.WARN_FRACTION)
            )
            event.deadline_estimated = not calendar.covers(event.deadline)
        add_action(
            uow, event, "延期审批", note=_note(note), approved=approve, days=days,
            deadline=event.deadline,
        )  # fmt: skip
    return event_changed(event_id)


def postpone(
    db: Database, actor: Actor, event_id: str, reason: str, expected_ver: int | None = None
) -> Changes:
    """挂账/缓办: put on the books by an approver; the time limit stops until it resumes."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "挂账缓办")
        reason = _require_note(reason, "reason", "请写明挂账缓办的理由。", "Give the reason for postponing.")
        add_action(
            uow,
            event,
            "挂账缓办",
            State.POSTPONED,
            reason,
            approver=actor.display_name,
            resume_to=event.state,
        )
        event.state = State.POSTPONED
    return event_changed(event_id)


def resume(
    db: Database, actor: Actor, event_id: str, note: str = "", expected_ver: int | None = None
) -> Changes:
    """Back to handling; the deadline moves by the working days it was postponed."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "恢复办理")
        held = uow.session.scalar(
            select(EventAction.at)
            .where(EventAction.event_id == event.id, EventAction.kind == "挂账缓办")
            .order_by(EventAction.at.desc())
            .limit(1)
        )
        calendar = workdays.load(db)
        paused = calendar.workdays_between(to_local(held).date(), to_local(uow.now).date()) if held else 0
        if event.deadline is not None and paused:
            event.deadline = calendar.add_workdays(event.deadline, paused)
            if event.warn_on is not None:
                event.warn_on = calendar.add_workdays(event.warn_on, paused)
        add_action(uow, event, "恢复办理", State.IN_PROGRESS, _note(note), paused_workdays=paused)
        event.state = State.IN_PROGRESS
    return event_changed(event_id)


def feedback(
    db: Database, actor: Actor, event_id: str, *, solved: bool, note: str, unsolved_reason: str = "",
    attachments: Iterable[AttachmentInput] = (), expected_ver: int | None = None,
) -> Changes:  # fmt: skip
    """办结反馈, with before/after photos. 已办结未解决 ("closed but not fixed") needs its reason."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "办结反馈")
        note = _require_note(note, "note", "请写明办理情况。", "Describe what was done.")
        reason = _note(unsolved_reason, "unsolved_reason")
        if not solved and len(reason) < 2:
            raise ValidationError(
                "办结但未解决的，请写明原因。", "Say why it is closed but not fixed.", "unsolved_reason"
            )
        outcome = OUTCOME_SOLVED if solved else OUTCOME_NOT_SOLVED
        action = add_action(uow, event, "办结反馈", State.COMPLETED, note, outcome=outcome, reason=reason)
        event.state = State.COMPLETED
        event.outcome = outcome
        event.outcome_note = note if solved else f"{note}（未解决原因：{reason}）"
        uow.session.flush()
        store_attachments(uow, event.id, tuple(attachments), action.id)
    return event_changed(event_id)


def verify(
    db: Database, actor: Actor, event_id: str, passed: bool, note: str = "", expected_ver: int | None = None
) -> Changes:
    """核查: passed, or sent back for rework (返工)."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "核查")
        if passed:
            add_action(uow, event, "核查", State.VERIFIED, _note(note), passed=True)
            event.state = State.VERIFIED
        else:
            note = _require_note(note, "note", "核查不通过的，请写明问题。", "Say what failed verification.")
            add_action(uow, event, "核查", State.IN_PROGRESS, note, passed=False)
            event.state = State.IN_PROGRESS
            event.rework_count += 1
    return event_changed(event_id)


def callback(
    db: Database,
    actor: Actor,
    event_id: str,
    satisfaction: str,
    note: str = "",
    expected_ver: int | None = None,
) -> Changes:
    """回访: 满意 / 基本满意 move on; 不满意 reopens the handling (a rework)."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "回访")
        if event.anonymous:
            raise UserError(
                "匿名反映的事件无法回访，核查后可直接结案。", "An anonymous report cannot be called back."
            )
        if satisfaction not in SATISFACTION:
            raise ValidationError("请选择满意程度。", "Choose the satisfaction.", "satisfaction")
        if satisfaction == "不满意":
            note = _require_note(
                note, "note", "不满意的，请记录群众的意见。", "Record why they are not satisfied."
            )
            add_action(uow, event, "回访", State.IN_PROGRESS, note, satisfaction=satisfaction)
            event.state = State.IN_PROGRESS
            event.rework_count += 1
        else:
            add_action(uow, event, "回访", State.VISITED, _note(note), satisfaction=satisfaction)
            event.state = State.VISITED
        event.satisfaction = satisfaction
    return event_changed(event_id)


def close(
    db: Database, actor: Actor, event_id: str, note: str = "", expected_ver: int | None = None
) -> Changes:
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "结案")
        if event.state == State.VERIFIED and not event.anonymous:
            raise UserError("请先回访反映人，再结案。", "Call the reporter back before closing.")
        add_action(uow, event, "结案", State.CLOSED, _note(note))
        event.state = State.CLOSED
        event.closed_at = uow.now
    return event_changed(event_id)


def escalate(
    db: Database, actor: Actor, event_id: str, reason: str, expected_ver: int | None = None
) -> Changes:
    """上报县级 (乡呼县应): waits for the county's answer, which the sync work brings."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "上报县级")
        reason = _require_note(
            reason, "reason", "请写明需要县级协调解决的问题。", "Say what the county must solve."
        )
        add_action(uow, event, "上报县级", State.ESCALATED, reason)
        event.state = State.ESCALATED
        event.loop = "大循环"
    return event_changed(event_id)


def supervise(
    db: Database, actor: Actor, event_id: str, note: str, expected_ver: int | None = None
) -> Changes:
    """督办 raised by hand (the colours from the time limit come by themselves)."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "督办")
        note = _require_note(note, "note", "请写明督办要求。", "Say what the supervision requires.")
        add_action(uow, event, "督办", note=note)
        event.supervised = True
    return event_changed(event_id)


def remind(
    db: Database, actor: Actor, event_id: str, note: str = "", expected_ver: int | None = None
) -> Changes:
    """催办: a reminder to the handling unit before the limit runs out."""
    with unit_of_work(db, actor) as uow:
        event = _load(uow, event_id, expected_ver)
        _step(uow, event, "催办")
        add_action(uow, event, "催办", note=_note(note) or "请抓紧办理，按期反馈。", deadline=event.deadline)
        uow.session.flush()
    return event_changed(event_id, my_work=False)
