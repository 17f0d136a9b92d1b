"""Towns and a real hub over 127.0.0.1, through a proxy that breaks the link: SYNC.md's fault table.

Each test runs whole rounds (`run_round`) between real town databases and a hub served by uvicorn, and
checks what a person would notice: nothing lost, nothing twice, the cursor where it should be, the
escalated event moved by the county's answer."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock, copy_database
from event_inputs import an_event
from hub_helpers import TOWN_A, TOWN_B, Hub, running_hub
from sqlalchemy import func, select, text
from tcp_proxy import FaultyProxy

from county import admin
from desktop.db import Database
from desktop.models import Community, Event, SyncConflict, TownProfile
from desktop.services import events
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.common.uow import unit_of_work
from desktop.services.events import State
from desktop.services.events import workflow as flow
from desktop.services.workforce import grids
from desktop.sync import outbox, publications
from desktop.sync import settings as sync_settings
from desktop.sync.rounds import TRIGGER_CLI, RoundResult, load_state, run_round
from desktop.sync.transport import Timeouts

pytestmark = pytest.mark.xdist_group("sync_roundtrip")
ActorOf = Callable[[Database, str], Actor]
# Quick retries: the faults below are one-offs, a real link waits longer between tries.
QUICK = Timeouts(connect=2, read=10, backoff_base=0.01, backoff_cap=0.05, attempts=4)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as running:
        yield running


@pytest.fixture
def proxy(hub: Hub) -> Iterator[FaultyProxy]:
    faulty = FaultyProxy(hub.port)
    yield faulty
    faulty.close()


class Town:
    def __init__(self, db: Database, token: str, url: str) -> None:
        self.db, self.token, self.url = db, token, url

    def sync(self, **kw: Any) -> RoundResult:
        result = run_round(
            self.db, self.token, trigger=TRIGGER_CLI, county_url=self.url, timeouts=QUICK, **kw
        )
        return result

    def unsent(self) -> int:
        return outbox.unsent_count(self.db)


@pytest.fixture
def town_a(demo_db: Database, hub: Hub, proxy: FaultyProxy) -> Town:
    return Town(demo_db, hub.add_town(TOWN_A, "清溪镇"), proxy.url)


def second_town(town_db_file: Path, tmp_path: Path) -> Database:
    """Another town: the set-up test town under a new code, with one village, one grid and two events."""
    path = copy_database(town_db_file, tmp_path / "b" / "towncentre.db")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE town_profile SET area_code = ?, name = '柳溪镇'", (TOWN_B,))
    db = Database.open(path)
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        village = grids.add_community(uow, TOWN_B[:9] + "001", "柳溪村", "村")
        uow.session.flush()
        grids.add_grid(uow, village, 1, "柳溪村第一网格", "综合网格", 300, 900)
    with db.reading() as session:
        community = session.scalars(select(Community)).one()
        community_id = community.id
    for title in ("柳溪村河道垃圾堆积", "柳溪村路灯损坏"):
        events.create_event(
            db, SYSTEM_ACTOR, an_event(db, community_id=community_id, grid_id=None, title=title)
        )
    return db


def hub_counts(hub: Hub) -> dict[str, dict[str, int]]:
    return admin.stats(hub.engine)


def event_count(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Event)) or 0)


# --- the happy path and the round trips -----------------------------------------------------------------


def test_two_towns_converge_and_an_escalation_comes_back_answered(
    town_a: Town, hub: Hub, proxy: FaultyProxy, town_db_file: Path, tmp_path: Path, actor_of: ActorOf
) -> None:
    b_db = second_town(town_db_file, tmp_path)
    town_b = Town(b_db, hub.add_town(TOWN_B, "柳溪镇"), proxy.url)
    try:
        first = town_a.sync()
        assert first.ok, first.message
        assert town_b.sync().ok
        counts = hub_counts(hub)
        assert counts[TOWN_A]["events"] == event_count(town_a.db)
        assert counts[TOWN_B]["events"] == 2
        assert town_a.unsent() == 0 and town_b.unsent() == 0

        operator = actor_of(town_a.db, "shouli")
        eid = events.create_event(town_a.db, operator, an_event(town_a.db)).id
        flow.escalate(town_a.db, operator, eid, "跨部门协调，需县级统筹")
        assert town_a.sync().pushed >= 3  # the event, its 受理 and 上报县级 rows
        with town_a.db.reading() as session:
            number = session.scalar(select(Event.number).where(Event.id == eid))
        assert number is not None
        town, _answer_id = admin.answer(
            hub.engine, number, department="XJ05", deadline="2026-12-31", note="县住建局牵头"
        )
        assert town == TOWN_A
        second = town_a.sync()
        assert second.ok and eid in second.event_ids
        with town_a.db.reading() as session:
            event = session.get(Event, eid)
            assert event is not None and (event.state, event.target_department_code) == (
                State.DISPATCHED,
                "XJ05",
            )
        assert town_b.sync().pulled == 0, "an answer goes only to the event's town"
        # The moved event goes back up: the county sees the town's new state.
        town_a.sync()
        fields = admin.record_fields(hub.engine, "event", eid)
        assert fields is not None and fields["state"] == State.DISPATCHED
    finally:
        b_db.close()


def test_another_towns_records_are_set_aside_and_the_rest_still_goes(
    town_a: Town, hub: Hub, proxy: FaultyProxy, demo_db_file: Path, tmp_path: Path
) -> None:
    """The hub refuses (403) a batch touching another town's records, naming them; the town sets those
    aside for a person (SYNC.md: a refused change must not block the queue) and sends the rest."""
    assert town_a.sync().ok
    a_before = hub_counts(hub)[TOWN_A]
    # A copy of town A's database registered as town B: same record ids, another town.
    path = copy_database(demo_db_file, tmp_path / "copy" / "towncentre.db")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE town_profile SET area_code = ?", (TOWN_B,))
    impostor_db = Database.open(path)
    try:
        copied = outbox.unsent_count(impostor_db)
        own = events.create_event(
            impostor_db, SYSTEM_ACTOR, an_event(impostor_db, title="柳溪镇自己的事件")
        ).id
        impostor = Town(impostor_db, hub.add_town(TOWN_B, "柳溪镇"), proxy.url)
        result = impostor.sync()
        assert result.ok, result.message
        assert result.rejected == copied and f"被拒收 {copied} 条" in result.one_line()
        fields = admin.record_fields(hub.engine, "event", own)
        assert fields is not None and fields["title"] == "柳溪镇自己的事件"
        assert hub_counts(hub)[TOWN_A] == a_before, "town A's records are untouched"
        with impostor_db.reading() as session:
            refused = session.scalars(select(SyncConflict).where(SyncConflict.kind == "拒收")).all()
        assert len(refused) == copied and all("其他乡镇" in r.reason for r in refused)
        again = impostor.sync()
        assert again.ok and again.rejected == 0, "set aside: not sent again until a person decides"
        # 待上传 counts what the next round sends: the set-aside records wait under 冲突和拒收.
        assert outbox.unsent_count(impostor_db) == 0
        assert sync_settings.status(impostor_db).unsent == 0
    finally:
        impostor_db.close()


def test_a_published_matter_list_arrives_as_a_diff(
    town_a: Town, hub: Hub, tmp_path: Path, actor_of: ActorOf
) -> None:
    from desktop.services.matters import exchange

    manager = actor_of(town_a.db, "zhuren")
    listing = tmp_path / "清单.xlsx"
    exchange.export_xlsx(town_a.db, manager, listing)
    _bump_version(listing)
    admin.publish_matters(hub.engine, listing)
    result = town_a.sync()
    assert result.ok and result.publications == 1
    [waiting] = publications.list_publications(town_a.db, manager, waiting_only=True)
    assert waiting.label == "2099版"
    diff = publications.diff(town_a.db, manager, waiting.id)
    assert diff.version.version == "2099版"


def _bump_version(path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            if row[0].value == "清单版本号":
                row[1].value = "2099版"
            if row[0].value == "发布日期":
                row[1].value = "2099-01-01"
    book.save(path)


# --- SYNC.md's fault table ---------------------------------------------------------------------------------


def test_connection_dropped_after_the_hub_committed_is_resent_as_duplicate(
    town_a: Town, hub: Hub, proxy: FaultyProxy
) -> None:
    proxy.arm("drop", b"POST /sync/v1/push")
    result = town_a.sync()
    assert proxy.fired == ["drop"] and result.ok, result.message
    assert town_a.unsent() == 0
    assert hub_counts(hub)[TOWN_A]["events"] == event_count(town_a.db), "no extra rows"
    with hub.engine.connect() as conn:
        logged = conn.execute(text("SELECT count(*) FROM change_log WHERE town = :t"), {"t": TOWN_A}).scalar()
        stored = conn.execute(text("SELECT count(*) FROM hub_record WHERE town = :t"), {"t": TOWN_A}).scalar()
    assert logged == stored, "each record applied once"


def test_a_pull_cut_mid_page_leaves_the_cursor_and_applies_once(
    town_a: Town, hub: Hub, proxy: FaultyProxy, actor_of: ActorOf
) -> None:
    assert town_a.sync().ok
    operator = actor_of(town_a.db, "shouli")
    eid = events.create_event(town_a.db, operator, an_event(town_a.db)).id
    flow.escalate(town_a.db, operator, eid, "需县级协调解决")
    assert town_a.sync().ok
    with town_a.db.reading() as session:
        number = session.scalar(select(Event.number).where(Event.id == eid))
    assert number
    admin.answer(hub.engine, number, returning=True, note="属镇级事权")
    cursor = load_state(town_a.db).cursor
    proxy.arm("cut", b"GET /sync/v1/pull", times=4, keep=40)
    failed = town_a.sync()
    assert not failed.ok and load_state(town_a.db).cursor == cursor
    assert town_a.sync().ok
    with town_a.db.reading() as session:
        event = session.get(Event, eid)
        assert event is not None and (event.state, event.return_count) == (State.RETURNED, 1)


def test_a_busy_or_restarting_hub_is_waited_for(town_a: Town, hub: Hub, proxy: FaultyProxy) -> None:
    proxy.arm("503", b"POST /sync/v1/push", times=2)
    result = town_a.sync()
    assert result.ok and proxy.fired == ["503", "503"] and town_a.unsent() == 0


def test_a_hub_down_for_the_whole_round_fails_it_and_the_next_resumes(
    town_a: Town, hub: Hub, actor_of: ActorOf
) -> None:
    hub.stop()
    down = town_a.sync()
    assert not down.ok and "连不上县级中心" in down.message
    assert load_state(town_a.db).last_error == down.message
    hub.start()
    assert town_a.sync().ok and town_a.unsent() == 0


def test_a_hub_restored_from_an_older_backup_gets_back_what_it_lost(
    town_a: Town, hub: Hub, tmp_path: Path, actor_of: ActorOf
) -> None:
    assert town_a.sync().ok
    hub.stop()
    hub_file = Path(hub.db_url.removeprefix("sqlite:///"))
    shutil.copy(hub_file, tmp_path / "hub-backup.db")
    hub.start()
    operator = actor_of(town_a.db, "shouli")
    for n in range(3):
        events.create_event(town_a.db, operator, an_event(town_a.db, title=f"恢复前登记的第{n + 1}件事"))
    assert town_a.sync().ok
    hub.stop()
    shutil.copy(tmp_path / "hub-backup.db", hub_file)  # the county restores yesterday's backup
    for suffix in ("-wal", "-shm"):
        Path(f"{hub_file}{suffix}").unlink(missing_ok=True)
    hub.engine.dispose()
    admin.mark_restored(hub.engine)
    hub.start()
    assert hub_counts(hub)[TOWN_A]["events"] == event_count(town_a.db) - 3
    result = town_a.sync()
    assert result.ok, result.message
    assert hub_counts(hub)[TOWN_A]["events"] == event_count(town_a.db)
    with town_a.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(SyncConflict)) == 0, "lost is not conflicting"


def test_a_town_clock_a_day_off_changes_nothing_but_warns(town_a: Town) -> None:
    town_a.db.clock = FakeClock(town_a.db.clock() + timedelta(days=1))
    result = town_a.sync()
    assert result.ok and abs(result.clock_skew_seconds + 86400) < 120
    assert "时钟" in result.one_line()


def test_the_same_event_changed_on_two_pcs_leaves_one_conflict(
    town_a: Town, hub: Hub, proxy: FaultyProxy, tmp_path: Path, actor_of: ActorOf
) -> None:
    eid = events.create_event(town_a.db, actor_of(town_a.db, "shouli"), an_event(town_a.db)).id
    assert town_a.sync().ok
    # A second PC of the same town: yesterday's copy of the database, with the same token.
    laptop_db = Database.open(copy_database(town_a.db.path, tmp_path / "laptop" / "towncentre.db"))
    try:
        laptop = Town(laptop_db, town_a.token, proxy.url)
        # Here it is dispatched to a department; on the laptop, sent up to the county.
        flow.dispatch(town_a.db, actor_of(town_a.db, "shouli"), eid, department_code="ZJ02")
        flow.escalate(laptop_db, actor_of(laptop_db, "shouli"), eid, "需要县级协调解决")
        assert town_a.sync().ok
        result = laptop.sync()
        assert result.ok and result.conflicts >= 1
        with laptop_db.reading() as session:
            rows = session.scalars(select(SyncConflict).where(SyncConflict.record_id == eid)).all()
        assert len(rows) == 1 and rows[0].kind == "冲突"
    finally:
        laptop_db.close()


def test_the_cursor_below_the_hubs_floor_takes_a_snapshot(town_a: Town, hub: Hub, tmp_path: Path) -> None:
    admin.publish_holidays(hub.engine, 2026)
    assert town_a.sync().ok
    admin.mark_restored(hub.engine)  # the floor moves above every sequence the town has seen
    result = town_a.sync()
    assert result.ok, result.message
    assert load_state(town_a.db).cursor >= admin.hub_meta(hub.engine).seq_floor - 1


def test_the_audit_chain_head_reaches_the_county(town_a: Town, hub: Hub) -> None:
    assert town_a.sync().ok
    with town_a.db.reading() as session:
        town = session.scalars(select(TownProfile)).one()
        assert town.area_code == TOWN_A
    with hub.engine.connect() as conn:
        head = conn.execute(text("SELECT audit_head_seq FROM town WHERE code = :c"), {"c": TOWN_A}).scalar()
    assert head and head > 0


def test_a_batch_too_large_for_the_hub_goes_again_in_halves(
    town_a: Town, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long descriptions can make 500 changes more than the hub takes (413): the round must not stop
    there for good, or the town would never sync again."""
    from desktop.sync import protocol

    monkeypatch.setattr(protocol, "MAX_INFLATED_BYTES", 8 * 1024)  # the hub reads it per request
    result = town_a.sync()
    assert result.ok, result.message
    assert town_a.unsent() == 0
    assert hub_counts(hub)[TOWN_A]["events"] == event_count(town_a.db)


