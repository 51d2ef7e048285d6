"""The area 来电与工作日志: the day's contacts (the agent's own; a manager sees everyone's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.auth import can
from app.calls import service
from app.calls.service import ContactRow
from app.worklog import service as worklog_service
from ui import operations
from ui.calls.dialog import ContactDialog
from ui.calls.worklog import SummariesTab, WorkLogTab
from ui.context import UiContext
from ui.tables import EmptyNote


def _seconds_text(row: ContactRow) -> str:
    seconds = row.response_seconds
    return "" if seconds is None else str(seconds)


def _minutes_text(row: ContactRow) -> str:
    minutes = row.minutes
    return "" if minutes is None else f"{minutes:.1f}"


class ContactsTab(QWidget):
    """The contacts of one day (today first), newest on top; Enter edits the selected one."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ContactRow] = []
        self.everyone = can(ctx.user, "worklog.review")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Log a contact (F3)"))
        self.new_button.setObjectName("new_contact")
        self.new_button.clicked.connect(self.new_contact)
        self.new_button.setVisible(can(ctx.user, "work"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.day = QDateEdit(QDate(clock.today()))
        self.day.setObjectName("contacts_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("contacts_summary")
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(QLabel(self.tr("Day")))
        top.addWidget(self.day)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        headers = [
            self.tr("Came in"),
            self.tr("Response (s)"),
            self.tr("Minutes"),
            self.tr("Channel"),
            self.tr("Customer"),
            self.tr("Phone"),
            self.tr("Topic"),
            self.tr("Result"),
            self.tr("Order / complaint"),
            self.tr("Note"),
        ]
        if self.everyone:
            headers.append(self.tr("Agent"))
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("contacts_table")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.empty_note = EmptyNote(
            self.table, self.tr("No contacts logged on this day. F3 logs one from anywhere.")
        )
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        user = self.ctx.user
        day = self.day.date().toPython()
        operations.query(self, lambda: service.todays_contacts(user, day), done=self.show_rows)

    def show_rows(self, rows: list[ContactRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            linked = row.order_no or row.complaint_number
            cells = [
                f"{row.came_in_at:%H:%M:%S}",
                _seconds_text(row),
                _minutes_text(row),
                row.channel_label,
                row.customer_name,
                row.contact,
                row.topic,
                row.result_label,
                linked,
                " ".join(row.note.split()),
            ]
            if self.everyone:
                cells.append(f"{row.agent_name} ({row.agent_no})")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if column == 1 and row.response_seconds is not None and row.response_seconds > 15:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(index, column, item)
        answered = [r.response_seconds for r in rows if r.response_seconds is not None]
        slow = sum(1 for s in answered if s > 15)
        self.summary.setText(
            self.tr("{n} contact(s), {orders} order(s), {slow} answered after 15 s").format(
                n=len(rows), orders=sum(1 for r in rows if r.result == "order"), slow=slow
            )
        )

    def new_contact(self) -> ContactDialog:
        dialog = ContactDialog(self.ctx, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def selected(self) -> ContactRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit(row)

    def edit(self, row: ContactRow) -> ContactDialog:
        dialog = ContactDialog(self.ctx, self.window(), record=row)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_contact(self, contact_id: int) -> None:
        """Show the contact's day and open it (from a customer's timeline)."""

        def shown(row: ContactRow) -> None:
            self.day.blockSignals(True)
            self.day.setDate(QDate(row.came_in_at.date()))
            self.day.blockSignals(False)
            self.refresh()
            if row.agent_id == self.ctx.user.id or self.everyone:
                self.edit(row)

        operations.query(self, lambda: service.contact_row(contact_id), done=shown, slot="open")


class CallsPage(QWidget):
    shows = {
        "contact_record",
        "customer",
        "complaint",
        "callback_task",
        "work_log",
        "work_summary",
        "handover_entry",
        "roster_entry",
        "swap_request",
    }

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.contacts = ContactsTab(ctx)
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.worklog = WorkLogTab(ctx)
        self.tabs.addTab(self.worklog, self.tr("Work log"))
        self.summaries = SummariesTab(ctx)
        self.tabs.addTab(self.summaries, self.tr("Weekly and monthly summaries"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.refresh()

    def refresh(self) -> None:
        if self.contacts.day.date().toPython() != clock.today() and not self.isVisible():
            self.contacts.day.setDate(QDate(clock.today()))
        current = self.tabs.currentWidget()
        if current is self.worklog:
            self.worklog.refresh()
        elif current is self.summaries:
            self.summaries.refresh()
        else:
            self.contacts.refresh()

    def print_document(self) -> None:
        """Ctrl+P: the month's work summaries (from the summaries tab)."""
        if self.tabs.currentWidget() is self.summaries:
            self.summaries.print_month()
        else:
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(
                    self.tr("Open the summaries tab to print the month's work summaries."), 5000
                )

    def unsaved_work(self) -> str:
        return self.tr("the work log's notes") if self.worklog.has_unsaved_input() else ""

    def open_record(self, **kwargs: object) -> None:
        contact_id = kwargs.get("contact_id")
        if isinstance(contact_id, int):
            self.tabs.setCurrentWidget(self.contacts)
            self.contacts.open_contact(contact_id)

    def prepare_screenshot(self) -> None:
        """The contacts of the latest day that has any, if today has none yet (a picture of
        the register taken early in the morning)."""
        from ui.screenshots import settle

        if self.contacts.rows:
            return
        today = clock.today()

        def show(day: dt.date | None) -> None:
            if day is not None:
                self.contacts.day.setDate(QDate(day))

        operations.query(
            self, lambda: service.last_day_with_contacts(today), done=show, slot="screenshot"
        )
        settle()  # the day found
        settle()  # and its contacts read

    def screenshot_states(self) -> list[tuple[str, Callable[[], QWidget]]]:
        def tab(widget: QWidget) -> Callable[[], QWidget]:
            def show() -> QWidget:
                self.tabs.setCurrentWidget(widget)
                return self.window()

            return show

        def worklog() -> QWidget:
            from ui.screenshots import settle

            self.tabs.setCurrentWidget(self.worklog)
            settle()  # the team is read first
            people = self.worklog.agent
            others = [i for i in range(people.count()) if people.itemData(i) != self.ctx.user.id]
            if others:
                people.setCurrentIndex(others[0])
            agent_id = int(people.currentData())
            today = clock.today()

            def show(noted: dt.date | None) -> None:
                self.worklog.day.setDate(QDate(noted or today - dt.timedelta(days=1)))

            operations.query(
                self,
                lambda: worklog_service.last_day_with_notes(agent_id, today),
                done=show,
                slot="screenshot",
            )
            settle()  # the day found
            settle()  # and that day read
            return self.window()

        return [
            ("new", lambda: ContactDialog(self.ctx, self.window())),
            ("worklog", worklog),
            ("summaries", tab(self.summaries)),
        ]


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return CallsPage(ctx, parent)
