"""The GUI's composition root: logging, Qt application, database, first run, login, main window."""

from __future__ import annotations

import importlib
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop import APP_NAME, __version__
from desktop.db import Database, is_damage
from desktop.errors import UserError
from desktop.logsetup import setup_logging
from desktop.network_drives import refuse_network_location
from desktop.paths import resources_dir
from desktop.services import startup
from desktop.views import crash, daily_backup, display, gc_guard, qtlog, tasks
from desktop.views.daily_backup import DailyBackup
from desktop.views.first_paint import after_first_paint
from desktop.views.i18n import app_title, error_text, install_translator
from desktop.views.login import LoginDialog
from desktop.views.single_instance import SingleInstance
from desktop.views.tasks import run_read
from desktop.views.upgrade_notice import while_upgrading

if TYPE_CHECKING:
    from desktop.services.system.backups import BackupResult
    from desktop.views.main_window import MainWindow

log = logging.getLogger("towncentre.app")

PROBE_USER_ENV = "TOWNCENTRE_PROBE_USER"
PROBE_PASSWORD_ENV = "TOWNCENTRE_PROBE_PASSWORD"
# How long the probe "types" before it presses 登录 (bench/bench_startup.py --typing): a person takes
# seconds, and the warm-up uses them.
PROBE_TYPING_ENV = "TOWNCENTRE_PROBE_TYPING_MS"


def _probe(name: str, also: str = "") -> None:
    """For bench/bench_startup.py: prints a wall-clock mark the bench subtracts its launch time from,
    and the CPU time the process has used so far (steadier than wall time on a busy machine)."""
    marks = f"{name}: {time.time():.6f}\n{name}_cpu: {time.process_time():.6f}\n{also}"
    if sys.stdout is None:  # a windowed Windows executable has no stdout
        return
    try:  # one write: a reader that stops at the first mark (`grep -q`) must not cut the second
        sys.stdout.write(marks)
        sys.stdout.flush()
    except (OSError, ValueError):  # stdout closed by the reader: the probe still logs in and quits
        pass


STYLE_BASE_PT = 12  # the font size style.qss is written for


def scaled_style(qss: str, font_size: int) -> str:
    """style.qss with every `font-size: Npt` scaled to the chosen 界面字号, so titles and help texts
    grow with the rest (a hint never stays smaller than the text around it by more than a point)."""

    def scale(match: re.Match[str]) -> str:
        return f"font-size: {max(round(int(match.group(1)) * font_size / STYLE_BASE_PT), 8)}pt"

    return re.sub(r"font-size:\s*(\d+)pt", scale, qss)


def apply_style(app: QApplication, font_size: int) -> None:
    font = QFont(app.font())
    if sys.platform == "win32":
        font.setFamily("Microsoft YaHei UI")
    font.setPointSize(font_size)
    app.setFont(font)
    qss = resources_dir() / "style.qss"
    if qss.exists():
        icons = (resources_dir() / "icons").as_posix()  # url() in a style sheet is not relative to it
        app.setStyleSheet(scaled_style(qss.read_text(encoding="utf-8"), font_size).replace("@ICONS@", icons))


def pin_light_scheme(app: QApplication) -> None:
    """Windows 11 in dark mode turns the windows11 style dark while style.qss keeps text dark: text
    boxes, menus and the preview became dark on dark. Light until a dark theme is designed."""
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8
        hints.setColorScheme(Qt.ColorScheme.Light)


def offer_normal_size(app: QApplication) -> None:
    """大字模式 on a screen already scaled up (a 1366×768 laptop at 150%) leaves windows too little
    room: say so and offer to go back to the normal size."""
    room = app.primaryScreen().availableGeometry()
    if not display.large_text() or not display.too_small_for_large_text(room.width(), room.height()):
        return
    answer = QMessageBox.question(
        None,
        app_title(),
        QCoreApplication.translate(
            "App",
            "这台电脑的屏幕在大字模式下放不下程序的窗口，有些按钮会看不到。"
            "要关闭大字模式吗？（重新启动程序后恢复正常大小）",
        ),
    )
    if answer == QMessageBox.StandardButton.Yes:
        try:
            display.set_large_text(False)
        except OSError:
            log.warning("could not turn 大字模式 off", exc_info=True)


