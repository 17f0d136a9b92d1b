"""Masking of personal data in lists, exports and audit summaries (domain/README.md, PIPL).

A resident ID is the issuing county (6 digits), the birth date (8), a sequence number whose last digit
is odd for men (3) and a check character (1). A masked ID keeps only the county, and a reader who may not
see full IDs gets no birth date beside it either: at most the birth year (an age). What is left to guess
is every day of that year times every sequence number of that sex, 365 × 500 = 182,500 valid numbers
(docs/security.md, 「身份证号与出生日期」).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

REGION_DIGITS = 6


def mask_resident_id(value: str | None) -> str:
    """330127195903120199 -> 330127************: the county stays (the address tells it anyway).

    The last four go as well: with them, the birth year alone narrows the number to ~33 candidates
    (366 days, and the check character rules out 10 in 11). An already masked value masks the same way."""
    if not value:
        return ""
    if len(value) < 15:  # not a resident ID (15 or 18 characters): nothing of it stays
        return "*" * len(value)
    return value[:REGION_DIGITS] + "*" * (len(value) - REGION_DIGITS)


def mask_birth_date(value: date | str | None) -> str:
    """1959-03-12 -> 1959-**-**: the year, which an age tells anyway; never the month or the day."""
    if value is None or value == "":
        return ""
    year = value.year if isinstance(value, date) else value[:4]
    return f"{year}-**-**"


def age_by_year(birth_year: int, day: date) -> int:
    """The age a person reaches in `day`'s year. Shown to readers who may not see full IDs instead of
    the exact age, which changes on the birthday and so, read on enough days, gives the birthday away."""
    return day.year - birth_year


def exact_age(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def mask_phone(value: str | None) -> str:
    """13812345678 -> 138****5678."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone_in_text(text: str) -> str:
    """Every digit of `text` but its first three and last four (a phone number written inside text,
    「李四 139.0571.1234」), whatever separates them: dots, slashes, brackets, full-width spaces or
    full-width digits. Fewer than seven digits are all hidden."""
    places = [i for i, char in enumerate(text) if char.isdigit()]
    hidden = set(places) if len(places) < 7 else set(places[3:-4])
    return "".join("*" if i in hidden else char for i, char in enumerate(text))


def mask_name(value: str | None) -> str:
    """张三丰 -> 张**: the surname stays."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)


def mask(kind: str, value: Any) -> Any:
    if value is None:
        return value
    if kind == "birth_date":
        return mask_birth_date(value) if isinstance(value, date | str) else value
    if not isinstance(value, str):
        return value
    return {"resident_id": mask_resident_id, "phone": mask_phone, "name": mask_name}[kind](value)


# Keys of audit details that hold personal data, whatever record they describe.
_AUDIT_DETAIL_MASKS = {"resident_id": "resident_id", "birth_date": "birth_date"}


def redact_audit_detail(detail: str) -> str:
    """An audit detail (JSON) as shown today: rows written before the current rules kept the birth date
    beside an ID masked the old way. The log is append-only, so they are masked when read."""
    if not detail:
        return detail
    try:
        data = json.loads(detail)
    except ValueError:
        return detail
    return json.dumps(_redact(data), ensure_ascii=False, sort_keys=True, default=str)


def _redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: mask(_AUDIT_DETAIL_MASKS[k], v) if k in _AUDIT_DETAIL_MASKS else _redact(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact(v) for v in value]
    return value
