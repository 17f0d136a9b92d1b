"""People's mediation cases (人民调解法): registration to archive, reminders and monthly figures.

Every state change is one call here: it checks the actor's permission, the case's state (and, when the
caller passes the `ver` it showed, that nobody changed the case meanwhile), writes the change and a
case-log row, and audits it, all in one transaction. A closed (archived) case changes only through
`reopen_case`, which needs MEDIATION_MANAGE (the centre manager).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import (
    Event,
    MediationCase,
    MediationCaseLog,
    MediationCaseMediator,
    MediationCommittee,
    MediationInvestigation,
    MediationParty,
    MediationRevisit,
    MediationSession,
    Mediator,
    Person,
    TownProfile,
)
from desktop.services import persons
from desktop.services.credit_code import parse_credit_code
from desktop.services.masking import mask_phone, mask_resident_id
from desktop.services.permissions import Actor, Permission
from desktop.services.uow import UnitOfWork, unit_of_work
from desktop.services.users import check_phone

OBJECT_TYPE = "调解案件"

DISPUTE_TYPES = (
    "婚姻家庭",
    "邻里",
    "房屋宅基地",
    "合同",
    "生产经营",
    "损害赔偿",
    "劳动争议",
    "土地承包",
    "征地拆迁",
    "物业",
    "医疗",
    "交通事故",
    "其他",
)
SOURCE_APPLICATION = "当事人申请"
SOURCE_INITIATIVE = "主动调解"
SOURCES = (SOURCE_APPLICATION, SOURCE_INITIATIVE, "派出所移送", "法院委托", "政府部门移送", "事件转入")

PENDING = "待受理"
ACTIVE = "调解中"
REFUSED = "不予受理"
SUCCEEDED = "调解成功"
FAILED = "调解不成"
ARCHIVED = "已归档"
STATUSES = (PENDING, ACTIVE, REFUSED, SUCCEEDED, FAILED, ARCHIVED)
OPEN_STATUSES = (PENDING, ACTIVE)

WRITTEN = "书面协议"
ORAL = "口头协议"
NO_AGREEMENT = "调解不成"

PERSON = "自然人"
ORGANISATION = "单位"
AGENT_KINDS = ("委托代理人", "法定代理人")
MEDIATOR_TITLES = ("主任", "副主任", "委员", "专职调解员", "兼职调解员")
REFUSAL_REASONS = (
    "当事人拒绝调解（人民调解法第十七条）",
    "纠纷已由人民法院、仲裁机构或行政机关受理或处理",
    "不属于人民调解的范围",
    "其他",
)
SESSION_RESULTS = ("达成协议", "未达成协议", "继续调解")
# Art. 26: a failed mediation ends with the parties told of these routes.
REFERRAL_ROUTES = ("仲裁", "行政", "司法")
REFERRAL_TEXT = {
    "仲裁": "依法申请仲裁",
    "行政": "请求有关行政机关依法处理",
    "司法": "依法向人民法院提起诉讼",
}
PERFORMANCE_STATUSES = ("履行中", "已履行", "部分履行", "未履行")
SATISFACTION = ("满意", "基本满意", "不满意")
RETENTION_PERIODS = ("永久", "长期", "短期")

# Reminder thresholds (domain/README.md: mediation is expected to conclude in about a month).
LONG_RUNNING_DAYS = 30
JUDICIAL_WINDOW_DAYS = 30  # art. 33
JUDICIAL_WARN_DAYS = 7
REVISIT_AFTER_DAYS = 15
MAX_MEDIATORS = 3
MAX_TEXT = 10000

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SHORT_NUMBER = re.compile(r"^(\d{4})[-/](\d{1,5})$")


# --- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInput:
    """A party: an existing person (person_id), a new person (person) or an organisation."""

    side: int  # 1: applicant / first party, 2: respondent / other party
    kind: str = PERSON
    person_id: str | None = None
    person: persons.PersonInput | None = None
    occupation: str = ""
    employer: str = ""
    org_name: str = ""
    org_credit_code: str = ""
    org_legal_rep: str = ""
    org_address: str = ""
    org_phone: str = ""
    agent_person_id: str | None = None
    agent: persons.PersonInput | None = None
    agent_kind: str = ""


@dataclass(frozen=True)
class CaseInput:
    source: str
    dispute_type: str
    summary: str
    received_on: date
    parties: list[PartyInput]
    mediator_ids: list[str]
    requests: str = ""
    amount_cents: int | None = None
    title: str = ""
    event_id: str | None = None


@dataclass(frozen=True)
class AgreementInput:
    signed_on: date  # the day every party and the mediator signed: the agreement takes effect
    facts: str
    disputed_matters: str
    responsibility: str
    terms: str
    performance_manner: str
    performance_deadline: date | None = None


@dataclass(frozen=True)
class InvestigationInput:
    occurred_at: datetime
    place: str
    record: str
    participants: str = ""
    subject_person_id: str | None = None
    subject_other: str = ""
    recorder: str = ""


@dataclass(frozen=True)
class SessionInput:
    occurred_at: datetime
    place: str
    record: str
    result: str
    subject: str = ""
    participants: str = ""
    parties_present: str = ""
    result_note: str = ""
    recorder: str = ""


@dataclass(frozen=True)
class RevisitInput:
    party_id: str
    visited_on: date
    reason: str
    performance: str
    satisfaction: str
    new_suits: str = "无"
    flare_signs: str = "无"
    measures: str = ""
    visitor: str = ""


# --- views (plain data, safe outside a session) ------------------------------------------------


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    sex: str
    ethnicity: str
    birth_date: date | None
    resident_id: str  # masked unless the reader may see it in full
    phone: str
    address: str

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


@dataclass(frozen=True)
class PartyView:
    id: str
    side: int
    kind: str
    name: str
    person: PersonView | None
    occupation: str
    employer: str
    org_name: str
    org_credit_code: str
    org_legal_rep: str
    org_address: str
    org_phone: str
    agent: PersonView | None
    agent_kind: str

    @property
    def is_org(self) -> bool:
        return self.kind == ORGANISATION

    @property
    def contact(self) -> str:
        return self.org_phone if self.is_org else (self.person.phone if self.person else "")

    @property
    def address(self) -> str:
        return self.org_address if self.is_org else (self.person.address if self.person else "")


@dataclass(frozen=True)
class MediatorView:
    id: str
    person_id: str
    name: str
    title: str
    phone: str
    start_date: date
    end_date: date | None

    @property
    def active(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True)
class InvestigationView:
    id: str
    occurred_at: datetime
    place: str
    participants: str
    subject: str
    record: str
    recorder: str


@dataclass(frozen=True)
class SessionView:
    id: str
    occurred_at: datetime
    place: str
    subject: str
    participants: str
    parties_present: str
    record: str
    result: str
    result_note: str
    recorder: str


@dataclass(frozen=True)
class RevisitView:
    id: str
    party_id: str
    party_name: str
    visited_on: date
    reason: str
    performance: str
    satisfaction: str
    new_suits: str
    flare_signs: str
    measures: str
    visitor: str


@dataclass(frozen=True)
class LogView:
    at: datetime
    action: str
    status_after: str
    by_name: str
    note: str


@dataclass(frozen=True)
class Committee:
    name: str
    file_prefix: str
    address: str
    phone: str
    town_name: str


@dataclass(frozen=True)
class CaseDetail:
    id: str
    ver: int
    file_number: str
    title: str
    source: str
    event_id: str | None
    dispute_type: str
    summary: str
    requests: str
    amount_cents: int | None
    received_on: date
    registered_by: str
    status: str
    accepted_on: date | None
    refusal_reason: str
    outcome: str
    outcome_on: date | None
    facts: str
    disputed_matters: str
    responsibility: str
    terms: str
    performance_manner: str
    performance_deadline: date | None
    failure_reason: str
    referral_routes: tuple[str, ...]
    performance_status: str
    performance_note: str
    judicial_applied_on: date | None
    archived_on: date | None
    retention: str
    archive_note: str
    committee: Committee
    parties: tuple[PartyView, ...]
    mediators: tuple[MediatorView, ...]
    investigations: tuple[InvestigationView, ...]
    sessions: tuple[SessionView, ...]
    revisits: tuple[RevisitView, ...]
    log: tuple[LogView, ...]
    full_ids: bool = False

    def side(self, side: int) -> tuple[PartyView, ...]:
        return tuple(p for p in self.parties if p.side == side)

    @property
    def side_labels(self) -> tuple[str, str]:
        return side_labels(self.source)

    @property
    def judicial_window_end(self) -> date | None:
        return judicial_window_end(self.outcome, self.outcome_on)

    @property
    def mediator_names(self) -> str:
        return "、".join(m.name for m in self.mediators)

    @property
    def copies(self) -> int:
        """Art. 29: each party keeps one copy and the committee one."""
        return len(self.parties) + 1


@dataclass(frozen=True)
class CaseRow:
    id: str
    ver: int
    file_number: str
    title: str
    dispute_type: str
    source: str
    status: str
    received_on: date
    mediators: str
    parties: str
    reminder: str


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    status: str = ""
    dispute_type: str = ""
    year: int | None = None
    reminders_only: bool = False


@dataclass(frozen=True)
class Reminder:
    case_id: str
    file_number: str
    title: str
    kind: str  # 超期 / 司法确认 / 回访
    due: date
    text_zh: str
    text_en: str


@dataclass(frozen=True)
class MonthlyStats:
    year: int
    month: int
    received: int
    accepted: int
    agreements: int
    written: int
    oral: int
    failed: int
    refused: int
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def concluded(self) -> int:
        return self.agreements + self.failed

    @property
    def success_rate(self) -> float | None:
        """Agreements ÷ cases concluded (agreement or failure) in the month; None when none concluded."""
        return self.agreements / self.concluded if self.concluded else None


# --- small helpers -----------------------------------------------------------------------------


def side_labels(source: str) -> tuple[str, str]:
    if source == SOURCE_APPLICATION:
        return ("申请人", "被申请人")
    return ("当事人（甲方）", "当事人（乙方）")


def judicial_window_end(outcome: str, outcome_on: date | None) -> date | None:
    """Art. 33: parties may jointly apply for judicial confirmation within 30 days of the agreement."""
    if outcome != WRITTEN or outcome_on is None:
        return None
    return outcome_on + timedelta(days=JUDICIAL_WINDOW_DAYS)


def format_file_number(year: int, prefix: str, seq: int) -> str:
    return f"（{year}）{prefix}调字第{seq}号"


def format_amount(cents: int | None) -> str:
    if cents is None:
        return ""
    yuan, fen = divmod(cents, 100)
    return f"{yuan:,}.{fen:02d} 元"


def parse_amount(text: str) -> int | None:
    """'12,345.6' (yuan) -> 1234560 cents; empty -> None."""
    raw = text.strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    if not raw:
        return None
    if not re.fullmatch(r"\d{1,12}(\.\d{1,2})?", raw):
        raise ValidationError(
            "争议金额请填写数字（元），最多两位小数，例如 12000 或 3500.50。",
            "Enter the amount in yuan, at most two decimals, e.g. 12000 or 3500.50.",
            "amount",
        )
    yuan, _, fen = raw.partition(".")
    return int(yuan) * 100 + int((fen + "00")[:2])


def local_today(db: Database) -> date:
    return to_local(db.clock()).date()


def _text(value: str, zh: str, en: str, fld: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError(f"请填写{zh}。", f"Enter the {en}.", fld)
    if len(value) > limit:
        raise ValidationError(
            f"{zh}太长（最多 {limit} 字）。", f"The {en} is too long (at most {limit} characters).", fld
        )
    return value


def _day(
    value: date | None, today: date, zh: str, en: str, fld: str, *, not_before: date | None = None
) -> date:
    if value is None:
        raise ValidationError(f"请填写{zh}。", f"Enter the {en}.", fld)
    if value > today:
        raise ValidationError(f"{zh}不能晚于今天。", f"The {en} cannot be in the future.", fld)
    if not_before is not None and value < not_before:
        raise ValidationError(
            f"{zh}不能早于 {not_before:%Y-%m-%d}。",
            f"The {en} cannot be before {not_before:%Y-%m-%d}.",
            fld,
        )
    return value


def _choice(value: str, choices: tuple[str, ...], zh: str, en: str, fld: str) -> str:
    if value not in choices:
        raise ValidationError(f"{zh}只能是：{'、'.join(choices)}。", f"Choose the {en} from the list.", fld)
    return value


def _actor_name(uow: UnitOfWork) -> str:
    return uow.actor.display_name if uow.actor else ""


def _person_view(p: Person | None, full_ids: bool) -> PersonView | None:
    if p is None:
        return None
    rid = p.resident_id or ""
    return PersonView(
        p.id,
        p.name,
        p.sex,
        p.ethnicity,
        p.birth_date,
        rid if full_ids else mask_resident_id(rid),
        p.phone if full_ids else mask_phone(p.phone),
        p.address,
    )


# --- committee and roster ----------------------------------------------------------------------


def _committee_row(session: Session) -> MediationCommittee | None:
    return session.scalar(select(MediationCommittee).where(MediationCommittee.deleted_at.is_(None)).limit(1))


def _default_committee(session: Session) -> Committee:
    town = session.scalar(select(TownProfile).limit(1))
    town_name = town.name if town else ""
    short = town_name.removesuffix("镇").removesuffix("乡").removesuffix("街道") or "本"
    return Committee(f"{town_name}人民调解委员会", f"{short}人", "", "", town_name)


def _committee(session: Session) -> Committee:
    row = _committee_row(session)
    default = _default_committee(session)
    if row is None:
        return default
    return Committee(row.name, row.file_prefix, row.address, row.phone, default.town_name)


def get_committee(db: Database, actor: Actor) -> Committee:
    actor.require(Permission.MEDIATION_VIEW)
    with db.reading() as session:
        return _committee(session)


def ensure_committee(
    uow: UnitOfWork, name: str, file_prefix: str, address: str = "", phone: str = ""
) -> None:
    """Sets the committee inside an open unit of work (used by `update_committee` and the demo)."""
    uow.require(Permission.MEDIATION_MANAGE)
    name = _text(name, "调解委员会名称", "committee's name", "name", limit=60)
    file_prefix = file_prefix.strip()
    if not file_prefix or len(file_prefix) > 12 or re.search(r"[\s（）()第号]", file_prefix):
        raise ValidationError(
            "文号前缀请填写 1–12 个字，例如“清溪人”，文号将为（2026）清溪人调字第1号。",
            "The file-number prefix has 1–12 characters, e.g. 清溪人 for （2026）清溪人调字第1号.",
            "file_prefix",
        )
    row = _committee_row(uow.session)
    values = {
        "name": name,
        "file_prefix": file_prefix,
        "address": address.strip(),
        "phone": check_phone(phone, "phone"),
    }
    if row is None:
        uow.session.add(MediationCommittee(**values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    uow.session.flush()


def update_committee(
    db: Database, actor: Actor, name: str, file_prefix: str, address: str = "", phone: str = ""
) -> Committee:
    actor.require(Permission.MEDIATION_MANAGE)
    with unit_of_work(db, actor) as uow:
        ensure_committee(uow, name, file_prefix, address, phone)
    return get_committee(db, actor)


def add_mediator(
    uow: UnitOfWork,
    title: str,
    start: date,
    *,
    person_id: str | None = None,
    person: persons.PersonInput | None = None,
    note: str = "",
) -> Mediator:
    """Adds a person to the roster inside an open unit of work."""
    uow.require(Permission.MEDIATION_MANAGE)
    _choice(title, MEDIATOR_TITLES, "职务", "title", "title")
    person_row = _resolve_person(uow, person_id, person, "person")
    if person_row is None:
        raise ValidationError("请选择或填写调解员本人。", "Choose or enter the mediator.", "person")
    taken = uow.session.scalar(
        select(func.count())
        .select_from(Mediator)
        .where(
            Mediator.person_id == person_row.id, Mediator.end_date.is_(None), Mediator.deleted_at.is_(None)
        )
    )
    if taken:
        raise ValidationError(
            f"{person_row.name} 已在调解员名册中。", f"{person_row.name} is already on the roster.", "person"
        )
    row = Mediator(person_id=person_row.id, title=title, start_date=start, note=note.strip())
    uow.session.add(row)
    uow.session.flush()
    uow.audit("加入名册", "人民调解员", row.id, f"{person_row.name}（{title}）")
    return row


def create_mediator(
    db: Database,
    actor: Actor,
    title: str,
    start: date,
    *,
    person_id: str | None = None,
    person: persons.PersonInput | None = None,
) -> str:
    actor.require(Permission.MEDIATION_MANAGE)
    with unit_of_work(db, actor) as uow:
        return add_mediator(uow, title, start, person_id=person_id, person=person).id


def end_mediator(db: Database, actor: Actor, mediator_id: str, end: date) -> None:
    actor.require(Permission.MEDIATION_MANAGE)
    with unit_of_work(db, actor) as uow:
        row = uow.session.get(Mediator, mediator_id)
        if row is None or row.deleted_at is not None:
            raise NotFound("找不到该调解员。", "Mediator not found.")
        if row.end_date is not None:
            raise UserError("该调解员已离开名册。", "This mediator has already left the roster.")
        if end < row.start_date:
            raise ValidationError(
                "离任日期不能早于任职日期。", "The end date is before the start date.", "end"
            )
        row.end_date = end


def list_mediators(db: Database, actor: Actor, *, active_only: bool = True) -> list[MediatorView]:
    actor.require(Permission.MEDIATION_VIEW)
    q = select(Mediator).options(selectinload(Mediator.person)).where(Mediator.deleted_at.is_(None))
    if active_only:
        q = q.where(Mediator.end_date.is_(None))
    with db.reading() as session:
        rows = session.scalars(q).all()
        order = {t: i for i, t in enumerate(MEDIATOR_TITLES)}
        rows = sorted(rows, key=lambda m: (order.get(m.title, 99), m.person.name))
        return [_mediator_view(m) for m in rows]


def _mediator_view(m: Mediator) -> MediatorView:
    return MediatorView(m.id, m.person_id, m.person.name, m.title, m.person.phone, m.start_date, m.end_date)


# --- persons and parties -----------------------------------------------------------------------


def _resolve_person(
    uow: UnitOfWork, person_id: str | None, data: persons.PersonInput | None, fld: str
) -> Person | None:
    """An existing registry row, or the one with the same resident ID, or a new one (collect once)."""
    if person_id:
        row = uow.session.get(Person, person_id)
        if row is None or row.deleted_at is not None:
            raise ValidationError("找不到所选人员。", "The chosen person does not exist.", fld)
        return row
    if data is None:
        return None
    if data.resident_id.strip():
        number = data.resident_id.strip().upper()
        existing = uow.session.scalar(select(Person).where(Person.resident_id == number))
        if existing is not None:
            if existing.name != data.name.strip():
                raise ValidationError(
                    f"该身份证号已登记为“{existing.name}”，与填写的姓名不一致，请核对。",
                    f"This resident ID is registered to “{existing.name}”; the name differs.",
                    "resident_id",
                )
            return existing
    return persons.add_person(uow, data)


def check_party(data: PartyInput) -> None:
    """Checks one party's own fields (plain field names, for the party editor)."""
    if data.side not in (1, 2):
        raise ValidationError("请选择当事人属于哪一方。", "Choose the party's side.", "side")
    if data.kind == PERSON:
        if not data.person_id and data.person is None:
            raise ValidationError("请选择或填写当事人。", "Choose or enter the party.", "name")
        if data.person is not None and not data.person_id:
            persons._clean(data.person)
    elif data.kind == ORGANISATION:
        _text(data.org_name, "单位名称", "organisation's name", "org_name", limit=100)
        parse_credit_code(data.org_credit_code)
        _text(data.org_legal_rep, "法定代表人（负责人）", "legal representative", "org_legal_rep", limit=50)
        check_phone(data.org_phone, "org_phone")
    else:
        raise ValidationError(
            "当事人类型只能是自然人或单位。", "A party is a person or an organisation.", "kind"
        )
    if data.agent_person_id or data.agent is not None:
        _choice(data.agent_kind, AGENT_KINDS, "代理人类型", "agent's kind", "agent_kind")
        if data.agent is not None and not data.agent_person_id:
            try:
                persons._clean(data.agent)
            except ValidationError as exc:
                raise ValidationError(f"代理人：{exc.zh}", f"Agent: {exc.en}", "agent_" + exc.field) from exc


