"""The 考核评估 page's dialogs: a manager's adjustment, a worker's appeal, the decision on an appeal,
reopening a confirmed period, the records behind an indicator, and the scoring scheme. The service checks; its errors
appear beside the fields and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.assessment import reports, scoring
from desktop.services.assessment.indicators import PUNCH
from desktop.services.assessment.reports import Record, Sheet
from desktop.services.assessment.scheme import Scheme, SchemeInput, save_scheme
from desktop.services.common.text import ASSESSMENT_REASON, SCHEME_NAME
from desktop.views.forms import StepDialog, field, limited
from desktop.views.labels import label
from desktop.views.screen_fit import fit_window
from desktop.views.tables import ListTableModel, setup_read_only_table


class AdjustDialog(StepDialog):
    """加减分: a deduction rule of the scheme applied N times, or free points, with the reason."""

    def __init__(self, db: Database, actor: Actor, sheet: Sheet, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("加减分调整"), self.tr("保存"), parent)
        self.set_intro(
            self.tr("{name}，{period}：按扣分规则计次，或直接加减分；都须写明原因。").format(
                name=sheet.name, period=sheet.period_name
            )
        )
        f = self.form
        self.rule = field(f, "rule", self.tr("扣分规则"), QComboBox())
        self.rule.addItem(self.tr("直接加减分"), "")
        for item in sheet.scheme.items:
            if item.manual:
                self.rule.addItem(
                    self.tr("{label}（每次 {points} 分，上限 {cap} 分）").format(
                        label=item.label, points=f"{item.weight:g}", cap=f"{item.cap:g}"
                    ),
                    item.code,
                )
        self.count = field(f, "count", self.tr("次数"), QSpinBox())
        self.count.setRange(1, 99)
        self.points = field(f, "points", self.tr("分值"), QDoubleSpinBox())
        self.points.setRange(-100, 100)
        self.points.setDecimals(1)
        self.reason = field(
            f, "reason", self.tr("原因"), limited(QLineEdit(), ASSESSMENT_REASON), required=True
        )
        self.rule.currentIndexChanged.connect(self._rule_changed)
        self._rule_changed()

        def submit() -> float:
            code = str(self.rule.currentData() or "")
            if code:
                return scoring.adjust(
                    db, actor, sheet.result_id, self.reason.text(), rule_code=code, count=self.count.value()
                )
            return scoring.adjust(db, actor, sheet.result_id, self.reason.text(), points=self.points.value())

        self.submit = submit

    def _rule_changed(self) -> None:
        by_rule = bool(self.rule.currentData())
        self.count.setEnabled(by_rule)
        self.points.setEnabled(not by_rule)


class AppealDialog(StepDialog):
    """A worker's appeal against one deduction, taken down with its grounds."""

    def __init__(self, db: Database, actor: Actor, sheet: Sheet, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("考核申诉"), self.tr("提交申诉"), parent)
        self.set_intro(self.tr("{name}对以下扣分提出申诉，由中心负责人处理。").format(name=sheet.name))
        f = self.form
        self.item = field(f, "item", self.tr("申诉的扣分项"), QComboBox(), required=True)
        for line in sheet.lines:
            if line.appealable:
                self.item.addItem(f"{line.label}（{line.points:g}）", line.code)
        for a in sheet.adjustments:
            if a.points < 0:
                self.item.addItem(f"{a.rule_label}（{a.points:g}）：{a.reason}", f"adj:{a.id}")
        self.reason = field(
            f, "reason", self.tr("申诉理由"), limited(QLineEdit(), ASSESSMENT_REASON), required=True
        )
        self.submit = lambda: scoring.file_appeal(
            db, actor, sheet.result_id, str(self.item.currentData() or ""), self.reason.text()
        )


class AppealDecisionDialog(StepDialog):
    """支持 gives the deduction back, 驳回 keeps it; the reason is kept either way."""

    def __init__(
        self, db: Database, actor: Actor, appeal: reports.AppealRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("处理申诉"), self.tr("支持申诉"), parent)
        self.set_intro(
            self.tr("申诉项目：{item}（{points} 分）。理由：{reason}").format(
                item=appeal.item_label, points=f"{appeal.points:g}", reason=appeal.reason
            )
        )
        self.note = field(
            self.form, "note", self.tr("处理意见"), limited(QLineEdit(), ASSESSMENT_REASON), required=True
        )
        self.refuse = self.buttons.addButton(self.tr("驳回申诉"), self.buttons.ButtonRole.ActionRole)
        self.refuse.clicked.connect(self.save_refusal)
        self.submit = lambda: scoring.decide_appeal(db, actor, appeal.id, True, self.note.text())
        self._decide: Callable[[bool, str], None] = lambda ok, note: scoring.decide_appeal(
            db, actor, appeal.id, ok, note
        )

    def save_refusal(self) -> None:
        self.submit = lambda: self._decide(False, self.note.text())
        self.save()


