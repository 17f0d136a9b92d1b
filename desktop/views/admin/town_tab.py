"""The town profile (area code is fixed after setup)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.services.system import town
from desktop.views.forms import FieldForm, limited
from desktop.views.icons import icon


class TownTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.name = limited(QLineEdit(), limits.TOWN_NAME)
        self.area_code = QLineEdit()
        self.area_code.setReadOnly(True)
        self.county = limited(QLineEdit(), limits.COUNTY_NAME)
        self.hub = limited(QLineEdit(), limits.HUB_URL)
        self.hub.setPlaceholderText("https://10.1.2.3:8443")
        self.phone = limited(QLineEdit(), limits.PHONE)
        self.address = limited(QLineEdit(), limits.ADDRESS)
        self.form.add_field("name", self.tr("乡镇（街道）名称"), self.name, required=True)
        self.form.add_field(
            "area_code", self.tr("统计用区划代码"), self.area_code, hint=self.tr("初始设置后不能修改。")
        )
        self.form.add_field("county_name", self.tr("所属县（市、区）"), self.county)
        self.form.add_field("county_hub_url", self.tr("县级中心地址"), self.hub)
        self.form.add_field("contact_phone", self.tr("中心联系电话"), self.phone)
        self.form.add_field("address", self.tr("中心地址"), self.address)
        layout.addWidget(self.form)
        self.save_button = QPushButton(icon("fa5s.save"), self.tr("保存"))
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.status = QLabel()
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        info = town.get_town(self.db)
        if info is None:
            return
        self.name.setText(info.name)
        self.area_code.setText(info.area_code)
        self.county.setText(info.county_name)
        self.hub.setText(info.county_hub_url)
        self.phone.setText(info.contact_phone)
        self.address.setText(info.address)

    def save(self) -> None:
        self.status.clear()
        try:
            town.update_town(
                self.db,
                self.actor,
                town.TownInfo(
                    self.name.text(),
                    self.area_code.text(),
                    self.county.text(),
                    self.hub.text(),
                    self.phone.text(),
                    self.address.text(),
                ),
            )
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self.status.setText(self.tr("已保存。"))
