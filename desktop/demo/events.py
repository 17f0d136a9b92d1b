"""Realistic demo events in bulk: `towncentre demo --events N` (a million in under three minutes).

Rows are built in time order (so rowids follow the reporting time, as in real use) and written through
the raw connection in one transaction. The secondary indexes and the full-text triggers are dropped
for the load and rebuilt once at the end; SQLite builds an index far faster from sorted input than
row by row. One audit row records the whole load.

An event's timeline walks a table (`ROUTES`: for each final state, the steps that lead there, with their
notes and durations); the random draws come in a fixed order, so one seed always gives the same events.
"""

from __future__ import annotations

import json
import math
import random
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from sqlalchemy import select

from desktop.db import Database
from desktop.models import Community, Grid, GridWorker, MatterCategory, MatterItem, Person
from desktop.models.matter import STATUS_IN_FORCE
from desktop.search_grams import SQL_FUNCTION
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.analysis.dashboard import refill_month_stat
from desktop.services.common import workdays
from desktop.services.common.uow import unit_of_work
from desktop.services.events import CHANNELS, OUTCOME_NOT_SOLVED, OUTCOME_SOLVED, State

Progress = Callable[[int, int], None]

YEARS = 5
CHINA_OFFSET = 8 * 3600
EPOCH_DAY = date(1970, 1, 1)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方"
GIVEN = ["建国", "明华", "晓燕", "国平", "丽萍", "伟", "芳", "秀英", "红梅", "志强", "海军", "春兰", "桂香", "玉凤", "德胜",
         "永福", "文杰", "海燕", "小红", "淑珍", "金花", "建平", "卫东", "立新", "雪梅", "振华", "俊杰", "佳怡", "子豪", "美玲"]  # fmt: skip
ROADS = ["清溪路", "文昌街", "江滨路", "人民路", "新安街", "桃源路", "工业大道", "学府路", "茶园路", "溪滩路"]
SPOTS = ["小区南门", "菜市场门口", "3号楼楼道", "村委会东侧", "老桥头", "停车场", "幼儿园旁", "溪滩边", "公交站台",
         "农贸市场", "卫生院门口", "祠堂前", "健身广场", "江滨绿道", "5幢车库"]  # fmt: skip
CAUSES = ["漏水", "噪声", "宠物扰民", "通道堆物", "采光", "宅基地界址", "排水沟", "装修", "停车位", "赡养费用", "土地流转费",
          "工钱结算", "树木遮挡", "鸡鸭散养", "空调外机"]  # fmt: skip
HAZARDS = ["电动车在楼道充电", "灭火器过期", "消防通道被占用", "燃气软管老化", "私拉电线", "墙体开裂", "护栏松动",
           "窨井盖破损", "广告牌松动", "山体落石"]  # fmt: skip
ISSUES = ["垃圾乱堆", "污水外溢", "路面坑洼", "路灯不亮", "占道经营", "乱停车", "违规焚烧", "异味扰民", "施工噪声",
          "绿化带破坏"]  # fmt: skip
CHANNEL_WEIGHTS = [45, 10, 12, 20, 5, 4, 4]  # the order of events.CHANNELS
CHANNEL_CUMULATIVE = list(accumulate(CHANNEL_WEIGHTS))
URGENCY_CHOICES = ("一般", "较急", "紧急")
URGENCY_CUMULATIVE = [80, 95, 100]
DOMAIN_WEIGHTS = {"01": 12, "02": 22, "03": 16, "04": 10, "05": 20, "06": 12, "07": 4, "08": 4}


@dataclass(frozen=True)
class Place:
    community_id: str
    community: str
    kind: str
    grids: tuple[tuple[str, str], ...]  # (id, name)


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    category: str
    domain: str
    limit: int


