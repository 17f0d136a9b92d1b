"""A file the user names is never written over the database, and a mistyped path creates nothing
(hostile cold test 23, findings 1, 7 and 8).

`print … --out towncentre.db` once turned the live database into a PDF; `sync` at a mistyped --db made a
new empty database and folder there; `--out /typo/dir/x.pdf` made the folders.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from db_helpers import Towncentre, copy_database

from desktop.db import Database
from desktop.demo.town import DEMO_PASSWORD
from desktop.errors import UserError
from desktop.services.common import audit_anchor
from desktop.services.common.files import write_bytes_atomically

ONTO_DATABASE = "不能写到数据库文件本身（或它的附属文件）上，请换一个文件名。"
COMMANDS = {
    "export events": ("export", "events", "--user", "shouli"),
    "export workers": ("export", "workers", "--user", "zhuren"),
    "export matters": ("export", "matters", "--user", "zhuren"),
    "print duty-rota": ("print", "duty-rota", "2026-05", "--user", "zhuren"),
    "print mediation-agreement": ("print", "mediation-agreement", "2026-1", "--user", "tiaojie"),
}


@pytest.fixture(autouse=True)
def _no_credentials_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOWNCENTRE_USER", raising=False)
    monkeypatch.delenv("TOWNCENTRE_PASSWORD", raising=False)


@pytest.fixture
def db_file(demo_db_file: Path, tmp_path: Path) -> Path:
    return copy_database(demo_db_file, tmp_path / "data" / "towncentre.db")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def users_in(path: Path) -> int:
    """Fails on a file that is no longer a database."""
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM app_user").fetchone()[0])


def run(towncentre: Towncentre, command: str, db_file: Path, out: Path) -> tuple[int, str]:
    argv = COMMANDS[command]
    done = towncentre(*argv, "--out", str(out), "--db", str(db_file), TOWNCENTRE_PASSWORD=DEMO_PASSWORD)
    return done.returncode, done.stderr


@pytest.mark.parametrize("command", list(COMMANDS))
def test_out_onto_the_database_is_refused_and_the_database_kept(
    towncentre: Towncentre, db_file: Path, command: str
) -> None:
    before = users_in(db_file)

    code, stderr = run(towncentre, command, db_file, db_file)

    assert code == 1
    assert ONTO_DATABASE in stderr and "another file name" in stderr
    assert users_in(db_file) == before  # still a database, with its events
    assert not list(db_file.parent.glob(".*.part"))


def _symlink(db_file: Path) -> Path:
    link = db_file.parent.parent / "report.pdf"
    link.symlink_to(db_file)
    return link


def _hard_link(db_file: Path) -> Path:
    link = db_file.parent.parent / "report.pdf"
    os.link(db_file, link)
    return link


TARGETS: dict[str, Callable[[Path], Path]] = {
    "wal": lambda db: db.with_name(db.name + "-wal"),
    "shm": lambda db: db.with_name(db.name + "-shm"),
    "journal": lambda db: db.with_name(db.name + "-journal"),
    "audit anchor": audit_anchor.anchor_path,
    "other spelling": lambda db: db.parent / "." / ".." / db.parent.name / db.name,
    "symlink": _symlink,
    "hard link": _hard_link,
}


@pytest.mark.parametrize("kind", list(TARGETS))
def test_out_onto_a_companion_or_a_link_of_the_database_is_refused(
    towncentre: Towncentre, db_file: Path, kind: str
) -> None:
    target = TARGETS[kind](db_file)

    code, stderr = run(towncentre, "export events", db_file, target)

    assert code == 1 and ONTO_DATABASE in stderr
    # the login's audit row changes the database and its anchor; no workbook (a zip) took their place
    assert not target.exists() or not target.read_bytes().startswith(b"PK")
    assert users_in(db_file) > 0


def test_out_into_the_backups_folder_is_refused(towncentre: Towncentre, db_file: Path) -> None:
    backups = db_file.parent / "backups"
    backups.mkdir()

    code, stderr = run(towncentre, "print duty-rota", db_file, backups / "值班表.pdf")

    assert code == 1 and "程序自用的文件夹" in stderr and str(backups) in stderr
    assert list(backups.iterdir()) == []


def test_out_dir_inside_the_backups_folder_is_refused_before_it_is_made(
    towncentre: Towncentre, db_file: Path
) -> None:
    backups = db_file.parent / "backups"
    done = towncentre(
        "print", "mediation-agreement", "--all", "--out-dir", str(backups / "docs"), "--db", str(db_file),
        "--user", "tiaojie", TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 1 and "程序自用的文件夹" in done.stderr
    assert not backups.exists()


def test_an_other_database_file_is_not_overwritten(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    """Not open here (another town's copy, the county hub's), but still a database."""
    other = copy_database(db_file, tmp_path / "copy-of-town.db")
    before = digest(other)

    code, stderr = run(towncentre, "export matters", db_file, other)

    assert code == 1 and "是一个数据库文件" in stderr
    assert digest(other) == before


def test_a_backup_kept_outside_the_backups_folder_is_not_overwritten(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    """`backup --out` and a USB stick put .tcbak files anywhere; one may be the only copy left."""
    kept = tmp_path / "keep.tcbak"
    kept.write_bytes(b"PK\x03\x04 a backup")

    code, stderr = run(towncentre, "print duty-rota", db_file, kept)

    assert code == 1 and "是一个备份文件" in stderr
    assert kept.read_bytes() == b"PK\x03\x04 a backup"


def test_a_file_beside_the_database_is_still_allowed(towncentre: Towncentre, db_file: Path) -> None:
    """--db may sit in any folder (Documents): only the database's own files are refused."""
    out = db_file.parent / "事件.xlsx"
    code, stderr = run(towncentre, "export events", db_file, out)
    assert code == 0, stderr
    assert out.stat().st_size > 0


