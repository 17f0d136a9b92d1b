"""Attendance (考勤): the work schedule, machine numbers, punches at the desk, corrections (补签) and the
monthly sheet (考勤表). Machine files are read by `attendance_import`.

How a working day is judged (days off by the working-day calendar are not; make-up weekends are):
on leave → a leave day (公出/外勤 counts as present); no punch → absent; otherwise present, late when
the first punch is after the start (plus grace), early when the last is before the end. A single punch
is a sign-in before the middle of the day and a sign-out after it; the missing one counts as late or
early. Days after today and outside the worker's post are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import (
    AttendanceCorrection,
    AttendancePin,
    AttendancePunch,
    Community,
    Grid,
    GridWorker,
    LeaveRequest,
    Person,
    WorkSchedule,
)
from desktop.paths import private_temp
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import workdays
from desktop.services.common.files import replace_file, require_text_path, temp_path_for
from desktop.services.common.text import clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.common.xlsx import append_as_text
from desktop.services.workforce.grids import ALL_POSTS
from desktop.services.workforce.leave import FIELD_WORK

MACHINE, DESK, CORRECTION = "机器", "手工", "补签"
PENDING, APPROVED, REFUSED = "申请", "批准", "驳回"
DEFAULT_START = time(8, 30)
DEFAULT_END = time(17, 30)
CORRECTION_REASON = 200
PIN_PATTERN = re.compile(r"^[0-9A-Za-z]{1,20}$")
WHOLE_TOWN = "全镇"
POST_ORDER = {p: i for i, p in enumerate(ALL_POSTS)}


# --- schedule --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    valid_from: date
    start: time
    end: time
    grace_minutes: int

    @property
    def late_after(self) -> time:
        moment = datetime.combine(date.min, self.start) + timedelta(minutes=self.grace_minutes)
        return moment.time()

    @property
    def midday(self) -> time:
        a = datetime.combine(date.min, self.start)
        b = datetime.combine(date.min, self.end)
        return (a + (b - a) / 2).time()


DEFAULT_SCHEDULE = Schedule(date.min, DEFAULT_START, DEFAULT_END, 0)


def schedules(db: Database) -> list[Schedule]:
    """Every schedule, oldest first; the program's default (08:30–17:30) when none is set."""
    with db.reading() as session:
        rows = session.scalars(
            select(WorkSchedule).where(WorkSchedule.deleted_at.is_(None)).order_by(WorkSchedule.valid_from)
        ).all()
        return [Schedule(r.valid_from, r.start_time, r.end_time, r.grace_minutes) for r in rows] or [
            DEFAULT_SCHEDULE
        ]


def schedule_on(all_schedules: Sequence[Schedule], day: date) -> Schedule:
    chosen = all_schedules[0]
    for s in all_schedules:
        if s.valid_from <= day:
            chosen = s
    return chosen


def set_schedule(
    db: Database, actor: Actor, valid_from: date, start: time, end: time, grace_minutes: int = 0
) -> None:
    """From `valid_from` on, sign in by `start` (plus `grace_minutes`) and out after `end`."""
    actor.require(Permission.DUTY_EDIT)
    if end <= start:
        raise ValidationError("下班时间应晚于上班时间。", "The end is after the start.", "end")
    if not 0 <= grace_minutes <= 120:
        raise ValidationError("宽限时间为 0–120 分钟。", "Grace is 0–120 minutes.", "grace")
    with unit_of_work(db, actor) as uow:
        row = uow.session.scalar(select(WorkSchedule).where(WorkSchedule.valid_from == valid_from))
        if row is None:
            row = WorkSchedule(valid_from=valid_from)
            uow.session.add(row)
        row.start_time, row.end_time, row.grace_minutes = start, end, grace_minutes
        row.deleted_at = None


# --- who is counted --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Worker:
    person_id: str
    name: str
    community: str  # "" for centre staff
    post: str
    start: date
    end: date | None


def workers(
    db: Database, actor: Actor, first: date, last: date, community_id: str | None = None
) -> list[Worker]:
    """Everyone in a post some day of first..last (one row per person: their first post by rank),
    in one community's grids, or (None) the whole town with the centre staff."""
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        return workers_between(session, first, last, community_id)


