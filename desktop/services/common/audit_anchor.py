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

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.db import read_only_uri
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
    """None when there is no anchor file; AnchorUnreadable when there is one that makes no sense."""
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
    _write(anchor_path(db_path), anchor)


def write_pending(db_path: Path, anchor: Anchor) -> None:
    """The anchor of a database about to replace the one at `db_path` (a restore), written before the
    swap and moved over the anchor right after it (`commit_pending`): the two files cannot change in
    one step, and a kill between them would leave an anchor that belongs to the other database."""
    _write(pending_path(db_path), anchor)


def commit_pending(db_path: Path) -> None:
    os.replace(pending_path(db_path), anchor_path(db_path))


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
