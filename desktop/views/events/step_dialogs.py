"""The dialog for each step of an event's handling: 受理, 分拨, 签收, 退回, 延期, 挂账, 办结反馈, 核查, 回访,
结案, 上报, 督办, 催办. Each asks only for what its step needs and calls the step's service."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.db import Database
from desktop.services import events, matters
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common.changes import Changes
from desktop.services.events import workflow as flow
from desktop.services.events.queries import EventDetail
from desktop.services.matters import ItemQuery
from desktop.services.workforce import grids
from desktop.views.events.common import AttachmentList, combo, text_box
from desktop.views.forms import StepDialog, field
from desktop.views.labels import add_words, label


class EventSteps(QObject):
    """Builds the step dialogs of one event's detail window (`owner`, their parent)."""

    def __init__(self, db: Database, actor: Actor, owner: QWidget) -> None:
        super().__init__(owner)
        self.db, self.actor, self.owner = db, actor, owner

    def dialog(self, kind: str, d: EventDetail) -> StepDialog:
        """The dialog for the step `kind` (a workflow step's kind, e.g. 分拨) on the event as shown."""
        build: dict[str, Callable[[EventDetail], StepDialog]] = {
            "受理": self._accept, "不予受理": self._refuse, "分拨": self._dispatch, "签收": self._sign,
            "退回": self._send_back, "申请延期": self._request_extension, "延期审批": self._decide_extension,
            "挂账缓办": self._postpone, "恢复办理": self._resume, "办结反馈": self._feedback, "核查": self._verify,
            "回访": self._callback, "结案": self._close, "上报县级": self._escalate, "督办": self._supervise,
            "催办": self._remind,
        }  # fmt: skip
        return build[kind](d)

    def deadline_text(self, d: EventDetail) -> str:
        """The deadline with its working days and caveats, as the detail window and the steps show it."""
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

    def _note_step(
        self, title: str, ok: str, key: str, label: str, call: Callable[[str], object], *, required: bool,
        intro: str = "",
    ) -> StepDialog:  # fmt: skip
        dialog = StepDialog(title, ok, self.owner)
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
        dialog = StepDialog(self.tr("分拨交办"), self.tr("交办"), self.owner)
        dialog.set_intro(
            self.tr("事项“{item}”，紧急程度：{urgency}。办理期限按工作日从今天起算。").format(
                item=d.matter_name, urgency=label(d.urgency)
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
        for place in grids.community_places(self.db, current_only=True):
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

        def submit() -> Changes:
            choice = target.itemData(target.findText(target.currentText()))
            kind, value = choice if isinstance(choice, tuple) else ("", "")
            return flow.dispatch(
                self.db, self.actor, d.id, department_code=value if kind == "dept" else None,
                grid_id=value if kind == "grid" else None,
                limit_days=days.value() if override.isChecked() else None, note=note.toPlainText(),
                expected_ver=d.ver,
            )  # fmt: skip

        dialog.submit = submit
        return dialog

    def _lead_department(self, d: EventDetail) -> str:
        if not self.actor.can(Permission.MATTER_VIEW):
            return ""
        rows = matters.search_items(self.db, self.actor, ItemQuery(text=d.matter_code), limit=5)
        return next((r.lead_department for r in rows if r.code == d.matter_code), "")

    def _request_extension(self, d: EventDetail) -> StepDialog:
        dialog = StepDialog(self.tr("申请延期"), self.tr("提交申请"), self.owner)
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
        dialog = StepDialog(self.tr("延期审批"), self.tr("确定"), self.owner)
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
        dialog = StepDialog(self.tr("办结反馈"), self.tr("提交反馈"), self.owner)
        solved = field(
            dialog.form, "solved", self.tr("办理结果"),
            combo([label(events.OUTCOME_SOLVED), label(events.OUTCOME_NOT_SOLVED)]), required=True,
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
        dialog = StepDialog(self.tr("核查"), self.tr("确定"), self.owner)
        dialog.set_intro(
            self.tr("承办单位反馈：{outcome}").format(outcome=d.outcome_note or label(d.outcome))
        )
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
        dialog = StepDialog(self.tr("回访"), self.tr("保存回访"), self.owner)
        dialog.set_intro(
            self.tr("回访反映人：{name}　{phone}").format(name=d.reporter_name, phone=d.reporter_phone)
        )
        satisfaction = field(dialog.form, "satisfaction", self.tr("满意程度"), QComboBox(), required=True)
        add_words(satisfaction, flow.SATISFACTION)
        note = field(
            dialog.form, "note", self.tr("回访记录"), text_box(3),
            hint=self.tr("“不满意”的记录群众意见，事件退回重新办理。"),
        )  # fmt: skip
        dialog.submit = lambda: flow.callback(
            self.db, self.actor, d.id, str(satisfaction.currentData()), note.toPlainText(), expected_ver=d.ver
        )
        return dialog
