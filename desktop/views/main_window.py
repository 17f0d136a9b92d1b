"""The main window: left navigation, one page per area, status bar, idle lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.clock import format_local, utc_now
from desktop.db import Database
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.changes import Changes
from desktop.services.system import settings, town
from desktop.views import display
from desktop.views.elided_label import ElidedLabel
from desktop.views.forms import GuardedDialog
from desktop.views.i18n import role_label
from desktop.views.icons import icon
from desktop.views.idle import IdleWatcher
from desktop.views.login import ChangePasswordDialog, LoginDialog
from desktop.views.notifier import ChangeNotifier
from desktop.views.placeholder import PlaceholderPage
from desktop.views.screen_fit import fit_window, room_for
from desktop.views.sync.schedule import SyncSchedule
from desktop.views.tasks import run_read

if TYPE_CHECKING:
    from desktop.sync.rounds import RoundResult
    from desktop.sync.settings import LinkStatus


def _link_status(db: Database) -> LinkStatus:
    # Imported here, on the reader thread: the link's code (httpx) is not needed to open the window.
    from desktop.sync import settings as link

    return link.status(db)


@dataclass(frozen=True)
class NavEntry:
    key: str
    title: str
    icon_name: str
    allowed: bool
    build: Callable[[], QWidget]


PREFERRED_SIZE = (1280, 800)
LINK_STATUS_DELAY_MS = 300  # after the window's first paint


class MainWindow(QMainWindow):
    logout_requested = Signal()
    # 备份与恢复 asks for a restore; the application session closes this window to do it.
    restore_requested = Signal(object, bool, str)  # backup file, another town confirmed, reason

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.locked = False
        # Pages announce the changes their steps made here; every page refreshes from them.
        self.notifier = ChangeNotifier(self)
        # Rounds with the county hub while this window is open; app.py starts it after login.
        self.sync_schedule = SyncSchedule(db, self)
        info = town.get_town(db)
        self.town_name = info.name if info else ""
        self.setWindowTitle(self.tr("综治工作台 — {town}").format(town=self.town_name))
        self.setWindowIcon(icon("fa5s.shield-alt"))
        fit_window(self, *PREFERRED_SIZE)

        self.entries = self._entries()
        self.pages: dict[str, QWidget] = {}
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(26, 26))
        self.nav.setFixedWidth(self._navigation_width())
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for number, entry in enumerate(self.entries, start=1):
            item = QListWidgetItem(icon(entry.icon_name, "#ffffff"), entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setSizeHint(QSize(self.nav.width() - 10, 50))
            item.setToolTip(f"{entry.title}（Ctrl+{number}）")
            if not entry.allowed:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(self.tr("您的角色不能使用此功能"))
            self.nav.addItem(item)
            holder = QWidget()  # pages are built on first visit, so start-up stays quick
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
        self.nav.currentRowChanged.connect(self.show_page_at)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.lock_cover = self._lock_label()
        self.stack.addWidget(self.lock_cover)

        self._build_menus()
        self._build_status_bar()
        self.idle = IdleWatcher(settings.load(db).idle_lock_minutes, self)
        self.idle.idle.connect(self.lock_now)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        first = next((i for i, e in enumerate(self.entries) if e.allowed), 0)
        self.nav.setCurrentRow(first)

    def show_fitted(self) -> None:
        """Opens maximized on a screen with less room than the preferred size (1366×768 laptops)."""
        space = room_for(self)
        if space.width() < PREFERRED_SIZE[0] or space.height() < PREFERRED_SIZE[1]:
            self.showMaximized()
        else:
            self.show()

    # --- navigation -------------------------------------------------------------------------
    def _navigation_width(self) -> int:
        """Wide enough for the longest page name with its icon, in the font in use (大字模式 too)."""
        longest = max(self.nav.fontMetrics().horizontalAdvance(e.title) for e in self.entries)
        # Icon, item padding and margins (style.qss), and a scroll bar when the screen is short.
        scroll_bar = self.nav.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return longest + 26 + 60 + scroll_bar

    def _entries(self) -> list[NavEntry]:
        a = self.actor

        def placeholder(title: str, purpose: str, icon_name: str) -> Callable[[], QWidget]:
            return lambda: PlaceholderPage(title, purpose, icon_name)

        def admin_page() -> QWidget:
            from desktop.views.admin.page import AdminPage

            page = AdminPage(self.db, self.actor)
            if page.backups_tab is not None:
                page.backups_tab.restore_requested.connect(self.restore_requested)
                page.backups_tab.backup_made.connect(self._backup_made)
            return page

        def matters_page() -> QWidget:
            from desktop.views.matters.page import MatterPage

            return MatterPage(self.db, self.actor, notifier=self.notifier)

        def events_page() -> QWidget:
            from desktop.views.events.page import EventPage

            return EventPage(self.db, self.actor, notifier=self.notifier)

        def mediation_page() -> QWidget:
            from desktop.views.mediation.page import MediationPage

            return MediationPage(self.db, self.actor, notifier=self.notifier)

        def sync_page() -> QWidget:
            from desktop.views.sync.page import SyncPage

            return SyncPage(self.db, self.actor, schedule=self.sync_schedule, notifier=self.notifier)

        def grids_page() -> QWidget:
            from desktop.views.workforce.page import WorkforcePage

            return WorkforcePage(self.db, self.actor)

        def duty_page() -> QWidget:
            from desktop.views.duty.page import DutyPage

            return DutyPage(self.db, self.actor)

        def stats_page() -> QWidget:
            from desktop.views.analysis.page import DashboardPage

            page = DashboardPage(self.db, self.actor, notifier=self.notifier)
            page.open_events.connect(self.open_events)
            return page

        def assessment_page() -> QWidget:
            from desktop.views.assessment.page import AssessmentPage

            return AssessmentPage(self.db, self.actor)

        # Areas that are built; the others show a placeholder that says what they will do.
        pages: dict[str, Callable[[], QWidget]] = {
            "stats": stats_page,
            "events": events_page,
            "matters": matters_page,
            "mediation": mediation_page,
            "grids": grids_page,
            "duty": duty_page,
            "sync": sync_page,
            "assessment": assessment_page,
        }

        specs = [
            (
                "events",
                self.tr("事件中心"),
                "fa5s.inbox",
                a.can(Permission.EVENT_VIEW),
                self.tr("受理网格员上报、群众来访、12345 转办等事件，分拨、督办、核查、回访直至结案。"),
            ),
            (
                "matters",
                self.tr("事项清单"),
                "fa5s.list-alt",
                a.can(Permission.MATTER_VIEW),
                self.tr("县级发布、乡镇细化的网格事项清单（准入清单），决定事件的分类、承办部门和办理时限。"),
            ),
            (
                "grids",
                self.tr("网格与人员"),
                "fa5s.th",
                a.can(Permission.GRID_VIEW),
                self.tr("村（社区）、网格划分和一长三员队伍。"),
            ),
            (
                "duty",
                self.tr("值班考勤"),
                "fa5s.calendar-check",
                a.can(Permission.DUTY_VIEW),
                self.tr("中心值班表、网格员考勤和请销假。"),
            ),
            (
                "mediation",
                self.tr("矛盾调解"),
                "fa5s.balance-scale",
                a.can(Permission.MEDIATION_VIEW),
                self.tr("人民调解案件从申请到归档，打印调解协议书等文书。"),
            ),
            (
                "assessment",
                self.tr("考核评估"),
                "fa5s.award",
                a.can(Permission.ASSESSMENT_VIEW),
                self.tr("月度、季度、年度考核评分与排名。"),
            ),
            (
                "stats",
                self.tr("统计分析"),
                "fa5s.chart-bar",
                a.can(Permission.STATS_VIEW) and a.can(Permission.EVENT_VIEW),  # its figures are events
                self.tr("按期办结率、满意率等指标的统计和同比环比。"),
            ),
            (
                "sync",
                self.tr("数据同步"),
                "fa5s.sync-alt",
                a.can(Permission.SYNC_RUN),
                self.tr("与县级中心定时交换数据，网络中断时用离线数据包。"),
            ),
        ]
        entries = [NavEntry(k, t, i, ok, pages.get(k) or placeholder(t, p, i)) for k, t, i, ok, p in specs]
        admin_ok = any(
            a.can(p)
            for p in (
                Permission.SYSTEM_USERS,
                Permission.SYSTEM_ROLES,
                Permission.SYSTEM_TOWN,
                Permission.SYSTEM_SETTINGS,
                Permission.AUDIT_VIEW,
            )
        )
        entries.append(NavEntry("admin", self.tr("系统管理"), "fa5s.cogs", admin_ok, admin_page))
        return entries

    def show_page_at(self, index: int) -> None:
        if index < 0 or self.locked:
            return
        entry = self.entries[index]
        if not entry.allowed:
            return
        if entry.key not in self.pages:
            page = entry.build()
            self.pages[entry.key] = page
            holder = self.stack.widget(index)
            layout = holder.layout() if holder is not None else None
            assert layout is not None
            layout.addWidget(page)
        self.stack.setCurrentIndex(index)

    def show_page(self, key: str) -> QWidget:
        index = next(i for i, e in enumerate(self.entries) if e.key == key)
        self.nav.setCurrentRow(index)
        self.show_page_at(index)
        return self.pages[key]

    def open_events(self, f: object, title: str) -> None:
        """事件中心 showing the events behind a figure of 统计分析."""
        from desktop.services.events.queries import EventFilter
        from desktop.views.events.page import EventPage

        page = self.show_page("events")
        if isinstance(page, EventPage) and isinstance(f, EventFilter):
            page.open_filter(f, title)

    # --- menus and status bar -----------------------------------------------------------------
    def _build_menus(self) -> None:
        account = self.menuBar().addMenu(self.tr("账号(&A)"))
        change = QAction(icon("fa5s.key"), self.tr("修改密码…"), self)
        change.triggered.connect(self.change_password)
        account.addAction(change)
        lock = QAction(icon("fa5s.lock"), self.tr("锁定屏幕"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_now)
        account.addAction(lock)
        logout = QAction(icon("fa5s.user-times"), self.tr("注销（换人登录）"), self)
        logout.triggered.connect(self.logout)
        account.addAction(logout)
        account.addSeparator()
        quit_action = QAction(self.tr("退出"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        account.addAction(quit_action)

        go = self.menuBar().addMenu(self.tr("转到(&G)"))
        for number, entry in enumerate(self.entries, start=1):
            action = QAction(entry.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setEnabled(entry.allowed)
            action.triggered.connect(lambda _=False, row=number - 1: self.nav.setCurrentRow(row))
            go.addAction(action)

        view = self.menuBar().addMenu(self.tr("查看(&V)"))
        self.large_text_action = QAction(self.tr("大字模式（文字、图标整体放大）"), self)
        self.large_text_action.setCheckable(True)
        self.large_text_action.setChecked(display.large_text())
        self.large_text_action.toggled.connect(self.set_large_text)
        view.addAction(self.large_text_action)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于综治工作台"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        roles = "、".join(
            role_label(c, n) for c, n in zip(self.actor.role_codes, self.actor.role_names, strict=True)
        )
        # Elided, not clipped or widening the window, when a 1366×768 screen at 150% has little room.
        self.user_label = ElidedLabel(self.tr("用户：{name}").format(name=self.actor.display_name))
        self.role_label = ElidedLabel(self.tr("角色：{roles}").format(roles=roles or self.tr("无")))
        self.town_label = ElidedLabel(self.tr("乡镇：{town}").format(town=self.town_name))
        self.sync_label = ElidedLabel(self.tr("同步：…"))
        self.backup_label = ElidedLabel(self.tr("备份：…"))
        for label in (self.user_label, self.role_label, self.town_label, self.sync_label, self.backup_label):
            label.setObjectName("statusItem")
            bar.addPermanentWidget(label)
        schedule = self.sync_schedule
        self._sync_shown = False  # once anything has shown the link's state, the start-up read is stale
        schedule.started.connect(lambda: self.show_sync_state(self.tr("同步：正在同步…")))
        schedule.progress.connect(self.sync_label.setToolTip)
        schedule.finished.connect(self._sync_finished)
        schedule.skipped.connect(self._sync_not_set_up)
        schedule.failed.connect(lambda reason: self._sync_failed_text(reason))
        # Once the window is up: importing the link's code (httpx, keyring) on the reader thread holds
        # the GIL for a while, which would delay the window itself.
        QTimer.singleShot(LINK_STATUS_DELAY_MS, self, self._read_link_status)

    # --- the county link in the status bar ---------------------------------------------------------
    def _read_link_status(self) -> None:
        # A window hidden meanwhile is being closed for a restore or a logout: its database is closing,
        # and a read now would hold the file the restore must replace.
        if not self.isVisible():
            return
        db = self.db
        run_read(lambda _p: _link_status(db), self._sync_state_read, parent=self)

    def show_sync_state(self, text: str, detail: str = "") -> None:
        self._sync_shown = True
        self.sync_label.setText(text)
        self.sync_label.setToolTip(detail or text)

    def _sync_state_read(self, status: LinkStatus) -> None:
        if self._sync_shown:
            # Read before a round that has started or ended since: it would put the older state back
            # over the round's own (a failed round showed 尚未同步; seen in CI).
            return
        if not status.configured:
            self._sync_not_set_up()
        elif status.last_error:
            self._sync_failed_text(status.last_error)
        elif status.last_success_at is not None:
            when = format_local(status.last_success_at)
            today = format_local(utc_now())[:10]
            self.show_sync_state(
                self.tr("同步：{time} 成功").format(time=when[-5:] if when[:10] == today else when[5:])
            )
        else:
            self.show_sync_state(self.tr("同步：尚未同步"))

    def _sync_not_set_up(self) -> None:
        self.show_sync_state(
            self.tr("同步：未设置同步"),
            self.tr("县级中心地址在“系统管理 → 乡镇信息”中填写，同步口令在“数据同步 → 同步设置”中填写。"),
        )

    def _sync_failed_text(self, reason: str) -> None:
        # Short in the status bar (a long reason squeezed 用户/角色/乡镇 to "用… 角…"); the reason is in
        # the tooltip and on the 数据同步 page.
        when = format_local(utc_now())[-5:]
        self.show_sync_state(self.tr("同步：{time} 失败").format(time=when), reason)

    def _sync_finished(self, result: RoundResult) -> None:
        if result.ok:
            self.show_sync_state(
                self.tr("同步：{time} 成功").format(time=format_local(utc_now())[-5:]), result.one_line()
            )
        else:
            self._sync_failed_text(result.message)
        # What the county sent down moves events and may change the matter list: pages refresh.
        event_ids = tuple(dict.fromkeys(result.event_ids))
        self.notifier.announce(
            Changes(events=bool(event_ids), my_work=bool(event_ids), matters=result.publications > 0,
                    event_ids=event_ids)
        )  # fmt: skip

    def _backup_made(self, result: object) -> None:
        from desktop.services.system import backups
        from desktop.views import daily_backup

        if isinstance(result, backups.BackupResult):
            self.show_backup_state(*daily_backup.state_text(result, self.db.path))

    def show_backup_state(self, text: str, detail: str = "") -> None:
        self.backup_label.setText(text)
        self.backup_label.setToolTip(detail or text)

    def set_large_text(self, on: bool) -> None:
        try:
            display.set_large_text(on)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("无法保存"),
                self.tr("无法保存显示设置：{error}").format(error=exc.strerror or exc),
            )
            return
        QMessageBox.information(
            self,
            self.tr("大字模式"),
            (self.tr("已开启大字模式。") if on else self.tr("已关闭大字模式。"))
            + self.tr("请退出并重新启动综治工作台，新的大小才会生效。"),
        )

    # --- account actions ----------------------------------------------------------------------
    def change_password(self) -> None:
        ChangePasswordDialog(self.db, self.actor, parent=self).exec()

    def lock_now(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.paused = True
        previous = self.stack.currentIndex()
        self.stack.setCurrentWidget(self.lock_cover)
        self.nav.setEnabled(False)
        self.menuBar().setEnabled(False)
        # A dialog left open (an event's 回访 with the reporter's phone) is covered too (cold test 27).
        open_dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        covers = [self._cover(d) for d in open_dialogs]
        dialog = LoginDialog(self.db, self.town_name, unlock_for=self.actor, parent=self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        for cover in covers:
            cover.deleteLater()
        if not accepted:
            # 退出程序 from the lock: the open dialogs go too, with no question whose 否 could keep nothing.
            for open_dialog in open_dialogs:
                if isinstance(open_dialog, GuardedDialog):
                    open_dialog.ask_before_discarding = False
                open_dialog.done(QDialog.DialogCode.Rejected)
            self.close()
            return
        self.locked = False
        self.nav.setEnabled(True)
        self.menuBar().setEnabled(True)
        self.stack.setCurrentIndex(previous)
        self.idle.resume()

    def _lock_label(self, parent: QWidget | None = None) -> QLabel:
        label = QLabel(self.tr("屏幕已锁定"), parent)
        label.setObjectName("lockCover")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _cover(self, dialog: QDialog) -> QLabel:
        cover = self._lock_label(dialog)
        cover.setAutoFillBackground(True)
        cover.setGeometry(dialog.rect())
        cover.show()
        cover.raise_()
        return cover

    def logout(self) -> None:
        """The application session closes this window and shows the login dialog again."""
        self.logout_requested.emit()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于综治工作台"),
            self.tr(
                "综治工作台 {version}\n乡镇（街道）综治中心 / 网格化服务管理中心工作平台\n数据库：{path}"
            ).format(version=__version__, path=self.db.path),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.timer.stop()
        self.sync_schedule.stop()
        event.accept()
