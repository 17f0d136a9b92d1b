"""Town-wide settings, generated from the declarative schema in desktop.services.system.settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from desktop.db import Database
from desktop.errors import UserError
from desktop.services.accounts.permissions import Actor
from desktop.services.system import settings
from desktop.views.forms import FieldForm
from desktop.views.i18n import LANGUAGES, pick
from desktop.views.icons import icon


class SettingsTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.editors: dict[str, QComboBox | QSpinBox] = {}
        values = settings.get_all(db)
        for key, spec in settings.SCHEMA.items():
            editor: QComboBox | QSpinBox
            if spec.choices:
                combo = QComboBox()
                for choice in spec.choices:
                    combo.addItem(LANGUAGES.get(choice, choice), choice)
                combo.setCurrentIndex(max(0, combo.findData(values[key])))
                editor = combo
            else:
                spin = QSpinBox()
                spin.setRange(spec.minimum or 0, spec.maximum or 10_000)
                spin.setValue(int(values[key]))
                editor = spin
            hint = self.tr("重新启动程序后生效。") if key.startswith("ui.") else ""
            self.form.add_field(key, pick(spec.label_zh, spec.label_en), editor, hint=hint)
            self.editors[key] = editor
        layout.addWidget(self.form)
        self.save_button = QPushButton(icon("fa5s.save"), self.tr("保存设置"))
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.status = QLabel()
        layout.addWidget(self.status)
        layout.addStretch(1)

    def values(self) -> dict[str, object]:
        return {
            key: editor.currentData() if isinstance(editor, QComboBox) else editor.value()
            for key, editor in self.editors.items()
        }

    def save(self) -> None:
        self.status.clear()
        try:
            settings.update(self.db, self.actor, self.values())
        except UserError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self.status.setText(self.tr("设置已保存。"))
