"""Adding or editing a town item (乡镇自定); county items open read-only elsewhere."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import to_local, utc_now
from desktop.db import Database
from desktop.errors import UserError
from desktop.models.matter import LEVELS
from desktop.services import matters
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.services.matters import ItemDetail, ItemInput
from desktop.views.forms import DateField, FieldForm, limited, ok_cancel_buttons, qdate
from desktop.views.screen_fit import fit_window, scrolling


class ItemDialog(QDialog):
    def __init__(
        self, db: Database, actor: Actor, item: ItemDetail | None = None, category_id: str = "",
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.db, self.actor, self.item = db, actor, item
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("新增本镇事项") if item is None else self.tr("修改本镇事项"))
        fit_window(self, 760, 680)
        outer = QVBoxLayout(self)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.form = FieldForm()

        self._build_identity_fields()
        self._build_handling_fields()
        self._build_admission_fields()
        layout.addWidget(self.form)
        outer.addWidget(scrolling(body), 1)
        buttons = ok_cancel_buttons(self, self.tr("保存"), self.save)
        outer.addWidget(buttons)
        self.category.currentIndexChanged.connect(self._suggest_code)
        if item is None:
            index = self.category.findData(category_id)
            self.category.setCurrentIndex(max(index, 0))
            self._suggest_code()
        else:
            self._load(item)

    # --- building the form (rows in this order) ------------------------------------------------------
    def _build_identity_fields(self) -> None:
        """What the item is: its category, code, name, description and level."""
        self.category = QComboBox()
        for domain in matters.category_tree(self.db, self.actor):
            for cat in domain.categories:
                self.category.addItem(f"{domain.name} / {cat.name}（{cat.code}）", cat.id)
        self.code = limited(QLineEdit(), limits.CODE)
        self.name = limited(QLineEdit(), limits.ITEM_NAME)
        self.keywords = limited(QLineEdit(), limits.ITEM_KEYWORDS)
        self.description = limited(QPlainTextEdit(), limits.ITEM_DESCRIPTION)
        self.description.setFixedHeight(70)
        self.level = QComboBox()
        self.level.addItems(list(LEVELS))
        f = self.form
        f.add_field("category_id", self.tr("所属类别"), self.category, required=True)
        f.add_field(
            "code",
            self.tr("事项编码"),
            self.code,
            required=True,
            hint=self.tr("已按类别自动编号，可修改；保存后不能再改。"),
        )
        f.add_field("name", self.tr("事项名称"), self.name, required=True)
        f.add_field(
            "keywords",
            self.tr("关键词"),
            self.keywords,
            hint=self.tr("用顿号或空格分隔，如：噪音、吵闹"),
        )
        f.add_field(
            "description", self.tr("事项说明"), self.description, hint=self.tr("包括哪些情形，网格员做什么。")
        )
        f.add_field("level", self.tr("处置层级"), self.level, required=True)

    def _build_handling_fields(self) -> None:
        """Who handles it and in how many working days."""
        departments = matters.list_departments(self.db, self.actor)
        self.lead = QComboBox()
        self.lead.setEditable(True)
        self.lead.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for d in departments:
            self.lead.addItem(d.name, d.code)
        self.lead.setCurrentIndex(-1)
        self.co = QListWidget()
        self.co.setFixedHeight(110)
        for d in departments:
            entry = QListWidgetItem(f"{d.name}（{d.kind}）")
            entry.setData(Qt.ItemDataRole.UserRole, d.code)
            entry.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.co.addItem(entry)
        self.limit = QSpinBox()
        self.limit.setRange(1, 365)
        self.limit.setValue(7)
        self.limit.setSuffix(self.tr(" 个工作日"))
        f = self.form
        f.add_field(
            "lead_department_code",
            self.tr("牵头部门"),
            self.lead,
            required=True,
            hint=self.tr("可输入文字查找。"),
        )
        f.add_field("co_department_codes", self.tr("协办部门"), self.co, hint=self.tr("勾选，可多选。"))
        f.add_field("time_limit_days", self.tr("办理时限"), self.limit, required=True)

    def _build_admission_fields(self) -> None:
        """Whether grid workers may take it on (准入), from and until when, and on what basis."""
        self.admitted = QCheckBox(self.tr("准入网格（网格员可承担）"))
        self.admitted.setChecked(True)
        today = qdate(to_local(utc_now()).date())
        self.admitted_from = DateField(today)
        self.has_until = QCheckBox(self.tr("有退出日期"))
        self.admitted_until = DateField(today.addYears(1))
        for edit in (self.admitted_from, self.admitted_until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.admitted_until.setEnabled(False)
        self.has_until.toggled.connect(self.admitted_until.setEnabled)
        until_row = QWidget()
        until_layout = QHBoxLayout(until_row)
        until_layout.setContentsMargins(0, 0, 0, 0)
        until_layout.addWidget(self.has_until)
        until_layout.addWidget(self.admitted_until, 1)
        self.admission_note = limited(QLineEdit(), limits.ADMISSION_NOTE)
        self.legal_basis = limited(QPlainTextEdit(), limits.LEGAL_BASIS)
        self.legal_basis.setFixedHeight(56)
        f = self.form
        f.add_field("admitted", self.tr("准入"), self.admitted)
        f.add_field("admitted_from", self.tr("准入日期"), self.admitted_from)
        f.add_field("admitted_until", self.tr("退出日期"), until_row)
        f.add_field("admission_note", self.tr("准入说明"), self.admission_note)
        f.add_field("legal_basis", self.tr("法律政策依据"), self.legal_basis)

    def _suggest_code(self) -> None:
        if self.item is None:
            self.code.setText(matters.suggest_local_code(self.db, str(self.category.currentData() or "")))

    def _load(self, item: ItemDetail) -> None:
        self.category.setCurrentIndex(self.category.findData(item.category_id))
        self.code.setText(item.code)
        self.code.setReadOnly(True)
        self.name.setText(item.name)
        self.keywords.setText(item.keywords)
        self.description.setPlainText(item.description)
        self.level.setCurrentText(item.level)
        self.lead.setCurrentIndex(self.lead.findData(item.lead_department_code))
        for i in range(self.co.count()):
            entry = self.co.item(i)
            checked = entry.data(Qt.ItemDataRole.UserRole) in item.co_department_codes
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.limit.setValue(item.time_limit_days)
        self.admitted.setChecked(item.admitted)
        if item.admitted_from:
            self.admitted_from.setDate(qdate(item.admitted_from))
        self.has_until.setChecked(item.admitted_until is not None)
        if item.admitted_until:
            self.admitted_until.setDate(qdate(item.admitted_until))
        self.admission_note.setText(item.admission_note)
        self.legal_basis.setPlainText(item.legal_basis)

    def _lead_code(self) -> str:
        index = self.lead.findText(self.lead.currentText())
        return str(self.lead.itemData(index)) if index >= 0 else ""

    def data(self) -> ItemInput:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        co = tuple(
            str(self.co.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.co.count())
            if self.co.item(i).checkState() == Qt.CheckState.Checked
        )
        return ItemInput(
            category_id=str(self.category.currentData() or ""), code=self.code.text(), name=self.name.text(),
            description=self.description.toPlainText(), level=self.level.currentText(),
            lead_department_code=self._lead_code(), co_department_codes=co, time_limit_days=self.limit.value(),
            admitted=self.admitted.isChecked(),
            admitted_from=day(self.admitted_from) if self.admitted.isChecked() else None,
            admitted_until=day(self.admitted_until) if self.has_until.isChecked() else None,
            admission_note=self.admission_note.text(), legal_basis=self.legal_basis.toPlainText(),
            keywords=self.keywords.text(),
        )  # fmt: skip

    def save(self) -> None:
        try:
            if self.item is None:
                self.saved_id = matters.create_local_item(self.db, self.actor, self.data())
            else:
                matters.update_local_item(self.db, self.actor, self.item.id, self.data(), self.item.ver)
                self.saved_id = self.item.id
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()
