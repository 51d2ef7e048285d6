"""Tables of records with the record's key on each row's first cell, so a reload can keep the
user's choice on the same record wherever the rows move; an empty list says so in words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QWidget,
)


class SortHeader(QHeaderView):
    """A sortable table's header that keeps room for the sort arrow in the sorted column only:
    Qt's own adds an arrow's width (some 25 px) to what every column's title needs, so columns
    sized to their content were that much wider than their title and cells (at 1366 px the
    registry's columns together lost some 250 px to arrows never drawn). A column that becomes
    the sorted one widens by the arrow when it is sized again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:  # noqa: N802, N803 (Qt's)
        size = super().sectionSizeFromContents(logicalIndex)
        if self.isSortIndicatorShown() and logicalIndex != self.sortIndicatorSection():
            option = QStyleOptionHeader()
            self.initStyleOption(option)
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, option, self)
            size.setWidth(max(size.width() - size.height() - margin, self.minimumSectionSize()))
        return size


class ElidedTips(QObject):
    """A cell whose text is cut short ("…") shows its whole text as a tooltip, unless the model
    gives the cell a tooltip of its own."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        index = self.view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = cut_text(self.view, index)
        if not text:
            QToolTip.hideText()
            event.ignore()
            return True
        QToolTip.showText(event.globalPos(), text, self.view.viewport())
        return True


def cell_padding(view: QAbstractItemView) -> int:
    """The room a cell's text does not get: the item delegate's padding on both sides, the grid
    line and a pixel of rounding."""
    return 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 2


def cut_text(view: QAbstractItemView, index) -> str:  # type: ignore[no-untyped-def]
    """The text of a cell that its column is too narrow for (or, in a view that wraps its
    text, its row too low), else ""."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text is None or str(text) == "":
        return ""
    cell = view.visualRect(index)  # (the grid line left out)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = QRect(0, 0, cell.width(), 1)  # the width a wrapping text wraps to
    need = view.itemDelegateForIndex(index).sizeHint(option, index)
    wraps = isinstance(view, QTableView) and view.wordWrap()
    cut = need.width() > cell.width() or (wraps and need.height() > cell.height())
    return str(text) if cut else ""


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


