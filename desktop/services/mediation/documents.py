"""People's mediation: the audit trail of produced documents."""

from __future__ import annotations

from desktop.db import Database
from desktop.models import MediationCase
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.uow import unit_of_work
from desktop.services.mediation.types import CASE_NOT_FOUND, OBJECT_TYPE

# --- documents ---------------------------------------------------------------------------------


def record_document(
    db: Database,
    actor: Actor,
    case_id: str,
    kind: str,
    title: str,
    ver: int,
    purpose: str,
    *,
    copies: int = 1,
    full_ids: bool = False,
    target: str = "",
) -> None:
    """Audits a produced document: which case and `ver` it shows, for what (预览/打印/另存/命令行)."""
    actor.require(Permission.MEDIATION_VIEW)
    with unit_of_work(db, actor) as uow:
        case = uow.load_for_update(MediationCase, case_id, None, not_found=CASE_NOT_FOUND)
        uow.audit_document(
            OBJECT_TYPE,
            case.id,
            case.file_number,
            kind=kind,
            title=title,
            ver=ver,
            purpose=purpose,
            copies=copies,
            target=target,
            full_ids=full_ids,
        )
