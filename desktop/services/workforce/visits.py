"""Household visits (走访): the visit norms by household category, the light household register the
visits are counted against, recording a visit, and which households are behind their norm.

How a norm falls due: "at least N visits per period" is spread over the period's months and rounded
down, so "twice a year" is due by the end of June (one) and of December (two), "monthly" every month
and "once a quarter" in the quarter's last month. A household is behind in a month when the visits in
its current period, up to that month's end, are fewer than what is due by then. The usual norms apply
until the town sets its own (DEFAULT_NORMS); a category without a norm is never behind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError, raise_all
from desktop.models import Grid, GridWorker, Household, HouseholdVisit, Person, VisitNorm
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.masking import mask_name, mask_phone
from desktop.services.common.text import (
    ADDRESS,
    HOUSEHOLD_LABEL,
    HOUSEHOLD_NOTE,
    PERSON_NAME,
    PHONE,
    VISIT_NOTE,
    clean_line,
)
from desktop.services.common.uow import unit_of_work
from desktop.services.workforce.attendance import today

DIFFICULT, SPECIAL, ORDINARY = "困难家庭", "特殊人群", "一般住户"
CATEGORIES = (DIFFICULT, SPECIAL, ORDINARY)
PERIOD_MONTHS = {"月": 1, "季度": 3, "半年": 6, "年": 12}
# The usual norms (domain README: difficult families monthly, ordinary households twice a year).
DEFAULT_NORMS = {DIFFICULT: ("月", 1), SPECIAL: ("月", 1), ORDINARY: ("年", 2)}
WAYS = ("入户", "电话", "其他")
CATEGORY_LENGTH = 10
MAX_TIMES = 31


# --- norms ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Norm:
    category: str
    period: str  # 月 / 季度 / 半年 / 年
    times: int
    is_default: bool = False

    def due_by(self, month: int) -> int:
        """Visits due from the start of the period holding `month` to that month's end."""
        months = PERIOD_MONTHS[self.period]
        return self.times * ((month - 1) % months + 1) // months

    def due_in(self, month: int) -> int:
        """Visits falling due in `month` itself (the months of a period add up to `times`)."""
        months = PERIOD_MONTHS[self.period]
        step = (month - 1) % months + 1
        return self.times * step // months - self.times * (step - 1) // months

    def period_start(self, year: int, month: int) -> date:
        return date(year, month - (month - 1) % PERIOD_MONTHS[self.period], 1)

    def text(self) -> str:
        return f"每{self.period}至少{self.times}次"


def norms_in(session: Session) -> dict[str, Norm]:
    norms = {c: Norm(c, p, t, is_default=True) for c, (p, t) in DEFAULT_NORMS.items()}
    for category, period, times in session.execute(
        select(VisitNorm.category, VisitNorm.period, VisitNorm.times).where(VisitNorm.deleted_at.is_(None))
    ):
        norms[category] = Norm(category, period, times)
    return norms


def norms(db: Database, actor: Actor) -> list[Norm]:
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        found = norms_in(session)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(found.values(), key=lambda n: (order.get(n.category, 99), n.category))


def set_norm(db: Database, actor: Actor, category: str, period: str, times: int) -> None:
    """The town's own norm for a category (a new category is added): at least `times` per `period`."""
    actor.require(Permission.GRID_EDIT)
    category = clean_line(category, "category", CATEGORY_LENGTH, ("户别", "category"))
    problems = []
    if not category:
        problems.append(ValidationError("请填写户别。", "Give the household category.", "category"))
    if period not in PERIOD_MONTHS:
        problems.append(
            ValidationError(
                "周期应为月、季度、半年或年。", "The period is a month, quarter, half-year or year.", "period"
            )
        )
    if not 1 <= times <= MAX_TIMES:
        problems.append(
            ValidationError(f"次数应在 1–{MAX_TIMES} 之间。", f"The count is 1–{MAX_TIMES}.", "times")
        )
    raise_all(problems)
    with unit_of_work(db, actor) as uow:
        row = uow.session.scalar(select(VisitNorm).where(VisitNorm.category == category))
        if row is None:
            uow.session.add(VisitNorm(category=category, period=period, times=times))
        else:
            row.period, row.times, row.deleted_at = period, times, None


# --- households ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdInput:
    grid_id: str
    label: str
    category: str
    address: str = ""
    head_name: str = ""
    head_phone: str = ""
    note: str = ""


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    grid_id: str
    grid_name: str
    label: str
    address: str
    category: str
    head_name: str  # masked for a reader who may not see people
    head_phone: str  # masked unless the reader may see full IDs, as everywhere else
    note: str
    ended_on: date | None