def _party_row(uow: UnitOfWork, case: MediationCase, data: PartyInput, order: int) -> MediationParty:
    check_party(data)
    person = _resolve_person(uow, data.person_id, data.person, "name") if data.kind == PERSON else None
    agent = _resolve_person(uow, data.agent_person_id, data.agent, "agent_name")
    is_org = data.kind == ORGANISATION
    row = MediationParty(
        case_id=case.id,
        side=data.side,
        sort_order=order,
        kind=data.kind,
        person_id=person.id if person else None,
        occupation=data.occupation.strip(),
        employer=data.employer.strip(),
        org_name=data.org_name.strip() if is_org else "",
        org_credit_code=parse_credit_code(data.org_credit_code) if is_org else "",
        org_legal_rep=data.org_legal_rep.strip() if is_org else "",
        org_address=data.org_address.strip() if is_org else "",
        org_phone=check_phone(data.org_phone, "org_phone") if is_org else "",
        agent_person_id=agent.id if agent else None,
        agent_kind=data.agent_kind if agent else "",
    )
    uow.session.add(row)
    return row


def _party_error(index: int, exc: ValidationError) -> ValidationError:
    return ValidationError(f"第 {index} 位当事人：{exc.zh}", f"Party {index}: {exc.en}", "parties")


def _check_distinct_parties(parties: list[MediationParty]) -> None:
    seen: set[str] = set()
    for p in parties:
        key = p.person_id or f"org:{p.org_credit_code}"
        if key in seen:
            raise ValidationError("同一当事人不能重复列入。", "The same party is listed twice.", "parties")
        seen.add(key)
    sides = {p.side for p in parties}
    if sides != {1, 2}:
        raise ValidationError(
            "纠纷双方都至少要有一名当事人。", "Each side of the dispute needs at least one party.", "parties"
        )


