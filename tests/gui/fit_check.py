"""Opens every window of tests/gui/window_catalogue.py on one office screen and reports what does not
fit, as JSON {window: [problems]}; run by tests/gui/test_screen_fit.py (one process per screen, since
Qt's screen and scale are fixed when the application starts).

    python tests/gui/fit_check.py 1366x768@150% DEMO_DB OUT.json [--shots DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent.parent)]

from screens import OFFICE_SCREENS, platform  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("screens", help="comma-separated screen names of one scale, e.g. 1366x768@150%%")
    parser.add_argument("db", type=Path, help="a demo database; it is used (changed) by the windows")
    parser.add_argument("out", type=Path)
    parser.add_argument("--shots", type=Path, default=None)
    parser.add_argument("--only", default="", help="comma-separated window names")
    args = parser.parse_args()
    by_name = {s.name: s for s in OFFICE_SCREENS}
    chosen = [by_name[name] for name in args.screens.split(",")]
    work = Path(tempfile.mkdtemp())
    os.environ.update(platform(chosen, work))

    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    from qt_helpers import DEMO_PASSWORD
    from window_catalogue import OPENERS, Context, check_window

    from desktop.app import apply_style
    from desktop.db import Database
    from desktop.services.accounts import auth
    from desktop.services.accounts.permissions import Actor
    from desktop.views import gc_guard, tasks
    from desktop.views.i18n import install_translator

    # As the program does: garbage cycles holding Qt objects are freed on this thread, never by a
    # background reader (automatic collection there crashed this check now and then: SIGSEGV in CI).
    gc_guard.install(app)
    install_translator("zh_CN")
    apply_style(app, 12)
    db = Database.open(args.db)
    wanted = [n for n in args.only.split(",") if n] or list(OPENERS)
    actors: dict[str, Actor] = {}

    def actor_for(username: str) -> Actor:
        """Each demo user logs in once (a login hashes the password: 50 ms on purpose)."""
        if username not in actors:
            actors[username] = auth.login(db, username, DEMO_PASSWORD).actor
        return actors[username]

    results: dict[str, dict[str, list[str]]] = {}

    def screen_named(name: str) -> QScreen:
        # Looked up each time: the offscreen platform may replace its QScreen objects while it runs.
        return next(s for s in app.screens() if s.name() == name)

    for screen in chosen:
        found_here: dict[str, list[str]] = {}
        for name in wanted:
            qt_screen = screen_named(screen.name)
            host = QMainWindow()
            host.setScreen(qt_screen)
            host.setGeometry(qt_screen.availableGeometry())
            host.show()
            ctx = Context(db, actor_for, host, work, args.shots, [])
            window = OPENERS[name](ctx)
            app.processEvents()
            found = list(ctx.modal_problems)
            if window.screen().name() != screen.name:
                found.append(f"opened on {window.screen().name()}")
            if window is not host.centralWidget():
                found += check_window(window, f"{name}-{screen.name.replace('%', 'pct')}", args.shots)
            found_here[name] = found
            window.close()
            host.close()
            tasks.wait_for_background()
            app.processEvents()
        results[screen.name] = found_here
    tasks.wait_for_background()
    db.close()
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
