"""Making callback tasks and finding them: the pieces the kinds' event handlers, the care batch
and the tasks scheduled by hand share. A task an event makes is made once, however often the
event is announced (its ``event_key``), also when two desks announce it at the same instant."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee

from app import audit
from app.callbacks.workflow import OPEN_STATUSES
from app.errors import NotFound
from app.i18n import translate
from models import CallbackTask, Complaint, Customer, Installation, Repair, User


def make_task(
    *,
    kind: str,
    event_key: str,
    due_at: dt.datetime,
    assignee: User | int | None,
    reason: str,
    actor: User | None,
    customer: Customer | int | None = None,
    complaint: Complaint | None = None,
    repair: Repair | None = None,
    installation: Installation | None = None,
) -> tuple[CallbackTask, bool]:
    """Make a task unless the same event already made one: (the task, whether it is new)."""
    existing = CallbackTask.get_or_none(
        CallbackTask.kind == kind, CallbackTask.event_key == event_key
    )
    if existing is not None:
        return existing, False
    db = CallbackTask._meta.database
    try:
        with db.atomic():
            task = CallbackTask.create(
                kind=kind,
                event_key=event_key[:80],
                due_at=due_at.replace(microsecond=0),
                assignee=assignee,
                reason=reason[:200],
                customer=customer,
                complaint=complaint,
                repair=repair,
                installation=installation,
            )
    except peewee.IntegrityError:
        # another desk made it at the same instant
        task = CallbackTask.get(CallbackTask.kind == kind, CallbackTask.event_key == event_key)
        return task, False
    audit.record_create(actor, task)  # its kind is in the row's changes, by its label
    return task, True


def stamp(value: dt.date | dt.datetime | None) -> str:
    """A date or time as it goes into an event key."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d%H%M%S")
    return value.strftime("%Y%m%d")


def open_task_for(kind: str, **related: Any) -> CallbackTask | None:
    """The open task of ``kind`` about one record (``complaint=12``), if any."""
    (name, value), *_ = related.items()
    return (
        CallbackTask.select()
        .where(
            CallbackTask.kind == kind,
            getattr(CallbackTask, name) == value,
            CallbackTask.status.in_(OPEN_STATUSES),
        )
        .first()
    )


def default_assignee(handler_id: int | None, actor: User | None) -> int | None:
    """The one who handled the event; the one who recorded it if that person has left."""
    if handler_id is not None and User.get_or_none(User.id == handler_id, User.active):
        return handler_id
    return actor.id if actor is not None else handler_id


def get_task(task_id: int) -> CallbackTask:
    task = CallbackTask.get_or_none(CallbackTask.id == task_id)
    if task is None:
        raise NotFound(translate("Callbacks", "This callback no longer exists."))
    return task
