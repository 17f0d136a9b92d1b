"""Fixtures of the hub's tests: a hub on SQLite and (where installed) PostgreSQL, towns with tokens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hub_helpers import TOWN_A, TOWN_B, Hub, TownLink, link, running_hub


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new hub database: a SQLite file, or a PostgreSQL database in the session's cluster."""
    if request.param == "sqlite":
        return str(tmp_path / "hub.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def sqlite_hub(tmp_path: Path) -> Iterator[Hub]:
    with running_hub(str(tmp_path / "hub.db")) as hub:
        yield hub


@pytest.fixture
def any_hub(hub_db: str) -> Iterator[Hub]:
    with running_hub(hub_db) as hub:
        yield hub


@pytest.fixture
def town_a(any_hub: Hub) -> Iterator[TownLink]:
    yield from link(any_hub, TOWN_A, "清溪镇")


@pytest.fixture
def town_b(any_hub: Hub) -> Iterator[TownLink]:
    yield from link(any_hub, TOWN_B, "白沙镇")


@pytest.fixture
def matter_xlsx(tmp_path: Path) -> Callable[[str], Path]:
    """Writes the shipped default matter list (its first 20 items) as a county workbook of that version."""
    from desktop.services.matters import exchange, listfile

    parsed = listfile.read_default_list(None)
    names = {d.code: d.name for d in parsed.departments}

    def write(version: str) -> Path:
        path = tmp_path / f"list-{version}.xlsx"
        info = replace(parsed.version, version=version)
        exchange._write_workbook(path, info, parsed.departments, parsed.items[:20], names, False)
        return path

    return write