def add_household(db: Database, actor: Actor, data: HouseholdInput) -> str:
    actor.require(Permission.GRID_EDIT)
    label = clean_line(data.label, "label", HOUSEHOLD_LABEL, ("户名或门牌", "household"))
    address = clean_line(data.address, "address", ADDRESS, ("地址", "address"))
    head = clean_line(data.head_name, "head_name", PERSON_NAME, ("户主", "head of household"))
    phone = clean_line(data.head_phone, "head_phone", PHONE, ("联系电话", "phone"))
    note = clean_line(data.note, "note", HOUSEHOLD_NOTE, ("备注", "note"))
    problems = []
    if not label:
        problems.append(ValidationError("请填写户名或门牌。", "Name the household.", "label"))
    if phone and not phone.replace("-", "").isdigit():
        problems.append(ValidationError("联系电话只能是数字。", "A phone number is digits.", "head_phone"))
    with unit_of_work(db, actor) as uow:
        if data.category not in norms_in(uow.session):
            problems.append(
                ValidationError(
                    "请选择户别（先设定它的走访标准）。", "Choose a category with a norm.", "category"
                )
            )
        grid = uow.session.get(Grid, data.grid_id)
        if grid is None or grid.deleted_at is not None or grid.ended_on is not None:
            problems.append(ValidationError("请选择现有网格。", "Choose a current grid.", "grid"))
        raise_all(problems)
        row = Household(
            grid_id=data.grid_id, label=label, address=address, category=data.category, head_name=head,
            head_phone=phone, note=note,
        )  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        return row.id


def end_household(db: Database, actor: Actor, household_id: str, on: date) -> None:
    """The household moved away (or merged into another) on `on`: no visits fall due after it."""
    actor.require(Permission.GRID_EDIT)
    with unit_of_work(db, actor) as uow:
        row = uow.load_for_update(
            Household, household_id, None, not_found=("找不到该住户。", "Household not found.")
        )
        if row.ended_on is not None:
            raise UserError("该住户已注销。", "This household has already been ended.")
        row.ended_on = on


def households(db: Database, actor: Actor, grid_id: str | None = None) -> list[HouseholdRow]:
    actor.require(Permission.DUTY_VIEW)
    names, phones = actor.can(Permission.PERSON_VIEW), actor.can(Permission.PERSON_VIEW_ID)
    q = (
        select(Household, Grid.name)
        .join(Grid, Grid.id == Household.grid_id)
        .where(Household.deleted_at.is_(None))
        .order_by(Grid.code, Household.label)
    )
    if grid_id is not None:
        q = q.where(Household.grid_id == grid_id)
    with db.reading() as session:
        return [
            HouseholdRow(
                h.id,
                h.grid_id,
                grid_name,
                h.label,
                h.address,
                h.category,
                h.head_name if names else mask_name(h.head_name),
                h.head_phone if phones else mask_phone(h.head_phone),
                h.note,
                h.ended_on,
            )
            for h, grid_name in session.execute(q).all()
        ]


# --- visits --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitInput:
    household_id: str
    person_id: str  # the worker who visited
    day: date
    way: str = "入户"
    note: str = ""


@dataclass(frozen=True)
class VisitRow:
    id: str
    day: date
    household_id: str
    household: str
    category: str
    grid_id: str
    grid_name: str
    person_id: str
    name: str
    way: str
    note: str


def held_post(session: Session, person_id: str, grid_id: str, day: date) -> bool:
    """Whether the person held a post in the grid on `day` (a post's end date is its last day)."""
    return (
        session.scalar(
            select(GridWorker.id).where(
                GridWorker.deleted_at.is_(None), GridWorker.person_id == person_id, GridWorker.grid_id == grid_id,
                GridWorker.start_date <= day, or_(GridWorker.end_date.is_(None), GridWorker.end_date >= day),
            )
        )
        is not None
    )  # fmt: skip


def record_visit(db: Database, actor: Actor, data: VisitInput) -> str:
    actor.require(Permission.DUTY_EDIT)
    note = clean_line(data.note, "note", VISIT_NOTE, ("走访情况", "note"))
    problems = []
    if data.way not in WAYS:
        problems.append(
            ValidationError("走访方式应为入户、电话或其他。", "Choose how the visit was made.", "way")
        )
    if data.day > today(db):
        problems.append(ValidationError("走访日期不能晚于今天。", "A visit cannot be in the future.", "day"))
    with unit_of_work(db, actor) as uow:
        household = uow.session.get(Household, data.household_id)
        if household is None or household.deleted_at is not None:
            raise NotFound("找不到该住户。", "Household not found.")
        if household.ended_on is not None and data.day > household.ended_on:
            problems.append(ValidationError("该住户当日已注销。", "The household had left by then.", "day"))
        person = uow.session.get(Person, data.person_id)
        if person is None:
            raise NotFound("找不到该人员。", "Person not found.")
        if not held_post(uow.session, data.person_id, household.grid_id, data.day):
            problems.append(
                ValidationError(
                    "该人员当日不在这户所在网格任职。", "This worker had no post in the household's grid that day.",
                    "person",
                )
            )  # fmt: skip
        raise_all(problems)
        twice = uow.session.scalar(
            select(HouseholdVisit.id).where(
                HouseholdVisit.deleted_at.is_(None), HouseholdVisit.household_id == data.household_id,
                HouseholdVisit.person_id == data.person_id, HouseholdVisit.day == data.day,
            )
        )  # fmt: skip
        if twice is not None:
            raise UserError("这次走访已经登记过。", "This visit is already recorded.")
        row = HouseholdVisit(
            household_id=data.household_id, person_id=data.person_id, day=data.day, way=data.way, note=note
        )
        uow.session.add(row)
        uow.session.flush()
        return row.id


