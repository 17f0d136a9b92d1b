"""数据同步's offline packages: the keys in 同步设置, 「导出离线包…」 and 「导入离线包…」 off the GUI thread,
against a real hub database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from db_helpers import MemoryKeyring
from event_inputs import an_event
from hub_helpers import TOWN_A
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes
from sqlalchemy import Engine, select

from county import admin
from county import packages as hub_packages
from county.db import open_hub
from desktop.db import Database
from desktop.models import Event, SyncRound
from desktop.services import events
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.events import State
from desktop.services.events import workflow as flow
from desktop.sync import outbox
from desktop.sync import settings as link
from desktop.views import file_dialogs
from desktop.views.sync.page import SyncPage

ActorOf = Callable[[Database, str], Actor]


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Engine]:
    engine = open_hub(str(tmp_path / "hub.db"))
    admin.add_town(engine, TOWN_A, "清溪镇")
    yield engine
    engine.dispose()


def shown_page(qtbot: QtBot, page: SyncPage) -> SyncPage:
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed):
        page.show()
    qtbot.waitUntil(lambda: page.settings_tab.loaded)
    return page


def test_the_keys_are_exchanged_in_the_settings_tab(
    qtbot: QtBot, demo_db: Database, actor_of: ActorOf, memory_keyring: MemoryKeyring, hub: Engine
) -> None:
    tab = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "admin"))).settings_tab
    assert tab.town_key.text() == "" and "尚未生成" in tab.town_key.placeholderText()
    assert memory_keyring.store == {}, "showing the page makes no key"
    tab.copy_button.click()
    qtbot.waitUntil(lambda: tab.key_status.text() == "本镇公钥已复制。")
    key = tab.town_key.text()
    assert len(key) == 44 and QApplication.clipboard().text() == key
    assert link.town_package_key(demo_db, create=False) == key
    hub_packages.set_town_key(hub, TOWN_A, key)  # what the county does with it

    tab.county_key.setText("这不是公钥")
    tab.county_key_button.click()
    assert "公钥不正确" in tab.keys_form.error_for("county_key")
    assert link.county_package_key(demo_db) == ""
    county_key = hub_packages.show_key(hub)
    tab.county_key.setText(f"  {county_key} ")
    tab.county_key_button.click()
    assert tab.key_status.text() == "县级中心公钥已保存。" and not tab.keys_form.error_for("county_key")
    assert link.county_package_key(demo_db) == county_key


def test_a_viewer_of_the_settings_cannot_change_the_countys_key(
    qtbot: QtBot, demo_db: Database, actor_of: ActorOf, memory_keyring: MemoryKeyring
) -> None:
    tab = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "zhuren"))).settings_tab
    assert not tab.county_key.isEnabled() and not tab.county_key_button.isEnabled()
    assert tab.copy_button.isEnabled(), "anyone on the page may copy the town's key for the county"


def test_an_escalation_answered_by_packages_through_the_page(
    qtbot: QtBot,
    demo_db: Database,
    actor_of: ActorOf,
    memory_keyring: MemoryKeyring,
    hub: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hub_packages.set_town_key(hub, TOWN_A, link.town_package_key(demo_db))
    link.set_county_package_key(demo_db, SYSTEM_ACTOR, hub_packages.show_key(hub))
    operator = actor_of(demo_db, "shouli")
    eid = events.create_event(demo_db, operator, an_event(demo_db)).id
    flow.escalate(demo_db, operator, eid, "跨部门协调，需县级统筹")
    page = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "admin")))
    up, down = tmp_path / "up.zip", tmp_path / "down.zip"
    monkeypatch.setattr(file_dialogs, "save_path", lambda *_a: str(up))
    monkeypatch.setattr(file_dialogs, "open_path", lambda *_a: str(down))

    page.export_button.click()
    assert not page.export_button.isEnabled(), "one package at a time, off the GUI thread"
    qtbot.waitUntil(lambda: page.progress_label.text().startswith("已导出离线包"), timeout=30_000)
    assert page.export_button.isEnabled() and up.is_file()

    hub_packages.import_package(hub, up)
    with demo_db.reading() as session:
        number = session.scalar(select(Event.number).where(Event.id == eid))
    assert number is not None
    admin.answer(hub, number, department="XJ05", deadline="2026-12-31", note="县住建局牵头")
    hub_packages.export_package(hub, TOWN_A, down)

    page.import_button.click()
    qtbot.waitUntil(lambda: page.progress_label.text().startswith("离线包已导入"), timeout=30_000)
    qtbot.waitUntil(lambda: page.round_model.rowCount() == 1)  # the page's refresh after the import
    with demo_db.reading() as session:
        event = session.get(Event, eid)
        assert event is not None and event.state == State.DISPATCHED
        assert session.scalars(select(SyncRound.trigger)).all() == ["离线包"]
    assert outbox.in_flight(demo_db) is None, "the county's replies settled every exported batch"

    page.import_button.click()
    qtbot.waitUntil(lambda: page.progress_label.text() == "这个离线包已经导入过，未作改动。", timeout=30_000)


def test_a_refused_package_is_said_plainly(
    qtbot: QtBot,
    demo_db: Database,
    actor_of: ActorOf,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    page = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "admin")))
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 cut short")
    monkeypatch.setattr(file_dialogs, "open_path", lambda *_a: str(bad))
    page.import_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes.texts()), timeout=30_000)
    assert "离线包无法导入" in message_boxes.texts()[0]
    assert page.import_button.isEnabled()
