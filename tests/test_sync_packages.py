"""Offline packages between a town and the county hub (desktop/sync/packages.py, offline.py,
county/packages.py): an escalation answered by packages alone, idempotent imports, and hostile packages
refused with the database byte-for-byte unchanged."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from db_helpers import MemoryKeyring, dump_tables
from event_inputs import an_event
from hub_helpers import TOWN_A, TOWN_B
from sqlalchemy import Engine, select

from county import admin
from county import cli as county_cli
from county import packages as hub_packages
from county.db import open_hub
from desktop.db import Database
from desktop.errors import UserError
from desktop.models import Event, EventAction, SyncBatch, SyncRound
from desktop.services import events
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.events import State
from desktop.services.events import workflow as flow
from desktop.sync import offline, outbox, packages, settings
from desktop.sync.rounds import load_state
from desktop.sync.token import PACKAGE_KEY_SERVICE

ActorOf = Callable[[Database, str], Actor]


@pytest.fixture
def hub_file(tmp_path: Path) -> Path:
    return tmp_path / "hub.db"


@pytest.fixture
def hub(hub_file: Path) -> Iterator[Engine]:
    engine = open_hub(str(hub_file))
    yield engine
    engine.dispose()


@pytest.fixture
def town(demo_db: Database, hub: Engine, memory_keyring: MemoryKeyring) -> Database:
    """The demo town registered at the hub, each side holding the other's package key."""
    admin.add_town(hub, TOWN_A, "清溪镇")
    hub_packages.set_town_key(hub, TOWN_A, settings.town_package_key(demo_db))
    settings.set_county_package_key(demo_db, SYSTEM_ACTOR, hub_packages.show_key(hub))
    return demo_db


def escalate(db: Database, actor_of: ActorOf) -> tuple[str, str]:
    operator = actor_of(db, "shouli")
    eid = events.create_event(db, operator, an_event(db)).id
    flow.escalate(db, operator, eid, "跨部门协调，需县级统筹")
    with db.reading() as session:
        number = session.scalar(select(Event.number).where(Event.id == eid))
    assert number is not None
    return eid, number


def in_flight_count(db: Database) -> int:
    with db.reading() as session:
        return len(session.scalars(select(SyncBatch.id)).all())


def up_and_down(db: Database, hub: Engine, folder: Path) -> tuple[Path, Path]:
    """The town's package imported at the hub, and the hub's package for the town written."""
    up = folder / "up.zip"
    offline.export_package(db, SYSTEM_ACTOR, up)
    hub_packages.import_package(hub, up)
    down = folder / "down.zip"
    hub_packages.export_package(hub, TOWN_A, down)
    return up, down


# --- the round trip ------------------------------------------------------------------------------


def test_an_escalation_goes_up_and_its_answer_comes_back_by_packages_alone(
    town: Database, hub: Engine, tmp_path: Path, actor_of: ActorOf
) -> None:
    eid, number = escalate(town, actor_of)
    unsent_before = outbox.unsent_count(town)
    up = tmp_path / "up.zip"
    exported = offline.export_package(town, SYSTEM_ACTOR, up)
    assert exported.changes == unsent_before and exported.batches == in_flight_count(town) >= 1
    assert not list(tmp_path.glob(".*.part")), "written through a temporary file, then renamed"
    # Still unsent until the county's answer comes back: the batches wait in flight.
    assert outbox.unsent_count(town) == unsent_before

    imported = hub_packages.import_package(hub, up)
    assert imported.batches == exported.batches and imported.counts == {"applied": exported.changes}
    assert admin.stats(hub)[TOWN_A]["events"] > 0
    town_code, _answer = admin.answer(
        hub, number, department="XJ05", deadline="2026-12-31", note="县住建局牵头"
    )
    assert town_code == TOWN_A

    down = tmp_path / "down.zip"
    sent = hub_packages.export_package(hub, TOWN_A, down)
    assert sent.from_seq == 0 and sent.to_seq > 0 and sent.replies == exported.batches
    result = offline.import_package(town, down)
    assert not result.already and result.acknowledged == exported.changes and eid in result.event_ids

    with town.reading() as session:
        event = session.get(Event, eid)
        assert event is not None
        assert (event.state, event.target_department_code) == (State.DISPATCHED, "XJ05")
        kinds = session.scalars(select(EventAction.kind).where(EventAction.event_id == eid)).all()
        assert "县级交办" in kinds
        package_round = session.scalars(select(SyncRound).where(SyncRound.trigger == "离线包")).one()
        assert package_round.result == "成功" and "离线包已导入" in package_round.message
    assert in_flight_count(town) == 0, "every exported batch settled by the county's replies"
    assert load_state(town).cursor == sent.to_seq
    # Only what the answer moved is unsent now: the event and its new timeline row.
    assert outbox.unsent_count(town) == 2

    # The same packages again: nothing changes on either side, and each says so.
    town_before = dump_tables(town.path)
    assert offline.import_package(town, down).already
    assert dump_tables(town.path) == town_before
    hub_before = admin.stats(hub)
    assert hub_packages.import_package(hub, up).already
    assert admin.stats(hub) == hub_before


