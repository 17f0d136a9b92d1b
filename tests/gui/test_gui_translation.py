"""Chinese by default, English through Qt's translation files; the shipped .qm matches the .ts."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.db import Database
from desktop.paths import resources_dir
from desktop.services.accounts.permissions import Actor
from desktop.views.i18n import current_language, install_translator
from desktop.views.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def english() -> Iterator[None]:
    assert install_translator("en")
    yield
    install_translator("zh_CN")


def test_english_is_selectable(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], english: None
) -> None:
    assert current_language() == "en"
    window = MainWindow(demo_db, login_as("shouli"))
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[0] == "Events" and titles[-1] == "Administration"
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "Role: Intake operator" in texts
    assert "User: 陈晓燕" in texts


def test_every_string_has_an_english_translation() -> None:
    tree = ET.parse(resources_dir() / "translations" / "towncentre_en.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation") is None
        or m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []


SCRIPT = ROOT / "scripts" / "update_translations.py"


def _load_translation_script() -> Any:
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_translations"] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    module = _load_translation_script()
    for fresh in module.release(tmp_path):
        shipped = resources_dir() / "translations" / fresh.name
        assert shipped.read_bytes() == fresh.read_bytes(), f"stale {fresh.name}: run {SCRIPT}"


def _messages(ts: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in tree.iter("context")
        for message in context.iter("message")
        if (message.find("translation") is None or message.find("translation").get("type") != "obsolete")  # type: ignore[union-attr]
    }


def test_every_tr_string_in_the_code_is_in_the_ts(tmp_path: Path) -> None:
    """Re-extracts the strings from the code into a copy: a new tr() text must be translated first."""
    module = _load_translation_script()
    shipped = resources_dir() / "translations" / "towncentre_en.ts"
    copy = tmp_path / shipped.name
    copy.write_bytes(shipped.read_bytes())
    subprocess.run(
        [module.tool("lupdate"), "-silent", *map(str, module.SOURCES), "-ts", str(copy)], check=True
    )
    new = _messages(copy) - _messages(shipped)
    assert new == set(), f"untranslated strings; run scripts/update_translations.py: {sorted(new)}"
