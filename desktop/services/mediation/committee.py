"""People's mediation: the committee and its mediator roster."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import (
    MediationCommittee,
    Mediator,
    TownProfile,
)
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.accounts.users import check_phone
from desktop.services.common.text import ADDRESS, COMMITTEE_NAME, MEDIATOR_NOTE
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.mediation.rules import check_choice, check_text, resolve_person
from desktop.services.mediation.types import MEDIATOR_TITLES, Committee, MediatorView
from desktop.services.people import persons

# --- committee and roster ----------------------------------------------------------------------


def _committee_row(session: Session) -> MediationCommittee | None:
    return session.scalar(select(MediationCommittee).where(MediationCommittee.deleted_at.is_(None)).limit(1))


def _default_committee(session: Session) -> Committee:
    town = session.scalar(select(TownProfile).limit(1))
    town_name = town.name if town else ""
    short = town_name.removesuffix("镇").removesuffix("乡").removesuffix("街道") or "本"
    return Committee(f"{town_name}人民调解委员会", f"{short}人", "", "", town_name)


def read_committee(session: Session) -> Committee:
    row = _committee_row(session)
    default = _default_committee(session)
    if row is None:
        return default
    return Committee(row.name, row.file_prefix, row.address, row.phone, default.town_name)


def get_committee(db: Database, actor: Actor) -> Committee:
    actor.require(Permission.MEDIATION_VIEW)
    with db.reading() as session:
        return read_committee(session)


def ensure_committee(
    uow: UnitOfWork, name: str, file_prefix: str, address: str = "", phone: str = ""
) -> None:
    """Sets the committee inside an open unit of work (used by `update_committee` and the demo)."""
    uow.require(Permission.MEDIATION_MANAGE)
    name = check_text(name, "调解委员会名称", "committee's name", "name", limit=COMMITTEE_NAME)
    file_prefix = check_text(file_prefix, "文号前缀", "file-number prefix", "file_prefix", required=False)
    if not file_prefix or len(file_prefix) > 12 or re.search(r"[\s（）()第号]", file_prefix):
        raise ValidationError(
            "文号前缀请填写 1–12 个字，例如“清溪人”，文号将为（2026）清溪人调字第1号。",
            "The file-number prefix has 1–12 characters, e.g. 清溪人 for （2026）清溪人调字第1号.",
            "file_prefix",
        )
    row = _committee_row(uow.session)
    values = {
        "name": name,
        "file_prefix": file_prefix,
        "address": check_text(address, "地址", "address", "address", required=False, limit=ADDRESS),
        "phone": check_phone(phone, "phone"),
    }
    if row is None:
        uow.session.add(MediationCommittee(**values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    uow.session.flush()


def update_committee(
    db: Database, actor: Actor, name: str, file_prefix: str, address: str = "", phone: str = ""
) -> Committee:
    actor.require(Permission.MEDIATION_MANAGE)
    with unit_of_work(db, actor) as uow:
        ensure_committee(uow, name, file_prefix, address, phone)
    return get_committee(db, actor)


def add_mediator(
    uow: UnitOfWork,
    title: str,
    start: date,
    *,
    person_id: str | None = None,
    person: persons.PersonInput | None = None,
    note: str = "",
) -> Mediator:
    """Adds a person to the roster inside an open unit of work."""
    uow.require(Permission.MEDIATION_MANAGE)
    check_choice(title, MEDIATOR_TITLES, "职务", "title", "title")
    person_row = resolve_person(uow, person_id, person, "person")
    if person_row is None:
        raise ValidationError("请选择或填写调解员本人。", "Choose or enter the mediator.", "person")
    taken = uow.session.scalar(
        select(func.count())
        .select_from(Mediator)
        .where(
            Mediator.person_id == person_row.id, Mediator.end_date.is_(None), Mediator.deleted_at.is_(None)
        )
    )
    if taken:
        raise ValidationError(
            f"{person_row.name} 已在调解员名册中。", f"{person_row.name} is already on the roster.", "person"
        )
    row = Mediator(
        person_id=person_row.id,
        title=title,
        start_date=start,
        note=check_text(note, "备注", "note", "note", required=False, limit=MEDIATOR_NOTE),
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("加入名册", "人民调解员", row.id, f"{person_row.name}（{title}）")
    return row


def create_mediator(
    db: Database,
    actor: Actor,
    title: str,
    start: date,
    *,
    person_id: str | None = None,
    person: persons.PersonInput | None = None,
) -> str:
    actor.require(Permission.MEDIATION_MANAGE)
    with unit_of_work(db, actor) as uow:
        return add_mediator(uow, title, start, person_id=person_id, person=person).id


def end_mediator(db: Database, actor: Actor, mediator_id: str, end: date) -> None:
    actor.require(Permission.MEDIATION_MANAGE)
    with unit_of_work(db, actor) as uow:
        row = uow.session.get(Mediator, mediator_id)
        if row is None or row.deleted_at is not None:
            raise NotFound("找不到该调解员。", "Mediator not found.")
        if row.end_date is not None:
            raise UserError("该调解员已离开名册。", "This mediator has already left the roster.")
        if end < row.start_date:
            raise ValidationError(
                "离任日期不能早于任职日期。", "The end date is before the start date.", "end"
            )
        row.end_date = end


def list_mediators(db: Database, actor: Actor, *, active_only: bool = True) -> list[MediatorView]:
    actor.require(Permission.MEDIATION_VIEW)
    q = select(Mediator).options(selectinload(Mediator.person)).where(Mediator.deleted_at.is_(None))
    if active_only:
        q = q.where(Mediator.end_date.is_(None))
    with db.reading() as session:
        rows = session.scalars(q).all()
        order = {t: i for i, t in enumerate(MEDIATOR_TITLES)}
        rows = sorted(rows, key=lambda m: (order.get(m.title, 99), m.person.name))
        return [mediator_view(m) for m in rows]


def mediator_view(m: Mediator) -> MediatorView:
    return MediatorView(m.id, m.person_id, m.person.name, m.title, m.person.phone, m.start_date, m.end_date)
