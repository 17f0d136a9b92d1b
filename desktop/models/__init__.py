"""SQLAlchemy models, one module per area. Importing this package registers every table.

The model modules do without `from __future__ import annotations`: with it SQLAlchemy evaluates every
`Mapped[...]` string (1,800 evals, 55 ms of each start, issue 18). A class used before it is defined is
written in quotes (`Mapped[list["Grid"]]`)."""

from desktop.models.account import Role, RolePermission, User, UserRole
from desktop.models.assessment import (
    AssessmentAdjustment,
    AssessmentAppeal,
    AssessmentPeriod,
    AssessmentResult,
    AssessmentScheme,
)
from desktop.models.attendance import (
    AttendanceCorrection,
    AttendanceImport,
    AttendancePin,
    AttendancePunch,
    LeaveRequest,
    WorkSchedule,
)
from desktop.models.audit import AuditEntry
from desktop.models.base import Base, SyncedRecord
from desktop.models.duty import DutyEntry, DutySwap
from desktop.models.event import (
    CalendarDay,
    CalendarYear,
    Event,
    EventAction,
    EventAttachment,
    EventCounter,
    EventMonthGridStat,
    EventMonthStat,
)
from desktop.models.grid import Community, Grid, GridLineage, GridWorker, WorkerProfile, WorkerTraining
from desktop.models.matter import Department, MatterCategory, MatterDomain, MatterItem, MatterListVersion
from desktop.models.mediation import (
    MediationArchivePaper,
    MediationCase,
    MediationCaseLog,
    MediationCaseMediator,
    MediationCommittee,
    MediationInvestigation,
    MediationParty,
    MediationRevisit,
    MediationSession,
    Mediator,
)
from desktop.models.patrol import Household, HouseholdVisit, PatrolLog, VisitNorm
from desktop.models.person import Person
from desktop.models.sync import CountyPublication, SyncBatch, SyncConflict, SyncPackage, SyncRound, SyncState
from desktop.models.town import AppSetting, TownProfile

__all__ = [
    "AppSetting",
    "AssessmentAdjustment",
    "AssessmentAppeal",
    "AssessmentPeriod",
    "AssessmentResult",
    "AssessmentScheme",
    "AttendanceCorrection",
    "AttendanceImport",
    "AttendancePin",
    "AttendancePunch",
    "AuditEntry",
    "Base",
    "CalendarDay",
    "CalendarYear",
    "Community",
    "CountyPublication",
    "Department",
    "DutyEntry",
    "DutySwap",
    "Event",
    "EventAction",
    "EventAttachment",
    "EventCounter",
    "EventMonthGridStat",
    "EventMonthStat",
    "Grid",
    "GridLineage",
    "GridWorker",
    "Household",
    "HouseholdVisit",
    "LeaveRequest",
    "MatterCategory",
    "MatterDomain",
    "MatterItem",
    "MatterListVersion",
    "MediationArchivePaper",
    "MediationCase",
    "MediationCaseLog",
    "MediationCaseMediator",
    "MediationCommittee",
    "MediationInvestigation",
    "MediationParty",
    "MediationRevisit",
    "MediationSession",
    "Mediator",
    "PatrolLog",
    "Person",
    "Role",
    "RolePermission",
    "SyncBatch",
    "SyncConflict",
    "SyncPackage",
    "SyncRound",
    "SyncState",
    "SyncedRecord",
    "TownProfile",
    "User",
    "UserRole",
    "VisitNorm",
    "WorkSchedule",
    "WorkerProfile",
    "WorkerTraining",
]
