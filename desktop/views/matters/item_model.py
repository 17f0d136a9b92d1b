"""Table model over a query's matter items (a few hundred rows: loaded whole, filtered in SQL)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.models.matter import STATUS_RETIRED
from desktop.services.matters import ItemRow
from desktop.views.tables import ListTableModel

RETIRED = QColor("#8a94a0")


class ItemTableModel(ListTableModel[ItemRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("编码"), self.tr("事项名称"), self.tr("类别"), self.tr("处置层级"), self.tr("牵头部门"),
            self.tr("时限(日)"), self.tr("准入"), self.tr("来源"), self.tr("状态"),
        )  # fmt: skip

    def value(self, row: ItemRow, column: int) -> Any:
        return (
            row.code, row.name, row.category, row.level, row.lead_department, row.time_limit_days,
            self.tr("是") if row.admitted else self.tr("否"), row.source, row.status,
        )[column]  # fmt: skip

    def foreground(self, row: ItemRow, column: int) -> QColor | None:
        return RETIRED if row.status == STATUS_RETIRED else None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column == 5 else None  # the time limit, a small number

    def item_id(self, row: int) -> str:
        return self.rows[row].id
