"""The local SQLite database: engine and pragmas, schema version check, backup, migration.

Opening a database (`Database.open`) follows STYLE.md §6: a schema newer than the program is refused
before anything is written; an older one is copied with SQLite's online backup into `backups/` and
then migrated inside one transaction. A place the program cannot write is named before SQLite is
asked to open it (SQLite would leave -wal/-shm files behind that break later runs); `read_only=True`
reads such a database without creating anything. A write that finds another program holding the
database waits for it, says so after a second (`on_wait`), and gives up with a plain message.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import search_grams
from desktop.clock import utc_now
from desktop.errors import DatabaseProblem
from desktop.network_drives import refuse_network_location
from desktop.paths import (
    attachments_dir,
    backups_dir,
    note_database_closed,
    note_database_opened,
    restrict_to_owner,
)

if TYPE_CHECKING:
    # Alembic is imported only where a schema is compared or changed (0.5 s of start-up), SQLAlchemy
    # when the first engine is made: the login dialog shows before it is imported (issue 18).
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine.interfaces import DBAPIConnection
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("towncentre.db")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration, known without Alembic: opening a current database (every start but the first
# after an update) then never imports it. tests/test_migrations.py fails when a migration is added
# without moving this on.
HEAD_REVISION = "0014"
BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another program's write lock
BUSY_NOTICE_MS = 1_000  # then `on_wait` is told, so that a person sees why nothing happens
SQLITE_BUSY = 5
READ_TIMEOUT_S = 5.0  # how long reading the schema revision waits for another program's lock

Waiting = Callable[[Path], None]
# Called with a database's path when it is closed: what its commits left to finish after them (the
# audit anchor's move, services/common/audit_anchor.py) is done before anything else takes the file.
CLOSING: list[Callable[[Path], None]] = []


class DatabaseBusy(DatabaseProblem):
    def __init__(self, path: Path, seconds: float) -> None:
        # SQLite cannot say which process holds the lock, so name the usual ones.
        super().__init__(
            f"数据库 {path} 被另一个程序占用，等了 {seconds:.0f} 秒仍未释放（可能是另一个综治工作台窗口、"
            "正在进行的同步或备份，或打开了该文件的数据库工具）。请待它完成或关闭它后再试。",
            f"Another program holds the database {path} and did not let go within {seconds:.0f} s "
            "(another 综治工作台 window, a sync or backup run, or a database tool with the file open). "
            "Try again when it has finished or has been closed.",
        )


class DatabaseDamaged(DatabaseProblem):
    """The file is there but SQLite cannot read it as a database: the start-up offers a backup."""

    def __init__(self, path: Path, detail: object) -> None:
        super().__init__(
            f"数据库文件 {path} 已损坏或不是数据库：{detail}。启动程序时可按提示从备份恢复"
            "（或用 towncentre restore），损坏的文件会另存保留。",
            f"The database file {path} is damaged or not a database: {detail}. The program offers a backup "
            "when it starts (or use towncentre restore); the damaged file is kept.",
        )
        self.path = path


class NotWritable(DatabaseProblem):
    """The database, its folder or a -wal/-shm file beside it cannot be written by this process."""

    def __init__(self, target: Path, exc: OSError) -> None:
        if isinstance(exc, PermissionError):
            why_zh, why_en = "只读，或当前账户没有修改权限", "read-only, or this account may not modify it"
        else:
            why_zh = why_en = exc.strerror or type(exc).__name__
        super().__init__(
            f"程序不能写入 {target}（{why_zh}）。请取消只读、给当前账户修改权限，或换一个可写的位置；数据库未被改动。",
            f"The program cannot write to {target} ({why_en}). Make it writable for this account or use "
            "another location; the database was not changed.",
        )
        self.target = target


def companion_files(path: Path) -> tuple[Path, Path]:
    """SQLite's -wal and -shm files beside a WAL-mode database."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def write_problem(path: Path) -> NotWritable | None:
    """Why this process cannot write the database at `path`, or None when it can.

    Tried, not inferred from mode bits: that is the one answer that holds for POSIX modes, Windows
    ACLs and read-only media alike. A missing folder or file is no problem here (see `open`)."""
    folder = path.parent
    try:
        with tempfile.TemporaryFile(dir=folder):  # SQLite must create -wal and -shm here
            pass
    except FileNotFoundError:
        return None
    except OSError as exc:
        return NotWritable(folder, exc)
    for candidate in (path, *companion_files(path)):
        try:
            with candidate.open("r+b"):
                pass
        except FileNotFoundError:
            continue
        except OSError as exc:
            return NotWritable(candidate, exc)
    return None


SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14


class StorageProblem(DatabaseProblem):
    """The disk is full, or the folder turned read-only or failed, in the middle of work. The
    transaction was rolled back: nothing was half-written, and the program carries on."""

    def __init__(self, kind: str, path: Path | None) -> None:
        where = f"（{path.parent}）" if path is not None else ""
        if kind == "full":
            zh = f"磁盘空间已满{where}，本次内容没有保存。请清理磁盘或联系技术人员后再试；已保存的数据不受影响。"
            en = f"The disk is full{where}; this was not saved. Free some space and try again; saved data is safe."
        elif kind == "read-only":
            zh = f"数据所在的位置变成了只读{where}，本次内容没有保存。请联系技术人员；已保存的数据不受影响。"
            en = f"The data folder became read-only{where}; this was not saved. Ask for support; saved data is safe."
        else:
            zh = f"读写磁盘时出错{where}，本次内容没有保存。请联系技术人员检查磁盘；已保存的数据不受影响。"
            en = f"A disk error occurred{where}; this was not saved. Have the disk checked; saved data is safe."
        super().__init__(zh, en)
        self.kind = kind


def storage_problem(exc: BaseException, path: Path | None = None) -> StorageProblem | None:
    """A full disk, a read-only or failing folder, from SQLite (raw or wrapped) or from a file write."""
    import errno

    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.Error):
        code = (getattr(orig, "sqlite_errorcode", None) or 0) & 0xFF
        text = str(orig).lower()
        if code == SQLITE_FULL or "disk is full" in text:
            return StorageProblem("full", path)
        if code == SQLITE_READONLY or "readonly database" in text:
            return StorageProblem("read-only", path)
        if code == SQLITE_IOERR or "disk i/o error" in text:
            return StorageProblem("io", path)
        if code == SQLITE_CANTOPEN and path is not None and write_problem(path) is not None:
            # A new connection in a folder that turned read-only: SQLite cannot open its -wal and -shm.
            return StorageProblem("read-only", path)
        return None
    if isinstance(orig, OSError):
        if orig.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return StorageProblem("full", path)
        if orig.errno == errno.EROFS:
            return StorageProblem("read-only", path)
        if orig.errno == errno.EIO:
            return StorageProblem("io", path)
    return None


def is_busy_error(exc: BaseException) -> bool:
    """SQLite's "database is locked", raw or wrapped by SQLAlchemy."""
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.OperationalError):
        return False
    code = getattr(orig, "sqlite_errorcode", None)
    return (code is not None and code & 0xFF == SQLITE_BUSY) or "database is locked" in str(orig)


def require_database_file(path: Path) -> None:
    """Commands other than `demo` (and the program's first run) never create a database: they refuse a
    missing file and an empty one, leaving it as it is."""
    if not path.is_file():
        raise DatabaseProblem(f"数据库文件不存在：{path}", f"No database file at {path}")
    wal = companion_files(path)[0]
    if path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0):
        raise DatabaseProblem(
            f"{path} 是空文件，不是数据库；程序没有改动它。新数据库只由首次运行向导建立。",
            f"{path} is an empty file, not a database; it was left untouched. Only the first-run "
            "wizard creates a database.",
        )


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