def _set_mediators(uow: UnitOfWork, case: MediationCase, mediator_ids: list[str], today: date) -> None:
    ids = list(dict.fromkeys(mediator_ids))
    if len(ids) != len(mediator_ids):
        raise ValidationError("同一调解员不能重复选择。", "A mediator is chosen twice.", "mediators")
    if not 1 <= len(ids) <= MAX_MEDIATORS:
        raise ValidationError(
            f"请选择 1 至 {MAX_MEDIATORS} 名调解员。",
            f"Choose between 1 and {MAX_MEDIATORS} mediators.",
            "mediators",
        )
    for mid in ids:
        m = uow.session.get(Mediator, mid)
        if m is None or m.deleted_at is not None or (m.end_date is not None and m.end_date < today):
            raise ValidationError(
                "所选调解员不在本委员会的调解员名册中。",
                "A chosen mediator is not on the committee's roster.",
                "mediators",
            )
    live = [link for link in case.mediator_links if link.deleted_at is None]
    if [link.mediator_id for link in live] == ids:
        return
    for link in live:
        link.deleted_at = uow.now
    for order, mid in enumerate(ids):
        uow.session.add(MediationCaseMediator(case_id=case.id, mediator_id=mid, sort_order=order))


def _auto_title(parties: list[MediationParty], dispute_type: str) -> str:
    def side_name(side: int) -> str:
        names = [p.name for p in parties if p.side == side]
        return names[0] + (f"等{len(names)}人" if len(names) > 1 else "")

    kind = "" if dispute_type == "其他" else dispute_type
    return f"{side_name(1)}与{side_name(2)}{kind}纠纷"[:100]


