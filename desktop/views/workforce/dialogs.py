"""Dialogs of the 网格与人员 page: a grid, a worker's post, ending a post, merging two persons, a
mediator. Each is a StepDialog: the service's errors appear beside their fields."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError, ValidationError
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import text as limits
from desktop.services.people import persons
from desktop.services.workforce import grids, roster
from desktop.views import file_dialogs
from desktop.views.forms import DateField, StepDialog, field, limited
from desktop.views.labels import add_words
from desktop.views.tables import ListTableModel, setup_read_only_table


def _day(box: DateField) -> date:
    value = box.date()
    return date(value.year(), value.month(), value.day())


def _today() -> QDate:
    return QDate.currentDate()


class GridDialog(StepDialog):
    """Adds a grid to a community, or edits one (`detail` given)."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        community_id: str,
        detail: grids.GridDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("修改网格") if detail else self.tr("新增网格"), self.tr("保存"), parent)
        self.db, self.actor, self.community_id, self.detail = db, actor, community_id, detail
        form = self.form
        self.seq = field(form, "seq", self.tr("网格序号"), QSpinBox(), required=True)
        self.seq.setRange(1, 999)
        if detail is None:
            self.seq.setValue(max(1, grids.next_grid_seq(db, community_id)))
            self.set_intro(self.tr("网格代码由村（社区）代码加 3 位序号组成，停用后不再使用。"))
        else:
            self.seq.setValue(int(detail.code[-3:]))
            self.seq.setEnabled(False)
        self.name = field(
            form, "name", self.tr("网格名称"), limited(QLineEdit(), limits.GRID_NAME), required=True
        )
        self.kind = field(form, "kind", self.tr("网格类型"), QComboBox())
        add_words(self.kind, grids.GRID_KINDS)
        self.subtype = field(form, "subtype", self.tr("专属网格类别"), QComboBox())
        self.subtype.addItem(self.tr("（不适用）"), "")
        add_words(self.subtype, grids.GRID_SUBTYPES)
        self.households = field(form, "households", self.tr("户数"), QSpinBox())
        self.population = field(form, "population", self.tr("人口"), QSpinBox())
        for box in (self.households, self.population):
            box.setRange(0, grids.MAX_COUNT)
        self.boundary = field(
            form, "boundary_note", self.tr("四至范围"), limited(QLineEdit(), limits.BOUNDARY_NOTE)
        )
        self.places = field(
            form,
            "places",
            self.tr("覆盖区域"),
            limited(QPlainTextEdit(), limits.GRID_PLACES),
            hint=self.tr("小区、楼栋、村民小组、市场等，每行一处。"),
        )
        self.places.setTabChangesFocus(True)
        self.places.setMaximumHeight(90)
        if detail is not None:
            self.name.setText(detail.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(detail.kind)))
            self.subtype.setCurrentIndex(max(0, self.subtype.findData(detail.subtype)))
            self.households.setValue(detail.households)
            self.population.setValue(detail.population)
            self.boundary.setText(detail.boundary_note)
            self.places.setPlainText(detail.places)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.submit = self._save

    def _kind_changed(self) -> None:
        dedicated = self.kind.currentData() == "专属网格"
        self.subtype.setEnabled(dedicated)
        if not dedicated:
            self.subtype.setCurrentIndex(0)

    def data(self) -> grids.GridInput:
        return grids.GridInput(
            self.name.text(),
            str(self.kind.currentData()),
            str(self.subtype.currentData()),
            self.households.value(),
            self.population.value(),
            self.boundary.text(),
            self.places.toPlainText(),
        )

    def _save(self) -> str:
        if self.detail is None:
            return grids.create_grid(self.db, self.actor, self.community_id, self.seq.value(), self.data())
        grids.update_grid(self.db, self.actor, self.detail.id, self.data(), self.detail.ver)
        return self.detail.id


