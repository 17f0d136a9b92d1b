"""GB 11643 citizen identity numbers: check character, birth date, sex."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.errors import ValidationError

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def check_character(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    sex: str  # 男 / 女


def parse_resident_id(raw: str, field: str = "resident_id") -> ResidentId:
    """Normalises (trims, upper-case x) and validates; raises ValidationError with a plain message."""
    number = raw.strip().upper()
    if not _SHAPE.match(number):
        raise ValidationError(
            "身份证号应为18位：前17位是数字，最后一位是数字或X。",
            "A resident ID has 18 characters: 17 digits, then a digit or X.",
            field,
        )
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > date.today():
        raise ValidationError(
            "身份证号中的出生日期不正确，请核对第7到14位。",
            "The birth date inside the resident ID (characters 7–14) is not valid.",
            field,
        )
    if check_character(number[:17]) != number[17]:
        raise ValidationError(
            "身份证号校验位不对，可能有数字输错了，请逐位核对。",
            "The resident ID's check character does not match; a digit is probably mistyped.",
            field,
        )
    sex = "男" if int(number[16]) % 2 == 1 else "女"
    return ResidentId(number, born, sex)
