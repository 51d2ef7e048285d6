"""The printed work summary 工作月报: one agent's month, or every agent's one after another.

For each agent: the month's counts and contact figures, each day of duty with its shift, arrival
and counts, the notes written on the days, the agent's summary and the manager's comment. A4,
the embedded CJK font, the company and the month in the header, page x of y in the footer.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from app import pdf
from app.auth import first_manager
from app.clock import Month
from app.errors import NotFound
from app.i18n import translate
from app.worklog import service
from app.worklog.service import NOTE_FIELDS, PeriodSummary
from models import User


def agent_by_login(login: str | None) -> User | None:
    if not login:
        return None
    user = User.get_or_none(User.login == login.strip())
    if user is None:
        raise NotFound(translate("WorkLog", "No user with the login {login}.").format(login=login))
    return user


def _section(s: PeriodSummary) -> list[Flowable]:
    story: list[Flowable] = [
        pdf.para(
            translate("WorkLog", "{name} ({no}) · {first} – {last}").format(
                name=s.agent_name,
                no=s.employee_no,
                first=s.first_day.isoformat(),
                last=s.last_day.isoformat(),
            ),
            "h2",
        ),
    ]
    totals = [
        [translate("WorkLog", "Count"), translate("WorkLog", "Number")],
        [translate("WorkLog", "Days on duty"), str(s.days_on_duty)],
        [translate("WorkLog", "Days arrived late"), str(s.late_days)],
        *[[service.count_label(k), str(v)] for k, v in s.counts.items()],
    ]
    figures = [
        [translate("WorkLog", "Figure"), translate("WorkLog", "Value")],
        *[[label, value] for _key, label, value in s.figures],
    ]
    story += [
        pdf.make_table(totals, [60 * mm, 25 * mm]),
        Spacer(1, 3 * mm),
        pdf.make_table(figures, [60 * mm, 40 * mm]),
        Spacer(1, 3 * mm),
    ]
    worked = [d for d in s.days if d.shifts or any(v for _k, v in d.counts.items())]
    header = [
        translate("WorkLog", "Date"),
        translate("WorkLog", "Shift"),
        translate("WorkLog", "Arrived"),
        translate("WorkLog", "Early / late"),
        translate("WorkLog", "Contacts"),
        translate("WorkLog", "Complaints reg./res."),
        translate("WorkLog", "Callbacks done/unr."),
        translate("WorkLog", "Swaps"),
        translate("WorkLog", "Handovers"),
    ]
    rows = [
        [
            d.day.strftime("%m-%d"),
            d.shifts,
            d.arrived_at.strftime("%H:%M") if d.arrived_at else "",
            d.arrival,
            str(d.counts.contacts),
            f"{d.counts.complaints_registered}/{d.counts.complaints_resolved}",
            f"{d.counts.callbacks_done}/{d.counts.callbacks_unreachable}",
            str(d.counts.swaps),
            str(d.counts.handovers_written + d.counts.handovers_acknowledged),
        ]
        for d in worked
    ]
    if rows:
        widths = [14, 26, 14, 30, 16, 22, 22, 14, 18]
        story += [pdf.make_table([header, *rows], [w * mm for w in widths]), Spacer(1, 3 * mm)]
    noted = [d for d in s.days if any(d.notes.values())]
    if noted:
        story.append(pdf.para(translate("WorkLog", "Notes of the days"), "h2"))
        story.append(
            pdf.make_table(
                [
                    [translate("WorkLog", "Date"), *[service.note_label(k) for k in NOTE_FIELDS]],
                    *[[d.day.strftime("%m-%d"), *[d.notes[k] for k in NOTE_FIELDS]] for d in noted],
                ],
                [16 * mm, 54 * mm, 54 * mm, 52 * mm],
            )
        )
    story += [
        pdf.para(translate("WorkLog", "The agent's summary"), "h2"),
        pdf.para(s.summary or translate("WorkLog", "(not written)"), "body"),
        pdf.para(translate("WorkLog", "The manager's comment"), "h2"),
        pdf.para(
            (f"{s.comment}\n— {s.commented_by}" if s.comment else "")
            or translate("WorkLog", "(no comment yet)"),
            "body",
        ),
    ]
    return story


def print_work_summary(path: Path, month: Month, agent: User | None = None) -> int:
    """Write the month's work summary of ``agent`` (or of every agent); returns how many."""
    viewer = first_manager() or agent
    if viewer is None:
        raise NotFound(translate("WorkLog", "There is no manager or agent to print for."))
    people = [agent] if agent is not None else service.team(viewer)
    story: list[Flowable] = []
    for index, person in enumerate(people):
        if index:
            story.append(PageBreak())
        summary = service.period_summary(viewer, person.id, "month", month.first_day)
        story += _section(summary)
    if not story:
        story.append(pdf.para(translate("WorkLog", "No agents."), "body"))
    pdf.build_pdf(
        Path(path),
        story,
        title=translate("WorkLog", "Work summary"),
        period=translate("WorkLog", "{year}-{month:02d}").format(
            year=month.year, month=month.month
        ),
    )
    return len(people)
