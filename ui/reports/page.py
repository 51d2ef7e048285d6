"""The reports area 报表: a month's figures from the catalogue (each with its definition as its
tooltip), charts by category and by day, the breakdowns by channel, severity and week, the agents'
figures, and the printed monthly summary."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QDate, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import auth, figures
from app.clock import Month
from app.figures import Figures
from app.i18n import translate
from ui import printing
from ui.context import UiContext
from ui.month_print import MonthPrintDialog
from ui.operations import query
from ui.tables import WrappedTitles

FIGURE_PAIRS = 2  # the key figures in this many pairs of columns (figure, value)
MOST_AGENT_ROWS = 12  # the agents' table shows this many rows whole, a bigger team scrolls


def fit_height(table: QTableWidget, most_rows: int) -> None:
    """The table as high as its header and rows (at most ``most_rows`` of them), no more."""
    header = table.horizontalHeader()
    rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), most_rows)))
    height = header.sizeHint().height() + rows + 2 * table.frameWidth()
    if header.length() > table.viewport().width():  # columns wider than the table: it scrolls
        height += table.horizontalScrollBar().sizeHint().height()
    table.setFixedHeight(height)


def fit_width(table: QTableWidget) -> None:
    """The table at least as wide as its columns sized to their content, beside a vertical
    scrollbar: every figure and value whole, without scrolling sideways."""
    table.resizeColumnsToContents()
    scrollbar = table.verticalScrollBar().sizeHint().width()
    table.setMinimumWidth(table.horizontalHeader().length() + 2 * table.frameWidth() + scrollbar)


def _reports() -> ModuleType:
    """The monthly report, loaded (with the PDF library) when the page is built."""
    return importlib.import_module("app.reports")


class BarChart(QWidget):
    """A plain bar chart from 0: labels under (vertical) or beside (horizontal) the bars, each bar
    with its value."""

    def __init__(self, horizontal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.items: list[tuple[str, int]] = []
        self.setMinimumHeight(100)  # the page fits a 1366×768 laptop; bars grow with the window
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
        if not any(n for _, n in self.items):  # nothing to chart: say so in words
            painter.setPen(QColor("#888"))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.tr("No data"))
            return
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
                painter.drawText(  # each bar's value above it
                    QRectF(
                        left - 10, base - height - metrics.height(), column + 20, metrics.height()
                    ),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                    str(n),
                )
                if label:
                    painter.drawText(
                        QRectF(left - 10, base + 2, column + 20, metrics.height()),
                        int(Qt.AlignmentFlag.AlignHCenter),
                        label,
                    )
        painter.end()


class ReportsPage(QWidget):
    """The figures of one month from the catalogue, read off the GUI thread; each figure's
    definition is its tooltip. ``loaded`` is emitted when a month's figures are shown."""

    loaded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: Figures | None = None
        self.agent_rows: list[figures.AgentRow] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month")))
        default = Month.report_default()
        self.month = QDateEdit(QDate(default.year, default.month, 1))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        bar.addWidget(self.month)
        self.cutoff_label = QLabel()
        self.cutoff_label.setObjectName("cutoff")
        self.cutoff_label.setStyleSheet("color: #555")
        bar.addWidget(self.cutoff_label)
        self.print_button = QPushButton(self.tr("Print monthly summary…"))
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        # the page fits a 1366x768 laptop whole: the key figures in two pairs of columns beside
        # the charts (the breakdowns a tab behind them), the agents' table below with every row
        # and (its titles on two lines) every column
        self.figures_table = self._table([self.tr("Figure"), self.tr("Value")] * FIGURE_PAIRS)
        self.figures_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.figures_table.horizontalHeader().setStretchLastSection(True)
        self.agent_figures = _reports().agent_columns()
        self.agents_table = self._table(
            [self.tr("Agent"), self.tr("Employee no.")] + [f.title() for f in self.agent_figures]
        )
        self.agent_titles = WrappedTitles(self.agents_table)  # a column per figure
        self.breakdown_table = self._table([self.tr("Group"), self.tr("Value"), self.tr("Number")])
        self.category_chart = BarChart(horizontal=True)
        self.day_chart = BarChart(horizontal=False)
        self.category_box = self._box(self.tr("Complaints by category"), self.category_chart)
        self.day_box = self._box(self.tr("Complaints by day"), self.day_chart)
        charts = QWidget()
        chart_column = QVBoxLayout(charts)
        chart_column.setContentsMargins(4, 4, 4, 4)
        chart_column.addWidget(self.category_box, 1)
        chart_column.addWidget(self.day_box, 1)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("report_tabs")
        self.side_tabs.addTab(charts, self.tr("Charts"))
        self.side_tabs.addTab(self.breakdown_table, self.tr("By channel, severity and week"))
        top = QHBoxLayout()
        top.addWidget(self._box(self.tr("Key figures"), self.figures_table))
        top.addWidget(self.side_tabs, 1)
        layout.addLayout(top, 1)
        self.agents_box = self._box(self.tr("Agents"), self.agents_table)
        layout.addWidget(self.agents_box)
        self.agents_box.setVisible(auth.can(ctx.user, "reports.view"))
        self.month.dateChanged.connect(self.refresh)
        self.print_button.clicked.connect(self.print_summary)
        self.print_button.setEnabled(auth.can(ctx.user, "reports.view"))
        self.print_dialog: MonthPrintDialog | None = None
        self.last_pdf: Path | None = None
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

    def selected_month(self) -> Month:
        date = self.month.date()
        return Month(date.year(), date.month())

    def refresh(self) -> None:
        """Read the chosen month's figures off the GUI thread; the newest request is shown."""
        month = self.selected_month()
        with_agents = auth.can(self.ctx.user, "reports.view")

        def work() -> tuple[Figures, list[figures.AgentRow]]:
            computed = figures.compute(month)
            return computed, figures.agents(computed) if with_agents else []

        query(self, work, done=lambda result: self._show(*result), slot="figures")

    def _show(self, computed: Figures, agents: list[figures.AgentRow]) -> None:
        self.figures = computed
        self.agent_rows = agents
        basis = computed.basis
        self.cutoff_label.setText(figures.cutoff_text(basis))
        self.category_box.setToolTip(computed.explain("by_category"))
        self.day_box.setToolTip(computed.explain("by_day"))
        for column, f in enumerate(self.agent_figures, start=2):
            self.agents_table.horizontalHeaderItem(column).setToolTip(computed.explain(f.key))
        rows = _reports().key_figures(computed) + figures.rows(computed, figures.SCREEN)
        # read down the first pair of columns, then down the second
        lines = -(-len(rows) // FIGURE_PAIRS)
        self.figures_table.clearContents()
        self.figures_table.setRowCount(lines)
        for index, row in enumerate(rows):
            for column, text in enumerate((row.label, row.value)):
                item = QTableWidgetItem(text)
                item.setToolTip(row.definition)
                item.setData(Qt.ItemDataRole.UserRole, row.key)
                self.figures_table.setItem(index % lines, 2 * (index // lines) + column, item)
        fit_width(self.figures_table)
        categories = list(computed["by_category"].items())
        self.category_chart.set_items(
            [(figures.breakdown_label("by_category", c), n) for c, n in categories]
        )
        self.day_chart.set_items(
            [
                (str(day.day) if day.day % 5 == 0 or day.day == 1 else "", n)
                for day, n in computed["by_day"].items()
            ]
        )
        breakdown = [
            (figures.CATALOGUE[key], code, n)
            for key in (
                "by_channel",
                "by_severity",
                "by_week",
                "contacts_by_channel",
                "contacts_by_topic",
            )
            for code, n in computed[key].items()
        ]
        self.breakdown_table.setRowCount(len(breakdown))
        for index, (f, code, n) in enumerate(breakdown):
            texts = (f.title(), figures.breakdown_label(f.key, code), str(n))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(computed.explain(f.key))
                self.breakdown_table.setItem(index, column, item)
        self.agents_table.setRowCount(len(agents))
        for index, agent in enumerate(agents):
            values = [agent.name, agent.employee_no] + [
                figures.text(f.key, agent.figures[f.key]) for f in self.agent_figures
            ]
            for column, value in enumerate(values):
                self.agents_table.setItem(index, column, QTableWidgetItem(value))
        self.fit_agents()
        self.loaded.emit()

    def fit_agents(self) -> None:
        """Every agent's row and every column of the agents' table in view where the page's
        width allows (the titles wrapping as needed)."""
        self.agent_titles.fit()
        fit_height(self.agents_table, MOST_AGENT_ROWS)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.agent_rows:
            QTimer.singleShot(0, self, self.fit_agents)  # once the table has its new width

    def print_summary(self) -> MonthPrintDialog:
        """Ask which month (the one shown) and whether to open or save, then print."""
        dialog = MonthPrintDialog(self.tr("Print the monthly summary"), self.selected_month(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._print(dialog.chosen_month(), dialog.action))
        self.print_dialog = dialog
        dialog.open()
        return dialog

    def _print(self, month: Month, action: str) -> None:
        title = translate("Reports", "Monthly complaint summary")
        document = printing.Document(
            f"{title} {importlib.import_module('app.complaints.sheet').month_title(month)}",
            f"monthly-summary-{month}.pdf",
            lambda path, progress: _reports().print_monthly_report(month, path),
        )
        printing.output(self, document, action, self._printed)

    def _printed(self, path: Path) -> None:
        self.last_pdf = path

    def print_document(self) -> None:
        """Ctrl+P: the monthly summary."""
        self.print_summary()


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return ReportsPage(ctx, parent)
