"""The 事项 picker of the intake form: type a name, a code, pinyin initials or an everyday word; the
operator's usual items come first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.db import Database
from desktop.services import matters
from desktop.services.accounts.permissions import Actor
from desktop.services.common import text as limits
from desktop.services.matters import ItemRow
from desktop.views.forms import limited

_Index = QModelIndex | QPersistentModelIndex


class MatterPicker(QWidget):
    """Type a name, a code, pinyin initials (lljf = 邻里纠纷) or an everyday word (噪音); pick from the
    list that drops down. With the box empty, focus or Down offers the operator's usual items."""

    chosen = Signal(object)  # ItemRow | None

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.item: ItemRow | None = None
        self.rows: list[ItemRow] = []
        self.ranking: list[str] | None = None  # the operator's usual items, read once per form
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.edit = limited(QLineEdit(), limits.SEARCH)
        self.edit.setPlaceholderText(self.tr("输入事项名称、编码、拼音首字母或常用说法（如 lljf、噪音）"))
        self.edit.setClearButtonEnabled(True)
        column.addWidget(self.edit)
        self.info = QLabel()
        self.info.setObjectName("formHint")
        self.info.setWordWrap(True)
        column.addWidget(self.info)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.edit)
        # The stubs do not know that an overloaded signal is chosen by indexing it with a type.
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(200)
        self.debounce.timeout.connect(self._search_typed)
        self.edit.textEdited.connect(self._edited)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)
        self._show_info()

    def _edited(self, _text: str) -> None:
        if self.item is not None:
            self.item = None
            self._show_info()
            self.chosen.emit(None)
        self.debounce.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """An empty box offers the usual items when it gets focus (not when a popup or another window
        gives it back) and on Down."""
        if watched is self.edit and not self.edit.text().strip():
            if event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent):
                if event.reason() not in (
                    Qt.FocusReason.PopupFocusReason,
                    Qt.FocusReason.ActiveWindowFocusReason,
                ):
                    QTimer.singleShot(0, self, lambda: self.offer_usual(select_first=False))
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Down
            ):
                self.offer_usual(select_first=True)
                return True
        return super().eventFilter(watched, event)

    def _search_typed(self) -> None:
        # A box emptied by hand lists the usual items, none preselected (as on focus).
        self.search_now(select_first=bool(self.edit.text().strip()))

    def offer_usual(self, select_first: bool = True) -> None:
        """The operator's usual items, while nothing is typed or chosen."""
        if not self.edit.text().strip() and self.item is None:
            self.search_now(select_first)

    def search_now(self, select_first: bool = True) -> None:
        self.debounce.stop()
        text = self.edit.text().strip()
        if self.ranking is None:
            self.ranking = matters.usual_ranking(self.db, self.actor)
        self.rows = matters.picker_items(self.db, self.actor, text, limit=50, ranking=self.ranking)
        self.model.clear()
        mark = self.tr("常用")
        for row in self.rows:
            label = self.tr("{name}　{code}　（{category}，{days} 个工作日）").format(
                name=row.name, code=row.code, category=row.category, days=row.time_limit_days
            )
            entry = QStandardItem(f"{label}　{mark}" if row.frequent else label)
            entry.setData(row.id, Qt.ItemDataRole.UserRole)
            self.model.appendRow(entry)
        if self.rows and self.edit.hasFocus():
            self.completer.complete()
            popup = self.completer.popup()
            assert popup is not None
            # Offered unasked (on focus), nothing is preselected: Enter alone must not pick an item.
            popup.setCurrentIndex(
                self.completer.completionModel().index(0, 0) if select_first else QModelIndex()
            )
        elif not self.rows and (popup := self.completer.popup()) is not None:
            popup.hide()
        if not self.rows and text:
            self.info.setText(self.tr("没有找到匹配的事项，请换个说法或用拼音首字母。"))

    def _activated(self, index: _Index) -> None:
        item_id = index.data(Qt.ItemDataRole.UserRole)
        row = next((r for r in self.rows if r.id == item_id), None)
        if row is not None:
            self.choose(row)

    def choose(self, row: ItemRow) -> None:
        self.item = row
        self.edit.setText(f"{row.name}（{row.code}）")
        self._show_info()
        self.chosen.emit(row)

    def choose_row(self, number: int) -> None:
        self.choose(self.rows[number])

    def _show_info(self) -> None:
        row = self.item
        if row is None:
            self.info.setText(self.tr("按名称、编码、拼音首字母或常用说法查找，用方向键选择、回车确定。"))
            return
        self.info.setText(
            self.tr("类别：{category}　办理时限：{days} 个工作日　牵头部门：{lead}").format(
                category=row.category, days=row.time_limit_days, lead=row.lead_department or self.tr("未指定")
            )
        )

    def item_id(self) -> str:
        return self.item.id if self.item is not None else ""
