"""事件中心: my work on the left, filters on top, the event list (a model over SQL) below."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.services import matters
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import text as limits
from desktop.services.common.changes import Changes
from desktop.services.events import CHANNELS, FINISHED, RUNNING, URGENCIES, State
from desktop.services.events import export as event_export
from desktop.services.events.export import ExportCancelled
from desktop.services.events.queries import (
    RED,
    SUPERVISED,
    YELLOW,
    EventFilter,
    WorkBucket,
    my_work,
    today_of,
)
from desktop.services.workforce import grids
from desktop.views import file_dialogs
from desktop.views.events.event_model import COLUMN_KEYS, EventDelegate, EventTableModel
from desktop.views.events.event_table import EventTable
from desktop.views.filter_box import INDENT, FilterBox
from desktop.views.flow_layout import FlowLayout, grows
from desktop.views.forms import DateField, enter_clicks, limited
from desktop.views.i18n import error_text
from desktop.views.icons import icon
from desktop.views.labels import add_words, label
from desktop.views.notifier import ChangeNotifier
from desktop.views.tables import StretchWithFloor, setup_read_only_table
from desktop.views.tasks import report_failure, run_read, run_write

if TYPE_CHECKING:  # imported when first opened: the page itself shows sooner (start-up time)
    from desktop.views.events.detail_dialog import EventDetailDialog
    from desktop.views.events.intake_dialog import IntakeDialog

EARLIEST = QDate(2000, 1, 1)  # a date edit at this value means "no limit"
# Typical content of each column, measured with the current font (never ResizeToContents on a
# million rows): 编号, 上报时间, 渠道, 标题, 村（社区）, 网格, 事项类别, 紧急程度, 状态, 办理期限, 督办.
# Stored words among them are measured as shown (label()), so English columns fit too.
COLUMN_SAMPLES = (
    "…11230001", "2026-11-23 18:30", "12345热线转办", "石门村卫生院门口绿化带破坏严重",
    "清溪社区", "桃源村第一网格", "婚姻家庭和邻里纠纷", "较急", "上报县级", "2026-12-31", "督办",
)  # fmt: skip


# What an operator reads first stays on screen: the columns are shown in this order (logical
# numbers of the model's columns), 状态 and 督办 before the title, which takes the width the others
# leave and elides on a narrow screen (after the title, 督办 was off screen at 150 %: cold test 26);
# the rest scroll in from the right.
VISUAL_ORDER = (0, 1, 8, 10, 3, 9, 7, 2, 4, 5, 6)
# Logical pixels of screen height below which 更多条件 starts folded (768 at 125 % leaves about 580).
ROOM_FOR_ALL_FILTERS = 700
WORK_PANEL_WIDTH, WORK_PANEL_MIN, WORK_PANEL_MAX = 175, 140, 280
LONGEST_BUCKET_TITLE = "上报县级待答复"  # of services.events.queries.my_work's names
QWIDGETSIZE_MAX = (1 << 24) - 1
TITLE_COLUMN = 3


def screen_room() -> int:
    """The height the screen gives windows, in logical pixels (less at 125 % and 150 %)."""
    return QGuiApplication.primaryScreen().availableGeometry().height()


class WorkPanel(QWidget):
    """我的待办: what needs this user's action, with counts; a click opens it as the list's filter."""

    folded = Signal(bool)
    filled = Signal()  # new buckets and counts: the page fits the panel's width to them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.title_row = QWidget()
        heading = QHBoxLayout(self.title_row)
        heading.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("我的待办"))
        title.setObjectName("panelTitle")
        heading.addWidget(title, 1)
        self.fold_button = QPushButton(icon("fa5s.angle-double-left"), "")
        self.fold_button.setObjectName("foldWork")
        self.fold_button.setToolTip(self.tr("收起我的待办，让列表更宽"))
        self.fold_button.clicked.connect(lambda: self.set_folded(True))
        heading.addWidget(self.fold_button)
        column.addWidget(self.title_row)
        # Folded, the panel is a narrow button that reads 我的待办 top to bottom, as Chinese may.
        name = self.tr("我的待办")
        self.folded_name = "» " + name if name.isascii() else "»\n" + "\n".join(name)
        self.unfold_button = QPushButton(self.folded_name)
        self.unfold_button.setObjectName("unfoldWork")
        self.unfold_button.setToolTip(self.tr("展开我的待办"))
        self.unfold_button.clicked.connect(lambda: self.set_folded(False))
        self.unfold_button.hide()
        enter_clicks(self.fold_button, self.unfold_button)
        column.addWidget(self.unfold_button, 0, Qt.AlignmentFlag.AlignTop)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        column.addWidget(self.tree, 1)
        self.status = QLabel(self.tr("正在统计…"))
        self.status.setObjectName("formHint")
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        self.buckets: list[WorkBucket] = []

    def needed_width(self) -> int:
        """The width that shows every name and count whole."""
        metrics = self.tree.fontMetrics()
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        rows = [
            (metrics.horizontalAdvance(i.text(0)), metrics.horizontalAdvance(i.text(1))) for i in items if i
        ]
        names = max((name for name, _count in rows), default=0)
        counts = max((count for _name, count in rows), default=0)
        return self._width_for(names, counts)

    def expected_width(self) -> int:
        """Before the counts come (they follow the window, issue 18): room for the longest name a user
        may get beside a five-digit count, so the page does not jump when they arrive (cold test 27:
        80 px at 界面字号 18)."""
        metrics = self.tree.fontMetrics()
        return self._width_for(
            metrics.horizontalAdvance(label(LONGEST_BUCKET_TITLE)), metrics.horizontalAdvance("00000")
        )

    def _width_for(self, names: int, counts: int) -> int:
        frame = 2 * self.tree.frameWidth() + self.tree.verticalScrollBar().sizeHint().width()
        return names + counts + 4 * 6 + frame  # each column's padding (style.qss) and margin

    def is_folded(self) -> bool:
        return self.unfold_button.isVisibleTo(self)

    def set_folded(self, folded: bool) -> None:
        for widget in (self.title_row, self.tree, self.status):
            widget.setVisible(not folded)
        self.unfold_button.setVisible(folded)
        # The button that undoes it has the focus, and shows it (the list had it, unmarked: cold test 26b).
        (self.unfold_button if folded else self.fold_button).setFocus()
        self.folded.emit(folded)

    def show_buckets(self, buckets: list[WorkBucket], selected_title: str = "") -> None:
        self.buckets = buckets
        self.tree.blockSignals(True)
        self.tree.clear()
        for bucket in buckets:
            entry = QTreeWidgetItem([label(bucket.title), str(bucket.count)])
            entry.setData(0, Qt.ItemDataRole.UserRole, bucket.title)  # the key; the text may be English
            entry.setToolTip(0, label(bucket.hint))
            entry.setToolTip(1, label(bucket.hint))
            entry.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bucket.count and bucket.filter.colour == RED:
                entry.setForeground(1, QBrush(QColor("#c0392b")))
            elif not bucket.count:
                entry.setForeground(1, QBrush(QColor("#9aa5b1")))
            self.tree.addTopLevelItem(entry)
            if bucket.title == selected_title:
                self.tree.setCurrentItem(entry)
        self.tree.blockSignals(False)
        self.status.setText(self.tr("单击一项，列表只显示这些事件"))
        self._show_counts_folded(buckets)
        self.filled.emit()

    def _show_counts_folded(self, buckets: list[WorkBucket]) -> None:
        """Folded, the button still tells: the red (overdue) count under the name, every count on
        hover (cold test 26b: a folded 我的待办 showed none)."""
        red = sum(b.count for b in buckets if b.filter.colour == RED)
        self.unfold_button.setText(self.folded_name + (f"\n\n{red}" if red else ""))
        self.unfold_button.setProperty("urgent", bool(red))
        self.unfold_button.style().unpolish(self.unfold_button)
        self.unfold_button.style().polish(self.unfold_button)
        lines = [self.tr("展开我的待办")]
        if red:
            lines.append(self.tr("名称下的红色数字：已超期的事件数"))
        lines += [self.tr("{name}：{count}").format(name=label(b.title), count=b.count) for b in buckets]
        self.unfold_button.setToolTip("\n".join(lines))

    def select_none(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clearSelection()
        self.tree.setCurrentIndex(QModelIndex())
        self.tree.blockSignals(False)

    def bucket(self, title: str) -> WorkBucket | None:
        return next((b for b in self.buckets if b.title == title), None)

    def item_for(self, title: str) -> QTreeWidgetItem | None:
        for index in range(self.tree.topLevelItemCount()):
            entry = self.tree.topLevelItem(index)
            if entry is not None and entry.data(0, Qt.ItemDataRole.UserRole) == title:
                return entry
        return None


class EventPage(QWidget):
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
        # The main window's notifier; a page shown on its own (tests) gets one for itself and its dialogs.
        self.notifier = notifier if notifier is not None else ChangeNotifier(self)
        self.notifier.changed.connect(self.apply_changes)
        self.bucket: WorkBucket | None = None
        self.bucket_from_stats = False  # the pinned filter is a figure of 统计分析, not a 待办 bucket
        self.places = grids.community_places(db)
        self._shown_before = False
        self.last_detail: EventDetailDialog | None = None
        self.last_intake: IntakeDialog | None = None
        layout = QVBoxLayout(self)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.work = WorkPanel()
        self.work.setMinimumWidth(WORK_PANEL_MIN)
        self.split.addWidget(self.work)
        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        self.split.addWidget(main)
        self.split.setStretchFactor(1, 1)
        self.split.setCollapsible(0, False)  # folded with its button, not dragged out of sight
        expected = min(max(self.work.expected_width(), WORK_PANEL_WIDTH), WORK_PANEL_MAX)
        self.split.setSizes([expected, 1000])
        layout.addWidget(self.split, 1)
        self.work.folded.connect(self._work_folded)
        self.work.filled.connect(self._fit_work_panel)

        self._build_filters(column)
        self._build_buttons(column)
        self._build_table(column)
        self._connect_signals()
        self._fill_grids()
        self._show_bucket()
        self.apply_filter()
        self.refresh_work()

    # --- building the page ---------------------------------------------------------------------------
    def _build_filters(self, column: QVBoxLayout) -> None:
        # One row on a wide screen; on a narrow one (1366×768 at 150%) the filters wrap onto more rows.
        flow = FlowLayout()
        self.search = limited(QLineEdit(), limits.SEARCH)
        self.search.setPlaceholderText(self.tr("编号，或标题、经过、地址中的字词"))
        self.search.setToolTip(
            self.tr("输入事件编号（可从单据复制），或标题、经过、地址中的字词，如：漏水、消防通道")
        )
        self.search.setClearButtonEnabled(True)
        self.state = FilterBox()
        self.state.addItem(self.tr("全部状态"), ())
        # 未办结 read as a contradiction beside the state 已办结, which it includes (cold test 26).
        self.state.addItem(self.tr("未结案"), tuple(s.value for s in State if s not in FINISHED))
        self.state.setItemData(1, self.tr("已结案、不予受理以外的全部事件"), Qt.ItemDataRole.ToolTipRole)
        self.state.addItem(self.tr("处置阶段"), tuple(s.value for s in RUNNING))
        self.state.setItemData(2, self.tr("已分拨、处置中、已退回"), Qt.ItemDataRole.ToolTipRole)
        for state in State:
            self.state.addItem(label(state.value), (state.value,))
        self.channel = FilterBox()
        self.channel.addItem(self.tr("全部渠道"), "")
        add_words(self.channel, CHANNELS)
        self.urgency = FilterBox()
        self.urgency.addItem(self.tr("全部紧急程度"), "")
        add_words(self.urgency, URGENCIES)
        self.colour = FilterBox()
        self.colour.addItem(self.tr("全部督办颜色"), "")
        self.colour.addItem(self.tr("红色（已超期）"), RED)
        self.colour.addItem(self.tr("黄色（临期）"), YELLOW)
        self.colour.addItem(self.tr("人工督办"), SUPERVISED)
        self.overdue = QCheckBox(self.tr("只看超期"))
        self.search.setMinimumWidth(240)
        flow.addWidget(grows(self.search))
        for box in (self.state, self.channel, self.urgency, self.colour):
            box.fit(most_chars=7)
            flow.addWidget(box)
        flow.addWidget(self.overdue)
        self.category = FilterBox()
        self.category.addItem(self.tr("全部事项类别"), "")
        for code, name, is_domain in matters.category_choices(self.db):
            self.category.addItem(name if is_domain else INDENT * 2 + name, code)
        self.category.fit(most_chars=8)
        self.community = FilterBox()
        self._fill_communities()
        self.grid = FilterBox()
        self.since = self._date_edit()
        self.until = self._date_edit()
        self.clear_button = QPushButton(icon("fa5s.eraser"), self.tr("清空条件"))
        self.more_button = QPushButton(icon("fa5s.filter"), "")
        self.more_button.setCheckable(True)
        self.more_button.setToolTip(self.tr("事项类别、村（社区）、网格和上报日期"))
        flow.addWidget(self.more_button)
        for box in (self.category, self.community, self.grid):
            flow.addWidget(box)
        dates = QWidget()  # the date range wraps as one piece
        span = QHBoxLayout(dates)
        span.setContentsMargins(0, 0, 0, 0)
        span.addWidget(QLabel(self.tr("上报日期")))
        span.addWidget(self.since)
        span.addWidget(QLabel("—"))
        span.addWidget(self.until)
        flow.addWidget(dates)
        column.addLayout(flow)
        self.more_filters = (self.category, self.community, self.grid, dates)
        # On a short screen (1366×768 at 125 % or 150 %) all the filters took four rows and left the
        # list four rows (cold test 25): there the rarely used ones start folded away.
        room = screen_room()
        self.show_more_filters(room >= ROOM_FOR_ALL_FILTERS)
        self.more_button.toggled.connect(self.show_more_filters)
        enter_clicks(self.more_button, self.clear_button)
        if room < ROOM_FOR_ALL_FILTERS:
            self.work.set_folded(True)  # its width gives the filters and the list two rows more

    def _build_buttons(self, column: QVBoxLayout) -> None:
        bar = FlowLayout()
        self.new_button = QPushButton(icon("fa5s.plus"), self.tr("登记事件"))
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.setVisible(self.actor.can(Permission.EVENT_HANDLE))
        self.open_button = QPushButton(icon("fa5s.folder-open"), self.tr("查看/办理"))
        self.open_button.setToolTip(self.tr("在列表中按回车或双击"))
        self.refresh_button = QPushButton(icon("fa5s.sync-alt"), self.tr("刷新"))
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.setToolTip("F5")
        self.export_button = QPushButton(icon("fa5s.file-excel"), self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("按当前的筛选条件和排序导出全部结果"))
        self.export_progress: QProgressDialog | None = None
        self.bucket_label = QLabel()
        self.bucket_label.setStyleSheet("color:#1f3f66;font-weight:bold;")
        self.bucket_clear = QPushButton(icon("fa5s.times"), self.tr("取消待办筛选"))
        # 清空条件 here, not after the filters, where it often took a row of its own (cold test 26b).
        for button in (
            self.new_button,
            self.open_button,
            self.refresh_button,
            self.export_button,
            self.clear_button,
        ):
            bar.addWidget(button)
        enter_clicks(
            self.new_button, self.open_button, self.refresh_button, self.export_button, self.bucket_clear
        )
        bar.addWidget(self.bucket_label)
        bar.addWidget(self.bucket_clear)
        self.count_label = QLabel()
        self.count_label.setObjectName("rowCount")
        self.count_label.setStyleSheet("font-weight:bold;")
        bar.addWidget(self.count_label)
        column.addLayout(bar)

    def _build_table(self, column: QVBoxLayout) -> None:
        self.model = EventTableModel(self.db, self.actor)
        self.model.count_ready.connect(self._counted)
        self.model.counting.connect(self._counting)
        self.table = EventTable()  # paints its cells itself, in one call a frame
        self.table.setModel(self.model)
        setup_read_only_table(self.table, wrap=False)
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        self._size_columns()
        # Cells painted straight from the model's rows (EventDelegate); the number elides on the left.
        self.cell_delegate = EventDelegate(self.model, self.table)
        self.table.setItemDelegate(self.cell_delegate)
        self.number_delegate = EventDelegate(self.model, self.table, elide=Qt.TextElideMode.ElideLeft)
        self.table.setItemDelegateForColumn(0, self.number_delegate)
        for visual, logical in enumerate(VISUAL_ORDER):
            header.moveSection(header.visualIndex(logical), visual)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        self.sorted_by = (1, Qt.SortOrder.DescendingOrder)
        column.addWidget(self.table, 1)
        # Said in words when nothing matches: an empty table alone looks like a fault.
        self.empty_notice = QWidget()
        notice_row = QHBoxLayout(self.empty_notice)
        notice_row.setContentsMargins(0, 0, 0, 0)
        self.empty_text = QLabel()
        self.empty_text.setObjectName("emptyNotice")
        self.empty_text.setWordWrap(True)
        self.empty_clear = QPushButton(icon("fa5s.eraser"), self.tr("清空条件，显示全部事件"))
        self.empty_clear.clicked.connect(self.clear_filters)
        enter_clicks(self.empty_clear)
        notice_row.addWidget(self.empty_text, 1)
        notice_row.addWidget(self.empty_clear)
        self.empty_notice.hide()
        column.addWidget(self.empty_notice)

    def _connect_signals(self) -> None:
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(300)
        self.debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        for box in (self.channel, self.urgency, self.category, self.grid):
            box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.state.currentIndexChanged.connect(lambda _i: self._bucket_overridden())
        self.colour.currentIndexChanged.connect(lambda _i: self._bucket_overridden())
        self.overdue.toggled.connect(self._overdue_toggled)
        self.community.currentIndexChanged.connect(lambda _i: self._community_changed())
        self.since.dateChanged.connect(lambda _d: self.apply_filter())
        self.until.dateChanged.connect(lambda _d: self.apply_filter())
        self.clear_button.clicked.connect(self.clear_filters)
        self.bucket_clear.clicked.connect(lambda: self.choose_bucket(None))
        self.work.tree.itemClicked.connect(lambda item, _c: self.choose_bucket(self.bucket_key(item)))
        self.work.tree.itemActivated.connect(lambda item, _c: self.choose_bucket(self.bucket_key(item)))
        self.table.activated.connect(lambda index: self.open_event(index.row()))
        self.new_button.clicked.connect(self.new_event)
        self.open_button.clicked.connect(self.open_current)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export)

    def _fit_work_panel(self) -> None:
        """Wide enough for every 待办 name beside its count: 「上报县级待答复」 was cut to 「上报县级待…」
        once the counts had five digits (cold test 25); at most WORK_PANEL_MAX, then the names elide.
        Folded, as wide as its button with the overdue count (「103」 was cut to 「.0:」: cold test 27)."""
        if self.work.is_folded():
            self._fit_folded()
            return
        width = min(max(self.work.needed_width(), WORK_PANEL_MIN), WORK_PANEL_MAX)
        self.work.setMinimumWidth(width)
        sizes = self.split.sizes()
        if sizes and sizes[0] < width:
            self.split.setSizes([width, max(sum(sizes) - width, 1)])

    def _fit_folded(self) -> int:
        width = self.work.unfold_button.sizeHint().width()
        self.work.setMinimumWidth(width)
        self.work.setMaximumWidth(width)
        return width

    def _work_folded(self, folded: bool) -> None:
        if folded:
            width = self._fit_folded()
            self.split.setSizes([width, max(self.split.width(), 1000)])
        else:
            self.work.setMinimumWidth(WORK_PANEL_MIN)
            self.work.setMaximumWidth(QWIDGETSIZE_MAX)
            self.split.setSizes([WORK_PANEL_WIDTH, max(self.split.width() - WORK_PANEL_WIDTH, 1)])
            self._fit_work_panel()

    def show_more_filters(self, shown: bool) -> None:
        """Shows or folds away 事项类别, 村（社区）, 网格 and 上报日期; folded, they still filter the list,
        and the button counts them."""
        self.more_button.blockSignals(True)
        self.more_button.setChecked(shown)
        self.more_button.blockSignals(False)
        for widget in self.more_filters:
            widget.setVisible(shown)
        self._name_more_button()

    def _name_more_button(self) -> None:
        if self.more_button.isChecked():
            self.more_button.setText(self.tr("收起条件"))
            return
        active = len(self._active_more_filters())
        self.more_button.setText(
            self.tr("更多条件（已选 {n} 项）").format(n=active) if active else self.tr("更多条件")
        )

    def _active_more_filters(self) -> list[QWidget]:
        boxes: list[QWidget] = [b for b in (self.category, self.community, self.grid) if b.currentIndex() > 0]
        if self._day(self.since) or self._day(self.until):
            boxes.append(self.since)
        return boxes

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        bold = self.table.horizontalHeader().fontMetrics()
        for index, sample in enumerate(COLUMN_SAMPLES):
            header = str(self.model.headerData(index, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(label(sample)), bold.horizontalAdvance(header) + 24)
            self.table.setColumnWidth(index, width + 20)
        columns = self.table.horizontalHeader()
        columns.setMinimumSectionSize(48)
        # The title takes the width the others leave, never less than its sample (tables.StretchWithFloor).
        self.title_min = self.table.columnWidth(TITLE_COLUMN)
        self.title_width = StretchWithFloor(self.table, TITLE_COLUMN, self.title_min)

    def _date_edit(self) -> QDateEdit:
        edit = DateField()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(EARLIEST)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(EARLIEST)
        return edit

    # --- the filter ----------------------------------------------------------------------------------
    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        q = edit.date()
        return None if q == EARLIEST else date(q.year(), q.month(), q.day())

    def current_filter(self) -> EventFilter:
        base = replace(self.bucket.filter, today=None) if self.bucket is not None else EventFilter()
        states = tuple(self.state.currentData() or ()) or base.states
        colour = RED if self.overdue.isChecked() else (self.colour.currentData() or base.colour)
        # A pinned filter (a 待办 bucket, a figure of 统计分析) holds only what no box shows.
        return replace(
            base, states=states, colour=colour, channel=self.channel.currentData() or base.channel,
            urgency=self.urgency.currentData() or base.urgency,
            category_code=self.category.currentData() or base.category_code,
            community_id=self.community.currentData() or base.community_id,
            grid_id=self.grid.currentData() or base.grid_id, since=self._day(self.since) or base.since,
            until=self._day(self.until) or base.until, text=self.search.text().strip(),
        )  # fmt: skip

    def apply_filter(self) -> None:
        self.debounce.stop()
        self._name_more_button()
        try:
            self.model.set_query(self.current_filter())
        except UserError as exc:
            self.count_label.setText(error_text(exc))
            return
        if self.model.rowCount():
            self.table.selectRow(0)
        self.open_button.setEnabled(self.model.rowCount() > 0)

    def _counting(self) -> None:
        # Said once the new first page is painted, not before: a new text in the label lays the whole
        # page out again, a few milliseconds the list would wait for (bench/bench_events.py).
        self.count_label.setText(self.tr("正在统计…"))

    def _counted(self, total: int) -> None:
        self.count_label.setText(self.tr("共 {n} 条").format(n=f"{total:,}"))
        self.open_button.setEnabled(total > 0)
        filtered = self.has_filters()
        if total == 0:
            if self.bucket is not None and not self._narrowed_besides_bucket():
                # Only the 待办 item narrows the list: nothing was searched (cold test 26).
                text = self.tr("「{title}」现在没有事件。").format(title=label(self.bucket.title))
            elif filtered:
                text = self.tr("没有找到符合条件的事件。可以换个说法搜索，或减少筛选条件。")
            else:
                text = self.tr("还没有事件。按 Ctrl+N 登记第一件事件。")
            self.empty_text.setText(text)
        self.empty_clear.setVisible(filtered)
        self.empty_notice.setVisible(total == 0)

    def has_filters(self) -> bool:
        """Whether anything narrows the list (a search, a filter box, dates or a 待办 bucket)."""
        return self._narrowed_besides_bucket() or self.bucket is not None

    def _narrowed_besides_bucket(self) -> bool:
        boxes = (self.state, self.channel, self.urgency, self.colour, self.category, self.community)
        return bool(
            self.search.text().strip()
            or any(box.currentIndex() > 0 for box in boxes)
            or self.grid.currentIndex() > 0
            or self.overdue.isChecked()
            or self.since.date() != EARLIEST
            or self.until.date() != EARLIEST
        )

    def _bucket_overridden(self) -> None:
        """State and colour chosen by hand replace the bucket's own."""
        if self.bucket is not None:
            self.bucket = None
            self.work.select_none()
            self._show_bucket()
        self.apply_filter()

    def _overdue_toggled(self, checked: bool) -> None:
        self.colour.setEnabled(not checked)
        self._bucket_overridden()

    def _community_changed(self) -> None:
        self._fill_grids()
        self.apply_filter()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown_before:
            self._reload_places_if_changed()
        self._shown_before = True

    def _reload_places_if_changed(self) -> None:
        """Coming back from another page (网格与人员): renamed or added villages and grids show in the
        list and its boxes at once, not after F5 (cold test 25), keeping what was chosen."""
        places = grids.community_places(self.db)
        if places == self.places:
            return
        self.places = places
        community, grid = self.community.currentData(), self.grid.currentData()
        self.community.blockSignals(True)
        self._fill_communities()
        self.community.setCurrentIndex(max(self.community.findData(community), 0))
        self.community.blockSignals(False)
        self._fill_grids()
        self.grid.blockSignals(True)
        self.grid.setCurrentIndex(max(self.grid.findData(grid), 0))
        self.grid.blockSignals(False)
        if (self.community.currentData(), self.grid.currentData()) != (community, grid):
            self.apply_filter()  # the chosen one is gone: the list follows the boxes
        else:
            self.refresh_list()  # the names in the rows too

    def _fill_communities(self) -> None:
        self.community.clear()
        self.community.addItem(self.tr("全部村（社区）"), "")
        for place in self.places:
            self.community.addItem(place.name, place.id)
        self.community.fit(most_chars=8)

    def _fill_grids(self) -> None:
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.addItem(self.tr("全部网格"), "")
        community_id = self.community.currentData()
        for place in self.places:
            if not community_id or place.id == community_id:
                for grid_id, name in place.grids:
                    self.grid.addItem(name if community_id else f"{name}（{place.name}）", grid_id)
        self.grid.fit(most_chars=9)
        self.grid.blockSignals(False)

    def clear_filters(self) -> None:
        widgets = (self.search, self.state, self.channel, self.urgency, self.colour, self.overdue,
                   self.category, self.community, self.grid, self.since, self.until)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for box in (self.state, self.channel, self.urgency, self.colour, self.category, self.community):
            box.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.colour.setEnabled(True)
        self.since.setDate(EARLIEST)
        self.until.setDate(EARLIEST)
        for widget in widgets:
            widget.blockSignals(False)
        self._fill_grids()
        self.bucket = None
        self.work.select_none()
        self._show_bucket()
        self.apply_filter()

    # --- my work -------------------------------------------------------------------------------------
    def refresh_work(self) -> None:
        db, actor = self.db, self.actor

        def done(buckets: list[WorkBucket]) -> None:
            self.work.show_buckets(buckets, self.bucket.title if self.bucket else "")

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.work.status.setText(error_text(exc))  # in place of the counts, not a message box
            else:
                report_failure(exc, self)

        # parent: the page may close meanwhile (logout)
        run_read(lambda _p: my_work(db, actor), done, on_failed=failed, parent=self.work)

    @staticmethod
    def bucket_key(item: QTreeWidgetItem) -> str:
        return str(item.data(0, Qt.ItemDataRole.UserRole))

    def choose_bucket(self, title: str | None) -> None:
        """Shows the bucket's events; the state and colour filters give way to it."""
        self.bucket = self.work.bucket(title) if title else None
        self.bucket_from_stats = False
        widgets = (self.state, self.colour, self.overdue)
        for widget in widgets:
            widget.blockSignals(True)
        if self.bucket is not None:
            self.state.setCurrentIndex(0)
            self.colour.setCurrentIndex(0)
            self.overdue.setChecked(False)
            self.colour.setEnabled(True)
            entry = self.work.item_for(self.bucket.title)
            if entry is not None and self.work.tree.currentItem() is not entry:
                self.work.tree.blockSignals(True)
                self.work.tree.setCurrentItem(entry)
                self.work.tree.blockSignals(False)
        else:
            self.work.select_none()
        for widget in widgets:
            widget.blockSignals(False)
        self._show_bucket()
        self.apply_filter()

    def open_filter(self, f: EventFilter, title: str) -> None:
        """Shows the events behind a figure of 统计分析: the filter boxes take what they can show; what
        none can (several states, a grid no longer listed, 延期待审批) stays pinned, named `title`."""
        widgets = (self.search, self.state, self.channel, self.urgency, self.colour, self.overdue,
                   self.category, self.community, self.grid, self.since, self.until)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.search.setText(f.text)
        self.overdue.setChecked(False)
        self.colour.setEnabled(True)
        pinned: dict[str, object] = {"extension_pending": f.extension_pending}
        state_index = next(
            (i for i in range(self.state.count()) if tuple(self.state.itemData(i) or ()) == tuple(f.states)),
            -1,
        )
        self.state.setCurrentIndex(max(state_index, 0))
        if state_index < 0:
            pinned["states"] = f.states
        boxes = ((self.channel, "channel", f.channel), (self.urgency, "urgency", f.urgency),
                 (self.colour, "colour", f.colour), (self.category, "category_code", f.category_code),
                 (self.community, "community_id", f.community_id))  # fmt: skip
        for box, name, value in boxes:
            index = box.findData(value) if value else 0
            box.setCurrentIndex(max(index, 0))
            if index < 0:
                pinned[name] = value
        self._fill_grids()
        index = self.grid.findData(f.grid_id) if f.grid_id else 0
        self.grid.setCurrentIndex(max(index, 0))
        if index < 0:
            pinned["grid_id"] = f.grid_id
        for edit, day in ((self.since, f.since), (self.until, f.until)):
            edit.setDate(QDate(day.year, day.month, day.day) if day else EARLIEST)
        for widget in widgets:
            widget.blockSignals(False)
        if self._active_more_filters():
            self.show_more_filters(True)  # what narrows the list is in view
        rest = EventFilter(**pinned)  # type: ignore[arg-type]
        self.bucket = WorkBucket(title, "", rest, 0) if rest != EventFilter() else None
        self.bucket_from_stats = self.bucket is not None
        self.work.select_none()
        self._show_bucket()
        self.apply_filter()

    def _show_bucket(self) -> None:
        shown = self.bucket is not None
        pattern = self.tr("统计：{title}") if self.bucket_from_stats else self.tr("待办：{title}")
        self.bucket_label.setText(pattern.format(title=label(self.bucket.title)) if self.bucket else "")
        self.bucket_label.setVisible(shown)
        self.bucket_clear.setVisible(shown)

    # --- sorting -------------------------------------------------------------------------------------
    def _header_clicked(self, column: int) -> None:
        previous_column, previous_order = self.sorted_by
        order = (
            Qt.SortOrder.AscendingOrder
            if column == previous_column and previous_order == Qt.SortOrder.DescendingOrder
            else Qt.SortOrder.DescendingOrder
        )
        header = self.table.horizontalHeader()
        if not COLUMN_KEYS[column]:
            header.setSortIndicator(previous_column, previous_order)  # this column cannot be sorted
            return
        self.sorted_by = (column, order)
        header.setSortIndicator(column, order)
        self.model.sort(column, order)
        if self.model.rowCount():
            self.table.selectRow(0)

    # --- actions -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_list()
        self.refresh_work()

    def refresh_list(self) -> None:
        """Reads the list again with the same filter and sort, keeping the selected row where it was."""
        row = self.table.currentIndex().row()
        self.model.refresh()
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))

    def apply_changes(self, changes: Changes) -> None:
        """A step taken anywhere (the detail dialog, another page) refreshes what it touched here."""
        if changes.events:
            self.refresh_list()
        if changes.my_work:
            self.refresh_work()

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_event(index.row())

    def open_event(self, row: int) -> None:
        event = self.model.row_at(row)
        if event is None:
            return
        try:
            from desktop.views.events.detail_dialog import EventDetailDialog  # when first opened

            dialog = EventDetailDialog(self.db, self.actor, event.id, self, notifier=self.notifier)
        except UserError as exc:
            self.count_label.setText(error_text(exc))
            return
        self.last_detail = dialog
        dialog.exec()  # each step it takes reaches this page through the notifier

    def new_event(self) -> None:
        if not self.actor.can(Permission.EVENT_HANDLE):
            return
        from desktop.views.events.intake_dialog import IntakeDialog  # when first asked for

        dialog = IntakeDialog(self.db, self.actor, self)
        self.last_intake = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            wanted = dialog.created.id if dialog.created else dialog.linked_id
            for row in range(min(self.model.rowCount(), self.model.PAGE)):
                found = self.model.row_at(row)
                if found is not None and found.id == wanted:
                    self.table.selectRow(row)
                    self.table.scrollTo(self.model.index(row, 0))
                    break

    # --- export --------------------------------------------------------------------------------------
    def choose_export(self) -> None:
        today = today_of(self.db).strftime("%Y%m%d")  # the town's day, not the PC's
        path = file_dialogs.save_path(
            self, self.tr("导出事件"), self.tr("事件列表-{day}.xlsx").format(day=today),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )  # fmt: skip
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Writes every row of the current filter and sort on a worker thread, with progress and cancel."""
        db, actor = self.db, self.actor
        f, sort = self.model.filter, self.model.order
        cancel = threading.Event()
        progress = QProgressDialog(self.tr("正在统计…"), self.tr("取消"), 0, 0, self)
        progress.setWindowTitle(self.tr("导出 Excel"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.setMinimumWidth(420)
        progress.canceled.connect(cancel.set)
        self.export_progress = progress
        self.export_button.setEnabled(False)

        def step(done: int, total: int) -> None:
            if not shiboken6.isValid(progress):
                return
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            progress.setLabelText(self.tr("正在导出：{done} / {total} 条").format(done=done, total=total))

        def finish() -> None:
            progress.canceled.disconnect(cancel.set)
            progress.close()
            progress.deleteLater()
            self.export_progress = None
            self.export_button.setEnabled(True)

        def done(count: int) -> None:
            QMessageBox.information(
                self, self.tr("导出完成"), self.tr("已导出 {n} 条事件到：\n{path}").format(n=count, path=path)
            )

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ExportCancelled):
                QMessageBox.information(self, self.tr("已取消"), error_text(exc))
            elif isinstance(exc, UserError):
                QMessageBox.warning(self, self.tr("无法导出"), error_text(exc))
            elif isinstance(exc, OSError):
                QMessageBox.warning(self, self.tr("无法保存"), self.tr("无法写入文件：{e}").format(e=exc))
            else:
                report_failure(exc, self)

        # A writer's job: the export is audited, in the transaction that puts the file in place.
        run_write(
            lambda report: event_export.export_events(db, actor, f, sort, path, report, cancel=cancel),
            done,
            on_failed=failed,
            on_progress=step,
            always=finish,
            parent=self,
        )
