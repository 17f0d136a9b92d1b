"""系统管理 through its widgets: users, roles, town profile, settings, audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QSpinBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal

from desktop.db import Database
from desktop.errors import AuthenticationFailed
from desktop.services.accounts import auth
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.uow import unit_of_work
from desktop.services.system import settings, town
from desktop.services.system.audit import AuditFilter
from desktop.views.admin.audit_tab import AuditTableModel
from desktop.views.admin.page import AdminPage
from desktop.views.admin.users_tab import ResetPasswordDialog, UserDialog


def admin_page(qtbot: QtBot, db: Database, actor: Actor) -> AdminPage:
    page = AdminPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    return page


def test_admin_sees_all_tabs_manager_only_the_audit_log(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = admin_page(qtbot, demo_db, login_as("admin"))
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "用户",
        "角色与权限",
        "乡镇信息",
        "系统设置",
        "节假日",
        "备份与恢复",
        "审计日志",
    ]
    manager_page = admin_page(qtbot, demo_db, login_as("zhuren"))
    assert [manager_page.tabs.tabText(i) for i in range(manager_page.tabs.count())] == ["审计日志"]


def test_create_user_through_the_dialog(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    admin = login_as("admin")
    page = admin_page(qtbot, demo_db, admin)
    tab = page.users_tab
    assert tab is not None
    before = tab.model.rowCount()

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, UserDialog)
        widget.username.setText("1bad")
        widget.save()
        assert "英文字母开头" in widget.form.error_for("username")
        widget.username.setText("liuyang")
        widget.display_name.setText("刘洋")
        widget.phone.setText("13905710001")
        widget.roles.boxes["operator"].setChecked(True)
        widget.password.setText("Intake2026x")
        widget.confirm.setText("Intake2026x")
        widget.save()
        assert widget.result() == QDialog.DialogCode.Accepted

    when_modal(fill)
    tab.new_button.click()
    assert tab.model.rowCount() == before + 1
    names = [tab.model.item(r, 1).text() for r in range(tab.model.rowCount())]
    assert "刘洋" in names
    row = names.index("刘洋")
    assert tab.model.item(row, 2).text() == "受理员"
    assert auth.login(demo_db, "liuyang", "Intake2026x").must_change_password


def test_disabling_yourself_is_refused_with_a_message(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    page = admin_page(qtbot, demo_db, login_as("admin"))
    tab = page.users_tab
    assert tab is not None
    usernames = [r.username for r in tab.rows]
    tab.table.selectRow(usernames.index("admin"))
    tab.disable_button.click()
    assert any("不能停用自己" in text for text in message_boxes.texts("warning"))
    assert not next(r for r in tab.rows if r.username == "admin").disabled


def test_roles_tab_refuses_to_strip_the_administrator(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    page = admin_page(qtbot, demo_db, login_as("admin"))
    tab = page.roles_tab
    assert tab is not None
    tab.role_list.setCurrentRow(0)
    for i in range(tab.permission_list.count()):
        tab.permission_list.item(i).setCheckState(Qt.CheckState.Unchecked)
    tab.save_button.click()
    assert any("系统管理员必须保留" in t for t in message_boxes.texts("warning"))
    assert "system.users" in tab.checked(), "the refused edit is undone on screen"

    tab.role_list.setCurrentRow(5)  # 只读查看
    tab.permission_list.item(0).setCheckState(Qt.CheckState.Checked)
    tab.save_button.click()
    assert tab.permission_list.item(0).data(Qt.ItemDataRole.UserRole) == Permission.SYSTEM_USERS.value
    viewer = auth.login(demo_db, "chakan", "demo2026").actor
    assert viewer.can(Permission.SYSTEM_USERS)


def test_town_tab_saves_and_explains_a_bad_hub_address(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = admin_page(qtbot, demo_db, login_as("admin"))
    tab = page.town_tab
    assert tab is not None
    assert tab.area_code.isReadOnly()
    tab.hub.setText("10.1.2.3")
    tab.save_button.click()
    assert "https://" in tab.form.error_for("county_hub_url")
    tab.hub.setText("https://10.1.2.3:8443")
    tab.save_button.click()
    info = town.get_town(demo_db)
    assert info is not None and info.county_hub_url == "https://10.1.2.3:8443"


def test_settings_tab_saves_idle_minutes(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = admin_page(qtbot, demo_db, login_as("admin"))
    tab = page.settings_tab
    assert tab is not None
    editor = tab.editors["security.idle_lock_minutes"]
    assert isinstance(editor, QSpinBox)
    editor.setValue(3)
    tab.save_button.click()
    assert settings.load(demo_db).idle_lock_minutes == 3
    assert tab.status.text() == "设置已保存。"


def test_audit_tab_lists_filters_and_pages(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], qtmodeltester: ModelTester
) -> None:
    admin = login_as("admin")
    with unit_of_work(demo_db, admin) as uow:  # several pages of rows
        for n in range(500):
            uow.audit("导出", "人员", str(n), f"第 {n} 次导出")
    with pytest.raises(AuthenticationFailed):
        auth.login(demo_db, "shouli", "wrong-password-9")
    page = admin_page(qtbot, demo_db, admin)
    tab = page.audit_tab
    assert tab is not None
    total = int(tab.count_label.text().split()[1])
    assert total > 3 * AuditTableModel.PAGE
    assert tab.model.rowCount() < total, "rows are fetched as the view scrolls, not all at once"
    assert tab.model.index(0, 3).data() == "登录失败", "newest first"
    # The tester checks every paged insert. It is attached after the filter is set: its own reset handler
    # runs its checks (which fetch) before it clears its reset flag, so any lazily fetching model trips it.
    model = AuditTableModel(demo_db, admin)
    model.set_filter(AuditFilter(text="导出"))
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 500

    def scrolled_to_the_end() -> bool:
        tab.table.scrollToBottom()  # the view fetches the next page as the end comes into sight
        return tab.model.rowCount() == total

    qtbot.waitUntil(scrolled_to_the_end, timeout=5000)
    tab.action.setCurrentIndex(tab.action.findData("登录失败"))
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 1).data() == ""
    assert tab.model.index(0, 6).data() == "失败"
    assert tab.count_label.text() == "共 1 条记录"
    tab.action.setCurrentIndex(0)
    tab.text.setText("桃源村")
    qtbot.waitUntil(lambda: tab.count_label.text() != f"共 {total} 条记录", timeout=2000)
    assert all("桃源村" in tab.model.index(r, 7).data() for r in range(tab.model.rowCount()))


def test_verify_chain_reports_tampering(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    page = admin_page(qtbot, demo_db, login_as("admin"))
    tab = page.audit_tab
    assert tab is not None
    tab.verify_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=5000)
    assert message_boxes.shown[-1][0] == "information"

    raw = sqlite3.connect(demo_db.path)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET summary = '改过的' WHERE seq = 10")
    raw.commit()
    raw.close()
    tab.verify_button.click()
    qtbot.waitUntil(lambda: len(message_boxes.shown) == 2, timeout=5000)
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "critical" and "第 10 条" in text


def test_dialog_reset_password(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    page = admin_page(qtbot, demo_db, login_as("admin"))
    tab = page.users_tab
    assert tab is not None
    tab.table.selectRow([r.username for r in tab.rows].index("wangge"))

    def reset(widget: QWidget) -> None:
        assert isinstance(widget, ResetPasswordDialog)
        widget.password.setText("Grid2099abc")
        widget.confirm.setText("Grid2099abc")
        widget.save()

    when_modal(reset)
    tab.reset_button.click()
    assert auth.login(demo_db, "wangge", "Grid2099abc").must_change_password
    assert "密码已重置" in message_boxes.texts("information")[-1]
