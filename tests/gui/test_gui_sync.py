"""The 数据同步 page: who sees it, settling a conflict, applying a county matter list, the link's
settings and token, and 立即同步 without a hub address (no network: the hub is another helper's)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import keyring
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from db_helpers import MemoryKeyring
from event_inputs import an_event
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import MessageBoxes, when_modal
from sqlalchemy import func, select

from desktop.db import Database
from desktop.models import AuditEntry, MatterItem, SyncConflict, SyncRound, TownProfile
from desktop.models.base import new_id
from desktop.services import events
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.common.uow import unit_of_work
from desktop.services.matters import exchange
from desktop.sync import inbound, outbox, protocol, rounds, token
from desktop.sync import settings as link
from desktop.views.main_window import MainWindow
from desktop.views.matters.import_dialog import DiffDialog
from desktop.views.sync import schedule
from desktop.views.sync.conflict_dialog import DIFFERS, ConflictDialog
from desktop.views.sync.page import SyncPage

ActorOf = Callable[[Database, str], Actor]


def shown_page(qtbot: QtBot, page: SyncPage) -> SyncPage:
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed):
        page.show()
    return page


def wait_for_figures(qtbot: QtBot, page: SyncPage) -> None:
    qtbot.waitUntil(lambda: page.unsent_label.text().startswith("待上传"))


def test_the_triggers_are_the_ones_rounds_record() -> None:
    assert (schedule.TRIGGER_SCHEDULE, schedule.TRIGGER_MANUAL) == (
        rounds.TRIGGER_SCHEDULE,
        rounds.TRIGGER_MANUAL,
    )


def test_the_page_is_for_the_manager_and_the_admin_not_for_a_viewer(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    for user in ("zhuren", "admin"):
        window = MainWindow(demo_db, login_as(user))
        qtbot.addWidget(window)
        window.show()
        page = window.show_page("sync")
        assert isinstance(page, SyncPage) and page.sync_button.isVisible(), user
        wait_for_figures(qtbot, page)
        assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
            "同步记录", "冲突和拒收", "县级发布", "同步设置",
        ]  # fmt: skip
        window.close()

    viewer = MainWindow(demo_db, login_as("chakan"))
    qtbot.addWidget(viewer)
    row = next(i for i, e in enumerate(viewer.entries) if e.key == "sync")
    viewer.nav.setCurrentRow(row)
    assert "sync" not in viewer.pages and not viewer.nav.item(row).flags()
    denied = SyncPage(demo_db, login_as("chakan"))
    qtbot.addWidget(denied)
    assert "中心负责人" in denied.denied.text() and not hasattr(denied, "sync_button")


def a_conflict(db: Database, actor_of: ActorOf) -> str:
    """The hub answers that the county changed the event's title meanwhile (as in test_sync_town)."""
    eid = events.create_event(db, actor_of(db, "shouli"), an_event(db)).id
    batch = outbox.next_batch(db, 10_000)
    assert batch is not None
    local = next(c for c in batch.changes if c["id"] == eid)
    remote = {**local["fields"], "title": "县里改过的标题"}
    results = [
        {"type": c["type"], "id": c["id"], "status": "conflict", "ver": 9, "fields": remote}
        if c["id"] == eid else {"type": c["type"], "id": c["id"], "status": "applied", "ver": c["ver"]}
        for c in batch.changes
    ]  # fmt: skip
    outbox.settle(db, batch, {"batch_id": batch.id, "results": results})  # type: ignore[typeddict-item]
    return eid