class WorkerDialog(StepDialog):
    """A new post: the person is found in the registry by resident ID, or added to it."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        places: list[tuple[str, str]],
        grid_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("新增人员岗位"), self.tr("保存"), parent)
        self.db, self.actor = db, actor
        self.set_intro(self.tr("已在人员库中的人按身份证号自动对应，不会重复登记。"))
        form = self.form
        self.name = field(
            form, "name", self.tr("姓名"), limited(QLineEdit(), limits.PERSON_NAME), required=True
        )
        self.resident_id = field(form, "resident_id", self.tr("身份证号码"), QLineEdit(), required=True)
        self.resident_id.setMaxLength(18)
        self.sex = field(form, "sex", self.tr("性别"), QComboBox())
        self.sex.addItem(self.tr("（按身份证号）"), "")
        add_words(self.sex, ("男", "女"))
        self.phone = field(form, "phone", self.tr("手机号码"), limited(QLineEdit(), limits.PHONE))
        self.employer = field(form, "employer", self.tr("工作单位"), limited(QLineEdit(), limits.EMPLOYER))
        self.post = field(form, "post", self.tr("岗位"), QComboBox(), required=True)
        add_words(self.post, grids.ALL_POSTS)
        self.grid = field(form, "grid", self.tr("所属网格"), QComboBox())
        self.grid.addItem(self.tr("（中心工作人员不选）"), None)
        for gid, label in places:
            self.grid.addItem(label, gid)
        if grid_id is not None:
            self.grid.setCurrentIndex(max(0, self.grid.findData(grid_id)))
        else:
            self.post.setCurrentIndex(self.post.findData(grids.CENTRE_POST))
        self.start = field(form, "start", self.tr("入职日期"), DateField(_today()), required=True)
        self.submit = self._save

    def _save(self) -> str:
        return roster.add_worker_post(
            self.db,
            self.actor,
            roster.WorkerInput(
                self.name.text(),
                self.resident_id.text(),
                str(self.post.currentData()),
                _day(self.start),
                self.grid.currentData(),
                str(self.sex.currentData()),
                self.phone.text(),
                self.employer.text(),
            ),
        )


class EndDialog(StepDialog):
    """Ends a post (a worker's or a mediator's) on a day: the record stays in the history."""

    def __init__(self, title: str, who: str, end: object, parent: QWidget | None = None) -> None:
        super().__init__(title, self.tr("确定"), parent)
        self.set_intro(who)
        self.day = field(self.form, "end", self.tr("最后在岗日期"), DateField(_today()), required=True)
        self.end = end
        self.submit = lambda: self.end(_day(self.day))  # type: ignore[operator]


class MergeDialog(StepDialog):
    """Folds one registry record into another; the reason goes to the audit log."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        keep: persons.PersonRow,
        drop: persons.PersonRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("合并重复人员"), self.tr("合并"), parent)
        self.db, self.actor, self.keep, self.drop = db, actor, keep, drop
        self.set_intro(
            self.tr(
                "“{drop}”（{drop_id}）将并入“{keep}”（{keep_id}），原来指向前者的记录改为指向后者。此操作记入审计日志。"
            ).format(
                drop=drop.name,
                drop_id=drop.resident_id_masked or "—",
                keep=keep.name,
                keep_id=keep.resident_id_masked or "—",
            )
        )
        self.reason = field(
            self.form, "reason", self.tr("合并理由"), limited(QLineEdit(), limits.AUDIT_REASON), required=True
        )
        self.submit = lambda: persons.merge_persons(self.db, self.actor, keep.id, drop.id, self.reason.text())


class MediatorDialog(StepDialog):
    """Adds a mediator to the committee's roster (mediation.create_mediator)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新增调解员"), self.tr("保存"), parent)
        self.db, self.actor = db, actor
        form = self.form
        self.name = field(
            form, "name", self.tr("姓名"), limited(QLineEdit(), limits.PERSON_NAME), required=True
        )
        self.resident_id = field(form, "resident_id", self.tr("身份证号码"), QLineEdit())
        self.resident_id.setMaxLength(18)
        self.phone = field(form, "phone", self.tr("手机号码"), limited(QLineEdit(), limits.PHONE))
        self.title = field(form, "title", self.tr("职务"), QComboBox(), required=True)
        add_words(self.title, mediation.MEDIATOR_TITLES)
        self.start = field(form, "start", self.tr("任职日期"), DateField(_today()), required=True)
        self.submit = self._save

    def _save(self) -> str:
        return mediation.create_mediator(
            self.db,
            self.actor,
            str(self.title.currentData()),
            _day(self.start),
            person=persons.PersonInput(self.name.text(), self.resident_id.text(), self.phone.text()),
        )


class SplitDialog(StepDialog):
    """拆分: the grid ends on a day and two new grids of its community take its area."""

    def __init__(
        self, db: Database, actor: Actor, detail: grids.GridDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("拆分网格"), self.tr("拆分"), parent)
        self.db, self.actor, self.detail = db, actor, detail
        self.set_intro(
            self.tr("“{name}”将于所选日期停用，其在岗人员的岗位同日结束；已有事件仍属于原网格。").format(
                name=detail.name
            )
        )
        form = self.form
        self.day = field(form, "on", self.tr("拆分日期"), DateField(_today()), required=True)
        self.first = field(
            form, "name", self.tr("新网格一"), limited(QLineEdit(), limits.GRID_NAME), required=True
        )
        self.second = field(
            form, "name2", self.tr("新网格二"), limited(QLineEdit(), limits.GRID_NAME), required=True
        )
        self.submit = self._save

    def _save(self) -> list[str]:
        seq = grids.next_grid_seq(self.db, self.detail.community_id)
        parts = [(seq, grids.GridInput(self.first.text())), (seq + 1, grids.GridInput(self.second.text()))]
        return grids.split_grid(self.db, self.actor, self.detail.id, _day(self.day), parts)


class MergeGridsDialog(StepDialog):
    """合并: the checked grids of one community end on a day and one new grid takes their area."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        community: grids.CommunityNode,
        checked: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("合并网格"), self.tr("合并"), parent)
        self.db, self.actor, self.community = db, actor, community
        self.set_intro(self.tr("勾选要合并的网格（至少两个）；它们于所选日期停用，已有事件仍属于原网格。"))
        form = self.form
        self.grids = field(form, "grids", self.tr("要合并的网格"), QListWidget(), required=True)
        self.grids.setMaximumHeight(140)
        for grid in community.grids:
            item = QListWidgetItem(f"{grid.name}（{grid.code}）")
            item.setData(Qt.ItemDataRole.UserRole, grid.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if grid.id == checked else Qt.CheckState.Unchecked)
            self.grids.addItem(item)
        self.day = field(form, "on", self.tr("合并日期"), DateField(_today()), required=True)
        self.name = field(
            form, "name", self.tr("新网格名称"), limited(QLineEdit(), limits.GRID_NAME), required=True
        )
        self.submit = self._save

    def chosen(self) -> list[str]:
        out = []
        for index in range(self.grids.count()):
            item = self.grids.item(index)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _save(self) -> str:
        seq = grids.next_grid_seq(self.db, self.community.id)
        return grids.merge_grids(
            self.db, self.actor, self.chosen(), _day(self.day), seq, grids.GridInput(self.name.text())
        )


