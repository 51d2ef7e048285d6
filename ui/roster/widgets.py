"""Small widgets shared by the roster screens: rule results, people and shift pickers."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

from app.auth import User
from app.roster import rules

RESULT_COLOURS = {rules.PASS: "#1b5e20", rules.FAIL: "#b71c1c", rules.WAITING: "#5d4037"}
RESULT_MARKS = {rules.PASS: "✔", rules.FAIL: "✘", rules.WAITING: "…"}


class RuleResultsList(QListWidget):
    """The rule results in plain words: met in green, not met in red, waiting in brown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rule_results")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.results: list[rules.RuleResult] = []

    def show_results(self, results: list[rules.RuleResult]) -> None:
        self.clear()
        self.results = list(results)
        for r in results:
            number = f"{r.rule}. " if r.rule else ""
            item = QListWidgetItem(
                f"{RESULT_MARKS.get(r.status, '')} {number}{r.title} — "
                f"{rules.status_label(r.status)}\n    {r.explanation}"
            )
            item.setForeground(QBrush(QColor(RESULT_COLOURS.get(r.status, "#000000"))))
            item.setData(Qt.ItemDataRole.UserRole, r.status)
            self.addItem(item)

    def failed_count(self) -> int:
        return sum(1 for r in self.results if r.failed)


def fill_people(combo: QComboBox, people: list[User], empty: str | None = None) -> None:
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    for person in people:
        combo.addItem(f"{person.name}（{person.employee_no}）", person.id)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)
