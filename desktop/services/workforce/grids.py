"""Villages/communities, grids and grid-worker posts; grids' changes (edit, retire, split, merge)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select, true

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError, raise_all
from desktop.models import Community, Grid, GridLineage, GridWorker
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import (
    BOUNDARY_NOTE,
    COMMUNITY_NAME,
    GRID_NAME,
    GRID_PLACES,
    clean_block,
    clean_line,
)
from desktop.services.common.uow import UnitOfWork, unit_of_work

COMMUNITY_KINDS = ("村", "社区")
GRID_KINDS = ("综合网格", "专属网格")
# What a 专属网格 is for (domain README: government compound, industrial park, school, hospital, market, firm).
GRID_SUBTYPES = ("市场", "学校", "工业园区", "医院", "机关", "企业", "其他")
# 一长三员; 网格协管员 is the other name some towns give the part-time post.
WORKER_POSTS = ("网格长", "网格指导员", "专职网格员", "兼职网格员", "网格协管员")
CENTRE_POST = "中心工作人员"  # centre staff: a post without a grid
ALL_POSTS = (*WORKER_POSTS, CENTRE_POST)
END_REASONS = ("拆分", "合并", "撤销")
MAX_COUNT = 1_000_000  # households / population: a typo guard, far above any grid


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


def add_worker(uow: UnitOfWork, person_id: str, grid: Grid | None, post: str, start: date) -> GridWorker:
    uow.require(Permission.GRID_EDIT)
    if post not in ALL_POSTS:
        raise ValidationError("岗位不正确。", "Unknown post.", "post")
    if (post == CENTRE_POST) != (grid is None):
        raise ValidationError(
            "中心工作人员不属于网格；网格岗位须选择所属网格。",
            "Centre staff have no grid; a grid post needs its grid.",
            "grid",
        )
    if grid is not None and grid.ended_on is not None:
        raise ValidationError(
            f"网格“{grid.name}”已于 {grid.ended_on} 停用。", f"Grid {grid.name} was retired.", "grid"
        )
    row = GridWorker(person_id=person_id, grid_id=grid.id if grid else None, post=post, start_date=start)
    uow.session.add(row)
    uow.session.flush()
    return row


def community_summaries(db: Database, actor: Actor) -> list[CommunitySummary]:
    actor.require(Permission.GRID_VIEW)
    with db.reading() as session:
        grids = dict(
            session.execute(
                select(Grid.community_id, func.count())
                .where(Grid.deleted_at.is_(None), Grid.ended_on.is_(None))
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


def community_places(db: Database, *, current_only: bool = False) -> list[CommunityPlaces]:
    """Villages/communities and their grids in the town's order: the place pickers of every form
    (reference data any logged-in user may read, like the departments directory). A list filter keeps
    retired grids (their events stay theirs); `current_only` leaves them out, for new records."""
    with db.reading() as session:
        communities = session.scalars(
            select(Community)
            .where(Community.deleted_at.is_(None))
            .order_by(Community.sort_order, Community.code)
        ).all()
        grids = session.execute(
            select(Grid.community_id, Grid.id, Grid.name)
            .where(Grid.deleted_at.is_(None), Grid.ended_on.is_(None) if current_only else true())
            .order_by(Grid.code)
        ).all()
    by_community: dict[str, list[tuple[str, str]]] = {}
    for community_id, grid_id, name in grids:
        by_community.setdefault(community_id, []).append((grid_id, name))
    return [CommunityPlaces(c.id, c.name, tuple(by_community.get(c.id, ()))) for c in communities]


# --- the grid map: a tree to browse, grids to edit, retire, split and merge ------------------------


@dataclass(frozen=True)
class GridInput:
    name: str
    kind: str = "综合网格"
    subtype: str = ""
    households: int = 0
    population: int = 0
    boundary_note: str = ""
    places: str = ""


@dataclass(frozen=True)
class GridNode:
    id: str
    code: str
    name: str
    kind: str
    subtype: str
    workers: int
    ended_on: date | None


@dataclass(frozen=True)
class CommunityNode:
    id: str
    code: str
    name: str
    kind: str
    grids: tuple[GridNode, ...]


@dataclass(frozen=True)
class GridDetail:
    id: str
    ver: int
    community_id: str
    community_name: str
    code: str
    name: str
    kind: str
    subtype: str
    households: int
    population: int
    boundary_note: str
    places: str
    ended_on: date | None
    end_reason: str
    predecessors: tuple[tuple[str, str, date], ...]  # (code, name, changed on)
    successors: tuple[tuple[str, str, date], ...]


def _checked_grid(data: GridInput) -> dict[str, object]:
    """The grid's fields as stored, or every problem at once."""
    problems: list[ValidationError] = []
    values: dict[str, object] = {}

    def keep(field: str, check: object) -> None:
        try:
            values[field] = check() if callable(check) else check
        except ValidationError as exc:
            problems.append(exc)

    keep("name", lambda: clean_line(data.name, "name", GRID_NAME, ("网格名称", "grid name")))
    keep(
        "boundary_note",
        lambda: clean_line(data.boundary_note, "boundary_note", BOUNDARY_NOTE, ("四至范围", "boundary")),
    )
    keep("places", lambda: clean_block(data.places, "places", GRID_PLACES, ("覆盖区域", "places covered")))
    if "name" in values and not values["name"]:
        problems.append(ValidationError("请填写网格名称。", "Enter the grid's name.", "name"))
    if data.kind not in GRID_KINDS:
        problems.append(
            ValidationError(
                "网格类型只能是综合网格或专属网格。", "Grid kind is 综合网格 or 专属网格.", "kind"
            )
        )
    if data.kind == "专属网格" and data.subtype not in GRID_SUBTYPES:
        problems.append(
            ValidationError(
                "请选择专属网格的类别（市场、学校、工业园区……）。",
                "Choose what the dedicated grid covers.",
                "subtype",
            )
        )
    for field, value, zh, en in (
        ("households", data.households, "户数", "households"),
        ("population", data.population, "人口", "population"),
    ):
        if not 0 <= value <= MAX_COUNT:
            problems.append(
                ValidationError(f"{zh}应在 0 到 {MAX_COUNT} 之间。", f"The {en} is 0 to {MAX_COUNT}.", field)
            )
    raise_all(problems)
    values.update(
        kind=data.kind,
        subtype=data.subtype if data.kind == "专属网格" else "",
        households=data.households,
        population=data.population,
    )
    return values


