"""The backup file: one zip archive that says what it is.

    database/towncentre.db      a consistent snapshot (SQLite's online backup), integrity_check passed
    attachments/<stored path>   every attachment file, copied as it is
    manifest.json               format, program and schema version, town, counts, SHA-256 of every member

The manifest is written last, after the hashes are known; a file without it, or whose members do not
match it, is not a backup. Reading never trusts the archive's own names: members are looked up by the
names the manifest gives, and those are checked to stay inside the attachments folder.

Ready for an encrypted database: `encryption` says how the database member is protected ("none" today).
The key never goes into the file; it stays in the OS keyring of the machine that made it.

Kept free of the services (db.py uses it for the copy before a migration): sqlite3, zipfile, hashlib.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from desktop import __version__
from desktop.errors import UserError
from desktop.paths import SNAPSHOT_PREFIX, private_mode
from desktop.services.common.files import BACKUP_SUFFIX, shown_as

log = logging.getLogger("towncentre.backup")

FORMAT = "towncentre-backup"
FORMAT_VERSION = 1
SUFFIX = BACKUP_SUFFIX  # kept in files.py, whose output check refuses to overwrite a backup
MANIFEST = "manifest.json"
DATABASE_MEMBER = "database/towncentre.db"
ATTACHMENTS_PREFIX = "attachments/"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # a manifest lists attachments; anything larger is not ours
CHUNK = 1 << 20
# Level 1 deflate: a third of the size at ~80 MB/s; level 6 saves 5% more at half the speed.
COMPRESS_LEVEL = 1
# Snapshots left by a backup that was killed are swept once they are this old (a running one is younger).
STALE_SNAPSHOT_S = 6 * 3600

# What the manifest counts: table -> key. Tables that a schema does not have yet are left out.
COUNTED_TABLES = {
    "event": "events",
    "event_action": "event_actions",
    "event_attachment": "attachments",
    "mediation_case": "mediation_cases",
    "person": "persons",
    "grid_worker": "grid_workers",
    "app_user": "users",
    "audit_log": "audit_log",
}

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class NotABackup(UserError):
    def __init__(self, path: Path, why_zh: str, why_en: str) -> None:
        super().__init__(
            f"{path.name} 不是本程序的备份文件（{why_zh}），未做任何改动。",
            f"{path.name} is not a backup made by this program ({why_en}); nothing was changed.",
        )


class BackupDamaged(UserError):
    def __init__(self, path: Path, why_zh: str, why_en: str) -> None:
        super().__init__(
            f"备份文件 {path.name} 已损坏（{why_zh}），不能使用，未做任何改动。",
            f"The backup file {path.name} is damaged ({why_en}) and cannot be used; nothing was changed.",
        )


class BackupCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("已取消，没有写入备份文件。", "Cancelled; no backup file was written.")


@dataclass(frozen=True)
class MemberEntry:
    name: str  # the member's name in the archive
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str  # ISO 8601, UTC
    kind: str  # daily / manual / scheduled / before-migration / before-restore
    made_by: str
    program_version: str
    schema_revision: str
    town_code: str
    town_name: str
    counts: dict[str, int]
    database: MemberEntry
    attachments: tuple[MemberEntry, ...]
    integrity: str  # "ok", or the first problem integrity_check found
    attachment_problems: tuple[str, ...] = ()
    encryption: str = "none"
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    @property
    def is_good(self) -> bool:
        return self.integrity == "ok" and not self.attachment_problems

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def _manifest_from(data: object, path: Path) -> Manifest:
    def bad(why_zh: str, why_en: str) -> NotABackup:
        return NotABackup(path, why_zh, why_en)

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad("说明文件不是本程序的格式", "its manifest is not this program's")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise UserError(
            f"{path.name} 由更新版本的程序制作（格式 {version}），请安装新版本后再恢复；未做任何改动。",
            f"{path.name} was made by a newer version of the program (format {version}); install it "
            "first. Nothing was changed.",
        )
    try:
        database = MemberEntry(**data["database"])
        attachments = tuple(MemberEntry(**a) for a in data["attachments"])
        manifest = Manifest(
            created_at=str(data["created_at"]),
            kind=str(data["kind"]),
            made_by=str(data["made_by"]),
            program_version=str(data["program_version"]),
            schema_revision=str(data["schema_revision"]),
            town_code=str(data["town_code"]),
            town_name=str(data["town_name"]),
            counts={str(k): int(v) for k, v in dict(data["counts"]).items()},
            database=database,
            attachments=attachments,
            integrity=str(data["integrity"]),
            attachment_problems=tuple(str(p) for p in data.get("attachment_problems", ())),
            encryption=str(data.get("encryption", "none")),
            extra={str(k): str(v) for k, v in dict(data.get("extra", {})).items()},
        )
        manifest.created  # noqa: B018 - a date that does not parse is no manifest of ours
    except (KeyError, TypeError, ValueError) as exc:
        raise bad("说明文件内容不完整", f"its manifest is incomplete: {exc}") from exc
    if database.name != DATABASE_MEMBER:
        raise bad("说明文件内容不完整", "its manifest names no database")
    for entry in attachments:
        _check_attachment_name(entry.name, path)
    _check_attachment_set([entry.name for entry in attachments], path)
    if any(entry.size < 0 for entry in (database, *attachments)):
        raise bad("说明文件内容不完整", "a negative size")
    if manifest.encryption != "none":
        raise UserError(
            f"{path.name} 是加密的备份，本版本程序不能恢复它；未做任何改动。",
            f"{path.name} is an encrypted backup this version cannot restore; nothing was changed.",
        )
    return manifest


def _check_attachment_name(name: str, path: Path) -> None:
    """A member name from the manifest must stay inside attachments/ when it is extracted."""
    pure = PurePosixPath(name)
    if (
        not name.startswith(ATTACHMENTS_PREFIX)
        or pure.is_absolute()
        or any(part in ("", ".", "..") for part in name.split("/"))
        or "\\" in name
        or ":" in name
        or "\x00" in name
    ):
        raise NotABackup(path, "附件名称不合规", f"an attachment name leaves its folder: {name!r}")


WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}
MAX_NAME_BYTES = 200


def _check_attachment_set(names: list[str], path: Path) -> None:
    """Names that could not all be written as files: duplicates (also by case, as on Windows), a file
    that is also a folder, over-long or reserved parts."""
    folded = [name.casefold() for name in names]
    if len(set(folded)) != len(folded):
        raise NotABackup(path, "附件名称重复", "duplicate attachment names")
    folders = {"/".join(parts[:i]) for parts in (n.split("/") for n in folded) for i in range(1, len(parts))}
    if folders & set(folded):
        raise NotABackup(path, "附件名称与文件夹重名", "an attachment name is also a folder")
    for name in names:
        for part in name.split("/"):
            stem = part.split(".")[0].casefold()
            if (
                len(part.encode("utf-8")) > MAX_NAME_BYTES
                or stem in WINDOWS_RESERVED
                or part.endswith((" ", "."))
            ):
                raise NotABackup(
                    path, "附件名称不合规", f"an attachment name cannot be a file name: {part[:40]!r}"
                )


def check_members(path: Path, manifest: Manifest) -> None:
    """The archive's own records agree with the manifest (sizes, no member missing) and the database
    member starts as an SQLite file does: refused before anything is unpacked."""
    with _open_archive(path) as archive:
        for member in (manifest.database, *manifest.attachments):
            try:
                info = archive.getinfo(member.name)
            except KeyError:
                raise BackupDamaged(path, f"缺少 {member.name}", f"{member.name} is missing") from None
            if info.file_size != member.size or info.is_dir():
                raise BackupDamaged(
                    path, f"{member.name} 的大小与说明文件不符", f"{member.name}: size mismatch"
                )
        try:
            with archive.open(manifest.database.name) as data:
                header = data.read(16)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise BackupDamaged(path, "其中的数据库无法读出", str(exc)) from exc
    if header != b"SQLite format 3\x00":
        raise NotABackup(path, "其中的数据库不是数据库文件", "its database member is not an SQLite file")


def read_manifest(path: Path) -> Manifest:
    """The manifest of a backup file, or NotABackup (BackupDamaged when the zip itself is broken)."""
    try:
        if not zipfile.is_zipfile(path):
            raise NotABackup(path, "不是备份文件的格式", "not an archive")
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo(MANIFEST)
            except KeyError:
                raise NotABackup(path, "缺少说明文件", "no manifest") from None
            if info.file_size > MAX_MANIFEST_BYTES:
                raise NotABackup(path, "说明文件过大", "the manifest is too large")
            raw = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise BackupDamaged(path, "文件结构损坏", str(exc)) from exc
    except IsADirectoryError:
        raise NotABackup(path, "这是文件夹", "it is a folder") from None
    except OSError as exc:
        raise UserError(
            f"无法读取 {path}：{exc.strerror or exc}", f"Cannot read {path}: {exc.strerror or exc}"
        ) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotABackup(path, "说明文件无法读取", "the manifest is not JSON") from exc
    return _manifest_from(data, path)


# --- writing --------------------------------------------------------------------------------------


@dataclass
class _Steps:
    """Progress across the stages of a backup, in per-mille of the whole."""

    progress: Progress | None
    cancelled: Cancelled | None

    def report(self, done: float) -> None:
        if self.progress is not None:
            self.progress(min(1000, int(done * 1000)), 1000)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise BackupCancelled()


def write_backup(
    db_path: Path,
    target: Path,
    *,
    kind: str,
    made_by: str,
    attachments_folder: Path | None,
    snapshot_folder: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    created_at: datetime | None = None,
) -> Manifest:
    """Writes a verified backup of the live database at `db_path` (and its attachments) to `target`.

    The target appears only when it is complete and read back: it is written as `<target>.part` and
    renamed. A snapshot that fails integrity_check is still written (it may be all there is) but its
    manifest says so, and the caller reports the database as damaged."""
    steps = _Steps(progress, cancelled)
    snapshot_folder.mkdir(parents=True, exist_ok=True)
    _sweep_stale_snapshots(snapshot_folder)
    snapshot = snapshot_folder / f"{SNAPSHOT_PREFIX}{os.getpid()}-{time.monotonic_ns()}.db"
    part = target.with_name(target.name + ".part")
    try:
        _snapshot(db_path, snapshot, steps)  # 0 - 25 %
        steps.check()
        facts = _inspect(snapshot, steps)  # 25 - 45 %
        steps.check()
        moment = created_at or datetime.now(UTC)
        with shown_as(target, part):  # a full drive's message names the backup, not `….tcbak.part`
            manifest = _write_archive(snapshot, facts, part, kind, made_by, attachments_folder, steps, moment)
            os.replace(part, target)
        _sync_folder(target.parent)
        with contextlib.suppress(OSError):
            if os.name == "posix":
                target.chmod(private_mode(target))  # personal data, as the database itself
        verify_backup(target, progress=lambda d, t: steps.report(0.9 + 0.1 * d / max(t, 1)))
        steps.report(1.0)
        log.info(
            "backup %s written: %s bytes, integrity %s", target, target.stat().st_size, manifest.integrity
        )
        return manifest
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise
    finally:
        for leftover in (snapshot, *_companions(snapshot)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def _companions(path: Path) -> tuple[Path, Path, Path]:
    return (
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    )


def _sweep_stale_snapshots(folder: Path) -> None:
    now = time.time()
    for stale in folder.glob(SNAPSHOT_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > STALE_SNAPSHOT_S:
                stale.unlink()


def _snapshot(db_path: Path, snapshot: Path, steps: _Steps) -> None:
    """SQLite's online backup in one step: one read transaction for the whole copy, so writers carry on
    (WAL) and the copy is never restarted by them. Progress is the snapshot's size as it grows."""
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    dest = sqlite3.connect(snapshot)
    total = max(1, db_path.stat().st_size)
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.2):
            with contextlib.suppress(OSError):
                steps.report(0.25 * min(1.0, snapshot.stat().st_size / total))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        source.backup(dest)
        # Every page in the main file: the snapshot is then one file, read without its -wal.
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        finished.set()
        watcher.join()
        dest.close()
        source.close()
    steps.report(0.25)