def test_a_conflict_is_settled_in_the_dialog_with_a_reason_and_leaves_the_list(
    qtbot: QtBot, demo_db: Database, actor_of: ActorOf
) -> None:
    eid = a_conflict(demo_db, actor_of)
    page = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "zhuren")))
    assert page.conflict_model.rowCount() == 1 and page.conflicts_label.text() == "冲突和拒收 1 条待处理"
    assert page.tabs.tabText(1) == "冲突和拒收（1）"
    seen: dict[str, Any] = {}

    def settle(widget: QWidget) -> None:
        assert isinstance(widget, ConflictDialog)
        table = widget.table

        def cell(row: int, column: int) -> QTableWidgetItem:
            item = table.item(row, column)
            assert item is not None
            return item

        seen["first"] = [cell(0, c).text() for c in range(3)]
        seen["marked"] = cell(0, 1).background().color() == DIFFERS
        seen["same_unmarked"] = cell(table.rowCount() - 1, 1).background().color() != DIFFERS
        widget.first_button.click()  # 保留本镇的, without a reason
        seen["error"] = widget.form.error_for("note")
        assert widget.isVisible()
        widget.note.setPlainText("本镇标题已与反映人核实")
        widget.first_button.click()

    when_modal(settle)
    page.open_conflict()
    assert seen["first"][0] == "标题" and seen["first"][2] == "县里改过的标题"
    assert seen["first"][1] != "县里改过的标题" and seen["marked"] and seen["same_unmarked"]
    assert seen["error"] == "请写明为什么这样处理。"
    qtbot.waitUntil(lambda: page.conflict_model.rowCount() == 0)
    assert page.tabs.tabText(1) == "冲突和拒收"
    with demo_db.reading() as session:
        settled = session.scalars(select(SyncConflict)).one()
        assert (settled.resolution, settled.resolution_note, settled.resolved_by) == (
            "保留本地", "本镇标题已与反映人核实", "李明华",
        )  # fmt: skip
    again = outbox.next_batch(demo_db, 10_000)
    assert again is not None and eid in {c["id"] for c in again.changes}, "the town's version goes again"


def published_list(db: Database, version: str) -> dict[str, Any]:
    version_info, departments, items = exchange.export_rows(db)
    assert version_info is not None
    rows = []
    for item in items:
        row = {k: protocol.encode_value(v) for k, v in item.__dict__.items()}
        row["co_department_codes"] = list(item.co_department_codes)
        rows.append(row)
    rows[0]["name"] = rows[0]["name"] + "（县级修订）"
    return {"version": version, "published_on": "2027-01-01", "publisher": "县综治中心", "note": "",
            "departments": [d.__dict__ for d in departments], "items": rows}  # fmt: skip


def test_a_county_matter_list_shows_its_difference_and_applies(
    qtbot: QtBot, demo_db: Database, actor_of: ActorOf, message_boxes: MessageBoxes
) -> None:
    fields = published_list(demo_db, "2027版")
    change: protocol.PulledChange = {
        "seq": 1, "type": "matter_list", "id": new_id(), "op": "upsert", "ver": 1, "fields": fields,
    }  # fmt: skip
    with unit_of_work(demo_db, inbound.COUNTY_ACTOR) as uow:
        inbound.apply_changes(uow, inbound.check_page([change]), False)
    # The administrator sees it, but comparing and applying take 维护事项清单.
    admin_page = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "admin")))
    assert admin_page.publication_model.rowCount() == 1
    assert not admin_page.review_button.isEnabled() and "维护事项清单" in admin_page.review_button.toolTip()

    page = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "zhuren")))
    assert page.publication_model.rowCount() == 1
    assert [page.publication_model.value(page.publication_model.rows[0], c) for c in (1, 2, 3)] == [
        "事项清单", "2027版", "待确认",
    ]  # fmt: skip
    assert page.review_button.isEnabled()
    seen: list[str] = []

    def apply(widget: QWidget) -> None:
        assert isinstance(widget, DiffDialog)
        seen.extend(widget.tabs.tabText(i) for i in range(widget.tabs.count()))
        seen.append(widget.apply_button.text())
        widget.apply_button.click()

    when_modal(apply)
    page.review_publication()
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    assert "变更 1" in seen and seen[-1] == "应用"
    [told] = message_boxes.texts("information")
    assert told.startswith("县级发布的事项清单 2027版 已应用：")
    qtbot.waitUntil(lambda: page.publication_model.rows[0].state == "已应用")
    assert not page.review_button.isEnabled()
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).where(MatterItem.name == fields["items"][0]["name"])) == 1


