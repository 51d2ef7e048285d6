"""The registry list as a lazily loaded table model: rows are read a page at a time on demand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.complaints import labels, registry
from app.contacts import display_contact

PAGE = 200
Index = QModelIndex | QPersistentModelIndex

# (key, header source text); the key is also the sort key of registry.fetch
COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", QT_TRANSLATE_NOOP("ComplaintTableModel", "No.")),
    ("month", QT_TRANSLATE_NOOP("ComplaintTableModel", "Month")),
    ("received_at", QT_TRANSLATE_NOOP("ComplaintTableModel", "Received")),
    ("complainant", QT_TRANSLATE_NOOP("ComplaintTableModel", "Complainant")),
    ("contact", QT_TRANSLATE_NOOP("ComplaintTableModel", "Contact")),
    ("channel", QT_TRANSLATE_NOOP("ComplaintTableModel", "Channel")),
    ("category", QT_TRANSLATE_NOOP("ComplaintTableModel", "Category")),
    ("severity", QT_TRANSLATE_NOOP("ComplaintTableModel", "Severity")),
    ("status", QT_TRANSLATE_NOOP("ComplaintTableModel", "Status")),
    ("handler", QT_TRANSLATE_NOOP("ComplaintTableModel", "Handler")),
    ("promised_at", QT_TRANSLATE_NOOP("ComplaintTableModel", "Promised by")),
    ("satisfaction", QT_TRANSLATE_NOOP("ComplaintTableModel", "Satisfaction")),
    ("content", QT_TRANSLATE_NOOP("ComplaintTableModel", "Content")),
)
UNSORTABLE = {"content"}
OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_TEXT = QColor("#b71c1c")
VOID_TEXT = QColor("#9e9e9e")


class ComplaintTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.filters = registry.Filters()
        self.order = "number"
        self.descending = True
        self.rows: list[dict[str, Any]] = []
        self.total = 0
        self._headers = [
            QCoreApplication.translate("ComplaintTableModel", text) for _key, text in COLUMNS
        ]

    # --- loading ---------------------------------------------------------------------------

    def reload(self, keep_loaded: bool = False) -> None:
        """Read the first page again (or as many rows as were loaded, to keep the user's place)."""
        limit = max(PAGE, len(self.rows)) if keep_loaded else PAGE
        self.beginResetModel()
        self.total = registry.count(self.filters)
        self.rows = registry.fetch(
            self.filters, order=self.order, descending=self.descending, offset=0, limit=limit
        )
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        more = registry.fetch(
            self.filters,
            order=self.order,
            descending=self.descending,
            offset=len(self.rows),
            limit=PAGE,
        )
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        if key in UNSORTABLE:
            return
        self.order = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- reading ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def column_of(self, key: str) -> int:
        return next(i for i, (k, _text) in enumerate(COLUMNS) if k == key)

    def complaint_id(self, row: int) -> int | None:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def row_of(self, complaint_id: int) -> int:
        for index, row in enumerate(self.rows):
            if row["id"] == complaint_id:
                return index
        return -1

    def text(self, row: dict[str, Any], key: str) -> str:
        value = row.get(key)
        if key in ("received_at", "promised_at"):
            return value.strftime("%Y-%m-%d %H:%M") if value else ""
        if key == "month":
            return str(value) if value is not None else ""
        if key == "contact":
            return display_contact(value or "")
        if key == "channel":
            return labels.channel_label(value)
        if key == "category":
            return labels.category_label(value)
        if key == "severity":
            return labels.severity_label(value)
        if key == "status":
            text = labels.status_label(value)
            if row["voided"]:
                return self.tr("{status} (void)").format(status=text)
            if row["overdue"]:
                return self.tr("{status} · overdue").format(status=text)
            return text
        if key == "handler":
            return row.get("handler_name") or ""
        if key == "satisfaction":
            return labels.satisfaction_label(value)
        if key == "content":
            return " ".join((row.get("preview") or "").split())
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "content":
            return row.get("preview")
        if role == Qt.ItemDataRole.ToolTipRole and key in ("number", "month"):
            return self.tr("On the sheet of {month}").format(month=row["month"])
        if role == Qt.ItemDataRole.BackgroundRole and row["overdue"]:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row["voided"]:
                return QBrush(VOID_TEXT)
            if row["overdue"] and key in ("status", "promised_at"):
                return QBrush(OVERDUE_TEXT)
            if key == "severity" and row["reported"]:
                return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.FontRole and (
            (row["overdue"] and key == "status") or (row["reported"] and key == "severity")
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def rows_as_text(self, rows: list[int]) -> str:
        """Selected rows as tab-separated text with a header line (for the clipboard)."""
        lines = ["\t".join(self._headers)]
        for r in sorted(rows):
            values = [self.text(self.rows[r], key) for key, _ in COLUMNS]
            lines.append("\t".join(v.replace("\t", " ").replace("\n", " ") for v in values))
        return "\n".join(lines)
