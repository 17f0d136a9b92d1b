"""Every item model of the views passes pytest-qt's model tester (Qt's QAbstractItemModelTester)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

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
from desktop.views.events.event_model import EventTableModel
from desktop.views.matters.item_model import ItemTableModel
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
