"""Permissions and the acting user. Services check these; views only mirror them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop.errors import PermissionDenied


class Permission(StrEnum):
    SYSTEM_USERS = "system.users"
    SYSTEM_ROLES = "system.roles"
    SYSTEM_TOWN = "system.town"
    SYSTEM_SETTINGS = "system.settings"
    AUDIT_VIEW = "audit.view"
    PERSON_VIEW = "person.view"
    PERSON_EDIT = "person.edit"
    PERSON_VIEW_ID = "person.view_id"
    GRID_VIEW = "grid.view"
    GRID_EDIT = "grid.edit"
    EVENT_VIEW = "event.view"
    EVENT_HANDLE = "event.handle"
    EVENT_APPROVE = "event.approve"
    MATTER_VIEW = "matter.view"
    MATTER_EDIT = "matter.edit"
    MEDIATION_VIEW = "mediation.view"
    MEDIATION_HANDLE = "mediation.handle"
    MEDIATION_MANAGE = "mediation.manage"
    DUTY_VIEW = "duty.view"
    DUTY_EDIT = "duty.edit"
    DUTY_APPROVE = "duty.approve"
    DUTY_APPROVE_LONG = "duty.approve_long"
    ASSESSMENT_VIEW = "assessment.view"
    ASSESSMENT_EDIT = "assessment.edit"
    STATS_VIEW = "stats.view"
    SYNC_RUN = "sync.run"


# (Chinese, English) labels, shown in the role editor and in refusals.
PERMISSION_LABELS: dict[Permission, tuple[str, str]] = {
    Permission.SYSTEM_USERS: ("管理用户账号", "Manage user accounts"),
    Permission.SYSTEM_ROLES: ("管理角色与权限", "Manage roles and permissions"),
    Permission.SYSTEM_TOWN: ("维护乡镇信息", "Edit the town profile"),
    Permission.SYSTEM_SETTINGS: ("修改系统设置", "Change system settings"),
    Permission.AUDIT_VIEW: ("查看审计日志", "View the audit log"),
    Permission.PERSON_VIEW: ("查看人员信息", "View people"),
    Permission.PERSON_EDIT: ("维护人员信息", "Edit people"),
    Permission.PERSON_VIEW_ID: ("查看完整身份证号", "View full resident ID numbers"),
    Permission.GRID_VIEW: ("查看网格与人员", "View grids and workers"),
    Permission.GRID_EDIT: ("维护网格与人员", "Edit grids and workers"),
    Permission.EVENT_VIEW: ("查看事件", "View events"),
    Permission.EVENT_HANDLE: ("受理与处置事件", "Register and handle events"),
    Permission.EVENT_APPROVE: ("审批事件延期和挂账", "Approve event extensions and postponements"),
    Permission.MATTER_VIEW: ("查看事项清单", "View the matter list"),
    Permission.MATTER_EDIT: ("维护事项清单", "Edit the matter list"),
    Permission.MEDIATION_VIEW: ("查看调解案件", "View mediation cases"),
    Permission.MEDIATION_HANDLE: ("办理调解案件", "Handle mediation cases"),
    Permission.MEDIATION_MANAGE: (
        "管理调解委员会、调解员名册，重新启用已归档案件",
        "Manage the mediation committee and roster; reopen archived cases",
    ),
    Permission.DUTY_VIEW: ("查看值班考勤", "View duty and attendance"),
    Permission.DUTY_EDIT: ("维护值班考勤", "Edit duty and attendance"),
    Permission.DUTY_APPROVE: (
        "审批调班、补签和三天以内的请假",
        "Approve duty swaps, corrections and leave of up to three days",
    ),
    Permission.DUTY_APPROVE_LONG: ("审批三天以上的请假", "Approve leave of more than three days"),
    Permission.ASSESSMENT_VIEW: ("查看考核", "View assessments"),
    Permission.ASSESSMENT_EDIT: ("开展考核", "Run assessments"),
    Permission.STATS_VIEW: ("查看统计分析", "View statistics"),
    Permission.SYNC_RUN: ("执行数据同步", "Run data sync"),
}

ADMIN_ROLE = "admin"


@dataclass(frozen=True)
class Actor:
    """Who is acting. Built at login from the user's roles; passed to every service call."""

    user_id: str
    username: str
    display_name: str
    role_codes: tuple[str, ...]
    role_names: tuple[str, ...]
    permissions: frozenset[str] = field(default_factory=frozenset)

    def can(self, permission: Permission) -> bool:
        return permission.value in self.permissions

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            zh, en = PERMISSION_LABELS[permission]
            raise PermissionDenied(
                f"您没有“{zh}”的权限，请联系系统管理员。",
                f"You lack the permission “{en}”; ask an administrator.",
            )


# The actor for work the program does by itself (first-run setup, migrations of data, demo).
SYSTEM_ACTOR = Actor(
    user_id="",
    username="system",
    display_name="系统",
    role_codes=(),
    role_names=(),
    permissions=frozenset(p.value for p in Permission),
)
