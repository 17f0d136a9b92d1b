"""The wire protocol between a town and the county hub (shared/SYNC.md), shared by both ends.

Plain JSON over HTTP, gzip either way, `Authorization: Bearer <town token>`. No ORM and no Qt here:
the hub (county/) and the town client (desktop/sync/) import this module and nothing of each other.

Messages (every path under /sync/v1):
- GET  hello                 -> Hello
- POST push   PushRequest    -> PushReply          (one hub transaction; a known batch_id -> the stored reply)
- GET  pull?since=S&limit=N&epoch=E -> PullReply   (410 Gone with GoneReply when S < seq_floor or E is old)
- GET  snapshot/{type}       -> SnapshotReply      (type in SNAPSHOT_TYPES)

A change (both ways): {"type", "id", "op", "base_ver", "ver", "fields"}. `base_ver` is the version the
sender last knew the other side had (0 for a new record); `ver` the version the change makes. Values in
`fields` are JSON scalars; dates travel as "YYYY-MM-DD", times as UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ".
"""

from __future__ import annotations

import math
import operator
import re
from datetime import UTC, date, datetime
from typing import Any, Literal, TypedDict

PREFIX = "/sync/v1"

# How much one request may carry: the hub answers 413 above these (compressed / inflated bytes).
MAX_BODY_BYTES = 8 * 1024 * 1024
# A full batch of 500 changes is about 0.5 MiB; a cap far above that still lets a tiny gzip body make
# the parser build millions of objects (60 MiB of `[]` took 1.6 GB), so it stays modest.
MAX_INFLATED_BYTES = 16 * 1024 * 1024
# A batch holds at most this many changes; the client starts at DEFAULT_BATCH and halves after a timeout.
MAX_BATCH = 500
DEFAULT_BATCH = 500
MAX_PULL = 500
# One field's text may not exceed this many characters (a description, a note).
MAX_FIELD_CHARS = 20_000
# Hub and town clocks further apart than this: a warning on the town's screen, nothing else changes.
CLOCK_SKEW_WARN_SECONDS = 300

# --- record types --------------------------------------------------------------------------------

# What a town owns and sends up. The hub keeps the latest version of each, by id, per town.
UP_TYPES = ("community", "grid", "event", "event_action", "mediation_case")
# What the county owns and sends down, to every town ("county lists") or to one town.
COUNTY_LIST_TYPES = ("matter_list", "holidays")
TOWN_ADDRESSED_TYPES = ("assignment", "escalation_answer")
DOWN_TYPES = COUNTY_LIST_TYPES + TOWN_ADDRESSED_TYPES
SNAPSHOT_TYPES = COUNTY_LIST_TYPES
# Rows never changed after they are made: a second arrival of the same id is a duplicate, never a conflict.
INSERT_ONLY_TYPES = frozenset({"event_action", "assignment", "escalation_answer"})
# The field the hub and its commands use to find a record by what people call it.
NATURAL_KEYS = {"community": "code", "grid": "code", "event": "number", "mediation_case": "file_number"}

# The fields of each type a town sends up and the kind of value each holds: text, int, bool, date
# ("YYYY-MM-DD"), time (UTC, as encode_value writes it); a trailing "?" allows null. The town reads
# these columns (desktop/sync/records.py asserts its lists match; a test checks the kinds against the
# town's models); the hub rejects a change with a field not listed here or a value of another kind.
UP_FIELDS: dict[str, dict[str, str]] = {
    "community": {"code": "text", "name": "text", "kind": "text", "sort_order": "int", "deleted_at": "time?"},
    "grid": {
        "community_id": "text", "code": "text", "name": "text", "kind": "text", "subtype": "text",
        "households": "int", "population": "int", "ended_on": "date?", "end_reason": "text",
        "deleted_at": "time?",
    },
    "event": {
        "number": "text", "channel": "text", "reporter_name": "text", "reporter_phone": "text",
        "anonymous": "bool", "occurred_at": "time", "reported_at": "time", "community_id": "text",
        "grid_id": "text?", "address": "text", "category_code": "text", "title": "text",
        "description": "text", "urgency": "text", "people_involved": "int", "loop": "text", "state": "text",
        "target_department_code": "text?", "dispatched_at": "time?", "time_limit_days": "int",
        "deadline": "date?", "supervised": "bool", "outcome": "text", "satisfaction": "text",
        "rework_count": "int", "return_count": "int", "closed_at": "time?", "duplicate_of_id": "text?",
        "created_at": "time", "deleted_at": "time?",
    },
    "event_action": {
        "event_id": "text", "at": "time", "kind": "text", "actor_name": "text", "from_state": "text",
        "to_state": "text", "note": "text", "detail": "text",
    },
    "mediation_case": {
        "file_number": "text", "source": "text", "event_id": "text?", "dispute_type": "text",
        "amount_cents": "int?", "received_on": "date", "status": "text", "accepted_on": "date?",
        "outcome": "text", "outcome_on": "date?", "performance_status": "text", "archived_on": "date?",
        "deleted_at": "time?",
    },
}  # fmt: skip
assert tuple(UP_FIELDS) == UP_TYPES