class WarmUp(QObject):
    """Imports what the login and the main window need, and makes the database's engine, one step per
    event-loop turn once the login dialog has painted, so that the dialog takes keys in between.
    Imported before it, they kept the dialog from showing for most of a second (issue 18); a login
    pressed sooner imports what it needs itself, and the steps left find it done."""

    def __init__(self, db: Database, dialog: QDialog) -> None:
        super().__init__(QCoreApplication.instance())  # lives on if the dialog goes first
        self.db = db
        self.steps: list[Callable[[], object]] = [
            lambda: importlib.import_module("sqlalchemy.orm"),
            lambda: importlib.import_module("desktop.models"),
            self._mappers_and_engine,
            lambda: importlib.import_module("desktop.services.accounts.auth"),
            lambda: importlib.import_module("desktop.views.main_window"),
            lambda: importlib.import_module("desktop.views.events.page"),  # the first page shown
            self._late_models,
            gc_guard.freeze_start_up,
        ]
        after_first_paint(dialog, self._next)

    def _next(self) -> None:
        if not self.steps:
            self.deleteLater()
            return
        self.steps.pop(0)()
        QTimer.singleShot(0, self._next)

    def _mappers_and_engine(self) -> None:
        from sqlalchemy.orm import configure_mappers

        configure_mappers()  # what the first query would do
        _ = self.db.engine

    def _late_models(self) -> None:
        """What the main window loads after it has painted, when the login comes first."""
        from sqlalchemy.orm import configure_mappers

        from desktop import models

        models.load_all()
        configure_mappers()


