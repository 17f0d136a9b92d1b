"""The county administrator's commands (county/cli.py): towns and tokens, statistics, what the county
publishes (matter list, holidays) and sends to one town (县级交办, answers to escalated events)."""

from __future__ import annotations

import csv
import json
import re
import secrets
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from uuid6 import uuid7

from county.app import token_hash
from county.db import reading, writing
from county.models import HubMeta, HubRecord, Town
from county.service import meta, store
from desktop.errors import UserError, ValidationError
from desktop.services.common.text import (
    EVENT_DESCRIPTION,
    EVENT_NOTE,
    EVENT_TITLE,
    HOLIDAY_NAME,
    TOWN_NAME,
    clean_block,
    clean_line,
)
from desktop.sync import protocol

TOWN_CODE = re.compile(r"\d{12}")
URGENCIES = ("一般", "较急", "紧急")  # as the town's intake names them
ESCALATED = "上报县级"  # the town's event state while it waits for the county's answer
COUNTY_SENDER = "县级综治中心"
# stats: a record type's plural name in the figures
PLURALS = {
    "community": "communities", "grid": "grids", "event": "events", "event_action": "event_actions",
    "mediation_case": "mediation_cases",
}  # fmt: skip


class Refused(Exception):
    """The command was refused; nothing changed. The message is Chinese, for the administrator."""


def new_token() -> str:
    # 43 characters: short enough for the Windows credential store, 256 bits of chance.
    return secrets.token_urlsafe(32)


def _text(value: str, limit: int, label: str, block: bool = False) -> str:
    try:
        return (clean_block if block else clean_line)(value, label, limit, (label, label))
    except ValidationError as exc:
        raise Refused(exc.zh) from exc


