"""Which column of a machine file holds what, and how its dates are written.

Files whose header names the columns (工号/考勤号码, 姓名, 日期时间 or 日期 and 时间) are read by name. Any
other file is mapped once by the operator: the mapping is kept in `app_setting`, keyed by the file's
header row (trimmed, spaces dropped, lower case), so the next file from the same machine (same header)
is read the same way without asking. A manager can forget a kept mapping.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
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

    def check(self, width: int | None = None) -> ColumnMapping:
        """Refuses a mapping that cannot be read; `width` (the columns the operator was shown) when known."""
        columns = [c for c in (self.pin, self.moment, self.date, self.time, self.name) if c is not None]
        if self.pin is None and self.name is None:
            raise ValidationError("请选择“工号”所在的列。", "Choose the column of the machine number.", "pin")
        if self.moment is None and (self.date is None or self.time is None):
            raise ValidationError(
                "请选择“日期时间”所在的列，或分别选择“日期”和“时间”所在的列。",
                "Choose the date-and-time column, or a date column and a time column.",
                "moment",
            )
        if len(set(columns)) != len(columns):
            raise ValidationError("同一列不能选作两个用途。", "A column can be used once only.", "pin")
        if any(c < 0 or (width is not None and c >= width) for c in columns):
            raise ValidationError("所选的列超出了文件的列数。", "A chosen column is not in the file.", "pin")
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


def saved_for(session: Session, header: Sequence[str]) -> ColumnMapping | None:
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
    key = header_key(header)
    value = json.dumps(
        {
            # For the list of kept mappings only (the key is the whole header's digest): kept short.
            "header": [h.strip()[:40] for h in header][: min(len(normalise(header)), 60)],
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
    uow.audit("记住列对应", "考勤记录", key, "、".join(h.strip() for h in header if h.strip())[:200])
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
