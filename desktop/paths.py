"""Where the program keeps its files: database, backups, logs, resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV = "TOWNCENTRE_DB"
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
