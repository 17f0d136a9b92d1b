"""网格与人员: communities → grids on the left, the chosen grid's details and workers on the right;
人员库 (search, merge duplicates) and 调解组织 (the committee and its mediators) in their own tabs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db import Database
from desktop.errors import UserError
from desktop.services import mediation
from desktop.services.accounts.permissions import Actor, Permission
from desktop.services.common import text as limits
from desktop.services.common.masking import mask_phone
from desktop.services.people import persons
from desktop.services.workforce import grids, roster, workers_xlsx
from desktop.views import file_dialogs, tasks
from desktop.views.flow_layout import FlowLayout
from desktop.views.forms import limited
from desktop.views.i18n import error_text
from desktop.views.labels import label
from desktop.views.tables import ListTableModel, setup_read_only_table
from desktop.views.workforce.dialogs import (
    EndDialog,
    GridDialog,
    MediatorDialog,
    MergeDialog,
    MergeGridsDialog,
    ProfileDialog,
    SplitDialog,
    WorkerDialog,
)

CENTRE = "__centre__"  # the tree's node for centre staff
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class WorkerModel(ListTableModel[roster.WorkerRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("岗位"), self.tr("姓名"), self.tr("性别"), self.tr("身份证号码"), self.tr("手机号码"),
            self.tr("入职日期"), self.tr("离任日期"), self.tr("工作单位"),
        )  # fmt: skip

    def value(self, row: roster.WorkerRow, column: int) -> Any:
        return (
            label(row.post), row.name, label(row.sex), row.resident_id_masked, row.phone, row.start_date.isoformat(),
            row.end_date.isoformat() if row.end_date else "", row.employer,
        )[column]  # fmt: skip


class PersonModel(ListTableModel[persons.PersonRow]):
    def __init__(self) -> None:
        super().__init__()
        self.headers = (
            self.tr("姓名"),
            self.tr("性别"),
            self.tr("身份证号码"),
            self.tr("手机号码"),
            self.tr("住址"),
        )

    def value(self, row: persons.PersonRow, column: int) -> Any:
        return (row.name, label(row.sex), row.resident_id_masked, row.phone, row.address)[column]


class MediatorModel(ListTableModel[mediation.MediatorView]):
    def __init__(self, full_phone: bool) -> None:
        super().__init__()
        self.full_phone = full_phone
        self.headers = (self.tr("职务"), self.tr("姓名"), self.tr("联系电话"), self.tr("任职日期"))

    def value(self, row: mediation.MediatorView, column: int) -> Any:
        phone = row.phone if self.full_phone else mask_phone(row.phone)
        return (label(row.title), row.name, phone, row.start_date.isoformat())[column]


def _buttons(layout: QVBoxLayout) -> FlowLayout:
    holder = QWidget()
    flow = FlowLayout(holder)
    layout.addWidget(holder)
    return flow


class WorkforcePage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.can_edit = actor.can(Permission.GRID_EDIT)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_grids(), self.tr("网格与人员"))
        if actor.can(Permission.PERSON_VIEW):
            self.tabs.addTab(self._build_people(), self.tr("人员库"))
        if actor.can(Permission.MEDIATION_VIEW):
            self.tabs.addTab(self._build_committee(), self.tr("调解组织"))
        self.reload_tree()

    # --- grids and workers -------------------------------------------------------------------

    def _build_grids(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("村（社区）与网格"), self.tr("在岗")])
        self.tree.setColumnWidth(0, 200)
        self.tree.currentItemChanged.connect(lambda *_: self.show_selected())
        split.addWidget(self.tree)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("请在左侧选择一个网格"))
        self.title.setObjectName("caseTitle")
        self.title.setWordWrap(True)
        column.addWidget(self.title)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.details)
        flow = _buttons(column)
        self.buttons_by_key: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add_grid", self.tr("新增网格"), self.add_grid),
            ("edit_grid", self.tr("修改网格"), self.edit_grid),
            ("split_grid", self.tr("拆分网格"), self.split_grid),
            ("merge_grids", self.tr("合并网格"), self.merge_grids),
            ("retire_grid", self.tr("撤销网格"), self.retire_grid),
            ("add_worker", self.tr("新增人员岗位"), self.add_worker),
            ("end_post", self.tr("结束岗位"), self.end_post),
            ("profile", self.tr("人员档案…"), self.open_profile),
            ("reveal", self.tr("查看完整身份证号"), self.reveal_id),
            ("history", self.tr("含历任人员"), self.show_selected),
            ("import", self.tr("导入…"), self.import_workers),
            ("export", self.tr("导出…"), self.export_workers),
            ("template", self.tr("下载模板…"), self.save_template),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            flow.addWidget(button)
            self.buttons_by_key[key] = button
        self.buttons_by_key["history"].setCheckable(True)
        edits = (
            "add_grid",
            "edit_grid",
            "split_grid",
            "merge_grids",
            "retire_grid",
            "add_worker",
            "end_post",
        )
        for key in (*edits, "import"):
            self.buttons_by_key[key].setVisible(self.can_edit)
        self.buttons_by_key["reveal"].setVisible(self.actor.can(Permission.PERSON_VIEW_ID))
        self.workers = QTableView()
        self.worker_model = WorkerModel()
        self.workers.setModel(self.worker_model)
        setup_read_only_table(self.workers, wrap=False)
        column.addWidget(self.workers, 1)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        return split

    def reload_tree(self, select: str | None = None) -> None:
        current = select or self._selected()[1]
        self.tree.clear()
        centre = QTreeWidgetItem([self.tr("中心工作人员"), ""])
        centre.setData(0, Qt.ItemDataRole.UserRole, CENTRE)
        centre.setData(0, KIND_ROLE, "centre")
        self.tree.addTopLevelItem(centre)
        chosen = centre if current == CENTRE else None
        first_grid: QTreeWidgetItem | None = None
        for community in grids.grid_tree(self.db, self.actor):
            node = QTreeWidgetItem([community.name, ""])
            node.setData(0, Qt.ItemDataRole.UserRole, community.id)
            node.setData(0, KIND_ROLE, "community")
            self.tree.addTopLevelItem(node)
            for grid in community.grids:
                leaf = QTreeWidgetItem([grid.name, str(grid.workers)])
                leaf.setData(0, Qt.ItemDataRole.UserRole, grid.id)
                leaf.setData(0, KIND_ROLE, "grid")
                leaf.setToolTip(
                    0, f"{grid.code} {label(grid.kind)}{('·' + label(grid.subtype)) if grid.subtype else ''}"
                )
                node.addChild(leaf)
                first_grid = first_grid or leaf
                if grid.id == current:
                    chosen = leaf
            if community.id == current:
                chosen = node
        self.tree.expandAll()
        self.tree.setCurrentItem(chosen or first_grid or centre)  # a grid's workers on first sight

    def _selected(self) -> tuple[str, str | None]:
        item = self.tree.currentItem() if hasattr(self, "tree") else None
        if item is None:
            return "", None
        return str(item.data(0, KIND_ROLE)), item.data(0, Qt.ItemDataRole.UserRole)

    def _community_of_selection(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        kind = item.data(0, KIND_ROLE)
        parent = item.parent()
        if kind == "grid" and parent is not None:
            return str(parent.data(0, Qt.ItemDataRole.UserRole))
        return str(item.data(0, Qt.ItemDataRole.UserRole)) if kind == "community" else None

    def show_selected(self) -> None:
        kind, key = self._selected()
        history = self.buttons_by_key["history"].isChecked()
        self.buttons_by_key["edit_grid"].setEnabled(kind == "grid")
        for name in ("retire_grid", "split_grid"):
            self.buttons_by_key[name].setEnabled(kind == "grid")
        self.buttons_by_key["merge_grids"].setEnabled(kind in ("grid", "community"))
        self.buttons_by_key["add_grid"].setEnabled(kind in ("grid", "community"))
        if kind == "grid" and key:
            detail = grids.grid_detail(self.db, self.actor, key)
            self.title.setText(f"{detail.community_name} · {detail.name}")
            lines = [
                self.tr("代码：{code}　类型：{kind}{subtype}").format(
                    code=detail.code,
                    kind=label(detail.kind),
                    subtype=f"（{label(detail.subtype)}）" if detail.subtype else "",
                ),
                self.tr("户数：{h}　人口：{p}").format(h=detail.households, p=detail.population),
            ]
            if detail.boundary_note:
                lines.append(self.tr("四至：{b}").format(b=detail.boundary_note))
            if detail.places:
                lines.append(self.tr("覆盖：{p}").format(p=detail.places.replace("\n", "、")))
            if detail.predecessors:
                lines.append(
                    self.tr("由 {names} 调整而来").format(
                        names="、".join(n for _c, n, _d in detail.predecessors)
                    )
                )
            self.details.setText("\n".join(lines))
            rows = roster.grid_workers(self.db, self.actor, key, with_history=history)
        elif kind == "centre":
            self.title.setText(self.tr("中心工作人员"))
            self.details.setText("")
            rows = roster.centre_staff(self.db, self.actor)
        else:
            item = self.tree.currentItem()
            self.title.setText(item.text(0) if item is not None else "")
            self.details.setText(self.tr("请选择其下的网格查看人员。"))
            rows = []
        self.worker_model.set_rows(rows)
        self.workers.resizeColumnsToContents()

    def _run(self, work: Any, then: Any = None) -> bool:
        try:
            result = work()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法完成"), error_text(exc))
            return False
        if then is not None:
            then(result)
        return True

    def add_grid(self) -> None:
        community = self._community_of_selection()
        if community is None:
            return
        dialog = GridDialog(self.db, self.actor, community, parent=self)
        if dialog.exec():
            self.reload_tree(select=str(dialog.outcome))

    def edit_grid(self) -> None:
        kind, key = self._selected()
        if kind != "grid" or not key:
            return
        dialog = GridDialog(
            self.db,
            self.actor,
            self._community_of_selection() or "",
            grids.grid_detail(self.db, self.actor, key),
            self,
        )
        if dialog.exec():
            self.reload_tree(select=key)

    def split_grid(self) -> None:
        kind, key = self._selected()
        if kind != "grid" or not key:
            return
        if SplitDialog(self.db, self.actor, grids.grid_detail(self.db, self.actor, key), self).exec():
            self.reload_tree()

    def merge_grids(self) -> None:
        kind, key = self._selected()
        community_id = self._community_of_selection()
        community = next((c for c in grids.grid_tree(self.db, self.actor) if c.id == community_id), None)
        if community is None:
            return
        dialog = MergeGridsDialog(self.db, self.actor, community, key if kind == "grid" else None, self)
        if dialog.exec():
            self.reload_tree(select=str(dialog.outcome))

    def retire_grid(self) -> None:
        kind, key = self._selected()
        if kind != "grid" or not key:
            return
        dialog = EndDialog(
            self.tr("撤销网格"),
            self.tr("撤销后网格不再接收新事件，其在岗人员的岗位同日结束；已有事件仍属于该网格。"),
            lambda day: grids.retire_grid(self.db, self.actor, key, day),
            self,
        )
        if dialog.exec():
            self.reload_tree()

    def add_worker(self) -> None:
        kind, key = self._selected()
        places = [
            (g.id, f"{c.name} · {g.name}") for c in grids.grid_tree(self.db, self.actor) for g in c.grids
        ]
        dialog = WorkerDialog(self.db, self.actor, places, key if kind == "grid" else None, self)
        if dialog.exec():
            self.reload_tree()

    def _current_worker(self) -> roster.WorkerRow | None:
        index = self.workers.currentIndex()
        return self.worker_model.row_at(index.row()) if index.isValid() else None

    def end_post(self) -> None:
        row = self._current_worker()
        if row is None or row.end_date is not None:
            return
        dialog = EndDialog(
            self.tr("结束岗位"),
            f"{row.name}（{label(row.post)}）",
            lambda day: roster.end_post(self.db, self.actor, row.post_id, day),
            self,
        )
        if dialog.exec():
            self.reload_tree()

    def open_profile(self) -> None:
        row = self._current_worker()
        if row is not None and ProfileDialog(self.db, self.actor, row, self).exec():
            self.show_selected()

    def reveal_id(self) -> None:
        row = self._current_worker()
        if row is not None:
            self._run(
                lambda: persons.reveal_resident_id(self.db, self.actor, row.person_id),
                lambda number: QMessageBox.information(
                    self,
                    self.tr("完整身份证号"),
                    self.tr("{name}：{number}（此次查看已记入审计日志）").format(
                        name=row.name, number=number
                    ),
                ),
            )

    def export_workers(self) -> None:
        path = file_dialogs.save_path(
            self, self.tr("导出网格人员"), self.tr("网格人员.xlsx"), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not path:
            return
        self.buttons_by_key["export"].setEnabled(False)
        tasks.run_write(
            lambda _progress: workers_xlsx.export_workers(self.db, self.actor, Path(path)),
            self._exported,
            always=lambda: self.buttons_by_key["export"].setEnabled(True),
            parent=self,
        )

    def _exported(self, count: int) -> None:
        QMessageBox.information(
            self, self.tr("已导出"), self.tr("已导出 {count} 条记录。").format(count=count)
        )

    def save_template(self) -> None:
        path = file_dialogs.save_path(
            self, self.tr("保存模板"), self.tr("网格人员导入模板.xlsx"), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            self._run(lambda: workers_xlsx.write_template(Path(path)))

    def import_workers(self) -> None:
        path = file_dialogs.open_path(self, self.tr("导入网格人员"), self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        self.buttons_by_key["import"].setEnabled(False)

        def done(result: workers_xlsx.ImportResult) -> None:
            QMessageBox.information(
                self,
                self.tr("已导入"),
                self.tr("新增 {posts} 个岗位、{people} 名人员；{same} 行已在册未变。").format(
                    posts=result.posts_added, people=result.people_added, same=result.unchanged
                ),
            )
            self.reload_tree()

        tasks.run_write(
            lambda _progress: workers_xlsx.import_workers(self.db, self.actor, Path(path)),
            done,
            always=lambda: self.buttons_by_key["import"].setEnabled(True),
            parent=self,
        )

    # --- person registry ---------------------------------------------------------------------

    def _build_people(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        flow = _buttons(column)
        self.person_search = limited(QLineEdit(), limits.SEARCH)
        self.person_search.setPlaceholderText(self.tr("姓名、手机号或身份证号"))
        self.person_search.returnPressed.connect(self.search_people)
        flow.addWidget(self.person_search)
        search = QPushButton(self.tr("查找"))
        search.clicked.connect(self.search_people)
        flow.addWidget(search)
        self.merge_button = QPushButton(self.tr("合并所选两人…"))
        self.merge_button.setToolTip(self.tr("先选保留的一条，再按住 Ctrl 选要并入的一条"))
        self.merge_button.clicked.connect(self.merge_people)
        self.merge_button.setVisible(self.actor.can(Permission.PERSON_EDIT))
        flow.addWidget(self.merge_button)
        self.people = QTableView()
        self.person_model = PersonModel()
        self.people.setModel(self.person_model)
        setup_read_only_table(self.people, multi=True, wrap=False)
        column.addWidget(self.people, 1)
        self.search_people()
        return page

    def search_people(self) -> None:
        self._run(lambda: persons.search(self.db, self.actor, self.person_search.text()), self._show_people)

    def _show_people(self, rows: list[persons.PersonRow]) -> None:
        self.person_model.set_rows(rows)
        self.people.resizeColumnsToContents()

    def merge_people(self) -> None:
        chosen = [i.row() for i in self.people.selectionModel().selectedRows()]
        current = self.people.currentIndex().row()
        if len(chosen) != 2:
            QMessageBox.information(
                self, self.tr("合并重复人员"), self.tr("请选中两条记录：保留的一条和要并入的一条。")
            )
            return
        drop_row = current if current in chosen else chosen[1]
        keep_row = next(r for r in chosen if r != drop_row)
        keep, drop = self.person_model.row_at(keep_row), self.person_model.row_at(drop_row)
        if keep is None or drop is None:
            return
        if MergeDialog(self.db, self.actor, keep, drop, self).exec():
            self.search_people()

    # --- the mediation committee -------------------------------------------------------------

    def _build_committee(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        form = QFormLayout()
        committee = mediation.get_committee(self.db, self.actor)
        self.committee_name = limited(QLineEdit(committee.name), limits.COMMITTEE_NAME)
        self.file_prefix = QLineEdit(committee.file_prefix)
        self.committee_address = limited(QLineEdit(committee.address), limits.ADDRESS)
        self.committee_phone = limited(QLineEdit(committee.phone), limits.PHONE)
        manage = self.actor.can(Permission.MEDIATION_MANAGE)
        for caption, box in (
            (self.tr("调解委员会名称"), self.committee_name),
            (self.tr("文号前缀"), self.file_prefix),
            (self.tr("地址"), self.committee_address),
            (self.tr("电话"), self.committee_phone),
        ):
            box.setReadOnly(not manage)
            form.addRow(caption, box)
        column.addLayout(form)
        flow = _buttons(column)
        for text, slot in (
            (self.tr("保存调解委员会"), self.save_committee),
            (self.tr("新增调解员"), self.add_mediator),
            (self.tr("调解员离任"), self.end_mediator),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setVisible(manage)
            flow.addWidget(button)
        self.mediators = QTableView()
        self.mediator_model = MediatorModel(self.actor.can(Permission.PERSON_VIEW_ID))
        self.mediators.setModel(self.mediator_model)
        setup_read_only_table(self.mediators, wrap=False)
        column.addWidget(self.mediators, 1)
        self.reload_mediators()
        return page

    def reload_mediators(self) -> None:
        self.mediator_model.set_rows(mediation.list_mediators(self.db, self.actor))

    def save_committee(self) -> None:
        if self._run(
            lambda: mediation.update_committee(
                self.db,
                self.actor,
                self.committee_name.text(),
                self.file_prefix.text(),
                self.committee_address.text(),
                self.committee_phone.text(),
            )
        ):
            QMessageBox.information(self, self.tr("已保存"), self.tr("调解委员会信息已保存。"))

    def add_mediator(self) -> None:
        if MediatorDialog(self.db, self.actor, self).exec():
            self.reload_mediators()

    def end_mediator(self) -> None:
        index = self.mediators.currentIndex()
        row = self.mediator_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        dialog = EndDialog(
            self.tr("调解员离任"),
            f"{row.name}（{label(row.title)}）",
            lambda day: mediation.end_mediator(self.db, self.actor, row.id, day),
            self,
        )
        if dialog.exec():
            self.reload_mediators()
