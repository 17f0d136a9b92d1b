"""The append-only, hash-chained audit log."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from db_helpers import ADMIN_PASSWORD, Towncentre, copy_database, set_up_town
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from desktop import logsetup
from desktop.db import Database
from desktop.errors import AuthenticationFailed
from desktop.models import AuditEntry, User
from desktop.services.accounts import auth, users
from desktop.services.accounts.permissions import Actor
from desktop.services.common.uow import GENESIS_HASH
from desktop.services.system import audit
from desktop.services.system.audit import AuditFilter, verify_chain


def _audit_rows(db: Database) -> list[AuditEntry]:
    with db.reading() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_a_service_write_appends_chained_rows(
    town_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    admin = actor_of(town_db, "admin")
    before = _audit_rows(town_db)
    assert before[0].prev_hash == GENESIS_HASH

    users.create_user(
        town_db,
        admin,
        username="shouli",
        display_name="陈晓燕",
        password="Chen2026xy",
        role_codes=["operator"],
    )

    rows = _audit_rows(town_db)
    new = rows[len(before) :]
    assert [(r.action, r.object_type) for r in new] == [("新增", "用户"), ("分配角色", "用户")]
    assert all(r.username == "admin" and r.user_id == admin.user_id and r.result == "成功" for r in new)
    assert new[0].prev_hash == before[-1].hash
    assert new[1].prev_hash == new[0].hash
    report = verify_chain(town_db)
    assert report.ok
    assert report.rows_checked == len(rows)
    assert "完整" in report.one_line()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET summary = 'x' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "DELETE FROM audit_log",
    ],
)
def test_the_database_refuses_to_change_or_remove_audit_rows(town_db: Database, statement: str) -> None:
    before = [(r.seq, r.summary, r.hash) for r in _audit_rows(town_db)]
    with pytest.raises(IntegrityError, match="append-only"), town_db.engine.begin() as conn:
        conn.execute(text(statement))
    assert [(r.seq, r.summary, r.hash) for r in _audit_rows(town_db)] == before

    raw = sqlite3.connect(town_db.path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw.execute(statement)
    finally:
        raw.close()


def _tamper(path: Path, seq: int, column: str = "summary", value: str = "改过的摘要") -> None:
    """What someone with a plain SQLite tool could do: drop the guard, then edit a row."""
    raw = sqlite3.connect(path)
    try:
        with raw:
            raw.execute("DROP TRIGGER audit_log_no_update")
            raw.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = ?", (value, seq))
    finally:
        raw.close()


def test_tampering_is_found_at_the_changed_row(demo_db: Database) -> None:
    rows = _audit_rows(demo_db)
    target = rows[len(rows) // 2].seq
    demo_db.close()
    _tamper(demo_db.path, target)

    db = Database.open(demo_db.path)
    try:
        report = verify_chain(db)
    finally:
        db.close()
    assert not report.ok
    assert report.broken_at == target
    assert report.rows_checked == target - 1
    assert str(target) in report.one_line()


def test_a_removed_row_breaks_the_chain(demo_db: Database) -> None:
    demo_db.close()
    raw = sqlite3.connect(demo_db.path)
    with raw:
        raw.execute("DROP TRIGGER audit_log_no_delete")
        raw.execute("DELETE FROM audit_log WHERE seq = 5")
    raw.close()
    db = Database.open(demo_db.path)
    try:
        assert verify_chain(db).broken_at == 6
    finally:
        db.close()


def test_a_rewritten_timestamp_breaks_the_chain(demo_db: Database) -> None:
    demo_db.close()
    _tamper(demo_db.path, 3, "at", "2020-01-01 00:00:00.000000")
    db = Database.open(demo_db.path)
    try:
        assert verify_chain(db).broken_at == 3
    finally:
        db.close()


def test_check_command_reports_tampering(towncentre: Towncentre, demo_db_file: Path, tmp_path: Path) -> None:
    path = copy_database(demo_db_file, tmp_path / "towncentre.db")
    _tamper(path, 7)

    done = towncentre("check", "--db", str(path))

    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "审计日志" in lines[0]
    assert "第 7 条" in lines[0]
    assert "row 7" in lines[0]
    assert "[失败] 审计日志" in done.stdout


def test_an_intact_demo_chain_verifies(demo_db: Database) -> None:
    report = verify_chain(demo_db, batch=7)  # several batches
    assert report.ok
    with demo_db.reading() as session:
        assert report.rows_checked == session.scalar(select(func.count()).select_from(AuditEntry))


# --- secrets stay out of the audit log and the log file ----------------------------------------


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The program's rotating log file for this test's database, removed from logging afterwards."""
    root = logging.getLogger()
    level = root.level
    path = logsetup.setup_logging(tmp_path / "towncentre.db", console=False, level=logging.DEBUG)
    yield path
    logsetup.stop_logging()
    root.setLevel(level)


