"""Shared fixtures. Every database is a real SQLite file in a temporary folder; nothing is mocked.

Non-GUI fixtures first (databases, clock, actors); Qt fixtures belong in their own section below.
Plain helpers that tests import live in db_helpers.py: two conftest modules cannot both be imported.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
    config.addinivalue_line("markers", "heavy: a test of tens of seconds, started before the others")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `heavy` go first: on two workers (scripts/test.sh) a long test that starts near the
    end decides the wall time, while the many short ones fill in around it. The sort is stable."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


_MODULE_GROUP = re.compile(r"^pytestmark = pytest\.mark\.xdist_group\(\"([^\"]+)\"\)", re.MULTILINE)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadgroup` that keeps a module marked `pytestmark = pytest.mark.xdist_group("name")` on
    one worker. pytest-xdist marks a group by appending "@name" to the test ids, which pytest 9.2 ignores
    (pytest-xdist issue 1386): each test of such a module went to any worker, and both workers built its
    expensive fixture. The scheduler runs in the controlling process, which collects nothing, so it finds
    the marked modules in their source."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling  # type: ignore[import-untyped]

    groups: dict[str, str] = {}
    for path in Path(__file__).parent.rglob("test_*.py"):
        found = _MODULE_GROUP.search(path.read_text(encoding="utf-8"))
        if found:
            groups[path.relative_to(config.rootpath).as_posix()] = found.group(1)

    class ModuleGroups(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return groups.get(nodeid.split("::", 1)[0]) or super()._split_scope(nodeid)

    return ModuleGroups(config, log)


# --- databases ---------------------------------------------------------------------------------


def _build_demo_town(path: Path) -> None:
    db = Database.open(path)
    try:
        demo.fill_demo_town(db)
    finally:
        db.close()


def built_once_per_run(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """`build(path)` once for the whole run: under pytest-xdist the first worker to ask builds in a
    folder all workers share, the others wait for it instead of building the same file again (a
    worker builds its own if the first one's build failed, so the error shows there too)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        path = factory.mktemp(name) / "towncentre.db"
        build(path)
        return path
    shared = factory.getbasetemp().parent / f"shared-{name}"  # the run's folder, above each worker's
    path, done, failed = shared / "towncentre.db", shared / "done", shared / "failed"
    try:
        shared.mkdir()  # atomic: one worker wins
    except FileExistsError:
        deadline = time.monotonic() + 600
        while not done.exists() and not failed.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if done.exists():
            return path
        path = factory.mktemp(name) / "towncentre.db"
        build(path)
        return path
    try:
        build(path)
    except BaseException:
        failed.touch()
        raise
    done.touch()
    return path


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo town (`fill_demo_town`), built once per run (shared by xdist workers). Treat as
    read-only: copy to change."""
    return built_once_per_run(tmp_path_factory, "demo", _build_demo_town)


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
