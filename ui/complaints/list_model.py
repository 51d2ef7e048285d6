"""The registry list as a lazily loaded table model: rows are read a page at a time on demand."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from app import clock
from app.complaints import labels, registry
from app.contacts import display_contact
from ui import operations

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
    # more rows were read (or none were left, which makes the total exact)
    read_more = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.filters = registry.Filters()
        self.order = "number"
        self.descending = True
        self.rows: list[dict[str, Any]] = []
        self.total = 0
        self.total_exact = True  # False: a search matching more than ``total`` complaints
        self.owner: QWidget | None = None  # shows that the list is being read
        self._fetching = False
        self._after_reading: list[Callable[[], None]] = []  # run once the read in flight is shown
        self._generation = 0
        self._started = False  # no rows are read before the page gives its filters
        self.this_year = clock.today().year  # whose times the list shows without the year
        self._headers = [
            QCoreApplication.translate("ComplaintTableModel", text) for _key, text in COLUMNS
        ]

    # --- loading ---------------------------------------------------------------------------

    def reload(
        self,
        keep_loaded: bool = False,
        *,
        also: Callable[[], Any] | None = None,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Read the first page again (or as many rows as were loaded, to keep the user's place)
        off the GUI thread; ``also`` is read with it and handed to ``then`` once shown."""
        self._started = True
        limit = max(PAGE, len(self.rows)) if keep_loaded else PAGE
        filters, order, descending = self.filters, self.order, self.descending

        def read() -> tuple[tuple[int, bool], list[dict[str, Any]], Any]:
            page = registry.first_page(filters, order=order, descending=descending, limit=limit)
            return (page.total, page.exact), page.rows, also() if also is not None else None

        generation = self._generation + 1

        def show(result: tuple[tuple[int, bool], list[dict[str, Any]], Any]) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self.this_year = clock.today().year
            (self.total, self.total_exact), self.rows, extra = result
            self.endResetModel()
            self._fetching = False
            if then is not None:
                then(extra)
            self._read_shown()

        self._generation += 1  # rows being read for the old list are not appended to the new one
        self._fetching = True
        operations.query(
            self.owner, read, done=show, failed=self._read_failed, slot="complaint_list"
        )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return (
            not parent.isValid()
            and not self._fetching
            and (len(self.rows) < self.total or not self.total_exact)
        )

    def fetchMore(  # noqa: N802
        self,
        parent: Index = QModelIndex(),  # noqa: B008
        until: int | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Read the next page off the GUI thread; ``until``: keep reading until that complaint
        is among the rows (or there are no more)."""
        if parent.isValid() or self._fetching:
            return
        filters, order, descending = self.filters, self.order, self.descending
        offset, generation = len(self.rows), self._generation

        def read() -> tuple[list[dict[str, Any]], bool]:
            """The rows read, and whether they reach the list's end."""
            found: list[dict[str, Any]] = []
            while True:
                more = registry.fetch(
                    filters,
                    order=order,
                    descending=descending,
                    offset=offset + len(found),
                    limit=PAGE,
                )
                found += more
                if len(more) < PAGE:
                    return found, True
                if until is None or any(r["id"] == until for r in more):
                    return found, False

        def show(result: tuple[list[dict[str, Any]], bool]) -> None:
            if generation != self._generation:
                return
            more, ended = result
            self._fetching = False
            if more:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
                self.rows.extend(more)
                self.endInsertRows()
            if ended:  # every row of the view is here: the total is known exactly
                self.total, self.total_exact = len(self.rows), True
            self.read_more.emit()
            if then is not None:
                then()
            self._read_shown()

        self._fetching = True
        operations.query(
            self.owner, read, done=show, failed=self._read_failed, slot="complaint_more"
        )

    def reading(self) -> bool:
        """Whether rows are being read (the first page or more of them)."""
        return self._fetching

    def after_reading(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the rows being read are shown (at once when none are)."""
        if self._fetching:
            self._after_reading.append(callback)
        else:
            callback()

    def _read_failed(self, exc: Exception) -> None:
        """A reading the database refused (a lock held too long, the server gone): said as any
        failure is, and the list can be read again (scrolling, the next change or filter)."""
        self._fetching = False
        self._after_reading.clear()  # what waited for these rows: they are not coming
        operations.show_error(self.owner, exc, "".join(traceback.format_exception(exc)))

    def _read_shown(self) -> None:
        waiting, self._after_reading = self._after_reading, []
        for callback in waiting:
            callback()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        if key in UNSORTABLE:
            return
        self.order = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self._started:  # the view sorting as it is set up only notes the order
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

    def text(self, row: dict[str, Any], key: str, *, whole: bool = True) -> str:
        """A cell's text; ``whole=False`` as the list shows it, a time of this year without its
        year (``12-01 17:52``; the number and the month column say the year)."""
        value = row.get(key)
        if key in ("received_at", "promised_at"):
            if not value:
                return ""
            if not whole and value.year == self.this_year:
                return value.strftime("%m-%d %H:%M")
            return value.strftime("%Y-%m-%d %H:%M")
        if key == "month":
            return str(value) if value is not None else ""
        if key == "contact":
            return display_contact(value or "")
        if key in ("channel", "category"):  # the list's shorter label, the whole in a tooltip
            return labels.label(key, value) if whole else labels.short_label(key, value)
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

    @staticmethod
    def bold(row: dict[str, Any], key: str) -> bool:
        """Whether the cell is shown in bold (an overdue status, a reported severity)."""
        return bool((row["overdue"] and key == "status") or (row["reported"] and key == "severity"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key, whole=False)
        if role == Qt.ItemDataRole.ToolTipRole and key == "content":
            return row.get("preview")
        if role == Qt.ItemDataRole.ToolTipRole and key in ("channel", "category"):
            whole = self.text(row, key)
            return whole if whole != self.text(row, key, whole=False) else None
        if role == Qt.ItemDataRole.ToolTipRole and key in ("received_at", "promised_at"):
            return self.text(row, key) or None
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
        if role == Qt.ItemDataRole.FontRole and self.bold(row, key):
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
