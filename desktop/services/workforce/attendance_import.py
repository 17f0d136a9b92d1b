"""Attendance-machine files in: ZKTeco-style `attlog.dat` (tab-separated, the PIN right-aligned in
spaces) and the management software's exports (csv / tab text / xlsx / old BIFF .xls), GBK or UTF-8.
A file's columns are found by their names (工号 or 考勤号码, 姓名, 日期时间 or 日期 and 时间), by a
mapping kept for that header, or by the operator's mapping, which is then kept (`attendance_columns`).

All or nothing: every bad row is reported with its row number and nothing is imported unless all are
good. The file's SHA-256 is kept, so the same file is refused a second time; a punch already stored
(same worker and time, from an overlapping file) is skipped, not doubled. A worker is found by the
machine number; a number not yet registered is registered when the row's 姓名 names exactly one
current worker without one, or when the operator enrols it to a worker. Other unknown numbers (cleaners,
visitors' cards) refuse the file unless the caller asks to skip them; skipped punches are counted in
the result and the audit row, never dropped silently. Rows are inserted in batches as they are read, so
a 50,000-line file does not build 50,000 objects; a bad row anywhere rolls the whole transaction back.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import AttendanceImport, AttendancePin, AttendancePunch, Person
from desktop.models.base import new_id
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import PERSON_NAME, clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.matters.listfile import FileRejected, RowError
from desktop.services.workforce import attendance_columns as columns
from desktop.services.workforce.attendance import MACHINE, check_pin, enrol, workers_between
from desktop.services.workforce.attendance_columns import ColumnMapping

BATCH = 2000
MAX_FILE_BYTES = 50 * 1024 * 1024
# A machine's clock a few minutes fast is common; a punch later than this is a wrong clock or a wrong file.
FUTURE_TOLERANCE = timedelta(minutes=10)
MAX_ERRORS = 500  # enough to fix a file by; a wrong file would otherwise list every line
SAMPLE_ROWS = 8
PIN_RE = re.compile(r"^[0-9A-Za-z]{1,20}$")
# attlog.dat: a number, a tab, then a year-first date.
ATTLOG_LINE = re.compile(r"^\s*[0-9A-Za-z]{1,20}\t\s*\d{4}-\d{1,2}-\d{1,2}")
ATTLOG_MAPPING = ColumnMapping(pin=0, moment=1)
Progress = Callable[[int, int], None]
RawRows = Iterator[tuple[int, list[str]]]


@dataclass(frozen=True)
class PunchImportResult:
    rows: int  # punches in the file
    added: int  # new ones (the rest were stored already)
    enrolled: int  # machine numbers registered from the file's names or by the operator
    skipped: int = 0  # punches of unknown numbers left out at the operator's request
    enrolments: tuple[tuple[str, str], ...] = ()  # (number, worker's name) registered by this import
    skipped_numbers: tuple[str, ...] = ()  # the unknown numbers whose punches were left out

    @property
    def in_file(self) -> int:
        """The file's punches, skipped ones included."""
        return self.rows + self.skipped

    @property
    def seen_before(self) -> int:
        """Punches stored already (by an overlapping file or at the desk)."""
        return self.rows - self.added


@dataclass(frozen=True)
class FilePreview:
    """What the import dialog shows before anything is read in full."""

    name: str
    header: list[str]  # empty for an attlog.dat, which has none
    header_row: int
    sample: list[list[str]]  # the first rows under the header
    mapping: ColumnMapping | None  # by the header's names or kept; None: the operator maps the columns
    remembered: bool  # the mapping is one kept for this header
    date_order: str | None  # the date order the sample fits, when only one fits
    guess: ColumnMapping | None = None  # the columns recognised by name or content, for the dialog
    headless: bool = False  # the first row is a punch (a date in it): the file has no header row


@dataclass(frozen=True)
class UnknownNumber:
    pin: str
    punches: int
    names: tuple[str, ...]  # as the file writes them, when it has names
    first_row: int


@dataclass(frozen=True)
class FileCheck:
    rows: int
    unknown: list[UnknownNumber]


