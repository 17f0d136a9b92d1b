"""Shared fixtures. Every database is a real SQLite file in a temporary folder; nothing is mocked.

Non-GUI fixtures first (databases, clock, actors); Qt fixtures belong in their own section below.
Plain helpers that tests import live in db_helpers.py: two conftest modules cannot both be imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from db_helpers import ADMIN_PASSWORD, TOWN_CODE, FakeClock, copy_database
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.db import Database
from desktop.demo import town as demo
from desktop.models import User
from desktop.services import setup
from desktop.services.accounts import auth
from desktop.services.accounts.permissions import Actor
from desktop.services.system import town

# --- pytest-alembic ----------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    """Keeps pytest-alembic's fixtures but not its auto-collector.

    The collector binds the built-in tests to tests/conftest.py and, on pytest 9, fails collection of
    the whole suite (`TestCollector` has no `_nodeid`). tests/test_migrations.py runs the built-in
    tests explicitly instead, so the collector is pointed at a path that is never collected.
    """
    if hasattr(config.option, "pytest_alembic_tests_path") and not config.option.pytest_alembic_tests_path:
        config.option.pytest_alembic_tests_path = "(built-in tests run from tests/test_migrations.py)"


# --- databases ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo town (`fill_demo_town`), built once per session. Treat as read-only: copy to change."""
    path = tmp_path_factory.mktemp("demo") / "towncentre.db"
    db = Database.open(path)
    try:
        demo.fill_demo_town(db)
    finally:
        db.close()
    return path


@pytest.fixture
def demo_db(demo_db_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database, free to change."""
    db = Database.open(copy_database(demo_db_file, tmp_path / "towncentre.db"))
    yield db
    db.close()


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    """A fresh database migrated to head, before the first-run setup."""
    db = Database.open(tmp_path / "towncentre.db")
    yield db
    db.close()


@pytest.fixture
def town_db(empty_db: Database) -> Database:
    """A fresh database after the first-run setup: the town and one administrator, `admin`."""
    setup.first_run_setup(
        empty_db,
        town.TownInfo(name="清溪镇", area_code=TOWN_CODE, county_name="临江县"),
        admin_username="admin",
        admin_display_name="王建国",
        admin_password=ADMIN_PASSWORD,
    )
    return empty_db


# --- time --------------------------------------------------------------------------------------


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 1, 30, 0, 123456, tzinfo=UTC))


# --- actors ------------------------------------------------------------------------------------


@pytest.fixture
def actor_of() -> Callable[[Database, str], Actor]:
    """Builds the actor for a user name the way login does, without a login (so no audit row)."""

    def build(db: Database, username: str) -> Actor:
        with db.reading() as session:
            user = session.scalar(
                select(User).where(User.username == username).options(selectinload(User.role_links))
            )
            assert user is not None, username
            return auth.build_actor(session, user)

    return build
