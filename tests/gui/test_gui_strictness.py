"""The GUI tests fail rather than pass quietly or hang: on a Qt warning, also after the program routed
Qt's messages to its log, and when a dialog a test waits for never opens."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from qt_helpers import missed_dialogs, when_modal

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"

INNER_TESTS = """
from PySide6.QtCore import qInfo, qWarning

from desktop.views import qtlog


def test_a_warning(qapp):
    qWarning("something is off")


def test_a_warning_after_the_program_routed_qt_messages_to_its_log(qapp):
    qtlog.install()  # what run_gui does
    qWarning("something is off, said into the log")


def test_information_passes(qapp):
    qInfo("all is well")


def test_an_ignored_warning_passes(qapp):
    qWarning("This plugin does not support propagateSizeHints()")
"""


def ini_line(key: str, value: object) -> str:
    """A pyproject option as a pytest.ini line (a list becomes indented lines)."""
    if isinstance(value, list):
        return f"{key} =" + "".join(f"\n    {v}" for v in value)
    return f"{key} = {value}"


def test_a_qt_warning_fails_the_test(pytester: pytest.Pytester) -> None:
    """Runs four tests under this project's pytest-qt settings: the two that warn fail."""
    options = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    qt_options = {k: v for k, v in options.items() if k.startswith("qt_")}
    assert qt_options["qt_log_level_fail"] == "WARNING"
    pytester.makeini("\n".join(["[pytest]", *(ini_line(k, v) for k, v in qt_options.items())]) + "\n")
    pytester.makepyfile(test_inner=INNER_TESTS)

    result = pytester.runpytest("-v", "-p", "no:pytest_alembic", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines_random(
        [
            "*::test_a_warning FAILED*",
            "*::test_a_warning_after_the_program_routed_qt_messages_to_its_log FAILED*",
            "*::test_information_passes PASSED*",
            "*::test_an_ignored_warning_passes PASSED*",
            "*Failure: Qt messages with level WARNING or above emitted*",
            "*something is off, said into the log*",
        ]
    )


def test_waiting_for_a_dialog_that_never_opens_fails_with_a_clear_message(qtbot: QtBot) -> None:
    with qtbot.captureExceptions() as exceptions:
        when_modal(lambda _dialog: None, timeout_s=0.05)
        qtbot.waitUntil(lambda: bool(exceptions), timeout=5000)
    assert "no modal dialog opened within 0.05 s" in str(exceptions[0][1])
    assert missed_dialogs() == 0, "it stopped looking"
