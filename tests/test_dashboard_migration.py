"""Migration 0014 (the dashboard's month counts and the 督办 index) on a database the program left at
0013 (tests/fixtures/schema-0013-demo.db.gz: `towncentre demo --events 60` at 0013)."""

from __future__ import annotations

import calendar
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from db_helpers import database_from_dump, dump_with_columns, lost_rows, month_counts_from_events, month_stat
from sqlalchemy import func, select

from desktop.db import Database, head_revision
from desktop.models import Event
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.analysis import dashboard
from desktop.services.analysis.dashboard import PeriodKind
from desktop.services.events.queries import SUPERVISED, EventFilter, EventReader, filter_conditions


def test_a_database_at_0013_upgrades_with_its_events_counted_by_month(tmp_path: Path) -> None:
    path = database_from_dump("schema-0013-demo.db.gz", tmp_path / "towncentre.db")
    before = dump_with_columns(path)
    assert len(before["event"][1]) >= 60, "the 0013 demo keeps events"
    Database.open(path).close()  # backs up and upgrades
    assert not lost_rows(before, path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
    stat = month_stat(path)
    assert stat == month_counts_from_events(path)
    for table in ("state", "grid"):
        counted = sum(n for key, n in stat.items() if key[0] == table)
        assert counted == len(before["event"][1]), "every event counted once, tombstones too"

    db = Database.open(path)
    try:
        # Every month the demo has events in, whole (from the table), gives what the event list shows.
        months = sorted({key[1] for key in stat})
        first, last = date.fromisoformat(months[0] + "-01"), date.fromisoformat(months[-1] + "-01")
        end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
        d = dashboard.load(db, SYSTEM_ACTOR, PeriodKind.CUSTOM, first, end)
        assert d.total.count == len(before["event"][1])
        for figure in (*d.by_state, *d.by_channel, *d.by_category):
            assert EventReader(db, SYSTEM_ACTOR, figure.filter).count() == figure.count, figure
        # 督办中 reads the new partial index, not every open event.
        with db.reading() as session:
            query = select(func.count()).select_from(Event)
            query = query.where(*filter_conditions(EventFilter(colour=SUPERVISED), d.today))
            compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
            plan = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").fetchall()
        assert "ix_event_supervised_open" in str(plan), plan
    finally:
        db.close()
