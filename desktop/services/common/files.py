"""Writing files so they appear whole or not at all: a temporary file beside the target, renamed over it
only when complete (exports, prints). A failure or a kill leaves the old file and no temporary one."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.errors import UserError
from desktop.paths import database_files, database_folders, open_databases

log = logging.getLogger("towncentre.files")

# Antivirus (Defender, 360, 火绒) opens a new file to scan it as soon as it is closed, and Windows cannot
# rename a file another program has open: a rename refused that early is tried again, about 2 s in all,
# before the target is taken to be open in Excel.
REPLACE_RETRY_DELAYS = (0.1, 0.2, 0.4, 0.6, 0.8)


def require_text_path(target: Path) -> None:
    """Refuses a file name that is not valid text (undecodable bytes arrive as lone surrogates): the
    audit row naming it could not be written once the file is in place, so nothing is written."""
    try:
        str(target).encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(
            "文件路径含有无法识别的字符（不是有效的文字），未写入文件。请换一个只含正常文字的路径。",
            "The file path is not valid text; no file was written. Use a path with ordinary characters.",
        ) from None


SQLITE_HEADER = b"SQLite format 3\x00"


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _same_file(target: Path, real_target: str, other: Path) -> bool:
    """By resolved name (a symlink, a different spelling or case on Windows), or as the same file on
    disk (a hard link)."""
    if real_target == _real(other):
        return True
    try:
        return os.path.samefile(target, other)
    except OSError:  # either is missing
        return False


def _inside(real_target: str, folder: Path) -> bool:
    real_folder = _real(folder)
    try:
        return os.path.commonpath([real_target, real_folder]) == real_folder
    except ValueError:  # another drive
        return False


BACKUP_SUFFIX = ".tcbak"  # a backup archive's name (backup_archive.SUFFIX)


def refuse_database_target(target: Path) -> None:
    """An output file (export, print, package) must never replace an open database, its -wal, -shm,
    journal or audit-anchor files, nor land in the folders beside it that the program fills (backups,
    attachments, logs): `--out` pointed at the database once turned it into a PDF. Other files in the
    database's folder are allowed, since `--db` may sit in any folder. An existing file that is a SQLite
    database (another town's copy, the county hub's) is refused too."""
    real_target = _real(target)
    for db_path in open_databases():
        if any(_same_file(target, real_target, own) for own in database_files(db_path)):
            raise UserError(
                "不能写到数据库文件本身（或它的附属文件）上，请换一个文件名。",
                "Cannot write over the database file itself (or one of its companion files); choose "
                "another file name.",
            )
        for folder in database_folders(db_path):
            if _inside(real_target, folder):
                raise UserError(
                    f"不能写到程序自用的文件夹（{folder}）中，请换一个文件夹。",
                    f"Cannot write into a folder the program keeps for itself ({folder}); choose "
                    "another folder.",
                )
    try:
        with target.open("rb") as existing:
            is_database = existing.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:  # missing, a folder, unreadable: other checks say so
        is_database = False
    if is_database:
        raise UserError(
            f"{target.name} 是一个数据库文件，不能被覆盖。请换一个文件名。",
            f"{target.name} is a database file and cannot be overwritten; choose another file name.",
        )
    # A backup kept outside backups/ (`backup --out`, a USB stick) may be the only copy left.
    if target.suffix.lower() == BACKUP_SUFFIX and target.exists():
        raise UserError(
            f"{target.name} 是一个备份文件，不能被覆盖。请换一个文件名。",
            f"{target.name} is a backup and cannot be overwritten; choose another file name.",
        )


def require_existing_folder(target: Path) -> None:
    """A typo in the folder must not put the file somewhere new: the folder is never created."""
    if not target.parent.is_dir():
        raise UserError(
            f"文件夹不存在：{target.parent}。请检查路径，或先建立该文件夹；未写入文件。",
            f"The folder {target.parent} does not exist; no file was written. Check the path or create "
            "the folder first.",
        )


def temp_path_for(target: Path) -> Path:
    """A hidden name beside the target (same folder, so the final rename is atomic). Every writer of a
    file the user names comes here first, so the target is checked here: not the database, not in a
    missing folder."""
    refuse_database_target(target)
    require_existing_folder(target)
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")


@contextlib.contextmanager
def shown_as(target: Path, *temps: Path) -> Iterator[None]:
    """An OSError about a temporary file names the file the user chose instead: a message saying
    `.报表.xlsx.3f9a1c2e.part` cannot be written means nothing to them (a full disk, a name too long)."""
    try:
        yield
    except OSError as exc:
        hidden = {os.fspath(t) for t in temps}
        if exc.filename is not None and os.fspath(exc.filename) in hidden:
            exc.filename = os.fspath(target)
        if exc.filename2 is not None and os.fspath(exc.filename2) in hidden | {os.fspath(target)}:
            # a failed rename of the temporary file over the target: naming the target once is enough
            exc.filename2 = None if exc.filename == os.fspath(target) else os.fspath(target)
        raise


def discard_temp(temp: Path) -> None:
    """Removes a temporary file if it is there. A failure here (its name too long to exist at all, a
    folder gone read-only) must not hide the error that made the write stop, so it is only logged."""
    try:
        temp.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove the temporary file %s: %s", temp.name, exc)


def replace_file(temp: Path, target: Path) -> None:
    """Renames the finished temporary file over the target."""
    try:
        for delay in REPLACE_RETRY_DELAYS:
            try:
                os.replace(temp, target)
                return
            except PermissionError as exc:
                log.info("renaming %s over %s refused (%s); trying again", temp.name, target.name, exc)
                time.sleep(delay)
        with shown_as(target, temp):
            os.replace(temp, target)
    except PermissionError as exc:  # Windows: the old file is open in Excel
        raise _cannot_overwrite(target) from exc


def _cannot_overwrite(target: Path) -> UserError:
    opener = "Excel" if target.suffix.lower() in (".xlsx", ".xls") else "PDF 阅读器、WPS"
    return UserError(
        f"无法覆盖 {target.name}：文件是只读的，或正被其他程序（如 {opener}）打开。"
        "请关闭它或取消只读后重试，或换一个文件名。",
        f"Cannot overwrite {target.name}: it is read-only or open in another program; close it, clear "
        "read-only, or choose another name.",
    )


def _check_replaceable(target: Path) -> None:
    if target.is_dir():
        raise UserError(
            f"{target} 是一个文件夹，不能作为文件保存。请换一个文件名。",
            f"{target} is a folder, not a file name; choose another name.",
        )
    if not target.exists():
        return
    try:
        with target.open("ab"):
            pass
    except PermissionError as exc:  # read-only, or held by another program (Windows)
        raise _cannot_overwrite(target) from exc


def save_atomically(target: Path, save: Callable[[Path], object]) -> None:
    """`save(temp)` writes the file beside the target; only a complete file replaces the target, and a
    failure leaves the old file and no temporary one."""
    temp = temp_path_for(target)
    try:
        with shown_as(target, temp):
            save(temp)
            replace_file(temp, target)
    finally:
        discard_temp(temp)


def write_bytes_atomically(
    target: Path, data: bytes, before_replace: Callable[[], object] | None = None
) -> None:
    """Writes `data` to an owner-only (0600) temporary file beside the target, calls `before_replace`
    (the audit row: no file without it), then renames it over the target. The result is owner-only
    whatever the old file's mode was; a failure or a kill leaves the old file (or none) and no
    temporary one."""
    require_text_path(target)
    temp = temp_path_for(target)
    try:
        with shown_as(target, temp):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            with os.fdopen(os.open(temp, flags, 0o600), "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            if before_replace is not None:
                # The audit row says a file was written: a target that will refuse the rename is found
                # first, so the log never claims a document that did not come out.
                _check_replaceable(target)
                before_replace()
            replace_file(temp, target)
    finally:
        discard_temp(temp)
