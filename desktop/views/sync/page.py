"""数据同步: where the county link stands in plain words, 「立即同步」, and the tabs a person works in —
the rounds run, conflicts to settle, what the county published, and the link's settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import format_local, to_local, utc_now
from desktop.db import Database
from desktop.models import SyncRound
from desktop.services.accounts.permissions import PERMISSION_LABELS, Actor, Permission
from desktop.services.common.changes import Changes
from desktop.services.matters.exchange import ListDiff
from desktop.sync import conflicts, offline, protocol, publications, rounds
from desktop.sync import settings as link
from desktop.sync.conflicts import ConflictRow
from desktop.sync.publications import PUBLICATION_WAITING, PublicationRow
from desktop.views import file_dialogs
from desktop.views.flow_layout import FlowLayout
from desktop.views.i18n import error_text, pick
from desktop.views.icons import icon
from desktop.views.notifier import ChangeNotifier
from desktop.views.sync import names
from desktop.views.sync.schedule import SyncSchedule
from desktop.views.sync.settings_tab import LinkSettingsTab
from desktop.views.tables import ListTableModel, setup_read_only_table
from desktop.views.tasks import report_failure, run_read, run_write

FAILED = QColor("#c0392b")
SHORTCUT = "Ctrl+Shift+S"


def when_text(moment: datetime | None) -> str:
    """Today's time as HH:MM, an earlier day with its date."""
    if moment is None:
        return ""
    shown = format_local(moment)
    return shown[-5:] if to_local(moment).date() == to_local(utc_now()).date() else shown


class RoundModel(ListTableModel[SyncRound]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("时间"),
            self.tr("方式"),
            self.tr("结果"),
            self.tr("上传"),
            self.tr("接收"),
            self.tr("冲突/拒收"),
            self.tr("说明"),
        )

    def value(self, row: SyncRound, column: int) -> object:
        values = (
            format_local(row.started_at), names.word(row.trigger), names.word(row.result), str(row.pushed),
            str(row.pulled), str(row.conflicts), row.message,
        )  # fmt: skip
        return values[column]

    def tooltip(self, row: SyncRound, column: int) -> str | None:
        return row.message or None

    def foreground(self, row: SyncRound, column: int) -> object:
        return QBrush(FAILED) if row.result == "失败" else None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if 3 <= column <= 5 else None


