"""The handover log 交接日志: equipment, difficult open issues and staffing at each change of shift.

Open issues carry over from handover to handover until someone closes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app import audit, clock, validation
from app.auth import can, require
from app.clock import now
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes, select_with
from app.roster.roster import entries_between, roster_people
from app.roster.shifts import list_shifts
from models import HandoverEntry as HandoverEntry  # re-exported: the types screens hold
from models import HandoverIssue as HandoverIssue
from models import Shift, SwapRequest, User


@use_case
def record_handover(
    actor: User,
    *,
    incoming: User | None,
    shift: Shift | None,
    equipment: str,
    staffing: str = "",
    notes: str = "",
    new_issues: list[str] | None = None,
    at: dt.datetime | None = None,
) -> HandoverEntry:
    """The outgoing agent (``actor``) writes the handover; new difficult issues open with it."""
    require(actor, "work")
    errors: dict[str, str] = {}
    if not equipment.strip():
        errors["equipment"] = translate("Handover", "Describe the state of the equipment.")
    if incoming is not None and incoming.id == actor.id:
        errors["incoming"] = translate("Handover", "The incoming agent is someone else.")
    if at is not None and (problem := validation.date_problem(at)) is not None:
        errors["at"] = problem
    if errors:
        raise ValidationError(errors)
    entry = HandoverEntry.create(
        at=at or now(),
        outgoing=actor.id,
        incoming=incoming.id if incoming else None,
        shift=shift.id if shift else None,
        equipment=equipment.strip(),
        staffing=staffing.strip(),
        notes=notes.strip(),
    )
    audit.record_create(actor, entry, summary=actor.name)
    for text in new_issues or []:
        if text.strip():
            issue = HandoverIssue.create(opened_in=entry.id, text=text.strip())
            audit.record_create(actor, issue, summary=text.strip()[:60])
    return entry


@use_case
def acknowledge(actor: User, entry: HandoverEntry | int) -> HandoverEntry:
    """The incoming agent confirms they took over (anyone but the outgoing one if none named)."""
    entry = HandoverEntry.get_by_id(entry if isinstance(entry, int) else entry.id)
    require(actor, "work")
    if entry.acknowledged_at is not None:
        raise ValidationError(translate("Handover", "This handover is already acknowledged."))
    incoming = entry.incoming
    if incoming is not None and incoming.id != actor.id:
        raise ValidationError(
            translate("Handover", "Only {name}, the incoming agent, can acknowledge it.").format(
                name=incoming.name
            )
        )
    if entry.outgoing_id == actor.id:
        raise ValidationError(translate("Handover", "You cannot acknowledge your own handover."))
    changes: dict = {"acknowledged_at": now()}
    if entry.incoming_id is None:
        changes["incoming"] = actor.id
    save_changes(actor, entry, changes, summary=actor.name)
    return entry


@use_case
def close_issue(actor: User, issue: HandoverIssue | int, resolution: str) -> HandoverIssue:
    require(actor, "work")
    issue = HandoverIssue.get_by_id(issue if isinstance(issue, int) else issue.id)
    if issue.closed_at is not None:
        raise ValidationError(translate("Handover", "This issue is already closed."))
    if not resolution.strip():
        raise ValidationError(
            {"resolution": translate("Handover", "Say how the issue was settled.")}
        )
    save_changes(
        actor,
        issue,
        {"closed_at": now(), "closed_by": actor.id, "resolution": resolution.strip()},
        summary=issue.text[:60],
    )
    return issue


def open_issues() -> list[HandoverIssue]:
    """Every difficult issue still open, oldest first: each handover carries them over."""
    return list(
        HandoverIssue.select(HandoverIssue, HandoverEntry)
        .join(HandoverEntry)
        .where(HandoverIssue.closed_at.is_null())
        .order_by(HandoverEntry.at, HandoverIssue.id)
    )


def carried_into(entry: HandoverEntry) -> list[HandoverIssue]:
    """Issues opened before ``entry`` and still open at its time (listed with it)."""
    return list(
        HandoverIssue.select(HandoverIssue, HandoverEntry)
        .join(HandoverEntry)
        .where(
            HandoverEntry.at < entry.at,
            HandoverIssue.closed_at.is_null() | (HandoverIssue.closed_at > entry.at),
        )
        .order_by(HandoverEntry.at, HandoverIssue.id)
    )


def history(limit: int = 200, offset: int = 0) -> list[HandoverEntry]:
    return list(
        select_with(HandoverEntry, "outgoing", "incoming", "shift")
        .order_by(HandoverEntry.at.desc(), HandoverEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )


def awaiting_acknowledgement(user: User) -> list[HandoverEntry]:
    return list(
        HandoverEntry.select().where(
            HandoverEntry.incoming == user, HandoverEntry.acknowledged_at.is_null()
        )
    )


def staffing_today(day: dt.date) -> str:
    """Approved swaps touching ``day``: a starting text for the staffing-changes field."""
    swaps = SwapRequest.select().where(
        SwapRequest.status == "approved",
        (SwapRequest.give_date == day) | (SwapRequest.return_date == day),
    )
    lines = []
    for swap in swaps:
        if swap.give_date == day:
            lines.append(
                translate("Handover", "{shift}: {taker} works for {giver} (swap no. {id})").format(
                    shift=swap.give_shift.name,
                    taker=swap.colleague.name,
                    giver=swap.requester.name,
                    id=swap.id,
                )
            )
        if swap.return_date == day:
            lines.append(
                translate("Handover", "{shift}: {taker} works for {giver} (swap no. {id})").format(
                    shift=swap.return_shift.name,
                    taker=swap.requester.name,
                    giver=swap.colleague.name,
                    id=swap.id,
                )
            )
    return "\n".join(lines)


def get_entry(entry_id: int) -> HandoverEntry | None:
    return HandoverEntry.get_or_none(HandoverEntry.id == entry_id)


def get_issue(issue_id: int) -> HandoverIssue:
    return HandoverIssue.get_by_id(issue_id)


# --- what the handover page shows, read off the GUI thread ------------------------------------


def may_acknowledge(user: User, entry: HandoverEntry) -> bool:
    """The incoming agent (anyone but the outgoing one when none is named) confirms once."""
    return bool(
        can(user, "work")
        and entry.acknowledged_at is None
        and entry.outgoing_id != user.id
        and entry.incoming_id in (None, user.id)
    )


@dataclass(frozen=True)
class IssueLine:
    id: int
    since: dt.datetime
    raised_by: str
    text: str
    closed_at: dt.datetime | None = None
    closed_by: str = ""
    resolution: str = ""


def _issue_line(issue: HandoverIssue) -> IssueLine:
    closer = issue.closed_by if issue.closed_by_id else None
    return IssueLine(
        issue.id,
        issue.opened_in.at,
        issue.opened_in.outgoing.name,
        issue.text,
        issue.closed_at,
        closer.name if closer is not None else "",
        issue.resolution,
    )


def _name(record: User | Shift | None) -> str:
    return record.name if record is not None else ""


@dataclass(frozen=True)
class EntryRow:
    id: int
    at: dt.datetime
    shift: str
    outgoing: str
    incoming: str
    acknowledged_at: dt.datetime | None


@dataclass(frozen=True)
class ShiftChoice:
    id: int
    label: str


@dataclass(frozen=True)
class HandoverLog:
    """The open issues, the history, and the form's choices: the colleagues, the shifts, the
    user's shift today and the staffing changes today's approved swaps suggest."""

    issues: list[IssueLine]
    entries: list[EntryRow]
    more: bool
    colleagues: list[User]
    shifts: list[ShiftChoice]
    my_shift_today: int | None
    staffing: str


def handover_log(user: User, limit: int) -> HandoverLog:
    today = clock.today()
    entries = history(limit=limit)
    mine = entries_between(today, today, agent=user)
    return HandoverLog(
        issues=[_issue_line(i) for i in open_issues()],
        entries=[
            EntryRow(
                e.id,
                e.at,
                _name(e.shift if e.shift_id else None),
                e.outgoing.name,
                _name(e.incoming if e.incoming_id else None),
                e.acknowledged_at,
            )
            for e in entries
        ],
        more=len(entries) >= limit,
        colleagues=[p for p in roster_people() if p.id != user.id],
        shifts=[ShiftChoice(s.id, f"{s.name} {s.segments}") for s in list_shifts()],
        my_shift_today=mine[0].shift_id if mine else None,
        staffing=staffing_today(today),
    )


@dataclass(frozen=True)
class EntryView:
    """One handover as its detail shows it, and whether the reader may acknowledge it."""

    id: int
    at: dt.datetime
    outgoing: str
    incoming: str
    equipment: str
    staffing: str
    notes: str
    opened: list[IssueLine] = field(default_factory=list)
    carried: list[IssueLine] = field(default_factory=list)
    may_acknowledge: bool = False


def entry_view(user: User, entry_id: int) -> EntryView | None:
    entry = (
        select_with(HandoverEntry, "outgoing", "incoming")
        .where(HandoverEntry.id == entry_id)
        .first()
    )
    if entry is None:
        return None
    incoming = entry.incoming if entry.incoming_id else None
    opened = (
        HandoverIssue.select(HandoverIssue, HandoverEntry)
        .join(HandoverEntry)
        .where(HandoverIssue.opened_in == entry.id)
        .order_by(HandoverIssue.id)
    )
    return EntryView(
        id=entry.id,
        at=entry.at,
        outgoing=entry.outgoing.name,
        incoming=incoming.name if incoming is not None else "",
        equipment=entry.equipment,
        staffing=entry.staffing,
        notes=entry.notes,
        opened=[_issue_line(i) for i in opened],
        carried=[_issue_line(i) for i in carried_into(entry)],
        may_acknowledge=may_acknowledge(user, entry),
    )


@use_case
def record_from_form(
    actor: User,
    *,
    incoming_id: int | None,
    shift_id: int | None,
    equipment: str,
    staffing: str = "",
    notes: str = "",
    new_issues: list[str] | None = None,
) -> int:
    """The handover form's save: the people and the shift by id (its id)."""
    incoming = User.get_or_none(User.id == incoming_id) if incoming_id is not None else None
    shift = Shift.get_or_none(Shift.id == shift_id) if shift_id is not None else None
    entry = record_handover(
        actor,
        incoming=incoming,
        shift=shift,
        equipment=equipment,
        staffing=staffing,
        notes=notes,
        new_issues=new_issues,
    )
    return int(entry.id)
