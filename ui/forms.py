"""Showing validation errors at the field they belong to, keeping what the user typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.errors import KefuError, ValidationError
from ui import operations

ERROR_STYLE = "border: 1px solid #c62828; background: #fff3f3;"


class FieldErrors:
    """Red frame on each bad field and the reason in a line under it; ``""`` is a form-wide error.

    A reason goes away as soon as its field is right again: ``check(key)`` gives the field's
    reason for what it holds now (``""`` when it is fine); without ``check`` a reason goes as soon
    as the field is changed."""

    def __init__(
        self,
        form: QFormLayout,
        fields: dict[str, QWidget],
        check: Callable[[str], str] | None = None,
    ) -> None:
        self.form = form
        self.fields = fields
        self.check = check
        self.labels: dict[str, QLabel] = {}
        self.general = QLabel()
        self.general.setStyleSheet("color: #c62828")
        self.general.setWordWrap(True)
        self.general.hide()
        form.addRow(self.general)
        for key, widget in fields.items():
            label = QLabel()
            label.setObjectName(f"error_{key}")
            label.setStyleSheet("color: #c62828")
            label.setWordWrap(True)
            label.hide()
            row = self._row_of(widget)
            if row >= 0:
                form.insertRow(row + 1, "", label)
            else:  # the field lives outside this form: its reason goes at the form's end
                form.addRow("", label)
            self.labels[key] = label
            self._watch(key, widget)

    def _watch(self, key: str, widget: QWidget) -> None:
        """Look at the field again whenever the user changes it."""

        def changed(*_args: object) -> None:
            self.recheck(key)

        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(changed)
            widget.editTextChanged.connect(changed)
        elif isinstance(widget, QAbstractSpinBox):
            widget.editingFinished.connect(changed)
            signal = getattr(widget, "dateTimeChanged", None) or getattr(
                widget, "valueChanged", None
            )
            if signal is not None:
                signal.connect(changed)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(changed)

    def recheck(self, key: str) -> None:
        """The field changed: drop its reason if it is fine now, or show the current one."""
        label = self.labels.get(key)
        if label is None or label.isHidden():
            return
        reason = self.check(key) if self.check is not None else ""
        if reason:
            label.setText(reason)
            return
        self.fields[key].setStyleSheet("")
        label.hide()

    def _row_of(self, widget: QWidget) -> int:
        """The form row holding ``widget``, also when it sits inside a row's layout or box.

        Found with ``getWidgetPosition``/``getLayoutPosition`` and ``QLayout.indexOf`` only: a
        Python wrapper of a layout item (``QLayout.itemAt``) outlives the item it wraps once the
        layout deletes it, and the binding then hands that stale wrapper out for the next object
        made at the same address (wrong type, or a crash)."""
        nested = self.form.findChildren(QLayout)  # the rows' own layouts, at any depth
        holder: QWidget | None = widget
        while holder is not None:
            row, _role = self.form.getWidgetPosition(holder)
            if row >= 0:
                return row
            for layout in nested:
                if layout.indexOf(holder) < 0:
                    continue
                inner: QObject | None = layout
                while isinstance(inner, QLayout):
                    row, _role = self.form.getLayoutPosition(inner)
                    if row >= 0:
                        return row
                    inner = inner.parent()
            holder = holder.parentWidget()
        return -1

    def clear(self) -> None:
        for key, widget in self.fields.items():
            widget.setStyleSheet("")
            self.labels[key].hide()
        self.general.hide()

    def show(self, errors: dict[str, str]) -> None:
        self.clear()
        unplaced = []
        first: QWidget | None = None
        for key, message in errors.items():
            if key in self.fields:
                self.fields[key].setStyleSheet(ERROR_STYLE)
                self.labels[key].setText(message)
                self.labels[key].show()
                first = first or self.fields[key]
            else:
                unplaced.append(message)
        if unplaced:
            self.general.setText("\n".join(unplaced))
            self.general.show()
        if first is not None:
            first.setFocus()

    def message_for(self, key: str) -> str:
        label = self.labels.get(key)
        return label.text() if label is not None and not label.isHidden() else ""


def show_refusal(owner: QWidget, errors: FieldErrors, exc: Exception) -> None:
    """A save the use case refused: a rule's reasons at their fields, anything else said as the
    runner says it (the database not answering as such, a fault with its details folded away),
    never the driver's own words alone."""
    if isinstance(exc, ValidationError):
        errors.show(exc.fields)
    elif isinstance(exc, KefuError):
        errors.show({"": str(exc)})
    else:
        errors.clear()
        operations.show_error(owner, exc)
