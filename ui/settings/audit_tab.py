"""Browsing the audit trail: who changed which record when, old -> new, with filters."""

from __future__ import annotations

import datetime as dt
import json

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

from app import audit, clock
from app.auth import require
from models import AuditLog, User
from ui.context import UiContext, local_settings

PAGE_SIZE = 500
# fields of the audited tables that hold a user's id
USER_FIELDS = frozenset(
    {
        "agent",
        "handler",
        "assignee",
        "requester",
        "colleague",
        "substitute",
        "decided_by",
        "created_by",
        "updated_by",
        "recorded_by",
        "author",
        "closed_by",
        "incoming",
        "outgoing",
        "user",
    }
)


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
        if state is not None:
            header.restoreState(state)
        else:
            for column, width in enumerate((140, 90, 70, 120, 160)):
                self.grid.setColumnWidth(column, width)
        self.loaded = 0
        self.refresh()

    def action_label(self, action: str) -> str:
        return {
            "create": self.tr("created"),
            "update": self.tr("changed"),
            "delete": self.tr("deleted"),
            "merge": self.tr("merged"),
            "login": self.tr("logged in"),
        }.get(action, action)

    def table_label(self, table: str) -> str:
        return {
            "user": self.tr("user"),
            "setting": self.tr("setting"),
            "customer": self.tr("customer"),
            "complaint": self.tr("complaint"),
            "repair": self.tr("repair"),
            "installation": self.tr("installation"),
            "onboarding_request": self.tr("onboarding"),
            "callback_task": self.tr("callback"),
            "shift": self.tr("shift"),
            "roster_entry": self.tr("roster"),
            "swap_request": self.tr("shift swap"),
            "leave_request": self.tr("leave"),
            "handover_entry": self.tr("handover"),
            "handover_issue": self.tr("handover issue"),
            "phrase": self.tr("phrase"),
        }.get(table, table)

    def _fill_filters(self) -> None:
        self.table_filter.addItem(self.tr("all"), None)
        tables = [row.table for row in AuditLog.select(AuditLog.table).distinct()]
        for table in sorted(tables):
            self.table_filter.addItem(self.table_label(table), table)
        self.user_filter.addItem(self.tr("all"), None)
        for user in User.select().order_by(User.employee_no):
            self.user_filter.addItem(f"{user.name} ({user.employee_no})", user.id)
        self.action_filter.addItem(self.tr("all"), None)
        for action in ("create", "update", "delete", "merge", "login"):
            self.action_filter.addItem(self.action_label(action), action)

    def query_entries(self, offset: int) -> list[AuditLog]:
        since = self.since.date().toPython()
        until = self.until.date().toPython() + dt.timedelta(days=1)
        return audit.browse(
            table=self.table_filter.currentData(),
            user_id=self.user_filter.currentData(),
            action=self.action_filter.currentData(),
            since=dt.datetime.combine(since, dt.time()),
            until=dt.datetime.combine(until, dt.time()),
            text=self.text.text().strip() or None,
            limit=PAGE_SIZE,
            offset=offset,
        )

    def apply_filter(self) -> None:
        """A new filter starts again from the newest entries."""
        self.grid.setRowCount(0)
        self.loaded = 0
        self.load_more()

    def refresh(self) -> None:
        """Other desks wrote entries: reload as many as were shown, at the same scroll place."""
        wanted = max(self.loaded, PAGE_SIZE)
        position = self.grid.verticalScrollBar().value()
        self.grid.setRowCount(0)
        self.loaded = 0
        while True:
            before = self.loaded
            self.load_more()
            if self.loaded >= wanted or self.loaded == before or not self.more_button.isEnabled():
                break
        self.grid.verticalScrollBar().setValue(position)

    def load_more(self) -> None:
        entries = self.query_entries(self.loaded)
        start = self.grid.rowCount()
        self.grid.setRowCount(start + len(entries))
        names = {u.id: f"{u.name} ({u.employee_no})" for u in User.select()}

        def shown(field: str, value: object) -> str:
            # a user's id reads as the person's name and employee number
            if field in USER_FIELDS and isinstance(value, int) and value in names:
                return names[value]
            return json.dumps(value, ensure_ascii=False)

        for offset, entry in enumerate(entries):
            changes = audit.changes_of(entry)
            text = "; ".join(
                f"{field}: {shown(field, old)} → {shown(field, new)}"
                for field, (old, new) in changes.items()
            )
            values = [
                entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                entry.user.name if entry.user is not None else "",
                self.action_label(entry.action),
                f"{self.table_label(entry.table)} #{entry.record_id}"
                if entry.record_id
                else self.table_label(entry.table),
                entry.summary,
                text,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 5:
                    item.setToolTip(text.replace("; ", "\n"))
                self.grid.setItem(start + offset, column, item)
        self.loaded += len(entries)
        self.more_button.setEnabled(len(entries) == PAGE_SIZE)
        self.count_label.setText(self.tr("{n} entries shown").format(n=self.loaded))

    def save_layout(self) -> None:
        local_settings().setValue("audit/columns", self.grid.horizontalHeader().saveState())