class ColumnsNotMapped(UserError):
    """The header names no known columns and no mapping is kept for it."""

    def __init__(self, name: str, header: list[str]) -> None:
        shown = columns.describe(header)
        super().__init__(
            f"无法识别文件 {name} 的各列（{shown}）：请在程序的“导入打卡文件”中对应一次各列，"
            "之后同样表头的文件会自动导入。没有导入任何内容。",
            f"The columns of {name} are not recognised ({', '.join(h for h in header if h)}): map them "
            "once in the program's import dialog. Nothing imported.",
        )
        self.header = header


@dataclass(frozen=True)
class _Row:
    number: int
    pin: str
    name: str
    moment: str  # as written: date and time


@dataclass
class _Source:
    kind: str  # "attlog" or "table"
    header: list[str]
    header_row: int
    rows: RawRows


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


def _cell_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _xlsx_rows(path: Path, data: bytes) -> RawRows:
    from openpyxl import load_workbook

    try:  # from the bytes: openpyxl refuses a path by its extension, and xlsx files named .xls are common
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UserError(
            f"无法读取文件 {path.name}：请确认是 Excel 的 .xlsx 文件。", f"Cannot read {path.name} as .xlsx."
        ) from exc
    try:
        sheet = book.worksheets[0]
        for i, r in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield i, [_cell_text(v) for v in r]
    finally:
        book.close()


def _xls_rows(path: Path, data: bytes) -> RawRows:
    """An old BIFF workbook (ZKTeco's older software): xlrd reads it; dates are day numbers counted from
    1900 or 1904 as the workbook says (its datemode)."""
    import xlrd

    try:
        # xlrd writes its complaints about a damaged file to `logfile` (stdout by default): kept quiet,
        # the refusal below says it.
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO(), verbosity=0)
        sheet = book.sheet_by_index(0)
    except Exception as exc:  # xlrd raises XLRDError, struct errors and more for a damaged file
        raise UserError(
            f"无法读取文件 {path.name}：请确认是 Excel 的 .xls 文件。", f"Cannot read {path.name} as .xls."
        ) from exc
    try:
        for i in range(sheet.nrows):
            values: list[str] = []
            for cell in sheet.row(i):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        moment = xlrd.xldate_as_datetime(cell.value, book.datemode)
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        values.append(str(cell.value))
                        continue
                    if cell.value < 1:
                        values.append(_cell_text(moment.time()))
                    elif float(cell.value).is_integer():
                        values.append(_cell_text(moment.date()))
                    else:
                        values.append(_cell_text(moment))
                else:
                    values.append(_cell_text(cell.value))
            yield i + 1, values
    finally:
        book.release_resources()


def _text_source(text: str) -> _Source:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if ATTLOG_LINE.match(first) and not columns.looks_like_header(first):
        rows = ((n, line.split("\t")) for n, line in enumerate(lines, start=1))
        return _Source("attlog", [], 0, rows)
    delimiter = "\t" if "\t" in first else "," if "," in first else ";" if ";" in first else ","
    reader = csv.reader(lines, delimiter=delimiter)
    return _table(((i, row) for i, row in enumerate(reader, start=1)))


def _table(rows: RawRows) -> _Source:
    found = next(((n, h) for n, h in rows if any(c.strip() for c in h)), None)
    if found is None:
        return _Source("table", [], 0, iter(()))
    return _Source("table", [c.strip() for c in found[1]], found[0], rows)


def _read(path: Path) -> bytes:
    try:
        # 50,000 real punches are about 1.5 MB: a file far larger is the wrong file, refused unread.
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UserError(
                f"文件 {path.name} 太大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不像考勤机导出的打卡文件。",
                f"{path.name} is too large for an attendance file.",
            )
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件 {path.name}。", f"Cannot read {path.name}.") from exc


def _open(path: Path, data: bytes) -> _Source:
    if data.startswith(b"PK"):
        return _table(_xlsx_rows(path, data))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _table(_xls_rows(path, data))
    return _text_source(_decode(data, path.name))


def _mapping(
    session: Session, name: str, source: _Source, given: ColumnMapping | None
) -> tuple[ColumnMapping, bool]:
    """The mapping to read the file with, and whether it is a kept one."""
    if source.kind == "attlog":
        return ATTLOG_MAPPING, False
    if given is not None:
        return given.check(), False  # rows may be wider than the header: a missing cell is a bad row
    # A kept mapping first: for a known header it is there only because its dates needed the operator.
    kept = columns.saved_for(session, source.header)
    if kept is not None:
        return kept, True
    named = columns.by_name(source.header)
    if named is not None:
        ordered = columns.with_order(named, _peek(source))
        if ordered is not None:
            return ordered, False
        return named, False  # the rows say which date cannot be read
    raise ColumnsNotMapped(name, source.header)


