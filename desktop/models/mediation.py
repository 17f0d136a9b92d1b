"""People's mediation (人民调解): the committee, its roster of mediators, cases and their records.

Natural persons (parties, agents, mediators, people investigated) are rows of the person registry and
are referred to by id (DESIGN.md §3). Organisations that are parties are kept on the party row with
their unified social credit code. Cases are owned by the town (SYNC.md); the unit of work keeps `ver`.
"""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, SyncedRecord
from desktop.models.person import Person


class MediationCommittee(SyncedRecord, Base):
    """The town's people's mediation committee (one row): its name and file-number prefix."""

    __tablename__ = "mediation_committee"
    __label__ = "人民调解委员会"
    __audited__ = True

    name: Mapped[str] = mapped_column(String(60))
    # File numbers read （2026）{prefix}调字第N号, e.g. 清溪人 -> （2026）清溪人调字第1号.
    file_prefix: Mapped[str] = mapped_column(String(12))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")


class Mediator(SyncedRecord, Base):
    """A place on the committee's roster; ends (end_date) rather than disappears."""

    __tablename__ = "mediator"
    __label__ = "人民调解员"
    __audited__ = True

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    title: Mapped[str] = mapped_column(String(10))  # 主任 / 副主任 / 委员 / 专职调解员 / 兼职调解员
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")

    person: Mapped[Person] = relationship()


class MediationCase(SyncedRecord, Base):
    __tablename__ = "mediation_case"
    __label__ = "调解案件"
    __audited__ = True

    # （YYYY）{prefix}调字第N号: assigned once at registration, never changes.
    file_year: Mapped[int] = mapped_column(Integer)
    file_seq: Mapped[int] = mapped_column(Integer)
    file_number: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(12))  # 当事人申请 / 主动调解 / 派出所移送 / ...
    # The event (事件) the case came from. Events are not built yet: no foreign key until they are.
    event_id: Mapped[str | None] = mapped_column(String(36), index=True)
    dispute_type: Mapped[str] = mapped_column(String(10), index=True)
    summary: Mapped[str] = mapped_column(Text)
    requests: Mapped[str] = mapped_column(Text, default="")
    amount_cents: Mapped[int | None] = mapped_column(Integer)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    registered_by: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(10), index=True)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    # Outcome: 书面协议 / 口头协议 / 调解不成 (empty while open or when refused).
    outcome: Mapped[str] = mapped_column(String(10), default="")
    outcome_on: Mapped[date | None] = mapped_column(Date)
    facts: Mapped[str] = mapped_column(Text, default="")
    disputed_matters: Mapped[str] = mapped_column(Text, default="")
    responsibility: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[str] = mapped_column(Text, default="")
    performance_manner: Mapped[str] = mapped_column(Text, default="")
    performance_deadline: Mapped[date | None] = mapped_column(Date)
    failure_reason: Mapped[str] = mapped_column(Text, default="")
    referral_routes: Mapped[str] = mapped_column(String(60), default="")  # 仲裁、行政、司法
    performance_status: Mapped[str] = mapped_column(String(10), default="")
    performance_note: Mapped[str] = mapped_column(Text, default="")
    judicial_applied_on: Mapped[date | None] = mapped_column(Date)
    archived_on: Mapped[date | None] = mapped_column(Date)
    archived_from: Mapped[str] = mapped_column(String(10), default="")
    retention: Mapped[str] = mapped_column(String(10), default="")
    archive_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("origin_town", "file_year", "file_seq"),)

    parties: Mapped[list["MediationParty"]] = relationship(
        back_populates="case", order_by="(MediationParty.side, MediationParty.sort_order)"
    )
    mediator_links: Mapped[list["MediationCaseMediator"]] = relationship(
        order_by="MediationCaseMediator.sort_order"
    )


