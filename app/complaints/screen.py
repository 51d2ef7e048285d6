"""What the complaint screen shows, read in one go as plain values (off the GUI thread): the
fields, the timeline in the viewer's language, the choices of its lists and what the user may do
with it now (the transition table)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.auth import can
from app.complaints import labels, service
from app.complaints.workflow import COMPLAINT
from app.contacts import editable_contact
from models import User


@dataclass(frozen=True)
class TimelineRow:
    at: dt.datetime
    step: str
    author: str
    note: str


@dataclass(frozen=True)
class ComplaintScreen:
    id: int
    number: str
    version: int
    status: str
    voided: bool
    overdue: bool
    needs_manager: bool
    complainant: str
    contact: str
    customer_id: int | None
    customer_name: str
    received_at: dt.datetime
    channel: str
    category: str
    severity: str
    order_no: str
    promised_at: dt.datetime | None
    content: str
    handler_id: int | None
    handler: str
    principles: list[str]
    result: str
    satisfaction: int | None
    timeline: list[TimelineRow]  # the steps after the registration
    created_by: str = ""
    channel_label: str = ""
    channels: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    handlers: list[tuple[int, str]] = field(default_factory=list)
    actions: frozenset[str] = frozenset()
    reopen_refusal: str | None = None
    may_reassign: bool = False
    may_void: bool = False

    @property
    def reopen_offered(self) -> bool:
        """Reopen shows as a button: allowed, or explained (a closed complaint is the
        manager's)."""
        return "reopen" in self.actions or (
            "edit" in self.actions and self.status in COMPLAINT_REOPEN_FROM
        )


COMPLAINT_REOPEN_FROM = frozenset(
    state for row in COMPLAINT.transitions if row.action == "reopen" for state in row.sources
)


def _person(user: User | None) -> str:
    return f"{user.name}（{user.employee_no}）" if user is not None else "-"


def complaint_screen(user: User, complaint_id: int) -> ComplaintScreen:
    """Everything the complaint screen shows for ``user`` (raises NotFound)."""
    c = service.get_complaint(complaint_id)
    customer = c.customer if c.customer_id else None
    handler = c.handler if c.handler_id else None
    timeline = [
        TimelineRow(s.at, labels.step_label(s.kind), service.step_author(s), service.step_text(s))
        for s in service.steps_of(c.id)
    ]
    channels = service.channels()
    categories = service.categories()
    may_reassign = service.can_reassign(user)
    return ComplaintScreen(
        id=c.id,
        number=c.number,
        version=c.version,
        status=c.status,
        voided=c.voided,
        overdue=service.is_overdue(c),
        needs_manager=service.needs_manager(c),
        complainant=c.complainant,
        contact=editable_contact(c.contact),
        customer_id=c.customer_id,
        customer_name=customer.name if customer is not None else "",
        received_at=c.received_at,
        channel=c.channel,
        category=c.category,
        severity=c.severity,
        order_no=c.order_no,
        promised_at=c.promised_at,
        content=c.content,
        handler_id=c.handler_id,
        handler=_person(handler) if handler is not None else "-",
        principles=service.principles_of(c),
        result=c.result,
        satisfaction=c.satisfaction,
        timeline=timeline,
        created_by=service.creator_name(c),
        channel_label=labels.channel_label(c.channel),
        channels=channels if c.channel in channels else [*channels, c.channel],
        categories=categories if c.category in categories else [*categories, c.category],
        handlers=[(u.id, _person(u)) for u in service.handlers()] if may_reassign else [],
        actions=COMPLAINT.allowed_actions(user, c),
        reopen_refusal=service.reopen_refusal(user, c),
        may_reassign=may_reassign,
        may_void=can(user, "complaint.delete"),
    )