class FastIds:
    """UUIDv7 strings with the row's own time in their first 48 bits (uuid6 costs ~5 µs each)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, ms: int) -> str:
        r = self.rng.getrandbits(74)
        x = (ms << 80) | (7 << 76) | ((r >> 62) << 64) | (2 << 62) | (r & ((1 << 62) - 1))
        h = f"{x:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_DAY_TEXT: dict[int, str] = {}


def _stamp(ts: float) -> str:
    """The text SQLAlchemy's DateTime stores in SQLite (naive UTC), built from integers: strftime
    was the largest single cost of a million-event load."""
    whole = int(ts)
    micros = int((ts - whole) * 1_000_000)
    day, second = divmod(whole, 86400)
    text = _DAY_TEXT.get(day)
    if text is None:
        text = _DAY_TEXT[day] = (EPOCH_DAY + timedelta(days=day)).isoformat()
    return f"{text} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.{micros:06d}"


class WorkdayIndex:
    """add_workdays for day numbers, by table lookup: one million deadlines in a few seconds."""

    def __init__(self, calendar: workdays.Calendar, first: int, last: int) -> None:
        self.first = first
        self.days: list[int] = []
        self.count_upto: list[int] = []
        n = 0
        for day in range(first, last + 1):
            if calendar.is_workday(EPOCH_DAY + timedelta(days=day)):
                self.days.append(day)
                n += 1
            self.count_upto.append(n)

    def add(self, day: int, n: int) -> int:
        if n <= 0:
            return day
        return self.days[self.count_upto[day - self.first] + n - 1]


def _daytime(rng: random.Random, ts: float, now: float) -> float:
    """Most reports come in office and patrol hours (07:30–21:00 China time), a few at night."""
    if rng.random() < 0.08:
        return ts
    midnight = (ts + CHINA_OFFSET) // 86400 * 86400 - CHINA_OFFSET
    return min(midnight + rng.uniform(7.5, 21.0) * 3600, now - 60)


def _load_reference(db: Database) -> tuple[list[Place], list[Item], dict[str, list[str]], str]:
    with db.reading() as session:
        grids_by_community: dict[str, list[tuple[str, str]]] = {}
        for grid in session.scalars(select(Grid).where(Grid.deleted_at.is_(None)).order_by(Grid.code)):
            grids_by_community.setdefault(grid.community_id, []).append((grid.id, grid.name))
        places = [
            Place(c.id, c.name, c.kind, tuple(grids_by_community.get(c.id, ())))
            for c in session.scalars(select(Community).where(Community.deleted_at.is_(None)))
        ]
        categories = dict(session.execute(select(MatterCategory.id, MatterCategory.code)).all())
        items = [
            Item(i.id, i.name, categories[i.category_id], categories[i.category_id][:2], i.time_limit_days)
            for i in session.scalars(select(MatterItem).where(MatterItem.status == STATUS_IN_FORCE))
        ]
        workers: dict[str, list[str]] = {}
        for grid_id, name in session.execute(
            select(GridWorker.grid_id, Person.name)
            .join(Person, Person.id == GridWorker.person_id)
            .where(GridWorker.grid_id.is_not(None))  # centre staff report no grid's events
        ):
            workers.setdefault(str(grid_id), []).append(name)
        from desktop.services.system.town import get_town

        town = get_town(db)
    if not places or not items or town is None:
        raise RuntimeError("the demo town (communities, grids, matter list) must exist first")
    return places, items, workers, town.area_code


def _title_and_text(rng: random.Random, item: Item, place: Place, spot: str, who: str) -> tuple[str, str]:
    d = item.domain
    if d == "02" and item.name.endswith("纠纷"):
        other = rng.choice(SURNAMES) + rng.choice(GIVEN)
        cause = rng.choice(CAUSES)
        return (
            f"{who}与{other}{item.name}",
            f"{place.community}{who}反映，与{other}因{cause}问题多次发生争执，双方情绪较为激动。"
            f"网格员已到场初步劝解，建议由调解组织进一步调解，防止矛盾激化。",
        )
    if d == "03":
        hazard = rng.choice(HAZARDS)
        return (
            f"{place.community}{spot}{hazard}",
            f"巡查发现{place.community}{spot}{hazard}，存在{item.name}方面的安全隐患。已当场提醒住户并拍照留存，"
            f"请相关部门尽快排查整改。",
        )
    if d in ("04", "05"):
        issue = rng.choice(ISSUES)
        return (
            f"{place.community}{spot}{issue}",
            f"群众反映{place.community}{spot}长期{issue}，影响周边居民正常生活和通行，属于{item.name}。"
            f"希望尽快处理并加强日常管理。",
        )
    if d == "06":
        age = rng.randint(35, 88)
        return (
            f"{who}咨询{item.name}",
            f"{place.community}居民{who}（{age}岁）询问{item.name}的办理条件、所需材料和办理时限，"
            f"希望工作人员上门指导办理。",
        )
    return (
        f"{place.community}{item.name}",
        f"{place.community}网格内{item.name}相关情况，网格员按要求走访核实后上报，请相关部门跟进处理。",
    )


CHUNK = 20_000
IN_FLIGHT = 3


@dataclass(frozen=True)
class Context:
    """What every chunk needs; sent once to each worker process."""

    places: list[Place]
    items: list[Item]
    item_weights: list[int]
    workers: dict[str, list[str]]
    index: WorkdayIndex
    town9: str
    now: float
    today: int
    seed: int


_context: Context | None = None


def _init_worker(context: Context) -> None:
    global _context
    _context = context


def _make_chunk(
    chunk: int, stamps: list[tuple[float, int]]
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Rows for one chunk of events; seeded by the chunk number, so the result never depends on which
    process made it or when."""
    c = _context
    assert c is not None
    rng = random.Random(c.seed * 1_000_003 + chunk)
    # Ids seeded by the town too: two demo towns syncing into one hub shared hundreds of event ids, and
    # the hub refused the second town's batches as another town's records (cold test 24).
    fast_id = FastIds(random.Random(f"{c.town9}-{c.seed}-{chunk}"))
    events: list[tuple[object, ...]] = []
    actions: list[tuple[object, ...]] = []
    for ts, seq in stamps:
        _one_event(rng, fast_id, ts, seq, c, events, actions)
    return events, actions


