"""Fixes for a hostile test's findings: arguments that are not valid text are refused before any file
is written; a printed PDF is owner-only, atomic and never without its audit row."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from db_helpers import Towncentre, copy_database

from desktop.db import Database
from desktop.demo.town import DEMO_PASSWORD
from desktop.printing import registry
from desktop.services import mediation


@pytest.fixture(autouse=True)
def _no_credentials_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOWNCENTRE_USER", raising=False)
    monkeypatch.delenv("TOWNCENTRE_PASSWORD", raising=False)


@pytest.fixture
def db_file(demo_db_file: Path, tmp_path: Path) -> Path:
    return copy_database(demo_db_file, tmp_path / "data" / "towncentre.db")


@pytest.fixture
def case(db_file: Path) -> str:
    """The demo's first mediation case of this year, as `print` takes it (2026-1)."""
    db = Database.open(db_file)
    try:
        return f"{mediation.local_today(db).year}-1"
    finally:
        db.close()


def audit_rows(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT username, action, result FROM audit_log ORDER BY seq").fetchall()
    finally:
        conn.close()
    return [tuple(r) for r in rows]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# Undecodable bytes on a POSIX command line reach Python as lone surrogates (surrogateescape).
NOT_TEXT = "\udcff"


def test_a_print_path_that_is_not_text_is_refused_before_any_file(
    towncentre: Towncentre, db_file: Path, case: str, tmp_path: Path
) -> None:
    folder = tmp_path / "x"
    before = audit_rows(db_file)
    done = towncentre(
        "print", "mediation-agreement", case, "--out", str(folder / f"official_{NOT_TEXT}.pdf"),
        "--db", str(db_file), "--user", "tiaojie", TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "--out" in done.stderr and "不是有效的文字" in done.stderr and "意外错误" not in done.stderr
    assert files_in(folder) == [] and audit_rows(db_file) == before


def test_an_export_text_that_is_not_text_is_refused_before_any_file(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ev.xlsx"
    before = audit_rows(db_file)
    done = towncentre(
        "export", "events", "--out", str(out), "--text", "\udced\udca0\udc80漏水",
        "--db", str(db_file), "--user", "shouli", TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "--text" in done.stderr and "意外错误" not in done.stderr
    assert not out.exists() and audit_rows(db_file) == before


def test_a_user_name_that_is_not_text_is_refused_and_audited(
    towncentre: Towncentre, db_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ev.xlsx"
    before = audit_rows(db_file)
    done = towncentre(
        "export", "events", "--out", str(out), "--db", str(db_file), "--user", f"ab{NOT_TEXT}",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "用户名" in done.stderr and "意外错误" not in done.stderr
    after = audit_rows(db_file)
    assert len(after) == len(before) + 1 and after[-1][1] == "导出事件" and not out.exists()


def test_a_printed_pdf_is_owner_only_and_replaces_the_old_file_whole(
    towncentre: Towncentre, db_file: Path, case: str, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "agreement.pdf"
    out.parent.mkdir()
    out.write_bytes(b"old")
    out.chmod(0o644)
    done = towncentre(
        "print", "mediation-agreement", case, "--out", str(out), "--db", str(db_file), "--user", "tiaojie",
        TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and files_in(out.parent) == ["agreement.pdf"]
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_print_whose_audit_fails_leaves_the_old_file_and_no_new_one(
    towncentre: Towncentre, db_file: Path, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "agreement.pdf"
    out.parent.mkdir()
    out.write_bytes(b"old")
    fresh = tmp_path / "out" / "fresh.pdf"

    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit failed")

    monkeypatch.setattr(registry, "record_output", failing)
    for target in (out, fresh):
        done = towncentre(
            "print", "mediation-agreement", case, "--out", str(target), "--db", str(db_file),
            "--user", "tiaojie", TOWNCENTRE_PASSWORD=DEMO_PASSWORD,
        )  # fmt: skip
        assert done.returncode == 1
    assert out.read_bytes() == b"old" and files_in(out.parent) == ["agreement.pdf"]


def test_write_bytes_atomically_is_owner_only_even_under_a_loose_umask(tmp_path: Path) -> None:
    from desktop.services.common.files import write_bytes_atomically

    (tmp_path / "a").mkdir()
    old = os.umask(0o022)
    try:
        write_bytes_atomically(tmp_path / "a" / "b.pdf", b"%PDF-1.7")
    finally:
        os.umask(old)
    assert (tmp_path / "a" / "b.pdf").read_bytes() == b"%PDF-1.7"
    if sys.platform != "win32":
        assert stat.S_IMODE((tmp_path / "a" / "b.pdf").stat().st_mode) == 0o600


def test_the_exports_refuse_a_path_that_is_not_text_before_writing(demo_db: Database, tmp_path: Path) -> None:
    """The audit row is written when the rename's transaction commits: a name it cannot hold would
    leave a file with no row, so such a name is refused first (the window's dialogs never give one)."""
    from desktop.errors import UserError
    from desktop.services.accounts.permissions import SYSTEM_ACTOR
    from desktop.services.events.export import export_events
    from desktop.services.events.queries import EventFilter, Sort
    from desktop.services.matters import exchange

    before = audit_rows(demo_db.path)
    with pytest.raises(UserError, match="不是有效的文字"):
        export_events(demo_db, SYSTEM_ACTOR, EventFilter(), Sort(), tmp_path / f"ev{NOT_TEXT}.xlsx")
    with pytest.raises(UserError, match="不是有效的文字"):
        exchange.export_xlsx(demo_db, SYSTEM_ACTOR, tmp_path / f"m{NOT_TEXT}.xlsx")
    assert not any(p.name.endswith((".xlsx", ".part")) for p in tmp_path.iterdir())
    assert audit_rows(demo_db.path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="NTFS counts the name in UTF-16 units: 255 of them")
@pytest.mark.parametrize("how", ["bytes", "save"])
def test_an_error_names_the_chosen_file_never_its_temporary_part_file(tmp_path: Path, how: str) -> None:
    """A long Chinese file name fits (240 of the 255 bytes a name may have) but its hidden temporary
    sibling does not: the message the user reads names the file they chose, not `.….part`."""
    from desktop.services.common.files import save_atomically, write_bytes_atomically

    target = tmp_path / ("调解协议书" * 16 + ".pdf")
    assert len(target.name.encode("utf-8")) == 244
    with pytest.raises(OSError) as raised:
        if how == "bytes":
            write_bytes_atomically(target, b"%PDF-1.7")
        else:
            save_atomically(target, lambda temp: temp.write_bytes(b"%PDF-1.7"))
    message = str(raised.value)
    assert ".part" not in message and target.name in message, message
    assert os.listdir(tmp_path) == []
