"""Start-up stays quick (issue 18): the libraries the login dialog and an up-to-date database do not need
stay unimported. Each check runs in a new process, as the program starts."""

from __future__ import annotations

import os
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


def test_the_late_models_are_every_class_of_their_modules() -> None:
    """desktop.models loads the classes of LATE_MODELS on first use: a class added to one of those
    modules and left out of the list would not be found as `desktop.models.Name`."""
    from desktop import models

    models.load_all()
    mapped: dict[str, set[str]] = {}
    for mapper in models.Base.registry.mappers:
        module = mapper.class_.__module__.rsplit(".", 1)[-1]
        mapped.setdefault(module, set()).add(mapper.class_.__name__)
    assert {module: set(names) for module, names in models.LATE_MODELS.items()} == {
        module: mapped[module] for module in models.LATE_MODELS
    }
    for names in models.LATE_MODELS.values():
        for name in names:
            assert getattr(models, name).__name__ == name


def test_a_background_thread_finds_every_model_mapped() -> None:
    """The first window maps only the models it needs; the rest load on the GUI thread before any
    thread starts, since a thread's query could otherwise configure a class whose module is half
    imported (desktop/models/__init__.py)."""
    code = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop import models
from desktop.views import tasks
first = len(models.Base.registry.mappers)
seen = []
tasks.run_read(lambda _p: len(models.Base.registry.mappers), lambda n: (seen.append(n), app.quit()))
app.exec()
models.load_all()
print(first, seen[0], len(models.Base.registry.mappers))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    first, in_thread, every = map(int, done.stdout.split()[-3:])
    assert first < every  # importing desktop.models maps only some
    assert in_thread == every