class Session:
    """One login session after another (注销 returns to the login dialog, as does a restore)."""

    def __init__(self, app: QApplication, db: Database, startup_probe: bool) -> None:
        self.app = app
        self.db = db
        self.startup_probe = startup_probe
        self.window: MainWindow | None = None
        self.daily_backup = DailyBackup(db.path, app)
        self.daily_backup.finished.connect(self._daily_backup_done)
        self.daily_backup.failed.connect(self._daily_backup_failed)
        self.daily_backup.started.connect(self._daily_backup_started)
        app.aboutToQuit.connect(self.daily_backup.stop)

    def login_and_show(self) -> bool:
        dialog = LoginDialog(self.db, startup.read_before_login(self.db.path).town_name)
        if "desktop.views.main_window" not in sys.modules:  # the program's first login
            WarmUp(self.db, dialog)
        if self.startup_probe:
            after_first_paint(dialog, lambda: self._probe_dialog_up(dialog))
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_login is None:
            return False
        from desktop.views.main_window import MainWindow  # after the login dialog is up (start-up time)

        gc_guard.freeze_start_up()  # as WarmUp does, for a login that came before it finished
        tasks.hold()  # what the window starts in threads waits until it has painted
        window = MainWindow(self.db, dialog.result_login.actor)
        window.logout_requested.connect(self._after_logout)
        window.restore_requested.connect(self.restore)
        window.show_fitted()
        tasks.release_when_painted(window)
        self.window = window
        if not self.startup_probe:
            path = self.db.path
            run_read(
                lambda _report: daily_backup.latest_text(path),
                lambda text: window.show_backup_state(*text),
                parent=window,
            )
            self.daily_backup.start()
            window.sync_schedule.start()
        if self.startup_probe:  # the last filter installed sees the paint first: the mark comes first
            after_first_paint(window, self._probe_main_window)
        return True

    def bring_forward(self) -> None:
        """Another start of the program asked for this one: the window in use comes to the front."""
        window = self.window if self.window is not None else QApplication.activeModalWidget()
        if window is None:
            window = next((w for w in QApplication.topLevelWidgets() if w.isVisible()), None)
        if window is not None:
            if window.isMinimized():
                window.showNormal()
            window.raise_()
            window.activateWindow()

    def _probe_dialog_up(self, dialog: LoginDialog) -> None:
        _probe("login_dialog")
        typing_ms = int(os.environ.get(PROBE_TYPING_ENV) or 0)
        if typing_ms:
            # Precise: a coarse timer may fire 5 % early, and the bench's typing time is a promise.
            typed = QTimer(dialog)
            typed.setTimerType(Qt.TimerType.PreciseTimer)
            typed.setSingleShot(True)
            typed.timeout.connect(lambda: self._probe_login(dialog))
            typed.start(typing_ms)
        else:
            self._probe_login(dialog)

    def _probe_login(self, dialog: LoginDialog) -> None:
        _probe("login_pressed")
        dialog.username.setText(os.environ.get(PROBE_USER_ENV, "admin"))
        dialog.password.setText(os.environ.get(PROBE_PASSWORD_ENV, ""))
        dialog.try_login()

    def _probe_main_window(self) -> None:
        try:
            # How many models the first window cost (the rest load after it, desktop/models).
            mapped = len(sys.modules["desktop.models"].Base.registry.mappers)
            _probe("main_window", f"models_mapped: {mapped}\n")
        finally:  # a probe that cannot quit hangs the CI run that started it
            self.app.quit()

    def _daily_backup_done(self, result: BackupResult | None) -> None:
        text, detail = daily_backup.state_text(result, self.db.path)
        if self.window is not None:
            self.window.show_backup_state(text, detail)
        if result is not None and result.manifest.integrity != "ok":
            QMessageBox.critical(
                self.window,
                app_title(),
                QCoreApplication.translate(
                    "App",
                    "今天的自动备份检查发现数据库文件有损坏：{problem}\n\n"
                    "请尽快联系技术人员。在此之前请不要删除任何备份；最近一次完好的备份在“系统管理 → 备份与恢复”中。",
                ).format(problem=result.manifest.integrity),
            )

    def _daily_backup_started(self) -> None:
        if self.window is not None:
            self.window.show_backup_state(QCoreApplication.translate("App", "备份：正在进行今天的自动备份…"))

    def _daily_backup_failed(self, reason: str) -> None:
        if self.window is not None:
            self.window.show_backup_state(
                QCoreApplication.translate("App", "备份：今天的自动备份未成功"), reason
            )

    def restore(self, source: Path, other_town_ok: bool, reason: str) -> None:
        """Closes the window and the database, puts the backup in place, and asks for a new login."""
        window = self.window
        if window is None:
            return
        actor = window.actor
        self.daily_backup.stop()
        window.sync_schedule.stop()  # a round in progress stops at its next step, before the file goes
        # No window is up for a moment between the main window and the progress dialog.
        self.app.setQuitOnLastWindowClosed(False)
        window.hide()
        tasks.wait_for_background()
        self.db.close()
        from desktop.views import restore_flow  # only when a restore is asked for

        result = restore_flow.restore_with_progress(
            None, self.db.path, source, actor, other_town_ok=other_town_ok, reason=reason
        )
        window.close()
        window.deleteLater()
        self.window = None
        try:
            self.db = Database.open(self.db.path)
            startup.bring_up_to_date(self.db)
        except UserError as exc:
            QMessageBox.critical(None, app_title(), error_text(exc))
            self.app.setQuitOnLastWindowClosed(True)
            self.app.quit()
            return
        if result is not None:
            QMessageBox.information(None, app_title(), restore_flow.restored_message(result))
        self.app.setQuitOnLastWindowClosed(True)
        if not self.login_and_show():
            self.app.quit()

    def _after_logout(self) -> None:
        # Qt does not quit on the closed window: the login dialog is visible when the check runs.
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if not self.login_and_show():
            self.app.quit()


