"""登记事件: one keyboard-friendly form for every channel, duplicates shown before anything is saved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from itertools import pairwise

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.services import events
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.services.events import (
    ATTACHMENT_KINDS,
    CHANNELS,
    GRID_WORKER_CHANNEL,
    URGENCIES,
    Created,
    EventInput,
)
from desktop.services.workforce import grids
from desktop.views.events.common import AttachmentList, from_edit, local_qdatetime, text_box
from desktop.views.events.duplicates_dialog import DuplicatesDialog
from desktop.views.events.matter_picker import MatterPicker
from desktop.views.forms import (
    DateTimeField,
    FieldForm,
    error_list,
    field,
    focus_field,
    input_values,
    keep_whole,
    limited,
)
from desktop.views.i18n import error_text
from desktop.views.labels import add_words
from desktop.views.screen_fit import fit_window, scrolling

_Index = QModelIndex | QPersistentModelIndex


class IntakeDialog(QDialog):
    """Registers an event (or links a repeated report to an existing one)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.created: Created | None = None
        self.linked_id: str | None = None
        self._dismissed: set[str] = set()  # duplicates the operator already chose to ignore
        self.shown_values: list[object] | None = None  # the boxes as the form opened (is_dirty)
        self.setWindowTitle(self.tr("登记事件"))
        outer = QVBoxLayout(self)
        body = QWidget()  # scrolls on a small screen; the buttons below stay in view
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(24)
        self.left = FieldForm()
        self.right = FieldForm()
        columns.addWidget(self.left, 1)
        columns.addWidget(self.right, 1)
        outer.addWidget(scrolling(body), 1)

        self._build_report_fields()
        self._build_event_fields()
        self._build_buttons(outer)

        self.anonymous.toggled.connect(self._anonymous_changed)
        self.matter.chosen.connect(self._matter_chosen)
        self.community.currentIndexChanged.connect(self._community_changed)
        self.reporter_check = QTimer(self)  # a name is looked up once typing pauses
        self.reporter_check.setSingleShot(True)
        self.reporter_check.setInterval(300)
        self.reporter_check.timeout.connect(self._check_reporter)
        self.reporter_name.textChanged.connect(self.reporter_check.start)
        for signal in (
            self.channel.currentIndexChanged,
            self.grid.currentIndexChanged,
            self.anonymous.toggled,
        ):
            signal.connect(self._check_reporter)
        self.on_spot.toggled.connect(self.on_spot_note.setEnabled)
        self._community_changed()
        self._set_tab_order()
        self.channel.setFocus()
        fit_window(self, 1180, 740)

    def _build_report_fields(self) -> None:
        f = self.left
        self.channel = field(f, "channel", self.tr("来源渠道"), QComboBox(), required=True)
        add_words(self.channel, CHANNELS)
        self.channel.setCurrentIndex(-1)
        self.channel.setPlaceholderText(self.tr("请选择"))
        self.anonymous = field(
            f, "anonymous", self.tr("匿名"), QCheckBox(self.tr("匿名反映（不留姓名和电话）"))
        )
        self.reporter_name = field(
            f,
            "reporter_name",
            self.tr("反映人"),
            limited(QLineEdit(), limits.PERSON_NAME),
            required=True,
            hint=self.tr("匿名反映可不填。"),
        )
        self.reporter_phone = field(
            f, "reporter_phone", self.tr("联系电话"), limited(QLineEdit(), limits.PHONE)
        )
        self.reporter_phone.setPlaceholderText(self.tr("手机号或固定电话"))
        now = self.db.clock()
        self.occurred_at = field(
            f, "occurred_at", self.tr("发生时间"), DateTimeField(local_qdatetime(now)), required=True,
            hint=self.tr("默认为现在。"),
        )  # fmt: skip
        self.occurred_at.setCalendarPopup(True)
        self.occurred_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.occurred_at.setMaximumDateTime(local_qdatetime(now + timedelta(minutes=1)))
        self.occurred_at.setMinimumDateTime(local_qdatetime(now - timedelta(days=366 * 5)))
        self.community = field(f, "community_id", self.tr("村（社区）"), QComboBox(), required=True)
        self.places = grids.community_places(self.db, current_only=True)
        for place in self.places:
            self.community.addItem(place.name, place.id)
        self.community.setCurrentIndex(-1)
        self.community.setPlaceholderText(self.tr("请选择"))
        self.grid = field(f, "grid_id", self.tr("网格"), QComboBox())
        self.address = field(f, "address", self.tr("详细地址"), limited(QLineEdit(), limits.ADDRESS))
        self.address.setPlaceholderText(self.tr("路名门牌、小区楼幢或村民小组"))
        self.matter = field(
            f, "matter_item_id", self.tr("事项"), MatterPicker(self.db, self.actor), required=True
        )

    def _build_event_fields(self) -> None:
        g = self.right
        self.title = field(
            g, "title", self.tr("标题"), limited(QLineEdit(), limits.EVENT_TITLE), required=True
        )
        self.title.setPlaceholderText(self.tr("一句话说明什么事，如“3 幢楼道堆物堵塞消防通道”"))
        self.description = field(
            g, "description", self.tr("事情经过"), text_box(5, limits.EVENT_DESCRIPTION), required=True,
            hint=self.tr("时间、地点、人物、起因和诉求。在此框内按 Ctrl+Enter 保存。"),
        )  # fmt: skip
        self.urgency = field(g, "urgency", self.tr("紧急程度"), QComboBox(), required=True)
        add_words(self.urgency, URGENCIES)
        self.people = field(g, "people_involved", self.tr("涉及人数"), QSpinBox())
        self.people.setRange(0, 100_000)
        self.people.setSuffix(self.tr(" 人"))
        self.attachments = field(g, "attachments", self.tr("附件"), AttachmentList(("现场照片", "文档")))
        self.on_spot = field(
            g, "solved_on_spot", self.tr("微循环"), QCheckBox(self.tr("现场已解决（微循环）"))
        )
        self.on_spot_note = field(
            g, "on_spot_note", self.tr("处置情况"), text_box(2),
            hint=self.tr("网格员已在现场解决的，写明怎么解决的；登记后直接结案。"),
        )  # fmt: skip
        self.on_spot_note.setEnabled(False)
        self.on_spot_note.setMaximumHeight(90)
        assert all(kind in ATTACHMENT_KINDS for kind in self.attachments.kinds)

    def _build_buttons(self, outer: QVBoxLayout) -> None:
        self.general_error = QLabel()
        self.general_error.setObjectName("formError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        outer.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("登记（Ctrl+Enter）"))
        self.save_button.setToolTip(
            self.tr(
                "单行框里按 Enter 跳到下一个没填的必填项，必填项都填好后按 Enter 登记；任何时候 Ctrl+Enter 登记。"
            )
        )
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消（Esc）"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        for button in self.findChildren(QPushButton):
            if button is not self.save_button:
                button.setAutoDefault(False)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.save)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.channel, self.anonymous, self.reporter_name, self.reporter_phone, self.occurred_at,
            self.community, self.grid, self.address, self.matter.edit, self.title, self.description,
            self.urgency, self.people, self.attachments.kind, self.attachments.add_button,
            self.attachments.remove_button, self.on_spot, self.on_spot_note, self.save_button,
        ]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.chain = chain

    # --- Enter moves on ------------------------------------------------------------------------------
    def _required(self) -> list[tuple[QWidget, bool]]:
        """The required fields in tab order, each with whether it is filled in."""
        return [
            (self.channel, self.channel.currentIndex() >= 0),
            (self.reporter_name, self.anonymous.isChecked() or bool(self.reporter_name.text().strip())),
            (self.community, self.community.currentIndex() >= 0),
            (self.matter.edit, bool(self.matter.item_id())),
            (self.title, bool(self.title.text().strip())),
            (self.description, bool(self.description.toPlainText().strip())),
        ]

    def next_empty(self, current: QWidget | None) -> QWidget | None:
        """The first required field still empty after `current` in tab order (then from the top)."""
        position = self.chain.index(current) if current in self.chain else -1
        empty = [widget for widget, filled in self._required() if not filled and widget is not current]
        empty.sort(key=lambda w: (self.chain.index(w) <= position, self.chain.index(w)))
        return empty[0] if empty else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a one-line field goes to the next required field still empty, skipping the optional
        ones and the time (which defaults to now); once every required field is filled, Enter saves.
        Fields that take Enter themselves (事情经过, an open list) never pass it here."""
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or not plain:
            super().keyPressEvent(event)
            return
        current = self.focusWidget()
        if current is self.matter.edit and not self.matter.item_id() and self.matter.edit.text().strip():
            self.matter.search_now()  # typed faster than the search: show the list to pick from
            return
        target = self.next_empty(current)
        if target is None:
            self.save()
        else:
            focus_field(target)

    def _matter_chosen(self, row: object) -> None:
        """Picking the matter with Enter moves on like Enter in any other field."""
        if row is not None and self.matter.edit.hasFocus():
            QTimer.singleShot(0, self, self._after_matter)

    def _after_matter(self) -> None:
        target = self.next_empty(self.matter.edit)
        if target is not None and self.matter.edit.hasFocus():
            focus_field(target)

    def _anonymous_changed(self, anonymous: bool) -> None:
        self.reporter_name.setEnabled(not anonymous)
        self.reporter_phone.setEnabled(not anonymous)

    def _community_changed(self, *_args: object) -> None:
        self.grid.clear()
        self.grid.addItem(self.tr("（不指定网格）"), "")
        community_id = self.community.currentData()
        place = next((p for p in self.places if p.id == community_id), None)
        for grid_id, name in place.grids if place else ():
            self.grid.addItem(name, grid_id)
        self.grid.setEnabled(place is not None)

    def _check_reporter(self, *_args: object) -> None:
        """For 网格员上报: says under the name whether it is a worker of the chosen grid, so a typo that
        would keep the report out of that worker's assessment is seen before saving."""
        grid_id = str(self.grid.currentData() or "")
        name = self.reporter_name.text().strip()
        if self.channel.currentData() != GRID_WORKER_CHANNEL or self.anonymous.isChecked():
            self.left.set_hint("reporter_name", self.tr("匿名反映可不填。"))
        elif not grid_id or not name:
            self.left.set_hint("reporter_name", self.tr("网格员上报：先选村（社区）和网格，再填网格员姓名。"))
        else:
            match = events.match_grid_reporter(self.db, self.actor, grid_id, name)
            if match.counts:
                text = self.tr("✓ 本网格在岗人员（{posts}），计入其上报考核。").format(
                    posts="、".join(match.posts)
                )
            elif match.people > 1:
                text = self.tr("本网格有 {n} 人同名，此上报不能计入某一人的考核。").format(n=match.people)
            else:
                text = self.tr("⚠ 不是本网格在岗的网格人员，此上报不计入网格员考核；请核对姓名和网格。")
            self.left.set_hint("reporter_name", text)

    # --- the input ---------------------------------------------------------------------------------
    def data(self) -> EventInput:
        return EventInput(
            channel=str(self.channel.currentData() or ""), occurred_at=from_edit(self.occurred_at),
            community_id=str(self.community.currentData() or ""), matter_item_id=self.matter.item_id(),
            title=self.title.text(), description=self.description.toPlainText(),
            grid_id=str(self.grid.currentData() or "") or None, address=self.address.text(),
            reporter_name=self.reporter_name.text(), reporter_phone=self.reporter_phone.text(),
            anonymous=self.anonymous.isChecked(), urgency=str(self.urgency.currentData() or ""),
            people_involved=self.people.value(), solved_on_spot=self.on_spot.isChecked(),
            on_spot_note=self.on_spot_note.toPlainText(), attachments=self.attachments.attachments(),
        )  # fmt: skip

    def clear_errors(self) -> None:
        self.left.clear_errors()
        self.right.clear_errors()
        self.general_error.hide()

    def show_error(self, error: UserError) -> None:
        """Every problem at once, each next to its field (the first one focused); the rest above the
        buttons. Each message goes as soon as its field is edited."""
        self.clear_errors()
        errors = error_list(error)

        def key(e: UserError) -> str:
            return e.field if isinstance(e, ValidationError) else ""

        marked = self.left.show_errors([e for e in errors if key(e) in self.left.errors], focus=False)
        marked += self.right.show_errors([e for e in errors if key(e) in self.right.errors], focus=False)
        general = [error_text(e) for e in errors if key(e) not in self.left.errors | self.right.errors]
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
            keep_whole([self.general_error])
        if marked:
            focus_field(marked[0])

    def error_for(self, key: str) -> str:
        form = self.left if key in self.left.errors else self.right
        return form.error_for(key)

    # --- saving --------------------------------------------------------------------------------------
    @contextmanager
    def _working(self) -> Iterator[None]:
        """The button says 正在保存… and the cursor waits: the first save on a big database, with its
        look for duplicates, may take seconds, and the form sat unchanged meanwhile (cold test 25)."""
        text = self.save_button.text()
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("正在保存…"))
        self.save_button.repaint()  # now, not when the event loop is back after the work
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.save_button.setText(text)
            self.save_button.setEnabled(True)

    def save(self) -> None:
        data = self.data()
        self.clear_errors()
        try:
            if data.community_id and data.matter_item_id and not self._duplicates_cleared(data):
                return
            with self._working():
                created = events.create_event(self.db, self.actor, data)
        except UserError as exc:
            self.show_error(exc)
            return
        self.created = created
        message = self.tr("事件已登记，编号：{number}").format(number=created.number)
        if created.state == events.State.CLOSED:
            message += self.tr("\n已按“现场已解决（微循环）”直接结案。")
        QMessageBox.information(self, self.tr("登记成功"), message)
        self.accept()

    def _duplicates_cleared(self, data: EventInput) -> bool:
        """False when the operator went back or linked the report (which closes this dialog)."""
        with self._working():
            candidates = events.find_duplicates(
                self.db, self.actor, community_id=data.community_id, grid_id=data.grid_id,
                matter_item_id=data.matter_item_id, title=data.title,
            )  # fmt: skip
        if all(c.id in self._dismissed for c in candidates):
            return True
        dialog = DuplicatesDialog(candidates, self)
        dialog.exec()
        if dialog.choice == DuplicatesDialog.NEW:
            self._dismissed |= {c.id for c in candidates}
            return True
        if dialog.choice == DuplicatesDialog.LINK:
            self.linked_id = events.link_report(self.db, self.actor, dialog.chosen_id, data)
            number = next(c.number for c in candidates if c.id == dialog.chosen_id)
            QMessageBox.information(
                self,
                self.tr("已关联"),
                self.tr("本次反映已记入事件 {number} 的办理过程，没有新建事件。").format(number=number),
            )
            self.accept()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.shown_values is None:
            self.shown_values = input_values(self)

    def is_dirty(self) -> bool:
        """Anything typed or chosen since the form opened: Esc after setting only 涉及人数 closed it with
        no question (cold test 26)."""
        return bool(
            self.title.text().strip()
            or self.description.toPlainText().strip()
            or self.reporter_name.text().strip()
            or self.attachments.items
            or (self.shown_values is not None and input_values(self) != self.shown_values)
        )

    def reject(self) -> None:
        if self.created is None and self.linked_id is None and self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("放弃登记"),
                self.tr("已填写的内容不会保存，确定放弃吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,  # Esc then Enter must not lose a registration (cold test 26)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