def test_a_writer_called_directly_refuses_the_open_database(db_file: Path) -> None:
    """The check sits in the one place every writer passes (files.temp_path_for), so the GUI's save
    dialogs, which call the same writers, are covered without a check of their own."""
    db = Database.open(db_file)
    try:
        with pytest.raises(UserError, match="数据库文件本身"):
            write_bytes_atomically(db_file, b"%PDF-1.4")
    finally:
        db.close()
    assert users_in(db_file) > 0


# --- a folder that does not exist -------------------------------------------------------------------


def test_out_into_a_missing_folder_is_refused_and_nothing_made(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "typo" / "dir"

    code, stderr = run(towncentre, "print duty-rota", db_file, missing / "值班表.pdf")

    assert code == 1
    assert "文件夹不存在" in stderr and str(missing) in stderr
    assert not (tmp_path / "typo").exists()


def test_out_dir_still_makes_its_folder(towncentre: Towncentre, db_file: Path, tmp_path: Path) -> None:
    """--out-dir names a folder for many files: making it is on purpose."""
    out_dir = tmp_path / "new" / "docs"
    done = towncentre(
        "print", "mediation-agreement", "--all", "--out-dir", str(out_dir), "--db", str(db_file),
        "--user", "tiaojie", TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(out_dir.glob("*.pdf"))


# --- commands that must not create a database ---------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("sync", "--once"),
        ("sync", "--show-package-key"),
        ("stats",),
        ("export", "events", "--out", "OUT", "--user", "shouli"),
        ("remember-password", "--user", "zhuren"),
        ("audit", "reanchor", "--reason", "测试", "--user", "admin"),
    ],
)
def test_a_mistyped_db_path_creates_nothing(
    towncentre: Towncentre, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    missing = tmp_path / "nxdir" / "nx.db"
    args = [str(tmp_path / "out.xlsx") if a == "OUT" else a for a in argv]

    done = towncentre(*args, "--db", str(missing), TOWNCENTRE_PASSWORD=DEMO_PASSWORD)

    assert done.returncode == 1
    assert "数据库文件不存在" in done.stderr
    assert not (tmp_path / "nxdir").exists()  # no database, no logs folder
