"""矛盾调解: the case list with filters, reminders and monthly figures; a case's detail, steps and documents."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import format_local
from desktop.db import Database
from desktop.errors import UserError
from desktop.printing import mediation_docs
from desktop.services import mediation
from desktop.services.accounts.permissions import PERMISSION_LABELS, Actor, Permission
from desktop.services.common import text as limits
from desktop.services.common.changes import Changes
from desktop.services.mediation import (
    AgreementInput,
    CaseDetail,
    CaseFilter,
    CaseRow,
    InvestigationInput,
    RevisitInput,
    SessionInput,
)
from desktop.views.flow_layout import FlowLayout, grows
from desktop.views.forms import StepDialog, field, limited
from desktop.views.i18n import error_text, pick, role_label
from desktop.views.icons import icon
from desktop.views.mediation.dialogs import (
    NewCaseDialog,
    RouteChecks,
    combo,
    date_edit,
    datetime_edit,
    text_box,
    to_date,
    to_datetime,
)
from desktop.views.mediation.preview import PrintPreviewDialog
from desktop.views.notifier import ChangeNotifier
from desktop.views.tables import ElideLeftDelegate, setup_read_only_table


def _esc(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


class MediationPage(QWidget):
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
        self.notifier = notifier if notifier is not None else ChangeNotifier(self)
        self.notifier.changed.connect(self.apply_changes)
        self.rows: list[CaseRow] = []
        self.case: CaseDetail | None = None

        layout = QVBoxLayout(self)
        self._build_head(layout)
        self._build_filters(layout)

        split = QSplitter(Qt.Orientation.Horizontal)
        # The list above, reminders and the month's figures below: the user can give either more room.
        left = QSplitter(Qt.Orientation.Vertical)
        left.setChildrenCollapsible(False)
        for build in (self._build_table, self._build_reminders_and_stats):
            part = QWidget()
            part_layout = QVBoxLayout(part)
            part_layout.setContentsMargins(0, 0, 0, 0)
            build(part_layout)
            left.addWidget(part)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.case_title = QLabel(self.tr("请在左侧选择一个案件"))
        self.case_title.setObjectName("caseTitle")
        self.case_title.setWordWrap(True)
        right_layout.addWidget(self.case_title)
        self._build_actions(right_layout)
        self._build_tabs(right_layout)
        split.addWidget(right)
        split.setSizes([760, 600])
        layout.addWidget(split, 1)

        self._connect_signals()
        self.refresh()

    # --- building the page -------------------------------------------------------------------------
    def _build_head(self, layout: QVBoxLayout) -> None:
        head = QHBoxLayout()
        title = QLabel(self.tr("矛盾调解"))
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.new_button = QPushButton(icon("fa5s.plus"), self.tr("登记案件"))
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.setEnabled(self.actor.can(Permission.MEDIATION_HANDLE))
        if not self.new_button.isEnabled():
            self.new_button.setToolTip(self.role_lacks(Permission.MEDIATION_HANDLE))
        head.addWidget(self.new_button)
        layout.addLayout(head)

    def _build_filters(self, layout: QVBoxLayout) -> None:
        filters = FlowLayout()  # wraps onto a second row on a narrow screen
        self.search = limited(QLineEdit(), limits.SEARCH)
        self.search.setMinimumWidth(240)
        self.search.setPlaceholderText(self.tr("搜索文号、案件名称、当事人…"))
        self.status_filter = combo(["", *mediation.STATUSES])
        self.status_filter.setItemText(0, self.tr("全部状态"))
        self.type_filter = combo(["", *mediation.DISPUTE_TYPES])
        self.type_filter.setItemText(0, self.tr("全部类型"))
        self.year_filter = QSpinBox()
        self.year_filter.setRange(0, 2100)
        self.year_filter.setSpecialValueText(self.tr("全部年份"))
        self.year_filter.setValue(0)
        self.reminders_only = QCheckBox(self.tr("只看需提醒的"))
        for w in (
            grows(self.search),
            self.status_filter,
            self.type_filter,
            self.year_filter,
            self.reminders_only,
        ):
            filters.addWidget(w)
        layout.addLayout(filters)

    def _build_table(self, column: QVBoxLayout) -> None:
        columns = [
            self.tr("文号"),
            self.tr("案件名称"),
            self.tr("类型"),
            self.tr("状态"),
            self.tr("收案日期"),
            self.tr("提醒"),
        ]
        self.model = QStandardItemModel(0, len(columns), self)
        self.model.setHorizontalHeaderLabels(columns)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table, wrap=False)  # one line a case: more cases in view
        # 状态 and 提醒 right after the file number, then the case name, which takes what the others
        # leave (elided), so they stay in view on a narrow screen; 类型 and 收案日期 scroll in last.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        # File numbers share their beginning (（2026）清溪人调字): keep the end, where they differ.
        self.file_number_delegate = ElideLeftDelegate(self.table)
        self.table.setItemDelegateForColumn(0, self.file_number_delegate)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, self.table.fontMetrics().horizontalAdvance("…第1234号") + 24)
        # A reminder is a sentence: a short start of it here, the whole in its tooltip and the panel below.
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(5, self.table.fontMetrics().horizontalAdvance("调解已进行45天") + 24)
        for visual, logical in enumerate((0, 3, 5, 1, 2, 4)):
            header.moveSection(header.visualIndex(logical), visual)
        column.addWidget(self.table, 3)

    def _build_reminders_and_stats(self, column: QVBoxLayout) -> None:
        bottom = QHBoxLayout()
        reminders_box = QGroupBox(self.tr("提醒"))
        rb = QVBoxLayout(reminders_box)
        self.reminder_list = QListWidget()
        self.reminder_list.setWordWrap(True)  # a reminder is a sentence; wrap it rather than cut it
        rb.addWidget(self.reminder_list)
        bottom.addWidget(reminders_box, 1)
        stats_box = QGroupBox(self.tr("月度统计"))
        sb = QVBoxLayout(stats_box)
        month_row = QHBoxLayout()
        today = mediation.local_today(self.db)
        self.stats_year = QSpinBox()
        self.stats_year.setRange(2000, 2100)
        self.stats_year.setValue(today.year)
        self.stats_month = QSpinBox()
        self.stats_month.setRange(1, 12)
        self.stats_month.setValue(today.month)
        month_row.addWidget(QLabel(self.tr("年")))
        month_row.addWidget(self.stats_year)
        month_row.addWidget(QLabel(self.tr("月")))
        month_row.addWidget(self.stats_month)
        month_row.addStretch(1)
        sb.addLayout(month_row)
        self.stats_label = QLabel()
        self.stats_label.setObjectName("mediationStats")
        self.stats_label.setWordWrap(True)
        self.stats_label.setTextFormat(Qt.TextFormat.RichText)
        sb.addWidget(self.stats_label)
        sb.addStretch(1)
        bottom.addWidget(stats_box, 1)
        column.addLayout(bottom, 2)

    def _build_actions(self, column: QVBoxLayout) -> None:
        actions = FlowLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        specs: list[tuple[str, str, Callable[[], None]]] = [
            ("accept", self.tr("受理"), self.accept_case),
            ("refuse", self.tr("不予受理"), self.refuse_case),
            ("investigation", self.tr("调查记录"), self.add_investigation),
            ("session", self.tr("调解记录"), self.add_session),
            ("agreement", self.tr("达成协议"), self.add_agreement),
            ("failure", self.tr("调解不成"), self.add_failure),
            ("performance", self.tr("履行情况"), self.add_performance),
            ("revisit", self.tr("回访"), self.add_revisit),
            ("archive", self.tr("归档"), self.archive_case),
            ("reopen", self.tr("重新启用"), self.reopen_case),
        ]
        for key, text, slot in specs:
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(False)
            button.setToolTip(self.tr("请先在左侧选择一个案件"))
            self.action_buttons[key] = button
            actions.addWidget(button)
        column.addLayout(actions)

    def _build_tabs(self, column: QVBoxLayout) -> None:
        self.tabs = QTabWidget()
        self.overview = QTextBrowser()
        self.parties_view = QTextBrowser()
        self.history = QTextBrowser()
        docs = QWidget()
        docs_layout = QVBoxLayout(docs)
        self.doc_list = QListWidget()
        self.preview_button = QPushButton(icon("fa5s.print"), self.tr("预览 / 打印…"))
        docs_layout.addWidget(self.doc_list)
        docs_layout.addWidget(self.preview_button)
        self.tabs.addTab(self.overview, self.tr("概况"))
        self.tabs.addTab(self.parties_view, self.tr("当事人"))
        self.tabs.addTab(self.history, self.tr("经过"))
        self.tabs.addTab(docs, self.tr("文书"))
        # Papers filed in the case file by hand: listed in its index, their pages in 本卷页数.
        papers = QWidget()
        papers_layout = QVBoxLayout(papers)
        self.paper_list = QListWidget()
        self.paper_list.setObjectName("paperList")
        paper_buttons = QHBoxLayout()
        self.add_paper_button = QPushButton(icon("fa5s.plus"), self.tr("增加材料…"))
        self.remove_paper_button = QPushButton(self.tr("删除所选材料"))
        self.add_paper_button.clicked.connect(self.add_paper)
        self.remove_paper_button.clicked.connect(self.remove_paper)
        paper_buttons.addWidget(self.add_paper_button)
        paper_buttons.addWidget(self.remove_paper_button)
        paper_buttons.addStretch(1)
        papers_hint = QLabel(
            self.tr("归入卷宗的纸质材料（身份证明、证据材料、履行凭证等），列入卷内目录并计入本卷页数。")
        )
        papers_hint.setWordWrap(True)
        papers_layout.addWidget(papers_hint)
        papers_layout.addWidget(self.paper_list)
        papers_layout.addLayout(paper_buttons)
        self.tabs.addTab(papers, self.tr("卷内材料"))
        column.addWidget(self.tabs, 1)

    def _connect_signals(self) -> None:
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(250)
        self.debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        for box in (self.status_filter, self.type_filter):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.year_filter.valueChanged.connect(lambda _v: self.refresh())
        self.reminders_only.toggled.connect(lambda _b: self.refresh())
        self.stats_year.valueChanged.connect(lambda _v: self.show_stats())
        self.stats_month.valueChanged.connect(lambda _v: self.show_stats())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_case_at(cur.row()))
        self.new_button.clicked.connect(self.new_case)
        self.preview_button.clicked.connect(self.preview_selected)
        self.doc_list.itemActivated.connect(lambda _item: self.preview_selected())
        self.reminder_list.itemActivated.connect(self._reminder_chosen)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_case)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+P"), self, self.preview_selected)

    # --- list, reminders, statistics ------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            text=self.search.text(),
            status=self.status_filter.currentText() if self.status_filter.currentIndex() else "",
            dispute_type=self.type_filter.currentText() if self.type_filter.currentIndex() else "",
            year=self.year_filter.value() or None,
            reminders_only=self.reminders_only.isChecked(),
        )

    def refresh(self, select_id: str | None = None) -> None:
        keep = select_id or (self.case.id if self.case else None)
        self.rows = mediation.list_cases(self.db, self.actor, self.current_filter())
        self.model.removeRows(0, self.model.rowCount())
        for row in self.rows:
            items = [
                QStandardItem(v)
                for v in (
                    row.file_number,
                    row.title,
                    row.dispute_type,
                    row.status,
                    f"{row.received_on:%Y-%m-%d}",
                    row.reminder,
                )
            ]
            if row.reminder:
                items[-1].setForeground(Qt.GlobalColor.darkRed)
            self.model.appendRow(items)
        self.reminder_list.clear()
        self._reminders = mediation.reminders(self.db, self.actor)
        for r in self._reminders:
            self.reminder_list.addItem(f"{r.file_number}  {r.text_zh}")
        self.show_stats()
        index = next((i for i, r in enumerate(self.rows) if r.id == keep), None)
        if index is not None:
            self.table.selectRow(index)
            self.show_case_at(index)
        elif self.case is not None and keep is None:
            self.case = None

    def apply_changes(self, changes: Changes) -> None:
        """A case made elsewhere (转人民调解 from an event) shows in the list; the selection stays."""
        if changes.mediation:
            self.refresh()

    def _reminder_chosen(self) -> None:
        row = self.reminder_list.currentRow()
        if 0 <= row < len(self._reminders):
            target = self._reminders[row].case_id
            index = next((i for i, r in enumerate(self.rows) if r.id == target), None)
            if index is not None:
                self.table.selectRow(index)

    def show_stats(self) -> None:
        s = mediation.monthly_stats(self.db, self.actor, self.stats_year.value(), self.stats_month.value())
        rate = f"{s.success_rate:.0%}" if s.success_rate is not None else "—"
        types = "、".join(f"{t} {n}" for t, n in s.by_type.items()) or self.tr("无")
        self.stats_label.setText(
            self.tr(
                "收案 <b>{received}</b> 件，受理 {accepted} 件；调解成功 <b>{agreements}</b> 件"
                "（书面 {written}、口头 {oral}），调解不成 {failed} 件，不予受理 {refused} 件；"
                "调解成功率 <b>{rate}</b><br>按类型：{types}"
            ).format(
                received=s.received,
                accepted=s.accepted,
                agreements=s.agreements,
                written=s.written,
                oral=s.oral,
                failed=s.failed,
                refused=s.refused,
                rate=rate,
                types=types,
            )
        )

    # --- one case ----------------------------------------------------------------------------------
    def show_case_at(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        try:
            self.case = mediation.get_case(self.db, self.actor, self.rows[index].id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法打开"), error_text(exc))
            return
        c = self.case
        self.case_title.setText(f"<b>{_esc(c.file_number)}</b>　{_esc(c.title)}　〔{_esc(c.status)}〕")
        end = c.judicial_window_end
        lines = [
            (self.tr("纠纷来源"), c.source),
            (self.tr("纠纷类型"), c.dispute_type),
            (self.tr("收案日期"), f"{c.received_on:%Y-%m-%d}"),
            (self.tr("调解员"), c.mediator_names),
            (self.tr("争议金额"), mediation.format_amount(c.amount_cents) or "—"),
            (self.tr("纠纷简要情况"), c.summary),
            (self.tr("申请事项"), c.requests or "—"),
        ]
        if c.outcome:
            lines.append(
                (
                    self.tr("调解结果"),
                    f"{c.outcome}（{c.outcome_on:%Y-%m-%d}）" if c.outcome_on else c.outcome,
                )
            )
        if c.refusal_reason:
            lines.append((self.tr("不予受理理由"), c.refusal_reason))
        if c.failure_reason:
            lines.append(
                (
                    self.tr("调解不成原因"),
                    f"{c.failure_reason}；{self.tr('告知途径')}：{'、'.join(c.referral_routes)}",
                )
            )
        if c.terms:
            lines.append((self.tr("协议内容"), c.terms))
        if end is not None:
            state = (
                self.tr("已于 {day} 申请").format(day=f"{c.judicial_applied_on:%Y-%m-%d}")
                if c.judicial_applied_on
                else self.tr("截至 {day}").format(day=f"{end:%Y-%m-%d}")
            )
            lines.append((self.tr("司法确认申请期限"), state))
        if c.performance_status:
            lines.append((self.tr("履行情况"), f"{c.performance_status} {c.performance_note}"))
        if c.archived_on:
            lines.append((self.tr("归档"), f"{c.archived_on:%Y-%m-%d}，{c.retention}"))
        self.overview.setHtml("".join(f"<p><b>{_esc(k)}：</b>{_esc(v)}</p>" for k, v in lines))
        first, second = c.side_labels
        party_html = []
        for p in c.parties:
            label = first if p.side == 1 else second
            if p.is_org:
                detail = f"{p.org_name}，{self.tr('统一社会信用代码')} {p.org_credit_code}，{self.tr('法定代表人')} {p.org_legal_rep}"
            else:
                person = p.person
                detail = ", ".join(
                    x
                    for x in (
                        p.name,
                        person.sex if person else "",
                        person.resident_id if person else "",
                        p.contact,
                    )
                    if x
                )
            if p.agent is not None:
                detail += f"；{p.agent_kind} {p.agent.name}"
            party_html.append(f"<p><b>{_esc(label)}</b>：{_esc(detail)}</p>")
        self.parties_view.setHtml("".join(party_html))
        self.history.setHtml(
            "".join(
                f"<p>{_esc(format_local(entry.at))} <b>{_esc(entry.action)}</b> → {_esc(entry.status_after)}"
                f"（{_esc(entry.by_name)}）{_esc(entry.note)}</p>"
                for entry in c.log
            )
        )
        self.doc_list.clear()
        for kind, (zh, _en) in mediation_docs.KINDS.items():
            if kind == "case-file" or mediation_docs.has_document(kind, c):
                self.doc_list.addItem(zh)
                self.doc_list.item(self.doc_list.count() - 1).setData(Qt.ItemDataRole.UserRole, kind)
        if self.doc_list.count():
            self.doc_list.setCurrentRow(0)
        self.paper_list.clear()
        for paper in c.papers:
            self.paper_list.addItem(
                self.tr("{kind}　{title}（{pages} 页）").format(
                    kind=paper.kind, title=paper.title, pages=paper.pages
                )
            )
            self.paper_list.item(self.paper_list.count() - 1).setData(Qt.ItemDataRole.UserRole, paper.id)
        self._enable_actions(c)

    def _enable_actions(self, c: CaseDetail) -> None:
        handle = self.actor.can(Permission.MEDIATION_HANDLE)
        s = c.status
        allowed = {
            "accept": s == mediation.PENDING,
            "refuse": s == mediation.PENDING,
            "investigation": s == mediation.ACTIVE,
            "session": s == mediation.ACTIVE,
            "agreement": s == mediation.ACTIVE and bool(c.sessions),
            "failure": s == mediation.ACTIVE,
            "performance": s == mediation.SUCCEEDED,
            "revisit": s in (mediation.SUCCEEDED, mediation.FAILED),
            "archive": s in (mediation.REFUSED, mediation.SUCCEEDED, mediation.FAILED),
        }
        filing = handle and s != mediation.ARCHIVED
        self.add_paper_button.setEnabled(filing)
        self.remove_paper_button.setEnabled(filing and bool(c.papers))
        no_handle = self.role_lacks(Permission.MEDIATION_HANDLE)
        archived = self.tr("案件已归档，不能再办理；需要时先“重新启用”。")
        for button in (self.add_paper_button, self.remove_paper_button):
            button.setToolTip("" if button.isEnabled() else no_handle if not handle else archived)
        if filing and not c.papers:
            self.remove_paper_button.setToolTip(self.tr("卷内还没有材料。"))
        for key, button in self.action_buttons.items():
            if key == "reopen":
                manage = self.actor.can(Permission.MEDIATION_MANAGE)
                button.setEnabled(s == mediation.ARCHIVED and manage)
                reason = (
                    self.tr("只有已归档的案件才需要重新启用。")
                    if s != mediation.ARCHIVED
                    else self.role_lacks(Permission.MEDIATION_MANAGE)
                )
            else:
                button.setEnabled(handle and allowed.get(key, False))
                if not handle:
                    reason = no_handle
                elif s == mediation.ARCHIVED:
                    reason = archived
                elif key == "agreement" and s == mediation.ACTIVE:
                    reason = self.tr("先保存至少一次调解记录，才能登记达成协议。")
                else:
                    reason = self.tr("案件处于“{status}”状态，不能进行此操作。").format(status=s)
            button.setToolTip("" if button.isEnabled() else reason)

    def role_lacks(self, permission: Permission) -> str:
        """A disabled button's tooltip when the role is the reason."""
        roles = "、".join(
            role_label(c, n) for c, n in zip(self.actor.role_codes, self.actor.role_names, strict=True)
        )
        return self.tr("您的角色（{roles}）没有“{permission}”权限。").format(
            roles=roles or self.tr("无角色"), permission=pick(*PERMISSION_LABELS[permission])
        )

    def _after(self, action: Callable[[], None]) -> bool:
        try:
            action()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法完成"), error_text(exc))
            return False
        self.refresh(self.case.id if self.case else None)
        return True

    def _dialog(self, title: str, ok_text: str) -> StepDialog:
        """A step dialog whose intro line names the case, as the dialog covers the list it was chosen in."""
        c = self.case
        assert c is not None
        dialog = StepDialog(title, ok_text, self)
        dialog.set_intro(
            self.tr("案件：{number}　{title}（{status}）").format(
                number=c.file_number, title=c.title, status=c.status
            )
        )
        return dialog

    def _step(self, dialog: StepDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(self.case.id if self.case else None)

    # --- actions -----------------------------------------------------------------------------------
    def new_case(self) -> None:
        if not self.actor.can(Permission.MEDIATION_HANDLE):
            return
        dialog = NewCaseDialog(self.db, self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(dialog.created_id)

    def accept_case(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("受理案件"), self.tr("受理"))
        on = field(
            d.form, "on", self.tr("受理日期"), date_edit(mediation.local_today(self.db)), required=True
        )
        note = field(d.form, "note", self.tr("说明"), limited(QLineEdit(), limits.MEDIATION_TEXT))
        d.submit = lambda: mediation.accept_case(self.db, self.actor, c.id, to_date(on), note.text(), c.ver)
        self._step(d)

    def refuse_case(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("不予受理"), self.tr("确定"))
        on = field(d.form, "on", self.tr("日期"), date_edit(mediation.local_today(self.db)), required=True)
        reason = field(d.form, "reason", self.tr("理由"), combo(mediation.REFUSAL_REASONS), required=True)
        note = field(d.form, "note", self.tr("具体情况"), text_box(3))
        d.submit = lambda: mediation.refuse_case(
            self.db, self.actor, c.id, to_date(on), reason.currentText(), note.toPlainText(), c.ver
        )
        self._step(d)

    def add_investigation(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("调查记录"), self.tr("保存"))
        when = field(
            d.form, "occurred_at", self.tr("调查时间"), datetime_edit(self.db.clock()), required=True
        )
        place = field(d.form, "place", self.tr("调查地点"), limited(QLineEdit(), limits.PLACE), required=True)
        participants = field(
            d.form, "participants", self.tr("参加人"), limited(QLineEdit(), limits.PARTICIPANTS)
        )
        subject = field(
            d.form,
            "subject",
            self.tr("被调查人（单位）"),
            limited(QLineEdit(), limits.ORG_NAME),
            required=True,
        )
        record = field(d.form, "record", self.tr("调查记录"), text_box(8), required=True)
        d.submit = lambda: mediation.record_investigation(
            self.db,
            self.actor,
            c.id,
            InvestigationInput(
                occurred_at=to_datetime(when),
                place=place.text(),
                participants=participants.text(),
                subject_other=subject.text(),
                record=record.toPlainText(),
            ),
            c.ver,
        )
        self._step(d)

    def add_session(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("调解记录"), self.tr("保存"))
        when = field(
            d.form, "occurred_at", self.tr("调解时间"), datetime_edit(self.db.clock()), required=True
        )
        place = field(d.form, "place", self.tr("调解地点"), limited(QLineEdit(), limits.PLACE), required=True)
        participants = field(
            d.form,
            "participants",
            self.tr("参加人（含邀请人员）"),
            limited(QLineEdit(), limits.SESSION_PARTICIPANTS),
        )
        present = field(
            d.form,
            "parties_present",
            self.tr("到场当事人"),
            limited(QLineEdit("、".join(p.name for p in c.parties)), limits.PARTIES_PRESENT),
            required=True,
        )
        record = field(d.form, "record", self.tr("调解情况"), text_box(8), required=True)
        # No preset outcome: a mediator who saves without looking must not record an agreement.
        result = field(d.form, "result", self.tr("调解结果"), combo(mediation.SESSION_RESULTS), required=True)
        result.setCurrentIndex(-1)
        result.setPlaceholderText(self.tr("请选择"))
        d.submit = lambda: mediation.record_session(
            self.db,
            self.actor,
            c.id,
            SessionInput(
                occurred_at=to_datetime(when),
                place=place.text(),
                participants=participants.text(),
                parties_present=present.text(),
                record=record.toPlainText(),
                result=result.currentText(),
            ),
            c.ver,
        )
        self._step(d)

    def add_agreement(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("达成调解协议"), self.tr("保存"))
        oral = field(
            d.form, "oral", self.tr("协议形式"), combo((mediation.WRITTEN, mediation.ORAL)), required=True
        )
        signed = field(
            d.form,
            "signed_on",
            self.tr("签订（生效）日期"),
            date_edit(mediation.local_today(self.db)),
            required=True,
        )
        facts = field(d.form, "facts", self.tr("纠纷主要事实"), text_box(4), required=True)
        disputed = field(d.form, "disputed_matters", self.tr("争议事项"), text_box(2), required=True)
        resp = field(d.form, "responsibility", self.tr("各方责任"), text_box(2))
        terms = field(d.form, "terms", self.tr("协议内容"), text_box(5), required=True)
        manner = field(
            d.form,
            "performance_manner",
            self.tr("履行方式"),
            limited(QLineEdit(), limits.MEDIATION_TEXT),
            required=True,
        )
        has_deadline = QCheckBox(self.tr("有履行期限"))
        deadline = date_edit(mediation.local_today(self.db))
        field(d.form, "has_deadline", "", has_deadline)
        field(d.form, "performance_deadline", self.tr("履行期限"), deadline)
        d.submit = lambda: mediation.record_agreement(
            self.db,
            self.actor,
            c.id,
            AgreementInput(
                signed_on=to_date(signed),
                facts=facts.toPlainText(),
                disputed_matters=disputed.toPlainText(),
                responsibility=resp.toPlainText(),
                terms=terms.toPlainText(),
                performance_manner=manner.text(),
                performance_deadline=to_date(deadline) if has_deadline.isChecked() else None,
            ),
            oral=oral.currentText() == mediation.ORAL,
            expected_ver=c.ver,
        )
        self._step(d)

    def add_failure(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("调解不成，终止调解"), self.tr("保存"))
        on = field(
            d.form, "on", self.tr("终止日期"), date_edit(mediation.local_today(self.db)), required=True
        )
        reason = field(d.form, "reason", self.tr("调解不成的原因"), text_box(3), required=True)
        routes = RouteChecks()
        field(
            d.form,
            "routes",
            self.tr("已告知的其他途径"),
            routes,
            required=True,
            hint=self.tr("人民调解法第二十六条"),
        )
        d.submit = lambda: mediation.record_failure(
            self.db, self.actor, c.id, to_date(on), reason.toPlainText(), routes.chosen(), c.ver
        )
        self._step(d)

    def add_performance(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("履行情况"), self.tr("保存"))
        status = field(
            d.form, "status", self.tr("履行情况"), combo(mediation.PERFORMANCE_STATUSES), required=True
        )
        note = field(d.form, "note", self.tr("说明"), text_box(3))
        d.submit = lambda: mediation.record_performance(
            self.db, self.actor, c.id, status.currentText(), note.toPlainText(), c.ver
        )
        self._step(d)

    def add_revisit(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("回访记录"), self.tr("保存"))
        party = combo([p.name for p in c.parties])
        field(d.form, "party", self.tr("回访对象"), party, required=True)
        on = field(
            d.form,
            "visited_on",
            self.tr("回访日期"),
            date_edit(mediation.local_today(self.db)),
            required=True,
        )
        reason = field(
            d.form,
            "reason",
            self.tr("回访事由"),
            limited(QLineEdit(self.tr("协议履行情况回访")), limits.REVISIT_LINE),
            required=True,
        )
        perf = field(d.form, "performance", self.tr("协议履行情况"), text_box(3), required=True)
        sat = field(
            d.form, "satisfaction", self.tr("当事人满意度"), combo(mediation.SATISFACTION), required=True
        )
        suits = field(
            d.form,
            "new_suits",
            self.tr("是否另行起诉、信访"),
            limited(QLineEdit(self.tr("无")), limits.REVISIT_LINE),
            required=True,
        )
        flare = field(
            d.form,
            "flare_signs",
            self.tr("有无激化迹象"),
            limited(QLineEdit(self.tr("无")), limits.REVISIT_LINE),
            required=True,
        )
        measures = field(d.form, "measures", self.tr("采取的措施"), text_box(2))
        d.submit = lambda: mediation.record_revisit(
            self.db,
            self.actor,
            c.id,
            RevisitInput(
                party_id=c.parties[party.currentIndex()].id,
                visited_on=to_date(on),
                reason=reason.text(),
                performance=perf.toPlainText(),
                satisfaction=sat.currentText(),
                new_suits=suits.text(),
                flare_signs=flare.text(),
                measures=measures.toPlainText(),
            ),
            c.ver,
        )
        self._step(d)

    def add_paper(self) -> None:
        c = self.case
        if c is None:
            return
        d = self._dialog(self.tr("增加卷内材料"), self.tr("增加"))
        kind = field(d.form, "kind", self.tr("材料类别"), combo(mediation.PAPER_KINDS), required=True)
        title = field(
            d.form, "title", self.tr("材料名称"), limited(QLineEdit(), limits.PAPER_TITLE), required=True
        )
        pages = QSpinBox()
        pages.setRange(1, mediation.MAX_PAPER_PAGES)
        field(d.form, "pages", self.tr("页数"), pages, required=True)
        d.submit = lambda: mediation.add_paper(
            self.db, self.actor, c.id, kind.currentText(), title.text(), pages.value(), c.ver
        )
        self._step(d)

    def remove_paper(self) -> None:
        c = self.case
        item = self.paper_list.currentItem()
        if c is None or item is None:
            return
        paper_id = str(item.data(Qt.ItemDataRole.UserRole))
        self._after(lambda: mediation.remove_paper(self.db, self.actor, c.id, paper_id, c.ver))

    def archive_case(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("归档结案"), self.tr("归档"))
        on = field(
            d.form, "on", self.tr("归档日期"), date_edit(mediation.local_today(self.db)), required=True
        )
        retention = field(
            d.form, "retention", self.tr("保管期限"), combo(mediation.RETENTION_PERIODS), required=True
        )
        note = field(
            d.form,
            "note",
            self.tr("备注"),
            limited(QLineEdit(), limits.MEDIATION_TEXT),
            hint=self.tr("归档后案件不能再修改，需中心负责人重新启用。"),
        )
        d.submit = lambda: mediation.archive_case(
            self.db, self.actor, c.id, to_date(on), retention.currentText(), note.text(), c.ver
        )
        self._step(d)

    def reopen_case(self) -> None:
        c = self.case
        assert c is not None
        d = self._dialog(self.tr("重新启用已归档案件"), self.tr("重新启用"))
        reason = field(d.form, "reason", self.tr("理由"), text_box(3), required=True)
        d.submit = lambda: mediation.reopen_case(self.db, self.actor, c.id, reason.toPlainText(), c.ver)
        self._step(d)

    def selected_kind(self) -> str | None:
        item = self.doc_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def preview_selected(self) -> None:
        kind = self.selected_kind()
        if self.case is None or kind is None:
            return
        PrintPreviewDialog(self.db, self.actor, kind, self.case.id, self).exec()
