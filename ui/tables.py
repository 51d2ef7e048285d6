"""Tables of records with the record's key on each row's first cell, so a reload can keep the
user's choice on the same record wherever the rows move; an empty list says so in words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem


def keyed_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    return table


def fill_keyed(table: QTableWidget, rows: list[tuple[object, list[str]]]) -> None:
    """Rows of (key, texts); the key is kept on the first cell."""
    table.setRowCount(0)
    for key, texts in rows:
        row = table.rowCount()
        table.insertRow(row)
        for col, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if col == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(row, col, item)
    table.resizeColumnsToContents()


def selected_key(table: QTableWidget) -> object:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def select_key(table: QTableWidget, key: object) -> None:
    """Select the row holding ``key`` (none when it is gone)."""
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
            table.selectRow(row)
            return


class EmptyNote(QLabel):
    """Says so in words ("暂无数据") over a list or table while it has no rows, instead of an
    empty grid."""

    def __init__(self, view: QAbstractItemView, text: str = "") -> None:
        super().__init__(text or QCoreApplication.translate("Tables", "No data"), view.viewport())
        self.setObjectName("empty_note")
        self.view = view
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color: #888; font-size: 15px")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = view.model()
        model.modelReset.connect(self.follow)
        model.rowsInserted.connect(self.follow)
        model.rowsRemoved.connect(self.follow)
        model.layoutChanged.connect(self.follow)
        view.viewport().installEventFilter(self)
        self.resize(view.viewport().size())
        self.follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.resize(self.view.viewport().size())
        return False

    def follow(self, *_args: object) -> None:
        self.setVisible(self.view.model().rowCount() == 0)