def test_the_next_package_from_the_hub_starts_where_the_town_said_it_was(
    town: Database, hub: Engine, tmp_path: Path, actor_of: ActorOf
) -> None:
    _up, down = up_and_down(town, hub, tmp_path)
    offline.import_package(town, down)
    escalate(town, actor_of)
    second_up = tmp_path / "up2.zip"
    offline.export_package(town, SYSTEM_ACTOR, second_up)
    hub_packages.import_package(hub, second_up)  # carries the town's cursor
    second_down = tmp_path / "down2.zip"
    sent = hub_packages.export_package(hub, TOWN_A, second_down)
    assert sent.from_seq == load_state(town).cursor > 0
    assert not offline.import_package(town, second_down).already
    assert in_flight_count(town) == 0


def test_an_online_round_after_an_export_sends_the_stored_batches_oldest_first(
    town: Database, actor_of: ActorOf, tmp_path: Path
) -> None:
    offline.export_package(town, SYSTEM_ACTOR, tmp_path / "up.zip")
    escalate(town, actor_of)
    offline.export_package(town, SYSTEM_ACTOR, tmp_path / "up2.zip")
    stored = outbox.all_in_flight(town)
    assert len(stored) >= 2
    assert outbox.in_flight(town) == stored[0] and outbox.next_batch(town, 500) == stored[0]
    ids = {(m[0], m[1]) for batch in stored for m in batch.marks}
    assert len(ids) == sum(len(b.marks) for b in stored), "no record in two stored batches"


def test_nothing_to_send_is_said_plainly(town: Database, hub: Engine, tmp_path: Path) -> None:
    _up, down = up_and_down(town, hub, tmp_path)
    offline.import_package(town, down)
    assert outbox.unsent_count(town) == 0
    with pytest.raises(UserError, match="没有需要上传的数据"):
        offline.export_package(town, SYSTEM_ACTOR, tmp_path / "again.zip")
    assert not (tmp_path / "again.zip").exists()


