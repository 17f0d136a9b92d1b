"""Backups and restore (issue 15): the file holds the database and the attachments, says what it is,
is checked when written and before it is used, and a refusal leaves the database as it was."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from db_helpers import Towncentre, copy_database, dump_tables
from event_inputs import an_event
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from sqlalchemy import func, select

from desktop import backup_archive, cli_auth
from desktop.clock import to_local
from desktop.db import Database, is_damage
from desktop.demo.town import DEMO_PASSWORD
from desktop.errors import PermissionDenied, UserError
from desktop.models import AuditEntry, Event, EventAttachment
from desktop.paths import attachments_dir, backups_dir, sweep_leftovers
from desktop.selfcheck import FAIL, run_checks
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.events import AttachmentInput
from desktop.services.system import backups
from desktop.views.daily_backup import latest_text

FIXTURES = Path(__file__).parent / "fixtures"
Actors = Callable[[Database, str], Actor]


@pytest.fixture
def db(demo_db: Database) -> Iterator[Database]:
    yield demo_db


def add_event(db: Database, actors: Actors, title: str, photo: Path | None = None) -> str:
    attachments = (AttachmentInput(photo),) if photo else ()
    created = events.create_event(
        db, actors(db, "shouli"), an_event(db, title=title, attachments=attachments)
    )
    return created.id


def titles(db: Database) -> set[str]:
    with db.reading() as session:
        return set(session.scalars(select(Event.title)))


def file_state(db_path: Path) -> dict[str, str]:
    """Every file beside the database (backups folder excepted) with its SHA-256: what a refused
    restore must leave exactly as it was."""
    state = {}
    for path in sorted(db_path.parent.rglob("*")):
        if path.is_file() and backups_dir(db_path) not in path.parents and "logs" not in path.parts:
            state[str(path.relative_to(db_path.parent))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def test_a_backup_holds_the_database_and_attachments_and_restores_them(
    db: Database, actor_of: Actors, tmp_path: Path
) -> None:
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8photo" * 1000)
    add_event(db, actor_of, "备份前登记的事件", photo)
    admin = actor_of(db, "admin")

    result = backups.back_up(db, admin)

    manifest = backup_archive.verify_backup(result.path)
    assert manifest.kind == backups.MANUAL and manifest.made_by == "admin" and manifest.is_good
    assert manifest.town_code == "330127104000" and manifest.counts["events"] == 1
    with db.reading() as session:
        stored = session.scalars(select(EventAttachment)).one()
    assert [(a.name, a.sha256) for a in manifest.attachments] == [
        ("attachments/" + stored.stored_path, stored.sha256)
    ]
    assert oct(result.path.stat().st_mode & 0o777) == "0o600"

    # Work after the backup, and an attachment file lost from the disk.
    add_event(db, actor_of, "备份后登记的事件")
    (attachments_dir(db.path) / stored.stored_path).unlink()
    db_path = db.path
    db.close()

    restored = backups.restore(db_path, result.path, admin, reason="演练恢复")

    again = Database.open(db_path)
    try:
        assert titles(again) == {"备份前登记的事件"}
        file = attachments_dir(db_path) / stored.stored_path
        assert hashlib.sha256(file.read_bytes()).hexdigest() == stored.sha256
        with again.reading() as session:
            last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None and last.action == backups.RESTORED and last.username == "admin"
        assert "演练恢复" in last.summary
    finally:
        again.close()
    # The audit chain and its anchor agree after the restore: `check` finds nothing.
    assert [line for line in run_checks(db_path) if line.status == FAIL] == []
    # What was replaced is a backup of its own, holding the later event.
    assert restored.kept_aside is not None
    kept = backup_archive.read_manifest(restored.kept_aside)
    assert kept.kind == backups.BEFORE_RESTORE and kept.counts["events"] == 2


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _rewritten(source: Path, target: Path, change: Callable[[dict[str, object]], None]) -> Path:
    """A copy of a real backup whose manifest was changed by `change`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == backup_archive.MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            new.writestr(info, data)
    return target