def test_a_link_that_refuses_every_upload_is_not_tried_again_in_ever_smaller_batches(
    town_a: Town, proxy: FaultyProxy
) -> None:
    """Halving helps a batch that is too big or too slow, not a refused connection or token: it sent
    the same changes 9 more times, 500 down to 1, and told the operator a minute later (cold test 24)."""
    proxy.arm("refuse", b"POST /sync/v1/push", times=1000)
    result = town_a.sync()
    assert not result.ok and "连不上县级中心" in result.message
    assert proxy.fired.count("refuse") == QUICK.attempts  # one batch, tried as the transport retries it


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE sync_batch SET body = substr(body, 1, length(body) - 5)",  # cut short on disk
        "UPDATE sync_batch SET body = json_remove(body, '$[0]')",  # a change gone: marks disagree
    ],
)
def test_a_stored_batch_damaged_on_disk_is_built_again_from_the_rows(
    demo_db: Database, hub: Hub, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Cold tests 24 and 25: a stored batch that no longer read as sent failed every round (pulls
    included), first leaving the lease taken, then plainly but for ever. Forgetting it is safe: its
    changes are read again from the rows."""
    town = Town(demo_db, hub.add_town(TOWN_A, "清溪镇"), hub.url)
    unsent = town.unsent()
    stored = outbox.next_batch(demo_db, 50)  # what a round killed mid-upload leaves
    assert stored is not None
    with closing(sqlite3.connect(demo_db.path)) as conn, conn:
        conn.execute(damage)
    result = town.sync()
    assert result.ok and result.pushed == unsent, result.message
    assert town.unsent() == 0 and hub_counts(hub)[TOWN_A]["events"] == event_count(demo_db)
    assert "do not read as sent" in caplog.text


class _Killed(BaseException):
    """The process ending mid-round: nothing after it runs, as after kill -9 (not an Exception, which the
    round would catch and record as 失败)."""


def killed_at_batch(n: int) -> Callable[[str, int, int], None]:
    """A round's progress callback that ends the round (`_Killed`) as its n-th batch is about to go."""
    batches = 0

    def progress(what: str, _done: int, _total: int) -> None:
        nonlocal batches
        if what.startswith("正在上传"):
            batches += 1
            if batches == n:
                raise _Killed

    return progress


def test_a_round_cut_off_mid_upload_shows_what_it_had_sent(
    town_a: Town, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cold test 24: a cut-off round said 上传 0 however much had reached the hub."""
    from desktop.models import SyncRound
    from desktop.sync import rounds

    monkeypatch.setattr(rounds, "RENEW_AFTER", timedelta(0))  # the lease (and the counts) after each batch
    with pytest.raises(_Killed):
        town_a.sync(progress=killed_at_batch(4), batch_size=5)
    with unit_of_work(town_a.db, None) as uow:
        state = uow.session.get(rounds.SyncState, 1)
        assert state is not None
        state.last_attempt_at = uow.now - rounds.LEASE - timedelta(seconds=1)  # the lease ran out
    assert town_a.sync().ok
    with town_a.db.reading() as session:
        cut, done = session.scalars(select(SyncRound).order_by(SyncRound.started_at)).all()
    assert (cut.result, cut.pushed) == ("中断", 15), "the three batches answered before the cut are counted"
    assert done.result == "成功" and town_a.unsent() == 0


def test_a_copy_holding_another_towns_stored_batch_builds_its_own(
    town_a: Town, hub: Hub, proxy: FaultyProxy, tmp_path: Path
) -> None:
    """Cold test 25: a database copied from a town cut off mid-upload holds that town's batch in flight;
    the hub refused it (the id is the other town's) round after round, with nothing named."""
    with pytest.raises(_Killed):  # batch 2 reached the hub; town A had not settled it
        town_a.sync(progress=killed_at_batch(2), batch_size=5)
    a_at_hub = hub_counts(hub)[TOWN_A]
    path = copy_database(town_a.db.path, tmp_path / "copy" / "towncentre.db")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE town_profile SET area_code = ?", (TOWN_B,))
        conn.execute("UPDATE sync_state SET last_attempt_at = NULL")  # A's lease came with the copy
    copy_db = Database.open(path)
    try:
        copy = Town(copy_db, hub.add_town(TOWN_B, "柳溪镇"), proxy.url)
        result = copy.sync()
        assert result.ok, result.message
        assert result.rejected == 5, "the five records of the batch town A had not settled are set aside"
        assert hub_counts(hub)[TOWN_A] == a_at_hub, "town A's records are untouched"
        assert copy.sync().ok and copy.unsent() == 0, "nothing left to send"
        assert len(outbox.open_conflict_ids(copy_db)) == 5, "the set-aside ones wait for a person"
    finally:
        copy_db.close()


def test_a_round_waiting_on_a_stalled_hub_keeps_its_lease(
    town_a: Town, proxy: FaultyProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cold test 25: a hub stalled for longer than the lease let a second round start beside the live
    one (and both recorded every conflict). The round renews its lease while its sender retries."""
    from concurrent.futures import ThreadPoolExecutor

    from desktop.sync import rounds

    # A lease of 1 s: 0.4 s lapsed under a loaded CI machine before the round's first batch was built.
    monkeypatch.setattr(rounds, "LEASE", timedelta(seconds=1.0))
    monkeypatch.setattr(rounds, "RENEW_AFTER", timedelta(seconds=0.05))
    proxy.arm("503", b"POST /sync/v1/push", times=16)  # a hub busy for about 4 s (16 back-offs)
    patient = Timeouts(connect=2, read=10, backoff_base=0.15, backoff_cap=0.3, attempts=18)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(
            run_round, town_a.db, town_a.token, trigger=TRIGGER_CLI, county_url=town_a.url, timeouts=patient
        )
        time.sleep(1.4)  # longer than the lease
        second = town_a.sync()
        assert not second.ok and "另一轮同步正在进行" in second.message
        assert first.result().ok