def _peek(source: _Source) -> list[list[str]]:
    """The first rows under the header, left in place for the reading that follows."""
    taken = list(itertools.islice(source.rows, SAMPLE_ROWS * 4))
    source.rows = itertools.chain(taken, source.rows)
    return [v for _n, v in taken if any(c.strip() for c in v)][:SAMPLE_ROWS]


def _rows(source: _Source, mapping: ColumnMapping) -> Iterator[_Row]:
    pin_at, name_at, moment_at = mapping.pin, mapping.name, mapping.moment
    date_at, time_at = mapping.date, mapping.time

    def cell(values: list[str], at: int | None) -> str:
        return values[at].strip() if at is not None and at < len(values) else ""

    rows = source.rows
    if mapping.no_header and source.kind == "table":  # the "header" is the first punch
        rows = itertools.chain([(source.header_row, source.header)], rows)
    for number, values in rows:
        if not any(v.strip() for v in values):
            continue
        if moment_at is not None:
            moment = cell(values, moment_at)
        else:  # a date cell may carry 00:00:00, a time cell a day: keep the part each is for
            moment = f"{cell(values, date_at).split(' ')[0]} {cell(values, time_at).split(' ')[-1]}"
        yield _Row(number, cell(values, pin_at), cell(values, name_at), moment.strip())


def preview_file(db: Database, actor: Actor, path: Path) -> FilePreview:
    """The file's header and first rows, and the mapping it would be read with (None: to be chosen, with
    `guess` holding what the columns' names and cells tell)."""
    actor.require(Permission.DUTY_EDIT)
    data = _read(path)
    source = _open(path, data)
    sample = _peek(source)
    if source.kind == "attlog":
        sample = [row[:2] for row in sample]
    with db.reading() as session:
        try:
            mapping, remembered = _mapping(session, path.name, source, None)
        except ColumnsNotMapped:
            mapping, remembered = None, False
    headless = source.kind == "table" and columns.is_data_row(source.header)
    if (
        mapping is not None
        and not remembered
        and source.kind == "table"
        and not columns.with_order(mapping, sample)
    ):
        mapping = None  # named columns, but dates in no single order: the operator says which
    guess = columns.guess(source.header, sample, headless) if source.kind == "table" else None
    order = None
    if sample and source.kind == "table":
        rows = [source.header, *sample] if headless else sample
        found = mapping or guess or ColumnMapping(None)
        mapped = found.moment if found.moment is not None else found.date
        # The mapped date column, or before a mapping the first column whose cells all read as dates.
        for at in [mapped] if mapped is not None else range(len(source.header)):
            order = _date_order([r[at] if at < len(r) else "" for r in rows])
            if order is not None:
                break
    return FilePreview(
        path.name, source.header, source.header_row, sample, mapping, remembered, order, guess, headless
    )


def _date_order(cells: list[str]) -> str | None:
    """How the sample's dates are written, judged by their date part alone."""
    return columns.detect_order([f"{c.strip().split(' ')[0]} 00:00" for c in cells])


def _refuse_seen(session: Session, digest: str) -> None:
    seen = session.scalar(select(AttendanceImport).where(AttendanceImport.sha256 == digest))
    if seen is not None:
        raise UserError(
            f"这个文件已于 {to_local(seen.imported_at):%Y-%m-%d %H:%M} 导入过（{seen.file_name}），没有重复导入。",
            f"This file was imported before ({seen.file_name}); nothing imported again.",
        )


def check_file(db: Database, actor: Actor, path: Path, mapping: ColumnMapping | None = None) -> FileCheck:
    """Reads the whole file as the import would, writing nothing: every bad row is refused as the import
    would refuse it; numbers nobody has are listed with their punch counts and names instead."""
    actor.require(Permission.DUTY_EDIT)
    data = _read(path)
    source = _open(path, data)
    with db.reading() as session:
        _refuse_seen(session, hashlib.sha256(data).hexdigest())
        chosen, _kept = _mapping(session, path.name, source, mapping)
        walk = _Walk(session, path.name, db.clock(), chosen.date_order, {}, skip_unknown=True, enrolling=None)
        rows = sum(1 for _ in walk.punches(_rows(source, chosen)))
    if walk.errors:
        raise FileRejected(walk.errors)
    unknown = [
        UnknownNumber(pin, count, tuple(sorted(walk.unknown_names.get(pin, ()))), walk.unknown_first[pin])
        for pin, count in walk.unknown.items()
    ]
    return FileCheck(rows + walk.skipped, sorted(unknown, key=lambda u: (-u.punches, u.pin)))


