"""The 值班考勤 page's dialogs: rota generation, a duty entry, a swap, a punch at the desk, a 补签, the
work schedule, a machine number, a leave request and an approver's decision. Each is a StepDialog:
the service checks, its errors appear beside the fields and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor
from desktop.services.workforce import attendance, duty, leave
from desktop.services.workforce.attendance import Worker
from desktop.views.forms import DateField, DateTimeField, StepDialog, field, limited, qdate
from desktop.views.labels import add_words, label


def _day(box: DateField) -> date:
    d = box.date()
    return date(d.year(), d.month(), d.day())


def _moment(box: DateTimeField) -> datetime:
    """The wall-clock time typed (the box keeps it in UTC, a zone without daylight saving)."""
    value = box.dateTime()
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(box: QTimeEdit) -> time:
    t = box.time()
    return time(t.hour(), t.minute())


def person_text(w: Worker) -> str:
    """A worker in a picker: with the community and the post, so namesakes in one community differ."""
    where = f"{w.community} {label(w.post)}" if w.community else label(w.post)
    return f"{w.name}（{where}）"


def person_box(people: Sequence[Worker], chosen: str = "") -> QComboBox:
    box = QComboBox()
    box.setEditable(False)
    for w in people:
        box.addItem(person_text(w), w.person_id)
        if w.person_id == chosen:
            box.setCurrentIndex(box.count() - 1)
    return box


def _checklist(people: Sequence[Worker], checked: set[str]) -> QListWidget:
    widget = QListWidget()
    for w in people:
        item = QListWidgetItem(f"{w.name}（{label(w.post)}）")
        item.setData(Qt.ItemDataRole.UserRole, w.person_id)
        item.setCheckState(Qt.CheckState.Checked if w.person_id in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(150)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    out = []
    for i in range(widget.count()):
        item = widget.item(i)
        if item is not None and item.checkState() == Qt.CheckState.Checked:
            out.append(str(item.data(Qt.ItemDataRole.UserRole)))
    return out


class GenerateDialog(StepDialog):
    """A fair rota for a period, from the centre staff ticked as officers and as leaders."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        first: date,
        last: date,
        staff: Sequence[Worker],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("生成值班表"), self.tr("生成"), parent)
        intro = self.tr(
            "按轮换排班：每人值班次数相差不超过一次，已批准请假的日子不排。请勾选值班员和带班领导。"
        )
        if not staff:
            # Where the names come from, said where the empty lists would leave the manager guessing.
            intro += self.tr(
                "\n\n目前没有可排班的人员：值班人员是“网格与人员”中岗位为“中心工作人员”的人员，请先在那里添加。"
            )
        self.set_intro(intro)
        f = self.form
        self.start = field(f, "start", self.tr("开始日期"), DateField(qdate(first)), required=True)
        self.end = field(f, "end", self.tr("结束日期"), DateField(qdate(last)), required=True)
        self.days = field(f, "which_days", self.tr("排班日期"), QComboBox())
        for value, text in (
            (duty.ALL_DAYS, self.tr("每天")),
            (duty.WORKDAYS_ONLY, self.tr("仅工作日")),
            (duty.DAYS_OFF, self.tr("仅休息日和节假日")),
        ):
            self.days.addItem(text, value)
        self.shift = field(f, "shifts", self.tr("班次"), QComboBox())
        add_words(self.shift, duty.SHIFTS)
        self.both = QCheckBox(self.tr("白班和夜班各排一人"))
        f.add_field("both", "", self.both)
        self.officers = field(
            f, "officers", self.tr("值班员"), _checklist(staff, {w.person_id for w in staff})
        )
        self.leaders = field(f, "leaders", self.tr("带班领导"), _checklist(staff, set()))
        self.replace = QCheckBox(self.tr("替换这段时间已有的值班安排"))
        f.add_field("replace", "", self.replace)
        self.rota: duty.RotaResult | None = None

        def submit() -> duty.RotaResult:
            leaders = _checked(self.leaders)
            officers = [p for p in _checked(self.officers) if p not in leaders]
            shifts = ("白班", "夜班") if self.both.isChecked() else (str(self.shift.currentData()),)
            self.rota = duty.generate_rota(
                db, actor, _day(self.start), _day(self.end), officers=officers, leaders=leaders, shifts=shifts,
                which_days=str(self.days.currentData()), replace=self.replace.isChecked(),
            )  # fmt: skip
            return self.rota

        self.submit = submit


