"""Event intake (事件受理): one form for every channel, checked in full before anything is written.

A saved event gets its human number (SJ + town + date + sequence), its first timeline rows and its
attachments in one transaction. A report of something already registered can be linked to that
event instead of making a second one.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.clock import format_local, to_local
from desktop.db import Database
from desktop.errors import NotFound, ValidationError, raise_all
from desktop.models import (
    Event,
    EventAction,
    EventAttachment,
    GridWorker,
    MatterItem,
    Person,
)
from desktop.models.base import new_id
from desktop.models.matter import STATUS_IN_FORCE
from desktop.paths import attachments_dir
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.accounts.users import check_phone
from desktop.services.common.masking import mask_phone
from desktop.services.common.text import (
    ADDRESS,
    EVENT_DESCRIPTION,
    EVENT_NOTE,
    EVENT_TITLE,
    PERSON_NAME,
    clean_block,
    clean_line,
)
from desktop.services.common.uow import UnitOfWork, unit_of_work


class State(StrEnum):
    PENDING = "待受理"
    ACCEPTED = "已受理"
    DISPATCHED = "已分拨"
    IN_PROGRESS = "处置中"
    RETURNED = "已退回"
    POSTPONED = "挂账缓办"
    ESCALATED = "上报县级"
    COMPLETED = "已办结"
    VERIFIED = "已核查"
    VISITED = "已回访"
    CLOSED = "已结案"
    NOT_ACCEPTED = "不予受理"


# States in which the time limit runs: supervision colours and "overdue" apply to these.
RUNNING = (State.DISPATCHED, State.IN_PROGRESS, State.RETURNED)
FINISHED = (State.CLOSED, State.NOT_ACCEPTED)

GRID_WORKER_CHANNEL = "网格员上报"
CHANNELS = ("网格员上报", "群众来访", "来电", "12345热线转办", "上级交办", "部门移交", "其他")
URGENCIES = ("一般", "较急", "紧急")
OUTCOME_SOLVED = "已解决"
OUTCOME_NOT_SOLVED = "已办结未解决"
ATTACHMENT_KINDS = ("现场照片", "处置前", "处置后", "文档")
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
DUPLICATE_WINDOW_DAYS = 7

_T = TypeVar("_T")


@dataclass(frozen=True)
class AttachmentInput:
    path: Path
    kind: str = "现场照片"


@dataclass(frozen=True)
class EventInput:
    channel: str
    occurred_at: datetime | None
    community_id: str
    matter_item_id: str
    title: str
    description: str
    grid_id: str | None = None
    address: str = ""
    reporter_name: str = ""
    reporter_phone: str = ""
    anonymous: bool = False
    urgency: str = "一般"
    people_involved: int = 0
    solved_on_spot: bool = False  # 微循环: the grid worker resolved it on the spot
    on_spot_note: str = ""
    attachments: tuple[AttachmentInput, ...] = field(default_factory=tuple)


def _bad(zh: str, en: str, field_name: str) -> ValidationError:
    return ValidationError(zh, en, field_name)


class _Matter(NamedTuple):
    """What the intake reads of the chosen matter item."""

    id: str
    name: str
    time_limit_days: int
    category_code: str


def check_input(uow: UnitOfWork, data: EventInput) -> EventInput:
    """Every rule of the intake form. Checks every field before refusing, so the form can mark all the
    problems at once (one ValidationError, or ValidationErrors when there are several). Reads what the
    database holds, not what is pending in the session."""
    return _checked(uow, data)[0]


def _checked(uow: UnitOfWork, data: EventInput) -> tuple[EventInput, _Matter]:
    """`check_input`, and the matter item. The community, grid and item are read with plain SQL (a
    tenth of what the ORM's loading took, issue 18): call it before adding anything to the session."""
    conn = uow.conn
    problems: list[ValidationError] = []

    def checked(check: Callable[[], _T], fallback: _T) -> _T:
        """A cleaning step that raises on bad input: its error is collected and checking goes on."""
        try:
            return check()
        except ValidationError as exc:
            problems.append(exc)
            return fallback

    if data.channel not in CHANNELS:
        problems.append(_bad("请选择事件来源渠道。", "Choose the channel.", "channel"))
    name = checked(
        lambda: clean_line(
            data.reporter_name, "reporter_name", PERSON_NAME, ("反映人姓名", "reporter's name")
        ),
        "",
    )
    if not data.anonymous and not name and not any(p.field == "reporter_name" for p in problems):
        problems.append(
            _bad(
                "请填写反映人姓名，或勾选“匿名”。",
                "Enter the reporter's name or tick anonymous.",
                "reporter_name",
            )
        )
    phone = (
        checked(lambda: check_phone(data.reporter_phone, "reporter_phone"), "") if not data.anonymous else ""
    )
    if data.occurred_at is None:
        problems.append(_bad("请填写事件发生时间。", "Enter when it happened.", "occurred_at"))
    elif data.occurred_at.tzinfo is None:
        raise ValueError("occurred_at must be timezone-aware")
    elif data.occurred_at > uow.now + timedelta(minutes=5):
        problems.append(
            _bad("发生时间不能晚于现在。", "The time of occurrence cannot be in the future.", "occurred_at")
        )
    elif data.occurred_at < uow.now - timedelta(days=366 * 5):
        problems.append(
            _bad(
                "发生时间早于五年前，请核对。",
                "That is more than five years ago; check the date.",
                "occurred_at",
            )
        )
    community = (
        conn.execute("SELECT id FROM community WHERE id = ?", (data.community_id,)).fetchone()
        if data.community_id
        else None
    )
    if community is None:
        problems.append(
            _bad("请选择事件所在的村（社区）。", "Choose the village or community.", "community_id")
        )
    elif data.grid_id:
        grid = conn.execute(
            "SELECT community_id, name, ended_on FROM grid WHERE id = ?", (data.grid_id,)
        ).fetchone()
        if grid is None or grid[0] != community[0]:
            problems.append(
                _bad("所选网格不属于该村（社区）。", "That grid is not in the chosen community.", "grid_id")
            )
        elif grid[2] is not None:
            problems.append(
                _bad(
                    f"网格“{grid[1]}”已于 {grid[2]} 撤销或调整，请选择现在的网格。",  # ended_on: YYYY-MM-DD
                    "That grid has been retired; choose a current one.",
                    "grid_id",
                )
            )
    found = (
        conn.execute(
            "SELECT m.id, m.name, m.time_limit_days, c.code, m.status FROM matter_item m "
            "JOIN matter_category c ON c.id = m.category_id WHERE m.id = ?",
            (data.matter_item_id,),
        ).fetchone()
        if data.matter_item_id
        else None
    )
    item = _Matter(*found[:4]) if found is not None else None
    if found is None:
        problems.append(
            _bad(
                "请选择事项（可按名称、编码或拼音首字母查找）。", "Choose the matter item.", "matter_item_id"
            )
        )
    elif found[4] != STATUS_IN_FORCE:
        problems.append(
            _bad("该事项已停用，请选择其他事项。", "That matter item is retired.", "matter_item_id")
        )
    title = checked(lambda: clean_line(data.title, "title", EVENT_TITLE, ("标题", "title")), None)
    if title == "":
        problems.append(_bad("请填写事件标题（一句话说明什么事）。", "Enter a title.", "title"))
    description = checked(
        lambda: clean_block(data.description, "description", EVENT_DESCRIPTION, ("事情经过", "description")),
        None,
    )
    if description is not None and len(description) < 5:
        problems.append(
            _bad(
                "请把事情经过写清楚（至少 5 个字）。",
                "Describe what happened (5+ characters).",
                "description",
            )
        )
    address = checked(lambda: clean_line(data.address, "address", ADDRESS, ("详细地址", "address")), "")
    on_spot_note = checked(
        lambda: clean_block(data.on_spot_note, "on_spot_note", EVENT_NOTE, ("现场处置情况", "what was done")),
        None,
    )
    if data.urgency not in URGENCIES:
        problems.append(_bad("请选择紧急程度。", "Choose the urgency.", "urgency"))
    if not 0 <= data.people_involved <= 100_000:
        problems.append(
            _bad("涉及人数应在 0 到 100000 之间。", "People involved: 0–100000.", "people_involved")
        )
    if data.solved_on_spot and on_spot_note is not None and len(on_spot_note) < 2:
        problems.append(
            _bad("现场已解决的，请写明怎么解决的。", "Say how it was resolved on the spot.", "on_spot_note")
        )
    problems.extend(_attachment_problems(data.attachments))
    raise_all(problems)
    assert community is not None and item is not None and title and description is not None
    clean = EventInput(
        channel=data.channel, occurred_at=data.occurred_at, community_id=community[0],
        matter_item_id=item.id, title=title, description=description, grid_id=data.grid_id or None,
        address=address, reporter_name="" if data.anonymous else name, reporter_phone=phone,
        anonymous=data.anonymous, urgency=data.urgency, people_involved=data.people_involved,
        solved_on_spot=data.solved_on_spot, on_spot_note=on_spot_note or "", attachments=data.attachments,
    )  # fmt: skip
    return clean, item


def _attachment_problems(attachments: tuple[AttachmentInput, ...]) -> list[ValidationError]:
    """The first problem with the attached files (one message under the attachment list)."""
    for attachment in attachments:
        if not attachment.path.is_file():
            return [
                _bad(
                    f"找不到附件：{attachment.path.name}",
                    f"Attachment not found: {attachment.path.name}",
                    "attachments",
                )
            ]
        if attachment.path.stat().st_size > MAX_ATTACHMENT_BYTES:
            return [
                _bad(
                    f"附件 {attachment.path.name} 超过 20 MB。", "An attachment is over 20 MB.", "attachments"
                )
            ]
        if attachment.kind not in ATTACHMENT_KINDS:
            return [_bad("附件类型不正确。", "Unknown attachment kind.", "attachments")]
    return []


# --- numbers -------------------------------------------------------------------------------------


def next_number(uow: UnitOfWork, moment: datetime) -> str:
    """SJ + 9-digit town code + local date + 4-digit daily sequence. Given once, never changed."""
    day = to_local(moment).date()
    town = uow.town_code[:9]
    # Plain SQL under the unit of work's write lock: only this function keeps event_counter.
    key = day.isoformat()  # as the Date column stores it
    row = uow.conn.execute("SELECT last FROM event_counter WHERE day = ?", (key,)).fetchone()
    last = (row[0] if row is not None else 0) + 1
    if row is None:
        uow.conn.execute("INSERT INTO event_counter (day, last) VALUES (?, ?)", (key, last))
    else:
        uow.conn.execute("UPDATE event_counter SET last = ? WHERE day = ?", (last, key))
    return f"SJ{town}{day:%Y%m%d}{last:04d}"


# --- timeline and attachments --------------------------------------------------------------------


def add_action(
    uow: UnitOfWork, event: Event, kind: str, to_state: str = "", note: str = "", **detail: object
) -> EventAction:
    action = EventAction(**_action_row(uow, event.id, event.state, kind, to_state, note, detail))
    uow.session.add(action)
    return action


def _action_row(
    uow: UnitOfWork,
    event_id: str,
    state: str,
    kind: str,
    to_state: str,
    note: str,
    detail: Mapping[str, object],
) -> dict[str, Any]:
    """The values of a step of `kind` taken now on an event in `state`."""
    actor = uow.actor
    return dict(
        id=new_id(), event_id=event_id, at=uow.now, kind=kind, actor_user_id=(actor.user_id or None) if actor else None,
        actor_name=actor.display_name if actor else "", from_state=state or "", to_state=to_state or state,
        note=note, detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
    )  # fmt: skip


def store_attachments(
    uow: UnitOfWork, event_id: str, files: tuple[AttachmentInput, ...], action_id: str | None = None
) -> list[EventAttachment]:
    """Copies files into attachments/YYYY/MM/ under new names and records their SHA-256."""
    if not files:
        return []
    local = to_local(uow.now)
    folder = attachments_dir(uow.db.path) / f"{local:%Y}" / f"{local:%m}"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for item in files:
        digest = hashlib.sha256()
        with item.path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        stored_name = f"{new_id()}{item.path.suffix.lower()}"
        target = folder / stored_name
        # Before the copy: a copy that fails half-way (a full disk) must not leave half a file.
        uow.on_rollback(functools.partial(target.unlink, missing_ok=True))
        shutil.copyfile(item.path, target)
        row = EventAttachment(
            id=new_id(), event_id=event_id, action_id=action_id, kind=item.kind, file_name=item.path.name,
            stored_path=f"{local:%Y}/{local:%m}/{stored_name}", sha256=digest.hexdigest(), size=target.stat().st_size,
        )  # fmt: skip
        uow.session.add(row)
        rows.append(row)
    return rows


def attachment_path(db: Database, stored_path: str) -> Path:
    return attachments_dir(db.path) / stored_path


# --- intake --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Created:
    id: str
    number: str
    state: str


def create_event(db: Database, actor: Actor, data: EventInput) -> Created:
    """Registers and accepts (受理) an event; a micro-loop event is closed at once. One transaction.

    The event and its first steps are inserted without the ORM (`UnitOfWork.insert_new`: the same
    rows, stamps and audit row): its loading and flushing were two thirds of a save (issue 18)."""
    actor.require(Permission.EVENT_HANDLE)
    with unit_of_work(db, actor) as uow:
        clean, item = _checked(uow, data)
        assert clean.occurred_at is not None
        event: dict[str, Any] = dict(
            id=new_id(), number=next_number(uow, uow.now), channel=clean.channel, reporter_name=clean.reporter_name,
            reporter_phone=clean.reporter_phone, anonymous=clean.anonymous, occurred_at=clean.occurred_at,
            reported_at=uow.now, community_id=clean.community_id, grid_id=clean.grid_id, address=clean.address,
            matter_item_id=item.id, category_code=item.category_code, title=clean.title, description=clean.description,
            urgency=clean.urgency, people_involved=clean.people_involved, state=State.ACCEPTED,
            time_limit_days=item.time_limit_days, loop="微循环" if clean.solved_on_spot else "小循环",
            reporter_person_id=_reporting_worker(uow, clean, to_local(uow.now).date()),
        )  # fmt: skip
        accepted = f"{clean.channel}，事项：{item.name}"
        steps = [_action_row(uow, event["id"], "", "受理", State.ACCEPTED, accepted, {})]
        if clean.solved_on_spot:
            note, solved = clean.on_spot_note, {"outcome": OUTCOME_SOLVED}
            steps.append(
                _action_row(uow, event["id"], State.ACCEPTED, "现场处置", State.CLOSED, note, solved)
            )
            event.update(state=State.CLOSED, outcome=OUTCOME_SOLVED, outcome_note=note, closed_at=uow.now)
        uow.insert_new(Event, event)
        for step in steps:
            uow.insert_new(EventAction, step)
        store_attachments(uow, event["id"], clean.attachments, steps[0]["id"])
        return Created(event["id"], event["number"], event["state"])


def _reporting_worker(uow: UnitOfWork, clean: EventInput, day: date) -> str | None:
    """The grid worker who reported a 网格员上报 event: the one person of that name holding a post in the
    event's grid that day. Linked by person, the report still counts for the worker in patrols and
    assessment after a rename; an ambiguous or unknown name stays a name only."""
    if (
        clean.channel != GRID_WORKER_CHANNEL
        or clean.anonymous
        or not clean.grid_id
        or not clean.reporter_name
    ):
        return None
    posts = _posts_named(uow.session, clean.grid_id, clean.reporter_name, day)
    people = {person_id for person_id, _post in posts}
    return people.pop() if len(people) == 1 else None


def _posts_named(session: Session, grid_id: str, name: str, day: date) -> list[tuple[str, str]]:
    return [
        (person_id, post)
        for person_id, post in session.execute(
            select(GridWorker.person_id, GridWorker.post)
            .join(Person, Person.id == GridWorker.person_id)
            .where(
                GridWorker.grid_id == grid_id,
                GridWorker.deleted_at.is_(None),
                GridWorker.start_date <= day,
                or_(GridWorker.end_date.is_(None), GridWorker.end_date >= day),
                Person.name == name,
            )
        ).all()
    ]


@dataclass(frozen=True)
class ReporterMatch:
    """What the intake form tells the operator about a 网格员上报 reporter before saving."""

    posts: tuple[str, ...]  # the posts held in the grid today by people of that name
    people: int  # how many people of that name hold them

    @property
    def counts(self) -> bool:
        """The report will be linked to one worker (and count in that worker's assessment)."""
        return self.people == 1


def match_grid_reporter(db: Database, actor: Actor, grid_id: str, name: str) -> ReporterMatch:
    """Whether `name` is a worker holding a post in the grid today (a few ms: one indexed query)."""
    actor.require(Permission.EVENT_HANDLE)
    with db.reading() as session:
        posts = _posts_named(session, grid_id, name.strip(), to_local(db.clock()).date())
    return ReporterMatch(tuple(sorted({post for _p, post in posts})), len({p for p, _post in posts}))


def may_see_reporter_phone(actor: Actor) -> bool:
    """Full phone numbers, as in mediation, for a reader who may see full personal data
    (PERSON_VIEW_ID); also for one who handles events, as 回访 means calling the reporter back.
    Anyone else (只读查看) gets 139****1234."""
    return actor.can(Permission.PERSON_VIEW_ID) or actor.can(Permission.EVENT_HANDLE)


def link_report(db: Database, actor: Actor, event_id: str, data: EventInput) -> str:
    """Adds a repeated report to an existing event instead of registering a second one. The report
    is checked as a new event would be (a phone number, a title, what happened), so what it stores
    is as clean, and as maskable, as an event's own fields."""
    actor.require(Permission.EVENT_HANDLE)
    with unit_of_work(db, actor) as uow:
        event = uow.session.get(Event, event_id)
        if event is None:
            raise NotFound("找不到要关联的事件。", "Event not found.")
        data = check_input(uow, data)
        reporter = "匿名" if data.anonymous else f"{data.reporter_name} {data.reporter_phone}".strip()
        action = add_action(
            uow, event, "重复上报", note=f"{data.channel}：{data.description}", reporter=reporter,
            title=data.title,
        )  # fmt: skip
        uow.session.flush()
        store_attachments(uow, event.id, data.attachments, action.id)
        uow.audit("关联重复上报", Event.__label__, event.id, event.number)
        return event.id


# --- possible duplicates -------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    number: str
    title: str
    state: str
    reported_at: datetime
    reason: str
    address: str = ""
    reporter: str = ""  # 匿名, or the name and the phone (masked unless the reader may see full numbers)
    matter: str = ""


def find_duplicates(
    db: Database, actor: Actor, *, community_id: str, grid_id: str | None, matter_item_id: str, title: str,
    now: datetime | None = None,
) -> list[DuplicateCandidate]:  # fmt: skip
    """Same grid and matter item within 7 days, or a similar title in the same community within 30 days."""
    actor.require(Permission.EVENT_VIEW)
    now = now or db.clock()
    full_phones = may_see_reporter_phone(actor)  # as the event detail shows them
    found: dict[str, tuple[Event, str]] = {}
    with db.reading() as session:
        if grid_id and matter_item_id:
            rows = session.scalars(
                select(Event)
                .where(
                    Event.grid_id == grid_id, Event.matter_item_id == matter_item_id,
                    Event.reported_at >= now - timedelta(days=DUPLICATE_WINDOW_DAYS),
                    Event.state != State.NOT_ACCEPTED,
                )
                .order_by(Event.reported_at.desc())
                .limit(20)
            ).all()  # fmt: skip
            for e in rows:
                found[e.id] = (e, "同一网格、同一事项，7 日内")
        clean = re.sub(r"\s+", "", title)
        if community_id and len(clean) >= 4:
            recent = session.execute(
                select(Event.id, Event.title)
                .where(Event.community_id == community_id, Event.reported_at >= now - timedelta(days=30))
                .order_by(Event.reported_at.desc())
                .limit(500)
            ).all()
            for row in recent:
                if row.id in found:
                    continue
                ratio = difflib.SequenceMatcher(None, clean, re.sub(r"\s+", "", row.title)).ratio()
                if ratio >= 0.6:
                    event = session.get(Event, row.id)
                    assert event is not None
                    found[row.id] = (event, f"标题相似度 {ratio:.0%}")  # shown in （）: no nested brackets
        chosen = sorted(found.values(), key=lambda pair: pair[0].reported_at, reverse=True)[:10]
        matter_ids = {e.matter_item_id for e, _reason in chosen}
        matter_names = {
            row.id: row.name
            for row in session.execute(
                select(MatterItem.id, MatterItem.name).where(MatterItem.id.in_(matter_ids))
            )
        }
        candidates = [
            DuplicateCandidate(
                e.id, e.number, e.title, e.state, e.reported_at, reason, e.address,
                _reporter(e, full_phones), matter_names.get(e.matter_item_id, ""),
            )
            for e, reason in chosen
        ]  # fmt: skip
        return candidates


def _reporter(event: Event, full_phone: bool) -> str:
    if event.anonymous:
        return "匿名"
    phone = event.reporter_phone if full_phone else mask_phone(event.reporter_phone)
    return f"{event.reporter_name} {phone}".strip()


def describe(candidate: DuplicateCandidate) -> str:
    return f"{candidate.number}　{candidate.title}（{candidate.state}，{format_local(candidate.reported_at)}，{candidate.reason}）"


def local_today(db: Database) -> date:
    return to_local(db.clock()).date()


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
