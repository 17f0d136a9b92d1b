"""Every item model of the views passes pytest-qt's model tester (Qt's QAbstractItemModelTester)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

import desktop.views
from desktop.db import Database
from desktop.models.matter import STATUS_RETIRED
from desktop.services import matters
from desktop.services.accounts.permissions import SYSTEM_ACTOR
from desktop.services.matters import ItemQuery
from desktop.views.admin.audit_tab import AuditTableModel
from desktop.views.assessment.dialogs import RecordModel
from desktop.views.assessment.page import LineModel, RankModel, RollupModel
from desktop.views.duty.page import LeaveModel, RotaModel, SheetModel
from desktop.views.duty.patrols import BehindHouseholdModel, BehindWorkerModel, PatrolModel, VisitModel
from desktop.views.events.event_model import EventTableModel
from desktop.views.matters.item_model import ItemTableModel
from desktop.views.sync.page import ConflictModel, PublicationModel, RoundModel
from desktop.views.tables import ListTableModel, ReadOnlyTableModel
from desktop.views.workforce.dialogs import TrainingModel
from desktop.views.workforce.page import MediatorModel, PersonModel, WorkerModel

# Where each model meets the tester, over demo data.
CHECKED = {
    AuditTableModel: "test_gui_admin.py::test_audit_tab_lists_filters_and_pages (paging as it fetches)",
    EventTableModel: "test_gui_event_model.py::test_first_page_then_the_count_then_any_row (1,500 events)",
    ItemTableModel: "test_the_matter_item_model_passes_the_model_tester, below",
    WorkerModel: "test_the_roster_models_pass_the_model_tester, below",
    PersonModel: "test_the_roster_models_pass_the_model_tester, below",
    MediatorModel: "test_the_roster_models_pass_the_model_tester, below",
    TrainingModel: "test_the_roster_models_pass_the_model_tester, below",
    RotaModel: "test_the_duty_and_patrol_models_pass_the_model_tester, below",
    SheetModel: "test_the_duty_and_patrol_models_pass_the_model_tester, below",
    LeaveModel: "test_the_duty_and_patrol_models_pass_the_model_tester, below",
    PatrolModel: "test_the_duty_and_patrol_models_pass_the_model_tester, below",
    VisitModel: "test_the_duty_and_patrol_models_pass_the_model_tester, below",
    BehindWorkerModel: "test_the_duty_and_patrol_models_pass_the_model_tester, below",
    BehindHouseholdModel: "test_the_duty_and_patrol_models_pass_the_model_tester, below",
    RoundModel: "test_the_sync_models_pass_the_model_tester, below",
    RankModel: "test_the_assessment_models_pass_the_model_tester, below",
    RollupModel: "test_the_assessment_models_pass_the_model_tester, below",
    LineModel: "test_the_assessment_models_pass_the_model_tester, below",
    RecordModel: "test_the_assessment_models_pass_the_model_tester, below",
    ConflictModel: "test_the_sync_models_pass_the_model_tester, below",
    PublicationModel: "test_the_sync_models_pass_the_model_tester, below",
}
BASES = {ReadOnlyTableModel, ListTableModel}  # they leave value() and row_at() to a subclass


def test_every_model_in_the_views_meets_the_model_tester(qapp: QApplication) -> None:
    """A new model class fails this until a test runs qtmodeltester.check over it and it is listed above."""
    found: set[type] = set()
    for module in pkgutil.walk_packages(desktop.views.__path__, "desktop.views."):
        for _name, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(cls, QAbstractItemModel) and cls.__module__.startswith("desktop.views."):
                found.add(cls)
    assert found - BASES == set(CHECKED), "add a qtmodeltester check for each model"


def test_the_matter_item_model_passes_the_model_tester(demo_db: Database, qtmodeltester: ModelTester) -> None:
    everything = matters.search_items(demo_db, SYSTEM_ACTOR, ItemQuery(include_retired=True))
    assert len(everything) >= 200
    model = ItemTableModel()
    model.set_rows(matters.search_items(demo_db, SYSTEM_ACTOR, ItemQuery()))
    qtmodeltester.check(model)
    # The tester stays attached: each reset (a new search, as the page does) is checked too.
    model.set_rows(matters.search_items(demo_db, SYSTEM_ACTOR, ItemQuery(text="邻里")))
    assert 0 < model.rowCount() < len(everything)
    model.set_rows([])
    model.set_rows(everything)
    assert model.rowCount() == len(everything)
    assert model.index(0, 0).data() == everything[0].code
    retired = [n for n, row in enumerate(everything) if row.status == STATUS_RETIRED]
    in_force = [n for n, row in enumerate(everything) if row.status != STATUS_RETIRED]
    assert retired, "the shipped list has retired items"
    assert model.index(retired[0], 1).data(Qt.ItemDataRole.ForegroundRole) is not None, "greyed out"
    assert model.index(in_force[0], 1).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_roster_models_pass_the_model_tester(demo_db: Database, qtmodeltester: ModelTester) -> None:
    from datetime import date

    from desktop.services import mediation
    from desktop.services.people import persons
    from desktop.services.workforce import grids, roster

    tree = grids.grid_tree(demo_db, SYSTEM_ACTOR)
    grid_id = next(g.id for community in tree for g in community.grids)
    workers = roster.grid_workers(demo_db, SYSTEM_ACTOR, grid_id, with_history=True)
    assert workers
    roster.add_training(demo_db, SYSTEM_ACTOR, workers[0].person_id, date(2026, 3, 1), "网格员业务培训", 4)
    worker_model, person_model = WorkerModel(), PersonModel()
    mediator_model, training_model = MediatorModel(full_phone=False), TrainingModel()
    worker_model.set_rows(workers)
    person_model.set_rows(persons.search(demo_db, SYSTEM_ACTOR))
    mediator_model.set_rows(mediation.list_mediators(demo_db, SYSTEM_ACTOR))
    training_model.set_rows(roster.trainings(demo_db, SYSTEM_ACTOR, workers[0].person_id))
    for model in (worker_model, person_model, mediator_model, training_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_the_duty_and_patrol_models_pass_the_model_tester(
    demo_db: Database, qtmodeltester: ModelTester
) -> None:
    from datetime import timedelta

    from db_helpers import resident_id

    from desktop.services.workforce import attendance, duty, leave, roster
    from desktop.services.workforce.grids import CENTRE_POST
    from desktop.services.workforce.roster import WorkerInput
    from desktop.views.duty.patrols import read_month

    today = attendance.today(demo_db)
    first, last = duty.month_range(today.year, today.month)
    for i in range(3):
        roster.add_worker_post(
            demo_db, SYSTEM_ACTOR,
            WorkerInput(f"值班员{i + 1}", resident_id(f"33012719800{i + 1}01001"), CENTRE_POST, first - timedelta(days=400)),
        )  # fmt: skip
    staff = duty.centre_staff(demo_db, SYSTEM_ACTOR, first)
    duty.generate_rota(demo_db, SYSTEM_ACTOR, first, last, officers=[m.person_id for m in staff])
    leave.request_leave(
        demo_db, SYSTEM_ACTOR,
        leave.LeaveInput(staff[0].person_id, "事假", last, last, "家中有事需要处理"),
    )  # fmt: skip
    month = read_month(demo_db, SYSTEM_ACTOR, today.year, today.month)
    filled: tuple[tuple[Any, Any], ...] = (
        (RotaModel(), duty.rota(demo_db, SYSTEM_ACTOR, first, last)),
        (SheetModel(), attendance.month_sheet(demo_db, SYSTEM_ACTOR, today.year, today.month).rows),
        (LeaveModel(), leave.leave_list(demo_db, SYSTEM_ACTOR, first, last)),
        (PatrolModel(), month.patrol_rows),
        (VisitModel(), month.visit_rows),
        (BehindWorkerModel(), month.workers_behind),
        (BehindHouseholdModel(), month.households_behind),
    )
    for model, rows in filled:
        model.set_rows(rows)
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)


def test_the_sync_models_pass_the_model_tester(demo_db: Database, qtmodeltester: ModelTester) -> None:
    from desktop.sync import conflicts, outbox, publications, rounds

    batch = outbox.next_batch(demo_db, 5)
    assert batch is not None
    results = [
        {
            "type": c["type"],
            "id": c["id"],
            "status": "conflict",
            "ver": 9,
            "fields": {**c["fields"], "name": "县"},
        }
        for c in batch.changes
    ]
    outbox.settle(demo_db, batch, {"batch_id": batch.id, "results": results})  # type: ignore[typeddict-item]
    rounds.failed_round(demo_db, rounds.TRIGGER_MANUAL, "连不上县级中心")
    from desktop.services.common.uow import unit_of_work
    from desktop.sync import inbound

    with unit_of_work(demo_db, inbound.COUNTY_ACTOR) as uow:
        days = [{"day": "2031-01-01", "kind": "休", "name": "元旦"}]
        change = {"seq": 1, "type": "holidays", "id": "h2031", "op": "upsert", "ver": 1,
                  "fields": {"year": 2031, "days": days}}  # fmt: skip
        inbound.apply_changes(uow, [change], False)  # type: ignore[list-item]
    filled: tuple[tuple[Any, Any], ...] = (
        (RoundModel(), rounds.history(demo_db)),
        (ConflictModel(), conflicts.list_conflicts(demo_db, SYSTEM_ACTOR)),
        (PublicationModel(), publications.list_publications(demo_db, SYSTEM_ACTOR)),
    )
    for model, rows in filled:
        model.set_rows(rows)
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)


def test_the_assessment_models_pass_the_model_tester(demo_db: Database, qtmodeltester: ModelTester) -> None:
    from desktop.services.assessment import reports, scoring
    from desktop.services.workforce import attendance

    today = attendance.today(demo_db)
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    period_id = scoring.compute(demo_db, SYSTEM_ACTOR, scoring.MONTH, year, month)
    board = reports.ranking(demo_db, SYSTEM_ACTOR, period_id)
    grids, communities = reports.rollup(demo_db, SYSTEM_ACTOR, period_id)
    sheets = [reports.sheet(demo_db, SYSTEM_ACTOR, row.result_id) for row in board.rows]
    sheet = sheets[0]
    behind = next(i for s in sheets for i in s.indicators if i.ids)  # a grid worker's patrols
    filled: tuple[tuple[Any, Any], ...] = (
        (RankModel(), board.rows),
        (RollupModel(grids=True), grids),
        (RollupModel(grids=False), communities),
        (LineModel(), sheet.lines),
        (RecordModel(), reports.records_behind(demo_db, SYSTEM_ACTOR, behind)),
    )
    for model, rows in filled:
        model.set_rows(rows)
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)
