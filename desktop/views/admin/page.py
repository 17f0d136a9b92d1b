"""系统管理: one tab per task, each shown only to roles that may use it."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.db import Database
from desktop.services.accounts.permissions import Actor, Permission


class AdminPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.views.admin.audit_tab import AuditTab
        from desktop.views.admin.backups_tab import BackupsTab
        from desktop.views.admin.holidays_tab import HolidaysTab
        from desktop.views.admin.roles_tab import RolesTab
        from desktop.views.admin.settings_tab import SettingsTab
        from desktop.views.admin.town_tab import TownTab
        from desktop.views.admin.users_tab import UsersTab

        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        # Text only: with icons the seven tabs do not fit a 1366×768 screen at 150%, and the last ones
        # hide behind scroll arrows where nobody finds them (the screen-fit test checks this).
        layout.addWidget(self.tabs)
        self.users_tab: UsersTab | None = None
        self.roles_tab: RolesTab | None = None
        self.town_tab: TownTab | None = None
        self.settings_tab: SettingsTab | None = None
        self.holidays_tab: HolidaysTab | None = None
        self.audit_tab: AuditTab | None = None
        self.backups_tab: BackupsTab | None = None
        if actor.can(Permission.SYSTEM_USERS):
            self.users_tab = UsersTab(db, actor)
            self.tabs.addTab(self.users_tab, self.tr("用户"))
        if actor.can(Permission.SYSTEM_ROLES):
            self.roles_tab = RolesTab(db, actor)
            self.tabs.addTab(self.roles_tab, self.tr("角色与权限"))
        if actor.can(Permission.SYSTEM_TOWN):
            self.town_tab = TownTab(db, actor)
            self.tabs.addTab(self.town_tab, self.tr("乡镇信息"))
        if actor.can(Permission.SYSTEM_SETTINGS):
            self.settings_tab = SettingsTab(db, actor)
            self.tabs.addTab(self.settings_tab, self.tr("系统设置"))
            self.holidays_tab = HolidaysTab(db, actor)
            self.tabs.addTab(self.holidays_tab, self.tr("节假日"))
            self.backups_tab = BackupsTab(db, actor)
            self.tabs.addTab(self.backups_tab, self.tr("备份与恢复"))
        if actor.can(Permission.AUDIT_VIEW):
            self.audit_tab = AuditTab(db, actor)
            self.tabs.addTab(self.audit_tab, self.tr("审计日志"))
