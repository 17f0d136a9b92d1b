"""The scoring scheme (考核方案): items in groups, each a weight or points per occurrence with a cap, a
base score, grade thresholds and the weight of the first half in the annual score.

A scheme is kept by version. Saving a change adds a version; periods already computed keep theirs,
so an old month reads back with the rules it was scored by.

How an item scores:
- 比率 (a rate indicator such as 按期办结率): weight × rate. With nothing to judge (no event due,
  no working day) the item gets its full weight: a quiet month is not a bad one.
- 计次 (a count, such as events reported or absences): weight × count, negative for a deduction,
  never more than `cap` points either way (0: no cap).
- An item without an indicator is a deduction rule a manager applies by hand (应发现未发现,
  应上报未上报, 应解决未解决: spot-check findings): weight × the count given, within its cap.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import NotFound, ValidationError, raise_all
from desktop.models import AssessmentScheme
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import SCHEME_NAME, clean_line
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.workforce.grids import ALL_POSTS

GROUPS = ("事件上报", "事件办理", "巡查走访", "考勤纪律", "群众满意度", "专项工作", "加分项")
RATE, COUNT = "比率", "计次"
KINDS = (RATE, COUNT)
GRADES = ("优秀", "合格", "基本合格", "不合格")

# Indicator code -> (label, kind). indicators.py computes them; patrol ones come from the patrol work.
INDICATORS: dict[str, tuple[str, str]] = {
    "reported": ("上报事件数", COUNT),
    "on_time": ("按期办结率", RATE),
    "overdue": ("逾期办理件数", COUNT),
    "rework": ("返工件数", COUNT),
    "patrol": ("巡查覆盖率", RATE),
    "patrol_missed": ("漏巡次数", COUNT),
    "visits": ("走访完成率", RATE),
    "attendance": ("出勤率", RATE),
    "absences": ("缺勤天数", COUNT),
    "satisfaction": ("回访满意率", RATE),
    "mediation": ("调解成功率", RATE),
    "on_spot": ("发现并现场解决件数", COUNT),
}


@dataclass(frozen=True)
class Item:
    code: str  # unique in the scheme: lines and appeals name it
    group: str  # one of GROUPS
    label: str
    indicator: str  # an INDICATORS code, or "" for a rule applied by hand
    kind: str  # 比率 / 计次
    weight: float  # 比率: points at 100 %; 计次: points per occurrence (negative: a deduction)
    cap: float = 0  # 计次: at most this many points either way (0: no cap)

    @property
    def manual(self) -> bool:
        return not self.indicator


DEFAULT_NAME = "网格员月度考核（百分制）"
# 100 points of results and duties, deductions within caps, up to 10 bonus points (the domain notes'
# monthly scheme: results, duty performance and worker performance, plus bonus).
DEFAULT_ITEMS = (
    Item("reported", "事件上报", "上报事件", "reported", COUNT, 2, 20),
    Item("missed_find", "事件上报", "应发现未发现", "", COUNT, -2, 10),
    Item("missed_report", "事件上报", "应上报未上报", "", COUNT, -2, 10),
    Item("on_time", "事件办理", "按期办结率", "on_time", RATE, 20),
    Item("overdue", "事件办理", "逾期办理", "overdue", COUNT, -2, 10),
    Item("rework", "事件办理", "返工", "rework", COUNT, -2, 10),
    Item("unsolved", "事件办理", "应解决未解决", "", COUNT, -3, 15),
    Item("patrol", "巡查走访", "巡查覆盖率", "patrol", RATE, 15),
    Item("patrol_missed", "巡查走访", "漏巡", "patrol_missed", COUNT, -1, 10),
    Item("attendance", "考勤纪律", "出勤率", "attendance", RATE, 15),
    Item("absences", "考勤纪律", "缺勤", "absences", COUNT, -2, 10),
    Item("satisfaction", "群众满意度", "回访满意率", "satisfaction", RATE, 15),
    Item("mediation", "专项工作", "矛盾纠纷调解成功率", "mediation", RATE, 15),
    Item("on_spot", "加分项", "发现并现场解决", "on_spot", COUNT, 1, 10),
)
DEFAULT_POSTS = ("网格长", "专职网格员", "兼职网格员")


@dataclass(frozen=True)
class Scheme:
    id: str
    version: int
    name: str
    base_score: float
    items: tuple[Item, ...]
    grade_excellent: float
    grade_pass: float
    grade_basic: float
    first_half_weight: float
    posts: tuple[str, ...]
    note: str = ""

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise NotFound(f"考核方案中没有“{code}”这一项。", f"The scheme has no item {code}.")

    def grade(self, score: float) -> str:
        if score >= self.grade_excellent:
            return GRADES[0]
        if score >= self.grade_pass:
            return GRADES[1]
        if score >= self.grade_basic:
            return GRADES[2]
        return GRADES[3]

    @property
    def label(self) -> str:
        return f"{self.name}（第 {self.version} 版）"


@dataclass(frozen=True)
class SchemeInput:
    name: str
    base_score: float
    items: Sequence[Item]
    grade_excellent: float = 95
    grade_pass: float = 80
    grade_basic: float = 70
    first_half_weight: float = 0.4
    posts: Sequence[str] = DEFAULT_POSTS
    note: str = ""


def default_input() -> SchemeInput:
    return SchemeInput(DEFAULT_NAME, 0, DEFAULT_ITEMS)


def item_points(item: Item, count: int, total: int | None, missing: bool) -> float:
    """What one item gives for its indicator: count (and total for a rate)."""
    if item.kind == RATE:
        if missing or not total:
            return item.weight
        return round(item.weight * count / total, 2)
    points = item.weight * count
    if item.cap:
        points = max(-item.cap, min(item.cap, points))
    return round(points, 2)


def _bad(zh: str, en: str, field: str) -> ValidationError:
    return ValidationError(zh, en, field)


def check(data: SchemeInput) -> SchemeInput:
    """Every rule at once: unique codes, known groups, kinds and indicators, ordered thresholds."""
    problems: list[ValidationError] = []
    try:
        name = clean_line(data.name, "name", SCHEME_NAME, ("方案名称", "scheme name"))
    except ValidationError as exc:
        problems.append(exc)
        name = ""
    if not name and not problems:
        problems.append(_bad("请填写方案名称。", "Name the scheme.", "name"))
    if not data.items:
        problems.append(_bad("考核方案至少要有一项。", "A scheme needs at least one item.", "items"))
    seen: set[str] = set()
    for item in data.items:
        if not item.code or item.code in seen or len(item.code) > 20:
            problems.append(_bad(f"考核项编码“{item.code}”为空、过长或重复。", f"Item code {item.code!r} is empty, too long or repeated.", "items"))  # fmt: skip
        seen.add(item.code)
        if item.group not in GROUPS:
            problems.append(
                _bad(f"“{item.label}”的分组不正确。", f"Item {item.code}: unknown group.", "items")
            )
        if item.kind not in KINDS:
            problems.append(
                _bad(f"“{item.label}”的计分方式不正确。", f"Item {item.code}: unknown kind.", "items")
            )
        if item.indicator and item.indicator not in INDICATORS:
            problems.append(
                _bad(f"“{item.label}”的指标不存在。", f"Item {item.code}: unknown indicator.", "items")
            )
        elif item.indicator and INDICATORS[item.indicator][1] != item.kind:
            problems.append(_bad(f"“{item.label}”的计分方式与指标不符。", f"Item {item.code}: kind does not fit the indicator.", "items"))  # fmt: skip
        if not item.indicator and item.kind != COUNT:
            problems.append(_bad(f"手工扣分项“{item.label}”应按次计分。", f"Item {item.code}: a manual rule counts occurrences.", "items"))  # fmt: skip
        if item.cap < 0 or (item.kind == RATE and item.weight < 0):
            problems.append(_bad(f"“{item.label}”的分值或上限不能为负。", f"Item {item.code}: negative weight or cap.", "items"))  # fmt: skip
        if not item.label or len(item.label) > 30:
            problems.append(
                _bad("考核项名称应为 1 到 30 字。", "An item's label takes 1–30 characters.", "items")
            )
    if not data.grade_excellent > data.grade_pass > data.grade_basic >= 0:
        problems.append(_bad("等次分数线应为 优秀 > 合格 > 基本合格 ≥ 0。", "Thresholds: excellent > pass > basic ≥ 0.", "grades"))  # fmt: skip
    if not 0 <= data.first_half_weight <= 1:
        problems.append(
            _bad("上半年权重应在 0 到 1 之间。", "The first half's weight is 0–1.", "first_half_weight")
        )
    posts = tuple(dict.fromkeys(data.posts))
    if not posts or any(p not in ALL_POSTS for p in posts):
        problems.append(_bad("请选择参加考核的岗位。", "Choose the posts assessed.", "posts"))
    note = ""
    try:
        note = clean_line(data.note, "note", 200, ("说明", "note"))
    except ValidationError as exc:
        problems.append(exc)
    raise_all(problems)
    return SchemeInput(
        name, float(data.base_score), tuple(data.items), float(data.grade_excellent), float(data.grade_pass),
        float(data.grade_basic), float(data.first_half_weight), posts, note,
    )  # fmt: skip


def from_row(row: AssessmentScheme) -> Scheme:
    items = tuple(Item(**raw) for raw in json.loads(row.items))
    return Scheme(
        row.id, row.version, row.name, row.base_score, items, row.grade_excellent, row.grade_pass,
        row.grade_basic, row.first_half_weight, tuple(p for p in row.posts.split("、") if p), row.note,
    )  # fmt: skip


def _add(uow: UnitOfWork, data: SchemeInput) -> AssessmentScheme:
    last = uow.session.scalar(select(func.max(AssessmentScheme.version))) or 0
    row = AssessmentScheme(
        version=last + 1, name=data.name, base_score=data.base_score,
        items=json.dumps([asdict(i) for i in data.items], ensure_ascii=False),
        grade_excellent=data.grade_excellent, grade_pass=data.grade_pass, grade_basic=data.grade_basic,
        first_half_weight=data.first_half_weight, posts="、".join(data.posts), note=data.note,
    )  # fmt: skip
    uow.session.add(row)
    uow.session.flush()
    return row


def current_row(uow: UnitOfWork) -> AssessmentScheme:
    """The newest version; the default scheme becomes version 1 the first time one is needed."""
    row = uow.session.scalar(
        select(AssessmentScheme)
        .where(AssessmentScheme.deleted_at.is_(None))
        .order_by(AssessmentScheme.version.desc())
        .limit(1)
    )
    return row if row is not None else _add(uow, check(default_input()))


def save_scheme(db: Database, actor: Actor, data: SchemeInput) -> Scheme:
    """A new version of the scheme; periods computed before keep the version they were computed with."""
    actor.require(Permission.ASSESSMENT_EDIT)
    clean = check(data)
    with unit_of_work(db, actor) as uow:
        return from_row(_add(uow, clean))


def current_scheme(db: Database, actor: Actor) -> Scheme:
    """The scheme a new period would use (the default when none was saved yet; nothing is written)."""
    actor.require(Permission.ASSESSMENT_VIEW)
    with db.reading() as session:
        row = newest(session)
        if row is not None:
            return from_row(row)
    clean = check(default_input())
    return Scheme(
        "", 0, clean.name, clean.base_score, tuple(clean.items), clean.grade_excellent, clean.grade_pass,
        clean.grade_basic, clean.first_half_weight, tuple(clean.posts), clean.note,
    )  # fmt: skip


def newest(session: Session) -> AssessmentScheme | None:
    return session.scalar(
        select(AssessmentScheme)
        .where(AssessmentScheme.deleted_at.is_(None))
        .order_by(AssessmentScheme.version.desc())
        .limit(1)
    )


def scheme_by_id(session: Session, scheme_id: str) -> Scheme:
    row = session.get(AssessmentScheme, scheme_id)
    if row is None:
        raise NotFound("找不到该考核方案。", "Scheme not found.")
    return from_row(row)


def versions(db: Database, actor: Actor) -> list[Scheme]:
    actor.require(Permission.ASSESSMENT_VIEW)
    with db.reading() as session:
        rows = session.scalars(select(AssessmentScheme).order_by(AssessmentScheme.version.desc())).all()
        return [from_row(r) for r in rows]
