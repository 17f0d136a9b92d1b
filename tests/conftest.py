"""Shared fixtures. Every database is a real SQLite file in a temporary folder; nothing is mocked.

Non-GUI fixtures first (databases, clock, actors); Qt fixtures belong in their own section below.
Plain helpers that tests import live in db_helpers.py: two conftest modules cannot both be imported.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from db_helpers import CliRun, FakeClock, MemoryKeyring, Towncentre, copy_database, set_up_town
from hub_helpers import pg_cluster, pg_url  # noqa: F401  (fixtures: a throwaway PostgreSQL)
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop import cli, logsetup
from desktop.paths import USER_CONFIG_ENV

# Each user's own preferences (大字模式) go to a folder of this run, never the developer's own.
os.environ[USER_CONFIG_ENV] = tempfile.mkdtemp(prefix="towncentre-user-")
from desktop.db import Database
from desktop.demo import town as demo
from desktop.models import User
from desktop.services.accounts import auth
from desktop.services.accounts.permissions import Actor

# pytester runs a small suite inside a test (tests/gui/test_gui_qt_messages.py).
pytest_plugins = ("pytester",)


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


@pytest.fixture(scope="session")
def empty_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head, before the first-run setup (tests/test_db.py and test_migrations.py
    open new files themselves). Treat as read-only: copy to change."""
    path = tmp_path_factory.mktemp("empty") / "towncentre.db"
    Database.open(path).close()
    return path


@pytest.fixture
def empty_db(empty_db_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the database before the first-run setup."""
    db = Database.open(copy_database(empty_db_file, tmp_path / "towncentre.db"))
    yield db
    db.close()


@pytest.fixture(scope="session")
def town_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database after the first-run setup, built once per session: the setup takes ~1.5 s (Argon2 and
    the reference data). Treat as read-only: copy to change."""
    path = tmp_path_factory.mktemp("town") / "towncentre.db"
    db = Database.open(path)
    try:
        set_up_town(db)
    finally:
        db.close()
    return path


@pytest.fixture
def town_db(town_db_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the set-up town: the town and one administrator, `admin`."""
    db = Database.open(copy_database(town_db_file, tmp_path / "towncentre.db"))
    yield db
    db.close()


# --- the command line --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _logging_ends_with_the_test() -> Iterator[None]:
    """Handlers that the program's setup_logging added during a test (the CLI in-process, run_gui) are
    removed and their files closed, so later tests neither write into them nor leak open files."""
    level = logging.getLogger().level
    yield
    logsetup.stop_logging()
    logging.getLogger().setLevel(level)


@pytest.fixture
def towncentre(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Towncentre:
    """Runs `towncentre ARGS` in this process (`cli.main`), reporting what the child process would.

    Keyword arguments are environment variables for that run only. Each run ends its logging, as the
    process would; tests/test_cli.py keeps a few runs of the real entry point in a child process."""

    def run(*args: str, **env: str) -> CliRun:
        capsys.readouterr()  # only this run's output
        with monkeypatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            try:
                code = cli.main(list(args))
            except SystemExit as exc:  # argparse: --version exits 0, bad usage 2
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            finally:
                logsetup.stop_logging()
        out = capsys.readouterr()
        return CliRun(code, out.out, out.err)

    return run


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


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The OS keyring replaced by one in memory for the test (sync token, package keys)."""
    import keyring

    backend = MemoryKeyring()
    before = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(before)
