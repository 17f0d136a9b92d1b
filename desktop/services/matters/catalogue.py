"""Browsing and editing the matter list and the departments directory.

County-published items and departments are read-only in the town; the town adds, edits, retires and
restores its own (乡镇自定). Filtering and searching happen in SQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import (
    AuditEntry,
    Department,
    Event,
    EventAction,
    MatterCategory,
    MatterDomain,
    MatterItem,
    MatterListVersion,
)
from desktop.models.matter import (
    DEPARTMENT_KINDS,
    LEVELS,
    SOURCE_COUNTY,
    SOURCE_TOWN,
    STATUS_IN_FORCE,
    STATUS_RETIRED,
)
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.accounts.users import check_phone
from desktop.services.common.pinyin import initials
from desktop.services.common.text import (
    ADMISSION_NOTE,
    CONTACT_PERSON,
    DEPARTMENT_NAME,
    DEPARTMENT_NOTE,
    ITEM_DESCRIPTION,
    ITEM_KEYWORDS,
    ITEM_NAME,
    LEGAL_BASIS,
    clean_block,
    clean_line,
    clean_search,
)
from desktop.services.common.uow import UnitOfWork, unit_of_work

# Item and department codes: one rule for the forms here and for imported files.
CODE_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,19}$")

READ_ONLY_ZH = "县级发布的内容在乡镇只能查看，不能修改；如需调整请报县级中心。"
READ_ONLY_EN = "County-published entries are read-only in the town; ask the county centre to change them."


# --- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryNode:
    id: str
    code: str
    name: str
    items: int


@dataclass(frozen=True)
class DomainNode:
    id: str
    code: str
    name: str
    categories: tuple[CategoryNode, ...]

    @property
    def items(self) -> int:
        return sum(c.items for c in self.categories)


@dataclass(frozen=True)
class ItemRow:
    id: str
    code: str
    name: str
    category: str
    level: str
    lead_department: str
    time_limit_days: int
    admitted: bool
    source: str
    status: str
    frequent: bool = False  # among the acting operator's most used items (the intake picker's)


@dataclass(frozen=True)
class ItemDetail:
    id: str
    code: str
    name: str
    description: str
    keywords: str
    domain_code: str
    domain_name: str
    category_id: str
    category_code: str
    category_name: str
    level: str
    lead_department_code: str
    lead_department: str
    co_department_codes: tuple[str, ...]
    co_departments: tuple[str, ...]
    time_limit_days: int
    admitted: bool
    admitted_from: date | None
    admitted_until: date | None
    admission_note: str
    legal_basis: str
    source: str
    status: str
    list_version: str
    ver: int

    @property
    def editable(self) -> bool:
        return self.source == SOURCE_TOWN


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    username: str
    action: str
    changes: tuple[tuple[str, str, str], ...]  # (field, before, after)


@dataclass(frozen=True)
class VersionRow:
    version: str
    published_on: date
    publisher: str
    applied_at: datetime
    applied_by: str
    added: int
    changed: int
    retired: int


def category_tree(db: Database, actor: Actor, include_retired: bool = False) -> list[DomainNode]:
    actor.require(Permission.MATTER_VIEW)
    with db.reading() as session:
        counts_q = select(MatterItem.category_id, func.count()).group_by(MatterItem.category_id)
        if not include_retired:
            counts_q = counts_q.where(MatterItem.status == STATUS_IN_FORCE)
        counts = dict(session.execute(counts_q).all())
        domains = session.scalars(
            select(MatterDomain)
            .where(MatterDomain.deleted_at.is_(None))
            .options(selectinload(MatterDomain.categories))
            .order_by(MatterDomain.code)
        ).all()
        return [
            DomainNode(
                d.id, d.code, d.name,
                tuple(CategoryNode(c.id, c.code, c.name, int(counts.get(c.id, 0))) for c in d.categories),
            )
            for d in domains
        ]  # fmt: skip


@dataclass(frozen=True)
class ItemQuery:
    domain_id: str = ""
    category_id: str = ""
    text: str = ""  # name, code, pinyin initials or an everyday keyword
    include_retired: bool = False
    source: str = ""
    level: str = ""


def _items_query(q: ItemQuery, keyword_ids: Collection[str] = ()) -> Select[MatterItem]:
    """`keyword_ids`: items with a keyword the typed text contains (`_ids_by_keyword_in`)."""
    stmt = select(MatterItem).where(MatterItem.deleted_at.is_(None))
    if q.category_id:
        stmt = stmt.where(MatterItem.category_id == q.category_id)
    elif q.domain_id:
        stmt = stmt.join(MatterCategory).where(MatterCategory.domain_id == q.domain_id)
    if not q.include_retired:
        stmt = stmt.where(MatterItem.status == STATUS_IN_FORCE)
    if q.source:
        stmt = stmt.where(MatterItem.source == q.source)
    if q.level:
        stmt = stmt.where(MatterItem.level == q.level)
    text = clean_search(q.text)
    if text:
        conditions = [
            MatterItem.name.contains(text, autoescape=True),
            MatterItem.code.startswith(text, autoescape=True),
        ]
        if word := KEYWORD_SEPARATORS.sub("", text):  # 「、」 alone must not match every item's list
            conditions.append(MatterItem.keywords.contains(word, autoescape=True))
        if keyword_ids:
            conditions.append(MatterItem.id.in_(keyword_ids))
        if re.fullmatch(r"[A-Za-z]+", text):
            conditions.append(MatterItem.initials.contains(text.lower(), autoescape=True))
        stmt = stmt.where(or_(*conditions))
    return stmt


KEYWORD_SEPARATORS = re.compile(r"[、,，;；\s]+")


def split_keywords(keywords: str) -> list[str]:
    return [word for word in KEYWORD_SEPARATORS.split(keywords) if word]


def normalise_keywords(value: object) -> str:
    """Keywords as stored: cleaned like any one-line text, split at 、, commas, semicolons or spaces,
    duplicates dropped, joined with 、 (never longer than what was typed, so the limit holds)."""
    if isinstance(value, str):
        value = value.replace("\x85", " ")  # a NEL line break separates, where clean_line would drop it
    text = clean_line(value, "keywords", ITEM_KEYWORDS, ("关键词", "keywords"))
    return "、".join(dict.fromkeys(split_keywords(text)))


def _ids_by_keyword_in(session: Session, text: str) -> list[str]:
    """Items one of whose keywords the typed text contains (楼上漏水 finds the 漏水 items). SQL cannot
    split the keywords, and the whole list is a few hundred short rows, so this is done here."""
    if len(text) < 2:
        return []  # a one-character text finds keywords by `contains` already
    rows = session.execute(
        select(MatterItem.id, MatterItem.keywords).where(
            MatterItem.keywords != "", MatterItem.deleted_at.is_(None)
        )
    )
    return [item_id for item_id, keywords in rows if any(word in text for word in split_keywords(keywords))]


def search_items(db: Database, actor: Actor, q: ItemQuery, limit: int = 1000) -> list[ItemRow]:
    """Items matching the query, by code. The whole list is a few hundred rows, so no paging."""
    actor.require(Permission.MATTER_VIEW)
    with db.reading() as session:
        names = dict(session.execute(select(Department.code, Department.name)).all())
        keyword_ids = _ids_by_keyword_in(session, clean_search(q.text))
        rows = session.scalars(
            _items_query(q, keyword_ids)
            .options(selectinload(MatterItem.category))
            .order_by(MatterItem.code)
            .limit(limit)
        ).all()
        return [_item_row(i, names) for i in rows]


def _item_row(item: MatterItem, names: dict[str, str], frequent: bool = False) -> ItemRow:
    return ItemRow(
        item.id, item.code, item.name, item.category.name, item.level, names.get(item.lead_department_code, ""),
        item.time_limit_days, item.admitted, item.source, item.status, frequent,
    )  # fmt: skip


# --- the intake picker: the operator's usual items first -------------------------------------------

USUAL_WINDOW = 200  # the operator's latest registrations that count
USUAL_DAYS = 90  # ... within this many days: older habits fade out, and the scan stays short
USUAL_SHOWN = 8  # offered with an empty search box
REGISTERED = "受理"  # the step create_event writes (and accepting a reported event)


def usual_ranking(db: Database, actor: Actor) -> list[str]:
    """Item ids the actor registered events under lately, most used first, then most recent.

    One query: the actor's newest USUAL_WINDOW 受理 steps of the last USUAL_DAYS, joined to their
    events by key. It walks ix_event_action_kind_at over the window (every operator's steps, about
    60,000 rows and 0.2 s in a town of a million events); an index on event_action (actor_user_id,
    kind, at) would make it a direct look-up. Callers keep the result for a form's lifetime."""
    if not actor.user_id:
        return []
    recent = (
        select(EventAction.event_id, EventAction.at)
        .where(
            EventAction.kind == REGISTERED,
            EventAction.at >= db.clock() - timedelta(days=USUAL_DAYS),
            EventAction.actor_user_id == actor.user_id,
        )
        .order_by(EventAction.at.desc())
        .limit(USUAL_WINDOW)
        .subquery()
    )
    stmt = (
        select(Event.matter_item_id)
        .join(recent, recent.c.event_id == Event.id)
        .group_by(Event.matter_item_id)
        .order_by(func.count().desc(), func.max(recent.c.at).desc())
    )
    with db.reading() as session:
        return list(session.scalars(stmt))


