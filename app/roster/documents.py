"""Printed roster 值班表, the swap registration form 换班登记表, and the swaps export."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle

from app import pdf, tabular
from app.errors import NotFound
from app.i18n import translate
from app.roster import public_holidays, rules, swaps
from app.roster.roster import ON_LEAVE, OVERLAP, is_changed, month_roster, weekday_label
from app.roster.shifts import short_label
from models import SwapRequest, User


def _weekday(index: int) -> str:
    return weekday_label(index)


def print_roster(year: int, month: int, path: Path) -> Path:
    """The month's roster on landscape A4: people by days, holidays shaded, a legend below."""
    data = month_roster(year, month)
    header = [translate("Roster", "Name")] + [
        f"{d.on_date.day}\n{_weekday(d.on_date.weekday())}" for d in data.days
    ]
    rows: list[list[str]] = [header]
    for person in data.people:
        row = [f"{person.name}\n{person.employee_no}"]
        for d in data.days:
            entries = data.cells.get((person.id, d.on_date), [])
            text = "".join(short_label(e.shift) for e in entries)
            if any(is_changed(e) for e in entries):
                text += "*"
            flags = data.flags.get((person.id, d.on_date), set())
            if ON_LEAVE in flags:
                text += "!"
            if OVERLAP in flags:
                text += "#"
            row.append(text)
        rows.append(row)
    name_width = 26 * mm
    day_width = (297 - 24) * mm - name_width
    widths = [name_width] + [day_width / len(data.days)] * len(data.days)
    table = pdf.make_table(rows, widths, zebra=False)
    commands = []
    for col, d in enumerate(data.days, start=1):
        if d.is_holiday:
            commands.append(("BACKGROUND", (col, 1), (col, -1), colors.HexColor("#fde2e2")))
        elif d.kind == public_holidays.ADJUSTED_WORKDAY:
            commands.append(("BACKGROUND", (col, 1), (col, -1), colors.HexColor("#e3f0ff")))
        elif d.kind == public_holidays.WEEKEND:
            commands.append(("BACKGROUND", (col, 1), (col, -1), colors.HexColor("#f0f0f0")))
    if commands:
        table.setStyle(TableStyle(commands))
    legend = [f"{short_label(s)} = {s.name} {s.segments.replace(',', ', ')}" for s in data.shifts]
    notes = [
        translate(
            "Roster",
            "* changed by a swap or a leave substitute; ! shift during approved leave; "
            "# overlapping shifts",
        ),
        translate(
            "Roster", "Red columns: public holidays; blue columns: adjusted working days (调休)."
        ),
    ]
    holidays = [
        f"{d.on_date:%m-%d} {d.name}"
        for d in data.days
        if d.is_holiday or d.kind == public_holidays.ADJUSTED_WORKDAY
    ]
    # a list as the reader's language writes one ("；" in Chinese, "; " in English)
    separator = translate("Roster", "; ")
    story = [
        table,
        Spacer(1, 4 * mm),
        pdf.para(separator.join(legend), "small"),
        pdf.para(" ".join(notes), "small"),
    ]
    if holidays:
        story.append(pdf.para(separator.join(holidays), "small"))
    story += [
        Spacer(1, 8 * mm),
        pdf.para(
            translate(
                "Roster",
                "Prepared by: ______________    Department manager: ______________    "
                "Date: ______________",
            ),
            "body",
        ),
    ]
    title = translate("Roster", "Duty roster")
    return pdf.build_pdf(
        path, story, title=title, period=f"{year}-{month:02d}", landscape=True, margins_mm=12
    )


