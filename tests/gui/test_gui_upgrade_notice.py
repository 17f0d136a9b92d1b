"""Start-up upgrade of an older database (issue 14's migration 0014 takes ~20 s on a million events):
a notice says what is happening while the backup and the migrations run, the window keeps painting, and
a database already up to date opens without it."""

from __future__ import annotations

import time
from pathlib import Path

from db_helpers import database_from_dump
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop.app import open_or_recover
from desktop.db import HEAD_REVISION, read_schema_state
from desktop.views.upgrade_notice import while_upgrading


def _notices_seen(seen: list[str]) -> QTimer:
    """Records the upgrade notice's text each time the GUI thread gets to run timers."""
    timer = QTimer()
    timer.setInterval(0)  # every turn of the event loop: a quick tidying shows its notice for one

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                seen.append(widget.labelText())

    timer.timeout.connect(look)
    timer.start()
    return timer


def _opened_noting_notices(path: Path) -> list[str]:
    """Opens `path` as the program's start does, then closes it; the notices seen meanwhile."""
    seen: list[str] = []
    timer = _notices_seen(seen)
    db = open_or_recover(path)
    timer.stop()
    assert db is not None
    db.close()
    return seen


def test_an_older_database_is_upgraded_behind_a_notice(qtbot: QtBot, tmp_path: Path) -> None:
    path = database_from_dump("schema-0013-demo.db.gz", tmp_path / "towncentre.db")
    seen: list[str] = []
    timer = _notices_seen(seen)
    db = open_or_recover(path)
    timer.stop()
    assert db is not None
    try:
        assert read_schema_state(path).current == HEAD_REVISION
        assert db.last_backup is not None and db.last_backup.exists()  # the backup came first
    finally:
        db.close()
    assert seen and "正在升级数据库" in seen[0] and "请不要关闭" in seen[0]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_an_up_to_date_database_opens_without_the_notice(qtbot: QtBot, tmp_path: Path) -> None:
    path = database_from_dump("schema-0013-demo.db.gz", tmp_path / "towncentre.db")
    _opened_noting_notices(path)
    seen = _opened_noting_notices(path)
    assert seen == []


def test_the_tidying_after_an_update_runs_behind_a_notice_too(qtbot: QtBot, tmp_path: Path) -> None:
    """A new Python's Unicode tables rebuild the search index at the next start: 3.5 minutes with no
    window on a million events (cold test 24), and a person starts the program again and again."""
    import json
    import sqlite3
    import unicodedata

    from desktop.search_grams import UNICODE_VERSION_KEY

    path = database_from_dump("schema-0013-demo.db.gz", tmp_path / "towncentre.db")
    _opened_noting_notices(path)
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "UPDATE app_setting SET value = ? WHERE key = ?", (json.dumps("9.0.0"), UNICODE_VERSION_KEY)
        )
    raw.close()
    seen = _opened_noting_notices(path)
    assert seen and "正在整理数据" in seen[0] and "请不要关闭" in seen[0]
    raw = sqlite3.connect(path)
    stored = raw.execute("SELECT value FROM app_setting WHERE key = ?", (UNICODE_VERSION_KEY,)).fetchone()
    raw.close()
    assert json.loads(stored[0]) == unicodedata.unidata_version  # the index was rebuilt


def test_the_notice_stays_until_the_work_is_done_and_counts_the_time(qtbot: QtBot, tmp_path: Path) -> None:
    """Cold test 25: its ✕ hid the notice while the index was rebuilt for minutes, and it gave no sign
    that anything was still happening."""
    seen: list[tuple[bool, str]] = []

    def try_to_close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.objectName() == "upgradeNotice":
                widget.close()
                qtbot.keyClick(widget, Qt.Key.Key_Escape)
                seen.append((widget.isVisible(), widget.labelText()))

    timer = QTimer()
    timer.setInterval(200)
    timer.timeout.connect(try_to_close)
    timer.start()

    def slow_work() -> int:
        time.sleep(3.2)
        return 42

    result = while_upgrading(tmp_path / "towncentre.db", slow_work, lambda _p: True)
    timer.stop()
    assert result == 42
    assert len(seen) >= 10 and all(visible for visible, _text in seen), "closed while the work went on"
    assert "已用时 2 秒" in seen[-1][1] or "已用时 3 秒" in seen[-1][1]
    assert not any(
        w.isVisible() for w in QApplication.topLevelWidgets() if w.objectName() == "upgradeNotice"
    ), "gone once done"
