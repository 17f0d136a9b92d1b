"""数据同步 → 同步设置: how often, a new matter list applied at once or not, the intranet CA file, the
county's token (kept in the keyring, never shown back), and the offline packages' public keys. The
hub's address is shown, not edited: it belongs to 系统管理 → 乡镇信息."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.services.accounts.permissions import PERMISSION_LABELS, Actor, Permission
from desktop.sync import settings as link
from desktop.views import file_dialogs
from desktop.views.flow_layout import FlowLayout
from desktop.views.forms import FieldForm, password_edit
from desktop.views.i18n import error_text, pick
from desktop.views.icons import icon
from desktop.views.screen_fit import scrolling
from desktop.views.tasks import report_failure, run_read


class LinkSettingsTab(QWidget):
    saved = Signal(int)  # the interval in minutes, for the schedule
    token_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.can_edit = actor.can(Permission.SYSTEM_SETTINGS)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        layout = QVBoxLayout(content)

        if not self.can_edit:
            note = QLabel(
                self.tr("以下设置只有具有“{permission}”权限的人员（系统管理员）可以修改。").format(
                    permission=pick(*PERMISSION_LABELS[Permission.SYSTEM_SETTINGS])
                )
            )
            note.setObjectName("formHint")
            note.setWordWrap(True)
            layout.addWidget(note)

        self.form = FieldForm()
        self.hub = QLineEdit()
        self.hub.setReadOnly(True)
        self.form.add_field(
            "hub_url", self.tr("县级中心地址"), self.hub, hint=self.tr("在“系统管理 → 乡镇信息”中修改。")
        )
        self.interval = QSpinBox()
        self.interval.setRange(link.MIN_INTERVAL, link.MAX_INTERVAL)
        self.interval.setSuffix(self.tr(" 分钟"))
        self.form.add_field(
            "interval_minutes",
            self.tr("同步间隔"),
            self.interval,
            hint=self.tr("程序打开期间每隔这么久同步一次（{lo}–{hi} 分钟）。").format(
                lo=link.MIN_INTERVAL, hi=link.MAX_INTERVAL
            ),
        )
        self.auto_apply = QCheckBox(self.tr("县级发布新的事项清单后立即应用，不等人确认"))
        self.form.add_field("auto_apply_matters", self.tr("事项清单"), self.auto_apply)
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("留空：使用本机的系统证书"))
        self.choose_button = QPushButton(self.tr("选择…"))
        self.choose_button.clicked.connect(self.choose_ca_file)
        ca_row = QWidget()
        row = QHBoxLayout(ca_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.ca_file, 1)
        row.addWidget(self.choose_button)
        self.form.add_field(
            "ca_file",
            self.tr("证书文件"),
            ca_row,
            hint=self.tr("县级中心使用内网证书时，选择县级提供的 CA 证书文件（PEM 格式）。"),
        )
        self.form.fields["ca_file"] = self.ca_file  # errors mark the text box itself
        layout.addWidget(self.form)
        buttons = FlowLayout()
        self.save_button = QPushButton(icon("fa5s.save"), self.tr("保存设置"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        token_title = QLabel(self.tr("同步口令"))
        token_title.setObjectName("panelTitle")
        layout.addWidget(token_title)
        self.token_state = QLabel()
        self.token_state.setWordWrap(True)
        layout.addWidget(self.token_state)
        self.token_form = FieldForm()
        self.token = password_edit(self.tr("粘贴县级中心提供的口令"))
        self.token_form.add_field(
            "token",
            self.tr("新口令"),
            self.token,
            hint=self.tr(
                "口令只保存在本机的密钥环（Windows 凭据管理器）中，不会再显示出来，也不写入数据库。"
            ),
        )
        layout.addWidget(self.token_form)
        token_buttons = FlowLayout()
        self.store_button = QPushButton(icon("fa5s.key"), self.tr("保存口令"))
        self.store_button.clicked.connect(self.store_token)
        self.forget_button = QPushButton(self.tr("删除口令"))
        self.forget_button.clicked.connect(self.forget_token)
        token_buttons.addWidget(self.store_button)
        token_buttons.addWidget(self.forget_button)
        layout.addLayout(token_buttons)
        self.token_status = QLabel()
        self.token_status.setWordWrap(True)
        layout.addWidget(self.token_status)
        self._build_package_keys(layout)
        layout.addStretch(1)
        outer.addWidget(scrolling(content))

        for widget in (
            self.interval, self.auto_apply, self.ca_file, self.choose_button, self.save_button, self.token,
            self.store_button, self.forget_button, self.county_key, self.county_key_button,
        ):  # fmt: skip
            widget.setEnabled(self.can_edit)
        self.loaded = False
        self.load()

    def _build_package_keys(self, layout: QVBoxLayout) -> None:
        """Offline packages: this town's public key to give the county, the county's to check its packages."""
        title = QLabel(self.tr("离线包公钥"))
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        self.keys_form = FieldForm()
        self.town_key = QLineEdit()
        self.town_key.setReadOnly(True)
        self.copy_button = QPushButton(icon("fa5s.copy"), self.tr("复制"))
        self.copy_button.clicked.connect(self.copy_town_key)
        key_row = QWidget()
        row = QHBoxLayout(key_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.town_key, 1)
        row.addWidget(self.copy_button)
        self.keys_form.add_field(
            "town_key",
            self.tr("本镇公钥"),
            key_row,
            hint=self.tr("交给县级中心登记（set-town-key）。签名用的私钥只在本机的密钥环中。"),
        )
        self.county_key = QLineEdit()
        self.county_key.setPlaceholderText(self.tr("粘贴县级中心提供的公钥（show-key）"))
        self.keys_form.add_field(
            "county_key",
            self.tr("县级中心公钥"),
            self.county_key,
            hint=self.tr("用来核对县级中心发来的离线包。"),
        )
        layout.addWidget(self.keys_form)
        key_buttons = FlowLayout()
        self.county_key_button = QPushButton(icon("fa5s.save"), self.tr("保存县级中心公钥"))
        self.county_key_button.clicked.connect(self.save_county_key)
        key_buttons.addWidget(self.county_key_button)
        layout.addLayout(key_buttons)
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        layout.addWidget(self.key_status)

    def load(self) -> None:
        db = self.db

        def work(_p: object) -> tuple[link.LinkSettings, UserError | None, str | UserError, str]:
            values = link.load(db)
            try:
                town_key: str | UserError = link.town_package_key(db, create=False)
            except UserError as exc:  # no keyring on this PC: said where the key would be
                town_key = exc
            return values, link.token_problem(values.town_code), town_key, link.county_package_key(db)

        run_read(work, lambda result: self._show(*result), parent=self)

    def _show(
        self, values: link.LinkSettings, problem: UserError | None, town_key: str | UserError, county_key: str
    ) -> None:
        self.hub.setText(values.hub_url or self.tr("（尚未填写）"))
        self.interval.setValue(values.interval_minutes)
        self.auto_apply.setChecked(values.auto_apply_matters)
        self.ca_file.setText(values.ca_file)
        self.show_token_state(problem)
        self._show_town_key(town_key)
        self.county_key.setText(county_key)
        self.loaded = True

    def _show_town_key(self, town_key: str | UserError) -> None:
        if isinstance(town_key, UserError):
            self.town_key.clear()
            self.town_key.setPlaceholderText(error_text(town_key))
        else:
            self.town_key.setText(town_key)
            self.town_key.setPlaceholderText(self.tr("尚未生成：点“复制”生成，或在第一次导出离线包时生成"))

    def copy_town_key(self) -> None:
        """Copies the town's public key, making the key pair first if there is none yet (keyring only)."""
        if self.town_key.text():
            self._copied(self.town_key.text())
            return
        db = self.db
        self.copy_button.setEnabled(False)
        run_read(
            lambda _p: link.town_package_key(db),
            self._copied,
            on_failed=self._copy_failed,
            always=lambda: self.copy_button.setEnabled(True),
            parent=self,
        )

    def _copy_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):  # no keyring on this PC: said in full, never a fallback
            self.key_status.setText(error_text(exc))
        else:
            report_failure(exc, self)

    def _copied(self, key: str) -> None:
        self.town_key.setText(key)
        QApplication.clipboard().setText(key)
        self.key_status.setText(self.tr("本镇公钥已复制。"))

    def save_county_key(self) -> None:
        self.key_status.clear()
        try:
            key = link.set_county_package_key(self.db, self.actor, self.county_key.text())
        except UserError as exc:
            self.keys_form.show_errors([ValidationError(exc.zh, exc.en, "county_key")])
            return
        self.keys_form.clear_errors()
        self.county_key.setText(key)
        self.key_status.setText(self.tr("县级中心公钥已保存。"))

    def show_token_state(self, problem: UserError | None) -> None:
        self.token_state.setText(
            self.tr("本机已保存同步口令。如县级中心更换了口令，在下面填写新口令。")
            if problem is None
            else error_text(problem)
        )

    def choose_ca_file(self) -> None:
        path = file_dialogs.open_path(
            self, self.tr("选择县级中心的 CA 证书"), self.tr("证书文件 (*.pem *.crt *.cer);;所有文件 (*)")
        )
        if path:
            self.ca_file.setText(path)

    def save(self) -> None:
        self.status.clear()
        try:
            values = link.save(
                self.db, self.actor, interval_minutes=self.interval.value(),
                auto_apply_matters=self.auto_apply.isChecked(), ca_file=self.ca_file.text(),
            )  # fmt: skip
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self.ca_file.setText(values.ca_file)
        self.status.setText(self.tr("同步设置已保存。"))
        self.saved.emit(values.interval_minutes)

    def store_token(self) -> None:
        self.token_status.clear()
        try:
            link.set_token(self.db, self.actor, self.token.text())
        except UserError as exc:
            self._token_error(exc)
            return
        self.token.clear()
        self.token_form.clear_errors()
        self.token_status.setText(self.tr("口令已保存到本机密钥环。"))
        self.show_token_state(None)
        self.token_changed.emit()

    def forget_token(self) -> None:
        self.token_status.clear()
        try:
            link.forget_token(self.db, self.actor)
        except UserError as exc:
            self._token_error(exc)
            return
        self.token_form.clear_errors()
        self.token_status.setText(self.tr("口令已从本机删除，同步将暂停，直到填写新口令。"))
        self.load()
        self.token_changed.emit()

    def _token_error(self, exc: UserError) -> None:
        """Under the token field, in full: a bad token, or no keyring on this PC (never a fallback)."""
        self.token_form.show_errors([ValidationError(exc.zh, exc.en, "token")])
