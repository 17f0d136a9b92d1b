"""Backups and restore: the daily copy, copies on request, the list in 系统管理, and putting one back.

The file format is `desktop.backup_archive`'s. This module decides where copies go and how many are
kept (14 daily and 12 monthly), who may make and restore them (系统设置 permission), and what the
audit log says. Restoring replaces the database file whole, never row by row:

1. the backup is read back against its manifest and its database passes integrity_check, in a
   staging file beside the database;
2. the current database is backed up first (or, when it is damaged, kept aside under a new name);
3. with no other program holding the database (an exclusive lock proves it) the staged file takes
   its place in one rename; a power cut leaves the old file or the new one, never a mix;
4. the restored database is opened, which migrates a backup from an older version, and the restore is
   written to its audit log, whose anchor starts again from there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from desktop import backup_archive
from desktop.backup_archive import Cancelled, Manifest, Progress
from desktop.clock import to_local, utc_now
from desktop.db import (
    Database,
    StorageProblem,
    companion_files,
    is_busy_error,
    read_only_uri,
    revision_known,
    script_directory,
    storage_problem,
)
from desktop.errors import UserError
from desktop.models import AuditEntry
from desktop.paths import attachments_dir, backups_dir, restrict_to_owner
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor, Permission
from desktop.services.common import audit_anchor
from desktop.services.common.uow import unit_of_work
from desktop.services.system.audit import guard_findings, verify_chain

log = logging.getLogger("towncentre.backup")

DAILY = "daily"
MANUAL = "manual"
SCHEDULED = "scheduled"  # `towncentre backup --daily` from a scheduled task: kept like the daily ones
BEFORE_MIGRATION = "before-migration"
BEFORE_RESTORE = "before-restore"
KIND_LABELS = {
    DAILY: ("每日自动", "daily"),
    SCHEDULED: ("计划任务", "scheduled"),
    MANUAL: ("手动", "manual"),
    BEFORE_MIGRATION: ("升级前", "before upgrade"),
    BEFORE_RESTORE: ("恢复前", "before restore"),
}
ROTATED_KINDS = (DAILY, SCHEDULED)
KEEP_DAILY = 14
KEEP_MONTHLY = 12

BACKED_UP = "备份数据库"
RESTORED = "从备份恢复"
LOCK_WAIT_S = 5.0


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    size: int
    manifest: Manifest | None  # None: the file could not be read as a backup
    problem: str = ""  # why not, in Chinese

    @property
    def created(self) -> datetime:
        if self.manifest is not None:
            return self.manifest.created
        return datetime.fromtimestamp(self.path.stat().st_mtime).astimezone()

    @property
    def is_good(self) -> bool:
        return self.manifest is not None and self.manifest.is_good


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    seconds: float
    pruned: tuple[Path, ...] = ()


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    manifest: Manifest
    kept_aside: Path | None  # the database as it was, backed up or (when damaged) renamed
    migrated_from: str  # the backup's schema revision when it was upgraded, else ""
    seconds: float


class OtherTown(UserError):
    """A backup of another town: restored only when the person confirms it."""

    def __init__(self, manifest: Manifest, current_code: str) -> None:
        super().__init__(
            f"这份备份属于 {manifest.town_name}（{manifest.town_code}），不是本镇（{current_code}）的数据。"
            "确认无误后才能恢复；未做任何改动。",
            f"This backup belongs to {manifest.town_name} ({manifest.town_code}), not to this town "
            f"({current_code}). It is restored only when you confirm; nothing was changed.",
        )
        self.manifest = manifest


class DatabaseInUse(UserError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"数据库 {path.name} 正被另一个程序使用（另一个综治工作台窗口、同步或备份任务），不能恢复。"
            "请关闭它们后再试；未做任何改动。",
            f"Another program is using the database {path.name} (another window, a sync or a backup); "
            "close it and try again. Nothing was changed.",
        )


def file_name(db_path: Path, kind: str, moment: datetime) -> str:
    return f"{db_path.stem}-{to_local(moment):%Y%m%d-%H%M%S}-{kind}{backup_archive.SUFFIX}"


def _free_target(folder: Path, name: str) -> Path:
    target = folder / name
    n = 1
    while target.exists() or target.with_name(target.name + ".part").exists():
        n += 1
        target = folder / name.replace(backup_archive.SUFFIX, f"-{n}{backup_archive.SUFFIX}")
    return target


def write(
    db_path: Path,
    *,
    kind: str,
    made_by: str,
    target: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    created_at: datetime | None = None,
    overwrite: bool = False,
) -> BackupResult:
    """A backup of the database at `db_path` into the backups folder, or into `target` (a file or a
    folder, e.g. a removable drive). No permission check: callers check (or are the program itself)."""
    started = time.monotonic()
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    restrict_to_owner(folder)
    name = file_name(db_path, kind, created_at or utc_now())
    if target is None:
        target = _free_target(folder, name)
    elif target.is_dir():
        target = _free_target(target, name)
    else:
        if target.suffix != backup_archive.SUFFIX:
            target = target.with_name(target.name + backup_archive.SUFFIX)
        if target.exists() and not overwrite:
            raise UserError(
                f"{target} 已存在，未覆盖。请换一个文件名或文件夹。",
                f"{target} already exists and was not overwritten; choose another name or folder.",
            )
    try:
        manifest = backup_archive.write_backup(
            db_path,
            target,
            kind=kind,
            made_by=made_by,
            attachments_folder=attachments_dir(db_path),
            snapshot_folder=folder,
            progress=progress,
            cancelled=cancelled,
            created_at=created_at,
        )
    except (OSError, sqlite3.Error) as exc:
        problem = storage_problem(exc, target)
        if problem is None:
            raise
        raise problem from exc
    pruned = tuple(prune(db_path)) if kind in ROTATED_KINDS and target.parent == folder else ()
    return BackupResult(target, manifest, time.monotonic() - started, pruned)


def back_up(
    db: Database,
    actor: Actor,
    *,
    target: Path | None = None,
    kind: str = MANUAL,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BackupResult:
    """A backup someone asked for (the command line): permission checked, audited."""
    actor.require(Permission.SYSTEM_SETTINGS)
    result = write(
        db.path, kind=kind, made_by=actor.username, target=target, progress=progress, cancelled=cancelled
    )
    record_backup(db, actor, result)
    return result


def record_backup(db: Database, actor: Actor, result: BackupResult) -> None:
    """The audit row of a backup someone asked for. Separate from `write`, so the window writes the
    file on a reader thread and leaves only this row to the one writer."""
    actor.require(Permission.SYSTEM_SETTINGS)
    kind = result.manifest.kind
    with unit_of_work(db, actor) as uow:
        uow.audit(
            BACKED_UP,
            "数据库",
            "",
            f"{KIND_LABELS.get(kind, (kind,))[0]}备份：{result.path.name}",
            {
                "target": str(result.path),
                "size": result.path.stat().st_size,
                "integrity": result.manifest.integrity,
                "pruned": [p.name for p in result.pruned],
            },
        )


def _own(db_path: Path, kinds: Sequence[str]) -> list[BackupEntry]:
    """Copies the program made of this database in its backups folder, newest first: its own
    file names and its town. The folder can hold another database's copies (a test or restored copy
    kept beside the live one), and a copy renamed by hand or brought from elsewhere is not this one's."""
    pattern = re.compile(
        re.escape(db_path.stem)
        + r"-\d{8}-\d{6}-("
        + "|".join(re.escape(kind) for kind in kinds)
        + r")(-\d+)?"
        + re.escape(backup_archive.SUFFIX)
    )
    town = current_town_code(db_path)
    return [
        e
        for e in list_backups(db_path)
        if e.manifest is not None
        and e.manifest.kind in kinds
        and pattern.fullmatch(e.path.name)
        and (not town or e.manifest.town_code == town)
    ]


