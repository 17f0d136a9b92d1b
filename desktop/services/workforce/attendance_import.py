"""Attendance-machine files in: ZKTeco-style `attlog.dat` (tab-separated, the PIN right-aligned in
spaces) and the management software's exports (csv / tab text / xlsx with 工号 or 考勤号码, 姓名 and
日期时间, or 日期 and 时间), GBK or UTF-8.

All or nothing: every bad row is reported with its row number and nothing is imported unless all are
good. The file's SHA-256 is kept, so the same file is refused a second time; a punch already stored
(same worker and time, from an overlapping file) is skipped, not doubled. A worker is found by the
machine number; a number not yet registered is registered when the row's 姓名 names exactly one
current worker without one. Rows are inserted in batches as they are read, so a 50,000-line file
does not build 50,000 objects; a bad row anywhere rolls the whole transaction back.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import AttendanceImport, AttendancePin, AttendancePunch
from desktop.models.base import new_id
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import PERSON_NAME, clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.matters.listfile import FileRejected, RowError
from desktop.services.workforce.attendance import MACHINE, enrol, workers_between

PIN_HEADERS = ("考勤号码", "工号", "人员编号", "登记号码", "用户编号", "编号", "AC-No.")
NAME_HEADERS = ("姓名", "名字")
MOMENT_HEADERS = ("日期时间", "打卡时间", "签到时间", "考勤时间")
DATE_HEADERS = ("日期",)
TIME_HEADERS = ("时间",)
FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
BATCH = 2000
MAX_FILE_BYTES = 50 * 1024 * 1024
# A machine's clock a few minutes fast is common; a punch later than this is a wrong clock or a wrong file.
FUTURE_TOLERANCE = timedelta(minutes=10)
MAX_ERRORS = 500  # enough to fix a file by; a wrong file would otherwise list every line
PIN_RE = re.compile(r"^[0-9A-Za-z]{1,20}$")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PunchImportResult:
    rows: int  # punches in the file
    added: int  # new ones (the rest were stored already)
    enrolled: int  # machine numbers registered from the file's names


@dataclass(frozen=True)
class _Row:
    number: int
    pin: str
    name: str
    moment: str  # as written: date and time


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(
        f"无法识别文件 {name} 的编码（应为 UTF-8 或 GBK）；没有导入任何内容。",
        f"{name} is neither UTF-8 nor GBK text; nothing imported.",
    )


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    cleaned = [h.strip().replace(" ", "") for h in header]
    for wanted in names:
        if wanted in cleaned:
            return cleaned.index(wanted)
    return None


def _tabular(rows: Iterator[tuple[int, list[str]]], sheet: str) -> Iterator[_Row]:
    """Rows under a header: the columns are found by name, wherever they are."""
    found = next(((n, h) for n, h in rows if any(c.strip() for c in h)), None)
    if found is None:
        return
    number, header = found
    pin_at, name_at = _column(header, PIN_HEADERS), _column(header, NAME_HEADERS)
    moment_at = _column(header, MOMENT_HEADERS)
    date_at, time_at = _column(header, DATE_HEADERS), _column(header, TIME_HEADERS)
    if (pin_at is None and name_at is None) or (moment_at is None and (date_at is None or time_at is None)):
        raise FileRejected(
            [
                RowError(
                    sheet, number,
                    "找不到所需的列：应有“工号”或“考勤号码”（或“姓名”），以及“日期时间”（或“日期”和“时间”）",
                    "Columns needed: 工号 or 考勤号码 (or 姓名), and 日期时间 (or 日期 and 时间)",
                )
            ]
        )  # fmt: skip

    def cell(values: list[str], at: int | None) -> str:
        return values[at].strip() if at is not None and at < len(values) else ""

    for number, values in rows:
        if not any(v.strip() for v in values):
            continue
        moment = (
            cell(values, moment_at)
            if moment_at is not None
            else f"{cell(values, date_at).split(' ')[0]} {cell(values, time_at)}"
        )
        yield _Row(number, cell(values, pin_at), cell(values, name_at), moment.strip())


def _attlog(lines: Iterator[tuple[int, str]]) -> Iterator[_Row]:
    for number, line in lines:
        if not line.strip():
            continue
        fields = line.split("\t")
        yield _Row(number, fields[0].strip(), "", fields[1].strip() if len(fields) > 1 else "")


def _text_rows(text: str, sheet: str) -> Iterator[_Row]:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not any(h in first for h in (*PIN_HEADERS, *NAME_HEADERS, *MOMENT_HEADERS, *DATE_HEADERS)):
        yield from _attlog(enumerate(lines, start=1))
        return
    delimiter = "\t" if "\t" in first else ","
    reader = csv.reader(lines, delimiter=delimiter)
    yield from _tabular(((i, row) for i, row in enumerate(reader, start=1)), sheet)


def _xlsx_cell(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _xlsx_rows(path: Path) -> Iterator[_Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UserError(
            f"无法读取文件 {path.name}：请确认是 Excel 的 .xlsx 文件。", f"Cannot read {path.name} as .xlsx."
        ) from exc
    try:
        sheet = book.worksheets[0]
        rows = (
            (i, [_xlsx_cell(v) for v in r]) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        yield from _tabular(rows, path.name)
    finally:
        book.close()


def _rows(path: Path, data: bytes) -> Iterator[_Row]:
    if data.startswith(b"PK"):
        return _xlsx_rows(path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(
            f"{path.name} 是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入。",
            f"{path.name} is an old .xls workbook: save it as .xlsx or .csv first.",
        )
    return _text_rows(_decode(data, path.name), path.name)


def _parse_moment(text: str) -> datetime | None:
    for fmt in FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def import_punches(
    db: Database, actor: Actor, path: Path, progress: Progress | None = None
) -> PunchImportResult:
    actor.require(Permission.DUTY_EDIT)
    try:
        # 50,000 real punches are about 1.5 MB: a file far larger is the wrong file, refused unread.
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UserError(
                f"文件 {path.name} 太大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不像考勤机导出的打卡文件。",
                f"{path.name} is too large for an attendance file.",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件 {path.name}。", f"Cannot read {path.name}.") from exc
    digest = hashlib.sha256(data).hexdigest()
    total_lines = max(data.count(b"\n"), 1)
    with unit_of_work(db, actor) as uow:
        seen = uow.session.scalar(select(AttendanceImport).where(AttendanceImport.sha256 == digest))
        if seen is not None:
            raise UserError(
                f"这个文件已于 {to_local(seen.imported_at):%Y-%m-%d %H:%M} 导入过（{seen.file_name}），没有重复导入。",
                f"This file was imported before ({seen.file_name}); nothing imported again.",
            )
        record = AttendanceImport(
            sha256=digest,
            file_name=path.name[:200],
            imported_at=uow.now,
            imported_by=actor.username,
            rows=0,
            added=0,
        )
        uow.session.add(record)
        uow.session.flush()
        rows, enrolled = _store(uow, record.id, _rows(path, data), path.name, total_lines, progress)
        added = uow.session.scalar(
            select(func.count()).select_from(AttendancePunch).where(AttendancePunch.import_id == record.id)
        )
        record.rows, record.added = rows, int(added or 0)
        uow.audit(
            "导入考勤", "考勤记录", record.id, f"{path.name}：{rows} 条，新增 {record.added} 条",
            {"sha256": digest, "enrolled": enrolled},
        )  # fmt: skip
    return PunchImportResult(rows, record.added, enrolled)


def _store(
    uow: UnitOfWork, import_id: str, source: Iterator[_Row], sheet: str, total: int, progress: Progress | None
) -> tuple[int, int]:
    session = uow.session
    by_pin = dict(session.execute(select(AttendancePin.pin, AttendancePin.person_id)).all())
    local_now = to_local(uow.now).replace(tzinfo=None)
    today = local_now.date()
    # Names for numbers not yet registered: current workers with no number, by name (unique ones only).
    enrolled_people = set(by_pin.values())
    by_name: dict[str, list[str]] = {}
    for w in workers_between(session, today - timedelta(days=400), today, None):
        if w.person_id not in enrolled_people:
            by_name.setdefault(w.name, []).append(w.person_id)
    errors: list[RowError] = []
    batch: list[dict[str, Any]] = []
    stamp = {"ver": 1, "pending_changes": 1, "created_at": uow.now, "updated_at": uow.now,
             "origin_town": uow.town_code, "source": MACHINE, "import_id": import_id}  # fmt: skip
    statement = insert(cast(Table, AttendancePunch.__table__)).prefix_with(
        "OR IGNORE"
    )  # the same worker and time again: skipped
    count = enrolled = 0

    def bad(number: int, zh: str, en: str) -> None:
        if len(errors) < MAX_ERRORS:
            errors.append(RowError(sheet, number, zh, en))

    for row in source:
        pin = row.pin.lstrip("0") or ("0" if row.pin else "")
        try:
            name = clean_line(row.name, "name", PERSON_NAME, ("姓名", "name"))
        except ValidationError as exc:
            bad(row.number, exc.zh, exc.en)
            continue
        person_id = by_pin.get(pin) if pin else None
        if pin and not PIN_RE.match(pin):
            bad(row.number, f"考勤号码“{row.pin[:20]}”不正确", "Bad attendance number")
            continue
        if person_id is None:
            matches = by_name.get(name, []) if name else []
            if len(matches) == 1:
                person_id = matches[0]
                if pin:  # registered from now on, so later files without names find this worker
                    enrol(uow, person_id, pin)
                    by_pin[pin] = person_id
                    by_name.pop(name)
                    enrolled += 1
            else:
                who = f"考勤号码 {pin}" if pin else f"姓名“{name}”"
                bad(row.number, f"{who} 未登记，请先为此人登记考勤号码", f"{pin or name} is not registered")
                continue
        moment = _parse_moment(row.moment)
        if moment is None:
            bad(row.number, f"日期时间“{row.moment[:30]}”无法识别，应如 2026-05-08 08:25:00", "Bad date/time")
            continue
        if moment > local_now + FUTURE_TOLERANCE or moment.year < 2000:
            bad(row.number, f"日期时间 {row.moment} 不合理（在将来或 2000 年以前）", "Date/time out of range")
            continue
        count += 1
        if errors:
            continue  # the file is refused: keep reading only to report every bad row
        batch.append({"id": new_id(), "person_id": person_id, "punched_at": moment, **stamp})
        if len(batch) >= BATCH:
            session.execute(statement, batch)
            batch.clear()
            if progress is not None:
                progress(min(row.number, total), total)
    if errors:
        raise FileRejected(errors)
    if batch:
        session.execute(statement, batch)
    if count == 0:
        raise UserError(f"文件 {sheet} 中没有打卡记录。", f"{sheet} holds no punches.")
    return count, enrolled