class EntryDialog(StepDialog):
    """Adds a duty by hand, or (with `entry`) puts someone else on it."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        day: date,
        staff: Sequence[Worker],
        entry: duty.DutyRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("修改值班") if entry else self.tr("新增值班"), self.tr("保存"), parent)
        f = self.form
        self.person = field(
            f, "person", self.tr("值班人员"), person_box(staff, entry.person_id if entry else "")
        )
        self.note = field(
            f, "note", self.tr("备注"), limited(QLineEdit(entry.note if entry else ""), duty.DUTY_NOTE)
        )
        if entry is None:
            self.day = field(f, "day", self.tr("日期"), DateField(qdate(day)), required=True)
            self.shift = field(f, "shift", self.tr("班次"), QComboBox())
            add_words(self.shift, duty.SHIFTS)
            self.role = field(f, "role", self.tr("角色"), QComboBox())
            add_words(self.role, (duty.OFFICER, duty.LEADER))
            self.submit = lambda: duty.add_entry(
                db, actor, _day(self.day), str(self.shift.currentData()), str(self.role.currentData()),
                str(self.person.currentData()), self.note.text(),
            )  # fmt: skip
        else:
            self.submit = lambda: duty.change_entry(
                db, actor, entry.id, str(self.person.currentData()), self.note.text(), entry.ver
            )


class SwapDialog(StepDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        entry: duty.DutyRow,
        staff: Sequence[Worker],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("申请调班"), self.tr("提交申请"), parent)
        self.set_intro(
            self.tr("{day} {shift} {name}：调班经负责人批准后生效。").format(
                day=entry.day.isoformat(), shift=label(entry.shift), name=entry.name
            )
        )
        others = [w for w in staff if w.person_id != entry.person_id]
        self.person = field(self.form, "to", self.tr("接班人"), person_box(others), required=True)
        self.reason = field(
            self.form, "reason", self.tr("调班理由"), limited(QLineEdit(), duty.SWAP_REASON), required=True
        )
        self.submit = lambda: duty.request_swap(
            db, actor, entry.id, str(self.person.currentData()), self.reason.text()
        )


class DecisionDialog(StepDialog):
    """批准 or 驳回 something waiting (a swap, a 补签, a leave request); a refusal needs its reason."""

    def __init__(
        self, title: str, summary: str, decide: Callable[[bool, str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(title, self.tr("批准"), parent)
        self.set_intro(summary)
        self.note = field(self.form, "note", self.tr("审批意见"), limited(QLineEdit(), leave.LEAVE_REASON))
        self.refuse = self.buttons.addButton(self.tr("驳回"), self.buttons.ButtonRole.ActionRole)
        self.refuse.clicked.connect(self.save_refusal)
        self.submit = lambda: decide(True, self.note.text())
        self._decide = decide

    def save_refusal(self) -> None:
        self.submit = lambda: self._decide(False, self.note.text())
        self.save()


class PunchDialog(StepDialog):
    """A sign-in or sign-out entered at the desk, or (`correction`) a 补签 asked for with its reason."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        people: Sequence[Worker],
        now: datetime,
        *,
        correction: bool,
        chosen: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("补签申请") if correction else self.tr("手工打卡"),
            self.tr("提交申请") if correction else self.tr("保存"),
            parent,
        )
        f = self.form
        self.person = field(f, "person", self.tr("人员"), person_box(people, chosen), required=True)
        shown = QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute), QTimeZone.utc())
        self.at = field(f, "at", self.tr("打卡时间"), DateTimeField(shown), required=True)
        if correction:
            self.set_intro(self.tr("补签经审批后计入考勤。"))
            self.reason = field(
                f,
                "reason",
                self.tr("补签理由"),
                limited(QLineEdit(), attendance.CORRECTION_REASON),
                required=True,
            )
            self.submit = lambda: attendance.request_correction(
                db, actor, str(self.person.currentData()), _moment(self.at), self.reason.text()
            )
        else:
            self.submit = lambda: attendance.add_punch(
                db, actor, str(self.person.currentData()), _moment(self.at)
            )
        self.db, self.actor, self.correction = db, actor, correction

    def save(self) -> None:
        if self.correction or self.confirmed():
            super().save()

    def confirmed(self) -> bool:
        """A desk punch cannot be changed once stored (only a 补签 corrects it): what will be stored is
        shown first; Enter confirms, Esc goes back to the form."""
        try:
            preview = attendance.describe_punch(
                self.db, self.actor, str(self.person.currentData()), _moment(self.at)
            )
        except UserError as exc:
            self.form.show_error(exc)
            return False
        kind = {
            attendance.SIGN_IN: self.tr("签到（当天最早的打卡）"),
            attendance.SIGN_OUT: self.tr("签退（当天最晚的打卡）"),
            attendance.BETWEEN: self.tr("当天中间的打卡（不改变签到、签退）"),
        }[preview.kind]
        text = self.tr(
            "将保存以下打卡，保存后不能修改，只能通过补签更正：\n\n人员：{name}\n日期：{day}\n"
            "时间：{time}\n记为：{kind}\n\n确认保存吗？（Enter 确认，Esc 返回修改）"
        ).format(
            name=preview.name,
            day=preview.at.strftime("%Y-%m-%d"),
            time=preview.at.strftime("%H:%M"),
            kind=kind,
        )
        answer = QMessageBox.question(
            self,
            self.tr("确认手工打卡"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes


class ScheduleDialog(StepDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        current: attendance.Schedule,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("作息时间"), self.tr("保存"), parent)
        self.set_intro(self.tr("上班时间之后打卡算迟到（可设宽限），下班时间之前离开算早退。"))
        f = self.form
        self.valid_from = field(f, "valid_from", self.tr("起用日期"), DateField(qdate(today)), required=True)
        self.start = field(f, "start", self.tr("上班时间"), QTimeEdit(_qtime(current.start)))
        self.end = field(f, "end", self.tr("下班时间"), QTimeEdit(_qtime(current.end)))
        self.grace = field(f, "grace", self.tr("迟到宽限（分钟）"), QSpinBox())
        self.grace.setRange(0, 120)
        self.grace.setValue(current.grace_minutes)
        self.submit = lambda: attendance.set_schedule(
            db, actor, _day(self.valid_from), _time(self.start), _time(self.end), self.grace.value()
        )


class PinDialog(StepDialog):
    """A worker's machine number, opened on the worker chosen in the table. The field starts empty (the
    current number is shown beside it), so a typed number replaces it; a change is confirmed first."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        people: Sequence[Worker],
        pins: dict[str, str],
        chosen: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("考勤号码"), self.tr("保存"), parent)
        self.set_intro(self.tr("考勤机上的号码（工号）。导入的打卡文件按此号码对应人员。"))
        self.pins = pins
        self.names = {w.person_id: w.name for w in people}
        f = self.form
        self.person = field(f, "person", self.tr("人员"), person_box(people, chosen), required=True)
        self.current = QLabel()
        self.current.setObjectName("formHint")
        f.add_field("current", self.tr("现号码"), self.current)
        self.pin = field(f, "pin", self.tr("新号码"), limited(QLineEdit(), 20), required=True)
        self.person.currentIndexChanged.connect(lambda *_: self._show_current())
        self._show_current()
        self.db, self.actor = db, actor
        self.submit = lambda: attendance.set_pin(db, actor, str(self.person.currentData()), self.pin.text())

    def _show_current(self) -> None:
        held = self.pins.get(str(self.person.currentData()), "")
        self.current.setText(held or self.tr("（未登记）"))
        self.pin.clear()

    def save(self) -> None:
        if self.confirmed():
            super().save()

    def confirmed(self) -> bool:
        """Replacing a number is asked first: the old one stops matching the machine's files."""
        held = self.pins.get(str(self.person.currentData()), "")
        typed = self.pin.text().strip()
        if not held or not typed or typed.lstrip("0") == held:
            return True
        name = self.names.get(str(self.person.currentData()), "")
        answer = QMessageBox.question(
            self,
            self.tr("更改考勤号码"),
            self.tr("{name}现号码 {old}，改为 {new}？").format(name=name, old=held, new=typed),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class LeaveDialog(StepDialog):
    def __init__(
        self, db: Database, actor: Actor, people: Sequence[Worker], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("请假申请"), self.tr("提交申请"), parent)
        self.set_intro(
            self.tr("三天以内由网格管理员或中心负责人审批，三天以上由中心负责人审批。年休假不计节假日。")
        )
        f = self.form
        self.person = field(f, "person", self.tr("人员"), person_box(people), required=True)
        self.kind = field(f, "kind", self.tr("假别"), QComboBox())
        add_words(self.kind, leave.KINDS)
        self.start = field(f, "start", self.tr("开始日期"), DateField(qdate(today)), required=True)
        self.end = field(f, "end", self.tr("结束日期"), DateField(qdate(today)), required=True)
        self.reason = field(f, "reason", self.tr("事由"), limited(QLineEdit(), leave.LEAVE_REASON))
        self.submit = lambda: leave.request_leave(
            db, actor,
            leave.LeaveInput(str(self.person.currentData()), str(self.kind.currentData()), _day(self.start),
                             _day(self.end), self.reason.text()),
        )  # fmt: skip


class ReturnDialog(StepDialog):
    def __init__(
        self, db: Database, actor: Actor, row: leave.LeaveRow, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("销假"), self.tr("销假"), parent)
        self.set_intro(
            self.tr("{name} {kind} {start} 至 {end}").format(
                name=row.name, kind=label(row.kind), start=row.start.isoformat(), end=row.end.isoformat()
            )
        )
        self.on = field(self.form, "on", self.tr("返岗日期"), DateField(qdate(today)), required=True)
        self.submit = lambda: leave.report_back(db, actor, row.id, _day(self.on))
