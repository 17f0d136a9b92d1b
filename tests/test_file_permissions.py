"""Files holding personal data are readable by their owner only on POSIX (issue 9, finding 7)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_helpers import copy_database

from desktop import cli, logsetup
from desktop.demo.town import DEMO_PASSWORD
from desktop.paths import logs_dir

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows relies on the installer's folder ACL"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_restored() -> Iterator[None]:
    """cli.main sets the process umask; give the rest of the test session its own back."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)
    logsetup._configured = None  # the next test's log goes where its own database is


def test_files_made_world_readable_by_an_earlier_version_are_tightened(
    demo_db_file: Path, tmp_path: Path, umask_restored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = copy_database(demo_db_file, tmp_path / "data" / "towncentre.db")
    db_path.chmod(0o644)
    for folder in (db_path.parent / "backups", db_path.parent / "attachments"):
        folder.mkdir(mode=0o755, exist_ok=True)
        folder.chmod(0o755)
    logs = logs_dir(db_path)
    logs.mkdir(mode=0o755)
    old_log = logs / "towncentre.log.1"
    old_log.write_text("旧日志\n", encoding="utf-8")
    old_log.chmod(0o644)

    assert cli.main(["stats", "--db", str(db_path)]) == 0
    capsys.readouterr()

    assert mode(db_path) == 0o600
    assert mode(logs) == 0o700
    assert mode(logs / "towncentre-cli.log") == 0o600
    assert mode(old_log) == 0o600
    assert mode(db_path.parent / "backups") == 0o700 and mode(db_path.parent / "attachments") == 0o700


def test_new_files_are_created_owner_only(
    demo_db_file: Path,
    tmp_path: Path,
    umask_restored: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    os.umask(0o022)  # a typical desktop session's umask
    db_path = copy_database(demo_db_file, tmp_path / "data" / "towncentre.db")
    out = tmp_path / "exports" / "清单.xlsx"
    out.parent.mkdir()
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", DEMO_PASSWORD)
    argv = ["export", "matters", "--db", str(db_path), "--out", str(out), "--user", "zhuren"]
    assert cli.main(argv) == 0
    capsys.readouterr()
    assert mode(out) == 0o600
    wal = db_path.with_name(db_path.name + "-wal")
    for path in (db_path, wal):
        if path.exists():
            assert mode(path) == 0o600, path


def test_a_shared_data_folder_keeps_files_open_to_the_centres_group(
    demo_db_file: Path,
    tmp_path: Path,
    umask_restored: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The .deb's /var/lib/towncentre (group towncentre, mode 2770): every user of the PC in the group
    must open a database another made, write its anchor and read its backups; others get nothing."""
    shared, own = tmp_path / "shared", tmp_path / "own"
    shared.mkdir()
    own.mkdir()
    shared.chmod(0o2770)
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", DEMO_PASSWORD)
    for folder in (shared, own):
        db_path = copy_database(demo_db_file, folder / "towncentre.db")
        db_path.chmod(0o644)  # as an earlier copy left it
        try:
            code = cli.main(["backup", "--db", str(db_path), "--user", "admin"])
        finally:
            logsetup.stop_logging()
        assert code == 0, capsys.readouterr().err
    (backup,) = (shared / "backups").glob("*.tcbak")
    assert mode(shared / "towncentre.db") == 0o660
    assert mode(shared / "towncentre.db.audit-anchor") == 0o660
    assert mode(backup) == 0o660 and mode(shared / "backups") & 0o2770 == 0o2770
    (own_backup,) = (own / "backups").glob("*.tcbak")
    assert mode(own / "towncentre.db") == 0o600 and mode(own / "towncentre.db.audit-anchor") == 0o600
    assert mode(own_backup) == 0o600 and mode(own / "backups") == 0o700
