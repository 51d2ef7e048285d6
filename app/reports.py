"""The monthly summary report 月度投诉汇总报告: the figures of the catalogue (``app.figures``) on A4,
each with its definition as a numbered note, charts by category and by day, the breakdowns by
channel, severity and week, the most frequent causes and each agent's figures."""

from __future__ import annotations

import argparse
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app import figures as catalogue
from app import pdf
from app.cli import Registry, Target, month_argument
from app.cli_language import add_output_option
from app.clock import Month
from app.complaints.labels import SEVERITIES
from app.figures import AGENTS, SUMMARY, Figures
from app.i18n import translate

BAR_BLUE = colors.HexColor("#4e79a7")
AGENT_COLUMNS_PER_TABLE = 7
# the key figures the summary shows in their own section (the contact register's, and how soon
# complaints are first answered), after the complaint charts
CONTACT_SECTION = frozenset(
    {*catalogue.CONTACT_FIGURES, "complaint_first_response_hours"}
)  # beside the name and the employee number, on A4 portrait


class Notes:
    """Numbered definitions: a figure's label gets ``[n]``, its definition goes in the notes."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def mark(self, label: str, definition: str) -> str:
        if definition not in self.texts:
            self.texts.append(definition)
        return f"{label} [{self.texts.index(definition) + 1}]"

    def flowables(self) -> list[Flowable]:
        if not self.texts:
            return []
        return [
            pdf.para(translate("Reports", "Definitions"), "h2"),
            *[pdf.para(f"[{n}] {text}", "small") for n, text in enumerate(self.texts, start=1)],
        ]


def key_figures(figures: Figures) -> list[catalogue.Row]:
    """The headline figures of the month, shared by the screen and the PDF."""
    return catalogue.rows(figures, SUMMARY)


def axis_top(peak: float) -> tuple[int, int]:
    """A round top for a value axis that starts at 0 and reaches past the longest bar, and its
    step (about five ticks)."""
    if peak <= 0:
        return 1, 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            candidate = step * factor
            if peak * 1.1 / candidate <= 6:
                top = candidate * (int(peak * 1.1 // candidate) + 1)
                return top, candidate
        step *= 10


def _bar_chart(
    labels: list[str],
    values: list[int],
    *,
    width: float,
    height: float,
    horizontal: bool,
    font: str,
) -> Drawing:
    """Bars from 0, each labelled with its value; the value axis reaches past the longest bar."""
    drawing = Drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x = 28 * mm if horizontal else 10 * mm
    chart.y = 8 * mm
    chart.width = width - chart.x - 6 * mm
    chart.height = height - 16 * mm
    chart.data = [values or [0]]
    chart.bars[0].fillColor = BAR_BLUE
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    top, step = axis_top(max(values, default=0))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.forceZero = 1
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6 if not horizontal and len(values) > 12 else 7
    chart.barLabels.boxAnchor = "w" if horizontal else "s"
    chart.barLabels.nudge = 3
    if not horizontal:
        chart.categoryAxis.labels.angle = 0
        chart.barSpacing = 0.5
    drawing.add(chart)
    return drawing


def _titled(title: str, drawing: Drawing, font: str) -> Drawing:
    drawing.add(String(0, drawing.height - 8, title, fontName=font, fontSize=9))
    return drawing


def _breakdown_rows(figures: Figures, key: str, notes: Notes) -> list[list[str]]:
    f = catalogue.CATALOGUE[key]
    group = notes.mark(f.title(), figures.explain(key))
    return [
        [group if index == 0 else "", catalogue.breakdown_label(key, code), str(n)]
        for index, (code, n) in enumerate(figures[key].items())
    ]


def story_for(figures: Figures) -> list[Flowable]:
    font = pdf.font_name()
    notes = Notes()
    received = figures["received"]
    story: list[Flowable] = [
        pdf.para(catalogue.cutoff_text(figures.basis), "small"),
        Spacer(1, 4 * mm),
        pdf.make_table(
            [
                [translate("Reports", "Figure"), translate("Reports", "Value")],
                *[
                    [notes.mark(r.label, r.definition), r.value]
                    for r in key_figures(figures)
                    if r.key not in CONTACT_SECTION
                ],
            ],
            [90 * mm, 60 * mm],
        ),
        Spacer(1, 5 * mm),
    ]
    categories = list(figures["by_category"].items())
    category_figure = catalogue.CATALOGUE["by_category"]
    story.append(
        _titled(
            notes.mark(category_figure.title(), figures.explain("by_category")),
            _bar_chart(
                [catalogue.breakdown_label("by_category", c) for c, _ in reversed(categories)],
                [n for _, n in reversed(categories)],
                width=180 * mm,
                height=max(45, 9 * len(categories) + 14) * mm * 0.6,
                horizontal=True,
                font=font,
            ),
            font,
        )
    )
    severities = figures["by_severity"]
    severity_figure = catalogue.CATALOGUE["by_severity"]
    shown = [*SEVERITIES, *[code for code in severities if code not in SEVERITIES]]
    story.append(
        _titled(
            notes.mark(severity_figure.title(), figures.explain("by_severity")),
            _bar_chart(  # top to bottom in their order: 一般, 严重, 重大
                [catalogue.breakdown_label("by_severity", c) for c in reversed(shown)],
                [severities.get(c, 0) for c in reversed(shown)],
                width=180 * mm,
                height=max(45, 9 * len(shown) + 14) * mm * 0.6,
                horizontal=True,
                font=font,
            ),
            font,
        )
    )
    days = list(figures["by_day"].items())
    day_figure = catalogue.CATALOGUE["by_day"]
    story.append(
        _titled(
            notes.mark(day_figure.title(), figures.explain("by_day")),
            _bar_chart(
                [str(d.day) if d.day % 5 == 0 or d.day == 1 else "" for d, _ in days],
                [n for _, n in days],
                width=180 * mm,
                height=55 * mm,
                horizontal=False,
                font=font,
            ),
            font,
        )
    )
    by_count = sorted(categories, key=lambda kv: (-kv[1], str(kv[0])))
    story += [
        pdf.para(translate("Reports", "Most frequent causes"), "h2"),
        pdf.make_table(
            [
                [
                    translate("Reports", "Category"),
                    translate("Reports", "Complaints"),
                    translate("Reports", "Share"),
                ],
                *[
                    [
                        catalogue.breakdown_label("by_category", c),
                        str(n),
                        f"{n / received * 100:.1f}%",
                    ]
                    for c, n in by_count
                ],
            ],
            [60 * mm, 30 * mm, 30 * mm],
        ),
        pdf.para(translate("Reports", "By channel, severity and week"), "h2"),
        pdf.make_table(
            [
                [
                    translate("Reports", "Group"),
                    translate("Reports", "Value"),
                    translate("Reports", "Complaints"),
                ],
                *_breakdown_rows(figures, "by_channel", notes),
                *_breakdown_rows(figures, "by_severity", notes),
                *_breakdown_rows(figures, "by_week", notes),
            ],
            [60 * mm, 50 * mm, 30 * mm],
        ),
        pdf.para(translate("Reports", "Contacts and response times"), "h2"),
        pdf.make_table(
            [
                [translate("Reports", "Figure"), translate("Reports", "Value")],
                *[
                    [notes.mark(r.label, r.definition), r.value]
                    for r in key_figures(figures)
                    if r.key in CONTACT_SECTION
                ],
            ],
            [90 * mm, 60 * mm],
        ),
        Spacer(1, 3 * mm),
        pdf.make_table(
            [
                [
                    translate("Reports", "Group"),
                    translate("Reports", "Value"),
                    translate("Reports", "Contacts"),
                ],
                *_breakdown_rows(figures, "contacts_by_channel", notes),
                *_breakdown_rows(figures, "contacts_by_topic", notes),
            ],
            [60 * mm, 50 * mm, 30 * mm],
        ),
        pdf.para(translate("Reports", "Agents"), "h2"),
        *agents_tables(figures, notes),
    ]
    return story + notes.flowables()


def agent_columns() -> list[catalogue.Figure]:
    return catalogue.figures_for(AGENTS)


def agents_tables(figures: Figures, notes: Notes) -> list[Flowable]:
    """The agents' figures: one table, or one under the other when there are too many
    columns for the page's width (the complaint figures, then the contact register's)."""
    columns = agent_columns()
    agents = catalogue.agents(figures)
    per_table = AGENT_COLUMNS_PER_TABLE
    tables: list[Flowable] = []
    for start in range(0, len(columns), per_table):
        part = columns[start : start + per_table]
        header = [translate("Reports", "Agent"), translate("Reports", "Employee no.")]
        header += [notes.mark(f.title(), figures.explain(f.key)) for f in part]
        rows = [
            [a.name, a.employee_no, *[catalogue.text(f.key, a.figures[f.key]) for f in part]]
            for a in agents
        ]
        fixed = 22 * mm + 18 * mm
        width = (180 * mm - fixed) / max(len(part), 1)
        tables.append(pdf.make_table([header, *rows], [22 * mm, 18 * mm, *[width] * len(part)]))
        tables.append(Spacer(1, 3 * mm))
    return tables[:-1]


def print_monthly_report(month: Month, path: Path) -> Path:
    figures = catalogue.compute(month)
    return pdf.build_pdf(
        path,
        story_for(figures),
        title=translate("Reports", "Monthly complaint summary"),
        period=translate("Reports", "{year}-{month:02d}").format(
            year=month.year, month=month.month
        ),
        headline=True,
    )


def register(registry: Registry) -> None:
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--month",
            required=True,
            type=month_argument,
            metavar="YYYY-MM",
            help=translate("Cli", "the month"),
        )
        add_output_option(parser, translate("Cli", "FILE.pdf"))

    def run(args: argparse.Namespace) -> int:
        path = print_monthly_report(args.month, args.output)
        print(translate("Cli", "wrote {file}").format(file=path))
        return 0

    registry.add_print(
        Target(
            "monthly-report",
            translate("Cli", "the monthly complaint summary report (PDF)"),
            add_arguments,
            run,
        )
    )
