"""The customer list as a lazy table model: rows are fetched page by page as the view scrolls,
so 200,000 customers open at once. Each page is read off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.contacts import contacts_text
from app.customers.codes import kind_label
from app.customers.customers import Customer
from app.customers.views import ListRow, list_rows
from ui import operations

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class CustomerTableModel(QAbstractTableModel):
    loaded = Signal()  # a page of rows came in (or the last read found no more)

    COLUMNS = ("name", "kind", "contact_person", "phones", "tags", "address", "id")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Customer, list[str], list[str]]] = []
        self.text = ""
        self.tag = ""
        self.kind = ""
        self._more = True
        self._loading = False
        self._generation = 0  # a reload makes the reads still running stale
        self.owner: Any = None  # the widget that shows the list is being read

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Type"),
            self.tr("Contact person"),
            self.tr("Phones"),
            self.tr("Tags"),
            self.tr("Address"),
            self.tr("No."),
        ]

    def set_filter(self, text: str = "", tag: str = "", kind: str = "") -> None:
        self.text, self.tag, self.kind = text, tag, kind
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = []
        self._more = True
        self._loading = False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def loading(self) -> bool:
        return self._loading

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        """Read the next page off the GUI thread; the rows come in when it is read (a newer
        filter's read replaces one still running)."""
        if parent.isValid() or not self._more or self._loading:
            return
        self._loading = True
        before = self.rows[-1][0].id if self.rows else None
        text, tag, kind, generation = self.text, self.tag, self.kind, self._generation
        operations.query(
            self.owner,
            lambda: list_rows(text, tag, kind, before_id=before, limit=PAGE),
            done=lambda batch: self._add(batch, generation),
            failed=self._failed,
            slot="customer_rows",
        )

    def _add(self, batch: list[ListRow], generation: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._more = len(batch) == PAGE
        if batch:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
            self.rows += batch
            self.endInsertRows()
        self.loaded.emit()

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        operations.show_error(self.owner, exc)

    def customer_id(self, row: int) -> int | None:
        return self.rows[row][0].id if 0 <= row < len(self.rows) else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        customer, phones, tags = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                if customer.kind == "organisation" or not customer.organisation:
                    return customer.name
                return f"{customer.name}（{customer.organisation}）"
            if column == "kind":
                return kind_label(customer.kind)
            if column == "phones":
                return contacts_text(phones)
            if column == "tags":
                return "、".join(tags)
            if column == "id":
                return customer.id
            return getattr(customer, column)
        if role == Qt.ItemDataRole.UserRole:
            return customer.id
        if role == Qt.ItemDataRole.ForegroundRole and column == "tags" and tags:
            from PySide6.QtGui import QColor

            return QColor("#b26a00") if "VIP" in tags else None
        return None
