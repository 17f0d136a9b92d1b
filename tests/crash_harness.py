"""Kill harness for issue 15: SIGKILL a process at a random moment of heavy writing, then check what the
next start-up finds.

For each kind, `kill_once` forks a child (after every import, with no SQLite connection open in the
parent: SQLite connections and their POSIX locks must not cross a fork) that writes in an endless loop
and appends one line per finished operation to `reported.log`, written and fsync'd only after the
service call returned: what the program told the person was done. The parent sleeps a random delay
(from a seeded `random.Random`), SIGKILLs the child and checks, as the next start-up would
(`Database.open`, which migrates, then `bring_up_to_date`): the database opens, `PRAGMA
integrity_check` is ok, the audit chain and its anchor agree, every reported operation is there, and
the kind's own rule holds (see the `_check_*` functions). Every complete `*.tcbak` left anywhere must
pass `verify_backup`; a `.part`, a `.snapshot-*` or a `.restoring-*` staging file may stay behind
(counted as leftovers, not failures).

SIGKILL tests a crash of the program, not a power cut: the operating system's page cache survives it.

Kinds: saves (events.create_event), import (the matter-list xlsx, two versions in turn), migration
(Database.open of the frozen 0007 database), backup (backups.write, between event saves), restore
(backups.restore of two backups in turn). Used by tests/test_crash_safety.py and scripts/kill_test.py.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from db_helpers import ADMIN_PASSWORD, FIXTURES, copy_database, dump_with_columns, lost_rows, set_up_town
from event_inputs import an_event
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop import backup_archive
from desktop.db import Database, head_revision, read_schema_state
from desktop.errors import UserError
from desktop.models import Event, EventAttachment, MatterItem, MatterListVersion, User
from desktop.paths import SNAPSHOT_PREFIX, attachments_dir, backups_dir
from desktop.services import events
from desktop.services.accounts import auth, users
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.common import audit_anchor
from desktop.services.common.uow import unit_of_work
from desktop.services.events import AttachmentInput
from desktop.services.matters import exchange, listfile
from desktop.services.matters.listfile import ITEM_HEADERS, VersionInfo
from desktop.services.startup import bring_up_to_date
from desktop.services.system import audit, backups
from desktop.services.workforce import grids

KINDS = ("saves", "import", "migration", "backup", "restore")
# The longest random delay before the kill, per kind: a few operations' worth, start-up included.
WINDOWS = {"saves": 1.0, "import": 2.5, "migration": 1.5, "backup": 1.5, "restore": 3.0}
CHILD_LIMIT_S = 60.0  # a child the parent never killed (the parent died) stops by itself
DB_NAME = "towncentre.db"
OPERATOR = "zhuren"
REPORTED = "reported.log"
CHILD_ERROR = "child-error.txt"
SAVE_TITLE = "断电测试事件 "
TIME_LIMITS = (11, 13)  # 办理时限 of every item in list version A and in list version B
RESTORE_TITLES = {
    "before": ("恢复前已有的事件",),
    "A": ("备份甲中的事件 1", "备份甲中的事件 2"),
    "B": ("备份乙中的事件 1", "备份乙中的事件 2", "备份乙中的事件 3"),
}
MIGRATION_FIXTURE = "schema-0007-demo.db.gz"
# What a killed step may leave: a backup's unfinished file and snapshot, a restore's staging copies.
LEFTOVER_MARKS = (".part", SNAPSHOT_PREFIX, ".restoring-")


@dataclass(frozen=True)
class KillResult:
    kind: str
    delay: float
    killed: bool  # False: the child had ended by itself (an error) before the kill
    reported: int  # operations the child reported done before it died
    problems: tuple[str, ...]
    leftovers: tuple[str, ...] = ()

    @property
    def survived(self) -> bool:
        return self.killed and not self.problems


# --- materials, made once and shared by the kills ------------------------------------------------


def make_base(folder: Path, town: Path | None = None) -> Path:
    """A set-up town (a copy of `town`, or set up here) with one community, one grid and a 主任
    (`zhuren`, who registers events and imports the matter list); `admin` backs up and restores."""
    path = folder / "base" / DB_NAME
    if town is not None:
        copy_database(town, path)
        db = Database.open(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = set_up_town(Database.open(path))
    try:
        with unit_of_work(db, SYSTEM_ACTOR) as uow:
            community = grids.add_community(uow, uow.town_code[:9] + "201", "青溪村", "村")
            grids.add_grid(uow, community, 1, "青溪村第一网格", "综合网格", 320, 960)
        users.create_user(
            db, SYSTEM_ACTOR, username=OPERATOR, display_name="李明华", password=ADMIN_PASSWORD,
            role_codes=["manager"],
        )  # fmt: skip
    finally:
        db.close()
    return path


class Materials:
    """What the kinds start from, in `folder`; each part is made the first time a kind needs it
    (`prepare`, before any fork, so that children only copy)."""

    def __init__(self, folder: Path, base: Path) -> None:
        self.folder = folder
        self.base = base

    @classmethod
    def build(cls, folder: Path, town: Path | None = None) -> Materials:
        return cls(folder, make_base(folder, town))

    def prepare(self, kind: str) -> None:
        needs = {
            "saves": ("photo",),
            "import": ("list_codes",),
            "migration": ("old_anchor", "old_rows"),
            "backup": ("photo",),
            "restore": ("restore_start",),
        }
        for name in needs[kind]:
            getattr(self, name)

    @cached_property
    def photo(self) -> Path:
        path = self.folder / "现场照片.jpg"
        path.write_bytes(b"\xff\xd8\xff\xe0" + random.Random(15).randbytes(48_000))
        return path

    @cached_property
    def lists(self) -> tuple[Path, Path]:
        """The town's matter list as two files, A and B, that differ in every item's 办理时限."""
        exported = self.folder / "list.xlsx"
        with _opened(self.base) as db:
            exchange.export_xlsx(db, SYSTEM_ACTOR, exported)
        book = load_workbook(exported)
        sheet = book["事项清单"]
        limit = ITEM_HEADERS.index("办理时限") + 1
        made = []
        for label, days in zip("AB", TIME_LIMITS, strict=True):
            for row in range(2, sheet.max_row + 1):
                sheet.cell(row=row, column=limit, value=days)
            made.append(self.folder / f"list-{label}.xlsx")
            book.save(made[-1])
        return made[0], made[1]

    @cached_property
    def list_codes(self) -> dict[str, int]:
        """Item code -> 办理时限 in the base database, for the items the list files hold."""
        book = load_workbook(self.lists[0], read_only=True)
        try:
            code = ITEM_HEADERS.index("事项编码")
            codes = {str(r[code]) for r in book["事项清单"].iter_rows(min_row=2, values_only=True)}
        finally:
            book.close()
        with _opened(self.base) as db, db.reading() as session:
            rows = session.execute(select(MatterItem.code, MatterItem.time_limit_days)).all()
        return {c: days for c, days in rows if c in codes}

    @cached_property
    def restore_start(self) -> Path:
        """The database a restore kill starts from; also makes the two backups it restores in turn."""
        start = copy_database(self.base, self.folder / "restore-start" / DB_NAME)
        _add_events(start, RESTORE_TITLES["before"], None)
        for label in ("A", "B"):
            source = copy_database(self.base, self.folder / f"restore-{label}" / DB_NAME)
            _add_events(source, RESTORE_TITLES[label], self.photo)
            backups.write(source, kind=backups.MANUAL, made_by="admin", target=self.restore_source(label))
        return start

    def restore_source(self, label: str) -> Path:
        return self.folder / f"{label}.tcbak"

    @cached_property
    def old_database(self) -> bytes:
        """The frozen 0007 database, as the program of that revision left it."""
        return gzip.decompress((FIXTURES / MIGRATION_FIXTURE).read_bytes())

    @cached_property
    def _old_copy(self) -> Path:
        path = self.folder / "old" / DB_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.old_database)
        return path

    @cached_property
    def old_rows(self) -> dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]]:
        return dump_with_columns(self._old_copy)

    @cached_property
    def old_anchor(self) -> audit_anchor.Anchor:
        """The anchor the 0007 program kept beside that database (the fixture is the file alone)."""
        conn = sqlite3.connect(self._old_copy)
        try:
            seq, digest = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            conn.close()
        return audit_anchor.Anchor(int(seq), str(digest))


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[Database]:
    db = Database.open(path)
    try:
        yield db
    finally:
        db.close()


def actor_of(db: Database, username: str) -> Actor:
    with db.reading() as session:
        user = session.scalar(
            select(User).where(User.username == username).options(selectinload(User.role_links))
        )
        assert user is not None
        return auth.build_actor(session, user)


def _add_events(path: Path, titles: tuple[str, ...], photo: Path | None) -> None:
    with _opened(path) as db:
        actor = actor_of(db, OPERATOR)
        for title in titles:
            files = (AttachmentInput(photo),) if photo is not None else ()
            events.create_event(db, actor, an_event(db, title=title, attachments=files))


# --- the child: endless writing, one reported line per finished operation ------------------------


class Reporter:
    """Appends a line once an operation returned; fsync'd, so a line stands for a finished operation."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def done(self, line: str) -> None:
        os.write(self._fd, (line + "\n").encode("utf-8"))
        os.fsync(self._fd)


