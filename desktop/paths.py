"""Where the program keeps its files: database, backups, logs, resources."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("towncentre.paths")

DB_ENV = "TOWNCENTRE_DB"
# Owner-only files on POSIX: the database, its -wal/-shm, logs, backups, exports and attachments hold
# personal data. On Windows the installer's ACL on the data folder gives the centre's users group access.
PRIVATE_UMASK = 0o077
DB_FILENAME = "towncentre.db"


def resources_dir() -> Path:
    """The `resources/` folder, from a source checkout or from a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "TownCentre"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "towncentre"


USER_CONFIG_ENV = "TOWNCENTRE_USER_CONFIG"


def user_config_dir() -> Path:
    """This Windows (or Linux) user's own preferences, e.g. 大字模式: %APPDATA%\\TownCentre."""
    override = os.environ.get(USER_CONFIG_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "TownCentre"
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "towncentre"


def resolve_db_path(cli_value: str | None) -> Path:
    """`--db` wins over the environment, which wins over the machine-wide default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def logs_dir(db_path: Path) -> Path:
    return db_path.parent / "logs"


def attachments_dir(db_path: Path) -> Path:
    """Photos and documents attached to records, copied beside the database (backed up with it)."""
    return db_path.parent / "attachments"


# The files SQLite and the audit anchor keep beside a database (audit_anchor.SUFFIX and PENDING_SUFFIX).
DATABASE_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".audit-anchor", ".audit-anchor.next")

_open_databases: dict[Path, int] = {}
_open_lock = threading.Lock()


def database_files(db_path: Path) -> tuple[Path, ...]:
    """The database file and its companions: none of them may be replaced by an output file."""
    return (db_path, *(db_path.with_name(db_path.name + suffix) for suffix in DATABASE_COMPANION_SUFFIXES))


def database_folders(db_path: Path) -> tuple[Path, ...]:
    """The folders beside the database that the program alone fills (a stray file there is taken for
    one of its own: a backup, an attachment)."""
    return backups_dir(db_path), attachments_dir(db_path), logs_dir(db_path), temp_dir(db_path)


def note_database_opened(db_path: Path) -> None:
    """Kept while the database is open, so every writer of a file the user names can refuse it
    (`services.common.files`) without each being handed the database."""
    key = Path(os.path.abspath(db_path))
    with _open_lock:
        _open_databases[key] = _open_databases.get(key, 0) + 1


def note_database_closed(db_path: Path) -> None:
    key = Path(os.path.abspath(db_path))
    with _open_lock:
        left = _open_databases.get(key, 0) - 1
        if left > 0:
            _open_databases[key] = left
        else:
            _open_databases.pop(key, None)


def open_databases() -> list[Path]:
    with _open_lock:
        return list(_open_databases)


def temp_dir(db_path: Path) -> Path:
    """Scratch files beside the database (openpyxl's sheet files during an export hold titles, names and
    addresses): owner-only, instead of the shared system temp folder."""
    return db_path.parent / "tmp"


TEMP_MAX_AGE_SECONDS = 3600
# tempfile.tempdir is one setting for the whole process: one private_temp block at a time.
_temp_lock = threading.RLock()


@contextmanager
def private_temp(db_path: Path) -> Iterator[Path]:
    """Points Python's `tempfile` at `temp_dir(db_path)` (created 0700) for the block and restores it
    afterwards; if the block fails, removes the files it left there (a failed export's sheet files)."""
    folder = temp_dir(db_path)
    with _temp_lock:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        restrict_to_owner(folder)
        before = {p.name for p in folder.iterdir()}
        saved = tempfile.tempdir
        tempfile.tempdir = str(folder)
        try:
            yield folder
        except BaseException:
            for path in folder.iterdir():
                if path.name not in before:
                    _remove(path)
            raise
        finally:
            tempfile.tempdir = saved


def sweep_temp(db_path: Path, max_age: float = TEMP_MAX_AGE_SECONDS) -> int:
    """Removes files older than `max_age` seconds from `temp_dir(db_path)`: what a killed export left
    behind. Returns how many were removed. Younger files may belong to an export running right now."""
    folder = temp_dir(db_path)
    if not folder.is_dir():
        return 0
    cutoff = time.time() - max_age
    removed = 0
    with _temp_lock:
        for path in folder.iterdir():
            try:
                if path.stat().st_mtime < cutoff and _remove(path):
                    removed += 1
            except OSError:
                continue
    return removed


def _remove(path: Path) -> bool:
    try:
        if path.is_file() or path.is_symlink():
            path.unlink()
            return True
    except OSError:
        pass  # still open (Windows) or already gone: the next start-up's sweep takes it
    return False


def make_files_private() -> None:
    """Every file and folder this process creates from now on is readable by its owner only (POSIX)."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


SHARED_UMASK = 0o007


def is_shared_folder(folder: Path) -> bool:
    """A data folder set up for the centre's users rather than one person: group-owned, setgid, group
    rwx and nothing for others (the .deb's /var/lib/towncentre, mode 2770, group towncentre)."""
    if os.name != "posix":
        return False
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISGID) and mode & 0o070 == 0o070 and not mode & 0o007


def use_data_folder(db_path: Path) -> None:
    """In a shared data folder, files are made for the group as well (0660/2770), so that every user
    of the centre's PC can open the database another created; elsewhere they stay the owner's."""
    if is_shared_folder(db_path.parent):
        os.umask(SHARED_UMASK)


def private_mode(path: Path) -> int:
    """The mode for a file of personal data at `path`: the owner's, or the group's too in a shared folder."""
    return 0o660 if is_shared_folder(path.parent) else 0o600


def restrict_to_owner(*paths: Path) -> None:
    """Takes group/other access away from files an earlier version created world-readable (POSIX);
    in a shared data folder only others' access goes."""
    if os.name != "posix":
        return
    for path in paths:
        try:
            mode = path.stat().st_mode & 0o777
            if is_shared_folder(path.parent) or (path.is_dir() and is_shared_folder(path)):
                # Read and written by every user of the centre's group; nothing for others.
                wanted = 0o770 if path.is_dir() else 0o660
                if mode != wanted:
                    path.chmod(wanted | (stat.S_ISGID if path.is_dir() else 0))
            elif mode & 0o077:
                path.chmod(mode & 0o700)
        except OSError:
            pass  # missing, or not ours to change: the umask still covers new files


SNAPSHOT_PREFIX = ".snapshot-"  # a backup's copy of the database while it is made (backup_archive)
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
        *db_path.parent.glob(f".{db_path.name}.replaced-*"),
        *(folder.glob("*.part") if folder.is_dir() else ()),
        *(folder.glob(SNAPSHOT_PREFIX + "*") if folder.is_dir() else ()),
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
