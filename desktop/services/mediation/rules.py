"""People's mediation: small helpers and the field checks every step shares."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import ValidationError
from desktop.models import (
    Person,
)
from desktop.services.common.masking import mask_phone, mask_resident_id
from desktop.services.common.text import PERSON_NAME, clean_block, clean_line
from desktop.services.common.uow import UnitOfWork
from desktop.services.mediation.types import (
    MAX_TEXT,
    PersonView,
)
from desktop.services.people import persons

# --- small helpers -----------------------------------------------------------------------------


def format_file_number(year: int, prefix: str, seq: int) -> str:
    return f"（{year}）{prefix}调字第{seq}号"


def format_amount(cents: int | None) -> str:
    if cents is None:
        return ""
    yuan, fen = divmod(cents, 100)
    return f"{yuan:,}.{fen:02d} 元"


def parse_amount(text: str) -> int | None:
    """'12,345.6' (yuan) -> 1234560 cents; empty -> None."""
    raw = text.strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    if not raw:
        return None
    if not re.fullmatch(r"\d{1,12}(\.\d{1,2})?", raw):
        raise ValidationError(
            "争议金额请填写数字（元），最多两位小数，例如 12000 或 3500.50。",
            "Enter the amount in yuan, at most two decimals, e.g. 12000 or 3500.50.",
            "amount",
        )
    yuan, _, fen = raw.partition(".")
    return int(yuan) * 100 + int((fen + "00")[:2])


def local_today(db: Database) -> date:
    return to_local(db.clock()).date()


def check_text(
    value: str,
    zh: str,
    en: str,
    fld: str,
    *,
    required: bool = True,
    limit: int = MAX_TEXT,
    multiline: bool | None = None,
) -> str:
    """The field cleaned by the common rule (common.text); the long narrative fields (a limit of 1,000
    or more, unless `multiline` says otherwise) keep their line breaks, short ones are one line."""
    block = limit >= 1000 if multiline is None else multiline
    value = (clean_block if block else clean_line)(value, fld, limit, (zh, en))
    if required and not value:
        raise ValidationError(f"请填写{zh}。", f"Enter the {en}.", fld)
    return value


def check_day(
    value: date | None,
    today: date,
    zh: str,
    en: str,
    fld: str,
    *,
    not_before: date | None = None,
    before_what: tuple[str, str] = ("", ""),
) -> date:
    """`not_before` is the date of the decision the new date follows (`before_what` names it): a
    document dated before the decision it records would contradict the case file."""
    if value is None:
        raise ValidationError(f"请填写{zh}。", f"Enter the {en}.", fld)
    if value > today:
        raise ValidationError(f"{zh}不能晚于今天。", f"The {en} cannot be in the future.", fld)
    if not_before is not None and value < not_before:
        what_zh, what_en = before_what
        raise ValidationError(
            f"{zh}（{value:%Y-%m-%d}）不能早于{what_zh}（{not_before:%Y-%m-%d}）。"
            if what_zh
            else f"{zh}（{value:%Y-%m-%d}）不能早于 {not_before:%Y-%m-%d}。",
            f"The {en} ({value:%Y-%m-%d}) cannot be before the {what_en or 'date'} ({not_before:%Y-%m-%d}).",
            fld,
        )
    return value


def check_choice(value: str, choices: tuple[str, ...], zh: str, en: str, fld: str) -> str:
    if value not in choices:
        raise ValidationError(f"{zh}只能是：{'、'.join(choices)}。", f"Choose the {en} from the list.", fld)
    return value


def actor_name(uow: UnitOfWork) -> str:
    return uow.actor.display_name if uow.actor else ""


def person_view(p: Person | None, full_ids: bool) -> PersonView | None:
    """Full (`full_ids`, the reader has PERSON_VIEW_ID) or masked: then neither the whole ID nor the
    birth date beside it, which would give the hidden digits back."""
    if p is None:
        return None
    rid = p.resident_id or ""
    return PersonView(
        p.id,
        p.name,
        p.sex,
        p.ethnicity,
        p.birth_date if full_ids else None,
        rid if full_ids else mask_resident_id(rid),
        p.phone if full_ids else mask_phone(p.phone),
        p.address,
        p.birth_date.year if p.birth_date else None,
    )


def resolve_person(
    uow: UnitOfWork, person_id: str | None, data: persons.PersonInput | None, fld: str
) -> Person | None:
    """An existing registry row, or the one with the same resident ID, or a new one (collect once)."""
    if person_id:
        row = uow.session.get(Person, person_id)
        if row is None or row.deleted_at is not None:
            raise ValidationError("找不到所选人员。", "The chosen person does not exist.", fld)
        return row
    if data is None:
        return None
    if data.resident_id.strip():
        number = data.resident_id.strip().upper()
        existing = uow.session.scalar(select(Person).where(Person.resident_id == number))
        if existing is not None:
            if existing.name != clean_line(data.name, "name", PERSON_NAME, ("姓名", "name")):
                raise ValidationError(
                    f"该身份证号已登记为“{existing.name}”，与填写的姓名不一致，请核对。",
                    f"This resident ID is registered to “{existing.name}”; the name differs.",
                    "resident_id",
                )
            return existing
    return persons.add_person(uow, data)
