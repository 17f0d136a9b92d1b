"""Helpers shared by the non-GUI tests (imported by them; fixtures stay in conftest.py)."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

ADMIN_PASSWORD = "Qingxi2026"
TOWN_CODE = "330127104000"


def resident_id(first17: str) -> str:
    """Completes 17 digits with the GB 11643 (ISO 7064 MOD 11-2) check character, computed independently."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    check = (12 - total % 11) % 11
    return first17 + ("X" if check == 10 else str(check))


def copy_database(source: Path, target: Path) -> Path:
    """Copies with SQLite's online backup, so a -wal file beside the source is taken into account."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def dump_tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (sorted), read with plain sqlite3: for before/after comparisons."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
            if not name.startswith("sqlite_")
        }
    finally:
        conn.close()


class FakeClock:
    """Stands in for `Database.clock`: aware UTC, moves only when told."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def database_from_dump(name: str, target: Path) -> Path:
    """A database as an older revision of the program left it, from a frozen SQL dump in fixtures/.

    Each dump was made by the code of its revision (see fixtures/README.md), so upgrade tests do not
    depend on what today's services would write at that revision.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".db.gz"):
        # Databases with a full-text index are kept as the file itself: iterdump cannot re-create an
        # FTS5 table (its rows are inserted before the schema that declares it is reloaded).
        with gzip.open(FIXTURES / name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        return target
    conn = sqlite3.connect(target)
    try:
        conn.executescript((FIXTURES / name).read_text(encoding="utf-8"))
    finally:
        conn.close()
    return target