# Tables the models do not describe: SQLite's FTS5 index and its shadow tables, made in migrations.
NOT_MODELLED_PREFIXES = ("event_fts", "event_grams")


def schema_object_included(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic `include_name` hook: leaves the full-text tables out of autogenerate comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(NOT_MODELLED_PREFIXES))


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def read_only_uri(path: Path) -> str:
    """A URI that reads `path` without writing anything, not even -wal and -shm files.

    A read-only connection to a WAL-mode file creates -wal and -shm files (with the database file's
    mode, so 0444 ones that break later writers) and leaves them behind. Without a -wal file every
    committed page is in the main file, so it is read as immutable instead."""
    wal = companion_files(path)[0]
    # as_uri() escapes characters such as ? and # that would otherwise end the file name.
    return path.resolve().as_uri() + "?mode=ro" + ("" if wal.exists() else "&immutable=1")


def make_engine(path: Path, *, read_only: bool = False, on_wait: Waiting | None = None) -> Engine:
    """An engine whose transactions really are transactions (DDL included).

    Python's sqlite3 module in its legacy mode neither begins a transaction before DDL nor lets a
    write lock be taken up front, so we switch it to autocommit and issue BEGIN ourselves; a session
    bound with `execution_options(sqlite_begin="IMMEDIATE")` takes the write lock at its start.
    """
    from sqlalchemy import URL, create_engine, event

    extra: dict[str, Any] = {}
    if read_only:
        uri = read_only_uri(path)
        extra["creator"] = lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    engine = create_engine(
        URL.create("sqlite", database=str(path)),  # not a URL string: ? and # are legal in file names
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        # A failed statement's message goes to the log file: it must not carry names and phone numbers.
        hide_parameters=True,
        **extra,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA journal_mode=WAL")
        # FULL: the WAL is synced at every commit, so a save the program reported as done survives a
        # power cut too (NORMAL keeps the file intact but may lose the last commits). One fsync a save.
        dbapi_conn.execute("PRAGMA synchronous=FULL")
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # The event_grams triggers (migration 0008) call it on every change of an event's text.
        dbapi_conn.create_function(search_grams.SQL_FUNCTION, -1, search_grams.grams, deterministic=True)
        # A search that scans (few events, or odd text) folds case as the indexes do.
        dbapi_conn.create_function(search_grams.FOLD_FUNCTION, 1, search_grams.fold, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode == "DEFERRED":
            conn.exec_driver_sql(f"BEGIN {mode}")
            return
        raw = conn.connection.dbapi_connection
        assert raw is not None
        _begin_write(raw, mode, path, on_wait)

    return engine


def _begin_write(raw: DBAPIConnection, mode: str, path: Path, on_wait: Waiting | None) -> None:
    """BEGIN IMMEDIATE (the write lock), waiting up to BUSY_TIMEOUT_MS for another program to let go;
    `on_wait` hears of it after BUSY_NOTICE_MS, and a lock still held in the end is a DatabaseBusy."""
    total = BUSY_TIMEOUT_MS
    first = min(BUSY_NOTICE_MS, total) if on_wait is not None else total
    try:
        try:
            _begin_within(raw, mode, first)
            return
        except sqlite3.OperationalError as exc:
            if not is_busy_error(exc) or on_wait is None or first >= total:
                raise
        on_wait(path)
        _begin_within(raw, mode, total - first)
    except sqlite3.OperationalError as exc:
        if is_busy_error(exc):
            raise DatabaseBusy(path, total / 1000) from exc
        raise


def _begin_within(raw: DBAPIConnection, mode: str, timeout_ms: int) -> None:
    cursor = raw.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        try:
            cursor.execute(f"BEGIN {mode}")
        finally:
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


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


@contextmanager
def read_only_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only sqlite3 connection to `path`, for what is read before SQLAlchemy (or without it):
    nothing can be written through it. A busy file raises DatabaseBusy, a damaged one DatabaseDamaged."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=READ_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise DatabaseProblem(
            f"无法打开数据库文件 {path}：{exc}", f"Cannot open the database file {path}: {exc}"
        ) from exc
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        if is_busy_error(exc):
            raise DatabaseBusy(path, READ_TIMEOUT_S) from exc
        raise DatabaseDamaged(path, exc) from exc
    finally:
        conn.close()


def read_schema_state(path: Path) -> SchemaState:
    """Reads the schema revision through a read-only connection, so nothing is written. Alembic's
    scripts are read only for a database that is not at `HEAD_REVISION`."""
    head = HEAD_REVISION
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(None, head, True)
    with read_only_connection(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseProblem(
                    f"{path} 不是本程序的数据库，程序不会改动它。",
                    f"{path} is not a Town Centre database; it was left untouched.",
                )
            return SchemaState(None, head, True)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None and tables != {"alembic_version"}:
            # Tables without a revision: migrating "from nothing" would fail half-way on the first one.
            raise DatabaseProblem(
                f"数据库 {path} 的结构版本表 alembic_version 是空的，无法判断它属于哪个版本；数据库未被改动。"
                "请从 backups 文件夹中的备份恢复，或联系技术支持。",
                f"The schema version table alembic_version of {path} is empty, so its version cannot be "
                "told; the database was not changed. Restore a backup from the backups folder or ask for "
                "support.",
            )
    current = row[0] if row else None
    if current is None or current == HEAD_REVISION:
        return SchemaState(current, head, True)
    return SchemaState(current, head, revision_known(current))


def revision_known(revision: str, scripts: ScriptDirectory | None = None) -> bool:
    """Whether `revision` is one of this program's migrations (False for a newer program's)."""
    scripts = scripts or script_directory()
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises several types for an unknown id
        return False


def roll_back_hot_journal(path: Path) -> None:
    """Puts back what a process killed in a rollback-journal write left half-done (switching a file
    from a backup or an older program to WAL writes its header that way): the read-only connections
    that read the schema and take the pre-upgrade copy cannot, and fail with "attempt to write a
    readonly database" while the file's `-journal` is there. Any read by a writable connection does it,
    restoring the file as it was before that write; nothing else is written."""
    journal = path.with_name(path.name + "-journal")
    if not journal.is_file() or journal.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(path, timeout=READ_TIMEOUT_S)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_busy_error(exc):
            raise DatabaseBusy(path, READ_TIMEOUT_S) from exc
        raise DatabaseDamaged(path, exc) from exc
    log.warning("rolled back the unfinished write that a stopped program left in %s", journal)


def backup_file(path: Path, label: str) -> Path:
    """A verified backup (desktop.backup_archive) of a live database into `backups/`, e.g. before an
    upgrade; the online backup is safe while others read or write the database."""
    from desktop import backup_archive

    folder = backups_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}-{label}{backup_archive.SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{label}-{n}{backup_archive.SUFFIX}"
    backup_archive.write_backup(
        path,
        target,
        kind="before-migration",
        made_by="system",
        attachments_folder=attachments_dir(path),
        snapshot_folder=folder,
    )
    log.info("backed up %s to %s", path, target)
    return target


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrades in one transaction with foreign keys off (batch rebuilds), then checks them."""
    from alembic import command

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
    """An open, migrated database. Cheap to share between threads; sessions are not.

    The engine, and with it SQLAlchemy, is made when first used: the program's start shows the login
    dialog before SQLAlchemy is imported (issue 18). Making it connects to nothing."""

    def __init__(
        self,
        path: Path,
        engine: Engine | None = None,
        *,
        read_only: bool = False,
        on_wait: Waiting | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.clock: Callable[[], datetime] = utc_now
        self.workstation = _workstation_name()
        self.last_backup: Path | None = None
        self._closed = False
        self._on_wait = on_wait
        self._given_engine = engine
        self._made: tuple[Engine, sessionmaker[Session], sessionmaker[Session]] | None = None
        self._making = threading.Lock()  # a reader thread and the GUI thread may ask at once
        note_database_opened(path)

    def _parts(self) -> tuple[Engine, sessionmaker[Session], sessionmaker[Session]]:
        made = self._made
        if made is None:
            with self._making:
                if self._made is None:
                    from sqlalchemy.orm import sessionmaker

                    engine = self._given_engine or make_engine(
                        self.path, read_only=self.read_only, on_wait=self._on_wait
                    )
                    writing = engine.execution_options(sqlite_begin="IMMEDIATE")
                    self._made = (
                        engine,
                        sessionmaker(engine, expire_on_commit=False),
                        sessionmaker(writing, expire_on_commit=False),
                    )
                made = self._made
        return made

    @property
    def engine(self) -> Engine:
        return self._parts()[0]

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        migrate_schema: bool = True,
        create: bool = True,
        read_only: bool = False,
        on_wait: Waiting | None = None,
        backup_before_migration: bool = True,
    ) -> Database:
        """Opens (with `create`, makes) and migrates the database at `path`.

        `backup_before_migration` False is for a copy that is itself the backup (a restore's staging
        file), never for a user's database.

        `read_only` reads a current database without writing anything (for `check` and `stats` where
        the program may not write); `on_wait(path)` is called when a write has waited a second for
        another program."""
        refuse_network_location(path)
        if not create:
            require_database_file(path)
        if not read_only and write_problem(path) is None:
            roll_back_hot_journal(path)
        state = read_schema_state(path)
        if state.is_too_new:
            raise DatabaseProblem(
                f"数据库由更新版本的程序写入（版本 {state.current}），请安装新版本后再打开；数据库未被改动。",
                f"The database was written by a newer version of the program (schema {state.current}); "
                "install the newer version. The database was not changed.",
            )
        if read_only:
            if not state.is_current:
                raise DatabaseProblem(
                    f"数据库 {path} 需要先升级，但程序不能写入它；数据库未被改动。",
                    f"The database {path} must be upgraded first, but the program cannot write to it; "
                    "it was not changed.",
                )
            return cls(path, read_only=True)
        problem = write_problem(path)
        if problem is not None:
            raise problem
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NotWritable(path.parent, exc) from exc
        backup = None
        if not state.is_current:
            if not migrate_schema:
                raise DatabaseProblem(
                    "数据库版本落后，需要先升级。", "The database schema is out of date and must be upgraded."
                )
            if not state.is_new and backup_before_migration:
                backup = backup_file(path, "before-migration")
        engine = None
        if not state.is_current:
            log.info("migrating %s from %s to %s", path, state.current, state.head)
            engine = make_engine(path, on_wait=on_wait)
            migrate(engine)
        db = cls(path, engine, on_wait=on_wait)
        db.last_backup = backup
        # The folders of backups and attachments too: with them 0700 nobody else reaches their files.
        restrict_to_owner(path, *companion_files(path), backups_dir(path), attachments_dir(path))
        return db

    def session(self) -> Session:
        """A session for reading (and for writes that need no write lock up front)."""
        return self._parts()[1]()

    def write_session(self) -> Session:
        """A session whose transaction takes SQLite's write lock at BEGIN."""
        if self.read_only:
            raise NotWritable(self.path, PermissionError())
        return self._parts()[2]()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._parts()[1]() as session:
            yield session

    def integrity_check(self) -> str:
        from sqlalchemy import text

        with self.engine.connect() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar())

    def close(self) -> None:
        for finish in CLOSING:
            finish(self.path)
        engine = self._made[0] if self._made is not None else self._given_engine
        if engine is not None:
            engine.dispose()
        if not self._closed:
            self._closed = True
            note_database_closed(self.path)


def _workstation_name() -> str:
    import platform

    return platform.node()[:100]


def is_damage(exc: BaseException) -> bool:
    """An error that means the database file itself is damaged (not busy, not missing, not ours)."""
    if isinstance(exc, DatabaseDamaged):
        return True
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    return isinstance(orig, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text)