def workers_between(session: Session, first: date, last: date, community_id: str | None) -> list[Worker]:
    q = (
        select(
            GridWorker.person_id, GridWorker.post, GridWorker.start_date, GridWorker.end_date, Person.name,
            Community.name,
        )
        .join(Person, Person.id == GridWorker.person_id)
        .outerjoin(Grid, Grid.id == GridWorker.grid_id)
        .outerjoin(Community, Community.id == Grid.community_id)
        .where(
            GridWorker.deleted_at.is_(None),
            Person.deleted_at.is_(None),
            GridWorker.start_date <= last,
            or_(GridWorker.end_date.is_(None), GridWorker.end_date >= first),
        )
    )  # fmt: skip
    if community_id is not None:
        q = q.where(Grid.community_id == community_id)
    found: dict[str, Worker] = {}
    for person_id, post, start, end, name, community in session.execute(q).all():
        row = Worker(person_id, name, community or "", post, start, end)
        held = found.get(person_id)
        if held is None:
            found[person_id] = row
        else:  # several posts: the span covers them all, the label is the highest-ranked post
            best = held if POST_ORDER.get(held.post, 99) <= POST_ORDER.get(row.post, 99) else row
            ends = None if held.end is None or row.end is None else max(held.end, row.end)
            found[person_id] = Worker(
                best.person_id, best.name, best.community, best.post, min(held.start, row.start), ends
            )
    return sorted(found.values(), key=lambda w: (w.community, POST_ORDER.get(w.post, 99), w.name))


# --- machine numbers -------------------------------------------------------------------------------


def check_pin(pin: str) -> str:
    pin = clean_line(pin, "pin", 20, ("考勤号码", "attendance number")).lstrip("0") or "0"
    if not PIN_PATTERN.match(pin):
        raise ValidationError(
            "考勤号码只能是 1–20 位数字或字母。", "An attendance number is 1–20 digits or letters.", "pin"
        )
    return pin


def set_pin(db: Database, actor: Actor, person_id: str, pin: str) -> None:
    """The worker's number on the machine (leading zeros are dropped: machines pad them differently)."""
    actor.require(Permission.DUTY_EDIT)
    pin = check_pin(pin)
    with unit_of_work(db, actor) as uow:
        enrol(uow, person_id, pin)


def enrol(uow: UnitOfWork, person_id: str, pin: str) -> AttendancePin:
    taken = uow.session.scalar(select(AttendancePin).where(AttendancePin.pin == pin))
    if taken is not None and taken.person_id != person_id:
        raise UserError(
            f"考勤号码 {pin} 已登记给其他人。", f"Attendance number {pin} belongs to someone else."
        )
    row = uow.session.scalar(select(AttendancePin).where(AttendancePin.person_id == person_id))
    if row is None:
        row = AttendancePin(person_id=person_id, pin=pin)
        uow.session.add(row)
        uow.session.flush()
    elif row.pin != pin:
        row.pin = pin
    return row


def pins(db: Database, actor: Actor) -> dict[str, str]:
    """person id -> machine number."""
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        return dict(session.execute(select(AttendancePin.person_id, AttendancePin.pin)).all())


# --- punches at the desk and corrections -----------------------------------------------------------


@dataclass(frozen=True)
class PunchRow:
    at: datetime
    source: str


def _local_now(uow: UnitOfWork) -> datetime:
    return to_local(uow.now).replace(tzinfo=None)


SIGN_IN, SIGN_OUT, BETWEEN = "in", "out", "between"


@dataclass(frozen=True)
class PunchPreview:
    """What a desk punch would store, for the operator to confirm (a punch cannot be taken back)."""

    name: str
    at: datetime
    kind: str  # SIGN_IN, SIGN_OUT or BETWEEN (neither the day's first nor its last: changes nothing)