def import_punches(
    db: Database,
    actor: Actor,
    path: Path,
    progress: Progress | None = None,
    *,
    mapping: ColumnMapping | None = None,
    enrol_numbers: Mapping[str, str] | None = None,
    skip_unknown: bool = False,
) -> PunchImportResult:
    """`mapping` says which column holds what (kept for files with the same header); without it the
    columns are found by name or by a kept mapping. `enrol_numbers` registers unknown machine numbers
    to workers (number -> person id) first; `skip_unknown` leaves out punches of numbers still unknown
    (counted), which otherwise refuse the file."""
    actor.require(Permission.DUTY_EDIT)
    data = _read(path)
    digest = hashlib.sha256(data).hexdigest()
    total_lines = max(data.count(b"\n"), 1)
    source = _open(path, data)
    with unit_of_work(db, actor) as uow:
        _refuse_seen(uow.session, digest)
        chosen, _kept = _mapping(uow.session, path.name, source, mapping)
        if mapping is not None and source.kind == "table":
            columns.remember(uow, source.header, chosen)
        given: dict[str, str] = {}
        for number, person_id in (enrol_numbers or {}).items():
            pin = check_pin(number)
            enrol(uow, person_id, pin)
            given[pin] = person_id
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
        walk = _Walk(
            uow.session,
            path.name,
            uow.now,
            chosen.date_order,
            given,
            skip_unknown=skip_unknown,
            enrolling=uow,
        )
        rows = _store(uow, record.id, walk, _rows(source, chosen), total_lines, progress)
        added = uow.session.scalar(
            select(func.count()).select_from(AttendancePunch).where(AttendancePunch.import_id == record.id)
        )
        record.rows, record.added = rows, int(added or 0)
        enrolled = walk.enrolled + len(given)
        summary = f"{path.name}：{rows} 条，新增 {record.added} 条"
        if walk.skipped:
            summary += f"，跳过未登记号码的 {walk.skipped} 条"
        uow.audit(
            "导入考勤", "考勤记录", record.id, summary,
            {"sha256": digest, "enrolled": enrolled, "enrolled_numbers": sorted(given),
             "skipped": walk.skipped, "skipped_numbers": dict(sorted(walk.unknown.items()))},
        )  # fmt: skip
        registered = {**walk.enrolled_pins, **given}
        wanted = select(Person.id, Person.name).where(Person.id.in_(set(registered.values())))
        names: dict[str, str] = {str(pid): str(name) for pid, name in uow.session.execute(wanted)}
    enrolments = tuple((pin, names.get(pid, "")) for pin, pid in sorted(registered.items()))
    return PunchImportResult(
        rows, record.added, enrolled, walk.skipped, enrolments, tuple(sorted(walk.unknown))
    )