Op = Literal["upsert", "delete"]
Status = Literal["applied", "duplicate", "conflict", "rejected"]

# Kinds of answer to an escalated event (乡呼县应), as the town's timeline names them.
ANSWER_ASSIGN = "县级交办"
ANSWER_RETURN = "退回镇级"
ANSWER_KINDS = (ANSWER_ASSIGN, ANSWER_RETURN)


class Change(TypedDict):
    type: str
    id: str
    op: Op
    base_ver: int
    ver: int
    fields: dict[str, Any]


class AuditHead(TypedDict):
    seq: int
    hash: str


class PushRequest(TypedDict):
    town: str
    batch_id: str
    epoch: str
    audit_head: AuditHead | None
    changes: list[Change]


class ChangeResult(TypedDict, total=False):
    id: str
    type: str
    status: Status  # required
    ver: int  # the hub's version after the change (for a conflict: the hub's current one)
    seq: int  # the hub sequence number given to an applied change
    reason: str  # rejected: why, in Chinese, for the town's screen
    fields: dict[str, Any]  # conflict: the hub's current fields, to show beside the town's


class PushReply(TypedDict):
    batch_id: str
    results: list[ChangeResult]


class Hello(TypedDict):
    epoch: str
    server_time: str
    seq_floor: int
    last_seq: int
    max_batch: int
    town: str
    town_name: str


class PulledChange(TypedDict):
    seq: int
    type: str
    id: str
    op: Op
    ver: int
    fields: dict[str, Any]


class PullReply(TypedDict):
    epoch: str
    changes: list[PulledChange]
    last_seq: int  # the highest sequence number this reply covers (the next `since`)
    more: bool


class GoneReply(TypedDict):
    detail: str
    epoch: str
    seq_floor: int


class SnapshotRecord(TypedDict):
    id: str
    ver: int
    fields: dict[str, Any]


class SnapshotReply(TypedDict):
    type: str
    seq: int  # pull from here after applying the snapshot
    records: list[SnapshotRecord]


# --- field shapes of the county's records --------------------------------------------------------
#
# matter_list: {"version", "published_on", "publisher", "note",
#               "departments": [{"code", "name", "kind", "contact_person", "phone", "note"}],
#               "items": [{"domain_code", "domain_name", "category_code", "category_name", "code", "name",
#                          "description", "level", "lead_department_code", "co_department_codes": [...],
#                          "time_limit_days", "admitted", "admitted_from", "admitted_until",
#                          "admission_note", "legal_basis", "source", "status", "keywords"}]}
# holidays:    {"year", "source", "days": [{"day", "kind" (休/班), "name"}]}
# assignment (县级交办, a new event for one town):
#              {"title", "description", "address", "community_code", "matter_code", "urgency",
#               "deadline", "department_code", "note", "assigned_by", "assigned_at"}
# escalation_answer: {"event_id", "kind" (ANSWER_KINDS), "department_code", "deadline", "note",
#                     "answered_by", "answered_at"}


# --- values --------------------------------------------------------------------------------------


