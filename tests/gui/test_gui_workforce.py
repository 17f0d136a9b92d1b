"""The 网格与人员 page: a manager adds a grid and a worker and sees them in the tree; the registry and
the committee tabs show what the services hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from db_helpers import resident_id
from event_inputs import first_grid
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal

from desktop.db import Database
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.people import persons
from desktop.services.workforce import grids, roster
from desktop.views.workforce.dialogs import (
    GridDialog,
    MediatorDialog,
    MergeDialog,
    ProfileDialog,
    SplitDialog,
    WorkerDialog,
)
from desktop.views.workforce.page import KIND_ROLE, WorkforcePage

WORKER_ID = resident_id("33012719850312001")


def tree_names(page: WorkforcePage) -> dict[str, list[str]]:
    out = {}
    for i in range(page.tree.topLevelItemCount()):
        node = page.tree.topLevelItem(i)
        assert node is not None
        out[node.text(0)] = [node.child(j).text(0) for j in range(node.childCount())]  # type: ignore[union-attr]
    return out


def test_a_manager_adds_a_grid_and_a_worker_and_sees_them(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = WorkforcePage(demo_db, login_as("zhuren"))
    qtbot.addWidget(page)
    page.show()
    community = page.tree.topLevelItem(1)  # after 中心工作人员
    assert community is not None
    community_name = community.text(0)  # the tree is rebuilt after each change
    page.tree.setCurrentItem(community)

    def fill_grid(dialog: QWidget) -> None:
        assert isinstance(dialog, GridDialog)
        dialog.name.setText("农贸市场网格")
        dialog.kind.setCurrentIndex(dialog.kind.findData("专属网格"))
        dialog.subtype.setCurrentIndex(dialog.subtype.findData("市场"))
        dialog.households.setValue(40)
        dialog.places.setPlainText("农贸市场\n沿街商铺")
        dialog.ok_button.click()

    when_modal(fill_grid)
    page.buttons_by_key["add_grid"].click()
    assert "农贸市场网格" in tree_names(page)[community_name]
    assert "市场" in page.details.text() and "农贸市场、沿街商铺" in page.details.text()

    def fill_worker(dialog: QWidget) -> None:
        assert isinstance(dialog, WorkerDialog)
        dialog.name.setText("钱多多")
        dialog.resident_id.setText(WORKER_ID)
        dialog.phone.setText("13905719999")
        dialog.post.setCurrentIndex(dialog.post.findData("专职网格员"))
        dialog.ok_button.click()

    when_modal(fill_worker)
    page.buttons_by_key["add_worker"].click()
    current = page.tree.currentItem()
    assert current is not None and current.text(0) == "农贸市场网格" and current.text(1) == "1"
    model = page.worker_model
    assert [model.value(r, 1) for r in model.rows] == ["钱多多"]
    assert model.value(model.rows[0], 3) == "330127************"  # masked in the list, even for a manager

    page.person_search.setText("钱多多")
    page.search_people()
    assert [r.name for r in page.person_model.rows] == ["钱多多"]


def test_a_bad_worker_shows_its_errors_beside_the_fields(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    page = WorkforcePage(demo_db, login_as("wangge"))
    qtbot.addWidget(page)
    seen: dict[str, bool] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, WorkerDialog)
        dialog.resident_id.setText("330127198503120010")
        dialog.post.setCurrentIndex(dialog.post.findData("网格长"))
        dialog.grid.setCurrentIndex(0)
        dialog.ok_button.click()
        seen.update({k: not dialog.form.errors[k].isHidden() for k in ("name", "resident_id", "grid")})
        dialog.reject()  # 是 to 「改动不会保存，确定放弃吗？」

    when_modal(fill)
    page.buttons_by_key["add_worker"].click()
    assert seen == {"name": True, "resident_id": True, "grid": True}
    assert message_boxes.texts("question") == ["改动不会保存，确定放弃吗？"]
    assert not page.buttons_by_key["reveal"].isVisibleTo(page)  # 网格管理员 may not see full IDs


def test_a_split_from_the_page_retires_the_grid_and_shows_the_new_ones(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    page = WorkforcePage(demo_db, login_as("zhuren"))
    qtbot.addWidget(page)
    chosen = page.tree.currentItem()  # the first grid is shown on opening
    assert chosen is not None and chosen.data(0, KIND_ROLE) == "grid"
    old_name = chosen.text(0)
    assert page.worker_model.rows  # its workers

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SplitDialog)
        dialog.first.setText("东片网格")
        dialog.second.setText("西片网格")
        dialog.ok_button.click()

    when_modal(fill)
    page.buttons_by_key["split_grid"].click()
    names = [n for grids in tree_names(page).values() for n in grids]
    assert old_name not in names and "东片网格" in names and "西片网格" in names


def test_a_worker_file_takes_a_photo_and_a_training(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], tmp_path: Path
) -> None:
    page = WorkforcePage(demo_db, login_as("zhuren"))
    qtbot.addWidget(page)
    page.workers.selectRow(0)
    person = page.worker_model.rows[0]
    photo = tmp_path / "photo.png"
    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(0x3366CC)
    assert image.save(str(photo))
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ProfileDialog)
        dialog.set_photo(photo)
        seen["photo"] = not dialog.photo.pixmap().isNull()
        dialog.employer.setText("清溪镇综治中心")
        dialog.title.setText("网格员岗前培训")
        dialog.hours.setValue(8)
        dialog.ok_button.click()

    when_modal(fill)
    page.buttons_by_key["profile"].click()
    assert seen["photo"] is True
    assert [t.title for t in roster.trainings(demo_db, SYSTEM_ACTOR, person.person_id)] == ["网格员岗前培训"]
    assert page.worker_model.rows[0].employer == "清溪镇综治中心"


def test_the_registry_merges_two_selected_persons_and_the_committee_tab_adds_a_mediator(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    persons.create_person(demo_db, SYSTEM_ACTOR, persons.PersonInput("欧阳明", phone="13905718888"))
    persons.create_person(demo_db, SYSTEM_ACTOR, persons.PersonInput("欧阳明", WORKER_ID))
    page = WorkforcePage(demo_db, login_as("zhuren"))
    qtbot.addWidget(page)
    page.person_search.setText("欧阳明")
    page.search_people()
    assert len(page.person_model.rows) == 2
    page.people.selectAll()

    def merge(dialog: QWidget) -> None:
        assert isinstance(dialog, MergeDialog)
        dialog.reason.setText("同一人重复登记")
        dialog.ok_button.click()

    when_modal(merge)
    page.merge_button.click()
    assert [r.name for r in page.person_model.rows] == ["欧阳明"]

    def add(dialog: QWidget) -> None:
        assert isinstance(dialog, MediatorDialog)
        dialog.name.setText("韩梅")
        dialog.title.setCurrentIndex(dialog.title.findData("委员"))
        dialog.ok_button.click()

    when_modal(add)
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "新增调解员")
    button.click()
    assert "韩梅" in [r.name for r in page.mediator_model.rows]
    # A mediator sees the committee's roster but may not change it.
    mediator_page = WorkforcePage(demo_db, login_as("tiaojie"))
    qtbot.addWidget(mediator_page)
    assert not next(
        b for b in mediator_page.findChildren(QPushButton) if b.text() == "新增调解员"
    ).isVisibleTo(mediator_page)
    assert mediator_page.committee_name.isReadOnly()


def test_esc_in_edit_grid_asks_before_throwing_changes_away(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], message_boxes: MessageBoxes
) -> None:
    """Cold test 26: 户数 and 人口 changed in 修改网格, and Esc closed it without saving or asking."""
    manager = login_as("zhuren")
    community_id, grid_id, _name = first_grid(demo_db)
    dialog = GridDialog(demo_db, manager, community_id, grids.grid_detail(demo_db, manager, grid_id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and message_boxes.texts("question") == [], "nothing changed: no question"
    dialog.show()
    dialog.households.setValue(dialog.households.value() + 7)
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert message_boxes.texts("question") == ["改动不会保存，确定放弃吗？"] and dialog.isVisible()
    assert message_boxes.defaults == [QMessageBox.StandardButton.No], "Esc then Enter keeps the changes"
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