def _work_saves(work: Path, materials: Materials, report: Reporter, until: float) -> None:
    db = Database.open(work / DB_NAME)
    actor = actor_of(db, OPERATOR)
    template = an_event(db)
    photo = (AttachmentInput(materials.photo),)
    n = 0
    while time.monotonic() < until:
        n += 1
        title = f"{SAVE_TITLE}{n:05d}"
        # Every third save carries a photo: its file is copied before the commit.
        data = replace(template, title=title, attachments=photo if n % 3 == 0 else ())
        events.create_event(db, actor, data)
        report.done(title)


def _work_import(work: Path, materials: Materials, report: Reporter, until: float) -> None:
    db = Database.open(work / DB_NAME)
    actor = actor_of(db, OPERATOR)
    n = 0
    while time.monotonic() < until:
        variant = n % 2
        incoming = listfile.read_xlsx(db, materials.lists[variant])
        # Each import a newer version: an older or equal one is refused.
        incoming.version = VersionInfo(f"2027.{n + 1}", date(2027, 1, 1) + timedelta(days=n))
        exchange.apply(db, actor, incoming)
        report.done(incoming.version.version)
        n += 1


def _work_migration(work: Path, materials: Materials, report: Reporter, until: float) -> None:
    n = 0
    while time.monotonic() < until:
        n += 1
        path = work / f"m{n:03d}" / DB_NAME
        path.parent.mkdir()
        # The copy is renamed into place whole: a half-copied file is not what this kind tests.
        temp = path.with_name("copying")
        temp.write_bytes(materials.old_database)
        audit_anchor.write_anchor(path, materials.old_anchor)
        os.replace(temp, path)
        db = Database.open(path)  # backs up, then migrates in one transaction
        try:
            bring_up_to_date(db)  # as the program's start-up does
        finally:
            db.close()
        report.done(str(n))