def run_gui(db_path: Path, *, startup_probe: bool = False) -> int:
    try:
        refuse_network_location(db_path)  # before a log folder is made on the share
    except UserError as exc:
        _app = QApplication.instance() or QApplication(sys.argv)  # kept alive for the message box
        assert isinstance(_app, QApplication)
        pin_light_scheme(_app)
        install_translator("zh_CN")
        QMessageBox.critical(None, app_title(), error_text(exc))
        return 1
    log_path = setup_logging(db_path, console=True)
    log.info("starting %s %s with %s", APP_NAME, __version__, db_path)
    if QApplication.instance() is None:
        display.scale_before_start()  # 大字模式: Qt reads the scale when the application starts
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    pin_light_scheme(app)  # before any window: the style picks its palette when it polishes them
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)
    qtlog.install()
    crash.install(log_path)
    gc_guard.install(app)  # cyclic garbage collection on the GUI thread only (see the module)
    try:
        guard = SingleInstance(db_path, app)  # makes logs/ beside the database
    except OSError as exc:
        log.error("cannot write beside the database: %s", exc)
        install_translator("zh_CN")
        QMessageBox.critical(
            None,
            app_title(),
            QCoreApplication.translate(
                "App",
                "无法在数据库所在的文件夹中写入文件：{folder}\n"
                "请让电脑管理员给这个文件夹加上写入权限，或把数据库放到可以写入的文件夹。",
            ).format(folder=db_path.parent),
        )
        return 1
    if not guard.acquire():
        if guard.ask_running_window_to_show():
            log.info("the program already runs on %s: its window was brought forward", db_path)
        else:
            install_translator("zh_CN")
            QMessageBox.information(
                None,
                app_title(),
                QCoreApplication.translate("App", "综治工作台已经打开，请在任务栏中找到它的窗口。"),
            )
        return 0
    guard.on_show = _raise_shown_windows  # a second start during the upgrade notice brings it forward
    db = open_or_recover(db_path)
    if db is None:
        return 1
    if db.last_backup is not None:
        log.info("database upgraded; the previous version is kept at %s", db.last_backup)
    before_login = startup.read_before_login(db_path)
    install_translator(before_login.settings.language)
    apply_style(app, before_login.settings.font_size)
    offer_normal_size(app)

    if not before_login.set_up:
        from desktop.views.first_run import FirstRunWizard  # once per town

        wizard = FirstRunWizard(db)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return 0
    session = Session(app, db, startup_probe)
    guard.on_show = session.bring_forward
    if not session.login_and_show():
        return 0
    code = app.exec()
    close_down(db)
    guard.release()
    return int(code)


def _raise_shown_windows() -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.raise_()
            widget.activateWindow()


def _open_up_to_date(db_path: Path) -> Database:
    db = Database.open(db_path)
    try:
        startup.bring_up_to_date(db)
    except BaseException:
        db.close()
        raise
    return db


def _tidy_due(db_path: Path) -> bool:
    """Whether bring_up_to_date has work to do (after an update); anything odd is left to the opening."""
    try:
        return not startup.read_before_login(db_path).up_to_date
    except Exception:
        return False


def open_or_recover(db_path: Path) -> Database | None:
    """The database, brought up to date; a damaged one is offered a backup (restore_flow). None when
    the program cannot go on (the person was told why). A database that is up to date is opened
    without importing SQLAlchemy (the login dialog comes first, issue 18)."""
    for _attempt in range(2):
        try:
            return while_upgrading(db_path, lambda: _open_up_to_date(db_path), tidy_due=_tidy_due)
        except Exception as exc:
            install_translator("zh_CN")
            if is_damage(exc):
                log.error("the database %s is damaged", db_path, exc_info=True)
                from desktop.views import restore_flow  # only for a damaged database

                if restore_flow.recover_damaged(db_path, exc):
                    continue
                return None
            if isinstance(exc, UserError):
                QMessageBox.critical(None, app_title(), error_text(exc))
                return None
            raise
    return None


def close_down(db: Database) -> None:
    """After the event loop: let the writer (and the readers) finish, then close the database. A write
    that is still running after the timeout is logged by `wait_for_background`; the file stays
    consistent either way, as every write is one transaction."""
    tasks.wait_for_background()
    db.close()
