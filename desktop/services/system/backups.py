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
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop import backup_archive
from desktop.backup_archive import Cancelled, Manifest, Progress
from desktop.clock import to_local, utc_now
from desktop.db import (
    Database,
    DatabaseDamaged,
    companion_files,
    read_only_uri,
    read_schema_state,
    script_directory,
    storage_problem,
)
from desktop.errors import UserError
from desktop.paths import attachments_dir, backups_dir, restrict_to_owner
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import audit_anchor
from desktop.services.common.uow import unit_of_work

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
    def kind_label(self) -> str:
        if self.manifest is None:
            return "—"
        return KIND_LABELS.get(self.manifest.kind, (self.manifest.kind, ""))[0]

    @property
    def result_label(self) -> str:
        if self.manifest is None:
            return f"无法读取：{self.problem}"
        if self.manifest.integrity != "ok":
            return "数据库有损坏"
        if self.manifest.attachment_problems:
            return f"附件有 {len(self.manifest.attachment_problems)} 处问题"
        return "完好"

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
    elif target.suffix != backup_archive.SUFFIX:
        target = target.with_name(target.name + backup_archive.SUFFIX)
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


def last_daily(db_path: Path) -> BackupEntry | None:
    rotated = [
        e for e in list_backups(db_path) if e.manifest is not None and e.manifest.kind in ROTATED_KINDS
    ]
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
    rotated = [
        e for e in list_backups(db_path) if e.manifest is not None and e.manifest.kind in ROTATED_KINDS
    ]
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
    if manifest.schema_revision:
        try:
            known = script_directory().get_revision(manifest.schema_revision) is not None
        except Exception:  # alembic raises several types for an unknown id
            known = False
        if not known:
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

    The caller has closed its own connections. `actor` None is the start-up recovery of a damaged
    database, confirmed by the person at the PC (the audit row says so)."""
    if actor is not None:
        actor.require(Permission.SYSTEM_SETTINGS)
    started = time.monotonic()
    manifest = check_restorable(source, current_town_code(db_path), other_town_ok=other_town_ok)

    def part(share: float, offset: float) -> Progress:
        def report(done: int, total: int) -> None:
            if progress is not None:
                progress(int(1000 * (offset + share * done / max(total, 1))), 1000)

        return report

    stamp = f"{os.getpid()}-{time.monotonic_ns()}"
    staged = db_path.with_name(f".{db_path.name}.restoring-{stamp}")
    staged_attachments = db_path.parent / f".attachments.restoring-{stamp}"
    try:
        backup_archive.extract_database(
            source, manifest, staged, progress=part(0.4, 0.0), cancelled=cancelled
        )
        extracted = backup_archive.extract_attachments(source, manifest, staged_attachments)
        kept_aside = _keep_current(db_path, part(0.4, 0.4), cancelled)
        # The files before the records: a kill between the two leaves files nothing names yet (their
        # names are new ids), never records whose files are still in the staging folder.
        _place_attachments(db_path, extracted)
        _swap_in(db_path, staged)
    finally:
        for leftover in (staged, *companion_files(staged)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        shutil.rmtree(staged_attachments, ignore_errors=True)
    if progress is not None:
        progress(850, 1000)
    migrated_from = _open_and_record(db_path, source, manifest, actor, kept_aside, reason)
    if progress is not None:
        progress(1000, 1000)
    return RestoreResult(source, manifest, kept_aside, migrated_from, time.monotonic() - started)


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


def _swap_in(db_path: Path, staged: Path) -> None:
    """Replaces the database by `staged` once no other program holds it.

    An exclusive lock succeeds only when no other connection is open; the -wal is then checkpointed
    into the file and must be gone before the rename, or SQLite would replay it into the new file."""
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
    # The anchor must follow the database at once: left describing the one replaced, `check` would call
    # the log cut or rewritten. Written aside first, it is settled on the next read if a kill falls here.
    head = _chain_head(staged)
    if head is not None:
        audit_anchor.write_pending(db_path, head)
    os.replace(staged, db_path)
    if head is not None:
        audit_anchor.commit_pending(db_path)
    else:
        audit_anchor.anchor_path(db_path).unlink(missing_ok=True)
    backup_archive._sync_folder(db_path.parent)


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
) -> str:
    from desktop.services.setup import bring_up_to_date

    before = read_schema_state(db_path)
    db = Database.open(db_path)
    try:
        bring_up_to_date(db)
        with unit_of_work(db, actor) as uow:
            # The chain now ends where the backup's did: the anchor starts again from this row.
            uow.replaces_anchor = True
            uow.audit(
                RESTORED,
                "数据库",
                "",
                f"从 {source.name}（{to_local(manifest.created):%Y-%m-%d %H:%M} 制作）恢复"
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
    return before.current or "" if not before.is_current else ""


LEFTOVER_MAX_AGE_S = 6 * 3600  # a backup or restore running now is younger


def sweep_leftovers(db_path: Path, max_age: float = LEFTOVER_MAX_AGE_S) -> int:
    """Removes what a killed backup or restore left: staging copies of a database being restored
    (full-size files), staged attachments, unfinished `.part` and snapshot files. Only old ones, since
    another process may be backing up right now. Returns how many were removed."""
    cutoff = time.time() - max_age
    folder = backups_dir(db_path)
    candidates = [
        *db_path.parent.glob(f".{db_path.name}.restoring-*"),
        *db_path.parent.glob(".attachments.restoring-*"),
        *db_path.parent.glob(".restore-login-*"),
        *(folder.glob("*.part") if folder.is_dir() else ()),
        *(folder.glob(backup_archive.SNAPSHOT_PREFIX + "*") if folder.is_dir() else ()),
    ]
    removed = 0
    for path in candidates:
        try:
            if path.lstat().st_mtime >= cutoff:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except OSError:
            continue  # still open (Windows) or gone: the next start-up tries again
    if removed:
        log.info("removed %d files left by an unfinished backup or restore", removed)
    return removed


def is_damage(exc: BaseException) -> bool:
    """An error that means the database file itself is damaged (not busy, not missing, not ours)."""
    if isinstance(exc, DatabaseDamaged):
        return True
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    return isinstance(orig, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text)