def _new_grid(uow: UnitOfWork, community: Community, seq: int, data: GridInput) -> Grid:
    values = _checked_grid(data)
    if not 1 <= seq <= 999:
        raise ValidationError("网格序号应在 1 到 999 之间。", "The grid number is 1–999.", "seq")
    code = f"{community.code}{seq:03d}"
    if uow.session.scalar(select(func.count()).select_from(Grid).where(Grid.code == code)):
        # Codes are never reused, not even a retired grid's: its events still carry it.
        raise ValidationError(
            f"网格代码 {code} 已被使用（含已停用网格）。", f"Grid code {code} is taken.", "seq"
        )
    row = Grid(community_id=community.id, code=code, **values)
    uow.session.add(row)
    uow.session.flush()
    return row


def next_grid_seq(db: Database, community_id: str) -> int:
    """The first free grid number in a community (codes of retired grids stay taken)."""
    with db.reading() as session:
        codes = session.scalars(select(Grid.code).where(Grid.community_id == community_id)).all()
    used = {int(c[-3:]) for c in codes if c[-3:].isdigit()}
    return next(n for n in range(1, 1000) if n not in used) if len(used) < 999 else 0


def create_grid(db: Database, actor: Actor, community_id: str, seq: int, data: GridInput) -> str:
    actor.require(Permission.GRID_EDIT)
    with unit_of_work(db, actor) as uow:
        return _new_grid(uow, get_community(uow, community_id), seq, data).id


def _grid(uow: UnitOfWork, grid_id: str, expected_ver: int | None = None) -> Grid:
    return uow.load_for_update(Grid, grid_id, expected_ver, not_found=("找不到该网格。", "Grid not found."))


def _current(grid: Grid) -> None:
    if grid.ended_on is not None:
        raise UserError(
            f"网格“{grid.name}”已于 {grid.ended_on} 停用，不能再修改。", f"Grid {grid.name} is retired."
        )


def update_grid(
    db: Database, actor: Actor, grid_id: str, data: GridInput, expected_ver: int | None = None
) -> None:
    actor.require(Permission.GRID_EDIT)
    with unit_of_work(db, actor) as uow:
        grid = _grid(uow, grid_id, expected_ver)
        _current(grid)
        for key, value in _checked_grid(data).items():
            setattr(grid, key, value)


def _end(uow: UnitOfWork, grid: Grid, on: date, reason: str) -> int:
    """Retires the grid and ends its current posts the same day; returns how many posts ended."""
    _current(grid)
    posts = uow.session.scalars(
        select(GridWorker).where(
            GridWorker.grid_id == grid.id, GridWorker.end_date.is_(None), GridWorker.deleted_at.is_(None)
        )
    ).all()
    for post in posts:
        if post.start_date > on:
            raise ValidationError(
                f"停用日期 {on} 早于该网格某岗位的开始日期 {post.start_date}。",
                "The end date is before a post in this grid began.",
                "on",
            )
        post.end_date = on
    grid.ended_on = on
    grid.end_reason = reason
    return len(posts)


