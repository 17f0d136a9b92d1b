"""The machine-file import's dialogs: mapping a file's columns once (kept for its header), deciding what
becomes of numbers nobody has (enrol to a worker, or skip their punches, counted), and the list of kept
mappings, where a manager forgets one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.services.accounts.permissions import Actor
from desktop.services.workforce import attendance_columns as columns
from desktop.services.workforce.attendance import Worker
from desktop.services.workforce.attendance_columns import ColumnMapping, SavedMapping
from desktop.services.workforce.attendance_import import FilePreview, UnknownNumber
from desktop.views import tasks
from desktop.views.duty.dialogs import person_text
from desktop.views.forms import StepDialog, field
from desktop.views.screen_fit import fit_window


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    return table


class MappingDialog(StepDialog):
    """Which column is the machine number, the name (optional), the date and time (one column, or date and
    time in two) and how dates are written; `mapping` once accepted."""

    def __init__(self, preview: FilePreview, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("对应打卡文件的各列"), self.tr("下一步"), parent)
        self.set_intro(
            self.tr(
                "请对照下面的前几行，确认文件 {name} 各列的内容：程序已按列名和内容选好能认出的列。"
                "导入后程序记住这个对应：同样的文件以后直接导入。"
            ).format(name=preview.name)
        )
        self.preview = preview
        width = max([len(preview.header), *(len(r) for r in preview.sample)])
        named = not preview.headless
        labels = [
            self.tr("第{n}列 {name}")
            .format(n=i + 1, name=preview.header[i] if named and i < len(preview.header) else "")
            .strip()
            for i in range(width)
        ]
        self.sample = _table(labels, [])
        self.layout_.insertWidget(1, self.sample, 1)
        self.width_ = width
        f = self.form
        # Checked when the first row holds a date: it is a punch, and is imported with the others.
        self.headless = QCheckBox(self.tr("第一行就是打卡数据（文件没有表头）"))
        self.headless.setChecked(preview.headless)
        self.headless.toggled.connect(lambda *_: self._show_rows())
        f.add_field("no_header", "", self.headless)
        choose = self.tr("（请选择）")
        self.pin = field(f, "pin", self.tr("工号（考勤号码）"), self._columns(labels, choose), required=True)
        self.name = field(f, "name", self.tr("姓名"), self._columns(labels, self.tr("（文件中没有）")))
        self.moment = field(
            f, "moment", self.tr("日期（或日期时间）"), self._columns(labels, choose), required=True
        )
        self.time = field(f, "time", self.tr("时间"), self._columns(labels, self.tr("（与日期在同一列）")))
        guess = preview.mapping or preview.guess
        if guess is not None:
            for box, at in (
                (self.pin, guess.pin), (self.name, guess.name), (self.moment, guess.moment if guess.moment is
                 not None else guess.date), (self.time, guess.time),
            ):  # fmt: skip
                if at is not None:
                    box.setCurrentIndex(max(box.findData(at), 0))
        self.order = field(f, "date_order", self.tr("日期写法"), QComboBox())
        for text, value in (
            (self.tr("年在前，如 2026-05-06、2026/5/6"), columns.YMD),
            (self.tr("日在前，如 06/05/2026"), columns.DMY),
            (self.tr("月在前，如 05/06/2026"), columns.MDY),
        ):
            self.order.addItem(text, value)
        if preview.date_order is not None:
            self.order.setCurrentIndex(self.order.findData(preview.date_order))
        self._show_rows()
        self.mapping: ColumnMapping | None = None
        self.submit = self._check

    def _show_rows(self) -> None:
        """The sample, with the first row among the punches when the file has no header."""
        rows = list(self.preview.sample)
        if self.headless.isChecked() and self.preview.header:
            rows.insert(0, self.preview.header)
        self.sample.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values[: self.width_]):
                self.sample.setItem(r, c, QTableWidgetItem(value))
        self.sample.resizeColumnsToContents()

    def _columns(self, labels: Sequence[str], none_text: str | None) -> QComboBox:
        box = QComboBox()
        if none_text is not None:
            box.addItem(none_text, -1)
        for i, text in enumerate(labels):
            box.addItem(text, i)
        return box

    @staticmethod
    def _at(box: QComboBox) -> int | None:
        value = int(box.currentData())
        return None if value < 0 else value

    def _check(self) -> ColumnMapping:
        at, clock = self._at(self.moment), self._at(self.time)
        order = str(self.order.currentData())
        headless = self.headless.isChecked()
        if clock is None:
            chosen = ColumnMapping(self._at(self.pin), at, None, None, self._at(self.name), order, headless)
        else:
            chosen = ColumnMapping(self._at(self.pin), None, at, clock, self._at(self.name), order, headless)
        self.mapping = chosen.check(self.width_)
        return self.mapping


class UnknownNumbersDialog(StepDialog):
    """Numbers in the file that no worker has: each is enrolled to a chosen worker, or its punches are
    skipped. The count to be skipped is shown before the import and reported after it."""

    def __init__(
        self,
        unknown: Sequence[UnknownNumber],
        people: Sequence[Worker],
        pins: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("未登记的考勤号码"), self.tr("导入"), parent)
        self.unknown = list(unknown)
        self.set_intro(
            self.tr(
                "文件中有 {numbers} 个考勤号码没有登记给任何人。新来的人员请在“登记给”中选择，"
                "号码随即登记；保持“跳过”的号码，其打卡不导入，导入后报告跳过的条数并记入审计日志。"
            ).format(numbers=len(self.unknown))
        )
        self.table = _table(
            [self.tr("考勤号码"), self.tr("打卡条数"), self.tr("文件中的姓名"), self.tr("登记给")],
            [[u.pin, str(u.punches), "、".join(u.names)] for u in self.unknown],
        )
        self.pickers: list[QComboBox] = []
        for row in range(len(self.unknown)):
            picker = QComboBox()
            picker.addItem(self.tr("跳过"), "")
            for w in people:
                held = pins.get(w.person_id)
                text = person_text(w)
                if held:
                    text += self.tr("，现号码 {pin}").format(pin=held)
                picker.addItem(text, w.person_id)
            picker.currentIndexChanged.connect(lambda *_: self._count())
            self.table.setCellWidget(row, 3, picker)
            self.pickers.append(picker)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.layout_.insertWidget(1, self.table, 1)
        self.skip_note = QLabel()
        self.skip_note.setWordWrap(True)
        self.skip_note.setObjectName("formHint")
        self.layout_.insertWidget(2, self.skip_note)
        holder: QWidget = self.form  # no fields here: the form's scroll area would only take room
        above = holder.parentWidget()
        while above is not None and above is not self:
            holder, above = above, above.parentWidget()
        holder.hide()
        self.enrolments: dict[str, str] = {}
        self.skipped = 0
        self._count()
        self.submit = self._choose

    def _count(self) -> None:
        skipped = [u for u, p in zip(self.unknown, self.pickers, strict=True) if not p.currentData()]
        self.skipped = sum(u.punches for u in skipped)
        if skipped:
            self.skip_note.setText(
                self.tr("将跳过 {numbers} 个号码的 {punches} 条打卡。").format(
                    numbers=len(skipped), punches=self.skipped
                )
            )
        else:
            self.skip_note.setText(self.tr("所有号码都将登记，不跳过任何打卡。"))

    def _choose(self) -> dict[str, str]:
        self.enrolments = {
            u.pin: str(p.currentData())
            for u, p in zip(self.unknown, self.pickers, strict=True)
            if p.currentData()
        }
        return self.enrolments


class SavedMappingsDialog(QDialog):
    """The kept column mappings, newest first; a manager forgets one (its next file is mapped again)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("记住的打卡文件列对应"))
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "表头不是常见列名的打卡文件，第一次导入时对应的各列。忘记后，下一个同样表头的文件需重新对应。"
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("formHint")
        layout.addWidget(hint)
        self.table = _table(
            [self.tr("记住于"), self.tr("操作人"), self.tr("对应（列号）"), self.tr("表头")], []
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.forget = QPushButton(self.tr("忘记所选"))
        self.forget.clicked.connect(self.forget_selected)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.forget)
        row.addWidget(close)
        layout.addLayout(row)
        self.saved: list[SavedMapping] = []
        fit_window(self, 820, 360)
        self.load()

    def load(self) -> None:
        self.saved = columns.saved_mappings(self.db, self.actor)
        self.table.setRowCount(len(self.saved))
        for r, m in enumerate(self.saved):
            values = (
                m.saved_at.strftime("%Y-%m-%d %H:%M"),
                m.saved_by,
                self._describe(m.mapping),
                self.tr("（无表头，{n} 列）").format(n=m.key.rsplit(".", 1)[-1])
                if m.mapping.no_header
                else "、".join(h for h in m.header if h),
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        for column in range(3):
            self.table.resizeColumnToContents(column)
        self.forget.setEnabled(bool(self.saved))

    def _describe(self, mapping: ColumnMapping) -> str:
        """Column numbers only: the header, in the last column, names them."""
        parts = [
            (self.tr("工号"), mapping.pin), (self.tr("姓名"), mapping.name), (self.tr("日期时间"), mapping.moment),
            (self.tr("日期"), mapping.date), (self.tr("时间"), mapping.time),
        ]  # fmt: skip
        return "，".join(f"{label}={n + 1}" for label, n in parts if n is not None)

    def forget_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.saved):
            QMessageBox.information(self, self.tr("请先选择"), self.tr("请先在列表中选择一行。"))
            return
        key = self.saved[row].key
        db, actor = self.db, self.actor
        tasks.run_write(
            lambda _report: columns.forget_mapping(db, actor, key), lambda _result: self.load(), parent=self
        )
