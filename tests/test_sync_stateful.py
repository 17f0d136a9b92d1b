"""Hypothesis' state machine over two towns and one hub: random edits, rounds through a link that fails
at random, hub restarts and county answers; then two clean rounds each, and SYNC.md's promises must hold:
every replica equals the hub for its scope, every acknowledged write is there, no natural key twice,
and the hub's sequence numbers only grow."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from db_helpers import copy_database
from event_inputs import an_event
from hub_helpers import TOWN_A, TOWN_B, Hub
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select, text
from tcp_proxy import FaultyProxy

from county import admin
from desktop.db import Database
from desktop.models import Community, Event, MatterItem
from desktop.services import events
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.common.uow import unit_of_work
from desktop.services.events import State
from desktop.services.events import workflow as flow
from desktop.services.workforce import grids
from desktop.sync import records
from desktop.sync.rounds import TRIGGER_CLI, run_round
from desktop.sync.transport import Timeouts

# Its own unit of work, started first (was grouped with test_sync_roundtrip: two long files on one worker).
pytestmark = pytest.mark.heavy
QUICK = Timeouts(connect=2, read=10, backoff_base=0.005, backoff_cap=0.02, attempts=3)
FAULTS = (None, "drop", "cut", "503", "refuse")
PATHS = (b"POST /sync/v1/push", b"GET /sync/v1/pull", b"GET /sync/v1/hello")


class SyncMachine(RuleBasedStateMachine):
    town_file: Path  # set by the test: the set-up town, copied per example

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="sync-machine-"))
        self.hub = Hub(f"sqlite:///{self.folder / 'hub.db'}")
        self.hub.start()
        self.proxy = FaultyProxy(self.hub.port)
        self.towns: dict[str, Database] = {}
        self.tokens: dict[str, str] = {}
        for code, name in ((TOWN_A, "清溪镇"), (TOWN_B, "柳溪镇")):
            self.towns[code] = self._town(code, name)
            self.tokens[code] = self.hub.add_town(code, name)
        self.last_seq = 0
        self.acknowledged: dict[str, set[str]] = {TOWN_A: set(), TOWN_B: set()}
        self.answered: set[str] = set()

    def _town(self, code: str, name: str) -> Database:
        path = copy_database(self.town_file, self.folder / code / "towncentre.db")
        with closing(sqlite3.connect(path)) as conn, conn:
            conn.execute("UPDATE town_profile SET area_code = ?, name = ?", (code, name))
        db = Database.open(path)
        with unit_of_work(db, SYSTEM_ACTOR) as uow:
            village = grids.add_community(uow, code[:9] + "001", f"{name}一村", "村")
            uow.session.flush()
            grids.add_grid(uow, village, 1, f"{name}一村第一网格", "综合网格", 300, 900)
        return db

    def _sync(self, code: str) -> bool:
        db = self.towns[code]
        result = run_round(
            db, self.tokens[code], trigger=TRIGGER_CLI, county_url=self.proxy.url, timeouts=QUICK
        )
        if result.ok:
            # Whatever the town had before a clean round is at the hub now.
            with db.reading() as session:
                ids = set(session.scalars(select(Event.id).where(Event.pending_changes == 0)))
            self.acknowledged[code] |= ids
        return result.ok

    # --- rules -----------------------------------------------------------------------------------

    @rule(town=st.sampled_from((TOWN_A, TOWN_B)), title=st.sampled_from(("路灯损坏", "河道垃圾", "噪声扰民")))
    def register(self, town: str, title: str) -> None:
        db = self.towns[town]
        with db.reading() as session:
            community = session.scalars(select(Community.id)).one()
            item = session.scalars(select(MatterItem.id).where(MatterItem.name == "邻里纠纷")).first()
        assert item is not None
        data = an_event(
            db, community_id=community, grid_id=None, matter_item_id=item, title=f"{title}问题反映"
        )
        events.create_event(db, SYSTEM_ACTOR, data)

    @rule(town=st.sampled_from((TOWN_A, TOWN_B)), choice=st.integers(0, 50), escalate=st.booleans())
    def handle(self, town: str, choice: int, escalate: bool) -> None:
        db = self.towns[town]
        with db.reading() as session:
            accepted = list(
                session.scalars(select(Event.id).where(Event.state == State.ACCEPTED).order_by(Event.id))
            )
        if not accepted:
            return
        eid = accepted[choice % len(accepted)]
        if escalate:
            flow.escalate(db, SYSTEM_ACTOR, eid, "需要县级协调解决")
        else:
            flow.dispatch(db, SYSTEM_ACTOR, eid, department_code="ZJ02")

    @rule(town=st.sampled_from((TOWN_A, TOWN_B)), fault=st.sampled_from(FAULTS), where=st.sampled_from(PATHS))
    def sync(self, town: str, fault: str | None, where: bytes) -> None:
        if fault is not None:
            self.proxy.arm(fault, where, times=1, keep=60)
        self._sync(town)
        self.proxy = self._fresh_proxy() if self.proxy.armed() else self.proxy

    def _fresh_proxy(self) -> FaultyProxy:
        self.proxy.close()
        return FaultyProxy(self.hub.port)

    @rule()
    def restart_hub(self) -> None:
        self.hub.stop()
        self.hub.start()

    @precondition(lambda self: self._escalated_at_hub())
    @rule(returning=st.booleans())
    def county_answers(self, returning: bool) -> None:
        number = self._escalated_at_hub()
        assert number is not None
        if returning:
            admin.answer(self.hub.engine, number, returning=True, note="属镇级事权")
        else:
            admin.answer(
                self.hub.engine, number, department="XJ05", deadline="2030-12-31", note="县级部门办理"
            )
        self.answered.add(number)

    def _escalated_at_hub(self) -> str | None:
        with self.hub.engine.connect() as conn:
            rows = conn.execute(text("SELECT natural_key, fields FROM hub_record WHERE type = 'event'")).all()
        for number, fields in rows:
            if number not in self.answered and f'"state": "{State.ESCALATED}"' in fields:
                return str(number)
        return None

    @invariant()
    def sequence_only_grows(self) -> None:
        last = admin.hub_meta(self.hub.engine).last_seq
        assert last >= self.last_seq
        self.last_seq = last

    # --- the end ---------------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            self.proxy.close()
            self.proxy = FaultyProxy(self.hub.port)
            for _ in range(2):
                for code in self.towns:
                    assert self._sync(code), f"a clean round of {code} failed"
            self._check_converged()
        finally:
            self.proxy.close()
            self.hub.close()
            for db in self.towns.values():
                db.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _check_converged(self) -> None:
        with self.hub.engine.connect() as conn:
            hub_rows = conn.execute(text("SELECT type, id, town, ver, natural_key FROM hub_record")).all()
        keys = [(r.type, r.town, r.natural_key) for r in hub_rows if r.natural_key]
        assert len(keys) == len(set(keys)), "a natural key twice at the hub"
        for code, db in self.towns.items():
            here: dict[tuple[str, str], int] = {}
            with db.reading() as session:
                for kind in records.UP:
                    for row_id, ver, pending in session.execute(
                        select(kind.model.id, kind.model.ver, kind.model.pending_changes)
                    ):
                        assert pending == 0, f"{kind.name} {row_id} still unsent after two clean rounds"
                        here[(kind.name, row_id)] = ver
            there = {(r.type, r.id): r.ver for r in hub_rows if r.town == code}
            assert here == there, f"{code} and the hub differ"
            assert self.acknowledged[code] <= {i for (t, i) in there if t == "event"}
            with db.reading() as session:
                states = dict(session.execute(select(Event.number, Event.state)).all())
            for number in self.answered & set(states):
                assert states[number] != State.ESCALATED, f"{number}: the county's answer did not arrive"


def test_towns_and_the_hub_converge_under_random_faults(town_db_file: Path) -> None:
    SyncMachine.town_file = town_db_file
    run: Any = SyncMachine.TestCase
    run.settings = settings(
        max_examples=6, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )  # fmt: skip
    run().runTest()
