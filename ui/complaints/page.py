"""The complaint registry 投诉登记: the month's list with filters and search, one complaint beside
it, registering, printing, importing and exporting."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import auth
from app.clock import Month
from app.complaints import labels, registry, service
from ui import operations
from ui.complaints.list_model import COLUMNS, ComplaintTableModel
from ui.context import UiContext, local_settings
from ui.operations import read_with_progress, run_with_progress
from ui.status import confirm
from ui.tables import ElidedTips, SortHeader, cell_padding

if TYPE_CHECKING:  # printing loads (with Qt's print support) when something is printed
    from ui import printing
    from ui.complaints.form import RegistrationDialog
    from ui.complaints.view import ComplaintView
    from ui.month_print import MonthPrintDialog

CURRENT_VIEW = "current"  # the month selector's first entry: this month and all open work
WIDEST_COLUMN = 220  # a column sized to its content is at most this wide
CONTENT_MIN = 110  # the content column keeps room for its first words
# the columns of free text that give up room when the columns do not fit the list (their text
# elided, "…", the whole in a tooltip), so that every column stays in view on a 1366 px laptop:
# the narrowest each may be. The others (codes, times, names of the team's lists) show whole.
ELIDED_MIN = {"complainant": 96}


def _transfer() -> ModuleType:
    """The registry's import and export (with the spreadsheet code), loaded when first used."""
    return importlib.import_module("app.complaints.transfer")


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return ComplaintsPage(ctx, parent)


@dataclass(frozen=True)
class Summary:
    """The counts beside the list, read with it."""

    overdue: int
    reported: int
    unreachable: int
    spans: bool
    by_month: list[tuple[Month, int]]
    anything: bool = True  # any complaint at all in the registry
    months: list[Month] = field(default_factory=list)  # the months that have complaints
    # what the filters offer: the team's categories and channels, the handlers (id, name)
    categories: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    handlers: list[tuple[int, str]] = field(default_factory=list)


class ComplaintsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: RegistrationDialog | None = None
        # the channels and categories the registration form offers (read with the list)
        self.form_choices: tuple[list[str], list[str]] | None = None
        self.print_dialog: printing.PrintChoice | None = None
        self.last_pdf: Path | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        layout.addLayout(self._build_filters())
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = ComplaintTableModel(self)
        self.model.read_more.connect(self._rows_read)
        self.last_summary: Summary | None = None  # the summary shown, told again as rows come
        self.model.owner = self
        self.table = QTableView()
        self.table.setObjectName("complaint_table")
        self.table.setHorizontalHeader(SortHeader(self.table))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        ElidedTips(self.table)
        self.table.horizontalHeader().sectionResized.connect(self._column_resized)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sorted_by)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # the complaint beside the list: built when one is first opened (self.view); until then
        # a hidden stand-in holds its place in the splitter and its remembered size
        self._view: ComplaintView | None = None
        self._view_place = QWidget()
        self.empty = QLabel()
        self.empty.setObjectName("empty_registry")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setStyleSheet("padding: 16px; color: #444")
        self.empty.hide()
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.empty)
        listing_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(self._view_place)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([640, 560])
        self._view_place.hide()  # until a complaint is chosen the list has all the room
        self.columns_sized = False
        self._reload_id = 0  # the list's latest reading (rows and summary arrive apart)
        self.natural: dict[int, int] = {}  # the widths the columns want (content or the user's)
        self.user_widths: dict[int, int] = {}  # the columns the user made wider or narrower
        self._fitting = False
        layout.addWidget(self.splitter, 1)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(300)
        self.search_timer.timeout.connect(self.apply_filters)
        self._restore_layout()
        self.apply_filters()

    @property
    def view(self) -> ComplaintView:
        """The complaint beside the list, built the first time it is needed (the first screen
        shows the list alone, so the window starts without building or loading it)."""
        if self._view is None:
            from ui.complaints.view import ComplaintView

            view = ComplaintView(self.ctx.user)
            view.setMinimumWidth(max(460, view.minimumWidth()))
            view.changed.connect(self._complaint_changed)
            view.print_requested.connect(self.print_record)
            view.customer_requested.connect(
                lambda cid: self.ctx.navigate("customers", customer_id=cid)
            )
            view.close_requested.connect(self.close_complaint)
            view.displayed.connect(self._detail_displayed)
            self.splitter.replaceWidget(1, view)  # its size and its being hidden with it
            self._view_place.deleteLater()
            self._view = view
        return self._view

    def current_id(self) -> int | None:
        """The complaint open beside the list, if any (without building the view)."""
        return None if self._view is None else self._view.current_id()

    # --- building --------------------------------------------------------------------------

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Register complaint (Ctrl+N)"))
        self.new_button.setObjectName("new_complaint")
        self.new_button.clicked.connect(self.new_complaint)
        self.new_button.setEnabled(auth.can(self.ctx.user, "work"))
        self.print_button = QPushButton(self.tr("Print monthly sheet…"))
        self.print_button.setObjectName("print_sheet")
        self.print_button.clicked.connect(self.print_sheet)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.export)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.clicked.connect(self.import_file)
        self.import_button.setEnabled(auth.can(self.ctx.user, "data.import"))
        self.reported = QPushButton()
        self.reported.setObjectName("reported")
        self.reported.setStyleSheet("color: #b71c1c; font-weight: bold")
        self.reported.setFlat(True)
        self.reported.clicked.connect(self._show_reported)
        self.unreachable = QPushButton()
        self.unreachable.setObjectName("unreachable")
        self.unreachable.setStyleSheet("color: #b71c1c; font-weight: bold")
        self.unreachable.setFlat(True)
        self.unreachable.clicked.connect(lambda: self.unreachable_only.setChecked(True))
        row.addWidget(self.new_button)
        row.addWidget(self.reported)
        row.addWidget(self.unreachable)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        return row

    def _build_filters(self) -> QVBoxLayout:
        row = QVBoxLayout()
        self.month = QComboBox()
        self.month.setObjectName("month")
        self._fill_months()
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), "")
        self.status.addItem(self.tr("Not yet resolved"), registry.UNRESOLVED)
        for code in labels.STATUSES:
            self.status.addItem(labels.status_label(code), code)
        # the categories, channels and handlers come with the list (read off the GUI thread)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), "")
        self.channel = QComboBox()
        self.channel.addItem(self.tr("All channels"), "")
        self.severity = QComboBox()
        self.severity.addItem(self.tr("All severities"), "")
        for code in labels.SEVERITIES:
            self.severity.addItem(labels.severity_label(code), code)
        self.handler = QComboBox()
        self.handler.addItem(self.tr("All handlers"), None)
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.overdue.setObjectName("overdue_only")
        self.unreachable_only = QCheckBox(self.tr("Callback unreachable"))
        self.unreachable_only.setObjectName("unreachable_only")
        self.unreachable_only.setToolTip(
            self.tr(
                "Resolved complaints whose callback could not reach the customer: close or "
                "reopen them (every month)"
            )
        )
        self.unreachable_only.setVisible(auth.can(self.ctx.user, "complaint.reopen"))
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search number, name, contact, order number, words in the content")
        )
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (
            self.month,
            self.status,
            self.category,
            self.channel,
            self.severity,
            self.handler,
        ):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.overdue.toggled.connect(self.apply_filters)
        self.unreachable_only.toggled.connect(self.apply_filters)
        # two lines, so that the page fits a 1366 px wide laptop: what to list, then what to find
        choices = QHBoxLayout()
        choices.addWidget(QLabel(self.tr("Month")))
        choices.addWidget(self.month)
        for widget in (self.status, self.category, self.channel, self.severity, self.handler):
            choices.addWidget(widget)
        choices.addStretch(1)
        finding = QHBoxLayout()
        finding.addWidget(self.search, 1)
        finding.addWidget(self.overdue)
        finding.addWidget(self.unreachable_only)
        row.addLayout(choices)
        row.addLayout(finding)
        return row

    def _fill_choices(self, summary: Summary) -> None:
        """The categories, channels and handlers to filter by, as read with the list; what is
        chosen stays chosen."""
        choices = (
            (self.category, [(labels.category_label(c), c) for c in summary.categories]),
            (self.channel, [(labels.channel_label(c), c) for c in summary.channels]),
            (self.handler, [(name, user_id) for user_id, name in summary.handlers]),
        )
        for combo, items in choices:
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(combo.count() - 1)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def _fill_months(self, months: list[Month] | None = None) -> None:
        """This month with every complaint still open (the first view), each month, all months
        (``months`` as read with the list; None: the months listed now)."""
        if months is None:
            months = [
                data
                for data in (self.month.itemData(i) for i in range(self.month.count()))
                if isinstance(data, Month)
            ]
        chosen = self.month.currentData() if self.month.count() else CURRENT_VIEW
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItem(self.tr("This month and open ones"), CURRENT_VIEW)
        self.month.setItemData(
            0,
            self.tr(
                "The complaints received this month, and those of earlier months that are still "
                "being handled"
            ),
            Qt.ItemDataRole.ToolTipRole,
        )
        for month in months or [Month.current()]:
            self.month.addItem(str(month), month)
        self.month.addItem(self.tr("All months"), None)
        index = self.month_index(chosen)
        self.month.setCurrentIndex(index if index >= 0 else 0)
        self.month.blockSignals(False)

    def month_index(self, month: Month | str | None) -> int:
        """The selector's row of a month (None: all months; ``CURRENT_VIEW``: this month and the
        open ones); -1 when it is not listed."""
        for index in range(self.month.count()):
            if self.month.itemData(index) == month:
                return index
        return -1

    # --- list --------------------------------------------------------------------------------

    def filters(self) -> registry.Filters:
        chosen = self.month.currentData()
        month = Month.current() if chosen == CURRENT_VIEW else chosen
        return registry.Filters(
            month=month,
            open_before=chosen == CURRENT_VIEW,
            status=self.status.currentData() or "",
            category=self.category.currentData() or "",
            channel=self.channel.currentData() or "",
            severity=self.severity.currentData() or "",
            handler_id=self.handler.currentData(),
            overdue=self.overdue.isChecked(),
            text=self.search.text().strip(),
            callback_unreachable=self.unreachable_only.isChecked(),
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.model.filters = self.filters()
        self.reload_list()

    def reload_list(self, keep_place: bool = False, then: Callable[[], None] | None = None) -> None:
        """Read the list and its summary again off the GUI thread; the chosen row and the
        scrolling place stay."""
        scroll = self.table.verticalScrollBar().value()
        filters = self.model.filters
        manager = auth.can(self.ctx.user, "complaint.reassign")
        reopener = auth.can(self.ctx.user, "complaint.reopen")

        def read_summary() -> Summary:
            spans = registry.spans_every_month(filters)
            wide = spans or filters.month is None or filters.open_before
            months = registry.months_with_complaints()
            return Summary(
                overdue=service.overdue_count(),
                reported=service.reported_to_manager_count() if manager else 0,
                unreachable=service.unreachable_callback_count() if reopener else 0,
                spans=spans,
                by_month=registry.count_by_month(filters) if wide else [],
                anything=bool(months),
                months=months,
                categories=list(service.categories()),
                channels=list(service.channels()),
                handlers=[(user.id, user.name) for user in service.handlers()],
            )

        def shown(summary: Summary) -> None:
            self._fill_months(summary.months)
            self._fill_choices(summary)
            self.form_choices = (summary.channels, summary.categories)
            self.last_summary = summary
            self._update_summary(summary)
            self._update_empty(summary)
            if self.model.rows:  # the columns as wide as what this reading shows
                self.size_columns()
            selected = self.current_id()
            if selected is not None:
                row = self.model.row_of(selected)
                if row >= 0:
                    self.table.selectionModel().blockSignals(True)
                    self.table.selectRow(row)
                    self.table.selectionModel().blockSignals(False)
            if keep_place:
                self.table.verticalScrollBar().setValue(scroll)
            if then is not None:
                then()

        # the rows and the summary are read side by side (two of the runner's readers), and
        # shown together once both are in
        self._reload_id += 1
        reload_id = self._reload_id
        self.last_summary = None  # (the old one is not told again with the new list's rows)
        arrived: dict[str, Summary | None] = {}

        def part(key: str, value: Summary | None) -> None:
            if reload_id != self._reload_id:  # a newer reload has begun
                return
            arrived[key] = value
            summary = arrived.get("summary")
            if "rows" in arrived and summary is not None:
                shown(summary)

        operations.query(
            self,
            read_summary,
            done=lambda summary: part("summary", summary),
            slot="complaint_summary",
            busy="",
        )
        self.model.reload(keep_loaded=keep_place, then=lambda _extra: part("rows", None))

    def shown_total(self) -> str:
        """The number of complaints in the view, or "more than 10,000" for a wide search."""
        if self.model.total_exact:
            return str(self.model.total)
        return self.tr("more than {n:,}").format(n=self.model.total)

    def _rows_read(self) -> None:
        """More rows arrived as the list was scrolled: once its end is reached the number of
        complaints is known exactly (instead of "more than 10,000"), and a row of another month
        shows the month column."""
        if self.last_summary is not None:
            self._update_summary(self.last_summary)

    def _update_summary(self, summary: Summary) -> None:
        filters = self.model.filters
        text = self.tr(
            "{shown} complaint(s) in this view · {overdue} overdue in the registry"
        ).format(shown=self.shown_total(), overdue=summary.overdue)
        by_month = summary.by_month
        if summary.spans and filters.month is not None:
            text += " · " + self.tr("searched in every month")
        if len(by_month) > 1 or (by_month and by_month[0][0] != filters.month):
            text += " · " + self.tr("by month: {months}").format(
                months=self.tr(", ").join(f"{month} ({n})" for month, n in by_month[:12])
                + ("…" if len(by_month) > 12 else "")
            )
        self.summary.setText(text)
        # the month column shows whenever a listed complaint lies on another month's sheet
        months = {row["month"] for row in self.model.rows}
        elsewhere = len(months) > 1 or (filters.month is not None and months - {filters.month})
        month_column = self.model.column_of("month")
        if self.table.isColumnHidden(month_column) == bool(elsewhere):
            self.table.setColumnHidden(month_column, not elsewhere)
            self.fit_columns()
        if summary.reported:
            self.reported.setText(
                self.tr("{n} serious or major complaint(s) open").format(n=summary.reported)
            )
            self.reported.show()
        else:
            self.reported.hide()
        self.unreachable.setText(
            self.tr("{n} complaint(s) whose callback was unreachable").format(n=summary.unreachable)
        )
        self.unreachable.setVisible(bool(summary.unreachable))

    def size_columns(self) -> None:
        """Each column as wide as what its loaded rows show (at most WIDEST_COLUMN; the content
        column takes the rest), then fitted to the list's width."""
        self.columns_sized = True
        needs = self._content_widths()
        for column in range(len(COLUMNS) - 1):
            self.natural[column] = self.user_widths.get(column) or min(needs[column], WIDEST_COLUMN)
        self.fit_columns()

    def _content_widths(self, rows: int = 200) -> list[int]:
        """What each column (but the content's) needs for its title and the texts of the first
        ``rows`` rows, measured from the texts themselves: a cell's own size (Qt's) asks the
        model for every role of every cell, some 50 ms of the GUI thread for a page of rows
        at each reading of the list, this some 5 ms."""
        table, model = self.table, self.model
        plain = table.fontMetrics()
        font = QFont(table.font())
        font.setBold(True)
        bold = QFontMetrics(font)
        margin = cell_padding(table)
        header = table.horizontalHeader()
        needs = []
        for column, (key, _title) in enumerate(COLUMNS[:-1]):
            texts: set[tuple[str, bool]] = {
                (model.text(row, key, whole=False), model.bold(row, key))
                for row in model.rows[:rows]
            }
            widest = max(
                ((bold if heavy else plain).horizontalAdvance(text) for text, heavy in texts),
                default=0,
            )
            needs.append(max(widest + margin, header.sectionSizeHint(column)))
        return needs

    def fit_columns(self) -> None:
        """Every shown column in view, without scrolling sideways: when the wanted widths do not
        fit the list, the columns of ``ELIDED_MIN`` give up room in turn, their text elided, and
        the content column takes what is left (at least ``CONTENT_MIN``). A list too narrow for
        that (a complaint open beside it) keeps the wanted widths and scrolls."""
        if not self.natural:
            return
        header = self.table.horizontalHeader()
        last = len(COLUMNS) - 1
        shown = [c for c in range(last) if not self.table.isColumnHidden(c)]
        widths = {c: self.natural.get(c, header.sectionSize(c)) for c in shown}
        excess = sum(widths.values()) - (self.table.viewport().width() - CONTENT_MIN)
        spare = sum(
            max(0, widths[c] - least)
            for key, least in ELIDED_MIN.items()
            if (c := self.model.column_of(key)) in widths
        )
        if excess > spare:  # no fit (the detail pane open beside it): scroll, nothing elided
            excess = 0
        for key, least in ELIDED_MIN.items():
            column = self.model.column_of(key)
            if excess <= 0:
                break
            if column in widths and widths[column] > least:
                given = min(excess, widths[column] - least)
                widths[column] -= given
                excess -= given
        self._fitting = True
        try:
            for c in shown:
                if header.sectionSize(c) != widths[c]:
                    header.resizeSection(c, widths[c])
        finally:
            self._fitting = False

    def _sorted_by(self, column: int, _order: Qt.SortOrder) -> None:
        """The column sorted by now has room for its title beside the sort arrow."""
        if column < len(COLUMNS) - 1 and self.natural:
            wanted = self.table.horizontalHeader().sectionSizeHint(column)
            if self.natural.get(column, 0) < wanted:
                self.natural[column] = wanted
                self.fit_columns()

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        """The user widened or narrowed a column: that is the width it wants from now on."""
        if self._fitting or column >= len(COLUMNS) - 1 or not self.natural:
            return
        if new > 0 and not self.table.isColumnHidden(column):  # (hiding one resizes it to 0)
            self.natural[column] = self.user_widths[column] = new

    def _update_empty(self, summary: Summary) -> None:
        """An empty list says why, and a desk with nothing yet says what to do first."""
        if self.model.total:
            self.empty.hide()
            return
        if summary.anything:
            text = self.tr("No data: no complaint in this view.")
        elif auth.can(self.ctx.user, "work"):
            text = self.tr("No complaints yet. Press Ctrl+N to register the first one.")
        elif auth.can(self.ctx.user, "users.manage"):
            text = self.tr(
                "<b>Welcome. First steps:</b><ol>"
                "<li>Settings → Users: add the agents and the manager.</li>"
                "<li>Customers → Import…: bring in the customer archive.</li>"
                "<li>Settings → Team settings: the company, categories and callback rules.</li>"
                "</ol>Agents then register complaints here (Ctrl+N)."
            )
        else:
            text = self.tr("No data: no complaint has been registered yet.")
        self.empty.setText(text)
        self.empty.show()

    def close_complaint(self) -> None:
        """Close the open complaint (asking first if it holds unsaved input): the list widens."""
        if not self.may_leave_current(0):
            return
        closing = self.current_id()
        if self._view is not None:
            self._view.clear()
        selection = self.table.selectionModel()
        if not selection.currentIndex().isValid() and self.model.rowCount():
            # a complaint opened from elsewhere: the list would make its first row current as
            # it gets the focus, and so open that one; the closed one's row (or the first) is
            # current without being opened
            row = self.model.row_of(closing) if closing is not None else -1
            selection.blockSignals(True)
            selection.setCurrentIndex(
                self.model.index(max(row, 0), 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            selection.blockSignals(False)
        selection.clearSelection()
        self.table.setFocus()

    def _detail_displayed(self, shown: bool) -> None:
        """The detail pane takes room only while it shows a complaint."""
        if not shown:
            self.view.hide()
            return
        if self.view.isHidden():
            self.view.show()
            sizes = self.splitter.sizes()
            if sizes[1] < self.view.minimumWidth():  # a remembered layout had it squeezed shut
                total = sum(sizes)
                self.splitter.setSizes([total * 3 // 5, total - total * 3 // 5])

    def _show_reported(self) -> None:
        self.month.setCurrentIndex(self.month_index(None))
        self.status.setCurrentIndex(0)
        self.severity.setCurrentIndex(self.severity.findData("serious"))

    def refresh(self) -> None:
        """Another desk may have changed something: reload the list (with the months and the
        filters' choices) and the open complaint."""
        self.reload_list(keep_place=True)
        current = self.current_id()
        # a reload would drop what the user is typing; their save still meets any conflict
        if current is not None and not self.view.has_unsaved_input():
            self.view.show_complaint(current, quiet=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()  # the window or the detail pane beside the list changed size
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(self.table.currentIndex())
                return True
            if event.key() == Qt.Key.Key_Escape and self.current_id() is not None:
                self.close_complaint()
                return True
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return True
        return super().eventFilter(watched, event)

    def copy_selection(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if rows:
            QApplication.clipboard().setText(self.model.rows_as_text(rows))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._open_index(current)

    def _open_index(self, index: QModelIndex) -> None:
        complaint_id = self.model.complaint_id(index.row()) if index.isValid() else None
        if complaint_id is not None and complaint_id != self.current_id():
            self.show_complaint(complaint_id)

    def show_complaint(self, complaint_id: int, then: Callable[[], None] | None = None) -> None:
        if not self.may_leave_current(complaint_id):
            current = self.current_id()
            row = self.model.row_of(current) if current is not None else -1
            if row >= 0:  # the selection goes back to the complaint still being edited
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)
            return
        self.view.show_complaint(complaint_id, then)

    def unsaved_work(self) -> str:
        view = self._view
        if view is None or view.complaint is None or not view.has_unsaved_input():
            return ""
        return self.tr("complaint {number}").format(number=view.complaint.number)

    def may_leave_current(self, next_id: int) -> bool:
        """Moving to another complaint with unsaved input asks first: nothing typed is lost by a
        slip of the arrow key."""
        current = self.current_id()
        if current is None or current == next_id or not self.view.has_unsaved_input():
            return True
        assert self.view.complaint is not None
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr(
                "Complaint {number} has changes that are not saved. Leave it and discard them?"
            ).format(number=self.view.complaint.number),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _complaint_changed(self, complaint_id: int) -> None:
        complaint = self.view.complaint
        if complaint is not None and complaint.id == complaint_id:
            confirm(self, self.tr("Complaint {number} saved.").format(number=complaint.number))
        self.reload_list(keep_place=True)
        self.ctx.refresh_badges()

    # --- navigation contract -----------------------------------------------------------------

    def open_record(
        self,
        complaint_id: int | None = None,
        new_for_customer: int | None = None,
        new_with_contact: str | None = None,
        **_: object,
    ) -> None:
        if complaint_id is not None:
            wanted = int(complaint_id)
            # once shown (not when the user stayed put), its row is chosen in the list
            self.show_complaint(wanted, then=lambda: self._select_in_list(wanted))
        elif new_for_customer is not None:
            self.new_complaint(customer_id=int(new_for_customer))
        elif new_with_contact is not None:
            self.new_complaint(contact=str(new_with_contact))

    def _select_in_list(self, complaint_id: int) -> None:
        """Show the complaint's row: switch to its month and clear filters when it is not listed."""
        shown = None if self._view is None else self._view.complaint
        if self.model.row_of(complaint_id) < 0 and shown is not None:
            month = Month.of(shown.received_at)
            for widget in (self.month, self.status, self.category, self.channel, self.severity):
                widget.blockSignals(True)
            for combo in (self.status, self.category, self.channel, self.severity):
                combo.setCurrentIndex(0)
            self.month.setCurrentIndex(max(self.month_index(month), 0))
            for widget in (self.month, self.status, self.category, self.channel, self.severity):
                widget.blockSignals(False)
            self.handler.setCurrentIndex(0)
            self.overdue.setChecked(False)
            self.unreachable_only.setChecked(False)
            self.search.clear()
            self.model.filters = self.filters()
            self.search_timer.stop()
            self.reload_list(then=lambda: self._select_row_of(complaint_id))
            return
        self._select_row_of(complaint_id)

    def _select_row_of(self, complaint_id: int) -> None:
        def select() -> None:
            row = self.model.row_of(complaint_id)
            if row >= 0:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)
                self.table.scrollTo(self.model.index(row, 0))

        if self.model.reading():
            # the list is being read again (a change, a filter) or the view is reading its next
            # page as the user scrolls: choose the row among the rows once they are shown
            self.model.after_reading(lambda: self._select_row_of(complaint_id))
        elif self.model.row_of(complaint_id) < 0 and self.model.canFetchMore():
            self.model.fetchMore(until=complaint_id, then=select)
        else:
            select()

    # --- registering -------------------------------------------------------------------------

    def new_complaint(
        self, customer_id: int | None = None, contact: str = ""
    ) -> RegistrationDialog | None:
        if not auth.can(self.ctx.user, "work"):
            return None
        from ui.complaints.form import RegistrationDialog  # loaded when first used

        dialog = RegistrationDialog(self.ctx.user, self, self.form_choices)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if customer_id:
            dialog.prefill_customer(customer_id)
        elif contact:
            dialog.contact.setText(contact)
        dialog.registered.connect(self._registered)
        dialog.open_requested.connect(
            lambda complaint_id: self.ctx.navigate("complaints", complaint_id=complaint_id)
        )
        self.dialog = dialog
        dialog.open()
        dialog.complainant.setFocus()
        return dialog

    def _registered(self, complaint_id: int) -> None:
        if self.dialog is not None:
            confirm(
                self,
                self.tr("Complaint {number} registered.").format(
                    number=self.dialog.number_label.text()
                ),
            )
        self.reload_list()
        self.ctx.refresh_badges()

    # --- printing ----------------------------------------------------------------------------

    def _after_pdf(self, path: Path) -> None:
        self.last_pdf = path

    def sheet_document(self, month: Month) -> printing.Document:
        from app.complaints import sheet  # the PDF library loads when something is printed
        from ui import printing

        return printing.Document(
            f"{sheet.sheet_title()} {sheet.month_title(month)}",
            f"complaints-{month}.pdf",
            lambda path, progress: sheet.print_monthly_sheet(path, month, progress),
        )

    def print_sheet(self) -> MonthPrintDialog:
        """Ask which month (the one chosen in the list, else the month a sheet is printed for at
        this time of the month) and how: preview, print or save as PDF."""
        from ui.month_print import MonthPrintDialog

        chosen = self.month.currentData()
        dialog = MonthPrintDialog(
            self.tr("Print the monthly complaint sheet"),
            chosen if isinstance(chosen, Month) else Month.report_default(),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._print_sheet(dialog.chosen_month(), dialog.action))
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def _print_sheet(self, month: Month, action: str) -> None:
        from ui import printing

        printing.output(self, self.sheet_document(month), action, self._after_pdf)

    def print_record(self, complaint_id: int) -> printing.PrintChoice:
        shown = None if self._view is None else self._view.complaint
        number = shown.number if shown is not None and shown.id == complaint_id else ""
        from app.complaints import sheet  # the PDF library loads when something is printed
        from ui import printing

        document = printing.Document(
            f"{sheet.record_title()} {number}".strip(),
            f"complaint-{number or complaint_id}.pdf",
            lambda path, _progress: sheet.print_complaint_record(path, complaint_id),
        )
        dialog = printing.offer(self, document, self._after_pdf)
        self.print_dialog = dialog
        return dialog

    def print_document(self) -> None:
        """Ctrl+P: the complaint's record from its own view, else the monthly sheet."""
        focus = QApplication.focusWidget()
        current = self.current_id()
        if current is not None and focus is not None and self.view.isAncestorOf(focus):
            self.print_record(current)
        else:
            self.print_sheet()

    def _run(self, label: str, work: Callable, on_done: Callable) -> None:
        run_with_progress(self, label, work, on_done)

    def _read(self, label: str, work: Callable, on_done: Callable) -> None:
        read_with_progress(self, label, work, on_done)

    # --- spreadsheets ------------------------------------------------------------------------

    def export(self) -> None:
        chosen = self.month.currentData()
        month: Month | None = Month.current() if chosen == CURRENT_VIEW else chosen
        suggested = f"complaints-{month}.xlsx" if month else "complaints.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export complaints"), suggested, self.tr("Excel (*.xlsx);;CSV (*.csv)")
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")
        self._read(
            self.tr("Exporting…"),
            lambda _progress: _transfer().export_complaints(path, month),
            lambda count: confirm(
                self, self.tr("{n} complaint(s) written to {file}.").format(n=count, file=path)
            ),
        )

    def import_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import complaints"), "", self.tr("Spreadsheets (*.xlsx *.csv)")
        )
        if not name:
            return
        skip = (
            QMessageBox.question(
                self,
                self.tr("Import"),
                self.tr(
                    "If some rows are invalid: import the valid ones and write the others to a "
                    "reject file (Yes), or import nothing (No)?"
                ),
            )
            == QMessageBox.StandardButton.Yes
        )
        self._start_import(Path(name), skip, again=False)

    def _start_import(self, path: Path, skip: bool, *, again: bool) -> None:
        user = self.ctx.user
        self._import_request = (path, skip)
        self._run(
            self.tr("Importing…"),
            lambda progress: self._import_work(user, path, skip, again, progress),
            self._imported,
        )

    @staticmethod
    def _import_work(user, path: Path, skip: bool, again: bool, progress):  # type: ignore[no-untyped-def]
        from app.tabular import AlreadyImported, ImportFailed

        try:
            return _transfer().import_complaints(
                user, path, skip_invalid=skip, again=again, progress=progress
            )
        except (ImportFailed, AlreadyImported) as exc:
            return exc

    def _imported(self, outcome: object) -> None:
        from app.tabular import AlreadyImported, ImportFailed

        if isinstance(outcome, AlreadyImported):
            answer = QMessageBox.question(
                self,
                self.tr("Import"),
                str(outcome) + "\n\n" + self.tr("Import its rows once more?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                path, skip = self._import_request
                self._start_import(path, skip, again=True)
            return
        if isinstance(outcome, ImportFailed):
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Import"))
            lines = str(outcome).splitlines()
            box.setText(lines[0])
            box.setDetailedText("\n".join(lines[1:]))
            box.open()
            return
        assert isinstance(outcome, _transfer().ImportReport)
        text = self.tr("{n} complaint(s) imported.").format(n=outcome.imported)
        if outcome.rejected:
            text += "\n" + self.tr("{n} invalid row(s) written to {file}.").format(
                n=outcome.rejected, file=outcome.rejects_file
            )
        QMessageBox.information(self, self.tr("Import"), text)
        self.reload_list()
        self.ctx.refresh_badges()

    # --- layout ------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = local_settings()
        state = settings.value("complaints/header-v5")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        # the widths the user gave columns by hand ("column:width,..."); the others are sized to
        # what each reading of the list shows
        for pair in str(settings.value("complaints/user-widths", "") or "").split(","):
            column, _, width = pair.partition(":")
            if column.isdigit() and width.isdigit() and int(column) < len(COLUMNS) - 1:
                self.user_widths[int(column)] = int(width)
        split = settings.value("complaints/splitter")
        if split is not None:
            self.splitter.restoreState(split)

    def save_layout(self) -> None:
        settings = local_settings()
        settings.setValue("complaints/header-v5", self.table.horizontalHeader().saveState())
        widths = ",".join(f"{c}:{w}" for c, w in sorted(self.user_widths.items()))
        settings.setValue("complaints/user-widths", widths)
        settings.setValue("complaints/splitter", self.splitter.saveState())

    def screenshot_states(self) -> list[tuple[str, Callable[[], QWidget]]]:
        def registration() -> QWidget:
            from ui.complaints.form import RegistrationDialog

            dialog = RegistrationDialog(self.ctx.user, self, self.form_choices)
            dialog.complainant.setText("王丽华")
            dialog.contact.setText("138 1234 5678")
            dialog.content.setPlainText("教室的交互式电子白板开机后画面闪烁，已经影响上课。")
            return dialog

        def detail() -> QWidget:
            if self.model.rows:
                self.show_complaint(self.model.rows[0]["id"])
            return self.window()

        def timeline() -> QWidget:
            # a finished complaint's whole timeline, else one being handled (early in a month
            # the list may hold no finished one)
            rows = [r for r in self.model.rows if r["status"] in ("resolved", "closed")] or [
                r for r in self.model.rows if r["status"] in ("in_progress", "reopened")
            ]
            if rows:
                self.show_complaint(
                    rows[0]["id"],
                    then=lambda: self.view.scroll.ensureWidgetVisible(self.view.timeline),
                )
            return self.window()

        def print_preview() -> QWidget:
            current = self.current_id()
            if current is None:
                return self.window()
            dialog = self.print_record(current)
            dialog.preview_button.click()
            operations.runner().wait_until_idle(60)  # the PDF written and its page drawn
            QApplication.processEvents()
            from ui import printing

            previews = self.findChildren(printing.PreviewDialog)
            return previews[-1] if previews else self.window()

        return [
            ("register", registration),
            ("detail", detail),
            ("timeline", timeline),
            ("print-preview", print_preview),
        ]
