"""A realistic demo town: profile, one user per role, villages/communities, grids, workers.

Deterministic (seeded by the area code) so screenshots and tests see the same town every time.
Later issues add their own demo data by extending `fill_demo_town`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from desktop.db import Database
from desktop.errors import UserError
from desktop.services import setup
from desktop.services.accounts import users
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.common.resident_id import check_character
from desktop.services.common.uow import unit_of_work
from desktop.services.people import persons
from desktop.services.system import town
from desktop.services.workforce import grids

DEFAULT_AREA_CODE = "330127104000"
DEMO_PASSWORD = "demo2026"

# Known demo towns; any other valid code gets a generic name.
TOWN_NAMES = {"330127104000": ("清溪镇", "临江县")}

# (user name, display name, role, phone)
DEMO_USERS = [
    ("admin", "王建国", "admin", "13905710101"),
    ("zhuren", "李明华", "manager", "13905710102"),
    ("shouli", "陈晓燕", "operator", "13905710103"),
    ("tiaojie", "周国平", "mediator", "13905710104"),
    ("wangge", "赵丽萍", "grid_admin", "13905710105"),
    ("chakan", "孙伟", "viewer", "13905710106"),
]

# (suffix, name, kind, [(grid name, kind, households)])
COMMUNITIES = [
    (
        "001",
        "清溪社区",
        "社区",
        [
            ("清溪一网格", "综合网格", 420),
            ("清溪二网格", "综合网格", 385),
            ("清溪三网格", "综合网格", 460),
            ("镇中心小学专属网格", "专属网格", 0),
        ],
    ),
    (
        "002",
        "文昌社区",
        "社区",
        [
            ("文昌一网格", "综合网格", 510),
            ("文昌二网格", "综合网格", 476),
            ("农贸市场专属网格", "专属网格", 0),
        ],
    ),
    ("003", "江滨社区", "社区", [("江滨一网格", "综合网格", 398), ("江滨二网格", "综合网格", 432)]),
    ("201", "桃源村", "村", [("桃源村第一网格", "综合网格", 298), ("桃源村第二网格", "综合网格", 276)]),
    (
        "202",
        "石门村",
        "村",
        [
            ("石门村第一网格", "综合网格", 312),
            ("石门村第二网格", "综合网格", 254),
            ("工业园区专属网格", "专属网格", 0),
        ],
    ),
    ("203", "上坪村", "村", [("上坪村网格", "综合网格", 236)]),
    ("204", "竹溪村", "村", [("竹溪村第一网格", "综合网格", 305), ("竹溪村第二网格", "综合网格", 281)]),
    ("205", "枫林村", "村", [("枫林村网格", "综合网格", 264)]),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方"
GIVEN = "建国明华晓燕国平丽萍伟芳秀英红梅志强海军春兰桂香玉凤德胜永福文杰海燕小红淑珍金花建平卫东立新雪梅丹凤振华俊杰佳怡子豪"
ETHNIC = ["汉族"] * 18 + ["畲族", "回族"]
ROADS = ["清溪路", "文昌街", "江滨路", "人民路", "新安街", "桃源路", "工业大道"]


@dataclass(frozen=True)
class DemoSummary:
    town_name: str
    area_code: str
    users: int
    communities: int
    grids: int
    workers: int


def _resident_id(rng: random.Random, area6: str, born: date, male: bool) -> str:
    seq = rng.randint(0, 99) * 10 + rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{area6}{born:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)


def _person_name(rng: random.Random) -> str:
    given = rng.choice([GIVEN[i : i + 2] for i in range(0, len(GIVEN) - 1, 2)])
    return rng.choice(SURNAMES) + (given if rng.random() < 0.8 else given[0])


def fill_demo_town(db: Database, area_code: str = DEFAULT_AREA_CODE) -> DemoSummary:
    """Fills an empty database. Refuses one that already has a town, so nothing is overwritten."""
    if not town.needs_first_run(db):
        raise UserError(
            "该数据库已有乡镇数据，演示数据只能写入新数据库。",
            "This database already has a town; demo data goes into a new database only.",
        )
    area_code = town.check_area_code(area_code)
    name, county = TOWN_NAMES.get(area_code, ("示范镇", "示范县"))
    setup.first_run_setup(
        db,
        town.TownInfo(
            name=name,
            area_code=area_code,
            county_name=county,
            county_hub_url="",
            contact_phone="0571-64812345",
            address=f"{name}人民路 88 号",
        ),
        admin_username=DEMO_USERS[0][0],
        admin_display_name=DEMO_USERS[0][1],
        admin_password=DEMO_PASSWORD,
    )
    for username, display, role, phone in DEMO_USERS[1:]:
        users.create_user(
            db,
            SYSTEM_ACTOR,
            username=username,
            display_name=display,
            password=DEMO_PASSWORD,
            role_codes=[role],
            phone=phone,
            must_change_password=False,
        )

    rng = random.Random(area_code)
    area6 = area_code[:6]
    grid_count = worker_count = 0
    used_ids: set[str] = set()
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        for order, (suffix, cname, ckind, grid_specs) in enumerate(COMMUNITIES):
            community = grids.add_community(uow, area_code[:9] + suffix, cname, ckind, order)
            for seq, (gname, gkind, households) in enumerate(grid_specs, start=1):
                population = int(households * rng.uniform(2.6, 3.2))
                grid = grids.add_grid(
                    uow,
                    community,
                    seq,
                    gname,
                    gkind,
                    households,
                    population,
                    boundary_note="" if gkind == "综合网格" else "单位专属网格，由所在单位协同管理",
                )
                grid_count += 1
                posts = ["网格长", "网格指导员", "专职网格员"] + ["兼职网格员"] * rng.randint(1, 2)
                for post in posts:
                    male = rng.random() < 0.5
                    born = date(rng.randint(1962, 1998), rng.randint(1, 12), rng.randint(1, 28))
                    rid = _resident_id(rng, area6, born, male)
                    while rid in used_ids:
                        rid = _resident_id(rng, area6, born, male)
                    used_ids.add(rid)
                    person = persons.add_person(
                        uow,
                        persons.PersonInput(
                            name=_person_name(rng),
                            resident_id=rid,
                            phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
                            address=f"{name}{rng.choice(ROADS)}{rng.randint(1, 300)}号"
                            if ckind == "社区"
                            else f"{name}{cname}{rng.randint(1, 12)}组{rng.randint(1, 80)}号",
                            ethnicity=rng.choice(ETHNIC),
                        ),
                    )
                    grids.add_worker(
                        uow, person.id, grid, post, date(rng.randint(2019, 2025), rng.randint(1, 12), 1)
                    )
                    worker_count += 1
    from desktop.demo.mediation import add_demo_cases  # its own module (issue 5)

    add_demo_cases(db)
    from desktop.demo.patrols import add_demo_patrols

    add_demo_patrols(db)
    return DemoSummary(name, area_code, len(DEMO_USERS), len(COMMUNITIES), grid_count, worker_count)
