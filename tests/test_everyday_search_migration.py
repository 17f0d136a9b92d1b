"""Migration 0008: the grams index for short searches and matter items' everyday keywords, on a
database the program left at 0007 (tests/fixtures/schema-0007-demo.db.gz)."""

from __future__ import annotations

from pathlib import Path

from db_helpers import database_from_dump, dump_with_columns, lost_rows
from sqlalchemy import text

from desktop.db import Database, head_revision
from desktop.search_grams import grams, is_gram


def grams_hits(db: Database, needle: str) -> set[int]:
    with db.reading() as session:
        rows = session.execute(
            text("SELECT rowid FROM event_grams WHERE event_grams MATCH :q"), {"q": f'"{needle}"'}
        )
        return {r[0] for r in rows}


def like_hits(db: Database, needle: str) -> set[int]:
    with db.reading() as session:
        rows = session.execute(
            text("SELECT rowid FROM event WHERE title LIKE :q OR description LIKE :q OR address LIKE :q"),
            {"q": f"%{needle}%"},
        )
        return {r[0] for r in rows}


def test_grams_are_each_character_and_each_adjacent_pair_once() -> None:
    assert grams("有噪声", "噪声-A") == "有 噪 有噪 声 噪声 a"
    assert grams(None, "") == ""
    assert is_gram("王芳") and is_gram("水") and not is_gram("a-") and not is_gram("噪声扰")


def test_a_database_at_0007_upgrades_keeping_every_row_and_indexing_its_events(tmp_path: Path) -> None:
    path = database_from_dump("schema-0007-demo.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    Database.open(path).close()  # backs up and upgrades
    assert not lost_rows(before, path)

    db = Database.open(path)
    try:
        with db.engine.connect() as conn2:
            assert (
                conn2.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
            )
        # Every event the 0007 program saved is found by the new index exactly as a scan finds it.
        for needle in ("路", "漏水", "噪声", "小区", "王"):
            assert grams_hits(db, needle) == like_hits(db, needle), needle
        assert grams_hits(db, "漏水")
        # The triggers keep it in step with later changes.
        with db.write_session() as session:
            rowid = session.execute(text("SELECT max(rowid) FROM event")).scalar()
            session.execute(
                text("UPDATE event SET title = '楼顶渗漏', description = '', address = '' WHERE rowid = :r"),
                {"r": rowid},
            )
            session.commit()
        assert rowid in grams_hits(db, "渗漏")
        assert rowid not in grams_hits(db, "漏水") or rowid in like_hits(db, "漏水")
        assert grams_hits(db, "漏水") == like_hits(db, "漏水")
    finally:
        db.close()