def encode_value(value: Any) -> Any:
    """A column value as it travels."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        # isoformat, not strftime: the same text in a fifth of the time (a first upload encodes millions)
        return value.isoformat(timespec="microseconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode_datetime(value: str | None) -> datetime | None:
    if value is None or value == "":
        return None
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def decode_date(value: str | None) -> date | None:
    if value is None or value == "":
        return None
    return date.fromisoformat(value)


def now_text() -> str:
    return encode_value(datetime.now(UTC))


# Record ids are UUIDs (and, for county lists, short codes): letters, digits, '-', '_', '.' and ':'.
_ID_CHARS = re.compile(r"[0-9A-Za-z_.:-]+")
# A NUL cannot be stored in PostgreSQL's text (a natural key holding one failed the whole batch).
_SURROGATE = re.compile("[\ud800-\udfff\x00]")


def change_problem(change: Any, allowed_types: tuple[str, ...]) -> str | None:
    """Why a change as received is malformed (in Chinese, for the sender's screen), or None.

    Both ends run every change they receive (request, reply, package) through this before using it."""
    if not isinstance(change, dict):
        return "变更格式不正确"
    if change.get("type") not in allowed_types:
        return f"不接受的记录类型：{str(change.get('type'))[:30]}"
    record_id = change.get("id")
    if not isinstance(record_id, str) or not 1 <= len(record_id) <= 36 or not _ID_CHARS.fullmatch(record_id):
        return "记录编号不正确"
    if change.get("op", "upsert") not in ("upsert", "delete"):
        return "变更类型不正确"
    for key in ("base_ver", "ver"):
        value = change.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
            return "版本号不正确"
    fields = change.get("fields")
    if not isinstance(fields, dict):
        return "字段格式不正确"
    kinds = UP_FIELDS.get(change["type"])
    if kinds is None:
        return fields_problem(fields)
    if _CHECKS[change["type"]].passes(fields):
        return None
    return typed_fields_problem(fields, kinds)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_KIND_NAMES = {"text": "文本", "int": "整数", "bool": "是或否", "date": "日期", "time": "时间"}


class _FieldCheck:
    """`typed_fields_problem` for the common case, run by the C loops behind map, set and join: every
    listed field present and valid. Any doubt (a field missing, unknown or wrong) goes to the field by
    field check, which names the culprit. A hub checks every field of a first upload's million changes:
    field by field in Python was a third of a push."""

    def __init__(self, kinds: dict[str, str]) -> None:
        self.names = frozenset(kinds)
        by_kind: dict[str, list[str]] = {}
        for name, kind in kinds.items():
            by_kind.setdefault(kind, []).append(name)
        # The first name twice: itemgetter of one name gives the value, not a tuple.
        self.getters = {kind: operator.itemgetter(*names, *names[:1]) for kind, names in by_kind.items()}

    def passes(self, fields: dict[str, Any]) -> bool:
        if fields.keys() != self.names:
            return False
        for kind, getter in self.getters.items():
            values: tuple[Any, ...] = getter(fields)
            if kind[-1] == "?":
                values = tuple(v for v in values if v is not None)
                if not values:
                    continue
            types = set(map(type, values))
            if kind[0] == "t":
                if types != {str}:
                    return False
                if kind[1] == "i":  # time
                    if not all(map(_TIME.fullmatch, values)):
                        return False
                elif max(map(len, values)) > MAX_FIELD_CHARS or _SURROGATE.search("".join(values)):
                    return False
            elif kind[0] == "i":
                if types != {int} or min(values) < -(2**63) or max(values) >= 2**63:
                    return False
            elif kind[0] == "b":
                if types != {bool}:
                    return False
            elif types != {str} or not all(map(_DATE.fullmatch, values)):
                return False
            else:
                try:
                    all(map(date.fromisoformat, values))
                except ValueError:
                    return False
        return True


_CHECKS = {name: _FieldCheck(kinds) for name, kinds in UP_FIELDS.items()}


def typed_fields_problem(fields: dict[str, Any], kinds: dict[str, str]) -> str | None:
    """`fields_problem` for a type whose fields are listed (UP_FIELDS): each one known, of its kind.
    A listed field may be missing (a town of an older version); one not listed is refused by name."""
    for name, value in fields.items():
        kind = kinds.get(name)
        if kind is None:
            return f"不接受的字段：{str(name)[:40]}"
        if value is None:
            if kind[-1] == "?":
                continue
            return f"字段“{name}”不能为空"
        if kind[0] == "t" and type(value) is str:  # text or time
            if kind[1] == "i":  # time
                if _TIME.fullmatch(value):
                    continue
            elif problem := _value_problem(value, 0):
                return f"字段“{name}”{problem}"
            else:
                continue
        elif kind[0] == "i":
            if type(value) is int and -(2**63) <= value < 2**63:
                continue
        elif kind[0] == "b":
            if type(value) is bool:
                continue
        elif type(value) is str and _DATE.fullmatch(value):
            try:
                date.fromisoformat(value)
                continue
            except ValueError:
                pass
        return f"字段“{name}”应为{_KIND_NAMES[kind.rstrip('?')]}"
    return None


def fields_problem(fields: dict[str, Any], depth: int = 0) -> str | None:
    """Fields hold JSON scalars, or (for the county's lists) lists and objects of them, three levels deep."""
    for name, value in fields.items():
        if not isinstance(name, str) or not name.isidentifier() or len(name) > 40:
            return "字段名不正确"
        if problem := _value_problem(value, depth):
            return f"字段“{name}”{problem}"
    return None


def _value_problem(value: Any, depth: int) -> str | None:
    if value is None or isinstance(value, bool | int):
        return None
    if isinstance(value, str):
        if len(value) > MAX_FIELD_CHARS:
            return "过长"
        # A lone surrogate cannot be stored as UTF-8 anywhere (it made the hub fail with a 500).
        return "含有无法识别的字符" if _SURROGATE.search(value) else None
    if isinstance(value, float):
        return None if math.isfinite(value) else "不是有效的数"
    if depth >= 3:
        return "嵌套过深"
    if isinstance(value, list):
        for item in value:
            if problem := _value_problem(item, depth + 1):
                return problem
        return None
    if isinstance(value, dict):
        return fields_problem(value, depth + 1)
    return "的值不正确"