def test_the_package_key_lives_in_the_keyring_only(
    town: Database, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    private = memory_keyring.store[(PACKAGE_KEY_SERVICE, TOWN_A)]
    assert packages.public_key_of(private) == settings.town_package_key(town)
    for rows in dump_tables(town.path).values():
        assert private not in repr(rows)


# --- hostile packages at the town ----------------------------------------------------------------


def members_of(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def resigned(
    hub: Engine,
    good: Path,
    *,
    add: tuple[tuple[str, bytes], ...] = (),
    edit: Callable[[str, bytes], bytes] = lambda _name, data: data,
    **manifest_changes: Any,
) -> bytes:
    """The package at `good` with its members and manifest changed, signed again with the hub's own key:
    what only a check other than the signature can refuse."""
    members = dict(members_of(good))
    manifest = json.loads(members.pop(packages.MANIFEST))
    members.pop(packages.SIGNATURE)
    manifest.update(manifest_changes)
    _id, data = packages.build(
        private_key=hub_packages._private_key(hub), direction="down", town=manifest["town"],
        epoch=manifest["epoch"], members=[*((n, edit(n, d)) for n, d in members.items()), *add],
        extra={"from_seq": manifest["from_seq"], "to_seq": manifest["to_seq"]},
    )  # fmt: skip
    return data


def with_a_change_of_the_wrong_type(name: str, data: bytes) -> bytes:
    if name != "page-0001.json":
        return data
    page = json.loads(data)
    page["changes"].append(
        {"seq": 1, "type": "event", "id": "x", "op": "upsert", "base_ver": 0, "ver": 1, "fields": {}}
    )
    return json.dumps(page).encode()


def hostile(kind: str, good: Path, hub: Engine) -> bytes:
    members = members_of(good)
    if kind == "tampered member":  # same size, other bytes
        return zip_of([(n, d.replace(b'"more":false', b'"more":true ')) for n, d in members])
    if kind == "tampered manifest":
        return zip_of([(n, d.replace(b'"from_seq": 0', b'"from_seq": 1')) for n, d in members])
    if kind == "another key":
        _id, data = packages.build(
            private_key=packages.new_private_key(), direction="down", town=TOWN_A,
            epoch=admin.hub_meta(hub).epoch, members=[(n, d) for n, d in members if n.startswith(("page", "rep"))],
            extra={"from_seq": 0, "to_seq": 1},
        )  # fmt: skip
        return data
    if kind == "truncated":
        data = good.read_bytes()
        return data[: len(data) // 2]
    if kind.startswith("named "):
        return resigned(hub, good, add=((kind.removeprefix("named "), b"[]"),))
    if kind == "unlisted member":
        return zip_of([*members, ("page-0009.json", b"{}")])
    if kind == "zip bomb":
        return resigned(hub, good, add=(("page-0009.json", bytes(packages.MAX_MEMBER_BYTES + 1)),))
    if kind == "manifest bomb":
        return zip_of([(packages.MANIFEST, bytes(packages.MAX_MANIFEST_BYTES + 1)), *members[1:]])
    if kind == "too many members":
        return zip_of([*members, *((f"page-{n:04d}.json", b"") for n in range(2, packages.MAX_MEMBERS + 2))])
    if kind == "old epoch":
        return resigned(hub, good, epoch="0" * 32)
    if kind == "gap":
        manifest = json.loads(dict(members)[packages.MANIFEST])
        return resigned(hub, good, from_seq=manifest["to_seq"] + 10, to_seq=manifest["to_seq"] + 20)
    if kind == "bad change":
        return resigned(hub, good, edit=with_a_change_of_the_wrong_type)
    raise AssertionError(kind)


HOSTILE = {
    "tampered member": "已被改动",
    "tampered manifest": "签名不符",
    "another key": "签名不符",
    "truncated": "zip 损坏",
    "named ../x": "不允许的文件名",
    "named /etc/passwd": "不允许的文件名",
    "named C:\\x": "不允许的文件名",
    "unlisted member": "清单之外",
    "zip bomb": "过大",
    "manifest bomb": "过大",
    "too many members": "文件数超过",
    "old epoch": "已作废",
    "gap": "缺少更早的离线包，请向县级中心索取",
    "bad change": "不接受的记录类型",
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_package_is_refused_with_nothing_written(
    kind: str, town: Database, hub: Engine, tmp_path: Path
) -> None:
    _up, down = up_and_down(town, hub, tmp_path)
    if kind == "old epoch":
        offline.import_package(town, down)  # the town now knows the hub's epoch
        hub_packages.export_package(hub, TOWN_A, down)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(hostile(kind, down, hub))
    before = dump_tables(town.path)
    with pytest.raises(packages.PackageError, match=HOSTILE[kind]):
        offline.import_package(town, bad)
    assert dump_tables(town.path) == before


def test_a_member_whose_header_understates_its_size_is_refused_while_reading(
    town: Database, hub: Engine, tmp_path: Path
) -> None:
    """The signed manifest and the zip header both say 10 bytes; the stream inflates to 64 MiB more."""
    import base64
    import hashlib
    import struct

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _up, down = up_and_down(town, hub, tmp_path)
    members = dict(members_of(down))
    manifest = json.loads(members.pop(packages.MANIFEST))
    members.pop(packages.SIGNATURE)
    bomb = bytes(packages.MAX_MEMBER_BYTES + 1)
    name = "page-0009.json"
    manifest["members"].append({"name": name, "size": 10, "sha256": hashlib.sha256(bomb[:10]).hexdigest()})
    manifest_bytes = json.dumps(manifest).encode()
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(hub_packages._private_key(hub)))
    data = bytearray(
        zip_of([(packages.MANIFEST, manifest_bytes), (packages.SIGNATURE, base64.b64encode(key.sign(manifest_bytes))),
                *members.items(), (name, bomb)])
    )  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(name)
    # The uncompressed size in the local header (offset 22) and in the central directory entry (24).
    struct.pack_into("<I", data, info.header_offset + 22, 10)
    central = data.rindex(b"PK\x01\x02")  # the last entry of the central directory is the bomb's
    assert data[central + 46 : central + 46 + len(name)] == name.encode()
    struct.pack_into("<I", data, central + 24, 10)
    bad = tmp_path / "liar.zip"
    bad.write_bytes(bytes(data))
    with zipfile.ZipFile(bad) as archive:
        assert archive.getinfo(name).file_size == 10, "the forged header is what a reader sees"
    before = dump_tables(town.path)
    with pytest.raises(packages.PackageError, match="zip 损坏"):
        offline.import_package(town, bad)
    assert dump_tables(town.path) == before


def test_a_package_for_another_town_is_refused(town: Database, hub: Engine, tmp_path: Path) -> None:
    admin.add_town(hub, TOWN_B, "柳溪镇")
    other = tmp_path / "b.zip"
    hub_packages.export_package(hub, TOWN_B, other)
    before = dump_tables(town.path)
    with pytest.raises(packages.PackageError, match=f"是发给镇街 {TOWN_B} 的"):
        offline.import_package(town, other)
    assert dump_tables(town.path) == before


def test_a_town_package_is_refused_at_the_town_and_needs_the_countys_key(
    town: Database, hub: Engine, tmp_path: Path
) -> None:
    up = tmp_path / "up.zip"
    offline.export_package(town, SYSTEM_ACTOR, up)
    before = dump_tables(town.path)
    with pytest.raises(packages.PackageError, match="签名不符"):
        offline.import_package(town, up)
    assert dump_tables(town.path) == before


# --- hostile packages at the hub -----------------------------------------------------------------


def test_the_hub_refuses_a_tampered_package_or_an_unregistered_key_with_nothing_written(
    town: Database, hub: Engine, hub_file: Path, tmp_path: Path
) -> None:
    up = tmp_path / "up.zip"
    offline.export_package(town, SYSTEM_ACTOR, up)
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(zip_of([(n, d.replace(b'"ver":1', b'"ver":9')) for n, d in members_of(up)]))
    before = dump_tables(hub_file)
    with pytest.raises(packages.PackageError, match="已被改动"):
        hub_packages.import_package(hub, tampered)
    assert dump_tables(hub_file) == before
    hub_packages.set_town_key(hub, TOWN_A, packages.public_key_of(packages.new_private_key()))
    before = dump_tables(hub_file)
    with pytest.raises(packages.PackageError, match="签名不符"):
        hub_packages.import_package(hub, up)
    assert dump_tables(hub_file) == before


def test_after_the_hub_is_restored_a_package_for_a_town_behind_it_is_refused_plainly(
    town: Database, hub: Engine, hub_file: Path, tmp_path: Path
) -> None:
    admin.mark_restored(hub)
    before = dump_tables(hub_file)
    with pytest.raises(admin.Refused, match="请让该镇街联网同步一次"):
        hub_packages.export_package(hub, TOWN_A, tmp_path / "down.zip")
    assert not (tmp_path / "down.zip").exists() and dump_tables(hub_file) == before


# --- the commands --------------------------------------------------------------------------------


def test_the_commands_exchange_packages_both_ways(
    towncentre: Any,
    demo_db_file: Path,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    hub_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from db_helpers import copy_database

    db_path = copy_database(demo_db_file, tmp_path / "town" / "towncentre.db")
    hub_db = str(hub_file)

    def county(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = county_cli.main([args[0], "--db", hub_db, *args[1:]])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert county("add-town", TOWN_A, "清溪镇")[0] == 0
    shown = towncentre("sync", "--db", str(db_path), "--show-package-key")
    assert shown.returncode == 0, shown.stderr
    assert county("set-town-key", TOWN_A, shown.stdout.strip())[0] == 0
    code, hub_key, _ = county("show-key")
    assert code == 0 and len(hub_key.strip()) == 44
    # The key every county package is checked against, and a file of reporters' phones: a named user only.
    assert towncentre("sync", "--db", str(db_path), "--set-county-key", hub_key.strip()).returncode == 2
    monkeypatch.setenv("TOWNCENTRE_PASSWORD", "demo2026")
    set_key = ("sync", "--db", str(db_path), "--set-county-key", hub_key.strip())
    assert towncentre(*set_key, "--user", "shouli").returncode == 1, "a 受理员 may not"
    assert towncentre(*set_key, "--user", "admin").returncode == 0

    up, down = tmp_path / "up.zip", tmp_path / "down.zip"
    exported = towncentre("sync", "--db", str(db_path), "--export-package", str(up), "--user", "zhuren")
    assert exported.returncode == 0 and "已导出离线包" in exported.stdout
    code, _, err = county("import-package", str(up))
    assert code == 0 and "已导入镇街" in err
    code, _, err = county("import-package", str(up))
    assert code == 0 and "已导入过" in err
    code, _, err = county("export-package", TOWN_A, "--out", str(down))
    assert code == 0 and "已导出离线包" in err
    imported = towncentre("sync", "--db", str(db_path), "--import-package", str(down))
    assert imported.returncode == 0 and "离线包已导入" in imported.stdout
    again = towncentre("sync", "--db", str(db_path), "--import-package", str(down))
    assert again.returncode == 0 and "已经导入过" in again.stdout

    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    refused = towncentre("sync", "--db", str(db_path), "--import-package", str(bad))
    assert refused.returncode == 1 and "离线包无法导入" in refused.stderr
    code, _, err = county("import-package", str(bad))
    assert code == 1 and "离线包无法导入" in err
    code, _, err = county("set-town-key", TOWN_A, "not a key")
    assert code == 1 and "公钥不正确" in err


def test_a_hub_made_before_packages_upgrades_and_makes_its_key_on_first_use(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import inspect, text

    from county.db import alembic_config, make_engine

    path = tmp_path / "old-hub.db"
    engine = make_engine(str(path))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    admin.add_town(engine, TOWN_A, "清溪镇")
    engine.dispose()

    upgraded = open_hub(str(path))
    try:
        assert "hub_package" in inspect(upgraded).get_table_names()
        with upgraded.connect() as conn:
            assert conn.execute(text("SELECT package_key FROM hub_meta")).scalar() is None
        key = hub_packages.show_key(upgraded)
        assert packages.check_public_key(key) == key == hub_packages.show_key(upgraded), "made once, kept"
        assert list(admin.stats(upgraded)) == [TOWN_A], "the town registered before the upgrade is kept"
    finally:
        upgraded.dispose()
