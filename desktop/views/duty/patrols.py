"""The 值班考勤 page's 巡查走访 tab: the month's patrol log and visits, who is behind the norm (workers
and households), and the dialogs that record a patrol or a visit, add a household and set a norm.
Everything the tab shows is read in one go on the reader pool when the page's month changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import text as limits
from desktop.services.workforce import patrols, visits
from desktop.services.workforce.duty import month_range
from desktop.services.workforce.patrols import GridPost
from desktop.views import tasks
from desktop.views.flow_layout import FlowLayout
from desktop.views.forms import DateField, StepDialog, field, limited, qdate
from desktop.views.i18n import error_text
from desktop.views.labels import add_words, label
from desktop.views.tables import ListTableModel, setup_read_only_table


class TimeField(QTimeEdit):
    """A time box that one Tab leaves (Qt's own walks from the hour to the minute first)."""

    def __init__(self, value: time, parent: QWidget | None = None) -> None:
        super().__init__(QTime(value.hour, value.minute), parent)
        self.setDisplayFormat("HH:mm")

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()  # typing 0930 replaces the time

    def value(self) -> time:
        t = self.time()
        return time(t.hour(), t.minute())


def period_label(period: str) -> str:
    return {
        "月": QCoreApplication.translate("Patrols", "每月"),
        "季度": QCoreApplication.translate("Patrols", "每季度"),
        "半年": QCoreApplication.translate("Patrols", "每半年"),
        "年": QCoreApplication.translate("Patrols", "每年"),
    }.get(period, period)


def norm_text(period: str, times: int) -> str:
    """每月至少 1 次 / at least 1 a month."""
    return QCoreApplication.translate("Patrols", "{period}至少 {times} 次").format(
        period=period_label(period), times=times
    )


def _day(box: DateField) -> date:
    d = box.date()
    return date(d.year(), d.month(), d.day())


def _post_box(posts: Sequence[GridPost]) -> QComboBox:
    """One item per post; its data is "person id/grid id" (plain text survives in a combo's data)."""
    box = QComboBox()
    for p in posts:
        box.addItem(f"{p.name}（{p.grid_name}·{label(p.post)}）", f"{p.person_id}/{p.grid_id}")
    return box


# --- dialogs -------------------------------------------------------------------------------------


class PatrolDialog(StepDialog):
    def __init__(
        self, db: Database, actor: Actor, posts: Sequence[GridPost], day: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("登记巡查"), self.tr("保存"), parent)
        self.set_intro(
            self.tr("专职网格员每个工作日巡查一次；巡查中上报的事件在事件登记中录入，渠道选“网格员上报”。")
        )
        f = self.form
        self.person = field(f, "person", self.tr("网格员"), _post_box(posts), required=True)
        self.day = field(f, "day", self.tr("巡查日期"), DateField(qdate(day)), required=True)
        self.start = field(f, "start", self.tr("开始时间"), TimeField(time(8, 30)), required=True)
        self.end = field(f, "end", self.tr("结束时间"), TimeField(time(10, 30)), required=True)
        self.route = field(
            f, "route", self.tr("路线和地点"), limited(QPlainTextEdit(), limits.PATROL_ROUTE), required=True
        )
        self.route.setTabChangesFocus(True)
        self.findings = field(
            f, "findings", self.tr("发现情况"), limited(QPlainTextEdit(), limits.PATROL_FINDINGS)
        )
        self.findings.setTabChangesFocus(True)
        self.events_found = field(f, "events_found", self.tr("发现问题数"), QSpinBox())
        self.events_found.setRange(0, patrols.MAX_EVENTS_FOUND)

        def submit() -> str:
            person_id, _, grid_id = str(self.person.currentData() or "").partition("/")
            return patrols.record_patrol(
                db, actor,
                patrols.PatrolInput(
                    person_id, grid_id, _day(self.day), self.start.value(), self.end.value(),
                    self.route.toPlainText(), self.findings.toPlainText(), self.events_found.value(),
                ),
            )  # fmt: skip

        self.submit = submit


class VisitDialog(StepDialog):
    """The household first; the worker list then holds only those posted in its grid."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        homes: Sequence[visits.HouseholdRow],
        posts: Sequence[GridPost],
        day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("登记走访"), self.tr("保存"), parent)
        self.posts = list(posts)
        self.grid_of: dict[str, str] = {}
        f = self.form
        self.household = field(f, "household", self.tr("住户"), QComboBox(), required=True)
        for h in homes:
            if h.ended_on is None:
                self.household.addItem(f"{h.grid_name} · {h.label}（{label(h.category)}）", h.id)
                self.grid_of[h.id] = h.grid_id
        self.person = field(f, "person", self.tr("走访人"), QComboBox(), required=True)
        self.day = field(f, "day", self.tr("走访日期"), DateField(qdate(day)), required=True)
        self.way = field(f, "way", self.tr("方式"), QComboBox())
        add_words(self.way, visits.WAYS)
        self.note = field(f, "note", self.tr("走访情况"), limited(QLineEdit(), limits.VISIT_NOTE))
        self.household.currentIndexChanged.connect(lambda *_: self._fill_workers())
        self._fill_workers()

        def submit() -> str:
            return visits.record_visit(
                db, actor,
                visits.VisitInput(
                    str(self.household.currentData() or ""), str(self.person.currentData() or ""), _day(self.day),
                    str(self.way.currentData()), self.note.text(),
                ),
            )  # fmt: skip

        self.submit = submit

    def _fill_workers(self) -> None:
        grid_id = self.grid_of.get(str(self.household.currentData() or ""))
        self.person.clear()
        seen: set[str] = set()
        for p in self.posts:
            if p.grid_id == grid_id and p.person_id not in seen:
                seen.add(p.person_id)
                self.person.addItem(f"{p.name}（{label(p.post)}）", p.person_id)


class HouseholdDialog(StepDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        grids: Sequence[tuple[str, str]],
        categories: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("新增住户"), self.tr("保存"), parent)
        self.set_intro(self.tr("走访按户别的走访标准计算；户主姓名和电话按个人信息保护显示。"))
        f = self.form
        self.grid = field(f, "grid", self.tr("网格"), QComboBox(), required=True)
        for grid_id, name in grids:
            self.grid.addItem(name, grid_id)
        self.label = field(
            f, "label", self.tr("户名或门牌"), limited(QLineEdit(), limits.HOUSEHOLD_LABEL), required=True
        )
        self.category = field(f, "category", self.tr("户别"), QComboBox(), required=True)
        add_words(self.category, categories)
        self.address = field(f, "address", self.tr("地址"), limited(QLineEdit(), limits.ADDRESS))
        self.head_name = field(f, "head_name", self.tr("户主"), limited(QLineEdit(), limits.PERSON_NAME))
        self.head_phone = field(f, "head_phone", self.tr("联系电话"), limited(QLineEdit(), limits.PHONE))
        self.note = field(f, "note", self.tr("备注"), limited(QLineEdit(), limits.HOUSEHOLD_NOTE))
        self.submit = lambda: visits.add_household(
            db, actor,
            visits.HouseholdInput(
                str(self.grid.currentData() or ""), self.label.text(), str(self.category.currentData() or ""),
                self.address.text(), self.head_name.text(), self.head_phone.text(), self.note.text(),
            ),
        )  # fmt: skip


class NormDialog(StepDialog):
    def __init__(
        self, db: Database, actor: Actor, norms: Sequence[visits.Norm], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("走访标准"), self.tr("保存"), parent)
        self.set_intro(
            self.tr("现行标准：{norms}。选择户别（或输入新的户别）设定走访次数。").format(
                norms="；".join(f"{label(n.category)} {norm_text(n.period, n.times)}" for n in norms)
            )
        )
        f = self.form
        self.category = field(f, "category", self.tr("户别"), QComboBox(), required=True)
        self.category.setEditable(True)
        for n in norms:
            self.category.addItem(n.category, n)  # editable: the stored word, which a new one joins
        self.period = field(f, "period", self.tr("周期"), QComboBox())
        for period in visits.PERIOD_MONTHS:
            self.period.addItem(period_label(period), period)
        self.times = field(f, "times", self.tr("至少次数"), QSpinBox())
        self.times.setRange(1, visits.MAX_TIMES)
        self.category.currentIndexChanged.connect(lambda *_: self._show_norm())
        self._show_norm()
        self.submit = lambda: visits.set_norm(
            db, actor, self.category.currentText(), str(self.period.currentData()), self.times.value()
        )

    def _show_norm(self) -> None:
        norm = self.category.currentData()
        if isinstance(norm, visits.Norm):
            self.period.setCurrentIndex(self.period.findData(norm.period))
            self.times.setValue(norm.times)


# --- the tab -------------------------------------------------------------------------------------


class PatrolModel(ListTableModel[patrols.PatrolRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("日期"), self.tr("时间"), self.tr("网格员"), self.tr("网格"), self.tr("发现问题"),
            self.tr("路线和地点"), self.tr("发现情况"),
        )  # fmt: skip

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column == 4 else None

    def value(self, row: patrols.PatrolRow, column: int) -> Any:
        return (
            row.day.isoformat(), f"{row.start:%H:%M}–{row.end:%H:%M}", row.name, row.grid_name, row.events_found,
            row.route.replace("\n", " "), row.findings.replace("\n", " "),
        )[column]  # fmt: skip


class VisitModel(ListTableModel[visits.VisitRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("日期"), self.tr("网格"), self.tr("住户"), self.tr("户别"), self.tr("走访人"), self.tr("方式"),
            self.tr("走访情况"),
        )  # fmt: skip

    def value(self, row: visits.VisitRow, column: int) -> Any:
        return (
            row.day.isoformat(), row.grid_name, row.household, label(row.category), row.name, label(row.way),
            row.note,
        )[column]  # fmt: skip


class BehindWorkerModel(ListTableModel[patrols.WorkerBehind]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("网格员"), self.tr("网格"), self.tr("岗位"), self.tr("巡查天数"), self.tr("应巡查"),
            self.tr("少巡查"), self.tr("未达标住户"), self.tr("本月走访"),
        )  # fmt: skip

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column >= 3 else None

    def value(self, row: patrols.WorkerBehind, column: int) -> Any:
        return (
            row.name, row.grids, label(row.post), row.patrol_days, row.working_days, row.patrols_short,
            row.households_behind, row.visits_done,
        )[column]  # fmt: skip


class BehindHouseholdModel(ListTableModel[visits.HouseholdBehind]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("网格"), self.tr("住户"), self.tr("户别"), self.tr("走访标准"), self.tr("本期已走访"),
            self.tr("应走访"), self.tr("最近走访"),
        )  # fmt: skip

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignCenter if column in (4, 5) else None

    def value(self, row: visits.HouseholdBehind, column: int) -> Any:
        last = row.last_visit.isoformat() if row.last_visit else self.tr("无")
        norm = norm_text(row.period, row.times)
        return (row.grid_name, row.label, label(row.category), norm, row.done, row.due, last)[column]


@dataclass(frozen=True)
class PatrolMonth:
    year: int
    month: int
    patrol_rows: list[patrols.PatrolRow]
    visit_rows: list[visits.VisitRow]
    workers_behind: list[patrols.WorkerBehind]
    households_behind: list[visits.HouseholdBehind]
    posts: list[GridPost]
    homes: list[visits.HouseholdRow]
    norms: list[visits.Norm]


def read_month(db: Database, actor: Actor, year: int, month: int) -> PatrolMonth:
    first, last = month_range(year, month)
    return PatrolMonth(
        year, month,
        patrols.patrols(db, actor, first, last), visits.visits(db, actor, first, last),
        patrols.workers_behind(db, actor, year, month), visits.households_behind(db, actor, year, month),
        patrols.grid_posts(db, actor, first, last), visits.households(db, actor), visits.norms(db, actor),
    )  # fmt: skip


class PatrolTab(QWidget):
    """Told the month by the page (`load`); reads it on the reader pool and shows four lists."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.year, self.month = 0, 0
        self.data: PatrolMonth | None = None
        can_edit, can_register = actor.can(Permission.DUTY_EDIT), actor.can(Permission.GRID_EDIT)
        column = QVBoxLayout(self)
        holder = QWidget()
        flow = FlowLayout(holder)
        column.addWidget(holder)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, allowed in (
            ("add_patrol", self.tr("登记巡查…"), self.add_patrol, can_edit),
            ("add_visit", self.tr("登记走访…"), self.add_visit, can_edit),
            ("remove_patrol", self.tr("删除巡查"), self.remove_patrol, can_edit),
            ("add_household", self.tr("新增住户…"), self.add_household, can_register),
            ("norms", self.tr("走访标准…"), self.edit_norms, can_register),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setVisible(allowed)
            flow.addWidget(button)
            self.buttons[key] = button
        self.grid_filter = QComboBox()
        self.grid_filter.addItem(self.tr("全部网格"), None)
        self.grid_filter.activated.connect(lambda *_: self._fill())
        flow.addWidget(self.grid_filter)
        self.summary = QLabel()
        self.summary.setObjectName("formHint")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.lists = QTabWidget()
        column.addWidget(self.lists, 1)
        self.patrol_model, self.visit_model = PatrolModel(), VisitModel()
        self.worker_model, self.household_model = BehindWorkerModel(), BehindHouseholdModel()
        self.patrol_view = self._table(self.patrol_model)
        self.views = [
            self.patrol_view, self._table(self.visit_model), self._table(self.worker_model),
            self._table(self.household_model),
        ]  # fmt: skip
        for view, title in zip(
            self.views, (self.tr("巡查记录"), self.tr("走访记录"), self.tr("未达标人员"), self.tr("未达标住户")),
            strict=True,
        ):  # fmt: skip
            self.lists.addTab(view, title)

    def _table(self, model: ListTableModel[Any]) -> QTableView:
        view = QTableView()
        view.setModel(model)
        setup_read_only_table(view, wrap=False)
        return view

    def load(self, year: int, month: int) -> None:
        self.year, self.month = year, month
        db, actor = self.db, self.actor
        self.summary.setText(self.tr("正在读取…"))
        tasks.run_read(lambda _report: read_month(db, actor, year, month), self._show, parent=self)

    def reload(self) -> None:
        self.load(self.year, self.month)

    def _show(self, data: PatrolMonth) -> None:
        if (data.year, data.month) != (self.year, self.month):
            return  # a later month was asked for meanwhile
        self.data = data
        chosen = self.grid_filter.currentData()
        self.grid_filter.clear()
        self.grid_filter.addItem(self.tr("全部网格"), None)
        for grid_id, name in dict.fromkeys((p.grid_id, p.grid_name) for p in data.posts):
            self.grid_filter.addItem(name, grid_id)
            if grid_id == chosen:
                self.grid_filter.setCurrentIndex(self.grid_filter.count() - 1)
        self._fill()

    def _fill(self) -> None:
        """The lists for the grid chosen in the filter (all grids: None); no new read."""
        data = self.data
        if data is None:
            return
        grid = self.grid_filter.currentData()
        people = {p.person_id for p in data.posts if p.grid_id == grid}
        patrol_rows = [r for r in data.patrol_rows if grid is None or r.grid_id == grid]
        visit_rows = [r for r in data.visit_rows if grid is None or r.grid_id == grid]
        workers = [r for r in data.workers_behind if grid is None or r.person_id in people]
        homes = [r for r in data.households_behind if grid is None or r.grid_id == grid]
        self.patrol_model.set_rows(patrol_rows)
        self.visit_model.set_rows(visit_rows)
        self.worker_model.set_rows(workers)
        self.household_model.set_rows(homes)
        for view in self.views:
            view.resizeColumnsToContents()
        self.summary.setText(
            self.tr(
                "本月巡查 {patrols} 次，走访 {visits} 户次；未达标网格员 {workers} 人，未达标住户 {homes} 户。"
            ).format(patrols=len(patrol_rows), visits=len(visit_rows), workers=len(workers), homes=len(homes))
        )

    def _first_day(self) -> date:
        from desktop.services.workforce.attendance import today

        now = today(self.db)
        return now if (now.year, now.month) == (self.year, self.month) else date(self.year, self.month, 1)

    def _done(self, dialog: StepDialog) -> None:
        if dialog.exec():
            self.reload()

    def add_patrol(self) -> None:
        if self.data is not None:
            self._done(PatrolDialog(self.db, self.actor, self.data.posts, self._first_day(), self))

    def add_visit(self) -> None:
        if self.data is not None:
            self._done(
                VisitDialog(self.db, self.actor, self.data.homes, self.data.posts, self._first_day(), self)
            )

    def add_household(self) -> None:
        if self.data is None:
            return
        grids = sorted({(p.grid_id, p.grid_name) for p in self.data.posts}, key=lambda g: g[1])
        categories = [n.category for n in self.data.norms]
        self._done(HouseholdDialog(self.db, self.actor, grids, categories, self))

    def edit_norms(self) -> None:
        if self.data is not None:
            self._done(NormDialog(self.db, self.actor, self.data.norms, self))

    def remove_patrol(self) -> None:
        index = self.patrol_view.currentIndex()
        row = self.patrol_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            QMessageBox.information(self, self.tr("请先选择"), self.tr("请先在巡查记录中选择一行。"))
            return
        answer = QMessageBox.question(
            self, self.tr("删除巡查"),
            self.tr("删除 {day} {name} 的巡查记录？").format(day=row.day.isoformat(), name=row.name),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            patrols.remove_patrol(self.db, self.actor, row.id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法完成"), error_text(exc))
        self.reload()
