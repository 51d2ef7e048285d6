"""The lists an agent works from: onboarding requests stuck at one step, late installations,
open repairs, loaners still out and solved repairs not yet in the knowledge base. Each row opens the customer and the record."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import clock, settings
from app.customers import installations, onboarding, repairs
from app.customers.codes import diagnosis_label, handling_label, stage_label
from ui import operations

LIMIT = 2000
ALERT = QColor("#c62828")
Row = tuple[int, dict, list[str], bool]  # customer id, record to open, cells, shown in red


class WorkList(QWidget):
    """A table of records; ``open_requested(customer_id, target)`` when a row is activated."""

    open_requested = Signal(int, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setStyleSheet("color: gray")
        layout.addWidget(self.note)
        headers = self.headers()
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)
        self.table.cellActivated.connect(self._activated)
        self.table.cellDoubleClicked.connect(self._activated)
        self.rows: list[tuple[int, dict]] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def load(self) -> list[Row]:
        """The rows (run off the GUI thread)."""
        raise NotImplementedError

    def describe(self, count: int) -> str:
        """The line above the table (run off the GUI thread with :meth:`load`)."""
        return self.tr("{n} row(s); double-click opens the record.").format(n=count)

    def refresh(self) -> None:
        """Read the list off the GUI thread and show it."""

        def read() -> tuple[list[Row], str]:
            rows = self.load()
            return rows, self.describe(len(rows))

        operations.query(self, read, done=self._show, slot="list")

    def _show(self, found: tuple[list[Row], str]) -> None:
        data, note = found
        self.rows = [(customer_id, target) for customer_id, target, _cells, _alert in data]
        self.table.setRowCount(len(data))
        for row, (_customer_id, _target, cells, alert) in enumerate(data):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if alert:
                    item.setForeground(QBrush(ALERT))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.note.setText(note)

    def _activated(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows):
            customer_id, target = self.rows[row]
            self.open_requested.emit(customer_id, target)


class StuckOnboardingList(WorkList):
    def headers(self) -> list[str]:
        return [
            self.tr("Customer"),
            self.tr("Waiting at"),
            self.tr("Since"),
            self.tr("Days"),
            self.tr("Next step"),
        ]

    def describe(self, count: int) -> str:
        return self.tr(
            "{n} request(s) waiting at one step longer than {days} days; "
            "double-click opens the request."
        ).format(n=count, days=settings.get("onboarding_stuck_days"))

    def load(self) -> list[Row]:
        today = clock.today()
        return [
            (
                r.customer_id,
                {"onboarding_id": r.id},
                [
                    r.customer.name,
                    stage_label(r.stage),
                    r.stage_since.isoformat(),
                    str((today - r.stage_since).days),
                    stage_label(onboarding.next_stages(r)[0]),
                ],
                True,
            )
            for r in onboarding.stuck_requests().limit(LIMIT)
        ]


class LateInstallationsList(WorkList):
    def headers(self) -> list[str]:
        return [
            self.tr("Customer"),
            self.tr("Product"),
            self.tr("Agreed date"),
            self.tr("Days late"),
            self.tr("Installer"),
        ]

    def describe(self, count: int) -> str:
        return self.tr(
            "{n} installation(s) past the agreed date: call the customer first to apologise."
        ).format(n=count)

    def load(self) -> list[Row]:
        today = clock.today()
        return [
            (
                i.customer_id,
                {"installation_id": i.id},
                [
                    i.customer.name,
                    i.product,
                    i.agreed_date.isoformat(),
                    str((today - i.agreed_date).days),
                    i.installer,
                ],
                True,
            )
            for i in installations.late_installations().limit(LIMIT)
        ]


class OpenRepairsList(WorkList):
    def headers(self) -> list[str]:
        return [
            self.tr("Customer"),
            self.tr("Reported"),
            self.tr("Days open"),
            self.tr("Product"),
            self.tr("Fault"),
            self.tr("Handling"),
            self.tr("Engineer"),
        ]

    def load(self) -> list[Row]:
        today = clock.today()
        out = []
        for r in repairs.open_repairs().limit(LIMIT):
            handling = handling_label(r.handling)
            if r.diagnosis:
                handling += " · " + diagnosis_label(r.diagnosis)
            days = (today - r.reported_at.date()).days
            out.append(
                (
                    r.customer_id,
                    {"repair_id": r.id},
                    [
                        r.customer.name,
                        r.reported_at.strftime("%Y-%m-%d"),
                        str(days),
                        r.product,
                        r.fault,
                        handling,
                        r.engineer,
                    ],
                    days > 14,
                )
            )
        return out


class LoanersOutList(WorkList):
    def headers(self) -> list[str]:
        return [
            self.tr("Loaner unit"),
            self.tr("Customer"),
            self.tr("Lent on"),
            self.tr("Days out"),
            self.tr("Repair"),
            self.tr("Product under repair"),
        ]

    def load(self) -> list[Row]:
        today = clock.today()
        return [
            (
                r.customer_id,
                {"repair_id": r.id},
                [
                    r.loaner_unit,
                    r.customer.name,
                    r.loaner_out_at.isoformat(),
                    str((today - r.loaner_out_at).days),
                    self.tr("closed: collect the loaner")
                    if r.status == "closed"
                    else self.tr("open"),
                    r.product,
                ],
                r.status == "closed",
            )
            for r in repairs.loaners_out().limit(LIMIT)
        ]


class KnowledgeBaseList(WorkList):
    """Solved repairs whose solution still has to go into the knowledge base."""

    def headers(self) -> list[str]:
        return [
            self.tr("Customer"),
            self.tr("Closed"),
            self.tr("Days since"),
            self.tr("Product"),
            self.tr("Fault"),
            self.tr("Result"),
        ]

    def describe(self, count: int) -> str:
        return self.tr(
            "{n} solved repair(s) not yet in the knowledge base; double-click opens the repair."
        ).format(n=count)

    def load(self) -> list[Row]:
        today = clock.today()
        out = []
        for r in repairs.missing_from_knowledge_base().limit(LIMIT):
            days = (today - r.closed_at.date()).days
            out.append(
                (
                    r.customer_id,
                    {"repair_id": r.id},
                    [
                        r.customer.name,
                        r.closed_at.strftime("%Y-%m-%d"),
                        str(days),
                        r.product,
                        r.fault,
                        r.result,
                    ],
                    days > 7,
                )
            )
        return out