def _date(value: str, label: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise Refused(f"{label}应为 年-月-日，例如 2026-12-31，现为“{value}”") from exc


# --- towns ---------------------------------------------------------------------------------------


def add_town(engine: Engine, code: str, name: str) -> str:
    """Registers a town; returns its token (only the hash is kept)."""
    if not TOWN_CODE.fullmatch(code):
        raise Refused(f"镇街编码应为 12 位数字，现为“{code}”")
    name = _text(name, TOWN_NAME, "镇街名称")
    if not name:
        raise Refused("请填写镇街名称")
    token = new_token()
    with writing(engine) as session:
        if session.get(Town, code) is not None:
            raise Refused(f"镇街 {code} 已经登记；要换令牌请用 rotate-token")
        session.add(Town(code=code, name=name, token_hash=token_hash(token), last_pull_seq=0))
    return token


def rotate_token(engine: Engine, code: str) -> str:
    """A new token for the town (also lifts a revocation); the old one stops working at once."""
    token = new_token()
    with writing(engine) as session:
        town = _town(session, code)
        town.token_hash, town.revoked_at = token_hash(token), None
    return token


def revoke_town(engine: Engine, code: str) -> None:
    with writing(engine) as session:
        town = _town(session, code)
        if town.revoked_at is not None:
            raise Refused(f"镇街 {code} 的令牌已经停用")
        town.revoked_at = datetime.now(UTC)


def _town(session: Any, code: str) -> Town:
    town = session.get(Town, code)
    if town is None:
        raise Refused(f"没有登记镇街 {code}")
    assert isinstance(town, Town)
    return town


def stats(engine: Engine) -> dict[str, dict[str, int]]:
    """Per town code: how many records of each kind the town has sent up (tombstones not counted)."""
    with reading(engine) as session:
        out = {code: dict.fromkeys(PLURALS.values(), 0) for code in session.scalars(select(Town.code))}
        rows = session.execute(
            select(HubRecord.town, HubRecord.type, func.count())
            .where(HubRecord.town.is_not(None), HubRecord.deleted.is_(False))
            .group_by(HubRecord.town, HubRecord.type)
        ).all()
    for town, record_type, count in rows:
        if record_type in PLURALS and town is not None:
            out.setdefault(town, dict.fromkeys(PLURALS.values(), 0))[PLURALS[record_type]] = count
    return dict(sorted(out.items()))


def mark_restored(engine: Engine) -> tuple[str, int]:
    """After a restore from backup: a new epoch, and no pull from before it. Towns re-push what was lost."""
    with writing(engine) as session:
        row = meta(session)
        row.epoch = secrets.token_hex(16)
        row.seq_floor = row.last_seq + 1
        # The floor itself is spent: a snapshot taken now says "pull after seq_floor" (not below it,
        # which would be another 410), and the next change gets seq_floor + 1.
        row.last_seq = row.seq_floor
        return row.epoch, row.seq_floor


# --- what the county publishes -------------------------------------------------------------------


def publish_matters(engine: Engine, path: Path) -> tuple[str, int]:
    """Stores a matter-list version read from xlsx; returns (version, number of items)."""
    from desktop.services.matters import listfile

    try:
        parsed = listfile.read_xlsx(None, path)
    except listfile.FileRejected as exc:
        raise Refused("\n".join(e.text() for e in exc.errors)) from exc
    except UserError as exc:  # not a workbook, unreadable
        raise Refused(exc.zh) from exc
    except OSError as exc:
        raise Refused(f"无法读取 {path}：{exc.strerror}") from exc
    version = parsed.version
    fields = {
        "version": version.version,
        "published_on": version.published_on.isoformat(),
        "publisher": version.publisher,
        "note": version.note,
        "departments": [asdict(d) for d in parsed.departments],
        # The file's columns as the protocol names them: dates as text, co-departments as a list.
        "items": [{k: _wire(v) for k, v in asdict(i).items()} for i in parsed.items],
    }
    if problem := protocol.fields_problem(fields):
        raise Refused(problem)
    with writing(engine) as session:
        taken = session.scalar(
            select(HubRecord.id).where(
                HubRecord.type == "matter_list", HubRecord.natural_key == version.version
            )
        )
        if taken is not None:
            raise Refused(f"清单版本 {version.version} 已经发布过；请在“版本”工作表写新的版本号")
        store(
            session, record_type="matter_list", record_id=str(uuid7()), town=None, ver=1, fields=fields,
            key=version.version,
        )  # fmt: skip
    return version.version, len(parsed.items)


def _wire(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else protocol.encode_value(value)


def _holiday_days_from_package(year: int) -> list[dict[str, str]]:
    from chinese_calendar import constants

    from desktop.services.common.workdays import HOLIDAY, WORKDAY, _holiday_name

    days = [
        {"day": d.isoformat(), "kind": HOLIDAY, "name": _holiday_name(n)}
        for d, n in constants.holidays.items()
        if d.year == year and n is not None
    ]
    days += [
        {"day": d.isoformat(), "kind": WORKDAY, "name": f"{_holiday_name(n)}调休上班"}
        for d, n in constants.workdays.items()
        if d.year == year and n is not None
    ]
    return days


def _holiday_days_from_file(year: int, path: Path) -> list[dict[str, str]]:
    """Rows of 日期, 类型 (休/班), 名称 (a header row first), from CSV (UTF-8) or xlsx."""
    rows: list[list[str]]
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            from desktop.services.common.xlsx import cell_text

            book = load_workbook(path, read_only=True, data_only=True)
            try:
                rows = [[cell_text(c) for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
            finally:
                book.close()
        else:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = [list(r) for r in csv.reader(handle)]
    except (OSError, ValueError, KeyError) as exc:
        raise Refused(f"无法读取 {path}：{exc}") from exc
    if not rows or [c.strip() for c in rows[0][:3]] != ["日期", "类型", "名称"]:
        raise Refused("第 1 行应为表头：日期、类型、名称")
    days: list[dict[str, str]] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        cells = [*(c.strip() for c in row[:3]), "", "", ""][:3]
        if not any(cells):
            continue
        day = _date(cells[0][:10], f"第 {number} 行的日期")
        if day.year != year:
            raise Refused(f"第 {number} 行的日期 {day} 不在 {year} 年")
        if cells[1] not in ("休", "班"):
            raise Refused(f"第 {number} 行的类型应为“休”或“班”")
        if day.isoformat() in seen:
            raise Refused(f"第 {number} 行的日期 {day} 重复")
        seen.add(day.isoformat())
        days.append({"day": day.isoformat(), "kind": cells[1], "name": _text(cells[2], HOLIDAY_NAME, "名称")})
    return days


def publish_holidays(engine: Engine, year: int, path: Path | None = None) -> tuple[int, bool]:
    """Stores a year's holidays (休) and make-up workdays (班); returns (days, whether anything changed)."""
    if not 2000 <= year <= 2100:
        raise Refused(f"年份不正确：{year}")
    if path is None:
        import chinese_calendar

        days = _holiday_days_from_package(year)
        source = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip()
        if not days:
            raise Refused(f"chinese-calendar 软件包中没有 {year} 年的节假日；请用 --from-file 提供")
    else:
        days = _holiday_days_from_file(year, path)
        source = path.name[:100]
        if not days:
            raise Refused(f"{path} 中没有任何日期")
    days.sort(key=lambda d: d["day"])
    fields: dict[str, Any] = {"year": year, "source": source, "days": days}
    record_id = f"holidays-{year}"
    with writing(engine) as session:
        row = session.get(HubRecord, ("holidays", record_id))
        if row is not None and json.loads(row.fields)["days"] == days:
            return len(days), False
        store(
            session, record_type="holidays", record_id=record_id, town=None,
            ver=1 if row is None else row.ver + 1, fields=fields, existing=row, key=str(year),
        )  # fmt: skip
    return len(days), True


def _latest_matter_list(session: Any) -> dict[str, Any] | None:
    row = session.scalar(
        select(HubRecord)
        .where(HubRecord.type == "matter_list", HubRecord.deleted.is_(False))
        .order_by(HubRecord.seq.desc())
        .limit(1)
    )
    return None if row is None else dict(json.loads(row.fields))


def _check_department(matters: dict[str, Any] | None, code: str) -> None:
    if matters is not None and code not in {d["code"] for d in matters["departments"]}:
        raise Refused(f"清单 {matters['version']} 中没有部门 {code}")


# --- sent to one town ----------------------------------------------------------------------------


def assign(
    engine: Engine,
    town_code: str,
    *,
    title: str,
    community: str,
    matter: str,
    deadline: str,
    department: str = "",
    description: str = "",
    urgency: str = "一般",
    address: str = "",
    note: str = "",
) -> str:
    """县级交办: a new event for one town. Returns the assignment's id."""
    title = _text(title, EVENT_TITLE, "标题")
    if not title:
        raise Refused("请填写标题")
    description = _text(description, EVENT_DESCRIPTION, "说明", block=True)
    note = _text(note, EVENT_NOTE, "备注", block=True)
    if urgency not in URGENCIES:
        raise Refused(f"紧急程度应为{'、'.join(URGENCIES)}之一")
    due = _date(deadline, "办结期限")
    if due < date.today():
        raise Refused(f"办结期限 {due} 已经过去")
    record_id = str(uuid7())
    with writing(engine) as session:
        town = _town(session, town_code)
        if town.revoked_at is not None:
            raise Refused(f"镇街 {town_code} 的令牌已经停用")
        known = session.scalar(
            select(HubRecord.id).where(
                HubRecord.type == "community",
                HubRecord.town == town_code,
                HubRecord.natural_key == community,
                HubRecord.deleted.is_(False),
            )
        )
        if known is None:
            raise Refused(f"镇街 {town_code} 没有上报过村（社区）{community}")
        matters = _latest_matter_list(session)
        if matters is not None and matter not in {i["code"] for i in matters["items"]}:
            raise Refused(f"清单 {matters['version']} 中没有事项 {matter}")
        if department:
            _check_department(matters, department)
        fields = {
            "title": title, "description": description, "address": address, "community_code": community,
            "matter_code": matter, "urgency": urgency, "deadline": due.isoformat(),
            "department_code": department, "note": note, "assigned_by": COUNTY_SENDER,
            "assigned_at": protocol.now_text(),
        }  # fmt: skip
        store(session, record_type="assignment", record_id=record_id, town=town_code, ver=1, fields=fields)
    return record_id


def answer(
    engine: Engine,
    event_number: str,
    *,
    returning: bool = False,
    department: str = "",
    deadline: str = "",
    note: str = "",
    town_code: str | None = None,
) -> tuple[str, str]:
    """Answers an escalated event: 县级交办 (a department and deadline) or 退回镇级 (`note` is the reason).

    Returns (the event's town, the answer's id)."""
    if returning:
        kind, note = protocol.ANSWER_RETURN, _text(note, EVENT_NOTE, "退回理由", block=True)
        if not note:
            raise Refused("请写明退回理由")
        due_text = ""
    else:
        kind, note = protocol.ANSWER_ASSIGN, _text(note, EVENT_NOTE, "备注", block=True)
        if not department:
            raise Refused("请指定交办部门")
        due = _date(deadline, "办结期限")
        if due < date.today():
            raise Refused(f"办结期限 {due} 已经过去")
        due_text = due.isoformat()
    record_id = str(uuid7())
    with writing(engine) as session:
        query = select(HubRecord).where(
            HubRecord.type == "event", HubRecord.natural_key == event_number, HubRecord.deleted.is_(False)
        )
        if town_code:
            query = query.where(HubRecord.town == town_code)
        events = session.scalars(query).all()
        if not events:
            raise Refused(f"没有收到事件 {event_number}")
        if len(events) > 1:
            towns = "、".join(sorted(e.town or "" for e in events))
            raise Refused(f"多个镇街都有事件 {event_number}（{towns}）；请用 --town 指定")
        event = events[0]
        state = json.loads(event.fields).get("state")
        if state != ESCALATED:
            raise Refused(f"事件 {event_number} 的状态是“{state}”，不是“{ESCALATED}”")
        for row in session.scalars(
            select(HubRecord).where(
                HubRecord.type == "escalation_answer", HubRecord.town == event.town, HubRecord.seq > event.seq
            )
        ):
            if json.loads(row.fields).get("event_id") == event.id:
                raise Refused(f"事件 {event_number} 已经答复过，镇街尚未收到或尚未处理")
        if not returning:
            _check_department(_latest_matter_list(session), department)
        fields = {
            "event_id": event.id, "kind": kind, "department_code": department if not returning else "",
            "deadline": due_text, "note": note, "answered_by": COUNTY_SENDER,
            "answered_at": protocol.now_text(),
        }  # fmt: skip
        store(
            session, record_type="escalation_answer", record_id=record_id, town=event.town, ver=1,
            fields=fields,
        )  # fmt: skip
        assert event.town is not None
        return event.town, record_id


def hub_meta(engine: Engine) -> HubMeta:
    with reading(engine) as session:
        row = meta(session)
        session.expunge(row)
        return row


def record_fields(engine: Engine, record_type: str, record_id: str) -> dict[str, Any] | None:
    with reading(engine) as session:
        row = session.get(HubRecord, (record_type, record_id))
        return None if row is None else dict(json.loads(row.fields))
