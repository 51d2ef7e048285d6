"""The table of callback tasks: rows fetched page by page as the view scrolls, each page read off
the GUI thread."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from app.callbacks import service
from app.callbacks.screen import TaskList, more_tasks
from app.callbacks.service import TaskFilter, TaskRow
from app.clock import now
from app.contacts import display_contact
from ui import operations

OVERDUE = QColor("#fde2e1")
DUE = QColor("#fff4cc")

Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("CallbackTable", text)


COLUMNS: tuple[tuple[str, str], ...] = (
    ("due", QT_TRANSLATE_NOOP("CallbackTable", "Due")),
    ("when", QT_TRANSLATE_NOOP("CallbackTable", "When")),
    ("customer", QT_TRANSLATE_NOOP("CallbackTable", "Customer")),
    ("phone", QT_TRANSLATE_NOOP("CallbackTable", "Phone")),
    ("kind", QT_TRANSLATE_NOOP("CallbackTable", "Kind")),
    ("reason", QT_TRANSLATE_NOOP("CallbackTable", "Reason")),
    ("related", QT_TRANSLATE_NOOP("CallbackTable", "Related record")),
    ("attempts", QT_TRANSLATE_NOOP("CallbackTable", "Attempts")),
    ("assignee", QT_TRANSLATE_NOOP("CallbackTable", "Agent")),
    ("status", QT_TRANSLATE_NOOP("CallbackTable", "Status")),
    ("satisfaction", QT_TRANSLATE_NOOP("CallbackTable", "Satisfaction")),
    ("onsite", QT_TRANSLATE_NOOP("CallbackTable", "On-site visit")),
)


def timing_text(row: TaskRow, today: dt.date) -> str:
    if row.status not in service.OPEN_STATUSES:
        return service.status_label(row.status)
    return {
        "overdue": QCoreApplication.translate("CallbackTable", "Overdue"),
        "due": QCoreApplication.translate("CallbackTable", "Due today"),
        "upcoming": QCoreApplication.translate("CallbackTable", "Upcoming"),
    }[row.timing(today)]


class TaskTableModel(QAbstractTableModel):
    def __init__(self, columns: tuple[str, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = [c for c in COLUMNS if c[0] in columns]
        self.rows: list[TaskRow] = []
        self.total = 0
        self.filter = TaskFilter()
        self.today = now().date()
        self.owner: Any = None  # the widget that shows a page is being read
        self._fetching = False
        self._generation = 0

    def show(self, tasks: TaskList) -> None:
        """Show a list read off the GUI thread (:func:`app.callbacks.screen.task_list`)."""
        self.beginResetModel()
        self.filter = tasks.filter
        self.today = tasks.today
        self.total = tasks.total
        self.rows = list(tasks.rows)
        self._fetching = False
        self._generation += 1
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self.rows) < self.total and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        """Read the next page off the GUI thread; its rows come in when read."""
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        flt, offset, generation = self.filter, len(self.rows), self._generation
        operations.query(
            self.owner,
            lambda: more_tasks(flt, offset),
            done=lambda more: self._add(more, generation),
            slot="more_tasks",
        )

    def _add(self, more: list[TaskRow], generation: int) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows += more
        self.endInsertRows()

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(self.columns[section][1])
        return None

    def task_id(self, row: int) -> int:
        return self.rows[row].id

    def row_of(self, task_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == task_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole and row.status in service.OPEN_STATUSES:
            timing = row.timing(self.today)
            if timing == "overdue":
                return QBrush(OVERDUE)
            if timing == "due":
                return QBrush(DUE)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("reason", "related", "customer"):
            return self._text(row, key)
        return None

    def _text(self, row: TaskRow, key: str) -> str:
        if key == "due":
            return row.due_at.strftime("%Y-%m-%d %H:%M")
        if key == "when":
            return timing_text(row, self.today)
        if key == "customer":
            return row.customer_name
        if key == "phone":
            return display_contact(row.phone) if row.phone else ""
        if key == "kind":
            return service.kind_label(row.kind)
        if key == "reason":
            return row.reason
        if key == "related":
            return row.related
        if key == "attempts":
            return str(row.attempts) if row.attempts else ""
        if key == "assignee":
            return row.assignee_name
        if key == "status":
            return service.status_label(row.status)
        if key == "satisfaction":
            return service.satisfaction_label(row.satisfaction)
        if key == "onsite":
            return (
                QCoreApplication.translate("CallbackTable", "Needed") if row.onsite_needed else ""
            )
        return ""


def load_keeping_selection(view: QTableView, tasks: TaskList) -> bool:
    """Show ``tasks`` in the view's task model; the tasks selected before stay selected and the
    current one stays current, found again by id wherever they moved (a task that left the list
    is simply no longer selected). Returns whether anything was selected before. Read the list
    with at least as many rows as the view had (:func:`rows_shown`), so the chosen ones are in."""
    model = view.model()
    assert isinstance(model, TaskTableModel)
    selection = view.selectionModel()
    chosen = [model.task_id(i.row()) for i in selection.selectedRows()]
    current = selection.currentIndex()
    current_id = model.task_id(current.row()) if current.isValid() else None
    current_column = max(current.column(), 0) if current.isValid() else 0
    scrolled = view.verticalScrollBar().value()
    model.show(tasks)
    last = model.columnCount() - 1
    rows = sorted(row for row in (model.row_of(task_id) for task_id in chosen) if row >= 0)
    restored = QItemSelection()
    for row in rows:
        restored.select(model.index(row, 0), model.index(row, last))
    flags = QItemSelectionModel.SelectionFlag
    if current_id is not None and model.row_of(current_id) >= 0:
        selection.setCurrentIndex(
            model.index(model.row_of(current_id), current_column), flags.NoUpdate
        )
    selection.select(restored, flags.ClearAndSelect)
    view.verticalScrollBar().setValue(scrolled)
    return bool(chosen)


def rows_shown(view: QTableView) -> int:
    """How many rows the view's task model holds now (read at least as many again)."""
    model = view.model()
    assert isinstance(model, TaskTableModel)
    return len(model.rows)
