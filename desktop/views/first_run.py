"""First start on an empty database: town profile, then the administrator account."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget, QWizard, QWizardPage

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.services import setup
from desktop.services.accounts import passwords, users
from desktop.services.common import text as limits
from desktop.services.system import town
from desktop.views.forms import FieldForm, limited, password_edit
from desktop.views.screen_fit import fit_window, scrolling


class TownPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第一步：本乡镇（街道）信息"))
        self.setSubTitle(self.tr("这些信息会印在文书上，也用于和县级中心交换数据。带 * 的必须填写。"))
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.name = limited(QLineEdit(), limits.TOWN_NAME)
        self.name.setPlaceholderText(self.tr("例如 清溪镇"))
        self.area_code = QLineEdit()
        self.area_code.setMaxLength(12)
        self.area_code.setPlaceholderText("330127104000")
        self.county = limited(QLineEdit(), limits.COUNTY_NAME)
        self.hub = limited(QLineEdit(), limits.HUB_URL)
        self.hub.setPlaceholderText("https://10.1.2.3:8443")
        self.phone = limited(QLineEdit(), limits.PHONE)
        self.form.add_field("name", self.tr("乡镇（街道）名称"), self.name, required=True)
        self.form.add_field(
            "area_code",
            self.tr("统计用区划代码"),
            self.area_code,
            required=True,
            hint=self.tr("12 位数字，可向县级中心或统计部门询问；设置后不能修改。"),
        )
        self.form.add_field("county_name", self.tr("所属县（市、区）"), self.county)
        self.form.add_field(
            "county_hub_url",
            self.tr("县级中心地址"),
            self.hub,
            hint=self.tr("可以暂不填写，以后在“系统管理”中补充。"),
        )
        self.form.add_field("contact_phone", self.tr("中心联系电话"), self.phone)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(self.form))  # the form scrolls on a small screen

    def info(self) -> town.TownInfo:
        return town.TownInfo(
            name=self.name.text(),
            area_code=self.area_code.text(),
            county_name=self.county.text(),
            county_hub_url=self.hub.text(),
            contact_phone=self.phone.text(),
        )

    def validatePage(self) -> bool:
        self.form.clear_errors()
        try:
            if not self.name.text().strip():
                raise ValidationError("请填写乡镇（街道）名称。", "Enter the town's name.", "name")
            town.check_area_code(self.area_code.text())
            town.check_hub_url(self.hub.text())
            users.check_phone(self.phone.text(), "contact_phone")
        except UserError as exc:
            self.form.show_error(exc)
            return False
        return True


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第二步：系统管理员账号"))
        self.setSubTitle(self.tr("系统管理员负责建立其他人员的账号。请牢记密码。"))
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.username = limited(QLineEdit("admin"), 40)
        self.display_name = limited(QLineEdit(), limits.DISPLAY_NAME)
        self.password = password_edit()
        self.confirm = password_edit()
        self.form.add_field(
            "username",
            self.tr("用户名"),
            self.username,
            required=True,
            hint=self.tr("英文字母开头，例如 admin 或 zhangsan。"),
        )
        self.form.add_field("display_name", self.tr("姓名"), self.display_name, required=True)
        self.form.add_field(
            "password",
            self.tr("密码"),
            self.password,
            required=True,
            hint=self.tr("至少 8 位，同时包含字母和数字。"),
        )
        self.form.add_field("confirm", self.tr("再输一次密码"), self.confirm, required=True)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(self.form))  # the form scrolls on a small screen
        done = QLabel(self.tr("点击“完成”后即可用这个账号登录。"))
        layout.addWidget(done)

    def check(self) -> bool:
        self.form.clear_errors()
        try:
            users.check_username(self.username.text())
            users.check_display_name(self.display_name.text())
            passwords.check_password_rule(self.password.text(), self.username.text().strip())
            if self.password.text() != self.confirm.text():
                raise ValidationError("两次输入的密码不一致。", "The two passwords differ.", "confirm")
        except UserError as exc:
            self.form.show_error(exc)
            return False
        return True


class FirstRunWizard(QWizard):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("综治工作台 — 首次使用设置"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        fit_window(self, 720, 600)
        self.town_page = TownPage()
        # What IT gave the installer (silent install with the county settings) is filled in already.
        given = town.county_defaults(db.path.parent)
        self.town_page.hub.setText(given.hub)
        self.town_page.area_code.setText(given.town)
        self.admin_page = AdminPage()
        self.addPage(self.town_page)
        self.addPage(self.admin_page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is not self.admin_page:
            return super().validateCurrentPage()
        if not self.admin_page.check():
            return False
        try:
            setup.first_run_setup(
                self.db,
                self.town_page.info(),
                admin_username=self.admin_page.username.text(),
                admin_display_name=self.admin_page.display_name.text(),
                admin_password=self.admin_page.password.text(),
            )
        except UserError as exc:
            self.admin_page.form.show_error(exc)
            return False
        return True
