"""The work log 工作日志: each agent's day, filled from what they did, with their own notes.

The counts are read from the records every time (nothing to keep in step): contacts taken,
complaints registered and resolved, callbacks done and found unreachable, approved swaps whose
shifts fall on the day, handovers written and acknowledged. The duty shift comes from the roster;
the arrival is the first of the day's login and handover acknowledgement, compared with the
start of the first shift (the handover rules ask agents to be there 10–15 minutes early).

The agent writes their notes (problems met, what to hand on, suggestions) on the day itself;
after that only a manager changes them. Weekly and monthly summaries 周报/月报 add up the days,
give the agent's contact figures of the period, and hold the agent's summary text and the
manager's comment.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from app import audit, figures, sentences, validation
from app.auth import active_users, can, require
from app.clock import Month, now
from app.errors import NotFound, PermissionDenied, ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes
from app.roster.shifts import parse_segments
from models import (
    AuditLog,
    CallbackTask,
    Complaint,
    ContactRecord,
    HandoverEntry,
    RosterEntry,
    Shift,
    SwapRequest,
    User,
    WorkLog,
    WorkSummary,
)

ARRIVE_EARLY_MINUTES = 10  # seed 001: arrive 10–15 minutes before the shift
PERIODS = ("week", "month")
NOTE_FIELDS = ("note", "hand_on", "suggestions")
MAX_NOTE = 4000
COUNT_KEYS = (
    "contacts",
    "complaints_registered",
    "complaints_resolved",
    "callbacks_done",
    "callbacks_unreachable",
    "swaps",
    "handovers_written",
    "handovers_acknowledged",
)
# the contact register's figures a summary shows for its agent, in the catalogue's words
SUMMARY_FIGURES = (
    "contacts",
    "orders",
    "conversion_rate",
    "avg_response_seconds",
    "answered_within_15s_rate",
    "avg_contact_minutes",
)


def count_label(key: str) -> str:
    return {
        "contacts": translate("WorkLog", "Contacts taken"),
        "complaints_registered": translate("WorkLog", "Complaints registered"),
        "complaints_resolved": translate("WorkLog", "Complaints resolved"),
        "callbacks_done": translate("WorkLog", "Callbacks done"),
        "callbacks_unreachable": translate("WorkLog", "Callbacks unreachable"),
        "swaps": translate("WorkLog", "Shift swaps"),
        "handovers_written": translate("WorkLog", "Handovers written"),
        "handovers_acknowledged": translate("WorkLog", "Handovers acknowledged"),
    }.get(key, key)


def note_label(key: str) -> str:
    return {
        "note": translate("WorkLog", "Problems met"),
        "hand_on": translate("WorkLog", "To hand on"),
        "suggestions": translate("WorkLog", "Suggestions"),
    }.get(key, key)


def period_label(period: str) -> str:
    return sentences.work_period_label(period)


# --- the counts ---------------------------------------------------------------------------


@dataclass
class Counts:
    contacts: int = 0
    complaints_registered: int = 0
    complaints_resolved: int = 0
    callbacks_done: int = 0
    callbacks_unreachable: int = 0
    swaps: int = 0
    handovers_written: int = 0
    handovers_acknowledged: int = 0

    def add(self, other: Counts) -> None:
        for key in COUNT_KEYS:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def items(self) -> list[tuple[str, int]]:
        return [(key, getattr(self, key)) for key in COUNT_KEYS]


def _span(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(first, dt.time()), dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time()
    )


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value)).date()


def counts_by_day(agent_id: int, first: dt.date, last: dt.date) -> dict[dt.date, Counts]:
    """What the agent did on each day from ``first`` to ``last``, read from the records."""
    start, end = _span(first, last)
    out: dict[dt.date, Counts] = defaultdict(Counts)

    def bump(day: Any, key: str) -> None:
        counts = out[_day(day)]
        setattr(counts, key, getattr(counts, key) + 1)

    timed: tuple[tuple[Any, Any, tuple[Any, ...], str], ...] = (
        (ContactRecord.came_in_at, ContactRecord.agent, (), "contacts"),
        (Complaint.received_at, Complaint.created_by, (), "complaints_registered"),
        (
            Complaint.resolved_at,
            Complaint.handler,
            (Complaint.status.in_(("resolved", "closed")),),
            "complaints_resolved",
        ),
        (HandoverEntry.at, HandoverEntry.outgoing, (), "handovers_written"),
        (HandoverEntry.acknowledged_at, HandoverEntry.incoming, (), "handovers_acknowledged"),
    )
    for stamp, owner, extra, key in timed:
        stamps = stamp.model.select(stamp).where(
            owner == agent_id, stamp >= start, stamp < end, *extra
        )
        for (at,) in stamps.tuples():
            bump(at, key)
    for at, status in (
        CallbackTask.select(CallbackTask.completed_at, CallbackTask.status)
        .where(
            CallbackTask.assignee == agent_id,
            CallbackTask.status.in_(("done", "unreachable")),
            CallbackTask.completed_at >= start,
            CallbackTask.completed_at < end,
        )
        .tuples()
    ):
        bump(at, "callbacks_done" if status == "done" else "callbacks_unreachable")
    swaps = SwapRequest.select(SwapRequest.give_date, SwapRequest.return_date).where(
        SwapRequest.status == "approved",
        (SwapRequest.requester == agent_id) | (SwapRequest.colleague == agent_id),
        ((SwapRequest.give_date >= first) & (SwapRequest.give_date <= last))
        | ((SwapRequest.return_date >= first) & (SwapRequest.return_date <= last)),
    )
    for give, back in swaps.tuples():
        for day in {_day(give), _day(back)}:
            if first <= day <= last:
                bump(day, "swaps")
    return dict(out)


# --- shifts and arrival -------------------------------------------------------------------


@dataclass(frozen=True)
class Duty:
    shifts: str  # the shifts' names, "白班 + 晚班"
    starts_at: dt.datetime | None  # the first shift's start


def duties(agent_id: int, first: dt.date, last: dt.date) -> dict[dt.date, Duty]:
    entries = (
        RosterEntry.select(RosterEntry.on_date, Shift.name, Shift.segments)
        .join(Shift)
        .where(
            RosterEntry.agent == agent_id,
            RosterEntry.on_date >= first,
            RosterEntry.on_date <= last,
        )
        .tuples()
    )
    by_day: dict[dt.date, list[tuple[dt.datetime | None, str]]] = defaultdict(list)
    for on_date, name, segments in entries:
        day = _day(on_date)
        try:
            start = dt.datetime.combine(day, parse_segments(segments)[0][0])
        except ValueError:
            start = None
        by_day[day].append((start, name))
    out = {}
    for day, shifts in by_day.items():
        shifts.sort(key=lambda s: s[0] or dt.datetime.max)
        out[day] = Duty(" + ".join(name for _s, name in shifts), shifts[0][0])
    return out


def arrivals(agent_id: int, first: dt.date, last: dt.date) -> dict[dt.date, dt.datetime]:
    """The first login or handover acknowledgement of each day."""
    start, end = _span(first, last)
    out: dict[dt.date, dt.datetime] = {}

    def seen(at: Any) -> None:
        if at is None:
            return
        moment = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))
        day = moment.date()
        if day not in out or moment < out[day]:
            out[day] = moment

    for (at,) in (
        AuditLog.select(AuditLog.at)
        .where(
            AuditLog.user == agent_id,
            AuditLog.action == "login",
            AuditLog.at >= start,
            AuditLog.at < end,
        )
        .tuples()
    ):
        seen(at)
    for (at,) in (
        HandoverEntry.select(HandoverEntry.acknowledged_at)
        .where(
            HandoverEntry.incoming == agent_id,
            HandoverEntry.acknowledged_at >= start,
            HandoverEntry.acknowledged_at < end,
        )
        .tuples()
    ):
        seen(at)
    return out


def arrival_text(early_minutes: int | None) -> str:
    """Early or late against the shift's start, in words."""
    if early_minutes is None:
        return ""
    if early_minutes >= ARRIVE_EARLY_MINUTES:
        return translate("WorkLog", "{n} min early").format(n=early_minutes)
    if early_minutes >= 0:
        return translate("WorkLog", "{n} min early (less than {least})").format(
            n=early_minutes, least=ARRIVE_EARLY_MINUTES
        )
    return translate("WorkLog", "{n} min late").format(n=-early_minutes)


