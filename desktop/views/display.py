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

from desktop.paths import user_config_dir

log = logging.getLogger("towncentre.display")

LARGE_SCALE = 1.25
SCALE_ENV = "QT_SCALE_FACTOR"


def _prefs_path() -> os.PathLike[str]:
    return user_config_dir() / "display.json"


def large_text() -> bool:
    try:
        with open(_prefs_path(), encoding="utf-8") as f:
            return bool(json.load(f).get("large_text", False))
    except (OSError, ValueError, AttributeError):
        return False  # no file yet, or a damaged one: the normal size


def set_large_text(on: bool) -> None:
    path = user_config_dir()
    path.mkdir(parents=True, exist_ok=True)
    target = path / "display.json"
    temporary = path / "display.json.tmp"
    temporary.write_text(json.dumps({"large_text": on}), encoding="utf-8")
    os.replace(temporary, target)


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
