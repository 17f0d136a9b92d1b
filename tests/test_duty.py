"""The duty rota (issue 13, 值班): a fair rota that respects leave and the working-day calendar, hand
edits, swaps that wait for a manager, and the printed rota read back."""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from db_helpers import FakeClock, Towncentre, resident_id

from desktop.db import Database
from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.services.accounts.permissions import SYSTEM_ACTOR, Actor
from desktop.services.common import workdays
from desktop.services.workforce import duty, leave, roster
from desktop.services.workforce.grids import CENTRE_POST
from desktop.services.workforce.roster import WorkerInput

ActorOf = Callable[[Database, str], Actor]
NAMES = ("甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七")
NOW = datetime(2026, 5, 20, 2, 0, tzinfo=UTC)


def add_staff(db: Database, count: int = len(NAMES)) -> list[str]:
    """Centre staff (posts without a grid) since 2014: the people a rota is made from."""
    ids = []
    for i, name in enumerate(NAMES[:count]):
        post_id = roster.add_worker_post(
            db,
            SYSTEM_ACTOR,
            WorkerInput(name, resident_id(f"330127198001{i + 1:02d}00{i}"), CENTRE_POST, date(2014, 3, 1)),
        )
        ids.append(next(r.person_id for r in roster.centre_staff(db, SYSTEM_ACTOR) if r.post_id == post_id))
    return ids


@pytest.fixture
def staff(demo_db: Database) -> list[str]:
    demo_db.clock = FakeClock(NOW)
    return add_staff(demo_db)


def test_a_month_rota_gives_everyone_as_many_duties_as_anyone_else_give_or_take_one(
    demo_db: Database, staff: list[str], actor_of: ActorOf
) -> None:
    manager = actor_of(demo_db, "zhuren")
    assert {m.person_id for m in duty.centre_staff(demo_db, manager, date(2026, 5, 1))} == set(staff)
    result = duty.generate_rota(
        demo_db, manager, date(2026, 5, 1), date(2026, 5, 31), officers=staff[2:], leaders=staff[:2]
    )
    assert result.uncovered == [] and result.days == 31
    entries = duty.rota(demo_db, manager, date(2026, 5, 1), date(2026, 5, 31))
    per_day = Counter((e.day, e.role) for e in entries)
    assert all(
        per_day[(d, r)] == 1
        for d in duty.period_days(date(2026, 5, 1), date(2026, 5, 31))
        for r in duty.ROLES
    )
    officers = Counter(e.person_id for e in entries if e.role == duty.OFFICER)
    leaders = Counter(e.person_id for e in entries if e.role == duty.LEADER)
    assert sorted(officers.values()) == [6, 6, 6, 6, 7] and sorted(leaders.values()) == [15, 16]
    # Nobody is on duty two days running while others wait.
    officer_days = sorted((e.day, e.person_id) for e in entries if e.role == duty.OFFICER)
    assert all(a[1] != b[1] for a, b in pairwise(officer_days))
    with pytest.raises(UserError, match="已有 62 条值班安排"):
        duty.generate_rota(demo_db, manager, date(2026, 5, 1), date(2026, 5, 31), officers=staff)


def test_the_rota_leaves_out_people_on_leave_and_can_cover_only_the_days_off(
    demo_db: Database, staff: list[str], actor_of: ActorOf
) -> None:
    manager = actor_of(demo_db, "zhuren")
    workdays.set_day(demo_db, SYSTEM_ACTOR, date(2026, 5, 9), workdays.WORKDAY, "劳动节调休上班")
    away = staff[0]
    request = leave.request_leave(
        demo_db, manager, leave.LeaveInput(away, "事假", date(2026, 5, 11), date(2026, 5, 15), "家中有事")
    )
    leave.decide_leave(demo_db, manager, request, approve=True)
    result = duty.generate_rota(
        demo_db, manager, date(2026, 5, 1), date(2026, 5, 31), officers=staff[:4], which_days=duty.DAYS_OFF
    )
    entries = duty.rota(demo_db, manager, date(2026, 5, 1), date(2026, 5, 31))
    days = {e.day for e in entries}
    assert date(2026, 5, 9) not in days, "a make-up Saturday is a working day"
    assert date(2026, 5, 10) in days and date(2026, 5, 11) not in days
    assert date(2026, 5, 1) in days, "Labour Day is a day off"
    assert not any(e.person_id == away and date(2026, 5, 11) <= e.day <= date(2026, 5, 15) for e in entries)
    counts = Counter(e.person_id for e in entries)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert result.entries == len(entries)


