"""Crash dialog, the GUI start-up path, and refusal of a database from a newer program."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from db_helpers import copy_database
from PySide6.QtCore import Qt
from PySide6.QtGui import QStyleHints
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import DEMO_PASSWORD, MessageBoxes, when_modal

from desktop import models
from desktop.db import Database
from desktop.errors import ValidationError
from desktop.views import crash


def test_unexpected_exception_shows_the_crash_dialog_with_the_log_path(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log_path = tmp_path / "logs" / "towncentre.log"
    hook = crash.ExceptionHook(log_path)
    seen: dict[str, str] = {}

    def inspect(widget: QWidget) -> None:
        assert isinstance(widget, crash.CrashDialog)
        path_label = widget.findChild(QLabel, "crashLogPath")
        assert path_label is not None
        seen["path"] = path_label.text()
        seen["details"] = widget.details.toPlainText()
        widget.continue_button.click()

    when_modal(inspect)
    try:
        raise RuntimeError("磁盘坏了")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert seen["path"] == str(log_path)
    assert "RuntimeError: 磁盘坏了" in seen["details"]
    assert any("unexpected exception" in r.message and "磁盘坏了" in r.message for r in caplog.records)


def test_a_user_error_reaching_the_hook_is_a_plain_message_not_a_crash(
    qtbot: QtBot, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    hook = crash.ExceptionHook(tmp_path / "t.log")
    err = ValidationError("请填写姓名。", "Enter the name.")
    hook(type(err), err, None)
    assert message_boxes.texts("warning") == ["请填写姓名。"]
    assert hook.last_dialog is None


def test_newer_database_is_refused_by_the_gui_and_left_untouched(
    tmp_path: Path, qapp: object, message_boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.app import run_gui

    # Windows 11 dark mode must not make the windows dark under dark text: the start asks for Light.
    # (Offscreen Qt has no colour schemes, so the request is what can be seen here.)
    asked: list[Qt.ColorScheme] = []
    monkeypatch.setattr(QStyleHints, "setColorScheme", lambda _hints, scheme: asked.append(scheme))

    path = tmp_path / "towncentre.db"
    Database.open(path).close()
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    assert run_gui(path) == 1
    assert "更新版本" in message_boxes.texts("critical")[0]
    assert path.read_bytes() == before
    assert asked == [Qt.ColorScheme.Light]


def test_a_folder_the_program_cannot_write_in_gets_a_message_not_a_traceback(
    gui_demo_template: Path, tmp_path: Path, qapp: object, message_boxes: MessageBoxes
) -> None:
    """A read-only folder (cold test 24) cannot be made here as root, who writes anywhere: a file named
    logs where the folder should be fails the same way, an OSError from mkdir."""
    from desktop.app import run_gui

    path = copy_database(gui_demo_template, tmp_path / "towncentre.db")
    (tmp_path / "logs").write_text("not a folder", encoding="utf-8")
    before = path.read_bytes()
    assert run_gui(path) == 1
    assert "无法在数据库所在的文件夹中写入文件" in message_boxes.texts("critical")[0]
    assert path.read_bytes() == before


def probe_env() -> dict[str, str]:
    """The environment the start-up probe logs in with (the demo administrator), offscreen."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        TOWNCENTRE_PROBE_USER="admin",
        TOWNCENTRE_PROBE_PASSWORD=DEMO_PASSWORD,
    )


def test_real_start_up_reaches_login_and_main_window(gui_demo_template: Path, tmp_path: Path) -> None:
    """Runs the real program in a child process: database, translator, login, main window, quit. The
    window paints before the models of the other areas are mapped (0.2–0.3 s, issue 18): a module on
    its way that imports one of them at the top would bring the wait back."""
    db_path = copy_database(gui_demo_template, tmp_path / "towncentre.db")
    env = probe_env()
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db_path), "--startup-probe"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    marks = dict(line.split(": ") for line in done.stdout.splitlines() if ": " in line)
    assert float(marks["login_dialog"]) <= float(marks["main_window"])
    assert (tmp_path / "logs" / "towncentre.log").exists()
    models.load_all()
    late = sum(len(names) for names in models.LATE_MODELS.values())
    assert int(marks["models_mapped"]) == len(models.Base.registry.mappers) - late