def _rotated(db_path: Path) -> list[BackupEntry]:
    """The daily copies the program made of this database, newest first, not dated in the future (a
    PC clock once wrong must not stop the daily copy for years). Only these are pruned or counted."""
    latest = utc_now() + timedelta(hours=1)
    return [e for e in _own(db_path, ROTATED_KINDS) if e.created <= latest]


def newest_own(db_path: Path) -> BackupEntry | None:
    """The newest good copy of this database of any kind, for the status bar: another database's copy
    in the same folder must not tell the office that this one was backed up today."""
    return next((e for e in _own(db_path, tuple(KIND_LABELS)) if e.is_good), None)


def last_daily(db_path: Path) -> BackupEntry | None:
    rotated = _rotated(db_path)
    return rotated[0] if rotated else None


def daily_due(db_path: Path, today: date | None = None) -> bool:
    """True when no daily (or scheduled) backup was made today, China time."""
    last = last_daily(db_path)
    today = today or to_local(utc_now()).date()
    return last is None or to_local(last.created).date() < today


def run_daily(
    db_path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> BackupResult | None:
    """The program's own daily backup, made when the day has none yet."""
    if not daily_due(db_path):
        return None
    return write(db_path, kind=DAILY, made_by="system", progress=progress, cancelled=cancelled)


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupEntry]:
    """Backups in the backups folder (or `folder`), newest first; a file that is not readable as a
    backup is listed with the reason, since someone put it there."""
    folder = folder or backups_dir(db_path)
    entries = []
    for path in folder.glob("*" + backup_archive.SUFFIX) if folder.is_dir() else ():
        try:
            size = path.stat().st_size
        except OSError:
            continue
        try:
            entries.append(BackupEntry(path, size, backup_archive.read_manifest(path)))
        except UserError as exc:
            entries.append(BackupEntry(path, size, None, exc.zh))
    entries.sort(key=lambda e: e.created.timestamp(), reverse=True)
    return entries


