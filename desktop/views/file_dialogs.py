"""Where file dialogs start: the folder the user last saved or opened in, else their Documents.

A shortcut starts the program in its installation folder (C:\\Program Files\\TownCentre), which a
bare file name would put the dialog in; no user can save there, and nobody looks there afterwards.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.views import user_prefs

PREFS = "folders.json"


def start_folder() -> Path:
    last = user_prefs.read(PREFS).get("last")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember(path: str | Path) -> None:
    """The folder of a file the user chose, for the next dialog (never fatal)."""
    # A preferences folder that cannot be written costs only the convenience.
    with contextlib.suppress(OSError):
        user_prefs.write(PREFS, {**user_prefs.read(PREFS), "last": str(Path(path).parent)})


def save_path(parent: QWidget, title: str, file_name: str, file_filter: str) -> str:
    """QFileDialog.getSaveFileName starting in `start_folder()`; "" when cancelled."""
    path, _chosen = QFileDialog.getSaveFileName(parent, title, str(start_folder() / file_name), file_filter)
    if path:
        remember(path)
    return path


def open_path(parent: QWidget, title: str, file_filter: str) -> str:
    path, _chosen = QFileDialog.getOpenFileName(parent, title, str(start_folder()), file_filter)
    if path:
        remember(path)
    return path


def open_paths(parent: QWidget, title: str, file_filter: str) -> list[str]:
    paths, _chosen = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), file_filter)
    if paths:
        remember(paths[0])
    return list(paths)
