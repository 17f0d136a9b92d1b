"""People's mediation: the vocabulary (states, choices, limits), inputs and plain views."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from desktop.services.common import masking
from desktop.services.common.text import MEDIATION_TEXT
from desktop.services.people import persons

OBJECT_TYPE = "调解案件"
CASE_NOT_FOUND = ("找不到该调解案件。", "Mediation case not found.")
CASE_STALE = (
    "该案件刚被其他人修改过，请刷新后再操作（您的内容没有保存）。",
    "Someone else changed this case meanwhile; refresh and try again (nothing was saved).",
)

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

# Words in a 事项清单 item's name and the dispute type they point to, the more specific first: a case
# made from an event starts with its type chosen (cold test 27: 人身损害赔偿 came in as 婚姻家庭). The
# mediator can still change it.
_TYPE_BY_WORD = (
    ("交通事故", "交通事故"),
    ("医疗", "医疗"),
    ("工伤", "劳动争议"),
    ("劳资", "劳动争议"),
    ("欠薪", "劳动争议"),
    ("劳动", "劳动争议"),
    ("用工", "劳动争议"),
    ("征收", "征地拆迁"),
    ("征地", "征地拆迁"),
    ("拆迁", "征地拆迁"),
    ("土地承包", "土地承包"),
    ("租赁", "合同"),
    ("宅基地", "房屋宅基地"),
    ("房屋", "房屋宅基地"),
    ("物业", "物业"),
    ("损害", "损害赔偿"),
    ("伤害", "损害赔偿"),
    ("赔偿", "损害赔偿"),
    ("合同", "合同"),
    ("借贷", "合同"),
    ("消费", "合同"),
    ("工程款", "合同"),
    ("经营", "生产经营"),
    ("涉企", "生产经营"),
    ("婚姻", "婚姻家庭"),
    ("家庭", "婚姻家庭"),
    ("赡养", "婚姻家庭"),
    ("抚养", "婚姻家庭"),
    ("继承", "婚姻家庭"),
    ("邻里", "邻里"),
)


def dispute_type_for(matter_name: str) -> str:
    """The dispute type an event's matter item suggests; 其他 when its name says nothing."""
    return next((kind for word, kind in _TYPE_BY_WORD if word in matter_name), "其他")


SOURCE_APPLICATION = "当事人申请"
SOURCE_INITIATIVE = "主动调解"
SOURCE_EVENT = "事件转入"  # 转人民调解 from a dispute event
SOURCES = (SOURCE_APPLICATION, SOURCE_INITIATIVE, "派出所移送", "法院委托", "政府部门移送", SOURCE_EVENT)

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
# Papers filed in the case file by hand, after the documents the program prints.
PAPER_KINDS = ("身份证明", "证据材料", "履行凭证", "其他")
MAX_PAPER_PAGES = 999

# Reminder thresholds (domain/README.md: mediation is expected to conclude in about a month).
LONG_RUNNING_DAYS = 30
JUDICIAL_WINDOW_DAYS = 30  # art. 33
JUDICIAL_WARN_DAYS = 7
REVISIT_AFTER_DAYS = 15
MAX_MEDIATORS = 3
MAX_TEXT = MEDIATION_TEXT  # the narrative fields; common.text holds every field's limit

UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHORT_NUMBER_PATTERN = re.compile(r"^(\d{4})[-/](\d{1,5})$")


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
    """A person as the reader may see them. Masked (no PERSON_VIEW_ID): the ID keeps the county only
    and the birth date is gone, since it is the hidden part of the ID; the age then counts by year."""

    id: str
    name: str
    sex: str
    ethnicity: str
    birth_date: date | None  # None when masked
    resident_id: str  # masked unless the reader may see it in full
    phone: str
    address: str
    birth_year: int | None = None

    def age_on(self, day: date) -> int | None:
        if self.birth_date is not None:
            return masking.exact_age(self.birth_date, day)
        return masking.age_by_year(self.birth_year, day) if self.birth_year is not None else None


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
class ArchivePaperView:
    id: str
    kind: str
    title: str
    pages: int


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
    papers: tuple[ArchivePaperView, ...] = ()  # filed by hand, in filing order

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


def side_labels(source: str) -> tuple[str, str]:
    if source == SOURCE_APPLICATION:
        return ("申请人", "被申请人")
    return ("当事人（甲方）", "当事人（乙方）")


def judicial_window_end(outcome: str, outcome_on: date | None) -> date | None:
    """Art. 33: parties may jointly apply for judicial confirmation within 30 days of the agreement."""
    if outcome != WRITTEN or outcome_on is None:
        return None
    return outcome_on + timedelta(days=JUDICIAL_WINDOW_DAYS)