def describe_punch(db: Database, actor: Actor, person_id: str, at: datetime) -> PunchPreview:
    """The punch as the sheet will read it: the day's first punch is the sign-in and its last the
    sign-out; a day's only punch is a sign-in before the middle of the working day, else a sign-out."""
    actor.require(Permission.DUTY_EDIT)
    at = at.replace(second=0, microsecond=0, tzinfo=None)
    midday = schedule_on(schedules(db), at.date()).midday
    if at > to_local(db.clock()).replace(tzinfo=None) + timedelta(minutes=5):
        raise ValidationError("打卡时间不能晚于现在。", "A punch cannot be in the future.", "at")
    with db.reading() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound("找不到该人员。", "Person not found.")
        if _punch_exists(session, person_id, at):
            raise UserError("此人该时间已有打卡记录。", "There is already a punch at that time.")
        day = datetime.combine(at.date(), time())
        span = session.execute(
            select(func.min(AttendancePunch.punched_at), func.max(AttendancePunch.punched_at)).where(
                AttendancePunch.person_id == person_id,
                AttendancePunch.punched_at >= day,
                AttendancePunch.punched_at < day + timedelta(days=1),
            )
        ).one()
    first: datetime | None = span[0]
    last: datetime | None = span[1]
    if first is None or last is None:
        kind = SIGN_IN if at.time() < midday else SIGN_OUT
    elif at < first:
        kind = SIGN_IN
    elif at > last:
        kind = SIGN_OUT
    else:
        kind = BETWEEN
    return PunchPreview(person.name, at, kind)


def add_punch(db: Database, actor: Actor, person_id: str, at: datetime) -> None:
    """A sign-in or sign-out entered at the desk (local time)."""
    actor.require(Permission.DUTY_EDIT)
    at = at.replace(second=0, microsecond=0, tzinfo=None)
    with unit_of_work(db, actor) as uow:
        if at > _local_now(uow) + timedelta(minutes=5):
            raise ValidationError("打卡时间不能晚于现在。", "A punch cannot be in the future.", "at")
        person = uow.session.get(Person, person_id)
        if person is None:
            raise NotFound("找不到该人员。", "Person not found.")
        if _punch_exists(uow.session, person_id, at):
            raise UserError("此人该时间已有打卡记录。", "There is already a punch at that time.")
        uow.session.add(AttendancePunch(person_id=person_id, punched_at=at, source=DESK))
        uow.audit("手工打卡", "考勤记录", person_id, f"{person.name} {at:%Y-%m-%d %H:%M}")


def _punch_exists(session: Session, person_id: str, at: datetime) -> bool:
    return (
        session.scalar(
            select(AttendancePunch.id).where(
                AttendancePunch.person_id == person_id, AttendancePunch.punched_at == at
            )
        )
        is not None
    )


def punches(db: Database, actor: Actor, person_id: str, first: date, last: date) -> list[PunchRow]:
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        rows = session.execute(
            select(AttendancePunch.punched_at, AttendancePunch.source)
            .where(
                AttendancePunch.person_id == person_id,
                AttendancePunch.punched_at >= datetime.combine(first, time()),
                AttendancePunch.punched_at < datetime.combine(last + timedelta(days=1), time()),
            )
            .order_by(AttendancePunch.punched_at)
        ).all()
        return [PunchRow(at, source) for at, source in rows]


def request_correction(db: Database, actor: Actor, person_id: str, at: datetime, reason: str) -> str:
    """A 补签: the worker says they were there at `at`; it counts once approved."""
    actor.require(Permission.DUTY_EDIT)
    reason = clean_line(reason, "reason", CORRECTION_REASON, ("补签理由", "reason"))
    if not reason:
        raise ValidationError("请写明补签理由。", "Give the reason for the correction.", "reason")
    at = at.replace(second=0, microsecond=0, tzinfo=None)
    with unit_of_work(db, actor) as uow:
        if at > _local_now(uow):
            raise ValidationError("补签时间不能晚于现在。", "A correction cannot be in the future.", "at")
        if uow.session.get(Person, person_id) is None:
            raise NotFound("找不到该人员。", "Person not found.")
        row = AttendanceCorrection(
            person_id=person_id, punched_at=at, reason=reason, state=PENDING, requested_by=actor.username,
            decided_by="", decision_note="",
        )  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return row.id


def decide_correction(db: Database, actor: Actor, correction_id: str, approve: bool, note: str = "") -> None:
    actor.require(Permission.DUTY_APPROVE)
    note = clean_line(note, "note", CORRECTION_REASON, ("审批意见", "note"))
    if not approve and not note:
        raise ValidationError("驳回时请写明理由。", "Give the reason for refusing.", "note")
    with unit_of_work(db, actor) as uow:
        row = uow.load_for_update(
            AttendanceCorrection,
            correction_id,
            None,
            not_found=("找不到该补签申请。", "Correction not found."),
        )
        if row.state != PENDING:
            raise UserError("该补签申请已审批过。", "This correction has already been decided.")
        row.state = APPROVED if approve else REFUSED
        row.decided_by, row.decided_at, row.decision_note = actor.username, uow.now, note
        if approve and not _punch_exists(uow.session, row.person_id, row.punched_at):
            uow.session.add(
                AttendancePunch(person_id=row.person_id, punched_at=row.punched_at, source=CORRECTION)
            )


