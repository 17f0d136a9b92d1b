"""The audit log's anchor outside the database file: a cut tail, a re-hashed chain, a dropped guard
trigger and a lost anchor are all reported (issue 9, finding 5)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from desktop.db import Database
from desktop.errors import PermissionDenied, ValidationError
from desktop.models import AuditEntry
from desktop.services.accounts import users
from desktop.services.accounts.permissions import Actor
from desktop.services.common import audit_anchor
from desktop.services.common.uow import entry_hash
from desktop.services.startup import bring_up_to_date
from desktop.services.system import audit

ActorOf = Callable[[Database, str], Actor]


def head(db: Database) -> tuple[int, str]:
    with db.reading() as session:
        row = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        return row.seq, row.hash


def raw_sql(db: Database, *statements: str) -> None:
    """What someone with the file and the sqlite3 shell can do."""
    conn = sqlite3.connect(db.path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def a_write(db: Database, actor: Actor, username: str = "zhangsan") -> None:
    users.create_user(
        db, actor, username=username, display_name="张三", password="Start2026x", role_codes=["operator"]
    )


def test_every_write_moves_the_anchor_to_the_head(town_db: Database, actor_of: ActorOf) -> None:
    anchor = audit_anchor.read_anchor(town_db.path)
    assert anchor is not None and (anchor.seq, anchor.hash) == head(town_db)
    a_write(town_db, actor_of(town_db, "admin"))
    moved = audit_anchor.read_anchor(town_db.path)
    assert moved is not None and moved.seq > anchor.seq and (moved.seq, moved.hash) == head(town_db)
    assert audit.verify_chain(town_db).ok


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; Windows relies on the folder's ACL")
def test_the_anchor_file_is_owner_only(town_db: Database, actor_of: ActorOf) -> None:
    audit_anchor.anchor_path(town_db.path).chmod(0o644)  # e.g. copied by hand
    a_write(town_db, actor_of(town_db, "admin"))
    audit_anchor.wait_for_writes(town_db.path)  # the anchor moves on a thread of its own
    mode = stat.S_IMODE(os.stat(audit_anchor.anchor_path(town_db.path)).st_mode)
    assert mode == 0o600


@pytest.mark.parametrize("cut", [1, 100, "all"])
def test_a_cut_tail_is_reported(demo_db: Database, cut: int | str) -> None:
    seq, _ = head(demo_db)
    first_gone = 1 if cut == "all" else seq - int(cut) + 1
    raw_sql(
        demo_db,
        "DROP TRIGGER audit_log_no_delete",
        f"DELETE FROM audit_log WHERE seq >= {first_gone}",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    )
    report = audit.verify_chain(demo_db)
    assert not report.ok and report.broken_at is None  # the chain that is left is consistent in itself
    assert f"锚点记到第 {seq} 条" in report.one_line()


def test_a_row_edited_and_the_rest_rehashed_is_reported(demo_db: Database) -> None:
    seq, _ = head(demo_db)
    conn = sqlite3.connect(demo_db.path)
    try:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET summary = '无' WHERE seq = ?", (seq - 10,))
        conn.commit()
    finally:
        conn.close()
    # Re-hash the chain from the edited row on, as a careful attacker would.
    with demo_db.reading() as session:
        rows = list(
            session.scalars(select(AuditEntry).where(AuditEntry.seq >= seq - 10).order_by(AuditEntry.seq))
        )
        prev = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq - 11))
        assert prev is not None
        fixed = []
        for row in rows:
            new_hash = entry_hash(prev, row)
            fixed.append((prev, new_hash, row.seq))
            prev = new_hash
    conn = sqlite3.connect(demo_db.path)
    try:
        conn.executemany("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", fixed)
        conn.commit()
    finally:
        conn.close()
    report = audit.verify_chain(demo_db)
    assert report.broken_at is None, "the re-hashed chain is consistent in itself"
    assert not report.ok and f"第 {seq} 条与锚点不符" in report.one_line()


@pytest.mark.parametrize("trigger", audit.GUARD_TRIGGERS)
def test_a_dropped_guard_trigger_is_reported(demo_db: Database, trigger: str) -> None:
    raw_sql(demo_db, f"DROP TRIGGER {trigger}")
    report = audit.verify_chain(demo_db)
    assert not report.ok and trigger in report.one_line()


def test_a_cut_log_does_not_move_the_anchor_on_the_next_write(demo_db: Database, actor_of: ActorOf) -> None:
    seq, _ = head(demo_db)
    raw_sql(demo_db, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE seq > {seq - 5}")
    a_write(demo_db, actor_of(demo_db, "admin"))  # the program goes on working...
    anchor = audit_anchor.read_anchor(demo_db.path)
    assert anchor is not None and anchor.seq == seq  # ...but keeps the evidence
    assert not audit.verify_chain(demo_db).ok


def test_a_rehashed_head_does_not_move_the_anchor_on_the_next_write(
    demo_db: Database, actor_of: ActorOf
) -> None:
    """The anchor sits at the head the next write chains to; that head edited and re-hashed is caught."""
    seq, anchored = head(demo_db)
    raw_sql(
        demo_db,
        "DROP TRIGGER audit_log_no_update",
        f"UPDATE audit_log SET summary = '无', hash = '{'f' * 64}' WHERE seq = {seq}",
    )
    a_write(demo_db, actor_of(demo_db, "admin"))  # chained to the edited head...
    anchor = audit_anchor.read_anchor(demo_db.path)
    assert anchor == audit_anchor.Anchor(seq, anchored)  # ...but the anchor stays on the evidence
    assert head(demo_db)[0] > seq
    assert not audit.verify_chain(demo_db).ok


def test_a_lost_anchor_is_reported_and_an_administrator_can_start_a_new_one(
    demo_db: Database, actor_of: ActorOf
) -> None:
    audit_anchor.anchor_path(demo_db.path).unlink()
    report = audit.verify_chain(demo_db)
    assert not report.ok and "审计锚点文件" in report.one_line() and "缺失" in report.one_line()
    a_write(demo_db, actor_of(demo_db, "admin"))
    assert not audit_anchor.anchor_path(demo_db.path).exists(), "a write does not paper over the loss"

    with pytest.raises(PermissionDenied):
        audit.reestablish_anchor(demo_db, actor_of(demo_db, "shouli"), "复制到新电脑")
    with pytest.raises(ValidationError):
        audit.reestablish_anchor(demo_db, actor_of(demo_db, "admin"), "  ")
    audit.reestablish_anchor(demo_db, actor_of(demo_db, "admin"), "数据库复制到新电脑时未带锚点文件")
    assert audit.verify_chain(demo_db).ok
    with demo_db.reading() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert last.action == audit_anchor.ESTABLISHED and last.username == "admin"
    assert "缺失" in json.loads(last.detail)["findings"][0]


def test_an_edited_anchor_file_is_reported(demo_db: Database) -> None:
    audit_anchor.anchor_path(demo_db.path).write_text("{}", encoding="utf-8")
    assert "审计锚点文件无法读取" in audit.verify_chain(demo_db).one_line()


def test_a_database_from_before_the_anchor_gets_one_when_first_opened(demo_db: Database) -> None:
    # As made by an earlier version: no anchor row, no anchor file.
    raw_sql(
        demo_db,
        "DROP TRIGGER audit_log_no_delete",
        f"DELETE FROM audit_log WHERE action = '{audit_anchor.ESTABLISHED}'",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    )
    audit_anchor.anchor_path(demo_db.path).unlink()
    assert audit.anchor_findings(demo_db) == []  # nothing to hold it against yet
    bring_up_to_date(demo_db)
    with demo_db.reading() as session:
        established = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == audit_anchor.ESTABLISHED)
        )
    assert established == 1
    anchor = audit_anchor.read_anchor(demo_db.path)
    assert anchor is not None and (anchor.seq, anchor.hash) == head(demo_db)
    bring_up_to_date(demo_db)  # only once
    assert audit_anchor.read_anchor(demo_db.path) == anchor


def test_the_check_command_fails_on_a_cut_tail(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop import cli

    seq, _ = head(demo_db)
    raw_sql(demo_db, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE seq = {seq}")
    demo_db.close()
    assert cli.main(["check", "--db", str(demo_db.path)]) == 1
    out = capsys.readouterr()
    assert "审计日志尾部缺失" in out.out + out.err
    assert "audit_log_no_delete" in out.out + out.err


def test_an_emptied_log_is_not_re_anchored_when_the_program_next_opens_it(
    demo_db: Database, actor_of: ActorOf
) -> None:
    """Found by a hostile test: deleting every row, the 建立审计锚点 ones included, made the next start
    look like a database from before the anchor, and the program started a new one over the evidence."""
    seq, _ = head(demo_db)
    raw_sql(
        demo_db,
        "DROP TRIGGER audit_log_no_delete",
        "DELETE FROM audit_log",
        audit.GUARD_TRIGGERS["audit_log_no_delete"],
    )
    bring_up_to_date(demo_db)  # what every start of the program and of a command does
    a_write(demo_db, actor_of(demo_db, "admin"))
    anchor = audit_anchor.read_anchor(demo_db.path)
    assert anchor is not None and anchor.seq == seq
    assert f"锚点记到第 {seq} 条" in audit.verify_chain(demo_db).one_line()


def test_an_emptied_log_without_its_anchor_file_is_a_finding_not_a_fresh_start(
    demo_db: Database, actor_of: ActorOf
) -> None:
    """Cold test 24: every row deleted AND the anchor file removed looked like a database from before
    anchors; the next start anchored anew and the check said 完整（0 条）. A set-up database always has
    rows from its first run, so an empty log there is reported and never re-anchored."""
    raw_sql(
        demo_db,
        "DROP TRIGGER audit_log_no_delete",
        "DELETE FROM audit_log",
        audit.GUARD_TRIGGERS["audit_log_no_delete"],
    )
    audit_anchor.anchor_path(demo_db.path).unlink()
    bring_up_to_date(demo_db)  # what every start of the program and of a command does
    assert audit_anchor.read_anchor(demo_db.path) is None
    report = audit.verify_chain(demo_db)
    assert not report.ok and "审计日志为空" in report.one_line()
    with demo_db.reading() as session:
        assert session.scalar(select(AuditEntry.seq).limit(1)) is None  # no 建立审计锚点 row written


def test_a_guard_trigger_that_does_nothing_is_reported(demo_db: Database) -> None:
    raw_sql(
        demo_db,
        "DROP TRIGGER audit_log_no_update",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0 BEGIN SELECT 1; END",
        "CREATE TRIGGER audit_log_sweeper AFTER INSERT ON audit_log WHEN 0 BEGIN SELECT 1; END",
    )
    report = audit.verify_chain(demo_db)
    assert not report.ok
    assert "audit_log_no_update 被改写" in report.one_line() and "audit_log_sweeper" in report.one_line()
