"""Forms for mediation cases: a new case with its parties, and the editors the step dialogs use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import CHINA_TZ, to_local
from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.services.common.changes import Changes
from desktop.services.events.queries import EventDetail
from desktop.services.mediation import CaseInput, PartyInput
from desktop.services.people.persons import PersonInput
from desktop.views.forms import (
    DateField,
    DateTimeField,
    FieldForm,
    GuardedDialog,
    limited,
    ok_cancel_buttons,
)
from desktop.views.screen_fit import fit_window


def to_date(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def date_edit(day: date) -> QDateEdit:
    """`day` is the town's date (`mediation.local_today`), never the PC's: its zone may not be China's."""
    edit = DateField()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def datetime_edit(moment: datetime) -> QDateTimeEdit:
    """`moment` (for "now", the database clock) as the town's wall-clock time, whatever the PC's zone.

    The edit holds that wall clock in UTC, a zone without daylight saving: in the PC's own zone a time
    such as 02:30 on a spring-forward day does not exist and Qt would move it."""
    local = to_local(moment)
    edit = DateTimeField()
    edit.setTimeZone(QTimeZone.utc())
    edit.setDateTime(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone.utc())
    )
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def to_datetime(edit: QDateTimeEdit) -> datetime:
    """The town's wall-clock time the edit shows, as the UTC moment it is stored as."""
    q = edit.dateTime()
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=CHINA_TZ).astimezone(UTC)


def combo(items: tuple[str, ...] | list[str]) -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    return box


