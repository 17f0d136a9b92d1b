"""SQLAlchemy models, one module per area. Importing this package registers every table."""

from desktop.models.account import Role, RolePermission, User, UserRole
from desktop.models.audit import AuditEntry
from desktop.models.base import Base, SyncedRecord
from desktop.models.grid import Community, Grid, GridWorker
from desktop.models.person import Person
from desktop.models.town import AppSetting, TownProfile

__all__ = [
    "AppSetting",
    "AuditEntry",
    "Base",
    "Community",
    "Grid",
    "GridWorker",
    "Person",
    "Role",
    "RolePermission",
    "SyncedRecord",
    "TownProfile",
    "User",
    "UserRole",
]