# --- a day --------------------------------------------------------------------------------


@dataclass
class WorkDay:
    """One agent's day as the work log shows it (plain values)."""

    agent_id: int
    day: dt.date
    counts: Counts
    shifts: str = ""
    shift_start: dt.datetime | None = None
    arrived_at: dt.datetime | None = None
    notes: dict[str, str] = field(default_factory=lambda: dict.fromkeys(NOTE_FIELDS, ""))
    version: int = 0  # 0: no notes written yet
    editable: bool = False  # for the one who asked

    @property
    def early_minutes(self) -> int | None:
        if self.arrived_at is None or self.shift_start is None:
            return None
        return int((self.shift_start - self.arrived_at).total_seconds() // 60)

    @property
    def arrival(self) -> str:
        return arrival_text(self.early_minutes)


def may_edit_notes(viewer: User, agent_id: int, day: dt.date) -> bool:
    """The agent on the day itself; a manager at any time."""
    if can(viewer, "worklog.review"):
        return True
    return viewer.id == agent_id and day == now().date() and can(viewer, "work")


def _check_may_see(viewer: User, agent_id: int) -> None:
    if viewer.id != agent_id and not can(viewer, "worklog.review"):
        raise PermissionDenied(
            translate("WorkLog", "Only a manager sees another agent's work log.")
        )


def work_days(viewer: User, agent_id: int, first: dt.date, last: dt.date) -> list[WorkDay]:
    """The agent's days from ``first`` to ``last`` (each day, worked or not)."""
    _check_may_see(viewer, agent_id)
    counts = counts_by_day(agent_id, first, last)
    duty = duties(agent_id, first, last)
    arrived = arrivals(agent_id, first, last)
    logs = {
        _day(w.day): w
        for w in WorkLog.select().where(
            WorkLog.agent == agent_id, WorkLog.day >= first, WorkLog.day <= last
        )
    }
    out = []
    day = first
    while day <= last:
        log = logs.get(day)
        shift = duty.get(day)
        out.append(
            WorkDay(
                agent_id=agent_id,
                day=day,
                counts=counts.get(day, Counts()),
                shifts=shift.shifts if shift else "",
                shift_start=shift.starts_at if shift else None,
                arrived_at=arrived.get(day),
                notes={k: getattr(log, k) for k in NOTE_FIELDS}
                if log
                else dict.fromkeys(NOTE_FIELDS, ""),
                version=log.version if log else 0,
                editable=may_edit_notes(viewer, agent_id, day),
            )
        )
        day += dt.timedelta(days=1)
    return out


def last_day_with_notes(agent_id: int, before: dt.date) -> dt.date | None:
    """The agent's latest day before ``before`` with a problem noted (a day worth showing)."""
    row = (
        WorkLog.select(WorkLog.day)
        .where(WorkLog.agent == agent_id, WorkLog.day < before, WorkLog.note != "")
        .order_by(WorkLog.day.desc())
        .first()
    )
    return _day(row.day) if row is not None else None


def work_day(viewer: User, agent_id: int, day: dt.date) -> WorkDay:
    return work_days(viewer, agent_id, day, day)[0]


@use_case
def save_notes(
    actor: User, agent_id: int, day: dt.date, notes: dict[str, str], *, expected_version: int
) -> WorkLog:
    """Write the day's notes (``expected_version`` 0 when none were written yet)."""
    require(actor, "work")
    validation.check_dates({"day": day})
    if not may_edit_notes(actor, agent_id, day):
        raise PermissionDenied(
            translate(
                "WorkLog",
                "The notes of a past day are closed: only the manager can change them now.",
            )
        )
    unknown = set(notes) - set(NOTE_FIELDS)
    if unknown:
        raise TypeError(f"unknown work log notes: {', '.join(sorted(unknown))}")
    values = {k: str(v or "").strip() for k, v in notes.items()}
    errors = {
        k: translate("WorkLog", "At most {n} characters.").format(n=MAX_NOTE)
        for k, v in values.items()
        if len(v) > MAX_NOTE
    }
    if errors:
        raise ValidationError(errors)
    log = WorkLog.get_or_none(WorkLog.agent == agent_id, WorkLog.day == day)
    if log is None:
        if expected_version:
            raise NotFound(translate("WorkLog", "These notes are no longer there."))
        log = WorkLog.create(agent=agent_id, day=day, **values)
        audit.record_create(actor, log, summary=f"{day.isoformat()}")
        return log
    save_changes(actor, log, values, expected_version=expected_version, summary=day.isoformat())
    return log


# --- weekly and monthly summaries ---------------------------------------------------------


def period_bounds(period: str, first_day: dt.date) -> tuple[dt.date, dt.date]:
    """The period's first and last day: the Monday's week, or the month of ``first_day``."""
    if period == "week":
        monday = first_day - dt.timedelta(days=first_day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if period == "month":
        month = Month.of(first_day)
        return month.first_day, month.last_day
    raise ValidationError({"period": translate("WorkLog", "A summary is weekly or monthly.")})


@dataclass
class PeriodSummary:
    agent_id: int
    agent_name: str
    employee_no: str
    period: str
    first_day: dt.date
    last_day: dt.date
    counts: Counts
    figures: list[tuple[str, str, str]]  # (key, label, value as shown)
    days: list[WorkDay]
    summary: str = ""
    comment: str = ""
    commented_by: str = ""
    version: int = 0
    may_write: bool = False  # the summary text: the agent (or a manager)
    may_comment: bool = False  # the manager's comment

    @property
    def days_on_duty(self) -> int:
        return sum(1 for d in self.days if d.shifts)

    @property
    def late_days(self) -> int:
        return sum(1 for d in self.days if d.early_minutes is not None and d.early_minutes < 0)


def _figures_for(agent_id: int, first: dt.date, last: dt.date) -> list[tuple[str, str, str]]:
    """The agent's contact figures over the days, by the catalogue's own definitions."""
    values = figures.contact_figures_between(first, last, agent_id)
    return [
        (key, figures.CATALOGUE[key].title(), figures.text(key, values[key]))
        for key in SUMMARY_FIGURES
    ]


def period_summary(viewer: User, agent_id: int, period: str, first_day: dt.date) -> PeriodSummary:
    _check_may_see(viewer, agent_id)
    first, last = period_bounds(period, first_day)
    agent = User.get_or_none(User.id == agent_id)
    if agent is None:
        raise NotFound(translate("WorkLog", "No such agent."))
    days = work_days(viewer, agent_id, first, last)
    total = Counts()
    for d in days:
        total.add(d.counts)
    row = WorkSummary.get_or_none(
        WorkSummary.agent == agent_id, WorkSummary.period == period, WorkSummary.first_day == first
    )
    commenter = ""
    if row is not None and row.commented_by_id:
        by = User.get_or_none(User.id == row.commented_by_id)
        commenter = by.name if by else ""
    return PeriodSummary(
        agent_id=agent_id,
        agent_name=agent.name,
        employee_no=agent.employee_no,
        period=period,
        first_day=first,
        last_day=last,
        counts=total,
        figures=_figures_for(agent_id, first, last),
        days=days,
        summary=row.summary if row else "",
        comment=row.comment if row else "",
        commented_by=commenter,
        version=row.version if row else 0,
        may_write=viewer.id == agent_id or can(viewer, "worklog.review"),
        may_comment=can(viewer, "worklog.review"),
    )


def team(viewer: User) -> list[User]:
    """Whose work logs the viewer sees: a manager everyone's (agents and managers), else
    their own."""
    if not can(viewer, "worklog.review"):
        return [viewer]
    return sorted(active_users(("agent", "manager")), key=lambda u: (u.employee_no, u.id))


def summaries(viewer: User, period: str, first_day: dt.date) -> list[PeriodSummary]:
    return [period_summary(viewer, u.id, period, first_day) for u in team(viewer)]


def _summary_row(agent_id: int, period: str, first: dt.date) -> WorkSummary | None:
    return WorkSummary.get_or_none(
        WorkSummary.agent == agent_id, WorkSummary.period == period, WorkSummary.first_day == first
    )


@use_case
def save_summary(
    actor: User,
    agent_id: int,
    period: str,
    first_day: dt.date,
    *,
    summary: str | None = None,
    comment: str | None = None,
    expected_version: int,
) -> WorkSummary:
    """The agent's summary text, or the manager's comment on it."""
    first, _last = period_bounds(period, first_day)
    validation.check_dates({"first_day": first})
    if summary is not None and actor.id != agent_id and not can(actor, "worklog.review"):
        raise PermissionDenied(translate("WorkLog", "An agent writes their own summary."))
    if comment is not None:
        require(actor, "worklog.review")
    changes: dict[str, Any] = {}
    if summary is not None:
        changes["summary"] = summary.strip()
    if comment is not None:
        changes["comment"] = comment.strip()
        changes["commented_by"] = actor.id
        changes["commented_at"] = now()
    too_long = {
        k: translate("WorkLog", "At most {n} characters.").format(n=MAX_NOTE)
        for k in ("summary", "comment")
        if len(changes.get(k, "")) > MAX_NOTE
    }
    if too_long:
        raise ValidationError(too_long)
    row = _summary_row(agent_id, period, first)
    if row is None:
        if expected_version:
            raise NotFound(translate("WorkLog", "This summary is no longer there."))
        row = WorkSummary.create(agent=agent_id, period=period, first_day=first, **changes)
        summary = sentences.say("worklog.summary", period=period, first=first.isoformat())
        audit.record_create(actor, row, summary=summary)
        return row
    save_changes(
        actor,
        row,
        changes,
        expected_version=expected_version,
        summary=sentences.say("worklog.summary", period=period, first=first.isoformat()),
    )
    return row