def test_password_hashes_never_reach_the_audit_log_or_the_log_file(
    log_file: Path, empty_db: Database, actor_of: Callable[[Database, str], Actor]
) -> None:
    town_db = set_up_town(empty_db)  # here, not from the session's template: the setup logs too
    assert town_db.path.parent == log_file.parent.parent
    admin = actor_of(town_db, "admin")
    user_id = users.create_user(
        town_db,
        admin,
        username="shouli",
        display_name="陈晓燕",
        password="Chen2026xy",
        role_codes=["operator"],
    )
    hashes: set[str] = set()

    def keep_hashes() -> None:
        with town_db.reading() as session:
            hashes.update(session.scalars(select(User.password_hash)))

    keep_hashes()
    users.reset_password(town_db, admin, user_id, "Temp2026ab")
    keep_hashes()
    with pytest.raises(AuthenticationFailed):
        auth.login(town_db, "shouli", "Wrong2026ab")
    result = auth.login(town_db, "shouli", "Temp2026ab")
    assert result.must_change_password
    auth.change_password(town_db, result.actor, "Temp2026ab", "Final2026cd")
    auth.login(town_db, "admin", ADMIN_PASSWORD)
    keep_hashes()
    assert len(hashes) == 4  # shouli's three passwords and admin's
    logging.getLogger("towncentre").info("marker: the log file works")
    for handler in logging.getLogger().handlers:
        handler.flush()

    rows = _audit_rows(town_db)
    assert any(r.action == "修改" and "password_hash" in r.detail for r in rows)  # the change is recorded ...
    for row in rows:
        for secret in ("$argon2", *hashes):
            assert secret not in row.summary and secret not in row.detail, row.action
    for password in ("Chen2026xy", "Temp2026ab", "Wrong2026ab", "Final2026cd", ADMIN_PASSWORD):
        assert all(password not in r.summary and password not in r.detail for r in rows)

    logged = log_file.read_text(encoding="utf-8")
    assert "marker: the log file works" in logged
    assert "$argon2" not in logged
    assert not any(h in logged for h in hashes)


def test_the_cli_log_holds_no_password_hash(towncentre: Towncentre, tmp_path: Path) -> None:
    path = tmp_path / "towncentre.db"
    done = towncentre("demo", "--db", str(path))
    assert done.returncode == 0, done.stderr
    logged = (tmp_path / "logs" / "towncentre-cli.log").read_text(encoding="utf-8")
    assert "migrating" in logged  # the log file is in use
    assert "$argon2" not in logged
    raw = sqlite3.connect(path)
    try:
        hashes = [r[0] for r in raw.execute("SELECT password_hash FROM app_user")]
        audit_text = "".join(r[0] + r[1] for r in raw.execute("SELECT summary, detail FROM audit_log"))
    finally:
        raw.close()
    assert len(hashes) == 6
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert "$argon2" not in audit_text


def test_audit_query_filters_and_pages(demo_db: Database, actor_of: Callable[[Database, str], Actor]) -> None:
    admin = actor_of(demo_db, "admin")
    everything = audit.count(demo_db, admin, AuditFilter())
    first = audit.query(demo_db, admin, AuditFilter(), limit=10)
    second = audit.query(demo_db, admin, AuditFilter(), before_seq=first[-1].seq, limit=10)
    assert [r.seq for r in first + second] == list(range(everything, everything - 20, -1))
    created = audit.query(demo_db, admin, AuditFilter(action="新增", object_type="网格"))
    assert len(created) == audit.count(demo_db, admin, AuditFilter(action="新增", object_type="网格")) == 18
    assert {r.object_type for r in created} == {"网格"}
