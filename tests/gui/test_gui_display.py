"""大字模式 and the 界面字号 setting: the interface grows together, help texts included."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QSpinBox, QStyle, QStyleOptionSpinBox, QTableWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes

import desktop.app
from desktop.app import apply_style, offer_normal_size, scaled_style
from desktop.db import Database
from desktop.paths import USER_CONFIG_ENV, resources_dir
from desktop.services.accounts.permissions import Actor
from desktop.views import display
from desktop.views.main_window import MainWindow


@pytest.fixture
def own_prefs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "prefs"
    monkeypatch.setenv(USER_CONFIG_ENV, str(folder))
    yield folder


def test_the_view_menu_turns_large_text_on_for_this_user_and_says_when_it_applies(
    qtbot: QtBot,
    demo_db: Database,
    login_as: Callable[[str], Actor],
    own_prefs: Path,
    message_boxes: MessageBoxes,
) -> None:
    window = MainWindow(demo_db, login_as("shouli"))
    qtbot.addWidget(window)
    assert not window.large_text_action.isChecked()
    window.large_text_action.trigger()
    assert json.loads((own_prefs / "display.json").read_text(encoding="utf-8")) == {"large_text": True}
    assert "重新启动" in message_boxes.texts("information")[-1]
    again = MainWindow(demo_db, login_as("shouli"))
    qtbot.addWidget(again)
    assert again.large_text_action.isChecked(), "the choice is remembered"
    again.large_text_action.trigger()
    assert not display.large_text()


def test_large_text_scales_the_whole_interface_at_the_next_start(own_prefs: Path, tmp_path: Path) -> None:
    """A fresh process, as at the next start: Qt scales fonts, icons and row heights by one factor,
    on top of a scale IT may have set."""
    display.set_large_text(True)
    probe = (
        "import os\n"
        "from desktop.views import display\n"
        "display.scale_before_start()\n"
        "from PySide6.QtWidgets import QApplication, QTableView\n"
        "app = QApplication([])\n"
        "table = QTableView()\n"
        "print(os.environ['QT_SCALE_FACTOR'], app.primaryScreen().devicePixelRatio(),"
        " table.verticalHeader().defaultSectionSize())\n"
    )
    env = {**os.environ, USER_CONFIG_ENV: str(own_prefs), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_SCALE_FACTOR", None)
    large = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    scale, ratio, _rows = large.stdout.split()
    assert (scale, float(ratio)) == ("1.25", 1.25)
    env["QT_SCALE_FACTOR"] = "1.5"  # IT's own setting is kept and multiplied
    both = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert both.stdout.split()[:2] == ["1.875", "1.875"]
    display.set_large_text(False)
    normal = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert normal.stdout.split()[:2] == ["1.5", "1.5"]


def test_a_damaged_preferences_file_means_the_normal_size(own_prefs: Path) -> None:
    own_prefs.mkdir()
    (own_prefs / "display.json").write_text("{not json", encoding="utf-8")
    assert display.large_text() is False
    (own_prefs / "display.json").write_text("[1]", encoding="utf-8")
    assert display.large_text() is False


def test_a_larger_font_size_setting_grows_titles_and_help_texts_with_the_rest() -> None:
    qss = (resources_dir() / "style.qss").read_text(encoding="utf-8")
    assert "QLabel#formHint { color: #616e7c; font-size: 11pt; }" in scaled_style(qss, 12)
    assert "QLabel#formHint { color: #616e7c; font-size: 15pt; }" in scaled_style(qss, 16)
    assert "QLabel#pageTitle { font-size: 27pt;" in scaled_style(qss, 16)


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000 + "]" * 100_000, '{"large_text": "false"}', '{"large_text": 1}', "x" * 10_000, "\xff\xfe"],
)
def test_an_odd_preferences_file_never_stops_the_program(own_prefs: Path, content: str) -> None:
    own_prefs.mkdir()
    (own_prefs / "display.json").write_bytes(content.encode("utf-8", "surrogateescape"))
    assert display.large_text() is False


def test_a_pipe_or_a_folder_in_place_of_the_file_is_not_read(own_prefs: Path) -> None:
    own_prefs.mkdir()
    os.mkfifo(own_prefs / "display.json")  # reading it would wait for a writer forever
    assert display.large_text() is False
    (own_prefs / "display.json").unlink()
    (own_prefs / "display.json").mkdir()
    assert display.large_text() is False


def test_large_text_on_a_screen_too_small_for_it_offers_the_normal_size(
    qapp: QApplication, own_prefs: Path, message_boxes: MessageBoxes
) -> None:
    display.set_large_text(True)
    room = qapp.primaryScreen().availableGeometry()
    assert display.too_small_for_large_text(room.width(), room.height()), "the test screen is 800×600"
    offer_normal_size(qapp)
    assert "放不下" in message_boxes.texts("question")[-1]
    assert display.large_text() is False
    assert not display.too_small_for_large_text(1092, 566), "1366×768 at 125% is room enough"


def test_spin_boxes_show_their_arrows(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    program_style: None,  # puts the sheet and font back afterwards
) -> None:
    """Cold test 25: under the style sheet a spin box's buttons were two thin lines at 100 %. The
    program is installed under C:\\Program Files: the images' folder holds a space."""
    installed = tmp_path / "Program Files" / "TownCentre" / "resources"
    shutil.copytree(resources_dir(), installed)
    monkeypatch.setattr(desktop.app, "resources_dir", lambda: installed)
    apply_style(qapp, 12)
    assert "@ICONS@" not in qapp.styleSheet()
    for image in re.findall(r'url\("?([^)"]+)"?\)', qapp.styleSheet()):
        assert Path(image).is_file() and Path(image).is_relative_to(installed), image
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setValue(3)
    spin.resize(160, spin.sizeHint().height())
    spin.show()
    option = QStyleOptionSpinBox()
    spin.initStyleOption(option)
    image = spin.grab().toImage()
    for name, button in (("▲", QStyle.SubControl.SC_SpinBoxUp), ("▼", QStyle.SubControl.SC_SpinBoxDown)):
        area = spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, button, spin)
        arrow = [  # the style's dark blue (#1f3f66), not the grey lines the buttons were
            (x, y)
            for x in range(area.left(), area.right() + 1)
            for y in range(area.top(), area.bottom() + 1)
            if (c := QColor(image.pixel(x, y))).blue() - c.red() > 40 and c.lightness() < 110
        ]
        assert len(arrow) >= 12, f"no {name} drawn"