# --- registration ------------------------------------------------------------------------------


def _log(uow: UnitOfWork, case: MediationCase, action: str, note: str = "") -> None:
    uow.session.add(
        MediationCaseLog(
            case_id=case.id,
            at=uow.now,
            action=action,
            status_after=case.status,
            by_name=_actor_name(uow),
            note=note,
        )
    )
    uow.audit(
        action, OBJECT_TYPE, case.id, f"{case.file_number} {case.title}", {"note": note} if note else None
    )


def next_file_seq(session: Session, year: int, town_code: str) -> int:
    current = session.scalar(
        select(func.max(MediationCase.file_seq)).where(
            MediationCase.file_year == year, MediationCase.origin_town == town_code
        )
    )
    return int(current or 0) + 1


def register_case(db: Database, actor: Actor, data: CaseInput) -> str:
    """Registers a case (申请 or 主动调解) with its parties and mediators and gives it a file number."""
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        return add_case(uow, data).id


def _dispute_event(uow: UnitOfWork, event_id: str) -> Event:
    """A case can come from an event of the dispute kind (领域 02 矛盾纠纷)."""
    event = uow.session.get(Event, event_id)
    if event is None:
        raise ValidationError("找不到要关联的事件。", "The linked event does not exist.", "event_id")
    if not event.category_code.startswith("02"):
        raise ValidationError(
            "只有矛盾纠纷类事件可以转为调解案件。",
            "Only dispute events can become mediation cases.",
            "event_id",
        )
    return event


def add_case(uow: UnitOfWork, data: CaseInput) -> MediationCase:
    uow.require(Permission.MEDIATION_HANDLE)
    today = to_local(uow.now).date()
    source = _choice(data.source, SOURCES, "纠纷来源", "source", "source")
    dispute_type = _choice(data.dispute_type, DISPUTE_TYPES, "纠纷类型", "dispute type", "dispute_type")
    summary = _text(data.summary, "纠纷简要情况", "summary of the dispute", "summary")
    requests = _text(
        data.requests, "当事人申请事项", "requests", "requests", required=source == SOURCE_APPLICATION
    )
    received = _day(
        data.received_on, today, "收案日期", "date received", "received_on", not_before=date(2000, 1, 1)
    )
    if data.amount_cents is not None and data.amount_cents < 0:
        raise ValidationError("争议金额不能为负数。", "The amount cannot be negative.", "amount")
    event_id = (data.event_id or "").strip() or None
    if event_id is not None and not _UUID.match(event_id):
        raise ValidationError("关联事件的编号不正确。", "The linked event's id is not valid.", "event_id")
    source_event = _dispute_event(uow, event_id) if event_id else None
    if not data.parties:
        raise ValidationError("请添加当事人。", "Add the parties.", "parties")

    committee = _committee(uow.session)
    seq = next_file_seq(uow.session, received.year, uow.town_code)
    case = MediationCase(
        file_year=received.year,
        file_seq=seq,
        file_number=format_file_number(received.year, committee.file_prefix, seq),
        title="",
        source=source,
        event_id=event_id,
        dispute_type=dispute_type,
        summary=summary,
        requests=requests,
        amount_cents=data.amount_cents,
        received_on=received,
        registered_by=_actor_name(uow),
        status=PENDING,
    )
    uow.session.add(case)
    uow.session.flush()
    if source_event is not None:
        # The link shows on both sides: the case names the event, the event's timeline names the case.
        from desktop.services.events import add_action

        add_action(uow, source_event, "转人民调解", note=case.file_number, case_id=case.id)
    rows: list[MediationParty] = []
    for index, party in enumerate(data.parties, start=1):
        try:
            rows.append(_party_row(uow, case, party, index))
        except ValidationError as exc:
            raise _party_error(index, exc) from exc
    uow.session.flush()
    _check_distinct_parties(rows)
    _set_mediators(uow, case, data.mediator_ids, today)
    case.title = _text(data.title, "案件名称", "title", "title", required=False, limit=100) or _auto_title(
        rows, dispute_type
    )
    uow.session.flush()
    _log(uow, case, "登记", f"{source}，{dispute_type}")
    return case


# --- state changes -----------------------------------------------------------------------------


def _load(
    uow: UnitOfWork,
    case_id: str,
    expected_ver: int | None,
    allowed: tuple[str, ...],
    doing_zh: str,
    doing_en: str,
) -> MediationCase:
    case = uow.session.get(MediationCase, case_id)
    if case is None or case.deleted_at is not None:
        raise NotFound("找不到该调解案件。", "Mediation case not found.")
    if expected_ver is not None and case.ver != expected_ver:
        raise UserError(
            "该案件刚被其他人修改过，请刷新后再操作（您的内容没有保存）。",
            "Someone else changed this case meanwhile; refresh and try again (nothing was saved).",
        )
    if case.status not in allowed:
        if case.status == ARCHIVED:
            raise UserError(
                f"案件 {case.file_number} 已归档，不能{doing_zh}；如确需修改，请中心负责人先重新启用。",
                f"Case {case.file_number} is archived: cannot {doing_en}; a manager must reopen it first.",
            )
        raise UserError(
            f"案件当前状态为“{case.status}”，不能{doing_zh}。",
            f"The case is “{case.status}”: cannot {doing_en} now.",
        )
    return case


