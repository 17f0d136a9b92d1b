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

from screens import OFFICE_SCREENS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("screen", choices=[s.name for s in OFFICE_SCREENS])
    parser.add_argument("db", type=Path, help="a demo database; it is used (changed) by the windows")
    parser.add_argument("out", type=Path)
    parser.add_argument("--shots", type=Path, default=None)
    parser.add_argument("--only", default="", help="comma-separated window names")
    args = parser.parse_args()
    screen = next(s for s in OFFICE_SCREENS if s.name == args.screen)
    work = Path(tempfile.mkdtemp())
    os.environ.update(screen.platform(work))

    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    from qt_helpers import DEMO_PASSWORD
    from window_catalogue import OPENERS, Context, check_window

    from desktop.app import apply_style
    from desktop.db import Database
    from desktop.services.accounts import auth
    from desktop.views import tasks
    from desktop.views.i18n import install_translator

    install_translator("zh_CN")
    apply_style(app, 12)
    db = Database.open(args.db)
    wanted = [n for n in args.only.split(",") if n] or list(OPENERS)
    results: dict[str, list[str]] = {}
    import time

    for name in wanted:
        began = time.perf_counter()
        host = QMainWindow()
        host.setGeometry(app.primaryScreen().availableGeometry())
        host.show()
        ctx = Context(db, lambda user: auth.login(db, user, DEMO_PASSWORD).actor, host, work, args.shots, [])
        window = OPENERS[name](ctx)
        shot = f"{name}-{screen.name.replace('%', 'pct')}"
        found = list(ctx.modal_problems)
        if window is not host.centralWidget():
            found += check_window(window, shot, args.shots)
        results[name] = found
        window.close()
        host.close()
        tasks.wait_for_background()
        app.processEvents()
        print(f"{name}: {time.perf_counter() - began:.2f} s", file=sys.stderr)
    tasks.wait_for_background()
    db.close()
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
