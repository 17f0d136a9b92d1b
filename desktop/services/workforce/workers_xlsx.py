"""The roster in and out of Excel: `towncentre export workers` / `import workers` and the template.

One row is one current post. An import checks every row first and imports nothing unless all are
valid; a row already in the roster (same person, grid, post and start) is left as it is, so an
exported file re-imports without changing anything. An export for a reader without 查看完整身份证号
carries masked IDs and phones; such a file is refused on import rather than stored masked.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import Grid, GridWorker, Person
from desktop.paths import private_temp
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.files import replace_file, require_text_path, save_atomically, temp_path_for
from desktop.services.common.uow import unit_of_work
from desktop.services.common.xlsx import append_as_text, cell_text
from desktop.services.matters.listfile import FileRejected, RowError
from desktop.services.workforce.grids import ALL_POSTS
from desktop.services.workforce.roster import WorkerInput, all_current_posts, check_worker, place_worker

SHEET = "网格人员"
HEADERS = ("姓名", "性别", "身份证号码", "手机号码", "所属网格", "岗位", "入职日期")
WIDTHS = (10, 6, 22, 16, 24, 14, 12)
GUIDE = (
    ("姓名", "必填，与身份证一致。"),
    ("性别", "男或女，可不填（按身份证号判断）。"),
    ("身份证号码", "必填，18 位，最后一位可为 X。已登记的人员按身份证号对应。"),
    ("手机号码", "11 位手机号或座机号，可不填。"),
    ("所属网格", "网格名称或 15 位网格代码；中心工作人员不填。"),
    ("岗位", "、".join(ALL_POSTS)),
    ("入职日期", "如 2024-03-01。"),
)


@dataclass(frozen=True)
class ImportResult:
    posts_added: int
    people_added: int
    unchanged: int


# --- export ----------------------------------------------------------------------------------------


def _grid_labels(db: Database) -> dict[str, str]:
    """Grid id -> what the 所属网格 column shows: the name, or the code where names repeat."""
    with db.reading() as session:
        grids = session.execute(
            select(Grid.id, Grid.code, Grid.name).where(Grid.deleted_at.is_(None), Grid.ended_on.is_(None))
        ).all()
    seen: dict[str, int] = {}
    for _gid, _code, name in grids:
        seen[name] = seen.get(name, 0) + 1
    return {gid: name if seen[name] == 1 else code for gid, code, name in grids}


def _write(path: Path, rows: list[list[Any]], *, guide: bool) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    append_as_text(sheet, HEADERS)
    for column, width in zip("ABCDEFG", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    for row in rows:
        append_as_text(sheet, row)
    if guide:
        notes = book.create_sheet("填写说明")
        append_as_text(notes, ("列", "说明"))
        for line in GUIDE:
            append_as_text(notes, line)
        notes.column_dimensions["B"].width = 70
    book.save(path)


def export_workers(db: Database, actor: Actor, path: Path) -> int:
    """Every current post; full ID and phone numbers only for a reader with PERSON_VIEW_ID (the
    export is audited saying which). Returns the number of rows."""
    actor.require(Permission.GRID_VIEW)
    full = actor.can(Permission.PERSON_VIEW_ID)
    posts = all_current_posts(db, actor)
    labels = _grid_labels(db)
    numbers: dict[str, tuple[str, str]] = {}
    if full:
        with db.reading() as session:
            numbers = {
                p.id: (p.resident_id or "", p.phone)
                for p in session.scalars(select(Person).where(Person.id.in_({r.person_id for r in posts})))
            }
    rows = []
    for r in posts:
        resident_id, phone = numbers.get(r.person_id, (r.resident_id_masked, r.phone))
        grid = labels.get(r.grid_id, "") if r.grid_id else ""
        rows.append([r.name, r.sex, resident_id, phone, grid, r.post, r.start_date.isoformat()])
    target = Path(path)
    require_text_path(target)
    temp = temp_path_for(target)
    try:
        with private_temp(db.path):
            _write(temp, rows, guide=False)
        with unit_of_work(db, actor) as uow:  # no file without its audit row
            uow.audit(
                "导出网格人员",
                "网格人员",
                "",
                f"{len(rows)} 人次 → {target.name}" + ("（含完整身份证号）" if full else "（号码已隐去）"),
                {"rows": len(rows), "full_ids": full},
            )
            replace_file(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return len(rows)


def write_template(path: Path) -> None:
    save_atomically(Path(path), lambda temp: _write(temp, [], guide=True))


# --- import ----------------------------------------------------------------------------------------


def _read(path: Path) -> list[tuple[int, list[str]]]:
    """The first sheet's rows as text, with their row numbers; the header is checked here."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UserError(
            f"无法读取文件 {path.name}：请确认是 Excel 的 .xlsx 文件（{exc.__class__.__name__}）。",
            f"Cannot read {path.name}: it must be an Excel .xlsx file ({exc.__class__.__name__}).",
        ) from exc
    errors: list[RowError] = []
    body: list[tuple[int, list[str]]] = []
    try:
        sheet = book.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values = []
            for index, cell in enumerate(cells[: len(HEADERS)]):
                if getattr(cell, "data_type", None) == "f":
                    column = HEADERS[index]
                    errors.append(
                        RowError(SHEET, number, f"“{column}”是公式，请改为文字", f"{column} holds a formula")
                    )
                    values.append("")
                else:
                    values.append(cell_text(cell.value))
            values += [""] * (len(HEADERS) - len(values))
            if number == 1:
                if tuple(values) != HEADERS:
                    raise FileRejected(
                        [
                            RowError(
                                SHEET,
                                1,
                                "表头应为：" + "、".join(HEADERS),
                                "The header row is not the template's",
                            )
                        ]
                    )
                continue
            if any(values):
                body.append((number, values))
    except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UserError(
            f"文件 {path.name} 已损坏，无法读取；没有导入任何内容。",
            f"{path.name} is damaged; nothing imported.",
        ) from exc
    finally:
        book.close()
    if errors:
        raise FileRejected(errors)
    return body


