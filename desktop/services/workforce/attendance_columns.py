"""Which column of a machine file holds what, and how its dates are written.

Files whose header names the columns (工号/考勤号码, 姓名, 日期时间 or 日期 and 时间) are read by name. Any
other file is mapped once by the operator: the mapping is kept in `app_setting`, keyed by the file's
header row (trimmed, spaces dropped, lower case), so the next file from the same machine (same header)
is read the same way without asking. A manager can forget a kept mapping. A file whose first row is a
punch (it holds a date) has no header: its mapping says so and is kept by column count, so no name or
time of that row is stored. Named columns get the date order their rows leave no doubt about; the
mapping dialog starts from `guess` (names, then cells).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import NotFound, ValidationError
from desktop.models import AppSetting
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.uow import UnitOfWork, unit_of_work

PIN_HEADERS = ("考勤号码", "工号", "人员编号", "登记号码", "用户编号", "编号", "ac-no.")
NAME_HEADERS = ("姓名", "名字")
MOMENT_HEADERS = ("日期时间", "打卡时间", "签到时间", "考勤时间")
DATE_HEADERS = ("日期",)
TIME_HEADERS = ("时间",)
KEY_PREFIX = "attendance.columns."
# The order of year, month and day in a date: year first (2026-05-06, 2026/5/6, 2026年5月6日),
# day first (06/05/2026) or month first (05/06/2026). AUTO reads year-first dates only.
AUTO, YMD, DMY, MDY = "auto", "ymd", "dmy", "mdy"
DATE_ORDERS = (YMD, DMY, MDY)
_MOMENT = re.compile(
    r"^(\d{1,4})[-/.年](\d{1,2})[-/.月](\d{1,4})日?(?:[ T]+(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2}))?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})[ T]?(\d{2}):?(\d{2})(?::?(\d{2}))?$")  # 20260506 0815[00]


@dataclass(frozen=True)
class ColumnMapping:
    """Column numbers (0 = the first column). Either `moment` (date and time in one column) or both
    `date` and `time`; `name` is optional. `date_order` says how dates are written."""

    pin: int | None
    moment: int | None = None
    date: int | None = None
    time: int | None = None
    name: int | None = None
    date_order: str = AUTO
    no_header: bool = False  # the file's first row is a punch, not column names

    def check(self, width: int | None = None) -> ColumnMapping:
        """Refuses a mapping that cannot be read; `width` (the columns the operator was shown) when known."""
        if self.pin is None and self.name is None:
            raise ValidationError("请选择“工号”所在的列。", "Choose the column of the machine number.", "pin")
        if self.moment is None and (self.date is None or self.time is None):
            raise ValidationError(
                "请选择“日期时间”所在的列，或分别选择“日期”和“时间”所在的列。",
                "Choose the date-and-time column, or a date column and a time column.",
                "moment",
            )
        # Each message goes under the field that is wrong: the later of two fields on one column.
        fields = [
            (key, c)
            for key, c in (
                ("pin", self.pin), ("name", self.name), ("moment", self.moment), ("moment", self.date),
                ("time", self.time),
            )
            if c is not None
        ]  # fmt: skip
        seen: set[int] = set()
        for key, c in fields:
            if c in seen:
                raise ValidationError("同一列不能选作两个用途。", "A column can be used once only.", key)
            seen.add(c)
        for key, c in fields:
            if c < 0 or (width is not None and c >= width):
                raise ValidationError(
                    "所选的列超出了文件的列数。", "A chosen column is not in the file.", key
                )
        if self.date_order not in (AUTO, *DATE_ORDERS):
            raise ValidationError("日期格式无效。", "Invalid date format.", "date_order")
        return self


@dataclass(frozen=True)
class SavedMapping:
    key: str
    header: list[str]
    mapping: ColumnMapping
    saved_at: datetime  # local time
    saved_by: str


def normalise(header: Sequence[str]) -> list[str]:
    cells = [h.strip().replace(" ", "").replace("\u3000", "").lower() for h in header]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def header_key(header: Sequence[str]) -> str:
    digest = hashlib.sha256("\x1f".join(normalise(header)).encode("utf-8")).hexdigest()
    return KEY_PREFIX + digest[:32]


def _find(cells: list[str], names: tuple[str, ...]) -> int | None:
    for wanted in names:
        if wanted in cells:
            return cells.index(wanted)
    return None


def by_name(header: Sequence[str]) -> ColumnMapping | None:
    """The mapping read from the header's names, or None when they are not the usual ones."""
    cells = normalise(header)
    pin, name = _find(cells, PIN_HEADERS), _find(cells, NAME_HEADERS)
    moment, day, clock = _find(cells, MOMENT_HEADERS), _find(cells, DATE_HEADERS), _find(cells, TIME_HEADERS)
    if (pin is None and name is None) or (moment is None and (day is None or clock is None)):
        return None
    if moment is not None:
        day = clock = None
    return ColumnMapping(pin, moment, day, clock, name)


