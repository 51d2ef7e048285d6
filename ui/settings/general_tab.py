"""Team-wide settings stored in the database, one editor per setting by its kind."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import auth, settings
from app.complaints import labels
from app.errors import KefuError, ValidationError
from ui import operations
from ui.context import UiContext
from ui.forms import FieldErrors


class HoursEditor(QWidget):
    """One number per key (hours per severity)."""

    def __init__(self, keys: list[str], labels: dict[str, str], editable: bool) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.spins: dict[str, QSpinBox] = {}
        for key in keys:
            spin = QSpinBox()
            spin.setRange(1, 24 * 30)
            spin.setPrefix(f"{labels.get(key, key)} ")
            spin.setEnabled(editable)
            row.addWidget(spin)
            self.spins[key] = spin
        row.addStretch(1)


# list settings whose entries are codes: shown and typed as labels, stored as codes
CODE_LISTS = {"complaint_categories": "category", "complaint_channels": "channel"}


class GeneralTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = auth.can(ctx.user, "settings.edit")
        self.severity_labels = {
            "normal": self.tr("normal"),
            "serious": self.tr("serious"),
            "major": self.tr("major"),
        }
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.form = QFormLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.editors: dict[str, Any] = {}
        for key, default in settings.DEFAULTS.items():
            if key in settings.DATABASE_KEYS:  # on the database tab
                continue
            editor = self._editor_for(default)
            if key in settings.RANGES:
                editor.setRange(*settings.RANGES[key])
            self.editors[key] = editor
            self.form.addRow(settings.label(key), self._row_widget(editor))
        self.errors = FieldErrors(
            self.form, {k: self._row_widget(w) for k, w in self.editors.items()}
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(self.editable)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self.loaded: dict[str, Any] | None = None
        self.load()

    def _editor_for(self, default: Any) -> Any:
        if isinstance(default, dict):
            return HoursEditor(list(default), self.severity_labels, self.editable)
        if isinstance(default, int):
            spin = QSpinBox()
            spin.setRange(0, 1000)
            spin.setEnabled(self.editable)
            return spin
        if isinstance(default, list):
            edit = QPlainTextEdit()
            edit.setFixedHeight(90)
            edit.setReadOnly(not self.editable)
            return edit
        line = QLineEdit()
        line.setReadOnly(not self.editable)
        return line

    def _row_widget(self, editor: Any) -> QWidget:
        return editor

    def has_unsaved_input(self) -> bool:
        return self.loaded is not None and self.values() != self.loaded

    def unsaved_work(self) -> str:
        return self.tr("team settings") if self.editable and self.has_unsaved_input() else ""

    def refresh(self) -> None:
        """Show the stored settings, unless the admin is typing (their save meets the rest)."""
        if getattr(self, "loaded", None) is not None and self.has_unsaved_input():
            return
        self.load()

    def load(self) -> None:
        """Read the stored settings off the GUI thread and show them."""
        operations.query(self, settings.all_settings, done=self._show, slot="settings")

    def _show(self, values: dict[str, Any]) -> None:
        for key, editor in self.editors.items():
            value = values[key]
            if isinstance(editor, HoursEditor):
                for sub, spin in editor.spins.items():
                    spin.setValue(int(value.get(sub, settings.DEFAULTS[key][sub])))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value))
            elif isinstance(editor, QPlainTextEdit):
                if key in CODE_LISTS:
                    value = [labels.label(CODE_LISTS[key], v) for v in value]
                editor.setPlainText("\n".join(str(v) for v in value))
            else:
                editor.setText(str(value))
        self.loaded = self.values()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, HoursEditor):
                out[key] = {sub: spin.value() for sub, spin in editor.spins.items()}
            elif isinstance(editor, QSpinBox):
                out[key] = editor.value()
            elif isinstance(editor, QPlainTextEdit):
                out[key] = [
                    line.strip() for line in editor.toPlainText().splitlines() if line.strip()
                ]
                if key in CODE_LISTS:  # back from the labels shown to the codes stored
                    out[key] = [labels.parse(CODE_LISTS[key], v) or v for v in out[key]]
            else:
                out[key] = editor.text().strip()
        return out

    def save(self) -> None:
        """All or nothing, off the GUI thread: a bad value is shown at its field and nothing is
        stored; what was typed stays."""
        if not self.save_button.isEnabled():  # already saving
            return
        user, values, loaded = self.ctx.user, self.values(), self.loaded
        self.save_button.setEnabled(False)
        operations.perform(
            self,
            lambda: settings.put_many(user, values, loaded=loaded),
            done=self._saved,
            failed=self._refused,
        )

    def _saved(self, _result: object) -> None:
        self.save_button.setEnabled(self.editable)
        self.errors.clear()
        self.loaded = None  # shown again as stored
        self.load()
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Settings saved."), 4000)

    def _refused(self, exc: Exception) -> None:
        self.save_button.setEnabled(self.editable)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.fields)
        elif isinstance(exc, KefuError):
            QMessageBox.warning(self, self.tr("Settings"), str(exc))
        else:
            operations.show_error(self, exc)
