"""Logging to a rotating file beside the database (STYLE.md §13).

One log per kind of process: the window writes `towncentre.log`, the command line (a scheduled
sync or backup among them) `towncentre-cli.log`, so the two never rotate each other's file. Where
two processes of one kind still share a file (two windows), a rollover that Windows refuses (an
open file cannot be renamed) is put off instead of losing records or shifting older logs away."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from desktop.paths import logs_dir, restrict_to_owner

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_configured: Path | None = None


LOG_NAMES = {"gui": "towncentre.log", "cli": "towncentre-cli.log"}
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 5


def log_file_for(db_path: Path, kind: str = "gui") -> Path:
    return logs_dir(db_path) / LOG_NAMES[kind]


class SharedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log that another process may hold open.

    The standard rollover shifts .4 to .5 … first and renames the live file last: when Windows
    refuses that last rename, the shift has already pushed the oldest log out, and it happens again
    on every record after. Here the live file is moved aside first; if that is refused, nothing else
    moves, the record goes to the current file, and the next try waits for another tenth of the size."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        self.retry_at = 0  # the file size before which a refused rollover is not tried again

    def shouldRollover(self, record: logging.LogRecord) -> int:
        if self.retry_at and self.stream is not None and self.stream.tell() < self.retry_at:
            return 0
        return super().shouldRollover(record)

    def doRollover(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        moving = self.baseFilename + ".rotating"
        try:
            os.replace(self.baseFilename, moving)
        except OSError:
            self.stream = self._open()
            self.retry_at = self.stream.tell() + max(self.maxBytes // 10, 1)
            return
        for number in range(self.backupCount - 1, 0, -1):
            older = f"{self.baseFilename}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{number + 1}")
        os.replace(moving, self.baseFilename + ".1")
        self.retry_at = 0
        self.stream = self._open()


def setup_logging(db_path: Path, *, console: bool, level: int = logging.INFO, kind: str = "") -> Path:
    """Idempotent; returns the log file's path (shown in the crash dialog). `kind`: "gui" when the
    window is shown (console=True), "cli" otherwise, unless given."""
    global _configured
    path = log_file_for(db_path, kind or ("gui" if console else "cli"))
    if _configured == path:
        return path
    stop_logging()
    root = logging.getLogger()
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler = SharedRotatingFileHandler(path)
        restrict_to_owner(path.parent, path, *path.parent.glob("*.log.*"))
    except OSError:
        file_handler = logging.NullHandler()  # read-only location: keep running, stderr still works
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    file_handler._towncentre = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    # A windowed (PyInstaller) build has no stderr at all.
    if console and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter(LOG_FORMAT))
        stream._towncentre = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    _configured = path
    return path


def stop_logging() -> None:
    """Removes and closes the handlers setup_logging added; the next call sets them up afresh.

    For a process that runs one command after another (the tests run `cli.main` in-process)."""
    global _configured
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_towncentre", False):
            root.removeHandler(handler)
            handler.close()
    _configured = None