def looks_like_header(line: str) -> bool:
    return any(h in line.lower() for h in (*PIN_HEADERS, *NAME_HEADERS, *MOMENT_HEADERS, *DATE_HEADERS))


def parse_moment(text: str, order: str = AUTO) -> datetime | None:
    """A punch's local time as the machine wrote it; None when it is not a date and time."""
    text = text.strip()
    found = _MOMENT.match(text)
    if found is None:
        compact = _COMPACT.match(text)
        if compact is None or order not in (AUTO, YMD):
            return None
        y, m, d, hh, mm, ss = compact.groups()
    else:
        a, b, c, hh, mm, ss = found.groups()
        if hh is None:
            return None  # a date without its time
        if order in (AUTO, YMD):
            if len(a) != 4:
                return None
            y, m, d = a, b, c
        elif len(c) != 4:
            return None
        elif order == DMY:
            d, m, y = a, b, c
        else:
            m, d, y = a, b, c
    try:
        return datetime(int(y), int(m), int(d), int(hh), int(mm), int(ss or 0))
    except ValueError:
        return None


def detect_order(samples: Sequence[str]) -> str | None:
    """The date order the samples fit, or None when they fit none or more than one (06/05/2026)."""
    fits = [o for o in DATE_ORDERS if samples and all(parse_moment(s, o) is not None for s in samples)]
    return fits[0] if len(fits) == 1 else None


# --- kept mappings -----------------------------------------------------------------------------------


def _decode(row: AppSetting) -> SavedMapping | None:
    try:
        data = json.loads(row.value)
        mapping = ColumnMapping(**data["mapping"])
        return SavedMapping(
            row.key, list(data["header"]), mapping, datetime.fromisoformat(data["saved_at"]), data["saved_by"]
        )
    except (ValueError, KeyError, TypeError):
        return None  # a damaged entry is as good as none: the operator maps the file again


def headless_key(width: int) -> str:
    """A file without a header row is known by its column count alone: its first row is someone's punch."""
    return f"{KEY_PREFIX}noheader.{width}"


def saved_for(session: Session, header: Sequence[str]) -> ColumnMapping | None:
    """The kept mapping for this header, or (a first row that is a punch) for headerless files this wide."""
    if is_data_row(header):
        row = session.get(AppSetting, headless_key(len(normalise(header))))
    else:
        row = session.get(AppSetting, header_key(header))
    found = _decode(row) if row is not None else None
    if found is None:
        return None
    try:
        return found.mapping.check()
    except ValidationError:
        return None


def remember(uow: UnitOfWork, header: Sequence[str], mapping: ColumnMapping) -> bool:
    """Keeps the mapping for files with this header (in the caller's transaction); True when it changed."""
    width = len(normalise(header))
    key = headless_key(width) if mapping.no_header else header_key(header)
    # For the list of kept mappings only (the key is the whole header's digest): kept short. A headerless
    # file's first row is a punch (a name, a time): never kept nor audited.
    shown = [] if mapping.no_header else [h.strip()[:40] for h in header][: min(width, 60)]
    value = json.dumps(
        {
            "header": shown,
            "mapping": asdict(mapping),
            "saved_at": to_local(uow.now).replace(tzinfo=None).isoformat(timespec="seconds"),
            "saved_by": uow.actor.username if uow.actor is not None else "",
        },
        ensure_ascii=False,
    )
    row = uow.session.get(AppSetting, key)
    if row is not None:
        old = _decode(row)
        if old is not None and old.mapping == mapping:
            return False
        row.value = value
    else:
        uow.session.add(AppSetting(key=key, value=value))
    summary = (
        f"无表头，{width} 列" if mapping.no_header else "、".join(h.strip() for h in header if h.strip())
    )
    uow.audit("记住列对应", "考勤记录", key, summary[:200])
    return True


def saved_mappings(db: Database, actor: Actor) -> list[SavedMapping]:
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        rows = session.scalars(select(AppSetting).where(AppSetting.key.startswith(KEY_PREFIX))).all()
        found = [m for m in (_decode(r) for r in rows) if m is not None]
    return sorted(found, key=lambda m: m.saved_at, reverse=True)