def a_certificate(path: Path) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "县综治中心内网 CA")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def test_the_link_settings_are_checked_saved_and_survive_a_restart(
    qtbot: QtBot, demo_db: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    page = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "admin")))
    tab = page.settings_tab
    qtbot.waitUntil(lambda: tab.loaded)
    assert tab.hub.isReadOnly() and tab.hub.text() == "（尚未填写）"
    assert tab.interval.value() == 15 and not tab.auto_apply.isChecked()
    not_pem = tmp_path / "county.crt"
    not_pem.write_text("这不是证书", encoding="utf-8")
    tab.ca_file.setText(str(not_pem))
    tab.save_button.click()
    assert "不是 PEM 格式的证书" in tab.form.error_for("ca_file")
    assert link.load(demo_db).ca_file == "", "nothing saved"

    ca = a_certificate(tmp_path / "county-ca.pem")
    tab.ca_file.setText(str(ca))
    tab.interval.setValue(30)
    tab.auto_apply.setChecked(True)
    tab.save_button.click()
    assert tab.status.text() == "同步设置已保存。" and not tab.form.error_for("ca_file")
    assert page.schedule.timer.interval() == 30 * 60 * 1000, "the schedule takes the new interval"

    path = demo_db.path
    demo_db.close()
    reopened = Database.open(path)
    try:
        saved = link.load(reopened)
        assert (saved.interval_minutes, saved.auto_apply_matters, saved.ca_file) == (30, True, str(ca))
        with reopened.reading() as session:
            audit = session.scalars(select(AuditEntry).where(AuditEntry.object_type == "同步设置")).one()
        assert audit.summary == "同步间隔（分钟）、自动应用事项清单、证书文件"
    finally:
        reopened.close()


def test_the_manager_reads_the_settings_but_cannot_change_them(
    qtbot: QtBot, demo_db: Database, actor_of: ActorOf
) -> None:
    tab = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "zhuren"))).settings_tab
    assert not tab.save_button.isEnabled() and not tab.token.isEnabled() and not tab.interval.isEnabled()


def test_the_token_goes_into_the_keyring_and_is_never_shown_back(
    qtbot: QtBot, demo_db: Database, actor_of: ActorOf, memory_keyring: MemoryKeyring
) -> None:
    page = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "admin")))
    tab = page.settings_tab
    qtbot.waitUntil(lambda: tab.loaded)
    assert "尚未填写同步口令" in tab.token_state.text()
    assert tab.token.echoMode() == tab.token.EchoMode.Password
    secret = "Zx9-kQ2vL8mN4pR6tW1yB3cD5fG7hJ0sA_uE2iO4aY6"
    tab.token.setText(secret)
    tab.store_button.click()
    assert memory_keyring.store == {(token.KEYRING_SERVICE, rounds.town_code(demo_db)): secret}
    assert tab.token.text() == "" and "本机已保存同步口令" in tab.token_state.text()
    assert all(secret not in label.text() for label in page.findChildren(type(tab.status)))
    with demo_db.reading() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.summary == "设置同步口令")).one()
    assert secret not in (audit.detail or "")

    tab.token.setText("含有 空格 的口令")
    tab.store_button.click()
    assert "同步口令不正确" in tab.token_form.error_for("token")
    assert list(memory_keyring.store.values()) == [secret]


def test_no_keyring_is_said_plainly_and_nothing_is_kept_elsewhere(
    qtbot: QtBot, demo_db: Database, actor_of: ActorOf
) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        tab = shown_page(qtbot, SyncPage(demo_db, actor_of(demo_db, "admin"))).settings_tab
        qtbot.waitUntil(lambda: tab.loaded)
        tab.token.setText("Zx9kQ2vL8mN4pR6tW1yB3cD5fG7hJ0sAuE2iO4aY6")
        tab.store_button.click()
        assert "这台电脑没有可用的密钥环" in tab.token_form.error_for("token")
    finally:
        keyring.set_keyring(before)
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.summary == "设置同步口令")) == 0


