"""Start-up stays quick (issue 18): the libraries the login dialog and an up-to-date database do not need
stay unimported. Each check runs in a new process, as the program starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.db import Database

REPO = Path(__file__).resolve().parents[1]
# Alembic (0.5 s), qtawesome through qtpy (0.3 s), the county link's httpx and keyring: each a visible
# share of the second the program has to show its login dialog.
SLOW = {"alembic", "qtawesome", "qtpy", "httpx", "keyring"}


def modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return {name.split(".")[0] for name in done.stdout.split()}


def test_the_program_reaches_its_login_dialog_without_the_slow_libraries() -> None:
    assert SLOW & modules_after("import desktop.app\nimport desktop.views.main_window") == set()


def test_an_up_to_date_database_opens_without_alembic(town_db: Database) -> None:
    path = town_db.path
    town_db.close()
    code = f"from pathlib import Path\nfrom desktop.db import Database\nDatabase.open(Path({str(path)!r})).close()"
    assert "alembic" not in modules_after(code)
