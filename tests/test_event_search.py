"""Event text search through the two FTS5 indexes: one or two letters or digits go through the grams
index and must find exactly what a LIKE scan of title, description and address finds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from db_helpers import FakeClock, copy_database
from sqlalchemy import Select, event, select, text

from desktop.db import Database
from desktop.demo.events import generate_events
from desktop.models import Grid, MatterItem
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.events import EventInput, State, queries
from desktop.services.events.queries import EventFilter, EventReader, Sort, get_event

ActorOf = Callable[[Database, str], Actor]
NOW = datetime(2026, 11, 16, 1, tzinfo=UTC)  # 09:00 in China, a Monday
# Titles the demo generator never writes: Latin letters in both cases, digits, a name, a hyphen.
# One worker builds the 1,500-event town once; spread, each worker would build it again.
pytestmark = pytest.mark.xdist_group("event-search")

OWN_TITLES = ("A座电梯故障困人", "b座3单元楼道漏水", "王芳反映12号楼噪声扰民", "B-3号楼外墙脱落")


@pytest.fixture(scope="module")
def searched_db_file(demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo town with 1,500 bulk-loaded events (triggers dropped, indexes refilled) and a few
    registered through the service afterwards (indexed by the triggers)."""
    path = copy_database(demo_db_file, tmp_path_factory.mktemp("search") / "towncentre.db")
    db = Database.open(path)
    try:
        db.clock = FakeClock(NOW)
        generate_events(db, 1500, seed=3)
        operator = login(db)
        for title in OWN_TITLES:
            events.create_event(db, operator, an_event(db, title=title))
    finally:
        db.close()
    return path


@pytest.fixture
def db(searched_db_file: Path, tmp_path: Path) -> Iterator[Database]:
    db = Database.open(copy_database(searched_db_file, tmp_path / "towncentre.db"))
    db.clock = FakeClock(NOW)
    yield db
    db.close()


def login(db: Database) -> Actor:
    from desktop.services.accounts import auth

    return auth.login(db, "shouli", "demo2026").actor


def an_event(db: Database, **changes: object) -> EventInput:
    with db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        item = session.scalar(select(MatterItem.id).where(MatterItem.name == "邻里纠纷"))
        assert grid is not None and item is not None
    event = EventInput(
        channel="来电", occurred_at=db.clock() - timedelta(hours=2), community_id=grid.community_id,
        grid_id=grid.id, matter_item_id=item, title="楼道堆放杂物", description="楼道里堆满杂物，影响通行。",
        address="清溪路 18 号", reporter_name="张建国", reporter_phone="13905711234",
    )  # fmt: skip
    return replace(event, **changes)  # type: ignore[arg-type]


def scanned(db: Database, needle: str) -> list[int]:
    """What the program searched before the grams index: LIKE (ASCII case-insensitive), newest first."""
    with db.reading() as session:
        rows = session.execute(
            text(
                "SELECT rowid FROM event WHERE title LIKE :q OR description LIKE :q OR address LIKE :q "
                "ORDER BY rowid DESC"
            ),
            {"q": f"%{needle}%"},
        )
        return [r[0] for r in rows]


def found(db: Database, f: EventFilter) -> tuple[list[int], int]:
    reader = EventReader(db, login(db), f)
    return [r.rowid for r in reader.page(0, 100_000)], reader.count()


def plan_of(db: Database, query: Select[Any]) -> str:
    """SQLite's query plan for `query`, with the parameters the program sends."""
    sent: list[tuple[str, Any]] = []

    def capture(*args: Any) -> None:
        sent.append((args[2], args[3]))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        with db.reading() as session:
            session.execute(query).all()
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    statement, parameters = sent[-1]
    with db.reading() as session:
        rows = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    return " | ".join(r[3] for r in rows)


@pytest.mark.parametrize("needle", ["路", "漏水", "噪声", "王芳", "a", "A", "B", "b座", "3", "12", "B-"])
def test_short_searches_find_exactly_what_a_scan_finds(db: Database, needle: str) -> None:
    expected = scanned(db, needle)
    assert expected, "every needle occurs in the test data"
    rows, count = found(db, EventFilter(text=needle))
    assert rows == expected and count == len(expected)


