"""Qt fixtures: real widgets on the offscreen platform, over real demo databases."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from db_helpers import copy_database
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QWidget
from qt_helpers import MessageBoxes, missed_dialogs

from desktop.app import apply_style, close_down
from desktop.db import Database
from desktop.services.accounts.permissions import Actor
from desktop.views.forms import GuardedDialog
from desktop.views.i18n import install_translator


@pytest.fixture(autouse=True)
def _every_awaited_dialog_opened() -> Iterator[None]:
    """A test that set up `when_modal` for a dialog that never opened fails, and the wait stops there
    instead of acting on a later test's dialog."""
    yield
    missed = missed_dialogs()
    if missed:
        pytest.fail(f"when_modal: {missed} awaited dialog(s) never opened during the test")


@pytest.fixture(autouse=True)
def _no_unanswered_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """A yes/no question the test does not answer (through `message_boxes`, which replaces this) fails
    the test at once. Shown for real, it would wait for a click that never comes, and the run would
    hang until CI killed it (a step dialog asks before Esc throws typed text away)."""

    def unanswered(_parent: QWidget | None, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a question the test does not answer (use message_boxes): {text}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(unanswered))


_REAL_QUESTION = QMessageBox.question


@pytest.fixture
def real_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a test that answers a real question box with keys (`when_modal`)."""
    monkeypatch.setattr(QMessageBox, "question", _REAL_QUESTION)


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the program does (desktop/views/gc_guard.py): worker threads never destroy Qt objects. Per
    test, so the non-GUI tests a worker runs afterwards keep Python's own collection."""
    from desktop.views import gc_guard

    collector = gc_guard.install(qapp)
    yield
    collector.stop()
    collector.deleteLater()


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test() -> Iterator[None]:
    """Windows and dialogs a test left behind, shown or hidden, are deleted when it ends: a dialog
    that stays the active window becomes the parent of the next test's dialogs (the crash dialog)."""
    yield
    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, GuardedDialog):
            widget.ask_before_discarding = False  # the test is over: nobody is there to answer
        if isinstance(widget, QDialog | QMainWindow) or widget.isVisible():
            widget.close()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session")
def gui_demo_template(demo_db_file: Path) -> Path:
    """The session's demo town (tests/conftest.py), built once for the GUI and non-GUI tests alike."""
    return demo_db_file


@pytest.fixture
def demo_db(gui_demo_template: Path, tmp_path: Path, qapp: QApplication) -> Iterator[Database]:
    target = tmp_path / "data" / "towncentre.db"
    target.parent.mkdir()
    copy_database(gui_demo_template, target)
    install_translator("zh_CN")
    db = Database.open(target)
    yield db
    close_down(db)


@pytest.fixture
def empty_db(empty_db_file: Path, tmp_path: Path, qapp: QApplication) -> Iterator[Database]:
    """A migrated database before the first-run setup: a copy of the session's (tests/conftest.py),
    not the ~0.5 s of migrations again per test."""
    install_translator("zh_CN")
    db = Database.open(copy_database(empty_db_file, tmp_path / "data" / "towncentre.db"))
    yield db
    close_down(db)


@pytest.fixture
def login_as(demo_db: Database, actor_of: Callable[[Database, str], Actor]) -> Callable[[str], Actor]:
    """The actor a user's login gives, built as login builds it but without checking the password
    (50 ms of deliberate hashing each, hundreds of times a run). Tests of logging in use auth.login."""

    def _login(username: str) -> Actor:
        return actor_of(demo_db, username)

    return _login


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()

    def recorder(kind: str) -> Callable[..., Any]:
        def show(_parent: QWidget | None, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            boxes.shown.append((kind, title, text))
            if kind == "question":
                boxes.defaults.append(kwargs.get("defaultButton", args[1] if len(args) > 1 else None))
            return boxes.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    for kind in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind)))
    return boxes


@pytest.fixture
def program_style(qapp: QApplication) -> Iterator[None]:
    """The program's style sheet and font, which set the widgets' sizes; put back afterwards."""
    sheet, font = qapp.styleSheet(), qapp.font()
    apply_style(qapp, 12)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
