"""Reading events: filtered, sorted pages in SQL, counts, one event's detail, and "my work".

The list never loads all rows and never filters in Python. Newest-first is rowid order (events are
inserted in time order), which is also the order FTS5 gives its hits. Two FTS5 indexes answer text
searches: `event_fts` (trigrams) for three or more characters, `event_grams` (every character and
character pair, see desktop/search_grams.py) for one or two letters or digits (噪声, 王芳, 路, A1), which
operators type most. A page walks the index newest first, joined to `event`, and stops when it is
full; either index alone counts a text-only search. LIKE remains for a short needle with other
characters (a-, 1号) and for a search among the few events other filters leave (待受理 and 路), where
testing each is fastest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from desktop.clock import CHINA_TZ, to_local
from desktop.db import Database
from desktop.errors import NotFound
from desktop.models import (
    Community,
    Department,
    Event,
    EventAction,
    EventAttachment,
    Grid,
    MatterCategory,
    MatterDomain,
    MatterItem,
)
from desktop.search_grams import FOLD_FUNCTION, fold, is_gram
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.masking import mask_phone, mask_phone_in_text
from desktop.services.common.text import LIKE_ESCAPE, clean_search, like_contains
from desktop.services.events import FINISHED, RUNNING, State
from desktop.services.events.intake import may_see_reporter_phone

RED, YELLOW, SUPERVISED = "红", "黄", "督办"
OPEN_STATES = tuple(s for s in State if s not in FINISHED)

# Sortable list columns and the indexed expression each sorts by.
SORT_COLUMNS: dict[str, Any] = {
    "reported_at": text("event.rowid"),
    "number": Event.number,
    "channel": Event.channel,
    "community": Event.community_id,
    "grid": Event.grid_id,
    "category": Event.category_code,
    "urgency": Event.urgency,
    "state": Event.state,
    "deadline": Event.deadline,
}


@dataclass(frozen=True)
class EventFilter:
    states: tuple[str, ...] = ()
    channel: str = ""
    category_code: str = ""  # a domain (2 digits) or category (4 digits) code: prefix match
    community_id: str = ""
    grid_id: str = ""
    urgency: str = ""
    colour: str = ""  # 红 (overdue) / 黄 (past 80% of the limit) / 督办 (supervised by hand)
    since: date | None = None  # local dates, inclusive
    until: date | None = None
    text: str = ""
    extension_pending: bool = False
    today: date | None = None  # local; defaults to the database clock's day


@dataclass(frozen=True)
class Sort:
    column: str = "reported_at"
    descending: bool = True


@dataclass(frozen=True)
class EventRow:
    rowid: int
    id: str
    number: str
    reported_at: datetime
    channel: str
    title: str
    community: str
    grid: str
    category: str
    urgency: str
    state: str
    deadline: date | None
    colour: str  # 红 / 黄 / 督办 / ""
    address: str


@dataclass
class Names:
    """Small lookup tables the list shows names from, so page queries need no joins."""

    communities: dict[str, str] = field(default_factory=dict)
    grids: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Names:
        names = cls()
        tables = (names.communities, names.grids, names.categories, names.departments)
        for n, key, name in session.execute(_NAMES):
            tables[n][key] = name
        return names


# One statement, not four, built once: every list query (a filter change, a search) loads the names.
_NAME_TABLES = (
    (Community.id, Community.name), (Grid.id, Grid.name), (MatterCategory.code, MatterCategory.name),
    (Department.code, Department.name),
)  # fmt: skip
_NAMES: CompoundSelect = union_all(
    *(select(literal_column(str(n)), key, name) for n, (key, name) in enumerate(_NAME_TABLES))
)


def today_of(db: Database) -> date:
    return to_local(db.clock()).date()


def colour_of(state: str, deadline: date | None, warn_on: date | None, supervised: bool, today: date) -> str:
    if state in RUNNING and deadline is not None:
        if deadline < today:
            return RED
        if warn_on is not None and warn_on <= today:
            return YELLOW
    if supervised and state not in FINISHED:
        return SUPERVISED
    return ""


def _local_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CHINA_TZ).astimezone(UTC)


# An event number typed or pasted into the search box (SJ330127104202611220554, or a county's): the list
# shows it elided, so people search for it; it is found through its unique index, not as text.
EVENT_NUMBER = re.compile(r"[A-Z]{1,4}\d{12,}")
TOWN_PREFIX = "SJ"  # the town's own numbers (intake.next_number)


def number_needle(needle: str) -> str | None:
    candidate = needle.strip().upper()
    if candidate.isascii() and candidate.isdigit() and len(candidate) >= 20:
        # Read out or typed without its letters (cold test 25). 20 digits and more: an ID card's 18
        # or a bank card's 19 are still searched for as text.
        candidate = TOWN_PREFIX + candidate
    return candidate if EVENT_NUMBER.fullmatch(candidate) else None


def _fts_phrase(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _conditions(f: EventFilter, today: date, scan_text: bool = False) -> list[ColumnElement[bool]]:
    # No tombstone test: events are never deleted (a wrong one is 不予受理), and `deleted_at IS NULL`
    # would turn every indexed count into a scan of the table.
    where: list[ColumnElement[bool]] = []
    if f.states:
        where.append(Event.state.in_(f.states))
    if f.channel:
        where.append(Event.channel == f.channel)
    if f.category_code:
        where.append(Event.category_code.startswith(f.category_code, autoescape=True))
    if f.community_id:
        where.append(Event.community_id == f.community_id)
    if f.grid_id:
        where.append(Event.grid_id == f.grid_id)
    if f.urgency:
        where.append(Event.urgency == f.urgency)
    if f.since:
        where.append(Event.reported_at >= _local_day_start(f.since))
    if f.until:
        where.append(Event.reported_at < _local_day_start(f.until + timedelta(days=1)))
    if f.extension_pending:
        where.append(Event.extension_pending.is_(True))
    if f.colour == RED:
        where.append(and_(Event.state.in_(RUNNING), Event.deadline < today))
    elif f.colour == YELLOW:
        where.append(and_(Event.state.in_(RUNNING), Event.deadline >= today, Event.warn_on <= today))
    elif f.colour == SUPERVISED:
        # The open states named, not "not finished": NOT IN cannot use the state index (a scan of
        # the table: 440 ms at a million events, against 180 ms through the index).
        where.append(and_(Event.supervised.is_(True), Event.state.in_(OPEN_STATES)))
    needle = clean_search(f.text)
    number = number_needle(needle)
    if number is not None:
        where.append(Event.number == number)
    elif needle and (scan_text or not _text_search(needle)[0]):
        like = like_contains(fold(needle))  # % and _ are searched for as themselves
        folded = getattr(func, FOLD_FUNCTION)  # the indexes ignore case beyond ASCII: so does this
        where.append(
            or_(
                folded(Event.title).like(like, escape=LIKE_ESCAPE),
                folded(Event.description).like(like, escape=LIKE_ESCAPE),
                folded(Event.address).like(like, escape=LIKE_ESCAPE),
            )
        )
    return where


def filter_conditions(f: EventFilter, today: date) -> list[ColumnElement[bool]]:
    """The list's WHERE for `f` (its text search aside): figures elsewhere (统计分析) group exactly the
    events the list opened from them shows."""
    return _conditions(replace(f, text=""), today)


def _text_search(needle: str) -> tuple[str, str]:
    """The FTS5 table that answers a search for `needle` and its MATCH query, or ("", "") for LIKE.

    The grams were folded in Python (search_grams.grams), so the needle is too."""
    if number_needle(needle) is not None:
        return "", ""  # the number's own index (_conditions)
    if len(needle) >= 3:
        return "event_fts", _fts_phrase(needle)
    folded = fold(needle)
    if is_gram(folded):
        return "event_grams", _fts_phrase(folded)
    return "", ""


def _base(f: EventFilter, today: date, columns: Any, scan_text: bool = False) -> Select[Any]:
    needle = clean_search(f.text)
    query = select(*columns).select_from(Event).where(*_conditions(f, today, scan_text))
    index, match = _text_search(needle)
    if index and not scan_text:
        query = query.where(
            text(f"event.rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH :q)")
        ).params(q=match)
    return query


def _in_rowid_order(
    f: EventFilter, today: date, columns: Any, descending: bool, scan_text: bool = False
) -> Select[Any]:
    """`_base` in report order. A text search reads its index in rowid order (FTS5 gives either order)
    and looks each hit up in `event`, so a page stops after its last row. `event.rowid IN (...)` would
    first collect every hit: 90 ms for 路 at a million events, against 1 ms."""
    index, match = _text_search(clean_search(f.text))
    if not index or scan_text:
        rowid = text("event.rowid DESC" if descending else "event.rowid")
        return _base(f, today, columns, scan_text).order_by(rowid)
    hits = table(index, column("rowid"))
    # Only with the index's own rowid in ORDER BY does SQLite keep the index as the outer loop; with
    # `event` outside (as it plans a count) it would run the MATCH once per event.
    return (
        select(*columns)
        .select_from(hits.join(Event, text(f"event.rowid = {index}.rowid")))
        .where(*_conditions(f, today), text(f"{index} MATCH :q"))
        .params(q=match)
        .order_by(text(f"{index}.rowid DESC" if descending else f"{index}.rowid"))
    )


# Other filters leaving fewer events than this are searched by testing each with LIKE (a few ms).
# Through an index, a frequent gram (路: 300,000 hits at a million events) would be walked until a
# page is full, or collected whole for a count: 1.1 s for 路 among the 89 events 待受理.
FEW_EVENTS = 2000


def _few_events_probe(f: EventFilter, today: date) -> Select[Any] | None:
    """The count that tells whether a text search is best done by scanning the events the other
    filters leave (fewer than FEW_EVENTS), or None when there is nothing to ask."""
    if not _text_search(clean_search(f.text))[0]:
        return None
    others = _conditions(replace(f, text=""), today)
    if not others:
        return None
    probe = select(text("1")).select_from(Event).where(*others).limit(FEW_EVENTS).subquery()
    return select(func.count()).select_from(probe)


_ROW_COLUMNS = (
    text("event.rowid"), Event.id, Event.number, Event.reported_at, Event.channel, Event.title,
    Event.community_id, Event.grid_id, Event.category_code, Event.urgency, Event.state, Event.deadline,
    Event.warn_on, Event.supervised, Event.address,
)  # fmt: skip


def _rows(raw: Any, names: Names, today: date) -> list[EventRow]:
    # Unpacked by position and with the lookups bound once: a page is on the way to the screen, and
    # reading 15 columns of 100 rows by name cost more than the query itself.
    communities, grids, categories = names.communities, names.grids, names.categories
    return [
        EventRow(
            rowid, id_, number, reported_at, channel, title, communities.get(community_id, ""),
            grids.get(grid_id or "", ""), categories.get(category_code, category_code), urgency, state, deadline,
            colour_of(state, deadline, warn_on, supervised, today), address,
        )
        for (
            rowid, id_, number, reported_at, channel, title, community_id, grid_id, category_code, urgency, state,
            deadline, warn_on, supervised, address,
        ) in raw
    ]  # fmt: skip


class LazyRows:
    """A page's rows as read, each made an EventRow when first asked for: a list shows the 15 to 20
    rows in view of the 100 it reads at once (a third of a millisecond of a first page)."""

    __slots__ = ("_made", "_names", "_raw", "_today")

    def __init__(self, raw: list[Any], names: Names, today: date) -> None:
        self._raw = raw
        self._made: list[EventRow | None] = [None] * len(raw)
        self._names = names
        self._today = today

    def __len__(self) -> int:
        return len(self._raw)

    def __getitem__(self, index: int) -> EventRow:
        row = self._made[index]
        if row is None:
            row = self._made[index] = _rows((self._raw[index],), self._names, self._today)[0]
        return row

    def __iter__(self) -> Iterator[EventRow]:
        return (self[index] for index in range(len(self._raw)))


_OFFSET, _LIMIT = "page_offset", "page_limit"


class EventReader:
    """Pages of one query for a list model. Thread-safe: every call opens its own session."""

    def __init__(
        self, db: Database, actor: Actor, f: EventFilter, sort: Sort = Sort(), *, names: Names | None = None
    ) -> None:
        """`names`: those of an earlier reader, kept by a list between its queries (the list model
        reads them again when it is refreshed); without them, and to decide how a search among other
        filters is done, the reader asks the database first: a session less for a list's first page."""
        actor.require(Permission.EVENT_VIEW)
        self.db = db
        self.filter = f
        self.sort = sort if sort.column in SORT_COLUMNS else Sort()
        self.today = f.today or today_of(db)
        probe = _few_events_probe(f, self.today)
        self.names = names if names is not None else Names()
        self.scan_text = False
        if names is None or probe is not None:
            with db.reading() as session:
                if names is None:
                    self.names = Names.load(session)
                if probe is not None:
                    self.scan_text = int(session.execute(probe).scalar() or 0) < FEW_EVENTS
        # Per direction (the far half of a list is read backwards), built once with the page's LIMIT and
        # OFFSET as parameters: SQLAlchemy then finds it compiled in its cache without building the
        # filter's conditions again, which was about half of a page's read.
        self._pages: dict[bool, Select[Any]] = {}

    def query(self, descending: bool) -> Select[Any]:
        """The whole ordered query (the export streams it); `page` slices it."""
        if self.sort.column == "reported_at":
            return _in_rowid_order(self.filter, self.today, _ROW_COLUMNS, descending, self.scan_text)
        key = SORT_COLUMNS[self.sort.column]
        rowid = text("event.rowid DESC") if descending else text("event.rowid")
        query = _base(self.filter, self.today, _ROW_COLUMNS, self.scan_text)
        return query.order_by(key.desc() if descending else key.asc(), rowid)

    def page(self, offset: int, limit: int, total: int | None = None) -> list[EventRow]:
        """Rows [offset, offset+limit). With the total known, pages past the middle are read from the
        other end, so the last page costs what the first does."""
        return list(self.rows(offset, limit, total))

    def rows(self, offset: int, limit: int, total: int | None = None) -> LazyRows:
        """`page`, each row made when first asked for (a list model's page)."""
        # Through the session's connection: plain rows, without the ORM's loading steps (0.2 ms a page).
        with self.db.reading() as session:
            backwards = total is not None and offset > total // 2
            if total is not None and backwards:
                offset, limit = max(total - offset - limit, 0), min(limit, total - offset)
            read = session.connection().execute(
                self._page(self.sort.descending != backwards), {_OFFSET: offset, _LIMIT: limit}
            )
            raw = list(read.all())
        if backwards:
            raw.reverse()
        return LazyRows(raw, self.names, self.today)

    def _page(self, descending: bool) -> Select[Any]:
        query = self._pages.get(descending)
        if query is None:
            query = self.query(descending).offset(bindparam(_OFFSET)).limit(bindparam(_LIMIT))
            self._pages[descending] = query
        return query

    def count(self) -> int:
        needle = clean_search(self.filter.text)
        plain = self.filter == EventFilter(text=self.filter.text, today=self.filter.today)
        index, match = _text_search(needle)
        with self.db.reading() as session:
            if index and plain and not self.scan_text:
                # Only the text filter: the index alone knows the answer.
                found = session.execute(
                    text(f"SELECT count(*) FROM {index} WHERE {index} MATCH :q"), {"q": match}
                )
                return int(found.scalar() or 0)
            query = _base(self.filter, self.today, (func.count(),), self.scan_text)
            return int(session.execute(query).scalar() or 0)