def retire_grid(db: Database, actor: Actor, grid_id: str, on: date, expected_ver: int | None = None) -> int:
    """撤销: the grid ends with nothing in its place; its current posts end the same day."""
    actor.require(Permission.GRID_EDIT)
    with unit_of_work(db, actor) as uow:
        return _end(uow, _grid(uow, grid_id, expected_ver), on, "撤销")


def split_grid(
    db: Database, actor: Actor, grid_id: str, on: date, parts: list[tuple[int, GridInput]]
) -> list[str]:
    """拆分: the grid ends on `on` and two or more new grids of the same community take its area."""
    actor.require(Permission.GRID_EDIT)
    if len(parts) < 2:
        raise ValidationError("拆分至少要分成两个新网格。", "A split makes at least two grids.", "parts")
    with unit_of_work(db, actor) as uow:
        old = _grid(uow, grid_id)
        _end(uow, old, on, "拆分")
        new = [_new_grid(uow, old.community, seq, data) for seq, data in parts]
        for grid in new:
            uow.session.add(
                GridLineage(predecessor_id=old.id, successor_id=grid.id, kind="拆分", changed_on=on)
            )
        return [g.id for g in new]


def merge_grids(db: Database, actor: Actor, grid_ids: list[str], on: date, seq: int, data: GridInput) -> str:
    """合并: two or more grids of one community end on `on` and one new grid takes their area."""
    actor.require(Permission.GRID_EDIT)
    if len(set(grid_ids)) < 2:
        raise ValidationError("合并至少需要两个网格。", "A merge takes at least two grids.", "grids")
    with unit_of_work(db, actor) as uow:
        old = [_grid(uow, gid) for gid in dict.fromkeys(grid_ids)]
        if len({g.community_id for g in old}) > 1:
            raise ValidationError(
                "只能合并同一村（社区）的网格。", "Only grids of one village/community merge.", "grids"
            )
        for grid in old:
            _end(uow, grid, on, "合并")
        new = _new_grid(uow, old[0].community, seq, data)
        for grid in old:
            uow.session.add(
                GridLineage(predecessor_id=grid.id, successor_id=new.id, kind="合并", changed_on=on)
            )
        return new.id


def grid_tree(db: Database, actor: Actor, *, include_retired: bool = False) -> list[CommunityNode]:
    """Communities and their grids in the town's order, with each grid's current worker count."""
    actor.require(Permission.GRID_VIEW)
    with db.reading() as session:
        counts = dict(
            session.execute(
                select(GridWorker.grid_id, func.count())
                .where(GridWorker.deleted_at.is_(None), GridWorker.end_date.is_(None))
                .group_by(GridWorker.grid_id)
            ).all()
        )
        q = select(Grid).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
        if not include_retired:
            q = q.where(Grid.ended_on.is_(None))
        by_community: dict[str, list[GridNode]] = {}
        for g in session.scalars(q):
            by_community.setdefault(g.community_id, []).append(
                GridNode(g.id, g.code, g.name, g.kind, g.subtype, counts.get(g.id, 0), g.ended_on)
            )
        communities = session.scalars(
            select(Community)
            .where(Community.deleted_at.is_(None))
            .order_by(Community.sort_order, Community.code)
        ).all()
        return [
            CommunityNode(c.id, c.code, c.name, c.kind, tuple(by_community.get(c.id, ())))
            for c in communities
        ]


def grid_detail(db: Database, actor: Actor, grid_id: str) -> GridDetail:
    actor.require(Permission.GRID_VIEW)
    with db.reading() as session:
        g = session.get(Grid, grid_id)
        if g is None or g.deleted_at is not None:
            raise NotFound("找不到该网格。", "Grid not found.")

        def linked(other: Any, where: Any) -> tuple[tuple[str, str, date], ...]:
            rows = session.execute(
                select(Grid.code, Grid.name, GridLineage.changed_on)
                .join(GridLineage, other == Grid.id)
                .where(where, GridLineage.deleted_at.is_(None))
                .order_by(Grid.code)
            ).all()
            return tuple((r[0], r[1], r[2]) for r in rows)

        return GridDetail(
            g.id, g.ver, g.community_id, g.community.name, g.code, g.name, g.kind, g.subtype, g.households,
            g.population, g.boundary_note, g.places, g.ended_on, g.end_reason,
            linked(GridLineage.predecessor_id, GridLineage.successor_id == g.id),
            linked(GridLineage.successor_id, GridLineage.predecessor_id == g.id),
        )  # fmt: skip