def generate_events(db: Database, count: int, *, seed: int = 2026, progress: Progress | None = None) -> int:
    """Adds `count` events over the last five years, in every state and channel. Returns the count.

    Rows are made in two worker processes while this process writes them, in time order."""
    if count <= 0:
        return 0
    places, items, workers, area_code = _load_reference(db)
    rng = random.Random(seed)
    now = db.clock().timestamp()
    start = now - YEARS * 365 * 86400
    first_day = int((start + CHINA_OFFSET) // 86400) - 1
    today = int((now + CHINA_OFFSET) // 86400)
    context = Context(
        places, items, list(accumulate(DOMAIN_WEIGHTS.get(i.domain, 4) for i in items)), workers,
        WorkdayIndex(workdays.load(db), first_day, today + 400), area_code[:9], now, today, seed,
    )  # fmt: skip
    # Later years have more events (u ** 0.8 leans towards now), sorted so rowids follow time;
    # the daily sequence numbers are given here, in that order.
    times = sorted(_daytime(rng, start + (now - start) * rng.random() ** 0.8, now) for _ in range(count))
    counters: dict[int, int] = {}
    stamped: list[tuple[float, int]] = []
    for ts in times:
        day = int((ts + CHINA_OFFSET) // 86400)
        counters[day] = counters.get(day, 0) + 1
        stamped.append((ts, counters[day]))
    chunks = [stamped[i : i + CHUNK] for i in range(0, count, CHUNK)]

    # With no other connection open, the load can use a rollback journal: through WAL every page of a
    # multi-gigabyte transaction would be written twice (to the WAL, then back by the checkpoint).
    db.engine.dispose()
    raw = db.engine.raw_connection()
    conn: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
    began = time.perf_counter()
    journal = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        conn.execute("BEGIN IMMEDIATE")
        saved = _drop_for_load(conn)
        done = 0
        for events, actions in _chunks_in_order(context, chunks):
            conn.executemany(_INSERT_EVENT, events)
            conn.executemany(_INSERT_ACTION, actions)
            done += len(events)
            if progress:
                progress(done, count)
        conn.executemany(
            "INSERT INTO event_counter(day, last) VALUES (?, ?) "
            "ON CONFLICT(day) DO UPDATE SET last = max(last, excluded.last)",
            [((EPOCH_DAY + timedelta(days=day)).isoformat(), last) for day, last in counters.items()],
        )
        _restore_after_load(conn, saved)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA synchronous=NORMAL")
        if journal != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
        raw.close()
    with unit_of_work(db, SYSTEM_ACTOR) as uow:
        uow.audit("生成演示事件", "事件", "", f"{count} 条，用时 {time.perf_counter() - began:.0f} 秒")
    return count


def _chunks_in_order(
    context: Context, chunks: list[list[tuple[float, int]]]
) -> Iterator[tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]:
    """Chunks made by two processes, yielded in order, at most IN_FLIGHT ahead (memory stays bounded)."""
    if len(chunks) <= 2:
        _init_worker(context)
        for n, chunk in enumerate(chunks):
            yield _make_chunk(n, chunk)
        return
    pool = ProcessPoolExecutor(max_workers=2, initializer=_init_worker, initargs=(context,))
    try:
        pending: deque[Future[tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]] = deque()
        for n, chunk in enumerate(chunks):
            pending.append(pool.submit(_make_chunk, n, chunk))
            if len(pending) >= IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(cancel_futures=True)


EVENT_COLUMNS = (
    "id", "ver", "pending_changes", "created_at", "updated_at", "deleted_at", "origin_town", "number", "channel",
    "reporter_person_id", "reporter_name", "reporter_phone", "anonymous", "occurred_at", "reported_at",
    "community_id", "grid_id", "address", "matter_item_id", "category_code", "title", "description", "urgency",
    "people_involved", "loop", "state", "target_department_code", "target_grid_id", "dispatched_at",
    "time_limit_days", "warn_on", "deadline", "deadline_estimated", "extension_pending", "supervised", "outcome",
    "outcome_note", "satisfaction", "rework_count", "return_count", "closed_at", "duplicate_of_id",
)  # fmt: skip
ACTION_COLUMNS = (
    "id", "ver", "pending_changes", "created_at", "updated_at", "deleted_at", "origin_town", "event_id", "at", "kind",
    "actor_user_id", "actor_name", "from_state", "to_state", "note", "detail",
)  # fmt: skip
_INSERT_EVENT = (
    f"INSERT INTO event ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
)
_INSERT_ACTION = (
    f"INSERT INTO event_action ({', '.join(ACTION_COLUMNS)}) VALUES ({', '.join('?' * len(ACTION_COLUMNS))})"
)


def _drop_for_load(conn: sqlite3.Connection) -> list[str]:
    """Drops the secondary indexes of the two big tables and the triggers of the search indexes and of
    the month counts; returns their SQL."""
    rows = conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
        "(type = 'index' AND tbl_name IN ('event', 'event_action')) OR "
        "(type = 'trigger' AND (name LIKE 'event_fts_%' OR name LIKE 'event_grams_%' OR name LIKE 'event_month_stat_%')))"
    ).fetchall()
    saved = [r[0] for r in rows]
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL AND ("
        "(type = 'index' AND tbl_name IN ('event', 'event_action')) OR "
        "(type = 'trigger' AND (name LIKE 'event_fts_%' OR name LIKE 'event_grams_%' OR name LIKE 'event_month_stat_%')))"
    ).fetchall():
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return saved


def _restore_after_load(conn: sqlite3.Connection, saved: list[str]) -> None:
    for statement in saved:
        conn.execute(statement)
    conn.execute("INSERT INTO event_fts(event_fts) VALUES ('rebuild')")
    # event_grams is contentless, so it cannot 'rebuild': emptied, then filled from every event.
    conn.execute("INSERT INTO event_grams(event_grams) VALUES ('delete-all')")
    conn.execute(
        f"INSERT INTO event_grams(rowid, grams) SELECT rowid, {SQL_FUNCTION}(title, description, address) FROM event"
    )
    refill_month_stat(conn)


# --- the handling loop as data -----------------------------------------------------------------------

# The state an event ends in (as of now). Events older than 45 days are mostly finished: a cumulative
# chance per state, the remainder spread evenly over SETTLED_REST.
SETTLED = (
    (0.90, State.CLOSED), (0.94, State.NOT_ACCEPTED), (0.96, State.POSTPONED), (0.97, State.ESCALATED),
    (0.985, State.IN_PROGRESS),
)  # fmt: skip
SETTLED_REST = [State.COMPLETED, State.VERIFIED, State.DISPATCHED, State.RETURNED]
# Recent events are spread over the whole loop (weights); in their first two days some still wait for intake.
RECENT = (
    (State.ACCEPTED, 6), (State.DISPATCHED, 12), (State.IN_PROGRESS, 25), (State.RETURNED, 3),
    (State.POSTPONED, 2), (State.ESCALATED, 3), (State.COMPLETED, 10), (State.VERIFIED, 8),
    (State.VISITED, 4), (State.CLOSED, 24), (State.NOT_ACCEPTED, 2),
)  # fmt: skip
FRESH = (*RECENT, (State.PENDING, 6))
# (states, cumulative weights) for random.choices: the same draws as plain weights, without summing each time.
RECENT_PICK = ([s for s, _ in RECENT], list(accumulate(w for _, w in RECENT)))
FRESH_PICK = ([s for s, _ in FRESH], list(accumulate(w for _, w in FRESH)))


@dataclass(frozen=True)
class Leg:
    """One step of the timeline: its kind, the state it leads to and its note and detail. It comes a
    uniform 0–`days` days after the step before (for 办结反馈, `days` stretches the handling time)."""

    kind: str
    to: str
    days: float
    note: str = ""
    detail: str = ""
    compact: bool = True  # still recorded for events closed more than a year ago (statistics need it)
    closes: bool = False  # sets closed_at
    loop: str = ""  # the loop the event moves to
    outcome: str = ""  # the outcome it records without a report (现场处置)


DISPATCH = Leg("分拨", State.DISPATCHED, 0.8, "请按时限办理并反馈。")
SEND_BACK = Leg("退回", State.RETURNED, 1.0, "该事项不属于本单位职责，请重新分拨。")
SIGN = Leg("签收", State.IN_PROGRESS, 0.6, compact=False)
FEEDBACK = Leg("办结反馈", State.COMPLETED, 1.4)
VERIFY = Leg("核查", State.VERIFIED, 2.0, "现场核查属实。", '{"passed": true}', compact=False)
CALL_BACK = Leg("回访", State.VISITED, 2.0, "电话回访反映人。", compact=False)
CLOSE = Leg("结案", State.CLOSED, 1.0, closes=True)
POSTPONE = Leg("挂账缓办", State.POSTPONED, 3.0, "需等待规划调整，经中心负责人批准挂账。")
REFUSE = Leg("不予受理", State.NOT_ACCEPTED, 0.5, "不属于网格事项，已告知反映人向有关单位反映。", closes=True)
ESCALATE = Leg(
    "上报县级", State.ESCALATED, 1.0, "涉及跨部门协调，超出镇级处置权限，请县级中心协调。", loop="大循环"
)
ON_THE_SPOT = Leg(
    "现场处置", State.CLOSED, 0.05, "网格员现场劝导处置，问题已解决。", '{"outcome": "已解决"}',
    closes=True, loop="微循环", outcome=OUTCOME_SOLVED,
)  # fmt: skip
# A failed check (核查) sends the work back once more before it passes.
REWORK = (
    Leg("核查", State.IN_PROGRESS, 2.0, "现场复核仍有问题，退回返工。", '{"passed": false}'),
    Leg("办结反馈", State.COMPLETED, 3.0, "已按核查意见整改。"),
)

# After 受理, the steps that lead to each final state; a pending event has no timeline at all.
MAIN = (DISPATCH, SIGN, FEEDBACK, VERIFY, CALL_BACK, CLOSE)
ROUTES: dict[str, tuple[Leg, ...]] = {
    State.ACCEPTED: (), State.DISPATCHED: MAIN[:1], State.RETURNED: (DISPATCH, SEND_BACK),
    State.IN_PROGRESS: MAIN[:2], State.POSTPONED: (*MAIN[:2], POSTPONE), State.COMPLETED: MAIN[:3],
    State.VERIFIED: MAIN[:4], State.VISITED: MAIN[:5], State.CLOSED: MAIN, State.NOT_ACCEPTED: (REFUSE,),
    State.ESCALATED: (ESCALATE,),
}  # fmt: skip
MICRO = (ON_THE_SPOT,)  # 微循环: a grid worker's own report of a small matter, settled on the spot

TARGETS = ["ZJ02", "ZJ05", "ZJ07", "ZJ10", "PZ01", "PZ02", "PZ03"]
LATE = 0.08  # 办结反馈 past the limit by 1–6 days; the others within 20–100 % of it
LATE_DAYS = (1, 6)
ON_TIME_SHARE = (0.2, 1.0)
SOLVED = 0.93
SOLVED_NOTE = "已现场核实并处理完毕。"
NOT_SOLVED_NOTE = "已协调但当事人不配合（未解决原因：涉及历史遗留问题）。"
REWORK_CHANCE = 0.06
SATISFACTIONS = ("满意", "基本满意")
SATISFACTION_CUMULATIVE = (82, 100)  # 82 % 满意, 18 % 基本满意
OVERDUE_SUPERVISED = 0.3  # overdue and still being handled: supervised (督办)
SUPERVISED_ANYWAY = 0.01
COMPACT_AFTER_DAYS = 365
OPERATORS = ["陈晓燕", "刘洋", "吴敏"]
OUTCOME_JSON = {
    o: json.dumps({"outcome": o}, ensure_ascii=False) for o in (OUTCOME_SOLVED, OUTCOME_NOT_SOLVED)
}
SATISFACTION_JSON = {v: json.dumps({"satisfaction": v}, ensure_ascii=False) for v in SATISFACTIONS}


def _pick_final(rng: random.Random, age_days: float) -> str:
    if age_days > 45:
        r = rng.random()
        for below, state in SETTLED:
            if r < below:
                return state
        return rng.choice(SETTLED_REST)
    states, cumulative = FRESH_PICK if age_days < 2 else RECENT_PICK
    return rng.choices(states, cum_weights=cumulative)[0]


class Timeline:
    """One event's steps as the walk makes them, and the header fields they set."""

    __slots__ = (
        "actions", "closed_at", "deadline", "dispatched_at", "loop", "now", "outcome", "outcome_note", "returns",
        "rework", "satisfaction", "state", "t", "target", "warn_on",
    )  # fmt: skip

    def __init__(self, ts: float, now: float) -> None:
        self.actions: list[tuple[float, str, str, str, str, str]] = []  # (ts, kind, from, to, note, detail)
        self.state = ""
        self.t = ts
        self.now = now
        self.dispatched_at: float | None = None
        self.deadline: int | None = None
        self.warn_on: int | None = None
        self.target: str | None = None
        self.outcome = self.outcome_note = self.satisfaction = ""
        self.rework = self.returns = 0
        self.closed_at: float | None = None
        self.loop = "小循环"

    def step(self, kind: str, to: str, gap_days: float, note: str = "", detail: str = "") -> None:
        # Clamped to "now", steps still follow each other, so the timeline keeps its order.
        t = self.t = max(min(self.t + gap_days * 86400, self.now - 60), self.t + 1)
        self.actions.append((t, kind, self.state, to, note, detail))
        self.state = to


def _walk(
    rng: random.Random, tl: Timeline, route: tuple[Leg, ...], limit: int, index: WorkdayIndex, *,
    compact: bool, anonymous: bool,
) -> None:  # fmt: skip
    """Takes the steps of `route`; the draws come in a fixed order, so a seed gives the same events."""
    for leg in route:
        if compact and not leg.compact:
            # Not recorded; the next recorded step starts from the last recorded state.
            if leg is CALL_BACK and not anonymous:
                tl.satisfaction = rng.choices(SATISFACTIONS, cum_weights=SATISFACTION_CUMULATIVE)[0]
            continue
        note, detail = leg.note, leg.detail
        if leg is FEEDBACK:
            late = rng.random() < LATE
            gap = (limit + rng.randint(*LATE_DAYS)) if late else max(limit, 1) * rng.uniform(*ON_TIME_SHARE)
            solved = rng.random() < SOLVED
            tl.outcome = OUTCOME_SOLVED if solved else OUTCOME_NOT_SOLVED
            note = tl.outcome_note = SOLVED_NOTE if solved else NOT_SOLVED_NOTE
            detail = OUTCOME_JSON[tl.outcome]
            gap *= leg.days
        else:
            if leg is VERIFY and rng.random() < REWORK_CHANCE:
                for back in REWORK:
                    tl.step(back.kind, back.to, rng.random() * back.days, back.note, back.detail)
                tl.rework += 1
            elif leg is CALL_BACK:
                if anonymous:
                    continue  # nobody to call
                tl.satisfaction = rng.choices(SATISFACTIONS, cum_weights=SATISFACTION_CUMULATIVE)[0]
                detail = SATISFACTION_JSON[tl.satisfaction]
            gap = rng.random() * leg.days
        tl.step(leg.kind, leg.to, gap, note, detail)
        if leg is DISPATCH:
            tl.dispatched_at = tl.t
            start = int((tl.t + CHINA_OFFSET) // 86400)
            tl.deadline = index.add(start, limit)
            tl.warn_on = index.add(start, math.ceil(limit * workdays.WARN_FRACTION))
            tl.target = rng.choice(TARGETS)
        elif leg is SEND_BACK:
            tl.returns += 1
        if leg.closes:
            tl.closed_at = tl.t
        if leg.loop:
            tl.loop = leg.loop
        if leg.outcome:
            tl.outcome = leg.outcome


def _one_event(
    rng: random.Random, fast_id: FastIds, ts: float, seq: int, c: Context,
    event_rows: list[tuple[object, ...]], action_rows: list[tuple[object, ...]],
) -> None:  # fmt: skip
    places, items, workers, town9, now = c.places, c.items, c.workers, c.town9, c.now
    place = rng.choice(places)
    grid_id, _grid_name = rng.choice(place.grids) if place.grids and rng.random() < 0.92 else (None, "")
    item = rng.choices(items, cum_weights=c.item_weights)[0]
    channel = rng.choices(CHANNELS, cum_weights=CHANNEL_CUMULATIVE)[0]
    urgency = rng.choices(URGENCY_CHOICES, cum_weights=URGENCY_CUMULATIVE)[0]
    anonymous = channel in ("12345热线转办", "来电") and rng.random() < 0.18
    if channel == "网格员上报" and grid_id and workers.get(grid_id):
        reporter = rng.choice(workers[grid_id])
    else:
        reporter = rng.choice(SURNAMES) + rng.choice(GIVEN)
    phone = "" if anonymous else f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"
    spot = rng.choice(SPOTS)
    if place.kind == "社区":
        address = f"{place.community}{rng.choice(ROADS)}{rng.randint(1, 300)}号{rng.choice(['', spot])}"
    else:
        address = f"{place.community}{rng.randint(1, 12)}组{rng.randint(1, 80)}号{rng.choice(['', spot])}"
    title, description = _title_and_text(rng, item, place, spot, "匿名群众" if anonymous else reporter)
    local_day = int((ts + CHINA_OFFSET) // 86400)
    day = EPOCH_DAY + timedelta(days=local_day)
    number = f"SJ{town9}{day:%Y%m%d}{seq:04d}"
    ms = int(ts * 1000)
    event_id = fast_id(ms)
    age_days = (now - ts) / 86400
    micro = channel == "网格员上报" and item.limit <= 3 and rng.random() < 0.3
    final = State.CLOSED if micro else _pick_final(rng, age_days)

    tl = Timeline(ts, now)
    operator = rng.choice(OPERATORS)
    limit = 0 if urgency == "紧急" else (min(item.limit, 3) if urgency == "较急" else item.limit)
    if final == State.PENDING:
        tl.state = State.PENDING  # not taken in yet: no timeline
    else:
        tl.step("受理", State.ACCEPTED, 0, f"{channel}，事项：{item.name}")
        compact = final == State.CLOSED and age_days > COMPACT_AFTER_DAYS
        route = MICRO if micro else ROUTES[final]
        _walk(rng, tl, route, limit, c.index, compact=compact, anonymous=anonymous)
    state, actions = tl.state, tl.actions
    supervised = False
    if state in (State.DISPATCHED, State.IN_PROGRESS) and tl.deadline is not None and tl.deadline < c.today:
        supervised = rng.random() < OVERDUE_SUPERVISED
    if rng.random() < SUPERVISED_ANYWAY and state not in (State.CLOSED, State.NOT_ACCEPTED):
        supervised = True
    created = _stamp(ts)
    dispatched_at, deadline, warn_on, closed_at = tl.dispatched_at, tl.deadline, tl.warn_on, tl.closed_at
    event_rows.append((
        event_id, 1, 1, created, _stamp(actions[-1][0]) if actions else created, None, town9 + "000", number, channel,
        None, "" if anonymous else reporter, phone, int(anonymous), _stamp(ts - rng.random() * 86400), created,
        place.community_id, grid_id, address, item.id, item.category, title, description, urgency,
        rng.choice((0, 1, 2, 2, 3, 5, 8)), tl.loop, state, tl.target, None,
        _stamp(dispatched_at) if dispatched_at else None, limit,
        (EPOCH_DAY + timedelta(days=warn_on)).isoformat() if warn_on is not None else None,
        (EPOCH_DAY + timedelta(days=deadline)).isoformat() if deadline is not None else None, 0, 0, int(supervised),
        tl.outcome, tl.outcome_note if state in (State.COMPLETED, State.VERIFIED, State.VISITED, State.CLOSED) else "",
        tl.satisfaction, tl.rework, tl.returns, _stamp(closed_at) if closed_at else None, None,
    ))  # fmt: skip
    for at, kind, from_state, to_state, note, detail in actions:
        stamp = _stamp(at)
        action_rows.append((
            fast_id(int(at * 1000)), 1, 1, stamp, stamp, None, town9 + "000", event_id, stamp, kind, None,
            operator, from_state, to_state, note, detail,
        ))  # fmt: skip
