"""One conflict or refusal settled by a person: both versions side by side, field by field, the fields
that differ marked and listed first; keep one (or send again / give up) and say why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import format_local
from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.sync import conflicts
from desktop.sync.conflicts import ConflictRow
from desktop.views.forms import FieldForm, limited
from desktop.views.screen_fit import fit_window
from desktop.views.sync import names
from desktop.views.tables import setup_read_only_table

DIFFERS = QColor("#fff1c2")


class ConflictDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, row: ConflictRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.row = db, actor, row
        self.refusal = row.kind == "拒收"
        title = self.tr("处理被拒收的记录：{label}") if self.refusal else self.tr("处理同步冲突：{label}")
        self.setWindowTitle(title.format(label=row.label[:40] or names.record_type(row.record_type)))
        fit_window(self, 900, 640)
        layout = QVBoxLayout(self)

        label = row.label if len(row.label) <= 40 else row.label[:39] + "…"
        what = self.tr("{type}“{label}”，{when} 发现。").format(
            type=names.record_type(row.record_type), label=label, when=format_local(row.found_at)
        )
        if self.refusal:
            intro = self.tr(
                "县级中心拒收了本镇的这条记录：{reason}。可以重新发送（例如已在本镇改正后），或不再发送。"
            )
        else:
            intro = self.tr(
                "本镇和县级中心都改动了这条记录。请对照两边的内容，决定保留哪一边；另一边的内容不会丢失，仍记录在本冲突中。"
            )
        self.intro = QLabel(what + intro.format(reason=row.reason or self.tr("（未说明原因）")))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.differing = row.differing_fields()
        self.table = self._versions_table()
        layout.addWidget(self.table, 1)
        shown = self.tr("有 {n} 个字段不同，已用底色标出并排在前面。").format(n=len(self.differing))
        self.differing_label = QLabel(shown)
        self.differing_label.setObjectName("formHint")
        layout.addWidget(self.differing_label)

        self.form = FieldForm()
        self.note = limited(QPlainTextEdit(), limits.EVENT_NOTE)
        self.note.setPlaceholderText(self.tr("例如：已电话核实，县级的更正为准"))
        self.note.setMaximumHeight(90)
        self.form.add_field("note", self.tr("处理理由"), self.note, required=True)
        layout.addWidget(self.form)

        buttons = QDialogButtonBox()
        first, second = (
            (conflicts.SEND_AGAIN, conflicts.GIVE_UP)
            if self.refusal
            else (conflicts.KEEP_LOCAL, conflicts.TAKE_COUNTY)
        )
        first_text, second_text = (
            (self.tr("重新发送"), self.tr("不再发送"))
            if self.refusal
            else (self.tr("保留本镇的"), self.tr("采用县级的"))
        )
        self.first_button = QPushButton(first_text)
        self.second_button = QPushButton(second_text)
        for button, choice in ((self.first_button, first), (self.second_button, second)):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _=False, c=choice: self.settle(c))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.chosen = ""

    def _versions_table(self) -> QTableWidget:
        local, remote = self.row.local, self.row.remote
        names_in_order = list(dict.fromkeys([*local, *remote]))
        ordered = [n for n in names_in_order if n in self.differing] + [
            n for n in names_in_order if n not in self.differing
        ]
        table = QTableWidget(len(ordered), 3)
        table.setHorizontalHeaderLabels(
            [
                self.tr("字段"),
                self.tr("本镇的（版本 {v}）").format(v=self.row.local_ver),
                self.tr("县级的（版本 {v}）").format(v=self.row.remote_ver),
            ]
        )
        setup_read_only_table(table)
        absent = self.tr("（无）")
        for r, name in enumerate(ordered):
            cells = [
                names.field_name(name),
                names.value_text(local[name]) if name in local else absent,
                names.value_text(remote[name]) if name in remote else absent,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                if name in self.differing:
                    item.setBackground(QBrush(DIFFERS))
                    if c == 0:
                        bold = QFont(item.font())
                        bold.setBold(True)
                        item.setFont(bold)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        # A long description stays a few lines here (its tooltip has it whole): every field in view.
        tallest = table.fontMetrics().lineSpacing() * 4 + 8
        for r in range(table.rowCount()):
            table.setRowHeight(r, min(table.rowHeight(r), tallest))
        return table

    def settle(self, choice: str) -> None:
        # On the GUI thread, as the other dialogs' steps: a few milliseconds, and a round that is running
        # holds the database only while it commits a batch.
        try:
            conflicts.resolve(self.db, self.actor, self.row.id, choice, self.note.toPlainText())
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.chosen = choice
        self.accept()