class ConflictModel(ListTableModel[ConflictRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("发现时间"),
            self.tr("类别"),
            self.tr("记录类型"),
            self.tr("不同之处或拒收原因"),
            self.tr("记录"),
        )

    def value(self, row: ConflictRow, column: int) -> object:
        if column == 3:
            if row.kind == "拒收":
                return row.reason
            return "、".join(names.field_name(n) for n in row.differing_fields())
        values = (
            format_local(row.found_at),
            names.word(row.kind),
            names.record_type(row.record_type),
            "",
            row.label,
        )
        return values[column]

    def tooltip(self, row: ConflictRow, column: int) -> str | None:
        text = self.value(row, column)
        return str(text) if column >= 3 and text else None


class PublicationModel(ListTableModel[PublicationRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("收到时间"),
            self.tr("内容"),
            self.tr("版本或年度"),
            self.tr("状态"),
            self.tr("处理人"),
        )

    def value(self, row: PublicationRow, column: int) -> object:
        values = (
            format_local(row.received_at), names.record_type(row.kind), row.label, names.word(row.state),
            row.decided_by,
        )  # fmt: skip
        return values[column]


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    setup_read_only_table(view, wrap=False)  # one line a row; the full text is the tooltip
    return view


def _fit_columns(view: QTableView) -> None:
    """Columns as wide as their text, none but the last (which stretches) wider than a third."""
    view.resizeColumnsToContents()
    widest = max(view.viewport().width() // 3, 120)
    for column in range(view.model().columnCount() - 1):
        view.setColumnWidth(column, min(view.columnWidth(column), widest))


class SyncPage(QWidget):
    refreshed = Signal()  # the header and the lists show what the database holds now

    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        schedule: SyncSchedule | None = None,
        notifier: ChangeNotifier | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.notifier = notifier
        layout = QVBoxLayout(self)
        self.seen = False  # shown before (the first refresh is the constructor's)
        self.allowed = actor.can(Permission.SYNC_RUN)
        if not self.allowed:
            title = QLabel(self.tr("数据同步"))
            title.setObjectName("pageTitle")
            layout.addWidget(title)
            self.denied = QLabel(
                self.tr(
                    "数据同步把本镇的事件和案件情况送往县级中心，并处理两边不一致的记录，"
                    "只对具有“{permission}”权限的人员（中心负责人、系统管理员）开放。"
                    "同步在后台自动进行，您不需要做任何事；如有疑问，请联系中心负责人。"
                ).format(permission=pick(*PERMISSION_LABELS[Permission.SYNC_RUN]))
            )
            self.denied.setObjectName("placeholderMessage")
            self.denied.setWordWrap(True)
            layout.addWidget(self.denied)
            layout.addStretch(1)
            return
        self.schedule = schedule if schedule is not None else SyncSchedule(db, self)
        self._build_header(layout)
        self._build_tabs(layout)
        self.schedule.started.connect(self._round_started)
        self.schedule.progress.connect(self.say)
        self.schedule.finished.connect(self._round_finished)
        self.schedule.skipped.connect(self._round_skipped)
        self.schedule.failed.connect(self._round_failed)
        self.sync_button.setEnabled(not self.schedule.running)
        self.refresh()

    # --- building ------------------------------------------------------------------------------
    def _build_header(self, layout: QVBoxLayout) -> None:
        head = QHBoxLayout()
        column = QVBoxLayout()
        title = QLabel(self.tr("数据同步"))
        title.setObjectName("pageTitle")
        column.addWidget(title)
        # Two short rows of figures: they fit the narrowest screen without wrapping inside a figure.
        figures = QGridLayout()
        figures.setHorizontalSpacing(32)
        self.last_label = QLabel(self.tr("正在读取同步状态…"))
        self.unsent_label = QLabel()
        self.conflicts_label = QLabel()
        self.waiting_label = QLabel()
        figures.addWidget(self.last_label, 0, 0)
        figures.addWidget(self.conflicts_label, 0, 1)
        figures.addWidget(self.unsent_label, 1, 0)
        figures.addWidget(self.waiting_label, 1, 1)
        figures.setColumnStretch(2, 1)
        column.addLayout(figures)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("formHint")
        self.progress_label.setWordWrap(True)
        self.progress_label.hide()  # shown while there is something to say
        column.addWidget(self.progress_label)
        head.addLayout(column, 1)
        self.sync_button = QPushButton(icon("fa5s.sync-alt"), self.tr("立即同步"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setToolTip(SHORTCUT)
        self.sync_button.clicked.connect(self.sync_now)
        QShortcut(QKeySequence(SHORTCUT), self, self.sync_now)
        # Offline packages: for a link down for days, the same data on removable media.
        self.export_button = QPushButton(icon("fa5s.file-export"), self.tr("导出离线包…"))
        self.export_button.setToolTip(self.tr("把待上传的数据写成离线包，带到县级中心导入"))
        self.export_button.clicked.connect(self.export_package)
        self.import_button = QPushButton(icon("fa5s.file-import"), self.tr("导入离线包…"))
        self.import_button.setToolTip(self.tr("导入县级中心发来的离线包"))
        self.import_button.clicked.connect(self.import_package)
        buttons = QVBoxLayout()
        for button in (self.sync_button, self.export_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        head.addLayout(buttons)
        layout.addLayout(head)

        # What is not set up and the last failure, in full: it scrolls rather than pushing the lists
        # off a short screen.
        notices = QWidget()
        notice_column = QVBoxLayout(notices)
        notice_column.setContentsMargins(0, 0, 0, 0)
        self.setup_label = QLabel()
        self.setup_label.setObjectName("emptyNotice")
        self.setup_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notice_column.addWidget(self.setup_label)
        notice_column.addWidget(self.error_label)
        self.notices = QScrollArea()
        self.notices.setWidget(notices)
        self.notices.setWidgetResizable(True)
        self.notices.setFrameShape(QFrame.Shape.NoFrame)
        self.notices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notices.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 8)
        self.notices.hide()
        layout.addWidget(self.notices)

    def _build_tabs(self, layout: QVBoxLayout) -> None:
        self.tabs = QTabWidget()
        self.round_model = RoundModel()
        self.rounds_view = _table(self.round_model)
        self.tabs.addTab(self.rounds_view, self.tr("同步记录"))

        conflicts_tab = QWidget()
        column = QVBoxLayout(conflicts_tab)
        self.conflict_model = ConflictModel()
        self.conflicts_view = _table(self.conflict_model)
        self.conflicts_view.doubleClicked.connect(lambda _i: self.open_conflict())
        column.addWidget(self.conflicts_view, 1)
        bar = FlowLayout()
        self.settle_button = QPushButton(icon("fa5s.balance-scale"), self.tr("处理…"))
        self.settle_button.clicked.connect(self.open_conflict)
        bar.addWidget(self.settle_button)
        hint = QLabel(self.tr("两边都改过的记录，或县级中心拒收的记录：对照两边内容，决定保留哪一边。"))
        hint.setObjectName("formHint")
        hint.setWordWrap(True)
        bar.addWidget(hint)
        column.addLayout(bar)
        self.tabs.addTab(conflicts_tab, self.tr("冲突和拒收"))

        publications_tab = QWidget()
        column = QVBoxLayout(publications_tab)
        self.publication_model = PublicationModel()
        self.publications_view = _table(self.publication_model)
        self.publications_view.doubleClicked.connect(lambda _i: self.review_publication())
        column.addWidget(self.publications_view, 1)
        bar = FlowLayout()
        self.review_button = QPushButton(icon("fa5s.search"), self.tr("查看差异…"))
        self.review_button.clicked.connect(self.review_publication)
        self.ignore_button = QPushButton(self.tr("不应用此版本"))
        self.ignore_button.clicked.connect(self.ignore_publication)
        bar.addWidget(self.review_button)
        bar.addWidget(self.ignore_button)
        column.addLayout(bar)
        self.can_apply = self.actor.can(Permission.MATTER_EDIT)
        # Comparing (a rolled-back apply), applying and setting aside all take 维护事项清单.
        self.cannot_apply = (
            ""
            if self.can_apply
            else self.tr("应用县级发布的事项清单需要“{permission}”权限。").format(
                permission=pick(*PERMISSION_LABELS[Permission.MATTER_EDIT])
            )
        )
        self.ignore_button.setToolTip(self.cannot_apply)
        self.review_button.setToolTip(self.cannot_apply)
        self.publications_view.selectionModel().currentRowChanged.connect(
            lambda *_a: self._enable_publication_buttons()
        )
        self.tabs.addTab(publications_tab, self.tr("县级发布"))

        self.settings_tab = LinkSettingsTab(self.db, self.actor)
        self.settings_tab.saved.connect(self.schedule.set_interval)
        self.settings_tab.token_changed.connect(self.refresh)
        self.tabs.addTab(self.settings_tab, self.tr("同步设置"))
        layout.addWidget(self.tabs, 1)
        self._enable_publication_buttons()

    # --- reading -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Coming back to the page: what was edited elsewhere meanwhile is now waiting to go up.
        if self.allowed and self.seen:
            self.refresh()
        self.seen = True
        super().showEvent(event)

    def refresh(self) -> None:
        db, actor = self.db, self.actor
        can_read_publications = actor.can(Permission.MATTER_VIEW)

        def work(
            _p: object,
        ) -> tuple[link.LinkStatus, list[SyncRound], list[ConflictRow], list[PublicationRow]]:
            return (
                link.status(db),
                rounds.history(db),
                conflicts.list_conflicts(db, actor),
                publications.list_publications(db, actor) if can_read_publications else [],
            )

        run_read(work, lambda result: self._show(*result), parent=self)

    def _show(
        self,
        status: link.LinkStatus,
        history: list[SyncRound],
        open_conflicts: list[ConflictRow],
        published: list[PublicationRow],
    ) -> None:
        self.status = status
        self.last_label.setText(
            self.tr("上次成功同步：{when}").format(
                when=when_text(status.last_success_at) or self.tr("从未成功")
            )
        )
        self.unsent_label.setText(self.tr("待上传 {n} 条").format(n=status.unsent))
        self.conflicts_label.setText(self.tr("冲突和拒收 {n} 条待处理").format(n=status.open_conflicts))
        self.waiting_label.setText(self.tr("县级发布 {n} 份待确认").format(n=status.waiting_publications))
        missing = []
        if not status.hub_url:
            missing.append(self.tr("县级中心地址尚未填写（在“系统管理 → 乡镇信息”中填写）。"))
        if status.token_problem is not None:
            # In short here; the settings tab says it in full (a missing keyring names its cause).
            missing.append(self.tr("同步口令不可用（见“同步设置”）。"))
        self.setup_label.setText(self.tr("未设置同步：") + "".join(missing))
        self.setup_label.setToolTip(error_text(status.token_problem) if status.token_problem else "")
        self.setup_label.setVisible(bool(missing))
        problems = []
        if status.last_error:
            problems.append(self.tr("上次同步失败：{error}").format(error=status.last_error))
        if abs(status.clock_skew_seconds) > protocol.CLOCK_SKEW_WARN_SECONDS:
            problems.append(
                self.tr("本机时钟与县级中心相差约 {minutes} 分钟，请校准本机时间。").format(
                    minutes=abs(status.clock_skew_seconds) // 60
                )
            )
        self.error_label.setText("\n".join(problems))
        self.error_label.setVisible(bool(problems))
        self.notices.setVisible(bool(missing or problems))

        self.round_model.set_rows(history)
        self.conflict_model.set_rows(open_conflicts)
        self.settle_button.setEnabled(bool(open_conflicts))
        if open_conflicts:
            self.conflicts_view.selectRow(0)
        self.publication_model.set_rows(published)
        for view in (self.rounds_view, self.conflicts_view, self.publications_view):
            _fit_columns(view)
        if published:
            self.publications_view.selectRow(0)
        self._enable_publication_buttons()
        self.tabs.setTabText(
            1,
            self.tr("冲突和拒收（{n}）").format(n=len(open_conflicts))
            if open_conflicts
            else self.tr("冲突和拒收"),
        )
        self.refreshed.emit()

    # --- 立即同步 --------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_label.setVisible(bool(text))

    def sync_now(self) -> None:
        if not self.schedule.run_now():
            self.say(self.tr("正在同步，请稍候…"))

    def _round_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.say(self.tr("正在同步…"))

    def _round_finished(self, result: rounds.RoundResult) -> None:
        self.sync_button.setEnabled(True)
        self.say(f"{format_local(utc_now())[-5:]} {result.one_line()}")
        self.refresh()

    def _round_skipped(self) -> None:
        self.sync_button.setEnabled(True)
        self.say("")
        self.refresh()

    def _round_failed(self, reason: str) -> None:
        self.sync_button.setEnabled(True)
        self.say(self.tr("同步中断：{reason}").format(reason=reason))
        self.refresh()

    # --- offline packages ----------------------------------------------------------------------
    def _package_buttons(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)
        self.import_button.setEnabled(enabled)

    def _package_progress(self, what: str) -> Callable[[int, int], None]:
        def show(done: int, total: int) -> None:
            self.say(f"{what} {done}/{total}" if total else what)

        return show

    def export_package(self) -> None:
        stamp = to_local(utc_now()).strftime("%Y%m%d-%H%M")
        path = file_dialogs.save_path(
            self, self.tr("导出离线包"), f"离线包-{stamp}.zip", self.tr("离线包 (*.zip)")
        )
        if not path:
            return
        db, actor = self.db, self.actor
        self._package_buttons(False)
        self.say(self.tr("正在导出离线包…"))
        run_write(
            lambda p: offline.export_package(db, actor, Path(path), lambda _w, done, total: p(done, total)),
            self._exported,
            on_failed=self._package_failed,
            on_progress=self._package_progress(self.tr("正在导出离线包…")),
            always=lambda: self._package_buttons(True),
            parent=self,
        )

    def _exported(self, done: offline.Exported) -> None:
        self.say(
            self.tr("已导出离线包：{batches} 批，{changes} 条变更。请带到县级中心导入。").format(
                batches=done.batches, changes=done.changes
            )
        )
        self.refresh()

    def import_package(self) -> None:
        path = file_dialogs.open_path(self, self.tr("导入离线包"), self.tr("离线包 (*.zip);;所有文件 (*)"))
        if not path:
            return
        db = self.db
        self._package_buttons(False)
        self.say(self.tr("正在导入离线包…"))
        run_write(
            lambda p: offline.import_package(db, Path(path), lambda _w, done, total: p(done, total)),
            self._imported,
            on_failed=self._package_failed,
            on_progress=self._package_progress(self.tr("正在导入离线包…")),
            always=lambda: self._package_buttons(True),
            parent=self,
        )

    def _imported(self, done: offline.Imported) -> None:
        if done.already:
            self.say(self.tr("这个离线包已经导入过，未作改动。"))
            return
        text = self.tr("离线包已导入：县级确认 {acknowledged} 条，接收 {pulled} 条。").format(
            acknowledged=done.acknowledged, pulled=done.pulled
        )
        if done.conflicts or done.rejected:
            text += self.tr("冲突 {conflicts} 条，被拒收 {rejected} 条，请在“冲突和拒收”中处理。").format(
                conflicts=done.conflicts, rejected=done.rejected
            )
        self.say(text)
        self.refresh()
        event_ids = tuple(dict.fromkeys(done.event_ids))
        if self.notifier is not None:
            self.notifier.announce(
                Changes(events=bool(event_ids), my_work=bool(event_ids), matters=done.publications > 0,
                        event_ids=event_ids)
            )  # fmt: skip

    def _package_failed(self, exc: BaseException) -> None:
        self.say("")
        report_failure(exc, self)

    # --- conflicts -----------------------------------------------------------------------------
    def open_conflict(self) -> None:
        from desktop.views.sync.conflict_dialog import ConflictDialog

        row = self.conflict_model.row_at(self.conflicts_view.currentIndex().row())
        if row is None:
            return
        dialog = ConflictDialog(self.db, self.actor, row, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    # --- publications --------------------------------------------------------------------------
    def current_publication(self) -> PublicationRow | None:
        return self.publication_model.row_at(self.publications_view.currentIndex().row())

    def _enable_publication_buttons(self) -> None:
        row = self.current_publication()
        waiting = row is not None and row.state == PUBLICATION_WAITING and self.can_apply
        self.review_button.setEnabled(waiting and row is not None and row.kind == "matter_list")
        self.ignore_button.setEnabled(waiting)

    def review_publication(self) -> None:
        row = self.current_publication()
        if row is None or not self.review_button.isEnabled():
            return
        db, actor = self.db, self.actor
        self.review_button.setEnabled(False)
        # On the writer, as the file import's comparison: it is an apply rolled back under the write lock.
        run_write(
            lambda _p: publications.diff(db, actor, row.id),
            lambda diff: self._review(row, diff),
            always=self._enable_publication_buttons,
            parent=self,
        )

    def _review(self, row: PublicationRow, diff: ListDiff) -> None:
        from desktop.views.matters.import_dialog import DiffDialog

        dialog = DiffDialog(
            diff, self, title=self.tr("县级发布的事项清单 {version}：应用前核对").format(version=row.label),
            apply_text=self.tr("应用"), cancel_text=self.tr("暂不应用"),
        )  # fmt: skip
        self.last_diff_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        db, actor = self.db, self.actor
        self.review_button.setEnabled(False)
        run_write(
            lambda _p: publications.apply(db, actor, row.id),
            self._applied,
            always=self._enable_publication_buttons,
            parent=self,
        )

    def _applied(self, diff: ListDiff) -> None:
        self.refresh()
        if self.notifier is not None:
            self.notifier.announce(Changes(matters=True))
        QMessageBox.information(
            self,
            self.tr("已应用"),
            self.tr("县级发布的事项清单 {version} 已应用：{summary}。").format(
                version=diff.version.version, summary=diff.summary()
            ),
        )

    def ignore_publication(self) -> None:
        row = self.current_publication()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("不应用此版本"),
            self.tr("不应用县级发布的“{label}”？它将标为“已忽略”，以后不能再从这里应用。").format(
                label=row.label
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, actor = self.db, self.actor
        run_write(
            lambda _p: publications.ignore(db, actor, row.id),
            lambda _r: self.refresh(),
            always=self._enable_publication_buttons,
            parent=self,
        )
