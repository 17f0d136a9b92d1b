"""Logging to a rotating file beside the database (STYLE.md §13)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from desktop.paths import logs_dir, restrict_to_owner

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_configured: Path | None = None


def log_file_for(db_path: Path) -> Path:
    return logs_dir(db_path) / "towncentre.log"


def setup_logging(db_path: Path, *, console: bool, level: int = logging.INFO) -> Path:
    """Idempotent; returns the log file's path (shown in the crash dialog)."""
    global _configured
    path = log_file_for(db_path)
    if _configured == path:
        return path
    stop_logging()
    root = logging.getLogger()
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8"
        )
        restrict_to_owner(path.parent, path, *path.parent.glob(path.name + ".*"))
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