class WrappedHeader(QHeaderView):
    """A header whose titles may wrap onto two lines (or ``lines``), so a column of short values
    ("4.58") need not be as wide as its long title ("Satisfaction (mean of 1–5)"). Only the
    columns of ``wrapped`` are sized to wrap (:func:`fit_columns` picks them when the table is
    too narrow for its titles on one line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.wrapped: set[int] = set()
        self.lines = 2
        self._sizes: dict[tuple[str, int, str], QSize] = {}  # title_size's answers
        self.setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap  # type: ignore[operator]
        )

    def title_size(self, text: str) -> QSize:
        """The narrowest box that holds the title on at most ``lines`` lines (each title's
        worked out once: fitting the columns asks for them again and again)."""
        key = (text, self.lines, self.font().key())
        if key not in self._sizes:
            self._sizes[key] = self._title_size(text)
        return QSize(self._sizes[key])

    def _title_size(self, text: str) -> QSize:
        metrics = self.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        whole = metrics.horizontalAdvance(text) + 2
        sample = "\n".join("A" * self.lines)
        most = metrics.boundingRect(QRect(0, 0, 4 * whole + 100, 1000), flags, sample).height()
        low, high = 1, whole
        while low < high:  # the narrowest width that wraps it onto that many lines at most
            middle = (low + high) // 2
            box = metrics.boundingRect(QRect(0, 0, middle, 10 * most), flags, text)
            if box.height() <= most and box.width() <= middle:
                high = middle
            else:
                low = middle + 1
        return QSize(low, most)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:  # noqa: N802, N803 (Qt's)
        size = super().sectionSizeFromContents(logicalIndex)
        if not self.wrapped:
            return size
        text = str(self.model().headerData(logicalIndex, self.orientation()) or "")
        title = self.title_size(text)
        extra_height = max(0, size.height() - self.fontMetrics().height())
        if logicalIndex not in self.wrapped:
            return QSize(size.width(), title.height() + extra_height)
        # the section's padding around its text, as Qt's own size has it
        padding = max(0, size.width() - self.fontMetrics().horizontalAdvance(text))
        return QSize(title.width() + padding, title.height() + extra_height)


FREE_TEXT_LEAST = 48  # the narrowest a column of free text becomes to let the others show


def fit_columns(table: QTableWidget, free: frozenset[int] = frozenset()) -> None:
    """Columns sized to their content; when they are wider than the table, the titles that
    are wider than their column's values wrap onto two lines, the biggest saving first, until
    the columns fit (then onto three, when two are not enough); then the columns of free text
    (``free``) give up room down to ``FREE_TEXT_LEAST``, their text elided."""
    header = table.horizontalHeader()
    assert isinstance(header, WrappedHeader)
    header.wrapped, header.lines = set(), 2
    table.resizeColumnsToContents()
    room = table.viewport().width()
    _wrap_titles(table, header, room)
    for column in sorted(free):
        excess = header.length() - room
        if excess <= 0:
            break
        size = header.sectionSize(column)
        header.resizeSection(column, max(FREE_TEXT_LEAST, size - excess))


def _wrap_titles(table: QTableWidget, header: WrappedHeader, room: int) -> None:
    for lines in (2, 3):
        if header.length() <= room:
            return
        header.lines = lines
        one: dict[int, int] = {}  # each column's width with its title on one line
        wrapped: dict[int, int] = {}  # and wrapped
        for column in range(header.count()):
            header.wrapped = set()
            one[column] = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.wrapped = {column}
            wrapped[column] = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        header.wrapped = set()
        length = sum(one.values())
        for column in sorted(one, key=lambda c: one[c] - wrapped[c], reverse=True):
            if length <= room or one[column] <= wrapped[column]:
                break
            header.wrapped.add(column)
            length -= one[column] - wrapped[column]
        table.resizeColumnsToContents()


class WrappedTitles(QObject):
    """Gives ``table`` a :class:`WrappedHeader` and fits its columns (:func:`fit_columns`)
    again whenever the table's width changes; call :meth:`fit` after filling it."""

    def __init__(self, table: QTableWidget, free: frozenset[int] = frozenset()) -> None:
        super().__init__(table)
        self.table = table
        self.free = free  # columns of free text, elided (the whole in a tooltip) to make room
        header = WrappedHeader(table)
        table.setHorizontalHeader(header)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in free:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        if free:
            ElidedTips(table)
        table.viewport().installEventFilter(self)
        self._width = -1

    def fit(self) -> None:
        self._width = self.table.viewport().width()
        fit_columns(self.table, self.free)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            QTimer.singleShot(0, self, self.fit)  # once the table has its new width
        return False


class WrappedCells(QObject):
    """Keeps a table's columns inside its width: when the columns sized to their content are
    wider than the table, the columns of ``wrapping`` (longer texts) narrow, the widest first,
    down to ``least`` each, and their text wraps onto more lines (the rows grow to hold it).
    Call :meth:`fit` after filling the table; it fits again when the table's width changes."""

    def __init__(self, table: QTableWidget, wrapping: list[int], least: int = 90) -> None:
        super().__init__(table)
        self.table = table
        self.wrapping = wrapping
        self.least = least
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.horizontalHeader().setStretchLastSection(False)
        table.viewport().installEventFilter(self)
        ElidedTips(table)  # what is still cut short shows whole in a tooltip
        self._width = -1

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        self._width = table.viewport().width()
        table.resizeColumnsToContents()
        excess = header.length() - self._width
        widths = {c: header.sectionSize(c) for c in self.wrapping}
        while excess > 0:  # a pixel at a time from the widest, so they end up even
            widest = max(widths, key=lambda c: widths[c], default=None)
            if widest is None or widths[widest] <= self.least:
                break
            widths[widest] -= 1
            excess -= 1
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        spare = self._width - header.length()
        if spare > 0 and self.wrapping:  # the room left goes to the last wrapping column
            last = self.wrapping[-1]
            header.resizeSection(last, header.sectionSize(last) + spare)
        table.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            QTimer.singleShot(0, self, self.fit)  # once the table has its new width
        return False