def _work_backup(work: Path, materials: Materials, report: Reporter, until: float) -> None:
    db = Database.open(work / DB_NAME)
    actor = actor_of(db, OPERATOR)
    template = an_event(db, attachments=(AttachmentInput(materials.photo),))
    n = 0
    while time.monotonic() < until:
        n += 1
        title = f"{SAVE_TITLE}{n:05d}"
        events.create_event(db, actor, replace(template, title=title))
        report.done("event " + title)
        made = backups.write(db.path, kind=backups.MANUAL, made_by="admin")
        report.done("backup " + made.path.name)


def _work_restore(work: Path, materials: Materials, report: Reporter, until: float) -> None:
    db_path = work / DB_NAME
    with _opened(db_path) as db:
        actor = actor_of(db, "admin")
    n = 0
    while time.monotonic() < until:
        label = "AB"[n % 2]
        backups.restore(db_path, materials.restore_source(label), actor, reason="断电测试")
        report.done(label)
        n += 1


Worker = Callable[[Path, Materials, Reporter, float], None]
WORKERS: dict[str, Worker] = {
    "saves": _work_saves,
    "import": _work_import,
    "migration": _work_migration,
    "backup": _work_backup,
    "restore": _work_restore,
}


def _start_work(kind: str, work: Path, materials: Materials) -> None:
    if kind in ("saves", "import", "backup"):
        copy_database(materials.base, work / DB_NAME)
    elif kind == "restore":
        copy_database(materials.restore_start, work / DB_NAME)


