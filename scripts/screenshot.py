"""Renders the README screenshots offscreen from a fresh demo town:

    python scripts/screenshot.py            # writes docs/images/*.png
    python scripts/screenshot.py --gallery  # also docs/images/screens/: windows on the office screens

Run it again whenever the UI changes. The gallery uses tests/gui/fit_check.py, the screen-fit test's
own tool, with Qt's real scaling (QT_SCALE_FACTOR) for 125% and 150%; every window on every screen:
`TOWNCENTRE_FIT_SHOTS=DIR pytest tests/gui/test_screen_fit.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    path = OUT / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


GALLERY_WINDOWS = ("main-events", "intake", "event-detail", "main-mediation", "main-grids")
GALLERY_SCREENS = ("1366x768@100%", "1366x768@150%", "1920x1080@150%")


def gallery() -> None:
    """The windows an operator uses most, on the smallest and most scaled office screens."""
    import subprocess

    out = OUT / "screens"
    out.mkdir(parents=True, exist_ok=True)
    for screen in GALLERY_SCREENS:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "towncentre.db"
            demo = [sys.executable, "-m", "desktop", "demo", "--db", str(db), "--events", "2000"]
            subprocess.run(demo, check=True, capture_output=True)
            command = [sys.executable, str(ROOT / "tests" / "gui" / "fit_check.py"), screen, str(db)]
            command += [str(Path(tmp) / "fit.json"), "--shots", str(out), "--only", ",".join(GALLERY_WINDOWS)]
            subprocess.run(command, check=True)
    from PIL import Image  # comes with reportlab

    for png in sorted(out.glob("*.png")):
        # 64 colours: screenshots of flat widgets lose nothing visible and the repository stays small.
        Image.open(png).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(
            png, optimize=True
        )
        print(f"wrote {png.relative_to(ROOT)}")


def main() -> int:
    app = QApplication(sys.argv)
    from desktop.app import apply_style
    from desktop.db import Database
    from desktop.demo import town as demo
    from desktop.services.accounts import auth
    from desktop.views.i18n import install_translator
    from desktop.views.login import LoginDialog
    from desktop.views.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "towncentre.db")
        demo.fill_demo_town(db)
        from desktop.demo.events import generate_events

        generate_events(db, 2000, seed=2026)
        from desktop.demo.assessment import add_demo_assessments

        add_demo_assessments(db, demo.DEFAULT_AREA_CODE)
        install_translator("zh_CN")
        apply_style(app, 12)
        login = LoginDialog(db, "清溪镇")
        login.show()
        save(login, "login.png")
        actor = auth.login(db, "admin", demo.DEMO_PASSWORD).actor
        window = MainWindow(db, actor)
        window.resize(1280, 800)
        window.show()
        page = window.show_page("admin")
        save(window, "main-window.png")
        tabs = page.tabs  # type: ignore[attr-defined]
        tabs.setCurrentIndex(tabs.count() - 1)
        save(window, "audit-log.png")
        window.close()
        manager = auth.login(db, "zhuren", demo.DEMO_PASSWORD).actor
        window = MainWindow(db, manager)
        window.resize(1366, 800)
        window.show()
        window.show_page("events")
        for _ in range(20):  # the list's count arrives from a worker thread
            QApplication.processEvents()
            time.sleep(0.02)
        save(window, "events.png")

        def settle() -> None:  # lists and figures arrive from worker threads
            for _ in range(40):
                QApplication.processEvents()
                time.sleep(0.03)

        for key, name, tab in (
            ("duty", "duty.png", 3), ("assessment", "assessment.png", None), ("stats", "stats.png", None),
            ("sync", "sync.png", None),
        ):  # fmt: skip
            shown = window.show_page(key)
            if tab is not None:
                shown.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
            settle()
            save(window, name)
        window.close()
        db.close()
    if "--gallery" in sys.argv:
        gallery()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
