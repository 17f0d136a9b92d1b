"""A second start on the same database brings the running window forward instead of opening another."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.views.single_instance import SingleInstance


def test_the_second_start_asks_the_first_to_come_forward(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    db = tmp_path / "data" / "towncentre.db"
    first = SingleInstance(db)
    shown: list[bool] = []
    first.on_show = lambda: shown.append(True)
    assert first.acquire()
    try:
        second = SingleInstance(db)
        assert not second.acquire(), "one window per database"
        assert second.ask_running_window_to_show()
        qtbot.waitUntil(lambda: shown == [True], timeout=3000)
        other = SingleInstance(tmp_path / "other" / "towncentre.db")
        assert other.acquire(), "another database is another window"
        other.release()
    finally:
        first.release()
    again = SingleInstance(db)
    assert again.acquire(), "free once the first window has closed"
    again.release()


def test_a_lock_left_by_a_killed_window_is_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "data" / "towncentre.db"
    holder = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from desktop.views.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "guard = SingleInstance(Path(sys.argv[1]))\n"
        "assert guard.acquire()\n"
        "os._exit(0)  # dies holding the lock, as a killed window would\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", holder, str(db)], env=env, check=True, timeout=60)
    assert (db.parent / "logs" / "towncentre-window.lock").exists()
    guard = SingleInstance(db)
    assert guard.acquire()
    guard.release()
