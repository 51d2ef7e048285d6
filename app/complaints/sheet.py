"""Printed complaint documents: the monthly complaint sheet 月度投诉登记表 (A4 landscape) and the
one-page record of a single complaint."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import peewee
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app import figures as catalogue
from app import pdf
from app.clock import Month
from app.complaints import labels, registry, service
from app.complaints.transfer import progress_text
from app.contacts import display_contact
from app.figures import SHEET, Figures
from app.i18n import translate
from models import Complaint, ProgressStep, User


def _time(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def month_title(month: Month) -> str:
    return translate("ComplaintSheet", "{year}-{month:02d}").format(
        year=month.year, month=month.month
    )


def sheet_title() -> str:
    return translate("ComplaintSheet", "Monthly complaint sheet")


def record_title() -> str:
    return translate("ComplaintSheet", "Complaint record")


def print_monthly_sheet(
    path: Path, month: Month, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Every complaint received in ``month``, in number order, with the month's totals from the
    figure catalogue at the end (the same figures as the monthly summary, counted to the month's
    cut-off); a row is marked overdue when the totals count it so."""
    complaints = list(registry.complaints_of_month(month))
    figures = catalogue.compute(month)
    overdue = catalogue.overdue_at_cutoff_ids(figures.basis)
    steps: dict[int, list[ProgressStep]] = defaultdict(list)
    start, end = month.start, month.end
    step_query = (
        ProgressStep.select(ProgressStep, User)
        .join(User, peewee.JOIN.LEFT_OUTER)
        .switch(ProgressStep)
        .join(Complaint)
        .where(Complaint.received_at >= start, Complaint.received_at < end)
        .order_by(ProgressStep.at, ProgressStep.id)
    )
    for step in step_query:
        steps[step.complaint_id].append(step)
    headers = [
        translate("ComplaintSheet", "No."),
        translate("ComplaintSheet", "Received"),
        translate("ComplaintSheet", "Complainant"),
        translate("ComplaintSheet", "Contact"),
        translate("ComplaintSheet", "Category"),
        translate("ComplaintSheet", "Content"),
        translate("ComplaintSheet", "Handler"),
        translate("ComplaintSheet", "Progress"),
        translate("ComplaintSheet", "Result"),
        translate("ComplaintSheet", "Satisfaction"),
        translate("ComplaintSheet", "Status"),
    ]
    handlers = {u.id: u.name for u in User.select(User.id, User.name)}
    data: list[list[str]] = [headers]
    total = len(complaints)
    for index, c in enumerate(complaints, start=1):
        status = labels.status_label(c.status)
        if c.voided:
            status += translate("ComplaintSheet", " (void)")
        elif c.id in overdue:
            status += translate("ComplaintSheet", " (overdue)")
        data.append(
            [
                c.number,
                _time(c.received_at),
                c.complainant,
                display_contact(c.contact),
                labels.category_label(c.category),
                c.content,
                handlers.get(c.handler_id, "") if c.handler_id else "",
                progress_text(steps.get(c.id, [])),
                c.result,
                labels.satisfaction_label(c.satisfaction),
                status,
            ]
        )
        if progress is not None and index % 100 == 0:
            progress(index, total)
    widths = [x * mm for x in (22, 19, 17, 22, 14, 46, 14, 52, 31, 17, 17)]
    s = pdf.styles()
    story: list = []
    if complaints:
        # a long complaint continues on the next page under its number marked 续; the totals
        # stay with the last rows
        table = pdf.make_table(data, widths, continued_column=0)
        story += pdf.table_then(table, _totals(figures, s), keep_rows=2)
    else:
        story.append(
            Paragraph(
                translate("ComplaintSheet", "No complaints were received in this month."), s["body"]
            )
        )
        story += _totals(figures, s)
    period = month_title(month)
    return pdf.build_pdf(
        Path(path),
        story,
        title=sheet_title(),
        period=period,
        landscape=True,
        headline=True,
    )


