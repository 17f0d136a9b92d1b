"""Opening the database: pragmas, migration of a fresh file, backup + upgrade of an old one, refusals."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_helpers import ADMIN_PASSWORD, database_from_dump, dump_tables
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop import backup_archive
from desktop.db import BUSY_TIMEOUT_MS, Database, head_revision
from desktop.errors import DatabaseProblem
from desktop.services.accounts import auth


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revision(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def _sidecars(path: Path) -> list[Path]:
    return [p for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if p.exists()]


@pytest.fixture
def reopened_db(tmp_path: Path) -> Iterator[Database]:
    """A database opened a second time: nothing to migrate, so no connection was set up by `migrate`."""
    Database.open(tmp_path / "towncentre.db").close()
    db = Database.open(tmp_path / "towncentre.db")
    yield db
    db.close()


def test_every_connection_gets_the_pragmas(reopened_db: Database) -> None:
    with reopened_db.engine.connect() as first, reopened_db.engine.connect() as second:
        for conn in (first, second):
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
            # FULL: a save reported as done survives a power cut, not only a crash.
            assert conn.execute(text("PRAGMA synchronous")).scalar() in (2, 3)


def test_foreign_keys_are_enforced(reopened_db: Database) -> None:
    with reopened_db.engine.connect() as conn, pytest.raises(IntegrityError, match="FOREIGN KEY"):
        conn.execute(text("INSERT INTO user_role (user_id, role_code) VALUES ('nobody', 'admin')"))


def test_a_write_session_takes_the_write_lock_at_begin(reopened_db: Database) -> None:
    with reopened_db.write_session() as session, session.begin():
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(reopened_db.path, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_a_fresh_file_is_migrated_to_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "towncentre.db"
    db = Database.open(path)
    try:
        assert db.last_backup is None  # nothing worth backing up
    finally:
        db.close()
    assert _revision(path) == head_revision()
    assert {
        "app_user",
        "role",
        "audit_log",
        "person",
        "town_profile",
        "community",
        "grid",
        "grid_worker",
    } <= _tables(path)
    assert not (tmp_path / "sub" / "backups").exists()


def _fill_at_0001(path: Path) -> None:
    """A town at schema 0001 with rows in every table that revision has, as that program wrote them."""
    database_from_dump("schema-0001-town.sql", path)


def test_an_old_database_is_backed_up_then_upgraded_without_losing_rows(tmp_path: Path) -> None:
    path = tmp_path / "towncentre.db"
    _fill_at_0001(path)
    assert _revision(path) == "0001"
    assert "grid" not in _tables(path)
    before = dump_tables(path)
    assert all(
        before[t] for t in ("town_profile", "app_user", "user_role", "person", "audit_log", "app_setting")
    )

    db = Database.open(path)
    try:
        backup = db.last_backup
        with db.reading() as session:
            assert session.execute(text("SELECT count(*) FROM grid")).scalar() == 0
    finally:
        db.close()

    assert _revision(path) == head_revision()
    after = dump_tables(path)
    for table, rows in before.items():
        if table == "alembic_version":
            continue
        # Nothing is lost; later migrations may add rows of their own (e.g. new permission grants).
        assert set(rows) <= set(after[table]), table
    assert {"community", "grid", "grid_worker"} <= set(after)

    # The copy taken before the upgrade is a checked backup file in backups/ beside the database,
    # listed as such, and its database still holds the old revision and every row.
    assert backup is not None
    assert backup.parent == tmp_path / "backups"
    manifest = backup_archive.verify_backup(backup)
    assert (manifest.kind, manifest.schema_revision, manifest.integrity) == ("before-migration", "0001", "ok")
    copy = tmp_path / "copy.db"
    backup_archive.extract_database(backup, manifest, copy)
    assert _revision(copy) == "0001"
    assert dump_tables(copy) == before


def test_a_failed_upgrade_is_rolled_back_whole(tmp_path: Path) -> None:
    """The upgrade runs in one transaction: when its foreign-key check fails, not even the DDL stays."""
    path = tmp_path / "towncentre.db"
    _fill_at_0001(path)
    raw = sqlite3.connect(path)  # plain sqlite3 does not enforce foreign keys
    with raw:
        raw.execute("INSERT INTO user_role (user_id, role_code) VALUES ('no-such-user', 'admin')")
    raw.close()
    before = dump_tables(path)

    with pytest.raises(DatabaseProblem, match="外键"):
        Database.open(path)

    assert _revision(path) == "0001"
    assert "grid" not in _tables(path)
    assert dump_tables(path) == before
    assert len(list((tmp_path / "backups").glob("*.tcbak"))) == 1


def test_the_upgraded_database_keeps_working(tmp_path: Path) -> None:
    """After the upgrade the old audit chain continues, and the old accounts still log in."""
    from desktop.services.system.audit import verify_chain

    path = tmp_path / "towncentre.db"
    _fill_at_0001(path)
    db = Database.open(path)
    try:
        assert auth.login(db, "admin", ADMIN_PASSWORD).actor.username == "admin"
        report = verify_chain(db)
        assert report.ok
        assert report.rows_checked == len(dump_tables(path)["audit_log"])
    finally:
        db.close()


def test_a_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "towncentre.db"
    Database.open(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    assert _sidecars(path) == []
    digest = _digest(path)

    with pytest.raises(DatabaseProblem) as caught:
        Database.open(path)

    assert "9999_from_the_future" in caught.value.zh
    assert "新版本" in caught.value.zh
    assert "newer" in caught.value.en
    assert _digest(path) == digest
    assert _sidecars(path) == []  # not even a -wal or -shm file was created
    assert not (tmp_path / "backups").exists()


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE contact (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contact VALUES ('张三', '13812345678')")
    conn.close()
    digest = _digest(path)

    with pytest.raises(DatabaseProblem) as caught:
        Database.open(path)

    assert "不是本程序的数据库" in caught.value.zh
    assert _digest(path) == digest
    assert _sidecars(path) == []
    assert _tables(path) == {"contact"}
    assert not (tmp_path / "backups").exists()


def test_a_foreign_wal_mode_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    with conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    digest = _digest(path)

    with pytest.raises(DatabaseProblem):
        Database.open(path)

    assert _digest(path) == digest
    assert _sidecars(path) == []


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes("这不是数据库。".encode() * 200)
    digest = _digest(path)

    with pytest.raises(DatabaseProblem) as caught:
        Database.open(path)

    assert "不是数据库" in caught.value.zh or "损坏" in caught.value.zh
    assert _digest(path) == digest


def test_a_database_locked_exclusively_by_another_program_is_busy_not_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.db as db_module
    from desktop.db import DatabaseBusy, read_schema_state

    path = tmp_path / "towncentre.db"
    Database.open(path).close()
    monkeypatch.setattr(db_module, "READ_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("SELECT count(*) FROM alembic_version").fetchone()
        with pytest.raises(DatabaseBusy) as caught:
            read_schema_state(path)
    finally:
        holder.close()
    assert "已损坏" not in caught.value.zh
    assert "占用" in caught.value.zh
