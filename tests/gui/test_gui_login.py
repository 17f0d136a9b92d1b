"""The login dialog: messages a user can act on, lockout, and the forced password change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import DEMO_PASSWORD, when_modal

from desktop.db import Database
from desktop.services.accounts import users
from desktop.services.accounts.permissions import Actor
from desktop.views.login import ChangePasswordDialog, LoginDialog


def test_wrong_password_warns_of_the_lockout_rule(qtbot: QtBot, demo_db: Database) -> None:
    dialog = LoginDialog(demo_db, "清溪镇")
    qtbot.addWidget(dialog)
    dialog.username.setText("shouli")
    dialog.password.setText("wrong-password-1")
    dialog.ok_button.click()
    assert dialog.result() == 0 and dialog.result_login is None
    error = dialog.form.error_for("password")
    assert "用户名或密码不正确" in error and "连续输错 5 次" in error
    assert dialog.password.text() == "", "a refused password is cleared"


def test_fifth_wrong_password_locks_and_right_one_is_then_refused(qtbot: QtBot, demo_db: Database) -> None:
    dialog = LoginDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.username.setText("shouli")
    for _ in range(5):
        dialog.password.setText("wrong-password-1")
        dialog.ok_button.click()
    assert "已锁定" in dialog.form.error_for("password")
    dialog.password.setText(DEMO_PASSWORD)
    dialog.ok_button.click()
    assert dialog.result_login is None
    assert "15 分钟" in dialog.form.error_for("password")


def test_empty_fields_are_explained(qtbot: QtBot, demo_db: Database) -> None:
    dialog = LoginDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.ok_button.click()
    assert "请输入用户名和密码" in dialog.form.general_error.text()


def test_right_password_accepts_with_the_users_roles(qtbot: QtBot, demo_db: Database) -> None:
    dialog = LoginDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.username.setText("tiaojie")
    dialog.password.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.ok_button.click()
    assert dialog.result_login is not None
    assert dialog.result_login.actor.role_names == ("调解员",)


def test_reset_password_forces_a_change_at_next_login(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    admin = login_as("admin")
    target = next(u for u in users.list_users(demo_db, admin) if u.username == "shouli")
    users.reset_password(demo_db, admin, target.id, "Temp12345")

    dialog = LoginDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.username.setText("shouli")
    dialog.password.setText("Temp12345")

    def change(widget: QWidget) -> None:
        assert isinstance(widget, ChangePasswordDialog)
        widget.new.setText("Counter2027x")
        widget.confirm.setText("Counter2027x")
        widget.save()

    when_modal(change)
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog.ok_button.click()
    assert dialog.result_login is not None
    # the new password works, the temporary one no longer does
    from desktop.services.accounts import auth

    assert not auth.login(demo_db, "shouli", "Counter2027x").must_change_password
