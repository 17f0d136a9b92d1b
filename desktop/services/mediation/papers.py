"""Papers filed in a case file by hand: the parties' identity papers, evidence, proof of performance.

The program prints the documents; these papers are filed after them on paper. The case-file index lists
each with the page count the mediator entered, and 本卷页数 counts them (卷宗 must add up).
Adding or removing one is a new case `ver` (the case file changes), logged and audited.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.db import Database
from desktop.errors import NotFound, ValidationError
from desktop.models import MediationArchivePaper
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import PAPER_TITLE
from desktop.services.common.uow import unit_of_work
from desktop.services.mediation.cases import _bump, _load, _log
from desktop.services.mediation.rules import check_choice, check_text
from desktop.services.mediation.types import ARCHIVED, MAX_PAPER_PAGES, PAPER_KINDS, STATUSES

# Papers are filed until the case is archived; a manager reopens an archived case to change them.
_FILING = tuple(s for s in STATUSES if s != ARCHIVED)


def add_paper(
    db: Database,
    actor: Actor,
    case_id: str,
    kind: str,
    title: str,
    pages: int,
    expected_ver: int | None = None,
) -> str:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, _FILING, "增加卷内材料", "add a paper")
        kind = check_choice(kind, PAPER_KINDS, "材料类别", "kind of paper", "kind")
        title = check_text(title, "材料名称", "title of the paper", "title", limit=PAPER_TITLE)
        if not isinstance(pages, int) or not 1 <= pages <= MAX_PAPER_PAGES:
            raise ValidationError(
                f"页数应为 1 至 {MAX_PAPER_PAGES} 之间的整数。",
                f"The page count must be a whole number from 1 to {MAX_PAPER_PAGES}.",
                "pages",
            )
        last = max(
            uow.session.scalars(
                select(MediationArchivePaper.sort_order).where(
                    MediationArchivePaper.case_id == case.id, MediationArchivePaper.deleted_at.is_(None)
                )
            ),
            default=0,
        )
        row = MediationArchivePaper(case_id=case.id, kind=kind, title=title, pages=pages, sort_order=last + 1)
        uow.session.add(row)
        uow.session.flush()
        _bump(uow, case)
        _log(uow, case, "增加卷内材料", f"{kind}：{title}，{pages} 页")
        return row.id


def remove_paper(
    db: Database, actor: Actor, case_id: str, paper_id: str, expected_ver: int | None = None
) -> None:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, _FILING, "删除卷内材料", "remove a paper")
        row = uow.session.get(MediationArchivePaper, paper_id)
        if row is None or row.case_id != case.id or row.deleted_at is not None:
            raise NotFound("找不到该卷内材料。", "Paper not found in the case file.")
        row.deleted_at = uow.now
        _bump(uow, case)
        _log(uow, case, "删除卷内材料", f"{row.kind}：{row.title}，{row.pages} 页")
