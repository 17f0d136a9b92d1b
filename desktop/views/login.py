"""Login, unlock after idle, and password change dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError, ValidationError
from desktop.views.forms import FieldForm, ok_cancel_buttons, password_edit
from desktop.views.i18n import pick
from desktop.views.icons import icon

if TYPE_CHECKING:
    from desktop.db import Database
    from desktop.services.accounts.auth import LoginResult
    from desktop.services.accounts.permissions import Actor


class LoginDialog(QDialog):
    """User name + password. With `unlock_for`, the user is fixed and the purpose is 解锁."""

    def __init__(
        self,
        db: Database,
        town_name: str = "",
        unlock_for: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.unlock_for = unlock_for
        self.result_login: LoginResult | None = None
        self.setObjectName("loginDialog")
        self.setWindowIcon(icon("fa5s.shield-alt"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        title = QLabel(self.tr("综治工作台"))
        title.setObjectName("loginTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        subtitle = QLabel(town_name or self.tr("乡镇（街道）综治中心"))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle.setObjectName("loginSubtitle")
        layout.addWidget(subtitle)

        self.form = FieldForm()
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("例如 zhangsan"))
        self.password = password_edit()
        self.form.add_field("username", self.tr("用户名"), self.username)
        self.form.add_field("password", self.tr("密码"), self.password)
        layout.addWidget(self.form)

        if unlock_for is not None:
            self.setWindowTitle(self.tr("屏幕已锁定"))
            note = QLabel(
                self.tr("较长时间没有操作，屏幕已锁定。请输入 {name} 的密码继续。").format(
                    name=unlock_for.display_name
                )
            )
            note.setWordWrap(True)
            layout.insertWidget(2, note)
            self.username.setText(unlock_for.username)
            self.username.setReadOnly(True)
            self.password.setFocus()
        else:
            self.setWindowTitle(self.tr("登录 — 综治工作台"))
            self.username.setFocus()

        hint = QLabel(self.tr("忘记密码请联系本中心的系统管理员重置。"))
        hint.setObjectName("formHint")
        layout.addWidget(hint)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("解锁") if unlock_for else self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.cancel_button = buttons.addButton(self.tr("退出程序"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_login(self) -> None:
        # The program's start shows this dialog before SQLAlchemy and the models are imported
        # (issue 18); they are loaded while the person types (app.Session), or here at the latest.
        from desktop.services.accounts import auth

        self.form.clear_errors()
        try:
            result = auth.login(
                self.db,
                self.username.text(),
                self.password.text(),
                purpose="解锁" if self.unlock_for else "登录",
            )
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        except UserError as exc:
            self.password.clear()  # before the message: typing a new password is what hides it
            self.form.show_error(ValidationError(exc.zh, exc.en, "password"))
            return
        if self.unlock_for is not None and result.actor.user_id != self.unlock_for.user_id:
            return
        if result.must_change_password:
            change = ChangePasswordDialog(
                self.db, result.actor, pick(result.reason_zh, result.reason_en), self.password.text(), self
            )
            if change.exec() != QDialog.DialogCode.Accepted:
                self.password.clear()
                return
        self.result_login = result
        self.accept()


class ChangePasswordDialog(QDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        reason: str = "",
        old_password: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if reason:
            label = QLabel(reason)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.form = FieldForm()
        self.old = password_edit()
        self.old.setText(old_password)
        self.new = password_edit()
        self.confirm = password_edit()
        self.form.add_field("old_password", self.tr("原密码"), self.old, required=True)
        self.form.add_field(
            "new_password",
            self.tr("新密码"),
            self.new,
            required=True,
            hint=self.tr("至少 8 位，同时包含字母和数字，不能包含用户名。"),
        )
        self.form.add_field("confirm", self.tr("再输一次新密码"), self.confirm, required=True)
        layout.addWidget(self.form)
        buttons = ok_cancel_buttons(self, self.tr("确定"), self.save)
        layout.addWidget(buttons)
        (self.new if old_password else self.old).setFocus()

    def save(self) -> None:
        from desktop.services.accounts import auth

        if self.new.text() != self.confirm.text():
            self.form.show_error(
                ValidationError("两次输入的新密码不一致。", "The two new passwords differ.", "confirm")
            )
            return
        try:
            auth.change_password(self.db, self.actor, self.old.text(), self.new.text())
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()
