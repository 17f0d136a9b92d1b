"""The Alembic history is tested like code (STYLE.md §9): pytest-alembic's built-in checks, plus ours.

pytest-alembic puts whatever `alembic_engine` gives into `config.attributes["connection"]`; our env.py
runs on a Connection found there (the path `desktop.db.migrate` uses), so the fixture yields one.
Data carried across a revision is tested in test_db.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from pytest_alembic import MigrationContext as MigrationRunner
from pytest_alembic.tests import (
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import Connection, inspect, text

from desktop.db import (
    HEAD_REVISION,
    Database,
    head_revision,
    make_engine,
    migrate,
    read_schema_state,
    schema_object_included,
    script_directory,
)
from desktop.db import alembic_config as make_alembic_config
from desktop.models import Base, load_all

load_all()  # the late models too: the comparisons below walk every table

# Collected from here, with the two fixtures below.
BUILT_IN = (
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)


@pytest.fixture
def alembic_config() -> Config:
    return make_alembic_config()


@pytest.fixture
def alembic_engine(tmp_path: Path) -> Iterator[Connection]:
    """A connection, not an engine: our env.py runs on the connection it is handed (as migrate does)."""
    engine = make_engine(tmp_path / "alembic.db")
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def test_history_is_one_straight_line_from_0001() -> None:
    scripts = script_directory()
    assert scripts.get_heads() == [head_revision()]
    revisions = list(scripts.walk_revisions("base", "heads"))
    assert revisions[-1].revision == "0001"
    assert revisions[-1].down_revision is None
    for newer, older in itertools.pairwise(revisions):
        assert newer.down_revision == older.revision


def test_the_head_the_program_starts_with_is_the_newest_migration() -> None:
    """Start-up compares a database with `HEAD_REVISION` instead of reading Alembic's scripts. A new
    migration that leaves it behind would have databases at the old head taken as current and never
    upgraded: this fails first."""
    assert head_revision() == HEAD_REVISION


def test_a_database_one_migration_behind_is_seen_as_out_of_date(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(path)
    previous = script_directory().get_revision(HEAD_REVISION).down_revision
    assert isinstance(previous, str)
    migrate(engine, previous)
    engine.dispose()
    state = read_schema_state(path)
    assert (state.current, state.known, state.is_current) == (previous, True, False)
    Database.open(path).close()
    assert read_schema_state(path).is_current


def test_models_match_the_migrated_schema(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "towncentre.db")
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={"compare_type": True, "render_as_batch": True, "include_name": schema_object_included},
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


def test_the_comparison_would_notice_a_missing_column(tmp_path: Path) -> None:
    """Guards the test above: a schema that lacks a model's column is reported."""
    db = Database.open(tmp_path / "towncentre.db")
    try:
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE person DROP COLUMN note"))
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": schema_object_included}
            )
            diffs = compare_metadata(context, Base.metadata)
        assert [d[0] for d in diffs] == ["add_column"]
        assert (diffs[0][2], diffs[0][3].name) == ("person", "note")
    finally:
        db.close()


def test_down_to_base_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "towncentre.db"
    engine = make_engine(path)
    try:
        migrate(engine)
        every_table = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= every_table

        cfg = make_alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        engine.dispose()
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

        migrate(engine)
        engine.dispose()
        assert set(inspect(engine).get_table_names()) == every_table
        with engine.connect() as conn:
            triggers = {
                r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
            }
            roles = conn.execute(text("SELECT count(*) FROM role")).scalar()
        assert triggers == {
            "audit_log_no_update", "audit_log_no_delete", "event_fts_ai", "event_fts_ad", "event_fts_au",
            "event_grams_ai", "event_grams_ad", "event_grams_au",
            "attendance_punch_no_update", "attendance_punch_no_delete",
            "event_month_stat_ai", "event_month_stat_ad", "event_month_stat_au",
        }  # fmt: skip
        assert roles == 6
    finally:
        engine.dispose()


def test_each_revision_upgrades_and_downgrades_one_step(alembic_runner: MigrationRunner) -> None:
    for revision in reversed([r.revision for r in script_directory().walk_revisions("base", "heads")]):
        alembic_runner.migrate_up_to(revision)
        assert alembic_runner.current == revision
        alembic_runner.migrate_down_one()
        alembic_runner.migrate_up_one()
        assert alembic_runner.current == revision