def _totals(figures: Figures, s: dict) -> list:
    """The month's figures from the catalogue, each with its definition as a numbered note."""
    notes: list[str] = []

    def mark(label: str, definition: str) -> str:
        if definition not in notes:
            notes.append(definition)
        return f"{label} [{notes.index(definition) + 1}]"

    out: list = [
        Spacer(1, 5 * mm),
        Paragraph(translate("ComplaintSheet", "Totals"), s["h2"]),
        Paragraph(catalogue.cutoff_text(figures.basis), s["small"]),
    ]
    rows = [[translate("ComplaintSheet", "Figure"), translate("ComplaintSheet", "Value")]]
    rows += [[mark(r.label, r.definition), r.value] for r in catalogue.rows(figures, SHEET)]
    totals = pdf.make_table(rows, [70 * mm, 40 * mm])
    counts = figures["by_category"]
    codes = [*service.categories()]
    codes += [code for code in counts if code not in codes]
    rows = [
        [
            mark(translate("ComplaintSheet", "Category"), figures.explain("by_category")),
            translate("ComplaintSheet", "Complaints"),
        ]
    ]
    rows += [[labels.category_label(code), str(counts.get(code, 0))] for code in codes]
    by_category = pdf.make_table(rows, [60 * mm, 30 * mm])
    side_by_side = Table([[totals, by_category]], colWidths=[118 * mm, 92 * mm], hAlign="LEFT")
    side_by_side.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out.append(side_by_side)
    out.append(Spacer(1, 3 * mm))
    out += [Paragraph(f"[{n}] {text}", s["small"]) for n, text in enumerate(notes, start=1)]
    return out


def print_complaint_record(path: Path, complaint_id: int) -> Path:
    """One complaint on one page: the fields, the timeline, the result and the satisfaction."""
    c = service.get_complaint(complaint_id)
    s = pdf.styles()
    handler_user = c.handler if c.handler_id else None
    handler = f"{handler_user.name}（{handler_user.employee_no}）" if handler_user else ""
    fields = [
        [
            translate("ComplaintSheet", "No."),
            c.number,
            translate("ComplaintSheet", "Status"),
            labels.status_label(c.status),
        ],
        [
            translate("ComplaintSheet", "Received"),
            _time(c.received_at),
            translate("ComplaintSheet", "Channel"),
            labels.channel_label(c.channel),
        ],
        [
            translate("ComplaintSheet", "Complainant"),
            c.complainant,
            translate("ComplaintSheet", "Contact"),
            display_contact(c.contact),
        ],
        [
            translate("ComplaintSheet", "Category"),
            labels.category_label(c.category),
            translate("ComplaintSheet", "Severity"),
            labels.severity_label(c.severity),
        ],
        [
            translate("ComplaintSheet", "Order number"),
            c.order_no,
            translate("ComplaintSheet", "Handler"),
            handler,
        ],
        [
            translate("ComplaintSheet", "Promised by"),
            _time(c.promised_at),
            translate("ComplaintSheet", "Resolved at"),
            _time(c.resolved_at),
        ],
    ]
    table = pdf.make_table(fields, [28 * mm, 62 * mm, 28 * mm, 62 * mm], header_rows=0)
    story: list = [
        Spacer(1, 1 * mm),
        table,
        Paragraph(translate("ComplaintSheet", "Content"), s["h2"]),
        pdf.para(c.content, "body"),
        Paragraph(translate("ComplaintSheet", "Progress"), s["h2"]),
    ]
    steps = service.steps_of(c.id)
    if steps:
        rows = [
            [
                translate("ComplaintSheet", "Time"),
                translate("ComplaintSheet", "Step"),
                translate("ComplaintSheet", "By"),
                translate("ComplaintSheet", "Note"),
            ]
        ]
        rows += [
            [
                _time(st.at),
                labels.step_label(st.kind),
                service.step_author(st),
                service.step_text(st),
            ]
            for st in steps
        ]
        story.append(pdf.make_table(rows, [30 * mm, 26 * mm, 22 * mm, 102 * mm]))
    else:
        story.append(pdf.para(translate("ComplaintSheet", "No steps yet."), "body"))
    principles = service.principles_of(c)
    story += [
        Paragraph(translate("ComplaintSheet", "Handling principles"), s["h2"]),
        pdf.para(
            "\n".join(
                ("■ " if code in principles else "□ ") + labels.principle_label(code)
                for code in labels.PRINCIPLES
            ),
            "body",
        ),
        Paragraph(translate("ComplaintSheet", "Result"), s["h2"]),
        pdf.para(c.result or "-", "body"),
        Paragraph(translate("ComplaintSheet", "Customer satisfaction"), s["h2"]),
        pdf.para(labels.satisfaction_label(c.satisfaction) or "-", "body"),
    ]
    return pdf.build_pdf(
        Path(path),
        story,
        title=record_title(),
        period=c.number,
        headline=True,
    )