# --- one event -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    at: datetime
    kind: str
    actor_name: str
    from_state: str
    to_state: str
    note: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class AttachmentRow:
    id: str
    kind: str
    file_name: str
    stored_path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class EventDetail:
    id: str
    ver: int
    number: str
    channel: str
    reporter_name: str
    reporter_phone: str
    anonymous: bool
    occurred_at: datetime
    reported_at: datetime
    community: str
    grid: str
    address: str
    matter_code: str
    matter_name: str
    domain: str
    category: str
    title: str
    description: str
    urgency: str
    people_involved: int
    loop: str
    state: str
    target: str
    dispatched_at: datetime | None
    time_limit_days: int
    deadline: date | None
    warn_on: date | None
    deadline_estimated: bool
    colour: str
    extension_pending: bool
    supervised: bool
    outcome: str
    outcome_note: str
    satisfaction: str
    rework_count: int
    return_count: int
    closed_at: datetime | None
    timeline: tuple[ActionRow, ...]
    attachments: tuple[AttachmentRow, ...]
    # Mediation cases started from this event: (case id, file number, status).
    mediation_cases: tuple[tuple[str, str, str], ...] = ()


def _action_detail(raw: str, full: bool) -> dict[str, Any]:
    detail: dict[str, Any] = json.loads(raw) if raw else {}
    if not full and isinstance(detail.get("reporter"), str):
        # Stored as 「姓名 电话」: masked like the event's own phone, whatever separates its digits.
        detail["reporter"] = mask_phone_in_text(detail["reporter"])
    return detail