def usual_items(
    db: Database, actor: Actor, ranking: list[str] | None = None, limit: int = USUAL_SHOWN
) -> list[ItemRow]:
    """The items in force the actor used most (and most lately) in registering events. `ranking`:
    `usual_ranking`'s answer when the caller already has it."""
    actor.require(Permission.MATTER_VIEW)
    ranking = usual_ranking(db, actor) if ranking is None else ranking
    if not ranking:
        return []
    with db.reading() as session:
        names = dict(session.execute(select(Department.code, Department.name)).all())
        items = {
            i.id: i
            for i in session.scalars(
                select(MatterItem)
                .where(
                    MatterItem.id.in_(ranking),
                    MatterItem.status == STATUS_IN_FORCE,
                    MatterItem.deleted_at.is_(None),
                )
                .options(selectinload(MatterItem.category))
            )
        }
        return [_item_row(items[i], names, frequent=True) for i in ranking if i in items][:limit]


def picker_items(
    db: Database, actor: Actor, text: str, limit: int = 50, ranking: list[str] | None = None
) -> list[ItemRow]:
    """The intake picker's list. No text: the actor's usual items. Text: the matches, those the actor
    used lately first (most used first), then the rest by code."""
    ranking = usual_ranking(db, actor) if ranking is None else ranking
    if not clean_search(text):
        return usual_items(db, actor, ranking)
    rows = search_items(db, actor, ItemQuery(text=text))
    rank = {item_id: n for n, item_id in enumerate(ranking)}
    rows.sort(key=lambda r: rank.get(r.id, len(rank)))  # stable: the rest stays in code order
    return [replace(r, frequent=r.id in rank) for r in rows[:limit]]


