"""大字模式 (large-text mode): the whole interface one step larger — every font, icon, row height and
margin together — for operators who find the normal size hard to read.

It is Qt's own scaling (QT_SCALE_FACTOR, on top of the Windows display scale), so nothing can grow
out of step with the rest; Qt reads it when the application starts, so a change takes effect at the
next start. It is each user's own choice, kept in their preferences folder (`paths.user_config_dir`),
not a town-wide setting: one operator's eyes are not the office's policy.
"""

from __future__ import annotations

import logging
import os

from desktop.views import user_prefs

log = logging.getLogger("towncentre.display")

LARGE_SCALE = 1.25
SCALE_ENV = "QT_SCALE_FACTOR"


PREFS = "display.json"


def large_text() -> bool:
    """The user's choice; the normal size when there is none or the file is odd (user_prefs.read)."""
    return user_prefs.read(PREFS).get("large_text") is True


def set_large_text(on: bool) -> None:
    user_prefs.write(PREFS, {**user_prefs.read(PREFS), "large_text": on})


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
