"""Helpers shared by the non-GUI tests (imported by them; fixtures stay in conftest.py)."""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Protocol

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from desktop.db import Database
from desktop.services import setup
from desktop.services.system import town

ADMIN_PASSWORD = "Qingxi2026"
TOWN_CODE = "330127104000"


def set_up_town(db: Database) -> Database:
    """The first-run setup of the test town 清溪镇, with one administrator `admin` (conftest's `town_db`)."""
    setup.first_run_setup(
        db,
        town.TownInfo(name="清溪镇", area_code=TOWN_CODE, county_name="临江县"),
        admin_username="admin",
        admin_display_name="王建国",
        admin_password=ADMIN_PASSWORD,
    )
    return db


def resident_id(first17: str) -> str:
    """Completes 17 digits with the GB 11643 (ISO 7064 MOD 11-2) check character, computed independently."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    check = (12 - total % 11) % 11
    return first17 + ("X" if check == 10 else str(check))


def copy_database(source: Path, target: Path) -> Path:
    """Copies the file as it is when nothing waits in a -wal file beside it (the session's closed
    templates: 10× quicker than the online backup, paid by most tests), else with SQLite's online
    backup, so the -wal file is taken into account."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    try:
        # A read transaction: no checkpoint can write into the file while it is copied.
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        wal = source.with_name(source.name + "-wal")
        stale = [target.with_name(target.name + end) for end in ("-wal", "-journal")]
        if (not wal.exists() or wal.stat().st_size == 0) and not any(f.exists() for f in stale):
            shutil.copyfile(source, target)
        else:
            dst = sqlite3.connect(target)
            try:
                with dst:
                    src.backup(dst)
            finally:
                dst.close()
    finally:
        src.close()
    # The audit anchor belongs to the database: a copy without it is reported by `check`.
    anchor = source.with_name(source.name + ".audit-anchor")
    if anchor.exists():
        shutil.copyfile(anchor, target.with_name(target.name + ".audit-anchor"))
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


Columns = tuple[str, ...]


def dump_with_columns(path: Path) -> dict[str, tuple[Columns, list[tuple[object, ...]]]]:
    """`dump_tables` with each table's column names: for upgrade tests, where a later migration may
    add columns to a table (compare with `projected`)."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for name, rows in dump_tables(path).items():
            columns = tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")'))
            out[name] = (columns, rows)
        return out
    finally:
        conn.close()


def projected(
    before: dict[str, tuple[Columns, list[tuple[object, ...]]]], path: Path
) -> dict[str, list[tuple[object, ...]]]:
    """Today's rows of each table in `before`, read on the columns it had then (sorted like dump_tables)."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for name, (columns, _rows) in before.items():
            quoted = ", ".join(f'"{c}"' for c in columns)
            out[name] = sorted(conn.execute(f'SELECT {quoted} FROM "{name}"').fetchall(), key=repr)
        return out
    finally:
        conn.close()


def lost_rows(before: dict[str, tuple[Columns, list[tuple[object, ...]]]], path: Path) -> dict[str, int]:
    """How many rows of each table in `before` (but alembic_version) are gone from the database now."""
    after = projected(before, path)
    lost = {
        name: len(set(rows) - set(after[name]))
        for name, (_columns, rows) in before.items()
        if name != "alembic_version"
    }
    return {name: n for name, n in lost.items() if n}


# (table, month in China time, then state, channel, category code, or grid ("" for none), category code)
MonthKey = tuple[str, ...]


def month_stat(path: Path) -> dict[MonthKey, int]:
    """event_month_stat and event_month_grid_stat as they are (migration 0014)."""
    with closing(sqlite3.connect(path)) as conn:
        by_state = conn.execute("SELECT month, state, channel, category_code, n FROM event_month_stat")
        out: dict[MonthKey, int] = {("state", m, s, c, k): n for m, s, c, k, n in by_state}
        by_grid = conn.execute("SELECT month, grid_id, category_code, n FROM event_month_grid_stat")
        out.update({("grid", m, g, k): n for m, g, k, n in by_grid})
        return out


def month_counts_from_events(path: Path) -> dict[MonthKey, int]:
    """What the two tables should hold, counted from every event row in Python (the month from the
    stored UTC time plus 8 hours), independently of the triggers' SQL."""
    counts: dict[MonthKey, int] = {}
    with closing(sqlite3.connect(path)) as conn:
        for reported, state, channel, category, grid in conn.execute(
            "SELECT reported_at, state, channel, category_code, grid_id FROM event"
        ):
            month = f"{datetime.fromisoformat(reported) + timedelta(hours=8):%Y-%m}"
            for key in (("state", month, state, channel, category), ("grid", month, grid or "", category)):
                counts[key] = counts.get(key, 0) + 1
    return counts


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


@dataclass(frozen=True)
class CliRun:
    """What one `towncentre` command left behind, in-process (conftest's `towncentre`) or in a child."""

    returncode: int
    stdout: str
    stderr: str


class Towncentre(Protocol):
    """conftest's `towncentre` fixture: ARGS, and environment variables for this run as keywords."""

    def __call__(self, *args: str, **env: str) -> CliRun: ...


def run_towncentre_process(*args: str, **env: str) -> CliRun:
    """`python -m desktop ARGS` in a child process: the real entry point, for the few tests that need it.

    Slow (a fresh interpreter imports everything): everything else uses the in-process fixture."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **env},
    )
    return CliRun(done.returncode, done.stdout, done.stderr)


# --- reading printed PDFs back with poppler -----------------------------------------------------------
# A test that needs pdftotext or pdffonts is skipped where it is not installed (a Windows PC running
# scripts/test.ps1 without poppler), and their output is read as UTF-8 whatever the PC's code page
# (cp936 on a Chinese Windows would garble it or fail).


def poppler(tool: str, *args: str | Path) -> str:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed (poppler-utils; on Windows, poppler's bin folder on PATH)")
    done = subprocess.run([exe, *map(str, args)], capture_output=True, check=True)
    return done.stdout.decode("utf-8", errors="replace")


def pdftotext(path: Path, *options: str) -> str:
    """The text of the PDF at `path`, pages separated by form feeds."""
    return poppler("pdftotext", *options, "-enc", "UTF-8", path, "-")


def pdffonts(path: Path) -> str:
    """pdffonts' table: name, type, encoding, emb, sub, uni, object ID."""
    return poppler("pdffonts", path)


class MemoryKeyring(KeyringBackend):
    """A real keyring backend (keyring's plug-in interface) that keeps credentials in a dict: the
    machine's own (Credential Manager on Windows) is not here. Installed by conftest's `memory_keyring`."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def earlier_today(db: Database) -> datetime:
    """A moment in the past that is still today in China: an hour ago, or midnight there when it is not
    yet one o'clock. A step of a case received today must not fall on yesterday (tests run at any hour)."""
    from desktop.clock import CHINA_TZ, to_local

    now = db.clock()
    midnight = datetime.combine(to_local(now).date(), time(0), tzinfo=CHINA_TZ).astimezone(UTC)
    return max(now - timedelta(hours=1), midnight)