class MediationCaseMediator(SyncedRecord, Base):
    """A mediator assigned to a case (1–3 live rows per case); replaced links are tombstoned."""

    __tablename__ = "mediation_case_mediator"
    __label__ = "案件调解员"
    __audited__ = True

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    mediator_id: Mapped[str] = mapped_column(ForeignKey("mediator.id"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    mediator: Mapped[Mediator] = relationship()


class MediationParty(SyncedRecord, Base):
    """A party on side 1 (applicant / first party) or 2: a natural person or an organisation."""

    __tablename__ = "mediation_party"
    __label__ = "调解当事人"
    __audited__ = True

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    side: Mapped[int] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(4))  # 自然人 / 单位
    person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    occupation: Mapped[str] = mapped_column(String(50), default="")  # 职业或职务
    employer: Mapped[str] = mapped_column(String(100), default="")  # 工作单位
    org_name: Mapped[str] = mapped_column(String(100), default="")
    org_credit_code: Mapped[str] = mapped_column(String(18), default="")  # GB 32100
    org_legal_rep: Mapped[str] = mapped_column(String(50), default="")  # 法定代表人或负责人
    org_address: Mapped[str] = mapped_column(String(200), default="")
    org_phone: Mapped[str] = mapped_column(String(20), default="")
    agent_person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    agent_kind: Mapped[str] = mapped_column(String(10), default="")  # 委托代理人 / 法定代理人

    case: Mapped[MediationCase] = relationship(back_populates="parties")
    person: Mapped[Person | None] = relationship(foreign_keys=[person_id])
    agent: Mapped[Person | None] = relationship(foreign_keys=[agent_person_id])

    @property
    def name(self) -> str:
        if self.kind == "单位":
            return self.org_name
        return self.person.name if self.person is not None else ""


class MediationInvestigation(SyncedRecord, Base):
    """人民调解调查记录."""

    __tablename__ = "mediation_investigation"
    __label__ = "调解调查记录"
    __audited__ = True

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    occurred_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(100))
    participants: Mapped[str] = mapped_column(String(200), default="")
    subject_person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    subject_other: Mapped[str] = mapped_column(String(100), default="")  # a unit or place investigated
    record: Mapped[str] = mapped_column(Text)
    recorder: Mapped[str] = mapped_column(String(40), default="")

    subject_person: Mapped[Person | None] = relationship()


class MediationSession(SyncedRecord, Base):
    """人民调解记录: one mediation session."""

    __tablename__ = "mediation_session"
    __label__ = "调解记录"
    __audited__ = True

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    occurred_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(String(300), default="")  # incl. invited helpers
    parties_present: Mapped[str] = mapped_column(String(300), default="")
    record: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(10))  # 达成协议 / 未达成协议 / 继续调解
    result_note: Mapped[str] = mapped_column(Text, default="")
    recorder: Mapped[str] = mapped_column(String(40), default="")


class MediationRevisit(SyncedRecord, Base):
    """人民调解回访记录."""

    __tablename__ = "mediation_revisit"
    __label__ = "调解回访记录"
    __audited__ = True

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    party_id: Mapped[str] = mapped_column(ForeignKey("mediation_party.id"), index=True)
    visited_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    performance: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[str] = mapped_column(String(10), default="")
    new_suits: Mapped[str] = mapped_column(String(200), default="")
    flare_signs: Mapped[str] = mapped_column(String(200), default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    visitor: Mapped[str] = mapped_column(String(40), default="")

    party: Mapped[MediationParty] = relationship()


class MediationCaseLog(SyncedRecord, Base):
    """The case's history, insert-only: every state change with who, when and a note."""

    __tablename__ = "mediation_case_log"
    __label__ = "调解案件日志"

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(20))
    status_after: Mapped[str] = mapped_column(String(10))
    by_name: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class MediationArchivePaper(SyncedRecord, Base):
    """A paper filed in the case file by hand (身份证明, 证据材料, 履行凭证...): the case-file index lists it
    and its pages, entered by the mediator, count in 本卷页数."""

    __tablename__ = "mediation_archive_paper"
    __label__ = "卷内材料"
    __audited__ = True

    case_id: Mapped[str] = mapped_column(ForeignKey("mediation_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(100))
    pages: Mapped[int] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