def _import_log(db_path: Path, env: dict[str, str]) -> list[str]:
    """The probe's marks (stdout) and Python's import log (-X importtime, stderr) in one pipe, in the
    order they happen."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop", "--db", str(db_path), "--startup-probe"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    return done.stdout.splitlines()


def _modules(lines: list[str]) -> list[str]:
    """The modules the import log's lines name."""
    return [line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import time:")]


def test_the_login_dialog_shows_before_sqlalchemy_is_imported(
    gui_demo_template: Path, tmp_path: Path
) -> None:
    """Issue 18: SQLAlchemy and the models took 0.9 s before the login dialog; they are loaded while the
    person types. Python's own import log (-X importtime, on stderr) and the probe's mark (stdout) go
    into one pipe in the order they happen, so nothing of SQLAlchemy may come before the mark."""
    db_path = copy_database(gui_demo_template, tmp_path / "towncentre.db")
    lines = _import_log(db_path, probe_env())
    shown = next(n for n, line in enumerate(lines) if line.startswith("login_dialog: "))
    imported, before = _modules(lines), _modules(lines[:shown])
    assert "desktop.app" in before and "desktop.views.login" in before  # the log does show imports
    assert not [name for name in before if name.split(".")[0] in ("sqlalchemy", "alembic")]
    assert "desktop.models" not in before
    assert "sqlalchemy" in imported and "desktop.models" in imported  # then loaded for the login
    assert any(line.startswith("main_window: ") for line in lines[shown:])


def test_the_warm_up_loads_the_rest_while_the_person_types(gui_demo_template: Path, tmp_path: Path) -> None:
    """app.WarmUp imports SQLAlchemy, the models and the main window between keystrokes: a person who
    takes a few seconds to type finds them loaded when pressing 登录 (bench/bench_startup.py --typing).
    The warm-up needs about 1.2 s of CPU; 4 s of typing leaves room for a machine running other tests
    (1.5 s was too short for CI with two cold testers beside it)."""
    db_path = copy_database(gui_demo_template, tmp_path / "towncentre.db")
    lines = _import_log(db_path, dict(probe_env(), TOWNCENTRE_PROBE_TYPING_MS="4000"))
    marks = {
        name: float(value)
        for name, _, value in (line.partition(": ") for line in lines)
        if name in ("login_dialog", "login_pressed", "main_window")
    }
    assert marks["login_pressed"] - marks["login_dialog"] >= 4.0
    shown = next(n for n, line in enumerate(lines) if line.startswith("login_dialog: "))
    pressed = next(n for n, line in enumerate(lines) if line.startswith("login_pressed: "))
    typing = _modules(lines[shown:pressed])
    # A module of each step (a package's own line can be missing when imported from Qt's event loop).
    steps = (
        "sqlalchemy.orm.mapper",  # SQLAlchemy
        "desktop.models.event",  # the models
        "desktop.services.accounts.passwords",  # the login's service
        "desktop.views.sync.schedule",  # the main window
        "desktop.views.events.event_model",  # the first page shown
    )
    for module in steps:
        assert module in typing, f"{module} was not loaded while the person typed"
    assert marks["main_window"] > marks["login_pressed"]
    # The models a quick login maps after the window has painted were mapped during the typing too.
    mapped = next(int(line.split(": ")[1]) for line in lines if line.startswith("models_mapped: "))
    models.load_all()
    assert mapped == len(models.Base.registry.mappers)


def test_start_up_probe_quits_when_its_reader_has_gone(gui_demo_template: Path, tmp_path: Path) -> None:
    """CI pipes the probe into `grep -q`, which leaves at the first mark. A write to the closed pipe
    once raised in a slot, the crash dialog opened offscreen where nobody could close it, and the
    CI run hung until it was killed."""
    db_path = copy_database(gui_demo_template, tmp_path / "towncentre.db")
    env = probe_env()
    reader, writer = os.pipe()
    os.close(reader)  # every write the probe makes fails with a broken pipe
    try:
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(db_path), "--startup-probe"],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env=env,
        )
    finally:
        os.close(writer)
    assert done.returncode == 0, done.stderr
    raw = sqlite3.connect(db_path)
    last = raw.execute("SELECT username, action, result FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    raw.close()
    assert last == ("admin", "登录", "成功")  # it did log in


def test_qt_calls_keep_the_reference_count_of_none(qapp: object) -> None:
    """PySide6 6.12.0 dropped a reference to None on every void call; Python 3.11 then aborts
    (none_dealloc) after a few thousand calls, i.e. within minutes of normal use."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("综治工作台")
    assert sys.getrefcount(None) - before > -100
