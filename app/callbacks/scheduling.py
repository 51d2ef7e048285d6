"""Callbacks a person schedules by hand (regular care, a follow-up) and giving open callbacks to
someone else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app import sentences
from app.auth import can, require
from app.callbacks.kinds import SCHEDULED_BY_HAND
from app.callbacks.tasks import make_task
from app.callbacks.workflow import CALLBACK
from app.clock import now
from app.errors import NotFound, ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes
from models import CallbackTask, Customer, User


@use_case
def schedule_manual(
    actor: User,
    customer_id: int,
    due_at: dt.datetime,
    reason: str,
    *,
    kind: str = "followup",
    assignee_id: int | None = None,
) -> CallbackTask:
    """A callback a person schedules by hand: regular care or a follow-up."""
    require(actor, "work")
    errors: dict[str, str] = {}
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound(translate("Callbacks", "This customer no longer exists."))
    if kind not in SCHEDULED_BY_HAND:
        errors["kind"] = translate("Callbacks", "Choose regular care or follow-up.")
    if due_at < now() - dt.timedelta(minutes=5):
        errors["due_at"] = translate("Callbacks", "The callback time cannot be in the past.")
    if not reason.strip():
        errors["reason"] = translate("Callbacks", "Say what the callback is for.")
    assignee = assignee_id or actor.id
    if assignee != actor.id and not can(actor, "callback.manage"):
        errors["assignee"] = translate(
            "Callbacks", "Only a manager can give a callback to someone else."
        )
    elif User.get_or_none(User.id == assignee, User.active) is None:
        errors["assignee"] = translate("Callbacks", "Choose an active colleague.")
    if errors:
        raise ValidationError(errors)
    stamp = now().strftime("%Y%m%d%H%M%S")
    serial = CallbackTask.select().where(CallbackTask.customer == customer_id).count()
    return make_task(
        kind=kind,
        event_key=f"manual:{customer_id}:{stamp}:{serial}:{actor.id}",
        due_at=due_at,
        assignee=assignee,
        reason=reason.strip(),
        actor=actor,
        customer=customer_id,
    )[0]


@use_case
def reassign(actor: User, task_ids: Iterable[int], assignee_id: int) -> int:
    """Give open tasks to another agent (manager only). Returns how many changed hands."""
    require(actor, "callback.manage")
    assignee = User.get_or_none(User.id == assignee_id, User.active)
    if assignee is None or not can(assignee, "work"):
        raise ValidationError({"assignee": translate("Callbacks", "Choose an active colleague.")})
    ids = sorted(set(task_ids))
    if not ids:
        raise ValidationError(translate("Callbacks", "Choose at least one callback."))
    changed = 0
    for task in CallbackTask.select().where(CallbackTask.id.in_(ids)):
        if not CALLBACK.offers(task, "reassign") or task.assignee_id == assignee.id:
            continue
        save_changes(
            actor,
            task,
            {"assignee": assignee.id},
            summary=sentences.say("callbacks.given_to", name=assignee.name),
        )
        changed += 1
    return changed