@dataclass(frozen=True)
class _Facts:
    integrity: str
    schema_revision: str
    town_code: str
    town_name: str
    counts: dict[str, int]
    attachment_hashes: dict[str, str]  # stored path -> SHA-256 the database recorded


def _inspect(snapshot: Path, steps: _Steps) -> _Facts:
    conn = sqlite3.connect(snapshot)
    try:
        integrity = _integrity(conn, steps.cancelled)
        steps.report(0.4)
        revision, town_code, town_name, counts, hashes = _describe(conn)
    finally:
        conn.close()
    steps.report(0.45)
    return _Facts(integrity, revision, town_code, town_name, counts, hashes)


def _integrity(conn: sqlite3.Connection, cancelled: Cancelled | None) -> str:
    """ "ok", or what integrity_check (or SQLite itself) says is wrong."""
    try:
        with _interruptible(conn, cancelled):
            rows = conn.execute("PRAGMA integrity_check").fetchmany(20)
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise BackupCancelled() from exc
        return f"无法检查：{exc}"
    except sqlite3.DatabaseError as exc:
        return f"无法读取：{exc}"
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    return "ok" if not problems else "; ".join(problems)[:2000]


def _describe(conn: sqlite3.Connection) -> tuple[str, str, str, dict[str, int], dict[str, str]]:
    """Schema revision, town, counts and recorded attachment hashes; blanks where an older schema (or
    a damaged file) does not have them."""
    revision = town_code = town_name = ""
    counts: dict[str, int] = {}
    hashes: dict[str, str] = {}
    with contextlib.suppress(sqlite3.Error):
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else ""
        if "town_profile" in tables:
            row = conn.execute("SELECT area_code, name FROM town_profile LIMIT 1").fetchone()
            if row:
                town_code, town_name = str(row[0]), str(row[1])
        for table, key in COUNTED_TABLES.items():
            if table in tables:
                counts[key] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if "event_attachment" in tables:
            hashes = {
                str(p): str(h) for p, h in conn.execute("SELECT stored_path, sha256 FROM event_attachment")
            }
    return revision, town_code, town_name, counts, hashes


