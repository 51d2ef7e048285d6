"""Browsing the audit trail: who changed which record when, old -> new, with filters."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import audit_trail, clock
from app.auth import require
from ui import operations
from ui.context import UiContext, local_settings

PAGE_SIZE = 500
SUMMARY_WIDTH = 360  # px: a longer summary is cut, and whole in its tooltip


class AuditTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        require(ctx.user, "audit.view")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.table_filter = QComboBox()
        self.user_filter = QComboBox()
        self.action_filter = QComboBox()
        self.since = QDateEdit(QDate(clock.today()).addDays(-30))
        self.until = QDateEdit(QDate(clock.today()))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Search the changes…"))
        self.text.setClearButtonEnabled(True)
        self.more_button = QPushButton(self.tr("Load more"))
        for label, widget in (
            (self.tr("Record"), self.table_filter),
            (self.tr("User"), self.user_filter),
            (self.tr("Action"), self.action_filter),
            (self.tr("From"), self.since),
            (self.tr("To"), self.until),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.text, 1)
        layout.addLayout(bar)
        self.grid = QTableWidget(0, 6)
        self.grid.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("User"),
                self.tr("Action"),
                self.tr("Record"),
                self.tr("Summary"),
                self.tr("Changes (old → new)"),
            ]
        )
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setWordWrap(False)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.grid)
        footer = QHBoxLayout()
        self.count_label = QLabel()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(self.more_button)
        layout.addLayout(footer)
        self._fill_filters()
        for combo in (self.table_filter, self.user_filter, self.action_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.since.dateChanged.connect(self.apply_filter)
        self.until.dateChanged.connect(self.apply_filter)
        self.text.returnPressed.connect(self.apply_filter)
        self.text.textChanged.connect(lambda t: self.apply_filter() if not t else None)
        self.more_button.clicked.connect(self.load_more)
        state = local_settings().value("audit/columns")
        # the user's own widths, else each column sized to what the first entries show
        self.columns_sized = state is not None
        if state is not None:
            header.restoreState(state)
        else:
            for column, width in enumerate((140, 90, 70, 120, 160)):
                self.grid.setColumnWidth(column, width)
        self.loaded = 0
        self.refresh()

    def _fill_filters(self) -> None:
        user = self.ctx.user

        def fill(found: audit_trail.Choices) -> None:
            for combo in (self.table_filter, self.user_filter, self.action_filter):
                combo.blockSignals(True)
            self.table_filter.addItem(self.tr("all"), None)
            for table, label in sorted(found.tables, key=lambda pair: pair[1]):
                self.table_filter.addItem(label, table)
            self.user_filter.addItem(self.tr("all"), None)
            for user_id, name in found.users:
                self.user_filter.addItem(name, user_id)
            self.action_filter.addItem(self.tr("all"), None)
            for action in audit_trail.ACTIONS:  # every action the program records
                self.action_filter.addItem(audit_trail.action_label(action), action)
            for combo in (self.table_filter, self.user_filter, self.action_filter):
                combo.blockSignals(False)

        operations.query(self, lambda: audit_trail.choices(user), done=fill, slot="choices")

    def filter_values(self) -> dict[str, object]:
        since = self.since.date().toPython()
        until = self.until.date().toPython() + dt.timedelta(days=1)
        return {
            "table": self.table_filter.currentData(),
            "user_id": self.user_filter.currentData(),
            "action": self.action_filter.currentData(),
            "since": dt.datetime.combine(since, dt.time()),
            "until": dt.datetime.combine(until, dt.time()),
            "text": self.text.text().strip() or None,
        }

    def _load(self, offset: int, limit: int, *, replace: bool) -> None:
        """Read entries off the GUI thread: from the newest (``replace``) or the next page."""
        user, filters = self.ctx.user, self.filter_values()
        position = self.grid.verticalScrollBar().value()

        def read() -> list[audit_trail.TrailRow]:
            return audit_trail.rows(user, limit=limit, offset=offset, **filters)  # type: ignore[arg-type]

        def show(found: list[audit_trail.TrailRow]) -> None:
            if replace:
                self.grid.setRowCount(0)
                self.loaded = 0
            elif self.loaded != offset:
                return
            self._append(found)
            if found and not self.columns_sized:
                self.size_columns()
            self.more_button.setEnabled(len(found) == limit)
            if replace:
                self.grid.verticalScrollBar().setValue(position)

        operations.query(self, read, done=show, slot="trail")

    def apply_filter(self) -> None:
        """A new filter starts again from the newest entries."""
        self._load(0, PAGE_SIZE, replace=True)

    def refresh(self) -> None:
        """Other desks wrote entries: reload as many as were shown, at the same scroll place."""
        self._load(0, max(self.loaded, PAGE_SIZE), replace=True)

    def load_more(self) -> None:
        self._load(self.loaded, PAGE_SIZE, replace=False)

    def _append(self, entries: list[audit_trail.TrailRow]) -> None:
        start = self.grid.rowCount()
        self.grid.setRowCount(start + len(entries))
        for offset, entry in enumerate(entries):
            text = entry.changes_text
            values = [
                entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                entry.who,
                entry.action,
                entry.record,
                entry.summary,
                text,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 5:
                    item.setToolTip(text.replace("; ", "\n"))
                elif column == 4:
                    item.setToolTip(value)
                self.grid.setItem(start + offset, column, item)
        self.loaded += len(entries)
        self.count_label.setText(self.tr("{n} entries shown").format(n=self.loaded))

    def size_columns(self) -> None:
        """Time, user, action, record and summary as wide as what they show (the summary at
        most SUMMARY_WIDTH, the whole of it in its tooltip); the changes take the rest."""
        self.columns_sized = True
        for column in range(5):
            self.grid.resizeColumnToContents(column)
        if self.grid.columnWidth(4) > SUMMARY_WIDTH:
            self.grid.setColumnWidth(4, SUMMARY_WIDTH)

    def save_layout(self) -> None:
        local_settings().setValue("audit/columns", self.grid.horizontalHeader().saveState())
