"""One event: every field, its state and supervision colour, the timeline, attachments, and a button
for each step the user may take now (the steps' own dialogs are in step_dialogs)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import format_local
from desktop.db import Database
from desktop.errors import UserError
from desktop.services import events, mediation
from desktop.services.accounts.permissions import PERMISSION_LABELS, Actor, Permission
from desktop.services.events import FINISHED, State
from desktop.services.events import workflow as flow
from desktop.services.events.queries import RED, SUPERVISED, YELLOW, ActionRow, EventDetail, get_event
from desktop.views.events.common import THUMB, open_file, thumbnail, thumbnail_list
from desktop.views.events.step_dialogs import EventSteps
from desktop.views.forms import StepDialog
from desktop.views.i18n import error_text, pick, role_label
from desktop.views.icons import icon
from desktop.views.labels import label, step_label
from desktop.views.mediation.dialogs import NewCaseDialog
from desktop.views.notifier import ChangeNotifier
from desktop.views.screen_fit import fit_window
from desktop.views.tables import StretchWithFloor, setup_read_only_table

STEP_ICONS = {
    "受理": "fa5s.check", "不予受理": "fa5s.ban", "分拨": "fa5s.share-square", "签收": "fa5s.signature",
    "退回": "fa5s.undo", "申请延期": "fa5s.hourglass-half", "延期审批": "fa5s.gavel", "挂账缓办": "fa5s.pause",
    "恢复办理": "fa5s.play", "办结反馈": "fa5s.clipboard-check", "核查": "fa5s.search", "回访": "fa5s.phone",
    "结案": "fa5s.archive", "上报县级": "fa5s.level-up-alt", "督办": "fa5s.bell", "催办": "fa5s.stopwatch",
}  # fmt: skip
# The next step of the main loop is shown first and highlighted.
MAIN_STEP = {
    State.PENDING: "受理", State.ACCEPTED: "分拨", State.RETURNED: "分拨", State.DISPATCHED: "签收",
    State.IN_PROGRESS: "办结反馈", State.POSTPONED: "恢复办理", State.COMPLETED: "核查", State.VERIFIED: "回访",
    State.VISITED: "结案",
}  # fmt: skip
COLOUR_STYLE = {
    RED: "background:#c0392b;color:#ffffff;",
    YELLOW: "background:#f0b400;color:#1f2933;",
    SUPERVISED: "background:#2f6db5;color:#ffffff;",
}
PRINT_KINDS = ("event-dispatch", "supervision-notice")


@cache
def printable_kinds() -> frozenset[str]:
    """The event documents the print registry offers (another module registers them)."""
    from desktop.printing import registry

    return frozenset(k.name for k in registry.kinds() if k.name in PRINT_KINDS)


def badge(text: str, style: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"QLabel {{{style} border-radius:4px; padding:3px 10px; font-weight:bold;}}")
    return label


class EventDetailDialog(QDialog):
    def __init__(
        self, db: Database, actor: Actor, event_id: str, parent: QWidget | None = None, *,
        notifier: ChangeNotifier | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.db, self.actor, self.event_id = db, actor, event_id
        # Each step's Changes go out here; the events page (and any other) refreshes from them.
        self.notifier = notifier if notifier is not None else ChangeNotifier(self)
        self.case_dialog: NewCaseDialog | None = None
        self.detail: EventDetail = get_event(db, actor, event_id)
        self.steps = EventSteps(db, actor, self)
        self.step_buttons: dict[str, QPushButton] = {}
        self.print_buttons: dict[str, QPushButton] = {}
        self.last_step: StepDialog | None = None
        fit_window(self, 1240, 760)
        outer = QVBoxLayout(self)

        self._build_header(outer)

        split = QSplitter(Qt.Orientation.Horizontal)
        self._build_info(split)
        self._build_history(split)
        split.setSizes([470, 760])
        outer.addWidget(split, 1)

        self.actions_row = QHBoxLayout()
        outer.addLayout(self.actions_row)
        self.reload()

    # --- building the window -------------------------------------------------------------------------
    def _build_header(self, outer: QVBoxLayout) -> None:
        header = QHBoxLayout()
        self.number_label = QLabel()
        self.number_label.setObjectName("eventNumber")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_badge = badge("", "background:#e4e7eb;color:#1f3f66;")
        self.colour_badge = badge("", "")
        header.addWidget(self.number_label)
        header.addSpacing(12)
        header.addWidget(self.state_badge)
        header.addWidget(self.colour_badge)
        header.addStretch(1)
        outer.addLayout(header)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setObjectName("eventTitle")
        outer.addWidget(self.title_label)

    def _build_info(self, split: QSplitter) -> None:
        info_scroll = QScrollArea()
        info_scroll.setWidgetResizable(True)
        info_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.info = QWidget()
        self.info_grid = QGridLayout(self.info)
        self.info_grid.setColumnStretch(1, 1)
        self.info_grid.setVerticalSpacing(6)
        self.info_grid.setHorizontalSpacing(12)
        info_scroll.setWidget(self.info)
        split.addWidget(info_scroll)

    def _build_history(self, split: QSplitter) -> None:
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        self.timeline_label = QLabel()
        self.timeline_label.setStyleSheet("font-weight:bold;")
        right_column.addWidget(self.timeline_label)
        self.timeline = QTableWidget(0, 5)
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("环节"), self.tr("办理人"), self.tr("状态"), self.tr("说明")]
        )
        setup_read_only_table(self.timeline, multi=True)
        for column, width in enumerate((165, 90, 80, 160)):
            self.timeline.setColumnWidth(column, width)
        # 说明 (what was done, the deadline) wraps instead of running off the right edge, at least ten
        # characters a line: with Qt's Stretch it wrapped a character a line at 150 % (cold test 26).
        floor = self.timeline.fontMetrics().horizontalAdvance("中" * 10) + 12
        self.note_width = StretchWithFloor(self.timeline, 4, floor)
        self.timeline.setWordWrap(True)
        self.timeline.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        right_column.addWidget(self.timeline, 3)
        self.attachments_label = QLabel()
        self.attachments_label.setStyleSheet("font-weight:bold;")
        right_column.addWidget(self.attachments_label)
        self.files = thumbnail_list(label_width=THUMB + 54, height=THUMB + 60)
        self.files.setToolTip(self.tr("双击打开附件"))
        self.files.itemActivated.connect(self._open_attachment)
        right_column.addWidget(self.files)
        split.addWidget(right)

    # --- showing -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.detail = d = get_event(self.db, self.actor, self.event_id)
        self.setWindowTitle(self.tr("事件详情 — {number}").format(number=d.number))
        self.number_label.setText(d.number)
        self.title_label.setText(d.title)
        self.state_badge.setText(label(d.state))
        colour_text = {
            RED: self.tr("已超期"),
            YELLOW: self.tr("临期预警（已过 80% 时限）"),
            SUPERVISED: self.tr("督办中"),
        }.get(d.colour, "")
        self.colour_badge.setText(colour_text)
        self.colour_badge.setStyleSheet(
            f"QLabel {{{COLOUR_STYLE.get(d.colour, '')} border-radius:4px; padding:3px 10px; font-weight:bold;}}"
        )
        self.colour_badge.setVisible(bool(colour_text))
        self._fill_info(d)
        self._fill_timeline(d)
        self._fill_attachments(d)
        self._build_actions(d)

    def _fill_info(self, d: EventDetail) -> None:
        while self.info_grid.count():
            taken = self.info_grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        reporter = self.tr("匿名") if d.anonymous else d.reporter_name
        place = " / ".join(p for p in (d.community, d.grid) if p)
        outcome = label(d.outcome) + (f"：{d.outcome_note}" if d.outcome_note else "")
        rows = [
            (self.tr("来源渠道"), label(d.channel)),
            (self.tr("反映人"), reporter),
            (self.tr("联系电话"), "" if d.anonymous else d.reporter_phone),
            (self.tr("发生时间"), format_local(d.occurred_at)),
            (self.tr("登记时间"), format_local(d.reported_at)),
            (self.tr("村（社区）/ 网格"), place),
            (self.tr("详细地址"), d.address),
            (self.tr("事项"), f"{d.matter_name}（{d.matter_code}）"),
            (self.tr("领域 / 类别"), " / ".join(p for p in (d.domain, d.category) if p)),
            (self.tr("紧急程度"), label(d.urgency)),
            (self.tr("涉及人数"), str(d.people_involved)),
            (self.tr("处置层级"), label(d.loop)),
            (self.tr("事情经过"), d.description),
            (self.tr("承办单位"), d.target or self.tr("尚未交办")),
            (self.tr("交办时间"), format_local(d.dispatched_at)),
            (self.tr("办理期限"), self.steps.deadline_text(d)),
            (self.tr("办理结果"), outcome),
            (self.tr("回访满意度"), label(d.satisfaction)),
            (self.tr("返工 / 退回"), self.tr("{r} 次 / {b} 次").format(r=d.rework_count, b=d.return_count)),
            (self.tr("结案时间"), format_local(d.closed_at)),
        ]
        self.info_values: dict[str, QLabel] = {}
        for row, (caption, value) in enumerate(rows):
            name = QLabel(caption)
            name.setStyleSheet("color:#52606d;")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            shown = QLabel(value or "—")
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info_grid.addWidget(name, row, 0)
            self.info_grid.addWidget(shown, row, 1)
            self.info_values[caption] = shown
        self.info_grid.setRowStretch(len(rows), 1)

    def action_text(self, action: ActionRow) -> str:
        """The note plus what the step recorded (target, limit, outcome, satisfaction...)."""
        x = action.detail
        extra = ""
        if action.kind == "分拨" and x.get("target"):
            extra = self.tr("交办给 {target}").format(target=x["target"])
            if x.get("limit_days") is not None:
                extra += self.tr("，时限 {days} 个工作日").format(days=x["limit_days"])
            if x.get("deadline"):
                extra += self.tr("，期限 {deadline}").format(deadline=x["deadline"])
            if x.get("estimated"):
                extra += self.tr("（超出节假日表，按正常周计算）")
        elif action.kind == "申请延期":
            extra = self.tr("申请延期 {days} 个工作日").format(days=x.get("days", ""))
        elif action.kind == "延期审批":
            extra = (
                self.tr("同意延期 {days} 个工作日，新期限 {deadline}").format(
                    days=x.get("days", ""), deadline=x.get("deadline", "")
                )
                if x.get("approved")
                else self.tr("不同意延期")
            )
        elif action.kind == "挂账缓办" and x.get("approver"):
            extra = self.tr("批准人：{name}").format(name=x["approver"])
        elif action.kind == "恢复办理" and x.get("paused_workdays"):
            extra = self.tr("期限顺延 {days} 个工作日").format(days=x["paused_workdays"])
        elif action.kind in ("办结反馈", "现场处置") and x.get("outcome"):
            extra = label(str(x["outcome"])) + (
                self.tr("，原因：{r}").format(r=x["reason"]) if x.get("reason") else ""
            )
        elif action.kind == "核查":
            extra = self.tr("核查通过") if x.get("passed") else self.tr("核查不通过，退回返工")
        elif action.kind == "回访" and x.get("satisfaction"):
            extra = self.tr("满意度：{s}").format(s=label(str(x["satisfaction"])))
        elif action.kind == "重复上报":
            extra = self.tr("反映人：{who}").format(who=x.get("reporter", ""))
        parts = [p for p in (extra, action.note) if p]
        return "；".join(parts)

    def _fill_timeline(self, d: EventDetail) -> None:
        self.timeline_label.setText(self.tr("办理过程（{n}）").format(n=len(d.timeline)))
        self.timeline.setRowCount(len(d.timeline))
        for r, action in enumerate(d.timeline):
            moved = (
                f"{label(action.from_state)} → {label(action.to_state)}"
                if action.from_state and action.from_state != action.to_state
                else label(action.to_state)
            )
            values = (
                format_local(action.at),
                step_label(action.kind),
                action.actor_name,
                moved,
                self.action_text(action),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 4:
                    item.setToolTip(value)
                self.timeline.setItem(r, c, item)
        self.timeline.resizeRowsToContents()
        if d.timeline:
            self.timeline.scrollToBottom()

    def _fill_attachments(self, d: EventDetail) -> None:
        self.attachments_label.setText(
            self.tr("附件（{n}，双击打开）").format(n=len(d.attachments))
            if d.attachments
            else self.tr("附件：无")
        )
        self.files.clear()
        for a in d.attachments:
            path = events.attachment_path(self.db, a.stored_path)
            entry = QListWidgetItem(thumbnail(path), f"{a.file_name}\n{label(a.kind)}")
            entry.setData(Qt.ItemDataRole.UserRole, str(path))
            entry.setToolTip(self.tr("{name}\n{kind}，{size} KB\nSHA-256：{sha}").format(
                name=a.file_name, kind=label(a.kind), size=max(1, a.size // 1024), sha=a.sha256
            ))  # fmt: skip
            self.files.addItem(entry)
        self.files.setVisible(bool(d.attachments))

    def _open_attachment(self, item: QListWidgetItem) -> None:
        path = Path(str(item.data(Qt.ItemDataRole.UserRole)))
        if not path.is_file():
            QMessageBox.warning(
                self, self.tr("找不到附件"), self.tr("附件文件不在数据文件夹中：\n{p}").format(p=path)
            )
            return
        open_file(path)

    # --- the buttons ---------------------------------------------------------------------------------
    def visible_steps(self, d: EventDetail) -> list[str]:
        kinds = [s.kind for s in flow.available_steps(d.state, self.actor)]
        if d.extension_pending:
            kinds = [k for k in kinds if k != "申请延期"]
        else:
            kinds = [k for k in kinds if k != "延期审批"]
        if d.anonymous:
            kinds = [k for k in kinds if k != "回访"]  # nobody to call back
        main = MAIN_STEP.get(State(d.state)) if d.state in set(State) else None
        if main in kinds:
            kinds.remove(main)
            kinds.insert(0, main)
        return kinds

    def _build_actions(self, d: EventDetail) -> None:
        while self.actions_row.count():
            taken = self.actions_row.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.step_buttons = {}
        kinds = self.visible_steps(d)
        main = MAIN_STEP.get(State(d.state)) if d.state in set(State) else None
        for kind in kinds:
            colour = "#ffffff" if kind == main else "#1f5fa8"
            button = QPushButton(icon(STEP_ICONS.get(kind, "fa5s.arrow-right"), colour), step_label(kind))
            button.setAutoDefault(False)
            if kind == main:
                button.setStyleSheet("QPushButton { background:#2f6db5; color:#ffffff; font-weight:bold; }")
            button.clicked.connect(lambda _=False, k=kind: self.run_step(k))
            self.actions_row.addWidget(button)
            self.step_buttons[kind] = button
        self.mediation_button: QPushButton | None = None
        if self.may_refer_to_mediation(d):
            self.mediation_button = QPushButton(icon("fa5s.balance-scale", "#1f5fa8"), self.tr("转人民调解"))
            self.mediation_button.setAutoDefault(False)
            self.mediation_button.clicked.connect(self.refer_to_mediation)
            self.actions_row.addWidget(self.mediation_button)
        self.no_step_note: QLabel | None = None
        if not kinds and self.mediation_button is None:
            self.no_step_note = note = QLabel(self.no_step_text(d))
            note.setObjectName("formHint")
            note.setWordWrap(True)
            self.actions_row.addWidget(note)
        self.actions_row.addStretch(1)
        self.print_buttons = {}
        offered = printable_kinds()
        if "event-dispatch" in offered and self.has_dispatch_sheet(d):
            self.print_buttons["event-dispatch"] = QPushButton(icon("fa5s.print"), self.tr("打印交办单"))
        if "supervision-notice" in offered and self.has_supervision_notice(d):
            self.print_buttons["supervision-notice"] = QPushButton(
                icon("fa5s.print"), self.tr("打印督办通知")
            )
        for kind, button in self.print_buttons.items():
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, k=kind: self.print_document(k))
            self.actions_row.addWidget(button)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.actions_row.addWidget(close)

    def no_step_text(self, d: EventDetail) -> str:
        """Why there is no button: the event is finished, the role may not handle it, or its state."""
        if d.state in (State.CLOSED, State.NOT_ACCEPTED):
            return self.tr("本事件已办结，无需再办理。")
        missing = flow.missing_permissions(d.state, self.actor)
        if missing:
            roles = "、".join(
                role_label(c, n) for c, n in zip(self.actor.role_codes, self.actor.role_names, strict=True)
            )
            return self.tr("您的角色（{roles}）不能办理此事件：需要“{permissions}”权限。").format(
                roles=roles or self.tr("无角色"),
                permissions="、".join(pick(*PERMISSION_LABELS[p]) for p in missing),
            )
        return self.tr("事件处于“{state}”状态，当前没有可办理的环节。").format(state=label(d.state))

    def may_refer_to_mediation(self, d: EventDetail) -> bool:
        """A dispute not yet referred, and a user who registers mediation cases."""
        return (
            self.actor.can(Permission.MEDIATION_HANDLE)
            and mediation.is_dispute(d.matter_code)
            and not d.mediation_cases
            and d.state not in FINISHED
        )

    @staticmethod
    def has_dispatch_sheet(d: EventDetail) -> bool:
        return d.dispatched_at is not None and any(a.kind == "分拨" for a in d.timeline)

    @staticmethod
    def has_supervision_notice(d: EventDetail) -> bool:
        """Supervised by hand after it was dispatched (the notice names the handling unit)."""
        kinds = [a.kind for a in d.timeline]
        if "督办" not in kinds or not d.target:
            return False
        last = len(kinds) - 1 - kinds[::-1].index("督办")
        return "分拨" in kinds[:last]

    def print_document(self, kind: str) -> None:
        from desktop.views.mediation.preview import PrintPreviewDialog

        PrintPreviewDialog(self.db, self.actor, kind, self.detail.id, self).exec()

    # --- the steps -----------------------------------------------------------------------------------
    def run_step(self, kind: str) -> bool:
        """Opens the step's dialog; after a successful step announces what changed and reloads."""
        d = self.detail
        dialog = self.steps.dialog(kind, d)
        self.last_step = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self.notifier.announce(dialog.outcome)
        return self._reload_after(accepted)

    def _reload_after(self, accepted: bool) -> bool:
        try:
            self.reload()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法显示"), error_text(exc))
            self.reject()
            return False
        return accepted

    def refer_to_mediation(self) -> bool:
        """转人民调解: registers a mediation case from this dispute; the mediation page lists it at once."""
        dialog = NewCaseDialog(self.db, self.actor, self, event=self.detail)
        self.case_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self.notifier.announce(dialog.changes)
        return self._reload_after(accepted)
