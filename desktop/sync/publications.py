"""Lists the county published, as the town received them: read the difference, apply or set aside.

A matter-list version goes through the same comparison and the same all-or-nothing apply as a list
imported from a file (desktop/services/matters/exchange.py), so the two ways in cannot disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desktop.db import Database
from desktop.errors import UserError
from desktop.models import CountyPublication
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.matters import exchange
from desktop.services.matters.listfile import DepartmentRecord, ItemRecord, ListFile, VersionInfo
from desktop.sync import protocol

KIND_NAMES = {"matter_list": "事项清单", "holidays": "节假日表"}

PUBLICATION_WAITING = "待确认"
PUBLICATION_APPLIED = "已应用"
PUBLICATION_IGNORED = "已忽略"


@dataclass(frozen=True)
class PublicationRow:
    id: str
    kind: str
    kind_name: str
    label: str
    received_at: datetime
    state: str
    decided_by: str


def list_publications(db: Database, actor: Actor, waiting_only: bool = False) -> list[PublicationRow]:
    actor.require(Permission.MATTER_VIEW)
    with db.reading() as session:
        query = select(CountyPublication).order_by(CountyPublication.received_at.desc())
        if waiting_only:
            query = query.where(CountyPublication.state == PUBLICATION_WAITING)
        return [
            PublicationRow(
                p.id, p.kind, KIND_NAMES.get(p.kind, p.kind), p.label, p.received_at, p.state, p.decided_by
            )
            for p in session.scalars(query)
        ]


def list_file_of(fields: dict[str, Any]) -> ListFile:
    """A published matter list as the importer's ListFile. Refuses (UserError) a malformed one."""
    try:
        version = VersionInfo(
            version=str(fields["version"]),
            published_on=protocol.decode_date(fields["published_on"]),  # type: ignore[arg-type]
            publisher=str(fields.get("publisher", "")),
            note=str(fields.get("note", "")),
        )
        if version.published_on is None:
            raise ValueError("published_on")
        departments = [DepartmentRecord(**{k: str(v) for k, v in d.items()}) for d in fields["departments"]]
        items = []
        for raw in fields["items"]:
            record = dict(raw)
            record["co_department_codes"] = tuple(record.get("co_department_codes") or ())
            record["time_limit_days"] = int(record["time_limit_days"])
            record["admitted"] = bool(record["admitted"])
            for key in ("admitted_from", "admitted_until"):
                record[key] = protocol.decode_date(record.get(key))
            items.append(ItemRecord(**record))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UserError(
            f"县级发布的事项清单格式不正确（{exc}），无法应用。",
            f"The published matter list is malformed ({exc}).",
        ) from exc
    return ListFile(version=version, departments=departments, items=items)


def mark_decided(uow: UnitOfWork, publication: CountyPublication, state: str) -> None:
    publication.state = state
    publication.decided_at = uow.now
    publication.decided_by = uow.actor.display_name if uow.actor else ""


def _waiting(session: Any, publication_id: str) -> CountyPublication:
    publication = session.get(CountyPublication, publication_id)
    if publication is None:
        raise UserError("找不到这份县级发布。", "Publication not found.")
    if publication.state != PUBLICATION_WAITING:
        raise UserError(
            f"这份县级发布已{publication.state}。", f"This publication is already {publication.state}."
        )
    return publication


def diff(db: Database, actor: Actor, publication_id: str) -> exchange.ListDiff:
    """What applying the published matter list would change here. Read-only."""
    with db.reading() as session:
        publication = _waiting(session, publication_id)
        incoming = list_file_of(json.loads(publication.body))
    return exchange.compare(db, actor, incoming)


def apply_in(uow: UnitOfWork, publication: CountyPublication) -> exchange.ListDiff:
    result = exchange.apply_in(uow, list_file_of(json.loads(publication.body)))
    mark_decided(uow, publication, PUBLICATION_APPLIED)
    return result


def apply(db: Database, actor: Actor, publication_id: str) -> exchange.ListDiff:
    actor.require(Permission.MATTER_EDIT)
    with unit_of_work(db, actor) as uow:
        return apply_in(uow, _waiting(uow.session, publication_id))


def ignore(db: Database, actor: Actor, publication_id: str) -> None:
    """Sets a version aside (a newer one came, or the town waits for the county's word)."""
    actor.require(Permission.MATTER_EDIT)
    with unit_of_work(db, actor) as uow:
        mark_decided(uow, _waiting(uow.session, publication_id), PUBLICATION_IGNORED)
