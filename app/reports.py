"""The monthly summary report 月度投诉汇总报告: the figures of ``app.statistics`` on A4, with charts
by category and by day, the most frequent causes and each agent's figures."""

from __future__ import annotations

import argparse
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app import pdf
from app.cli import Registry, Target, month_argument
from app.clock import Month
from app.complaints.labels import category_label, channel_label, severity_label, status_label
from app.i18n import translate
from app.statistics import PeriodFigures, period_figures

BAR_BLUE = colors.HexColor("#4e79a7")


def _hours(value: float | None) -> str:
    return "—" if value is None else translate("Reports", "{h:.1f} h").format(h=value)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def key_figures(figures: PeriodFigures) -> list[tuple[str, str]]:
    """The headline figures as (label, value) rows, shared by the screen and the PDF."""
    return [
        (translate("Reports", "Complaints received"), str(figures.received)),
        (
            translate("Reports", "Resolution rate"),
            f"{figures.resolution.percent()} ({figures.resolution.numerator}/"
            f"{figures.resolution.denominator})",
        ),
        (translate("Reports", "Average handling time"), _hours(figures.average_handling_hours)),
        (
            translate("Reports", "On-time rate"),
            f"{figures.on_time.percent()} ({figures.on_time.numerator}/"
            f"{figures.on_time.denominator})",
        ),
        (translate("Reports", "Satisfaction (mean of 1–5)"), _score(figures.satisfaction_mean)),
        (translate("Reports", "Share satisfied (4–5)"), figures.satisfied_share.percent()),
        (translate("Reports", "Callback completion"), figures.callback_completion.percent()),
        (translate("Reports", "Callback reach rate"), figures.callback_reach.percent()),
        (translate("Reports", "Overdue now"), str(figures.overdue_now)),
    ]


def _bar_chart(
    labels: list[str],
    values: list[int],
    *,
    width: float,
    height: float,
    horizontal: bool,
    font: str,
) -> Drawing:
    drawing = Drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x = 28 * mm if horizontal else 10 * mm
    chart.y = 8 * mm
    chart.width = width - chart.x - 6 * mm
    chart.height = height - 14 * mm
    chart.data = [values or [0]]
    chart.bars[0].fillColor = BAR_BLUE
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    if not horizontal:
        chart.categoryAxis.labels.angle = 0
        chart.barSpacing = 0.5
    drawing.add(chart)
    return drawing


def _titled(title: str, drawing: Drawing, font: str) -> Drawing:
    drawing.add(String(0, drawing.height - 8, title, fontName=font, fontSize=9))
    return drawing


def story_for(figures: PeriodFigures) -> list[Flowable]:
    font = pdf.font_name()
    story: list[Flowable] = [
        pdf.para(translate("Reports", "Monthly complaint summary"), "title"),
        Spacer(1, 4 * mm),
        pdf.make_table(
            [
                [translate("Reports", "Figure"), translate("Reports", "Value")],
                *key_figures(figures),
            ],
            [70 * mm, 60 * mm],
        ),
        Spacer(1, 5 * mm),
    ]
    categories = sorted(figures.by_category.items(), key=lambda kv: (-kv[1], kv[0]))
    story.append(
        _titled(
            translate("Reports", "Complaints by category"),
            _bar_chart(
                [category_label(c) for c, _ in reversed(categories)],
                [n for _, n in reversed(categories)],
                width=180 * mm,
                height=max(45, 9 * len(categories) + 14) * mm * 0.6,
                horizontal=True,
                font=font,
            ),
            font,
        )
    )
    days = list(figures.by_day.items())
    story.append(
        _titled(
            translate("Reports", "Complaints by day"),
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
                    [category_label(c), str(n), f"{n / figures.received * 100:.1f}%"]
                    for c, n in categories
                ],
            ],
            [60 * mm, 30 * mm, 30 * mm],
        ),
        pdf.para(translate("Reports", "By channel, severity and status"), "h2"),
        pdf.make_table(
            [
                [
                    translate("Reports", "Group"),
                    translate("Reports", "Value"),
                    translate("Reports", "Complaints"),
                ],
                *[
                    [translate("Reports", "Channel"), channel_label(k), str(v)]
                    for k, v in sorted(figures.by_channel.items())
                ],
                *[
                    [translate("Reports", "Severity"), severity_label(k), str(v)]
                    for k, v in sorted(figures.by_severity.items())
                ],
                *[
                    [translate("Reports", "Status"), status_label(k), str(v)]
                    for k, v in sorted(figures.by_status.items())
                ],
            ],
            [40 * mm, 50 * mm, 30 * mm],
        ),
        pdf.para(translate("Reports", "Agents"), "h2"),
        pdf.make_table(
            [
                [
                    translate("Reports", "Agent"),
                    translate("Reports", "Employee no."),
                    translate("Reports", "Received"),
                    translate("Reports", "Resolved"),
                    translate("Reports", "On time"),
                    translate("Reports", "Average handling"),
                    translate("Reports", "Satisfaction"),
                ],
                *[
                    [
                        a.name,
                        a.employee_no,
                        str(a.received),
                        str(a.resolved),
                        a.on_time.percent(),
                        _hours(a.average_handling_hours),
                        _score(a.satisfaction_mean),
                    ]
                    for a in figures.agents
                ],
            ],
            [30 * mm, 22 * mm, 20 * mm, 20 * mm, 22 * mm, 30 * mm, 22 * mm],
        ),
    ]
    return story


def print_monthly_report(month: Month, path: Path) -> Path:
    figures = period_figures(month.first_day, month.next().first_day)
    return pdf.build_pdf(
        path,
        story_for(figures),
        title=translate("Reports", "Monthly complaint summary"),
        period=translate("Reports", "{year}-{month:02d}").format(
            year=month.year, month=month.month
        ),
    )


def register(registry: Registry) -> None:
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--month", required=True, type=month_argument, help="YYYY-MM")
        parser.add_argument("-o", "--output", required=True, type=Path)

    def run(args: argparse.Namespace) -> int:
        print(print_monthly_report(args.month, args.output))
        return 0

    registry.add_print(
        Target("monthly-report", "the monthly complaint summary report (PDF)", add_arguments, run)
    )