def test_a_swap_changes_the_rota_only_when_a_manager_approves(
    demo_db: Database, staff: list[str], actor_of: ActorOf
) -> None:
    manager, grid_admin, viewer = (actor_of(demo_db, u) for u in ("zhuren", "wangge", "chakan"))
    duty.generate_rota(demo_db, grid_admin, date(2026, 6, 1), date(2026, 6, 7), officers=staff[:3])
    entry = duty.rota(demo_db, viewer, date(2026, 6, 1), date(2026, 6, 1))[0]
    other = next(p for p in staff if p != entry.person_id)
    with pytest.raises(ValidationError, match="调班理由"):
        duty.request_swap(demo_db, grid_admin, entry.id, other, "")
    with pytest.raises(PermissionDenied):
        duty.request_swap(demo_db, viewer, entry.id, other, "孩子生病")
    swap_id = duty.request_swap(demo_db, grid_admin, entry.id, other, "孩子生病")
    still = duty.rota(demo_db, viewer, date(2026, 6, 1), date(2026, 6, 1))[0]
    assert still.person_id == entry.person_id and still.swap_pending
    with pytest.raises(PermissionDenied):
        duty.decide_swap(demo_db, viewer, swap_id, approve=True)
    with pytest.raises(ValidationError, match="驳回时请写明理由"):
        duty.decide_swap(demo_db, manager, swap_id, approve=False)
    duty.decide_swap(demo_db, manager, swap_id, approve=True, note="同意")
    after = duty.rota(demo_db, viewer, date(2026, 6, 1), date(2026, 6, 1))[0]
    assert after.person_id == other and not after.swap_pending
    assert duty.swaps(demo_db, viewer) == []
    with pytest.raises(UserError, match="已审批过"):
        duty.decide_swap(demo_db, manager, swap_id, approve=False, note="再议")


def test_hand_edits_add_change_and_remove_entries(
    demo_db: Database, staff: list[str], actor_of: ActorOf
) -> None:
    manager = actor_of(demo_db, "zhuren")
    entry_id = duty.add_entry(demo_db, manager, date(2026, 7, 1), "夜班", duty.OFFICER, staff[0], "建党节")
    with pytest.raises(UserError, match="已在值班表上"):
        duty.add_entry(demo_db, manager, date(2026, 7, 1), "夜班", duty.LEADER, staff[0])
    duty.change_entry(demo_db, manager, entry_id, staff[1], "换人", expected_ver=1)
    [row] = duty.rota(demo_db, manager, date(2026, 7, 1), date(2026, 7, 1))
    assert (row.person_id, row.note, row.shift) == (staff[1], "换人", "夜班")
    with pytest.raises(UserError, match="刚被其他人修改过"):
        duty.change_entry(demo_db, manager, entry_id, staff[2], "", expected_ver=1)
    duty.remove_entry(demo_db, manager, entry_id)
    assert duty.rota(demo_db, manager, date(2026, 7, 1), date(2026, 7, 1)) == []


def test_the_printed_rota_reads_back_with_every_name(
    demo_db: Database, staff: list[str], actor_of: ActorOf, towncentre: Towncentre, tmp_path: Path
) -> None:
    manager = actor_of(demo_db, "zhuren")
    duty.generate_rota(
        demo_db, manager, date(2026, 5, 1), date(2026, 5, 31), officers=staff[2:], leaders=staff[:2]
    )
    out = tmp_path / "rota.pdf"
    done = towncentre(
        "print", "duty-rota", "2026-05", "--out", str(out), "--db", str(demo_db.path), "--user", "zhuren",
        TOWNCENTRE_PASSWORD="demo2026",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026年5月值班表" in text and "5月31日" in text and "星期日" in text
    assert all(name in text for name in NAMES)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89" in info  # A4 upright
