"""People's mediation cases (人民调解法): registration, parties and every state change.

Every state change is one call here: it checks the actor's permission, the case's state (and, when the
caller passes the `ver` it showed, that nobody changed the case meanwhile), writes the change and a
case-log row, and audits it, all in one transaction. A closed (archived) case changes only through
`reopen_case`, which needs MEDIATION_MANAGE (the centre manager).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import NotFound, UserError, ValidationError
from desktop.models import (
    Event,
    MediationCase,
    MediationCaseLog,
    MediationInvestigation,
    MediationParty,
    MediationRevisit,
    MediationSession,
    Mediator,
)
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.changes import Changes
from desktop.services.common.text import (
    CASE_TITLE,
    COURT,
    DISPLAY_NAME,
    ORG_NAME,
    PARTICIPANTS,
    PARTIES_PRESENT,
    PLACE,
    REVISIT_LINE,
    SESSION_PARTICIPANTS,
    SUBJECT,
)
from desktop.services.common.uow import UnitOfWork, unit_of_work
from desktop.services.mediation.committee import read_committee
from desktop.services.mediation.parties import (
    assign_mediators,
    auto_title,
    check_distinct_parties,
    party_error,
    party_row,
)
from desktop.services.mediation.rules import (
    actor_name,
    check_choice,
    check_day,
    check_text,
    format_file_number,
    resolve_person,
)
from desktop.services.mediation.types import (
    ACTIVE,
    ARCHIVED,
    CASE_NOT_FOUND,
    CASE_STALE,
    DISPUTE_TYPES,
    FAILED,
    NO_AGREEMENT,
    OBJECT_TYPE,
    OPEN_STATUSES,
    ORAL,
    PENDING,
    PERFORMANCE_STATUSES,
    REFERRAL_ROUTES,
    REFUSAL_REASONS,
    REFUSED,
    RETENTION_PERIODS,
    SATISFACTION,
    SESSION_RESULTS,
    SOURCE_APPLICATION,
    SOURCES,
    SUCCEEDED,
    UUID_PATTERN,
    WRITTEN,
    AgreementInput,
    CaseInput,
    InvestigationInput,
    PartyInput,
    RevisitInput,
    SessionInput,
    judicial_window_end,
)

DISPUTE_DOMAIN = "02"  # the matter list's domain 矛盾纠纷: only its events become cases

# --- registration ------------------------------------------------------------------------------


def _log(uow: UnitOfWork, case: MediationCase, action: str, note: str = "") -> None:
    uow.session.add(
        MediationCaseLog(
            case_id=case.id,
            at=uow.now,
            action=action,
            status_after=case.status,
            by_name=actor_name(uow),
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


def case_from_event(db: Database, actor: Actor, event_id: str, data: CaseInput) -> Changes:
    """转人民调解: a dispute event becomes a case. The case list changes, and so does the event, whose
    timeline names the case; `case_ids` holds the new case."""
    actor.require(Permission.MEDIATION_HANDLE)
    with unit_of_work(db, actor) as uow:
        case_id = add_case(uow, replace(data, event_id=event_id)).id
    return Changes(events=True, mediation=True, event_ids=(event_id,), case_ids=(case_id,))


def is_dispute(matter_code: str) -> bool:
    """Whether an event of this category or item may become a case: codes nest (domain 02 矛盾纠纷 →
    category 0203 → item 0203004), so a dispute is anything under 02."""
    return matter_code.startswith(DISPUTE_DOMAIN)


def _dispute_event(uow: UnitOfWork, event_id: str) -> Event:
    """A case can come from an event of the dispute kind (领域 02 矛盾纠纷)."""
    event = uow.session.get(Event, event_id)
    if event is None:
        raise ValidationError("找不到要关联的事件。", "The linked event does not exist.", "event_id")
    if not is_dispute(event.category_code):
        raise ValidationError(
            "只有矛盾纠纷类事件可以转为调解案件。",
            "Only dispute events can become mediation cases.",
            "event_id",
        )
    return event


def add_case(uow: UnitOfWork, data: CaseInput) -> MediationCase:
    uow.require(Permission.MEDIATION_HANDLE)
    today = to_local(uow.now).date()
    source = check_choice(data.source, SOURCES, "纠纷来源", "source", "source")
    dispute_type = check_choice(data.dispute_type, DISPUTE_TYPES, "纠纷类型", "dispute type", "dispute_type")
    summary = check_text(data.summary, "纠纷简要情况", "summary of the dispute", "summary")
    requests = check_text(
        data.requests, "当事人申请事项", "requests", "requests", required=source == SOURCE_APPLICATION
    )
    received = check_day(
        data.received_on, today, "收案日期", "date received", "received_on", not_before=date(2000, 1, 1)
    )
    if data.amount_cents is not None and data.amount_cents < 0:
        raise ValidationError("争议金额不能为负数。", "The amount cannot be negative.", "amount")
    event_id = (data.event_id or "").strip() or None
    if event_id is not None and not UUID_PATTERN.match(event_id):
        raise ValidationError("关联事件的编号不正确。", "The linked event's id is not valid.", "event_id")
    source_event = _dispute_event(uow, event_id) if event_id else None
    if not data.parties:
        raise ValidationError("请添加当事人。", "Add the parties.", "parties")

    committee = read_committee(uow.session)
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
        registered_by=actor_name(uow),
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
            rows.append(party_row(uow, case, party, index))
        except ValidationError as exc:
            raise party_error(index, exc) from exc
    uow.session.flush()
    check_distinct_parties(rows)
    assign_mediators(uow, case, data.mediator_ids, today)
    case.title = check_text(
        data.title, "案件名称", "title", "title", required=False, limit=CASE_TITLE
    ) or auto_title(rows, dispute_type)
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
    case = uow.load_for_update(
        MediationCase, case_id, expected_ver, not_found=CASE_NOT_FOUND, stale=CASE_STALE
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
        case.accepted_on = check_day(
            on,
            to_local(uow.now).date(),
            "受理日期",
            "acceptance date",
            "on",
            not_before=case.received_on,
            before_what=RECEIVED,
        )
        case.status = ACTIVE
        _log(uow, case, "受理", check_text(note, "说明", "note", "note", required=False))


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
        check_choice(reason, REFUSAL_REASONS, "不予受理理由", "reason", "reason")
        note = check_text(note, "具体情况", "details", "note", required=reason == "其他")
        case.outcome_on = check_day(
            on,
            to_local(uow.now).date(),
            "不予受理日期",
            "refusal date",
            "on",
            not_before=case.received_on,
            before_what=RECEIVED,
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
        case.summary = check_text(summary, "纠纷简要情况", "summary of the dispute", "summary")
        case.requests = check_text(
            requests, "当事人申请事项", "requests", "requests", required=case.source == SOURCE_APPLICATION
        )
        case.dispute_type = check_choice(
            dispute_type, DISPUTE_TYPES, "纠纷类型", "dispute type", "dispute_type"
        )
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
        assign_mediators(uow, case, mediator_ids, to_local(uow.now).date())
        names = "、".join(uow.session.get(Mediator, m).person.name for m in mediator_ids)  # type: ignore[union-attr]
        _bump(uow, case)
        _log(uow, case, "更换调解员", names)


RECEIVED = ("收案日期", "date received")


def _accepted(case: MediationCase) -> tuple[date, tuple[str, str]]:
    """The date an outcome cannot precede: the acceptance it follows."""
    if case.accepted_on is not None:
        return case.accepted_on, ("受理日期", "acceptance date")
    return case.received_on, RECEIVED


def _last_record(uow: UnitOfWork, case: MediationCase) -> tuple[date, tuple[str, str]]:
    """The date archiving cannot precede: the outcome, or a later return visit."""
    visited = uow.session.scalar(
        select(func.max(MediationRevisit.visited_on)).where(
            MediationRevisit.case_id == case.id, MediationRevisit.deleted_at.is_(None)
        )
    )
    if visited is not None and (case.outcome_on is None or visited > case.outcome_on):
        return visited, ("回访日期", "return visit")
    if case.outcome_on is not None:
        return case.outcome_on, ("结案日期", "date the case ended")
    return case.received_on, RECEIVED


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
        row = party_row(uow, case, data, max((p.sort_order for p in live), default=0) + 1)
        uow.session.flush()
        check_distinct_parties([*live, row])
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
        subject = resolve_person(uow, data.subject_person_id, None, "subject")
        row = MediationInvestigation(
            case_id=case.id,
            occurred_at=when,
            place=check_text(data.place, "调查地点", "place", "place", limit=PLACE),
            participants=check_text(
                data.participants,
                "参加人",
                "participants",
                "participants",
                required=False,
                limit=PARTICIPANTS,
            ),
            subject_person_id=subject.id if subject else None,
            subject_other=check_text(
                data.subject_other,
                "被调查单位",
                "unit investigated",
                "subject",
                required=False,
                limit=ORG_NAME,
            ),
            record=check_text(data.record, "调查记录", "record", "record"),
            recorder=check_text(
                data.recorder or actor_name(uow), "记录人", "recorder", "recorder", limit=DISPLAY_NAME
            ),
        )
        uow.session.add(row)
        uow.session.flush()
        _bump(uow, case)
        _log(uow, case, "调查", f"{to_local(when):%Y-%m-%d} {row.place}")
        return row.id


def _moment(
    uow: UnitOfWork,
    value: datetime,
    case: MediationCase,
    zh: str,
    en: str,
    *,
    after_acceptance: bool = False,
) -> datetime:
    if value.tzinfo is None:
        raise ValidationError(f"{zh}缺少时区。", f"The {en} has no time zone.", "occurred_at")
    if value > uow.now + timedelta(minutes=5):
        raise ValidationError(f"{zh}不能晚于现在。", f"The {en} cannot be in the future.", "occurred_at")
    if to_local(value).date() < case.received_on:
        raise ValidationError(
            f"{zh}不能早于收案日期。", f"The {en} cannot be before the case was received.", "occurred_at"
        )
    day = to_local(value).date()
    if after_acceptance and case.accepted_on is not None and day < case.accepted_on:
        raise ValidationError(
            f"{zh}（{day:%Y-%m-%d}）不能早于受理日期（{case.accepted_on:%Y-%m-%d}）。",
            f"The {en} ({day:%Y-%m-%d}) cannot be before the acceptance ({case.accepted_on:%Y-%m-%d}).",
            "occurred_at",
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
            occurred_at=_moment(
                uow, data.occurred_at, case, "调解时间", "session time", after_acceptance=True
            ),
            place=check_text(data.place, "调解地点", "place", "place", limit=PLACE),
            subject=check_text(data.subject or case.title, "调解事项", "subject", "subject", limit=SUBJECT),
            participants=check_text(
                data.participants,
                "参加人",
                "participants",
                "participants",
                required=False,
                limit=SESSION_PARTICIPANTS,
            ),
            parties_present=check_text(
                data.parties_present,
                "到场当事人",
                "parties present",
                "parties_present",
                limit=PARTIES_PRESENT,
            ),
            record=check_text(data.record, "调解记录", "record", "record"),
            result=check_choice(data.result, SESSION_RESULTS, "调解结果", "result", "result"),
            result_note=check_text(
                data.result_note, "结果说明", "result note", "result_note", required=False
            ),
            recorder=check_text(
                data.recorder or actor_name(uow), "记录人", "recorder", "recorder", limit=DISPLAY_NAME
            ),
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
        after, what = _accepted(case)
        signed = check_day(
            data.signed_on,
            today,
            "协议签订日期",
            "signing date",
            "signed_on",
            not_before=after,
            before_what=what,
        )
        case.facts = check_text(data.facts, "纠纷主要事实", "main facts", "facts")
        case.disputed_matters = check_text(
            data.disputed_matters, "争议事项", "matters in dispute", "disputed_matters"
        )
        case.responsibility = check_text(
            data.responsibility, "各方责任", "responsibilities", "responsibility", required=not oral
        )
        case.terms = check_text(data.terms, "协议内容", "agreed terms", "terms")
        case.performance_manner = check_text(
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
        after, what = _accepted(case)
        case.outcome_on = check_day(
            on,
            to_local(uow.now).date(),
            "终止日期",
            "date",
            "on",
            not_before=after,
            before_what=what,
        )
        case.failure_reason = check_text(reason, "调解不成的原因", "reason", "reason")
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
        case.performance_status = check_choice(
            status, PERFORMANCE_STATUSES, "履行情况", "performance", "status"
        )
        case.performance_note = check_text(note, "履行情况说明", "note", "note", required=status != "已履行")
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
        day = check_day(
            on,
            to_local(uow.now).date(),
            "申请日期",
            "date",
            "on",
            not_before=case.outcome_on,
            before_what=("协议签订日期", "agreement date"),
        )
        if day > end:
            raise ValidationError(
                f"司法确认应在协议生效之日起三十日内（{end:%Y-%m-%d} 前）申请。",
                f"Judicial confirmation must be applied for within 30 days (by {end:%Y-%m-%d}).",
                "on",
            )
        case.judicial_applied_on = day
        _log(uow, case, "申请司法确认", check_text(court, "受理法院", "court", "court", limit=COURT))


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
            visited_on=check_day(
                data.visited_on,
                to_local(uow.now).date(),
                "回访日期",
                "visit date",
                "visited_on",
                not_before=case.outcome_on,
                before_what=("协议日期", "agreement date"),
            ),
            reason=check_text(data.reason, "回访事由", "reason", "reason", limit=REVISIT_LINE),
            performance=check_text(data.performance, "协议履行情况", "performance", "performance"),
            satisfaction=check_choice(
                data.satisfaction, SATISFACTION, "当事人满意度", "satisfaction", "satisfaction"
            ),
            new_suits=check_text(
                data.new_suits, "是否另行起诉、信访", "new suits", "new_suits", limit=REVISIT_LINE
            ),
            flare_signs=check_text(
                data.flare_signs, "有无激化迹象", "signs of flare-up", "flare_signs", limit=REVISIT_LINE
            ),
            measures=check_text(data.measures, "采取的措施", "measures", "measures", required=False),
            visitor=check_text(
                data.visitor or actor_name(uow), "回访人", "visitor", "visitor", limit=DISPLAY_NAME
            ),
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
        after, what = _last_record(uow, case)
        case.archived_on = check_day(
            on,
            to_local(uow.now).date(),
            "归档日期",
            "archive date",
            "on",
            not_before=after,
            before_what=what,
        )
        case.retention = check_choice(
            retention, RETENTION_PERIODS, "保管期限", "retention period", "retention"
        )
        case.archive_note = check_text(note, "归档说明", "note", "note", required=False)
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
        case = uow.load_for_update(
            MediationCase, case_id, expected_ver, not_found=CASE_NOT_FOUND, stale=CASE_STALE
        )
        if case.status != ARCHIVED:
            raise UserError("只有已归档的案件需要重新启用。", "Only an archived case can be reopened.")
        reason = check_text(reason, "重新启用的理由", "reason", "reason")
        case.status = case.archived_from or SUCCEEDED
        case.archived_on = None
        case.archived_from = ""
        _log(uow, case, "重新启用", reason)