def newest_good(db_path: Path) -> BackupEntry | None:
    return next((e for e in list_backups(db_path) if e.is_good), None)


def prune(db_path: Path) -> list[Path]:
    """Keeps the newest daily copy of each of the last 14 days that have one, and the newest of each of
    the last 12 months; other daily copies go. Copies made by hand or before an upgrade or a restore
    are never removed by the program."""
    rotated = _rotated(db_path)
    keep: set[Path] = set()
    days: set[date] = set()
    months: set[tuple[int, int]] = set()
    for entry in rotated:  # newest first
        day = to_local(entry.created).date()
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(entry.path)
        month = (day.year, day.month)
        if month not in months and len(months) < KEEP_MONTHLY:
            months.add(month)
            keep.add(entry.path)
    removed = []
    for entry in rotated:
        if entry.path not in keep:
            try:
                entry.path.unlink()
                removed.append(entry.path)
            except OSError:
                log.warning("could not remove the old backup %s", entry.path, exc_info=True)
    if removed:
        log.info("removed %d old daily backups", len(removed))
    return removed


# --- restore --------------------------------------------------------------------------------------


def check_restorable(source: Path, current_town: str, *, other_town_ok: bool = False) -> Manifest:
    """The backup's manifest when it can be restored here; refusals before anything is touched."""
    manifest = backup_archive.read_manifest(source)
    if manifest.schema_revision and not revision_known(manifest.schema_revision):
        raise UserError(
            f"{source.name} 由更新版本的程序制作（数据库版本 {manifest.schema_revision}），请先安装新版本；"
            "未做任何改动。",
            f"{source.name} was made by a newer program (schema {manifest.schema_revision}); install "
            "it first. Nothing was changed.",
        )
    if manifest.integrity != "ok":
        raise backup_archive.BackupDamaged(
            source, "制作时数据库已有损坏", "its database was damaged when made"
        )
    if current_town and manifest.town_code != current_town and not other_town_ok:
        raise OtherTown(manifest, current_town)
    return manifest