def _parse_day(raw: str) -> date | None:
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", raw)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_workers(db: Database, path: Path) -> list[tuple[int, WorkerInput]]:
    """The file's rows as posts to add, or FileRejected naming every bad row and why."""
    rows = _read(Path(path))
    with db.reading() as session:
        grids = session.execute(
            select(Grid.id, Grid.code, Grid.name).where(Grid.deleted_at.is_(None), Grid.ended_on.is_(None))
        ).all()
    by_code = {code: gid for gid, code, _name in grids}
    by_name: dict[str, list[str]] = {}
    for gid, _code, name in grids:
        by_name.setdefault(name, []).append(gid)
    errors: list[RowError] = []
    out: list[tuple[int, WorkerInput]] = []
    seen: dict[tuple[str, str | None, str], int] = {}

    def bad(number: int, zh: str, en: str) -> None:
        errors.append(RowError(SHEET, number, zh, en))

    for number, (name, sex, resident_id, phone, grid_text, post, start_text) in rows:
        if "*" in resident_id or "*" in phone:
            bad(
                number,
                "身份证号码或手机号码已隐去部分数字（来自无权查看完整号码的导出），不能导入；请用完整号码",
                "The ID or phone is masked (an export for a reader without full IDs); use full numbers",
            )
            continue
        grid_id: str | None = None
        if grid_text:
            grid_id = by_code.get(grid_text)
            if grid_id is None:
                matches = by_name.get(grid_text, [])
                if len(matches) == 1:
                    grid_id = matches[0]
                elif matches:
                    bad(
                        number,
                        f"网格名称“{grid_text}”不唯一，请填写网格代码",
                        f"Grid name {grid_text} repeats",
                    )
                    continue
                else:
                    bad(number, f"没有名为“{grid_text}”的在用网格", f"No current grid {grid_text}")
                    continue
        start = _parse_day(start_text)
        if start is None:
            bad(number, f"入职日期“{start_text}”不是日期（如 2024-03-01）", "The start date is not a date")
            continue
        data = WorkerInput(name, resident_id, post, start, grid_id, sex, phone)
        try:
            check_worker(data)
        except ValidationError as exc:
            for problem in getattr(exc, "errors", [exc]):
                bad(number, problem.zh.rstrip("。"), problem.en)
            continue
        key = (resident_id.strip().upper(), grid_id, post)
        if key in seen:
            bad(number, f"与第 {seen[key]} 行重复（同一人、同一网格、同一岗位）", f"Repeats row {seen[key]}")
            continue
        seen[key] = number
        out.append((number, data))
    if errors:
        raise FileRejected(errors)
    return out


def import_workers(db: Database, actor: Actor, path: Path) -> ImportResult:
    """All rows or none: a row that fails while being stored (a name that does not match the
    registry) rolls the whole import back and is reported with its row number."""
    actor.require(Permission.GRID_EDIT)
    rows = read_workers(db, path)
    added = people = unchanged = 0
    errors: list[RowError] = []
    with unit_of_work(db, actor) as uow:
        for number, data in rows:
            resident_id = data.resident_id.strip().upper()
            existing = uow.session.scalar(
                select(GridWorker.id)
                .join(Person, Person.id == GridWorker.person_id)
                .where(
                    Person.resident_id == resident_id,
                    Person.name == data.name.strip(),
                    GridWorker.grid_id.is_(None)
                    if data.grid_id is None
                    else GridWorker.grid_id == data.grid_id,
                    GridWorker.post == data.post,
                    GridWorker.start_date == data.start,
                    GridWorker.end_date.is_(None),
                    GridWorker.deleted_at.is_(None),
                )
            )
            if existing is not None:
                unchanged += 1
                continue
            try:
                _post, created = place_worker(uow, data)
            except ValidationError as exc:
                errors.append(RowError(SHEET, number, exc.zh.rstrip("。"), exc.en))
                continue
            added += 1
            people += created
        if errors:
            raise FileRejected(errors)  # the unit of work rolls back: nothing is imported
        if added:
            uow.audit(
                "导入网格人员", "网格人员", "", f"新增 {added} 个岗位、{people} 名人员，{unchanged} 行已在册"
            )
    return ImportResult(added, people, unchanged)