class ReopenDialog(StepDialog):
    """A manager reopens a confirmed period, with the reason (audited)."""

    def __init__(
        self, db: Database, actor: Actor, period_id: str, period_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("重新开启考核"), self.tr("重新开启"), parent)
        self.set_intro(
            self.tr("{period}的考核已确认。重新开启后可重新计算、调整和处理申诉，原因记入审计日志。").format(
                period=period_name
            )
        )
        self.reason = field(
            self.form, "reason", self.tr("原因"), limited(QLineEdit(), ASSESSMENT_REASON), required=True
        )
        self.submit = lambda: scoring.reopen(db, actor, period_id, self.reason.text())


class RecordModel(ListTableModel[Record]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (self.tr("计入"), self.tr("编号"), self.tr("标题"), self.tr("状态"))

    def value(self, row: Record, column: int) -> Any:
        title = label(row.title) if row.source == PUNCH else row.title  # a punch's is the word 打卡
        return ("✓" if row.counted else "", row.number, title, label(row.state))[column]

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column == 0 else None


class RecordsDialog(QDialog):
    """The events, punches or cases an indicator was computed from; ✓ marks those counted."""

    def __init__(self, title: str, records: Sequence[Record], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.model = RecordModel()
        self.model.set_rows(records)
        self.view = QTableView()
        self.view.setModel(self.model)
        setup_read_only_table(self.view, wrap=False)
        self.view.resizeColumnsToContents()
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_window(self, 720, 480)


class SchemeDialog(StepDialog):
    """The scoring scheme: base score, grade thresholds, the first half's weight in the year, and each
    item's weight (or points per occurrence) and cap. Saving adds a version; periods already computed
    keep theirs. A reader sees it without the save button."""

    def __init__(self, db: Database, actor: Actor, scheme: Scheme, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("考核方案"), self.tr("保存为新版本"), parent)
        editable = actor.can(Permission.ASSESSMENT_EDIT)
        self.set_intro(
            self.tr("当前为第 {version} 版。保存后成为新版本，已计算的考核周期仍按原版本计分。").format(
                version=scheme.version or 1
            )
        )
        f = self.form
        self.name = field(
            f, "name", self.tr("方案名称"), limited(QLineEdit(scheme.name), SCHEME_NAME), required=True
        )
        self.base = field(f, "base", self.tr("基础分"), _number(scheme.base_score, 0, 100))
        self.excellent = field(f, "grades", self.tr("优秀（≥）"), _number(scheme.grade_excellent, 0, 200))
        self.passing = field(f, "grade_pass", self.tr("合格（≥）"), _number(scheme.grade_pass, 0, 200))
        self.basic = field(f, "grade_basic", self.tr("基本合格（≥）"), _number(scheme.grade_basic, 0, 200))
        self.first_half = field(
            f,
            "first_half_weight",
            self.tr("年度考核中上半年占比"),
            _number(scheme.first_half_weight * 100, 0, 100),
        )
        self.first_half.setSuffix(" %")
        self.items = QTableWidget(len(scheme.items), 5)
        self.items.setHorizontalHeaderLabels(
            [self.tr("类别"), self.tr("考核项目"), self.tr("计分方式"), self.tr("分值"), self.tr("上限")]
        )
        self.items.verticalHeader().hide()
        self.scheme = scheme
        for row, item in enumerate(scheme.items):
            for column, value in enumerate((label(item.group), item.label, label(item.kind))):
                cell = QTableWidgetItem(value)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.items.setItem(row, column, cell)
            self.items.setCellWidget(row, 3, _number(item.weight, -100, 100))
            self.items.setCellWidget(row, 4, _number(item.cap, 0, 100))
        self.items.resizeColumnsToContents()
        f.add_field("items", self.tr("考核项"), self.items)
        self.ok_button.setVisible(editable)
        self.submit = lambda: save_scheme(db, actor, self.entered())

    def entered(self) -> SchemeInput:
        items = []
        for row, item in enumerate(self.scheme.items):
            weight = self.items.cellWidget(row, 3)
            cap = self.items.cellWidget(row, 4)
            assert isinstance(weight, QDoubleSpinBox) and isinstance(cap, QDoubleSpinBox)
            items.append(replace(item, weight=weight.value(), cap=cap.value()))
        return SchemeInput(
            self.name.text(), self.base.value(), items, self.excellent.value(), self.passing.value(),
            self.basic.value(), self.first_half.value() / 100, self.scheme.posts, self.scheme.note,
        )  # fmt: skip


def _number(value: float, low: float, high: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(2)
    box.setValue(value)
    return box