def _flip_database_byte(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = bytearray(old.read(info))
            if info.filename == backup_archive.DATABASE_MEMBER:
                data[len(data) // 2] ^= 0xFF
            new.writestr(info, bytes(data))
    return target


def _written(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target


def _set(key: str, value: object) -> Callable[[dict[str, object]], None]:
    return lambda manifest: manifest.__setitem__(key, value)


def _evil_attachment(manifest: dict[str, object]) -> None:
    manifest["attachments"] = [{"name": "attachments/../../evil.txt", "size": 1, "sha256": "0" * 64}]


BAD_FILES: dict[str, Callable[[Path, Path], Path]] = {
    "not a zip": lambda good, t: _written(t, b"SQLite format 3\x00" + b"\x00" * 100),
    "a zip without a manifest": lambda good, t: _zip(t, {"database/towncentre.db": b"x"}),
    "a manifest that is not JSON": lambda good, t: _zip(t, {"manifest.json": b"\xff\xfe{"}),
    "another program's manifest": lambda good, t: _rewritten(good, t, _set("format", "other-backup")),
    "a newer format": lambda good, t: _rewritten(good, t, _set("format_version", 99)),
    "a newer schema": lambda good, t: _rewritten(good, t, _set("schema_revision", "9999")),
    "a damaged database member": _flip_database_byte,
    "an attachment name leaving its folder": lambda good, t: _rewritten(good, t, _evil_attachment),
    "a truncated file": lambda good, t: _written(t, good.read_bytes()[: good.stat().st_size // 2]),
    "a database damaged when backed up": lambda good, t: _rewritten(good, t, _set("integrity", "page 7 bad")),
    "an encrypted backup": lambda good, t: _rewritten(good, t, _set("encryption", "sqlcipher4")),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_file_that_cannot_be_restored_is_refused_and_changes_nothing(
    db: Database, actor_of: Actors, tmp_path: Path, kind: str
) -> None:
    admin = actor_of(db, "admin")
    good = backups.write(db.path, kind=backups.MANUAL, made_by="admin").path
    add_event(db, actor_of, "恢复被拒后仍在的事件")
    bad = BAD_FILES[kind](good, tmp_path / "bad.tcbak")
    db_path = db.path
    db.close()
    before = file_state(db_path)
    listed = sorted(p.name for p in backups_dir(db_path).iterdir())

    with pytest.raises(UserError) as refused:
        backups.restore(db_path, bad, admin)

    assert "未做任何改动" in refused.value.zh
    assert file_state(db_path) == before
    assert sorted(p.name for p in backups_dir(db_path).iterdir()) == listed
    assert not [p for p in db_path.parent.iterdir() if "restoring" in p.name]


def test_another_towns_backup_is_restored_only_when_confirmed(
    db: Database, actor_of: Actors, tmp_path: Path
) -> None:
    admin = actor_of(db, "admin")
    elsewhere = copy_database(db.path, tmp_path / "elsewhere" / "towncentre.db")
    with sqlite3.connect(elsewhere) as conn:
        conn.execute("UPDATE town_profile SET area_code = '330127105000', name = '东华门街道'")
    conn.close()
    other = backups.write(elsewhere, kind=backups.MANUAL, made_by="admin").path
    # A manifest rewritten to claim this town does not hide the database's own.
    disguised = _rewritten(other, tmp_path / "disguised.tcbak", _set("town_code", "330127104000"))
    db_path = db.path
    db.close()
    before = file_state(db_path)

    with pytest.raises(backups.OtherTown, match="330127105000"):
        backups.restore(db_path, other, admin)
    with pytest.raises(backup_archive.NotABackup, match="不符"):
        backups.restore(db_path, disguised, admin, other_town_ok=True)
    assert file_state(db_path) == before

    result = backups.restore(db_path, other, admin, other_town_ok=True)
    assert result.manifest.town_code == "330127105000"


def test_the_right_to_restore_and_back_up(db: Database, actor_of: Actors) -> None:
    good = backups.write(db.path, kind=backups.MANUAL, made_by="admin").path
    operator = actor_of(db, "shouli")
    with pytest.raises(PermissionDenied):
        backups.back_up(db, operator)
    db_path = db.path
    db.close()
    before = file_state(db_path)
    with pytest.raises(PermissionDenied):
        backups.restore(db_path, good, operator)
    assert file_state(db_path) == before


def test_a_backup_from_an_older_version_is_migrated_after_restore(
    db: Database, actor_of: Actors, tmp_path: Path
) -> None:
    import gzip

    old = tmp_path / "old" / "towncentre.db"
    old.parent.mkdir()
    old.write_bytes(gzip.decompress((FIXTURES / "schema-0007-demo.db.gz").read_bytes()))
    old_rows = dump_tables(old)
    made = backups.write(old, kind=backups.MANUAL, made_by="admin")
    assert made.manifest.schema_revision == "0007"
    admin = actor_of(db, "admin")
    db_path = db.path
    db.close()

    result = backups.restore(db_path, made.path, admin, other_town_ok=True)

    assert result.migrated_from == "0007"
    after = dump_tables(db_path)
    for table in ("event", "event_action", "mediation_case", "person", "app_user"):
        assert len(after[table]) == len(old_rows[table]), table
    assert [line for line in run_checks(db_path) if line.status == FAIL] == []


def _fake_backup(
    folder: Path, created: datetime, kind: str, stem: str = "towncentre", town: str = "330127104000"
) -> Path:
    """A file with a real manifest and no data: enough for the list and the rotation."""
    manifest = backup_archive.Manifest(
        created_at=created.isoformat(), kind=kind, made_by="system", program_version="0.1.0",
        schema_revision="0008", town_code=town, town_name="清溪镇", counts={},
        database=backup_archive.MemberEntry(backup_archive.DATABASE_MEMBER, 0, "0" * 64), attachments=(),
        integrity="ok",
    )  # fmt: skip
    path = folder / f"{stem}-{to_local(created):%Y%m%d-%H%M%S}-{kind}.tcbak"
    return _zip(path, {backup_archive.MANIFEST: manifest.to_json().encode()})


def test_daily_copies_keep_14_days_and_12_months(tmp_path: Path) -> None:
    db_path = tmp_path / "towncentre.db"
    folder = backups_dir(db_path)
    folder.mkdir()
    now = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    daily = [
        _fake_backup(folder, now - timedelta(days=d, hours=h), backups.DAILY)
        for d in range(400)
        for h in (0, 1)
    ]
    manual = _fake_backup(folder, now - timedelta(days=300), backups.MANUAL)
    before_upgrade = _fake_backup(folder, now - timedelta(days=200), backups.BEFORE_MIGRATION)
    # Daily copies the rotation must leave alone: renamed by hand, and another database's.
    renamed = _fake_backup(folder, now - timedelta(days=100, minutes=30), backups.DAILY).rename(
        folder / "给县里-请勿删除.tcbak"
    )
    other_database = _fake_backup(folder, now - timedelta(days=100), backups.DAILY, stem="archive2025")

    removed = backups.prune(db_path)

    kept = {p for p in daily if p.exists()}
    assert manual.exists() and before_upgrade.exists() and renamed.exists() and other_database.exists()
    kept_days = sorted({to_local(backup_archive.read_manifest(p).created).date() for p in kept})
    # The newest copy of each of the last 14 days, and of each of the 12 most recent months.
    last_14 = [to_local(now - timedelta(days=d)).date() for d in range(14)]
    assert set(last_14) <= set(kept_days)
    months = {(d.year, d.month) for d in kept_days}
    assert len(months) == 12
    assert len(kept) == len(kept_days) == 14 + len(months - {(2026, 11)})
    assert len(removed) == len(daily) - len(kept)
    # Of the two copies a day, the newer one is kept.
    assert all(p in kept for p in daily[0:28:2]) and not any(p in kept for p in daily[1:28:2])


def test_the_newest_backup_shown_is_this_databases_own(db: Database) -> None:
    """The status bar's 备份：今天 … must not come from another database kept in the same folder."""
    folder = backups_dir(db.path)
    folder.mkdir(exist_ok=True)
    now = datetime.now(UTC)
    own_manual = _fake_backup(folder, now - timedelta(days=6), backups.MANUAL, stem=db.path.stem)
    # Newer, but not this database's: a test copy's daily copy, and one renamed by hand.
    _fake_backup(folder, now - timedelta(minutes=5), backups.DAILY, stem="towncentre-test")
    _fake_backup(folder, now - timedelta(minutes=4), backups.DAILY, stem="big")
    _fake_backup(folder, now - timedelta(minutes=3), backups.DAILY).rename(folder / "拷给县里.tcbak")
    # Another town's copy under this database's name (brought from another PC).
    _fake_backup(folder, now - timedelta(minutes=2), backups.DAILY, stem=db.path.stem, town="330127105000")

    newest = backups.newest_own(db.path)

    assert newest is not None and newest.path == own_manual
    text, where = latest_text(db.path)
    assert "今天" not in text and where == str(own_manual)
    # Before, the status bar said 备份：今天 for any of them.
    assert backups.newest_good(db.path) is not None and backups.newest_good(db.path) != newest


def test_a_daily_backup_is_made_once_a_day(db: Database) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    backups.write(db.path, kind=backups.DAILY, made_by="system", created_at=yesterday)
    # One made while the PC's clock was years ahead does not count as today's.
    backups.write(
        db.path, kind=backups.DAILY, made_by="system", created_at=datetime.now(UTC) + timedelta(days=1800)
    )
    assert backups.daily_due(db.path)
    made = backups.run_daily(db.path)
    assert made is not None and made.manifest.kind == backups.DAILY
    assert not backups.daily_due(db.path)
    assert backups.run_daily(db.path) is None


def test_a_cancelled_backup_leaves_no_file(db: Database) -> None:
    calls = {"n": 0}

    def cancel_later() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(backup_archive.BackupCancelled):
        backups.write(db.path, kind=backups.MANUAL, made_by="admin", cancelled=cancel_later)
    assert list(backups_dir(db.path).iterdir()) == []


def test_a_damaged_database_is_kept_aside_and_the_backup_put_in_place(
    db: Database, actor_of: Actors, demo_db_file: Path, tmp_path: Path
) -> None:
    add_event(db, actor_of, "损坏前已备份的事件")
    good = backups.write(db.path, kind=backups.DAILY, made_by="system")
    db_path = db.path
    db.close()
    damaged = bytearray(db_path.read_bytes())
    damaged[:100] = b"\x00" * 100  # the header gone: SQLite says "file is not a database"
    db_path.write_bytes(bytes(damaged))
    with pytest.raises(UserError) as problem:
        Database.open(db_path)
    assert is_damage(problem.value)
    assert backups.newest_good(db_path) is not None

    result = backups.restore(db_path, good.path, None, reason="启动时发现数据库损坏")

    assert result.kept_aside is not None and result.kept_aside.read_bytes() == bytes(damaged)
    again = Database.open(db_path)
    try:
        assert "损坏前已备份的事件" in titles(again)
        with again.reading() as session:
            count = session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "从备份恢复")
            )
        assert count == 1
    finally:
        again.close()


# --- the command line --------------------------------------------------------------------------


def test_backup_and_restore_from_the_command_line(
    towncentre: Towncentre, demo_db_file: Path, tmp_path: Path
) -> None:
    db_path = copy_database(demo_db_file, tmp_path / "data" / "towncentre.db")
    usb = tmp_path / "usb"
    usb.mkdir()
    env = {"TOWNCENTRE_PASSWORD": DEMO_PASSWORD}

    run = towncentre("backup", "--db", str(db_path), "--user", "admin", "--out", str(usb), **env)
    assert run.returncode == 0, run.stderr
    (made,) = usb.glob("*.tcbak")
    assert "已检验" in run.stdout

    again_there = towncentre("backup", "--db", str(db_path), "--user", "admin", "--out", str(made), **env)
    assert again_there.returncode == 1 and "已存在" in again_there.stderr
    daily = towncentre("backup", "--db", str(db_path), "--user", "admin", "--daily", **env)
    again = towncentre("backup", "--db", str(db_path), "--user", "admin", "--daily", **env)
    assert daily.returncode == again.returncode == 0
    assert "今天已有每日备份" in again.stdout
    assert len(list(backups_dir(db_path).glob("*-scheduled.tcbak"))) == 1

    refused = towncentre("restore", "--db", str(db_path), "--from", str(made), "--user", "shouli", **env)
    assert refused.returncode == 1 and "权限" in refused.stderr

    unasked = towncentre("restore", "--db", str(db_path), "--from", str(made), "--user", "admin", **env)
    assert unasked.returncode == 2 and "--yes" in unasked.stderr  # no terminal to ask on
    restored = towncentre(
        "restore",
        "--db",
        str(db_path),
        "--from",
        str(made),
        "--user",
        "admin",
        "--reason",
        "演练",
        "--yes",
        **env,
    )
    assert restored.returncode == 0, restored.stderr
    assert "原数据库已另存为" in restored.stdout

    not_ours = tmp_path / "x.tcbak"
    not_ours.write_text("hello")
    before = file_state(db_path)
    bad = towncentre(
        "restore", "--db", str(db_path), "--from", str(not_ours), "--user", "admin", "--yes", **env
    )
    assert bad.returncode == 1 and "不是本程序的备份文件" in bad.stderr
    assert file_state(db_path) == before


def test_a_damaged_database_is_restored_from_the_command_line_by_the_backups_users(
    towncentre: Towncentre, demo_db_file: Path, tmp_path: Path
) -> None:
    db_path = copy_database(demo_db_file, tmp_path / "towncentre.db")
    made = backups.write(db_path, kind=backups.MANUAL, made_by="admin").path
    db_path.write_bytes(b"\x00" * 4096)
    env = {"TOWNCENTRE_PASSWORD": DEMO_PASSWORD}

    wrong = towncentre("restore", "--db", str(db_path), "--from", str(made), "--user", "admin", "--yes",
                       TOWNCENTRE_PASSWORD="wrong-password")  # fmt: skip
    assert wrong.returncode == 1
    assert db_path.read_bytes() == b"\x00" * 4096

    run = towncentre("restore", "--db", str(db_path), "--from", str(made), "--user", "admin", "--yes", **env)
    assert run.returncode == 0, run.stderr
    assert "按备份中的用户核对身份" in run.stderr
    assert [line for line in run_checks(db_path) if line.status == FAIL] == []


class MemoryKeyring(KeyringBackend):
    """A keyring in memory: the machine's own (Credential Manager on Windows) is not here."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def test_a_scheduled_backup_uses_the_password_remembered_in_the_keyring(
    towncentre: Towncentre, demo_db_file: Path, tmp_path: Path
) -> None:
    db_path = copy_database(demo_db_file, tmp_path / "towncentre.db")
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        nothing = towncentre("backup", "--db", str(db_path), "--user", "admin", "--daily")
        assert nothing.returncode == 2 and "TOWNCENTRE_PASSWORD" in nothing.stderr

        wrong = towncentre(
            "remember-password", "--db", str(db_path), "--user", "admin", TOWNCENTRE_PASSWORD="x1"
        )
        assert wrong.returncode == 1 and memory.store == {}

        kept = towncentre(
            "remember-password", "--db", str(db_path), "--user", "admin", TOWNCENTRE_PASSWORD=DEMO_PASSWORD
        )
        assert kept.returncode == 0, kept.stderr
        assert list(memory.store.values()) == [DEMO_PASSWORD]

        scheduled = towncentre("backup", "--db", str(db_path), "--user", "admin", "--daily")
        assert scheduled.returncode == 0, scheduled.stderr
        assert len(list(backups_dir(db_path).glob("*-scheduled.tcbak"))) == 1

        # Kept for the nightly backup only: no other command logs in with it.
        export = towncentre(
            "export", "events", "--db", str(db_path), "--user", "admin", "--out", str(tmp_path / "e.xlsx")
        )
        assert export.returncode == 2 and not (tmp_path / "e.xlsx").exists()

        forgot = towncentre("remember-password", "--db", str(db_path), "--user", "admin", "--forget")
        assert forgot.returncode == 0 and memory.store == {}

        # A kept password that went stale is dropped at its first failure, before it locks the account.
        memory.set_password(cli_auth.KEYRING_SERVICE, "admin", "Changed2026")
        stale = towncentre("backup", "--db", str(db_path), "--user", "admin", "--daily")
        assert stale.returncode == 1 and "remember-password" in stale.stderr and memory.store == {}
    finally:
        keyring.set_keyring(previous)


def test_what_a_killed_restore_left_is_swept_once_old(db: Database) -> None:
    import os
    import time

    folder = db.path.parent
    staged = folder / f".{db.path.name}.restoring-1-2"
    staged.write_bytes(b"x" * 1000)
    attachments = folder / ".attachments.restoring-1-2"
    (attachments / "2026").mkdir(parents=True)
    part = backups_dir(db.path) / "t-20260101-000000-daily.tcbak.part"
    part.parent.mkdir(exist_ok=True)
    part.write_bytes(b"x")
    young = folder / f".{db.path.name}.restoring-3-4"
    young.write_bytes(b"x")
    old = time.time() - 7 * 3600
    for path in (staged, attachments, part):
        os.utime(path, (old, old))

    assert sweep_leftovers(db.path) == 3
    assert not staged.exists() and not attachments.exists() and not part.exists()
    assert young.exists()  # may belong to a restore running now


def _with_database(good: Path, target: Path, database: Path) -> Path:
    """A copy of a real backup whose database member is `database`, the manifest's size and hash
    updated to match (as a forger would), its counts left as they were."""
    data = database.read_bytes()
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == backup_archive.DATABASE_MEMBER:
                content = data
            elif info.filename == backup_archive.MANIFEST:
                manifest = json.loads(content)
                manifest["database"] = {
                    "name": backup_archive.DATABASE_MEMBER,
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                content = json.dumps(manifest).encode()
            new.writestr(info.filename, content)
    return target


def _edited_copy(db: Database, tmp_path: Path, *statements: str) -> Path:
    copy = copy_database(db.path, tmp_path / "edited" / "towncentre.db")
    conn = sqlite3.connect(copy)
    try:
        with conn:
            for statement in statements:
                conn.execute(statement)
    finally:
        conn.close()
    return copy


GUARDS = ("audit_log_no_update", "audit_log_no_delete")


def test_a_database_with_code_of_its_own_or_a_cut_audit_log_is_refused(
    db: Database, actor_of: Actors, tmp_path: Path
) -> None:
    admin = actor_of(db, "admin")
    good = backups.write(db.path, kind=backups.MANUAL, made_by="admin").path
    evil = _edited_copy(
        db, tmp_path, "CREATE TRIGGER evil AFTER INSERT ON audit_log BEGIN UPDATE person SET phone = '1'; END"
    )
    with sqlite3.connect(evil) as conn:
        guards = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
    conn.close()
    cut = _edited_copy(
        db,
        tmp_path / "cut",
        *(f"DROP TRIGGER {name}" for name in guards if name.startswith("audit_log")),
        "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 20 FROM audit_log)",
        *(guards[name] for name in guards if name.startswith("audit_log")),
    )
    with_trigger = backups.write(evil, kind=backups.MANUAL, made_by="admin").path
    shortened = _with_database(good, tmp_path / "cut.tcbak", cut)
    bomb = tmp_path / "bomb.tcbak"
    zeros = tmp_path / "zeros.db"
    zeros.write_bytes(b"\x00" * 20_000_000)
    _with_database(good, bomb, zeros)
    db_path = db.path
    db.close()
    before = file_state(db_path)

    with pytest.raises(backup_archive.NotABackup, match="多出 trigger evil"):
        backups.restore(db_path, with_trigger, admin)
    with pytest.raises(backup_archive.BackupDamaged, match="审计日志比制作时短"):
        backups.restore(db_path, shortened, admin)
    with pytest.raises(backup_archive.NotABackup, match="不是数据库文件"):
        backups.restore(db_path, bomb, admin)  # refused from its first bytes, before anything is unpacked
    assert file_state(db_path) == before


def test_the_previous_database_comes_back_when_the_restored_one_cannot_be_opened(
    db: Database, actor_of: Actors, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = actor_of(db, "admin")
    good = backups.write(db.path, kind=backups.MANUAL, made_by="admin").path
    add_event(db, actor_of, "恢复失败后仍在的事件")
    db_path = db.path
    db.close()
    before = file_state(db_path)

    def fails(*_args: object) -> None:
        raise OSError(5, "Input/output error")  # as a disk failing right after the swap would

    monkeypatch.setattr(backups, "_open_and_record", fails)
    with pytest.raises(OSError):
        backups.restore(db_path, good, admin)

    assert file_state(db_path) == before
    again = Database.open(db_path)
    try:
        assert "恢复失败后仍在的事件" in titles(again)
    finally:
        again.close()
    assert [line for line in run_checks(db_path) if line.status == FAIL] == []


def test_a_database_missing_an_index_is_still_restored(
    db: Database, actor_of: Actors, tmp_path: Path
) -> None:
    """An index changes speed, not what the data is: a database that lost one (a bulk load, a tool)
    restores, and the program's own migrations are what make indexes."""
    admin = actor_of(db, "admin")
    lean = _edited_copy(db, tmp_path, "DROP INDEX ix_event_action_actor_kind_at")
    made = backups.write(lean, kind=backups.MANUAL, made_by="admin").path
    db_path = db.path
    db.close()
    result = backups.restore(db_path, made, admin)
    assert result.manifest.town_code == "330127104000"