@contextlib.contextmanager
def _interruptible(conn: sqlite3.Connection, cancelled: Cancelled | None) -> Iterator[None]:
    """A long statement (integrity_check) stops when the person presses 取消."""
    if cancelled is None:
        yield
        return
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.2):
            if cancelled():
                conn.interrupt()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        finished.set()
        watcher.join()


def _write_archive(
    snapshot: Path,
    facts: _Facts,
    part: Path,
    kind: str,
    made_by: str,
    attachments_folder: Path | None,
    steps: _Steps,
    created_at: datetime,
) -> Manifest:
    files = _attachment_files(attachments_folder)
    total = snapshot.stat().st_size + sum(size for _, _, size in files) or 1
    written = 0

    def advanced(n: int) -> None:
        nonlocal written
        written += n
        steps.report(0.45 + 0.45 * written / total)
        steps.check()

    problems: list[str] = []
    entries: list[MemberEntry] = []
    with zipfile.ZipFile(
        part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
    ) as archive:
        database = _add_file(archive, snapshot, DATABASE_MEMBER, advanced)
        found: set[str] = set()
        for relative, source, _size in files:
            entry = _add_file(archive, source, ATTACHMENTS_PREFIX + relative, advanced)
            entries.append(entry)
            found.add(relative)
            recorded = facts.attachment_hashes.get(relative)
            if recorded is not None and recorded != entry.sha256:
                problems.append(f"附件 {relative} 与登记的 SHA-256 不符")
        problems.extend(
            f"附件 {relative} 已登记但文件不存在" for relative in sorted(set(facts.attachment_hashes) - found)
        )
        manifest = Manifest(
            created_at=created_at.astimezone(UTC).isoformat(timespec="seconds"),
            kind=kind,
            made_by=made_by,
            program_version=__version__,
            schema_revision=facts.schema_revision,
            town_code=facts.town_code,
            town_name=facts.town_name,
            counts=facts.counts,
            database=database,
            attachments=tuple(entries),
            integrity=facts.integrity,
            attachment_problems=tuple(problems[:200]),
        )
        archive.writestr(MANIFEST, manifest.to_json().encode("utf-8"))
    with part.open("rb+") as handle:
        os.fsync(handle.fileno())
    return manifest


