"""The handover log 交接日志: equipment, difficult open issues and staffing at each change of shift.

Open issues carry over from handover to handover until someone closes them.
"""

from __future__ import annotations

import datetime as dt

from app import audit, validation
from app.auth import require
from app.clock import now
from app.errors import ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes, select_with
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
    audit.record_create(actor, entry, summary=translate("Handover", "Handover"))
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
    save_changes(actor, entry, changes, summary=translate("Handover", "Acknowledged"))
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
