"""The demo town's patrols and household visits: from the first of last month to today, each
full-time grid worker patrols most working days and visits the households of their grid, with a few
gaps so the 未达标 lists have something to show. Deterministic for a given day."""

from __future__ import annotations

import random
from datetime import time, timedelta

from sqlalchemy import select

from desktop.db import Database
from desktop.models import Grid, GridWorker, Household, HouseholdVisit, PatrolLog, Person
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.common import workdays
from desktop.services.common.uow import unit_of_work
from desktop.services.workforce.attendance import today
from desktop.services.workforce.patrols import DUTY_POSTS
from desktop.services.workforce.visits import DIFFICULT, ORDINARY, SPECIAL

HEADS = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英桂香玉凤德胜永福淑珍金花卫东立新"
SPOTS = (
    "菜市场",
    "老街",
    "村口小桥",
    "文化礼堂",
    "幼儿园门口",
    "沿河步道",
    "建筑工地",
    "出租房集中区",
    "垃圾集中点",
)
FINDINGS = (
    "",
    "",
    "未发现异常。",
    "路灯一处不亮，已拍照上报。",
    "河道有漂浮垃圾，已联系保洁。",
    "一处消防通道被电动车占用，已劝离。",
    "出租房新入住两人，已登记。",
)
# Households per 综合网格: (category, count).
HOMES = ((DIFFICULT, 2), (SPECIAL, 1), (ORDINARY, 5))
NOTES = (
    "身体状况稳定，生活物资充足。",
    "了解近期就医情况，宣传医保政策。",
    "家中无异常。",
    "反映楼道灯坏，已记录。",
)


def _name(rng: random.Random) -> str:
    return rng.choice(HEADS) + rng.choice(GIVEN) + rng.choice(GIVEN)


def add_demo_patrols(db: Database) -> tuple[int, int]:
    """Households, patrols and visits for the demo town; returns (patrols, visits)."""
    now = today(db)
    first = (now.replace(day=1) - timedelta(days=1)).replace(day=1)
    calendar = workdays.load(db)
    days = [first + timedelta(days=i) for i in range((now - first).days + 1)]
    working = [d for d in days if calendar.is_workday(d)]
    rng = random.Random(f"patrols-{now.isoformat()}")
    patrol_count = visit_count = 0
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        session = uow.session
        grids = session.execute(
            select(Grid.id, Grid.name, Grid.kind).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
        ).all()
        posts = session.execute(
            select(GridWorker.grid_id, GridWorker.person_id, Person.name)
            .join(Person, Person.id == GridWorker.person_id)
            .where(
                GridWorker.deleted_at.is_(None),
                GridWorker.end_date.is_(None),
                GridWorker.post.in_(DUTY_POSTS),
            )
        ).all()
        worker = {grid_id: person_id for grid_id, person_id, _name in posts}
        for grid_id, grid_name, kind in grids:
            person_id = worker.get(grid_id)
            if person_id is None:
                continue
            homes: list[Household] = []
            if kind == "综合网格":
                for category, count in HOMES:
                    for _ in range(count):
                        group = rng.randint(1, 12)
                        home = Household(
                            grid_id=grid_id, label=f"{group}组{rng.randint(1, 80)}号", category=category,
                            address=f"{grid_name}{group}组", head_name=_name(rng),
                            head_phone=f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}", note="",
                        )  # fmt: skip
                        homes.append(home)
                session.add_all(homes)
                session.flush()
            diligence = rng.choice((0.97, 0.9, 0.8, 0.6))  # some workers fall behind
            for day in working:
                if rng.random() > diligence:
                    continue
                start = time(8, rng.choice((0, 15, 30, 45)))
                end = time(start.hour + rng.choice((2, 2, 3)), start.minute)
                route = "—".join(rng.sample(SPOTS, 3))
                findings = rng.choice(FINDINGS)
                session.add(
                    PatrolLog(
                        person_id=person_id, grid_id=grid_id, day=day, start_time=start, end_time=end,
                        route=f"{grid_name}：{route}", findings=findings, events_found=int(bool(findings) and findings != "未发现异常。"),
                    )
                )  # fmt: skip
                patrol_count += 1
            for home in homes:
                # Monthly households get a visit a month, mostly; ordinary ones now and then.
                chance = 0.3 if home.category == ORDINARY else diligence
                for month_start in (first, now.replace(day=1)):
                    month_days = [d for d in working if d >= month_start and d.month == month_start.month]
                    if month_days and rng.random() < chance:
                        session.add(
                            HouseholdVisit(
                                household_id=home.id, person_id=person_id, day=rng.choice(month_days),
                                way=rng.choice(("入户", "入户", "入户", "电话")), note=rng.choice(NOTES),
                            )
                        )  # fmt: skip
                        visit_count += 1
    return patrol_count, visit_count
