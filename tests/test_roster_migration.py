"""Migration 0009 (the grid roster) on a database the program left at 0008
(tests/fixtures/schema-0008-demo.db.gz: `towncentre demo --events 60` at 0008)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from db_helpers import database_from_dump, dump_with_columns, lost_rows

from desktop.db import Database, head_revision
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.workforce import grids, roster


def test_a_database_at_0008_upgrades_to_0009_without_losing_a_row(tmp_path: Path) -> None:
    path = database_from_dump("schema-0008-demo.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    assert len(before["grid_worker"][1]) == 78 and len(before["grid"][1]) == 18
    Database.open(path).close()  # backs up and upgrades
    assert not lost_rows(before, path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        # Every grid the 0008 program kept is still current, with the new fields empty.
        assert conn.execute(
            "SELECT count(*) FROM grid WHERE ended_on IS NULL AND subtype = '' AND places = ''"
        ).fetchone() == (18,)

    db = Database.open(path)
    try:
        tree = grids.grid_tree(db, SYSTEM_ACTOR)
        assert sum(len(c.grids) for c in tree) == 18
        first = tree[0].grids[0]
        # The upgraded roster answers who covers a grid, as the 0008 program recorded it.
        workers = roster.grid_workers(db, SYSTEM_ACTOR, first.id)
        assert workers and all(w.grid_id == first.id for w in workers)
    finally:
        db.close()
