"""事项清单: browse the list (tree + table), search, edit town items, import/export, departments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import format_local
from desktop.db import Database
from desktop.errors import UserError
from desktop.models.matter import LEVELS, SOURCE_COUNTY, SOURCE_TOWN, STATUS_RETIRED
from desktop.services import matters
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import text as limits
from desktop.services.common.changes import Changes
from desktop.services.matters import ItemDetail, ItemQuery, exchange
from desktop.services.matters.exchange import ListDiff
from desktop.services.matters.listfile import FileRejected, ListFile, read_xlsx
from desktop.views import file_dialogs
from desktop.views.flow_layout import FlowLayout, grows
from desktop.views.forms import limited
from desktop.views.i18n import error_text
from desktop.views.icons import icon
from desktop.views.matters.departments_tab import DepartmentsTab
from desktop.views.matters.import_dialog import DiffDialog, FileErrorsDialog
from desktop.views.matters.item_dialog import ItemDialog
from desktop.views.matters.item_model import ItemTableModel
from desktop.views.notifier import ChangeNotifier
from desktop.views.screen_fit import fit_window
from desktop.views.tables import setup_read_only_table
from desktop.views.tasks import report_failure, run_write


class HistoryDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, item: ItemDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("事项变更历史 — {code} {name}").format(code=item.code, name=item.name))
        fit_window(self, 900, 480)
        layout = QVBoxLayout(self)
        entries = matters.item_history(db, actor, item.id)
        self.table = QTableWidget(len(entries), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("操作人"), self.tr("操作"), self.tr("变化")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, entry in enumerate(entries):
            empty = self.tr("（空）")
            changes = "\n".join(f"{f}：{b or empty} → {a or empty}" for f, b, a in entry.changes)
            for c, value in enumerate((format_local(entry.at), entry.username, entry.action, changes)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class MatterListTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.can_edit = actor.can(Permission.MATTER_EDIT)
        self.detail: ItemDetail | None = None
        layout = QVBoxLayout(self)

        self._build_filters(layout)
        self._build_buttons(layout)
        self._build_browser(layout)
        self._build_status_line(layout)
        self._connect_signals()
        self.reload()

    # --- building the tab -----------------------------------------------------------------------
    def _build_filters(self, layout: QVBoxLayout) -> None:
        top = FlowLayout()  # wraps on a narrow screen
        self.search = limited(QLineEdit(), limits.SEARCH)
        self.search.setMinimumWidth(240)
        self.search.setPlaceholderText(self.tr("搜索：事项名称、编码或拼音首字母（如 lljf = 邻里纠纷）"))
        self.search.setClearButtonEnabled(True)
        self.level = QComboBox()
        self.level.addItem(self.tr("全部层级"), "")
        for level in LEVELS:
            self.level.addItem(level, level)
        self.source = QComboBox()
        self.source.addItem(self.tr("全部来源"), "")
        self.source.addItem(SOURCE_COUNTY, SOURCE_COUNTY)
        self.source.addItem(SOURCE_TOWN, SOURCE_TOWN)
        self.show_retired = QCheckBox(self.tr("显示已停用"))
        top.addWidget(grows(self.search))
        top.addWidget(self.level)
        top.addWidget(self.source)
        top.addWidget(self.show_retired)
        layout.addLayout(top)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        bar = FlowLayout()
        self.new_button = QPushButton(icon("fa5s.plus"), self.tr("新增本镇事项"))
        self.edit_button = QPushButton(icon("fa5s.edit"), self.tr("修改"))
        self.retire_button = QPushButton(icon("fa5s.ban"), self.tr("停用"))
        self.restore_button = QPushButton(icon("fa5s.undo"), self.tr("恢复"))
        self.history_button = QPushButton(icon("fa5s.history"), self.tr("变更历史"))
        self.import_button = QPushButton(icon("fa5s.file-import"), self.tr("导入新版本…"))
        self.export_button = QPushButton(icon("fa5s.file-export"), self.tr("导出…"))
        self.template_button = QPushButton(icon("fa5s.file-excel"), self.tr("空白模板…"))
        for button in (
            self.new_button,
            self.edit_button,
            self.retire_button,
            self.restore_button,
            self.import_button,
        ):
            button.setVisible(self.can_edit)
        for button in (
            self.new_button, self.edit_button, self.retire_button, self.restore_button, self.history_button,
            self.import_button, self.export_button, self.template_button,
        ):  # fmt: skip
            bar.addWidget(button)
        layout.addLayout(bar)

    def _build_browser(self, layout: QVBoxLayout) -> None:
        split = QSplitter(Qt.Orientation.Horizontal)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumWidth(180)
        split.addWidget(self.tree)
        right = QSplitter(Qt.Orientation.Vertical)
        self.model = ItemTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table, wrap=False)
        for column, width in enumerate((90, 220, 140, 80, 180, 90, 50, 80)):
            self.table.setColumnWidth(column, width)
        # 状态 (在用/已停用) right after the name, which gives up width on a narrow screen (elided).
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(8), 2)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        right.addWidget(self.table)
        self.detail_view = QTextBrowser()
        self.detail_view.setMinimumHeight(150)
        right.addWidget(self.detail_view)
        right.setSizes([420, 220])
        split.addWidget(right)
        split.setSizes([260, 900])
        layout.addWidget(split, 1)

    def _build_status_line(self, layout: QVBoxLayout) -> None:
        bottom = FlowLayout()
        self.count_label = QLabel()
        self.version_label = QLabel()
        self.version_label.setObjectName("formHint")
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.version_label)
        layout.addLayout(bottom)

    def _connect_signals(self) -> None:
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(250)
        self.debounce.timeout.connect(self.refresh_items)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        self.level.currentIndexChanged.connect(lambda _i: self.refresh_items())
        self.source.currentIndexChanged.connect(lambda _i: self.refresh_items())
        self.show_retired.toggled.connect(lambda _c: self.reload())
        self.tree.currentItemChanged.connect(lambda *_a: self.refresh_items())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.show_detail(current.row())
        )
        self.table.doubleClicked.connect(lambda _i: self.edit_item())
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_item)
        self.retire_button.clicked.connect(lambda: self.set_retired(True))
        self.restore_button.clicked.connect(lambda: self.set_retired(False))
        self.history_button.clicked.connect(self.show_history)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.template_button.clicked.connect(self.choose_template)

    # --- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        version = matters.current_version(self.db)
        self.version_label.setText(
            self.tr("当前清单版本：{v}（{d}，{p}）").format(
                v=version.version, d=version.published_on.isoformat(), p=version.publisher
            )
            if version
            else self.tr("尚未载入事项清单")
        )
        selected = self._tree_selection()
        self.tree.blockSignals(True)
        self.tree.clear()
        root = QTreeWidgetItem([self.tr("全部事项")])
        root.setData(0, Qt.ItemDataRole.UserRole, ("", ""))
        self.tree.addTopLevelItem(root)
        total = 0
        for domain in matters.category_tree(self.db, self.actor, self.show_retired.isChecked()):
            node = QTreeWidgetItem([f"{domain.name}（{domain.items}）"])
            node.setData(0, Qt.ItemDataRole.UserRole, (domain.id, ""))
            root.addChild(node)
            total += domain.items
            for cat in domain.categories:
                leaf = QTreeWidgetItem([f"{cat.name}（{cat.items}）"])
                leaf.setData(0, Qt.ItemDataRole.UserRole, (domain.id, cat.id))
                node.addChild(leaf)
                if (domain.id, cat.id) == selected:
                    self.tree.setCurrentItem(leaf)
            if (domain.id, "") == selected:
                self.tree.setCurrentItem(node)
        root.setText(0, self.tr("全部事项（{n}）").format(n=total))
        root.setExpanded(True)
        if self.tree.currentItem() is None:
            self.tree.setCurrentItem(root)
        self.tree.blockSignals(False)
        self.refresh_items()

    def _tree_selection(self) -> tuple[str, str]:
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return (str(value[0]), str(value[1])) if value else ("", "")

    def query(self) -> ItemQuery:
        domain_id, category_id = self._tree_selection()
        return ItemQuery(
            domain_id=domain_id, category_id=category_id, text=self.search.text(),
            include_retired=self.show_retired.isChecked(), source=self.source.currentData() or "",
            level=self.level.currentData() or "",
        )  # fmt: skip

    def refresh_items(self, select_id: str | None = None) -> None:
        rows = matters.search_items(self.db, self.actor, self.query())
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("共 {n} 个事项").format(n=len(rows)))
        target = next((i for i, r in enumerate(rows) if r.id == select_id), 0 if rows else -1)
        if target >= 0:
            self.table.selectRow(target)
            self.show_detail(target)
        else:
            self.show_detail(-1)

    def show_detail(self, row: int) -> None:
        if row < 0 or row >= len(self.model.rows):
            self.detail = None
            self.detail_view.setHtml("")
            self._update_buttons()
            return
        d = matters.get_item(self.db, self.actor, self.model.item_id(row))
        self.detail = d
        admitted = self.tr("是") if d.admitted else self.tr("否")
        period = f"{d.admitted_from or ''} — {d.admitted_until or ''}" if d.admitted_from else ""
        lines = [
            (self.tr("事项"), f"{d.code}　{d.name}"),
            (self.tr("领域 / 类别"), f"{d.domain_name} / {d.category_name}"),
            (self.tr("事项说明"), d.description),
            (self.tr("关键词"), d.keywords),
            (self.tr("处置层级"), d.level),
            (self.tr("牵头部门"), d.lead_department),
            (self.tr("协办部门"), "、".join(d.co_departments) or self.tr("无")),
            (self.tr("办理时限"), self.tr("{n} 个工作日").format(n=d.time_limit_days)),
            (self.tr("准入网格"), f"{admitted}　{period}　{d.admission_note}"),
            (self.tr("法律政策依据"), d.legal_basis),
            (self.tr("来源 / 状态"), f"{d.source} / {d.status}　" + self.tr("（清单版本 {v}）").format(v=d.list_version or "—")),
        ]  # fmt: skip
        html = "".join(
            f"<tr><td style='color:#52606d;padding-right:12px'>{k}</td><td>{v}</td></tr>" for k, v in lines
        )
        self.detail_view.setHtml(f"<table>{html}</table>")
        self._update_buttons()

    def _update_buttons(self) -> None:
        d = self.detail
        local = d is not None and d.editable
        self.edit_button.setEnabled(local)
        self.retire_button.setEnabled(local and d is not None and d.status != STATUS_RETIRED)
        self.restore_button.setEnabled(local and d is not None and d.status == STATUS_RETIRED)
        self.history_button.setEnabled(d is not None)
        tip = "" if local or d is None else self.tr("县级发布的事项只能查看")
        for button in (self.edit_button, self.retire_button, self.restore_button):
            button.setToolTip(tip)

    # --- editing -------------------------------------------------------------------------------
    def _warn(self, exc: UserError) -> None:
        QMessageBox.warning(self, self.tr("无法完成"), error_text(exc))

    def new_item(self) -> None:
        dialog = ItemDialog(self.db, self.actor, category_id=self._tree_selection()[1], parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.refresh_items(dialog.saved_id)

    def edit_item(self) -> None:
        if self.detail is None or not self.detail.editable or not self.can_edit:
            return
        dialog = ItemDialog(self.db, self.actor, self.detail, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.refresh_items(dialog.saved_id)

    def ask_reason(self) -> tuple[str, bool]:
        return QInputDialog.getText(self, self.tr("停用事项"), self.tr("停用原因（如“阶段性任务结束”）："))

    def set_retired(self, retired: bool) -> None:
        if self.detail is None:
            return
        reason = ""
        if retired:
            reason, ok = self.ask_reason()
            if not ok:
                return
        item_id = self.detail.id
        try:
            matters.set_item_retired(self.db, self.actor, item_id, retired, reason)
        except UserError as exc:
            self._warn(exc)
            return
        if retired and not self.show_retired.isChecked():
            self.reload()
        else:
            self.reload()
            self.refresh_items(item_id)

    def show_history(self) -> None:
        if self.detail is not None:
            HistoryDialog(self.db, self.actor, self.detail, self).exec()

    # --- import / export -----------------------------------------------------------------------
    def choose_import(self) -> None:
        path = file_dialogs.open_path(self, self.tr("选择事项清单文件"), self.xlsx_filter())
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Reads and compares in the background, then shows the differences for confirmation."""
        self.import_button.setEnabled(False)
        db, actor = self.db, self.actor

        def work(_progress: Any) -> tuple[ListFile, ListDiff]:
            incoming = read_xlsx(db, path)
            return incoming, exchange.compare(db, actor, incoming)

        # On the writer: compare() reads inside a write transaction that it rolls back.
        run_write(
            work,
            lambda result: self._review(path, *result),
            on_failed=self._import_failed(path),
            always=lambda: self.import_button.setEnabled(True),
            parent=self,
        )

    def _import_failed(self, path: Path) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            self.last_errors_dialog = None
            if isinstance(exc, FileRejected):
                dialog = FileErrorsDialog(path.name, exc.errors, self)
                self.last_errors_dialog = dialog
                dialog.exec()
            else:
                report_failure(exc, self)

        return failed

    def _review(self, path: Path, listfile: ListFile, diff: ListDiff) -> None:
        if diff.is_empty:
            QMessageBox.information(
                self, self.tr("无需导入"), self.tr("文件与当前清单完全一致，没有需要导入的内容。")
            )
            return
        dialog = DiffDialog(diff, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.import_button.setEnabled(False)
        db, actor = self.db, self.actor
        run_write(
            lambda _p: exchange.apply(db, actor, listfile),
            self._applied,
            on_failed=self._import_failed(path),
            always=lambda: self.import_button.setEnabled(True),
            parent=self,
        )

    def _applied(self, diff: ListDiff) -> None:
        self.reload()
        QMessageBox.information(
            self, self.tr("导入完成"),
            self.tr("事项清单已更新为 {v}：{s}。").format(v=diff.version.version, s=diff.summary()),
        )  # fmt: skip

    def xlsx_filter(self) -> str:
        return self.tr("Excel 工作簿 (*.xlsx)")

    def choose_export(self) -> None:
        version = matters.current_version(self.db)
        name = self.tr("事项清单-{version}.xlsx").format(version=version.version if version else "")
        path = file_dialogs.save_path(self, self.tr("导出事项清单"), name, self.xlsx_filter())
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        db, actor = self.db, self.actor
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            QMessageBox.information(
                self, self.tr("导出完成"), self.tr("已导出 {n} 个事项到：\n{path}").format(n=count, path=path)
            )

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                QMessageBox.warning(self, self.tr("无法保存"), self.tr("无法写入文件：{e}").format(e=exc))
            else:
                report_failure(exc, self)

        # On the writer: the export writes its audit row.
        run_write(
            lambda _p: exchange.export_xlsx(db, actor, path),
            done,
            on_failed=failed,
            always=lambda: self.export_button.setEnabled(True),
            parent=self,
        )

    def choose_template(self) -> None:
        path = file_dialogs.save_path(
            self, self.tr("保存空白模板"), self.tr("事项清单模板.xlsx"), self.xlsx_filter()
        )
        if path:
            try:
                exchange.write_template(Path(path))
            except OSError as exc:
                QMessageBox.warning(self, self.tr("无法保存"), self.tr("无法写入文件：{e}").format(e=exc))
                return
            QMessageBox.information(
                self, self.tr("已保存"), self.tr("空白模板已保存，填写说明见其中的“填写说明”工作表。")
            )


class VersionsTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        rows = matters.versions(db, actor)
        self.table = QTableWidget(len(rows), 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("版本"),
                self.tr("发布日期"),
                self.tr("发布单位"),
                self.tr("导入时间"),
                self.tr("导入人"),
                self.tr("变化"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, v in enumerate(rows):
            change = self.tr("新增 {a}，变更 {c}，停用 {r}").format(a=v.added, c=v.changed, r=v.retired)
            values = (
                v.version,
                v.published_on.isoformat(),
                v.publisher,
                format_local(v.applied_at),
                v.applied_by,
                change,
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)


class MatterPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        notifier: ChangeNotifier | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.list_tab = MatterListTab(db, actor)
        self.departments_tab = DepartmentsTab(db, actor)
        self.versions_tab = VersionsTab(db, actor)
        self.tabs.addTab(self.list_tab, icon("fa5s.list-alt"), self.tr("事项清单"))
        self.tabs.addTab(self.departments_tab, icon("fa5s.address-book"), self.tr("部门通讯录"))
        self.tabs.addTab(self.versions_tab, icon("fa5s.history"), self.tr("版本记录"))
        layout.addWidget(self.tabs)
        if notifier is not None:
            # A county version applied by sync (数据同步 → 县级发布, or at once by setting).
            notifier.changed.connect(self.apply_changes)

    def apply_changes(self, changes: Changes) -> None:
        if changes.matters:
            self.list_tab.reload()
            self.departments_tab.refresh()
