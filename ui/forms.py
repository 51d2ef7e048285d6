"""Showing validation errors at the field they belong to, keeping what the user typed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget

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
            row = self._row_of(widget)
            if row >= 0:
                form.insertRow(row + 1, "", label)
            else:  # the field lives outside this form: its reason goes at the form's end
                form.addRow("", label)
            self.labels[key] = label

    def _row_of(self, widget: QWidget) -> int:
        """The form row holding ``widget``, also when it sits inside a row's layout or box."""
        row, _role = self.form.getWidgetPosition(widget)
        if row >= 0:
            return row
        for index in range(self.form.rowCount()):
            item = self.form.itemAt(index, QFormLayout.ItemRole.FieldRole)
            if item is None:
                continue
            if item.widget() is not None and item.widget().isAncestorOf(widget):
                return index
            if item.layout() is not None and _layout_holds(item.layout(), widget):
                return index
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


def _layout_holds(layout: QLayout, widget: QWidget) -> bool:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        inner = item.widget()
        if inner is not None and (inner is widget or inner.isAncestorOf(widget)):
            return True
        if item.layout() is not None and _layout_holds(item.layout(), widget):
            return True
    return False
