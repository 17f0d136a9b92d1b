"""Record counts by type, for `towncentre stats --json` and the status bar."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from desktop.db import Database
from desktop.models import (
    AuditEntry,
    CalendarDay,
    Community,
    Event,
    EventAction,
    Grid,
    GridWorker,
    MediationCase,
    MediationParty,
    Mediator,
    Person,
    Role,
    TownProfile,
    User,
)
from desktop.services import matters

# Key in the JSON -> the model it counts. Later issues add their types here.
COUNTED: dict[str, type] = {
    "town_profile": TownProfile,
    "users": User,
    "roles": Role,
    "communities": Community,
    "grids": Grid,
    "grid_workers": GridWorker,
    "persons": Person,
    "audit_log": AuditEntry,
    "mediators": Mediator,
    "mediation_cases": MediationCase,
    "mediation_parties": MediationParty,
    "events": Event,
    "event_actions": EventAction,
    "calendar_days": CalendarDay,
}


def record_counts(db: Database) -> dict[str, int]:
    """Live records only: tombstoned (deleted) synced records are not counted."""
    counts: dict[str, int] = {}
    with db.reading() as session:
        for key, model in COUNTED.items():
            q = select(func.count()).select_from(model)
            deleted: InstrumentedAttribute[object] | None = getattr(model, "deleted_at", None)
            if deleted is not None:
                q = q.where(deleted.is_(None))
            counts[key] = int(session.scalar(q) or 0)
    counts.update(matters.counts(db))
    return counts
