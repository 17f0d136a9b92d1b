"""The notice shown while the program upgrades the database at start-up.

Before any window exists the program backs the database up and runs the migrations; on a town with
years of events that takes from seconds to a minute (a million events: about 20 s for 0014 alone, plus
the backup). Without a window the program looks as if it had not started, and people start it again.
The work runs on a thread while a busy indicator keeps the GUI thread painting, so Windows never
marks the window 未响应.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QProgressDialog

from desktop.db import read_schema_state
from desktop.views.i18n import app_title

_T = TypeVar("_T")


ELAPSED_FROM_S = 2  # a quick upgrade shows no clock


def elapsed_text(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    if minutes:
        return QCoreApplication.translate("UpgradeNotice", "已用时 {m} 分 {s} 秒").format(
            m=minutes, s=seconds
        )
    return QCoreApplication.translate("UpgradeNotice", "已用时 {s} 秒").format(s=seconds)


class _StaysOpen(QObject):
    """Swallows the notice's close and Esc until `done`."""

    def __init__(self, notice: QProgressDialog) -> None:
        super().__init__(notice)
        self.done = False
        notice.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.done:
            return False
        if event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        return isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape


def needs_upgrade(path: Path) -> bool:
    """An existing database this program knows but that is behind its schema. Anything odd (missing,
    damaged, too new, not ours) is left to the opening itself, which explains it."""
    try:
        state = read_schema_state(path)
    except Exception:
        return False
    return state.current is not None and not state.is_current and not state.is_too_new


def while_upgrading(path: Path, work: Callable[[], _T], tidy_due: Callable[[Path], bool] | None = None) -> _T:
    """Runs `work` (the opening that backs up, migrates and tidies `path`); when an upgrade is due, or
    `tidy_due` says the tidying after one is (a search index rebuilt for a new Unicode version took
    3.5 minutes on a million events, with no window: cold test 24), on a thread behind a busy notice.
    The work's exception is raised here, on the GUI thread."""
    if needs_upgrade(path):
        text = QCoreApplication.translate(
            "UpgradeNotice",
            "正在升级数据库：先备份原来的数据，再升级到新版本。\n"
            "数据较多时需要一两分钟，请不要关闭程序或电脑。",
        )
    elif tidy_due is not None and tidy_due(path):
        text = QCoreApplication.translate(
            "UpgradeNotice",
            "正在整理数据（更新查询索引），完成后自动打开登录窗口。\n"
            "数据较多时需要几分钟，请不要关闭程序或电脑。",
        )
    else:
        return work()
    notice = QProgressDialog(text, "", 0, 0)
    notice.setWindowTitle(app_title())
    notice.setCancelButton(None)  # an upgrade is not stopped half-way
    notice.setWindowModality(Qt.WindowModality.ApplicationModal)
    notice.setMinimumDuration(0)
    notice.setObjectName("upgradeNotice")
    # Its ✕ and Esc hid the notice while the work went on, and the program looked as if it had not
    # started (cold test 25): the notice stays until the work is done.
    notice.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
    stays = _StaysOpen(notice)
    notice.show()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the GUI thread, which decides what to tell the person
            outcome["error"] = exc

    QApplication.processEvents()  # painted at least once, even when the work is quick
    worker = threading.Thread(target=run, name="database-upgrade", daemon=True)
    worker.start()
    started = time.monotonic()
    shown_second = -1
    while worker.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        worker.join(0.05)
        second = int(time.monotonic() - started)
        if second != shown_second and second >= ELAPSED_FROM_S:  # it is still working, and for how long
            shown_second = second
            notice.setLabelText(text + "\n\n" + elapsed_text(second))
    stays.done = True
    notice.close()
    notice.deleteLater()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    return outcome["value"]  # type: ignore[return-value]
