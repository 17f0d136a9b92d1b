"""One event: every field, its state and supervision colour, the timeline, attachments, and a button
for each step the user may take now. Each step asks only for what it needs and calls its service."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import format_local
from desktop.db import Database
from desktop.errors import UserError
from desktop.services import events, matters
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.events import State
from desktop.services.events import workflow as flow
from desktop.services.events.queries import RED, SUPERVISED, YELLOW, ActionRow, EventDetail, get_event
from desktop.services.matters import ItemQuery
from desktop.services.workforce import grids
from desktop.views.events.common import (
    THUMB,
    AttachmentList,
    StepDialog,
    combo,
    field,
    open_file,
    text_box,
    thumbnail,
)
from desktop.views.i18n import error_text, pick
from desktop.views.icons import icon

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
    changed = Signal(str)  # the event's id, after any step

    def __init__(self, db: Database, actor: Actor, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.event_id = db, actor, event_id
        self.detail: EventDetail = get_event(db, actor, event_id)
        self.step_buttons: dict[str, QPushButton] = {}
        self.print_buttons: dict[str, QPushButton] = {}
        self.last_step: StepDialog | None = None
        self.resize(1240, 760)
        outer = QVBoxLayout(self)

        header = QHBoxLayout()
        self.number_label = QLabel()
        self.number_label.setStyleSheet("font-size:15pt;font-weight:bold;color:#1f3f66;")
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
        self.title_label.setStyleSheet("font-size:14pt;font-weight:bold;")
        outer.addWidget(self.title_label)

        split = QSplitter(Qt.Orientation.Horizontal)
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
        self.timeline.verticalHeader().hide()
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setWordWrap(True)
        for column, width in enumerate((165, 90, 80, 160)):
            self.timeline.setColumnWidth(column, width)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        right_column.addWidget(self.timeline, 3)
        self.attachments_label = QLabel()
        self.attachments_label.setStyleSheet("font-weight:bold;")
        right_column.addWidget(self.attachments_label)
        self.files = QListWidget()
        self.files.setViewMode(QListView.ViewMode.IconMode)
        self.files.setIconSize(QSize(THUMB, THUMB))
        self.files.setGridSize(QSize(THUMB + 54, THUMB + 46))
        self.files.setResizeMode(QListView.ResizeMode.Adjust)
        self.files.setMovement(QListView.Movement.Static)
        self.files.setWordWrap(True)
        self.files.setFixedHeight(THUMB + 60)
        self.files.setToolTip(self.tr("双击打开附件"))
        self.files.itemActivated.connect(self._open_attachment)
        right_column.addWidget(self.files)
        split.addWidget(right)
        split.setSizes([470, 760])
        outer.addWidget(split, 1)

        self.actions_row = QHBoxLayout()
        outer.addLayout(self.actions_row)
        self.reload()

    # --- showing -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.detail = d = get_event(self.db, self.actor, self.event_id)
        self.setWindowTitle(self.tr("事件详情 — {number}").format(number=d.number))
        self.number_label.setText(d.number)
        self.title_label.setText(d.title)
        self.state_badge.setText(d.state)
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

    def deadline_text(self, d: EventDetail) -> str:
        if d.deadline is None:
            return self.tr("尚未交办")
        text = self.tr("{date}（{days} 个工作日）").format(
            date=d.deadline.isoformat(), days=d.time_limit_days
        )
        if d.extension_pending:
            text += self.tr("，延期申请待审批")
        if d.deadline_estimated:
            text += self.tr("（超出节假日表，按正常周计算）")
        return text

    def _fill_info(self, d: EventDetail) -> None:
        while self.info_grid.count():
            taken = self.info_grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        reporter = self.tr("匿名") if d.anonymous else d.reporter_name
        place = " / ".join(p for p in (d.community, d.grid) if p)
        outcome = d.outcome + (f"：{d.outcome_note}" if d.outcome_note else "")
        rows = [
            (self.tr("来源渠道"), d.channel),
            (self.tr("反映人"), reporter),
            (self.tr("联系电话"), "" if d.anonymous else d.reporter_phone),
            (self.tr("发生时间"), format_local(d.occurred_at)),
            (self.tr("登记时间"), format_local(d.reported_at)),
            (self.tr("村（社区）/ 网格"), place),
            (self.tr("详细地址"), d.address),
            (self.tr("事项"), f"{d.matter_name}（{d.matter_code}）"),
            (self.tr("领域 / 类别"), " / ".join(p for p in (d.domain, d.category) if p)),
            (self.tr("紧急程度"), d.urgency),
            (self.tr("涉及人数"), str(d.people_involved)),
            (self.tr("处置层级"), d.loop),
            (self.tr("事情经过"), d.description),
            (self.tr("承办单位"), d.target or self.tr("尚未交办")),
            (self.tr("交办时间"), format_local(d.dispatched_at)),
            (self.tr("办理期限"), self.deadline_text(d)),
            (self.tr("办理结果"), outcome),
            (self.tr("回访满意度"), d.satisfaction),
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
            extra = str(x["outcome"]) + (
                self.tr("，原因：{r}").format(r=x["reason"]) if x.get("reason") else ""
            )
        elif action.kind == "核查":
            extra = self.tr("核查通过") if x.get("passed") else self.tr("核查不通过，退回返工")
        elif action.kind == "回访" and x.get("satisfaction"):
            extra = self.tr("满意度：{s}").format(s=x["satisfaction"])
        elif action.kind == "重复上报":
            extra = self.tr("反映人：{who}").format(who=x.get("reporter", ""))
        parts = [p for p in (extra, action.note) if p]
        return "；".join(parts)

    def _fill_timeline(self, d: EventDetail) -> None:
        self.timeline_label.setText(self.tr("办理过程（{n}）").format(n=len(d.timeline)))
        self.timeline.setRowCount(len(d.timeline))
        for r, action in enumerate(d.timeline):
            moved = (
                f"{action.from_state} → {action.to_state}"
                if action.from_state and action.from_state != action.to_state
                else action.to_state
            )
            values = (
                format_local(action.at),
                action.kind,
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
            entry = QListWidgetItem(thumbnail(path), f"{a.file_name}\n{a.kind}")
            entry.setData(Qt.ItemDataRole.UserRole, str(path))
            entry.setToolTip(self.tr("{name}\n{kind}，{size} KB\nSHA-256：{sha}").format(
                name=a.file_name, kind=a.kind, size=max(1, a.size // 1024), sha=a.sha256
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
            label = pick(kind, flow.STEP_BY_KIND[kind].label_en)
            button = QPushButton(icon(STEP_ICONS.get(kind, "fa5s.arrow-right"), colour), label)
            button.setAutoDefault(False)
            if kind == main:
                button.setStyleSheet("QPushButton { background:#2f6db5; color:#ffffff; font-weight:bold; }")
            button.clicked.connect(lambda _=False, k=kind: self.run_step(k))
            self.actions_row.addWidget(button)
            self.step_buttons[kind] = button
        if not kinds:
            note = QLabel(
                self.tr("本事件已办结，无需再办理。")
                if d.state in (State.CLOSED, State.NOT_ACCEPTED)
                else self.tr("当前状态下您没有可办理的环节。")
            )
            note.setObjectName("formHint")
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
        """Opens the step's dialog; after a successful step reloads and tells the list."""
        d = self.detail
        build: dict[str, Callable[[EventDetail], StepDialog]] = {
            "受理": self._accept, "不予受理": self._refuse, "分拨": self._dispatch, "签收": self._sign,
            "退回": self._send_back, "申请延期": self._request_extension, "延期审批": self._decide_extension,
            "挂账缓办": self._postpone, "恢复办理": self._resume, "办结反馈": self._feedback, "核查": self._verify,
            "回访": self._callback, "结案": self._close, "上报县级": self._escalate, "督办": self._supervise,
            "催办": self._remind,
        }  # fmt: skip
        dialog = build[kind](d)
        self.last_step = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        try:
            self.reload()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法显示"), error_text(exc))
            self.reject()
            return False
        if accepted:
            self.changed.emit(self.event_id)
        return accepted

    def _note_step(
        self, title: str, ok: str, key: str, label: str, call: Callable[[str], object], *, required: bool,
        intro: str = "",
    ) -> StepDialog:  # fmt: skip
        dialog = StepDialog(title, ok, self)
        dialog.set_intro(intro)
        note = field(dialog.form, key, label, text_box(3), required=required)
        dialog.submit = lambda: call(note.toPlainText())
        return dialog

    def _accept(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("受理事件"), self.tr("受理"), "note", self.tr("说明"),
            lambda note: flow.accept(self.db, self.actor, d.id, note, expected_ver=d.ver), required=False,
        )  # fmt: skip

    def _refuse(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("不予受理"), self.tr("不予受理"), "reason", self.tr("理由"),
            lambda text: flow.refuse(self.db, self.actor, d.id, text, expected_ver=d.ver), required=True,
            intro=self.tr("不属于本中心受理范围或不构成事件的，写明理由后办结。"),
        )  # fmt: skip

    def _sign(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("签收"), self.tr("签收"), "note", self.tr("说明"),
            lambda note: flow.sign(self.db, self.actor, d.id, note, expected_ver=d.ver), required=False,
            intro=self.tr("承办单位签收后进入“处置中”。不属于本单位职责的，请用“退回”并写明理由。"),
        )  # fmt: skip

    def _send_back(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("退回"), self.tr("退回"), "grounds", self.tr("退回理由"),
            lambda text: flow.send_back(self.db, self.actor, d.id, text, expected_ver=d.ver), required=True,
            intro=self.tr("退回后由中心重新分拨。"),
        )  # fmt: skip

    def _postpone(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("挂账缓办"), self.tr("挂账"), "reason", self.tr("理由"),
            lambda text: flow.postpone(self.db, self.actor, d.id, text, expected_ver=d.ver), required=True,
            intro=self.tr("挂账期间办理时限停止计算，恢复办理后期限顺延。"),
        )  # fmt: skip

    def _resume(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("恢复办理"), self.tr("恢复办理"), "note", self.tr("说明"),
            lambda note: flow.resume(self.db, self.actor, d.id, note, expected_ver=d.ver), required=False,
        )  # fmt: skip

    def _close(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("结案"), self.tr("结案"), "note", self.tr("结案说明"),
            lambda note: flow.close(self.db, self.actor, d.id, note, expected_ver=d.ver), required=False,
        )  # fmt: skip

    def _escalate(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("上报县级"), self.tr("上报"), "reason", self.tr("需县级解决的问题"),
            lambda text: flow.escalate(self.db, self.actor, d.id, text, expected_ver=d.ver), required=True,
            intro=self.tr("乡镇无法解决的，上报县级中心协调（大循环），等待县级交办或退回。"),
        )  # fmt: skip

    def _supervise(self, d: EventDetail) -> StepDialog:
        return self._note_step(
            self.tr("督办"), self.tr("督办"), "note", self.tr("督办要求"),
            lambda text: flow.supervise(self.db, self.actor, d.id, text, expected_ver=d.ver), required=True,
        )  # fmt: skip

    def _remind(self, d: EventDetail) -> StepDialog:
        dialog = self._note_step(
            self.tr("催办"), self.tr("催办"), "note", self.tr("催办内容"),
            lambda text: flow.remind(self.db, self.actor, d.id, text, expected_ver=d.ver), required=False,
            intro=self.tr("期限：{deadline}").format(deadline=self.deadline_text(d)),
        )  # fmt: skip
        note = dialog.form.fields["note"]
        assert isinstance(note, QPlainTextEdit)
        note.setPlaceholderText(self.tr("请抓紧办理，按期反馈。"))
        return dialog

    def _dispatch(self, d: EventDetail) -> StepDialog:
        dialog = StepDialog(self.tr("分拨交办"), self.tr("交办"), self)
        dialog.set_intro(
            self.tr("事项“{item}”，紧急程度：{urgency}。办理期限按工作日从今天起算。").format(
                item=d.matter_name, urgency=d.urgency
            )
        )
        target = QComboBox()
        target.setEditable(True)
        target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = target.completer()
        assert completer is not None
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        for dept in matters.list_departments(self.db, self.actor):
            target.addItem(self.tr("部门：{name}").format(name=dept.name), ("dept", dept.code))
        for place in grids.community_places(self.db):
            for grid_id, name in place.grids:
                target.addItem(
                    self.tr("网格：{grid}（{community}）").format(grid=name, community=place.name),
                    ("grid", grid_id),
                )
        lead = self._lead_department(d)
        index = target.findText(self.tr("部门：{name}").format(name=lead)) if lead else -1
        target.setCurrentIndex(index)
        field(
            dialog.form, "target", self.tr("承办单位"), target, required=True,
            hint=self.tr("可输入文字查找部门或网格。") + (self.tr("已按事项预选牵头部门。") if index >= 0 else ""),
        )  # fmt: skip
        default_days = d.time_limit_days
        if d.urgency == "紧急":
            default_days = 0
        elif d.urgency == "较急":
            default_days = min(default_days, 3)
        override = QCheckBox(self.tr("另定时限"))
        days = QSpinBox()
        days.setRange(0, 365)
        days.setValue(default_days)
        days.setSuffix(self.tr(" 个工作日"))
        days.setEnabled(False)
        override.toggled.connect(days.setEnabled)
        limit_row = QWidget()
        row = QHBoxLayout(limit_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(override)
        row.addWidget(days, 1)
        limit_row.setFocusProxy(override)
        field(
            dialog.form, "limit_days", self.tr("办理时限"), limit_row,
            hint=self.tr("默认 {n} 个工作日（按事项时限和紧急程度，0 表示当日办结）。").format(n=default_days),
        )  # fmt: skip
        note = field(dialog.form, "note", self.tr("交办意见"), text_box(3))

        def submit() -> None:
            choice = target.itemData(target.findText(target.currentText()))
            kind, value = choice if isinstance(choice, tuple) else ("", "")
            flow.dispatch(
                self.db, self.actor, d.id, department_code=value if kind == "dept" else None,
                grid_id=value if kind == "grid" else None,
                limit_days=days.value() if override.isChecked() else None, note=note.toPlainText(),
                expected_ver=d.ver,
            )  # fmt: skip

        dialog.submit = submit
        dialog.target = target  # type: ignore[attr-defined]
        dialog.override = override  # type: ignore[attr-defined]
        dialog.days = days  # type: ignore[attr-defined]
        return dialog

    def _lead_department(self, d: EventDetail) -> str:
        if not self.actor.can(Permission.MATTER_VIEW):
            return ""
        rows = matters.search_items(self.db, self.actor, ItemQuery(text=d.matter_code), limit=5)
        return next((r.lead_department for r in rows if r.code == d.matter_code), "")

    def _request_extension(self, d: EventDetail) -> StepDialog:
        dialog = StepDialog(self.tr("申请延期"), self.tr("提交申请"), self)
        dialog.set_intro(self.tr("当前期限：{deadline}").format(deadline=self.deadline_text(d)))
        days = field(dialog.form, "days", self.tr("延期天数"), QSpinBox(), required=True)
        days.setRange(1, 30)
        days.setValue(3)
        days.setSuffix(self.tr(" 个工作日"))
        reason = field(dialog.form, "reason", self.tr("延期理由"), text_box(3), required=True)
        dialog.submit = lambda: flow.request_extension(
            self.db, self.actor, d.id, days.value(), reason.toPlainText(), expected_ver=d.ver
        )
        return dialog

    def _decide_extension(self, d: EventDetail) -> StepDialog:
        dialog = StepDialog(self.tr("延期审批"), self.tr("确定"), self)
        request = next((a for a in reversed(d.timeline) if a.kind == "申请延期"), None)
        if request is not None:
            dialog.set_intro(
                self.tr("{who} 申请延期 {days} 个工作日：{reason}\n当前期限：{deadline}").format(
                    who=request.actor_name, days=request.detail.get("days", ""), reason=request.note,
                    deadline=self.deadline_text(d),
                )
            )  # fmt: skip
        decision = field(
            dialog.form, "approve", self.tr("审批意见"),
            combo([self.tr("同意延期"), self.tr("不同意延期")]), required=True,
        )  # fmt: skip
        note = field(dialog.form, "note", self.tr("说明"), text_box(2))
        dialog.submit = lambda: flow.decide_extension(
            self.db, self.actor, d.id, decision.currentIndex() == 0, note.toPlainText(), expected_ver=d.ver
        )
        return dialog

    def _feedback(self, d: EventDetail) -> StepDialog:
        dialog = StepDialog(self.tr("办结反馈"), self.tr("提交反馈"), self)
        solved = field(
            dialog.form, "solved", self.tr("办理结果"),
            combo([events.OUTCOME_SOLVED, events.OUTCOME_NOT_SOLVED]), required=True,
        )  # fmt: skip
        note = field(dialog.form, "note", self.tr("办理情况"), text_box(3), required=True)
        reason = field(
            dialog.form, "unsolved_reason", self.tr("未解决原因"), QLineEdit(),
            hint=self.tr("“已办结未解决”的必须写明原因，统计时单独计算。"),
        )  # fmt: skip
        reason.setEnabled(False)
        solved.currentIndexChanged.connect(lambda i: reason.setEnabled(i == 1))
        photos = field(
            dialog.form, "attachments", self.tr("处置前后照片"), AttachmentList(("处置前", "处置后", "文档"))
        )
        dialog.submit = lambda: flow.feedback(
            self.db, self.actor, d.id, solved=solved.currentIndex() == 0, note=note.toPlainText(),
            unsolved_reason=reason.text(), attachments=photos.attachments(), expected_ver=d.ver,
        )  # fmt: skip
        return dialog

    def _verify(self, d: EventDetail) -> StepDialog:
        dialog = StepDialog(self.tr("核查"), self.tr("确定"), self)
        dialog.set_intro(self.tr("承办单位反馈：{outcome}").format(outcome=d.outcome_note or d.outcome))
        passed = field(
            dialog.form, "passed", self.tr("核查结果"),
            combo([self.tr("核查通过"), self.tr("不通过，退回返工")]), required=True,
        )  # fmt: skip
        note = field(
            dialog.form, "note", self.tr("核查情况"), text_box(3), hint=self.tr("不通过的，写明存在的问题。")
        )
        dialog.submit = lambda: flow.verify(
            self.db, self.actor, d.id, passed.currentIndex() == 0, note.toPlainText(), expected_ver=d.ver
        )
        return dialog

    def _callback(self, d: EventDetail) -> StepDialog:
        dialog = StepDialog(self.tr("回访"), self.tr("保存回访"), self)
        dialog.set_intro(
            self.tr("回访反映人：{name}　{phone}").format(name=d.reporter_name, phone=d.reporter_phone)
        )
        satisfaction = field(
            dialog.form, "satisfaction", self.tr("满意程度"), combo(list(flow.SATISFACTION)), required=True
        )
        note = field(
            dialog.form, "note", self.tr("回访记录"), text_box(3),
            hint=self.tr("“不满意”的记录群众意见，事件退回重新办理。"),
        )  # fmt: skip
        dialog.submit = lambda: flow.callback(
            self.db, self.actor, d.id, satisfaction.currentText(), note.toPlainText(), expected_ver=d.ver
        )
        return dialog
