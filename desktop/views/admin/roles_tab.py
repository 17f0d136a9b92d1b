"""Roles and their permissions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts import roles
from desktop.services.accounts.permissions import PERMISSION_LABELS, Actor, Permission
from desktop.views.i18n import error_text, pick, role_label
from desktop.views.icons import icon


class RolesTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        layout = QHBoxLayout(self)
        self.role_list = QListWidget()
        self.role_list.setMaximumWidth(240)
        layout.addWidget(self.role_list)
        right = QVBoxLayout()
        self.description = QLabel()
        self.description.setWordWrap(True)
        right.addWidget(self.description)
        right.addWidget(QLabel(self.tr("勾选这个角色可以做的事：")))
        self.permission_list = QListWidget()
        for permission in Permission:
            item = QListWidgetItem(pick(*PERMISSION_LABELS[permission]))
            item.setData(Qt.ItemDataRole.UserRole, permission.value)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.permission_list.addItem(item)
        right.addWidget(self.permission_list)
        self.save_button = QPushButton(icon("fa5s.save"), self.tr("保存权限"))
        self.save_button.clicked.connect(self.save)
        right.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addLayout(right, 1)
        self.role_list.currentRowChanged.connect(self.show_role)
        self.reload()

    def reload(self, keep_row: int = 0) -> None:
        self.rows = roles.list_roles(self.db)
        self.role_list.clear()
        for row in self.rows:
            self.role_list.addItem(role_label(row.code, row.name))
        self.role_list.setCurrentRow(keep_row)

    def show_role(self, index: int) -> None:
        if index < 0:
            return
        row = self.rows[index]
        self.description.setText(row.description)
        for i in range(self.permission_list.count()):
            item = self.permission_list.item(i)
            granted = item.data(Qt.ItemDataRole.UserRole) in row.permissions
            item.setCheckState(Qt.CheckState.Checked if granted else Qt.CheckState.Unchecked)

    def checked(self) -> set[str]:
        return {
            self.permission_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.permission_list.count())
            if self.permission_list.item(i).checkState() == Qt.CheckState.Checked
        }

    def save(self) -> None:
        index = self.role_list.currentRow()
        row = self.rows[index]
        try:
            roles.set_permissions(self.db, self.actor, row.code, self.checked())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
            self.show_role(index)
            return
        self.reload(index)
        QMessageBox.information(self, self.tr("已保存"), self.tr("权限已保存，相关人员重新登录后生效。"))
