"""The print dialog of the monthly documents: which month, then open the PDF to print or save it."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import REPORT_GRACE_DAYS, Month

OPEN = "open"
SAVE = "save"


class MonthPrintDialog(QDialog):
    """Asks for the month (a month picker, never later than the current month) and whether to
    open the PDF to print it or save it to a file. ``action`` is :data:`OPEN` or :data:`SAVE`
    once accepted; ``chosen_month()`` the month."""

    def __init__(
        self, title: str, default: Month | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self.action = ""
        default = default or Month.report_default()
        current = Month.current()
        self.month = QDateEdit()
        self.month.setObjectName("print_month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.month.setMaximumDate(QDate(current.year, current.month, current.last_day.day))
        self.month.setDate(QDate(default.year, default.month, 1))
        hint = QLabel(
            self.tr(
                "During the first {days} days of a month the month before is offered: its sheet "
                "is the one to print then."
            ).format(days=REPORT_GRACE_DAYS)
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555")
        form = QFormLayout()
        form.addRow(self.tr("Month:"), self.month)
        buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("Open to print"))
        self.open_button.setObjectName("open_pdf")
        self.open_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setObjectName("save_pdf")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button.clicked.connect(lambda: self._choose(OPEN))
        self.save_button.clicked.connect(lambda: self._choose(SAVE))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def chosen_month(self) -> Month:
        date = self.month.date()
        return Month(date.year(), date.month())

    def _choose(self, action: str) -> None:
        self.action = action
        self.accept()
