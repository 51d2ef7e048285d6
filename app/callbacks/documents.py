"""The printed callback list 回访清单 and the export of callback tasks (CSV / XLSX)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from app import pdf, tabular
from app.callbacks.labels import kind_label, satisfaction_label, status_label
from app.callbacks.lists import TaskFilter, TaskRow, count_tasks, iter_rows
from app.callbacks.workflow import OPEN_STATUSES, STATUSES
from app.clock import now
from app.contacts import display_contact
from app.errors import NotFound, ValidationError
from app.i18n import translate
from models import User

STATUSES_CLOSED = tuple(s for s in STATUSES if s not in OPEN_STATUSES)

Progress = Callable[[int, int], None]
PAGE = 500


def agent_by_login(login: str | None) -> User | None:
    if not login:
        return None
    user = User.get_or_none(User.login == login.strip())
    if user is None:
        raise NotFound(
            translate("Callbacks", "No user with the login {login}.").format(login=login)
        )
    return user


def period_text(date_from: dt.date, days: int) -> str:
    if days <= 1:
        return date_from.isoformat()
    return f"{date_from.isoformat()} – {(date_from + dt.timedelta(days=days - 1)).isoformat()}"


def _all_rows(flt: TaskFilter, progress: Progress | None = None) -> list[TaskRow]:
    total = count_tasks(flt)
    rows: list[TaskRow] = []
    for batch in iter_rows(flt, PAGE):
        rows += batch
        if progress:
            progress(len(rows), total)
    return rows


def print_list(
    path: Path,
    date_from: dt.date,
    days: int = 1,
    assignee: User | None = None,
    progress: Progress | None = None,
) -> int:
    """A day's or a week's callback list, one section per agent, with space to write results.

    Lists every task due in the period, and first the tasks still open from before it (overdue).
    Returns the row count.
    """
    if days < 1 or days > 31:
        raise ValidationError({"days": translate("Callbacks", "Print 1 to 31 days.")})
    date_to = date_from + dt.timedelta(days=days - 1)
    agent_id = assignee.id if assignee else None
    carried = _all_rows(
        TaskFilter(assignee_id=agent_id, status="open", date_to=date_from - dt.timedelta(days=1))
    )
    rows = carried + _all_rows(
        TaskFilter(assignee_id=agent_id, date_from=date_from, date_to=date_to), progress
    )
    _write_list(
        path,
        rows,
        period=period_text(date_from, days)
        + (f"  {assignee.name} ({assignee.employee_no})" if assignee else ""),
        overdue_before=date_from,
        empty=translate("Callbacks", "No callbacks in this period."),
    )
    return len(rows)


def filter_text(flt: TaskFilter) -> str:
    """What a filtered list holds, in words: agent, kind, status, on-site, overdue from earlier."""
    parts: list[str] = []
    if flt.assignee_id is not None:
        agent = User.get_or_none(User.id == flt.assignee_id)
        if agent is not None:
            parts.append(f"{agent.name} ({agent.employee_no})")
    else:
        parts.append(translate("Callbacks", "All agents"))
    if flt.kind:
        parts.append(kind_label(flt.kind))
    if flt.status == "open":
        parts.append(translate("Callbacks", "Open (pending or rescheduled)"))
    elif flt.status:
        parts.append(status_label(flt.status))
    if flt.onsite_only:
        parts.append(translate("Callbacks", "On-site visit needed"))
    if flt.date_from is not None and flt.date_to is not None:
        parts.append(
            translate("Callbacks", "due {start} to {end}").format(
                start=flt.date_from.isoformat(), end=flt.date_to.isoformat()
            )
        )
    elif flt.date_from is not None:
        parts.append(translate("Callbacks", "due from {start}").format(start=flt.date_from))
    elif flt.date_to is not None:
        parts.append(translate("Callbacks", "due until {end}").format(end=flt.date_to))
    if flt.include_overdue and flt.date_from is not None and flt.status not in STATUSES_CLOSED:
        parts.append(translate("Callbacks", "with the open ones overdue from earlier"))
    return " · ".join(parts)


def print_tasks(path: Path, flt: TaskFilter, progress: Progress | None = None) -> int:
    """The callback list of exactly the tasks matching ``flt`` (what the manager's filtered list
    shows), one section per agent, with the filter written above it. Returns the row count."""
    rows = _all_rows(flt, progress)
    period = ""
    if flt.date_from is not None and flt.date_to is not None:
        period = period_text(flt.date_from, (flt.date_to - flt.date_from).days + 1)
    _write_list(
        path,
        rows,
        period=period,
        overdue_before=now().date(),
        empty=translate("Callbacks", "No callbacks match this filter."),
        heading=filter_text(flt),
    )
    return len(rows)


def _write_list(
    path: Path,
    rows: list[TaskRow],
    *,
    period: str,
    overdue_before: dt.date,
    empty: str,
    heading: str = "",
) -> None:
    rows = sorted(rows, key=lambda r: (r.assignee_name, r.due_at, r.id))
    styles = pdf.styles()
    headers = [
        translate("Callbacks", "Due"),
        translate("Callbacks", "Customer"),
        translate("Callbacks", "Phone"),
        translate("Callbacks", "Kind"),
        translate("Callbacks", "Reason / record"),
        translate("Callbacks", "Status"),
        translate("Callbacks", "Result"),
    ]
    widths = [22 * mm, 40 * mm, 27 * mm, 17 * mm, 60 * mm, 22 * mm, 85 * mm]
    story: list = []
    if heading:
        story.append(Paragraph(escape(heading), styles["body"]))
        story.append(Spacer(1, 3 * mm))
    groups: dict[str, list[TaskRow]] = {}
    for row in rows:
        groups.setdefault(row.assignee_name or translate("Callbacks", "Unassigned"), []).append(row)
    if not groups:
        story.append(Paragraph(empty, styles["body"]))
    for name, group in groups.items():
        story.append(
            Paragraph(
                translate("Callbacks", "{agent}: {n} callback(s)").format(agent=name, n=len(group)),
                styles["h2"],
            )
        )
        data: list[list] = [headers]
        for row in group:
            outcome = status_label(row.status)
            if row.status in OPEN_STATUSES and row.due_at.date() < overdue_before:
                outcome = translate("Callbacks", "Overdue")
            if row.satisfaction:
                outcome += "\n" + satisfaction_label(row.satisfaction)
            reason = row.reason + (f"\n{row.related}" if row.related else "")
            data.append(
                [
                    row.due_at.strftime("%m-%d %H:%M"),
                    row.customer_name,
                    display_contact(row.phone) if row.phone else "",
                    kind_label(row.kind),
                    reason,
                    outcome,
                    translate("Callbacks", "□ reached  □ no answer  □ wrong no.  □ later") + "\n\n",
                ]
            )
        story.append(pdf.make_table(data, widths))
        story.append(Spacer(1, 4 * mm))
    pdf.build_pdf(
        path,
        story,
        title=translate("Callbacks", "Callback list"),
        period=period,
        landscape=True,
    )


EXPORT_HEADERS = (
    "id",
    "kind",
    "status",
    "due_at",
    "customer",
    "phone",
    "reason",
    "related",
    "assignee",
    "attempts",
    "satisfaction",
    "onsite_needed",
    "opinions",
    "survey",
    "completed_at",
)


def export_tasks(path: Path, flt: TaskFilter, progress: Progress | None = None) -> int:
    """Write the tasks matching ``flt`` to CSV or XLSX; codes stay codes. Returns the row count."""
    path = Path(path)
    tabular.check_suffix(path)
    rows = _all_rows(flt, progress)
    logins = {u.id: u.login for u in User.select(User.id, User.login)}

    def survey_text(raw: str) -> str:
        try:
            answers = json.loads(raw or "{}")
        except ValueError:
            return ""
        return "; ".join(f"{q} {a}" for q, a in answers.items())

    out = []
    for r in rows:
        out.append(
            [
                r.id,
                r.kind,
                r.status,
                r.due_at,
                r.customer_name,
                r.phone,
                r.reason,
                r.related,
                logins.get(r.assignee_id, "") if r.assignee_id else "",
                r.attempts,
                r.satisfaction if r.satisfaction is not None else "",
                "yes" if r.onsite_needed else "",
                r.opinions,
                survey_text(r.survey),
                r.completed_at,
            ]
        )
    return tabular.write_table(path, list(EXPORT_HEADERS), out)
