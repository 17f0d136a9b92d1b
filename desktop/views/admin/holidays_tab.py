"""节假日: the working-day table that event deadlines count on (放假 and 调休上班 days by year)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import to_local
from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.services.common import workdays
from desktop.views.forms import DateField, FieldForm, limited
from desktop.views.i18n import error_text
from desktop.views.icons import icon
from desktop.views.tables import setup_read_only_table


class HolidaysTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.rows: list[tuple[date, str, str]] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "事件的办理期限按工作日计算：周末和法定节假日不计，调休上班的周末计入。"
                "节假日表来自国家公布的安排，县级中心可同步更新；这里可以逐日修改。"
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("formHint")
        layout.addWidget(intro)

        self._build_year_row(layout)

        body = QHBoxLayout()
        self._build_table(body)
        self._build_day_editor(body)
        layout.addLayout(body, 1)

        self.year.valueChanged.connect(lambda _v: self.reload())
        self.table.itemSelectionChanged.connect(self._selected)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.name.returnPressed.connect(self.save)
        self.reload()

    def _build_year_row(self, layout: QVBoxLayout) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年份")))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setMinimumWidth(110)
        self.year.setValue(to_local(self.db.clock()).year)
        top.addWidget(self.year)
        self.summary = QLabel()
        top.addWidget(self.summary)
        top.addStretch(1)
        layout.addLayout(top)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("QLabel { background:#fff4d6; border:1px solid #f0b400; padding:6px; }")
        layout.addWidget(self.note)

    def _build_table(self, body: QHBoxLayout) -> None:
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("星期"), self.tr("安排"), self.tr("名称")]
        )
        setup_read_only_table(self.table)
        for index, width in enumerate((130, 70, 140)):
            self.table.setColumnWidth(index, width)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        body.addWidget(self.table, 3)

    def _build_day_editor(self, body: QHBoxLayout) -> None:
        box = QGroupBox(self.tr("修改某一天"))
        column = QVBoxLayout(box)
        self.form = FieldForm()
        self.day = DateField()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate(self.year.value(), 1, 1))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("放假（休）"), workdays.HOLIDAY)
        self.kind.addItem(self.tr("调休上班（班）"), workdays.WORKDAY)
        self.kind.addItem(self.tr("恢复为普通日（周一至周五上班，周末休息）"), "")
        self.name = limited(QLineEdit(), limits.HOLIDAY_NAME)
        self.name.setPlaceholderText(self.tr("如：国庆节、春节调休上班"))
        self.form.add_field("day", self.tr("日期"), self.day, required=True)
        self.form.add_field("kind", self.tr("安排"), self.kind, required=True)
        self.form.add_field("name", self.tr("名称"), self.name, hint=self.tr("周末放假的必须写明节日名称。"))
        column.addWidget(self.form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(icon("fa5s.save"), self.tr("保存这一天"))
        self.remove_button = QPushButton(icon("fa5s.trash-alt"), self.tr("删除所选"))
        self.remove_button.setEnabled(False)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        column.addStretch(1)
        body.addWidget(box, 2)

    def weekday(self, day: date) -> str:
        names = (
            self.tr("周一"), self.tr("周二"), self.tr("周三"), self.tr("周四"), self.tr("周五"), self.tr("周六"),
            self.tr("周日"),
        )  # fmt: skip
        return names[day.weekday()]

    def kind_text(self, kind: str) -> str:
        return self.tr("放假（休）") if kind == workdays.HOLIDAY else self.tr("调休上班（班）")

    def reload(self, select: date | None = None) -> None:
        year = self.year.value()
        self.rows = workdays.days_in_year(self.db, year)
        covered = workdays.load(self.db).covers(date(year, 1, 1))
        self.table.setRowCount(len(self.rows))
        for r, (day, kind, name) in enumerate(self.rows):
            values = (day.isoformat(), self.weekday(day), self.kind_text(kind), name)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 2:
                    item.setForeground(
                        Qt.GlobalColor.darkRed if kind == workdays.HOLIDAY else Qt.GlobalColor.darkBlue
                    )
                self.table.setItem(r, c, item)
        holidays = sum(1 for _d, kind, _n in self.rows if kind == workdays.HOLIDAY)
        self.summary.setText(
            self.tr("{year} 年：放假 {h} 天，调休上班 {w} 天").format(
                year=year, h=holidays, w=len(self.rows) - holidays
            )
        )
        self.note.setText(
            self.tr(
                "{year} 年不在节假日表中：该年的办理期限按正常周（周一至周五上班）计算，并在事件中标注"
                "“超出节假日表”。国家公布安排后，请在此录入或等待县级中心同步。"
            ).format(year=year)
        )
        self.note.setVisible(not covered)
        if select is not None:
            row = next((i for i, (d, _k, _n) in enumerate(self.rows) if d == select), -1)
            if row >= 0:
                self.table.selectRow(row)
        self.remove_button.setEnabled(bool(self.table.selectedItems()))

    def _selected(self) -> None:
        row = self.table.currentRow()
        has = 0 <= row < len(self.rows) and bool(self.table.selectedItems())
        self.remove_button.setEnabled(has)
        if has:
            day, kind, name = self.rows[row]
            self.day.setDate(QDate(day.year, day.month, day.day))
            self.kind.setCurrentIndex(self.kind.findData(kind))
            self.name.setText(name)

    def chosen_day(self) -> date:
        q = self.day.date()
        return date(q.year(), q.month(), q.day())

    def save(self) -> None:
        day = self.chosen_day()
        kind = str(self.kind.currentData() or "") or None
        self.status.clear()
        try:
            workdays.set_day(self.db, self.actor, day, kind, self.name.text())
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self.status.setText(self.tr("已保存：{day}").format(day=day.isoformat()))
        if self.year.value() != day.year:
            self.year.blockSignals(True)
            self.year.setValue(day.year)
            self.year.blockSignals(False)
        self.reload(select=day)

    def remove(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        day = self.rows[row][0]
        answer = QMessageBox.question(
            self,
            self.tr("删除"),
            self.tr("把 {day} 恢复为普通日（按星期几决定上班或休息）？").format(day=day.isoformat()),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            workdays.set_day(self.db, self.actor, day, None)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法完成"), error_text(exc))
            return
        self.status.setText(self.tr("已恢复为普通日：{day}").format(day=day.isoformat()))
        self.reload()