class _Walk:
    """Turns rows into (worker, time) punches: finds the worker by number (or registers one by a unique
    name), checks the time, and collects every bad row and every unknown number on the way."""

    def __init__(
        self,
        session: Session,
        sheet: str,
        now: datetime,
        order: str,
        given: Mapping[str, str],
        *,
        skip_unknown: bool,
        enrolling: UnitOfWork | None,
    ) -> None:
        self.sheet, self.order, self.skip_unknown, self.enrolling = sheet, order, skip_unknown, enrolling
        self.by_pin: dict[str, str] = dict(
            session.execute(select(AttendancePin.pin, AttendancePin.person_id)).all()
        )
        self.by_pin.update(given)
        self.local_now = to_local(now).replace(tzinfo=None)
        today = self.local_now.date()
        # Names for numbers not yet registered: current workers with no number, by name (unique ones only).
        enrolled_people = set(self.by_pin.values())
        self.by_name: dict[str, list[str]] = {}
        for w in workers_between(session, today - timedelta(days=400), today, None):
            if w.person_id not in enrolled_people:
                self.by_name.setdefault(w.name, []).append(w.person_id)
        self.errors: list[RowError] = []
        self.unknown: dict[str, int] = {}
        self.unknown_names: dict[str, set[str]] = {}
        self.unknown_first: dict[str, int] = {}
        self.enrolled = self.skipped = 0
        self.enrolled_pins: dict[str, str] = {}  # number -> person id, registered from the file's names

    def bad(self, number: int, zh: str, en: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(self.sheet, number, zh, en))

    def punches(self, source: Iterator[_Row]) -> Iterator[tuple[int, str, datetime]]:
        by_pin, by_name, limit = self.by_pin, self.by_name, self.local_now + FUTURE_TOLERANCE
        order = self.order
        for row in source:
            pin = row.pin.lstrip("0") or ("0" if row.pin else "")
            try:
                name = clean_line(row.name, "name", PERSON_NAME, ("姓名", "name")) if row.name else ""
            except ValidationError as exc:
                self.bad(row.number, exc.zh, exc.en)
                continue
            if pin and not PIN_RE.match(pin):
                self.bad(row.number, f"考勤号码“{row.pin[:20]}”不正确", "Bad attendance number")
                continue
            person_id = by_pin.get(pin) if pin else None
            if person_id is None:
                matches = by_name.get(name, []) if name else []
                if len(matches) == 1:
                    person_id = matches[0]
                    if pin:  # registered from now on, so later files without names find this worker
                        if self.enrolling is not None:
                            enrol(self.enrolling, person_id, pin)
                        by_pin[pin] = person_id
                        by_name.pop(name)
                        self.enrolled += 1
                        self.enrolled_pins[pin] = person_id
                elif pin and self.skip_unknown:
                    self.skipped += 1
                    if pin not in self.unknown:
                        self.unknown[pin], self.unknown_first[pin] = 0, row.number
                    self.unknown[pin] += 1
                    if name:
                        self.unknown_names.setdefault(pin, set()).add(name)
                    continue
                else:
                    who = f"考勤号码 {pin}" if pin else f"姓名“{name}”"
                    self.bad(
                        row.number,
                        f"{who} 未登记，请先为此人登记考勤号码",
                        f"{pin or name} is not registered",
                    )
                    continue
            moment = columns.parse_moment(row.moment, order)
            if moment is None:
                self.bad(
                    row.number,
                    f"日期时间“{row.moment[:30]}”无法识别，应如 2026-05-08 08:25:00",
                    "Bad date/time",
                )
                continue
            if moment > limit or moment.year < 2000:
                self.bad(
                    row.number,
                    f"日期时间 {row.moment} 不合理（在将来或 2000 年以前）",
                    "Date/time out of range",
                )
                continue
            yield row.number, person_id, moment


def _store(
    uow: UnitOfWork,
    import_id: str,
    walk: _Walk,
    source: Iterator[_Row],
    total: int,
    progress: Progress | None,
) -> int:
    session = uow.session
    batch: list[dict[str, Any]] = []
    stamp = {"ver": 1, "pending_changes": 1, "created_at": uow.now, "updated_at": uow.now,
             "origin_town": uow.town_code, "source": MACHINE, "import_id": import_id}  # fmt: skip
    statement = insert(cast(Table, AttendancePunch.__table__)).prefix_with(
        "OR IGNORE"
    )  # the same worker and time again: skipped
    count = 0
    for number, person_id, moment in walk.punches(source):
        count += 1
        if walk.errors:
            continue  # the file is refused: keep reading only to report every bad row
        batch.append({"id": new_id(), "person_id": person_id, "punched_at": moment, **stamp})
        if len(batch) >= BATCH:
            session.execute(statement, batch)
            batch.clear()
            if progress is not None:
                progress(min(number, total), total)
    if walk.errors:
        raise FileRejected(walk.errors)
    if batch:
        session.execute(statement, batch)
    if count == 0:
        if walk.skipped:
            raise UserError(
                f"文件 {walk.sheet} 中的打卡都属于未登记的考勤号码，没有可导入的记录。",
                f"Every punch in {walk.sheet} belongs to an unknown number; nothing to import.",
            )
        raise UserError(f"文件 {walk.sheet} 中没有打卡记录。", f"{walk.sheet} holds no punches.")
    return count
