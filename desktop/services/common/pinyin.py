"""Pinyin initials for search boxes: 邻里纠纷 -> lljf."""

from __future__ import annotations


def initials(text: str) -> str:
    # pypinyin loads its dictionary on import (~0.4 s): only when initials are actually needed.
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(ch for ch in "".join(letters).lower() if ch.isalnum())
