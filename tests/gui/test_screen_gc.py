"""Windows sized by screen_fit must not take the application's screen with them when they are garbage
collected: two dialogs freed by one collection used to delete the only QScreen, and the next widget
crashed the program (found on PySide6 6.9.3 and 6.11.3). Run in a child process, since the failure is a
segfault."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

CHILD = textwrap.dedent(
    """
    import gc
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QDialog
    from desktop.views.screen_fit import fit_window

    app = QApplication([])
    gc.disable()

    class Helper(QObject):
        def __init__(self, owner):
            super().__init__(owner)
            self.owner = owner  # a reference cycle, as the event dialogs' helpers make

    class Dialog(QDialog):
        def __init__(self):
            super().__init__()
            self.helper = Helper(self)
            fit_window(self, 640, 480)

    dialogs = [Dialog() for _ in range(3)]
    del dialogs
    gc.collect()
    assert QApplication.screens(), "the screen is gone"
    QDialog()
    print("still running", flush=True)
    """
)


def test_collecting_fitted_dialogs_keeps_the_screen() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "still running" in done.stdout
