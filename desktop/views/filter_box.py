"""A filter's drop-down above a list: a steady width, the chosen entry shortened with 「…」 where it is
longer, and whole in the tooltip (or the entry's own explanation, where it has one).

QComboBox cut a long entry at the box's edge with no sign (「固体废物和」 for 固体废物和突发环境事件), and a
box grown to fit the entry chosen moved the whole row of filters (cold test 26). Entries indented with
full-width spaces (a category under its domain) show the indent in the list only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

INDENT = "\u3000"  # a full-width space: how a sub-entry is indented in the list
ARROW_ROOM = 48  # the drop-down arrow, the frame and style.qss's padding


class FilterBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(1)

    def fit(self, most_chars: int) -> None:
        """As wide as the longest entry, but no wider than `most_chars` Chinese characters (nor narrower
        than its first, 全部… entry); called once its entries are in."""
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(self._shown(i)) for i in range(self.count())), default=0)
        cap = max(metrics.horizontalAdvance("中" * most_chars), metrics.horizontalAdvance(self.itemText(0)))
        # Never narrower than before: refilled (网格 after choosing a 村) it shrank, and the boxes
        # after it slid under the mouse (cold test 26b).
        self.setMinimumWidth(max(min(longest, cap) + ARROW_ROOM, self.minimumWidth()))

    def _shown(self, index: int) -> str:
        return self.itemText(index).lstrip(INDENT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        whole = self._shown(self.currentIndex()) if self.currentIndex() >= 0 else ""
        option.currentText = self.fontMetrics().elidedText(whole, Qt.TextElideMode.ElideRight, field.width())
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        explained = self.itemData(self.currentIndex(), Qt.ItemDataRole.ToolTipRole)
        tip = str(explained) if explained else whole if option.currentText != whole else ""
        if self.toolTip() != tip:  # set here: a filter cleared with its signals blocked changes no tip
            self.setToolTip(tip)
