"""GB 32100-2015 unified social credit codes (统一社会信用代码) of organisations.

18 characters from the set 0-9 and the capitals without I, O, S, V, Z: the registering authority (1),
the organisation type (1), the area code (6 digits), the organisation code (9), the check character (1).
Check character: weights 3^(i) mod 31 for positions 1–17, C18 = 31 − (Σ mod 31), 31 becomes 0.
"""

from __future__ import annotations

import re

from desktop.errors import ValidationError

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SHAPE = re.compile(rf"^[{CHARSET}]{{2}}\d{{6}}[{CHARSET}]{{10}}$")


def check_character(first17: str) -> str:
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def parse_credit_code(raw: str, field: str = "org_credit_code") -> str:
    """Normalises (trims, upper-case) and validates; raises ValidationError with a plain message."""
    code = raw.strip().upper().replace(" ", "")
    if len(code) != 18:
        raise ValidationError(
            f"统一社会信用代码应为 18 位（现为 {len(code)} 位）。",
            f"A unified social credit code has 18 characters (this one has {len(code)}).",
            field,
        )
    if not _SHAPE.match(code):
        raise ValidationError(
            "统一社会信用代码格式不对：第 3–8 位是数字，其余为数字或大写字母（不含 I、O、S、V、Z）。",
            "Wrong shape: characters 3–8 are digits, the rest digits or capitals other than I, O, S, V, Z.",
            field,
        )
    if check_character(code[:17]) != code[17]:
        raise ValidationError(
            "统一社会信用代码校验位不对，可能有字符输错了，请对照营业执照或登记证书逐位核对。",
            "The credit code's check character does not match; a character is probably mistyped.",
            field,
        )
    return code
