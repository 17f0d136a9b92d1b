"""The local SQLite database: engine and pragmas, schema version check, backup, migration.

Opening a database (`Database.open`) follows STYLE.md §6: a schema newer than the program is refused
before anything is written; an older one is copied with SQLite's online backup into `backups/` and
then migrated inside one transaction.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from desktop.clock import utc_now
from desktop.errors import DatabaseProblem
from desktop.paths import backups_dir

log = logging.getLogger("towncentre.db")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


# Tables the models do not describe: SQLite's FTS5 index and its shadow tables, made in migrations.
NOT_MODELLED_PREFIXES = ("event_fts",)


def schema_object_included(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic `include_name` hook: leaves the full-text tables out of autogenerate comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(NOT_MODELLED_PREFIXES))


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def make_engine(path: Path) -> Engine:
    """An engine whose transactions really are transactions (DDL included).

    Python's sqlite3 module in its legacy mode neither begins a transaction before DDL nor lets a
    write lock be taken up front, so we switch it to autocommit and issue BEGIN ourselves; a session
    bound with `execution_options(sqlite_begin="IMMEDIATE")` takes the write lock at its start.
    """
    engine = create_engine(
        URL.create("sqlite", database=str(path)),  # not a URL string: ? and # are legal in file names
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA journal_mode=WAL")
        dbapi_conn.execute("PRAGMA synchronous=NORMAL")
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


@dataclass(frozen=True)
class SchemaState:
    current: str | None  # None: no schema yet
    head: str
    known: bool  # the current revision is one this program has

    @property
    def is_new(self) -> bool:
        return self.current is None

    @property
    def is_current(self) -> bool:
        return self.current == self.head

    @property
    def is_too_new(self) -> bool:
        return self.current is not None and not self.known


def read_schema_state(path: Path) -> SchemaState:
    """Reads the schema revision through a read-only connection, so nothing is written."""
    scripts = script_directory()
    head = scripts.get_current_head()
    assert head is not None
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(None, head, True)
    # A read-only connection to a WAL-mode file creates -wal and -shm files and leaves them behind.
    # Without a -wal file every committed page is in the main file, so read it as immutable instead.
    wal = path.with_name(path.name + "-wal")
    # as_uri() escapes characters such as ? and # that would otherwise end the file name.
    uri = path.resolve().as_uri() + "?mode=ro" + ("" if wal.exists() else "&immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise DatabaseProblem(
            f"无法打开数据库文件 {path}：{exc}", f"Cannot open the database file {path}: {exc}"
        ) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseProblem(
                    f"{path} 不是本程序的数据库，程序不会改动它。",
                    f"{path} is not a Town Centre database; it was left untouched.",
                )
            return SchemaState(None, head, True)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(
            f"数据库文件 {path} 已损坏或不是数据库：{exc}",
            f"The database file {path} is damaged or not a database: {exc}",
        ) from exc
    finally:
        conn.close()
    current = row[0] if row else None
    known = current is None or _revision_known(scripts, current)
    return SchemaState(current, head, known)


def _revision_known(scripts: ScriptDirectory, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises several types for an unknown id
        return False


def backup_file(path: Path, label: str) -> Path:
    """Copies a live database with SQLite's online backup (safe while others read or write it)."""
    folder = backups_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}-{label}.db"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{label}-{n}.db"
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
    log.info("backed up %s to %s", path, target)
    return target


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrades in one transaction with foreign keys off (batch rebuilds), then checks them."""
    cfg = alembic_config()
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseProblem(
                        f"升级后发现 {len(broken)} 处外键不一致，已撤销升级。",
                        f"The upgrade left {len(broken)} broken foreign keys; it was rolled back.",
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


class Database:
    """An open, migrated database. Cheap to share between threads; sessions are not."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self.clock: Callable[[], datetime] = utc_now
        self.workstation = _workstation_name()
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False)
        self.last_backup: Path | None = None

    @classmethod
    def open(cls, path: Path, *, migrate_schema: bool = True) -> Database:
        state = read_schema_state(path)
        if state.is_too_new:
            raise DatabaseProblem(
                f"数据库由更新版本的程序写入（版本 {state.current}），请安装新版本后再打开；数据库未被改动。",
                f"The database was written by a newer version of the program (schema {state.current}); "
                "install the newer version. The database was not changed.",
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        backup = None
        if not state.is_current:
            if not migrate_schema:
                raise DatabaseProblem(
                    "数据库版本落后，需要先升级。", "The database schema is out of date and must be upgraded."
                )
            if not state.is_new:
                backup = backup_file(path, f"before-{state.head}")
        engine = make_engine(path)
        if not state.is_current:
            log.info("migrating %s from %s to %s", path, state.current, state.head)
            migrate(engine)
        db = cls(path, engine)
        db.last_backup = backup
        return db

    def session(self) -> Session:
        """A session for reading (and for writes that need no write lock up front)."""
        return self._read()

    def write_session(self) -> Session:
        """A session whose transaction takes SQLite's write lock at BEGIN."""
        return self._write()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar())

    def close(self) -> None:
        self.engine.dispose()


def _workstation_name() -> str:
    import platform

    return platform.node()[:100]