def get_item(db: Database, actor: Actor, item_id: str) -> ItemDetail:
    actor.require(Permission.MATTER_VIEW)
    with db.reading() as session:
        item = session.get(
            MatterItem,
            item_id,
            options=[selectinload(MatterItem.category).selectinload(MatterCategory.domain)],
        )
        if item is None:
            raise NotFound("找不到该事项。", "Matter item not found.")
        names = dict(session.execute(select(Department.code, Department.name)).all())
        cat = item.category
        return ItemDetail(
            item.id, item.code, item.name, item.description, item.keywords, cat.domain.code, cat.domain.name, cat.id,
            cat.code, cat.name, item.level, item.lead_department_code,
            names.get(item.lead_department_code, item.lead_department_code), tuple(item.co_departments),
            tuple(names.get(c, c) for c in item.co_departments), item.time_limit_days, item.admitted,
            item.admitted_from, item.admitted_until, item.admission_note, item.legal_basis, item.source,
            item.status, item.list_version, item.ver,
        )  # fmt: skip


def item_history(db: Database, actor: Actor, item_id: str) -> list[HistoryEntry]:
    """The item's changes, newest first, read from the audit log (which keeps before/after values)."""
    actor.require(Permission.MATTER_VIEW)
    with db.reading() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == MatterItem.__label__, AuditEntry.object_id == item_id)
            .order_by(AuditEntry.seq.desc())
        ).all()
    history = []
    for row in rows:
        detail = json.loads(row.detail) if row.detail else {}
        before, after = detail.get("before", {}), detail.get("after", {})
        keys = [k for k in after if k != "initials"]
        changes = tuple((_FIELD_NAMES.get(k, k), str(before.get(k, "")), str(after.get(k, ""))) for k in keys)
        history.append(HistoryEntry(row.at, row.username, row.action, changes))
    return history


_FIELD_NAMES = {
    "code": "事项编码", "name": "事项名称", "description": "事项说明", "keywords": "关键词", "category_id": "类别",
    "level": "处置层级", "lead_department_code": "牵头部门", "co_department_codes": "协办部门",
    "time_limit_days": "办理时限", "admitted": "是否准入", "admitted_from": "准入日期",
    "admitted_until": "退出日期", "admission_note": "准入说明", "legal_basis": "法律政策依据",
    "source": "来源", "status": "状态", "list_version": "清单版本",
}  # fmt: skip


