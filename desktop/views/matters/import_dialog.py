"""Shows what an imported list would change, before anything is written; and the rows a bad file broke."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.matters.exchange import ItemChange, ListDiff
from desktop.services.matters.listfile import RowError
from desktop.views.screen_fit import fit_window
from desktop.views.tables import setup_read_only_table


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    setup_read_only_table(table, multi=True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class DiffDialog(QDialog):
    """Added / changed / retired items and department changes; 导入 applies them all at once."""

    def __init__(
        self,
        diff: ListDiff,
        parent: QWidget | None = None,
        *,
        title: str = "",
        apply_text: str = "",
        cancel_text: str = "",
    ) -> None:
        """`title` and the buttons' texts default to the file import's; 数据同步 → 县级发布 says 应用."""
        super().__init__(parent)
        self.diff = diff
        self.setWindowTitle(
            title or self.tr("导入前核对：事项清单 {version}").format(version=diff.version.version)
        )
        fit_window(self, 980, 640)
        layout = QVBoxLayout(self)
        current = diff.current_version or self.tr("（无）")
        self.summary = QLabel(
            self.tr("当前版本 {current} → 新版本 {new}（{date} {publisher}）。{summary}。").format(
                current=current, new=diff.version.version, date=diff.version.published_on.isoformat(),
                publisher=diff.version.publisher, summary=diff.summary(),
            )
        )  # fmt: skip
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tab_rows: list[int] = []  # rows on each tab, in tab order
        self._add_added_tab()
        self._add_change_tabs()
        self._add_department_tab()
        # Open on the first tab with something in it, not on an empty 新增.
        self.tabs.setCurrentIndex(next((i for i, n in enumerate(self.tab_rows) if n), 0))
        layout.addWidget(self.tabs)
        note = QLabel(
            self.tr("点击“{apply}”后以上变化一次性生效；停用的事项不会删除，已有事件的分类保持不变。").format(
                apply=apply_text or self.tr("导入")
            )
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(
            apply_text or self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(cancel_text or self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.setEnabled(not diff.is_empty)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_tab(self, headers: list[str], rows: list[list[str]], title: str) -> None:
        """A table, or 「无」 in its place when there are no rows (an empty grid looks like a failed load)."""
        self.tab_rows.append(len(rows))
        if rows:
            self.tabs.addTab(_table(headers, rows), title)
            return
        nothing = QLabel(self.tr("无"))
        nothing.setObjectName("formHint")
        nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs.addTab(nothing, title)

    def _add_added_tab(self) -> None:
        added = [
            [
                r.code,
                r.name,
                f"{r.domain_name} / {r.category_name}",
                r.level,
                str(r.time_limit_days),
                r.source,
            ]
            for r in self.diff.added
        ]
        self._add_tab(
            [
                self.tr("编码"),
                self.tr("名称"),
                self.tr("类别"),
                self.tr("层级"),
                self.tr("时限"),
                self.tr("来源"),
            ],
            added,
            self.tr("新增 {n}").format(n=len(self.diff.added)),
        )

    def _add_change_tabs(self) -> None:
        empty = self.tr("（空）")

        def change_rows(changes: list[ItemChange]) -> list[list[str]]:
            return [
                [
                    c.code,
                    c.name,
                    "\n".join(f"{f.label}：{f.before or empty} → {f.after or empty}" for f in c.changes),
                ]
                for c in changes
            ]

        headers = [self.tr("编码"), self.tr("名称"), self.tr("变化")]
        self._add_tab(
            headers,
            change_rows(self.diff.changed),
            self.tr("变更 {n}").format(n=len(self.diff.changed)),
        )
        self._add_tab(
            headers,
            change_rows(self.diff.retired),
            self.tr("停用 {n}").format(n=len(self.diff.retired)),
        )

    def _add_department_tab(self) -> None:
        departments = [[d.code, d.name, d.kind, self.tr("新增")] for d in self.diff.departments_added] + [
            [d.code, d.name, d.kind, self.tr("变更")] for d in self.diff.departments_changed
        ]
        n = len(departments)
        self._add_tab(
            [self.tr("编码"), self.tr("名称"), self.tr("类型"), self.tr("变化")],
            departments,
            self.tr("部门 {n}").format(n=n),
        )


class FileErrorsDialog(QDialog):
    """Every bad row with its reason; the file was not imported."""

    def __init__(self, file_name: str, errors: list[RowError], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("文件有错误，未导入"))
        fit_window(self, 760, 480)
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr("“{file}”中有 {n} 处错误，没有导入任何内容。请改正后重新导入：").format(
                file=file_name, n=len(errors)
            )
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        self.text = QPlainTextEdit("\n".join(e.text() for e in errors))
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