@dataclass(frozen=True)
class CorrectionRow:
    id: str
    name: str
    at: datetime
    reason: str
    state: str
    requested_by: str
    decided_by: str
    decision_note: str


def corrections(db: Database, actor: Actor, *, pending_only: bool = False) -> list[CorrectionRow]:
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        q = (
            select(AttendanceCorrection, Person.name)
            .join(Person, Person.id == AttendanceCorrection.person_id)
            .where(AttendanceCorrection.deleted_at.is_(None))
            .order_by(AttendanceCorrection.punched_at.desc())
        )
        if pending_only:
            q = q.where(AttendanceCorrection.state == PENDING)
        return [
            CorrectionRow(
                c.id, name, c.punched_at, c.reason, c.state, c.requested_by, c.decided_by, c.decision_note
            )
            for c, name in session.execute(q).all()
        ]


# --- the monthly sheet -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    person_id: str
    name: str
    community: str
    post: str
    due: int  # working days judged (应出勤)
    present: int  # 实出勤
    late: int
    early: int
    absent: int
    leave_days: int

    @property
    def rate(self) -> float:
        return self.present / self.due if self.due else 1.0


@dataclass(frozen=True)
class Sheet:
    year: int
    month: int
    scope: str  # 全镇 or the community's name
    judged_until: date | None  # the last day judged (None: the month has not begun)
    estimated: bool  # the month lies beyond the holiday table: weekends only
    rows: list[SheetRow] = field(default_factory=list)


def leave_kinds(session: Session, first: date, last: date) -> dict[tuple[str, date], str]:
    rows = session.execute(
        select(
            LeaveRequest.person_id, LeaveRequest.kind, LeaveRequest.start_date, LeaveRequest.end_date,
            LeaveRequest.returned_on,
        ).where(
            LeaveRequest.deleted_at.is_(None),
            LeaveRequest.state.in_(("批准", "销假")),
            LeaveRequest.start_date <= last,
            LeaveRequest.end_date >= first,
        )
    ).all()  # fmt: skip
    out: dict[tuple[str, date], str] = {}
    for person_id, kind, start, end, returned in rows:
        if returned is not None:
            end = min(end, returned - timedelta(days=1))
        day = max(start, first)
        while day <= min(end, last):
            out[(person_id, day)] = kind
            day += timedelta(days=1)
    return out


