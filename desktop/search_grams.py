"""Single characters and character pairs of event text, for the search index of short queries.

The trigram index (migration 0005) cannot answer a search of one or two characters (噪声, 王芳, 漏水),
which is what operators type most. Migration 0008 adds a second FTS5 table, `event_grams`, whose one
column holds every character and every pair of adjacent characters of an event's title, description
and address, each once, separated by spaces. FTS5's unicode61 tokenizer keeps a run of letters and
digits as one token, so 「漏水」 is one token there and a search for it is a single-term look-up.

SQLite's triggers cannot split text themselves, so the database calls `towncentre_grams(...)` through a
function every connection registers (`desktop.db.make_engine`). A program that opens the file without
it can read events but cannot change one (SQLite says "no such function: towncentre_grams"), which is
better than an index that silently drifts from the table.
"""

from __future__ import annotations

import json
import unicodedata

SQL_FUNCTION = "towncentre_grams"
FOLD_FUNCTION = "towncentre_fold"
# app_setting's key for the Unicode version the index was split with (services/events/search_index.py).
UNICODE_VERSION_KEY = "search.grams_unicode"


def split_with_these_tables(stored: str | None) -> bool:
    """Whether the Unicode version kept under UNICODE_VERSION_KEY (its JSON text; None when none is) is
    the one this Python splits with. Asked with plain sqlite3 at the program's start too."""
    if stored is None:
        return False
    try:
        return bool(json.loads(stored) == unicodedata.unidata_version)
    except (ValueError, RecursionError):  # a damaged value: the index is rebuilt, which rewrites it
        return False


def fold(text: str | None) -> str:
    """Case folding as FTS5's tokenizers do it (each letter to its lower case, full-width and Greek
    too), so a search finds the same events by index or by scan. Not str.casefold: that turns ß into
    ss, which no tokenizer does."""
    return (text or "").lower()


def is_gram_char(char: str) -> bool:
    """Characters the unicode61 tokenizer keeps inside a token (letters and digits)."""
    return char.isalnum()


def grams(*texts: str | None) -> str:
    """'有噪声' -> '有 噪 声 有噪 噪声' (order of first appearance, each gram once)."""
    seen: dict[str, None] = {}
    for value in texts:
        if not value:
            continue
        previous = ""
        for char in fold(value):
            if not is_gram_char(char):
                previous = ""
                continue
            seen.setdefault(char, None)
            if previous:
                seen.setdefault(previous + char, None)
            previous = char
    return " ".join(seen)


def is_gram(needle: str) -> bool:
    """Whether a one- or two-character search can be answered by the grams index."""
    return 1 <= len(needle) <= 2 and all(is_gram_char(c) for c in needle)