def text_box(lines: int = 4, limit: int = limits.MEDIATION_TEXT) -> QPlainTextEdit:
    """A multi-line box taking at most `limit` characters (a narrative field unless told otherwise)."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, so the forms stay keyboard-friendly
    box.setMinimumHeight(22 * lines)
    return limited(box, limit)


def buttons(dialog: QDialog, ok_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    return ok_cancel_buttons(dialog, ok_text, on_ok)


class PartyDialog(GuardedDialog):
    """One party: a natural person (kept in the person registry) or an organisation; an optional agent."""

    def saved(self) -> bool:
        return self.result_party is not None

    def __init__(self, side_labels: tuple[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加当事人"))
        self.setMinimumWidth(620)
        self.result_party: PartyInput | None = None
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.side = combo(list(side_labels))
        self.kind = combo((mediation.PERSON, mediation.ORGANISATION))
        self.name = limited(QLineEdit(), limits.PERSON_NAME)
        self.resident_id = limited(QLineEdit(), 18)
        self.resident_id.setPlaceholderText(self.tr("18 位，系统会核对校验位"))
        self.ethnicity = limited(QLineEdit(self.tr("汉族")), limits.ETHNICITY)
        self.phone = limited(QLineEdit(), limits.PHONE)
        self.address = limited(QLineEdit(), limits.ADDRESS)
        self.occupation = limited(QLineEdit(), limits.OCCUPATION)
        self.employer = limited(QLineEdit(), limits.EMPLOYER)
        self.org_name = limited(QLineEdit(), limits.ORG_NAME)
        self.org_credit_code = QLineEdit()
        self.org_credit_code.setPlaceholderText(self.tr("18 位统一社会信用代码"))
        self.org_legal_rep = limited(QLineEdit(), limits.ORG_LEGAL_REP)
        self.org_address = limited(QLineEdit(), limits.ADDRESS)
        self.org_phone = limited(QLineEdit(), limits.PHONE)
        self.agent_kind = combo(("", *mediation.AGENT_KINDS))
        self.agent_name = limited(QLineEdit(), limits.PERSON_NAME)
        self.agent_resident_id = limited(QLineEdit(), 18)
        self.agent_phone = limited(QLineEdit(), limits.PHONE)
        f = self.form
        f.add_field("side", self.tr("所属一方"), self.side, required=True)
        f.add_field("kind", self.tr("当事人类型"), self.kind, required=True)
        f.add_field("name", self.tr("姓名"), self.name, required=True)
        f.add_field("resident_id", self.tr("身份证号"), self.resident_id)
        f.add_field("ethnicity", self.tr("民族"), self.ethnicity)
        f.add_field("phone", self.tr("联系电话"), self.phone)
        f.add_field("address", self.tr("住址"), self.address)
        f.add_field("occupation", self.tr("职业或职务"), self.occupation)
        f.add_field("employer", self.tr("工作单位"), self.employer)
        f.add_field("org_name", self.tr("单位名称"), self.org_name, required=True)
        f.add_field("org_credit_code", self.tr("统一社会信用代码"), self.org_credit_code, required=True)
        f.add_field("org_legal_rep", self.tr("法定代表人（负责人）"), self.org_legal_rep, required=True)
        f.add_field("org_address", self.tr("单位住所"), self.org_address)
        f.add_field("org_phone", self.tr("单位电话"), self.org_phone)
        f.add_field("agent_kind", self.tr("代理人类型"), self.agent_kind)
        f.add_field("agent_name", self.tr("代理人姓名"), self.agent_name)
        f.add_field("agent_resident_id", self.tr("代理人身份证号"), self.agent_resident_id)
        f.add_field("agent_phone", self.tr("代理人电话"), self.agent_phone)
        layout.addWidget(f)
        layout.addWidget(buttons(self, self.tr("添加"), self.save))
        self.kind.currentTextChanged.connect(self._kind_changed)
        self._kind_changed(self.kind.currentText())

    def _kind_changed(self, kind: str) -> None:
        person = kind == mediation.PERSON
        for key in ("name", "resident_id", "ethnicity", "phone", "address", "occupation", "employer"):
            self._show(key, person)
        for key in ("org_name", "org_credit_code", "org_legal_rep", "org_address", "org_phone"):
            self._show(key, not person)

    def _show(self, key: str, visible: bool) -> None:
        box = self.form.fields[key].parentWidget()
        assert box is not None
        self.form.form.setRowVisible(box, visible)

    def build(self) -> PartyInput:
        agent = None
        if self.agent_name.text().strip():
            agent = PersonInput(
                name=self.agent_name.text(),
                resident_id=self.agent_resident_id.text(),
                phone=self.agent_phone.text(),
            )
        if self.kind.currentText() == mediation.PERSON:
            return PartyInput(
                side=self.side.currentIndex() + 1,
                person=PersonInput(
                    name=self.name.text(),
                    resident_id=self.resident_id.text(),
                    phone=self.phone.text(),
                    address=self.address.text(),
                    ethnicity=self.ethnicity.text(),
                ),
                occupation=self.occupation.text(),
                employer=self.employer.text(),
                agent=agent,
                agent_kind=self.agent_kind.currentText(),
            )
        return PartyInput(
            side=self.side.currentIndex() + 1,
            kind=mediation.ORGANISATION,
            org_name=self.org_name.text(),
            org_credit_code=self.org_credit_code.text(),
            org_legal_rep=self.org_legal_rep.text(),
            org_address=self.org_address.text(),
            org_phone=self.org_phone.text(),
            agent=agent,
            agent_kind=self.agent_kind.currentText(),
        )

    def save(self) -> None:
        try:
            party = self.build()
            mediation.check_party(party)
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        self.result_party = party
        self.accept()


class NewCaseDialog(GuardedDialog):
    """Registers a case: source, type, dates, the dispute, 1–3 mediators and the parties of both sides."""

    def saved(self) -> bool:
        return self.created_id is not None

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, *, event: EventDetail | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.event_id = event.id if event is not None else None  # 转人民调解: the case names its event
        self.created_id: str | None = None
        self.changes: Changes | None = None
        self.parties: list[PartyInput] = []
        self.setWindowTitle(self.tr("登记调解案件"))
        fit_window(self, 820, 860)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        self.form = FieldForm()
        self.source = combo(mediation.SOURCES)
        self.dispute_type = combo(mediation.DISPUTE_TYPES)
        self.received_on = date_edit(mediation.local_today(db))
        self.summary = text_box(5)
        self.requests = text_box(3)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("元，可不填"))
        self.mediators = self._mediator_list()
        party_box = self._party_box()
        f = self.form
        f.add_field("source", self.tr("纠纷来源"), self.source, required=True)
        f.add_field("dispute_type", self.tr("纠纷类型"), self.dispute_type, required=True)
        f.add_field("received_on", self.tr("收案日期"), self.received_on, required=True)
        f.add_field(
            "parties",
            self.tr("当事人"),
            party_box,
            required=True,
            hint=self.tr("双方各至少一名；自然人按身份证号与人员库关联。"),
        )
        f.add_field("summary", self.tr("纠纷简要情况"), self.summary, required=True)
        f.add_field("requests", self.tr("申请事项"), self.requests, hint=self.tr("当事人申请调解时必填。"))
        f.add_field("amount", self.tr("争议金额"), self.amount)
        f.add_field(
            "mediators",
            self.tr("调解员"),
            self.mediators,
            required=True,
            hint=self.tr("从名册中勾选 1 至 3 名。"),
        )
        layout.addWidget(self.form)
        outer.addWidget(scroll)
        outer.addWidget(buttons(self, self.tr("登记"), self.save))
        self.add_party_button.clicked.connect(self.add_party)
        self.remove_party_button.clicked.connect(self.remove_party)
        if event is not None:
            self.setWindowTitle(self.tr("转人民调解 — {number}").format(number=event.number))
            self.source.setCurrentText(mediation.SOURCE_EVENT)
            self.source.setEnabled(False)
            self.dispute_type.setCurrentText(mediation.dispute_type_for(event.matter_name))
            self.summary.setPlainText(event.description)

    def _mediator_list(self) -> QListWidget:
        """The roster, each mediator a check box (a case has one to three)."""
        mediators = QListWidget()
        mediators.setMaximumHeight(130)
        for m in mediation.list_mediators(self.db, self.actor):
            item = QListWidgetItem(f"{m.name}（{m.title}）")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # The mediator registering the case usually runs it: one tick fewer.
            mine = m.name == self.actor.display_name
            item.setCheckState(Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked)
            mediators.addItem(item)
        return mediators

    def _party_box(self) -> QWidget:
        """The parties added so far, with buttons to add and remove one."""
        party_box = QWidget()
        party_layout = QVBoxLayout(party_box)
        party_layout.setContentsMargins(0, 0, 0, 0)
        self.party_table = QTableWidget(0, 3)
        self.party_table.setHorizontalHeaderLabels([self.tr("一方"), self.tr("类型"), self.tr("名称")])
        self.party_table.horizontalHeader().setStretchLastSection(True)
        self.party_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.party_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.party_table.setMinimumHeight(140)
        row = QHBoxLayout()
        self.add_party_button = QPushButton(self.tr("添加当事人…"))
        self.remove_party_button = QPushButton(self.tr("移除所选"))
        row.addWidget(self.add_party_button)
        row.addWidget(self.remove_party_button)
        row.addStretch(1)
        party_layout.addWidget(self.party_table)
        party_layout.addLayout(row)
        return party_box

    def labels(self) -> tuple[str, str]:
        return mediation.side_labels(self.source.currentText())

    def add_party(self) -> None:
        dialog = PartyDialog(self.labels(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_party is not None:
            self.append_party(dialog.result_party)

    def append_party(self, party: PartyInput) -> None:
        self.parties.append(party)
        name = (
            party.org_name
            if party.kind == mediation.ORGANISATION
            else (party.person.name if party.person else "")
        )
        r = self.party_table.rowCount()
        self.party_table.insertRow(r)
        for c, value in enumerate((self.labels()[party.side - 1], party.kind, name)):
            self.party_table.setItem(r, c, QTableWidgetItem(value))

    def remove_party(self) -> None:
        r = self.party_table.currentRow()
        if r >= 0:
            self.party_table.removeRow(r)
            del self.parties[r]

    def chosen_mediators(self) -> list[str]:
        out = []
        for i in range(self.mediators.count()):
            item = self.mediators.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def save(self) -> None:
        try:
            data = CaseInput(
                source=self.source.currentText(),
                dispute_type=self.dispute_type.currentText(),
                summary=self.summary.toPlainText(),
                requests=self.requests.toPlainText(),
                received_on=to_date(self.received_on),
                amount_cents=mediation.parse_amount(self.amount.text()),
                parties=list(self.parties),
                mediator_ids=self.chosen_mediators(),
            )
            if self.event_id is None:
                self.created_id = mediation.register_case(self.db, self.actor, data)
            else:
                self.changes = mediation.case_from_event(self.db, self.actor, self.event_id, data)
                self.created_id = self.changes.case_ids[0]
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.accept()


class RouteChecks(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes = {r: QCheckBox(mediation.REFERRAL_TEXT[r]) for r in mediation.REFERRAL_ROUTES}
        for box in self.boxes.values():
            row.addWidget(box)

    def chosen(self) -> list[str]:
        return [r for r, box in self.boxes.items() if box.isChecked()]