def versions(db: Database, actor: Actor) -> list[VersionRow]:
    actor.require(Permission.MATTER_VIEW)
    with db.reading() as session:
        rows = session.scalars(select(MatterListVersion).order_by(MatterListVersion.applied_at.desc())).all()
        return [
            VersionRow(
                v.version,
                v.published_on,
                v.publisher,
                v.applied_at,
                v.applied_by,
                v.added,
                v.changed,
                v.retired,
            )
            for v in rows
        ]


def current_version(db: Database) -> VersionRow | None:
    """The newest published version applied here (anyone logged in may see it)."""
    with db.reading() as session:
        rows = session.scalars(select(MatterListVersion)).all()
    if not rows:
        return None
    newest = max(rows, key=lambda v: (v.published_on, tuple(int(n) for n in re.findall(r"\d+", v.version))))
    return VersionRow(
        newest.version, newest.published_on, newest.publisher, newest.applied_at, newest.applied_by,
        newest.added, newest.changed, newest.retired,
    )  # fmt: skip


def category_choices(db: Database) -> list[tuple[str, str, bool]]:
    """(code, name, is_domain) for the domains and their categories in code order: the category
    filter of the event list (reference data any logged-in user may read)."""
    with db.reading() as session:
        domains = session.execute(
            select(MatterDomain.id, MatterDomain.code, MatterDomain.name)
            .where(MatterDomain.deleted_at.is_(None))
            .order_by(MatterDomain.code)
        ).all()
        categories = session.execute(
            select(MatterCategory.domain_id, MatterCategory.code, MatterCategory.name)
            .where(MatterCategory.deleted_at.is_(None))
            .order_by(MatterCategory.code)
        ).all()
    out: list[tuple[str, str, bool]] = []
    for domain_id, code, name in domains:
        out.append((code, name, True))
        out += [(c_code, c_name, False) for d_id, c_code, c_name in categories if d_id == domain_id]
    return out


# --- editing the town's own items ------------------------------------------------------------------


@dataclass(frozen=True)
class ItemInput:
    category_id: str
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
    admission_note: str = ""
    legal_basis: str = ""
    keywords: str = ""  # everyday words people use for it, separated by 、 or spaces


def _cleaned_item(data: ItemInput) -> ItemInput:
    """The item's text as it is stored, within the limits the matter-list import applies too."""
    return replace(
        data,
        code=data.code.strip(),
        name=clean_line(data.name, "name", ITEM_NAME, ("事项名称", "item name")),
        description=clean_block(
            data.description, "description", ITEM_DESCRIPTION, ("事项说明", "description")
        ),
        admission_note=clean_line(
            data.admission_note, "admission_note", ADMISSION_NOTE, ("准入说明", "admission note")
        ),
        legal_basis=clean_block(
            data.legal_basis, "legal_basis", LEGAL_BASIS, ("法律政策依据", "legal basis")
        ),
        keywords=normalise_keywords(data.keywords),
    )


def _check_item(uow: UnitOfWork, data: ItemInput) -> ItemInput:
    data = _cleaned_item(data)
    if not data.name:
        raise ValidationError("请填写事项名称。", "Enter the item's name.", "name")
    if not CODE_PATTERN.match(data.code.strip()):
        raise ValidationError(
            "事项编码由字母、数字组成，例如 0201901。", "Codes are letters and digits.", "code"
        )
    if uow.session.get(MatterCategory, data.category_id) is None:
        raise ValidationError("请选择事项类别。", "Choose a category.", "category_id")
    if data.level not in LEVELS:
        raise ValidationError("请选择处置层级。", "Choose the handling level.", "level")
    known = set(uow.session.scalars(select(Department.code).where(Department.status == STATUS_IN_FORCE)))
    if data.lead_department_code not in known:
        raise ValidationError("请选择牵头部门。", "Choose the lead department.", "lead_department_code")
    unknown = [c for c in data.co_department_codes if c not in known]
    if unknown:
        raise ValidationError(
            "协办部门不在部门通讯录中。", "Unknown co-operating department.", "co_department_codes"
        )
    if not 1 <= data.time_limit_days <= 365:
        raise ValidationError(
            "办理时限应为 1 到 365 之间的整数（工作日）。",
            "The time limit is 1–365 working days.",
            "time_limit_days",
        )
    if data.admitted and data.admitted_from is None:
        raise ValidationError("准入网格的事项请填写准入日期。", "Give the admission date.", "admitted_from")
    if data.admitted_from and data.admitted_until and data.admitted_until < data.admitted_from:
        raise ValidationError(
            "退出日期不能早于准入日期。", "The exit date is before the admission date.", "admitted_until"
        )
    return data


