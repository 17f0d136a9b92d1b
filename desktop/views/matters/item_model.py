"""Table model over a query's matter items (a few hundred rows: loaded whole, filtered in SQL)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.models.matter import STATUS_RETIRED
from desktop.services.matters import ItemRow

_Index = QModelIndex | QPersistentModelIndex


class ItemTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ItemRow] = []
        self.headers = (
            self.tr("编码"), self.tr("事项名称"), self.tr("类别"), self.tr("处置层级"), self.tr("牵头部门"),
            self.tr("时限(日)"), self.tr("准入"), self.tr("来源"), self.tr("状态"),
        )  # fmt: skip

    def set_rows(self, rows: list[ItemRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.code, row.name, row.category, row.level, row.lead_department, row.time_limit_days,
                self.tr("是") if row.admitted else self.tr("否"), row.source, row.status,
            )[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.ForegroundRole and row.status == STATUS_RETIRED:
            return QColor("#8a94a0")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 5:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def item_id(self, row: int) -> str:
        return self.rows[row].id
