"""The grams index (migration 0008) kept true to the Python that reads it.

Its triggers split text with `str.isalnum` and `str.lower` (desktop/search_grams.py), whose answers
come from Python's Unicode tables. A later program built on a newer Python could split the same text
differently, and the triggers would then remove grams that were never added: the index would drift
from the table without a sound. So the Unicode version the index was built with is kept beside it,
and a different one rebuilds it once.
"""

from __future__ import annotations

import json
import logging
import time
import unicodedata

from sqlalchemy import text

from desktop import search_grams
from desktop.db import Database

log = logging.getLogger("towncentre.search")

VERSION_KEY = search_grams.UNICODE_VERSION_KEY


def ensure_grams_current(db: Database) -> bool:
    """Rebuilds event_grams if it was built under another Unicode version; True if it did."""
    current = unicodedata.unidata_version
    with db.reading() as session:
        stored = session.execute(text("SELECT value FROM app_setting WHERE key = :k"), {"k": VERSION_KEY})
        row = stored.first()
    if search_grams.split_with_these_tables(row[0] if row is not None else None):
        return False
    began = time.perf_counter()
    with db.write_session() as session:
        session.execute(text("INSERT INTO event_grams(event_grams) VALUES ('delete-all')"))
        session.execute(
            text(
                "INSERT INTO event_grams(rowid, grams) "
                "SELECT rowid, towncentre_grams(title, description, address) FROM event"
            )
        )
        session.execute(
            text("INSERT OR REPLACE INTO app_setting(key, value) VALUES (:k, :v)"),
            {"k": VERSION_KEY, "v": json.dumps(current)},
        )
        session.commit()
    log.info("search index rebuilt for Unicode %s in %.1f s", current, time.perf_counter() - began)
    return True