def _assign(item: MatterItem, data: ItemInput) -> None:
    item.category_id = data.category_id
    item.name = data.name.strip()
    item.initials = initials(item.name)
    item.description = data.description.strip()
    item.level = data.level
    item.lead_department_code = data.lead_department_code
    item.co_department_codes = ",".join(dict.fromkeys(data.co_department_codes))
    item.time_limit_days = data.time_limit_days
    item.admitted = data.admitted
    item.admitted_from = data.admitted_from
    item.admitted_until = data.admitted_until
    item.admission_note = data.admission_note.strip()
    item.legal_basis = data.legal_basis.strip()
    item.keywords = data.keywords


ITEM_NOT_FOUND = ("找不到该事项。", "Matter item not found.")
ITEM_STALE = (
    "该事项刚被其他人修改过，请关闭后重新打开再改。",
    "Someone else changed this item meanwhile; reopen it and edit again.",
)


def _local_item(uow: UnitOfWork, item_id: str, expected_ver: int | None = None) -> MatterItem:
    item = uow.load_for_update(MatterItem, item_id, expected_ver, not_found=ITEM_NOT_FOUND, stale=ITEM_STALE)
    if item.source != SOURCE_TOWN:
        raise UserError(READ_ONLY_ZH, READ_ONLY_EN)
    return item


def create_local_item(db: Database, actor: Actor, data: ItemInput) -> str:
    actor.require(Permission.MATTER_EDIT)
    with unit_of_work(db, actor) as uow:
        data = _check_item(uow, data)
        code = data.code
        if uow.session.scalar(select(MatterItem.id).where(MatterItem.code == code)):
            raise ValidationError(f"事项编码 {code} 已被使用。", f"Code {code} is taken.", "code")
        item = MatterItem(code=code, source=SOURCE_TOWN, status=STATUS_IN_FORCE, list_version="")
        _assign(item, data)
        uow.session.add(item)
        uow.session.flush()
        return item.id


def update_local_item(db: Database, actor: Actor, item_id: str, data: ItemInput, expected_ver: int) -> None:
    actor.require(Permission.MATTER_EDIT)
    with unit_of_work(db, actor) as uow:
        item = _local_item(uow, item_id, expected_ver)
        if data.code.strip() != item.code:
            raise ValidationError("事项编码保存后不能修改。", "An item's code cannot change.", "code")
        _assign(item, _check_item(uow, data))


def set_item_retired(db: Database, actor: Actor, item_id: str, retired: bool, reason: str = "") -> None:
    """Retires (停用) or restores a town item. Never deletes: old events keep their classification."""
    actor.require(Permission.MATTER_EDIT)
    reason = clean_line(reason, "reason", ADMISSION_NOTE, ("停用原因", "reason"))
    if retired and not reason:
        raise ValidationError("请写明停用原因。", "Give the reason for retiring it.", "reason")
    with unit_of_work(db, actor) as uow:
        item = _local_item(uow, item_id)
        item.status = STATUS_RETIRED if retired else STATUS_IN_FORCE
        if retired:
            item.admitted_until = item.admitted_until or uow.now.date()
            item.admission_note = reason
        else:
            item.admitted_until = None


def suggest_local_code(db: Database, category_id: str) -> str:
    """The next free code for a town item in a category: category code + 9 + two digits."""
    with db.reading() as session:
        category = session.get(MatterCategory, category_id)
        if category is None:
            return ""
        prefix = f"{category.code}9"
        taken = set(session.scalars(select(MatterItem.code).where(MatterItem.code.startswith(prefix))))
    for n in range(1, 100):
        code = f"{prefix}{n:02d}"
        if code not in taken:
            return code
    return ""


# --- departments -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentRow:
    id: str
    code: str
    name: str
    kind: str
    contact_person: str
    phone: str
    note: str
    source: str
    status: str

    @property
    def editable(self) -> bool:
        return self.source == SOURCE_TOWN


