"""值班考勤: the month's duty rota, attendance sheet, leave and patrols/visits, each in its tab. The month is chosen at
the top (PgUp / PgDn move it); lists are read on the reader pool, the machine-file import runs on the
writer, and the small steps (a swap, an approval) run in their dialogs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.workforce import attendance, duty, leave
from desktop.services.workforce.attendance import Worker
from desktop.services.workforce.attendance_columns import ColumnMapping
from desktop.services.workforce.attendance_import import (
    FileCheck,
    FilePreview,
    PunchImportResult,
    check_file,
    import_punches,
    preview_file,
)
from desktop.views import file_dialogs, tasks
from desktop.views.duty.dialogs import (
    DecisionDialog,
    EntryDialog,
    GenerateDialog,
    LeaveDialog,
    PinDialog,
    PunchDialog,
    ReturnDialog,
    ScheduleDialog,
    SwapDialog,
)
from desktop.views.duty.patrols import PatrolTab
from desktop.views.duty.punch_files import MappingDialog, SavedMappingsDialog, UnknownNumbersDialog
from desktop.views.flow_layout import FlowLayout
from desktop.views.i18n import error_text
from desktop.views.labels import label
from desktop.views.tables import ListTableModel, setup_read_only_table


class RotaModel(ListTableModel[duty.DutyRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("日期"), self.tr("星期"), self.tr("班次"), self.tr("角色"), self.tr("姓名"), self.tr("调班"),
            self.tr("备注"),
        )  # fmt: skip

    def value(self, row: duty.DutyRow, column: int) -> Any:
        swap = self.tr("待审批") if row.swap_pending else ""
        return (
            row.day.isoformat(), label(duty.weekday_label(row.day)), label(row.shift), label(row.role), row.name,
            swap, row.note,
        )[column]  # fmt: skip


class SheetModel(ListTableModel[attendance.SheetRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("姓名"), self.tr("村（社区）"), self.tr("岗位"), self.tr("考勤号码"), self.tr("应出勤"),
            self.tr("实出勤"), self.tr("出勤率"), self.tr("迟到"), self.tr("早退"), self.tr("缺勤"),
            self.tr("请假天数"),
        )  # fmt: skip
        self.pins: dict[str, str] = {}  # person id -> machine number, so a manager sees who has which

    def value(self, row: attendance.SheetRow, column: int) -> Any:
        return (
            row.name, row.community or self.tr("中心"), label(row.post), self.pins.get(row.person_id, ""),
            row.due, row.present, f"{row.rate:.0%}", row.late, row.early, row.absent, row.leave_days,
        )[column]  # fmt: skip

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column >= 3 else None


class LeaveModel(ListTableModel[leave.LeaveRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("状态"), self.tr("姓名"), self.tr("假别"), self.tr("开始"), self.tr("结束"), self.tr("天数"),
            self.tr("审批层级"), self.tr("事由"),
        )  # fmt: skip

    def value(self, row: leave.LeaveRow, column: int) -> Any:
        return (
            label(row.state), row.name, label(row.kind), row.start.isoformat(), row.end.isoformat(), row.days,
            label(row.level), row.reason,
        )[column]  # fmt: skip


@dataclass(frozen=True)
class MonthData:
    """What the page shows for a month, read in one go on the reader pool."""

    rota: list[duty.DutyRow]
    sheet: attendance.Sheet
    leave: list[leave.LeaveRow]
    people: list[Worker]
    staff: list[Worker]
    communities: list[tuple[str, str]]  # (id, name)
    pins: dict[str, str]  # person id -> machine number


def _read_month(db: Database, actor: Actor, year: int, month: int, community_id: str | None) -> MonthData:
    first, last = duty.month_range(year, month)
    people = attendance.workers(db, actor, first, last)
    communities: dict[str, str] = {}
    for w in people:
        if w.community:
            communities.setdefault(w.community, w.community)
    ids = [(attendance.find_community(db, name), name) for name in sorted(communities)]
    return MonthData(
        duty.rota(db, actor, first, last),
        attendance.month_sheet(db, actor, year, month, community_id),
        leave.leave_list(db, actor, first, last),
        people,
        [w for w in people if not w.community],
        ids,
        attendance.pins(db, actor),
    )


def _buttons(layout: QVBoxLayout) -> FlowLayout:
    holder = QWidget()
    flow = FlowLayout(holder)
    layout.addWidget(holder)
    return flow


class DutyPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        today = attendance.today(db)
        self.year, self.month = today.year, today.month
        self.data: MonthData | None = None
        self.notice = ""  # shown once the page is read again after a step (「已保存」)
        self.can_edit = actor.can(Permission.DUTY_EDIT)
        self.can_approve = actor.can(Permission.DUTY_APPROVE)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.previous = QPushButton(self.tr("◀ 上月"))
        self.previous.setToolTip("PgUp")
        self.previous.clicked.connect(lambda: self.move_month(-1))
        self.month_label = QLabel()
        self.month_label.setObjectName("caseTitle")
        self.following = QPushButton(self.tr("下月 ▶"))
        self.following.setToolTip("PgDown")
        self.following.clicked.connect(lambda: self.move_month(1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.move_month(-1))
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.move_month(1))
        self.status = QLabel()
        self.status.setObjectName("formHint")
        for widget in (self.previous, self.month_label, self.following):
            top.addWidget(widget)
        top.addWidget(self.status, 1)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_rota(), self.tr("值班表"))
        self.tabs.addTab(self._build_sheet(), self.tr("考勤"))
        self.tabs.addTab(self._build_leave(), self.tr("请假"))
        self.patrol_tab = PatrolTab(db, actor)
        self.tabs.addTab(self.patrol_tab, self.tr("巡查走访"))
        self.reload()

    # --- building ------------------------------------------------------------------------------

    def _table(self, model: ListTableModel[Any]) -> QTableView:
        view = QTableView()
        view.setModel(model)
        setup_read_only_table(view, wrap=False)
        return view

    def _add_buttons(self, flow: FlowLayout, specs: list[tuple[str, str, Any, bool]]) -> None:
        for key, text, slot, allowed in specs:
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setVisible(allowed)
            flow.addWidget(button)
            self.buttons[key] = button

    def _build_rota(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        self.buttons: dict[str, QPushButton] = {}
        self._add_buttons(
            _buttons(column),
            [
                ("generate", self.tr("生成值班表…"), self.generate, self.can_edit),
                ("add_entry", self.tr("新增值班…"), self.add_entry, self.can_edit),
                ("change_entry", self.tr("换人…"), self.change_entry, self.can_edit),
                ("remove_entry", self.tr("删除"), self.remove_entry, self.can_edit),
                ("swap", self.tr("申请调班…"), self.request_swap, self.can_edit),
                ("decide_swap", self.tr("审批调班…"), self.decide_swap, self.can_approve),
                ("print_rota", self.tr("打印值班表…"), lambda: self.preview("duty-rota"), True),
            ],
        )
        self.rota_model = RotaModel()
        self.rota_view = self._table(self.rota_model)
        column.addWidget(self.rota_view, 1)
        return box

    def _build_sheet(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("范围")))
        self.scope = QComboBox()
        self.scope.addItem(self.tr("全镇"), None)
        self.scope.activated.connect(lambda *_: self.reload())
        row.addWidget(self.scope)
        self.sheet_note = QLabel()
        self.sheet_note.setObjectName("formHint")
        row.addWidget(self.sheet_note, 1)
        column.addLayout(row)
        self._add_buttons(
            _buttons(column),
            [
                ("import", self.tr("导入打卡文件…"), self.import_file, self.can_edit),
                ("punch", self.tr("手工打卡…"), lambda: self.punch(correction=False), self.can_edit),
                ("correction", self.tr("补签申请…"), lambda: self.punch(correction=True), self.can_edit),
                ("decide_correction", self.tr("审批补签…"), self.decide_correction, self.can_approve),
                ("schedule", self.tr("作息时间…"), self.edit_schedule, self.can_edit),
                ("pin", self.tr("考勤号码…"), self.edit_pin, self.can_edit),
                ("mappings", self.tr("打卡文件列对应…"), self.edit_mappings, self.can_approve),
                ("print_sheet", self.tr("打印考勤表…"), lambda: self.preview("attendance-sheet"), True),
                ("export_sheet", self.tr("导出 Excel…"), self.export_sheet, True),
            ],
        )
        self.sheet_model = SheetModel()
        self.sheet_view = self._table(self.sheet_model)
        column.addWidget(self.sheet_view, 1)
        return box

    def _build_leave(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        self._add_buttons(
            _buttons(column),
            [
                ("request_leave", self.tr("请假申请…"), self.request_leave, self.can_edit),
                ("decide_leave", self.tr("审批…"), self.decide_leave, self.can_approve),
                ("report_back", self.tr("销假…"), self.report_back, self.can_edit),
            ],
        )
        self.leave_model = LeaveModel()
        self.leave_view = self._table(self.leave_model)
        column.addWidget(self.leave_view, 1)
        return box

    # --- reading -------------------------------------------------------------------------------

    def move_month(self, step: int) -> None:
        index = self.year * 12 + self.month - 1 + step
        self.year, self.month = divmod(index, 12)
        self.month += 1
        self.reload()

    def reload(self) -> None:
        self.month_label.setText(self.tr("{year}年{month}月").format(year=self.year, month=self.month))
        self.status.setText(self.tr("正在读取…"))
        db, actor, year, month = self.db, self.actor, self.year, self.month
        community = self.scope.currentData()
        scope = str(community) if community else None
        tasks.run_read(lambda _report: _read_month(db, actor, year, month, scope), self._show, parent=self)
        self.patrol_tab.load(year, month)

    def _show(self, data: MonthData) -> None:
        if (data.sheet.year, data.sheet.month) != (self.year, self.month):
            return  # a later month was asked for meanwhile
        self.data = data
        self.status.setText(self.notice)
        self.notice = ""
        self.rota_model.set_rows(data.rota)
        self.sheet_model.pins = data.pins
        kept = self._chosen_person()  # the reload after a dialog keeps the worker it was opened on
        self.sheet_model.set_rows(data.sheet.rows)
        for number, row in enumerate(self.sheet_model.rows):
            if kept and row.person_id == kept:
                self.sheet_view.setCurrentIndex(self.sheet_model.index(number, 0))
                break
        self.leave_model.set_rows(data.leave)
        for view in (self.rota_view, self.sheet_view, self.leave_view):
            view.resizeColumnsToContents()
        chosen = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("全镇"), None)
        for community_id, name in data.communities:
            self.scope.addItem(name, community_id)
            if community_id == chosen:
                self.scope.setCurrentIndex(self.scope.count() - 1)
        self.scope.blockSignals(False)
        sheet = data.sheet
        if sheet.judged_until is None:
            note = self.tr("本月尚未开始。")
        else:
            note = self.tr("统计至 {day}。").format(day=sheet.judged_until.isoformat())
        if sheet.estimated:
            note += self.tr("本月超出节假日表，按周末计算。")
        self.sheet_note.setText(note)

    # --- helpers -------------------------------------------------------------------------------

    def _first_day(self) -> date:
        today = attendance.today(self.db)
        if (today.year, today.month) == (self.year, self.month):
            return today
        return date(self.year, self.month, 1)

    def _selected(self, view: QTableView, model: ListTableModel[Any]) -> Any:
        index = view.currentIndex()
        return model.row_at(index.row()) if index.isValid() else None

    def _need(self, row: object) -> bool:
        if row is None:
            QMessageBox.information(self, self.tr("请先选择"), self.tr("请先在列表中选择一行。"))
            return False
        return True

    def _done(self, dialog: Any) -> None:
        if dialog.exec():
            self.reload()

    # --- 值班表 --------------------------------------------------------------------------------

    def generate(self) -> None:
        if self.data is None:
            return
        first, last = duty.month_range(self.year, self.month)
        dialog = GenerateDialog(self.db, self.actor, first, last, self.data.staff, self)
        if dialog.exec():
            result = dialog.rota
            if result is not None and result.uncovered:
                days = "、".join(d.isoformat() for d in result.uncovered[:10])
                QMessageBox.warning(
                    self,
                    self.tr("有日子无人值班"),
                    self.tr("这些日子没有可排的人员：{days}").format(days=days),
                )
            self.reload()

    def add_entry(self) -> None:
        if self.data is not None:
            self._done(EntryDialog(self.db, self.actor, self._first_day(), self.data.staff, parent=self))

    def change_entry(self) -> None:
        row = self._selected(self.rota_view, self.rota_model)
        if self.data is not None and self._need(row):
            self._done(EntryDialog(self.db, self.actor, row.day, self.data.staff, row, self))

    def remove_entry(self) -> None:
        row = self._selected(self.rota_view, self.rota_model)
        if not self._need(row):
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除值班"),
            self.tr("删除 {day} {name} 的值班？").format(day=row.day.isoformat(), name=row.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                duty.remove_entry(self.db, self.actor, row.id)
            except UserError as exc:
                QMessageBox.warning(self, self.tr("无法完成"), error_text(exc))
            self.reload()

    def request_swap(self) -> None:
        row = self._selected(self.rota_view, self.rota_model)
        if self.data is not None and self._need(row):
            self._done(SwapDialog(self.db, self.actor, row, self.data.staff, self))

    def decide_swap(self) -> None:
        row = self._selected(self.rota_view, self.rota_model)
        if not self._need(row):
            return
        pending = next((s for s in duty.swaps(self.db, self.actor) if s.entry_id == row.id), None)
        if pending is None:
            QMessageBox.information(self, self.tr("审批调班"), self.tr("这个班次没有待审批的调班申请。"))
            return
        summary = self.tr("{day} {shift}：{a} 调给 {b}。理由：{reason}").format(
            day=pending.day.isoformat(), shift=label(pending.shift), a=pending.from_name, b=pending.to_name,
            reason=pending.reason,
        )  # fmt: skip
        self._done(
            DecisionDialog(
                self.tr("审批调班"), summary,
                lambda ok, note: duty.decide_swap(self.db, self.actor, pending.id, ok, note), self,
            )
        )  # fmt: skip

    def preview(self, kind: str) -> None:
        from desktop.views.mediation.preview import PrintPreviewDialog

        subject = f"{self.year}-{self.month:02d}"
        community = (
            self.scope.currentText() if kind == "attendance-sheet" and self.scope.currentData() else ""
        )
        if community:
            subject += f"@{community}"
        PrintPreviewDialog(self.db, self.actor, kind, subject, self).exec()

    # --- 考勤 ----------------------------------------------------------------------------------

    def import_file(self) -> None:
        chosen = file_dialogs.open_path(
            self,
            self.tr("导入打卡文件"),
            self.tr("考勤机文件 (*.dat *.txt *.csv *.xlsx *.xls);;所有文件 (*)"),
        )
        if not chosen:
            return
        db, actor, path = self.db, self.actor, Path(chosen)
        self._import_busy(self.tr("正在读取文件…"))
        tasks.run_read(
            lambda _report: preview_file(db, actor, path),
            lambda preview: self._map_columns(path, preview),
            always=self._import_ended,
            parent=self,
        )

    def _import_busy(self, text: str) -> None:
        self.buttons["import"].setEnabled(False)
        self.status.setText(text)

    def _map_columns(self, path: Path, preview: FilePreview) -> None:
        """Step 2: columns the file does not name are mapped by the operator (kept on import)."""
        mapping: ColumnMapping | None = None
        if preview.mapping is None:
            dialog = MappingDialog(preview, self)
            if not dialog.exec() or dialog.mapping is None:
                return
            mapping = dialog.mapping
        db, actor = self.db, self.actor
        self._import_busy(self.tr("正在检查文件…"))
        tasks.run_read(
            lambda _report: check_file(db, actor, path, mapping),
            lambda check: self._settle_unknown(path, mapping, check),
            always=self._import_ended,
            parent=self,
        )

    def _settle_unknown(self, path: Path, mapping: ColumnMapping | None, check: FileCheck) -> None:
        """Step 3: numbers nobody has are enrolled to a worker or their punches skipped, as chosen."""
        enrolments: dict[str, str] = {}
        skip = False
        if check.unknown and self.data is not None:
            dialog = UnknownNumbersDialog(
                check.unknown, self.data.people, attendance.pins(self.db, self.actor), self
            )
            if not dialog.exec():
                return
            enrolments, skip = dialog.enrolments, dialog.skipped > 0
        db, actor = self.db, self.actor
        self._import_busy(self.tr("正在导入…"))
        tasks.run_write(
            lambda report: import_punches(
                db, actor, path, report, mapping=mapping, enrol_numbers=enrolments, skip_unknown=skip
            ),
            self._imported,
            always=self._import_ended,
            parent=self,
        )

    def _imported(self, result: PunchImportResult) -> None:
        text = self.tr("文件 {rows} 条：新增 {added} 条").format(rows=result.in_file, added=result.added)
        if result.seen_before:
            text += self.tr("，其余 {count} 条已导入过").format(count=result.seen_before)
        if result.skipped:
            text += self.tr("，跳过未登记号码 {numbers} 的 {skipped} 条").format(
                numbers="、".join(result.skipped_numbers), skipped=result.skipped
            )
        text += self.tr("。")
        if result.enrolments:
            text += "\n" + self.tr("新登记：{list}").format(
                list="、".join(f"{pin} → {name}" for pin, name in result.enrolments)
            )
        QMessageBox.information(self, self.tr("导入完成"), text)
        self.reload()

    def edit_mappings(self) -> None:
        SavedMappingsDialog(self.db, self.actor, self).exec()

    def export_sheet(self) -> None:
        name = self.tr("考勤表{year}-{month:02d}.xlsx").format(year=self.year, month=self.month)
        chosen = file_dialogs.save_path(self, self.tr("导出考勤表"), name, self.tr("Excel 文件 (*.xlsx)"))
        if not chosen:
            return
        db, actor, year, month = self.db, self.actor, self.year, self.month
        community = self.scope.currentData()
        scope = str(community) if community else None
        tasks.run_write(
            lambda _report: attendance.export_sheet(db, actor, year, month, Path(chosen), scope),
            lambda count: self.status.setText(self.tr("已导出 {count} 人。").format(count=count)),
            parent=self,
        )

    def _import_ended(self) -> None:
        self.buttons["import"].setEnabled(True)
        self.status.setText("")

    def _chosen_person(self) -> str:
        """The worker selected in the 考勤 table, for the dialogs to open on ("" when none)."""
        row = self._selected(self.sheet_view, self.sheet_model)
        return row.person_id if row is not None else ""

    def punch(self, *, correction: bool) -> None:
        if self.data is not None:
            now = to_local(self.db.clock()).replace(tzinfo=None)
            dialog = PunchDialog(
                self.db, self.actor, self.data.people, now, correction=correction, chosen=self._chosen_person(),
                parent=self,
            )  # fmt: skip
            if dialog.exec():
                self.notice = self.tr("补签申请已提交。") if correction else self.tr("已保存。")
                self.reload()

    def decide_correction(self) -> None:
        waiting = attendance.corrections(self.db, self.actor, pending_only=True)
        if not waiting:
            QMessageBox.information(self, self.tr("审批补签"), self.tr("没有待审批的补签申请。"))
            return
        first = waiting[0]
        summary = self.tr("{name} {at}：{reason}（还有 {more} 条待审批）").format(
            name=first.name,
            at=first.at.strftime("%Y-%m-%d %H:%M"),
            reason=first.reason,
            more=len(waiting) - 1,
        )
        self._done(
            DecisionDialog(
                self.tr("审批补签"), summary,
                lambda ok, note: attendance.decide_correction(self.db, self.actor, first.id, ok, note), self,
            )
        )  # fmt: skip

    def edit_schedule(self) -> None:
        today = attendance.today(self.db)
        current = attendance.schedule_on(attendance.schedules(self.db), today)
        self._done(ScheduleDialog(self.db, self.actor, current, today, self))

    def edit_pin(self) -> None:
        if self.data is not None:
            pins = attendance.pins(self.db, self.actor)
            dialog = PinDialog(self.db, self.actor, self.data.people, pins, self._chosen_person(), self)
            if dialog.exec():
                self.notice = self.tr("已保存。")
                self.reload()

    # --- 请假 ----------------------------------------------------------------------------------

    def request_leave(self) -> None:
        if self.data is not None:
            self._done(LeaveDialog(self.db, self.actor, self.data.people, self._first_day(), self))

    def decide_leave(self) -> None:
        row = self._selected(self.leave_view, self.leave_model)
        if not self._need(row):
            return
        summary = self.tr("{name} {kind} {start} 至 {end}，共 {days} 天（{level}审批）。{reason}").format(
            name=row.name, kind=label(row.kind), start=row.start.isoformat(), end=row.end.isoformat(), days=row.days,
            level=label(row.level), reason=row.reason,
        )  # fmt: skip
        self._done(
            DecisionDialog(
                self.tr("审批请假"), summary,
                lambda ok, note: leave.decide_leave(self.db, self.actor, row.id, ok, note), self,
            )
        )  # fmt: skip

    def report_back(self) -> None:
        row = self._selected(self.leave_view, self.leave_model)
        if self._need(row):
            self._done(ReturnDialog(self.db, self.actor, row, attendance.today(self.db), self))