def forget_mapping(db: Database, actor: Actor, key: str) -> None:
    """The next file with that header is mapped again (a manager's step: the machine's export changed)."""
    actor.require(Permission.DUTY_APPROVE)
    if not key.startswith(KEY_PREFIX):
        raise NotFound("找不到该列对应。", "Mapping not found.")
    with unit_of_work(db, actor) as uow:
        row = uow.session.get(AppSetting, key)
        if row is None:
            raise NotFound("找不到该列对应。", "Mapping not found.")
        old = _decode(row)
        uow.session.delete(row)
        header = "、".join(h for h in old.header if h) if old is not None else ""
        uow.audit("忘记列对应", "考勤记录", key, header[:200])


def describe(header: Sequence[str]) -> str:
    """The header's columns for a message: 第1列“No.”、第2列“Name”…"""
    cells = [h.strip() for h in header]
    return "、".join(f"第{i + 1}列“{c[:20]}”" for i, c in enumerate(cells) if c) or "（无列名）"


# --- guessing a mapping ------------------------------------------------------------------------------

_PIN_CELL = re.compile(r"^0*[0-9]{1,20}$")
_DATE_CELL = re.compile(r"^(\d{1,4})[-/.年](\d{1,2})[-/.月](\d{1,4})日?(?:[ T]+0{1,2}:00(?::00)?)?$")
_TIME_CELL = re.compile(r"^(?:\d{4}-\d{2}-\d{2} )?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")
ROW_NUMBER_HEADERS = ("序号", "no.", "no", "行号")


def _is_moment(cell: str) -> bool:
    return any(parse_moment(cell, o) is not None for o in (AUTO, *DATE_ORDERS))


def is_data_row(cells: Sequence[str]) -> bool:
    """A first row holding a date and time (or a date) is a punch: the file has no header row."""
    return any(_is_moment(c.strip()) or _DATE_CELL.match(c.strip()) for c in cells if c.strip())


def guess(header: Sequence[str], sample: Sequence[Sequence[str]], no_header: bool = False) -> ColumnMapping:
    """Every column recognised by its name or, failing that, by its cells (dates and times parse, a column
    of numbers that is not a row count is the machine number). Fields may stay None; not checked."""
    named = [] if no_header else normalise(header)
    width = max([len(header), *(len(r) for r in sample)]) if sample or header else 0
    rows = [list(header), *sample] if no_header else list(sample)

    def cells(at: int) -> list[str]:
        return [r[at].strip() for r in rows if at < len(r) and r[at].strip()]

    def every(at: int, test: Callable[[str], object]) -> bool:
        found = cells(at)
        return bool(found) and all(test(c) for c in found)

    used: set[int] = set()

    def take(at: int | None) -> int | None:
        if at is not None:
            used.add(at)
        return at

    def first(test: Callable[[int], bool]) -> int | None:
        return take(next((at for at in range(width) if at not in used and test(at)), None))

    pin = take(_find(named, PIN_HEADERS))
    name = take(_find(named, NAME_HEADERS))
    moment = take(_find(named, MOMENT_HEADERS))
    day = clock = None
    if moment is None:
        day, clock = take(_find(named, DATE_HEADERS)), take(_find(named, TIME_HEADERS))
    if moment is None and day is None:
        moment = first(lambda at: every(at, _is_moment))
    if moment is None:
        day = day if day is not None else first(lambda at: every(at, _DATE_CELL.match))
        clock = clock if clock is not None else first(lambda at: every(at, _TIME_CELL.match))
    if pin is None:

        def numbers(at: int) -> bool:
            if at < len(named) and named[at] in ROW_NUMBER_HEADERS:
                return False
            values = cells(at)
            if len(values) < 1 or not all(_PIN_CELL.match(v) for v in values):
                return False
            counted = [int(v) for v in values]  # 1, 2, 3…: the export's row numbers, not a machine number
            return len(counted) < 3 or counted != list(range(counted[0], counted[0] + len(counted)))

        pin = first(numbers)
    if moment is not None:
        day = clock = None
    return ColumnMapping(pin, moment, day, clock, name, AUTO, no_header)


def with_order(mapping: ColumnMapping, sample: Sequence[Sequence[str]]) -> ColumnMapping | None:
    """A mapping read by the header's names, with the date order its rows leave no doubt about; None
    when year-first reading fails and the rows fit no single order (the operator chooses)."""
    at = mapping.moment if mapping.moment is not None else mapping.date
    if mapping.date_order != AUTO or at is None:
        return mapping
    dates = [r[at].strip().split(" ")[0] for r in sample if at < len(r) and r[at].strip()]
    if all(parse_moment(f"{d} 00:00", AUTO) is not None for d in dates):
        return mapping
    order = detect_order([f"{d} 00:00" for d in dates])
    return replace(mapping, date_order=order) if order is not None else None
