"""People's mediation: parties (natural persons through the registry, or organisations), their checks,
and the case's mediators."""

from __future__ import annotations

from datetime import date

from desktop.errors import ValidationError
from desktop.models import (
    MediationCase,
    MediationCaseMediator,
    MediationParty,
    Mediator,
)
from desktop.services.accounts.users import check_phone
from desktop.services.common.credit_code import parse_credit_code
from desktop.services.common.text import (
    ADDRESS,
    EMPLOYER,
    OCCUPATION,
    ORG_LEGAL_REP,
    ORG_NAME,
)
from desktop.services.common.uow import UnitOfWork
from desktop.services.mediation.rules import (
    check_choice,
    check_text,
    resolve_person,
)
from desktop.services.mediation.types import (
    AGENT_KINDS,
    MAX_MEDIATORS,
    ORGANISATION,
    PERSON,
    PartyInput,
)
from desktop.services.people import persons


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
        check_text(data.org_name, "单位名称", "organisation's name", "org_name", limit=ORG_NAME)
        parse_credit_code(data.org_credit_code)
        check_text(
            data.org_legal_rep,
            "法定代表人（负责人）",
            "legal representative",
            "org_legal_rep",
            limit=ORG_LEGAL_REP,
        )
        check_phone(data.org_phone, "org_phone")
    else:
        raise ValidationError(
            "当事人类型只能是自然人或单位。", "A party is a person or an organisation.", "kind"
        )
    if data.agent_person_id or data.agent is not None:
        check_choice(data.agent_kind, AGENT_KINDS, "代理人类型", "agent's kind", "agent_kind")
        if data.agent is not None and not data.agent_person_id:
            try:
                persons._clean(data.agent)
            except ValidationError as exc:
                raise ValidationError(f"代理人：{exc.zh}", f"Agent: {exc.en}", "agent_" + exc.field) from exc


def party_row(uow: UnitOfWork, case: MediationCase, data: PartyInput, order: int) -> MediationParty:
    check_party(data)
    person = resolve_person(uow, data.person_id, data.person, "name") if data.kind == PERSON else None
    agent = resolve_person(uow, data.agent_person_id, data.agent, "agent_name")
    is_org = data.kind == ORGANISATION
    row = MediationParty(
        case_id=case.id,
        side=data.side,
        sort_order=order,
        kind=data.kind,
        person_id=person.id if person else None,
        occupation=check_text(
            data.occupation, "职业或职务", "occupation", "occupation", required=False, limit=OCCUPATION
        ),
        employer=check_text(
            data.employer, "工作单位", "employer", "employer", required=False, limit=EMPLOYER
        ),
        org_name=check_text(data.org_name, "单位名称", "organisation's name", "org_name", limit=ORG_NAME)
        if is_org
        else "",
        org_credit_code=parse_credit_code(data.org_credit_code) if is_org else "",
        org_legal_rep=check_text(
            data.org_legal_rep,
            "法定代表人（负责人）",
            "legal representative",
            "org_legal_rep",
            limit=ORG_LEGAL_REP,
        )
        if is_org
        else "",
        org_address=check_text(
            data.org_address, "单位地址", "address", "org_address", required=False, limit=ADDRESS
        )
        if is_org
        else "",
        org_phone=check_phone(data.org_phone, "org_phone") if is_org else "",
        agent_person_id=agent.id if agent else None,
        agent_kind=data.agent_kind if agent else "",
    )
    uow.session.add(row)
    return row


def party_error(index: int, exc: ValidationError) -> ValidationError:
    return ValidationError(f"第 {index} 位当事人：{exc.zh}", f"Party {index}: {exc.en}", "parties")


def check_distinct_parties(parties: list[MediationParty]) -> None:
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


def assign_mediators(uow: UnitOfWork, case: MediationCase, mediator_ids: list[str], today: date) -> None:
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


TITLE_LIMIT = 100


def auto_title(parties: list[MediationParty], dispute_type: str) -> str:
    """「甲等N方与乙…纠纷」. Long (organisation) names are shortened with 「…」, each side its share,
    so the title keeps both sides, their counts and the dispute type instead of stopping mid-name."""
    kind = "" if dispute_type == "其他" else dispute_type
    sides = []
    for side in (1, 2):
        on_side = [p for p in parties if p.side == side]
        unit = "人" if all(p.kind == PERSON for p in on_side) else "方"
        sides.append((on_side[0].name, f"等{len(on_side)}{unit}" if len(on_side) > 1 else ""))
    fixed = len("与") + len(f"{kind}纠纷") + sum(len(more) for _n, more in sides)
    share = max((TITLE_LIMIT - fixed) // 2, 4)

    def short(name: str) -> str:
        return name if len(name) <= share else name[: share - 1] + "…"

    (first, first_more), (second, second_more) = sides
    if fixed + len(first) + len(second) > TITLE_LIMIT:
        first, second = short(first), short(second)
    return f"{first}{first_more}与{second}{second_more}{kind}纠纷"