def test_a_list_sorted_newest_first_shows_a_downward_arrow(
    qapp: QApplication, qtbot: QtBot, program_style: None
) -> None:
    """Cold test 26b: the event list runs newest first and its header showed ▲ (Qt's own style draws
    ▲ for a descending sort). Under the style sheet, descending is ▼ and ascending ▲, in dark blue."""
    apply_style(qapp, 12)
    table = QTableWidget(3, 2)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["编号", "上报时间"])
    table.resize(400, 200)
    header = table.horizontalHeader()
    header.setSortIndicatorShown(True)
    table.show()

    def arrow_rows() -> list[int]:
        """How many arrow pixels each row of the sorted section's arrow holds, top to bottom."""
        image = header.grab().toImage()
        left = header.sectionViewportPosition(1)
        rows: dict[int, int] = {}
        for x in range(left, left + header.sectionSize(1)):
            for y in range(image.height()):
                if (c := QColor(image.pixel(x, y))).blue() - c.red() > 40 and c.lightness() < 110:
                    rows[y] = rows.get(y, 0) + 1
        assert len(rows) >= 3, "no arrow drawn"
        return [rows[y] for y in sorted(rows)]

    header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    newest_first = arrow_rows()
    assert newest_first[0] > newest_first[-1], "▼: wide at the top"
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    oldest_first = arrow_rows()
    assert oldest_first[0] < oldest_first[-1], "▲: wide at the bottom"
