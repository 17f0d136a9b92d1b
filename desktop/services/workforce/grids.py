"""Villages/communities, grids and grid-worker posts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from desktop.db import Database
from desktop.errors import NotFound, ValidationError
from desktop.models import Community, Grid, GridWorker
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import BOUNDARY_NOTE, COMMUNITY_NAME, GRID_NAME, clean_line
from desktop.services.common.uow import UnitOfWork

COMMUNITY_KINDS = ("村", "社区")
GRID_KINDS = ("综合网格", "专属网格")
WORKER_POSTS = ("网格长", "网格指导员", "专职网格员", "兼职网格员")


@dataclass(frozen=True)
class CommunitySummary:
    id: str
    code: str
    name: str
    kind: str
    grids: int
    workers: int


def add_community(uow: UnitOfWork, code: str, name: str, kind: str, sort_order: int = 0) -> Community:
    uow.require(Permission.GRID_EDIT)
    town = uow.town_code
    if not re.fullmatch(r"\d{12}", code) or (town and code[:9] != town[:9]) or code[9:] == "000":
        raise ValidationError(
            "村（社区）代码应为 12 位：前 9 位是本乡镇代码，后 3 位不为 000。",
            "A village/community code has 12 digits: the town's 9, then 3 not 000.",
            "code",
        )
    if kind not in COMMUNITY_KINDS:
        raise ValidationError("类型只能是村或社区。", "Kind is 村 or 社区.", "kind")
    if uow.session.scalar(select(func.count()).select_from(Community).where(Community.code == code)):
        raise ValidationError(f"代码 {code} 已被使用。", f"Code {code} is already used.", "code")
    name = clean_line(name, "name", COMMUNITY_NAME, ("村（社区）名称", "name"))
    if not name:
        raise ValidationError("请填写村（社区）名称。", "Enter the village/community's name.", "name")
    row = Community(code=code, name=name, kind=kind, sort_order=sort_order)
    uow.session.add(row)
    uow.session.flush()
    return row


def add_grid(
    uow: UnitOfWork,
    community: Community,
    seq: int,
    name: str,
    kind: str,
    households: int,
    population: int,
    boundary_note: str = "",
) -> Grid:
    uow.require(Permission.GRID_EDIT)
    if kind not in GRID_KINDS:
        raise ValidationError(
            "网格类型只能是综合网格或专属网格。", "Grid kind is 综合网格 or 专属网格.", "kind"
        )
    if not 1 <= seq <= 999:
        raise ValidationError("网格序号应在 1 到 999 之间。", "The grid number is 1–999.", "seq")
    name = clean_line(name, "name", GRID_NAME, ("网格名称", "grid name"))
    if not name:
        raise ValidationError("请填写网格名称。", "Enter the grid's name.", "name")
    row = Grid(
        community_id=community.id,
        code=f"{community.code}{seq:03d}",
        name=name,
        kind=kind,
        households=households,
        population=population,
        boundary_note=clean_line(boundary_note, "boundary_note", BOUNDARY_NOTE, ("四至范围", "boundary")),
    )
    uow.session.add(row)
    uow.session.flush()
    return row


def add_worker(uow: UnitOfWork, person_id: str, grid: Grid, post: str, start: date) -> GridWorker:
    uow.require(Permission.GRID_EDIT)
    if post not in WORKER_POSTS:
        raise ValidationError("岗位不正确。", "Unknown post.", "post")
    row = GridWorker(person_id=person_id, grid_id=grid.id, post=post, start_date=start)
    uow.session.add(row)
    uow.session.flush()
    return row


def community_summaries(db: Database, actor: Actor) -> list[CommunitySummary]:
    actor.require(Permission.GRID_VIEW)
    with db.reading() as session:
        grids = dict(
            session.execute(
                select(Grid.community_id, func.count())
                .where(Grid.deleted_at.is_(None))
                .group_by(Grid.community_id)
            ).all()
        )
        workers = dict(
            session.execute(
                select(Grid.community_id, func.count())
                .join(GridWorker, GridWorker.grid_id == Grid.id)
                .where(GridWorker.deleted_at.is_(None), GridWorker.end_date.is_(None))
                .group_by(Grid.community_id)
            ).all()
        )
        rows = session.scalars(
            select(Community)
            .where(Community.deleted_at.is_(None))
            .order_by(Community.sort_order, Community.code)
        ).all()
        return [
            CommunitySummary(c.id, c.code, c.name, c.kind, grids.get(c.id, 0), workers.get(c.id, 0))
            for c in rows
        ]


def get_community(uow: UnitOfWork, community_id: str) -> Community:
    row = uow.session.get(Community, community_id)
    if row is None:
        raise NotFound("找不到该村（社区）。", "Village/community not found.")
    return row


@dataclass(frozen=True)
class CommunityPlaces:
    id: str
    name: str
    grids: tuple[tuple[str, str], ...]  # (grid id, grid name)


def community_places(db: Database) -> list[CommunityPlaces]:
    """Villages/communities and their grids in the town's order: the place pickers of every form
    (reference data any logged-in user may read, like the departments directory)."""
    with db.reading() as session:
        communities = session.scalars(
            select(Community)
            .where(Community.deleted_at.is_(None))
            .order_by(Community.sort_order, Community.code)
        ).all()
        grids = session.execute(
            select(Grid.community_id, Grid.id, Grid.name).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
        ).all()
    by_community: dict[str, list[tuple[str, str]]] = {}
    for community_id, grid_id, name in grids:
        by_community.setdefault(community_id, []).append((grid_id, name))
    return [CommunityPlaces(c.id, c.name, tuple(by_community.get(c.id, ()))) for c in communities]
