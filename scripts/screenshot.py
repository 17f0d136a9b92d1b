"""Renders the README screenshots offscreen from a fresh demo town:

    python scripts/screenshot.py            # writes docs/images/*.png

Run it again whenever the UI changes.
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
        window.close()
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