def accept_case(
    db: Database, actor: Actor, case_id: str, on: date, note: str = "", expected_ver: int | None = None
) -> None:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (PENDING,), "受理", "accept it")
        case.accepted_on = _day(
            on, to_local(uow.now).date(), "受理日期", "acceptance date", "on", not_before=case.received_on
        )
        case.status = ACTIVE
        _log(uow, case, "受理", note.strip())


def refuse_case(
    db: Database,
    actor: Actor,
    case_id: str,
    on: date,
    reason: str,
    note: str = "",
    expected_ver: int | None = None,
) -> None:
    """Not accepted, e.g. a party clearly refuses mediation (art. 17): the case ends here."""
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (PENDING,), "作不予受理处理", "refuse it")
        _choice(reason, REFUSAL_REASONS, "不予受理理由", "reason", "reason")
        note = _text(note, "具体情况", "details", "note", required=reason == "其他")
        case.outcome_on = _day(
            on, to_local(uow.now).date(), "日期", "date", "on", not_before=case.received_on
        )
        case.refusal_reason = reason + (f"：{note}" if note else "")
        case.status = REFUSED
        _log(uow, case, "不予受理", case.refusal_reason)


def update_case(
    db: Database,
    actor: Actor,
    case_id: str,
    *,
    summary: str,
    requests: str,
    dispute_type: str,
    amount_cents: int | None,
    expected_ver: int | None = None,
) -> None:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, OPEN_STATUSES, "修改案情", "edit it")
        case.summary = _text(summary, "纠纷简要情况", "summary of the dispute", "summary")
        case.requests = _text(
            requests, "当事人申请事项", "requests", "requests", required=case.source == SOURCE_APPLICATION
        )
        case.dispute_type = _choice(dispute_type, DISPUTE_TYPES, "纠纷类型", "dispute type", "dispute_type")
        if amount_cents is not None and amount_cents < 0:
            raise ValidationError("争议金额不能为负数。", "The amount cannot be negative.", "amount")
        case.amount_cents = amount_cents
        uow.session.flush()
        uow.audit("修改案情", OBJECT_TYPE, case.id, case.file_number)


def set_mediators(
    db: Database, actor: Actor, case_id: str, mediator_ids: list[str], expected_ver: int | None = None
) -> None:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, OPEN_STATUSES, "更换调解员", "change the mediators")
        _set_mediators(uow, case, mediator_ids, to_local(uow.now).date())
        names = "、".join(uow.session.get(Mediator, m).person.name for m in mediator_ids)  # type: ignore[union-attr]
        _bump(uow, case)
        _log(uow, case, "更换调解员", names)


def _bump(uow: UnitOfWork, case: MediationCase) -> None:
    """A new or changed child row changes what the case's documents show: it is a new case `ver`."""
    case.ver = (case.ver or 0) + 1
    case.pending_changes = (case.pending_changes or 0) + 1
    case.updated_at = uow.now


def add_party(
    db: Database, actor: Actor, case_id: str, data: PartyInput, expected_ver: int | None = None
) -> str:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, OPEN_STATUSES, "增加当事人", "add a party")
        live = [p for p in case.parties if p.deleted_at is None]
        row = _party_row(uow, case, data, max((p.sort_order for p in live), default=0) + 1)
        uow.session.flush()
        _check_distinct_parties([*live, row])
        _bump(uow, case)
        _log(uow, case, "增加当事人", row.name)
        return row.id


def remove_party(
    db: Database, actor: Actor, case_id: str, party_id: str, expected_ver: int | None = None
) -> None:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, OPEN_STATUSES, "删除当事人", "remove a party")
        row = uow.session.get(MediationParty, party_id)
        if row is None or row.case_id != case.id or row.deleted_at is not None:
            raise NotFound("找不到该当事人。", "Party not found.")
        rest = [p for p in case.parties if p.deleted_at is None and p.id != party_id]
        if not any(p.side == row.side for p in rest):
            raise ValidationError(
                "每一方至少要保留一名当事人。", "Each side must keep at least one party.", "parties"
            )
        row.deleted_at = uow.now
        _bump(uow, case)
        _log(uow, case, "删除当事人", row.name)


def record_investigation(
    db: Database, actor: Actor, case_id: str, data: InvestigationInput, expected_ver: int | None = None
) -> str:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (ACTIVE,), "记录调查", "record an investigation")
        when = _moment(uow, data.occurred_at, case, "调查时间", "investigation time")
        if not data.subject_person_id and not data.subject_other.strip():
            raise ValidationError(
                "请选择被调查人，或填写被调查单位。", "Choose the person or unit investigated.", "subject"
            )
        subject = _resolve_person(uow, data.subject_person_id, None, "subject")
        row = MediationInvestigation(
            case_id=case.id,
            occurred_at=when,
            place=_text(data.place, "调查地点", "place", "place", limit=100),
            participants=_text(
                data.participants, "参加人", "participants", "participants", required=False, limit=200
            ),
            subject_person_id=subject.id if subject else None,
            subject_other=data.subject_other.strip()[:100],
            record=_text(data.record, "调查记录", "record", "record"),
            recorder=_text(data.recorder or _actor_name(uow), "记录人", "recorder", "recorder", limit=40),
        )
        uow.session.add(row)
        uow.session.flush()
        _bump(uow, case)
        _log(uow, case, "调查", f"{to_local(when):%Y-%m-%d} {row.place}")
        return row.id


def _moment(uow: UnitOfWork, value: datetime, case: MediationCase, zh: str, en: str) -> datetime:
    if value.tzinfo is None:
        raise ValidationError(f"{zh}缺少时区。", f"The {en} has no time zone.", "occurred_at")
    if value > uow.now + timedelta(minutes=5):
        raise ValidationError(f"{zh}不能晚于现在。", f"The {en} cannot be in the future.", "occurred_at")
    if to_local(value).date() < case.received_on:
        raise ValidationError(
            f"{zh}不能早于收案日期。", f"The {en} cannot be before the case was received.", "occurred_at"
        )
    return value


def record_session(
    db: Database, actor: Actor, case_id: str, data: SessionInput, expected_ver: int | None = None
) -> str:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (ACTIVE,), "记录调解", "record a session")
        row = MediationSession(
            case_id=case.id,
            occurred_at=_moment(uow, data.occurred_at, case, "调解时间", "session time"),
            place=_text(data.place, "调解地点", "place", "place", limit=100),
            subject=_text(data.subject or case.title, "调解事项", "subject", "subject", limit=200),
            participants=_text(
                data.participants, "参加人", "participants", "participants", required=False, limit=300
            ),
            parties_present=_text(
                data.parties_present, "到场当事人", "parties present", "parties_present", limit=300
            ),
            record=_text(data.record, "调解记录", "record", "record"),
            result=_choice(data.result, SESSION_RESULTS, "调解结果", "result", "result"),
            result_note=_text(data.result_note, "结果说明", "result note", "result_note", required=False),
            recorder=_text(data.recorder or _actor_name(uow), "记录人", "recorder", "recorder", limit=40),
        )
        uow.session.add(row)
        uow.session.flush()
        _bump(uow, case)
        _log(uow, case, "调解", f"{to_local(row.occurred_at):%Y-%m-%d} {row.result}")
        return row.id