def _child(kind: str, work: Path, materials: Materials) -> None:
    """Runs in the forked child; never returns."""
    code = 0
    try:
        WORKERS[kind](work, materials, Reporter(work / REPORTED), time.monotonic() + CHILD_LIMIT_S)
    except BaseException:
        code = 70
        with contextlib.suppress(OSError):
            (work / CHILD_ERROR).write_text(traceback.format_exc(), encoding="utf-8")
    finally:
        os._exit(code)  # no atexit handlers, no pytest teardown in the child


# --- the parent: kill, then check as the next start-up would --------------------------------------


def kill_once(
    kind: str, materials: Materials, work: Path, rng: random.Random, window: float | None = None
) -> KillResult:
    """One child of `kind` in the empty folder `work`, killed after a random delay, then checked."""
    materials.prepare(kind)
    work.mkdir(parents=True)
    _start_work(kind, work, materials)
    delay = rng.uniform(0.0, WINDOWS[kind] if window is None else window)
    held = open_database_files()
    assert not held, f"SQLite files open in the parent at the fork: {held}"
    pid = os.fork()
    if pid == 0:
        _child(kind, work, materials)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    problems: list[str] = []
    if not killed:
        error = work / CHILD_ERROR
        why = error.read_text(encoding="utf-8") if error.exists() else f"exit status {status}"
        problems.append(f"the child ended before the kill: {why}")
    reported = _reported(work)
    try:
        problems += CHECKS[kind](work, materials, reported)
    except Exception:
        problems.append("the check itself failed: " + traceback.format_exc())
    problems += _backup_files_problems(work)
    return KillResult(kind, delay, killed, len(reported), tuple(problems), _leftovers(work))


def _reported(work: Path) -> list[str]:
    """Lines the child finished writing; a line cut by the kill was not reported."""
    log = work / REPORTED
    if not log.exists():
        return []
    lines = log.read_text(encoding="utf-8").split("\n")
    return lines[:-1]  # the last piece is "" or a line the kill cut short


def _start_up(path: Path, problems: list[str]) -> Database | None:
    """What the program does when it starts on `path`; None (and a problem) when it cannot."""
    try:
        db = Database.open(path)
    except UserError as exc:
        problems.append(f"{path.name} does not open: {exc.zh}")
        return None
    try:
        bring_up_to_date(db)
        integrity = db.integrity_check()
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        chain = audit.verify_chain(db)
        if not chain.ok:
            problems.append(f"audit log: {chain.one_line()}")
    except BaseException:
        db.close()
        raise
    return db


def _attachment_problems(db: Database) -> list[str]:
    """Every attachment the database records is on disk with the recorded SHA-256."""
    problems = []
    with db.reading() as session:
        rows = session.execute(select(EventAttachment.stored_path, EventAttachment.sha256)).all()
    for stored, sha in rows:
        file = attachments_dir(db.path) / stored
        if not file.is_file():
            problems.append(f"attachment {stored} is recorded but missing")
        elif hashlib.sha256(file.read_bytes()).hexdigest() != sha:
            problems.append(f"attachment {stored} does not match its SHA-256")
    return problems


def _titles(db: Database) -> set[str]:
    with db.reading() as session:
        return set(session.scalars(select(Event.title)))


def _events_without_first_action(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM event e WHERE NOT EXISTS "
                "(SELECT 1 FROM event_action a WHERE a.event_id = e.id)"
            ).scalar_one()
        )


def _check_saves(work: Path, materials: Materials, reported: list[str]) -> list[str]:
    problems: list[str] = []
    db = _start_up(work / DB_NAME, problems)
    if db is None:
        return problems
    try:
        missing = set(reported) - _titles(db)
        if missing:
            problems.append(f"{len(missing)} reported saves are missing: {sorted(missing)[:3]}")
        if half := _events_without_first_action(db):
            problems.append(f"{half} events have no 受理 action row")
        problems += _attachment_problems(db)
    finally:
        db.close()
    return problems


