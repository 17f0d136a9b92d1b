"""What a matter-list file holds, and reading it: one parser for the xlsx files people exchange and
the CSV files the program ships as its default list, so both obey the same rules. Every bad row is
reported by sheet and row number.
"""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.models import (
    Department,
)
from desktop.models.matter import (
    DEPARTMENT_KINDS,
    LEVELS,
    SOURCE_COUNTY,
    SOURCE_TOWN,
    STATUS_IN_FORCE,
    STATUS_RETIRED,
)
from desktop.paths import resources_dir
from desktop.services.accounts.users import check_phone
from desktop.services.common.text import (
    ADMISSION_NOTE,
    CATEGORY_NAME,
    CONTACT_PERSON,
    DEPARTMENT_NAME,
    DEPARTMENT_NOTE,
    DOMAIN_NAME,
    ITEM_DESCRIPTION,
    ITEM_NAME,
    LEGAL_BASIS,
    LIST_VERSION,
    PUBLISHER,
    VERSION_NOTE,
    clean_block,
    clean_line,
)
from desktop.services.common.xlsx import cell_text
from desktop.services.matters import CODE_PATTERN, normalise_keywords

ITEM_SHEET = "事项清单"
DEPARTMENT_SHEET = "部门"
VERSION_SHEET = "版本"
GUIDE_SHEET = "填写说明"

KEYWORDS_HEADER = "关键词"
ITEM_HEADERS = (
    "领域编码", "领域名称", "类别编码", "类别名称", "事项编码", "事项名称", "事项说明", "处置层级",
    "牵头部门", "协办部门", "办理时限", "是否准入", "准入日期", "退出日期", "准入说明", "法律政策依据",
    "来源", "状态", KEYWORDS_HEADER,
)  # fmt: skip
# Files made before the keywords came have no such column: they still import, keeping the keywords.
OPTIONAL_ITEM_HEADERS = (KEYWORDS_HEADER,)
DEPARTMENT_HEADERS = ("部门编码", "部门名称", "部门类型", "联系人", "联系电话", "备注")
VERSION_KEYS = ("清单版本号", "发布日期", "发布单位", "说明")
CO_SEPARATOR = "、"

_CODE = CODE_PATTERN


# --- what a file holds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionInfo:
    version: str
    published_on: date
    publisher: str = ""
    note: str = ""

    def sort_key(self) -> tuple[date, tuple[int, ...], str]:
        numbers = tuple(int(n) for n in re.findall(r"\d+", self.version))
        return (self.published_on, numbers, self.version)


@dataclass(frozen=True)
class DepartmentRecord:
    code: str
    name: str
    kind: str
    contact_person: str = ""
    phone: str = ""
    note: str = ""


@dataclass(frozen=True)
class ItemRecord:
    domain_code: str
    domain_name: str
    category_code: str
    category_name: str
    code: str
    name: str
    description: str
    level: str
    lead_department_code: str
    co_department_codes: tuple[str, ...]
    time_limit_days: int
    admitted: bool
    admitted_from: date | None
    admitted_until: date | None
    admission_note: str
    legal_basis: str
    source: str
    status: str
    keywords: str | None = None  # None: the file has no 关键词 column, so the item keeps its own


@dataclass
class ListFile:
    version: VersionInfo
    departments: list[DepartmentRecord]
    items: list[ItemRecord]


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # as the user sees it: the sheet's row number (the header is row 1)
    zh: str
    en: str

    def text(self) -> str:
        return f"“{self.sheet}”第 {self.row} 行：{self.zh}" if self.row else f"“{self.sheet}”：{self.zh}"


class FileRejected(UserError):
    """The file has errors; nothing was imported. `errors` lists every one of them by row."""

    def __init__(self, errors: list[RowError]) -> None:
        first = "；".join(e.text() for e in errors[:3])
        more = f"等 {len(errors)} 处" if len(errors) > 3 else f"共 {len(errors)} 处"
        super().__init__(
            f"文件有错误（{more}），没有导入任何内容：{first}",
            f"The file has {len(errors)} error(s); nothing was imported. First: {errors[0].en}",
        )
        self.errors = errors