def record_agreement(
    db: Database,
    actor: Actor,
    case_id: str,
    data: AgreementInput,
    *,
    oral: bool = False,
    expected_ver: int | None = None,
) -> None:
    """A written agreement (art. 29) or an oral one the mediator records (art. 28)."""
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (ACTIVE,), "登记调解协议", "record an agreement")
        has_session = uow.session.scalar(
            select(func.count())
            .select_from(MediationSession)
            .where(MediationSession.case_id == case.id, MediationSession.deleted_at.is_(None))
        )
        if not has_session:
            raise UserError(
                "请先登记至少一次调解记录，再登记调解协议。",
                "Record at least one mediation session before the agreement.",
            )
        today = to_local(uow.now).date()
        signed = _day(
            data.signed_on,
            today,
            "协议签订日期",
            "signing date",
            "signed_on",
            not_before=case.accepted_on or case.received_on,
        )
        case.facts = _text(data.facts, "纠纷主要事实", "main facts", "facts")
        case.disputed_matters = _text(
            data.disputed_matters, "争议事项", "matters in dispute", "disputed_matters"
        )
        case.responsibility = _text(
            data.responsibility, "各方责任", "responsibilities", "responsibility", required=not oral
        )
        case.terms = _text(data.terms, "协议内容", "agreed terms", "terms")
        case.performance_manner = _text(
            data.performance_manner, "履行方式", "manner of performance", "performance_manner"
        )
        if data.performance_deadline is not None and data.performance_deadline < signed:
            raise ValidationError(
                "履行期限不能早于协议签订日期。",
                "The performance deadline is before the signing date.",
                "performance_deadline",
            )
        case.performance_deadline = data.performance_deadline
        case.outcome = ORAL if oral else WRITTEN
        case.outcome_on = signed
        case.performance_status = "履行中"
        case.status = SUCCEEDED
        end = judicial_window_end(case.outcome, signed)
        note = f"{case.outcome}，{signed:%Y-%m-%d}" + (f"，司法确认申请期限至 {end:%Y-%m-%d}" if end else "")
        _log(uow, case, "达成协议", note)


def record_failure(
    db: Database,
    actor: Actor,
    case_id: str,
    on: date,
    reason: str,
    routes: list[str],
    expected_ver: int | None = None,
) -> None:
    """Art. 26: the mediation ends and the parties are told of the arbitration, administrative and judicial routes."""
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (ACTIVE,), "登记调解不成", "record a failure")
        case.outcome_on = _day(
            on,
            to_local(uow.now).date(),
            "终止日期",
            "date",
            "on",
            not_before=case.accepted_on or case.received_on,
        )
        case.failure_reason = _text(reason, "调解不成的原因", "reason", "reason")
        if not routes or any(r not in REFERRAL_ROUTES for r in routes):
            raise ValidationError(
                "请选择已告知当事人的其他解决途径（仲裁、行政、司法）。",
                "Choose the routes the parties were told of (arbitration, administrative, judicial).",
                "routes",
            )
        case.referral_routes = "、".join(r for r in REFERRAL_ROUTES if r in routes)
        case.outcome = NO_AGREEMENT
        case.status = FAILED
        _log(uow, case, "调解不成", f"{case.failure_reason}；告知途径：{case.referral_routes}")


def record_performance(
    db: Database, actor: Actor, case_id: str, status: str, note: str, expected_ver: int | None = None
) -> None:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (SUCCEEDED,), "登记履行情况", "record performance")
        case.performance_status = _choice(status, PERFORMANCE_STATUSES, "履行情况", "performance", "status")
        case.performance_note = _text(note, "履行情况说明", "note", "note", required=status != "已履行")
        _log(uow, case, "履行跟进", f"{status}：{case.performance_note}".rstrip("："))


def record_judicial_application(
    db: Database, actor: Actor, case_id: str, on: date, court: str, expected_ver: int | None = None
) -> None:
    """The parties applied jointly for judicial confirmation (art. 33); only within the 30-day window."""
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (SUCCEEDED,), "登记司法确认申请", "record the application")
        end = judicial_window_end(case.outcome, case.outcome_on)
        if end is None:
            raise UserError(
                "只有书面调解协议可以申请司法确认。", "Only a written agreement can be confirmed by a court."
            )
        day = _day(on, to_local(uow.now).date(), "申请日期", "date", "on", not_before=case.outcome_on)
        if day > end:
            raise ValidationError(
                f"司法确认应在协议生效之日起三十日内（{end:%Y-%m-%d} 前）申请。",
                f"Judicial confirmation must be applied for within 30 days (by {end:%Y-%m-%d}).",
                "on",
            )
        case.judicial_applied_on = day
        _log(uow, case, "申请司法确认", _text(court, "受理法院", "court", "court", limit=60))


def record_revisit(
    db: Database, actor: Actor, case_id: str, data: RevisitInput, expected_ver: int | None = None
) -> str:
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (SUCCEEDED, FAILED), "登记回访", "record a return visit")
        party = uow.session.get(MediationParty, data.party_id)
        if party is None or party.case_id != case.id or party.deleted_at is not None:
            raise ValidationError("请选择回访的当事人。", "Choose the party visited.", "party")
        row = MediationRevisit(
            case_id=case.id,
            party_id=party.id,
            visited_on=_day(
                data.visited_on,
                to_local(uow.now).date(),
                "回访日期",
                "visit date",
                "visited_on",
                not_before=case.outcome_on,
            ),
            reason=_text(data.reason, "回访事由", "reason", "reason", limit=200),
            performance=_text(data.performance, "协议履行情况", "performance", "performance"),
            satisfaction=_choice(
                data.satisfaction, SATISFACTION, "当事人满意度", "satisfaction", "satisfaction"
            ),
            new_suits=_text(data.new_suits, "是否另行起诉、信访", "new suits", "new_suits", limit=200),
            flare_signs=_text(
                data.flare_signs, "有无激化迹象", "signs of flare-up", "flare_signs", limit=200
            ),
            measures=_text(data.measures, "采取的措施", "measures", "measures", required=False),
            visitor=_text(data.visitor or _actor_name(uow), "回访人", "visitor", "visitor", limit=40),
        )
        uow.session.add(row)
        uow.session.flush()
        _bump(uow, case)
        _log(uow, case, "回访", f"{row.visited_on:%Y-%m-%d} {party.name}，{row.satisfaction}")
        return row.id


def archive_case(
    db: Database,
    actor: Actor,
    case_id: str,
    on: date,
    retention: str,
    note: str = "",
    expected_ver: int | None = None,
) -> None:
    """Art. 27: the committee files the case. Archiving closes it."""
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case = _load(uow, case_id, expected_ver, (REFUSED, SUCCEEDED, FAILED), "归档", "archive it")
        case.archived_on = _day(
            on,
            to_local(uow.now).date(),
            "归档日期",
            "archive date",
            "on",
            not_before=case.outcome_on or case.received_on,
        )
        case.retention = _choice(retention, RETENTION_PERIODS, "保管期限", "retention period", "retention")
        case.archive_note = note.strip()
        case.archived_from = case.status
        case.status = ARCHIVED
        _log(
            uow,
            case,
            "归档",
            f"保管期限{case.retention}" + (f"；{case.archive_note}" if case.archive_note else ""),
        )


