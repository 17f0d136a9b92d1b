"""Migration 0011 (duty rota, attendance, leave) on a database the program left at 0010
(tests/fixtures/schema-0010-demo.db.gz: `towncentre demo --events 60` at 0010)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from db_helpers import database_from_dump, dump_with_columns, lost_rows

from desktop.db import Database, head_revision


def test_a_database_at_0010_upgrades_without_losing_a_row_and_managers_may_approve(tmp_path: Path) -> None:
    path = database_from_dump("schema-0010-demo.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    Database.open(path).close()  # backs up and upgrades
    assert not lost_rows(before, path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        grants = set(conn.execute("SELECT role_code, permission FROM role_permission"))
        assert {
            ("manager", "duty.approve_long"),
            ("grid_admin", "duty.approve"),
            ("grid_admin", "duty.edit"),
        } <= grants
        assert ("grid_admin", "duty.approve_long") not in grants
        # Punches are evidence: the database itself refuses to change or remove one.
        person = conn.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
        conn.execute(
            "INSERT INTO attendance_punch (id, ver, pending_changes, created_at, updated_at, origin_town, "
            "person_id, punched_at, source) VALUES ('p1', 1, 1, '2026-01-05', '2026-01-05', '', ?, "
            "'2026-01-05 08:20:00', '机器')",
            (person,),
        )
        with pytest.raises(sqlite3.IntegrityError, match="insert-only"):
            conn.execute("UPDATE attendance_punch SET punched_at = '2026-01-05 08:00:00' WHERE id = 'p1'")
        with pytest.raises(sqlite3.IntegrityError, match="insert-only"):
            conn.execute("DELETE FROM attendance_punch WHERE id = 'p1'")
        conn.execute("UPDATE attendance_punch SET pending_changes = 0 WHERE id = 'p1'")  # a push may
