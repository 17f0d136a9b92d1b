"""A full disk and a folder that turns read-only in the middle of work (issue 15): a plain message, no
half-written record, and the program carries on once there is room again.

Real small file systems: each test mounts a size-limited tmpfs, which needs root (and a kernel that
allows it, so not every container); elsewhere the tests are skipped."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from crash_harness import OPERATOR, actor_of, make_base
from db_helpers import copy_database
from event_inputs import an_event
from sqlalchemy import select

from desktop.db import Database, StorageProblem
from desktop.models import Event
from desktop.paths import attachments_dir, backups_dir
from desktop.services import events
from desktop.services.events import AttachmentInput
from desktop.services.system import backups

MiB = 1 << 20
Mount = Callable[[str, int], Path]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Mount]:
    """mount(name, bytes): a tmpfs of that size under tmp_path, unmounted after the test."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root on Linux")
    mounted: list[Path] = []

    def mount(name: str, size: int) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(point)
        return point

    try:
        yield mount
    finally:
        for point in reversed(mounted):
            if subprocess.run(["umount", str(point)], capture_output=True, check=False).returncode:
                subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


@pytest.fixture(scope="module")
def base(town_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A set-up town with a grid and an operator (tests/crash_harness.py)."""
    return make_base(tmp_path_factory.mktemp("disk-full-base"), town_db_file)


def fill(folder: Path, leave: int = 0) -> Path:
    """A filler file that takes every free byte of the file system but `leave`."""
    filler = folder / "filler.bin"
    chunk = b"\0" * (64 * 1024)
    # Unbuffered: a buffer left unwritten by the failing write would fail once more on close.
    with filler.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def titles(db: Database) -> set[str]:
    with db.reading() as session:
        return set(session.scalars(select(Event.title)))


def events_without_first_action(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM event e WHERE NOT EXISTS "
                "(SELECT 1 FROM event_action a WHERE a.event_id = e.id)"
            ).scalar_one()
        )


def test_saves_on_a_full_disk_fail_plainly_and_work_again_once_there_is_room(
    small_disk: Mount, base: Path, tmp_path: Path
) -> None:
    disk = small_disk("disk", 8 * MiB)
    db = Database.open(copy_database(base, disk / "towncentre.db"))
    try:
        actor = actor_of(db, OPERATOR)
        photo = tmp_path / "现场.jpg"
        photo.write_bytes(os.urandom(40_000))  # does not compress: every save needs its room
        template = an_event(db, attachments=(AttachmentInput(photo),))
        filler = fill(disk, leave=600 * 1024)
        saved: list[str] = []
        with pytest.raises(StorageProblem) as full:
            for n in range(200):
                title = f"磁盘将满时登记的事件 {n:03d}"
                events.create_event(db, actor, replace(template, title=title))
                saved.append(title)

        assert full.value.kind == "full" and "磁盘空间已满" in full.value.zh
        assert saved, "some saves fitted before the disk was full"
        assert db.integrity_check() == "ok"
        assert set(saved) <= titles(db)
        assert len(titles(db)) == len(saved), "the failed save left nothing behind"
        assert events_without_first_action(db) == 0

        filler.unlink()
        events.create_event(db, actor, replace(template, title="清理磁盘后登记的事件"))
        assert "清理磁盘后登记的事件" in titles(db)
        assert db.integrity_check() == "ok"
    finally:
        db.close()


def test_a_photo_that_does_not_fit_leaves_neither_the_event_nor_half_a_file(
    small_disk: Mount, base: Path, tmp_path: Path
) -> None:
    disk = small_disk("disk", 8 * MiB)
    db = Database.open(copy_database(base, disk / "towncentre.db"))
    try:
        actor = actor_of(db, OPERATOR)
        photo = tmp_path / "现场.jpg"
        photo.write_bytes(os.urandom(400_000))
        fill(disk, leave=100 * 1024)

        with pytest.raises(StorageProblem) as full:
            events.create_event(db, actor, an_event(db, attachments=(AttachmentInput(photo),)))

        assert full.value.kind == "full" and "磁盘空间已满" in full.value.zh
        assert titles(db) == set()
        assert [p for p in attachments_dir(db.path).rglob("*") if p.is_file()] == []
        assert db.integrity_check() == "ok"
    finally:
        db.close()


def test_a_backup_onto_a_full_usb_drive_fails_plainly_and_leaves_no_part_file(
    small_disk: Mount, base: Path, tmp_path: Path
) -> None:
    db_path = copy_database(base, tmp_path / "data" / "towncentre.db")
    usb = small_disk("usb", 4 * MiB)
    fill(usb, leave=64 * 1024)  # the backup needs several times this

    with pytest.raises(StorageProblem) as full:
        backups.write(db_path, kind=backups.MANUAL, made_by="admin", target=usb)

    assert full.value.kind == "full" and "磁盘空间已满" in full.value.zh
    assert sorted(p.name for p in usb.iterdir()) == ["filler.bin"], "no .part file, no backup file"
    assert list(backups_dir(db_path).iterdir()) == [], "no snapshot left beside the database"
    (usb / "filler.bin").unlink()
    made = backups.write(db_path, kind=backups.MANUAL, made_by="admin", target=usb)
    assert made.path.parent == usb and made.manifest.is_good


def test_a_folder_that_turns_read_only_mid_work_gives_the_read_only_message(
    small_disk: Mount, base: Path
) -> None:
    disk = small_disk("disk", 16 * MiB)
    db = Database.open(copy_database(base, disk / "towncentre.db"))
    try:
        actor = actor_of(db, OPERATOR)
        template = an_event(db)
        events.create_event(db, actor, replace(template, title="变为只读前登记的事件"))
        # Linux refuses to make a file system read-only while a file on it is open for writing: the
        # pool's connections are closed first, so the next save opens its connection in a folder that
        # has turned read-only meanwhile (as on a drive whose permissions changed).
        db.engine.dispose()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)

        with pytest.raises(StorageProblem) as read_only:
            events.create_event(db, actor, replace(template, title="只读时登记的事件"))

        assert read_only.value.kind == "read-only" and "变成了只读" in read_only.value.zh
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert titles(db) == {"变为只读前登记的事件"}
        events.create_event(db, actor, replace(template, title="恢复可写后登记的事件"))
        assert titles(db) == {"变为只读前登记的事件", "恢复可写后登记的事件"}
        assert db.integrity_check() == "ok"
    finally:
        db.close()
