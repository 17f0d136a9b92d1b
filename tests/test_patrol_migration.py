"""Migration 0012 (patrols and household visits) on a database the program left at 0011
(tests/fixtures/schema-0011-demo.db.gz: `towncentre demo --events 60` at 0011)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from db_helpers import database_from_dump, dump_with_columns, lost_rows

from desktop.db import Database, head_revision
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.workforce import patrols, visits


def test_a_database_at_0011_upgrades_without_losing_a_row_and_takes_patrols(tmp_path: Path) -> None:
    path = database_from_dump("schema-0011-demo.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    db = Database.open(path)  # backs up and upgrades
    try:
        # The usual norms apply at once, without rows of their own; the register starts empty.
        assert [(n.category, n.is_default) for n in visits.norms(db, SYSTEM_ACTOR)] == [
            ("困难家庭", True),
            ("特殊人群", True),
            ("一般住户", True),
        ]
        day = date(2026, 1, 5)
        posts = [p for p in patrols.grid_posts(db, SYSTEM_ACTOR, day, day) if p.post == "专职网格员"]
        assert posts, "the demo town's full-time grid workers"
        summary = patrols.patrol_summary(db, SYSTEM_ACTOR, date(2026, 1, 1), date(2026, 1, 31))
        assert {r.person_id for r in summary} >= {p.person_id for p in posts}
        assert all(r.patrol_days == 0 and r.visits_due == 0 for r in summary)
    finally:
        db.close()
    assert not lost_rows(before, path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"patrol_log", "household", "household_visit", "visit_norm"} <= tables
