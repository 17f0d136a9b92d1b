"""Every window and dialog fits the office screens (tests/gui/screens.py): 1366×768 at 100%, 125% and
150%, and 1920×1080 at 100% and 150%, with its buttons, boxes and labels in view."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from db_helpers import copy_database
from screens import OFFICE_SCREENS

FIT_CHECK = Path(__file__).with_name("fit_check.py")
SHOTS_ENV = "TOWNCENTRE_FIT_SHOTS"  # a folder: each window is also saved there as PNG


# One process per scale (Qt's scale is fixed at start-up), holding that scale's screens side by side.
BY_SCALE = sorted({s.scale for s in OFFICE_SCREENS})


@pytest.mark.heavy
@pytest.mark.parametrize("scale", BY_SCALE, ids=[f"{round(s * 100)}%" for s in BY_SCALE])
def test_every_window_fits_the_screen(scale: float, demo_db_file: Path, tmp_path: Path) -> None:
    screens = ",".join(s.name for s in OFFICE_SCREENS if s.scale == scale)
    db = tmp_path / "data" / "towncentre.db"
    db.parent.mkdir()
    copy_database(demo_db_file, db)
    out = tmp_path / "fit.json"
    command = [sys.executable, str(FIT_CHECK), screens, str(db), str(out)]
    if os.environ.get(SHOTS_ENV):
        command += ["--shots", os.environ[SHOTS_ENV]]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    results: dict[str, dict[str, list[str]]] = json.loads(out.read_text(encoding="utf-8"))
    assert set(results) == set(screens.split(","))
    assert all(len(windows) >= 21 for windows in results.values()), "every window was opened"
    unfit = {
        f"{screen} {name}": problems
        for screen, windows in results.items()
        for name, problems in windows.items()
        if problems
    }
    assert not unfit, "\n".join(f"{name}: {problems}" for name, problems in unfit.items())
