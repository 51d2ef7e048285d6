"""The customer list as a lazy table model: rows are fetched page by page as the view scrolls,
so 200,000 customers open at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.contacts import display_contact
from app.customers.codes import kind_label
from app.customers.customers import Customer, list_page, phones_and_tags

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class CustomerTableModel(QAbstractTableModel):
    COLUMNS = ("name", "kind", "contact_person", "phones", "tags", "address", "id")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Customer, list[str], list[str]]] = []
        self.text = ""
        self.tag = ""
        self.kind = ""
        self._more = True

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
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more:
            return
        before = self.rows[-1][0].id if self.rows else None
        batch = list_page(self.text, self.tag, self.kind, before_id=before, limit=PAGE)
        self._more = len(batch) == PAGE
        if not batch:
            return
        phones, tags = phones_and_tags([c.id for c in batch])
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self.rows += [(c, phones[c.id], tags[c.id]) for c in batch]
        self.endInsertRows()

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
                return "；".join(display_contact(p) for p in phones)
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