def reopen_case(
    db: Database, actor: Actor, case_id: str, reason: str, expected_ver: int | None = None
) -> None:
    """Only the centre manager (MEDIATION_MANAGE) reopens an archived case; the reason is recorded."""
    actor.require(Permission.MEDIATION_MANAGE)
    with unit_of_work(db, actor) as uow:
        case = uow.session.get(MediationCase, case_id)
        if case is None or case.deleted_at is not None:
            raise NotFound("找不到该调解案件。", "Mediation case not found.")
        if expected_ver is not None and case.ver != expected_ver:
            raise UserError(
                "该案件刚被其他人修改过，请刷新后再操作。",
                "Someone else changed this case meanwhile; refresh.",
            )
        if case.status != ARCHIVED:
            raise UserError("只有已归档的案件需要重新启用。", "Only an archived case can be reopened.")
        reason = _text(reason, "重新启用的理由", "reason", "reason")
        case.status = case.archived_from or SUCCEEDED
        case.archived_on = None
        case.archived_from = ""
        _log(uow, case, "重新启用", reason)


# --- reading -----------------------------------------------------------------------------------


def resolve_case_id(db: Database, actor: Actor, ident: str) -> str:
    """Accepts the case's uuid, its file number （2026）清溪人调字第3号, or the short form 2026-3."""
    actor.require(Permission.MEDIATION_VIEW)
    ident = ident.strip()
    with db.reading() as session:
        q = select(MediationCase.id).where(MediationCase.deleted_at.is_(None))
        short = _SHORT_NUMBER.match(ident)
        if _UUID.match(ident.lower()):
            q = q.where(MediationCase.id == ident.lower())
        elif short:
            q = q.where(MediationCase.file_year == int(short[1]), MediationCase.file_seq == int(short[2]))
        else:
            normal = ident.replace("(", "（").replace(")", "）")
            q = q.where(MediationCase.file_number == normal)
        found = session.scalars(q).all()
    if len(found) != 1:
        raise NotFound(
            f"找不到调解案件“{ident}”（可用文号、2026-3 这样的年份-序号，或案件编号）。",
            f"No mediation case “{ident}” (use the file number, year-number such as 2026-3, or the id).",
        )
    return found[0]


def get_case(db: Database, actor: Actor, case_id: str, *, full_ids: bool = False) -> CaseDetail:
    """Everything about one case. `full_ids` (for printing) needs PERSON_VIEW_ID; the caller audits it."""
    actor.require(Permission.MEDIATION_VIEW)
    if full_ids:
        actor.require(Permission.PERSON_VIEW_ID)
    with db.reading() as session:
        case = session.get(
            MediationCase,
            case_id,
            options=[
                selectinload(MediationCase.parties).selectinload(MediationParty.person),
                selectinload(MediationCase.parties).selectinload(MediationParty.agent),
                selectinload(MediationCase.mediator_links)
                .selectinload(MediationCaseMediator.mediator)
                .selectinload(Mediator.person),
            ],
        )
        if case is None or case.deleted_at is not None:
            raise NotFound("找不到该调解案件。", "Mediation case not found.")
        return _detail(session, case, full_ids)


def _detail(session: Session, case: MediationCase, full_ids: bool) -> CaseDetail:
    parties = tuple(
        PartyView(
            p.id,
            p.side,
            p.kind,
            p.name,
            _person_view(p.person, full_ids),
            p.occupation,
            p.employer,
            p.org_name,
            p.org_credit_code,
            p.org_legal_rep,
            p.org_address,
            p.org_phone,
            _person_view(p.agent, full_ids),
            p.agent_kind,
        )
        for p in case.parties
        if p.deleted_at is None
    )
    names = {p.id: p.name for p in parties}
    mediators = tuple(
        _mediator_view(link.mediator) for link in case.mediator_links if link.deleted_at is None
    )
    investigations = tuple(
        InvestigationView(
            r.id,
            r.occurred_at,
            r.place,
            r.participants,
            "、".join(x for x in (r.subject_person.name if r.subject_person else "", r.subject_other) if x),
            r.record,
            r.recorder,
        )
        for r in session.scalars(
            select(MediationInvestigation)
            .options(selectinload(MediationInvestigation.subject_person))
            .where(MediationInvestigation.case_id == case.id, MediationInvestigation.deleted_at.is_(None))
            .order_by(MediationInvestigation.occurred_at)
        )
    )
    sessions = tuple(
        SessionView(
            r.id,
            r.occurred_at,
            r.place,
            r.subject,
            r.participants,
            r.parties_present,
            r.record,
            r.result,
            r.result_note,
            r.recorder,
        )
        for r in session.scalars(
            select(MediationSession)
            .where(MediationSession.case_id == case.id, MediationSession.deleted_at.is_(None))
            .order_by(MediationSession.occurred_at)
        )
    )
    revisits = tuple(
        RevisitView(
            r.id,
            r.party_id,
            names.get(r.party_id, ""),
            r.visited_on,
            r.reason,
            r.performance,
            r.satisfaction,
            r.new_suits,
            r.flare_signs,
            r.measures,
            r.visitor,
        )
        for r in session.scalars(
            select(MediationRevisit)
            .where(MediationRevisit.case_id == case.id, MediationRevisit.deleted_at.is_(None))
            .order_by(MediationRevisit.visited_on, MediationRevisit.created_at)
        )
    )
    log = tuple(
        LogView(r.at, r.action, r.status_after, r.by_name, r.note)
        for r in session.scalars(
            select(MediationCaseLog)
            .where(MediationCaseLog.case_id == case.id)
            .order_by(MediationCaseLog.at, MediationCaseLog.created_at)
        )
    )
    return CaseDetail(
        id=case.id,
        ver=case.ver,
        file_number=case.file_number,
        title=case.title,
        source=case.source,
        event_id=case.event_id,
        dispute_type=case.dispute_type,
        summary=case.summary,
        requests=case.requests,
        amount_cents=case.amount_cents,
        received_on=case.received_on,
        registered_by=case.registered_by,
        status=case.status,
        accepted_on=case.accepted_on,
        refusal_reason=case.refusal_reason,
        outcome=case.outcome,
        outcome_on=case.outcome_on,
        facts=case.facts,
        disputed_matters=case.disputed_matters,
        responsibility=case.responsibility,
        terms=case.terms,
        performance_manner=case.performance_manner,
        performance_deadline=case.performance_deadline,
        failure_reason=case.failure_reason,
        referral_routes=tuple(r for r in case.referral_routes.split("、") if r),
        performance_status=case.performance_status,
        performance_note=case.performance_note,
        judicial_applied_on=case.judicial_applied_on,
        archived_on=case.archived_on,
        retention=case.retention,
        archive_note=case.archive_note,
        committee=_committee(session),
        parties=parties,
        mediators=mediators,
        investigations=investigations,
        sessions=sessions,
        revisits=revisits,
        log=log,
        full_ids=full_ids,
    )


def list_case_ids(db: Database, actor: Actor) -> list[str]:
    """Every live case, by file number (for printing them all)."""
    actor.require(Permission.MEDIATION_VIEW)
    with db.reading() as session:
        return list(
            session.scalars(
                select(MediationCase.id)
                .where(MediationCase.deleted_at.is_(None))
                .order_by(MediationCase.file_year, MediationCase.file_seq)
            )
        )


