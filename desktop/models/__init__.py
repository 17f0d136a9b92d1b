"""SQLAlchemy models, one module per area.

Importing this package maps the models the main window needs at once: accounts, audit, events, grids,
matters, persons, sync and the town. Those of assessment, attendance, duty, mediation and patrol only
point at the others, never the other way, and load when one of their names is first read from here, or
at `load_all()`. Mapping them costs 0.15–0.25 s that a person who logs in at once would wait for before
the first window (issue 18). Anything that walks every table (`Base.metadata`, `Base.registry.mappers`)
calls `load_all()` first, and so does the program before it starts a thread: two threads must never map
classes at once.

The model modules do without `from __future__ import annotations`: with it SQLAlchemy evaluates every
`Mapped[...]` string (1,800 evals, 55 ms of each start, issue 18). A class used before it is defined is
written in quotes (`Mapped[list["Grid"]]`)."""

import importlib
from typing import TYPE_CHECKING

from desktop.models.account import Role, RolePermission, User, UserRole
from desktop.models.audit import AuditEntry
from desktop.models.base import Base, SyncedRecord
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
from desktop.models.person import Person
from desktop.models.sync import CountyPublication, SyncBatch, SyncConflict, SyncPackage, SyncRound, SyncState
from desktop.models.town import AppSetting, TownProfile

if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` below loads them
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
    from desktop.models.duty import (
        DutyEntry,
        DutySwap,
    )
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
    from desktop.models.patrol import (
        Household,
        HouseholdVisit,
        PatrolLog,
        VisitNorm,
    )

# area module -> the classes it defines, loaded on first use (see above)
LATE_MODELS: dict[str, tuple[str, ...]] = {
    "assessment": (
        "AssessmentAdjustment",
        "AssessmentAppeal",
        "AssessmentPeriod",
        "AssessmentResult",
        "AssessmentScheme",
    ),
    "attendance": (
        "AttendanceCorrection",
        "AttendanceImport",
        "AttendancePin",
        "AttendancePunch",
        "LeaveRequest",
        "WorkSchedule",
    ),
    "duty": ("DutyEntry", "DutySwap"),
    "mediation": (
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
    ),
    "patrol": ("Household", "HouseholdVisit", "PatrolLog", "VisitNorm"),
}
_LATE_MODULE_OF = {name: module for module, names in LATE_MODELS.items() for name in names}


def __getattr__(name: str) -> object:
    module = _LATE_MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


_all_loaded = False


def load_all() -> None:
    """Maps every model: before walking the tables, and before the program's first thread (called for
    every background task, so the second call costs one test)."""
    global _all_loaded
    if _all_loaded:
        return
    for module in LATE_MODELS:
        importlib.import_module(f"{__name__}.{module}")
    _all_loaded = True


__all__ = [
    "LATE_MODELS",
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
    "load_all",
]