def visits(
    db: Database,
    actor: Actor,
    first: date,
    last: date,
    *,
    person_id: str | None = None,
    grid_id: str | None = None,
) -> list[VisitRow]:
    """Visits made first..last, newest first, by one worker or in one grid if given."""
    actor.require(Permission.DUTY_VIEW)
    q = (
        select(HouseholdVisit, Household.label, Household.category, Household.grid_id, Grid.name, Person.name)
        .join(Household, Household.id == HouseholdVisit.household_id)
        .join(Grid, Grid.id == Household.grid_id)
        .join(Person, Person.id == HouseholdVisit.person_id)
        .where(HouseholdVisit.deleted_at.is_(None), HouseholdVisit.day >= first, HouseholdVisit.day <= last)
        .order_by(HouseholdVisit.day.desc(), Grid.code, Household.label)
    )
    if person_id is not None:
        q = q.where(HouseholdVisit.person_id == person_id)
    if grid_id is not None:
        q = q.where(Household.grid_id == grid_id)
    with db.reading() as session:
        return [
            VisitRow(
                v.id, v.day, v.household_id, label, category, grid_id, grid, v.person_id, name, v.way, v.note
            )
            for v, label, category, grid_id, grid, name in session.execute(q).all()
        ]


# --- behind the norm -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdBehind:
    household_id: str
    grid_id: str
    grid_name: str
    label: str
    category: str
    norm: str  # 每月至少1次
    period: str
    times: int
    done: int  # visits in the norm's current period up to the month's end
    due: int
    last_visit: date | None


def month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def visit_days(
    session: Session, household_ids: Iterable[str], first: date, last: date
) -> dict[str, list[date]]:
    """Each household's visit days first..last (any worker's)."""
    out: dict[str, list[date]] = defaultdict(list)
    ids = list(household_ids)
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        for household_id, day in session.execute(
            select(HouseholdVisit.household_id, HouseholdVisit.day).where(
                HouseholdVisit.deleted_at.is_(None), HouseholdVisit.household_id.in_(ids[start : start + 500]),
                HouseholdVisit.day >= first, HouseholdVisit.day <= last,
            )
        ):  # fmt: skip
            out[household_id].append(day)
    return out


def active_households(session: Session, first: date) -> list[tuple[str, str, str, str, str]]:
    """(id, grid id, grid name, label, category) of households not ended before `first`."""
    return [
        (h_id, grid_id, grid_name, label, category)
        for h_id, grid_id, grid_name, label, category in session.execute(
            select(Household.id, Household.grid_id, Grid.name, Household.label, Household.category)
            .join(Grid, Grid.id == Household.grid_id)
            .where(
                Household.deleted_at.is_(None), or_(Household.ended_on.is_(None), Household.ended_on >= first)
            )
            .order_by(Grid.code, Household.label)
        ).all()
    ]


def behind_in(session: Session, year: int, month: int) -> list[HouseholdBehind]:
    first, last = date(year, month, 1), month_end(year, month)
    found = norms_in(session)
    homes = active_households(session, first)
    # A year back at least, so a household behind still shows when it was last seen.
    earliest = min((n.period_start(year, month) for n in found.values()), default=first)
    days = visit_days(session, (h[0] for h in homes), min(earliest, first - timedelta(days=366)), last)
    out = []
    for h_id, grid_id, grid_name, label, category in homes:
        norm = found.get(category)
        if norm is None or (due := norm.due_by(month)) == 0:
            continue
        start = norm.period_start(year, month)
        seen = [d for d in days.get(h_id, []) if d >= start]
        if len(seen) < due:
            last_seen = max(days.get(h_id, []), default=None)
            out.append(
                HouseholdBehind(
                    h_id,
                    grid_id,
                    grid_name,
                    label,
                    category,
                    norm.text(),
                    norm.period,
                    norm.times,
                    len(seen),
                    due,
                    last_seen,
                )
            )
    return out


def households_behind(db: Database, actor: Actor, year: int, month: int) -> list[HouseholdBehind]:
    """Households whose visits fall short of their norm by the end of the month, grid by grid."""
    actor.require(Permission.DUTY_VIEW)
    with db.reading() as session:
        return behind_in(session, year, month)