def current_town_code(db_path: Path) -> str:
    """The town of the database at `db_path`, or "" when there is none or it cannot be read."""
    if not db_path.is_file():
        return ""
    try:
        conn = sqlite3.connect(read_only_uri(db_path), uri=True, timeout=LOCK_WAIT_S)
        try:
            row = conn.execute("SELECT area_code FROM town_profile LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""
    return str(row[0]) if row else ""


def expected_town(db_path: Path) -> str:
    """The town a backup restored here must belong to: the current database's, or, when that cannot
    be read (damaged, missing), the town of the newest backup made from it in its backups folder."""
    town = current_town_code(db_path)
    if town:
        return town
    made_here = [e for e in list_backups(db_path) if e.manifest is not None and _made_from(e.path, db_path)]
    return made_here[0].manifest.town_code if made_here and made_here[0].manifest else ""


def restore(
    db_path: Path,
    source: Path,
    actor: Actor | None,
    *,
    other_town_ok: bool = False,
    reason: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RestoreResult:
    """Puts the backup `source` in place of the database at `db_path`; see the module's steps.

    Everything that can refuse runs before the current database is touched: the manifest, the
    archive's own sizes, free space, the database file itself (its schema compared with this program's
    at its revision, its town, its audit chain; an older one is migrated in the staging copy), and
    whether another program holds the database. Should opening the restored file still fail, the
    previous database is put back. The caller has closed its own connections. `actor` None is the
    start-up recovery of a damaged database, confirmed by the person at the PC (the audit row says so)."""
    if actor is not None:
        actor.require(Permission.SYSTEM_SETTINGS)
    started = time.monotonic()
    town = expected_town(db_path)
    manifest = check_restorable(source, town, other_town_ok=other_town_ok)
    backup_archive.check_members(source, manifest)
    _require_room(db_path, manifest)
    _probe_exclusive(db_path)

    def part(share: float, offset: float) -> Progress:
        def report(done: int, total: int) -> None:
            if progress is not None:
                progress(int(1000 * (offset + share * done / max(total, 1))), 1000)

        return report

    stamp = f"{os.getpid()}-{time.monotonic_ns()}"
    staged = db_path.with_name(f".{db_path.name}.restoring-{stamp}")
    staged_attachments = db_path.parent / f".attachments.restoring-{stamp}"
    undo: _Undo | None = None
    try:
        backup_archive.extract_database(
            source, manifest, staged, progress=part(0.3, 0.0), cancelled=cancelled
        )
        migrated_from = _vet_staged(staged, source, manifest, town, other_town_ok)
        extracted = backup_archive.extract_attachments(source, manifest, staged_attachments)
        kept_aside = _keep_current(db_path, part(0.4, 0.35), cancelled)
        # The files before the records: a kill between the two leaves files nothing names yet (their
        # names are new ids), never records whose files are still in the staging folder.
        _place_attachments(db_path, extracted)
        undo = _swap_in(db_path, staged)
    finally:
        for leftover in (staged, *companion_files(staged)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        shutil.rmtree(staged_attachments, ignore_errors=True)
    if progress is not None:
        progress(850, 1000)
    try:
        _open_and_record(db_path, source, manifest, actor, kept_aside, reason)
    except BaseException:
        log.exception("the restored database could not be opened; the previous one is put back")
        undo.put_back()
        raise
    undo.forget()
    if progress is not None:
        progress(1000, 1000)
    return RestoreResult(source, manifest, kept_aside, migrated_from, time.monotonic() - started)


def _made_from(backup: Path, db_path: Path) -> bool:
    return backup.name.startswith(db_path.stem + "-")


def _require_room(db_path: Path, manifest: Manifest) -> None:
    """Room for the staging copy, the attachments and the copy of the current database, checked before
    anything is written (a crafted manifest may claim any size; the archive's own sizes must agree)."""
    need = manifest.database.size + sum(a.size for a in manifest.attachments)
    if db_path.is_file():
        need += db_path.stat().st_size // 2  # the before-restore backup, compressed
    free = shutil.disk_usage(db_path.parent).free
    if free < need + 50 * 1024 * 1024:
        raise StorageProblem("full", db_path)


def _probe_exclusive(db_path: Path) -> None:
    """Refuses at once when another program holds the database, before a copy of it is made."""
    if not db_path.is_file():
        return
    try:
        conn = sqlite3.connect(db_path, timeout=LOCK_WAIT_S, isolation_level=None)
    except sqlite3.Error:
        return  # damaged or unreadable: nothing else can be using it usefully
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if is_busy_error(exc):
            raise DatabaseInUse(db_path) from exc
    except sqlite3.DatabaseError:
        pass  # damaged: it is kept aside, not backed up
    finally:
        conn.close()


def _vet_staged(staged: Path, source: Path, manifest: Manifest, town: str, other_town_ok: bool) -> str:
    """The staging copy must be this program's database at a revision this program knows, with
    exactly the schema its migrations make (no added trigger or view), of the town the manifest names,
    with an intact audit chain as long as the manifest says. An older one is migrated here, before the
    swap. Returns the revision it was migrated from, or ""."""
    revision, staged_town = _revision_and_town(staged, source)
    if revision != manifest.schema_revision or staged_town != manifest.town_code:
        raise backup_archive.NotABackup(
            source, "数据库与说明文件不符", "its database does not match its manifest"
        )
    if town and staged_town != town and not other_town_ok:
        raise OtherTown(manifest, town)
    unexpected = schema_differences(staged, revision)
    if unexpected:
        log.warning("a backup's database differs from schema %s: %s", revision, unexpected[:5])
        raise backup_archive.NotABackup(
            source,
            f"其中的数据库结构与本程序不符（{unexpected[0]}）",
            f"its database's schema is not this program's ({unexpected[0]})",
        )
    db = Database.open(staged, backup_before_migration=False)
    try:
        report = verify_chain(db)
        problems = [f.zh for f in guard_findings(db)]
        with db.reading() as session:
            rows = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    finally:
        db.close()
    if report.broken_at is not None or problems:
        raise backup_archive.BackupDamaged(
            source, "其中的审计日志不完整或被改动", f"its audit log is broken: {report.broken_at} {problems}"
        )
    if rows < manifest.counts.get("audit_log", 0):
        raise backup_archive.BackupDamaged(
            source, "其中的审计日志比制作时短", "its audit log is shorter than made"
        )
    head = script_directory().get_current_head()
    return revision if revision != head else ""


def _revision_and_town(staged: Path, source: Path) -> tuple[str, str]:
    conn = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
    try:
        revision = str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
        town = str(conn.execute("SELECT area_code FROM town_profile LIMIT 1").fetchone()[0])
    except (sqlite3.Error, TypeError) as exc:
        raise backup_archive.NotABackup(
            source, "其中的数据库不是本程序的", "its database is not this program's"
        ) from exc
    finally:
        conn.close()
    if not revision_known(revision):
        raise UserError(
            f"{source.name} 中的数据库由更新版本的程序写入（版本 {revision}），请先安装新版本；未做任何改动。",
            f"The database in {source.name} was written by a newer program (schema {revision}); nothing was "
            "changed.",
        )
    return revision, town


_REFERENCE_SCHEMAS: dict[str, set[tuple[str, str, str]]] = {}


def _schema_of(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """Every table by name, and every trigger and view by its text too: code that would run inside the
    database must be the migrations' own, word for word. Indexes are left out (one missing or added
    changes speed, not what the data is or does), as is a table's text (a batch migration writes its
    constraints in an order that depends on reflection)."""
    return {
        (str(kind), str(name), " ".join(str(sql or "").split()) if kind in ("trigger", "view") else "")
        for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type != 'index'"
        )
    }


def reference_schema(revision: str) -> set[tuple[str, str, str]]:
    """What this program's migrations make at `revision`, in an empty database (cached)."""
    if revision not in _REFERENCE_SCHEMAS:
        import tempfile

        from desktop.db import make_engine, migrate

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "reference.db"
            engine = make_engine(path)
            try:
                migrate(engine, revision)
            finally:
                engine.dispose()
            conn = sqlite3.connect(path)
            try:
                _REFERENCE_SCHEMAS[revision] = _schema_of(conn)
            finally:
                conn.close()
    return _REFERENCE_SCHEMAS[revision]


def schema_differences(path: Path, revision: str) -> list[str]:
    """Tables, indexes, triggers and views that differ from what the migrations make at `revision`."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        actual = _schema_of(conn)
    finally:
        conn.close()
    expected = reference_schema(revision)
    # An extra table is data nobody reads; an extra or changed trigger or view is code that would run.
    extra = [f"多出 {kind} {name}" for kind, name, _sql in sorted(actual - expected) if kind != "table"]
    missing = [f"缺少或改动 {kind} {name}" for kind, name, _sql in sorted(expected - actual)]
    return extra + missing


def _keep_current(db_path: Path, progress: Progress, cancelled: Cancelled | None) -> Path | None:
    """Backs up the database about to be replaced; a damaged one is renamed aside instead."""
    if not db_path.is_file():
        return None
    try:
        result = write(db_path, kind=BEFORE_RESTORE, made_by="system", progress=progress, cancelled=cancelled)
        if result.manifest.integrity == "ok":
            return result.path
        log.warning("the database being replaced fails integrity_check: %s", result.manifest.integrity)
    except sqlite3.DatabaseError:
        log.warning("the database being replaced cannot be backed up", exc_info=True)
    return _set_aside(db_path)


def _set_aside(db_path: Path) -> Path:
    """Renames a damaged database (with its -wal and -shm) so that nothing of it is lost."""
    stamp = to_local(utc_now()).strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for source in (db_path, *companion_files(db_path)):
        if source.exists():
            os.replace(source, aside.with_name(aside.name + source.name[len(db_path.name) :]))
    log.warning("the damaged database %s was kept aside as %s", db_path, aside)
    return aside


@dataclass
class _Undo:
    """What puts the replaced database back if the restored one cannot be opened."""

    db_path: Path
    previous: Path | None  # a second name (hard link) of the replaced file
    anchor: bytes | None  # the replaced database's anchor file

    def put_back(self) -> None:
        if self.previous is None:
            return
        for companion in companion_files(self.db_path):
            companion.unlink(missing_ok=True)
        os.replace(self.previous, self.db_path)
        target = audit_anchor.anchor_path(self.db_path)
        if self.anchor is not None:
            target.write_bytes(self.anchor)
        else:
            target.unlink(missing_ok=True)

    def forget(self) -> None:
        if self.previous is not None:
            with contextlib.suppress(OSError):
                self.previous.unlink()


def _swap_in(db_path: Path, staged: Path) -> _Undo:
    """Replaces the database by `staged` once no other program holds it.

    An exclusive lock succeeds only when no other connection is open; the -wal is then checkpointed
    into the file and must be gone before the rename, or SQLite would replay it into the new file.
    The replaced file keeps a second name until the restored one has opened."""
    if db_path.is_file():
        try:
            conn = sqlite3.connect(db_path, timeout=LOCK_WAIT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise DatabaseInUse(db_path) from exc
        try:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")  # the lock stays held: locking_mode is EXCLUSIVE
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                raise DatabaseInUse(db_path)
        except sqlite3.OperationalError as exc:
            raise DatabaseInUse(db_path) from exc
        finally:
            conn.close()
    for companion in companion_files(db_path):
        if companion.exists():
            if companion.name.endswith("-wal") and companion.stat().st_size > 0:
                raise DatabaseInUse(db_path)  # written between our lock and now
            companion.unlink()
    previous: Path | None = None
    if db_path.is_file():
        previous = db_path.with_name(f".{db_path.name}.replaced-{os.getpid()}-{time.monotonic_ns()}")
        try:
            os.link(db_path, previous)
        except OSError:
            previous = None  # a file system without hard links: no way back, as before
    anchor_file = audit_anchor.anchor_path(db_path)
    audit_anchor.wait_for_writes(db_path)  # a save's anchor still on its way would land after the swap
    anchor = anchor_file.read_bytes() if anchor_file.is_file() else None
    # The anchor must follow the database at once: left describing the one replaced, `check` would call
    # the log cut or rewritten. Written aside first, it is settled on the next read if a kill falls here.
    head = _chain_head(staged)
    if head is not None:
        audit_anchor.write_pending(db_path, head)
    os.replace(staged, db_path)
    if head is not None:
        audit_anchor.commit_pending(db_path)
    else:
        anchor_file.unlink(missing_ok=True)
    backup_archive._sync_folder(db_path.parent)
    return _Undo(db_path, previous, anchor)


def _chain_head(path: Path) -> audit_anchor.Anchor | None:
    """The last audit row of the database at `path`: the anchor that goes with it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    return audit_anchor.Anchor(int(row[0]), str(row[1])) if row else None


def _place_attachments(db_path: Path, extracted: list[tuple[str, Path]]) -> None:
    """The backup's attachments join the folder; files the backup does not have are left alone."""
    folder = attachments_dir(db_path)
    for relative, file in extracted:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(file, target)


def _open_and_record(
    db_path: Path, source: Path, manifest: Manifest, actor: Actor | None, kept_aside: Path | None, reason: str
) -> None:
    from desktop.services.startup import bring_up_to_date

    db = Database.open(db_path)
    try:
        bring_up_to_date(db)
        # At start-up nobody is logged in: the program records it, saying so.
        with unit_of_work(db, actor or SYSTEM_ACTOR) as uow:
            # The chain now ends where the backup's did: the anchor starts again from this row.
            uow.replaces_anchor = True
            uow.audit(
                RESTORED,
                "数据库",
                "",
                f"从 {source.name}（{to_local(manifest.created):%Y-%m-%d %H:%M} 制作）恢复"
                + ("（启动时发现数据库损坏，未登录，由在场人员确认）" if actor is None else "")
                + (f"：{reason}" if reason else ""),
                {
                    "source": str(source),
                    "made_at": manifest.created_at,
                    "kind": manifest.kind,
                    "town": manifest.town_code,
                    "schema": manifest.schema_revision,
                    "kept_aside": str(kept_aside) if kept_aside else "",
                    "confirmed_at_start": actor is None,
                },
            )
    finally:
        db.close()
