"""Migration 0008: the grams index for short searches and matter items' everyday keywords, on a
database the program left at 0007 (tests/fixtures/schema-0007-demo.db.gz)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from db_helpers import database_from_dump, dump_with_columns, lost_rows
from sqlalchemy import text

from desktop.db import Database, head_revision
from desktop.migrations.keywords_0008 import KEYWORDS_0008
from desktop.search_grams import grams, is_gram
from desktop.services import matters
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.matters import ItemQuery


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


def test_the_upgrade_gives_default_items_their_everyday_keywords(tmp_path: Path) -> None:
    path = database_from_dump("schema-0007-demo.db.gz", tmp_path / "towncentre.db")
    # A town that renamed a default item keeps it without the default's keywords.
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE matter_item SET name = '社区噪声投诉' WHERE code = '0403001'")
    db = Database.open(path)
    try:
        found = {r.name for r in matters.search_items(db, SYSTEM_ACTOR, ItemQuery(text="漏水"))}
        assert {"邻里纠纷", "供水管道破损"} <= found
        assert "物业纠纷" in {
            r.name for r in matters.search_items(db, SYSTEM_ACTOR, ItemQuery(text="物业费"))
        }
        noise = {r.code for r in matters.search_items(db, SYSTEM_ACTOR, ItemQuery(text="噪音"))}
        assert "0403002" in noise and "0403001" not in noise
        with db.reading() as session:
            filled = session.execute(text("SELECT count(*) FROM matter_item WHERE keywords != ''")).scalar()
        assert filled == len(KEYWORDS_0008) - 1
    finally:
        db.close()


def test_an_index_built_under_other_unicode_tables_is_rebuilt_once(demo_db: Database) -> None:
    """A program on a newer Python splits text by newer Unicode tables: the index is rebuilt, not left
    to drift (desktop/services/events/search_index.py)."""
    from desktop.demo.events import generate_events
    from desktop.services.events.search_index import VERSION_KEY, ensure_grams_current

    generate_events(demo_db, 80, seed=5)
    assert ensure_grams_current(demo_db) is False, "the migration recorded the tables it used"
    with demo_db.write_session() as session:
        session.execute(text("INSERT INTO event_grams(event_grams) VALUES ('delete-all')"))
        session.execute(text("UPDATE app_setting SET value = '\"9.0.0\"' WHERE key = :k"), {"k": VERSION_KEY})
        session.commit()
    assert not grams_hits(demo_db, "路") and like_hits(demo_db, "路")
    assert ensure_grams_current(demo_db) is True
    for needle in ("路", "漏水", "小区"):
        assert grams_hits(demo_db, needle) == like_hits(demo_db, needle), needle
    assert ensure_grams_current(demo_db) is False
