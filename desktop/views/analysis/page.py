"""统计分析: the town's events for a period at a glance; every figure opens the events behind it."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor
from desktop.services.analysis import dashboard
from desktop.services.analysis.dashboard import Dashboard, PeriodKind
from desktop.services.common.changes import Changes
from desktop.services.common.files import write_bytes_atomically
from desktop.services.events.queries import RED, SUPERVISED, YELLOW, EventFilter, today_of
from desktop.views import file_dialogs
from desktop.views.analysis.charts import BarChart
from desktop.views.flow_layout import FlowLayout
from desktop.views.forms import DateField
from desktop.views.i18n import current_language, error_text
from desktop.views.icons import icon
from desktop.views.labels import label
from desktop.views.notifier import ChangeNotifier
from desktop.views.tables import StretchWithFloor
from desktop.views.tasks import report_failure, run_read

CATEGORY_BARS = 10  # the chart shows the most frequent categories; the xlsx has them all
DATE_PAUSE_MS = 400  # a custom date counts again this long after its last change

# A chart's data for the xlsx: headers, then rows.
Table = tuple[Sequence[str], Sequence[Sequence[Any]]]


def _day(value: date) -> str:
    return value.isoformat()


def _month_label(month: date, *, with_year: bool = False) -> str:
    """「11月」, or Nov in English: twelve of them fit side by side on a small screen. With the year
    (the first month shown and each January) it is a second line on top, 「2025年」 over 「12月」."""
    if current_language() == "en":
        name = calendar.month_abbr[month.month]
        return f"{name}\n{month.year}" if with_year else name
    return f"{month.year}年\n{month.month}月" if with_year else f"{month.month}月"


class ChartBox(QGroupBox):
    """A titled chart (or table) with its two exports: the picture as PNG, the data as xlsx."""

    def __init__(self, title: str, body: QWidget, page: DashboardPage) -> None:
        super().__init__(title)
        self.body, self.page = body, page
        self.table: Callable[[], Table] = lambda: ((), ())
        column = QVBoxLayout(self)
        column.addWidget(body, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.png_button = QPushButton(icon("fa5s.image"), self.tr("导出图片"))
        self.xlsx_button = QPushButton(icon("fa5s.file-excel"), self.tr("导出数据"))
        self.png_button.clicked.connect(self.choose_png)
        self.xlsx_button.clicked.connect(self.choose_xlsx)
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.xlsx_button)
        column.addLayout(buttons)

    def _file_name(self, suffix: str) -> str:
        return f"{self.title()}-{today_of(self.page.db).strftime('%Y%m%d')}.{suffix}"

    def choose_png(self) -> None:
        path = file_dialogs.save_path(
            self, self.tr("导出图片"), self._file_name("png"), self.tr("PNG 图片 (*.png)")
        )
        if path:
            self.save_png(Path(path))

    def choose_xlsx(self) -> None:
        path = file_dialogs.save_path(
            self, self.tr("导出数据"), self._file_name("xlsx"), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            self.save_xlsx(Path(path))

    def save_png(self, path: Path) -> None:
        data = self.body.png() if isinstance(self.body, BarChart) else _widget_png(self.body)
        self._saving(lambda: write_bytes_atomically(path, data))

    def save_xlsx(self, path: Path) -> None:
        headers, rows = self.table()
        self._saving(lambda: dashboard.write_table_xlsx(path, self.title(), headers, rows))

    def _saving(self, save: Callable[[], None]) -> None:
        try:
            save()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), self.tr("无法写入文件：{e}").format(e=exc))


def _widget_png(widget: QWidget) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class DashboardPage(QWidget):
    # The events behind a figure and what to call them: the main window opens them in 事件中心.
    open_events = Signal(object, str)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        notifier: ChangeNotifier | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.data: Dashboard | None = None
        self.asked = 0  # reads started; a result is shown only if no later one was asked for
        # Events changed elsewhere: counted again when the page is next shown, not behind the user's back.
        self.stale = False
        if notifier is not None:
            notifier.changed.connect(self.apply_changes)
        outer = QVBoxLayout(self)
        self._build_period_bar(outer)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        self.content = QVBoxLayout(content)
        self.content.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        self.tiles = FlowLayout()
        self.content.addLayout(self.tiles)
        self.tile_buttons: dict[str, QPushButton] = {}
        self.tile_targets: dict[str, tuple[EventFilter, str]] = {}
        self._build_charts()
        self.refresh()

    # --- building ------------------------------------------------------------------------------------
    def _build_period_bar(self, outer: QVBoxLayout) -> None:
        bar = FlowLayout()
        self.kind = QComboBox()
        names = {
            PeriodKind.THIS_MONTH: self.tr("本月"),
            PeriodKind.LAST_MONTH: self.tr("上月"),
            PeriodKind.THIS_QUARTER: self.tr("本季度"),
            PeriodKind.THIS_YEAR: self.tr("本年"),
            PeriodKind.CUSTOM: self.tr("自定义时段"),
        }
        for kind, name in names.items():
            self.kind.addItem(name, kind.value)
        today = today_of(self.db)
        self.start = DateField(QDate(today.year, today.month, 1))
        self.end = DateField(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.custom = QWidget()  # the range wraps as one piece
        span = QHBoxLayout(self.custom)
        span.setContentsMargins(0, 0, 0, 0)
        span.addWidget(self.start)
        span.addWidget(QLabel("—"))
        span.addWidget(self.end)
        self.custom.setVisible(False)
        self.refresh_button = QPushButton(icon("fa5s.sync-alt"), self.tr("刷新"))
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.setToolTip("F5")
        self.period_label = QLabel()
        self.period_label.setObjectName("formHint")
        self.period_label.setWordWrap(True)
        period_title = QLabel(self.tr("统计时段"))
        bar.addWidget(period_title)
        bar.addWidget(self.kind)
        bar.addWidget(self.custom)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.period_label)
        outer.addLayout(bar)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.refresh_button.clicked.connect(self.refresh)
        # A changed date counts again by itself once the typing or the spinning pauses.
        self.date_timer = QTimer(self)
        self.date_timer.setSingleShot(True)
        self.date_timer.setInterval(DATE_PAUSE_MS)
        self.date_timer.timeout.connect(self.refresh)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._date_changed)

    def _chart(self, key: str, title: str, horizontal: bool = True) -> BarChart:
        chart = BarChart(horizontal=horizontal)
        chart.empty_text = self.tr("本时段没有事件")
        chart.clicked.connect(lambda category, series, k=key: self.chart_clicked(k, category, series))
        self.charts[key] = chart
        self.boxes[key] = ChartBox(title, chart, self)
        return chart

    def _build_charts(self) -> None:
        self.charts: dict[str, BarChart] = {}
        self.boxes: dict[str, ChartBox] = {}
        # What a click on chart `key` opens: per category, per series.
        self.targets: dict[str, list[list[tuple[EventFilter, str]]]] = {}
        self._chart("trend", self.tr("月度趋势（同比）"), horizontal=False)
        self._chart("state", self.tr("按状态"))
        self._chart("channel", self.tr("按来源渠道"))
        self._chart("category", self.tr("按事项类别（前 {n} 项）").format(n=CATEGORY_BARS))
        self._chart("mediation", self.tr("矛盾调解结果"))
        self.hot_spots = QTableWidget(0, 5)
        self.hot_spots.setHorizontalHeaderLabels(
            [self.tr("网格"), self.tr("事项类别"), self.tr("本期"), self.tr("上期"), self.tr("增减")]
        )
        self.hot_spots.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hot_spots.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hot_spots.verticalHeader().setVisible(False)
        header = self.hot_spots.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # 事项类别 takes what the others leave, at least a long category's width: with Qt's Stretch it
        # fell to 「…」 under a header reading 「页类」 at 150 % (cold test 26).
        floor = self.hot_spots.fontMetrics().horizontalAdvance("婚姻家庭和邻里纠纷") + 24
        self.hot_spots_width = StretchWithFloor(self.hot_spots, 1, floor)
        self.hot_spots.setMinimumHeight(self.hot_spots.fontMetrics().height() * 12)
        self.hot_spots.cellClicked.connect(lambda row, _c: self.hot_spot_clicked(row))
        self.hot_spots.cellActivated.connect(lambda row, _c: self.hot_spot_clicked(row))
        self.boxes["hot_spots"] = ChartBox(self.tr("热点研判（网格 × 事项类别）"), self.hot_spots, self)
        grid = QGridLayout()
        grid.addWidget(self.boxes["trend"], 0, 0, 1, 2)
        grid.addWidget(self.boxes["state"], 1, 0)
        grid.addWidget(self.boxes["channel"], 1, 1)
        grid.addWidget(self.boxes["category"], 2, 0)
        grid.addWidget(self.boxes["mediation"], 2, 1)
        # The whole width: beside another box its five columns did not fit at 150 % (cold test 26).
        grid.addWidget(self.boxes["hot_spots"], 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.content.addLayout(grid)
        self.content.addStretch(1)

    # --- reading -------------------------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        if changes.events or changes.mediation:
            if self.isVisible():
                self.refresh()
            else:
                self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def _kind_changed(self) -> None:
        self.custom.setVisible(self.kind.currentData() == PeriodKind.CUSTOM.value)
        self.refresh()

    def _date_changed(self) -> None:
        if self.kind.currentData() == PeriodKind.CUSTOM.value:
            self.period_label.setText(self.tr("正在统计…"))
            self.date_timer.start()

    @staticmethod
    def _date(edit: DateField) -> date:
        q = edit.date()
        return date(q.year(), q.month(), q.day())

    def refresh(self) -> None:
        db, actor = self.db, self.actor
        kind = PeriodKind(self.kind.currentData())
        start, end = self._date(self.start), self._date(self.end)
        self.stale = False
        self.date_timer.stop()
        self.period_label.setText(self.tr("正在统计…"))
        self.refresh_button.setEnabled(False)
        # Reads may finish out of order (dates changed while one ran): only the latest is shown.
        self.asked += 1
        asked = self.asked

        def done(data: Dashboard) -> None:
            if asked == self.asked:
                self.show_dashboard(data)

        def failed(exc: BaseException) -> None:
            if asked != self.asked:
                return
            if isinstance(exc, UserError):
                self.period_label.setText(error_text(exc))
            else:
                report_failure(exc, self)

        def finished() -> None:
            if asked == self.asked:
                self.refresh_button.setEnabled(True)

        run_read(
            lambda _p: dashboard.load(db, actor, kind, start, end),
            done,
            on_failed=failed,
            always=finished,
            parent=self,
        )

    def show_dashboard(self, data: Dashboard) -> None:
        self.data = data
        p, before = data.period, data.previous
        self.period_label.setText(
            self.tr("{start} 至 {end}，与 {p_start} 至 {p_end} 比较").format(
                start=_day(p.start), end=_day(p.end), p_start=_day(before.start), p_end=_day(before.end)
            )
        )
        self._show_tiles(data)
        self._show_trend(data)
        self._show_figures("state", self.tr("状态"), data.by_state, lambda f: label(f.name))
        self._show_figures("channel", self.tr("来源渠道"), data.by_channel, lambda f: label(f.name))
        self._show_figures("category", self.tr("事项类别"), data.by_category, lambda f: f.name, CATEGORY_BARS)
        self._show_hot_spots(data)
        self._show_mediation(data)

    def _show_tiles(self, data: Dashboard) -> None:
        change = data.total.count - data.previous_total
        tiles: list[tuple[str, str, str, EventFilter | None]] = [
            ("total", self.tr("本期事件"), self.tr("{n} 件（上期 {p} 件，{c:+d}）").format(
                n=f"{data.total.count:,}", p=f"{data.previous_total:,}", c=change), data.total.filter),
        ]  # fmt: skip
        names = {
            RED: self.tr("当前已超期"),
            YELLOW: self.tr("当前临期预警"),
            SUPERVISED: self.tr("当前督办中"),
        }
        for figure in data.open_work:
            tiles.append(
                (
                    figure.key,
                    names[figure.key],
                    self.tr("{n} 件").format(n=f"{figure.count:,}"),
                    figure.filter,
                )
            )
        if data.mediation is not None:
            rate = dashboard.success_rate(data.mediation)
            shown = self.tr("无结案") if rate is None else f"{rate:.0%}"
            tiles.append(("mediation", self.tr("调解成功率"), shown, None))
        for key, title, value, f in tiles:
            button = self.tile_buttons.get(key)
            if button is None:
                button = self.tile_buttons[key] = QPushButton()
                button.setObjectName("dashboardTile")
                self.tiles.addWidget(button)
                button.clicked.connect(lambda _=False, k=key: self.tile_clicked(k))
            button.setText(f"{title}\n{value}")
            button.setEnabled(f is not None)
            button.setToolTip(
                self.tr("单击查看这些事件")
                if f is not None
                else self.tr("调解案件不是事件，请在“矛盾调解”中查看")
            )
            if f is not None:
                self.tile_targets[key] = (f, title)

    def _show_trend(self, data: Dashboard) -> None:
        chart = self.charts["trend"]
        this_year, last_year = self.tr("本年"), self.tr("上年同月")
        chart.set_data(
            [_month_label(p.month, with_year=i == 0 or p.month.month == 1) for i, p in enumerate(data.trend)],
            [[p.count for p in data.trend], [p.last_year for p in data.trend]],
            [this_year, last_year],
        )
        self.targets["trend"] = [
            [(p.filter, p.key), (p.last_year_filter, f"{p.month.year - 1}-{p.month.month:02d}")]
            for p in data.trend
        ]
        self.boxes["trend"].table = lambda: (
            (self.tr("月份"), this_year, last_year, self.tr("同比增减")),
            [(p.key, p.count, p.last_year, p.count - p.last_year) for p in data.trend],
        )

    def _show_figures(
        self, key: str, heading: str, figures: Sequence[dashboard.Figure], name: Callable[[dashboard.Figure], str],
        limit: int | None = None,
    ) -> None:  # fmt: skip
        shown = list(figures[:limit]) if limit else list(figures)
        self.charts[key].set_data([name(f) for f in shown], [[f.count for f in shown]])
        self.targets[key] = [[(f.filter, name(f))] for f in shown]
        self.boxes[key].table = lambda: ((heading, self.tr("事件数")), [(name(f), f.count) for f in figures])

    def _show_hot_spots(self, data: Dashboard) -> None:
        table = self.hot_spots
        table.setRowCount(len(data.hot_spots))
        for row, spot in enumerate(data.hot_spots):
            values = (spot.grid, spot.category, f"{spot.count:,}", f"{spot.previous:,}", f"{spot.change:+d}")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        self.boxes["hot_spots"].table = lambda: (
            (self.tr("网格"), self.tr("事项类别"), self.tr("本期"), self.tr("上期"), self.tr("增减")),
            [(s.grid, s.category, s.count, s.previous, s.change) for s in data.hot_spots],
        )

    def _show_mediation(self, data: Dashboard) -> None:
        box = self.boxes["mediation"]
        box.setVisible(data.mediation is not None)
        if data.mediation is None:
            return
        names = {
            "书面协议": self.tr("书面协议"),
            "口头协议": self.tr("口头协议"),
            "调解不成": self.tr("调解不成"),
        }
        rows = [(names.get(outcome, outcome), n) for outcome, n in data.mediation]
        self.charts["mediation"].set_data([r[0] for r in rows], [[r[1] for r in rows]])
        self.charts["mediation"].setCursor(Qt.CursorShape.ArrowCursor)
        self.targets["mediation"] = []  # cases, not events: nothing to open in 事件中心
        box.table = lambda: ((self.tr("调解结果"), self.tr("案件数")), rows)

    # --- opening the events behind a figure ----------------------------------------------------------
    def chart_clicked(self, key: str, category: int, series: int) -> None:
        targets = self.targets.get(key, [])
        if category < len(targets) and series < len(targets[category]):
            f, name = targets[category][series]
            self.open_events.emit(f, name)

    def hot_spot_clicked(self, row: int) -> None:
        if self.data is not None and 0 <= row < len(self.data.hot_spots):
            spot = self.data.hot_spots[row]
            self.open_events.emit(spot.filter, f"{spot.grid} {spot.category}")

    def tile_clicked(self, key: str) -> None:
        target = self.tile_targets.get(key)
        if target is not None:
            self.open_events.emit(*target)
