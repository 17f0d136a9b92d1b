"""What the program's start reads before the login dialog, with sqlite3 alone (desktop/services/startup.py),
and that `bring_up_to_date` still adds what an older database lacks after asking that way first."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from desktop import search_grams
from desktop.db import Database
from desktop.services.common import audit_anchor
from desktop.services.startup import bring_up_to_date, read_before_login
from desktop.services.system import settings
from desktop.services.system.settings import Settings


def raw(db: Database, *statements: str) -> None:
    conn = sqlite3.connect(db.path)
    try:
        conn.create_function(search_grams.SQL_FUNCTION, -1, search_grams.grams, deterministic=True)
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_a_set_up_town_is_read_with_its_settings_and_is_up_to_date(town_db: Database) -> None:
    before = read_before_login(town_db.path)
    assert before.set_up and before.up_to_date
    assert before.town_name and before.settings == settings.load(town_db)
    raw(
        town_db,
        """INSERT OR REPLACE INTO app_setting(key, value) VALUES ('ui.font_size', '16'),
        ('ui.language', '"en"'), ('security.lockout_minutes', '"not a number"')""",
    )
    again = read_before_login(town_db.path).settings
    assert (again.language, again.font_size) == ("en", 16)  # the login dialog comes in these
    assert again.lockout_minutes == Settings().lockout_minutes  # a damaged value falls back
    assert again == settings.load(town_db)


def test_a_new_database_goes_to_the_first_run_wizard(empty_db: Database) -> None:
    before = read_before_login(empty_db.path)
    assert not before.set_up and before.town_name == "" and before.settings == Settings()


@pytest.mark.parametrize(
    "lacks",
    [
        ["DELETE FROM calendar_day", "DELETE FROM calendar_year"],
        [
            f"UPDATE app_setting SET value = '{json.dumps('9.0.0')}' WHERE key = '{search_grams.UNICODE_VERSION_KEY}'"
        ],
    ],
    ids=["holiday calendar", "grams split with other Unicode tables"],
)
def test_what_an_older_database_lacks_is_seen_and_added(town_db: Database, lacks: list[str]) -> None:
    raw(town_db, *lacks)
    assert not read_before_login(town_db.path).up_to_date
    bring_up_to_date(town_db)
    assert read_before_login(town_db.path).up_to_date


def test_a_database_without_its_anchor_is_not_up_to_date(demo_db: Database) -> None:
    """An anchor file removed where the log has no 建立审计锚点 row (a database from before anchors)."""
    raw(
        demo_db,
        "DROP TRIGGER audit_log_no_delete",
        f"DELETE FROM audit_log WHERE action = '{audit_anchor.ESTABLISHED}'",
    )
    audit_anchor.anchor_path(demo_db.path).unlink()
    assert not read_before_login(demo_db.path).up_to_date
    bring_up_to_date(demo_db)
    assert read_before_login(demo_db.path).up_to_date
    assert audit_anchor.read_anchor(demo_db.path) is not None


def test_the_reads_before_login_import_neither_sqlalchemy_nor_qt(town_db: Database) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from desktop.db import Database\n"
        "from desktop.services.startup import bring_up_to_date, read_before_login\n"
        f"db = Database.open(Path({str(town_db.path)!r}))\n"
        "bring_up_to_date(db); read_before_login(db.path); db.close()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'PySide6'}))\n"
    )
    town_db.close()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_damaged_setting_falls_back_and_never_stops_the_start(town_db: Database) -> None:
    """One value edited by hand (cold test 24): not JSON, JSON nested too deep, bytes that are not UTF-8.
    The start once stopped with a traceback, or called the database damaged and offered a backup."""
    deep = "[" * 100_000 + "]" * 100_000
    conn = sqlite3.connect(town_db.path)
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO app_setting(key, value) VALUES (?, 'abc'), ('ui.font_size', ?), "
            "('ui.language', CAST(X'22ff22' AS TEXT))",
            (search_grams.UNICODE_VERSION_KEY, deep),
        )
    conn.close()
    before = read_before_login(town_db.path)
    assert (before.settings.font_size, before.settings.language) == (
        Settings().font_size,
        Settings().language,
    )
    assert before.set_up and not before.up_to_date  # the grams version is unreadable: the index is rebuilt
    bring_up_to_date(town_db)
    assert read_before_login(town_db.path).up_to_date
