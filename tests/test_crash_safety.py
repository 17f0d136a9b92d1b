"""Crash safety (issue 15): the process is SIGKILLed at random moments of heavy writing; the next start
finds a database that opens, passes integrity_check and holds every operation reported as done.

A few kills per kind here (tests/crash_harness.py does the work); `python scripts/kill_test.py --kills
120` runs a hundred and more. The states that kills found wanting are also built by hand below, so
that they are tested on every run and not only when a kill happens to land there."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest
from crash_harness import DB_NAME, KINDS, Materials, kill_once
from db_helpers import copy_database, database_from_dump, dump_with_columns, lost_rows

from desktop import backup_archive
from desktop.db import Database
from desktop.selfcheck import FAIL, run_checks
from desktop.services.common import audit_anchor

KILLS_PER_KIND = 2
# Shorter than the script's windows, to keep this module within a few seconds: the kills still land
# anywhere from start-up to the second or third operation.
WINDOWS = {"saves": 0.3, "import": 0.7, "migration": 0.5, "backup": 0.4, "restore": 0.8}


@pytest.fixture(scope="module")
def materials(town_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Materials:
    return Materials.build(tmp_path_factory.mktemp("crash-materials"), town_db_file)


@pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"), reason="needs os.fork and SIGKILL (POSIX)"
)
@pytest.mark.parametrize("kind", KINDS)
def test_a_kill_at_any_moment_loses_nothing_reported_as_done(
    kind: str, materials: Materials, tmp_path: Path
) -> None:
    rng = random.Random(f"issue-15-{kind}")
    results = [
        kill_once(kind, materials, tmp_path / f"kill-{n}", rng, WINDOWS[kind]) for n in range(KILLS_PER_KIND)
    ]
    failed = [(round(r.delay, 3), r.problems) for r in results if not r.survived]
    assert failed == [], f"{kind}: kills after these delays (s) left problems"


def _head(path: Path) -> audit_anchor.Anchor:
    conn = sqlite3.connect(path)
    try:
        seq, digest = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return audit_anchor.Anchor(seq, digest)


@pytest.mark.parametrize("swapped", [True, False], ids=["after the swap", "before the swap"])
def test_a_restore_stopped_beside_its_swap_leaves_a_log_that_checks(
    materials: Materials, tmp_path: Path, swapped: bool
) -> None:
    """A restore replaces the database and then its audit anchor: two files, which no rename changes
    together. Stopped between them, `check` must not call the log cut or rewritten."""
    db_path = copy_database(materials.restore_start, tmp_path / DB_NAME)
    old_anchor = audit_anchor.read_anchor(db_path)
    source = materials.restore_source("A")
    staged = tmp_path / "staged.db"
    backup_archive.extract_database(source, backup_archive.read_manifest(source), staged)
    restored_head = _head(staged)
    # What the restore leaves when it is killed just before, or just after, putting the file in place.
    audit_anchor.write_pending(db_path, restored_head)
    if swapped:
        os.replace(staged, db_path)

    assert [line for line in run_checks(db_path) if line.status == FAIL] == []
    assert audit_anchor.read_anchor(db_path) == (restored_head if swapped else old_anchor)
    assert not audit_anchor.pending_path(db_path).exists()


def test_a_database_left_with_an_unfinished_rollback_journal_opens_as_it_was(tmp_path: Path) -> None:
    """A database from a backup or an older program is switched to WAL on its first open, a write made
    with a rollback journal: killed then, the file is half-changed and its -journal lies beside it."""
    old = database_from_dump("schema-0007-demo.db.gz", tmp_path / "old" / DB_NAME)
    before = dump_with_columns(old)
    stopped = tmp_path / "stopped" / DB_NAME
    stopped.parent.mkdir()
    conn = sqlite3.connect(old, isolation_level=None)
    try:
        conn.execute("PRAGMA cache_size=1")  # the changed pages reach the file before any commit
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE event SET title = title || '（写到一半）', description = description || '（写到一半）'"
        )
        # The pair as a kill at this moment leaves it.
        shutil.copyfile(old, stopped)
        shutil.copyfile(old.with_name(DB_NAME + "-journal"), stopped.with_name(DB_NAME + "-journal"))
        conn.execute("ROLLBACK")
    finally:
        conn.close()

    db = Database.open(stopped)
    try:
        assert db.integrity_check() == "ok"
    finally:
        db.close()
    assert not lost_rows(before, stopped), "the half-done change was rolled back, nothing else lost"
