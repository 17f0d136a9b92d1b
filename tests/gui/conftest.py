"""Qt fixtures: real widgets on the offscreen platform, over real demo databases."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from qt_helpers import DEMO_PASSWORD, MessageBoxes

from desktop.db import Database
from desktop.demo import town as demo
from desktop.services.accounts import auth
from desktop.services.accounts.permissions import Actor
from desktop.views.i18n import install_translator


@pytest.fixture(scope="session")
def gui_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gui-demo") / "demo.db"
    db = Database.open(path)
    demo.fill_demo_town(db)
    db.close()
    return path


@pytest.fixture
def demo_db(gui_demo_template: Path, tmp_path: Path, qapp: QApplication) -> Iterator[Database]:
    target = tmp_path / "data" / "towncentre.db"
    target.parent.mkdir()
    shutil.copy(gui_demo_template, target)
    install_translator("zh_CN")
    db = Database.open(target)
    yield db
    db.close()


@pytest.fixture
def empty_db(tmp_path: Path, qapp: QApplication) -> Iterator[Database]:
    install_translator("zh_CN")
    db = Database.open(tmp_path / "data" / "towncentre.db")
    yield db
    db.close()


@pytest.fixture
def login_as(demo_db: Database) -> Callable[[str], Actor]:
    def _login(username: str) -> Actor:
        return auth.login(demo_db, username, DEMO_PASSWORD).actor

    return _login


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()

    def recorder(kind: str) -> Callable[..., Any]:
        def show(_parent: QWidget | None, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            boxes.shown.append((kind, title, text))
            return boxes.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    for kind in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind)))
    return boxes
