"""考核评估: pick a period (month, quarter, half-year, year), compute it, read the ranking and the grid
and community roll-up, open a worker's sheet and click through to the records behind each
indicator; adjust, appeal, confirm and reopen. Reads run on the reader pool, computing on the writer;
the small steps run in their dialogs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import NotFound, UserError
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.assessment import reports, scoring
from desktop.services.assessment import scheme as schemes
from desktop.services.assessment.reports import Line, RankRow, RollupRow, Sheet
from desktop.services.workforce import attendance
from desktop.views import file_dialogs, tasks
from desktop.views.assessment.dialogs import (
    AdjustDialog,
    AppealDecisionDialog,
    AppealDialog,
    RecordsDialog,
    ReopenDialog,
    SchemeDialog,
)
from desktop.views.flow_layout import FlowLayout
from desktop.views.i18n import error_text
from desktop.views.labels import add_words, label
from desktop.views.tables import ListTableModel, setup_read_only_table


class RankModel(ListTableModel[RankRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("名次"), self.tr("得分"), self.tr("等次"), self.tr("姓名"), self.tr("村/社区"),
            self.tr("网格"), self.tr("岗位"),
        )  # fmt: skip
        # The place columns share what is left: at 150 % the full name was cut to 「（社区」.
        self.header_tips = {4: self.tr("村（社区）")}

    def value(self, row: RankRow, column: int) -> Any:
        return (
            row.rank, f"{row.score:g}", label(row.grade), row.name, row.community, row.grid, label(row.post),
        )[column]  # fmt: skip

    def tooltip(self, row: RankRow, column: int) -> str | None:
        # The place columns share what width is left and elide on a small screen: all of it here.
        return self.tr("{name}：{community}，{grid}，{post}").format(
            name=row.name, community=row.community or "—", grid=row.grid or "—", post=label(row.post)
        )

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column <= 2 else None


class RollupModel(ListTableModel[RollupRow]):
    def __init__(self, grids: bool) -> None:
        super().__init__()
        self.grids = grids
        self.headers = (
            self.tr("名次"), self.tr("平均得分"), self.tr("等次"), self.tr("网格") if grids else self.tr("村/社区"),
            self.tr("人数") if grids else self.tr("网格数"), self.tr("村/社区") if grids else "",
        )  # fmt: skip
        self.header_tips = {5: self.tr("村（社区）")} if grids else {3: self.tr("村（社区）")}

    def value(self, row: RollupRow, column: int) -> Any:
        return (row.rank, f"{row.score:g}", label(row.grade), row.name, row.members, row.community)[column]


class LineModel(ListTableModel[Line]):
    """The sheet's lines: the points before what they were given for, so they stay in view in a narrow
    pane; the item's group (类别) is in the tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.headers = (self.tr("考核项目"), self.tr("得分"), self.tr("考核情况"))

    def value(self, row: Line, column: int) -> Any:
        return (row.label, f"{row.points:g}", row.shown)[column]

    def tooltip(self, row: Line, column: int) -> str | None:
        return self.tr("{group}：{label}，{shown}，{points} 分").format(
            group=label(row.group) if row.group else "—",
            label=row.label,
            shown=row.shown,
            points=f"{row.points:g}",
        )

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column == 1 else None


@dataclass(frozen=True)
class PeriodData:
    key: tuple[str, int, int]
    period_id: str | None  # None: not computed yet
    ranking: reports.Ranking | None
    grids: list[RollupRow]
    communities: list[RollupRow]


def _read_period(db: Database, actor: Actor, kind: str, year: int, number: int) -> PeriodData:
    key = (kind, year, number)
    try:
        period_id = reports.find_period_id(db, actor, scoring.period_code(kind, year, number))
    except NotFound:
        return PeriodData(key, None, None, [], [])
    grids, communities = reports.rollup(db, actor, period_id)
    return PeriodData(key, period_id, reports.ranking(db, actor, period_id), grids, communities)


def _run_dialog(dialog: QDialog) -> bool:
    """exec(), then the dialog goes with its widgets: one left to the page while its Python side is
    collected crashed Qt later (the scheme dialog's spin boxes in table cells)."""
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()


class AssessmentPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.can_edit = actor.can(Permission.ASSESSMENT_EDIT)
        self.data: PeriodData | None = None
        self.sheet: Sheet | None = None
        self.chosen_id = ""  # the result whose sheet is shown or on its way
        self.sheet_reads = 0
        self.period_reads = 0
        today = attendance.today(db)
        previous = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        layout = QVBoxLayout(self)

        holder = QWidget()
        top = FlowLayout(holder)
        self.kind = QComboBox()
        add_words(self.kind, scoring.KINDS)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(previous[0])
        self.number = QComboBox()
        self._fill_numbers(previous[1])
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(lambda *_: self.reload())
        self.number.activated.connect(lambda *_: self.reload())
        for widget in (self.kind, self.year, self.number):
            top.addWidget(widget)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, allowed in (
            ("compute", self.tr("计算"), self.compute, self.can_edit),
            ("confirm", self.tr("确认"), self.confirm, self.can_edit),
            ("reopen", self.tr("重新开启…"), self.reopen, self.can_edit),
            ("print_ranking", self.tr("打印排名表…"), self.print_ranking, True),
            ("print_bulletin", self.tr("打印通报…"), self.print_bulletin, True),
            ("export", self.tr("导出 Excel…"), self.export, True),
            ("scheme", self.tr("考核方案…"), self.edit_scheme, True),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setVisible(allowed)
            top.addWidget(button)
            self.buttons[key] = button
        layout.addWidget(holder)
        self.status = QLabel()
        self.status.setObjectName("formHint")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = QTabWidget()
        self.rank_model = RankModel()
        self.rank_view = self._table(self.rank_model, stretch={4, 5, 6})
        self.rank_view.selectionModel().currentRowChanged.connect(self._rank_chosen)
        self.tabs.addTab(self.rank_view, self.tr("人员排名"))
        self.grid_model = RollupModel(grids=True)
        self.tabs.addTab(self._table(self.grid_model, stretch={3, 5}), self.tr("网格"))
        self.community_model = RollupModel(grids=False)
        self.tabs.addTab(self._table(self.community_model, stretch={3, 5}), self.tr("村（社区）"))
        split.addWidget(self.tabs)

        right = QWidget()
        column = QVBoxLayout(right)
        self.sheet_title = QLabel()
        self.sheet_title.setObjectName("caseTitle")
        self.sheet_title.setWordWrap(True)
        column.addWidget(self.sheet_title)
        self.line_model = LineModel()
        self.line_view = self._table(self.line_model, stretch={0, 2})
        self.line_view.doubleClicked.connect(self._line_opened)
        self.line_view.setToolTip(self.tr("双击一项，查看计分所依据的记录"))
        column.addWidget(self.line_view, 1)
        self.sheet_note = QLabel()
        self.sheet_note.setWordWrap(True)
        self.sheet_note.setObjectName("formHint")
        column.addWidget(self.sheet_note)
        sheet_buttons = QWidget()
        flow = FlowLayout(sheet_buttons)
        for key, text, slot, allowed in (
            ("records", self.tr("查看依据记录…"), self.open_records, True),
            ("adjust", self.tr("加减分…"), self.adjust, self.can_edit),
            ("appeal", self.tr("申诉…"), self.appeal, True),
            ("decide", self.tr("处理申诉…"), self.decide, self.can_edit),
            ("print_sheet", self.tr("打印考核表…"), self.print_sheet, True),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setVisible(allowed)
            flow.addWidget(button)
            self.buttons[key] = button
        column.addWidget(sheet_buttons)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3000, 2000])  # the ranking's columns need the room more than the sheet's
        layout.addWidget(split, 1)
        self._show_sheet(None)
        self.reload()

    # --- building ------------------------------------------------------------------------------

    def _table(self, model: ListTableModel[Any], stretch: set[int]) -> QTableView:
        """Columns not in `stretch` (rank, score, grade, name) as wide as their contents; the others
        share the rest and elide, so the table never needs scrolling sideways (1366×768 at 150 %)."""
        view = QTableView()
        view.setModel(model)
        setup_read_only_table(view, wrap=False)
        header = view.horizontalHeader()
        # Qt's default minimum keeps a column wide enough for its header: two characters will do.
        header.setMinimumSectionSize(view.fontMetrics().horizontalAdvance("名…") + 8)
        header.setStretchLastSection(False)  # the stretching is the Stretch columns' (it overrode theirs)
        for column in range(model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in stretch
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        return view

    def _fill_numbers(self, chosen: int) -> None:
        kind = self.kind.currentData()
        self.number.clear()
        if kind == scoring.MONTH:
            choices = [(m, self.tr("{month}月").format(month=m)) for m in range(1, 13)]
        elif kind == scoring.QUARTER:
            choices = [(q, name) for q, name in zip((1, 2, 3, 4), (self.tr("第一季度"), self.tr("第二季度"), self.tr("第三季度"), self.tr("第四季度")), strict=True)]  # fmt: skip
        elif kind == scoring.HALF:
            choices = [(1, self.tr("上半年")), (2, self.tr("下半年"))]
        else:
            choices = [(1, self.tr("全年"))]
        for value, text in choices:
            self.number.addItem(text, value)
        index = self.number.findData(chosen)
        self.number.setCurrentIndex(max(index, 0))

    def _kind_changed(self, *_args: object) -> None:
        self._fill_numbers(1)
        self.reload()

    def _key(self) -> tuple[str, int, int]:
        return str(self.kind.currentData()), self.year.value(), int(self.number.currentData() or 1)

    # --- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        kind, year, number = self._key()
        self.status.setText(self.tr("正在读取…"))
        db, actor = self.db, self.actor
        self.period_reads += 1
        asked = self.period_reads

        def arrived(data: PeriodData) -> None:
            if asked == self.period_reads:  # another period, or a fresher read, was asked for meanwhile
                self._show(data)

        tasks.run_read(lambda _report: _read_period(db, actor, kind, year, number), arrived, parent=self)

    def _show(self, data: PeriodData) -> None:
        self.data = data
        board = data.ranking
        self.rank_model.set_rows(board.rows if board else [])
        self.grid_model.set_rows(data.grids)
        self.community_model.set_rows(data.communities)
        name = scoring.period_name(*data.key)
        if board is None:
            self.status.setText(self.tr("{period}尚未计算考核。").format(period=name))
        else:
            self.status.setText(
                self.tr("{period}：{state}，{count} 人，{scheme}").format(
                    period=name, state=label(board.state), count=len(board.rows), scheme=board.scheme.label
                )
            )
        confirmed = board is not None and board.state == scoring.CONFIRMED
        self.buttons["compute"].setEnabled(not confirmed)
        self.buttons["confirm"].setEnabled(board is not None and not confirmed)
        self.buttons["reopen"].setEnabled(confirmed)
        for key in ("print_ranking", "export"):
            self.buttons[key].setEnabled(board is not None)
        monthly = board is not None and board.kind == scoring.MONTH
        self.buttons["print_bulletin"].setEnabled(monthly)
        self.buttons["print_bulletin"].setToolTip(
            self.tr("本月考核通报（未确认时印作草稿）")
            if monthly
            else self.tr("考核通报按月印发：请选择已计算的月份")
        )
        # The worker shown stays shown (read again: a step may have changed their score or rank).
        row = (
            next((i for i, r in enumerate(board.rows) if r.result_id == self.chosen_id), None)
            if board
            else None
        )
        if row is None:
            self.chosen_id = ""
            self._show_sheet(None)
            return
        selection = self.rank_view.selectionModel()
        selection.blockSignals(True)
        self.rank_view.selectRow(row)
        selection.blockSignals(False)
        self.load_sheet(self.chosen_id)

    def _rank_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.rank_model.row_at(current.row()) if current.isValid() else None
        if row is None:
            return
        self.load_sheet(row.result_id)

    def load_sheet(self, result_id: str) -> None:
        self.chosen_id = result_id
        self.sheet_reads += 1
        asked = self.sheet_reads
        db, actor = self.db, self.actor

        def arrived(sheet: Sheet) -> None:
            if asked == self.sheet_reads:  # reads may finish out of order: only the last one counts
                self._show_sheet(sheet)

        tasks.run_read(lambda _report: reports.sheet(db, actor, result_id), arrived, parent=self)

    def _show_sheet(self, sheet: Sheet | None) -> None:
        self.sheet = sheet
        self.line_model.set_rows(sheet.lines if sheet else [])
        for key in ("records", "adjust", "appeal", "decide", "print_sheet"):
            self.buttons[key].setEnabled(sheet is not None)
        if sheet is None:
            self.sheet_title.setText(self.tr("在左侧选择一人，查看考核表。"))
            self.sheet_note.setText("")
            return
        self.sheet_title.setText(
            self.tr("{name}（{grid}，{post}）：{score} 分，{grade}，第 {rank} 名").format(
                name=sheet.name, grid=sheet.grid or sheet.community, post=label(sheet.post), score=f"{sheet.score:g}",
                grade=label(sheet.grade), rank=sheet.rank,
            )
        )  # fmt: skip
        notes = [
            self.tr("调整：{label} {points}（{reason}，{who}）").format(
                label=a.rule_label, points=f"{a.points:+g}", reason=a.reason, who=a.made_by
            )
            for a in sheet.adjustments
        ] + [
            self.tr("申诉：{item} {state}{note}").format(
                item=a.item_label,
                state=label(a.state),
                note=f"（{a.decision_note}）" if a.decision_note else "",
            )
            for a in sheet.appeals
        ]
        self.sheet_note.setText("\n".join(notes))
        # A confirmed period is frozen: changing buttons go grey instead of refusing after a dialog.
        open_period = sheet.period_state != scoring.CONFIRMED
        self.buttons["adjust"].setEnabled(open_period)
        self.buttons["appeal"].setEnabled(open_period)
        self.buttons["decide"].setEnabled(
            open_period and any(a.state == scoring.PENDING for a in sheet.appeals)
        )

    # --- click-through -------------------------------------------------------------------------

    def _line_opened(self, index: QModelIndex) -> None:
        line = self.line_model.row_at(index.row())
        if line is not None:
            self._open_line(line)

    def open_records(self) -> None:
        index = self.line_view.currentIndex()
        line = self.line_model.row_at(index.row()) if index.isValid() else None
        if line is None:
            QMessageBox.information(self, self.tr("请先选择"), self.tr("请先在考核表中选择一项。"))
            return
        self._open_line(line)

    def _open_line(self, line: Line) -> None:
        if self.sheet is None:
            return
        if line.ref:  # an aggregate period's month: that month's sheet
            self.load_sheet(line.ref)
            return
        indicator = next((i for i in self.sheet.indicators if i.code == line.indicator), None)
        if indicator is None:
            return
        try:
            records = reports.records_behind(self.db, self.actor, indicator)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法查看"), error_text(exc))
            return
        if not records:
            QMessageBox.information(
                self, line.label, self.tr("这一项没有依据记录（{shown}）。").format(shown=line.shown)
            )
            return
        _run_dialog(
            RecordsDialog(
                self.tr("{label}：{shown}").format(label=line.label, shown=line.shown), records, self
            )
        )

    # --- steps ---------------------------------------------------------------------------------

    def compute(self) -> None:
        kind, year, number = self._key()
        db, actor = self.db, self.actor
        board = self.data.ranking if self.data else None
        current = schemes.current_scheme(db, actor)
        left = scoring.days_left(db, kind, year, number)
        if left:
            running = self.tr("本月") if kind == scoring.MONTH else self.tr("本期")
            answer = QMessageBox.question(
                self,
                self.tr("考核周期尚未结束"),
                self.tr(
                    "{period}尚未结束（还有 {n} 天），现在计算的结果只到今天，在确认考核之前仍可重新计算。继续吗？"
                ).format(period=running, n=left),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        use_current = False
        if board is not None and current.version and board.scheme.version != current.version:
            answer = QMessageBox.question(
                self,
                self.tr("考核方案已更新"),
                self.tr(
                    "本期按第 {old} 版方案计算。重新计算时改用当前的第 {new} 版吗？（选“否”仍按第 {old} 版）"
                ).format(old=board.scheme.version, new=current.version),
            )
            use_current = answer == QMessageBox.StandardButton.Yes
        self.buttons["compute"].setEnabled(False)
        self.status.setText(self.tr("正在计算…"))
        tasks.run_write(
            lambda _report: scoring.compute(db, actor, kind, year, number, use_current_scheme=use_current),
            lambda _period_id: self.reload(),
            always=lambda: self.buttons["compute"].setEnabled(True),
            parent=self,
        )

    def _period_id(self) -> str | None:
        return self.data.period_id if self.data else None

    def _run(self, step: Any) -> None:
        try:
            step()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法完成"), error_text(exc))
        self.reload()

    def confirm(self) -> None:
        period_id = self._period_id()
        if period_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("确认考核"), self.tr("确认后本期考核结果冻结，需负责人重新开启才能修改。确认？")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: scoring.confirm(self.db, self.actor, period_id))

    def reopen(self) -> None:
        period_id = self._period_id()
        if period_id is not None and _run_dialog(
            ReopenDialog(self.db, self.actor, period_id, scoring.period_name(*self._key()), self)
        ):
            self.reload()

    def _sheet_step(self, dialog: Any) -> None:
        done = _run_dialog(dialog)
        if done and self.sheet is not None:
            self.reload()
            self.load_sheet(self.sheet.result_id)

    def adjust(self) -> None:
        if self.sheet is not None:
            self._sheet_step(AdjustDialog(self.db, self.actor, self.sheet, self))

    def appeal(self) -> None:
        if self.sheet is None:
            return
        if not any(line.appealable for line in self.sheet.lines) and not any(
            a.points < 0 for a in self.sheet.adjustments
        ):
            QMessageBox.information(self, self.tr("考核申诉"), self.tr("这张考核表没有可以申诉的扣分项。"))
            return
        self._sheet_step(AppealDialog(self.db, self.actor, self.sheet, self))

    def decide(self) -> None:
        pending = (
            next((a for a in self.sheet.appeals if a.state == scoring.PENDING), None) if self.sheet else None
        )
        if pending is not None:
            self._sheet_step(AppealDecisionDialog(self.db, self.actor, pending, self))

    def _preview(self, kind: str, subject: str) -> None:
        from desktop.views.mediation.preview import PrintPreviewDialog

        PrintPreviewDialog(self.db, self.actor, kind, subject, self).exec()

    def print_sheet(self) -> None:
        if self.sheet is not None:
            self._preview("assessment-sheet", self.sheet.result_id)

    def print_ranking(self) -> None:
        period_id = self._period_id()
        if period_id is not None:
            self._preview("assessment-ranking", period_id)

    def print_bulletin(self) -> None:
        period_id = self._period_id()
        if period_id is not None:
            self._preview("assessment-bulletin", period_id)

    def export(self) -> None:
        period_id = self._period_id()
        if period_id is None:
            return
        code = scoring.period_code(*self._key())
        name = self.tr("考核排名{period}.xlsx").format(period=code)
        chosen = file_dialogs.save_path(self, self.tr("导出考核排名"), name, self.tr("Excel 文件 (*.xlsx)"))
        if not chosen:
            return
        db, actor = self.db, self.actor
        tasks.run_write(
            lambda _report: reports.export_ranking(db, actor, period_id, Path(chosen)),
            lambda count: self.status.setText(self.tr("已导出 {count} 人。").format(count=count)),
            parent=self,
        )

    def edit_scheme(self) -> None:
        if _run_dialog(SchemeDialog(self.db, self.actor, schemes.current_scheme(self.db, self.actor), self)):
            self.status.setText(self.tr("已保存新版本的考核方案，之后计算的考核周期按新版本计分。"))
