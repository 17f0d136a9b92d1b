"""Migration 0013 (assessments) on a database the program left at 0012
(tests/fixtures/schema-0012-demo.db.gz: `towncentre demo --events 60` at 0012)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from db_helpers import database_from_dump, dump_with_columns, lost_rows

from desktop.db import Database, head_revision
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.assessment import reports, scoring


def test_a_database_at_0012_upgrades_and_its_patrols_are_scored(tmp_path: Path) -> None:
    path = database_from_dump("schema-0012-demo.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    assert before["patrol_log"][1], "the 0012 demo keeps patrols"
    Database.open(path).close()  # backs up and upgrades
    assert not lost_rows(before, path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        months = conn.execute("SELECT DISTINCT substr(day, 1, 7) FROM patrol_log ORDER BY 1").fetchall()
    year, month = (int(p) for p in months[0][0].split("-"))
    db = Database.open(path)
    try:
        # The patrols the 0012 program recorded count in the first assessment made after the upgrade.
        period = scoring.compute(db, SYSTEM_ACTOR, scoring.MONTH, year, month)
        rows = reports.ranking(db, SYSTEM_ACTOR, period).rows
        assert rows
        judged = []
        for row in rows:
            figures = {i.code: i for i in reports.sheet(db, SYSTEM_ACTOR, row.result_id).indicators}
            if not figures["patrol"].missing:
                judged.append(figures["patrol"])
        assert judged, "full-time grid workers' patrols are scored"
        assert all(0 <= i.count <= (i.total or 0) for i in judged) and any(i.ids for i in judged)
    finally:
        db.close()
