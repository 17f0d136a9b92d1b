"""First-run orchestration: the one place that knows a new town needs its profile, its administrator
and the reference data the program ships, and that an upgraded database may lack the latter.

It sits above the areas it combines (system.town, matters.exchange, common.workdays), so none of them
imports another to set a town up.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.db import Database
from desktop.models import AuditEntry, TownProfile
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.common import audit_anchor, workdays
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.events.search_index import ensure_grams_current
from desktop.services.matters import exchange
from desktop.services.system import town


def first_run_setup(
    db: Database,
    info: town.TownInfo,
    *,
    admin_username: str,
    admin_display_name: str,
    admin_password: str,
) -> None:
    """The town profile, the first administrator and the shipped reference data, in one transaction."""
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        town.create_town(
            uow,
            info,
            admin_username=admin_username,
            admin_display_name=admin_display_name,
            admin_password=admin_password,
        )
        load_into_new_town(uow)
        # A new database starts its own anchor, over one a removed database may have left behind.
        uow.replaces_anchor = True
        uow.audit(audit_anchor.ESTABLISHED, "审计日志", "", "新建数据库")


def load_into_new_town(uow: UnitOfWork) -> None:
    """The matter list with departments, and the holiday calendar, so events can be handled from day one."""
    exchange.load_default_list(uow)
    workdays.seed_from_package(uow)


def add_missing(db: Database) -> None:
    """What a database opened by this version must have, whichever version made it: each step adds
    what it finds missing. `startup.bring_up_to_date` calls it when `startup.read_before_login` finds
    something missing; a step added here needs its question there."""
    ensure_reference_data(db)
    ensure_audit_anchor(db)
    ensure_grams_current(db)


def ensure_audit_anchor(db: Database) -> None:
    """A set-up database from a version without the anchor gets one (audited) when first opened.

    Never where an anchor file exists: a log emptied of its rows (the 建立审计锚点 row included) must
    stay a finding, not look like a database from before the anchor."""
    try:
        if audit_anchor.read_anchor(db.path) is not None:
            return
    except audit_anchor.AnchorUnreadable:
        return
    with db.reading() as session:
        if session.scalar(select(TownProfile.id).limit(1)) is None:
            return  # the first-run setup establishes it
        if session.scalar(
            select(AuditEntry.seq).where(AuditEntry.action == audit_anchor.ESTABLISHED).limit(1)
        ):
            return
        if session.scalar(select(AuditEntry.seq).limit(1)) is None:
            return  # an emptied log stays a finding (audit.anchor_findings), never a fresh start
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        uow.audit(audit_anchor.ESTABLISHED, "审计日志", "", "升级后首次打开")


def ensure_reference_data(db: Database) -> None:
    """A database upgraded from a version without reference data gets it when it is next opened."""
    exchange.ensure_default_list(db)
    workdays.ensure_calendar(db)
