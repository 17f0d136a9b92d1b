"""The main window: navigation for every area, status bar, role-dependent access, idle lock."""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import DEMO_PASSWORD, when_modal
from sqlalchemy import select

from desktop.db import Database
from desktop.models import AuditEntry
from desktop.services.accounts.permissions import Actor
from desktop.services.system import settings
from desktop.views.admin.page import AdminPage
from desktop.views.analysis.page import DashboardPage
from desktop.views.forms import StepDialog
from desktop.views.login import LoginDialog
from desktop.views.main_window import MainWindow
from desktop.views.mediation.page import MediationPage
from desktop.views.placeholder import PlaceholderPage
from desktop.views.workforce.page import WorkforcePage

# Areas with their own page (tested in their own files).
BUILT = {"events", "matters", "duty", "sync", "assessment"}

NAV_TITLES = [
    "事件中心",
    "事项清单",
    "网格与人员",
    "值班考勤",
    "矛盾调解",
    "考核评估",
    "统计分析",
    "数据同步",
    "系统管理",
]


def open_window(qtbot: QtBot, db: Database, actor: Actor) -> MainWindow:
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_navigation_page_can_be_shown(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    window = open_window(qtbot, demo_db, login_as("admin"))
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == NAV_TITLES
    for entry in window.entries:
        page = window.show_page(entry.key)
        assert page.isVisible(), entry.key
        if entry.key == "admin":
            assert isinstance(page, AdminPage)
        elif entry.key == "mediation":
            assert isinstance(page, MediationPage)
        elif entry.key == "grids":
            assert isinstance(page, WorkforcePage)
        elif entry.key == "stats":
            assert isinstance(page, DashboardPage)
        elif entry.key in BUILT:
            continue
        else:
            assert isinstance(page, PlaceholderPage)
            assert page.message.text() == "此功能尚未完成，将在后续版本中提供。"


def test_status_bar_names_user_role_town_and_sync(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    window = open_window(qtbot, demo_db, login_as("shouli"))
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "用户：陈晓燕" in texts
    assert "角色：受理员" in texts
    assert "乡镇：清溪镇" in texts
    qtbot.waitUntil(lambda: window.sync_label.text() == "同步：未设置同步")  # read off the GUI thread
    assert window.windowTitle() == "综治工作台 — 清溪镇"


def test_a_viewer_cannot_open_system_management(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    window = open_window(qtbot, demo_db, login_as("chakan"))
    admin_row = NAV_TITLES.index("系统管理")
    window.nav.setCurrentRow(admin_row)
    assert "admin" not in window.pages
    assert not window.nav.item(admin_row).flags()
    assert window.stack.currentIndex() != admin_row


def test_shortcut_actions_switch_pages(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    window = open_window(qtbot, demo_db, login_as("admin"))
    go_action = window.menuBar().actions()[1]  # kept: PySide6 6.9 frees the menu's wrapper with the action's
    go_menu = go_action.menu()
    assert isinstance(go_menu, QMenu)
    actions = go_menu.actions()
    assert actions[4].shortcut().toString() == "Ctrl+5"
    actions[4].trigger()
    assert window.nav.currentRow() == 4
    assert window.stack.currentIndex() == 4


def test_idle_lock_hides_the_work_and_needs_the_password(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    admin = login_as("admin")
    settings.update(demo_db, admin, {"security.idle_lock_minutes": 1})
    window = open_window(qtbot, demo_db, admin)
    assert window.idle.limit_seconds == 60
    assert not window.idle.check(time.monotonic() + 30), "half a minute idle is not enough"
    window.show_page("admin")
    seen: dict[str, object] = {}

    def unlock(widget: QWidget) -> None:
        assert isinstance(widget, LoginDialog) and widget.unlock_for is not None
        seen["cover"] = window.stack.currentWidget() is window.lock_cover
        seen["nav_enabled"] = window.nav.isEnabled()
        assert widget.username.isReadOnly() and widget.username.text() == "admin"
        widget.password.setText("not-the-password1")
        widget.ok_button.click()
        seen["error"] = widget.form.error_for("password")
        widget.password.setText(DEMO_PASSWORD)
        widget.ok_button.click()

    when_modal(unlock)
    assert window.idle.check(time.monotonic() + 61)
    assert seen == {"cover": True, "nav_enabled": False, "error": seen["error"]}
    assert "用户名或密码不正确" in str(seen["error"])
    assert not window.locked and window.nav.isEnabled()
    assert window.stack.currentWidget() is not window.lock_cover
    with demo_db.reading() as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq.desc()).limit(2)))
    assert actions == ["解锁", "解锁失败"]


def test_choosing_exit_on_the_lock_screen_closes_the_window(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    window = open_window(qtbot, demo_db, login_as("admin"))

    def leave(widget: QWidget) -> None:
        assert isinstance(widget, QDialog)
        widget.reject()

    when_modal(leave)
    window.lock_now()
    assert not window.isVisible()


def test_logout_returns_to_login_and_the_next_user_gets_their_own_window(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], qapp: QApplication
) -> None:
    from desktop.app import Session

    session = Session(qapp, demo_db, startup_probe=False)

    def log_in(name: str) -> Callable[[QWidget], None]:
        def fill(widget: QWidget) -> None:
            assert isinstance(widget, LoginDialog)
            widget.username.setText(name)
            widget.password.setText(DEMO_PASSWORD)
            widget.ok_button.click()

        return fill

    when_modal(log_in("shouli"))
    assert session.login_and_show()
    first = session.window
    assert first is not None and first.actor.username == "shouli"

    when_modal(log_in("tiaojie"))
    first.logout()
    second = session.window
    assert second is not None and second is not first and second.actor.username == "tiaojie"
    qtbot.addWidget(second)
    assert second.isVisible()
    assert not shiboken6.isValid(first), "the previous user's window is gone"


def test_the_lock_covers_an_open_dialog_and_exit_from_it_asks_nothing(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    """Cold test 27: a step dialog left open stayed readable behind the lock (a reporter's phone on an
    unattended PC), and 退出程序 then asked 「改动不会保存…」, whose 否 changed nothing."""
    window = open_window(qtbot, demo_db, login_as("admin"))
    step = StepDialog("回访", "保存回访", window)
    note = QPlainTextEdit()
    step.form.add_field("note", "回访记录", note)
    step.show()
    note.setPlainText("反映人电话 13800000000")
    seen: dict[str, bool] = {}

    def leave(widget: QWidget) -> None:
        assert isinstance(widget, LoginDialog)
        covers = [c for c in step.findChildren(QLabel) if c.objectName() == "lockCover" and c.isVisible()]
        seen["covered"] = len(covers) == 1 and covers[0].geometry() == step.rect()
        widget.reject()  # 退出程序

    when_modal(leave, of_type=LoginDialog)
    window.lock_now()  # a question here would fail the test (tests/gui/conftest.py)
    assert seen == {"covered": True}
    assert not window.isVisible() and not step.isVisible()