class ProfileDialog(StepDialog):
    """A worker's file: photo, employer and training records (adds one when its title is filled)."""

    def __init__(
        self, db: Database, actor: Actor, row: roster.WorkerRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("人员档案：{name}").format(name=row.name), self.tr("保存"), parent)
        self.db, self.actor, self.row = db, actor, row
        form = self.form
        self.photo = field(form, "photo", self.tr("照片"), QLabel())
        self.photo.setFixedSize(90, 120)
        self.photo.setObjectName("workerPhoto")
        self.photo_button = field(form, "photo_file", "", QPushButton(self.tr("选择照片…")))
        self.photo_button.clicked.connect(self.choose_photo)
        self.employer = field(
            form, "employer", self.tr("工作单位"), limited(QLineEdit(row.employer), limits.EMPLOYER)
        )
        self.trainings = field(form, "trainings", self.tr("培训记录"), QTableView())
        self.training_model = TrainingModel()
        self.trainings.setModel(self.training_model)
        setup_read_only_table(self.trainings, wrap=False)
        self.trainings.setMaximumHeight(130)
        self.held_on = field(form, "held_on", self.tr("培训日期"), DateField(_today()))
        self.title = field(
            form,
            "title",
            self.tr("培训名称"),
            limited(QLineEdit(), limits.TRAINING_TITLE),
            hint=self.tr("填写后保存即新增一条培训记录。"),
        )
        self.hours = field(form, "hours", self.tr("学时"), QDoubleSpinBox())
        self.hours.setRange(0, 1000)
        self.hours.setDecimals(1)
        self.hours.setValue(1)
        self.reload()
        self.submit = self._save
        if not actor.can(Permission.GRID_EDIT):  # a reader sees the file but changes nothing
            for widget in (
                self.ok_button,
                self.photo_button,
                self.employer,
                self.held_on,
                self.title,
                self.hours,
            ):
                widget.setEnabled(False)

    def reload(self) -> None:
        self.training_model.set_rows(roster.trainings(self.db, self.actor, self.row.person_id))
        path = roster.photo_file(self.db, self.actor, self.row.person_id)
        pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        if pixmap.isNull():
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("无照片"))
        else:
            self.photo.setPixmap(pixmap.scaled(self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio))

    def choose_photo(self) -> None:
        path = file_dialogs.open_path(self, self.tr("选择照片"), self.tr("图片 (*.jpg *.jpeg *.png)"))
        if path:
            self.set_photo(Path(path))

    def set_photo(self, path: Path) -> None:
        try:
            roster.set_photo(self.db, self.actor, self.row.person_id, path)
        except UserError as exc:
            self.form.show_error(ValidationError(exc.zh, exc.en, "photo"))
            return
        self.reload()

    def _save(self) -> None:
        if self.employer.text() != self.row.employer:
            roster.set_employer(self.db, self.actor, self.row.person_id, self.employer.text())
        if self.title.text().strip():
            roster.add_training(
                self.db,
                self.actor,
                self.row.person_id,
                _day(self.held_on),
                self.title.text(),
                self.hours.value(),
            )


class TrainingModel(ListTableModel[roster.TrainingRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (self.tr("日期"), self.tr("学时"), self.tr("培训名称"))

    def value(self, row: roster.TrainingRow, column: int) -> Any:
        return (row.held_on.isoformat(), f"{row.hours:g}", row.title)[column]
