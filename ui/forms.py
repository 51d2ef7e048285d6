"""Showing validation errors at the field they belong to, keeping what the user typed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

ERROR_STYLE = "border: 1px solid #c62828; background: #fff3f3;"


class FieldErrors:
    """Red frame on each bad field and the reason in a line under it; ``""`` is a form-wide error."""

    def __init__(self, form: QFormLayout, fields: dict[str, QWidget]) -> None:
        self.form = form
        self.fields = fields
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
            row, _role = form.getWidgetPosition(widget)
            if row >= 0:
                form.insertRow(row + 1, "", label)
            self.labels[key] = label

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