def list_cases(db: Database, actor: Actor, f: CaseFilter | None = None, limit: int = 500) -> list[CaseRow]:
    actor.require(Permission.MEDIATION_VIEW)
    f = f or CaseFilter()
    q = (
        select(MediationCase)
        .options(
            selectinload(MediationCase.parties).selectinload(MediationParty.person),
            selectinload(MediationCase.mediator_links)
            .selectinload(MediationCaseMediator.mediator)
            .selectinload(Mediator.person),
        )
        .where(MediationCase.deleted_at.is_(None))
    )
    if f.status:
        q = q.where(MediationCase.status == f.status)
    if f.dispute_type:
        q = q.where(MediationCase.dispute_type == f.dispute_type)
    if f.year:
        q = q.where(MediationCase.file_year == f.year)
    text = f.text.strip()
    if text:
        like = f"%{text}%"
        party_match = (
            select(MediationParty.case_id)
            .outerjoin(Person, Person.id == MediationParty.person_id)
            .where(or_(Person.name.like(like), MediationParty.org_name.like(like)))
        )
        q = q.where(
            or_(
                MediationCase.file_number.like(like),
                MediationCase.title.like(like),
                MediationCase.summary.like(like),
                MediationCase.id.in_(party_match),
            )
        )
    today = local_today(db)
    with db.reading() as session:
        cases = session.scalars(
            q.order_by(MediationCase.file_year.desc(), MediationCase.file_seq.desc()).limit(limit)
        ).all()
        revisited = _revisited(session)
        rows = []
        for c in cases:
            due = _reminders_for(c, today, c.id in revisited)
            if f.reminders_only and not due:
                continue
            rows.append(
                CaseRow(
                    c.id,
                    c.ver,
                    c.file_number,
                    c.title,
                    c.dispute_type,
                    c.source,
                    c.status,
                    c.received_on,
                    "、".join(
                        link.mediator.person.name for link in c.mediator_links if link.deleted_at is None
                    ),
                    "、".join(p.name for p in c.parties if p.deleted_at is None),
                    "；".join(r.text_zh for r in due),
                )
            )
        return rows


def _revisited(session: Session) -> set[str]:
    return set(session.scalars(select(MediationRevisit.case_id).where(MediationRevisit.deleted_at.is_(None))))


def _reminders_for(c: MediationCase, today: date, revisited: bool) -> list[Reminder]:
    out: list[Reminder] = []
    if c.status in OPEN_STATUSES:
        due = c.received_on + timedelta(days=LONG_RUNNING_DAYS)
        if today > due:
            days = (today - c.received_on).days
            out.append(
                Reminder(
                    c.id,
                    c.file_number,
                    c.title,
                    "超期",
                    due,
                    f"调解已进行 {days} 天，超过一个月",
                    f"Running for {days} days, more than a month",
                )
            )
    if c.status == SUCCEEDED:
        end = judicial_window_end(c.outcome, c.outcome_on)
        if (
            end is not None
            and c.judicial_applied_on is None
            and 0 <= (end - today).days <= JUDICIAL_WARN_DAYS
        ):
            out.append(
                Reminder(
                    c.id,
                    c.file_number,
                    c.title,
                    "司法确认",
                    end,
                    f"司法确认申请期限 {end:%Y-%m-%d} 届满（还剩 {(end - today).days} 天）",
                    f"Judicial-confirmation window closes {end:%Y-%m-%d} ({(end - today).days} days left)",
                )
            )
        if not revisited and c.outcome_on is not None:
            due = c.outcome_on + timedelta(days=REVISIT_AFTER_DAYS)
            if c.performance_deadline is not None:
                due = max(due, c.performance_deadline + timedelta(days=1))
            if today >= due:
                out.append(
                    Reminder(
                        c.id,
                        c.file_number,
                        c.title,
                        "回访",
                        due,
                        f"应于 {due:%Y-%m-%d} 起回访",
                        f"Return visit due from {due:%Y-%m-%d}",
                    )
                )
    return out


def reminders(db: Database, actor: Actor, today: date | None = None) -> list[Reminder]:
    actor.require(Permission.MEDIATION_VIEW)
    today = today or local_today(db)
    with db.reading() as session:
        cases = session.scalars(
            select(MediationCase).where(
                MediationCase.deleted_at.is_(None), MediationCase.status.in_((*OPEN_STATUSES, SUCCEEDED))
            )
        ).all()
        revisited = _revisited(session)
        out = [r for c in cases for r in _reminders_for(c, today, c.id in revisited)]
    return sorted(out, key=lambda r: (r.due, r.file_number))


def monthly_stats(db: Database, actor: Actor, year: int, month: int) -> MonthlyStats:
    """Cases received in the month (by type), accepted, and concluded with or without agreement."""
    actor.require(Permission.MEDIATION_VIEW)
    if not 1 <= month <= 12:
        raise ValidationError("月份应为 1–12。", "The month is 1–12.", "month")
    live = MediationCase.deleted_at.is_(None)

    def in_month(col: Any) -> Any:
        return (extract("year", col) == year) & (extract("month", col) == month)

    with db.reading() as session:
        by_type: Counter[str] = Counter(
            dict(
                session.execute(
                    select(MediationCase.dispute_type, func.count())
                    .where(live, in_month(MediationCase.received_on))
                    .group_by(MediationCase.dispute_type)
                ).all()
            )
        )
        accepted = session.scalar(
            select(func.count()).select_from(MediationCase).where(live, in_month(MediationCase.accepted_on))
        )
        outcomes: Counter[str] = Counter(
            dict(
                session.execute(
                    select(MediationCase.outcome, func.count())
                    .where(live, in_month(MediationCase.outcome_on))
                    .group_by(MediationCase.outcome)
                ).all()
            )
        )
        refused = session.scalar(
            select(func.count())
            .select_from(MediationCase)
            .where(live, in_month(MediationCase.outcome_on), MediationCase.refusal_reason != "")
        )
    written, oral = outcomes.get(WRITTEN, 0), outcomes.get(ORAL, 0)
    return MonthlyStats(
        year=year,
        month=month,
        received=sum(by_type.values()),
        accepted=int(accepted or 0),
        agreements=written + oral,
        written=written,
        oral=oral,
        failed=outcomes.get(NO_AGREEMENT, 0),
        refused=int(refused or 0),
        by_type={t: by_type[t] for t in DISPUTE_TYPES if by_type.get(t)},
    )


# --- documents ---------------------------------------------------------------------------------


def record_document(
    db: Database,
    actor: Actor,
    case_id: str,
    kind: str,
    title: str,
    ver: int,
    purpose: str,
    *,
    copies: int = 1,
    full_ids: bool = False,
    target: str = "",
) -> None:
    """Audits a produced document: which case and `ver` it shows, for what (预览/打印/另存/命令行)."""
    actor.require(Permission.MEDIATION_VIEW)
    with unit_of_work(db, actor) as uow:
        case = uow.session.get(MediationCase, case_id)
        if case is None:
            raise NotFound("找不到该调解案件。", "Mediation case not found.")
        detail: dict[str, Any] = {
            "kind": kind,
            "ver": ver,
            "purpose": purpose,
            "copies": copies,
            "full_ids": full_ids,
        }
        if target:
            detail["target"] = target
        uow.audit(
            "打印文书" if purpose != "预览" else "预览文书",
            OBJECT_TYPE,
            case.id,
            f"{case.file_number} {title}",
            detail,
        )
