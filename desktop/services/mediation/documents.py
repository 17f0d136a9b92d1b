"""People's mediation: the audit trail of produced documents."""

from __future__ import annotations

from typing import Any

from desktop.db import Database
from desktop.errors import NotFound
from desktop.models import (
    MediationCase,
)
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.uow import unit_of_work
from desktop.services.mediation.types import OBJECT_TYPE

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
        case = uow.session.get(MediationCase, case_id)
        if case is None:
            raise NotFound("找不到该调解案件。", "Mediation case not found.")
        detail: dict[str, Any] = {
            "kind": kind,
            "ver": ver,
            "purpose": purpose,
            "copies": copies,
            "full_ids": full_ids,
        }
        if target:
            detail["target"] = target
        uow.audit(
            "打印文书" if purpose != "预览" else "预览文书",
            OBJECT_TYPE,
            case.id,
            f"{case.file_number} {title}",
            detail,
        )
