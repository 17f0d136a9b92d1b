"""Migration 0010 (the county link's tables) on a database the program left at 0009
(tests/fixtures/schema-0009-demo.db.gz: `towncentre demo --events 60` at 0009)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from db_helpers import database_from_dump, dump_with_columns, lost_rows

from desktop.db import Database, head_revision


def test_a_database_at_0009_upgrades_without_losing_a_row_and_every_change_still_unsent(
    tmp_path: Path,
) -> None:
    path = database_from_dump("schema-0009-demo.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    with closing(sqlite3.connect(path)) as conn:
        unsent = conn.execute("SELECT count(*) FROM event WHERE pending_changes > 0").fetchone()[0]
    assert unsent == 60
    Database.open(path).close()  # backs up and upgrades
    assert not lost_rows(before, path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        # Nothing was ever sent before the link existed: the first round must carry every event.
        assert conn.execute("SELECT count(*) FROM event WHERE pending_changes > 0").fetchone() == (unsent,)
        assert conn.execute("SELECT count(*) FROM sync_state").fetchone() == (0,)
