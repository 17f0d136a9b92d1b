"""User accounts: list, create, edit, roles, reset password, disable, unlock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import format_local
from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.services.accounts import roles, users
from desktop.services.accounts.permissions import Actor
from desktop.services.accounts.users import UserRow
from desktop.services.common import text as limits
from desktop.views.flow_layout import FlowLayout
from desktop.views.forms import FieldForm, limited, ok_cancel_buttons, password_edit
from desktop.views.i18n import error_text, role_label
from desktop.views.icons import icon
from desktop.views.screen_fit import fit_window, scrolling
from desktop.views.tables import setup_read_only_table


class RoleChecks(QWidget):
    def __init__(self, db: Database, selected: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for role in roles.list_roles(db):
            box = QCheckBox(f"{role_label(role.code, role.name)} — {role.description}")
            box.setChecked(role.code in selected)
            self.boxes[role.code] = box
            layout.addWidget(box)

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]


class UserDialog(QDialog):
    """Create (all fields) or edit (name, phone) a user."""

    def __init__(self, db: Database, actor: Actor, row: UserRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.row = row
        self.created_id: str | None = None
        self.setWindowTitle(self.tr("新建用户") if row is None else self.tr("修改用户资料"))
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.username = limited(QLineEdit(row.username if row else ""), 40)
        self.username.setReadOnly(row is not None)
        self.display_name = limited(QLineEdit(row.display_name if row else ""), limits.DISPLAY_NAME)
        self.phone = limited(QLineEdit(row.phone if row else ""), limits.PHONE)
        self.form.add_field(
            "username",
            self.tr("用户名"),
            self.username,
            required=True,
            hint=self.tr("登录时使用，英文字母开头，例如 zhangsan。"),
        )
        self.form.add_field("display_name", self.tr("姓名"), self.display_name, required=True)
        self.form.add_field("phone", self.tr("联系电话"), self.phone)
        if row is None:
            self.password = password_edit()
            self.confirm = password_edit()
            self.roles = RoleChecks(db)
            self.form.add_field("roles", self.tr("角色"), self.roles, required=True)
            self.form.add_field(
                "password",
                self.tr("初始密码"),
                self.password,
                required=True,
                hint=self.tr("至少 8 位，含字母和数字。用户首次登录时须修改。"),
            )
            self.form.add_field("confirm", self.tr("再输一次"), self.confirm, required=True)
        layout.addWidget(scrolling(self.form), 1)
        buttons = ok_cancel_buttons(self, self.tr("保存"), self.save)
        layout.addWidget(buttons)
        fit_window(self, 600, 0)

    def save(self) -> None:
        try:
            if self.row is None:
                if self.password.text() != self.confirm.text():
                    raise ValidationError("两次输入的密码不一致。", "The two passwords differ.", "confirm")
                self.created_id = users.create_user(
                    self.db,
                    self.actor,
                    username=self.username.text(),
                    display_name=self.display_name.text(),
                    password=self.password.text(),
                    role_codes=self.roles.codes(),
                    phone=self.phone.text(),
                )
            else:
                users.update_user(
                    self.db,
                    self.actor,
                    self.row.id,
                    display_name=self.display_name.text(),
                    phone=self.phone.text(),
                )
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()


class RolesDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.row = db, actor, row
        self.setWindowTitle(self.tr("分配角色 — {name}").format(name=row.display_name))
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.roles = RoleChecks(db, row.role_codes)
        self.form.add_field("roles", self.tr("角色"), self.roles, required=True)
        layout.addWidget(self.form)
        buttons = ok_cancel_buttons(self, self.tr("保存"), self.save)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            users.assign_roles(self.db, self.actor, self.row.id, self.roles.codes())
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()


class ResetPasswordDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.row = db, actor, row
        self.setWindowTitle(self.tr("重置密码 — {name}").format(name=row.display_name))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.password = password_edit()
        self.confirm = password_edit()
        self.form.add_field(
            "password",
            self.tr("临时密码"),
            self.password,
            required=True,
            hint=self.tr("告诉本人后，对方登录时须改成自己的密码。"),
        )
        self.form.add_field("confirm", self.tr("再输一次"), self.confirm, required=True)
        layout.addWidget(self.form)
        buttons = ok_cancel_buttons(self, self.tr("重置"), self.save)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            if self.password.text() != self.confirm.text():
                raise ValidationError("两次输入的密码不一致。", "The two passwords differ.", "confirm")
            users.reset_password(self.db, self.actor, self.row.id, self.password.text())
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()


class UsersTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.rows: list[UserRow] = []
        layout = QVBoxLayout(self)
        bar = FlowLayout()
        self.new_button = QPushButton(icon("fa5s.user-plus"), self.tr("新建用户"))
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton(icon("fa5s.user-edit"), self.tr("修改资料"))
        self.roles_button = QPushButton(icon("fa5s.user-tag"), self.tr("分配角色"))
        self.reset_button = QPushButton(icon("fa5s.key"), self.tr("重置密码"))
        self.disable_button = QPushButton(icon("fa5s.user-slash"), self.tr("停用/启用"))
        self.unlock_button = QPushButton(icon("fa5s.unlock"), self.tr("解除锁定"))
        for button in (
            self.new_button,
            self.edit_button,
            self.roles_button,
            self.reset_button,
            self.disable_button,
            self.unlock_button,
        ):
            bar.addWidget(button)
        layout.addLayout(bar)
        columns = [
            self.tr("用户名"),
            self.tr("姓名"),
            self.tr("角色"),
            self.tr("状态"),
            self.tr("联系电话"),
            self.tr("最近登录"),
        ]
        self.model = QStandardItemModel(0, len(columns), self)
        self.model.setHorizontalHeaderLabels(columns)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table)
        self.table.horizontalHeader().setMinimumSectionSize(110)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())
        layout.addWidget(self.table)

        self.new_button.clicked.connect(self.new_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.roles_button.clicked.connect(self.edit_roles)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.unlock_button.clicked.connect(self.unlock)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_user)
        self.refresh()

    def refresh(self, select_id: str | None = None) -> None:
        self.rows = users.list_users(self.db, self.actor)
        self.model.removeRows(0, self.model.rowCount())
        for row in self.rows:
            if row.disabled:
                status = self.tr("已停用")
            elif row.locked:
                status = self.tr("已锁定")
            else:
                status = self.tr("正常")
            roles_text = "、".join(
                role_label(c, n) for c, n in zip(row.role_codes, row.role_names, strict=True)
            )
            items = [
                QStandardItem(v)
                for v in (
                    row.username,
                    row.display_name,
                    roles_text,
                    status,
                    row.phone,
                    format_local(row.last_login_at),
                )
            ]
            self.model.appendRow(items)
        if select_id:
            for index, row in enumerate(self.rows):
                if row.id == select_id:
                    self.table.selectRow(index)

    def selected(self) -> UserRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            QMessageBox.information(self, self.tr("提示"), self.tr("请先在列表中选中一个用户。"))
            return None
        return self.rows[indexes[0].row()]

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法完成"), error_text(exc))
            return False
        return True

    def new_user(self) -> None:
        dialog = UserDialog(self.db, self.actor, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(dialog.created_id)

    def edit_user(self) -> None:
        row = self.selected()
        if row and UserDialog(self.db, self.actor, row, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh(row.id)

    def edit_roles(self) -> None:
        row = self.selected()
        if row and RolesDialog(self.db, self.actor, row, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh(row.id)

    def reset_password(self) -> None:
        row = self.selected()
        if row and ResetPasswordDialog(self.db, self.actor, row, self).exec() == QDialog.DialogCode.Accepted:
            QMessageBox.information(self, self.tr("完成"), self.tr("密码已重置，对方下次登录时须修改密码。"))
            self.refresh(row.id)

    def toggle_disabled(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row.disabled:
            answer = QMessageBox.question(
                self,
                self.tr("停用账号"),
                self.tr("停用后 {name} 将不能登录，已有的记录不受影响。确定停用吗？").format(
                    name=row.display_name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self._run(lambda: users.set_disabled(self.db, self.actor, row.id, not row.disabled)):
            self.refresh(row.id)

    def unlock(self) -> None:
        row = self.selected()
        if row and self._run(lambda: users.unlock(self.db, self.actor, row.id)):
            self.refresh(row.id)
