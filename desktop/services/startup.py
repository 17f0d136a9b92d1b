"""What the program's start reads before the login dialog, with Python's sqlite3 alone.

Importing SQLAlchemy and the models, and configuring the mappers, takes most of a second. The login
dialog needs none of it: only the settings it is shown with (language, font size), the town's name,
whether the town is set up (else the first-run wizard comes first), and whether the database lacks
something `setup.add_missing` adds. `read_before_login` answers these through one read-only
connection, so the dialog shows before SQLAlchemy is imported (issue 18) and the program loads it while
the person types. `bring_up_to_date`, which every start and every command runs, asks the same
`up_to_date` question: a step added to `add_missing` without its question here never runs, and its own
test fails.

No Qt, and no SQLAlchemy even through an import (tests/test_startup_reads.py runs it in a fresh process).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop import search_grams
from desktop.db import Database, read_only_connection
from desktop.paths import sweep_leftovers, sweep_temp
from desktop.services.common import audit_anchor
from desktop.services.system import settings


@dataclass(frozen=True)
class BeforeLogin:
    settings: settings.Settings
    town_name: str  # "" before the first-run wizard
    set_up: bool  # a town profile and an account exist (else the first-run wizard)
    up_to_date: bool  # nothing for setup.add_missing to add


def read_before_login(path: Path) -> BeforeLogin:
    """Reads what the login dialog and the start need from the (opened, migrated) database at `path`."""
    with read_only_connection(path) as conn:
        # A setting holding bytes that are not UTF-8 is one damaged value (it falls back to its default),
        # not a damaged database to restore from a backup (cold test 24).
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        stored: dict[str, str] = dict(conn.execute("SELECT key, value FROM app_setting").fetchall())
        town = conn.execute("SELECT name FROM town_profile WHERE deleted_at IS NULL LIMIT 1").fetchone()
        has_town = _exists(conn, "SELECT 1 FROM town_profile")
        set_up = has_town and _exists(conn, "SELECT 1 FROM app_user")
        up_to_date = (
            # setup.add_missing: ensure_reference_data: the matter list (matters.exchange.ensure_default_list) and
            # the holiday calendar (common.workdays.ensure_calendar)
            (
                _exists(conn, "SELECT 1 FROM matter_list_version")
                or not (has_town or _exists(conn, "SELECT 1 FROM department"))
            )
            and _exists(conn, "SELECT 1 FROM calendar_year")
            # setup.ensure_audit_anchor
            and _anchored(path, conn, has_town)
            # events.search_index.ensure_grams_current
            and search_grams.split_with_these_tables(stored.get(search_grams.UNICODE_VERSION_KEY))
        )
    return BeforeLogin(settings.from_stored(stored), town[0] if town else "", set_up, up_to_date)


def bring_up_to_date(db: Database) -> None:
    """What a database opened by this version must have, whichever version made it; a database that
    has it (every start but the first after an update) is only read, without SQLAlchemy."""
    if not read_before_login(db.path).up_to_date:
        from desktop.services.setup import add_missing  # SQLAlchemy and the models

        add_missing(db)
    sweep_temp(db.path)  # sheet files a killed export left in the private temp folder
    sweep_leftovers(db.path)  # and what a killed backup or restore left beside the database


def _exists(conn: sqlite3.Connection, query: str, *params: object) -> bool:
    return conn.execute(f"SELECT EXISTS ({query})", params).fetchone()[0] == 1


def _anchored(path: Path, conn: sqlite3.Connection, has_town: bool) -> bool:
    """No anchor for setup.ensure_audit_anchor to establish: an anchor file (readable or not: an unreadable
    one is a finding, not a reason for a new one), no town yet (the first run establishes it), or the
    row that established it."""
    try:
        if audit_anchor.read_anchor(path) is not None:
            return True
    except audit_anchor.AnchorUnreadable:
        return True
    return (
        not has_town
        or _exists(conn, "SELECT 1 FROM audit_log WHERE action = ?", audit_anchor.ESTABLISHED)
        or not _exists(conn, "SELECT 1 FROM audit_log")  # emptied: a finding, not a new anchor
    )
