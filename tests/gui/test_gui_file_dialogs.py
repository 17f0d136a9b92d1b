"""File dialogs start where the user keeps files, never in the program's own folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.paths import USER_CONFIG_ENV
from desktop.views import file_dialogs


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The folder each save dialog proposed; the user then saves in tmp_path/chosen."""
    monkeypatch.setenv(USER_CONFIG_ENV, str(tmp_path / "prefs"))
    program_folder = tmp_path / "Program Files" / "TownCentre"
    program_folder.mkdir(parents=True)
    monkeypatch.chdir(program_folder)  # where a desktop shortcut starts the program
    proposals: list[str] = []
    chosen = tmp_path / "chosen"
    chosen.mkdir()

    def dialog(_parent: QWidget, _title: str, proposed: str, _filter: str, *_a: Any) -> tuple[str, str]:
        proposals.append(proposed)
        return str(chosen / Path(proposed).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return proposals


def test_the_first_save_starts_in_documents_and_the_next_where_the_user_saved(
    qapp: object, asked: list[str], tmp_path: Path
) -> None:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    first = file_dialogs.save_path(QWidget(), "导出", "事件列表.xlsx", "*.xlsx")
    assert Path(asked[0]).parent in {Path(documents), Path.home()}
    assert "Program Files" not in asked[0]
    assert first == str(tmp_path / "chosen" / "事件列表.xlsx")
    file_dialogs.save_path(QWidget(), "另存为 PDF", "调解协议书.pdf", "*.pdf")
    assert Path(asked[1]) == tmp_path / "chosen" / "调解协议书.pdf", "the folder used last time"


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(
    qapp: object, asked: list[str], tmp_path: Path
) -> None:
    gone = tmp_path / "U盘" / "导出"
    gone.mkdir(parents=True)
    file_dialogs.remember(gone / "a.xlsx")
    assert file_dialogs.start_folder() == gone
    gone.rmdir()
    assert file_dialogs.start_folder() != gone
    assert "Program Files" not in str(file_dialogs.start_folder())
