"""The person registry: one record per real person, referred to by events, cases and the roster."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any

from sqlalchemy import func, or_, select

from desktop.db import Database
from desktop.errors import NotFound, PermissionDenied, ValidationError
from desktop.models import AuditEntry, Base, Person, load_all
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.accounts.users import check_phone
from desktop.services.common.masking import age_by_year, exact_age, mask_phone, mask_resident_id
from desktop.services.common.resident_id import parse_resident_id
from desktop.services.common.text import (
    ADDRESS,
    AUDIT_REASON,
    ETHNICITY,
    LIKE_ESCAPE,
    PERSON_NAME,
    PERSON_NOTE,
    clean_block,
    clean_line,
    clean_search,
    like_contains,
)
from desktop.services.common.uow import RESULT_DENIED, RESULT_OK, UnitOfWork, unit_of_work


@dataclass(frozen=True)
class PersonInput:
    name: str
    resident_id: str = ""
    phone: str = ""
    address: str = ""
    ethnicity: str = ""
    sex: str = ""
    birth_date: date | None = None
    note: str = ""


@dataclass(frozen=True)
class PersonRow:
    """What a list shows. The ID is always masked (`reveal_resident_id` is the audited full view); the
    birth date, the part of the ID the mask hides, only to a reader who may see full IDs."""

    id: str
    name: str
    resident_id_masked: str
    sex: str
    birth_date: date | None  # None unless the reader has PERSON_VIEW_ID
    phone: str
    address: str
    birth_year: int | None = None  # what any reader may know: an age, counted by year

    def age_on(self, day: date) -> int | None:
        if self.birth_date is not None:
            return exact_age(self.birth_date, day)
        return age_by_year(self.birth_year, day) if self.birth_year is not None else None


def _clean(data: PersonInput) -> dict[str, object]:
    name = clean_line(data.name, "name", PERSON_NAME, ("姓名", "name"))
    if not name:
        raise ValidationError("请填写姓名。", "Enter the name.", "name")
    values: dict[str, object] = {
        "name": name,
        "phone": check_phone(data.phone),
        "address": clean_line(data.address, "address", ADDRESS, ("住址", "address")),
        "ethnicity": clean_line(data.ethnicity, "ethnicity", ETHNICITY, ("民族", "ethnicity")),
        "sex": data.sex,
        "birth_date": data.birth_date,
        "note": clean_block(data.note, "note", PERSON_NOTE, ("备注", "note")),
        "resident_id": None,
    }
    if data.sex not in ("", "男", "女"):
        raise ValidationError("性别只能是男或女。", "Sex is 男 or 女.", "sex")
    if data.resident_id.strip():
        parsed = parse_resident_id(data.resident_id)
        values.update(resident_id=parsed.number, sex=parsed.sex, birth_date=parsed.birth_date)
    return values


def add_person(uow: UnitOfWork, data: PersonInput) -> Person:
    """Adds inside an open unit of work (used by other services, e.g. the roster and the demo)."""
    values = _clean(data)
    if values["resident_id"]:
        existing = uow.session.scalar(select(Person).where(Person.resident_id == values["resident_id"]))
        if existing is not None:
            raise ValidationError(
                f"该身份证号已登记（{existing.name}），请直接选用已有人员。",
                f"This resident ID is already registered ({existing.name}); pick that person instead.",
                "resident_id",
            )
    person = Person(**values)
    uow.session.add(person)
    uow.session.flush()
    return person


def create_person(db: Database, actor: Actor, data: PersonInput) -> str:
    actor.require(Permission.PERSON_EDIT)
    with unit_of_work(db, actor) as uow:
        return add_person(uow, data).id


def search(db: Database, actor: Actor, text: str = "", limit: int = 100) -> list[PersonRow]:
    actor.require(Permission.PERSON_VIEW)
    q = select(Person).where(Person.deleted_at.is_(None))
    text = clean_search(text)
    if text and not actor.can(Permission.PERSON_VIEW_ID) and _is_full_number(text):
        _count_number_lookup(db, actor, text)
    if text:
        q = q.where(
            or_(
                Person.name.like(like_contains(text), escape=LIKE_ESCAPE),
                Person.phone == text,
                Person.resident_id == text.upper(),
            )
        )
    full = actor.can(Permission.PERSON_VIEW_ID)
    with db.reading() as session:
        return [
            PersonRow(
                p.id,
                p.name,
                mask_resident_id(p.resident_id),
                p.sex,
                p.birth_date if full else None,
                mask_phone(p.phone),
                p.address,
                p.birth_date.year if p.birth_date else None,
            )
            for p in session.scalars(q.order_by(Person.name).limit(limit))
        ]


NUMBER_LOOKUP = "按号码查找人员"
NUMBER_LOOKUPS_PER_WINDOW = 20
NUMBER_LOOKUP_WINDOW = timedelta(minutes=10)


def _is_full_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d{17}[\dXx]|1\d{10}", text))


def _count_number_lookup(db: Database, actor: Actor, text: str) -> None:
    """A search by a whole ID or phone number answers "is this someone's number?": for a user who may
    not see full numbers that is a guessing oracle (182,500 tries rebuild a masked ID). Each such
    lookup is audited, and more than a handful in ten minutes are refused."""
    masked = mask_resident_id(text) if len(text) == 18 else mask_phone(text)
    with unit_of_work(db, actor) as uow:
        since = uow.now - NUMBER_LOOKUP_WINDOW
        recent = uow.session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.user_id == actor.user_id,
                AuditEntry.action == NUMBER_LOOKUP,
                AuditEntry.result == RESULT_OK,
                AuditEntry.at >= since.astimezone(UTC),
            )
        )
        if (recent or 0) >= NUMBER_LOOKUPS_PER_WINDOW:
            uow.audit(NUMBER_LOOKUP, "人员", "", f"查询过于频繁，已拒绝：{masked}", result=RESULT_DENIED)
            refused = True
        else:
            uow.audit(NUMBER_LOOKUP, "人员", "", masked)
            refused = False
    if refused:
        raise PermissionDenied(
            f"10 分钟内按完整号码查找人员已超过 {NUMBER_LOOKUPS_PER_WINDOW} 次，请稍后再试或请有权限的同事查询。",
            f"More than {NUMBER_LOOKUPS_PER_WINDOW} look-ups by a whole number within 10 minutes; "
            "try later or ask a colleague with the permission.",
        )


def reveal_resident_id(db: Database, actor: Actor, person_id: str) -> str:
    """The full ID number, for a user allowed to see it; every such read is audited."""
    actor.require(Permission.PERSON_VIEW_ID)
    with unit_of_work(db, actor) as uow:
        person = uow.session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise NotFound("找不到该人员。", "Person not found.")
        uow.audit("查看身份证号", "人员", person.id, person.name)
        return person.resident_id or ""


# --- merging duplicates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    kept_id: str
    references: dict[str, int]  # table -> rows repointed


def _person_references() -> list[tuple[type[Any], str]]:
    """(model, attribute) for every column that refers to a person, found from the foreign keys, so
    a table added later is repointed too."""
    load_all()  # every model, the late ones too
    person_id = Person.__table__.c.id
    out = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        for prop in mapper.column_attrs:
            for column in prop.columns:
                if any(fk.column is person_id for fk in getattr(column, "foreign_keys", ())):
                    out.append((cls, prop.key))
    return sorted(out, key=lambda r: (r[0].__tablename__, r[1]))


def merge_persons(db: Database, actor: Actor, keep_id: str, drop_id: str, reason: str) -> MergeResult:
    """Folds `drop` into `keep`: every record that pointed at `drop` points at `keep`, what `keep`
    lacks (ID, phone, address…) is taken from `drop`, and `drop` is tombstoned. The reason is audited."""
    actor.require(Permission.PERSON_EDIT)
    reason = clean_line(reason, "reason", AUDIT_REASON, ("合并理由", "reason"))
    if not reason:
        raise ValidationError("请填写合并理由。", "Give the reason for the merge.", "reason")
    if keep_id == drop_id:
        raise ValidationError("请选择两个不同的人员。", "Choose two different people.", "drop")
    with unit_of_work(db, actor) as uow:
        keep = uow.session.get(Person, keep_id)
        drop = uow.session.get(Person, drop_id)
        if keep is None or drop is None or keep.deleted_at is not None or drop.deleted_at is not None:
            raise NotFound("找不到该人员。", "Person not found.")
        if keep.resident_id and drop.resident_id and keep.resident_id != drop.resident_id:
            raise ValidationError(
                "两人的身份证号不同，不是同一人，不能合并。",
                "The two have different resident IDs: not the same person.",
                "drop",
            )
        counts: dict[str, int] = {}
        for model, attr in _person_references():
            if model is Person:
                continue
            column = getattr(model, attr)
            rows = uow.session.scalars(select(model).where(column == drop.id)).all()
            if model.__tablename__ == "worker_profile" and rows:
                # One profile per person: keep's stays, drop's fills its gaps and goes with drop.
                mine = uow.session.scalar(select(model).where(column == keep.id))
                if mine is not None:
                    for field in ("employer", "photo_path", "photo_sha256"):
                        if not getattr(mine, field) and getattr(rows[0], field):
                            setattr(mine, field, getattr(rows[0], field))
                    rows[0].deleted_at = uow.now
                    continue
            for row in rows:
                setattr(row, attr, keep.id)
            if rows:
                counts[model.__tablename__] = counts.get(model.__tablename__, 0) + len(rows)
        moved_id = drop.resident_id if not keep.resident_id else None
        if moved_id:
            drop.resident_id = None  # the unique index holds one row per number
            uow.session.flush()
        for field in ("phone", "address", "ethnicity", "sex", "birth_date", "note"):
            if not getattr(keep, field) and getattr(drop, field):
                setattr(keep, field, getattr(drop, field))
        if moved_id:
            keep.resident_id = moved_id
        drop.deleted_at = uow.now
        uow.audit(
            "合并人员",
            "人员",
            keep.id,
            f"{drop.name} 并入 {keep.name}：{reason}",
            {"merged": drop.id, "reason": reason, "references": counts},
        )
        return MergeResult(keep.id, counts)