def _check_import(work: Path, materials: Materials, reported: list[str]) -> list[str]:
    problems: list[str] = []
    db = _start_up(work / DB_NAME, problems)
    if db is None:
        return problems
    try:
        with db.reading() as session:
            versions = set(session.scalars(select(MatterListVersion.version)))
            limits = dict(session.execute(select(MatterItem.code, MatterItem.time_limit_days)).all())
    finally:
        db.close()
    if missing := set(reported) - versions:
        problems.append(f"reported imports are missing: {sorted(missing)}")
    imported = sorted(int(v.split(".")[1]) for v in versions if v.startswith("2027."))
    now = {code: limits.get(code) for code in materials.list_codes}
    if not imported:
        expected = materials.list_codes
    else:
        # Version 2027.n is list A when n is odd, list B when even.
        expected = dict.fromkeys(materials.list_codes, TIME_LIMITS[(imported[-1] - 1) % 2])
    if now != expected:
        wrong = sum(1 for code in now if now[code] != expected[code])
        problems.append(
            f"the list is not one version whole: {wrong} of {len(now)} items differ from "
            f"{'the list before' if not imported else f'2027.{imported[-1]}'}"
        )
    return problems


def _check_migration(work: Path, materials: Materials, reported: list[str]) -> list[str]:
    problems: list[str] = []
    head = head_revision()
    copies = sorted(work.glob(f"m*/{DB_NAME}"))
    for path in copies:
        state = read_schema_state(path).current
        if state not in ("0007", head):
            problems.append(f"{path.parent.name} was left at schema {state}, between 0007 and {head}")
        if path.parent.name in {f"m{int(n):03d}" for n in reported} and state != head:
            problems.append(f"{path.parent.name} was reported migrated but is at {state}")
    if copies:
        last = copies[-1]  # the one the kill hit (or the last finished one)
        db = _start_up(last, problems)
        if db is not None:
            db.close()
            if lost := lost_rows(materials.old_rows, last):
                problems.append(f"rows lost by the migration of {last.parent.name}: {lost}")
    return problems


def _check_backup(work: Path, materials: Materials, reported: list[str]) -> list[str]:
    problems: list[str] = []
    db_path = work / DB_NAME
    for line in reported:
        if line.startswith("backup "):
            made = backups_dir(db_path) / line.removeprefix("backup ")
            if not made.is_file():
                problems.append(f"reported backup {made.name} is missing")
    db = _start_up(db_path, problems)
    if db is None:
        return problems
    try:
        saved = {line.removeprefix("event ") for line in reported if line.startswith("event ")}
        if missing := saved - _titles(db):
            problems.append(f"{len(missing)} reported saves are missing")
        problems += _attachment_problems(db)
    finally:
        db.close()
    return problems


def _check_restore(work: Path, materials: Materials, reported: list[str]) -> list[str]:
    problems: list[str] = []
    db = _start_up(work / DB_NAME, problems)
    if db is None:
        return problems
    try:
        titles = _titles(db)
        problems += _attachment_problems(db)
    finally:
        db.close()
    held = [label for label, expected in RESTORE_TITLES.items() if titles == set(expected)]
    if not held:
        problems.append(f"the events are no backup's whole set: {sorted(titles)}")
        return problems
    # The last reported restore, or the next one (the other backup), which may have got past the swap.
    last = reported[-1] if reported else "before"
    allowed = {last, {"before": "A", "A": "B", "B": "A"}[last]}
    if held[0] not in allowed:
        problems.append(
            f"the database holds {held[0]}'s events; after {reported[-1:]} it should be {allowed}"
        )
    return problems


Check = Callable[[Path, Materials, list[str]], list[str]]
CHECKS: dict[str, Check] = {
    "saves": _check_saves,
    "import": _check_import,
    "migration": _check_migration,
    "backup": _check_backup,
    "restore": _check_restore,
}


def _backup_files_problems(work: Path) -> list[str]:
    """Every complete backup file anywhere under `work` reads back against its manifest."""
    problems = []
    for path in sorted(work.rglob("*" + backup_archive.SUFFIX)):
        try:
            backup_archive.verify_backup(path)
        except UserError as exc:
            problems.append(f"backup {path.relative_to(work)} is broken: {exc.zh}")
    return problems


def _leftovers(work: Path) -> tuple[str, ...]:
    return tuple(
        sorted(
            str(p.relative_to(work))
            for p in work.rglob("*")
            if any(mark in p.name for mark in LEFTOVER_MARKS) and not p.name.endswith(".tcbak")
        )
    )


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def open_database_files() -> list[str]:
    """Database files (and -wal/-shm) this process holds open, on Linux: a SQLite connection open at
    a fork would share its file locks with the child, so there must be none."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    held = []
    for fd in fds.iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.endswith((".db", ".db-wal", ".db-shm")):
                held.append(target)
    return held
