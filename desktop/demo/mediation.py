"""Demo people's-mediation data: the committee, its roster and the cases of `mediation_cases`.

`play_case` runs one case spec through the mediation services, step by step, as a mediator would.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar, assert_never

from desktop.clock import CHINA_TZ
from desktop.db import Database
from desktop.demo.mediation_cases import (
    CASES,
    ROSTER,
    ROSTER_NOTE,
    ROSTER_SINCE,
    Accept,
    Agree,
    Archive,
    Case,
    Fail,
    Investigate,
    Mediate,
    Party,
    Perform,
    Refuse,
    Revisit,
    Who,
)
from desktop.services import mediation
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.common import credit_code
from desktop.services.common.resident_id import check_character
from desktop.services.common.uow import unit_of_work
from desktop.services.mediation import (
    AgreementInput,
    CaseInput,
    InvestigationInput,
    PartyInput,
    RevisitInput,
    SessionInput,
)
from desktop.services.people.persons import PersonInput

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

A = SYSTEM_ACTOR

_Spec = TypeVar("_Spec", bound="DataclassInstance")


class Scene:
    """Today and the town's words, for turning a spec's relative days and placeholders into inputs."""

    def __init__(self, today: date, town: str) -> None:
        self.today = today
        self.town = town
        self.village = f"{town}桃源村"

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def moment(self, at: tuple[int, int, int]) -> datetime:
        days_ago, hour, minute = at
        return datetime.combine(self.day(days_ago), time(hour, minute), CHINA_TZ).astimezone(UTC)

    def fill(self, spec: _Spec) -> _Spec:
        """The spec with "{town}"/"{village}" replaced in its text fields (not in nested specs)."""
        changes: dict[str, Any] = {}
        for f in fields(spec):
            value = getattr(spec, f.name)
            if isinstance(value, str) and "{" in value:
                changes[f.name] = value.replace("{town}", self.town).replace("{village}", self.village)
        return replace(spec, **changes) if changes else spec

    def person(self, who: Who) -> PersonInput:
        who = self.fill(who)
        first17 = f"{who.area6}{who.born}{who.seq:03d}"
        return PersonInput(
            name=who.name,
            resident_id=first17 + check_character(first17),
            phone=who.phone,
            address=who.address,
            ethnicity=who.ethnicity,
        )

    def party(self, spec: Party) -> PartyInput:
        spec = self.fill(spec)
        agent = self.person(spec.agent) if spec.agent else None
        if spec.org is None:
            assert spec.who is not None
            return PartyInput(
                side=spec.side,
                person=self.person(spec.who),
                occupation=spec.occupation,
                employer=spec.employer,
                agent=agent,
                agent_kind=spec.agent_kind,
            )
        org = self.fill(spec.org)
        code = org.credit17 + credit_code.check_character(org.credit17)
        credit_code.parse_credit_code(code)
        return PartyInput(
            side=spec.side,
            kind=mediation.ORGANISATION,
            org_name=org.name,
            org_credit_code=code,
            org_legal_rep=org.legal_rep,
            org_address=org.address,
            org_phone=org.phone,
            agent=agent,
            agent_kind=spec.agent_kind,
        )


def add_demo_cases(db: Database) -> int:
    """Adds the committee, the roster and every case in CASES; returns the number of cases."""
    name = mediation.get_committee(db, A).town_name or "清溪镇"
    scene = Scene(mediation.local_today(db), name)
    with unit_of_work(db, A) as uow:
        mediation.ensure_committee(
            uow,
            f"{name}人民调解委员会",
            f"{name.removesuffix('镇')}人",
            f"{name}人民路 88 号",
            "0571-64812360",
        )
        mediator_ids = [
            mediation.add_mediator(
                uow, title, scene.day(ROSTER_SINCE), person=scene.person(who), note=ROSTER_NOTE
            ).id
            for title, who in ROSTER
        ]
    for spec in CASES:
        play_case(db, spec, mediator_ids, scene)
    return len(CASES)


def play_case(db: Database, spec: Case, mediator_ids: list[str], scene: Scene) -> str:
    """Registers the case, then takes its steps through the services; returns the case's id."""
    case_id = mediation.register_case(
        db,
        A,
        CaseInput(
            source=spec.source,
            dispute_type=spec.dispute_type,
            summary=spec.summary,
            requests=spec.requests,
            amount_cents=spec.amount_cents,
            received_on=scene.day(spec.received),
            parties=[scene.party(p) for p in spec.parties],
            mediator_ids=[mediator_ids[i] for i in spec.mediators],
        ),
    )
    for step in spec.steps:
        step = scene.fill(step)
        match step:
            case Accept():
                mediation.accept_case(db, A, case_id, scene.day(step.day), step.note)
            case Refuse():
                mediation.refuse_case(db, A, case_id, scene.day(step.day), step.reason, step.note)
            case Investigate():
                mediation.record_investigation(
                    db,
                    A,
                    case_id,
                    InvestigationInput(
                        occurred_at=scene.moment(step.at),
                        place=step.place,
                        record=step.record,
                        participants=step.participants,
                        subject_other=step.subject_other,
                        recorder=step.recorder,
                    ),
                )
            case Mediate():
                mediation.record_session(
                    db,
                    A,
                    case_id,
                    SessionInput(
                        occurred_at=scene.moment(step.at),
                        place=step.place,
                        record=step.record,
                        result=step.result,
                        subject=step.subject,
                        participants=step.participants,
                        parties_present=step.parties_present,
                        result_note=step.result_note,
                        recorder=step.recorder,
                    ),
                )
            case Agree():
                mediation.record_agreement(
                    db,
                    A,
                    case_id,
                    AgreementInput(
                        signed_on=scene.day(step.day),
                        facts=step.facts,
                        disputed_matters=step.disputed_matters,
                        responsibility=step.responsibility,
                        terms=step.terms,
                        performance_manner=step.performance_manner,
                        performance_deadline=None if step.deadline is None else scene.day(step.deadline),
                    ),
                    oral=step.oral,
                )
            case Fail():
                mediation.record_failure(db, A, case_id, scene.day(step.day), step.reason, list(step.routes))
            case Perform():
                mediation.record_performance(db, A, case_id, step.status, step.note)
            case Revisit():
                party_id = next(
                    p.id for p in mediation.get_case(db, A, case_id).parties if p.side == step.side
                )
                mediation.record_revisit(
                    db,
                    A,
                    case_id,
                    RevisitInput(
                        party_id=party_id,
                        visited_on=scene.day(step.day),
                        reason=step.reason,
                        performance=step.performance,
                        satisfaction=step.satisfaction,
                        measures=step.measures,
                        visitor=step.visitor,
                    ),
                )
            case Archive():
                mediation.archive_case(db, A, case_id, scene.day(step.day), step.retention)
            case _:
                assert_never(step)
    return case_id
