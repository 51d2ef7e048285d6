"""The reports area 报表: a month's figures, charts by category and by day, the agents' figures,
and the printed monthly summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import auth, clock, reports
from app.complaints.labels import category_label
from app.statistics import PeriodFigures, period_figures
from ui.context import UiContext
from ui.operations import run_with_progress


class BarChart(QWidget):
    """A plain bar chart: labels under (vertical) or beside (horizontal) the bars."""

    def __init__(self, horizontal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.items: list[tuple[str, int]] = []
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_items(self, items: list[tuple[str, int]]) -> None:
        self.items = items
        self.update()

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(8, 8, -8, -8)
        peak = max((n for _, n in self.items), default=0) or 1
        bar_colour = QColor("#4e79a7")
        metrics = painter.fontMetrics()
        if self.horizontal and self.items:
            label_width = max(metrics.horizontalAdvance(label) for label, _ in self.items) + 8
            row = rect.height() / len(self.items)
            for index, (label, n) in enumerate(self.items):
                top = rect.top() + index * row
                painter.setPen(self.palette().text().color())
                painter.drawText(
                    QRectF(rect.left(), top, label_width - 4, row),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    label,
                )
                span = (rect.width() - label_width - 40) * n / peak
                painter.fillRect(
                    QRectF(rect.left() + label_width, top + row * 0.2, span, row * 0.6), bar_colour
                )
                painter.drawText(
                    QRectF(rect.left() + label_width + span + 4, top, 40, row),
                    int(Qt.AlignmentFlag.AlignVCenter),
                    str(n),
                )
        elif self.items:
            base = rect.bottom() - metrics.height() - 2
            column = rect.width() / len(self.items)
            for index, (label, n) in enumerate(self.items):
                left = rect.left() + index * column
                height = (base - rect.top() - metrics.height()) * n / peak
                painter.fillRect(
                    QRectF(left + column * 0.15, base - height, column * 0.7, height), bar_colour
                )
                painter.setPen(self.palette().text().color())
                if label:
                    painter.drawText(
                        QRectF(left - 10, base + 2, column + 20, metrics.height()),
                        int(Qt.AlignmentFlag.AlignHCenter),
                        label,
                    )
        painter.end()


class ReportsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: PeriodFigures | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month")))
        self.month = QDateEdit(QDate(clock.today()))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        bar.addWidget(self.month)
        self.print_button = QPushButton(self.tr("Print monthly summary…"))
        bar.addWidget(self.print_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        grid = QGridLayout()
        self.figures_table = self._table([self.tr("Figure"), self.tr("Value")])
        self.agents_table = self._table(
            [
                self.tr("Agent"),
                self.tr("Employee no."),
                self.tr("Received"),
                self.tr("Resolved"),
                self.tr("On time"),
                self.tr("Average handling"),
                self.tr("Satisfaction"),
            ]
        )
        self.category_chart = BarChart(horizontal=True)
        self.day_chart = BarChart(horizontal=False)
        grid.addWidget(self._box(self.tr("Key figures"), self.figures_table), 0, 0)
        grid.addWidget(self._box(self.tr("Complaints by category"), self.category_chart), 0, 1)
        grid.addWidget(self._box(self.tr("Complaints by day"), self.day_chart), 1, 0, 1, 2)
        self.agents_box = self._box(self.tr("Agents"), self.agents_table)
        grid.addWidget(self.agents_box, 2, 0, 1, 2)
        self.agents_box.setVisible(auth.can(ctx.user, "reports.view"))
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)
        self.month.dateChanged.connect(self.refresh)
        self.print_button.clicked.connect(self.print_summary)
        self.print_button.setEnabled(auth.can(ctx.user, "reports.view"))
        self.refresh()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def _box(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(widget)
        return box

    def month_text(self) -> str:
        return self.month.date().toString("yyyy-MM")

    def selected_month(self) -> clock.Month:
        date = self.month.date()
        return clock.Month(date.year(), date.month())

    def refresh(self) -> None:
        month = self.selected_month()
        self.figures = figures = period_figures(month.first_day, month.next().first_day)
        rows = reports.key_figures(figures)
        self.figures_table.setRowCount(len(rows))
        for row, (label, value) in enumerate(rows):
            self.figures_table.setItem(row, 0, QTableWidgetItem(label))
            self.figures_table.setItem(row, 1, QTableWidgetItem(value))
        categories = sorted(figures.by_category.items(), key=lambda kv: (-kv[1], kv[0]))
        self.category_chart.set_items([(category_label(c), n) for c, n in categories])
        self.day_chart.set_items(
            [
                (str(day.day) if day.day % 5 == 0 or day.day == 1 else "", n)
                for day, n in figures.by_day.items()
            ]
        )
        self.agents_table.setRowCount(len(figures.agents))
        for row, agent in enumerate(figures.agents):
            values = [
                agent.name,
                agent.employee_no,
                str(agent.received),
                str(agent.resolved),
                agent.on_time.percent(),
                reports._hours(agent.average_handling_hours),
                reports._score(agent.satisfaction_mean),
            ]
            for column, value in enumerate(values):
                self.agents_table.setItem(row, column, QTableWidgetItem(value))

    def print_summary(self) -> None:
        month = self.selected_month()
        suggested = str(Path.home() / f"monthly-summary-{month}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the monthly summary"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return

        def work(progress) -> Path:
            progress(0, 0)
            return reports.print_monthly_report(month, Path(path))

        run_with_progress(
            self,
            self.tr("Printing the monthly summary…"),
            work,
            lambda result: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result))),
        )


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return ReportsPage(ctx, parent)