def list_departments(
    db: Database, actor: Actor, kind: str = "", text: str = "", include_retired: bool = False
) -> list[DepartmentRow]:
    """The directory; readable by anyone logged in, since dispatch and events use it."""
    stmt = select(Department).where(Department.deleted_at.is_(None))
    if kind:
        stmt = stmt.where(Department.kind == kind)
    if not include_retired:
        stmt = stmt.where(Department.status == STATUS_IN_FORCE)
    t = clean_search(text)
    if t:
        stmt = stmt.where(
            or_(
                Department.name.contains(t, autoescape=True),
                Department.contact_person.contains(t, autoescape=True),
                Department.code.startswith(t, autoescape=True),
            )
        )
    with db.reading() as session:
        return [
            DepartmentRow(d.id, d.code, d.name, d.kind, d.contact_person, d.phone, d.note, d.source, d.status)
            for d in session.scalars(stmt.order_by(_KIND_ORDER, Department.code))
        ]


# Town offices first, then stationed units, then county departments: the order people look for them.
_KIND_ORDER = case({kind: n for n, kind in enumerate(DEPARTMENT_KINDS)}, value=Department.kind, else_=9)


@dataclass(frozen=True)
class DepartmentInput:
    code: str
    name: str
    kind: str
    contact_person: str = ""
    phone: str = ""
    note: str = ""


def _check_department(uow: UnitOfWork, data: DepartmentInput, own_id: str | None) -> DepartmentInput:
    code = data.code.strip()
    name = clean_line(data.name, "name", DEPARTMENT_NAME, ("部门名称", "department name"))
    if not CODE_PATTERN.match(code):
        raise ValidationError(
            "部门编码由字母、数字组成，例如 ZJ20。", "Codes are letters and digits.", "code"
        )
    if not name:
        raise ValidationError("请填写部门名称。", "Enter the department's name.", "name")
    if data.kind not in DEPARTMENT_KINDS:
        raise ValidationError("请选择部门类型。", "Choose the department kind.", "kind")
    for column, value, field, zh in (
        (Department.code, code, "code", "编码"),
        (Department.name, name, "name", "名称"),
    ):
        other = uow.session.scalar(select(Department.id).where(column == value))
        if other is not None and other != own_id:
            raise ValidationError(f"部门{zh}“{value}”已存在。", f"That department {field} exists.", field)
    return DepartmentInput(
        code, name, data.kind,
        clean_line(data.contact_person, "contact_person", CONTACT_PERSON, ("联系人", "contact person")),
        check_phone(data.phone), clean_line(data.note, "note", DEPARTMENT_NOTE, ("备注", "note")),
    )  # fmt: skip


def save_department(
    db: Database, actor: Actor, data: DepartmentInput, department_id: str | None = None
) -> str:
    """Adds a town department, or edits one the town added. County departments are read-only."""
    actor.require(Permission.MATTER_EDIT)
    with unit_of_work(db, actor) as uow:
        clean = _check_department(uow, data, department_id)
        if department_id is None:
            row = Department(source=SOURCE_TOWN, status=STATUS_IN_FORCE, code=clean.code)
            uow.session.add(row)
        else:
            found = uow.load_for_update(
                Department, department_id, None, not_found=("找不到该部门。", "Department not found.")
            )
            if found.source != SOURCE_TOWN:
                raise UserError(READ_ONLY_ZH, READ_ONLY_EN)
            if found.code != clean.code:
                raise ValidationError(
                    "部门编码保存后不能修改。", "A department's code cannot change.", "code"
                )
            row = found
        row.name, row.kind = clean.name, clean.kind
        row.contact_person, row.phone, row.note = clean.contact_person, clean.phone, clean.note
        uow.session.flush()
        return row.id


def counts(db: Database) -> dict[str, int]:
    """For `towncentre stats`: live items, categories, domains and departments."""
    with db.reading() as session:
        return {
            "matter_items": int(
                session.scalar(
                    select(func.count()).select_from(MatterItem).where(MatterItem.status == STATUS_IN_FORCE)
                )
                or 0
            ),
            "matter_items_retired": int(
                session.scalar(
                    select(func.count()).select_from(MatterItem).where(MatterItem.status == STATUS_RETIRED)
                )
                or 0
            ),
            "matter_categories": int(session.scalar(select(func.count()).select_from(MatterCategory)) or 0),
            "matter_domains": int(session.scalar(select(func.count()).select_from(MatterDomain)) or 0),
            "departments": int(
                session.scalar(
                    select(func.count()).select_from(Department).where(Department.status == STATUS_IN_FORCE)
                )
                or 0
            ),
        }


__all__ = ["SOURCE_COUNTY", "SOURCE_TOWN"]