def _name_of(name: Any, key: Any, value: str | None) -> Any:
    """The name of the row whose `key` is `value` (NULL when there is none), as a column of a select."""
    return select(name).where(key == value).scalar_subquery()


def get_event(db: Database, actor: Actor, event_id: str) -> EventDetail:
    """One event as `actor` may see it: the reporter's phone masked unless `may_see_reporter_phone`."""
    from desktop.models import MediationCase  # a late model (desktop/models/__init__.py)

    actor.require(Permission.EVENT_VIEW)
    full = may_see_reporter_phone(actor)
    with db.reading() as session:
        e = session.get(Event, event_id)
        if e is None or e.deleted_at is not None:
            raise NotFound("找不到该事件。", "Event not found.")
        # The names in one statement and the timeline and files as plain rows: opening an event is a
        # handful of queries, not one per name (bench/bench_events.py, event_detail).
        item_code, item_name, category_name, domain_name, community, grid, department, target_grid = (
            session.execute(
                select(
                    MatterItem.code, MatterItem.name, MatterCategory.name, MatterDomain.name,
                    _name_of(Community.name, Community.id, e.community_id), _name_of(Grid.name, Grid.id, e.grid_id),
                    _name_of(Department.name, Department.code, e.target_department_code),
                    _name_of(Grid.name, Grid.id, e.target_grid_id),
                )
                .select_from(MatterItem)
                .outerjoin(MatterCategory, MatterCategory.id == MatterItem.category_id)
                .outerjoin(MatterDomain, MatterDomain.id == MatterCategory.domain_id)
                .where(MatterItem.id == e.matter_item_id)
            ).one()
        )  # fmt: skip
        if e.target_department_code:
            target = department or ""
        elif e.target_grid_id:
            target = target_grid or ""
        else:
            target = ""
        actions = session.execute(
            select(
                EventAction.at, EventAction.kind, EventAction.actor_name, EventAction.from_state,
                EventAction.to_state, EventAction.note, EventAction.detail,
            )
            .where(EventAction.event_id == e.id)
            .order_by(EventAction.at, EventAction.id)
        ).all()  # fmt: skip
        files = session.execute(
            select(
                EventAttachment.id, EventAttachment.kind, EventAttachment.file_name, EventAttachment.stored_path,
                EventAttachment.sha256, EventAttachment.size,
            )
            .where(EventAttachment.event_id == e.id)
            .order_by(EventAttachment.created_at)
        ).all()  # fmt: skip
        today = today_of(db)
        phone = e.reporter_phone if full else mask_phone(e.reporter_phone)
        return EventDetail(
            e.id, e.ver, e.number, e.channel, e.reporter_name, phone, e.anonymous, e.occurred_at,
            e.reported_at, community or "", grid or "", e.address, item_code, item_name, domain_name or "",
            category_name or "", e.title, e.description,
            e.urgency, e.people_involved, e.loop, e.state, target, e.dispatched_at, e.time_limit_days, e.deadline,
            e.warn_on, e.deadline_estimated, colour_of(e.state, e.deadline, e.warn_on, e.supervised, today),
            e.extension_pending, e.supervised, e.outcome, e.outcome_note, e.satisfaction, e.rework_count,
            e.return_count, e.closed_at,
            tuple(
                ActionRow(at, kind, actor_name, from_state, to_state, note, _action_detail(detail, full))
                for at, kind, actor_name, from_state, to_state, note, detail in actions
            ),
            tuple(AttachmentRow(*f) for f in files),
            tuple(
                (row.id, row.file_number, row.status)
                for row in session.execute(
                    select(MediationCase.id, MediationCase.file_number, MediationCase.status)
                    .where(MediationCase.event_id == e.id)
                    .order_by(MediationCase.file_year, MediationCase.file_seq)
                )
            ),
        )  # fmt: skip


