"""Masking of personal data in lists, exports and audit summaries (domain/README.md, PIPL)."""

from __future__ import annotations

from typing import Any


def mask_resident_id(value: str | None) -> str:
    """330127199001011234 -> 330127********1234 (keeps the area code and the last four)."""
    if not value:
        return ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str | None) -> str:
    """13812345678 -> 138****5678."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value: str | None) -> str:
    """张三丰 -> 张**: the surname stays."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)


def mask(kind: str, value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    return {"resident_id": mask_resident_id, "phone": mask_phone, "name": mask_name}[kind](value)