# --- reading ---------------------------------------------------------------------------------------

Row = dict[str, Any]


def _read_xlsx(path: Path) -> tuple[dict[str, list[tuple[int, Row]]], list[RowError]]:
    """The sheets' rows as text, and an error for every formula cell (with its sheet and row)."""
    from openpyxl import load_workbook

    try:
        # Not data_only: a formula cell must be seen as one (its cached value is whatever Excel last
        # computed, or nothing) and reported, not imported as that value.
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UserError(
            f"无法读取文件 {path.name}：请确认是 Excel 的 .xlsx 文件（{exc.__class__.__name__}）。",
            f"Cannot read {path.name}: it must be an Excel .xlsx file ({exc.__class__.__name__}).",
        ) from exc
    sheets: dict[str, list[tuple[int, Row]]] = {}
    formulas: list[RowError] = []
    title = ""

    def texts(title: str, number: int, row: tuple[Any, ...], names: list[str]) -> list[str]:
        out = []
        for index, cell in enumerate(row):
            if getattr(cell, "data_type", None) == "f":
                column = names[index] if index < len(names) and names[index] else f"第 {index + 1} 列"
                formulas.append(
                    RowError(
                        title, number, f"“{column}”是公式，请改为文字",
                        f"“{column}” holds a formula; type the text itself",
                    )
                )  # fmt: skip
                out.append("")
            else:
                out.append(cell_text(cell.value))
        return out

    try:
        for sheet in book.worksheets:
            title = sheet.title
            rows = sheet.iter_rows()
            header = next(rows, None)
            if header is None:
                sheets[sheet.title] = []
                continue
            names = texts(sheet.title, 1, header, [])
            body: list[tuple[int, Row]] = []
            for number, values in enumerate(rows, start=2):
                cells = texts(sheet.title, number, values, names)
                if not any(cells):
                    continue
                body.append((number, dict(zip(names, cells, strict=False))))
            sheets[sheet.title] = [(0, {"__header__": names}), *body]
    # A read-only workbook parses each sheet only now: a damaged sheet's XML (any parser's error is a
    # SyntaxError) or its compressed data fails here, not in load_workbook.
    except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UserError(
            f"文件 {path.name} 的工作表“{title}”已损坏，无法读取（{exc.__class__.__name__}）。请用 Excel 打开后"
            "重新另存为 .xlsx 再导入；没有导入任何内容。",
            f"The sheet “{title}” of {path.name} is damaged and cannot be read ({exc.__class__.__name__}). "
            "Open the file in Excel, save it again as .xlsx and import that; nothing was imported.",
        ) from exc
    finally:
        book.close()
    return sheets, formulas


