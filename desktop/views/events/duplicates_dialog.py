"""Possible duplicates of a report, shown before anything is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import format_local
from desktop.services.events import DuplicateCandidate
from desktop.views.labels import label
from desktop.views.screen_fit import fit_window


class DuplicatesDialog(QDialog):
    """Possible duplicates: save as a new event anyway, link this report to one, or go back."""

    NEW, LINK, BACK = "new", "link", "back"

    def __init__(self, candidates: list[DuplicateCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates = candidates
        self.choice = self.BACK
        self.chosen_id = ""
        self.setWindowTitle(self.tr("可能是重复上报"))
        fit_window(self, 900, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "以下事件与本次反映的可能是同一件事（同一网格、同一事项 7 日内，或标题相似）。"
                "请核对地址、反映人和时间：如果是同一件事，选中后点“关联到所选事件”（Alt+L），不再新建事件；"
                "不是的，按回车仍然登记为新事件。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        for candidate in candidates:
            entry = QListWidgetItem(self.describe(candidate))
            entry.setData(Qt.ItemDataRole.UserRole, candidate.id)
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        box = QDialogButtonBox()
        self.link_button = QPushButton(self.tr("关联到所选事件(&L)"))
        self.new_button = QPushButton(self.tr("仍然登记为新事件"))
        self.back_button = QPushButton(self.tr("返回修改"))
        box.addButton(self.link_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Enter keeps the report as a new event: linking it hides it inside another event's history,
        # so that takes its own button (a click, Alt+L, or Enter once the button has the focus), never
        # a stray Enter or a double-click on the list.
        self.new_button.setDefault(True)
        self.link_button.clicked.connect(self.link)
        self.new_button.clicked.connect(self.save_new)
        self.back_button.clicked.connect(self.reject)
        layout.addWidget(box)
        self.new_button.setFocus()

    def describe(self, candidate: DuplicateCandidate) -> str:
        """What the operator compares with the report in hand: where, who, when, what and how far."""
        return self.tr(
            "{number}　{title}\n上报时间：{reported}　状态：{state}　事项：{matter}\n"
            "地址：{address}　反映人：{reporter}\n（{reason}）"
        ).format(
            number=candidate.number,
            title=candidate.title,
            reported=format_local(candidate.reported_at),
            state=label(candidate.state),
            matter=candidate.matter or "—",
            address=candidate.address or self.tr("（未填）"),
            reporter=self.tr("匿名") if candidate.reporter == "匿名" else candidate.reporter or "—",
            reason=candidate.reason,
        )

    def link(self) -> None:
        if self.list.currentRow() < 0:  # nothing chosen (currentItem() would be None)
            return
        item = self.list.currentItem()
        self.choice = self.LINK
        self.chosen_id = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def save_new(self) -> None:
        self.choice = self.NEW
        self.accept()
