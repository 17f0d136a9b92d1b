"""Comparing a matter-list file with the database, applying it, and writing the list back out.

Nothing is written unless the whole file is valid (`listfile` reads and checks it); a valid file is
compared with the database (added / changed / retired) and applied in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
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
    SOURCE_COUNTY,
    STATUS_IN_FORCE,
    STATUS_RETIRED,
)
from desktop.paths import private_temp
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor, Permission
from desktop.services.common.files import replace_file, require_text_path, save_atomically, temp_path_for
from desktop.services.common.pinyin import initials
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.common.xlsx import append_as_text
from desktop.services.matters.listfile import (
    CO_SEPARATOR,
    DEPARTMENT_HEADERS,
    DEPARTMENT_SHEET,
    GUIDE_SHEET,
    ITEM_HEADERS,
    ITEM_SHEET,
    VERSION_SHEET,
    DepartmentRecord,
    ItemRecord,
    ListFile,
    VersionInfo,
    read_default_list,
)

# --- comparing -------------------------------------------------------------------------------------

ITEM_FIELD_LABELS = {
    "name": "事项名称", "description": "事项说明", "category_code": "类别", "level": "处置层级",
    "lead_department_code": "牵头部门", "co_department_codes": "协办部门", "time_limit_days": "办理时限",
    "admitted": "是否准入", "admitted_from": "准入日期", "admitted_until": "退出日期",
    "admission_note": "准入说明", "legal_basis": "法律政策依据", "source": "来源", "status": "状态",
    "keywords": "关键词",
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
        item.legal_basis, item.source, item.status, item.keywords,
    )  # fmt: skip


def _differs(old: ItemRecord, record: ItemRecord, key: str) -> bool:
    if key == "keywords" and record.keywords is None:
        return False  # a file without the column leaves the keywords as they are
    return bool(getattr(old, key) != getattr(record, key))


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
            if _differs(old, record, key)
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


def _check_department_names(uow: UnitOfWork, incoming: ListFile) -> None:
    """A department name belongs to one code (the database keeps names unique): a file that gives a
    name still held by another code would fail half-way through applying, after the diff was shown."""
    final = {d.code: d.name for d in uow.session.scalars(select(Department))}
    final.update({d.code: d.name for d in incoming.departments})
    holders: dict[str, list[str]] = {}
    for code, name in final.items():
        holders.setdefault(name, []).append(code)
    for dept in incoming.departments:
        other = next((code for code in holders[dept.name] if code != dept.code), None)
        if other is not None:
            raise UserError(
                f"部门“{dept.name}”在文件中的编码是 {dept.code}，但系统中这个名称属于部门 {other}，一个名称只能"
                f"属于一个部门。请在文件中沿用编码 {other}，或给新部门另取名称；没有导入任何内容。",
                f"The department “{dept.name}” has the code {dept.code} in the file, but in the program that "
                f"name belongs to department {other}; keep the code {other} in the file or give the new "
                "department another name. Nothing was imported.",
            )


def compare(db: Database, actor: Actor, incoming: ListFile) -> ListDiff:
    """What applying `incoming` would change. Read-only."""
    actor.require(Permission.MATTER_EDIT)
    with db.write_session() as session:
        uow = UnitOfWork(db, actor, session)
        diff = _compare(uow, incoming)
        _check_newer(diff, uow)
        _check_department_names(uow, incoming)
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
    _check_department_names(uow, incoming)
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
    if record.keywords is not None:
        item.keywords = record.keywords


def apply(db: Database, actor: Actor, incoming: ListFile) -> ListDiff:
    """Applies a checked file in one transaction: either all of it or nothing."""
    actor.require(Permission.MATTER_EDIT)
    with unit_of_work(db, actor) as uow:
        return _apply(uow, incoming)


def apply_in(uow: UnitOfWork, incoming: ListFile) -> ListDiff:
    """Applies a list inside the caller's transaction (a version the county published through sync)."""
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
        record.admission_note, record.legal_basis, record.source, record.status, record.keywords or "",
    ]  # fmt: skip


GUIDE = [
    ("工作表", "说明"),
    ("版本", "两列：清单版本号（如 2026.2）、发布日期（年-月-日）、发布单位、说明。导入的版本须比当前版本新。"),
    ("部门", "部门编码、部门名称必填；部门类型为 镇街内设机构 / 派驻机构 / 县直部门。事项中的部门名称须在此表或系统通讯录中。"),
    ("事项清单", "每行一个事项。编码唯一；处置层级为 网格 / 镇街 / 县级；办理时限为正整数（工作日）；"
     "是否准入填 是 或 否；日期写成 2026-01-01；来源为 县级发布 或 乡镇自定；状态为 有效 或 已停用；"
     "关键词是群众常用的说法，用顿号或空格分隔（如：噪音、吵闹），没有这一列的旧文件导入时保留原有关键词。"),
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
    # Every value goes in as a string cell: text starting with = or an Excel error code stays text.
    append_as_text(version_sheet, ["清单版本号", version.version if version else ""])
    append_as_text(version_sheet, ["发布日期", version.published_on.isoformat() if version else ""])
    append_as_text(version_sheet, ["发布单位", version.publisher if version else ""])
    append_as_text(version_sheet, ["说明", version.note if version else ""])
    version_sheet.column_dimensions["A"].width = 14
    version_sheet.column_dimensions["B"].width = 40
    for row in version_sheet.iter_rows(max_col=1):
        row[0].font = bold
    items_sheet = book.create_sheet(ITEM_SHEET)
    header(items_sheet, ITEM_HEADERS, (8, 14, 8, 16, 10, 22, 40, 8, 18, 26, 8, 8, 11, 11, 20, 30, 9, 7, 24))
    count = 0
    for record in items:
        append_as_text(items_sheet, _item_cells(record, names))
        count += 1
    department_sheet = book.create_sheet(DEPARTMENT_SHEET)
    header(department_sheet, DEPARTMENT_HEADERS, (10, 26, 14, 10, 16, 30))
    for d in departments:
        append_as_text(department_sheet, [d.code, d.name, d.kind, d.contact_person, d.phone, d.note])
    if with_guide:
        guide = book.create_sheet(GUIDE_SHEET)
        for line in GUIDE:
            guide.append(list(line))
        guide.column_dimensions["A"].width = 12
        guide.column_dimensions["B"].width = 110
        for cell in guide[1]:
            cell.font = bold
    book.save(path)
    return count


def export_xlsx(db: Database, actor: Actor, path: Path) -> int:
    """Writes the whole list (all sources and states) in the import format; returns the item count.

    The workbook is written beside the target under a temporary name and renamed over it only when
    complete, so a failed or killed export leaves the previous file as it was."""
    actor.require(Permission.MATTER_VIEW)
    version, departments, items = export_rows(db)
    names = _department_names(db)
    target = Path(path)
    require_text_path(target)  # else the audit row, written after the rename, would fail
    temp = temp_path_for(target)
    try:
        with private_temp(db.path):  # openpyxl's sheet files hold the list until the save
            count = _write_workbook(temp, version, departments, items, names, with_guide=False)
        # The rename is the last step of the audit's transaction: no file without its audit row.
        with unit_of_work(db, actor) as uow:
            uow.audit(
                "导出事项清单",
                "事项清单版本",
                version.version if version else "",
                f"{count} 项 → {target.name}",
            )
            replace_file(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return count


def write_template(path: Path) -> None:
    """A blank workbook with the right sheets and headers, and a sheet explaining each column."""
    save_atomically(Path(path), lambda temp: _write_workbook(temp, None, [], [], {}, with_guide=True))
