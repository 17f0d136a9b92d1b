"""The departments directory (镇街内设机构、派驻机构、县直部门) with contacts, used by dispatch."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.models.matter import DEPARTMENT_KINDS
from desktop.services import matters
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import text as limits
from desktop.services.matters import DepartmentInput, DepartmentRow
from desktop.views.forms import FieldForm, limited, ok_cancel_buttons
from desktop.views.i18n import pick
from desktop.views.icons import icon
from desktop.views.tables import setup_read_only_table


class DepartmentDialog(QDialog):
    def __init__(
        self, db: Database, actor: Actor, row: DepartmentRow | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.db, self.actor, self.row = db, actor, row
        self.setWindowTitle(self.tr("新增部门") if row is None else self.tr("修改部门"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.code = limited(QLineEdit(row.code if row else ""), limits.CODE)
        self.code.setReadOnly(row is not None)
        self.name = limited(QLineEdit(row.name if row else ""), limits.DEPARTMENT_NAME)
        self.kind = QComboBox()
        self.kind.addItems(list(DEPARTMENT_KINDS))
        self.kind.setCurrentText(row.kind if row else DEPARTMENT_KINDS[0])
        self.contact = limited(QLineEdit(row.contact_person if row else ""), limits.CONTACT_PERSON)
        self.phone = limited(QLineEdit(row.phone if row else ""), limits.PHONE)
        self.note = limited(QLineEdit(row.note if row else ""), limits.DEPARTMENT_NOTE)
        self.form.add_field(
            "code", self.tr("部门编码"), self.code, required=True, hint=self.tr("例如 ZJ20，保存后不能修改。")
        )
        self.form.add_field("name", self.tr("部门名称"), self.name, required=True)
        self.form.add_field("kind", self.tr("部门类型"), self.kind, required=True)
        self.form.add_field("contact_person", self.tr("联系人"), self.contact)
        self.form.add_field("phone", self.tr("联系电话"), self.phone)
        self.form.add_field("note", self.tr("备注"), self.note)
        layout.addWidget(self.form)
        buttons = ok_cancel_buttons(self, self.tr("保存"), self.save)
        layout.addWidget(buttons)

    def save(self) -> None:
        data = DepartmentInput(
            self.code.text(), self.name.text(), self.kind.currentText(), self.contact.text(), self.phone.text(),
            self.note.text(),
        )  # fmt: skip
        try:
            matters.save_department(self.db, self.actor, data, self.row.id if self.row else None)
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()


class DepartmentsTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.rows: list[DepartmentRow] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类型"), "")
        for kind in DEPARTMENT_KINDS:
            self.kind.addItem(kind, kind)
        self.search = limited(QLineEdit(), limits.SEARCH)
        self.search.setPlaceholderText(self.tr("部门名称、联系人或编码"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.kind)
        bar.addWidget(self.search, 1)
        self.new_button = QPushButton(icon("fa5s.plus"), self.tr("新增部门"))
        self.edit_button = QPushButton(icon("fa5s.edit"), self.tr("修改"))
        for button in (self.new_button, self.edit_button):
            button.setVisible(actor.can(Permission.MATTER_EDIT))
            bar.addWidget(button)
        layout.addLayout(bar)
        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("编码"),
                self.tr("部门名称"),
                self.tr("类型"),
                self.tr("联系人"),
                self.tr("联系电话"),
                self.tr("备注"),
                self.tr("来源"),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.table)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(250)
        self.debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.refresh()

    def refresh(self) -> None:
        self.rows = matters.list_departments(
            self.db, self.actor, self.kind.currentData() or "", self.search.text()
        )
        self.model.removeRows(0, self.model.rowCount())
        for d in self.rows:
            self.model.appendRow(
                [
                    QStandardItem(v)
                    for v in (d.code, d.name, d.kind, d.contact_person, d.phone, d.note, d.source)
                ]
            )

    def add(self) -> None:
        if DepartmentDialog(self.db, self.actor, parent=self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def edit(self) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes or not self.actor.can(Permission.MATTER_EDIT):
            return
        row = self.rows[indexes[0].row()]
        if not row.editable:
            QMessageBox.information(self, self.tr("提示"), pick(matters.READ_ONLY_ZH, matters.READ_ONLY_EN))
            return
        if DepartmentDialog(self.db, self.actor, row, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()