def print_swap_form(swap_id: int, path: Path) -> Path:
    """The swap registration form with both names and shifts, reason, rules, decision, signatures."""
    swap = SwapRequest.get_or_none(SwapRequest.id == swap_id)
    if swap is None:
        raise NotFound(translate("Swaps", "No swap with the number {id}.").format(id=swap_id))
    requester, colleague = swap.requester, swap.colleague
    details = [
        [
            translate("Swaps", "Swap no."),
            str(swap.id),
            translate("Swaps", "State"),
            swaps.state_label(swap.status),
        ],
        [
            translate("Swaps", "Requester"),
            f"{requester.name}（{requester.employee_no}）",
            translate("Swaps", "Colleague"),
            f"{colleague.name}（{colleague.employee_no}）",
        ],
        [
            translate("Swaps", "Shift given"),
            f"{swap.give_date:%Y-%m-%d} {swap.give_shift.name} {swap.give_shift.segments}",
            translate("Swaps", "Shift returned"),
            f"{swap.return_date:%Y-%m-%d} {swap.return_shift.name} {swap.return_shift.segments}",
        ],
        [
            translate("Swaps", "Asked at"),
            f"{swap.created_at:%Y-%m-%d %H:%M}",
            translate("Swaps", "Accepted at"),
            f"{swap.colleague_answered_at:%Y-%m-%d %H:%M}" if swap.colleague_answered_at else "",
        ],
        [translate("Swaps", "Reason"), swap.reason, "", ""],
    ]
    width = (210 - 24) * mm
    info = pdf.make_table(
        details,
        [28 * mm, width / 2 - 28 * mm, 28 * mm, width / 2 - 28 * mm],
        header_rows=0,
        zebra=False,
    )
    info.setStyle(TableStyle([("SPAN", (1, 4), (3, 4))]))
    results = swaps.current_results(swap)
    rule_rows = [
        [
            translate("Swaps", "Rule"),
            translate("Swaps", "Result"),
            translate("Swaps", "Explanation"),
        ]
    ]
    for r in results:
        rule_rows.append([f"{r.rule}. {r.title}", rules.status_label(r.status), r.explanation])
    rule_table = pdf.make_table(rule_rows, [48 * mm, 18 * mm, width - 66 * mm])
    decision_text = swaps.state_label(swap.status)
    decider = swap.decided_by
    if decider is not None:
        decision_text += "  " + translate("Swaps", "by {name} at {at}").format(
            name=decider.name, at=f"{swap.decided_at:%Y-%m-%d %H:%M}"
        )
    decision = [
        [translate("Swaps", "Decision"), decision_text],
        [translate("Swaps", "Decision reason"), swap.decision_reason],
        [translate("Swaps", "Exception granted for a failed rule"), swap.override_reason],
    ]
    decision_table = pdf.make_table(
        decision, [48 * mm, width - 48 * mm], header_rows=0, zebra=False
    )
    signature = [
        [
            translate("Swaps", "Requester's signature:"),
            translate("Swaps", "Colleague's signature:"),
            translate("Swaps", "Department manager's signature:"),
        ],
        [translate("Swaps", "Date:"), translate("Swaps", "Date:"), translate("Swaps", "Date:")],
    ]
    sig_table = pdf.make_table(signature, [width / 3] * 3, header_rows=0, zebra=False)
    sig_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0, colors.white),
                ("TOPPADDING", (0, 0), (-1, -1), 10 * mm),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    title = translate("Swaps", "Shift swap registration form")
    story = [
        Spacer(1, 2 * mm),
        info,
        Spacer(1, 5 * mm),
        pdf.para(translate("Swaps", "Rules of the regulation"), "h2"),
        rule_table,
        Spacer(1, 5 * mm),
        decision_table,
        Spacer(1, 6 * mm),
        pdf.para(
            translate(
                "Swaps",
                "The swap takes effect only after the department manager signs. Both sides hand "
                "over clearly; a shift left empty counts as an absence for both.",
            ),
            "small",
        ),
        sig_table,
    ]
    return pdf.build_pdf(path, story, title=title, period=f"{swap.give_date:%Y-%m}", headline=True)


def swap_headers() -> list[str]:
    return [
        translate("Swaps", "Swap no."),
        translate("Swaps", "State"),
        translate("Swaps", "Requester"),
        translate("Swaps", "Requester's employee no."),
        translate("Swaps", "Colleague"),
        translate("Swaps", "Colleague's employee no."),
        translate("Swaps", "Date given"),
        translate("Swaps", "Shift given"),
        translate("Swaps", "Date returned"),
        translate("Swaps", "Shift returned"),
        translate("Swaps", "Reason"),
        translate("Swaps", "Rules not met"),
        translate("Swaps", "Decided by"),
        translate("Swaps", "Decided at"),
        translate("Swaps", "Decision reason"),
        translate("Swaps", "Exception reason"),
        translate("Swaps", "Asked at"),
    ]


def _name(user: User | None) -> str:
    return user.name if user is not None else ""


def export_swaps(path: Path, year: int | None = None, month: int | None = None) -> int:
    """Write the swaps (of one month, else all) to CSV or XLSX; returns the number of rows."""
    tabular.check_suffix(Path(path))
    rows = []
    for swap in swaps.swaps_in_month(year, month):
        failed = rules.failed_rules(swaps.current_results(swap))
        rows.append(
            [
                swap.id,
                swaps.state_label(swap.status),
                swap.requester.name,
                swap.requester.employee_no,
                swap.colleague.name,
                swap.colleague.employee_no,
                swap.give_date,
                swap.give_shift.name,
                swap.return_date,
                swap.return_shift.name,
                swap.reason,
                ", ".join(str(r.rule) for r in failed),
                _name(swap.decided_by),
                swap.decided_at,
                swap.decision_reason,
                swap.override_reason,
                swap.created_at,
            ]
        )
    tabular.write_table(Path(path), swap_headers(), rows)
    return len(rows)
