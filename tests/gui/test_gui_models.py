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

# Where each model meets the tester, over demo data.
CHECKED = {
    AuditTableModel: "test_gui_admin.py::test_audit_tab_lists_filters_and_pages (paging as it fetches)",
    EventTableModel: "test_gui_event_model.py::test_first_page_then_the_count_then_any_row (1,500 events)",
    ItemTableModel: "test_the_matter_item_model_passes_the_model_tester, below",
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