def month_sheet(
    db: Database,
    actor: Actor,
    year: int,
    month: int,
    community_id: str | None = None,
    *,
    today: date | None = None,
) -> Sheet:
    actor.require(Permission.DUTY_VIEW)
    first = date(year, month, 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    calendar = workdays.load(db)
    all_schedules = schedules(db)
    with db.reading() as session:
        if today is None:
            today = to_local(db.clock()).date()
        scope = WHOLE_TOWN
        if community_id is not None:
            community = session.get(Community, community_id)
            if community is None:
                raise NotFound("找不到该村（社区）。", "Community not found.")
            scope = community.name
        people = workers_between(session, first, last, community_id)
        until = min(last, today)
        judged: list[date] = []
        day = first
        while day <= until:
            if calendar.is_workday(day):
                judged.append(day)
            day += timedelta(days=1)
        # First and last punch and how many, per (person, day), in one pass over the month's punches.
        # The stored text is compared as it is ("YYYY-MM-DD HH:MM:SS…"): parsing 20,000 datetimes
        # would take most of the sheet's time.
        spans: dict[tuple[str, str], tuple[str, str, int]] = {}
        wanted = {w.person_id for w in people}
        punch_rows = session.execute(
            text(
                "SELECT person_id, punched_at FROM attendance_punch WHERE punched_at >= :a AND punched_at < :b"
            ),
            {
                "a": f"{first.isoformat()} 00:00:00",
                "b": f"{(until + timedelta(days=1)).isoformat()} 00:00:00",
            },
        ).all()
        for person_id, stamp in punch_rows:
            if person_id not in wanted:
                continue
            key = (person_id, stamp[:10])
            moment = stamp[11:19]
            held = spans.get(key)
            spans[key] = (
                (moment, moment, 1)
                if held is None
                else (min(held[0], moment), max(held[1], moment), held[2] + 1)
            )
        away = leave_kinds(session, first, until) if judged else {}
    # Per judged day: its ISO text, and the schedule's times as text to compare with the punches'.
    plan = []
    for d in judged:
        s = schedule_on(all_schedules, d)
        plan.append(
            (d, d.isoformat(), f"{s.late_after:%H:%M:%S}", f"{s.midday:%H:%M:%S}", f"{s.end:%H:%M:%S}")
        )
    rows = []
    for w in people:
        due = present = late = early = absent = on_leave = 0
        for d, iso, late_after, midday, end in plan:
            if d < w.start or (w.end is not None and d > w.end):
                continue
            due += 1
            kind = away.get((w.person_id, d))
            if kind is not None:
                if kind == FIELD_WORK:
                    present += 1
                else:
                    on_leave += 1
                continue
            span = spans.get((w.person_id, iso))
            if span is None:
                absent += 1
                continue
            present += 1
            first_at, last_at, count = span
            if count == 1:  # one punch: a sign-in before midday, else a sign-out; the other is missing
                if first_at <= midday:
                    late += first_at > late_after
                    early += 1
                else:
                    late += 1
                    early += last_at < end
            else:
                late += first_at > late_after
                early += last_at < end
        rows.append(
            SheetRow(w.person_id, w.name, w.community, w.post, due, present, late, early, absent, on_leave)
        )
    covered = calendar.covers(first) and calendar.covers(last)
    return Sheet(year, month, scope, until if until >= first else None, not covered, rows)


def parse_month(text: str) -> tuple[int, int]:
    """'2026-05' (or 2026-5, 2026/05, 202605) -> (2026, 5)."""
    m = re.fullmatch(r"\s*(\d{4})\s*[-/年.]?\s*(\d{1,2})\s*月?\s*", text)
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
        raise ValidationError("月份应写作 2026-05。", "Write the month as 2026-05.", "month")
    return int(m.group(1)), int(m.group(2))


def today(db: Database) -> date:
    return to_local(db.clock()).date()


def find_community(db: Database, text: str) -> str:
    """A community's id from its 12-digit code or its name."""
    with db.reading() as session:
        found = session.scalars(
            select(Community.id).where(
                or_(Community.code == text.strip(), Community.name == text.strip()),
                Community.deleted_at.is_(None),
            )
        ).all()
    if len(found) != 1:
        raise NotFound(f"找不到村（社区）“{text}”。", f"No community named {text}.")
    return found[0]


SHEET_HEADERS = (
    "姓名",
    "村（社区）",
    "岗位",
    "应出勤",
    "实出勤",
    "出勤率",
    "迟到",
    "早退",
    "缺勤",
    "请假天数",
)


def export_sheet(
    db: Database, actor: Actor, year: int, month: int, path: Path, community_id: str | None = None
) -> int:
    """The month's sheet as xlsx (text cells; written to a temporary file, renamed once audited).
    Returns the number of workers."""
    from openpyxl import Workbook

    sheet = month_sheet(db, actor, year, month, community_id)
    target = Path(path)
    require_text_path(target)
    temp = temp_path_for(target)
    try:
        with private_temp(db.path):
            book = Workbook()
            page = book.active
            assert page is not None
            page.title = f"{year}年{month}月考勤表"[:31]
            append_as_text(page, SHEET_HEADERS)
            for r in sheet.rows:
                append_as_text(
                    page,
                    [r.name, r.community or "中心", r.post, r.due, r.present, f"{r.rate:.0%}", r.late, r.early,
                     r.absent, r.leave_days],
                )  # fmt: skip
            book.save(temp)
        with unit_of_work(db, actor) as uow:  # no file without its audit row
            uow.audit(
                "导出考勤表",
                "考勤表",
                f"{year}-{month:02d}",
                f"{sheet.scope} {len(sheet.rows)} 人 → {target.name}",
            )
            replace_file(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return len(sheet.rows)
