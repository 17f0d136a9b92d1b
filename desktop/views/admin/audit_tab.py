"""Audit-log viewer: filters, a paged SQL-backed table, details, and chain verification."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import CHINA_TZ, format_local, to_local, utc_now
from desktop.db import Database
from desktop.models import AuditEntry
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.services.system import audit
from desktop.services.system.audit import AuditFilter, ChainReport
from desktop.views.flow_layout import FlowLayout, grows, labelled
from desktop.views.forms import DateField, limited, qdate
from desktop.views.icons import icon
from desktop.views.labels import add_words, label
from desktop.views.tables import Index, ListTableModel, setup_read_only_table
from desktop.views.tasks import run_read

OBJECT_COLUMN = 5


class AuditTableModel(ListTableModel[AuditEntry]):
    """Newest first; fetches 200 rows at a time as the view scrolls (keyset paging on seq)."""

    PAGE = 200

    def __init__(self, db: Database, actor: Actor) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.filter = AuditFilter()
        self.exhausted = False
        # (object type, id) -> a readable name, filled page by page (ids stay in the tooltip).
        self.object_labels: dict[tuple[str, str], str] = {}
        self.headers = (
            self.tr("时间"),
            self.tr("用户"),
            self.tr("工作站"),
            self.tr("操作"),
            self.tr("对象类型"),
            self.tr("对象"),
            self.tr("结果"),
            self.tr("摘要"),
        )

    def set_filter(self, f: AuditFilter) -> None:
        # The first page is loaded inside the reset, so views see one change, not a reset plus an insert.
        self.beginResetModel()
        self.filter = f
        self.object_labels = {}
        self.rows = self._page(None)
        self.exhausted = len(self.rows) < self.PAGE
        self.endResetModel()

    def _page(self, before_seq: int | None) -> list[AuditEntry]:
        rows = audit.query(self.db, self.actor, self.filter, before_seq=before_seq, limit=self.PAGE)
        self.object_labels.update(audit.object_labels(self.db, self.actor, rows))
        return rows

    def object_text(self, row: AuditEntry) -> str:
        return self.object_labels.get((row.object_type, row.object_id), row.object_id)

    def value(self, row: AuditEntry, column: int) -> str:
        values = (
            format_local(row.at, with_seconds=True),
            row.username,
            row.workstation,
            row.action,
            row.object_type,
            self.object_text(row),
            label(row.result),
            row.summary,
        )
        return values[column]

    def tooltip(self, row: AuditEntry, column: int) -> str | None:
        if column == OBJECT_COLUMN and self.object_text(row) != row.object_id:
            return self.tr("{name}\n编号：{id}").format(name=self.object_text(row), id=row.object_id)
        return self.value(row, column)  # long summaries and object ids are cut short in the cell

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self.exhausted:
            return
        page = self._page(self.rows[-1].seq if self.rows else None)
        if len(page) < self.PAGE:
            self.exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def entry(self, row: int) -> AuditEntry:
        return self.rows[row]


class AuditTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        layout = QVBoxLayout(self)
        self._build_filters(layout)
        self._build_bar(layout)
        self._build_table(layout)
        self._connect_signals()
        self.apply_filter()

    def _build_filters(self, layout: QVBoxLayout) -> None:
        filters = FlowLayout()  # wraps on a narrow screen
        # The centre works in China time, whatever the PC's own time zone says.
        today = qdate(to_local(utc_now()).date())
        self.since = DateField(today.addDays(-30))
        self.until = DateField(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.user = QComboBox()
        self.action = QComboBox()
        self.object_type = QComboBox()
        self.result = QComboBox()
        self.text = limited(QLineEdit(), limits.SEARCH)
        self.text.setPlaceholderText(self.tr("摘要或对象中包含的文字"))
        self.text.setClearButtonEnabled(True)
        self._fill_choices()
        self.text.setMinimumWidth(200)
        filters.addWidget(labelled(self.tr("从"), self.since))
        filters.addWidget(labelled(self.tr("到"), self.until))
        filters.addWidget(labelled(self.tr("用户"), self.user))
        filters.addWidget(labelled(self.tr("操作"), self.action))
        filters.addWidget(labelled(self.tr("对象类型"), self.object_type))
        filters.addWidget(labelled(self.tr("结果"), self.result))
        filters.addWidget(grows(labelled(self.tr("关键字"), self.text)))
        layout.addLayout(filters)

    def _build_bar(self, layout: QVBoxLayout) -> None:
        bar = QHBoxLayout()
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        bar.addWidget(self.progress)
        self.verify_button = QPushButton(icon("fa5s.link"), self.tr("校验审计链"))
        self.verify_button.setToolTip(self.tr("逐条核对审计记录的哈希链，发现被改动或删除的记录"))
        self.verify_button.clicked.connect(self.verify)
        bar.addWidget(self.verify_button)
        layout.addLayout(bar)

    def _build_table(self, layout: QVBoxLayout) -> None:
        self.model = AuditTableModel(self.db, self.actor)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table, multi=True, wrap=False)
        for column, width in enumerate((190, 90, 110, 110, 100, 140, 60)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self.show_detail)
        layout.addWidget(self.table)

    def _connect_signals(self) -> None:
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(300)
        self.debounce.timeout.connect(self.apply_filter)
        self.text.textChanged.connect(lambda _t: self.debounce.start())
        for widget in (self.user, self.action, self.object_type, self.result):
            widget.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _d: self.apply_filter())

    def _fill_choices(self) -> None:
        choices = audit.distinct_values(self.db, self.actor)
        for combo, key in (
            (self.user, "username"),
            (self.action, "action"),
            (self.object_type, "object_type"),
        ):
            combo.addItem(self.tr("全部"), "")
            for value in choices[key]:
                combo.addItem(value, value)
        self.result.addItem(self.tr("全部"), "")
        add_words(self.result, ("成功", "失败", "拒绝"))

    def current_filter(self) -> AuditFilter:
        def start_of(day: QDate) -> datetime:
            return datetime(day.year(), day.month(), day.day(), tzinfo=CHINA_TZ)

        return AuditFilter(
            since=start_of(self.since.date()),
            until=start_of(self.until.date()) + timedelta(days=1),
            username=self.user.currentData() or "",
            action=self.action.currentData() or "",
            object_type=self.object_type.currentData() or "",
            result=self.result.currentData() or "",
            text=self.text.text().strip(),
        )

    def apply_filter(self) -> None:
        f = self.current_filter()
        self.model.set_filter(f)
        total = audit.count(self.db, self.actor, f)
        self.count_label.setText(self.tr("共 {n} 条记录").format(n=total))

    def show_detail(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        name = self.model.object_text(entry)
        shown = f"{name}（{entry.object_id}）" if name != entry.object_id else entry.object_id
        detail = entry.detail
        if detail:
            with contextlib.suppress(ValueError):  # shown as stored if it is not JSON
                detail = json.dumps(json.loads(detail), ensure_ascii=False, indent=2)
        QMessageBox.information(
            self,
            self.tr("审计记录 #{seq}").format(seq=entry.seq),
            f"{format_local(entry.at, True)}  {entry.username}  {entry.action}  {label(entry.result)}\n"
            f"{entry.object_type} {shown}\n{entry.summary}\n\n{detail}",
        )

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        db = self.db

        def work(progress: Any) -> ChainReport:
            return audit.verify_chain(db, progress=progress)

        def on_progress(done: int, total: int) -> None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

        run_read(work, self._verified, on_progress=on_progress, always=self._verify_ended, parent=self)

    def _verify_ended(self) -> None:
        self.progress.hide()
        self.verify_button.setEnabled(True)

    def _verified(self, report: ChainReport) -> None:
        self.last_report = report
        if report.ok:
            QMessageBox.information(
                self,
                self.tr("审计链完整"),
                self.tr("已核对 {n} 条记录，没有发现改动。").format(n=report.rows_checked),
            )
        else:
            QMessageBox.critical(
                self,
                self.tr("审计链被破坏"),
                self.tr(
                    "第 {seq} 条记录与前后记录对不上，审计日志可能被改动或删除过，请报告信息化负责人。"
                ).format(seq=report.broken_at)
                if report.broken_at is not None
                else self.tr("{findings}\n\n请报告信息化负责人。").format(
                    findings="\n".join(f.zh for f in report.findings)
                ),
            )