@pytest.mark.parametrize("few_events", [0, 2000], ids=["through-the-index", "scanning-the-few"])
def test_short_searches_combined_with_other_filters(
    db: Database, few_events: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every filter leaves fewer than 2,000 of these 1,500 events: with 0, the index path runs too.
    monkeypatch.setattr(queries, "FEW_EVENTS", few_events)
    with db.reading() as session:
        community = session.scalar(text("SELECT community_id FROM event GROUP BY 1 ORDER BY count(*) DESC"))
    filters = [
        EventFilter(states=(State.CLOSED,)),
        EventFilter(community_id=community),
        EventFilter(since=date(2025, 1, 1), until=date(2025, 12, 31)),
        EventFilter(states=(State.CLOSED, State.IN_PROGRESS), community_id=community, since=date(2024, 6, 1)),
    ]
    for f in filters:
        everything, _ = found(db, f)
        for needle in ("路", "漏水", "王"):
            matching = set(scanned(db, needle))
            expected = [rowid for rowid in everything if rowid in matching]
            assert expected or needle != "路", f
            assert found(db, replace(f, text=needle)) == (expected, len(expected)), (needle, f)
            by_state = EventReader(db, login(db), replace(f, text=needle), Sort("state")).page(0, 100_000)
            assert sorted(r.rowid for r in by_state) == sorted(expected)


def test_short_search_pages_from_the_end_and_in_other_orders(db: Database) -> None:
    operator = login(db)
    expected = scanned(db, "路")
    reader = EventReader(db, operator, EventFilter(text="路"))
    total = reader.count()
    assert [r.rowid for r in reader.page(total - 7, 7, total=total)] == expected[-7:], (
        "oldest, read backwards"
    )
    assert [r.rowid for r in reader.page(20, 5)] == expected[20:25]
    by_deadline = EventReader(db, operator, EventFilter(text="路"), Sort("deadline")).page(0, 100_000)
    assert sorted(r.rowid for r in by_deadline) == sorted(expected)
    deadlines = [r.deadline for r in by_deadline if r.deadline is not None]
    assert deadlines == sorted(deadlines, reverse=True)


def test_new_and_changed_events_are_found_by_a_short_word(db: Database) -> None:
    operator = login(db)
    assert found(db, EventFilter(text="鸽舍")) == ([], 0)
    created = events.create_event(db, operator, an_event(db, title="屋顶违建鸽舍扰民"))
    rows, count = found(db, EventFilter(text="鸽舍"))
    assert count == 1 and rows == [r.rowid for r in EventReader(db, operator, EventFilter()).page(0, 1)]
    # No workflow step edits the text; a correction in the database keeps the index in step too.
    with db.write_session() as session:
        session.execute(
            text("UPDATE event SET title = '屋顶违建狗舍扰民' WHERE id = :id"), {"id": created.id}
        )
        session.commit()
    assert found(db, EventFilter(text="鸽舍")) == ([], 0)
    assert found(db, EventFilter(text="狗舍")) == (rows, 1)


def test_a_short_search_reads_one_page_newest_first_through_the_index(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    operator = login(db)
    monkeypatch.setattr(queries, "FEW_EVENTS", 0)  # this town's filters all leave few events
    for f in (
        EventFilter(text="漏水"),
        EventFilter(text="漏水", states=(State.CLOSED,), community_id="x", since=date(2025, 1, 1)),
    ):
        plan = plan_of(db, EventReader(db, operator, f).query(descending=True).limit(100))
        # The index is walked newest first and each hit looked up, without a sort: it stops at 100.
        assert plan.startswith("SCAN event_grams VIRTUAL TABLE"), plan
        assert "SEARCH event USING INTEGER PRIMARY KEY" in plan and "TEMP B-TREE" not in plan, plan


def test_a_short_search_among_few_events_tests_each_of_them(db: Database) -> None:
    """已受理 and 路: the few accepted events are tested one by one, not 路's every hit walked."""
    operator = login(db)
    for _ in range(2):
        events.create_event(db, operator, an_event(db))  # 已受理, at 清溪路 18 号
    f = EventFilter(text="路", states=(State.ACCEPTED,))
    plan = plan_of(db, EventReader(db, operator, f).query(descending=True).limit(100))
    assert plan.startswith("SEARCH event USING INDEX ix_event_state") and "event_grams" not in plan, plan
    accepted, _ = found(db, EventFilter(states=(State.ACCEPTED,)))
    expected = [rowid for rowid in accepted if rowid in set(scanned(db, "路"))]
    assert len(expected) >= 2 and found(db, f) == (expected, len(expected))


FOREIGN_TITLES = (
    "Éclair店门口积水",
    "ＡＢ栋全角大写",
    "ａｂ栋全角小写",
    "ΣΑΣ希腊字母",
    "Straße kaputt",
    "STRASSE laut",
)


@pytest.mark.parametrize("needle", ["é", "É", "ａ", "Ａｂ", "σ", "ss", "ß", "sse", "Éc"])
def test_one_matching_rule_by_index_by_scan_and_at_any_length(
    db: Database, needle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Letters beyond ASCII (full-width ＡＢ is common in Chinese typing) match the same events whether
    the index answers, the few events left by a filter are scanned, or the text is 2 or 3 characters."""
    operator = login(db)
    created = {
        title: events.create_event(db, operator, an_event(db, title=title)).id for title in FOREIGN_TITLES
    }
    expected = {created[t] for t in FOREIGN_TITLES if needle.lower() in t.lower()}
    state = get_event(db, operator, next(iter(created.values()))).state
    results = []
    for few_events in (0, 2000):  # 0: always the index; 2000: a state filter leaves few, scanned
        monkeypatch.setattr(queries, "FEW_EVENTS", few_events)
        for f in (EventFilter(text=needle), EventFilter(text=needle, states=(state,))):
            reader = EventReader(db, operator, f)
            ids = {r.id for r in reader.page(0, 100_000)} & set(created.values())
            results.append(ids)
    assert all(ids == expected for ids in results), (needle, expected, results)


def test_an_event_number_typed_or_pasted_finds_that_event(db: Database) -> None:
    """The list shows a number elided (…611220554): people copy it from a 12345 slip or a printout and
    search for it. It is found through the number's own index, in any letter case and with spaces
    around it; a number nobody has finds nothing."""
    with db.reading() as session:
        number, rowid, state = session.execute(
            text("SELECT number, rowid, state FROM event ORDER BY rowid LIMIT 1 OFFSET 7")
        ).one()
    for typed in (number, f"  {number.lower()} ", number.removeprefix("SJ")):  # read out without "SJ"
        assert found(db, EventFilter(text=typed)) == ([rowid], 1)
    assert found(db, EventFilter(text="SJ999999999999999999")) == ([], 0)
    # with other filters too: the number's event only where they hold
    assert found(db, EventFilter(text=number, states=(state,))) == ([rowid], 1)
    other = next(s for s in (State.CLOSED, State.PENDING) if s != state)
    assert found(db, EventFilter(text=number, states=(other,))) == ([], 0)
