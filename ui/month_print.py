"""The print dialog of the monthly documents: which month, then 打印预览, 打印 or 保存为 PDF."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from app.clock import REPORT_GRACE_DAYS, Month
from ui.printing import PREVIEW, PRINT, SAVE, PrintChoice

__all__ = ["PREVIEW", "PRINT", "SAVE", "MonthPrintDialog"]


class MonthPrintDialog(PrintChoice):
    """Asks for the month (a month picker, never later than the current month) and how to output
    the document (:class:`ui.printing.PrintChoice`); ``chosen_month()`` is the month. The title
    says which document; the month shown is the one printed."""

    def __init__(
        self, title: str, default: Month | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
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
        self.form.addRow(self.tr("Month:"), self.month)
        self.layout_.addWidget(hint)
        self.finish_layout()

    def chosen_month(self) -> Month:
        date = self.month.date()
        return Month(date.year(), date.month())
