"""An event as an operator would register it, on the demo town (shared by the GUI tests and the
window catalogue)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from desktop.db import Database
from desktop.models import Grid, MatterItem
from desktop.services.events import EventInput


def first_grid(db: Database) -> tuple[str, str, str]:
    """(community id, grid id, grid name) of the town's first grid."""
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        assert grid is not None
        return grid.community_id, grid.id, grid.name


def item_id(db: Database, name: str = "邻里纠纷") -> str:
    with db.reading() as session:
        found = session.scalar(select(MatterItem.id).where(MatterItem.name == name))
        assert found is not None
        return found


def an_event(db: Database, **changes: Any) -> EventInput:
    community, grid, _name = first_grid(db)
    defaults = EventInput(
        channel="网格员上报", occurred_at=db.clock() - timedelta(hours=2), community_id=community, grid_id=grid,
        matter_item_id=item_id(db), title="三号楼楼上漏水引发邻里争执", description="楼上住户卫生间漏水，楼下多次协商未果。",
        address="清溪路 18 号 3 幢", reporter_name="张建国", reporter_phone="13905711234",
    )  # fmt: skip
    return replace(defaults, **changes)