def test_sync_now_without_a_hub_address_says_why_and_records_a_failed_round(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    window = MainWindow(demo_db, login_as("zhuren"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.sync_label.text() == "同步：未设置同步")
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    qtbot.waitUntil(lambda: "未设置同步" in page.setup_label.text())
    assert "系统管理 → 乡镇信息" in page.setup_label.text()

    # The schedule skips a town that has not set up the link: no round, no failure.
    with qtbot.waitSignal(window.sync_schedule.skipped):
        window.sync_schedule.scheduled()
    assert window.sync_label.text() == "同步：未设置同步"

    qtbot.keyClick(
        page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not page.sync_button.isEnabled() and page.progress_label.text() == "正在同步…"
    assert not window.sync_schedule.run_now(), "never two rounds at once"
    qtbot.waitUntil(lambda: page.round_model.rowCount() == 1 and page.error_label.isVisible())
    row = page.round_model.rows[0]
    assert (row.trigger, row.result) == ("手动", "失败")
    assert [page.round_model.value(row, c) for c in (1, 2)] == ["手动", "失败"]
    assert "尚未设置县级中心地址：请在“系统管理 → 乡镇信息”中填写。" in page.error_label.text()
    assert window.sync_label.text().endswith("失败") and "尚未设置县级中心地址" in window.sync_label.toolTip()
    assert page.sync_button.isEnabled()
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(SyncRound)) == 1


def test_a_round_that_brought_events_and_a_list_refreshes_the_pages(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    window = MainWindow(demo_db, login_as("zhuren"))
    qtbot.addWidget(window)
    result = rounds.RoundResult(ok=True, pushed=3, pulled=2, event_ids=["e1", "e1"], publications=1)
    with qtbot.waitSignal(window.notifier.changed) as announced:
        window.sync_schedule.finished.emit(result)  # what the schedule says after a round
    changes = announced.args[0] if announced.args else None
    assert changes is not None and changes.events and changes.my_work and changes.matters
    assert changes.event_ids == ("e1",)
    assert window.sync_label.text().startswith("同步：") and window.sync_label.text().endswith(" 成功")
    assert window.sync_label.toolTip() == "同步完成：上传 3 条，接收 2 条"


class RefusingHub(BaseHTTPRequestHandler):
    """A hub that no longer knows this town's token (it was revoked): every request is 401."""

    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


def test_a_round_the_hub_refuses_shows_its_reason_on_the_page_and_in_the_status_bar(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor], memory_keyring: MemoryKeyring
) -> None:
    server = HTTPServer(("127.0.0.1", 0), RefusingHub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with unit_of_work(demo_db, SYSTEM_ACTOR) as uow:
            profile = uow.session.scalars(select(TownProfile)).one()
            profile.county_hub_url = f"http://127.0.0.1:{server.server_port}"
        token.store_token(rounds.town_code(demo_db), "revoked-token-0123456789")
        window = MainWindow(demo_db, login_as("zhuren"))
        qtbot.addWidget(window)
        window.show()
        page = window.show_page("sync")
        assert isinstance(page, SyncPage)
        qtbot.waitUntil(lambda: page.unsent_label.text().startswith("待上传"))
        assert not page.setup_label.isVisible(), "address and token are set"
        progress: list[str] = []
        window.sync_schedule.progress.connect(progress.append)
        page.sync_button.click()
        qtbot.waitUntil(lambda: page.round_model.rowCount() == 1 and page.sync_button.isEnabled())
    finally:
        server.shutdown()
        server.server_close()
    assert progress[:1] == ["正在连接县级中心…"], "progress comes back from the writer thread"
    assert "县级中心不认这台电脑的同步口令" in page.error_label.text()
    assert window.sync_label.text().endswith("失败")
    assert window.sync_label.toolTip().startswith("县级中心不认这台电脑的同步口令")


def test_the_start_up_read_of_the_link_does_not_overwrite_a_round_that_ended_meanwhile(
    qtbot: QtBot, demo_db: Database, login_as: Callable[[str], Actor]
) -> None:
    """The status bar's first read runs on a thread after the window shows; a round that fails before
    that read returns must keep its 失败 (the read, taken before the round, said 尚未同步; seen in CI)."""
    window = MainWindow(demo_db, login_as("zhuren"))
    qtbot.addWidget(window)
    before_the_round = link.status(demo_db)
    window._sync_finished(rounds.RoundResult(message="县级中心不认这台电脑的同步口令"))
    window._sync_state_read(before_the_round)  # the read that was taken earlier arrives now
    assert window.sync_label.text().endswith("失败")