def _read_csv(path: Path) -> list[tuple[int, Row]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        rows: list[tuple[int, Row]] = [(0, {"__header__": [h.strip() for h in header]})]
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            rows.append((reader.line_num, dict(zip(header, (v.strip() for v in values), strict=False))))
    return rows


def _check_header(sheet: str, rows: list[tuple[int, Row]], expected: tuple[str, ...]) -> list[RowError]:
    header = rows[0][1]["__header__"] if rows else []
    missing = [h for h in expected if h not in header]
    if missing:
        return [
            RowError(
                sheet,
                1,
                f"缺少列：{'、'.join(missing)}（请使用空白模板）",
                f"missing columns: {', '.join(missing)} (use the blank template)",
            )
        ]
    return []


def _parse_date(raw: str) -> date | None:
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(raw)


def _parse_version(sheet_rows: list[tuple[int, Row]] | None, errors: list[RowError]) -> VersionInfo | None:
    if not sheet_rows:
        errors.append(
            RowError(VERSION_SHEET, 0, "缺少“版本”工作表（清单版本号、发布日期）", "missing the 版本 sheet")
        )
        return None
    header = sheet_rows[0][1]["__header__"]
    values: dict[str, str] = {}
    # The sheet is two columns: key, value (the header row is a key too).
    if len(header) >= 2 and header[0] in VERSION_KEYS:
        values[header[0]] = header[1]
    for _n, row in sheet_rows[1:]:
        cells = list(row.values())
        if len(cells) >= 2 and cells[0] in VERSION_KEYS:
            values[cells[0]] = cells[1]
    version = values.get("清单版本号", "")
    if not version:
        errors.append(RowError(VERSION_SHEET, 0, "缺少清单版本号", "missing the list version number"))
    try:
        published = _parse_date(values.get("发布日期", ""))
    except ValueError:
        published = None
    if published is None:
        errors.append(
            RowError(VERSION_SHEET, 0, "发布日期应为 年-月-日，例如 2026-03-01", "bad publication date")
        )
    if not version or published is None:
        return None
    try:
        # Also keeps sort_key's int() of the version's numbers within Python's 4,300-digit limit.
        version = clean_line(version, "清单版本号", LIST_VERSION, ("清单版本号", "list version number"))
        publisher = clean_line(values.get("发布单位", ""), "发布单位", PUBLISHER, ("发布单位", "publisher"))
        note = clean_block(values.get("说明", ""), "说明", VERSION_NOTE, ("说明", "note"))
    except ValidationError as exc:
        errors.append(RowError(VERSION_SHEET, 0, exc.zh, exc.en))
        return None
    return VersionInfo(version, published, publisher, note)


def _parse_departments(rows: list[tuple[int, Row]], errors: list[RowError]) -> list[DepartmentRecord]:
    found = _check_header(DEPARTMENT_SHEET, rows, DEPARTMENT_HEADERS)
    if found:
        errors.extend(found)
        return []
    out: list[DepartmentRecord] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for number, row in rows[1:]:

        def bad(zh: str, en: str, n: int = number) -> None:
            errors.append(RowError(DEPARTMENT_SHEET, n, zh, en))

        code, name, kind = row.get("部门编码", ""), row.get("部门名称", ""), row.get("部门类型", "")
        try:  # cleaned as the department form cleans them
            name = clean_line(name, "部门名称", DEPARTMENT_NAME, ("部门名称", "department name"))
            contact = clean_line(
                row.get("联系人", ""), "联系人", CONTACT_PERSON, ("联系人", "contact person")
            )
            note = clean_line(row.get("备注", ""), "备注", DEPARTMENT_NOTE, ("备注", "note"))
        except ValidationError as exc:
            bad(exc.zh, exc.en)
            continue
        if not _CODE.match(code):
            bad("部门编码为空或含有字母数字以外的字符", "bad department code")
            continue
        if not name:
            bad("缺少部门名称", "missing department name")
            continue
        if code in seen_codes:
            bad(f"部门编码 {code} 与第 {seen_codes[code]} 行重复", f"duplicate department code {code}")
            continue
        if name in seen_names:
            bad(f"部门名称“{name}”与第 {seen_names[name]} 行重复", f"duplicate department name {name}")
            continue
        if kind not in DEPARTMENT_KINDS:
            bad(f"部门类型应为{'、'.join(DEPARTMENT_KINDS)}之一", "unknown department kind")
            continue
        try:
            phone = check_phone(row.get("联系电话", ""))
        except UserError:
            bad("联系电话格式不对（手机 11 位，座机如 0571-12345678）", "bad phone number")
            continue
        seen_codes[code] = number
        seen_names[name] = number
        out.append(DepartmentRecord(code, name, kind, contact, phone, note))
    return out


def _parse_items(
    rows: list[tuple[int, Row]], department_codes_by_name: dict[str, str], errors: list[RowError]
) -> list[ItemRecord]:
    found = _check_header(ITEM_SHEET, rows, tuple(h for h in ITEM_HEADERS if h not in OPTIONAL_ITEM_HEADERS))
    if found:
        errors.extend(found)
        return []
    has_keywords = KEYWORDS_HEADER in rows[0][1]["__header__"]
    out: list[ItemRecord] = []
    seen: dict[str, int] = {}
    categories: dict[str, tuple[str, str, int]] = {}  # code -> (domain code, name, row)
    domains: dict[str, tuple[str, int]] = {}
    for number, row in rows[1:]:
        problems: list[tuple[str, str]] = []

        def get(key: str, row: Row = row) -> str:
            return str(row.get(key, ""))

        def text(
            key: str, limit: int, en: str, block: bool = False, problems: list[tuple[str, str]] = problems
        ) -> str:
            """The cell cleaned as a form would clean it; a problem (kept raw) when it cannot be."""
            try:
                return (clean_block if block else clean_line)(get(key), key, limit, (key, en))
            except ValidationError as exc:
                problems.append((exc.zh, exc.en))
                return get(key)

        code, name = get("事项编码"), text("事项名称", ITEM_NAME, "item name")
        if not name:
            problems.append(("缺少事项名称", "missing item name"))
        if not _CODE.match(code):
            problems.append(("事项编码为空或含有字母数字以外的字符", "bad item code"))
        elif code in seen:
            problems.append((f"事项编码 {code} 与第 {seen[code]} 行重复", f"duplicate item code {code}"))
        dcode, ccode = get("领域编码"), get("类别编码")
        for key, value, en in (("领域编码", dcode, "domain code"), ("类别编码", ccode, "category code")):
            # The item codes' rule: 1–20 letters, digits, - or _ (no formula, control or direction marks).
            if value and not _CODE.match(value):
                problems.append((f"{key}只能是 1–20 个字母、数字、- 或 _，且以字母或数字开头", f"bad {en}"))
        dname = text("领域名称", DOMAIN_NAME, "domain name")
        cname = text("类别名称", CATEGORY_NAME, "category name")
        description = text("事项说明", ITEM_DESCRIPTION, "description", block=True)
        admission_note = text("准入说明", ADMISSION_NOTE, "admission note")
        legal_basis = text("法律政策依据", LEGAL_BASIS, "legal basis", block=True)
        keywords: str | None = None
        if has_keywords:
            try:
                keywords = normalise_keywords(get(KEYWORDS_HEADER))
            except ValidationError as exc:
                problems.append((exc.zh, exc.en))
        if not (dcode and dname and ccode and cname):
            problems.append(
                ("领域编码、领域名称、类别编码、类别名称都要填写", "domain and category are required")
            )
        else:
            if dcode in domains and domains[dcode][0] != dname:
                problems.append(
                    (
                        f"领域 {dcode} 的名称与第 {domains[dcode][1]} 行不一致",
                        f"domain {dcode} named differently",
                    )
                )
            if ccode in categories and categories[ccode][:2] != (dcode, cname):
                problems.append(
                    (
                        f"类别 {ccode} 与第 {categories[ccode][2]} 行的领域或名称不一致",
                        f"category {ccode} differs",
                    )
                )
        level = get("处置层级")
        if level not in LEVELS:
            problems.append((f"处置层级应为{'、'.join(LEVELS)}之一，现为“{level}”", "bad level"))
        lead_name = get("牵头部门")
        lead = department_codes_by_name.get(lead_name)
        if not lead_name:
            problems.append(("缺少牵头部门", "missing lead department"))
        elif lead is None:
            problems.append(
                (f"未知部门：“{lead_name}”（部门通讯录中没有）", f"unknown department {lead_name}")
            )
        co_codes: list[str] = []
        for co_name in (n.strip() for n in re.split(r"[、,，;；]", get("协办部门")) if n.strip()):
            co = department_codes_by_name.get(co_name)
            if co is None:
                problems.append((f"未知协办部门：“{co_name}”", f"unknown co-operating department {co_name}"))
            else:
                co_codes.append(co)
        raw_limit = get("办理时限")
        limit = int(raw_limit) if re.fullmatch(r"\d{1,3}", raw_limit) else 0
        if limit <= 0:
            problems.append(
                (
                    f"办理时限应为正整数（工作日），现为“{raw_limit}”",
                    f"time limit must be a positive whole number: {raw_limit!r}",
                )
            )
        admitted_raw = get("是否准入") or "是"
        if admitted_raw not in ("是", "否"):
            problems.append(("是否准入应填“是”或“否”", "admitted must be 是 or 否"))
        dates: list[date | None] = []
        for key in ("准入日期", "退出日期"):
            try:
                dates.append(_parse_date(get(key)))
            except ValueError:
                problems.append((f"{key}应为 年-月-日，例如 2026-01-01", f"bad date in {key}"))
                dates.append(None)
        if len(dates) == 2 and dates[0] and dates[1] and dates[1] < dates[0]:
            problems.append(("退出日期早于准入日期", "exit date before admission date"))
        source = get("来源") or SOURCE_COUNTY
        if source not in (SOURCE_COUNTY, SOURCE_TOWN):
            problems.append((f"来源应为“{SOURCE_COUNTY}”或“{SOURCE_TOWN}”", "bad source"))
        status = get("状态") or STATUS_IN_FORCE
        if status not in (STATUS_IN_FORCE, STATUS_RETIRED):
            problems.append((f"状态应为“{STATUS_IN_FORCE}”或“{STATUS_RETIRED}”", "bad status"))
        if problems:
            errors.extend(RowError(ITEM_SHEET, number, zh, en) for zh, en in problems)
            continue
        seen[code] = number
        domains.setdefault(dcode, (dname, number))
        categories.setdefault(ccode, (dcode, cname, number))
        out.append(
            ItemRecord(
                dcode, dname, ccode, cname, code, name, description, level, str(lead),
                tuple(dict.fromkeys(co_codes)), limit, admitted_raw == "是", dates[0], dates[1],
                admission_note, legal_basis, source, status, keywords,
            )
        )  # fmt: skip
    return out


def _known_department_names(db: Database) -> dict[str, str]:
    with db.reading() as session:
        return dict(session.execute(select(Department.name, Department.code)).all())


def _build(
    db: Database | None,
    version_rows: list[tuple[int, Row]] | None,
    department_rows: list[tuple[int, Row]] | None,
    item_rows: list[tuple[int, Row]] | None,
    found: Iterable[RowError] = (),
) -> ListFile:
    errors: list[RowError] = list(found)
    version = _parse_version(version_rows, errors)
    departments = _parse_departments(department_rows, errors) if department_rows else []
    # Without a database (the county hub) the file's own 部门 sheet is the only address book.
    names = _known_department_names(db) if db is not None else {}
    names.update({d.name: d.code for d in departments})
    if not item_rows or len(item_rows) < 2:
        errors.append(RowError(ITEM_SHEET, 0, "没有找到“事项清单”工作表或其中没有事项", "no items found"))
        items: list[ItemRecord] = []
    else:
        items = _parse_items(item_rows, names, errors)
    if errors:
        raise FileRejected(errors)
    assert version is not None
    return ListFile(version, departments, items)


def read_xlsx(db: Database | None, path: Path) -> ListFile:
    """Parses and checks a whole workbook; raises FileRejected listing every bad row.

    `db` supplies the departments a town already knows; None reads the file on its own."""
    sheets, formulas = _read_xlsx(path)
    return _build(
        db, sheets.get(VERSION_SHEET), sheets.get(DEPARTMENT_SHEET), sheets.get(ITEM_SHEET), formulas
    )


def reference_dir() -> Path:
    return resources_dir() / "reference"


def read_default_list(db: Database | None) -> ListFile:
    """The list shipped in resources/reference (CSV, the same columns as the xlsx)."""
    folder = reference_dir()
    meta = _read_csv(folder / "matter_list_version.csv")
    return _build(db, meta, _read_csv(folder / "departments.csv"), _read_csv(folder / "matter_list.csv"))
