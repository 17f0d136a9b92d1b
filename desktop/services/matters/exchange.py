"""Reading, checking, comparing and applying matter-list files; writing them back out.

One parser serves the xlsx files people exchange and the CSV files the program ships as its default
list, so both obey the same rules. Nothing is written unless the whole file is valid; a valid file
is compared with the database (added / changed / retired) and applied in one transaction.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import (
    Department,
    MatterCategory,
    MatterDomain,
    MatterItem,
    MatterListVersion,
    TownProfile,
)
from desktop.models.base import new_id
from desktop.models.matter import (
    DEPARTMENT_KINDS,
    LEVELS,
    SOURCE_COUNTY,
    SOURCE_TOWN,
    STATUS_IN_FORCE,
    STATUS_RETIRED,
)
from desktop.paths import resources_dir
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor, Permission
from desktop.services.accounts.users import check_phone
from desktop.services.common.pinyin import initials
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.matters import CODE_PATTERN

ITEM_SHEET = "事项清单"
DEPARTMENT_SHEET = "部门"
VERSION_SHEET = "版本"
GUIDE_SHEET = "填写说明"

ITEM_HEADERS = (
    "领域编码", "领域名称", "类别编码", "类别名称", "事项编码", "事项名称", "事项说明", "处置层级",
    "牵头部门", "协办部门", "办理时限", "是否准入", "准入日期", "退出日期", "准入说明", "法律政策依据",
    "来源", "状态",
)  # fmt: skip
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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(path: Path) -> dict[str, list[tuple[int, Row]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UserError(
            f"无法读取文件 {path.name}：请确认是 Excel 的 .xlsx 文件（{exc.__class__.__name__}）。",
            f"Cannot read {path.name}: it must be an Excel .xlsx file ({exc.__class__.__name__}).",
        ) from exc
    sheets: dict[str, list[tuple[int, Row]]] = {}
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                sheets[sheet.title] = []
                continue
            names = [_text(h) for h in header]
            body: list[tuple[int, Row]] = []
            for number, values in enumerate(rows, start=2):
                cells = [_text(v) for v in values]
                if not any(cells):
                    continue
                body.append((number, dict(zip(names, cells, strict=False))))
            sheets[sheet.title] = [(0, {"__header__": names}), *body]
    finally:
        book.close()
    return sheets


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
    return VersionInfo(version, published, values.get("发布单位", ""), values.get("说明", ""))


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
        out.append(DepartmentRecord(code, name, kind, row.get("联系人", ""), phone, row.get("备注", "")))
    return out


def _parse_items(
    rows: list[tuple[int, Row]], department_codes_by_name: dict[str, str], errors: list[RowError]
) -> list[ItemRecord]:
    found = _check_header(ITEM_SHEET, rows, ITEM_HEADERS)
    if found:
        errors.extend(found)
        return []
    out: list[ItemRecord] = []
    seen: dict[str, int] = {}
    categories: dict[str, tuple[str, str, int]] = {}  # code -> (domain code, name, row)
    domains: dict[str, tuple[str, int]] = {}
    for number, row in rows[1:]:
        problems: list[tuple[str, str]] = []

        def get(key: str, row: Row = row) -> str:
            return str(row.get(key, ""))

        code, name = get("事项编码"), get("事项名称")
        if not name:
            problems.append(("缺少事项名称", "missing item name"))
        if not _CODE.match(code):
            problems.append(("事项编码为空或含有字母数字以外的字符", "bad item code"))
        elif code in seen:
            problems.append((f"事项编码 {code} 与第 {seen[code]} 行重复", f"duplicate item code {code}"))
        dcode, dname, ccode, cname = get("领域编码"), get("领域名称"), get("类别编码"), get("类别名称")
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
                dcode, dname, ccode, cname, code, name, get("事项说明"), level, str(lead),
                tuple(dict.fromkeys(co_codes)), limit, admitted_raw == "是", dates[0], dates[1],
                get("准入说明"), get("法律政策依据"), source, status,
            )
        )  # fmt: skip
    return out


def _known_department_names(db: Database) -> dict[str, str]:
    with db.reading() as session:
        return dict(session.execute(select(Department.name, Department.code)).all())


def _build(
    db: Database,
    version_rows: list[tuple[int, Row]] | None,
    department_rows: list[tuple[int, Row]] | None,
    item_rows: list[tuple[int, Row]] | None,
) -> ListFile:
    errors: list[RowError] = []
    version = _parse_version(version_rows, errors)
    departments = _parse_departments(department_rows, errors) if department_rows else []
    names = _known_department_names(db)
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


def read_xlsx(db: Database, path: Path) -> ListFile:
    """Parses and checks a whole workbook; raises FileRejected listing every bad row."""
    sheets = _read_xlsx(path)
    return _build(db, sheets.get(VERSION_SHEET), sheets.get(DEPARTMENT_SHEET), sheets.get(ITEM_SHEET))


def reference_dir() -> Path:
    return resources_dir() / "reference"


def read_default_list(db: Database) -> ListFile:
    """The list shipped in resources/reference (CSV, the same columns as the xlsx)."""
    folder = reference_dir()
    meta = _read_csv(folder / "matter_list_version.csv")
    return _build(db, meta, _read_csv(folder / "departments.csv"), _read_csv(folder / "matter_list.csv"))


# --- comparing -------------------------------------------------------------------------------------

ITEM_FIELD_LABELS = {
    "name": "事项名称", "description": "事项说明", "category_code": "类别", "level": "处置层级",
    "lead_department_code": "牵头部门", "co_department_codes": "协办部门", "time_limit_days": "办理时限",
    "admitted": "是否准入", "admitted_from": "准入日期", "admitted_until": "退出日期",
    "admission_note": "准入说明", "legal_basis": "法律政策依据", "source": "来源", "status": "状态",
}  # fmt: skip


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ItemChange:
    code: str
    name: str
    changes: tuple[FieldChange, ...]


@dataclass
class ListDiff:
    version: VersionInfo
    current_version: str
    added: list[ItemRecord] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    retired: list[ItemChange] = field(default_factory=list)
    departments_added: list[DepartmentRecord] = field(default_factory=list)
    departments_changed: list[DepartmentRecord] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.added or self.changed or self.retired or self.departments_added or self.departments_changed
        )

    def summary(self) -> str:
        return (
            f"新增 {len(self.added)} 项，变更 {len(self.changed)} 项，停用 {len(self.retired)} 项，"
            f"部门新增 {len(self.departments_added)} 个、变更 {len(self.departments_changed)} 个"
        )


def _show(value: Any, names: dict[str, str]) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple):
        return CO_SEPARATOR.join(names.get(str(v), str(v)) for v in value)
    if value is None:
        return ""
    return names.get(str(value), str(value)) if isinstance(value, str) else str(value)


def _record_of(item: MatterItem) -> ItemRecord:
    category = item.category
    return ItemRecord(
        category.domain.code, category.domain.name, category.code, category.name, item.code, item.name,
        item.description, item.level, item.lead_department_code, tuple(item.co_departments),
        item.time_limit_days, item.admitted, item.admitted_from, item.admitted_until, item.admission_note,
        item.legal_basis, item.source, item.status,
    )  # fmt: skip


def _compare(uow: UnitOfWork, incoming: ListFile) -> ListDiff:
    session = uow.session
    current = session.scalars(select(MatterListVersion)).all()
    newest = max(
        (VersionInfo(v.version, v.published_on) for v in current), key=VersionInfo.sort_key, default=None
    )
    diff = ListDiff(incoming.version, newest.version if newest else "")
    departments = {d.code: d for d in session.scalars(select(Department))}
    for dept in incoming.departments:
        existing = departments.get(dept.code)
        if existing is None:
            diff.departments_added.append(dept)
        elif any(getattr(existing, f.name) != getattr(dept, f.name) for f in fields(dept)):
            diff.departments_changed.append(dept)
    names = {code: d.name for code, d in departments.items()}
    names.update({d.code: d.name for d in incoming.departments})
    existing_items = {i.code: i for i in session.scalars(select(MatterItem))}
    scopes = {r.source for r in incoming.items}
    incoming_codes = set()
    for record in incoming.items:
        incoming_codes.add(record.code)
        item = existing_items.get(record.code)
        if item is None:
            diff.added.append(record)
            continue
        old = _record_of(item)
        changes = tuple(
            FieldChange(label, _show(getattr(old, key), names), _show(getattr(record, key), names))
            for key, label in ITEM_FIELD_LABELS.items()
            if getattr(old, key) != getattr(record, key)
        )
        if not changes:
            diff.unchanged += 1
        elif record.status == STATUS_RETIRED and old.status == STATUS_IN_FORCE:
            diff.retired.append(ItemChange(record.code, record.name, changes))
        else:
            diff.changed.append(ItemChange(record.code, record.name, changes))
    # A list replaces the items of the sources it covers: a county list does not touch town items.
    for code, item in existing_items.items():
        if code not in incoming_codes and item.source in scopes and item.status == STATUS_IN_FORCE:
            diff.retired.append(
                ItemChange(
                    code,
                    item.name,
                    (FieldChange("状态", STATUS_IN_FORCE, f"{STATUS_RETIRED}（新版本中已无此事项）"),),
                )
            )
    return diff


def _check_newer(diff: ListDiff, uow: UnitOfWork) -> None:
    if not diff.current_version:
        return
    current = uow.session.scalar(
        select(MatterListVersion).where(MatterListVersion.version == diff.current_version)
    )
    assert current is not None
    now = VersionInfo(current.version, current.published_on)
    if diff.version.version == now.version and not diff.is_empty:
        raise UserError(
            f"文件的版本号 {diff.version.version} 与当前版本相同，但内容不同。请使用新的版本号。",
            f"The file's version {diff.version.version} equals the current one but differs; use a new version.",
        )
    if diff.version.version != now.version and diff.version.sort_key() < now.sort_key():
        raise UserError(
            f"文件的版本 {diff.version.version}（{diff.version.published_on}）比当前版本 {now.version}"
            f"（{now.published_on}）旧，不能导入。",
            f"The file's version {diff.version.version} is older than the current {now.version}.",
        )


def compare(db: Database, actor: Actor, incoming: ListFile) -> ListDiff:
    """What applying `incoming` would change. Read-only."""
    actor.require(Permission.MATTER_EDIT)
    with db.write_session() as session:
        uow = UnitOfWork(db, actor, session)
        diff = _compare(uow, incoming)
        _check_newer(diff, uow)
        session.rollback()
    return diff


# --- applying --------------------------------------------------------------------------------------


def _county_code(uow: UnitOfWork) -> str:
    town = uow.town_code
    return town[:6] + "000000" if town else ""


def _apply(uow: UnitOfWork, incoming: ListFile) -> ListDiff:
    session = uow.session
    diff = _compare(uow, incoming)
    _check_newer(diff, uow)
    if diff.is_empty and diff.current_version == incoming.version.version:
        return diff
    county = _county_code(uow)
    departments = {d.code: d for d in session.scalars(select(Department))}
    for dept in incoming.departments:
        row = departments.get(dept.code)
        if row is None:
            row = Department(code=dept.code, source=SOURCE_COUNTY, status=STATUS_IN_FORCE, origin_town=county)
            session.add(row)
            departments[dept.code] = row
        for f in fields(dept):
            setattr(row, f.name, getattr(dept, f.name))
    session.flush()
    domains = {d.code: d for d in session.scalars(select(MatterDomain))}
    categories = {c.code: c for c in session.scalars(select(MatterCategory))}
    items = {i.code: i for i in session.scalars(select(MatterItem))}
    touched = {r.code for r in diff.added} | {c.code for c in diff.changed} | {c.code for c in diff.retired}
    for record in incoming.items:
        if (
            record.code not in touched
            and record.domain_code in domains
            and record.category_code in categories
        ):
            continue
        origin = county if record.source == SOURCE_COUNTY else uow.town_code
        domain = domains.get(record.domain_code)
        if domain is None:
            domain = MatterDomain(
                id=new_id(), code=record.domain_code, name=record.domain_name, origin_town=county
            )
            session.add(domain)
            domains[record.domain_code] = domain
        domain.name = record.domain_name
        category = categories.get(record.category_code)
        if category is None:
            # Ids are given here rather than at flush, so the children can point at them without a flush.
            category = MatterCategory(
                id=new_id(), code=record.category_code, name=record.category_name, domain_id=domain.id,
                origin_town=county,
            )  # fmt: skip
            session.add(category)
            categories[record.category_code] = category
        category.name = record.category_name
        category.domain_id = domain.id
        item = items.get(record.code)
        if item is None:
            item = MatterItem(code=record.code, origin_town=origin)
            session.add(item)
            items[record.code] = item
        if record.code in touched:
            _fill_item(item, record, category.id)
            item.list_version = incoming.version.version
    for change in diff.retired:
        row_item = items[change.code]
        if row_item.status != STATUS_RETIRED:
            row_item.status = STATUS_RETIRED
            row_item.list_version = incoming.version.version
    session.add(
        MatterListVersion(
            version=incoming.version.version, published_on=incoming.version.published_on,
            publisher=incoming.version.publisher, note=incoming.version.note, applied_at=uow.now,
            applied_by=uow.actor.username if uow.actor else "", added=len(diff.added),
            changed=len(diff.changed), retired=len(diff.retired),
        )
    )  # fmt: skip
    uow.audit("导入事项清单", "事项清单版本", incoming.version.version, diff.summary())
    return diff


def _fill_item(item: MatterItem, record: ItemRecord, category_id: str) -> None:
    item.name = record.name
    item.initials = initials(record.name)
    item.description = record.description
    item.category_id = category_id
    item.level = record.level
    item.lead_department_code = record.lead_department_code
    item.co_department_codes = ",".join(record.co_department_codes)
    item.time_limit_days = record.time_limit_days
    item.admitted = record.admitted
    item.admitted_from = record.admitted_from
    item.admitted_until = record.admitted_until
    item.admission_note = record.admission_note
    item.legal_basis = record.legal_basis
    item.source = record.source
    item.status = record.status


def apply(db: Database, actor: Actor, incoming: ListFile) -> ListDiff:
    """Applies a checked file in one transaction: either all of it or nothing."""
    actor.require(Permission.MATTER_EDIT)
    with unit_of_work(db, actor) as uow:
        return _apply(uow, incoming)


def load_default_list(uow: UnitOfWork) -> ListDiff:
    """Used by the first-run setup, inside its transaction."""
    return _apply(uow, read_default_list(uow.db))


def ensure_default_list(db: Database) -> bool:
    """Loads the shipped list into a set-up database that has none (e.g. one upgraded from 0.1)."""
    with db.reading() as session:
        has_list = session.scalar(select(MatterListVersion.id).limit(1)) is not None
        has_town = (
            session.scalar(select(Department.id).limit(1)) is not None
            or session.scalar(select(TownProfile.id).limit(1)) is not None
        )
    if has_list or not has_town:
        return False
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        load_default_list(uow)
    return True


# --- writing ---------------------------------------------------------------------------------------


def _department_names(db: Database) -> dict[str, str]:
    with db.reading() as session:
        return dict(session.execute(select(Department.code, Department.name)).all())


def export_rows(db: Database) -> tuple[VersionInfo | None, list[DepartmentRecord], list[ItemRecord]]:
    from sqlalchemy.orm import selectinload

    with db.reading() as session:
        versions = [
            VersionInfo(v.version, v.published_on, v.publisher, v.note)
            for v in session.scalars(select(MatterListVersion))
        ]
        departments = [
            DepartmentRecord(d.code, d.name, d.kind, d.contact_person, d.phone, d.note)
            for d in session.scalars(select(Department).order_by(Department.code))
        ]
        items = [
            _record_of(i)
            for i in session.scalars(
                select(MatterItem)
                .options(selectinload(MatterItem.category).selectinload(MatterCategory.domain))
                .order_by(MatterItem.code)
            )
        ]
    newest = max(versions, key=VersionInfo.sort_key, default=None)
    return newest, departments, items


def _item_cells(record: ItemRecord, names: dict[str, str]) -> list[Any]:
    return [
        record.domain_code, record.domain_name, record.category_code, record.category_name, record.code,
        record.name, record.description, record.level, names.get(record.lead_department_code, ""),
        CO_SEPARATOR.join(names.get(c, c) for c in record.co_department_codes), record.time_limit_days,
        "是" if record.admitted else "否",
        record.admitted_from.isoformat() if record.admitted_from else "",
        record.admitted_until.isoformat() if record.admitted_until else "",
        record.admission_note, record.legal_basis, record.source, record.status,
    ]  # fmt: skip


GUIDE = [
    ("工作表", "说明"),
    ("版本", "两列：清单版本号（如 2026.2）、发布日期（年-月-日）、发布单位、说明。导入的版本须比当前版本新。"),
    ("部门", "部门编码、部门名称必填；部门类型为 镇街内设机构 / 派驻机构 / 县直部门。事项中的部门名称须在此表或系统通讯录中。"),
    ("事项清单", "每行一个事项。编码唯一；处置层级为 网格 / 镇街 / 县级；办理时限为正整数（工作日）；"
     "是否准入填 是 或 否；日期写成 2026-01-01；来源为 县级发布 或 乡镇自定；状态为 有效 或 已停用。"),
    ("规则", "整个文件没有错误才会导入；导入前会列出新增、变更和停用的事项，确认后一次性生效。"
     "新版本中没有的事项会被停用（不会删除），已有事件的分类保持不变。"),
]  # fmt: skip


def _write_workbook(
    path: Path, version: VersionInfo | None, departments: Iterable[DepartmentRecord],
    items: Iterable[ItemRecord], names: dict[str, str], with_guide: bool,
) -> int:  # fmt: skip
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")

    def header(sheet: Any, titles: Iterable[str], widths: Iterable[int]) -> None:
        sheet.append(list(titles))
        for cell, width in zip(sheet[1], widths, strict=False):
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(vertical="center")
            sheet.column_dimensions[cell.column_letter].width = width
        sheet.freeze_panes = "A2"

    version_sheet = book.worksheets[0]
    version_sheet.title = VERSION_SHEET
    version_sheet.append(["清单版本号", version.version if version else ""])
    version_sheet.append(["发布日期", version.published_on.isoformat() if version else ""])
    version_sheet.append(["发布单位", version.publisher if version else ""])
    version_sheet.append(["说明", version.note if version else ""])
    version_sheet.column_dimensions["A"].width = 14
    version_sheet.column_dimensions["B"].width = 40
    for row in version_sheet.iter_rows(max_col=1):
        row[0].font = bold
    items_sheet = book.create_sheet(ITEM_SHEET)
    header(items_sheet, ITEM_HEADERS, (8, 14, 8, 16, 10, 22, 40, 8, 18, 26, 8, 8, 11, 11, 20, 30, 9, 7))
    count = 0
    for record in items:
        items_sheet.append(_item_cells(record, names))
        count += 1
    department_sheet = book.create_sheet(DEPARTMENT_SHEET)
    header(department_sheet, DEPARTMENT_HEADERS, (10, 26, 14, 10, 16, 30))
    for d in departments:
        department_sheet.append([d.code, d.name, d.kind, d.contact_person, d.phone, d.note])
    if with_guide:
        guide = book.create_sheet(GUIDE_SHEET)
        for line in GUIDE:
            guide.append(list(line))
        guide.column_dimensions["A"].width = 12
        guide.column_dimensions["B"].width = 110
        for cell in guide[1]:
            cell.font = bold
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return count


def export_xlsx(db: Database, actor: Actor, path: Path) -> int:
    """Writes the whole list (all sources and states) in the import format; returns the item count."""
    actor.require(Permission.MATTER_VIEW)
    version, departments, items = export_rows(db)
    count = _write_workbook(path, version, departments, items, _department_names(db), with_guide=False)
    with unit_of_work(db, actor) as uow:
        uow.audit(
            "导出事项清单", "事项清单版本", version.version if version else "", f"{count} 项 → {path.name}"
        )
    return count


def write_template(path: Path) -> None:
    """A blank workbook with the right sheets and headers, and a sheet explaining each column."""
    _write_workbook(path, None, [], [], {}, with_guide=True)
