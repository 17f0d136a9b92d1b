"""Demo assessments: the last complete months with attendance-machine punches, assessed, the earlier
ones confirmed, and the last quarter that has ended, so the 考核评估 page and the printed sheets and
ranking work out of the box (`towncentre demo`).

Deterministic (seeded by the town's code). Punches are written in bulk, as an import of a machine
file would add them: most workers in on time, some late, a few days missed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select

from desktop.clock import to_local
from desktop.db import Database
from desktop.models import AttendancePunch, TownProfile
from desktop.models.base import new_id
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.assessment import scoring
from desktop.services.common import workdays
from desktop.services.common.uow import unit_of_work
from desktop.services.workforce import attendance

MONTHS = 3


def _months_before(today: date, count: int) -> list[tuple[int, int]]:
    out = []
    year, month = today.year, today.month
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        out.append((year, month))
    return list(reversed(out))


def _punches(db: Database, months: list[tuple[int, int]], rng: random.Random) -> int:
    calendar = workdays.load(db)
    first = date(months[0][0], months[0][1], 1)
    last_year, last_month = months[-1]
    last = date(last_year + (last_month == 12), last_month % 12 + 1, 1) - timedelta(days=1)
    people = attendance.workers(db, SYSTEM_ACTOR, first, last)
    rows: list[dict[str, object]] = []
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        town = uow.session.scalar(select(TownProfile.area_code).limit(1)) or ""
        now = uow.now
        for worker in people:
            steady = rng.random()  # some are always there, a few often missing
            day = max(first, worker.start)
            while day <= last:
                if calendar.is_workday(day) and rng.random() > (0.01 if steady > 0.2 else 0.12):
                    late = rng.random() < 0.06
                    sign_in = time(8, rng.randint(35, 59) if late else rng.randint(0, 29))
                    sign_out = time(17, rng.randint(30, 59))
                    for moment in (sign_in, sign_out):
                        rows.append(
                            {
                                "id": new_id(), "ver": 1, "pending_changes": 1, "created_at": now, "updated_at": now,
                                "origin_town": town, "person_id": worker.person_id,
                                "punched_at": datetime.combine(day, moment), "source": attendance.MACHINE,
                            }
                        )  # fmt: skip
                day += timedelta(days=1)
        if rows:
            uow.session.execute(insert(AttendancePunch), rows)
        uow.audit("演示数据", "考勤记录", "", f"演示打卡 {len(rows)} 条")
    return len(rows)


def add_demo_assessments(db: Database, seed: str = "") -> list[str]:
    """Punches for the last complete months, those months assessed (all but the last confirmed), and
    the last quarter that has ended. Returns the periods' ids."""
    today = to_local(db.clock()).date()
    months = _months_before(today, MONTHS)
    _punches(db, months, random.Random(f"assessment{seed}"))
    ids = []
    for year, month in months:
        ids.append(scoring.compute(db, SYSTEM_ACTOR, scoring.MONTH, year, month, today=today))
    for period_id in ids[:-1]:
        scoring.confirm(db, SYSTEM_ACTOR, period_id)
    year, quarter = today.year, (today.month - 1) // 3  # the quarter before the current one
    if quarter == 0:
        year, quarter = year - 1, 4
    first, _last = scoring.bounds(scoring.QUARTER, year, quarter)
    if any(date(y, m, 1) >= first for y, m in months):
        ids.append(scoring.compute(db, SYSTEM_ACTOR, scoring.QUARTER, year, quarter, today=today))
    return ids
