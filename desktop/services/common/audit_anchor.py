"""The audit chain's anchor: its head (sequence number and hash) kept outside the database file.

The hash chain shows a changed or removed row in the middle, but not a cut tail (delete the last rows)
nor a chain re-hashed from an edited row on: both leave a chain that is consistent in itself. The anchor
is a small file beside the database, owner-only on POSIX, that every process appending audit rows moves
forward after its commit. `check` then finds a head below the anchor or a row at the anchor's sequence
whose hash differs. (An attacker who may also rewrite the anchor file is caught once the anchor has
reached the county hub.)

A database has an anchor from the moment the chain holds an `ESTABLISHED` row: new towns get it in the
first-run transaction, databases from earlier versions when this version first opens them. After that,
a missing anchor file is itself a finding.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.db import CLOSING, read_only_uri
from desktop.paths import private_mode

log = logging.getLogger("towncentre.audit")

SUFFIX = ".audit-anchor"
PENDING_SUFFIX = ".audit-anchor.next"
ESTABLISHED = "建立审计锚点"


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str


class AnchorUnreadable(Exception):
    """The anchor file exists but does not hold an anchor (edited or damaged)."""


def anchor_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def pending_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + PENDING_SUFFIX)


def read_anchor(db_path: Path) -> Anchor | None:
    """None when there is no anchor file; AnchorUnreadable when there is one that makes no sense.
    This process's own moves of it (`move_later`) are written first."""
    wait_for_writes(db_path)
    _settle_pending(db_path)
    path = anchor_path(db_path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AnchorUnreadable(str(exc)) from exc
    try:
        data = json.loads(raw)
        anchor = Anchor(int(data["seq"]), str(data["hash"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise AnchorUnreadable(f"{path.name}: {exc}") from exc
    if anchor.seq < 0 or len(anchor.hash) != 64:
        raise AnchorUnreadable(f"{path.name}: not an anchor")
    return anchor


def write_anchor(db_path: Path, anchor: Anchor) -> None:
    """Atomically replaces the anchor (a reader sees the old or the new one, never half of one)."""
    wait_for_writes(db_path)
    _write(anchor_path(db_path), anchor)


def write_pending(db_path: Path, anchor: Anchor) -> None:
    """The anchor of a database about to replace the one at `db_path` (a restore), written before the
    swap and moved over the anchor right after it (`commit_pending`): the two files cannot change in
    one step, and a kill between them would leave an anchor that belongs to the other database."""
    wait_for_writes(db_path)
    _write(pending_path(db_path), anchor)


def commit_pending(db_path: Path) -> None:
    wait_for_writes(db_path)
    os.replace(pending_path(db_path), anchor_path(db_path))


# --- moving the anchor after a commit, off the committing thread -----------------------------------
#
# A new anchor is a small file renamed over the old one: 1-4 ms on ext4 under load (a rename over a
# file makes ext4 write the new file's data out first), as long as the commit's own fsync, in every
# save (issue 18). So the unit of work decides the move under its write lock, as before, and hands the
# new anchor to one thread per process, which writes the newest anchor of each database. The anchor
# may then lag its log by the commits of a few milliseconds, as after a kill between a commit and its
# anchor: `check` allows a lag (the anchor's own row must be there with the anchor's hash) and still
# reports a head below the anchor or a row at its seq with another hash. Everything in this process
# that reads or replaces the anchor, and closing the database, waits for these writes first.

_changed = threading.Condition()
_queued: dict[Path, Anchor] = {}  # the newest anchor per database, not yet taken by the writer
_writing: dict[Path, Anchor] = {}  # the one being written
_writer: threading.Thread | None = None


def _key(db_path: Path) -> Path:
    return db_path.absolute()


def move_later(db_path: Path, anchor: Anchor) -> None:
    """Moves the anchor to `anchor` on the writer thread. Decided under the write lock that appended
    `anchor`'s row, so a newer anchor has a higher seq: an older one queued by another thread of this
    process after it (threads committing one after the other) never replaces it."""
    global _writer
    key = _key(db_path)
    with _changed:
        queued = _queued.get(key)
        if queued is None or anchor.seq >= queued.seq:
            _queued[key] = anchor
        if _writer is None or not _writer.is_alive():
            _writer = threading.Thread(target=_write_queued, name="audit-anchor", daemon=True)
            _writer.start()
        _changed.notify_all()


def moving_to(db_path: Path) -> Anchor | None:
    """The anchor this process is about to write beside the database (queued or being written), if any:
    what the file holds a moment later. The unit of work checks the chain against it without waiting."""
    key = _key(db_path)
    with _changed:
        return _queued.get(key) or _writing.get(key)


def wait_for_writes(db_path: Path | None = None) -> None:
    """Returns once this process's anchor writes for the database (for every database: None) are done."""
    key = _key(db_path) if db_path is not None else None
    with _changed:
        if _writer is None:
            return
        while (key in _queued or key in _writing) if key is not None else (_queued or _writing):
            _changed.wait()


def _write_queued() -> None:
    while True:
        with _changed:
            while not _queued:
                _changed.wait()
            key, anchor = next(iter(_queued.items()))
            del _queued[key]
            _writing[key] = anchor
        try:
            _write(anchor_path(key), anchor)
        except OSError:
            log.warning("could not write the audit anchor beside %s", key, exc_info=True)
        except Exception:  # a bug must not stop every later anchor: the log shows it
            log.exception("could not write the audit anchor beside %s", key)
        finally:
            with _changed:
                del _writing[key]
                _changed.notify_all()


def _wait_at_exit() -> None:
    wait_for_writes()


def _forked() -> None:
    """A forked child (the crash tests) has no writer thread and maybe a lock its parent held: it
    starts afresh, and the parent writes what the parent queued."""
    global _changed, _writer
    _changed = threading.Condition()
    _queued.clear()
    _writing.clear()
    _writer = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


# The writer is a daemon thread: a program ending right after a save still writes that save's anchor.
atexit.register(_wait_at_exit)
# A closed database has its anchor in place: what comes next may copy, check or replace the file.
CLOSING.append(wait_for_writes)


def _settle_pending(db_path: Path) -> None:
    """Finishes a restore killed between its swap and `commit_pending`: the pending anchor becomes the
    anchor when the database in place holds its row (the swap happened), else it is dropped."""
    pending = pending_path(db_path)
    if not pending.exists():
        return
    try:
        data = json.loads(pending.read_text(encoding="utf-8"))
        anchor = Anchor(int(data["seq"]), str(data["hash"]))
        conn = sqlite3.connect(read_only_uri(db_path), uri=True, timeout=5)
        try:
            row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (anchor.seq,)).fetchone()
        finally:
            conn.close()
    except (OSError, ValueError, KeyError, TypeError, sqlite3.Error):
        log.warning("the pending audit anchor beside %s cannot be settled", db_path, exc_info=True)
        return
    try:
        if row is not None and row[0] == anchor.hash:
            commit_pending(db_path)
            log.warning("a restore of %s was interrupted after its swap; its anchor is now in place", db_path)
        else:
            pending.unlink(missing_ok=True)
    except OSError:  # a folder this process may only read (`check`): the next writer settles it
        log.warning("the pending audit anchor beside %s cannot be settled", db_path, exc_info=True)


def _write(target: Path, anchor: Anchor) -> None:
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"seq": anchor.seq, "hash": anchor.hash}, out)
        if os.name == "posix":
            os.chmod(tmp, private_mode(target))  # the group's too in a shared data folder
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