def _attachment_files(folder: Path | None) -> list[tuple[str, Path, int]]:
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            relative = path.relative_to(folder).as_posix()
            found.append((relative, path, path.stat().st_size))
    return found


def _add_file(
    archive: zipfile.ZipFile, source: Path, name: str, advanced: Callable[[int], None]
) -> MemberEntry:
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as data, archive.open(name, "w", force_zip64=True) as member:
        while chunk := data.read(CHUNK):
            digest.update(chunk)
            member.write(chunk)
            size += len(chunk)
            advanced(len(chunk))
    return MemberEntry(name, size, digest.hexdigest())


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut only once the folder is on disk (POSIX)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- reading back ---------------------------------------------------------------------------------


def verify_backup(
    path: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> Manifest:
    """Reads every member back against the manifest's sizes and hashes (zip's CRC is checked too)."""
    manifest = read_manifest(path)
    members = (manifest.database, *manifest.attachments)
    total = sum(m.size for m in members) or 1
    done = 0

    def advanced(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)
        if cancelled is not None and cancelled():
            raise BackupCancelled()

    with _open_archive(path) as archive:
        for member in members:
            _stream_member(archive, member, path, None, advanced)
    return manifest


@contextlib.contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise BackupDamaged(path, "文件结构损坏", str(exc)) from exc


def _stream_member(
    archive: zipfile.ZipFile,
    member: MemberEntry,
    path: Path,
    out: Path | None,
    advanced: Callable[[int], None],
) -> None:
    """Reads one member (into `out` when given), checking its size and SHA-256 against the manifest."""
    digest = hashlib.sha256()
    size = 0
    try:
        with contextlib.ExitStack() as stack:
            source = stack.enter_context(archive.open(member.name))
            sink = stack.enter_context(out.open("xb")) if out is not None else None
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > member.size:
                    break
                digest.update(chunk)
                if sink is not None:
                    sink.write(chunk)
                advanced(len(chunk))
            if sink is not None:
                sink.flush()
                os.fsync(sink.fileno())
    except KeyError:
        raise BackupDamaged(path, f"缺少 {member.name}", f"{member.name} is missing") from None
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise BackupDamaged(path, f"{member.name} 无法读出", f"{member.name}: {exc}") from exc
    if size != member.size or digest.hexdigest() != member.sha256:
        raise BackupDamaged(
            path, f"{member.name} 与说明文件中的校验值不符", f"{member.name} fails its SHA-256"
        )


def extract_database(
    path: Path,
    manifest: Manifest,
    out: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Writes the backup's database to `out` (which must not exist), checked by hash and integrity_check."""
    total = manifest.database.size or 1
    done = 0

    def advanced(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)
        if cancelled is not None and cancelled():
            raise BackupCancelled()

    with _open_archive(path) as archive:
        _stream_member(archive, manifest.database, path, out, advanced)
    conn = sqlite3.connect(out)
    try:
        row = conn.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupDamaged(
            path, f"其中的数据库无法打开：{exc}", f"its database cannot be opened: {exc}"
        ) from exc
    finally:
        conn.close()
    if row is None or row[0] != "ok":
        raise BackupDamaged(
            path, "其中的数据库未通过完整性检查", f"its database fails integrity_check: {row}"
        )


def extract_attachments(path: Path, manifest: Manifest, folder: Path) -> list[tuple[str, Path]]:
    """Writes the attachments into `folder` (a staging folder), each checked by its hash; returns
    (path relative to the attachments folder, extracted file) pairs."""
    extracted = []
    with _open_archive(path) as archive:
        for member in manifest.attachments:
            relative = member.name[len(ATTACHMENTS_PREFIX) :]
            out = folder / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            _stream_member(archive, member, path, out, lambda _n: None)
            extracted.append((relative, out))
    return extracted
