"""Odd database files and odd inputs get plain messages, not 意外错误 (issue 9, findings 9 and 10).

An empty file is not a database; a read-only file or folder is named; a database another program holds
is waited for visibly, then named; a broken sheet, an absurd version number, a department name taken
by another code, an empty version table and dates at the ends of the calendar are each explained, with
exit code 1 and the database left as it was.
"""

from __future__ import annotations

import encodings
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from db_helpers import Towncentre, copy_database, dump_tables
from openpyxl import load_workbook

from desktop import db as database
from desktop.demo.town import DEMO_PASSWORD
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.matters import exchange

UNEXPECTED = "意外错误"
MATTER_TABLES = ("department", "matter_category", "matter_domain", "matter_item", "matter_list_version")


@pytest.fixture(autouse=True)
def _no_credentials_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOWNCENTRE_USER", raising=False)
    monkeypatch.delenv("TOWNCENTRE_PASSWORD", raising=False)


@pytest.fixture
def db_file(demo_db_file: Path, tmp_path: Path) -> Path:
    return copy_database(demo_db_file, tmp_path / "data" / "towncentre.db")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def companions(path: Path) -> list[str]:
    """The -wal and -shm files SQLite leaves beside a database when it cannot clean up."""
    return sorted(p.name for p in path.parent.glob(path.name + "-*"))


def one_line(stream: str) -> str:
    lines = stream.strip().splitlines()
    assert len(lines) == 1, stream
    assert UNEXPECTED not in lines[0] and " / " in lines[0]
    return lines[0]


# --- an empty file -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["stats", "--json"],
        ["export", "matters", "--out", "OUT", "--user", "zhuren"],
        ["print", "mediation-agreement", "2026-1", "--out", "OUT", "--user", "tiaojie"],
        ["audit", "reanchor", "--reason", "测试", "--user", "admin"],
    ],
)
def test_an_empty_file_is_refused_and_left_untouched(
    towncentre: Towncentre, tmp_path: Path, args: list[str]
) -> None:
    empty = tmp_path / "towncentre.db"
    empty.touch()
    out = tmp_path / "out.file"
    argv = [str(out) if a == "OUT" else a for a in args]

    done = towncentre(*argv, "--db", str(empty), TOWNCENTRE_PASSWORD=DEMO_PASSWORD)

    assert done.returncode == 1
    message = one_line(done.stderr if args[0] != "check" else done.stdout.splitlines()[0])
    assert "空文件" in message and "not a database" in message and str(empty) in message
    assert empty.stat().st_size == 0
    assert companions(empty) == [] and not (tmp_path / "backups").exists() and not out.exists()


# --- read-only files and folders ----------------------------------------------------------------------

NOBODY = 65534


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside pytest's owner-only temporary tree, so that an unprivileged user can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="towncentre-test-"))
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o700)
    shutil.rmtree(folder)


@contextmanager
def without_root(folder: Path) -> Iterator[None]:
    """Runs the block with an ordinary user's rights: root writes to read-only files anyway. As root the
    effective uid (and gid) become `nobody`'s for the block, with `folder` handed to that user first."""
    if sys.platform == "win32":
        pytest.skip("POSIX file modes")
    if os.geteuid() != 0:
        yield
        return
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
        # A codec first looked up while `nobody` could not read the venv is cached as unknown for good
        # (encodings.search_function), and every later test in this process then failed on it
        # ("unknown encoding: utf-16-be" in PDF reads): forget those failures.
        for name, entry in list(encodings._cache.items()):
            if entry is None:
                del encodings._cache[name]


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_a_read_only_database_is_read_but_not_written(
    towncentre: Towncentre, demo_db_file: Path, shared_dir: Path, read_only: str
) -> None:
    path = copy_database(demo_db_file, shared_dir / "data" / "towncentre.db")
    out = shared_dir / "out" / "events.xlsx"
    out.parent.mkdir()
    before = digest(path)
    with without_root(shared_dir):
        if read_only == "file":
            path.chmod(0o400)
        else:
            path.parent.chmod(0o500)
        stats = towncentre("stats", "--json", "--db", str(path), HOME=str(shared_dir))
        check = towncentre("check", "--db", str(path), HOME=str(shared_dir))
        export = towncentre(
            "export", "events", "--out", str(out), "--db", str(path), "--user", "shouli",
            TOWNCENTRE_PASSWORD=DEMO_PASSWORD, HOME=str(shared_dir),
        )  # fmt: skip
        left = companions(path)
        path.parent.chmod(0o700)
        path.chmod(0o600)

    named = str(path) if read_only == "file" else str(path.parent)
    assert stats.returncode == 0, stats.stderr
    assert '"users": 6' in stats.stdout
    assert "只读" in stats.stderr and named in stats.stderr
    assert "[失败] 打开数据库" not in check.stdout
    assert any(line.startswith("[警告] 数据库只读") and named in line for line in check.stdout.splitlines())
    assert export.returncode == 1
    message = one_line(export.stderr)
    assert "不能写入" in message and "cannot write" in message and named in message
    assert not out.exists()
    assert left == [], "no -wal/-shm left behind"
    assert digest(path) == before


