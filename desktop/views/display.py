"""大字模式 (large-text mode): the whole interface one step larger — every font, icon, row height and
margin together — for operators who find the normal size hard to read.

It is Qt's own scaling (QT_SCALE_FACTOR, on top of the Windows display scale), so nothing can grow
out of step with the rest; Qt reads it when the application starts, so a change takes effect at the
next start. It is each user's own choice, kept in their preferences folder (`paths.user_config_dir`),
not a town-wide setting: one operator's eyes are not the office's policy.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

from desktop.paths import user_config_dir

log = logging.getLogger("towncentre.display")

LARGE_SCALE = 1.25
SCALE_ENV = "QT_SCALE_FACTOR"


def _prefs_path() -> os.PathLike[str]:
    return user_config_dir() / "display.json"


MAX_PREFS_BYTES = 4096  # the file holds one flag; anything bigger is not ours


def large_text() -> bool:
    """The user's choice; the normal size for no file, or anything odd in its place (a damaged,
    huge or nested file, a folder, a pipe): a preference must never keep the program from starting."""
    path = Path(_prefs_path())
    try:
        if not stat.S_ISREG(path.stat().st_mode) or path.stat().st_size > MAX_PREFS_BYTES:
            return False
        value = json.loads(path.read_text(encoding="utf-8"))
    except Exception:
        return False
    return isinstance(value, dict) and value.get("large_text") is True


def set_large_text(on: bool) -> None:
    path = user_config_dir()
    path.mkdir(parents=True, exist_ok=True)
    target = path / "display.json"
    temporary = path / "display.json.tmp"
    temporary.write_text(json.dumps({"large_text": on}), encoding="utf-8")
    os.replace(temporary, target)


# The smallest room the windows are built for: a 1366×768 screen at 150%, less the taskbar.
SMALLEST_ROOM = (900, 460)


def too_small_for_large_text(width: int, height: int) -> bool:
    """Whether 大字模式 leaves less room (in Qt's logical pixels) than the windows are built for."""
    return width < SMALLEST_ROOM[0] or height < SMALLEST_ROOM[1]


def scale_before_start() -> None:
    """Called before the QApplication exists: applies 大字模式 on top of any scale IT has set."""
    if not large_text():
        return
    try:
        base = float(os.environ.get(SCALE_ENV, "1") or "1")
    except ValueError:
        base = 1.0
    os.environ[SCALE_ENV] = f"{base * LARGE_SCALE:g}"
    log.info("大字模式: interface scale %s", os.environ[SCALE_ENV])
