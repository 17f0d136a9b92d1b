"""People's mediation: reading cases, lists, reminders and monthly figures."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.db import Database
from desktop.errors import NotFound, ValidationError
from desktop.models import (
    MediationArchivePaper,
    MediationCase,
    MediationCaseLog,
    MediationCaseMediator,
    MediationInvestigation,
    MediationParty,
    MediationRevisit,
    MediationSession,
    Mediator,
    Person,
)
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.text import LIKE_ESCAPE, clean_search, like_contains
from desktop.services.mediation.committee import mediator_view, read_committee
from desktop.services.mediation.rules import local_today, person_view
from desktop.services.mediation.types import (
    DISPUTE_TYPES,
    JUDICIAL_WARN_DAYS,
    LONG_RUNNING_DAYS,
    NO_AGREEMENT,
    OPEN_STATUSES,
    ORAL,
    REVISIT_AFTER_DAYS,
    SHORT_NUMBER_PATTERN,
    SUCCEEDED,
    UUID_PATTERN,
    WRITTEN,
    ArchivePaperView,
    CaseDetail,
    CaseFilter,
    CaseRow,
    InvestigationView,
    LogView,
    MonthlyStats,
    PartyView,
    Reminder,
    RevisitView,
    SessionView,
    judicial_window_end,
)

# --- reading -----------------------------------------------------------------------------------


def resolve_case_id(db: Database, actor: Actor, ident: str) -> str:
    """Accepts the case's uuid, its file number （2026）清溪人调字第3号, or the short form 2026-3."""
    actor.require(Permission.MEDIATION_VIEW)
    ident = ident.strip()
    with db.reading() as session:
        q = select(MediationCase.id).where(MediationCase.deleted_at.is_(None))
        short = SHORT_NUMBER_PATTERN.match(ident)
        if UUID_PATTERN.match(ident.lower()):
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
            person_view(p.person, full_ids),
            p.occupation,
            p.employer,
            p.org_name,
            p.org_credit_code,
            p.org_legal_rep,
            p.org_address,
            p.org_phone,
            person_view(p.agent, full_ids),
            p.agent_kind,
        )
        for p in case.parties
        if p.deleted_at is None
    )
    names = {p.id: p.name for p in parties}
    mediators = tuple(mediator_view(link.mediator) for link in case.mediator_links if link.deleted_at is None)
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
        committee=read_committee(session),
        parties=parties,
        mediators=mediators,
        investigations=investigations,
        sessions=sessions,
        revisits=revisits,
        log=log,
        full_ids=full_ids,
        papers=tuple(
            ArchivePaperView(r.id, r.kind, r.title, r.pages)
            for r in session.scalars(
                select(MediationArchivePaper)
                .where(MediationArchivePaper.case_id == case.id, MediationArchivePaper.deleted_at.is_(None))
                .order_by(MediationArchivePaper.sort_order, MediationArchivePaper.created_at)
            )
        ),
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
    text = clean_search(f.text)
    if text:
        like = like_contains(text)  # % and _ are searched for as themselves
        party_match = (
            select(MediationParty.case_id)
            .outerjoin(Person, Person.id == MediationParty.person_id)
            .where(
                or_(
                    Person.name.like(like, escape=LIKE_ESCAPE),
                    MediationParty.org_name.like(like, escape=LIKE_ESCAPE),
                )
            )
        )
        q = q.where(
            or_(
                MediationCase.file_number.like(like, escape=LIKE_ESCAPE),
                MediationCase.title.like(like, escape=LIKE_ESCAPE),
                MediationCase.summary.like(like, escape=LIKE_ESCAPE),
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