def test_a_read_only_leftover_beside_the_database_is_named(
    towncentre: Towncentre, demo_db_file: Path, shared_dir: Path
) -> None:
    path = copy_database(demo_db_file, shared_dir / "data" / "towncentre.db")
    shm = path.with_name(path.name + "-shm")
    with without_root(shared_dir):
        # What an earlier version left after reading a read-only file: a -shm nobody can write.
        conn = sqlite3.connect(path)
        conn.execute("SELECT count(*) FROM app_user").fetchone()
        shm.chmod(0o400)
        done = towncentre(
            "export", "matters", "--out", str(shared_dir / "m.xlsx"), "--db", str(path), "--user", "zhuren",
            TOWNCENTRE_PASSWORD=DEMO_PASSWORD, HOME=str(shared_dir),
        )  # fmt: skip
        shm.chmod(0o600)
        conn.close()
    assert done.returncode == 1
    message = one_line(done.stderr)
    assert "不能写入" in message and str(shm) in message


def test_an_output_path_that_cannot_be_written_is_named(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "events.xlsx"
    done = towncentre(
        "export", "events", "--out", str(out), "--db", str(db_file), "--user", "shouli",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 1
    assert str(blocker) in one_line(done.stderr)


# --- a database another program holds -------------------------------------------------------------------


def test_a_busy_database_is_waited_for_visibly_then_named(
    towncentre: Towncentre, db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 2500)  # the real wait is 10 s
    out = tmp_path / "events.xlsx"
    holder = sqlite3.connect(db_file, isolation_level=None)  # another program, as far as SQLite knows
    holder.execute("BEGIN EXCLUSIVE")
    try:
        start = time.monotonic()
        done = towncentre(
            "export", "events", "--out", str(out), "--db", str(db_file), "--user", "shouli",
            TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
        )  # fmt: skip
        elapsed = time.monotonic() - start
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, done.stderr
    assert lines[0].startswith("正在等待数据库") and "waiting for the database" in lines[0]
    assert UNEXPECTED not in lines[1]
    assert "另一个程序" in lines[1] and "综治工作台" in lines[1] and "Another program" in lines[1]
    assert 2.0 <= elapsed < 8, elapsed
    assert not out.exists()


# --- odd inputs ------------------------------------------------------------------------------------------


def last_seq(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0])
    finally:
        conn.close()


def matter_tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    tables = dump_tables(path)
    return {name: tables[name] for name in MATTER_TABLES}


@pytest.fixture
def list_file(db_file: Path, tmp_path: Path) -> Path:
    """The demo's own list, exported, as a new version 2026.2."""
    db = database.Database.open(db_file)
    try:
        path = tmp_path / "清单.xlsx"
        exchange.export_xlsx(db, SYSTEM_ACTOR, path)
    finally:
        db.close()
    book = load_workbook(path)
    book["版本"]["B1"] = "2026.2"
    book["版本"]["B2"] = "2026-05-01"
    book.save(path)
    return path


def import_list(towncentre: Towncentre, db_file: Path, path: Path) -> tuple[int, str, str]:
    done = towncentre(
        "import",
        "matters",
        str(path),
        "--db",
        str(db_file),
        "--user",
        "zhuren",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )
    return done.returncode, done.stdout, done.stderr


def test_a_broken_sheet_gets_a_plain_message(towncentre: Towncentre, db_file: Path, list_file: Path) -> None:
    broken = list_file.with_name("broken.xlsx")
    with zipfile.ZipFile(list_file) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # cut off in the middle of a row
            target.writestr(info, data)
    before = matter_tables(db_file)

    code, _out, err = import_list(towncentre, db_file, broken)

    assert code == 1
    message = one_line(err)
    assert "broken.xlsx" in message and "事项清单" in message and "损坏" in message
    assert matter_tables(db_file) == before


def test_a_version_number_of_5000_digits_gets_a_plain_message(
    towncentre: Towncentre, db_file: Path, list_file: Path
) -> None:
    book = load_workbook(list_file)
    book["版本"]["B1"] = "9" * 5000
    book.save(list_file)
    before = matter_tables(db_file)

    code, _out, err = import_list(towncentre, db_file, list_file)

    assert code == 1
    assert UNEXPECTED not in err
    assert "清单版本号" in err and "20" in err
    assert matter_tables(db_file) == before


def test_a_new_department_code_with_a_name_already_taken_is_refused_before_the_diff(
    towncentre: Towncentre, db_file: Path, list_file: Path
) -> None:
    book = load_workbook(list_file)
    sheet = book["部门"]
    # The county renumbers a department: in the database its name still belongs to the old code.
    taken_code, taken_name = sheet["A2"].value, sheet["B2"].value
    sheet["A2"] = "ZZ99"
    book.save(list_file)
    before = matter_tables(db_file)

    code, out, err = import_list(towncentre, db_file, list_file)

    assert code == 1
    message = one_line(err)
    assert f"“{taken_name}”" in message and "ZZ99" in message and str(taken_code) in message
    assert "版本" not in out, "refused before the differences are shown"
    assert matter_tables(db_file) == before


@pytest.mark.parametrize("command", ["stats", "check", "export"])
def test_an_empty_version_table_gets_a_plain_message(
    towncentre: Towncentre, db_file: Path, tmp_path: Path, command: str
) -> None:
    conn = sqlite3.connect(db_file)
    with conn:
        conn.execute("DELETE FROM alembic_version")
    conn.close()
    before = digest(db_file)
    args = {
        "stats": ["stats"],
        "check": ["check"],
        "export": ["export", "events", "--out", str(tmp_path / "e.xlsx"), "--user", "shouli"],
    }[command]

    done = towncentre(*args, "--db", str(db_file), TOWNCENTRE_PASSWORD=DEMO_PASSWORD)

    assert done.returncode == 1
    message = one_line(done.stderr if command != "check" else done.stdout.splitlines()[0])
    assert "alembic_version" in message and "未被改动" in message
    assert digest(db_file) == before
    assert not (tmp_path / "data" / "backups").exists()


@pytest.mark.parametrize(
    "dates",
    [
        ["--since", "0001-01-01"],
        ["--until", "9999-12-31"],
        ["--since", "0001-01-01", "--until", "9999-12-31"],
    ],
)
def test_dates_at_the_ends_of_the_calendar_get_a_plain_message(
    towncentre: Towncentre, db_file: Path, tmp_path: Path, dates: list[str]
) -> None:
    out = tmp_path / "events.xlsx"
    before = last_seq(db_file)

    done = towncentre(
        "export", "events", "--out", str(out), *dates, "--db", str(db_file), "--user", "shouli",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip

    assert done.returncode == 1
    message = one_line(done.stderr)
    assert "1900-01-01" in message and "2099-12-31" in message
    assert not out.exists()
    conn = sqlite3.connect(db_file)
    try:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE seq > ?", (before,))]
    finally:
        conn.close()
    assert "导出事件" not in actions
