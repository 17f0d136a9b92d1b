"""Opening the hub's database (a SQLite path or a PostgreSQL URL), migrating it, and its transactions.

Writes run one at a time under a lock taken at their start (SQLite `BEGIN IMMEDIATE`, PostgreSQL
`pg_advisory_xact_lock`), so sequence numbers are handed out in commit order: a reader that has seen
`last_seq` has seen every change up to it, and never skips a late commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    URL,
    ColumnElement,
    Connection,
    Engine,
    String,
    Table,
    any_,
    bindparam,
    create_engine,
    event,
    make_url,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
# Any fixed number: the key of the one advisory lock every hub write takes on PostgreSQL.
PG_LOCK_KEY = 7_370_481_104


def database_url(db: str) -> URL:
    """`--db` as given: a URL (postgresql+psycopg://…, sqlite:///…) or a plain path to a SQLite file."""
    if "://" in db:
        return make_url(db)
    return URL.create("sqlite", database=str(Path(db).resolve()))


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(db: str) -> Engine:
    url = database_url(db)
    if url.get_backend_name() != "sqlite":
        # hide_parameters: a failed statement's message goes to the log; it must not carry record text.
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Autocommit in the driver, BEGIN issued by us: DDL is transactional and a write can lock up front.
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA journal_mode=WAL")
        dbapi_conn.execute("PRAGMA synchronous=FULL")  # an acknowledged push survives a power cut
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', 'DEFERRED')}")

    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def migrate(engine: Engine) -> None:
    """Brings the schema to the newest revision, in one transaction (every command does this on start)."""
    cfg = alembic_config()
    with engine.connect() as conn:
        if is_sqlite(engine):
            conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if not is_sqlite(engine):
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


def open_hub(db: str) -> Engine:
    engine = make_engine(db)
    migrate(engine)
    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A write transaction holding the hub's one write lock; commits when the block ends cleanly."""
    with engine.connect() as conn:
        if is_sqlite(engine):
            conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if not is_sqlite(engine):
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
            session = Session(bind=conn, autoflush=True, expire_on_commit=False)
            try:
                yield session
                session.flush()
            finally:
                session.close()


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Inserts many rows of one table (every dict with the same keys) in one go.

    On PostgreSQL by COPY: psycopg sends an executemany as one statement per row, which took longer
    than all the rest of a push, and multi-row INSERTs spent as long again in its parameter parsing.
    Elsewhere the driver's executemany (the sqlite3 module runs it in C) with the values converted as
    SQLAlchemy would: its own handling of each row's parameters cost twice the insert itself."""
    if not rows:
        return
    connection = session.connection()
    names = list(rows[0])
    if connection.dialect.name != "postgresql":
        columns = [[row[name] for row in rows] for name in names]
        for at, name in enumerate(names):
            # The dialect's own type: a generic DateTime has no converter, and the sqlite3 module's
            # deprecated adapter then wrote each row's time (with "+00:00", unlike the ORM's rows).
            convert = table.c[name].type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
            if convert is not None:  # once a value: a batch's rows share their time
                done: dict[Any, Any] = {}
                columns[at] = [done[v] if v in done else done.setdefault(v, convert(v)) for v in columns[at]]
        marks = ", ".join("?" for _ in names)
        statement = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"  # our own names
        connection.exec_driver_sql(statement, list(zip(*columns, strict=True)))
        return
    raw = connection.connection.driver_connection
    assert raw is not None, "a connection in use has its driver's"
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"  # our own table and column names
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])


def among(session: Session, column: ColumnElement[str], values: Collection[str]) -> ColumnElement[bool]:
    """`column IN (values)`; on PostgreSQL `column = ANY(array)`: one parameter, where 500 in a list
    made the driver parse a new statement of 500 placeholders for every batch (a fifth of a push)."""
    if session.get_bind().dialect.name != "postgresql":
        return column.in_(values)
    return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(String)))


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A read transaction (one snapshot on SQLite; on PostgreSQL read `hub_meta` first, then records)."""
    with engine.connect() as conn, conn.begin():
        session = Session(bind=conn)
        try:
            yield session
        finally:
            session.close()