# --- my work ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkBucket:
    title: str
    hint: str
    filter: EventFilter
    count: int


def my_work(db: Database, actor: Actor) -> list[WorkBucket]:
    """What needs this user's action today, as filters the event list can open."""
    actor.require(Permission.EVENT_VIEW)
    today = today_of(db)
    buckets: list[tuple[str, str, EventFilter]] = []
    if actor.can(Permission.EVENT_HANDLE):
        buckets += [
            ("待受理", "新上报、尚未受理", EventFilter(states=(State.PENDING,))),
            ("待分拨", "已受理或被退回，需要交办", EventFilter(states=(State.ACCEPTED, State.RETURNED))),
            ("已超期", "超过办理时限仍未办结", EventFilter(colour=RED)),
            ("临期预警", "已用去 80% 的时限", EventFilter(colour=YELLOW)),
            ("待核查", "承办单位已反馈办结", EventFilter(states=(State.COMPLETED,))),
            ("待回访", "核查通过，需回访反映人", EventFilter(states=(State.VERIFIED,))),
            ("待结案", "回访完毕", EventFilter(states=(State.VISITED,))),
            ("上报县级待答复", "等待县级交办或退回", EventFilter(states=(State.ESCALATED,))),
        ]
    if actor.can(Permission.EVENT_APPROVE):
        buckets += [
            ("延期待审批", "承办单位申请延期", EventFilter(extension_pending=True)),
            ("挂账缓办", "已挂账，定期跟进", EventFilter(states=(State.POSTPONED,))),
        ]
    buckets.append(("督办中", "人工督办、尚未结案", EventFilter(colour=SUPERVISED)))
    out = []
    with db.reading() as session:
        for title, hint, f in buckets:
            f = EventFilter(**{**f.__dict__, "today": today})
            count = int(session.execute(_base(f, today, (func.count(),))).scalar() or 0)
            out.append(WorkBucket(title, hint, f, count))
    return out
